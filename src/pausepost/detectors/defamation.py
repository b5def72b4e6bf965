"""legal.defamation: an allegation of wrongdoing attached to an identifiable person or business."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document

_NAME = re.compile(r"\b[A-Z][a-z'’]+(?:[- ](?:[A-Z][a-z'’]+|[A-Z]\.?))+\b"
                   r"|\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Sir|Dame)\.? [A-Z][a-z]+\b")
_SINGLE_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\b")
_BUSINESS = re.compile(
    r"\b[A-Z][\w&'’]*(?: [A-Z&][\w&'’]*)* (?:Ltd|Limited|plc|PLC|LLP|Garage|Motors|Cars|Cafe|Café|"
    r"Taxis|Cabs|Builders|Roofing|Plumbing|Solicitors|Surgery|Dental|Dentists|Bakery|Pharmacy|"
    r"Chemist|Hotel|Restaurant|Takeaway|Pub|Arms|Inn|Gym|Council|Academy|School|College|Estates|"
    r"Lettings|Homes|Group|Services|Bank|Stores|Store|Shop|Supermarket|Salon|Barbers|Vets|"
    r"Nursery|Care Home|Charity|Trust|Football Club|FC|Electrical|Autos|Removals|Scaffolding)\b|"
    r"\b[A-Z][a-z]+(?:'s|’s)\b(?= (?:on|in|at|down|round|near)\b)"
)
_HANDLE = re.compile(r"@\w+")
_NOT_NAMES = frozenset({
    "The", "This", "That", "These", "Those", "I", "We", "My", "Our", "It", "He", "She", "They",
    "You", "Everyone", "Someone", "Nobody", "People", "Apparently", "Honestly", "Seriously",
    "Just", "So", "And", "But", "If", "When", "Why", "What", "Who", "How", "Well", "Yes", "No",
    "Oh", "Lol", "Omg", "Imagine", "Proof", "Fact", "Breaking", "Today", "Yesterday", "Tonight",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Government",
    "Management", "Ministers", "Labour", "Tories", "Tory", "Conservatives", "Reform", "Police",
    "Everybody", "Anyone", "Someone's", "Half", "All", "Most", "Some", "Many", "Every",
    "Still", "Also", "Always", "Never", "Even", "Only", "Really", "Obviously", "Clearly",
    "Sometimes", "Usually", "Again", "Now", "Then", "Here", "There", "Yet", "Mum", "Dad",
})
_SELF = re.compile(r"\b(?:i|we|i've|we've|i'm|we're|me|myself)\b(?:\W+\w+){0,2}\W*$")
_COLLECTIVE = re.compile(r"\b(?:tories|tory|labour|government|ministers|politicians|mps|"
                         r"conservatives|reform|lib dems|the party|parliament|westminster|"
                         r"bankers|big business|the rich|billionaires|media|the press)\b")
# "Ours got nicked", "has had its sign stolen again": something was done to the subject, by
# nobody named.
_DONE_TO = re.compile(r"\b(?:got|get|gets|getting|been|was|were|is|are|be|had|has had|have had)"
                      r"(?: \w+){0,3}\W*$")
_SUFFERED = frozenset({"nicked", "stolen", "scammed", "ripped off", "bullied", "neglected"})
_BY_SOMEONE = re.compile(r"\W*(?:\w+ ){0,3}by\b")  # "… was nicked off the drive by Dave Smith"
_HEDGE = re.compile(r"\b(?:allegedly|apparently|rumou?r|i heard|i think|i reckon|i suspect|"
                    r"imo|in my opinion|seems|probably|might be|could be|maybe)\b")


class Defamation(Detector):
    """The pack's ALLEGATION fragment, with a named, handled or described subject before it."""

    name = "defamation"
    rules = ("legal.defamation",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        self.allegation = re.compile(r"\b(?:" + policy.expand("{ALLEGATION}") + r")\b")
        self.named_ref = re.compile(policy.expand("{NAMEDREF}"))
        self.own = {n.lower().lstrip("@") for n in profile.own_names}
        self.non_people = frozenset(policy.lexicon("non_people"))

    def detect(self, doc: Document) -> Iterator[Hit]:
        norm = doc.norm
        for m in self.allegation.finditer(norm.text):
            start, end = norm.to_original(m.start(), m.end())
            sent_a, sent_b = doc.sentence_of(start)
            before_norm = doc.normalised(sent_a, start)
            if _SELF.search(before_norm):
                continue  # "I nicked a chip": an admission, not an allegation about someone
            if (m.group().lower() in _SUFFERED and _DONE_TO.search(before_norm[-40:])
                    and not _BY_SOMEONE.match(norm.text, m.end(), m.end() + 40)):
                continue  # "our flag got nicked off the picket line": a victim, not a culprit
            subject = self.subject_before(doc, sent_a, start)
            if (subject is None or subject.lower().lstrip("@") in self.own
                    or subject.lower().rstrip("s") in self.non_people
                    or subject.lower() in self.non_people):
                continue  # nobody identifiable, yourself, or "the seagull nicked my chips"
            sentence = doc.normalised(sent_a, sent_b)
            confidence = 0.85
            if _HEDGE.search(sentence):
                confidence = 0.7  # "allegedly" does not make it safe, but it is less certain
            if doc.text[sent_a:sent_b].rstrip().endswith("?"):
                confidence = 0.45
            yield Hit(
                rule="legal.defamation", start=start, end=end, confidence=confidence,
                reason=f"allegation '{doc.text[start:end]}' about {subject}", target=subject,
            )

    def subject_before(self, doc: Document, sent_a: int, start: int) -> str | None:
        """An identifiable person or organisation named in the sentence before `start`."""
        before_norm = doc.normalised(sent_a, start)
        window = doc.text[sent_a:start]
        tail = window[-90:]
        if _COLLECTIVE.search(before_norm[-40:]) and not _HANDLE.search(tail):
            return None
        for pattern in (_HANDLE, _BUSINESS, _NAME):
            found = list(pattern.finditer(tail))
            if found:
                return found[-1].group()
        ref = list(self.named_ref.finditer(before_norm))
        if ref:
            return ref[-1].group()
        if re.search(r"\b(?:whoever|someone|somebody|some \w+|a \w+|anyone)\b\W*(?:\w+\W+){0,3}$",
                     before_norm):
            return None  # "some b@stard has nicked my bike": nobody identifiable
        for m in _SINGLE_NAME.finditer(tail):
            name = m.group()
            if name in _NOT_NAMES or len(name) < 3:
                continue
            at_start = not doc.text[sent_a:sent_a + len(window) - len(tail) + m.start()].strip()
            gap = tail[m.end():]
            if not at_start or len(gap.split()) <= 4:
                return name
        if re.search(r"\b(?:he|she|they)\b\W*(?:\w+\W+){0,2}$", before_norm):
            earlier = doc.text[:sent_a]
            named = [m.group() for p in (_HANDLE, _NAME) for m in p.finditer(earlier)]
            ref = list(self.named_ref.finditer(doc.normalised(0, sent_a)))
            if named:
                return named[-1]
            if ref:
                return ref[-1].group()
        return None
