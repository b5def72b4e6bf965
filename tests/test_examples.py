"""The shared smoke examples: every `expect` rule raised at warning or above, nothing else."""

from __future__ import annotations

import json

import pytest

import pausepost
from tests.conftest import SHARED

EXAMPLES = SHARED / "examples" / "posts.jsonl"
CASES = ([json.loads(line) for line in EXAMPLES.read_text().splitlines() if line.strip()]
         if EXAMPLES.exists() else [])


@pytest.mark.skipif(not CASES, reason="shared examples not beside the checkout")
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_shared_example(case) -> None:
    raised = pausepost.check(case["text"]).rules_at("warning")
    assert set(case["expect"]) <= raised
    assert raised <= set(case["expect"]) | set(case["allow"])
