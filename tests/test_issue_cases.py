"""The behaviours the core issue names, as must-flag and must-pass posts (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pausepost

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "data" / "issue_cases.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_case(case) -> None:
    report = pausepost.check(case["text"])
    assert report.rules_at("warning") == set(case["expect"]), case["why"]
    for rule in case.get("notes", ()):
        assert rule in report.rules and rule not in report.rules_at("warning")
