"""Word-list matching over normalised tokens that sees through disguises.

Single words are looked up in a set (fast); a token that still hides letters behind '*'
("f**k", or "f4ck" whose masked form is "f*ck") is compared with the list's words of the same
length; stretched letters ("fuuck") are tried with doubles collapsed; phrases match word by
word. Words on the `safe` list (Scunthorpe, cocktail) are never matched fuzzily.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pausepost.text.document import Document, Token
from pausepost.text.normalize import STRETCH_RE

_TERM_WORD = re.compile(r"[a-z0-9*]+(?:['’][a-z]+)?")
_DOUBLE = re.compile(r"([a-z])\1")


@dataclass(frozen=True, slots=True)
class LexiconHit:
    """A word-list entry found in a document."""

    term: str
    first: int  # index of the first token
    last: int  # index of the last token
    start: int  # original span
    end: int
    disguised: bool  # matched through a disguise (symbols, leetspeak, stretching, hashtag)


def term_words(term: str) -> tuple[str, ...]:
    """Split a word-list entry into words the way documents are tokenised."""
    return tuple(_TERM_WORD.findall(term.lower()))


@functools.lru_cache(maxsize=65536)
def _undoubled(word: str) -> tuple[str, ...]:
    """Spellings of `word` with some of its doubled letters made single ("fuuck" -> "fuck")."""
    positions = [m.start() for m in _DOUBLE.finditer(word)]
    if not positions or len(positions) > 4:
        return ()
    out = []
    for r in range(1, len(positions) + 1):
        for chosen in itertools.combinations(positions, r):
            variant = word
            for pos in sorted(chosen, reverse=True):
                variant = variant[:pos] + variant[pos + 1:]
            out.append(variant)
    return tuple(out)


def _screen(doc: Document) -> tuple[frozenset[str], str, tuple[Token, ...]]:
    """Per document, shared by every list: its token texts, those texts joined with a
    leading space (for stem searches), and the tokens that need fuzzy matching."""
    return doc.memo(_screen, _screened, doc.tokens)


def _screened(tokens: list[Token]) -> tuple[frozenset[str], str, tuple[Token, ...]]:
    texts = frozenset(t.text for t in tokens)
    return texts, " " + " ".join(texts), tuple(t for t in tokens if not t.plain)


class Lexicon:
    """A compiled word list."""

    def __init__(self, terms: Iterable[str], *, safe: Iterable[str] = (),
                 in_hashtags: bool = False) -> None:
        self.words: set[str] = set()
        self.words_in_order: list[str] = []
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        # "shit*": any word starting with the stem ("shitshow", "fuckwittery").
        self.stems: tuple[str, ...] = ()
        stems = []
        for term in terms:
            if term.endswith("*") and len(term) > 3 and " " not in term:
                stems.append(term[:-1].lower())
                continue
            words = term_words(term)
            if len(words) == 1:
                if words[0] not in self.words:
                    self.words_in_order.append(words[0])
                self.words.add(words[0])
            elif words:
                self.phrases.setdefault(words[0], []).append(words)
        for firsts in self.phrases.values():
            firsts.sort(key=len, reverse=True)  # longest phrase first
        self.stems = tuple(stems)
        # Any token outside this set, and matching no stem, cannot start a plain match.
        self._firsts = frozenset(self.words) | frozenset(self.phrases)
        self._stem_start = (re.compile(" (?:" + "|".join(map(re.escape, self.stems)) + ")")
                            if self.stems else None)
        safe_words = [term_words(w) for w in safe]
        self.safe = {w[0] for w in safe_words if len(w) == 1}
        # Safe phrases ("spotted dick", "blue tits"): a match inside one is not a match.
        self.safe_phrases: dict[str, list[tuple[str, ...]]] = {}
        for words in safe_words:
            if len(words) > 1:
                for i, word in enumerate(words):
                    self.safe_phrases.setdefault(word, []).append(words[i:i + 1] + words[:i]
                                                                  + words[i + 1:])
        self._memo: dict[tuple[str, str], tuple[str, bool] | None] = {}
        # Words of letters by length and first letter, for filling in a masked word ("f**k").
        self.by_shape: dict[tuple[int, str], list[str]] = {}
        for word in self.words_in_order:  # the list's order: earlier entries win ("fuck" > "feck")
            if word.isalpha():
                self.by_shape.setdefault((len(word), word[0]), []).append(word)
        # Words long and distinctive enough to find inside a run-together hashtag, as one
        # alternation (longest first) so a hashtag is scanned once.
        inside = sorted((w for w in self.words if len(w) >= 4 and w.isalpha()), key=len,
                        reverse=True) if in_hashtags else []
        self.hashtag_words = re.compile("|".join(map(re.escape, inside))) if inside else None
        # A safe word inside a hashtag protects it ("#scunthorpeunited").
        self._safe_inside = (re.compile("|".join(map(re.escape, sorted(self.safe))))
                             if inside and self.safe else None)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    def match_word(self, token: Token) -> tuple[str, bool] | None:
        """The entry a single token stands for, and whether it was disguised."""
        key = (token.text, token.masked)
        try:
            return self._memo[key]
        except KeyError:
            pass
        if len(self._memo) > 50_000:  # bound the memory a long audit can use
            self._memo.clear()
        found = self._memo[key] = self._match_word(token.text, token.masked)
        return found

    def _match_word(self, word: str, masked: str) -> tuple[str, bool] | None:
        if word in self.safe or word.startswith("@"):
            return None
        if ("$" in word or "@" in word) and word[0].isalpha():
            found = self._match_word(word.replace("$", "s").replace("@", "a"),
                                     masked.replace("$", "*").replace("@", "*"))
            return (found[0], True) if found else None
        if word in self.words:
            return word, masked != word
        if "*" in masked:
            filled = self._wildcard(masked)
            if filled:
                return filled, True
        for stem in self.stems:
            if word.startswith(stem) or ("*" in masked and self._stem_wildcard(stem, masked)):
                return word if word.isalpha() else stem, word != masked or not word.isalpha()
        if word.endswith("'s") and word[:-2] in self.words:
            return word[:-2], False  # "union's"
        for variant in _undoubled(word):
            if variant in self.safe:
                return None
            if variant in self.words:
                return variant, True
            if "*" in variant and len(variant) >= 4:
                filled = self._wildcard(variant)
                if filled:
                    return filled, True
        return None

    @staticmethod
    def _stem_wildcard(stem: str, masked: str) -> bool:
        """'sh*tshow' starts with 'shit' once the wildcard is filled in."""
        if len(masked) < len(stem) or masked[0] == "*":
            return False
        return all(m == c or m == "*" for m, c in zip(masked, stem, strict=False))

    def _wildcard(self, masked: str) -> str | None:
        stars = masked.count("*")
        letters = len(masked) - stars
        if letters < 2 or stars > letters or masked[0] == "*":
            return None  # "****" or "*uck" could be anything
        if not masked.replace("*", "").isalpha():
            return None  # "p0*ex": the list holds only words of letters
        for word in self.by_shape.get((len(masked), masked[0]), ()):
            if all(m == c or (m == "*" and "a" <= c <= "z") for m, c in zip(masked, word,
                                                                             strict=True)):
                return word
        return None

    def find(self, doc: Document) -> list[LexiconHit]:
        """Every entry found in the document, phrases before the words inside them."""
        return doc.memo(self, self._find, doc)

    def _could_match(self, doc: Document) -> bool:
        """A cheap screen: False only when no token can match (most posts, most lists)."""
        texts, joined, unusual = _screen(doc)
        if not self._firsts.isdisjoint(texts):
            return True
        if self._stem_start is not None and self._stem_start.search(joined):
            return True
        safe = self.safe
        for token in unusual:  # a plain loop: this runs for every list on every post
            if self.match_word(token) or (token.text in safe
                                          and self._stretched_past_safe(doc, token)):
                return True
        return False

    def _find(self, doc: Document) -> list[LexiconHit]:
        tokens = doc.tokens
        hits: list[LexiconHit] = []
        if not self._could_match(doc):
            tokens = []
        covered: set[int] = set()
        for token in tokens:
            if self.phrases:
                for words in self.phrases.get(token.text, ()):
                    end = token.position + len(words)
                    if end <= len(tokens) and all(
                        tokens[token.position + k].text == w for k, w in enumerate(words)
                    ):
                        last = tokens[end - 1]
                        hits.append(LexiconHit(" ".join(words), token.position, end - 1,
                                               token.start, last.end, False))
                        covered.update(range(token.position, end))
                        break
            if token.position in covered:
                continue
            if token.plain:  # most words: one set lookup, no fuzzy matching to try
                word = token.text
                if word in self.words and word not in self.safe:
                    found: tuple[str, bool] | None = (word, False)
                elif self.stems and word.startswith(self.stems) and word not in self.safe:
                    found = (word, False)
                else:
                    continue
            else:
                found = self.match_word(token) or (
                    self._stretched_past_safe(doc, token) if token.text in self.safe else None)
            if found and self.safe_phrases and self._in_safe_phrase(tokens, token.position):
                continue
            if found:
                hits.append(LexiconHit(found[0], token.position, token.position, token.start,
                                       token.end, found[1]))
        if self.hashtag_words and doc.norm.hashtags:
            hits.extend(self._in_hashtags(doc, {h.first for h in hits}))
        return hits

    def _stretched_past_safe(self, doc: Document, token: Token) -> tuple[str, bool] | None:
        """For a token on the safe list: a stretched word that collapsed onto it ("shiiiite"
        folds to "shiite", which the safe list keeps, but nobody stretches a word they mean as
        the safe one)."""
        if not STRETCH_RE.search(doc.text, token.start, token.end):
            return None
        for variant in _undoubled(token.text):
            if variant in self.words:
                return variant, True
        return None

    def _in_safe_phrase(self, tokens: list[Token], index: int) -> bool:
        word = tokens[index].text
        for phrase in self.safe_phrases.get(word, ()):
            words = sorted(phrase)  # order-free: the phrase's words within a short window
            window = {t.text for t in tokens[max(0, index - len(phrase) + 1):index + len(phrase)]}
            if all(w in window for w in words):
                return True
        return False

    def _in_hashtags(self, doc: Document, already: set[int]) -> list[LexiconHit]:
        out = []
        for a, b in doc.norm.hashtags:
            body = doc.norm.text[a:b]
            if " " in body or (self._safe_inside is not None and self._safe_inside.search(body)):
                continue  # split hashtags were already tokenised word by word
            assert self.hashtag_words is not None
            found = self.hashtag_words.search(body)
            if found:
                word, at = found.group(), found.start()
                start, end = doc.norm.to_original(a + at, a + at + len(word))
                index = next((t.position for t in doc.tokens if t.nstart >= a), 0)
                if index not in already:
                    out.append(LexiconHit(word, index, index, start, end, True))
        return out
