"""Undo the usual disguises people use to slip words past a filter, keeping offsets.

`normalize` turns a draft post into a casefolded, de-disguised string that lexicon
detectors can match with plain regexes, plus a per-character map back to the original
string so a match can be highlighted exactly where the author typed it.

What gets undone, in order:

1. Unicode: NFKD, combining marks and invisible format characters dropped, casefold;
   curly quotes and dashes become ASCII.
2. Look-alike letters from other scripts (`HOMOGLYPHS`) become Latin.
3. A few meaningful emoji (`EMOJI_WORDS`) become words.
4. Spaced-out letters ("f u c k", "s.h.i.t") are joined.
5. Leetspeak / symbols inside a word ("sh1t", "b@stard", "f*ck"); URLs, e-mail
   addresses and @mentions are left alone.
6. Stretched letters ("fuuuuck") collapse to two.
7. CamelCase hashtags are split into words ("#ToriesOut" -> "#tories out").

Spaced letters are joined before leetspeak is resolved so that "s h 1 t" becomes "sh1t"
and then "shit".
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["EMOJI_WORDS", "HOMOGLYPHS", "Normalized", "normalize"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised post and the map from its characters back to the original.

    ``text[i]`` was produced from ``original[starts[i]:ends[i]]``. Both maps are
    non-decreasing and every span is non-empty, so any span of ``text`` maps to a
    well-formed span of ``original``.
    """

    original: str
    text: str
    masked: str
    starts: Sequence[int]
    ends: Sequence[int]
    hashtags: tuple[tuple[int, int], ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``[start, end)`` of `text` to the span of `original` it came from.

        An empty span (``start == end``) maps to a zero-width position. Raises
        `ValueError` unless ``0 <= start <= end <= len(text)``.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span ({start}, {end}) is not within text of length {n}")
        if start < end:
            return self.starts[start], self.ends[end - 1]
        if start < n:
            pos = self.starts[start]
        elif n:
            pos = self.ends[n - 1]
        else:
            pos = 0
        return pos, pos


# --------------------------------------------------------------------------- tables

# Letters from other scripts (and Latin variants NFKD leaves alone) that render like a
# Latin letter. Keys keep their case so camelCase hashtags still split correctly.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "А": "A", "в": "b", "В": "B", "е": "e", "Е": "E", "о": "o", "О": "O",
    "р": "p", "Р": "P", "с": "c", "С": "C", "у": "y", "У": "Y", "х": "x", "Х": "X",
    "ѕ": "s", "Ѕ": "S", "і": "i", "І": "I", "ј": "j", "Ј": "J", "һ": "h", "Һ": "H",
    "ԁ": "d", "Ԁ": "D", "ԛ": "q", "Ԛ": "Q", "ԝ": "w", "Ԝ": "W", "ӏ": "l", "Ӏ": "I",
    "к": "k", "К": "K", "м": "m", "М": "M", "н": "h", "Н": "H", "т": "t", "Т": "T",
    "ь": "b", "п": "n", "г": "r",
    # Greek
    "α": "a", "Α": "A", "β": "b", "Β": "B", "ε": "e", "Ε": "E", "η": "n", "Η": "H",
    "ι": "i", "Ι": "I", "κ": "k", "Κ": "K", "ν": "v", "Ν": "N", "ο": "o", "Ο": "O",
    "ρ": "p", "Ρ": "P", "τ": "t", "Τ": "T", "υ": "u", "Υ": "Y", "χ": "x", "Χ": "X",
    "γ": "y", "ω": "w", "μ": "u", "Μ": "M", "Ζ": "Z", "ϲ": "c", "Ϲ": "C",
    # Armenian
    "օ": "o", "Օ": "O", "ս": "u", "Ս": "U", "ց": "g", "հ": "h", "ո": "n", "ռ": "n",
    "զ": "q", "Լ": "L",
    # Cherokee (capitals; the small letters casefold to these)
    "Ꭺ": "A", "Ᏼ": "B", "Ꮯ": "C", "Ꭰ": "D", "Ꭼ": "E", "Ꮐ": "G", "Ꮋ": "H", "Ꭻ": "J",
    "Ꮶ": "K", "Ꮮ": "L", "Ꮇ": "M", "Ꮲ": "P", "Ꭱ": "R", "Ꮪ": "S", "Ꭲ": "T", "Ꮩ": "V",
    "Ꮃ": "W", "Ꮤ": "W", "Ꮓ": "Z",
    # Latin look-alikes without a compatibility decomposition
    "ı": "i", "ɩ": "i", "ɑ": "a", "ɡ": "g", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ħ": "h", "Ħ": "H", "ł": "l", "Ł": "L", "ŧ": "t", "Ŧ": "T", "ƒ": "f", "Ƒ": "F",
    # Small capitals ("ꜰᴜᴄᴋ"), a popular "font" trick
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h",
    "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p",
    "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
}  # fmt: skip

