"""Tests for pausepost.text.normalize: disguise removal and the offset map back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pausepost.text.normalize import HOMOGLYPHS, Normalized, _normalize_full, normalize

# (input, expected normalised text, word to find in the text, the original it came from)
CASES = [
    # Unicode
    ("fück", "fuck", "fuck", "fück"),
    ("fu\u0308ck off", "fuck off", "fuck", "fu\u0308ck"),  # decomposed umlaut
    ("Ｆｕｃｋ off", "fuck off", "fuck", "Ｆｕｃｋ"),
    ("𝐟𝐮𝐜𝐤 this", "fuck this", "fuck", "𝐟𝐮𝐜𝐤"),
    ("ﬁlthy", "filthy", "filthy", "ﬁlthy"),
    ("what a f\u200bu\u200dck", "what a fuck", "fuck", "f\u200bu\u200dck"),
    ("sh\u00adite", "shite", "shite", "sh\u00adite"),  # soft hyphen
    ("\ufeffidiot", "idiot", "idiot", "\ufeffidiot"),  # leading invisible char
    ("don’t", "don't", "don't", "don’t"),
    ("“idiot”", '"idiot"', "idiot", "idiot"),
    ("this — that", "this - that", "-", "—"),
    ("🅵🆄🅲🅺 ⓕⓤⓒⓚ", "fuck fuck", "fuck fuck", "🅵🆄🅲🅺 ⓕⓤⓒⓚ"),
    # Homoglyphs
    ("fаck", "fack", "fack", "fаck"),  # Cyrillic а
    ("ѕhit", "shit", "shit", "ѕhit"),  # Cyrillic ѕ
    ("ιdιοt", "idiot", "idiot", "ιdιοt"),  # Greek ι ο
    ("ԁісk", "dick", "dick", "ԁісk"),  # Cyrillic ԁ і с
    ("ᎪᏚᏚ", "ass", "ass", "ᎪᏚᏚ"),  # Cherokee
    ("ꜰᴜᴄᴋ", "fuck", "fuck", "ꜰᴜᴄᴋ"),  # small capitals
    # Emoji
    ("you 🖕 off", "you fuck off", "fuck", "🖕"),
    ("you🖕🏽", "you fuck", "fuck", "🖕🏽"),  # skin tone dropped, span covers it
    ("🤡 minister", "clown minister", "clown", "🤡"),
    ("total 🐷🐍", "total pig snake", "snake", "🐍"),
    ("☠️ soon", "dead soon", "dead", "☠️"),  # variation selector dropped
    ("great 😀 job", "great 😀 job", "😀", "😀"),  # other emoji pass through
    # Leetspeak and symbols inside words
    ("sh1t", "shit", "shit", "sh1t"),
    ("F4CK", "fack", "fack", "F4CK"),
    ("you b@stard", "you bastard", "bastard", "b@stard"),
    ("a55hole", "asshole", "asshole", "a55hole"),
    ("sh!t", "shit", "shit", "sh!t"),
    ("sh|t", "shit", "shit", "sh|t"),
    ("b€llend", "bellend", "bellend", "b€llend"),
    ("$hit", "shit", "shit", "$hit"),
    ("($hite)", "(shite)", "shite", "$hite"),
    ("f*ck", "f*ck", "f*ck", "f*ck"),
    ("f**k", "f**k", "f**k", "f**k"),
    ("c#nt", "c*nt", "c*nt", "c#nt"),
    ("tw%t", "tw*t", "tw*t", "tw%t"),
    # Spaced letters
    ("f u c k", "fuck", "fuck", "f u c k"),
    ("f  u  c  k", "fuck", "fuck", "f  u  c  k"),
    ("f.u.c.k", "fuck", "fuck", "f.u.c.k"),
    ("s-h-i-t", "shit", "shit", "s-h-i-t"),
    ("f_u_c_k", "fuck", "fuck", "f_u_c_k"),
    ("f*u*c*k", "fuck", "fuck", "f*u*c*k"),
    ("F U C K off", "fuck off", "fuck", "F U C K"),
    ("s h 1 t!", "shit!", "shit", "s h 1 t"),
    ("f u c k i n g hell", "fucking hell", "fucking", "f u c k i n g"),
    # Stretched letters
    ("fuuuuck", "fuuck", "fuuck", "fuuuuck"),
    ("shiiiit", "shiit", "shiit", "shiiiit"),
    ("soooo", "soo", "soo", "soooo"),
    ("sh!!!t", "shiit", "shiit", "sh!!!t"),
    # Hashtags
    ("#ToriesOut", "#tories out", "tories out", "ToriesOut"),
    ("#ScrapSanctions now", "#scrap sanctions now", "scrap sanctions", "ScrapSanctions"),
    ("#VoteLabour2024", "#vote labour 2024", "labour 2024", "Labour2024"),
    ("#BBCNews", "#bbc news", "bbc news", "BBCNews"),
    ("#F4ckOff", "#fack off", "fack off", "F4ckOff"),
    ("#Tories4Out", "#tories 4 out", "tories 4 out", "Tories4Out"),  # "4" means "for"
    ("#toriesout", "#toriesout", "toriesout", "toriesout"),
    ("#PCS", "#pcs", "pcs", "PCS"),
    # Negatives: only casefolded
    ("shit!", "shit!", "shit", "shit"),
    ("the A55 road", "the a55 road", "a55", "A55"),
    ("covid19", "covid19", "covid19", "covid19"),
    ("Welcome123", "welcome123", "welcome123", "Welcome123"),
    ("4pm", "4pm", "4pm", "4pm"),
    ("ab123cd", "ab123cd", "ab123cd", "ab123cd"),
    ("e-mail", "e-mail", "e-mail", "e-mail"),
    ("co-op", "co-op", "co-op", "co-op"),
    ("don't", "don't", "don't", "don't"),
    ("the U.K.", "the u.k.", "u.k.", "U.K."),
    ("e.g. this", "e.g. this", "e.g.", "e.g."),
    ("see https://Example.com/sh1t", "see https://example.com/sh1t", "sh1t", "sh1t"),
    ("see www.gov.uk", "see www.gov.uk", "www", "www"),
    ("mail Bob.Sm1th@Gov.UK", "mail bob.sm1th@gov.uk", "sm1th@", "Sm1th@"),
    ("@Sh1tLord hi", "@sh1tlord hi", "sh1tlord", "Sh1tLord"),
    ("plan a b", "plan a b", "a b", "a b"),  # only two single letters
    # Decision: three single letters join even when they are real words.
    ("I a m here", "iam here", "iam", "I a m"),
]


@pytest.mark.parametrize(("raw", "expected", "word", "source"), CASES)
def test_disguises(raw: str, expected: str, word: str, source: str) -> None:
    n = normalize(raw)
    assert n.text == expected
    start = n.text.index(word)
    begin = raw.index(source)
    assert n.to_original(start, start + len(word)) == (begin, begin + len(source))
    _check_invariants(n)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("f4ck", "f*ck"),
        ("sh1t", "sh*t"),
        ("b@stard", "b*stard"),
        ("$hit", "*hit"),
        ("s h 1 t", "sh*t"),
        ("fаck", "fack"),  # homoglyphs are not substitutions
        ("f**k", "f**k"),
        ("the A55", "the a55"),
    ],
)
def test_masked(raw: str, masked: str) -> None:
    assert normalize(raw).masked == masked


@pytest.mark.parametrize(
    ("raw", "bodies"),
    [
        ("#ToriesOut and #PCS", ["tories out", "pcs"]),
        ("#A #BbCc", ["a", "bb cc"]),
        ("x#y &#39; https://x.com/a?b=#frag", []),  # wildcard, entity, URL fragment
        ("no tags", []),
    ],
)
def test_hashtag_spans(raw: str, bodies: list[str]) -> None:
    n = normalize(raw)
    assert [n.text[a:b] for a, b in n.hashtags] == bodies


@pytest.mark.parametrize(
    "raw",
    [
        "Thanks all, great work on the guidance @HMTreasury #civilservice",
        "Report out at 4pm: https://t.co/AbC123xYz and www.gov.uk, ask bob1@x2y.com",
    ],
)
def test_fast_path_is_identity(raw: str) -> None:
    n = normalize(raw)
    assert n.text == n.masked == raw.lower()
    assert n.starts == range(len(raw))  # the fast path hands back ranges, not arrays
    assert n.ends == range(1, len(raw) + 1)


# Inputs where a too-narrow fast-path check once disagreed with the full pipeline.
@pytest.mark.parametrize("raw", ["#Fooc*_sA.a", "#20*cbwBar*&_924", "awww.gov", "(www.x.com"])
def test_fast_path_agrees_with_full_pipeline(raw: str) -> None:
    fast, full = normalize(raw), _normalize_full(raw)
    assert (fast.text, fast.masked, fast.hashtags) == (full.text, full.masked, full.hashtags)
    assert list(fast.starts) == list(full.starts)
    assert list(fast.ends) == list(full.ends)


def test_to_original_edges() -> None:
    n = normalize("a f4ck")
    assert n.to_original(2, 2) == (2, 2)
    assert n.to_original(6, 6) == (6, 6)
    assert normalize("").to_original(0, 0) == (0, 0)
    assert normalize("\u200b").to_original(0, 0) == (0, 0)
    for bad in [(-1, 1), (3, 2), (0, 7)]:
        with pytest.raises(ValueError):
            n.to_original(*bad)


# --------------------------------------------------------------------------- properties


def _check_invariants(n: Normalized) -> None:
    size = len(n.text)
    assert len(n.masked) == len(n.starts) == len(n.ends) == size
    limit = len(n.original)
    for i in range(size):
        assert 0 <= n.starts[i] < n.ends[i] <= limit
        if i:
            assert n.starts[i - 1] <= n.starts[i]
            assert n.ends[i - 1] <= n.ends[i]
        if n.masked[i] != n.text[i]:
            assert n.masked[i] == "*"
    for a, b in n.hashtags:
        assert 0 < a < b <= size
        assert n.text[a - 1] == "#"


_SPECIALS = (
    "\u0301\u0308\u0336\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0f\U0001f3fd"
    "🖕🤡💩😀ß İﬁ’—Ｆ𝐟аѕι#@$!|*0134578 9_.-'/\n"
)
_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_SPECIALS)), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_invariants_hold_for_any_text(raw: str) -> None:
    _check_invariants(normalize(raw))


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.data())
def test_to_original_is_bounded_and_monotonic(raw: str, data: st.DataObject) -> None:
    n = normalize(raw)
    size = len(n.text)
    previous = (0, 0)
    for i in range(size):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s < e <= len(raw)
        assert s >= previous[0] and e >= previous[1]
        previous = (s, e)
    a = data.draw(st.integers(0, size))
    b = data.draw(st.integers(a, size))
    s, e = n.to_original(a, b)
    assert 0 <= s <= e <= len(raw)
    # A wider span never maps to a narrower one.
    outer = n.to_original(max(a - 1, 0), min(b + 1, size))
    assert outer[0] <= s and e <= outer[1]


_ASCII_DISGUISES = st.text(
    alphabet="abcsFUCK hH1034578@$!|*#%^&~?+\"._-/'\n2w:" + "AB", max_size=40
).map(lambda s: s.replace(":", "://").replace("w", "www."))


@settings(max_examples=400, deadline=None)
@given(_ASCII_DISGUISES)
def test_ascii_fast_path_matches_full_pipeline(raw: str) -> None:
    fast, full = normalize(raw), _normalize_full(raw)
    assert fast.text == full.text
    assert fast.masked == full.masked
    assert list(fast.starts) == list(full.starts)
    assert list(fast.ends) == list(full.ends)
    assert fast.hashtags == full.hashtags


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9).filter(
    lambda w: not any(w[i] == w[i + 1] == w[i + 2] for i in range(len(w) - 2))
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=12), st.sampled_from([" ", ", ", ". ", "\n"]))
def test_plain_sentence_is_identity(words: list[str], sep: str) -> None:
    raw = sep.join(words)
    n = normalize(raw)
    assert n.text == n.masked == raw
    assert list(n.starts) == list(range(len(raw)))
    assert list(n.ends) == list(range(1, len(raw) + 1))


# Disguised words: each entry builds (original disguise, what normalisation must give).
_BASE_WORDS = ["fuck", "shit", "bastard", "twat", "prick", "wanker", "idiot", "scum", "liar"]
_LOOKALIKE = {v: k for k, v in HOMOGLYPHS.items() if v.islower() and k.islower()}
_LEETS = {"a": "4@", "e": "3€", "i": "1!|", "o": "0", "s": "5$", "t": "7", "b": "8", "g": "9"}
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_MARKS = "\u0301\u0308\u0327\u0336"


@st.composite
def _disguised(draw: st.DrawFn) -> tuple[str, str]:
    word = draw(st.sampled_from(_BASE_WORDS))
    last = len(word) - 1
    if draw(st.booleans()):  # spaced out, maybe with leetspeak inside
        sep = draw(st.sampled_from([" ", "  ", ".", "-", "_", "*"]))
        units = []
        for i, c in enumerate(word):
            options = [c, c.upper()]
            if 0 < i < last and c in _LEETS:
                options += list(_LEETS[c])
            if c in _LOOKALIKE:
                options.append(_LOOKALIKE[c])
            units.append(draw(st.sampled_from(options)))
        return sep.join(units), word
    pieces, expected = [], []
    for i, c in enumerate(word):
        how = draw(st.sampled_from(["plain", "upper", "look", "wide", "bold", "mark", "zw",
                                    "leet", "stretch"]))  # fmt: skip
        if how == "leet" and 0 < i < last and c in _LEETS:
            piece = draw(st.sampled_from(_LEETS[c]))
        elif how == "look" and c in _LOOKALIKE:
            piece = _LOOKALIKE[c]
        elif how == "upper":
            piece = c.upper()
        elif how == "wide":
            piece = chr(ord(c) - ord("a") + 0xFF41)
        elif how == "bold":
            piece = chr(ord(c) - ord("a") + 0x1D41A)
        elif how == "mark":
            piece = c + draw(st.sampled_from(_MARKS))
        elif how == "zw":
            piece = c + draw(st.sampled_from(_INVISIBLE))
        elif how == "stretch":
            piece = c * draw(st.integers(3, 6))
            expected.append(c)
        else:
            piece = c
        pieces.append(piece)
        expected.append(c)
    return "".join(pieces), "".join(expected)


@settings(max_examples=400, deadline=None)
@given(_disguised())
def test_disguised_word_maps_back_exactly(case: tuple[str, str]) -> None:
    disguise, expected = case
    raw = f"Hello {disguise} there"
    n = normalize(raw)
    assert n.text == f"hello {expected} there"
    start = n.text.index(expected)
    s, e = n.to_original(start, start + len(expected))
    assert raw[s:e] == disguise
    _check_invariants(n)
