"""conduct.swearing: swear words, disguised or not."""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon, term_words
from pausepost.text.senses import innocent_senses


class Swearing(Detector):
    """Strong and mild swear words from the pack's lexicons, matched through disguises."""

    name = "swearing"
    rules = ("conduct.swearing",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        allowed = profile.allow_words
        safe = set(policy.lexicon("swear_safe")) | set(allowed)
        # An allowed word also allows the phrases made with it ("bloody" allows "bloody hell").
        strong = [w for w in policy.lexicon("swear_strong") if not set(term_words(w)) & allowed]
        mild = [w for w in policy.lexicon("swear_mild") if not set(term_words(w)) & allowed]
        self.strong = Lexicon(strong, safe=safe, in_hashtags=True)
        self.mild = Lexicon(mild, safe=safe, in_hashtags=False)
        self.senses = innocent_senses(policy)

    def detect(self, doc: Document) -> Iterator[Hit]:
        seen: set[int] = set()
        for lexicon, confidence, kind in ((self.strong, 0.95, "swear word"),
                                          (self.mild, 0.8, "mild swear word")):
            for hit in lexicon.find(doc):
                if hit.first in seen:
                    continue
                if lexicon is self.mild and doc.in_proper_name(hit.start, hit.end):
                    continue  # "Moby Dick", "Dick Turpin"
                if self.senses.innocent(doc, hit.term, hit.start):
                    continue  # "a knob of butter", "cock-a-leekie"
                seen.add(hit.first)
                evidence = doc.text[hit.start:hit.end]
                disguised = hit.disguised or evidence.lower() != hit.term
                yield Hit(
                    rule="conduct.swearing", start=hit.start, end=hit.end,
                    confidence=confidence - (0.05 if disguised else 0.0),
                    reason=f"{kind} '{hit.term}'" + (" (disguised)" if disguised else ""),
                    label=hit.term,
                )
