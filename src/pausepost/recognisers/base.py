"""Shared types and helpers for the free-text recognisers.

A recogniser finds one kind of sensitive data (a National Insurance number, a door
code, ...) in a draft post and says how sure it is and why. Recognisers are pure
functions of the text: no I/O, no state, all regexes compiled at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pausepost.text.spans import DisjointSpans

_DIGIT_CHARS = "0123456789"
_DIGIT_RUN_RE = re.compile(r"[0-9]+")
_WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@dataclass(frozen=True, slots=True)
class Match:
    """One finding in a post."""

    kind: str  # e.g. "nino", "uk-phone", "door-code"
    start: int  # offsets into the ORIGINAL text (Python str indices)
    end: int
    score: float  # 0..1 confidence
    reason: str  # one plain sentence: what found it
    label: str  # short human name, e.g. "National Insurance number"


class Recogniser(Protocol):
    """Anything with a ``kind`` that can find matches in text."""

    kind: str

    def find(self, text: str) -> list[Match]: ...


class Scan:
    """Cheap facts about a text, computed once and shared by every recogniser.

    The pre-checks (is there an '@', are there six digits?) let most recognisers
    skip their regex entirely on an ordinary post, which is what keeps a full run
    within tens of microseconds. Keyword regexes run on ``lower`` without
    IGNORECASE, because the regex engine can only skip ahead quickly on a
    case-sensitive pattern.
    """

    __slots__ = ("_hits", "_run_ends", "_runs", "_words", "digits", "lower", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        lower = text.lower()
        if len(lower) != len(text):
            # A few characters ("İ") lower-case to two; keep offsets aligned.
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        self.lower = lower
        # str.count runs in C; ten of them beat a Python-level loop over the text.
        self.digits = sum(map(text.count, _DIGIT_CHARS))
        self._hits: dict[tuple[str, ...], list[int]] = {}
        self._runs: list[tuple[int, int]] | None = None
        self._run_ends: list[int] | None = None
        self._words: frozenset[str] | None = None

    @property
    def runs(self) -> list[tuple[int, int]]:
        """(start, end) of every maximal run of ASCII digits, computed once.

        Numeric recognisers try their anchored regex only at run starts of a
        plausible length, instead of each scanning the whole post.
        """
        if self._runs is None:
            found = _DIGIT_RUN_RE.finditer(self.text) if self.digits else ()
            self._runs = [m.span() for m in found]
        return self._runs

    @property
    def run_ends(self) -> list[int]:
        """The end of each of ``runs``, in order, for bisecting to the runs in a window."""
        if self._run_ends is None:
            self._run_ends = [end for _, end in self.runs]
        return self._run_ends

    @property
    def words(self) -> frozenset[str]:
        """The lower-case words of the text ("alzheimer's" whole), computed once.

        For a recogniser that needs one of a long list of words: one set test is much
        cheaper than a substring search per word.
        """
        if self._words is None:
            self._words = frozenset(_WORD_RE.findall(self.lower))
        return self._words

    def has_any(self, needles: Iterable[str]) -> bool:
        """True when the lower-cased text contains any of ``needles``."""
        # map() over the bound method runs in C: no generator frame per needle (this is called
        # with dozens of needles for every post).
        return any(map(self.lower.__contains__, needles))

    def keyword_hits(self, words: tuple[str, ...]) -> list[int]:
        """Sorted offsets where any of ``words`` (lower-case) starts at a word start.

        ``str.find`` is far faster than a regex alternation over the whole text;
        recognisers then run an anchored ``match`` at each hit.
        """
        cached = self._hits.get(words)
        if cached is not None:
            return cached
        lower = self.lower
        found: set[int] = set()
        for w in words:
            i = lower.find(w)
            while i != -1:
                if i == 0 or not lower[i - 1].isalnum():
                    found.add(i)
                i = lower.find(w, i + 1)
        hits = sorted(found)
        self._hits[words] = hits
        return hits


def word_set(words: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words in ``words`` (for long word lists)."""
    return frozenset(words.split())


def phrases(spec: str) -> tuple[str, ...]:
    """Split a ``|``-separated list of words and phrases ("ni number|nino|n.i.")."""
    return tuple(spec.split("|"))


def keywords(*alts: str) -> str:
    """Regex alternation of lower-case keyword patterns, each starting at a word start.

    Each alternative must begin with a plain letter. The word-start check sits
    after that first letter so the engine can still jump straight to candidate
    first letters (a leading ``\\b`` makes it try every position).
    """
    return "(?:" + "|".join(f"{a[0]}(?<![a-z0-9]{a[0]}){a[1:]}" for a in alts) + ")"


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Compile context words/phrases into one word-bounded regex for lower-case text.

    Spaces in a phrase match any run of whitespace, so "date of birth" also
    matches "date of\\nbirth". Longest phrases go first so "ni number" wins over "ni".
    """
    alts: list[str] = []
    for w in sorted({w.lower() for w in words}, key=len, reverse=True):
        first = re.escape(w[0])
        guard = f"(?<![a-z0-9]{first})" if w[0].isalnum() else ""
        rest = r"\s+".join(re.escape(p) for p in w[1:].split(" "))
        tail = "(?![a-z0-9])" if w[-1].isalnum() else ""
        alts.append(first + guard + rest + tail)
    return re.compile("(?:" + "|".join(alts) + ")")


def context_word(
    pattern: re.Pattern[str],
    scan: Scan,
    start: int,
    end: int,
    before: int = 40,
    after: int = 20,
) -> str | None:
    """Return the context word found near ``text[start:end]``, or None.

    Looks up to ``before`` characters before the match (nearest first), then up
    to ``after`` characters after it; the match itself is excluded so a number
    can't be its own context. Returns the word as written in the original text.
    """
    hit = None
    for found in pattern.finditer(scan.lower, max(0, start - before), start):
        hit = found  # keep the nearest one
    if hit is None and after:
        hit = pattern.search(scan.lower, end, min(len(scan.lower), end + after))
    return scan.text[hit.start() : hit.end()] if hit else None


def resolve_overlaps(matches: Iterable[Match]) -> list[Match]:
    """Keep non-overlapping matches, preferring higher score then longer span.

    Returns them sorted by start offset.
    """
    ranked = sorted(matches, key=lambda m: (-m.score, -(m.end - m.start), m.start))
    taken = DisjointSpans()
    kept = [m for m in ranked if taken.add(m.start, m.end)]
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def trim_span(text: str, start: int, end: int, chars: str = " \t\r\n,;:-–") -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with any of ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


class ScanRecogniser:
    """Base for recognisers that work from a shared :class:`Scan`.

    Subclasses set ``kind`` and ``label`` and implement :meth:`scan`; ``find``
    is the stand-alone entry point that satisfies :class:`Recogniser`.
    """

    kind: str = ""
    label: str = ""

    def find(self, text: str) -> list[Match]:
        """Find this recogniser's kind in ``text`` (overlaps not resolved)."""
        return self.scan(Scan(text))

    def scan(self, scan: Scan) -> list[Match]:  # pragma: no cover - abstract
        """Find matches using the pre-computed facts in ``scan``."""
        raise NotImplementedError

    def match(self, start: int, end: int, score: float, reason: str) -> Match:
        """Build a :class:`Match` of this recogniser's kind and label."""
        return Match(self.kind, start, end, round(score, 2), reason, self.label)
