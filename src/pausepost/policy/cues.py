"""Gates read off a pattern's regex, so the engine can skip it on posts it cannot match.

Cue words (`cues_of`): most pack patterns begin `\\b(?:watch|hope|wish|...)`, so a match can
only start at the start of one of a handful of words. Literals (`literals_of`): words or
strings of which every match holds one, read off any mandatory part of the regex; as the
first words are often common ones (you, if, i), these are the more selective gate. Either
lets the engine skip a pattern with a set operation or two on posts that hold none of them
(most posts), instead of scanning every character. Python's own regex engine cannot do this:
a leading `\\b` turns its first-character screen off.

Both analyses walk the parsed regex and give up on anything they do not model (returning
None: always run the pattern, or knowing nothing of that part), so a gate can only ever skip
a pattern that could not match.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
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
_NON_WORDS = re.compile(r"\W+", re.ASCII)
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
        found = _firsts(list(_sre_parse.parse(pattern.pattern, pattern.flags)), False, "",
                        bool(pattern.flags & re.ASCII))
    except Exception:
        return None
    if not found:
        return None
    return Cues(words=frozenset(w for w, whole in found if whole),
                prefixes=tuple(sorted({w for w, whole in found if not whole})))


def _firsts(items: list[tuple[Any, Any]], anchored: bool, prefix: str,
            ascii: bool) -> set[_Cue] | None:
    """Cues of the sequence `items`, given the word characters `prefix` already matched and
    whether a word boundary precedes them (`ascii`: whether \\d means only 0-9)."""
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
            if av[1] & re.IGNORECASE:  # (?i:...): its letters could be either case
                return partial
            return _firsts(list(av[-1]) + rest, anchored, prefix, ascii)
        elif op is _sre.BRANCH:
            out: set[_Cue] = set()
            for branch in av[1]:
                found = _firsts(list(branch) + rest, anchored, prefix, ascii)
                if found is None or len(out | found) > _MAX_CUES:
                    return partial
                out |= found
            return out
        elif op is _sre.IN:
            chars = _class_chars(av, ascii)
            if chars is None:
                return partial
            out = set()
            for char in chars:
                found = _firsts([(_sre.LITERAL, ord(char)), *rest], anchored, prefix, ascii)
                if found is None or len(out | found) > _MAX_CUES:
                    return partial
                out |= found
            return out
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, body = av
            # After one pass of the body another may follow: with more than one allowed,
            # what comes next is not known, so the analysis stops there.
            after = rest if high == 1 else [_UNKNOWN]
            once = _firsts(list(body) + after, anchored, prefix, ascii)
            if low:
                return once if once is not None else partial
            skipped = _firsts(rest, anchored, prefix, ascii)
            if once is None or skipped is None:
                return partial
            return once | skipped
        else:
            return partial
    return partial


def _class_chars(items: list[tuple[Any, Any]], ascii: bool) -> str | None:
    """The characters a small character class ([0-9], [- ], \\d) stands for, or None.
    Without re.ASCII, \\d stands for every script's digits too: too many."""
    chars = ""
    for op, av in items:
        if op is _sre.LITERAL:
            chars += chr(av)
        elif op is _sre.RANGE and av[1] - av[0] < 26:
            chars += "".join(map(chr, range(av[0], av[1] + 1)))
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT and ascii:
            chars += "0123456789"
        else:
            return None  # a negated class, \\w, \\s ...: too wide to be a cue
    return chars


# --------------------------------------------------------------------------- literals
#
# Words and strings of which every match must hold one, read off every mandatory part of the
# regex, not only its start: "\bi'?ll (?:\w+ ){0,2}(?:stab|shoot)\b" is skipped on a post
# without the word "stab" or "shoot", however common "i'll" is.
#
# The walk keeps, for each piece of the regex, sets of strings true of every match of it:
# the whole match (when it is one of a few), its start, its end, something it holds. A `\b`,
# `^` or `$` is kept in those strings as _EDGE, so "\b" "kill" " " puts the whole word "kill"
# in the post. Anything not modelled says nothing ({""}), which can only weaken a gate.

