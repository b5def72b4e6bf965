"""Run-time scoring with the shipped per-rule models (pure Python, stdlib only).

Each rule has a logistic regression over two blocks of features of a post's canonical tokens
(``features.py``), written by ``training/train_rules.py`` with the threshold chosen by
cross-validation:

* words: the distinct word 1-2-grams, each worth its idf, the block divided by the square root
  of how many distinct 1-2-grams the post has;
* characters: the 2-5-grams of each token (with repeats), each worth its idf, the block divided
  by the square root of how many n-grams the post has.

The idf is folded into the stored weights. Both norms count every feature, known or not, so a
post's score is a sum of per-feature weights and the character block can be summed token by
token from a memo: the slow path is only a token never seen before.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import math
import sys
from array import array
from collections.abc import Iterable, Mapping
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Any

from pausepost.classifier import features

FORMAT = "pausepost-rule-models"
FORMAT_VERSION = 2
_RESOURCE = "rules.json.gz"
_MEMO_LIMIT = 50_000  # tokens whose character sums are kept; bounds a long audit's memory


# A handle or a link says nothing about the rule by itself (replies are full of handles);
# left in, models learn "has an @mention" as harassment.
_PLACEHOLDERS = ("@user", "url")


def post_tokens(text: str) -> list[str]:
    """The canonical tokens the models read: without handles and links, a hashtag as its bare
    word (shared with ``training/train_rules.py``)."""
    return [t[1:] if t[0] == "#" and len(t) > 1 else t
            for t in features.tokens(text) if t not in _PLACEHOLDERS]


def post_features(text: str) -> set[str]:
    """The word block: distinct word 1-2-grams of the post's tokens."""
    return set(features.word_features(post_tokens(text)))


def char_features(text: str) -> list[str]:
    """The character block: every 2-5-gram of every token, with repeats."""
    return features.char_features(post_tokens(text))


def _sigmoid(z: float) -> float:
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class RuleModels:
    """One small linear model per rule, with the probability above which it speaks."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        if doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"not a {FORMAT} file, version {FORMAT_VERSION}")
        if doc.get("feature_version") != features.FEATURE_VERSION:
            raise ValueError("rule models were trained on other features: retrain them")
        models = doc["rules"]
        self._order = tuple(models)
        self._intercepts = tuple(float(models[rule]["intercept"]) for rule in self._order)
        self.thresholds = {rule: float(models[rule]["threshold"]) for rule in self._order}
        self.metadata = dict(doc.get("metadata", {}))
        self._rows = self._table(doc["blocks"]["word"])
        self._vocabulary = self._rows.keys()
        self._char_rows = self._table(doc["blocks"]["char"])
        # token -> its n-grams' weights summed per rule, then how many n-grams it has
        self._token_memo: dict[str, tuple[float, ...]] = {}

    def _table(self, block: Mapping[str, Any]) -> dict[str, tuple[float, ...]]:
        """One row per feature of a block (a weight per rule, 0.0 for a rule that does not use
        the block): a post's rows are summed column-wise in C, all rules in one pass, and the
        rows' keys drop a post's other features in one step."""
        names = block["features"]
        columns: list[Iterable[float]] = []
        for rule in self._order:
            packed = block["weights"].get(rule)
            if packed is None:
                columns.append(repeat(0.0, len(names)))
                continue
            column = array("f")
            column.frombytes(base64.b64decode(packed))
            if sys.byteorder != "little":  # stored little-endian
                column.byteswap()
            if len(column) != len(names):
                raise ValueError(f"rule model {rule}: {len(column)} weights for "
                                 f"{len(names)} features")
            columns.append(column)
        return dict(zip(names, zip(*columns, strict=True), strict=True))

    def _token_row(self, token: str) -> tuple[float, ...]:
        """A token's character block before the post's norm: its n-grams' weights summed per
        rule, and last, how many n-grams it has."""
        grams = features.char_ngrams(token)
        rows = [row for row in map(self._char_rows.get, grams) if row is not None]
        sums = tuple(map(sum, zip(*rows, strict=True))) if rows else (0.0,) * len(self._order)
        return (*sums, float(len(grams)))

    @classmethod
    def load(cls, path: Path | None = None) -> RuleModels:
        """Load a model file (gzipped JSON); by default the one shipped in the package."""
        data = (resources.files("pausepost.classifier").joinpath(_RESOURCE).read_bytes()
                if path is None else Path(path).read_bytes())
        return cls(json.loads(gzip.decompress(data)))

    @property
    def rules(self) -> tuple[str, ...]:
        return self._order

    def scores(self, text: str, rules: Iterable[str] | None = None, *,
               tokens: list[str] | None = None) -> dict[str, float]:
        """Probability per rule (all, or those named) that ``text`` breaks it (``tokens``:
        its ``post_tokens``, when the caller has them already)."""
        if tokens is None:
            tokens = post_tokens(text)
        every_feature = set(features.word_features(tokens))
        feats = every_feature & self._vocabulary
        # rows are all as long as there are rules: strict checks buy nothing here
        words = (map(sum, zip(*map(self._rows.__getitem__, feats), strict=False)) if feats
                 else repeat(0.0))
        word_scale = 1.0 / math.sqrt(len(every_feature)) if every_feature else 0.0
        memo = self._token_memo
        if len(memo) > _MEMO_LIMIT:  # before this post's tokens go in, never while they do
            memo.clear()
        for token in tokens:
            if token not in memo:  # the slow path: a token never seen before
                memo[token] = self._token_row(token)
        chars = list(map(sum, zip(*map(memo.__getitem__, tokens), strict=False)))
        char_scale = 1.0 / math.sqrt(chars[-1]) if chars else 0.0
        every = {rule: _sigmoid(intercept + word * word_scale + char * char_scale)
                 for rule, intercept, word, char in zip(self._order, self._intercepts, words,
                                                        chars or repeat(0.0), strict=False)}
        return every if rules is None else {rule: every[rule] for rule in rules}


@functools.cache
def default_rule_models() -> RuleModels:
    """The shipped rule models, loaded once per process."""
    return RuleModels.load()
