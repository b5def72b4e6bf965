"""conduct.name-calling: insults aimed at a person or a group (not the author, pets or things)."""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.denial import denied
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon
from pausepost.text.senses import innocent_senses
from pausepost.text.targets import target_of


class NameCalling(Detector):
    """An insult from the pack's list, whose target is you, a person or a group."""

    name = "name-calling"
    rules = ("conduct.name-calling",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        allowed = set(profile.allow_words)
        self.insults = Lexicon([w for w in policy.lexicon("insults") if w not in allowed],
                               safe=policy.lexicon("swear_safe"))
        self.weak = frozenset(policy.lexicon("insults_weak"))
        self.for_groups = frozenset(policy.lexicon("insults_for_groups"))
        self.non_people = frozenset(policy.lexicon("non_people"))
        self.own_names = {n.lower().lstrip("@") for n in profile.own_names}
        self.senses = innocent_senses(policy)

    def detect(self, doc: Document) -> Iterator[Hit]:
        for hit in self.insults.find(doc):
            if doc.in_proper_name(hit.start, hit.end) or doc.in_quotes(hit.start, hit.end):
                continue  # "The Muppet Christmas Carol"; "she was called a 'muppet'"
            if self.senses.innocent(doc, hit.term, hit.start):
                continue  # "going on a mug", "Bakewell tart"
            if denied(doc, hit.first):
                continue  # "you're not an idiot", "please don't call people idiots"
            target = target_of(doc, hit.first, hit.last, self.non_people)
            if target.kind in {"self", "thing"}:
                continue
            if target.label.lower().lstrip("@") in self.own_names:
                continue
            weak = hit.term in self.weak
            if weak and (target.kind == "unknown" or (target.kind == "group" and not (
                    hit.term in self.for_groups or target.label == "the lot of them"))):
                continue  # "useless" said of nobody, or of an institution, is not name-calling
            confidence = 0.6 if target.kind == "unknown" else 0.7 if weak else 0.9
            yield Hit(
                rule="conduct.name-calling", start=hit.start, end=hit.end,
                confidence=confidence,
                reason=f"insult '{hit.term}' aimed at {target.label} ({target.kind})",
                target=target.label, label=hit.term,
            )
