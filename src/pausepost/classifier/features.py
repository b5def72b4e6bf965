"""Feature extraction for the offensive-language classifier (pure Python, stdlib only).

The training script (``training/train_offensive.py``) feeds exactly these features to
scikit-learn and ``model.py`` uses them at run time, so the two cannot drift apart.
Any change here changes the model's inputs: bump ``FEATURE_VERSION`` and retrain.

A text becomes a list of tokens (``tokens``), from which come two blocks of string features:

* word block (``word_features``): word unigrams and space-joined bigrams;
* char block (``char_ngrams`` of each token): character 2-5-grams of the token padded with
  one space each side (the idea of scikit-learn's ``char_wb``, implemented here).

How the model weights them is described in ``model.py``.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

FEATURE_VERSION = 1
CHAR_NGRAM_MIN = 2
CHAR_NGRAM_MAX = 5

_MENTION = re.compile(r"@\w+|<user>")
_MULTI_MENTION = re.compile(r"@user(?:\s+@user)+")
_URL = re.compile(r"https?://\S+|www\.\S+|<url>")
# 3+ repeats carry little beyond 2 ("soooo" ~ "soo") and would only bloat the vocabulary.
_REPEAT = re.compile(r"(.)\1\1+")
# Light de-leeting only *between* letters, so "b!tch"/"sh1t" match but "r2", "2nd", "!!" don't.
# (Written with the character first so the regex engine can skip ahead to candidates.)
_LEET = re.compile(r"[013457@$!](?<=[a-z].)(?=[a-z])")
_LEET_MAP = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
             "!": "i"}
# Words keep ', #, @ and * inside them ("don't", "#maga", "@user", "f**k"); every other
# non-space character (punctuation, emoji) is a token of its own.
_TOKEN = re.compile(r"[\w#@*]+(?:'[\w#@*]+)*|[^\w\s]")


def _leet(match: re.Match[str]) -> str:
    return _LEET_MAP[match.group()]


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Split ``text`` into the canonical tokens all features are built from.

    NFKC-folds and lowercases, maps mentions to ``@user`` (a run of them to one) and links to
    ``url``, caps repeated characters at two, undoes simple leetspeak inside words, and makes
    each punctuation mark or emoji its own token.
    """
    text = unicodedata.normalize("NFKC", text).lower()  # also folds "𝐢𝐝𝐢𝐨𝐭"-style letters
    if "&" in text:
        text = html.unescape(text)  # scraped tweets carry &amp; etc.
    # The substring checks skip regex scans that usually find nothing; this is the hot path.
    if "@" in text or "<user>" in text:
        text = _MENTION.sub("@user", text)
        if text.count("@user") > 1:
            text = _MULTI_MENTION.sub("@user", text)
    if "://" in text or "www." in text or "<url>" in text:
        text = _URL.sub("url", text)
    text = _REPEAT.sub(r"\1\1", text)
    text = _LEET.sub(_leet, text)
    out: list[str] = []
    for word in text.split():
        # Plain alphanumeric words (most of them) need no regex; same result, less time.
        if word.isalnum():
            out.append(word)
        else:
            out.extend(_TOKEN.findall(word))
    return tuple(out)  # a tuple: results are cached and shared, so they must not change


def normalise(text: str) -> str:
    """The canonical form of ``text``: its tokens joined by single spaces."""
    return " ".join(tokens(text))


def word_features(toks: Sequence[str]) -> list[str]:
    """Word unigrams then bigrams, with repeats; a hashtag counts as its bare word here."""
    words = [t[1:] if t[0] == "#" and len(t) > 1 else t for t in toks]
    words.extend([f"{a} {b}" for a, b in pairwise(words)])
    return words


def _ngram_slices(size: int) -> tuple[slice, ...]:
    return tuple(
        slice(i, i + n)
        for n in range(CHAR_NGRAM_MIN, min(CHAR_NGRAM_MAX, size) + 1)
        for i in range(size - n + 1)
    )


# Slicing with prebuilt slice objects through map() runs in C: about a third faster than a
# comprehension, and this is the slow path of scoring (tokens the model has not seen yet).
_SLICES = [_ngram_slices(size) for size in range(42)]


def char_ngrams(token: str) -> list[str]:
    """Character n-grams (``CHAR_NGRAM_MIN``..``CHAR_NGRAM_MAX``) of one space-padded token."""
    padded = f" {token} "
    size = len(padded)
    slices = _SLICES[size] if size < len(_SLICES) else _ngram_slices(size)
    return list(map(padded.__getitem__, slices))


def char_features(toks: Sequence[str]) -> list[str]:
    """The char n-grams of all tokens, with repeats."""
    out: list[str] = []
    for tok in toks:
        out.extend(char_ngrams(tok))
    return out


def extract(text: str) -> tuple[list[str], list[str]]:
    """``(word_features, char_features)`` of one raw text, as the training script uses them."""
    toks = tokens(text)
    return word_features(toks), char_features(toks)
