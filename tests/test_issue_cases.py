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


# Warm, supportive or neutral posts naming a protected characteristic (five frames for each of
# 28 terms): a model must not learn that naming who people are is itself offensive.
IDENTITY = [json.loads(line) for line in
            (Path(__file__).parent / "data" / "identity_mentions.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("case", IDENTITY, ids=[c["text"][:45] for c in IDENTITY])
def test_naming_who_people_are_is_not_a_finding(case) -> None:
    assert pausepost.check(case["text"]).rules_at("warning") == set(), case["why"]
