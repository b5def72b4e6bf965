"""`pausepost audit`: an export in, every post checked, resumable, reports out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from pausepost.audit.run import run_audit
from pausepost.audit.store import AuditStore

from .conftest import run_cli

RISKY = {
    "1001": ("This f*cking rota again", "conduct.swearing"),
    "1002": ("Door code for the office is 4721#", "security.secure-data"),
    "1003": ("Vote Labour on Thursday! #GTTO", "political.partisan"),
}
CLEAN = ["Lovely walk by the canal today", "Anyone know a good plumber in Leeds?",
         "Great match last night, what a goal"]


def x_archive(path: Path, extra: int = 0) -> Path:
    """An X archive zip in the export's real layout, with planted and clean tweets."""
    tweets = []
    texts = [(i, t) for i, (t, _) in RISKY.items()]
    texts += [(str(2000 + n), CLEAN[n % len(CLEAN)] + f" #{n}") for n in range(3 + extra)]
    for tweet_id, text in texts:
        tweets.append({"tweet": {"id_str": tweet_id, "id": tweet_id, "full_text": text,
                                 "created_at": "Tue Mar 19 14:05:17 +0000 2019",
                                 "favorite_count": "0", "retweet_count": "0",
                                 "entities": {"urls": []}}})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
            [{"account": {"username": "jane_doe", "accountId": "1"}}]))
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(tweets))
    return path


def test_planted_posts_are_found_with_dates_ids_and_links(tmp_path: Path) -> None:
    store = AuditStore(tmp_path / "a.sqlite")
    summary = run_audit(x_archive(tmp_path / "x.zip"), store, workers=1)
    rows = {r["id"]: r for r in store.rows()}
    assert summary.platform == "x" and summary.posts == 6
    for tweet_id, (_, rule) in RISKY.items():
        row = rows[tweet_id]
        assert rule in {f["rule"] for f in row["findings"]}, row
        assert row["url"] == f"https://x.com/jane_doe/status/{tweet_id}"
        assert row["created"].startswith("2019-03-19T14:05:17")
    assert all(rows[str(2000 + n)]["verdict"] == "post" for n in range(3))


def test_a_second_run_checks_nothing_again(tmp_path: Path) -> None:
    store = AuditStore(tmp_path / "a.sqlite")
    export = x_archive(tmp_path / "x.zip")
    assert run_audit(export, store, workers=1).checked_now == 6
    assert run_audit(export, store, workers=1).checked_now == 0
    assert store.checks_done() == 6


