"""Cue words gate pack patterns: a gate may skip a pattern only where it could not match."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, reject, settings
from hypothesis import strategies as st

from pausepost.detectors.patterns import PackPatterns
from pausepost.policy.cues import cues_of, literals_of, text_words
from pausepost.policy.loader import load_policy
from pausepost.profile import Profile
from pausepost.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
GATED = [p for p in load_policy("dwp").patterns if p.cues is not None]
WITH_LITERALS = [p for p in load_policy("dwp").patterns
                 if not p.on_original and literals_of(p.match) is not None]


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
    gated.literal_gates_after = 0
    ungated = PackPatterns(replace(policy, patterns=tuple(replace(p, cues=None)
                                                          for p in policy.patterns)), Profile())
    ungated.literal_gates_after = None
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



# --------------------------------------------------------------------------- literal gates


@pytest.mark.parametrize(("regex", "words", "strings"), [
    # the rarest whole word of a phrase, wherever it stands
    (r"\b(?:watch|mind) (?:your|ur) step\b", {"step"}, ()),
    # each branch holds its own; a run of letters cut off by \w+ is a substring, not a word
    (r"\bkneecaps?\b|\b\w+ing bricks\b", {"kneecap", "kneecaps", "bricks"}, ()),
    # an optional part and a repeat that may be absent hold nothing; the rest still does
    (r"\b(?:go )?kill (?:\w+ ){0,2}(?:him|her)\b", {"kill"}, ()),
    # what follows a (?:\w+ ){0,2} still starts a word: it comes after a space
    (r"\bi'?ll (?:\w+ ){0,2}(?:stab|shoot)\b", {"stab", "shoot"}, ()),
    # no word is whole: "reg" might be part of "regret", so the string itself is tested
    (r"car reg", set(), ("car reg",)),
])
def test_literals_are_read_off_the_regex(regex: str, words: set[str],
                                         strings: tuple[str, ...]) -> None:
    literals = literals_of(re.compile(regex, re.ASCII))
    assert literals is not None
    assert literals.words == words
    assert literals.strings == strings


@pytest.mark.parametrize("regex", [
    r"(?:kill)?\b\w+",  # the only literal is optional
    r"(?:kill)*x?",
    r"(?=kneecap)\w+",  # a lookahead consumes nothing, and is not modelled
    r"(?i)\bkneecap\b",  # case-folded: the word could be in any case
    r"(?i:kneecap)",
    r"[^a]+",  # a negated class
])
def test_patterns_the_analysis_cannot_read_stay_ungated(regex: str) -> None:
    assert literals_of(re.compile(regex, re.ASCII)) is None


def test_without_re_ascii_a_digit_may_come_from_any_script() -> None:
    pattern = re.compile(r"\b\d+ sanctions\b")
    text = "٣ sanctions"
    assert pattern.search(text)
    literals, cues = literals_of(pattern), cues_of(pattern)
    assert literals is None or literals.present(text, text_words(text))
    assert cues is None or cues.present(text_words(text))


def test_a_gate_skips_a_pattern_the_post_cannot_match() -> None:
    literals = literals_of(re.compile(r"\b(?:i'?ll|we'?ll) (?:do|break) (?:your|his) kneecaps\b",
                                      re.ASCII))
    assert literals is not None
    assert literals.words == {"kneecaps"}
    assert not literals.present("hello there", text_words("hello there"))
    text = "i'll break his kneecaps"
    assert literals.present(text, text_words(text))


class _Spy:
    """Stands in for a compiled regex and counts the scans made with it."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.regex = pattern
        self.pattern, self.flags = pattern.pattern, pattern.flags  # read by the gate analysis
        self.scans = 0

    def finditer(self, text: str) -> object:
        self.scans += 1
        return self.regex.finditer(text)


def test_the_detector_does_not_scan_a_post_its_gate_rules_out() -> None:
    policy = load_policy("dwp")
    pattern = next(p for p in policy.patterns if p.id == "violence-you-phrase")
    assert literals_of(pattern.match) is not None
    spy = _Spy(pattern.match)
    detector = PackPatterns(replace(policy, patterns=(replace(pattern, match=spy),)), Profile())
    detector.literal_gates_after = 0
    assert not list(detector.detect(Document("hello there, lovely day for it")))
    assert spy.scans == 0
    assert list(detector.detect(Document("I'm going to kick your head in")))
    assert spy.scans == 1


def test_pack_patterns_on_the_normalised_text_all_have_selective_gates() -> None:
    patterns = [p for p in load_policy("dwp").patterns if not p.on_original]
    assert len(WITH_LITERALS) >= len(patterns) - 1  # all but the @-mention repeat
    everyday = ["Lovely weather in Leeds today, off to the park with the kids",
                "@user thanks for the help this morning, really appreciate it",
                "Can't believe the match last night, what a finish! #football",
                "Anyone know a good plumber round here? Boiler's packed in again"]
    for text in everyday:
        norm = Document(text).norm.text
        passed = [p.id for p in WITH_LITERALS
                  if literals_of(p.match).present(norm, text_words(norm))]  # type: ignore[union-attr]
        assert len(passed) <= 3, (text, passed)