# Emoji that carry a word's meaning in an abusive post. Everything else passes through.
EMOJI_WORDS: dict[str, str] = {
    "🖕": "fuck",  # the middle finger is a swear gesture
    "🤬": "swearing",
    "💩": "shit",
    "🤡": "clown",
    "🐷": "pig", "🐖": "pig", "🐽": "pig",
    "🐍": "snake",
    "🐀": "rat",
    "🐒": "monkey", "🐵": "monkey", "🦍": "gorilla",  # used as racist abuse
    "🐄": "cow", "🐮": "cow",
    "🔪": "knife", "🗡": "knife",
    "🔫": "gun",
    "💣": "bomb",
    "🪓": "axe",
    "💀": "dead", "☠": "dead",
    "⚰": "coffin",
    "👊": "punch",
    "🤮": "vomit",
    "🤥": "liar",
}  # fmt: skip

# Typographic punctuation that should match the ASCII a lexicon is written in.
# Checked before NFKD because NFKD turns "´" into a space plus a combining accent.
_PUNCT: dict[str, str] = {
    **dict.fromkeys("‘’‚‛′ʼ´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−⁃", "-"),
}

# Fillers that render as nothing but are ordinary letters (Lo), so the category test
# below does not catch them.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0")
_DROP_CATEGORIES = frozenset({"Mn", "Me", "Cf"})

# Substitutions accepted inside a word; any other substituted symbol becomes "*".
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
         "@": "a", "$": "s", "!": "i", "|": "i", "€": "e"}  # fmt: skip
_WILDCARDS = '*#%^&~?+"£'  # "£" could be l or e; a wildcard lets the matcher decide
_LEET_TABLE = str.maketrans({**dict.fromkeys(_WILDCARDS, "*"), **_LEET})

# ------------------------------------------------------------------------- patterns
#
# Python's regex engine can skip ahead quickly only when a pattern starts with a literal
# or a character class, so each pattern below starts with the rare character it is
# about (the symbol, the separator, the "#") and looks behind for its context.

_SUB = r"[013457-9@$!|€£*#%^&~?+\"]"  # characters that may stand in for a letter

# A run of substitutes with a letter on each side, or a "$" starting a word ("$hit").
_LEET_RE = re.compile(
    f"{_SUB}(?:(?<=[a-z]{_SUB}){_SUB}*(?=[a-z])"  # inside a word
    r"|(?<=\$)(?<![\w$]\$)(?=[a-z]))"  # "$hit"
)

# Three or more single-character units with one consistent separator, the first and
# last a letter. Space-separated units must stand alone. Runs joined by "." "-" "_" "*"
# (or a middle dot / bullet, also seen in the wild) must not be part of a longer
# dotted or hyphenated word: "a.b.c.de" is left alone.
_SPACED_RE = re.compile(
    r"(?<![^\W_])(?P<s>[a-z](?P<s1> {1,2})(?:[a-z013457-9@$!|€*](?P=s1))+[a-z])(?![^\W_])"
    r"|(?<![\w.\-*@'/·•])[a-z](?P<s2>[.\-_*·•])(?:[a-z013457-9@$!|€](?P=s2))+[a-z]"
    r"(?![\w@'/])(?!(?P=s2)\w)"
)
# Cheap necessary condition for _SPACED_RE (and for its ASCII, mixed-case form).
_SPACED_HINT_RE = re.compile(
    r"[ \-._*·•](?<=[A-Za-z].)[ \-._*·•]?[A-Za-z0-9@$!|€*][ \-._*·•]{1,2}[A-Za-z0-9@$!|€*]"
)

