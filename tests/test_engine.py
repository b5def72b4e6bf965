"""The engine and the report: BRIEF §3 shape, offsets, levels, profiles, quotes, guards."""

from __future__ import annotations

import datetime as dt

import pytest

import pausepost
from pausepost.engine import Checker, Post
from pausepost.errors import InputError
from pausepost.profile import Profile


def test_report_has_exactly_the_brief_shape() -> None:
    report = pausepost.check("This f*cking laptop has crashed")
    data = report.to_dict()
    assert set(data) == {"verdict", "findings", "redactions"}
    assert data["verdict"] == "pause"
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "level", "confidence", "where", "evidence", "message",
                            "advice", "citations"}
    assert finding["where"] == {"part": "text", "start": 5, "end": 12}
    assert finding["evidence"] == "f*cking"
    assert 0 < finding["confidence"] <= 1
    assert finding["citations"] and set(finding["citations"][0]) == {"source", "ref", "summary"}


@pytest.mark.parametrize("text", [
    "Ｔｈｉｓ ｆｕｃｋｉｎｇ rota",  # fullwidth
    "zero\u200bwidth sh\u200bit here",  # zero-width space inside the word
    "é accents fück this 🙂 shït",
    "#FuckTheTories and f u c k and fuuuuck",
])
def test_offsets_always_point_into_the_original_text(text: str) -> None:
    report = pausepost.check(text)
    assert report.findings
    for f in report.findings:
        assert text[f.where.start:f.where.end] == f.evidence
        assert f.evidence.strip()


def test_verdicts_follow_the_worst_level() -> None:
    assert pausepost.check("Lovely day for a walk").verdict == "post"
    assert pausepost.check("What a shit day").verdict == "pause"
    assert pausepost.check("Door code for the staff entrance is 2580").verdict == "stop"


def test_political_level_depends_on_the_political_group() -> None:
    text = "Vote Labour on Thursday, get the Tories out!"
    levels = {}
    for group in ("restricted", "intermediate", "free"):
        report = pausepost.check(text, profile=Profile(political_group=group))
        levels[group] = {f.level for f in report.findings if f.rule == "political.partisan"}
    assert levels["restricted"] == {"error"}
    assert levels["intermediate"] == {"warning"}
    assert levels["free"] == {"note"}


def test_pre_election_period_makes_political_findings_stricter() -> None:
    today = dt.date.today()
    profile = Profile(political_group="intermediate",
                      pre_election=((today - dt.timedelta(days=1), today + dt.timedelta(days=1)),))
    report = pausepost.check("Vote Labour on Thursday!", profile=profile)
    assert {f.level for f in report.findings if f.rule == "political.partisan"} == {"error"}


def test_department_chooses_the_topic_pack() -> None:
    text = "The loan charge is a disgrace and ruining lives"
    dwp = pausepost.check(text, profile=Profile(department="dwp"))
    hmrc = pausepost.check(text, profile=Profile(department="hmrc"))
    assert "political.own-department" not in dwp.rules
    assert "political.own-department" in hmrc.rules_at("warning")


def test_neutral_mention_of_a_policy_is_not_flagged() -> None:
    assert not pausepost.check("Just finished my Universal Credit training").findings


def test_allowed_words_and_own_names_are_respected() -> None:
    assert "conduct.swearing" in pausepost.check("bloody brilliant gig").rules
    profile = Profile(allow_words=frozenset({"bloody"}))
    assert "conduct.swearing" not in pausepost.check("bloody brilliant gig", profile=profile).rules


def test_quote_findings_are_located_in_the_quote_and_capped() -> None:
    report = pausepost.check("So true!", quote="The door code is 2580, pass it on")
    assert report.findings
    finding = report.findings[0]
    assert finding.where.part == "quote"
    assert finding.level == "warning"
    assert finding.message.startswith("In the post you are replying to or sharing")


@pytest.mark.parametrize("bad", ["", "   \n ", "x" * 1_000_001, "bin\x00ary"])
def test_unusable_input_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError):
        pausepost.check(bad)


def test_unknown_audience_is_an_input_error() -> None:
    with pytest.raises(InputError, match="audience"):
        pausepost.check("hello", audience="everyone")


def test_batch_gives_one_report_per_post_with_ids() -> None:
    posts = ["hello", Post("shit day", id="b"), {"text": "wifi password is hunter22", "id": "c"}]
    reports = list(pausepost.check_many(posts))
    assert [r.id for r in reports] == [None, "b", "c"]
    assert [r.verdict for r in reports] == ["post", "pause", "stop"]


def test_checker_reuses_detectors_between_posts() -> None:
    checker = Checker()
    first = checker.check("shit").findings
    second = checker.check("shit").findings
    assert first == second


def test_a_missing_photo_is_a_problem_not_an_exception(tmp_path) -> None:
    report = pausepost.check("hello", images=[tmp_path / "a.jpg"])
    assert report.findings == () and report.verdict == "pause"
    assert report.problems == (f"photo 1: {tmp_path / 'a.jpg'}: no such photo",)


def test_a_post_may_be_a_photo_alone_but_not_nothing() -> None:
    with pytest.raises(InputError, match="empty"):
        pausepost.check("   ")


def test_an_edited_profile_file_is_read_again(tmp_path) -> None:
    import os

    path = tmp_path / "profile.yaml"
    path.write_text("political_group: free\n")
    first = pausepost.check("Vote Labour on Thursday!", profile=str(path))
    path.write_text("political_group: restricted\n")
    os.utime(path, (1, 1))  # a different modification time, whatever the clock's resolution
    second = pausepost.check("Vote Labour on Thursday!", profile=str(path))
    assert {f.level for f in first.findings} == {"note"}
    assert {f.level for f in second.findings} == {"error"}


def test_an_allegation_is_not_also_vaguely_offensive() -> None:
    """The offensive model's "wording as a whole" gives way to a sharper finding on the same
    sentence, even a model's: the allegation is what puts the author at risk."""
    import pausepost.guards as guards
    from pausepost.detectors.base import Hit
    from pausepost.text.document import Document

    doc = Document("My manager Debbie Nolan is a racist")
    vague = Hit(rule="conduct.offensive", start=0, end=35, confidence=0.6, reason="model: x")
    sharper = Hit(rule="legal.defamation", start=11, end=35, confidence=0.55, reason="model: y")
    assert guards.apply([vague, sharper], doc, Profile()) == [sharper]
    # the other way round, a model's offensive alarm never hides an allegation
    assert guards.apply([sharper], doc, Profile()) == [sharper]
    report = pausepost.check("My manager Debbie Nolan is a racist, she only gives the overtime "
                             "to white staff")
    assert "legal.defamation" in report.rules_at("warning")
    assert "conduct.offensive" not in report.rules_at("warning")
