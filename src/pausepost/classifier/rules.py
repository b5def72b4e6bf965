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
        self._models = {
            rule: (float(m["intercept"]), dict(m["weights"]).get)
            for rule, m in doc["rules"].items()
        }
        self.thresholds = {rule: float(m["threshold"]) for rule, m in doc["rules"].items()}
        # Every feature any model weighs: a post's other features are dropped in one step.
        self._vocabulary = frozenset().union(*(m["weights"] for m in doc["rules"].values()))
        self.metadata = dict(doc.get("metadata", {}))
        # The same weights as one row per feature (a weight per rule, 0.0 where a rule does
        # not weigh it): a post's rows are summed column-wise in C, all rules in one pass.
        self._order = tuple(self._models)
        self._intercepts = tuple(self._models[rule][0] for rule in self._order)
        self._rows = {
            feature: tuple(self._models[rule][1](feature, 0.0) for rule in self._order)
            for feature in self._vocabulary
        }

    @classmethod
    def load(cls, path: Path | None = None) -> RuleModels:
        """Load a model file (gzipped JSON); by default the one shipped in the package."""
        data = (resources.files("pausepost.classifier").joinpath(_RESOURCE).read_bytes()
                if path is None else Path(path).read_bytes())
        return cls(json.loads(gzip.decompress(data)))

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(self._models)

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
