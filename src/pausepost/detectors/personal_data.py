"""disclosure.personal-data: other people's identifiers, contacts, addresses, claimant details."""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.recognisers import personal
from pausepost.text.document import Document


class PersonalData(Detector):
    """UK identifiers with their real validation, contact details and claimant particulars."""

    name = "personal-data"
    rules = ("disclosure.personal-data",)

    def detect(self, doc: Document) -> Iterator[Hit]:
        own = [n.lower() for n in self.profile.own_names]
        for match in personal.find_all(doc.text):
            evidence = doc.text[match.start:match.end].lower()
            if any(name and name in evidence for name in own):
                continue  # the author's own details are theirs to share
            yield Hit(rule="disclosure.personal-data", start=match.start, end=match.end,
                      confidence=match.score, reason=match.reason, label=match.label)
