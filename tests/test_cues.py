"""Cue words gate pack patterns: a gate may skip a pattern only where it could not match."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pausepost.detectors.patterns import PackPatterns
from pausepost.policy.cues import cues_of, text_words
from pausepost.policy.loader import load_policy
from pausepost.profile import Profile
from pausepost.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
GATED = [p for p in load_policy("dwp").patterns if p.cues is not None]


@pytest.mark.parametrize(("regex", "words", "prefixes"), [
    (r"\b(?:watch|mind) (?:your|ur) back\b", {"watch", "mind"}, ()),
    (r"\bi'?ll (?:get|find) you\b", {"i", "ill"}, ()),
    (r"\b(?:go )?kill\b", {"go", "kill"}, ()),
    (r"\bsame[- ]sex\b", {"same"}, ()),
    (r"\b\d+ sanctions\b", set(), tuple("0123456789")),
    (r"\bdox+(?:ed|ing)?\b", set(), ("dox",)),
])
def test_cues_are_read_off_the_regex(regex: str, words: set[str],
                                     prefixes: tuple[str, ...]) -> None:
    cues = cues_of(re.compile(regex, re.ASCII))
    assert cues is not None
    assert cues.words == words
    assert cues.prefixes == prefixes


@pytest.mark.parametrize("regex", [
    r"kill",  # no boundary: could match inside "skill"
    r"\b\w+ing\b",  # any word
    r"(?:^|[.!?] )go\b",  # starts at a sentence, not a word
    r"\b(?:is|'s) going\b",  # one branch starts with an apostrophe
    r"(?i)\bwatch\b",  # case-folded: the words could be any case
])
def test_patterns_that_could_start_anywhere_stay_ungated(regex: str) -> None:
    assert cues_of(re.compile(regex, re.ASCII)) is None


def test_most_pack_patterns_are_gated() -> None:
    patterns = load_policy("dwp").patterns
    assert len(GATED) >= 0.8 * len(patterns)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_text_a_pattern_matches_always_passes_its_gate(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(GATED))
    assert pattern.cues is not None
    body = data.draw(st.from_regex(pattern.match, fullmatch=True))
    text = f"so {body} ok"
    assume(pattern.match.search(text))  # generated \b edge cases aside, it matches
    assert pattern.cues.present(text_words(text)), (pattern.id, text)


def test_gating_changes_no_finding_on_the_labelled_posts() -> None:
    policy = load_policy("dwp")
    gated = PackPatterns(policy, Profile())
    ungated = PackPatterns(replace(policy, patterns=tuple(replace(p, cues=None)
                                                          for p in policy.patterns)), Profile())
    posts = [json.loads(line)["text"]
             for path in sorted((ROOT / "eval" / "labelled").glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(posts) > 1000
    hits = 0
    for text in posts:
        a = list(gated.detect(Document(text)))
        b = list(ungated.detect(Document(text)))
        assert a == b, text
        hits += bool(a)
    assert hits > 100
