"""Innocent senses: a rude-looking word used in its everyday meaning is not a finding.

The policy pack lists, for words like "knob", "tart" or "bitch", the context words that give
them their everyday sense ("knob of butter", "Bakewell tart", "the bitch had puppies").
"""

from __future__ import annotations

import functools
import re

from pausepost.policy.loader import Policy
from pausepost.text.document import Document


class InnocentSenses:
    """Decides whether a matched word is used in an innocent sense in its sentence."""

    def __init__(self, policy: Policy) -> None:
        self.contexts = {
            word: re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, contexts), key=len,
                                                         reverse=True)) + r")\b")
            for word, contexts in policy.innocent_senses.items()
        }

    def innocent(self, doc: Document, term: str, start: int) -> bool:
        """True when `term` (found at original offset `start`) has an innocent context."""
        pattern = self.contexts.get(term)
        if pattern is None:
            return False
        return pattern.search(doc.normalised(*doc.sentence_of(start))) is not None


@functools.lru_cache(maxsize=8)
def innocent_senses(policy: Policy) -> InnocentSenses:
    """One per policy, shared by the detectors."""
    return InnocentSenses(policy)
