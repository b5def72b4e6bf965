"""pausepost measured, alone and side by side with its peers: writes benchmarks/RESULTS.md.

    make bench                      # sets up .venv and .venv-bench (the peers), then this
    python benchmarks/run.py        # the same, with the environments already there

Sections, each a function returning a `Section`; one that fails is reported as not measured,
with the reason, and the others go on:

- pausepost on its own: warm latency, batch throughput (one core), cold start, a 12-megapixel
  photo, a 1080p video, an audit of 100,000 posts (benchmarks/media.py, benchmarks/audit.py);
- personal data vs Microsoft Presidio (benchmarks/pii.py);
- secure data vs detect-secrets (benchmarks/secure_data.py);
- offensive language vs alt-profanity-check and better-profanity (benchmarks/offensive.py);
- photos vs Presidio's image redactor with Tesseract (benchmarks/photos.py);
- whole process: cold start, peak memory, installed size (benchmarks/footprint.py);
- optional sections: any module named in OPTIONAL_SECTIONS that exists in this folder.

The peers run in .venv-bench (benchmarks/peers.py); nothing here touches the network.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import DATASETS, Section, Target, all_cores, pin_one_core, skipped  # noqa: E402
from peers import PeerUnavailable, run_peer  # noqa: E402

import pausepost  # noqa: E402
from pausepost.engine import Checker  # noqa: E402

POSTS = [json.loads(line)["text"] for path in (ROOT / "eval" / "labelled").glob("*.jsonl")
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
# Real tweets for throughput (text only, labels unused): TweetEval's offensive train split.
TWEETS = DATASETS / "tweeteval_offensive" / "train.csv"
TARGETS = {"p99_ms": 10.0, "batch_per_s": 2000.0, "cold_s": 1.0}
# Sections other work adds later: benchmarks/<name>.py with `section() -> Section`, or
# `measure() -> dict` (a table of figures) and an optional TITLE. Included when the file exists.
OPTIONAL_SECTIONS: tuple[str, ...] = ("web", "hostile")


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


def batch_throughput(checker: Checker, posts: list[str], repeats: int = 5) -> dict[str, float]:
    """Posts per second over the whole batch; the best of `repeats` runs, as timeit reports,
    because other work on the machine can only slow a run down."""
    best = float("inf")
    count = 0
    for _ in range(repeats):
        start = time.perf_counter()
        count = sum(1 for _ in checker.check_many(posts))
        best = min(best, time.perf_counter() - start)
    return {"n": count, "batch_per_s": count / best}


def cold_start() -> dict[str, float]:
    exe = Path(sys.executable).with_name("pausepost")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "pausepost"]
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([*command, "check", "hello"], capture_output=True, check=False)
        runs.append(time.perf_counter() - start)
    return {"cold_s": statistics.median(runs), "cold_max_s": max(runs)}


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


@dataclass
class _FigureTable:
    """The rows of a figures table and the targets among them, each written once."""

    rows: list[str] = field(default_factory=lambda: ["| measure | figure | target | |",
                                                     "|---|---|---|---|"])
    targets: list[Target] = field(default_factory=list)

    def add(self, what: str, figure: str, target: str = "", met: bool | None = None,
            label: str = "", short: str | None = None) -> None:
        """A row; with `met`, also a target named `label` (figure shown as `short`)."""
        self.rows.append(f"| {what} | {figure} | {target} | "
                         f"{'' if met is None else _verdict(met)} |")
        if met is not None:
            self.targets.append(Target(label, short or figure, met))


def pausepost_alone(checker: Checker) -> Section:
    """The figures the project has always published: speed of pausepost by itself."""
    pin_one_core()  # one core, as the targets say
    latency = warm_latency(checker)
    batch = batch_throughput(checker, POSTS * 4)
    tweets = []
    if TWEETS.exists():
        with TWEETS.open(encoding="utf-8", newline="") as handle:
            tweets = [row["text"] for row in csv.DictReader(handle)][:6000]
    real = batch_throughput(checker, tweets) if tweets else {"n": 0, "batch_per_s": 0.0}
    cold = cold_start()
    table = _FigureTable()
    table.add(f"warm single check, p50 ({latency['n']} posts ≤ 500 chars)",
              f"{latency['p50_ms']:.2f} ms")
    table.add("warm single check, p95", f"{latency['p95_ms']:.2f} ms")
    table.add("warm single check, p99", f"{latency['p99_ms']:.2f} ms", "≤ 10 ms",
              latency["p99_ms"] <= TARGETS["p99_ms"], "Warm single check p99 ≤ 10 ms")
    table.add(f"batch, one core, real tweets ({real['n']:,} TweetEval train texts, best of 5)",
              f"{real['batch_per_s']:,.0f} posts/s", "≥ 2,000 posts/s",
              real["batch_per_s"] >= TARGETS["batch_per_s"],
              "Batch on real tweets ≥ 2,000 posts/s (one core)")
    table.add(f"batch, one core, the labelled sets ({batch['n']:,} posts, ~60% risky, best of 5)",
              f"{batch['batch_per_s']:,.0f} posts/s")
    table.add('`pausepost check "hello"`, fresh process (median of 5)',
              f"{cold['cold_s']:.2f} s", "≤ 1 s", cold["cold_s"] <= TARGETS["cold_s"],
              "Cold start ≤ 1 s")
    all_cores()  # media checks use both cores, as on a laptop
    try:
        from media import TARGETS as MEDIA_TARGETS
        from media import measure as measure_media

        media = measure_media(checker)
        table.add("12-megapixel photo with text, a face and a QR code, warm (median of 5, both "
                  "cores)", f"{media['photo_12mp_s']:.2f} s", "≤ 1.5 s",
                  media["photo_12mp_s"] <= MEDIA_TARGETS["photo_12mp_s"], "12 MP photo ≤ 1.5 s")
        table.add(f"1080p 30 fps video, {media['video_seconds']:.0f} s with scene changes and "
                  "panning",
                  f"{media['video_check_s']:.1f} s = {media['video_speed']:.1f}× real time",
                  "≥ 2× real time", media["video_speed"] >= MEDIA_TARGETS["video_speed"],
                  "1080p video ≥ 2× real time", f"{media['video_speed']:.1f}×")
    except Exception as error:  # reported in the table; the other figures still stand
        table.add("photo and video", f"not measured: {_why(error)}")
    try:
        from audit import TARGETS as AUDIT_TARGETS
        from audit import measure as measure_audit

        audit = measure_audit()
        table.add(f"`pausepost audit` of a generated X archive, {audit['audit_posts']:,.0f} "
                  "posts, text rules, both cores", f"{audit['audit_s']:.1f} s", "≤ 60 s",
                  audit["audit_s"] <= AUDIT_TARGETS["audit_s"], "Audit of 100,000 posts ≤ 60 s")
        table.add("peak memory of that audit (the process and its workers, summed)",
                  f"{audit['audit_mb']:.0f} MB", "≤ 500 MB",
                  audit["audit_mb"] <= AUDIT_TARGETS["audit_mb"], "Audit peak memory ≤ 500 MB")
    except Exception as error:
        table.add("audit", f"not measured: {_why(error)}")
    return Section("pausepost on its own", [*table.rows, ""], table.targets)


def _why(error: BaseException) -> str:
    traceback.print_exception(error, file=sys.stderr)
    return f"{type(error).__name__}: {error}".replace("|", "/").replace("\n", " ")[:300]


def _text_section(module: str) -> Callable[[Checker], Section]:
    """A text comparison: pinned to one core, as the figures it sets beside say."""
    def run(checker: Checker) -> Section:
        pin_one_core()
        return importlib.import_module(module).measure(checker)  # type: ignore[no-any-return]

    return run


def _photos(checker: Checker) -> Section:
    all_cores()
    return importlib.import_module("photos").measure(checker)  # type: ignore[no-any-return]


def _footprint(checker: Checker) -> Section:
    pin_one_core()  # as the cold start above was measured
    return importlib.import_module("footprint").measure()  # type: ignore[no-any-return]


SECTIONS: tuple[tuple[str, Callable[[Checker], Section]], ...] = (
    ("pausepost on its own", pausepost_alone),
    ("Personal data: pausepost vs Microsoft Presidio", _text_section("pii")),
    ("Secure data: pausepost vs detect-secrets", _text_section("secure_data")),
    ("Offensive language: pausepost vs alt-profanity-check and better-profanity",
     _text_section("offensive")),
    ("Photos: pausepost vs Presidio's image redactor", _photos),
    ("Whole process: cold start, peak memory, installed size", _footprint),
)


def _optional(name: str) -> Section | None:
    """An optional section module (e.g. benchmarks/web.py), if it exists."""
    if not (HERE / f"{name}.py").exists():
        return None
    module = importlib.import_module(name)
    title = getattr(module, "TITLE", None) or (module.__doc__ or name).strip().splitlines()[0]
    result: Any = module.section() if hasattr(module, "section") else module.measure()
    if isinstance(result, Section):
        return result
    rows = [f"| {key} | {value:,.2f} |" if isinstance(value, float) else f"| {key} | {value} |"
            for key, value in dict(result).items()]
    return Section(title, ["| measure | figure |", "|---|---|", *rows, ""])


def machine() -> str:
    """The machine in one line: CPU model, cores, memory, OS."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{memory_kb / 1024 / 1024:.0f} GiB"
    except OSError:
        memory = "unknown memory"
    return (f"{model}, {os.cpu_count()} cores, {memory}, {platform.machine()}, "
            f"{platform.platform(terse=True)}")


