"""info.trade-union: union activity, noted so it is not mistaken for party politics."""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon

# Words that are union talk only in company ("members", "ballot", "union" of a Union Jack).
_WEAK = frozenset({"members", "reps", "rep", "solidarity", "agm", "ballot", "strike", "prospect",
                   "unite", "branch", "nec"})


class TradeUnion(Detector):
    """One note per post when it talks about union activity."""

    name = "trade-union"
    rules = ("info.trade-union",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        self.words = Lexicon((w.lstrip("#") for w in policy.lexicon("union_words")),
                             safe=policy.lexicon("union_safe"))

    def detect(self, doc: Document) -> Iterator[Hit]:
        hits = self.words.find(doc)
        strong = [h for h in hits if h.term not in _WEAK]
        weak = {h.term for h in hits if h.term in _WEAK}
        if strong or len(weak) >= 2:
            first = (strong or hits)[0]
            yield Hit(rule="info.trade-union", start=first.start, end=first.end, confidence=0.8,
                      reason=f"union activity ('{first.term}')")
