"""What the benchmark sections share: the section a script returns, scoring and formatting."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATASETS = Path(os.environ.get("PAUSEPOST_DATASETS", ROOT.parent / "shared" / "datasets"))


@dataclass
class Target:
    """One target of the issue: what, the figure reached, met or not."""

    what: str
    figure: str
    met: bool


@dataclass
class Section:
    """One part of RESULTS.md: a heading, its tables and notes, its targets, and a reading of
    the figures (where pausepost is ahead, where behind, why)."""

    title: str
    body: list[str]
    targets: list[Target] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)


def print_section(result: Section) -> None:
    """A section on the terminal, as a script run on its own shows it."""
    print("\n".join([f"## {result.title}", "", *result.body, *result.reading]))
    for target in result.targets:
        print(f"- {target.what}: {target.figure} ({'met' if target.met else 'MISSED'})")


def skipped(title: str, reason: str) -> Section:
    """A section that could not be measured, saying why, so RESULTS.md never hides it."""
    return Section(title, [f"**Not measured in this run:** {reason}", ""])


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def pct(x: float) -> str:
    return f"{x:.1%}"


def rate(x: float) -> str:
    return f"{x:,.0f}"


def times(a: float, b: float) -> str:
    """`a` as a multiple of `b` ("3.4×"), or "—" when `b` is zero."""
    return f"{a / b:.1f}×" if b else "—"


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def all_cores() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))


def best_rate(run: Callable[[], object], count: int, repeats: int = 3) -> float:
    """Items per second, the best of `repeats` runs: other work on the machine can only slow
    a run down, as timeit reports."""
    best = float("inf")
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return count / best if best > 0 else float("inf")


@dataclass
class BinaryScore:
    """Precision, recall and F1 of a yes/no decision against a yes/no label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0


def merge_spans(spans: Iterable[tuple[int, int]], text: str = "") -> list[tuple[int, int]]:
    """Spans joined where they overlap, or (given the text) where only spaces or punctuation
    separate them: one place in the text counts once, however many recognisers or entity
    types fired on it ("claimant's postcode is" + "LS6 5YP" is one finding, not two)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        gap = text[merged[-1][1]:start] if merged and text else None
        if merged and (start <= merged[-1][1] or (
                gap is not None and len(gap) <= 3 and not any(c.isalnum() for c in gap))):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def run_measured(command: Sequence[str], env: dict[str, str] | None = None
                 ) -> tuple[float, int]:
    """Run a fresh process: (wall seconds, exit status)."""
    started = time.perf_counter()
    done = subprocess.run(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env={**os.environ, **(env or {})}, check=False)
    return time.perf_counter() - started, done.returncode


# Run by a small interpreter of its own: a process forked from a large one starts with that
# one's memory high-water mark, so the benchmark's own size would hide the tool's.
_PEAK_HELPER = ("import resource, subprocess, sys\n"
                "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
                " stderr=subprocess.DEVNULL)\n"
                "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_memory(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Peak resident memory of a fresh process in MB (the kernel's rusage), and its exit
    status."""
    done = subprocess.run([sys.executable, "-S", "-c", _PEAK_HELPER, *command],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          check=True)
    status, kilobytes = done.stdout.split()
    return int(kilobytes) / 1024, int(status)


def python_module(path: Path) -> list[str]:
    """The command that runs a script with this interpreter."""
    return [sys.executable, str(path)]


def load_script(path: Path, name: str) -> object:
    """Import a script by path under a name of its own (eval/pii/generate.py and
    eval/media/generate.py would otherwise both be `generate`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
