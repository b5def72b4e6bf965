"""The shipped per-rule models: pure-Python scores equal scikit-learn's, inputs are never test."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import pausepost
from pausepost.classifier.rules import default_rule_models

ROOT = Path(__file__).resolve().parents[1]
PARITY = ROOT / "tests" / "data" / "rules_parity.jsonl"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_rules", ROOT / "training" /
                                                  "train_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pure_python_scores_match_scikit_learn() -> None:
    models = default_rule_models()
    lines = [json.loads(line) for line in PARITY.read_text(encoding="utf-8").splitlines()]
    assert len(lines) >= 50
    for line in lines:
        got = models.scores(line["text"])
        for rule, expected in line["probabilities"].items():
            assert got[rule] == pytest.approx(expected, abs=1e-9), (rule, line["text"][:60])


def test_scores_do_not_depend_on_the_token_memo() -> None:
    """The character block is summed from a per-token memo: a cold memo, a warm one and one
    cleared halfway give the same scores."""
    from pausepost.classifier.rules import RuleModels

    texts = [json.loads(line)["text"] for line in
             PARITY.read_text(encoding="utf-8").splitlines()][:40]
    cold = RuleModels.load()
    first = [cold.scores(t) for t in texts]
    assert [cold.scores(t) for t in texts] == first
    fresh = RuleModels.load()
    for t in texts[:20]:
        fresh.scores(t)
    fresh._token_memo.clear()
    assert [fresh.scores(t) for t in reversed(texts)] == list(reversed(first))


def test_training_never_reads_the_held_out_test_set(script: ModuleType) -> None:
    names = {p.name for p in script.TRAINING_INPUTS}
    assert "test.jsonl" not in names
    assert all("test" not in n for n in names)
    with pytest.raises(ValueError, match="test split"):
        script.check_input(ROOT / "eval" / "labelled" / "test.jsonl")
    assert names >= script.THRESHOLD_INPUTS


def test_the_model_file_records_its_inputs() -> None:
    metadata = default_rule_models().metadata
    recorded = {Path(i["path"]).name for i in metadata["training_inputs"]}
    assert recorded == {"train_a.jsonl", "train_b.jsonl", "val_c.jsonl", "train_d.jsonl",
                        "train_e.jsonl", "train_f.jsonl", "train_g.jsonl", "train_h.jsonl",
                        "train_i.jsonl", "train_j.jsonl", "train_k.jsonl", "train_l.jsonl",
                        "train_m.jsonl", "train_n.jsonl",
                        "dev.jsonl"}


def test_the_own_department_model_follows_the_profile_department() -> None:
    """The model learnt DWP's matters: another department's author is judged on their own
    department's topics, and neutral job talk is left alone."""
    from pausepost.profile import Profile

    view = "The two-child limit is pushing kids into poverty and it needs to go"
    assert "political.own-department" in pausepost.check(view).rules_at("warning")
    hmrc = pausepost.check(view, profile=Profile(department="hmrc"))
    assert "political.own-department" not in hmrc.rules_at("warning")

    from pausepost.detectors.rule_model import RuleModelDetector
    from pausepost.engine import Checker
    from pausepost.text.document import Document

    checker = Checker()
    detector = RuleModelDetector(checker.policy, checker.profile)

    def gated(text: str) -> bool:
        return detector._gated("political.own-department", Document(text), 0, len(text))

    assert gated("Worth a look if you're disabled and on Universal Credit: check if you're "
                 "eligible")  # job talk about a topic
    assert gated("Lovely walk by the river this morning")  # no topic of the department
    assert not gated(view)


@pytest.mark.parametrize(("text", "rule"), [
    ("Keep messaging her until she gives in, she'll crack eventually", "conduct.harassment"),
    ("Someone should teach that landlord a proper lesson he won't forget", "conduct.threat"),
])
def test_the_models_catch_phrasings_the_patterns_do_not(text: str, rule: str) -> None:
    report = pausepost.check(text)
    assert rule in report.rules_at("warning")


def test_a_quoted_threat_reported_by_its_victim_is_not_a_threat() -> None:
    report = pausepost.check('Got a message saying "I know where you live". Reported it.')
    assert "conduct.threat" not in report.rules_at("warning")
