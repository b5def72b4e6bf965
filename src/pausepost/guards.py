"""False-positive guards: small named predicates that drop a hit, listed in one place.

| guard | drops |
|---|---|
| `allowed_word` | a hit whose words the profile allows (`allow_words`) |
| `own_name` | a hit whose evidence is the author's own name or handle |
| `inside_url` | a conduct hit inside a web address (`example.com/shit-happens`) |
| `model_explained` | a model hit on a sentence another rule explains (swearing, insult, politics) |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pausepost.detectors.base import Hit
from pausepost.model import Finding
from pausepost.profile import Profile
from pausepost.text.document import Document

_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)

Guard = Callable[[Hit, Document, Profile, Sequence[Hit]], bool]


def allowed_word(hit: Hit, doc: Document, profile: Profile, _: Sequence[Hit]) -> bool:
    return doc.text[hit.start:hit.end].lower() in profile.allow_words


def own_name(hit: Hit, doc: Document, profile: Profile, _: Sequence[Hit]) -> bool:
    evidence = doc.text[hit.start:hit.end].lower().lstrip("@")
    return any(evidence == n.lower().lstrip("@") for n in profile.own_names)


def _urls(text: str) -> list[tuple[int, int]]:
    """The post's links (found once per post: see inside_url)."""
    if "http" not in text and "www." not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def inside_url(hit: Hit, doc: Document, profile: Profile, _: Sequence[Hit]) -> bool:
    if not hit.rule.startswith("conduct."):
        return False
    links = doc.memo(_urls, _urls, doc.text)
    return any(start <= hit.start and hit.end <= end for start, end in links)


# A model's hit on a sentence that a word list or pattern has already explained under one of
# these rules says nothing new: "claimant X, NINo …" is personal data, not a leak as well.
EXPLAINED_BY: dict[str, frozenset[str]] = {
    "conduct.offensive": frozenset({"conduct.swearing", "conduct.name-calling", "conduct.threat",
                                    "conduct.harassment", "political.partisan",
                                    "political.own-department", "legal.defamation"}),
    "conduct.harassment": frozenset({"legal.defamation", "conduct.threat"}),
    "disclosure.official": frozenset({"disclosure.personal-data", "security.secure-data"}),
    "political.partisan": frozenset({"political.own-department"}),
}


def model_explained(hit: Hit, doc: Document, profile: Profile, hits: Sequence[Hit]) -> bool:
    if not hit.reason.startswith("model:"):
        return False
    explainers = EXPLAINED_BY.get(hit.rule, frozenset())
    # "Offensive as a whole" is the vaguest finding of all: any other rule's finding on the
    # sentence, even a model's ("my manager is a racist" is an allegation), says it better.
    by_any = hit.rule == "conduct.offensive"
    return any(o is not hit and o.rule in explainers and o.start < hit.end
               and hit.start < o.end and (by_any or not o.reason.startswith("model:"))
               for o in hits)


GUARDS: tuple[Guard, ...] = (allowed_word, own_name, inside_url, model_explained)


def apply(hits: list[Hit], doc: Document, profile: Profile) -> list[Hit]:
    """The hits no guard drops."""
    return [h for h in hits if not any(g(h, doc, profile, hits) for g in GUARDS)]


def audience_reminders(audience: str, findings: Sequence[Finding]) -> tuple[str, ...]:
    """What to remember about who will see the post."""
    if audience == "public":
        return ("Public: anyone can see this, including your employer, and it can be "
                "screenshotted and kept after you delete it.",)
    return (f"Audience '{audience}': the rules apply all the same, and a screenshot makes any "
            "post public.",)