_EDGE = "\x00"  # a zero-width word edge; a regex holding a real NUL is not modelled
_MAX_STRINGS = 64  # bigger sets cost more to build or test than a scan they might save
_MAX_WORDS = 512  # whole words are tested with one set operation, so many are cheap
_MAX_LENGTH = 16  # longer strings are hardly rarer, and shorter ones keep the sets small
_MAX_CLASS = 10  # a class of more characters than this ([a-z], \w) is not modelled
# The cost of one test, as a share of the scan it saves: a substring test is an `in`, a
# whole word costs next to nothing (one set operation covers them all).
_STRING_COST = 0.05
_WORD_COST = 0.001

# Very common English words (and the pieces contractions and tweets leave, as `\w+` splits
# them): a post is likely to hold any one of them, so a gate should rather test rarer ones.
_COMMON_WORDS = """
a about after again against all also always am amp an and another any are around as at away
back bad be because been before being best better big both but by can cant co come could cos
d day days did didn do does doesn don done dont down each even ever every feel few first for
from get gets getting give go goes going gonna good got great had has have he her here him his
home how http https i if im in into is isn it its just keep know last least left let life like
little ll long look lot love m made make man many may me more most much must my need never new
next no not nothing now of off old on one only or other our out over own people put re real
really right s said same say see she should show since so some something still sure t take tell
than thank thanks that the their them then there these they thing things think this those
though thought through time to today too try u under up ur us use user ve very wait want was
way we well were what when where which while who why will with without work world would wrong
year years yes yet you your
"""
_COMMON = frozenset(_COMMON_WORDS.split())
_COMMON_TEXT = " ".join(_COMMON)


@dataclass(frozen=True, slots=True)
class Literals:
    """Every match of a pattern holds one of `words` (whole, as `text_words` finds them) or
    one of `strings` (anywhere in the text the pattern runs on)."""

    words: frozenset[str]
    strings: tuple[str, ...]

    def present(self, text: str, words: frozenset[str]) -> bool:
        """Could the pattern match `text`? `words` are its `text_words`, or those of them
        in some superset of `self.words`."""
        # Most gates test words only: skip setting up a scan of no strings.
        return not self.words.isdisjoint(words) or (
            bool(self.strings) and any(map(text.__contains__, self.strings)))


@dataclass(slots=True)
class _Facts:
    """What every match of a piece of regex looks like. A set holding "" says nothing: the
    empty string starts, ends and is inside every string."""

    exact: frozenset[str] | None  # the piece matches only these strings (None: not known)
    prefixes: frozenset[str]  # every match starts with one of these
    suffixes: frozenset[str]  # every match ends with one of these
    # Gate units one of which every match holds (see `_unit`), worked out by `make` only when
    # asked for (`_needs`): most facts only ever serve to build longer strings.
    required: frozenset[str] | None = None
    make: Callable[[], frozenset[str]] | None = None
    # For a piece that may match nothing (x?, (?:\w+ ){0,2}): the facts of its other matches.
    # Next to other pieces it is read as either, so "a (?:\w+ ){0,2}" still ends in a space.
    nonempty: _Facts | None = None


_NOTHING = frozenset({""})
_RUN = object()  # stands for the op of a run of literal characters (see `_inline`)
_EMPTY = _Facts(_NOTHING, _NOTHING, _NOTHING, _NOTHING)  # matches only the empty string
_UNMODELLED = _Facts(None, _NOTHING, _NOTHING, _NOTHING)


def literals_of(pattern: re.Pattern[str]) -> Literals | None:
    """Words and strings one of which every match of a compiled pattern holds, or None when
    the analysis finds none."""
    return _literals(pattern.pattern, pattern.flags)


