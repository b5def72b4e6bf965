"""The apology checker: accuracy on the labelled sets, every declared pattern's own examples,
strict loading of its data, spans, suggestions and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pausepost.act.apology import check_apology, default_rules, load_apology_rules
from pausepost.errors import ConfigError, InputError
from tests.conftest import ROOT

LABELLED = ROOT / "eval" / "labelled"
RULES = default_rules()


def _read(name: str) -> list[dict]:
    path = LABELLED / f"apologies-{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.parametrize("name", ["dev", "test"])
def test_labelled_sets_are_large_varied_and_well_formed(name: str) -> None:
    items = _read(name)
    assert len(items) >= 60
    labels = {item["label"] for item in items}
    assert labels == {"qualified", "unqualified"}
    assert all(set(item) == {"id", "text", "label", "kinds"} for item in items)
    kinds = {k for item in items for k in item["kinds"]}
    assert kinds <= set(RULES.kinds), kinds - set(RULES.kinds)
    assert all(item["kinds"] for item in items if item["label"] == "qualified")
    assert not any(item["kinds"] for item in items if item["label"] == "unqualified")


@pytest.mark.parametrize("name", ["dev", "test"])
def test_precision_and_recall_reach_the_target(name: str) -> None:
    tp = fp = fn = 0
    for item in _read(name):
        flagged = check_apology(item["text"]).verdict == "qualified"
        positive = item["label"] == "qualified"
        tp += flagged and positive
        fp += flagged and not positive
        fn += positive and not flagged
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, (tp, fp, fn)


@pytest.mark.parametrize("pattern", RULES.patterns,
                         ids=lambda p: f"{p.kind}:{p.regex.pattern[:30]}")
def test_every_pattern_flags_its_own_examples(pattern) -> None:
    assert pattern.flags, "each pattern needs must-flag examples"
    for example in pattern.flags:
        kinds = check_apology(example).kinds
        assert pattern.kind in kinds, (example, kinds)


@pytest.mark.parametrize("kind", sorted(RULES.kinds))
def test_every_kind_has_patterns_and_passes_its_must_pass_examples(kind: str) -> None:
    spec = RULES.kinds[kind]
    assert any(p.kind == kind for p in RULES.patterns) or kind == "no-apology"
    assert spec.passes, "each kind needs must-pass examples"
    for example in spec.passes:
        assert kind not in check_apology(example).kinds, example


@pytest.mark.parametrize("text, kinds", [
    ("Sorry if anyone was offended, it was just banter.", ["conditional", "minimising"]),
    ("I’m sorry you feel that way, but I stand by it.", ["feelings", "but"]),
    ("Mistakes were made.", ["passive", "no-apology"]),
    ("I didn't mean it. Sorry.", ["intent"]),
    ("sorry not sorry", ["sarcasm"]),
])
def test_issues_name_the_kind_and_the_exact_words(text: str, kinds: list[str]) -> None:
    report = check_apology(text)
    assert report.verdict == "qualified"
    assert report.kinds == kinds
    for issue in report.issues:
        assert text[issue.start:issue.end] == issue.evidence
        assert issue.reason and issue.fix and issue.title


def test_an_unqualified_apology_has_no_issues_and_no_suggestion() -> None:
    report = check_apology("I'm sorry for my post about Sam. It was cruel and untrue. "
                           "I have deleted it and it won't happen again.")
    assert report.verdict == "ok"
    assert report.issues == ()
    assert report.suggestion is None
    assert report.tips == ()
    data = report.to_dict()
    assert data["verdict"] == "ok" and data["citation"]["source"] == "PCS advice to members"


@pytest.mark.parametrize("text, act, who", [
    ("I'm sorry for the post I shared on Saturday, but people overreacted.",
     "the post I shared on Saturday", None),
    ("Sorry if my tweet about the rota upset anyone.", "my tweet about the rota", None),
    ("I'm sorry you feel that way.", "[what I posted, and when]", None),
    ("Apologies to Jess, but it was only a joke.", "[what I posted, and when]", "Jess"),
])
def test_the_suggestion_owns_the_act_names_the_harm_and_is_itself_unqualified(
        text: str, act: str, who: str | None) -> None:
    suggestion = check_apology(text).suggestion
    assert suggestion is not None
    assert f"I am sorry for {act}." in suggestion
    assert (f"it hurt {who}" if who else "[who it hurt, and how]") in suggestion
    assert "will not happen again" in suggestion
    assert check_apology(suggestion).verdict == "ok", check_apology(suggestion).kinds


@pytest.mark.parametrize("bad", ["", "   \n", "\x00\x01binary", 42])
def test_unusable_input_is_an_input_error(bad) -> None:
    with pytest.raises(InputError):
        check_apology(bad)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_a_report_or_an_input_error_and_spans_inside_it(text: str) -> None:
    try:
        report = check_apology(text)
    except InputError:
        return
    for issue in report.issues:
        assert 0 <= issue.start <= issue.end <= len(text)
        assert text[issue.start:issue.end] == issue.evidence
    assert report.verdict in {"ok", "qualified"}


def _rules_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "apology.yaml"
    path.write_text(
        "citation: {source: S, ref: R, summary: X}\n"
        "apology_words: '\\bsorry\\b'\n"
        "kinds:\n  vague:\n    title: T\n    reason: R\n    fix: F\n" + body,
        encoding="utf-8")
    return path


@pytest.mark.parametrize("body, message", [
    ("patterns:\n  - {kind: vague, pattern: 'x', flags: [x], colour: red}\n", ":9: unknown key"),
    ("patterns:\n  - {kind: nope, pattern: 'x', flags: [x]}\n", ":9: unknown kind 'nope'"),
    ("patterns:\n  - {kind: vague, pattern: '(', flags: [x]}\n", ":9: invalid regular"),
    ("patterns:\n  - {kind: vague, pattern: 'x'}\n", "lacks flags"),
])
def test_malformed_rules_are_rejected_with_file_and_line(tmp_path: Path, body: str,
                                                         message: str) -> None:
    path = _rules_file(tmp_path, body)
    with pytest.raises(ConfigError, match=message) as caught:
        load_apology_rules(path)
    assert str(path) in str(caught.value)


def test_rules_from_another_file_are_used(tmp_path: Path) -> None:
    path = _rules_file(tmp_path, "patterns:\n  - {kind: vague, pattern: 'whatevs', "
                                 "flags: [sorry whatevs]}\n")
    rules = load_apology_rules(path)
    assert check_apology("sorry whatevs", rules=rules).kinds == ["vague"]
