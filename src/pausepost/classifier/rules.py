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
_ZERO = repeat(0.0)


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
        models = self._models
        chosen = models if rules is None else {r: models[r] for r in rules}
        return {rule: _sigmoid(intercept + sum(map(get, feats, _ZERO)))
                for rule, (intercept, get) in chosen.items()}


@functools.cache
def default_rule_models() -> RuleModels:
    """The shipped rule models, loaded once per process."""
    return RuleModels.load()
