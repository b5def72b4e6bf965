"""Policy packs and profiles load strictly; a user pack can extend a shipped one."""

from __future__ import annotations

import pytest

import pausepost
from pausepost.errors import ConfigError
from pausepost.policy.loader import (
    RULE_IDS,
    available_departments,
    available_packs,
    load_policy,
    load_topic_pack,
)
from pausepost.profile import load_profile


def test_shipped_packs_define_every_rule_with_citations() -> None:
    assert {"civil-service", "dwp"} <= set(available_packs())
    for name in ("civil-service", "dwp"):
        policy = load_policy(name)
        assert set(policy.rules) == set(RULE_IDS)
        for spec in policy.rules.values():
            assert spec.citations, spec.id
            assert spec.example and spec.instead and spec.why and spec.advice


def test_dwp_extends_civil_service_and_cites_its_paragraphs() -> None:
    policy = load_policy("dwp")
    assert policy.chain == ("civil-service", "dwp")
    refs = {c.ref for spec in policy.rules.values() for c in spec.citations
            if c.source == "DWP Standards of Behaviour"}
    assert {"para 31", "para 33", "para 35", "para 52"} <= refs
    assert any(c.ref == "4.4.13" for c in policy.rule("political.partisan").citations)


def test_wording_paraphrases_rather_than_copies_the_guidance() -> None:
    from pathlib import Path
    guidance = (Path(__file__).resolve().parents[2] / "shared" / "guidance"
                / "pcs-dwp-social-media-advice.txt")
    if not guidance.exists():
        pytest.skip("shared guidance not beside the checkout")
    source = " ".join(guidance.read_text(encoding="utf-8").lower().split())
    policy = load_policy("dwp")
    for spec in policy.rules.values():
        for text in (spec.advice, spec.why, *(c.summary for c in spec.citations)):
            words = text.lower().split()
            # no run of 12 consecutive words copied from the source
            for i in range(len(words) - 11):
                assert " ".join(words[i:i + 12]) not in source, (spec.id, text)


def test_at_least_six_departments_have_topic_packs() -> None:
    departments = available_departments()
    assert {"dwp", "hmrc", "home-office", "dhsc", "dfe", "moj"} <= set(departments)
    assert len(load_topic_pack("dwp").topics) >= 15


def test_a_user_pack_extends_a_shipped_one_and_changes_levels(tmp_path) -> None:
    pack = tmp_path / "council.yaml"
    pack.write_text(
        "id: council\nname: A council\nextends: civil-service\n"
        "rules:\n  conduct.swearing:\n    level: error\n"
        "    citations:\n      - {source: Council code, ref: '7.1', summary: Be civil.}\n"
        "lexicons:\n  swear_mild: [flipping]\n"
    )
    report = pausepost.check("flipping printer", policy=pack)
    assert [(f.rule, f.level) for f in report.findings] == [("conduct.swearing", "error")]
    assert report.findings[0].citations[0].source == "Council code"


@pytest.mark.parametrize(("body", "needle"), [
    ("id: x\nname: X\nextends: civil-service\nrulez: {}\n", ":4: unknown key 'rulez'"),
    ("id: x\nname: X\nextends: civil-service\nrules:\n  conduct.swearin: {}\n",
     ":5: unknown rule id"),
    ("id: x\nname: X\nextends: civil-service\nrules:\n  conduct.swearing:\n    level: loud\n",
     ":6: level must be one of"),
    ("id: x\nname: X\nextends: civil-service\nlexicons:\n  swears: [a]\n", "unknown lexicon"),
    ("id: x\nname: X\nextends: x.yaml\n", "loop"),
    ("id: x\nname: X\n", "incomplete"),
    ("id: x\nname: X\nextends: civil-service\npatterns:\n  conduct.threat:\n"
     "    - {id: bad, match: '(unclosed'}\n", "pattern 'bad' match"),
    ("id: x\nid: y\n", "duplicate key"),
    ("id: x\nname: X\nextends: civil-service\nrewrites:\n  conduct.swear: {default: ''}\n",
     ":5: unknown rule id"),
    ("id: x\nname: X\nextends: civil-service\nrewrites:\n  conduct.swearing:\n"
     "    words: {damn: 5}\n", ":6: rewrites.conduct.swearing.words must map"),
    ("id: x\nname: X\nextends: civil-service\nrewrites:\n  conduct.swearing:\n"
     "    instead: x\n", "unknown key 'instead'"),
])
def test_malformed_packs_are_rejected_with_file_and_line(tmp_path, body, needle) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=None) as info:
        load_policy(path)
    assert needle in str(info.value)
    assert str(path) in str(info.value) or "loop" in needle


