"""disclosure.personal-data: other people's identifiers, contacts, addresses, claimant details."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.recognisers import personal
from pausepost.text.document import Document

# Contact details the author gives as their own ("email me at", "ring us on", "my number is").
_CONTACT_KINDS = frozenset({"email", "uk-phone"})
_OWN_CONTACT = re.compile(r"\b(?:(?:email|e-mail|ring|call|phone|text|message|contact|reach|"
                          r"whatsapp|dm|book with|bookings?)(?: \w+)? (?:me|us)|my (?:own )?(?:"
                          r"email|e-mail|number|mobile|phone|work phone)|our (?:email|number|"
                          r"phone|office|shop))\b\W*(?:\w+\W+){0,3}$"
                          # "my number's changed, new one's …", "new number for me: …"
                          r"|\bmy (?:number|mobile|phone)(?:'s| has)? changed\W+(?:my |the )?new "
                          r"(?:one|number)(?:'s| is)?\W*$|\bnew (?:number|mobile|phone) for me\b"
                          r"[^.!?\n\d]{0,25}$", re.IGNORECASE)
# An email followed by its password is a login ("flat9prime@example.net / PrimeTime9"):
# security.secure-data reports the pair; as contact details it says nothing more.
_LOGIN_AFTER = re.compile(r"\s*(?:[/|+]|,?\s+(?:and\s+)?(?:the\s+)?(?:password|passwd|pass|pw"
                          r"|pwd)\b)", re.IGNORECASE)


class PersonalData(Detector):
    """UK identifiers with their real validation, contact details and claimant particulars."""

    name = "personal-data"
    rules = ("disclosure.personal-data",)

    def detect(self, doc: Document) -> Iterator[Hit]:
        own = [n.lower() for n in self.profile.own_names]
        for match in doc.memo(personal.find_all, personal.find_all, doc.text):
            evidence = doc.text[match.start:match.end].lower()
            if any(name and name in evidence for name in own):
                continue  # the author's own details are theirs to share
            if match.kind in _CONTACT_KINDS and _OWN_CONTACT.search(
                    doc.text[max(0, match.start - 45):match.start]):
                continue  # "email me at …", "ring us on …": the author's own, or a business's
            if match.kind == "email" and _LOGIN_AFTER.match(doc.text, match.end):
                continue  # a login, not contact details
            yield Hit(rule="disclosure.personal-data", start=match.start, end=match.end,
                      confidence=match.score, reason=match.reason, label=match.label)
