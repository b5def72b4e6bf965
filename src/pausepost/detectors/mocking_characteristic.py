"""conduct.offensive: a sneer at who people are, with no slur in it.

"Woman pilot on the flight. I'll get the ferry next time" and "Lad with Tourette's on the
train was better entertainment than Netflix 😂" use no listed slur or smear, yet mock people
for a protected characteristic or their circumstances (DWP para 33; Equality Act s.4). Both
halves are pack data: a `characteristics` word in the sentence, and a `mockery_cues` phrase or
`mockery_emoji` in the same post. A post that stands up for people or reports abuse
(`supportive_cues`) is left alone, as is a characteristic inside a quotation or a name.
"""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon, LexiconHit


class MockingCharacteristic(Detector):
    """A characteristic of people named in a post whose tone is mockery or contempt."""

    name = "mocking-characteristic"
    rules = ("conduct.offensive",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        allowed = set(profile.allow_words)
        self.characteristics = Lexicon(
            [w for w in policy.lexicon("characteristics") if w not in allowed],
            safe=policy.lexicon("characteristics_safe"))
        self.cues = Lexicon(policy.lexicon("mockery_cues"))
        self.emoji = tuple(policy.lexicon("mockery_emoji"))
        self.supportive = Lexicon(policy.lexicon("supportive_cues"))

    def _tone(self, doc: Document, found: list[LexiconHit]) -> str | None:
        """The post's mockery cue, if any, that is not itself one of the characteristic words
        found ("mental" in "mental health")."""
        for emoji in self.emoji:
            if emoji in doc.text:
                return emoji
        for cue in self.cues.find(doc):
            if not any(f.start < cue.end and cue.start < f.end for f in found):
                return cue.term
        return None

    def detect(self, doc: Document) -> Iterator[Hit]:
        if not self.characteristics:
            return
        found = [h for h in self.characteristics.find(doc)
                 if not doc.in_quotes(h.start, h.end) and not doc.in_proper_name(h.start, h.end)]
        if not found:
            return
        tone = self._tone(doc, found)
        if tone is None or self.supportive.find(doc):
            return
        first = found[0]
        yield Hit(rule="conduct.offensive", start=first.start, end=first.end, confidence=0.6,
                  reason=f"'{first.term}' in a mocking post ('{tone}')",
                  detail=f": it could read as mocking people for who they are ('{first.term}')",
                  label=first.term)
