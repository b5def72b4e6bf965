"""Speed of pausepost, measured: prints the figures and writes benchmarks/RESULTS.md.

    python benchmarks/run.py

- warm single-post check: latency percentiles for posts up to 500 characters;
- batch: posts per second through `check_many` on one core;
- cold start: `pausepost check "hello"` as a fresh process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pausepost
from pausepost.engine import Checker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POSTS = [json.loads(line)["text"] for path in (ROOT / "eval" / "labelled").glob("*.jsonl")
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
TARGETS = {"p99_ms": 10.0, "batch_per_s": 2000.0, "cold_s": 1.0}


def _posts_up_to(limit: int) -> list[str]:
    """The labelled posts, plus long ones built from them, all at most `limit` characters."""
    out = [p for p in POSTS if len(p) <= limit]
    joined = " ".join(POSTS)
    out += [joined[i:i + limit] for i in range(0, min(len(joined), 200 * limit), limit)]
    return out


def warm_latency(checker: Checker) -> dict[str, float]:
    posts = _posts_up_to(500)
    for post in posts[:200]:  # warm caches, as in an open app
        checker.check(post)
    timings = []
    for post in posts * 3:
        start = time.perf_counter()
        checker.check(post)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    pick = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))]  # noqa: E731
    return {"n": len(timings), "p50_ms": pick(0.5), "p95_ms": pick(0.95), "p99_ms": pick(0.99),
            "max_ms": timings[-1]}


def batch_throughput(checker: Checker) -> dict[str, float]:
    posts = POSTS * 4
    start = time.perf_counter()
    count = sum(1 for _ in checker.check_many(posts))
    seconds = time.perf_counter() - start
    return {"n": count, "batch_per_s": count / seconds}


def cold_start() -> dict[str, float]:
    exe = Path(sys.executable).with_name("pausepost")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "pausepost"]
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([*command, "check", "hello"], capture_output=True, check=False)
        runs.append(time.perf_counter() - start)
    return {"cold_s": statistics.median(runs), "cold_max_s": max(runs)}


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    checker = Checker()
    latency = warm_latency(checker)
    batch = batch_throughput(checker)
    cold = cold_start()
    verdict = lambda ok: "met" if ok else "**missed**"  # noqa: E731
    lines = [
        "# pausepost speed",
        "",
        f"Written by `python benchmarks/run.py` on {dt.date.today().isoformat()}: "
        f"pausepost {pausepost.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores (pinned to one), "
        f"{platform.platform(terse=True)}.",
        "",
        "| measure | figure | target | |",
        "|---|---|---|---|",
        f"| warm single check, p50 ({latency['n']} posts ≤ 500 chars) | "
        f"{latency['p50_ms']:.2f} ms | | |",
        f"| warm single check, p95 | {latency['p95_ms']:.2f} ms | | |",
        f"| warm single check, p99 | {latency['p99_ms']:.2f} ms | ≤ 10 ms | "
        f"{verdict(latency['p99_ms'] <= TARGETS['p99_ms'])} |",
        f"| batch, one core ({batch['n']} posts) | {batch['batch_per_s']:,.0f} posts/s | "
        f"≥ 2,000 posts/s | {verdict(batch['batch_per_s'] >= TARGETS['batch_per_s'])} |",
        f"| `pausepost check \"hello\"`, fresh process (median of 5) | {cold['cold_s']:.2f} s | "
        f"≤ 1 s | {verdict(cold['cold_s'] <= TARGETS['cold_s'])} |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (HERE / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
