"""Whole-process figures: cold start, peak memory and installed size, pausepost and its peers.

    python benchmarks/footprint.py        # prints the section (run.py puts it in RESULTS.md)

- cold start: a fresh process that loads the tool and checks "hello" (pausepost: its
  command line, `pausepost check hello`; a peer: Python importing it, building it and checking
  one post), median of 5;
- peak memory: the peak resident memory of a fresh process checking the same 400 posts one by
  one (pausepost: `pausepost check --jsonl`), from the kernel's rusage;
- installed size: the bytes on disk of the tool and every package it pulls in, read from the
  packages' RECORD files in its environment (what `pip install` of that one tool into an empty
  environment would write; pausepost's own source counted from src/ as it is installed
  editable here).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    DATASETS,
    ROOT,
    Section,
    load_script,
    peak_memory,
    print_section,
    run_measured,
    table,
)
from peers import (
    COLD_STARTS,
    OFFLINE_ENV,
    PeerUnavailable,
    bench_python,
    installed_size,
    run_peer,
)

TITLE = "Whole process: cold start, peak memory, installed size"
RUNS = 5
WORKLOAD = 400
PEERS = {"presidio-analyzer": "Presidio analyzer (offline, UK recognisers on)",
         "detect-secrets": "detect-secrets", "alt-profanity-check": "alt-profanity-check",
         "better-profanity": "better-profanity"}


def workload() -> list[str]:
    """The same posts for every tool: personal data, secrets and real tweets."""
    import csv

    pii: Any = load_script(ROOT / "eval" / "pii" / "generate.py", "pii_generate")
    secrets: Any = load_script(ROOT / "eval" / "secrets" / "generate.py", "secrets_generate")
    texts = [p["text"] for p in pii.build()][:WORKLOAD // 2]
    texts += [p["text"] for p in secrets.build()][:WORKLOAD // 4]
    tweets = DATASETS / "tweeteval_offensive" / "test.csv"
    if tweets.exists():
        with tweets.open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)][:WORKLOAD - len(texts)]
    return texts


def _cold(command: list[str]) -> tuple[float, str]:
    """Median wall time of RUNS fresh processes, and what went wrong if one failed."""
    runs, failed = [], ""
    for _ in range(RUNS):
        seconds, status = run_measured(command, OFFLINE_ENV)
        if status not in (0, 1):  # pausepost exits 1 when it finds something
            failed = f"exit status {status}"
        runs.append(seconds)
    return statistics.median(runs), failed


def pausepost_size() -> int:
    """pausepost's run-time packages (not the dev or bench extras) plus its source folder."""
    source = ROOT / "src" / "pausepost"
    own = sum(f.stat().st_size for f in source.rglob("*")
              if f.is_file() and "__pycache__" not in f.parts)
    return int(installed_size(["pausepost"])["bytes"]) + own


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB" if size < 10e6 else f"{size / 1e6:.0f} MB"


def measure() -> Section:
    texts = workload()
    rows: list[list[str]] = []
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="pausepost-footprint-") as tmp:
        jsonl = Path(tmp) / "posts.jsonl"
        jsonl.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts),
                         encoding="utf-8")
        plain = Path(tmp) / "posts.json"
        plain.write_text(json.dumps(texts), encoding="utf-8")
        exe = Path(sys.executable).with_name("pausepost")
        cold, _ = _cold([str(exe), "check", "hello"])
        peak, _ = peak_memory([str(exe), "check", "--jsonl", str(jsonl)], OFFLINE_ENV)
        size = pausepost_size()
        figures["pausepost"] = {"cold": cold, "peak": peak, "size": size}
        rows.append(["pausepost (all rules)", f"{cold:.2f} s", f"{peak:.0f} MB",
                     _mb(size)])
        note = ""
        python = bench_python()
        sizes: dict[str, Any] = {}
        try:
            sizes = run_peer("size", {"distributions": list(PEERS)})
        except PeerUnavailable as why:
            note = f"**The peers were not measured in this run:** {why}"
        peers_script = str(Path(__file__).with_name("peers.py"))
        for dist, label in PEERS.items() if sizes else ():
            assert dist in COLD_STARTS
            cold, failed = _cold([str(python), peers_script, "cold", dist])
            peak, status = peak_memory([str(python), peers_script, "cold", dist, str(plain)],
                                       OFFLINE_ENV)
            if failed or status:
                rows.append([label, f"failed ({failed or f'exit status {status}'})", "—",
                             _mb(sizes[dist]["bytes"])])
                continue
            figures[dist] = {"cold": cold, "peak": peak, "size": sizes[dist]["bytes"]}
            rows.append([label, f"{cold:.2f} s", f"{peak:.0f} MB",
                         _mb(sizes[dist]["bytes"])])
    body = [f"Cold start: median of {RUNS} fresh processes checking \"hello\". Peak memory: a "
            f"fresh process checking the same {len(texts)} posts one by one (personal data, "
            "secrets, tweets). Installed size: the tool and every package it pulls in.", ""]
    if note:
        body += [note, ""]
    body += table(["tool", "cold start", "peak memory", "installed size (with dependencies)"],
                  rows)
    body.append("")
    section = Section(TITLE, body)
    presidio = figures.get("presidio-analyzer")
    ours = figures["pausepost"]
    if presidio:
        section.reading = [
            f"- **Whole process.** pausepost starts in {ours['cold']:.2f} s against "
            f"{presidio['cold']:.2f} s for Presidio's analyzer (which imports spaCy even with "
            f"no model) and peaks at {ours['peak']:.0f} MB against {presidio['peak']:.0f} MB. "
            f"Installed, pausepost takes {_mb(ours['size'])}"
            + (" — the most of the tools here" if ours["size"] >= max(
                f["size"] for f in figures.values()) else
               f" against {_mb(presidio['size'])} for Presidio's analyzer")
            + ": its photo and video checks bring OpenCV and ONNX Runtime with RapidOCR's "
            "models, and the local web app FastAPI and uvicorn; checking text needs little of "
            "it. The word-list peers are small because they do one thing."]
    return section


if __name__ == "__main__":
    print_section(measure())
