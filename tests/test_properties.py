"""Property tests: any text either checks cleanly or is refused with an InputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pausepost
from pausepost.errors import InputError
from pausepost.model import LEVELS

WORDS = st.sampled_from([
    "f*ck", "sh1t", "f u c k", "fuuuck", "idiot", "you", "@tom_b", "is", "a", "Labour", "vote",
    "Universal", "Credit", "sanctions", "cruel", "AB", "12", "34", "56", "C", "07700", "900123",
    "wifi", "password", "is", "hunter22", "door", "code", "2580", "leaked", "OFFICIAL-SENSITIVE",
    "I'll", "punch", "him", "#ToriesOut", "🖕", "🤡", "scroungers", "\u200b", "ѕhit", "ｆｕｃｋ",
    ".", "!", "?", "\n", ",", "Paul", "Grant", "steals", "PCS", "strike", "ballot",
])
POSTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(POSTS, st.one_of(st.none(), POSTS))
def test_any_text_gives_a_consistent_report_or_an_input_error(text: str, quote: str | None) -> None:
    try:
        report = pausepost.check(text, quote=quote)
    except InputError:
        return
    for finding in report.findings:
        body = text if finding.where.part == "text" else quote
        assert body is not None
        start, end = finding.where.start, finding.where.end
        assert start is not None and end is not None
        assert 0 <= start < end <= len(body)
        assert body[start:end] == finding.evidence
        assert finding.level in LEVELS
        assert 0.0 <= finding.confidence <= 1.0
        assert finding.message and finding.advice and finding.citations
    data = report.to_dict()
    assert data["verdict"] in {"post", "pause", "stop"}


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
              st.dates().map(str)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=15), children, max_size=4)),
    max_leaves=12,
)
PROFILE_KEYS = st.sampled_from(["department", "policy", "political_group", "pre_election",
                                "allow_words", "own_names", "pause_minutes", "union_rep", "x"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(YAMLISH, st.dictionaries(PROFILE_KEYS, YAMLISH, max_size=5)))
def test_any_parsed_profile_is_accepted_or_refused_with_a_config_error(data) -> None:
    from pathlib import Path

    from pausepost.errors import ConfigError
    from pausepost.profile import Profile, profile_from_mapping

    try:
        profile = profile_from_mapping(data, Path("p.yaml"))
    except ConfigError as exc:
        assert str(exc).startswith("p.yaml")
        return
    assert isinstance(profile, Profile)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_pack_text_loads_or_is_refused_with_a_config_error(tmp_path_factory, text) -> None:
    from pausepost.errors import ConfigError
    from pausepost.policy.loader import load_policy

    path = tmp_path_factory.mktemp("pack") / "pack.yaml"
    path.write_text("id: x\nname: X\nextends: civil-service\n" + text, encoding="utf-8")
    try:
        load_policy(path)
    except ConfigError as exc:
        assert str(path) in str(exc) or "unknown" in str(exc)