# Random regexes from a small grammar, each with a text it may match (pieces that can match
# the empty string or need context, like \b or a lookahead, make some of them miss).
_LITERAL_ATOMS = st.sampled_from([
    ("kill", "kill"), ("you", "you"), ("ab", "ab"), ("a", "a"), ("b", "b"), (" ", " "),
    ("'", "'"), ("-", "-"), ("é", "é"), ("3", "3"), ("ll", "ll"), ("\\x00", "\x00"),
    ("kneecap", "kneecap"), ("x y", "x y"), (r"\b", ""), (r"\b", ""),
])
_OTHER_ATOMS = st.sampled_from([
    (r"\B", ""), ("^", ""), ("$", ""), (r"\A", ""), (r"\Z", ""), (r"\s+", " "), (r"\s", "\n"),
    (r"\w*", ""), (r"\w*", "zz"), (r"\w+", "q"), (r"\d", "7"), (r"\d", "٣"), (r"\W", "!"),
    ("[ab]", "b"), ("[- ]", "-"), ("[a-c]", "c"), ("[^a]", "z"), ("[\\x00a]", "\x00"),
    (".", "k"), (".*?", "zz"), ("(?=a)", ""), ("(?!b)", ""), ("(?<=a)", ""), ("(?<!b)", ""),
])
_ATOMS = st.one_of(_LITERAL_ATOMS, _LITERAL_ATOMS, _OTHER_ATOMS)
_NOISE = st.lists(st.sampled_from(["kill", "you", "ab", "a", "b", "c", "x", " ", "'", "-", "é",
                                   "3", "٣", "\n", "K", "AB", ".", "@", "killer", "\x00", "ll",
                                   "_"]), max_size=6).map("".join)


def _compose(children: st.SearchStrategy[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
    parts = st.lists(children, min_size=2, max_size=4)
    sequence = parts.map(lambda xs: ("".join(r for r, _ in xs), "".join(e for _, e in xs)))
    alternation = st.tuples(parts, st.integers(0, 3)).map(
        lambda t: ("(?:" + "|".join(r for r, _ in t[0]) + ")", t[0][t[1] % len(t[0])][1]))
    optional = st.tuples(children, st.booleans()).map(
        lambda t: (f"(?:{t[0][0]})?", t[0][1] * t[1]))
    repeat = st.tuples(children, st.sampled_from([
        ("*", 0), ("*", 2), ("+", 1), ("{2}", 2), ("{0,2}", 1), ("{1,3}", 3), ("*?", 1),
        ("+?", 2), ("{1,2}+", 1), ("?+", 0)])).map(
        lambda t: (f"(?:{t[0][0]}){t[1][0]}", t[0][1] * t[1][1]))
    wrapped = st.one_of(
        children.map(lambda c: (f"({c[0]})", c[1])),
        children.map(lambda c: (f"(?>{c[0]})", c[1])),
        children.map(lambda c: (f"(?i:{c[0]})", c[1].upper())),
        children.map(lambda c: (f"(?P<g>{c[0]})(?P=g)", c[1] * 2)),
    )
    return st.one_of(sequence, sequence, alternation, alternation, optional, repeat, wrapped)


_REGEXES = st.recursive(_ATOMS, _compose, max_leaves=12)
_FLAGS = st.sampled_from([re.ASCII, re.ASCII, 0, re.ASCII | re.MULTILINE,
                         re.ASCII | re.IGNORECASE])


@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(regex=_REGEXES, flags=_FLAGS, before=_NOISE, after=_NOISE, noise_only=st.booleans())
def test_no_gate_ever_skips_a_text_its_regex_matches(regex: tuple[str, str], flags: int,
                                                     before: str, after: str,
                                                     noise_only: bool) -> None:
    source, example = regex
    try:
        pattern = re.compile(source, flags)
    except re.error:  # a slip of the grammar, such as two groups of one name
        reject()
    text = before + after if noise_only else before + example + after
    if pattern.search(text) is None:
        return
    words = text_words(text)
    literals = literals_of(pattern)
    event("matched, gated" if literals is not None else "matched, no gate")
    assert literals is None or literals.present(text, words), (source, text, literals)
    cues = cues_of(pattern)
    assert cues is None or cues.present(words), (source, text, cues)


def test_literal_gates_are_built_only_once_a_run_has_checked_enough_posts() -> None:
    """A one-off check keeps its start-up time; a batch gets the selective gates, once."""
    detector = PackPatterns(load_policy("dwp"), Profile())
    detector.literal_gates_after = 3
    for _ in range(3):
        list(detector.detect(Document("hello there")))
    assert detector._literals is None
    list(detector.detect(Document("hello there")))
    built = detector._literals
    assert built is not None and any(gate is not None for gate in built)
    list(detector.detect(Document("hello again")))
    assert detector._literals is built