@pytest.mark.parametrize(("body", "needle"), [
    ("colour: blue\n", ":1: unknown key 'colour'"),
    ("political_group: loud\n", ":1: political_group must be one of"),
    ("pre_election:\n  - {start: 2029-05-01, end: 2029-04-01}\n", "ends before it starts"),
    ("allow_words: bloody\n", "allow_words must be a list"),
    ("pause_minutes: -3\n", "pause_minutes"),
])
def test_malformed_profiles_are_rejected(tmp_path, body, needle) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    assert needle in str(info.value)


def test_a_profile_file_changes_what_is_raised(tmp_path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("department: hmrc\npolitical_group: restricted\nallow_words: [bloody]\n"
                    "own_names: ['@me_myself']\n")
    report = pausepost.check("Bloody hell, vote Labour! The loan charge is a disgrace",
                             profile=path)
    levels = {f.rule: f.level for f in report.findings}
    assert levels.get("political.partisan") == "error"
    assert levels.get("political.own-department") == "error"
    assert "conduct.swearing" not in levels


def test_the_rules_page_of_the_docs_is_up_to_date() -> None:
    from pathlib import Path

    from pausepost.output.docs import rules_markdown

    page = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == rules_markdown(load_policy("dwp")), (
        "docs/rules.md is stale: run `pausepost rules --format markdown > docs/rules.md`")


def test_rewrites_come_from_the_pack_and_a_child_pack_overrides_them(tmp_path) -> None:
    report = pausepost.check("The f*cking rota again, my NI number is QQ 12 34 56 C")
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["conduct.swearing"].suggestion == "flipping"
    assert by_rule["disclosure.personal-data"].suggestion == "[details removed]"
    quoted = pausepost.check("so true", quote="The f*cking rota again")
    assert all(f.suggestion is None for f in quoted.findings)  # not the author's words
    pack = tmp_path / "mine.yaml"
    pack.write_text("id: mine\nname: Mine\nextends: dwp\nrewrites:\n  conduct.swearing:\n"
                    "    words: {fucking: very}\n")
    mine = pausepost.check("The f*cking rota again", policy=pack)
    assert [f.suggestion for f in mine.findings if f.rule == "conduct.swearing"] == ["very"]
    assert load_policy(pack).rewrite("conduct.swearing", "crap") == "rubbish"  # inherited


def test_applying_the_suggested_rewrites_clears_their_findings() -> None:
    """The page's Apply button must fix what it claims to: a placeholder such as
    "[details removed]" must not itself read as a password."""
    import json
    from pathlib import Path

    from pausepost.engine import Checker

    checker = Checker()
    dev = Path(__file__).resolve().parents[1] / "eval" / "labelled" / "dev.jsonl"
    fixed = tried = 0
    for line in dev.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        found = [f for f in checker.check(text).findings if f.suggestion is not None]
        if not found:
            continue
        rewritten = text
        for finding in sorted(found, key=lambda f: -(f.where.start or 0)):
            rewritten = (rewritten[:finding.where.start] + (finding.suggestion or "")
                         + rewritten[finding.where.end:])
        tried += 1
        left = checker.check(rewritten).rules_at("warning") if rewritten.strip() else set()
        fixed += not (left & {f.rule for f in found})
    assert tried >= 100
    assert fixed / tried >= 0.95, (fixed, tried)
