"""Speed and memory of `pausepost audit` on a generated X archive of 100,000 posts
(called by benchmarks/run.py; runnable alone). Texts are real tweets (TweetEval train)
cycled, so the mix of risky and clean posts is realistic."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TWEETS = ROOT.parent / "shared" / "datasets" / "tweeteval_offensive" / "train.csv"
TARGETS = {"audit_s": 60.0, "audit_mb": 500.0}


def build_archive(path: Path, count: int = 100_000) -> Path:
    with TWEETS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    tweets = [{"tweet": {"id_str": str(10**15 + n), "full_text": f"{texts[n % len(texts)]} {n}",
                         "created_at": f"Tue Mar {1 + n % 28:02d} 14:05:17 +0000 "
                                       f"{2012 + n % 12}", "entities": {"urls": []},
                         "favorite_count": "0", "retweet_count": "0"}}
              for n in range(count)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/account.js", "window.YTD.account.part0 = "
                         + json.dumps([{"account": {"username": "bench"}}]))
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(tweets))
    return path


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total, parents = 0, {root}
    for entry in sorted(Path("/proc").iterdir(), key=lambda p: p.name):
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, ppid = int(entry.name), int(fields.get("PPid", "0").strip() or 0)
        if pid in parents or ppid in parents:
            parents.add(pid)
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def measure(count: int = 100_000) -> dict[str, float]:
    """Audit a generated archive in a fresh process; time it and sample the memory of the
    whole process tree (the audit and its workers) ten times a second."""
    with tempfile.TemporaryDirectory(prefix="pausepost-audit-") as tmp:
        export = build_archive(Path(tmp) / "twitter.zip", count)
        exe = Path(sys.executable).with_name("pausepost")
        started = time.perf_counter()
        process = subprocess.Popen([str(exe), "audit", str(export), "--out",
                                    str(Path(tmp) / "o"), "--quiet"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(0.1)
        took = time.perf_counter() - started
        if process.returncode not in (0, 1):
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "")
    return {"audit_posts": float(count), "audit_s": took, "audit_mb": peak}


if __name__ == "__main__":
    print(measure())
