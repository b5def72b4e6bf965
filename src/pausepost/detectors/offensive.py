"""conduct.offensive: slurs, demeaning generalisations about groups, mocking misfortune."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon
from pausepost.text.senses import innocent_senses

# A quoted slur with one of these is mentioned, not used: reported, or rejected.
# Words that open a sentence before a capitalised slur ("The Polacks …", "Bloody Pakis …"):
# the capital comes from the sentence, not from a name or title.
_OPENERS = frozenset({"the", "a", "bloody", "these", "those", "all", "some", "more", "typical",
                      "fucking", "filthy", "dirty", "lazy", "stupid", "effing", "them", "no"})
_REPORTING = re.compile(r"\b(?:called|calls|calling|said|says|saying|shouted|shouting|told|wrote|"
                        r"sent|messaged|screamed|yelled|heard|graffiti|abuse|not|never|stop|"
                        r"don'?t|isn'?t|aren'?t|word|words|term|label|using|use)\b")
_DEFENDING = re.compile(r"\b(?:treated|painted|portrayed|labelled|called|branded|seen) "
                        r"(?:\w+ )?(?:like|as)\W*$|\bnot\W*$|\baren'?t\W*$|\bas if (?:they|we)"
                        r" (?:are|were)\W*$")


class OffensiveTerms(Detector):
    """Slurs from the pack, and a group named together with a demeaning generalisation."""

    name = "offensive-terms"
    rules = ("conduct.offensive",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        allowed = set(profile.allow_words)
        self.slurs = Lexicon([w for w in policy.lexicon("slurs") if w not in allowed],
                             safe=policy.lexicon("swear_safe"), in_hashtags=True)
        self.groups = Lexicon(policy.lexicon("groups"))
        self.senses = innocent_senses(policy)
        self.smears = Lexicon(policy.lexicon("group_smears"))

    def detect(self, doc: Document) -> Iterator[Hit]:
        for hit in self.slurs.find(doc):
            if doc.in_proper_name(hit.start, hit.end, _OPENERS) or self.senses.innocent(
                    doc, hit.term, hit.start):
                continue  # "Devil's Dyke"; "faggots and mushy peas"
            if doc.in_quotes(hit.start, hit.end) and _REPORTING.search(
                    doc.normalised(*doc.sentence_of(hit.start))):
                continue  # "my daughter was called a '…' at school": reporting abuse
            yield Hit(rule="conduct.offensive", start=hit.start, end=hit.end, confidence=0.9,
                      reason=f"demeaning term '{hit.term}'", detail=f": '{hit.term}'",
                      label=hit.term)
        groups = self.groups.find(doc) if self.smears else []
        if not groups:
            return
        smears = self.smears.find(doc)
        for group in groups:
            sentence = doc.sentence_of(group.start)
            for smear in smears:
                if not sentence[0] <= smear.start < sentence[1] or smear.first == group.first:
                    continue
                gap = abs(smear.first - group.last)
                if gap > 12:
                    continue
                lead_in = doc.normalised(max(sentence[0], smear.start - 20), smear.start)
                if _DEFENDING.search(lead_in):
                    continue  # "claimants treated like criminals" defends them
                start, end = min(group.start, smear.start), max(group.end, smear.end)
                yield Hit(
                    rule="conduct.offensive", start=start, end=end, confidence=0.8,
                    reason=f"'{smear.term}' said of a whole group ('{group.term}')",
                    detail=f" about {group.term}", label=group.term,
                )
                break