# A letter three or more times in a row ("fuuuck"); the word lists use it too.
STRETCH_RE = re.compile(r"([^\W\d_])\1{2,}")
_STRETCH_ASCII_RE = re.compile(r"([a-z])\1\1", re.ASCII)

# "&#" is an HTML entity and "x#y" a wildcard, not hashtags.
_HASHTAG_RE = re.compile(r"#(?<![\w#&/]#)(\w+(?:\*+\w+)*)")

# ASCII text with none of these needs no work beyond lower(): a substitute next to a
# letter, "$" before a letter, or a hashtag with a camelCase/digit boundary. Together
# with _SPACED_HINT_RE and _STRETCH_ASCII_RE it must fire wherever a stage would change
# something; tests compare the fast path against the full pipeline.
_ASCII_SUB = r"[0-9@$!|*#%^&~?+\"]"
_SYMBOL_HINT_RE = re.compile(
    f"{_ASCII_SUB}(?:(?<=[A-Za-z]{_ASCII_SUB}){_ASCII_SUB}*[A-Za-z]"  # inside a word
    r"|(?<=\$)[A-Za-z]"  # "$hit"
    r"|(?<=#)[\w*]*(?:[a-z][A-Z]|[A-Z]{2}[a-z]|[A-Za-z][0-9]|[0-9][A-Za-z]))"  # hashtag to split
)

# URLs, e-mail addresses and @mentions are only casefolded. Whole whitespace-delimited
# tokens are protected, found from the cheap hint.
_PROTECT_HINT_RE = re.compile(r"@|://|www\.")
_NON_SPACE_RE = re.compile(r"\S*")
_PROTECTED_TOKEN_RE = re.compile(
    r"[^\w@]*(?:@\w|www\.)"  # @mention, www.example
    r"|.*://"  # scheme://
    r"|.*?[\w.+\-]@[\w\-]+(?:\.[\w\-]+)+"  # e-mail address
)

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")

# ------------------------------------------------------------------- unicode stage

_KEEP, _DROP, _EMOJI = 0, 1, 2
_DROPPED = (_DROP, "", "")

# Per-character results of the Unicode stage: (kind, casefolded text, case-preserving
# text of the same length). Posts reuse a small alphabet, so caching pays off quickly.
_char_cache: dict[str, tuple[int, str, str]] = {}
_CACHE_LIMIT = 20_000


def _fold(d: str, folded: list[str], cased: list[str]) -> None:
    """Append the casefolded form of one decomposed character (and a same-length cased twin)."""
    d = _PUNCT.get(d) or HOMOGLYPHS.get(d) or d
    f = d.casefold()
    if len(f) == 1:
        if f in HOMOGLYPHS:  # Cherokee small letters casefold to the capitals in the table
            f = HOMOGLYPHS[f].lower()
    else:
        f = "".join(c for c in f if unicodedata.category(c) not in _DROP_CATEGORIES)
    if not f:
        return
    folded.append(f)
    up = f.upper()
    cased.append(up if (d.isupper() or d.istitle()) and len(up) == len(f) else f)


def _classify(ch: str) -> tuple[int, str, str]:
    """Work out what the Unicode stage emits for one non-ASCII character."""
    word = EMOJI_WORDS.get(ch)
    if word is not None:
        return _EMOJI, word, word
    code = ord(ch)
    if ch in _INVISIBLE or 0x1F3FB <= code <= 0x1F3FF:  # fillers, skin-tone modifiers
        return _DROPPED
    folded: list[str] = []
    cased: list[str] = []
    if ch in _PUNCT or ch in HOMOGLYPHS:
        _fold(ch, folded, cased)
    elif unicodedata.category(ch) in _DROP_CATEGORIES:
        return _DROPPED
    elif 0x1F150 <= code <= 0x1F169 or 0x1F170 <= code <= 0x1F189:
        # Negative circled / squared capitals ("🅵🆄🅲🅺") have no decomposition.
        _fold(chr(0x41 + (code - 0x1F150) % 0x20), folded, cased)
    else:
        decomposed = unicodedata.normalize("NFKD", ch)
        if len(decomposed) == 3 and decomposed[0] == "(" and decomposed[2] == ")":
            decomposed = decomposed[1]  # parenthesised letters: "⒡" -> "f", not "(f)"
        for d in decomposed:
            if unicodedata.category(d) not in _DROP_CATEGORIES:
                _fold(d, folded, cased)
    if not folded:
        return _DROPPED
    return _KEEP, "".join(folded), "".join(cased)


