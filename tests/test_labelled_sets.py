"""The project's labelled sets are well formed, and dev accuracy does not regress.

dev.jsonl is what the rules were developed on, so its figures only guard against regressions;
the honest figures come from test.jsonl (eval/run.py), which no rule was tuned on.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pausepost.evaluation import evaluate, read_labelled
from pausepost.policy.loader import TEXT_RULE_IDS

LABELLED = Path(__file__).resolve().parents[1] / "eval" / "labelled"
SCORED_RULES = [r for r in TEXT_RULE_IDS if r != "info.trade-union"]


@pytest.mark.parametrize("name", ["dev", "test"])
def test_set_is_well_formed_with_enough_posts_per_rule(name: str) -> None:
    items = [json.loads(line) for line in (LABELLED / f"{name}.jsonl").read_text().splitlines()]
    assert len({i["id"] for i in items}) == len(items)
    assert len({i["text"] for i in items}) == len(items)
    counts: Counter[str] = Counter()
    for item in items:
        labels = set(item["expect"]) | set(item.get("allow", ())) | set(item.get("notes", ()))
        assert labels <= set(TEXT_RULE_IDS), item["id"]
        counts.update(item["expect"])
        counts.update(item.get("notes", ()))
    for rule in SCORED_RULES:
        assert counts[rule] >= 25, (rule, counts[rule])  # must-flag posts for every rule
    assert counts["info.trade-union"] >= 20
    clean = [i for i in items if not i["expect"] and not i.get("notes")]
    assert len(clean) >= 150  # must-pass posts


def test_dev_accuracy_does_not_regress() -> None:
    result = evaluate(read_labelled(LABELLED / "dev.jsonl"))
    low = {rule: round(s.f1, 2) for rule, s in result.scores.items() if s.f1 < 0.85}
    assert not low, f"F1 below 0.85 on dev: {low}"
    assert result.clean_flag_rate < 0.03
