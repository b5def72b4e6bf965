"""Cue words: the words one of a pattern's matches must start with, read off the regex.

Most pack patterns begin `\\b(?:watch|hope|wish|...)`: a match can only start at the start of
one of a handful of words. Knowing those words lets the engine skip a pattern with one set
lookup on posts that hold none of them (most posts), instead of scanning every character.
Python's own regex engine cannot do this: a leading `\\b` turns its first-character screen off.

The analysis walks the parsed regex and gives up (returns None: always run the pattern) on
anything it does not model, so a gate can only ever skip a pattern that could not match.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

_sre: Any
_sre_parse: Any
try:  # the parser is internal to `re`; without it every pattern simply runs ungated
    _sre = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other Pythons
    _sre = _sre_parse = None

_WORD_CHAR = re.compile(r"\w", re.ASCII)
_WORDS = re.compile(r"\w+", re.ASCII)
_MAX_CUES = 400  # beyond this a gate costs more than it saves

# Stands for "something the analysis does not model" in an item list.
_UNKNOWN: tuple[Any, Any] = (None, None)
# (word or word prefix, whether the word must end there)
_Cue = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class Cues:
    """A match starts with one of `words` (a whole word) or a word starting with one of
    `prefixes`."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def present(self, words: frozenset[str]) -> bool:
        """Could the pattern match a text made of these words (its `text_words`)?"""
        if not self.words.isdisjoint(words):
            return True
        return bool(self.prefixes) and any(w.startswith(self.prefixes) for w in words)


def text_words(text: str) -> frozenset[str]:
    """The words of a text as regex `\\b` sees them (ASCII word-character runs)."""
    return frozenset(_WORDS.findall(text))


def cues_of(pattern: re.Pattern[str]) -> Cues | None:
    """The cue words of a compiled pattern, or None when a match could start anywhere."""
    if _sre_parse is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _firsts(list(_sre_parse.parse(pattern.pattern, pattern.flags)), False, "")
    except Exception:
        return None
    if not found:
        return None
    return Cues(words=frozenset(w for w, whole in found if whole),
                prefixes=tuple(sorted({w for w, whole in found if not whole})))


def _firsts(items: list[tuple[Any, Any]], anchored: bool,
            prefix: str) -> set[_Cue] | None:
    """Cues of the sequence `items`, given the word characters `prefix` already matched and
    whether a word boundary precedes them."""
    partial = {(prefix, False)} if prefix else None  # what is known when analysis stops
    for i, (op, av) in enumerate(items):
        rest = items[i + 1:]
        if op is _sre.AT:
            if av is not _sre.AT_BOUNDARY:
                return partial
            if prefix:
                return {(prefix, True)}
            anchored = True
        elif op is _sre.LITERAL:
            char = chr(av)
            if not _WORD_CHAR.match(char):
                return {(prefix, True)} if prefix else None
            if not prefix and not anchored:
                return None  # could start inside a word
            prefix += char
            partial = {(prefix, False)}
        elif op is _sre.SUBPATTERN:
            return _firsts(list(av[-1]) + rest, anchored, prefix)
        elif op is _sre.BRANCH:
            out: set[_Cue] = set()
            for branch in av[1]:
                found = _firsts(list(branch) + rest, anchored, prefix)
                if found is None or len(out | found) > _MAX_CUES:
                    return partial
                out |= found
            return out
        elif op is _sre.IN:
            chars = _class_chars(av)
            if chars is None:
                return partial
            out = set()
            for char in chars:
                found = _firsts([(_sre.LITERAL, ord(char)), *rest], anchored, prefix)
                if found is None or len(out | found) > _MAX_CUES:
                    return partial
                out |= found
            return out
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, body = av
            # After one pass of the body another may follow: with more than one allowed,
            # what comes next is not known, so the analysis stops there.
            after = rest if high == 1 else [_UNKNOWN]
            once = _firsts(list(body) + after, anchored, prefix)
            if low:
                return once if once is not None else partial
            skipped = _firsts(rest, anchored, prefix)
            if once is None or skipped is None:
                return partial
            return once | skipped
        else:
            return partial
    return partial


def _class_chars(items: list[tuple[Any, Any]]) -> str | None:
    """The characters a small character class ([0-9], [- ], \\d) stands for, or None."""
    chars = ""
    for op, av in items:
        if op is _sre.LITERAL:
            chars += chr(av)
        elif op is _sre.RANGE and av[1] - av[0] < 26:
            chars += "".join(map(chr, range(av[0], av[1] + 1)))
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            chars += "0123456789"
        else:
            return None  # a negated class, \\w, \\s ...: too wide to be a cue
    return chars