def _unicode_stage(text: str) -> tuple[str, str, list[int], list[int]]:
    """Apply the Unicode, homoglyph and emoji steps to non-ASCII text.

    Returns the casefolded text, a same-length case-preserving twin (for hashtag
    splitting) and per-character start/end offsets into `text`. Dropped characters
    extend the span of the character before them so that a highlight includes the
    accents and invisible characters inside a word.
    """
    folded: list[str] = []
    cased: list[str] = []
    bst: list[int] = []
    ben: list[int] = []
    lead = -1  # offset of leading dropped characters, claimed by the first output char
    last_space = True  # the last emitted char is whitespace (or nothing emitted yet)
    pending_space = False  # an emoji word was emitted and needs a space after it

    def emit(piece: str, cased_piece: str, start: int, end: int) -> None:
        nonlocal lead, last_space, pending_space
        if pending_space and not piece[0].isspace():
            folded.append(" ")
            cased.append(" ")
            bst.append(bst[-1])
            ben.append(ben[-1])
        pending_space = False
        k = len(bst)
        folded.append(piece)
        cased.append(cased_piece)
        if end - start == len(piece):
            bst.extend(range(start, end))
            ben.extend(range(start + 1, end + 1))
        else:
            bst.extend([start] * len(piece))
            ben.extend([end] * len(piece))
        if lead >= 0:
            bst[k] = lead
            lead = -1
        last_space = piece[-1].isspace()

    pos = 0
    cache = _char_cache
    for run in _NON_ASCII_RE.finditer(text):
        a, b = run.span()
        if a > pos:
            chunk = text[pos:a]
            emit(chunk.lower(), chunk, pos, a)
        for i in range(a, b):
            ch = text[i]
            info = cache.get(ch)
            if info is None:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()  # bound memory against posts that walk all of Unicode
                info = cache[ch] = _classify(ch)
            kind, f, c = info
            if kind == _KEEP:
                emit(f, c, i, i + 1)
            elif kind == _DROP:
                if not bst:
                    if lead < 0:
                        lead = i
                    continue
                # Extend every output char of the previous source character.
                last = bst[-1]
                j = len(ben) - 1
                while j >= 0 and bst[j] == last:
                    ben[j] = i + 1
                    j -= 1
            else:  # emoji: read it as a separate word
                if bst and (pending_space or not last_space):
                    pending_space = False
                    emit(" ", " ", i, i + 1)
                emit(f, c, i, i + 1)
                pending_space = True
        pos = b
    if pos < len(text):
        chunk = text[pos:]
        emit(chunk.lower(), chunk, pos, len(text))
    return "".join(folded), "".join(cased), bst, ben


# ----------------------------------------------------------------- word-level stages


def _protected(t: str) -> bytearray | None:
    """Flag the characters of URL, e-mail and @mention tokens (None if there are none)."""
    hint = _PROTECT_HINT_RE.search(t)
    if hint is None:
        return None
    flags: bytearray | None = None
    rev = t[::-1]  # lets a forward regex find where the token around a hint starts
    n = len(t)
    end = 0
    while hint is not None:
        p = hint.start()
        if p >= end:
            start = n - _NON_SPACE_RE.match(rev, n - p).end()  # type: ignore[union-attr]
            end = _NON_SPACE_RE.match(t, p).end()  # type: ignore[union-attr]
            if _PROTECTED_TOKEN_RE.match(t, start, end):
                if flags is None:
                    flags = bytearray(n)
                flags[start:end] = b"\x01" * (end - start)
        hint = _PROTECT_HINT_RE.search(t, max(end, p + 1))
    return flags


def _hashtag_spans(t: str, prot: bytearray | None) -> tuple[tuple[int, int], ...]:
    """Hashtag body spans in `t`, for text whose hashtags need no splitting."""
    return tuple(
        mt.span(1) for mt in _HASHTAG_RE.finditer(t) if prot is None or not prot[mt.start()]
    )


