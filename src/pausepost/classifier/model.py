"""Run-time scoring with the shipped offensive-language model (pure Python, stdlib only).

The model file is written by ``training/train_offensive.py``. It is a logistic regression over
naive-Bayes-scaled tf-idf features in two blocks (word n-grams and char n-grams, see
``features.py``). Within a block every *occurrence* of a vocabulary feature ``f`` adds
``idf_f`` to its value and ``idf_f**2`` to the squared norm, so the block contributes::

    sum_occurrences a_f  /  sqrt(sum_occurrences idf_f**2)

to the decision value, where ``a_f`` = coefficient x NB ratio x idf is stored per feature.
For features seen at most once per text (nearly all) this is ordinary l2-normalised tf-idf.
Because both sums are additive, the char block can be summed token by token and each
token's share memoised, which is what makes scoring fast in pure Python. The decision value
is the two blocks plus the intercept; a Platt sigmoid maps it to a probability.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from itertools import repeat
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pausepost.classifier import features

FORMAT = "pausepost-offensive-nblr"
FORMAT_VERSION = 1
_RESOURCE = "offensive.json.gz"
# Memoised per-token char-block sums; reset to the shipped frequent-token sums when full.
_TOKEN_CACHE_LIMIT = 100_000
# One shared infinite default for map(dict.get, keys, _ZERO) so the hot sums stay in C.
_ZERO = repeat(0j)


def _table(block: Mapping[str, Any], n_documents: int) -> dict[str, complex]:
    """feature -> complex(a_f, idf_f**2), so one lookup yields the terms of both sums."""
    table: dict[str, complex] = {}
    for df, (feats, weights) in block.items():
        # scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1.
        idf = math.log((n_documents + 1) / (int(df) + 1)) + 1.0
        q = idf * idf
        # The first len(weights) features are weighted (zip stops there); the rest only count
        # towards the norm.
        table.update(zip(feats, map(complex, weights, repeat(q)), strict=False))
        table.update(dict.fromkeys(feats[len(weights):], complex(0.0, q)))
    return table


def _block_value(total: complex) -> float:
    # An empty sum means no vocabulary feature occurred: the block's vector is all zeros.
    return total.real / math.sqrt(total.imag) if total.imag > 0.0 else 0.0


class OffensiveModel:
    """Calibrated probability that a text is offensive (OLID sense: profanity, insults, threats).

    ``thresholds`` holds cut-offs on ``score`` chosen on validation data: ``warning``
    maximises macro-F1, ``high`` is the lowest with 90% precision. ``metadata`` records the
    training inputs, versions and validation figures.
    """

    thresholds: Mapping[str, float]
    metadata: Mapping[str, Any]

    def __init__(self, doc: Mapping[str, Any]) -> None:
        if doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION:
            raise ValueError("not a pausepost offensive-language model file")
        ngram_range = list(doc.get("char_ngram_range", ()))
        if doc.get("feature_version") != features.FEATURE_VERSION or ngram_range != [
            features.CHAR_NGRAM_MIN, features.CHAR_NGRAM_MAX
        ]:
            raise ValueError("model was trained with different features; retrain it")
        n_documents = int(doc["weighting"]["n_documents"])
        self._word_get = _table(doc["blocks"]["word"], n_documents).get
        self._char_get = _table(doc["blocks"]["char"], n_documents).get
        tokens, real, imag = doc.get("token_sums", ([], [], []))
        # Precomputed sums for frequent tokens make even the first post scored fast.
        self._frequent: dict[str, complex] = dict(zip(tokens, map(complex, real, imag),
                                                      strict=True))
        self._token_cache = dict(self._frequent)
        self._intercept = float(doc["intercept"])
        self._platt_a = float(doc["calibration"]["a"])
        self._platt_b = float(doc["calibration"]["b"])
        self.thresholds = MappingProxyType({k: float(v) for k, v in doc["thresholds"].items()})
        self.metadata = MappingProxyType(dict(doc.get("metadata", {})))

    @classmethod
    def load(cls, path: Path | None = None) -> OffensiveModel:
        """Load a model file (gzipped JSON); by default the one shipped in the package."""
        if path is None:
            data = resources.files("pausepost.classifier").joinpath(_RESOURCE).read_bytes()
        else:
            data = Path(path).read_bytes()
        return cls(json.loads(gzip.decompress(data)))

    def decision(self, text: str) -> float:
        """Uncalibrated decision value (the logistic regression's log-odds)."""
        toks = features.tokens(text)
        word = sum(map(self._word_get, features.word_features(toks), _ZERO), 0j)
        cache = self._token_cache
        char = 0j
        for tok in toks:
            part = cache.get(tok)
            if part is None:
                part = self._char_sum(tok)
                if len(cache) >= _TOKEN_CACHE_LIMIT:
                    cache.clear()
                    cache.update(self._frequent)
                cache[tok] = part
            char += part
        return self._intercept + _block_value(word) + _block_value(char)

    def _char_sum(self, token: str) -> complex:
        """complex(sum of a_f, sum of idf_f**2) over one token's char n-grams."""
        return sum(map(self._char_get, features.char_ngrams(token), _ZERO), 0j)

    def score(self, text: str) -> float:
        """Calibrated probability, 0..1, that ``text`` is offensive."""
        z = self._platt_a * self.decision(text) + self._platt_b
        if z >= 0.0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)  # this form cannot overflow for very negative z
        return e / (1.0 + e)

    def score_many(self, texts: Sequence[str]) -> list[float]:
        """``score`` of each text, in order."""
        score = self.score
        return [score(t) for t in texts]


@functools.cache
def default_model() -> OffensiveModel:
    """The shipped model, loaded once per process."""
    return OffensiveModel.load()
