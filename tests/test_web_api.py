"""The web app's JSON API: same answers as the Python API, bad input refused with a clear 4xx
(never a 500), and only this machine's page may use it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import pausepost
from pausepost.web.app import create_app
from pausepost.web.uploads import media_kind

from .test_audit import x_archive
from .test_media_codes import paste, render, scene

TOKEN = "test-token"
BASE = "http://127.0.0.1:8765"
AUTH = {"x-pausepost-token": TOKEN}
FILE = {**AUTH, "content-type": "application/octet-stream"}
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def client(home: Path) -> Iterator[TestClient]:
    app = create_app(token=TOKEN, data_dir=home)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as test_client:
        yield test_client


def _png(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return out.getvalue()


def _wifi_photo() -> bytes:
    code = render("WIFI:T:WPA;S:OfficeNet;P:Welcome123;;", scale=6)
    return _png(paste(scene(900, 700, seed=3), code, 300, 200))


@pytest.mark.parametrize("post", [
    {"text": "Office wifi is DWP-Guest and the password is Welcome123, f*ck it"},
    {"text": "so true", "quote": "Vote Labour on Thursday!", "audience": "followers"},
    {"text": "Lovely walk with the dog this morning 🐶 café £5 naïve"},
    {"text": "My NI number is QQ 12 34 56 C, ring me on 07700 900123", "audience": "private"},
])
def test_check_returns_exactly_what_the_python_api_returns(client: TestClient,
                                                           post: dict[str, Any]) -> None:
    response = client.post("/api/check", json=post, headers=AUTH)
    assert response.status_code == 200
    expected = pausepost.check(post["text"], quote=post.get("quote"),
                               audience=post.get("audience", "public")).to_dict()
    assert response.json() == expected


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip() and "\x00" not in t))
def test_any_text_gets_the_python_api_answer_or_a_clear_4xx(client: TestClient,
                                                            text: str) -> None:
    response = client.post("/api/check", json={"text": text}, headers=AUTH)
    try:
        expected: Any = pausepost.check(text).to_dict()
    except pausepost.errors.PausepostError as exc:  # type: ignore[attr-defined]
        assert response.status_code == 422
        assert response.json() == {"error": str(exc)}
    else:
        assert response.status_code == 200
        assert response.json() == expected


@pytest.mark.parametrize(("request_kwargs", "status", "words"), [
    ({"content": b"x" * (2 * 2**20), "headers": {**AUTH, "content-type": "application/json"}},
     413, "too large"),
    ({"content": "text=hello", "headers": {**AUTH, "content-type":
                                           "application/x-www-form-urlencoded"}},
     415, "send JSON"),
    ({"content": b"{not json", "headers": {**AUTH, "content-type": "application/json"}},
     422, "JSON"),
    ({"json": {"text": ""}, "headers": AUTH}, 422, "empty"),
    ({"json": {"text": "hi", "audience": "everyone"}, "headers": AUTH}, 422, "audience"),
    ({"json": {"text": "hi", "colour": "red"}, "headers": AUTH}, 422, "colour"),
    ({"json": {"text": 5}, "headers": AUTH}, 422, "text"),
    ({"json": ["hi"], "headers": AUTH}, 422, ""),
    ({"json": {"text": "a" * 100_001}, "headers": AUTH}, 422, "100,000 characters"),
    ({"json": {"text": "hi\x00there"}, "headers": AUTH}, 422, "binary"),
    ({"json": {"text": "", "images": ["nope"]}, "headers": AUTH}, 404, "no upload"),
])
def test_bad_check_requests_get_a_clear_json_4xx(client: TestClient,
                                                 request_kwargs: dict[str, Any], status: int,
                                                 words: str) -> None:
    response = client.post("/api/check", **request_kwargs)
    assert response.status_code == status
    error = response.json()["error"]
    assert isinstance(error, str) and words in error


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1:9999",
                                  "192.168.1.10:8765", ""])
def test_a_wrong_host_header_is_refused(client: TestClient, host: str) -> None:
    for method, path in (("GET", "/"), ("GET", "/api/info"), ("POST", "/api/check")):
        response = client.request(method, path, json={"text": "hi"},
                                  headers={**AUTH, "host": host})
        assert response.status_code == 421
        assert "only answers" in response.json()["error"]


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_loopback_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/info", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("headers", [
    {},  # no token
    {"x-pausepost-token": "guess"},
    {**AUTH, "origin": "https://evil.example"},
    {**AUTH, "origin": "null"},
    {**AUTH, "sec-fetch-site": "cross-site"},
])
def test_changes_need_the_token_and_the_same_origin(client: TestClient,
                                                    headers: dict[str, str]) -> None:
    for path, kwargs in (("/api/check", {"json": {"text": "hi"}}),
                         ("/api/uploads?name=a.png", {"content": b"\x89PNG\r\n\x1a\n"}),
                         ("/api/audits/x/decisions", {"json": {"key": "k", "decision": "keep"}})):
        response = client.post(path, headers=headers, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 403, path
        assert "error" in response.json()


def test_same_origin_requests_with_the_token_pass(client: TestClient) -> None:
    response = client.post("/api/check", json={"text": "hi"},
                           headers={**AUTH, "origin": BASE, "sec-fetch-site": "same-origin"})
    assert response.status_code == 200


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for response in (client.get("/"), client.get("/api/info"), client.get("/static/app.css"),
                     client.get("/api/info", headers={"host": "evil.example"})):
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'self'" in policy and "unsafe" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_the_page_carries_the_token_and_loads_nothing_from_elsewhere(client: TestClient) -> None:
    page = client.get("/").text
    assert f'content="{TOKEN}"' in page
    for reference in ("http://", "https://", 'src="//', "href=\"//", "@import", "<script>"):
        assert reference not in page, reference  # no other host, no inline script


def test_openapi_schema_documents_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/check", "/api/uploads", "/api/uploads/{upload_id}/redact", "/api/rules",
                 "/api/audits", "/api/audits/{audit_id}/posts",
                 "/api/audits/{audit_id}/decisions"):
        assert path in schema["paths"], path
    check = schema["paths"]["/api/check"]["post"]["requestBody"]["content"]["application/json"]
    assert check["schema"]["$ref"].endswith("CheckRequest")
    assert client.get("/docs").status_code == 404  # its page loads scripts from a CDN


def test_rules_and_info_come_from_the_active_pack(client: TestClient) -> None:
    rules = client.get("/api/rules").json()
    assert {r["id"] for r in rules["rules"]} == set(pausepost.load_policy().rules)
    assert all(r["citations"] and r["advice"] for r in rules["rules"])
    info = client.get("/api/info").json()
    assert set(info["audiences"]) == {"public", "followers", "friends", "private"}
    assert {p["id"]: p["limit"] for p in info["platforms"]}["x"] == 280


def test_photo_with_a_wifi_code_is_found_redacted_and_downloaded(client: TestClient) -> None:
    upload = client.post("/api/uploads?name=desk.png", content=_wifi_photo(), headers=FILE)
    assert upload.status_code == 201
    item = upload.json()
    assert item["kind"] == "image" and item["name"] == "desk.png"
    report = client.post("/api/check", json={"text": "", "images": [item["id"]]},
                         headers=AUTH).json()
    secure = [f for f in report["findings"] if f["rule"] == "security.secure-data"]
    assert secure and secure[0]["where"]["part"] == "image:0"
    x, y, w, h = secure[0]["where"]["box"]
    assert 290 <= x <= 380 and 190 <= y <= 280 and w > 50 and h > 50  # pasted at (300, 200)
    assert report["verdict"] in {"pause", "stop"}

    done = client.post(f"/api/uploads/{item['id']}/redact", headers=AUTH)
    assert done.status_code == 200
    result = done.json()
    assert result["name"] == "desk.redacted.png"
    assert any(a["rule"] == "security.secure-data" for a in result["actions"])
    assert result["remaining"] == []
    copy = client.get(result["download"])
    assert copy.status_code == 200
    assert 'filename="desk.redacted.png"' in copy.headers["content-disposition"]
    assert Image.open(io.BytesIO(copy.content)).size == (900, 700)


def test_uploads_live_in_a_private_folder_and_are_removed(home: Path) -> None:
    app = create_app(token=TOKEN, data_dir=home)
    with TestClient(app, base_url=BASE) as test_client:
        root = app.state.uploads.root
        assert root.stat().st_mode & 0o077 == 0
        item = test_client.post("/api/uploads?name=../../etc/passwd.png",
                                content=(EXAMPLES / "whiteboard.png").read_bytes(),
                                headers=FILE).json()
        stored = app.state.uploads.get(item["id"]).path
        assert stored.parent.parent == root and stored.name == "passwd.png"
        assert test_client.delete(f"/api/uploads/{item['id']}", headers=AUTH).status_code == 204
        assert not stored.exists()
        test_client.post("/api/uploads?name=b.png",
                         content=(EXAMPLES / "whiteboard.png").read_bytes(), headers=FILE)
        assert any(root.iterdir())
    assert not root.exists()  # the server stopped: every upload is gone


@pytest.mark.parametrize(("body", "words"), [
    (b"hello, not a photo", "not a photo or video"),
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "x.png: not a photo pausepost can read"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 10, ""),
])
def test_uploads_that_are_not_media_get_a_clear_4xx(client: TestClient, body: bytes,
                                                    words: str) -> None:
    response = client.post("/api/uploads?name=x.png", content=body, headers=FILE)
    assert 400 <= response.status_code < 500
    error = response.json()["error"]
    assert words in error
    assert "pausepost-uploads" not in error  # never the private folder's path


def test_a_form_upload_is_refused(client: TestClient) -> None:
    response = client.post("/api/uploads?name=a.png", headers=AUTH,
                           files={"file": ("a.png", b"\x89PNG\r\n\x1a\n")})
    assert response.status_code == 415
    assert "not a form" in response.json()["error"]


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    response = client.post("/api/uploads?name=a.png", content=b"x",
                           headers={**FILE, "content-length": str(600 * 2**20)})
    assert response.status_code == 413


def test_a_body_of_undeclared_length_is_refused_but_no_body_is_fine(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "hi"}'

    streamed = client.post("/api/check", content=chunks(),
                           headers={**AUTH, "content-type": "application/json"})
    assert streamed.status_code == 411
    assert "Content-Length" in streamed.json()["error"]


def test_a_bare_post_with_no_length_header_reaches_the_route() -> None:
    """curl sends a POST with no body and no Content-Length: that is an empty body."""
    import asyncio

    from pausepost.web.security import GuardSettings, LocalGuard

    reached: list[str] = []
    sent: list[dict[str, Any]] = []

    async def route(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    guard = LocalGuard(route, GuardSettings(hosts=frozenset({"127.0.0.1:8765"}), token=TOKEN))
    scope = {"type": "http", "method": "POST", "path": "/api/uploads/x/redact",
             "headers": [(b"host", b"127.0.0.1:8765"), (b"x-pausepost-token", TOKEN.encode())]}
    asyncio.run(guard(scope, receive, send))
    assert reached == ["/api/uploads/x/redact"]
    assert sent[0]["status"] == 200
    assert any(k == b"content-security-policy" for k, _ in sent[0]["headers"])


def test_a_damaged_photo_in_a_check_is_a_problem_not_a_failure(client: TestClient) -> None:
    truncated = (EXAMPLES / "whiteboard.png").read_bytes()[:4000]
    item = client.post("/api/uploads?name=cut.png", content=truncated, headers=FILE)
    assert item.status_code == 201  # its header is intact, so it uploads; the check says why
    report = client.post("/api/check", json={"text": "Our new team room!",
                                             "images": [item.json()["id"]]},
                         headers=AUTH).json()
    assert report["verdict"] == "pause"
    assert report["problems"] and report["problems"][0].startswith("photo 1: cut.png:")
    assert "pausepost-uploads" not in report["problems"][0]


def test_unknown_routes_and_ids_are_json_404s(client: TestClient) -> None:
    for path in ("/api/nothing", "/api/audits/nope", "/api/uploads/nope/redacted",
                 "/api/audits/../../etc/posts"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "error" in response.json()


def test_sniffing_media_kinds() -> None:
    assert media_kind(b"\xff\xd8\xff\xe0") == "image"
    assert media_kind(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image"
    assert media_kind(b"\x00\x00\x00\x18ftypheic") == "image"
    assert media_kind(b"\x00\x00\x00\x18ftypisom") == "video"
    assert media_kind(b"\x1a\x45\xdf\xa3") == "video"
    assert media_kind(b"PK\x03\x04") is None


def test_audit_from_an_upload_is_browsed_filtered_and_marked(client: TestClient,
                                                             tmp_path: Path) -> None:
    export = x_archive(tmp_path / "twitter.zip")
    started = client.post("/api/audits?name=twitter.zip", content=export.read_bytes(),
                          headers=FILE)
    assert started.status_code == 202
    audit_id = started.json()["id"]
    status = _wait(client, audit_id)
    assert status["status"] == "done" and status["platform"] == "x"
    page = client.get(f"/api/audits/{audit_id}/posts").json()
    assert page["matching"] >= 1 and page["posts_in_audit"] >= page["matching"]
    first = page["posts"][0]
    assert first["verdict"] in {"pause", "stop"} and first["findings"]
    rule = first["findings"][0]["rule"]
    assert page["counts"]["rules"][rule] >= 1
    only = client.get(f"/api/audits/{audit_id}/posts", params={"rule": rule}).json()
    assert all(any(f["rule"] == rule for f in p["findings"]) for p in only["posts"])
    marked = client.post(f"/api/audits/{audit_id}/decisions",
                         json={"key": first["key"], "decision": "handled"}, headers=AUTH)
    assert marked.status_code == 200
    handled = client.get(f"/api/audits/{audit_id}/posts",
                         params={"decision": "handled"}).json()
    assert [p["key"] for p in handled["posts"]] == [first["key"]]
    assert handled["posts"][0]["decision"] == "handled"
    undone = client.post(f"/api/audits/{audit_id}/decisions",
                         json={"key": first["key"], "decision": "undecided"}, headers=AUTH)
    assert undone.status_code == 200
    again = client.get(f"/api/audits/{audit_id}/posts", params={"decision": "undecided"}).json()
    assert first["key"] in {p["key"] for p in again["posts"]}
    client.post(f"/api/audits/{audit_id}/decisions",
                json={"key": first["key"], "decision": "handled"}, headers=AUTH)
    bad = client.post(f"/api/audits/{audit_id}/decisions",
                      json={"key": first["key"], "decision": "forget"}, headers=AUTH)
    assert bad.status_code == 422
    missing = client.post(f"/api/audits/{audit_id}/decisions",
                          json={"key": "x:nope", "decision": "keep"}, headers=AUTH)
    assert missing.status_code == 422 and "no such post" in missing.json()["error"]
    assert audit_id in {a["id"] for a in client.get("/api/audits").json()}


def test_an_existing_audit_file_opens_and_a_broken_export_fails_clearly(
        home: Path, tmp_path: Path) -> None:
    from pausepost.audit.run import run_audit
    from pausepost.audit.store import AuditStore

    db = tmp_path / "old.sqlite"
    store = AuditStore(db)
    run_audit(x_archive(tmp_path / "old.zip"), store, workers=1)
    store.close()
    app = create_app(token=TOKEN, data_dir=home, audits=[db])
    with TestClient(app, base_url=BASE) as test_client:
        listed = [a for a in test_client.get("/api/audits").json() if a["file"] == "old.sqlite"]
        assert len(listed) == 1
        # made by the command line, with no notes beside it: described from the file itself
        assert listed[0]["platform"] == "x" and listed[0]["status"] == "done"
        assert listed[0]["total"] == listed[0]["done"] > 0 and listed[0]["started"]
        assert test_client.get(f"/api/audits/{listed[0]['id']}/posts").json()["matching"] >= 1
        broken = io.BytesIO()
        with zipfile.ZipFile(broken, "w") as archive:
            archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = [{not json")
        started = test_client.post("/api/audits?name=broken.zip",
                                   content=broken.getvalue()[:-30], headers=FILE).json()
        status = _wait(test_client, started["id"])
        assert status["status"] == "failed" and status["error"]


def _wait(client: TestClient, audit_id: str, seconds: float = 60) -> dict[str, Any]:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.get(f"/api/audits/{audit_id}").json()
        if status["status"] in {"done", "failed"}:
            return status
        time.sleep(0.1)
    raise AssertionError(f"audit {audit_id} did not finish: {json.dumps(status)}")


def test_pause_holds_a_draft_in_the_same_store_as_the_command_line(client: TestClient,
                                                                   home: Path) -> None:
    from pausepost.act.drafts import DraftStore

    held = client.post("/api/drafts", json={"text": "This f*cking rota", "minutes": 5},
                       headers=AUTH)
    assert held.status_code == 201
    draft = held.json()
    assert draft["state"] == "held" and not draft["ready"]
    assert draft["hold_minutes"] > 5  # a flagged draft waits longer
    assert draft["due_at"].endswith(("Z", "+00:00"))
    stored = DraftStore(home / "drafts.sqlite").get(draft["id"])
    assert stored.text == "This f*cking rota"
    assert draft["id"] in {d["id"] for d in client.get("/api/drafts").json()}

    edited = client.post(f"/api/drafts/{draft['id']}/edit", json={"text": "This rota again"},
                         headers=AUTH).json()
    assert edited["text"] == "This rota again"
    review = client.get(f"/api/drafts/{draft['id']}/review").json()
    assert review["report"]["verdict"] == "post"
    assert review["changes"]["removed"] and review["reminders"]
    early = client.post(f"/api/drafts/{draft['id']}/release", json={}, headers=AUTH)
    assert early.status_code == 422 and "cooling off" in early.json()["error"]
    forced = client.post(f"/api/drafts/{draft['id']}/release", json={"force": True},
                         headers=AUTH)
    assert forced.status_code == 200 and forced.json()["state"] == "released"

    other = client.post("/api/drafts", json={"text": "Lovely day"}, headers=AUTH).json()
    assert client.delete(f"/api/drafts/{other['id']}", headers=AUTH).status_code == 204
    assert client.get(f"/api/drafts/{other['id']}/review").status_code == 404
    assert client.post("/api/drafts", json={"text": ""}, headers=AUTH).status_code == 422
    assert client.post("/api/drafts", json={"text": "hi", "minutes": -1},
                       headers=AUTH).status_code == 422
    assert client.get("/api/drafts/abc/review").status_code == 404
