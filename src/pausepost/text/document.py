"""One part of a post (its text or the quoted post) with the views detectors share."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from pausepost.text.normalize import Normalized, normalize

# A sentence ends at . ! ? … (runs of them) followed by space, or at a line break.
# A full stop after an initial ("Philip K. Dick") or a title ("Mr. Khan") ends no sentence.
_SENTENCE_END = re.compile(r"(?<!\b[A-HJ-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)"
                           r"[.!?…]+[\"')\]]*(?=\s|$)|\n+")
_QUOTED = re.compile(r"(?:(?<![\w])'|[\"“‘])[^\n\"“”‘’]{1,200}?(?:'(?![\w])|[\"”’])")
_SPECIAL = re.compile(r"([a-z])\1|['’$@*]")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}")
# The handles a reply opens with ("@a @b: …"): who it is addressed to, not part of a sentence.
_OPENING_HANDLES = re.compile(r"[\s\"'(]*(?:@[A-Za-z0-9_]{1,30}[\s,:;]*)+")
# Words, with @handles kept whole (so "@karen_in_hr" is one token and never an insult).
_WORD = re.compile(r"@[a-z0-9_]+|[a-z0-9*$]+(?:[@$][a-z0-9*$]*)*(?:['’][a-z]+)?")


class Token(NamedTuple):  # a tuple: built for every word of every post, so cheap to make
    """A word of the normalised text and the span of the original it came from."""

    text: str  # normalised form ("fuck" for "f4ck" is in `text`; "f*ck" keeps its '*')
    masked: str  # with every substituted character shown as '*'
    nstart: int  # span in the normalised text
    nend: int
    start: int  # span in the original text
    end: int
    position: int  # index in the token list
    plain: bool  # no disguise, doubled letter, apostrophe, $ or @: an exact lookup settles it


T = TypeVar("T")
MAX_SENTENCE = 1000


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as pieces of at most MAX_SENTENCE characters, cut after a space."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = start + MAX_SENTENCE if cut < 0 else cut + 1
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


class Document:
    """The text of one part, normalised once, split into sentences and tokens on demand."""

    def __init__(self, text: str, part: str = "text") -> None:
        self.text = text
        self.part = part
        # Results computed once per document and shared by detectors (see `memo`).
        self.cache: dict[Hashable, Any] = {}

    def memo(self, key: Hashable, compute: Callable[..., T], *args: Any) -> T:
        """`compute(*args)`, worked out once per document under `key` and then shared by every
        detector that asks (word-list matches, links, quoted spans …)."""
        try:
            return self.cache[key]
        except KeyError:
            found = self.cache[key] = compute(*args)
            return found

    @cached_property
    def norm(self) -> Normalized:
        return normalize(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        norm = self.norm
        text, masked, starts, ends = norm.text, norm.masked, norm.starts, norm.ends
        # The fast path of normalisation maps each character to itself: skip the lookups.
        identity = isinstance(starts, range)
        special = _SPECIAL.search
        out = []
        for i, m in enumerate(_WORD.finditer(text)):
            a, b = m.span()
            word = m.group()
            shown = word if masked is text else masked[a:b]
            start, end = (a, b) if identity else (starts[a], ends[b - 1])
            out.append(Token(word, shown, a, b, start, end, i,
                             shown == word and special(word) is None))
        return out

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Spans of the original text, one per sentence (never empty). A run of more than
        MAX_SENTENCE characters with no full stop is cut at a space: no real sentence is that
        long, and the checks that look across a sentence must not grow with the whole post."""
        spans = []
        last = 0
        for m in _SENTENCE_END.finditer(self.text):
            if m.end() > last and self.text[last:m.end()].strip():
                spans += _cut_long(self.text, last, m.end())
            last = m.end()
        if self.text[last:].strip():
            spans += _cut_long(self.text, last, len(self.text))
        return spans or [(0, len(self.text))]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    @cached_property
    def token_starts(self) -> list[int]:
        """Each token's start in the original text, in order (for bisecting)."""
        return [t.start for t in self.tokens]

    @cached_property
    def mentions(self) -> list[tuple[int, int]]:
        """Spans of @handles in the original text."""
        return [m.span() for m in _MENTION.finditer(self.text)]

    def words_start(self, start: int) -> int:
        """Where the words of the sentence holding `start` begin: after any handles it opens
        with, so "@dave Idiots" starts at "Idiots"."""
        sentence_start = self.sentence_of(start)[0]
        opening = _OPENING_HANDLES.match(self.text, sentence_start)
        return min(start, opening.end()) if opening else sentence_start

    def sentence_of(self, start: int) -> tuple[int, int]:
        """The sentence span holding original offset `start`."""
        sentences = self.sentences
        at = bisect_right(self._sentence_starts, start) - 1
        if at >= 0 and start < sentences[at][1]:
            return sentences[at]
        return sentences[-1]  # white space between sentences, or past the end

    def in_proper_name(self, start: int, end: int,
                       openers: frozenset[str] = frozenset()) -> bool:
        """True when the words at [start, end) are part of a name or title: capitalised, and
        either mid-sentence or next to another capitalised word ("Dyke Road", "The Thick of
        It", "Moby Dick"), as opposed to a capitalised word that just starts a sentence.
        A word in `openers` (lower case) starting the sentence right before it is only
        capitalised because it starts the sentence ("The Polacks …" is no title)."""
        word = self.text[start:end]
        if not word[:1].isupper() or (word.isupper() and len(word) > 1):
            return False
        if word == "I" or word.startswith(("I'", "I’")):
            return False  # "I", "I'll": the author, not a name
        # Neighbours are looked for in the same sentence: "Clowns. The lot of them." is not a
        # title.
        sentence_start, sentence_end = self.sentence_of(start)
        before = self.text[max(sentence_start, start - 25):start]
        after = self.text[end:min(sentence_end, end + 25)]
        prev_word = re.search(r"(?<![@\w])([A-Za-z][\w'’]*)\W*$", before)  # not a @handle
        next_word = re.match(r"\W{0,3}([A-Za-z][\w'’]*)", after)
        lead = self.text[self.words_start(start):start].strip(" \t\"'‘“(#")
        if lead and lead.lower() in openers:
            prev_word, lead = None, ""  # "Bloody Pakis …": capitalised as the sentence starts
        neighbour_capital = any(m and m.group(1)[:1].isupper() and m.group(1) not in {"I"}
                                for m in (prev_word, next_word))
        mid_sentence = bool(lead)
        return neighbour_capital or mid_sentence

    def in_quotes(self, start: int, end: int) -> bool:
        """True when [start, end) sits inside quotation marks: someone else's words."""
        sentence = self.sentence_of(start)
        # found once per sentence: a long one may be asked about often
        quoted = self.memo(("quoted", sentence), self._quoted, *sentence)
        return any(a <= start and end <= b for a, b in quoted)

    def _quoted(self, start: int, end: int) -> list[tuple[int, int]]:
        return [m.span() for m in _QUOTED.finditer(self.text, max(0, start - 1),
                                                   min(len(self.text), end + 1))]

    def nspan(self, start: int, end: int) -> tuple[int, int]:
        """The span of normalised text covering original span [start, end)."""
        starts = self.norm.starts
        # the first normalised characters whose sources start at or after `start` and `end`
        first = bisect_left(starts, start)
        return first, bisect_left(starts, end, lo=first)

    def normalised(self, start: int, end: int) -> str:
        """The normalised text of original span [start, end)."""
        a, b = self.nspan(start, end)
        return self.norm.text[a:b]
