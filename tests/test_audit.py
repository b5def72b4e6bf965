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
    export = x_archive(tmp_path / "x.zip", extra=6000)
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
    assert 0 < interrupted < 6006
    assert run_cli("audit", str(export), "--out", str(part), "--quiet").returncode == 1
    resumed, complete = AuditStore(store_path), AuditStore(whole / "audit.sqlite")
    assert resumed.checks_done() == 6006  # nothing checked twice
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