def _join_spaced(t: str, idx: Sequence[int], prot: bytearray | None) -> tuple[str, Sequence[int]]:
    """Join "f u c k" / "f.u.c.k" runs, dropping the separators."""
    if _SPACED_HINT_RE.search(t) is None:
        return t, idx
    parts: list[str] = []
    new_idx: list[int] = []
    last = 0
    for mt in _SPACED_RE.finditer(t):
        a, b = mt.span()
        if prot is not None and any(prot[i] for i in idx[a:b]):
            continue
        step = len(mt.group("s1")) + 1 if mt.group("s") is not None else 2
        parts.append(t[last:a])
        parts.append(t[a:b:step])
        new_idx.extend(idx[last:a])
        new_idx.extend(idx[a:b:step])
        last = b
    if not parts:
        return t, idx
    parts.append(t[last:])
    new_idx.extend(idx[last:])
    return "".join(parts), new_idx


def _in_hashtag(t: str, pos: int) -> bool:
    """Whether `pos` lies in a token that starts with "#"."""
    while pos > 0 and not t[pos - 1].isspace():
        pos -= 1
    return t.startswith("#", pos)


def _resolve_leet(
    t: str, idx: Sequence[int], cased: str, prot: bytearray | None
) -> tuple[str, str]:
    """Replace substitutes inside words; return (text, masked)."""
    parts: list[str] = []
    mparts: list[str] = []
    last = 0
    for mt in _LEET_RE.finditer(t):
        a, b = mt.span()
        if prot is not None and prot[idx[a]]:
            continue
        run = mt.group()
        if (
            run.isdigit()
            and cased[idx[a - 1]].islower()
            and cased[idx[b]].isupper()
            and _in_hashtag(t, a)
        ):
            continue  # "#Tories4Out": a digit at a camelCase boundary is a word
        plain = t[last:a]
        parts.append(plain)
        mparts.append(plain)
        parts.append(run.translate(_LEET_TABLE))
        mparts.append("*" * len(run))
        last = b
    if not parts:
        return t, t
    parts.append(t[last:])
    mparts.append(t[last:])
    return "".join(parts), "".join(mparts)


def _collapse_stretched(
    t: str, m: str, idx: Sequence[int], prot: bytearray | None
) -> tuple[str, str, Sequence[int]]:
    """Shorten runs of 3+ identical letters to the first and last of them."""
    parts: list[str] = []
    mparts: list[str] = []
    new_idx: list[int] = []
    last = 0
    for mt in STRETCH_RE.finditer(t):
        a, b = mt.span()
        if prot is not None and prot[idx[a]]:
            continue  # "www."
        # Keep the last letter too so a highlight covers the whole stretched run.
        parts.append(t[last:a])
        parts.append(t[a] + t[b - 1])
        mparts.append(m[last:a])
        mparts.append(m[a] + m[b - 1])
        new_idx.extend(idx[last:a])
        new_idx.append(idx[a])
        new_idx.append(idx[b - 1])
        last = b
    if not parts:
        return t, m, idx
    parts.append(t[last:])
    mparts.append(m[last:])
    new_idx.extend(idx[last:])
    return "".join(parts), "".join(mparts), new_idx


def _hashtag_breaks(t: str, m: str, idx: Sequence[int], cased: str, a: int, b: int) -> list[int]:
    """Positions in the hashtag body ``t[a:b]`` before which a space goes."""
    # U upper letter, l lower letter, x substituted letter (caseless), d digit, o other.
    kinds = []
    for k in range(a, b):
        ch = t[k]
        if ch.isdigit():
            kinds.append("d")
        elif not ch.isalpha():
            kinds.append("o")
        elif m[k] == "*":
            kinds.append("x")
        else:
            kinds.append("U" if cased[idx[k]].isupper() else "l")
    if "U" not in kinds or "l" not in kinds:
        return []  # "#toriesout", "#PCS", "#COVID19" stay as they are
    breaks = []
    n = len(kinds)
    for k in range(1, n):
        prev, cur = kinds[k - 1], kinds[k]
        if (
            (prev == "l" and cur == "U")
            or (prev == "d" and cur in "Ulx")
            or (cur == "d" and prev in "Ulx")
            or (prev == "U" and cur == "U" and k + 1 < n and kinds[k + 1] == "l")
        ):
            breaks.append(a + k)
    return breaks