def test_a_killed_audit_resumes_to_the_same_result(tmp_path: Path) -> None:
    # large enough that the kill lands mid-audit even on a fast machine (~2,000 posts/s)
    export = x_archive(tmp_path / "x.zip", extra=12000)
    whole = tmp_path / "whole"
    assert run_cli("audit", str(export), "--out", str(whole), "--quiet",
                   "--workers", "1").returncode == 1
    part = tmp_path / "part"
    process = subprocess.Popen([sys.executable, "-m", "pausepost", "audit", str(export),
                                "--out", str(part), "--workers", "1", "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store_path = part / "audit.sqlite"
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some batches are committed, then kill
        time.sleep(0.2)
        if store_path.exists():
            try:
                done = AuditStore(store_path).checks_done()
            except Exception:
                continue
            if done >= 1000:
                break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    interrupted = AuditStore(store_path).checks_done()
    assert 0 < interrupted < 12006
    assert run_cli("audit", str(export), "--out", str(part), "--quiet").returncode == 1
    resumed, complete = AuditStore(store_path), AuditStore(whole / "audit.sqlite")
    assert resumed.checks_done() == 12006  # nothing checked twice
    strip = lambda rows: [(r["key"], r["verdict"], r["findings"]) for r in rows]  # noqa: E731
    assert strip(resumed.rows()) == strip(complete.rows())


def test_reports_and_decisions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("audit", str(x_archive(tmp_path / "x.zip")), "--out", str(out),
                     "--quiet")
    assert result.returncode == 1, result.stderr.decode()
    page = (out / "audit.html").read_text(encoding="utf-8")
    assert "<mark>f*cking</mark>" in page and "https://x.com/jane_doe/status/1002" in page
    assert "src=" not in page and "default-src 'none'" in page  # self-contained
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["posts"] == 6 and data["risky"] == 3
    assert run_cli("audit", "--out", str(out), "--mark", "x:1001", "deleted").returncode == 0
    rows = {r["key"]: r for r in AuditStore(out / "audit.sqlite").rows()}
    assert rows["x:1001"]["decision"] == "deleted"
    bad = run_cli("audit", "--out", str(out), "--mark", "x:1001", "burn")
    assert bad.returncode == 2 and b"decision" in bad.stderr


def test_hostile_zip_entries_are_never_written_or_followed(tmp_path: Path) -> None:
    export = x_archive(tmp_path / "x.zip")
    with zipfile.ZipFile(export, "a") as archive:
        archive.writestr("../../evil.js", "window.YTD.tweets.part0 = []")
        archive.writestr("data/tweets-part1.js", b"\0" * 5_000_000)  # compresses ~1000:1
    out = tmp_path / "out"
    result = run_cli("audit", str(export), "--out", str(out), "--quiet")
    assert result.returncode == 1, result.stderr.decode()
    assert not (tmp_path.parent / "evil.js").exists()
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["posts"] == 6
    assert any("tweets-part1.js" in s["source"] for s in data["skipped"])


def test_a_truncated_zip_is_a_clear_error(tmp_path: Path) -> None:
    export = x_archive(tmp_path / "x.zip")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(export.read_bytes()[:200])
    result = run_cli("audit", str(broken), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 2 and b"Traceback" not in result.stderr


RISKY_TEXT = "Door code for the office is 4721#"
CLEAN_TEXT = "Lovely walk by the canal today"


def _meta(value: object) -> bytes:
    # Meta writes UTF-8 bytes as \u00XX escapes
    def mangle(item: object) -> object:
        if isinstance(item, str):
            return item.encode("utf-8").decode("latin-1")
        if isinstance(item, list):
            return [mangle(v) for v in item]
        if isinstance(item, dict):
            return {mangle(k): mangle(v) for k, v in item.items()}
        return item
    return json.dumps(mangle(value)).encode()


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _exports(tmp_path: Path) -> dict[str, Path]:
    import tarfile

    facebook = _zip(tmp_path / "facebook.zip", {"posts/your_posts_1.json": _meta([
        {"timestamp": 1552997117, "data": [{"post": RISKY_TEXT}], "title": "Jane updated"},
        {"timestamp": 1552997118, "data": [{"post": CLEAN_TEXT + " café 😀"}]}])})
    outbox = {"orderedItems": [
        {"type": "Create", "object": {"id": "https://mastodon.social/users/j/statuses/1",
                                      "url": "https://mastodon.social/@j/1", "type": "Note",
                                      "published": "2019-03-19T14:05:17Z",
                                      "content": f"<p>{RISKY_TEXT}</p>"}},
        {"type": "Create", "object": {"id": "https://mastodon.social/users/j/statuses/2",
                                      "url": "https://mastodon.social/@j/2", "type": "Note",
                                      "published": "2019-03-20T14:05:17Z",
                                      "content": f"<p>{CLEAN_TEXT}</p>"}}]}
    mastodon = tmp_path / "mastodon.tar.gz"
    with tarfile.open(mastodon, "w:gz") as archive:
        data = json.dumps(outbox).encode()
        info = tarfile.TarInfo("outbox.json")
        info.size = len(data)
        archive.addfile(info, __import__("io").BytesIO(data))
    linkedin = tmp_path / "linkedin"
    linkedin.mkdir()
    (linkedin / "Shares.csv").write_text(
        "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
        f'2019-03-19 14:05:17,https://www.linkedin.com/feed/update/1,"{RISKY_TEXT}",,,MEMBER\n'
        f'2019-03-20 14:05:17,https://www.linkedin.com/feed/update/2,"{CLEAN_TEXT}",,,MEMBER\n',
        encoding="utf-8")
    reddit = tmp_path / "reddit"
    reddit.mkdir()
    (reddit / "comments.csv").write_text(
        "id,permalink,date,ip,subreddit,gildings,link,parent,body\n"
        f"c1,/r/leeds/comments/x/y/c1/,2019-03-19 14:05:17 UTC,,leeds,0,,,{RISKY_TEXT}\n"
        f"c2,/r/leeds/comments/x/y/c2/,2019-03-20 14:05:17 UTC,,leeds,0,,,{CLEAN_TEXT}\n",
        encoding="utf-8")
    jsonl = tmp_path / "posts.jsonl"
    jsonl.write_text(json.dumps({"id": "1", "text": RISKY_TEXT}) + "\n"
                     + json.dumps({"id": "2", "text": CLEAN_TEXT}) + "\n", encoding="utf-8")
    return {"facebook": facebook, "mastodon": mastodon, "linkedin": linkedin,
            "reddit": reddit, "jsonl": jsonl}


def test_every_platform_export_is_audited_end_to_end(tmp_path: Path) -> None:
    for platform, export in _exports(tmp_path).items():
        store = AuditStore(tmp_path / f"{platform}.sqlite")
        summary = run_audit(export, store, workers=1)
        assert summary.platform == platform and summary.posts == 2, platform
        rows = store.rows()
        risky = [r for r in rows if r["verdict"] != "post"]
        assert [r["text"].strip() for r in risky] == [RISKY_TEXT], platform
        assert "security.secure-data" in {f["rule"] for f in risky[0]["findings"]}
        assert risky[0]["created"] is None or risky[0]["created"].startswith("2019-03-19")
    facebook = AuditStore(tmp_path / "facebook.sqlite").rows()
    assert any("café 😀" in r["text"] for r in facebook)  # the encoding mended


def test_a_policy_change_rechecks_only_what_it_must(tmp_path: Path) -> None:
    export = x_archive(tmp_path / "x.zip")
    store = AuditStore(tmp_path / "a.sqlite")
    assert run_audit(export, store, workers=1).checked_now == 6
    profile = tmp_path / "me.yaml"
    profile.write_text("political_group: restricted\n", encoding="utf-8")
    assert run_audit(export, store, workers=1, profile=str(profile)).checked_now == 6
    assert run_audit(export, store, workers=1, profile=str(profile)).checked_now == 0
    vote = next(r for r in store.rows() if r["id"] == "1003")
    assert {f["level"] for f in vote["findings"] if f["rule"] == "political.partisan"} == {
        "error"}


def test_an_audit_runs_with_the_network_off(tmp_path: Path) -> None:
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network access attempted')\n"
        "socket.socket.connect = socket.create_connection = socket.getaddrinfo = refuse\n"
        "from pausepost.cli import main\n"
        f"sys.exit(main(['audit', {str(x_archive(tmp_path / 'x.zip'))!r}, '--out', "
        f"{str(tmp_path / 'o')!r}, '--quiet', '--workers', '1']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.returncode == 1, result.stderr.decode()
    assert (tmp_path / "o" / "audit.html").exists()


def test_media_in_an_export_is_checked_with_media_flag(tmp_path: Path) -> None:
    export = x_archive(tmp_path / "x.zip")
    photo = (Path(__file__).resolve().parents[1] / "examples" / "whiteboard.png").read_bytes()
    with zipfile.ZipFile(export, "a") as archive:
        archive.writestr("data/tweets_media/2000-board.png", photo)
    store = AuditStore(tmp_path / "a.sqlite")
    run_audit(export, store, workers=1)
    board = next(r for r in store.rows() if r["id"] == "2000")
    assert board["verdict"] == "post"  # text only: the photo is not looked at
    assert run_audit(export, store, workers=1, media=True).checked_now == 6  # new rules
    board = next(r for r in store.rows() if r["id"] == "2000")
    parts = {f["where"]["part"] for f in board["findings"] if f["rule"] == "security.secure-data"}
    assert parts == {"image:0"}