@lru_cache(maxsize=1024)  # packs extend packs: the same patterns are loaded more than once
def _literals(source: str, flags: int) -> Literals | None:
    if _sre_parse is None or flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(source, flags)
        required = _Walk(ascii=bool(flags & re.ASCII)).required(parsed, _NOTHING, _NOTHING)
    except Exception:
        return None
    if "" in required:
        return None
    return Literals(words=frozenset(u.strip(_EDGE) for u in required if u.startswith(_EDGE)),
                    strings=tuple(sorted(u for u in required if not u.startswith(_EDGE))))


class _Walk:
    """One reading of a parsed regex, remembering the facts of each sequence read."""

    def __init__(self, ascii: bool) -> None:
        self.ascii = ascii  # whether \d means only 0-9
        # id(sequence) -> (sequence, facts): the sequence is kept so that its id stays its own.
        self._read: dict[int, tuple[Any, _Facts]] = {}

    def required(self, items: Any, before: frozenset[str],
                 after: frozenset[str]) -> frozenset[str]:
        """Gate units one of which a text holds wherever the sequence `items` matches in it,
        given that the text just ahead of the match ends with one of `before` and the text
        just behind it starts with one of `after`.

        Each branch of an alternation is read again with its neighbours either side, so it
        sees the `\\b` or the spaces around it: in "\\b(?:kick|smash) (?:it|you)\\b" the
        branches "kick" and "smash" are whole words."""
        items = _inline(items)
        if len(items) == 1 and items[0][0] is _RUN:  # a plain string, the commonest branch
            string = frozenset({items[0][1]})
            around = _join(_join(before, string, cut_heads=True) or string, after,
                           cut_tails=True) or string
            return _best(_units(string), _units(around))
        facts = [self.item(op, av) for op, av in items]
        for i, (op, _) in enumerate(items):
            if op is _sre.BRANCH and facts[i].exact is None:
                # What its branches hold is read below, with their neighbours: that tells more.
                facts[i] = _Facts(None, facts[i].prefixes, facts[i].suffixes, _NOTHING)
        heads = [_Facts(None, _NOTHING, before, _NOTHING)]  # heads[i]: context + items[:i]
        for f in facts:
            heads.append(_then(heads[-1], f))
        tail = _Facts(None, after, _NOTHING, _NOTHING)  # items[i + 1:] + context
        candidates = [_needs(_then(heads[-1], tail))]
        for i in reversed(range(len(items))):
            op, av = items[i]
            if op is _sre.BRANCH:
                # One character either side is enough to tell where a branch's words end,
                # and keeps the sets small.
                left = frozenset(s[-1:] for s in heads[i].suffixes)
                right = frozenset(s[:1] for s in tail.prefixes)
                candidates.append(frozenset[str]().union(
                    *(self.required(branch, left, right) for branch in av[1])))
            if any(op is _sre.BRANCH for op, _ in items[:i]):
                tail = _then(facts[i], tail)
        return _best(*candidates)

    def sequence(self, items: Any) -> _Facts:
        """The facts of a sequence of parsed items."""
        seen = self._read.get(id(items))
        if seen is not None and seen[0] is items:
            return seen[1]
        facts = _EMPTY
        for op, av in _inline(items):
            facts = _then(facts, self.item(op, av))
        self._read[id(items)] = (items, facts)
        return facts

    def item(self, op: Any, av: Any) -> _Facts:
        """The facts of one parsed item."""
        if op is _RUN:
            return _exactly(frozenset({av}))
        if op is _sre.LITERAL:
            return _UNMODELLED if av == ord(_EDGE) else _exactly(frozenset(chr(av)))
        if op is _sre.AT:
            # ^ $ \b match only where the character beyond them, if any, is not a word one.
            if av in (_sre.AT_BOUNDARY, _sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING,
                      _sre.AT_END, _sre.AT_END_STRING):
                return _exactly(frozenset(_EDGE))
            return _EMPTY
        if op is _sre.IN:
            chars = _class_chars(av, self.ascii)
            if chars is None or _EDGE in chars or len(set(chars)) > _MAX_CLASS:
                return _UNMODELLED
            return _exactly(frozenset(chars))
        if op is _sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            return self.sequence(av[3])
        if op is _sre.ATOMIC_GROUP:  # (?>...) matches some of what its body can
            return self.sequence(av)
        if op is _sre.BRANCH:
            return _either([self.sequence(branch) for branch in av[1]])
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, high, body = av
            return _repeat(low, high, self.sequence(body))
        return _UNMODELLED  # lookarounds, backreferences, ., \w, \s, (?i:...) ...


