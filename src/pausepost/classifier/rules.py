"""Run-time scoring with the shipped per-rule models (pure Python, stdlib only).

Each rule has a logistic regression over the distinct word 1-2-grams of a post's canonical
tokens (``features.py``), written by ``training/train_rules.py`` with the threshold chosen by
cross-validation. Scoring is a dictionary lookup per feature and rule.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Any

from pausepost.classifier import features

FORMAT = "pausepost-rule-models"
_RESOURCE = "rules.json.gz"


# A handle or a link says nothing about the rule by itself (replies are full of handles);
# left in, models learn "has an @mention" as harassment.
_PLACEHOLDERS = ("@user", "url")


def post_features(text: str) -> set[str]:
    """The rule models' features: distinct word 1-2-grams of the canonical tokens, without
    handles and links (shared with ``training/train_rules.py``)."""
    toks = [t for t in features.tokens(text) if t not in _PLACEHOLDERS]
    return set(features.word_features(toks))


def _sigmoid(z: float) -> float:
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class RuleModels:
    """One small linear model per rule, with the probability above which it speaks."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        if doc.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        if doc.get("feature_version") != features.FEATURE_VERSION:
            raise ValueError("rule models were trained on other features: retrain them")
        models = doc["rules"]
        self._order = tuple(models)
        self._intercepts = tuple(float(models[rule]["intercept"]) for rule in self._order)
        self.thresholds = {rule: float(models[rule]["threshold"]) for rule in self._order}
        self.metadata = dict(doc.get("metadata", {}))
        # One row per feature any model weighs (a weight per rule, 0.0 where a rule does not
        # weigh it): a post's rows are summed column-wise in C, all rules in one pass, and the
        # rows' keys drop a post's other features in one step.
        weights = [dict(models[rule]["weights"]) for rule in self._order]
        self._rows = {feature: tuple(w.get(feature, 0.0) for w in weights)
                      for feature in frozenset().union(*weights)}
        self._vocabulary = self._rows.keys()

    @classmethod
    def load(cls, path: Path | None = None) -> RuleModels:
        """Load a model file (gzipped JSON); by default the one shipped in the package."""
        data = (resources.files("pausepost.classifier").joinpath(_RESOURCE).read_bytes()
                if path is None else Path(path).read_bytes())
        return cls(json.loads(gzip.decompress(data)))

    @property
    def rules(self) -> tuple[str, ...]:
        return self._order

    def scores(self, text: str, rules: Iterable[str] | None = None) -> dict[str, float]:
        """Probability per rule (all, or those named) that ``text`` breaks it."""
        feats = post_features(text) & self._vocabulary
        # rows are all as long as there are rules: strict checks buy nothing here
        totals = (map(sum, zip(*map(self._rows.__getitem__, feats), strict=False)) if feats
                  else repeat(0.0))
        every = {rule: _sigmoid(intercept + total)
                 for rule, intercept, total in zip(self._order, self._intercepts, totals,
                                                   strict=False)}
        return every if rules is None else {rule: every[rule] for rule in rules}


@functools.cache
def default_rule_models() -> RuleModels:
    """The shipped rule models, loaded once per process."""
    return RuleModels.load()
