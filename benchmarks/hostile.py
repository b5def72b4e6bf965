"""Hostile posts: the slowest-to-check posts of up to the 100,000-character limit.

A post made of thousands of findings (e-mail addresses, logins, addresses, numbers, insults) is
what an attacker, or a pasted spreadsheet, sends. Each must still be answered in seconds: these
figures caught overlap checks and per-word regex compiles that grew with the square of the
number of findings.
"""

from __future__ import annotations

import time
from typing import Any

TITLE = "Hostile posts: the slowest posts up to the size limit"
TARGET_S = 2.0
LIMIT = 100_000


def _fill(unit: str, lead: str = "") -> str:
    """`lead` then `unit` repeated up to the size limit."""
    return (lead + unit * (LIMIT // len(unit)))[:LIMIT]


def posts() -> dict[str, str]:
    """Each hostile post by name."""
    many_emails = " ".join(f"p{i}@example.co.uk" for i in range(6000))
    return {
        "6,000 different e-mail addresses": ("write to " + many_emails)[:LIMIT],
        "the same login over and over": _fill("a@b.co ", "login is "),
        "a street address over and over": _fill("12 Rookery Lane, ", "We're at "),
        "phone numbers": " ".join(f"07700 900{i % 1000:03d}" for i in range(7000))[:LIMIT],
        "National Insurance numbers": _fill("QQ 12 34 56 C, ", "NI numbers: "),
        "an insult over and over": _fill("you absolute muppet ", "@dave "),
        "one sentence of swearing": _fill("f*ck sh1t "),
        "quotation marks everywhere": _fill('"idiot" he said "moron" '),
        "a digit run": _fill("1-"),
        "a hashtag over and over": _fill("#ToriesOut "),
        "emoji": _fill("😡🖕 "),
    }


def measure() -> dict[str, Any]:
    """Seconds to check each hostile post (best of two, warm)."""
    from pausepost.engine import Checker

    checker = Checker()
    checker.check("warm up")
    figures: dict[str, Any] = {}
    for name, text in posts().items():
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            report = checker.check(text)
            best = min(best, time.perf_counter() - start)
        figures[name] = (best, len(text), len(report.findings))
    return figures


def section() -> Any:
    """This benchmark as a part of RESULTS.md (benchmarks/run.py)."""
    from common import Section, Target, table

    figures = measure()
    worst = max(figures.values(), key=lambda f: f[0])
    body = ["One warm checker, best of two runs per post.", "",
            *table(["post", "characters", "findings", "seconds"],
                   [[name, f"{chars:,}", f"{found:,}", f"{seconds:.2f}"]
                    for name, (seconds, chars, found) in figures.items()]), ""]
    return Section(TITLE, body, targets=[Target(
        f"every hostile post of up to {LIMIT:,} characters checked in ≤ {TARGET_S:.0f} s",
        f"slowest {worst[0]:.2f} s", worst[0] <= TARGET_S)])


if __name__ == "__main__":
    for name, (seconds, chars, found) in measure().items():
        print(f"{name}: {seconds:.2f} s ({chars:,} characters, {found:,} findings)")