def _inline(items: Any) -> list[tuple[Any, Any]]:
    """The items of a sequence with groups opened up (a group matches what its body does)
    and each run of plain characters made one _RUN item, which is much quicker to read."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            out.extend(_inline(av[3]))
        elif op is _sre.LITERAL and av != ord(_EDGE):
            if out and out[-1][0] is _RUN:
                out[-1] = (_RUN, out[-1][1] + chr(av))
            else:
                out.append((_RUN, chr(av)))
        else:
            out.append((op, av))
    return out


def _exactly(strings: frozenset[str]) -> _Facts:
    return _Facts(strings, _heads(strings), _tails(strings),
                  make=lambda: _best(_units(strings)))


def _heads(strings: frozenset[str]) -> frozenset[str]:
    return frozenset(s[:_MAX_LENGTH] for s in strings)


def _tails(strings: frozenset[str]) -> frozenset[str]:
    return frozenset(s[-_MAX_LENGTH:] for s in strings)


def _join(heads: frozenset[str], tails: frozenset[str], *, cut_heads: bool = False,
          cut_tails: bool = False) -> frozenset[str] | None:
    """Every head followed by every tail, or None when there would be too many. Heads that
    may be cut keep only their last characters, tails their first, as few as it takes for
    the set to stay small (the end of a suffix is a suffix too)."""
    keep = _MAX_LENGTH
    while len(heads) * len(tails) > _MAX_STRINGS:
        if keep < 0 or not (cut_heads or cut_tails):
            return None
        if cut_heads:
            heads = frozenset(h[max(0, len(h) - keep):] for h in heads)
        if cut_tails:
            tails = frozenset(t[:keep] for t in tails)
        keep -= 1
    return frozenset((h + t).replace(_EDGE * 2, _EDGE) for h in heads for t in tails)


def _then(a: _Facts, b: _Facts) -> _Facts:
    """The facts of `a` followed by `b`."""
    if b.nonempty is not None:
        return _either([a, _then(a, b.nonempty)])
    if a.nonempty is not None:
        return _either([b, _then(a.nonempty, b)])
    if a.exact is not None and b.exact is not None:
        both = _join(a.exact, b.exact)
        if both is not None:
            return _exactly(both)
    prefixes = a.prefixes
    if a.exact is not None:  # `a` is spelt out: the start of `b` extends it
        longer = _join(a.exact, b.prefixes, cut_tails=True)
        prefixes = prefixes if longer is None else _heads(longer)
    suffixes = b.suffixes
    if b.exact is not None:
        longer = _join(a.suffixes, b.exact, cut_heads=True)
        suffixes = suffixes if longer is None else _tails(longer)

    def required() -> frozenset[str]:
        # Where `a` stops and `b` starts, one of a's endings runs on into one of b's starts.
        across = _join(a.suffixes, b.prefixes, cut_heads=True, cut_tails=True) or _NOTHING
        return _best(_needs(a), _needs(b), _units(across))

    return _Facts(None, prefixes, suffixes, make=required)


def _either(branches: list[_Facts]) -> _Facts:
    """The facts of an alternation: whichever branch matched, its facts hold."""
    if all(b.exact is not None for b in branches):
        exact = frozenset[str]().union(*(b.exact for b in branches if b.exact is not None))
        if len(exact) <= _MAX_STRINGS:
            return _exactly(exact)
    prefixes = frozenset[str]().union(*(b.prefixes for b in branches))
    suffixes = frozenset[str]().union(*(b.suffixes for b in branches))
    return _Facts(None, prefixes if len(prefixes) <= _MAX_STRINGS else _NOTHING,
                  suffixes if len(suffixes) <= _MAX_STRINGS else _NOTHING,
                  make=lambda: _best(frozenset[str]().union(*map(_needs, branches))))


def _repeat(low: int, high: int, body: _Facts) -> _Facts:
    """The facts of `body` repeated `low` to `high` times."""
    if body.exact is not None and high <= 3:  # x? x{2} (?:ab){1,2}: spell each count out
        exact: frozenset[str] | None = _NOTHING if low == 0 else frozenset()
        power: frozenset[str] | None = _NOTHING
        for count in range(1, high + 1):
            power = None if power is None else _join(power, body.exact)
            if power is None or exact is None:
                exact = None
                break
            if count >= low:
                exact |= power
        if exact is not None and len(exact) <= _MAX_STRINGS:
            return _exactly(exact)
    if high == 0:
        return _EMPTY
    # At least one pass: the first starts the match, the last ends it.
    once = _Facts(None, body.prefixes, body.suffixes, make=lambda: _needs(body))
    return once if low else _Facts(None, _NOTHING, _NOTHING, _NOTHING, nonempty=once)


def _needs(facts: _Facts) -> frozenset[str]:
    """The gate units one of which every match of a piece holds."""
    if facts.required is None:
        assert facts.make is not None
        facts.required, facts.make = facts.make(), None
    return facts.required


def _best(*candidates: frozenset[str]) -> frozenset[str]:
    """Of sets of gate units each true of every match, the cheapest to gate on."""
    usable = [c for c in candidates if "" not in c and _testable(c)]
    return min(usable, key=_cost, default=_NOTHING)


def _testable(units: frozenset[str]) -> bool:
    strings = sum(1 for u in units if not u.startswith(_EDGE))
    return strings <= _MAX_STRINGS and len(units) <= _MAX_WORDS


def _units(literals: frozenset[str]) -> frozenset[str]:
    return frozenset(map(_unit, literals))


@lru_cache(maxsize=1 << 16)  # the same literals recur all over a walk
def _unit(literal: str) -> str:
    """What a gate tests for a literal: its rarest whole word (one with a non-word character
    or an _EDGE either side inside the literal), written _EDGE + word + _EDGE; or else the
    literal itself as a substring ("" if it is only edges)."""
    best = literal.replace(_EDGE, "")
    best_cost = _frequency(best) + _STRING_COST
    for word in _NON_WORDS.split(literal)[1:-1]:
        cost = _word_frequency(word) + _WORD_COST
        if cost <= best_cost:
            best, best_cost = _EDGE + word + _EDGE, cost
    return best


def _cost(units: frozenset[str]) -> float:
    """A static guess at the share of posts holding one of `units` (as if each came
    independently), plus the cost of testing them."""
    missing = 1.0
    tests = 0.0
    for unit in units:
        missing *= 1 - _frequency(unit)
        tests += _WORD_COST if unit.startswith(_EDGE) else _STRING_COST
    return 1 - missing + tests


@lru_cache(maxsize=1 << 16)  # units recur all over a walk
def _frequency(unit: str) -> float:
    """A rough share of posts holding a gate unit. An uncommon word is in a few posts in a
    hundred; a piece of a word cut off by the end of a substring may be part of many."""
    if unit.startswith(_EDGE):
        return _word_frequency(unit.strip(_EDGE))
    pieces = _NON_WORDS.split(unit)
    chances = [_word_frequency(word) for word in pieces[1:-1]]
    for part in {pieces[0], pieces[-1]}:
        if len(part) >= 3:
            chances.append(0.5 if part in _COMMON_TEXT else 2 * _word_frequency(part))
        elif part:
            chances.append(0.5)
    if not chances:
        return 1.0
    return min(chances) * (0.5 if len(chances) > 1 else 1.0)


@lru_cache(maxsize=4096)  # the same words recur all over a walk
def _word_frequency(word: str) -> float:
    if word in _COMMON:
        return 0.3
    return 0.03 if len(word) < 3 else 0.01 if len(word) == 3 else 0.005