def versions() -> list[str]:
    """pausepost's and the peers' versions, for the header."""
    out = [f"pausepost {pausepost.__version__}", f"Python {platform.python_version()}"]
    try:
        peers = run_peer("versions", {})
        out += [f"{name} {version}" for name, version in peers.items()]
    except PeerUnavailable as why:
        out.append(f"peers not installed ({why})")
    return out


def make_bench_minutes() -> float | None:
    """Minutes since `make bench` started, set-up included (the Makefile stamps the start in
    build/bench-started); None when this script was run by hand."""
    stamp = ROOT / "build" / "bench-started"
    try:
        started = float(stamp.read_text().strip())
    except (OSError, ValueError):
        return None
    minutes = (time.time() - started) / 60
    return minutes if 0 <= minutes < 120 else None  # an old stamp is not this run's


def render(sections: list[Section], seconds: float) -> str:
    whole = make_bench_minutes()
    targets = [t for s in sections for t in s.targets]
    if whole is not None:
        targets.insert(0, Target("`make bench` under 15 minutes, set-up of .venv, .venv-bench "
                                 "and Tesseract included", f"{whole:.1f} min", whole < 15))
    missed = [t for t in targets if not t.met]
    lines = [
        "# pausepost benchmarks",
        "",
        f"Written by `make bench` (`python benchmarks/run.py`) on {dt.date.today().isoformat()}"
        f": the measurements took {seconds / 60:.1f} minutes"
        + (f", the whole `make bench` {whole:.1f} minutes" if whole is not None else "")
        + f", offline. Machine: {machine()}.",
        "",
        "Versions: " + ", ".join(versions()) + ".",
        "",
        "Every comparison runs pausepost and its peers on the same inputs in the same run; "
        "the peers live in their own environment (`.venv-bench`, the `bench` extra) and are "
        "never needed to use pausepost. Accuracy on public data, per rule and per set, is in "
        "`eval/RESULTS.md` (`make eval`).",
        "",
    ]
    for section in sections:
        lines += [f"## {section.title}", "", *section.body]
    lines += ["## Targets", ""]
    lines += [f"- {t.what}: {t.figure} — {'met' if t.met else '**missed**'}." for t in targets]
    lines += ["", "**Missed in this run:** " + ("; ".join(t.what for t in missed) + "."
                                                 if missed else "none."), ""]
    reading = [r for s in sections for r in s.reading]
    if reading:
        lines += ["## Reading the figures", "", *reading, ""]
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    checker = Checker()
    sections = []
    for title, measure in SECTIONS:
        print(f"… {title}", file=sys.stderr, flush=True)
        try:
            sections.append(measure(checker))
        except Exception as error:  # one section's failure must not hide the others
            sections.append(skipped(title, _why(error)))
    for name in OPTIONAL_SECTIONS:
        try:
            section = _optional(name)
        except Exception as error:
            section = skipped(name, _why(error))
        if section is not None:
            sections.append(section)
    text = render(sections, time.perf_counter() - started)
    print(text)
    (HERE / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