def _split_hashtags(
    t: str, m: str, idx: Sequence[int], cased: str, prot: bytearray | None
) -> tuple[str, str, Sequence[int], tuple[tuple[int, int], ...]]:
    """Split camelCase hashtag bodies into words and record the body spans."""
    spans: list[tuple[int, int]] = []
    breaks: list[int] = []
    if "#" in t:
        for mt in _HASHTAG_RE.finditer(t):
            a, b = mt.span(1)
            if prot is not None and prot[idx[a - 1]]:
                continue  # a URL fragment
            inner = _hashtag_breaks(t, m, idx, cased, a, b)
            # The body moves right by the spaces inserted before it and within it.
            spans.append((a + len(breaks), b + len(breaks) + len(inner)))
            breaks.extend(inner)
    if not breaks:
        return t, m, idx, tuple(spans)
    parts: list[str] = []
    mparts: list[str] = []
    new_idx: list[int] = []
    last = 0
    for k in breaks:
        parts.append(t[last:k])
        mparts.append(m[last:k])
        new_idx.extend(idx[last:k])
        # The inserted space borrows the next character's span so every span is non-empty.
        parts.append(" ")
        mparts.append(" ")
        new_idx.append(idx[k])
        last = k
    parts.append(t[last:])
    mparts.append(m[last:])
    new_idx.extend(idx[last:])
    return "".join(parts), "".join(mparts), new_idx, tuple(spans)


# ----------------------------------------------------------------------------- API


def normalize(text: str) -> Normalized:
    """Normalise a post for lexicon matching; see the module docstring for the steps."""
    if text.isascii() and _SPACED_HINT_RE.search(text) is None:
        low = text.lower()
        symbol = _SYMBOL_HINT_RE.search(text)
        stretch = _STRETCH_ASCII_RE.search(low)
        prot = None
        if symbol is not None or stretch is not None or "#" in low:
            prot = _protected(low)
        # Hints inside URLs, e-mails and @mentions ("www.", "t.co/x1Yz") change nothing.
        if (symbol is None or _all_protected(_SYMBOL_HINT_RE, text, prot)) and (
            stretch is None or _all_protected(_STRETCH_ASCII_RE, low, prot)
        ):
            # Fast path: nothing to undo, so the maps are the identity.
            n = len(text)
            tags = _hashtag_spans(low, prot) if "#" in low else ()
            return Normalized(text, low, low, range(n), range(1, n + 1), tags)
    return _normalize_full(text)


def _all_protected(pattern: re.Pattern[str], t: str, prot: bytearray | None) -> bool:
    """Whether every match of `pattern` starts inside a protected token.

    Sound for patterns that cannot match across whitespace: such a match lies within
    one token, and protection covers whole tokens.
    """
    return prot is not None and all(prot[mt.start()] for mt in pattern.finditer(t))


def _normalize_full(text: str) -> Normalized:
    """Run every stage; `normalize` skips here only when none would change anything."""
    bst: list[int] | None
    ben: list[int] | None
    if text.isascii():
        t, cased, bst, ben = text.lower(), text, None, None
    else:
        t, cased, bst, ben = _unicode_stage(text)
    prot = _protected(t)  # flags by position in `t` as it is now, i.e. in `cased`
    idx: Sequence[int] = range(len(t))
    t, idx = _join_spaced(t, idx, prot)
    t, m = _resolve_leet(t, idx, cased, prot)
    t, m, idx = _collapse_stretched(t, m, idx, prot)
    t, m, idx, tags = _split_hashtags(t, m, idx, cased, prot)

    starts: Sequence[int]
    ends: Sequence[int]
    if bst is None or ben is None:  # ASCII: stage offsets are original offsets
        if isinstance(idx, range):
            starts, ends = idx, range(idx.start + 1, idx.stop + 1)
        else:
            starts = array("l", idx)
            ends = array("l", [i + 1 for i in idx])
    elif isinstance(idx, range):
        starts, ends = array("l", bst), array("l", ben)
    else:
        starts = array("l", map(bst.__getitem__, idx))
        ends = array("l", map(ben.__getitem__, idx))
    return Normalized(text, t, m, starts, ends, tags)
