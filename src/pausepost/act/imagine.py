"""The post turned towards the reader: "imagine someone saying this to you".

The union's advice is to imagine someone saying the same thing to yourself, and to hold back if
you would find it offensive. So "@dave you are useless" and "Dave is useless" both become
"You are useless", "my manager is a clown, he never listens" becomes "You are a clown, you
never listen", and "claimants are scroungers" becomes "You claimants are scroungers".

It is a reading aid, not a grammar engine: it turns the clause subjects it can recognise (a
handle, a name, "my manager", "he"/"she", a group word) and the pronouns that follow them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pausepost.text.targets import GROUP_WORDS, ROLE_WORDS

CITATION = ("PCS advice to members", "Be polite",
            "Imagine someone saying the same thing to you; if you would find it offensive, "
            "don't say it to others.")

# Capitalised words that start clauses but are not people.
_NOT_NAMES = frozenset({
    "I", "The", "This", "That", "These", "Those", "It", "My", "Our", "Your", "What", "Why", "How",
    "When", "Where", "Who", "Honestly", "Still", "Just", "So", "And", "But", "Well", "Today",
    "Tomorrow", "Yesterday", "Weather", "Traffic", "Life", "We", "They", "You", "He", "She",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Everyone",
    "Nobody", "Someone", "Anyone", "There", "Here", "Not", "No", "Yes", "If", "Oh", "Lol",
    "Imagine", "Apparently", "Seriously", "Also", "Then", "Now", "Never", "Always", "Really",
    "Please", "Thanks", "Sorry", "Great", "Another", "Every", "Some", "All", "Most", "Any",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Christmas", "Easter", "God", "Jesus", "Universal",
    "Credit", "DWP", "PCS", "HR", "UK", "BBC", "NHS", "Work", "Football", "Government",
    "Parliament", "Brexit", "Twitter", "Facebook", "Instagram", "Everything", "Nothing",
})
_SINGULAR_ROLES = sorted((w for w in ROLE_WORDS if w.isalpha() and not w.endswith("s")
                          and w not in {"he", "she", "him", "her", "they", "them", "someone",
                                        "somebody", "person", "everyone", "everybody", "anyone",
                                        "whoever", "people", "ex"}), key=len, reverse=True)
_PLURAL_GROUPS = sorted({w for w in ROLE_WORDS | GROUP_WORDS if w.isalpha() and w.endswith("s")
                         and w not in {"lads", "lasses", "fans"}} | {"claimants", "people"},
                        key=len, reverse=True)
_ROLE = "|".join(_SINGULAR_ROLES)
_GROUP = "|".join(_PLURAL_GROUPS)
# Where a clause can start: the beginning, after a sentence end, or after ", and" / ";" / "but".
_CLAUSE_START = (r"(?:^|(?<=[.!?…;\n])\s*|(?<=,)\s*(?:and\s+|but\s+|so\s+)?|\b(?:and|but|so)\s+)"
                 r"(?:(?i:honestly|seriously|frankly|basically|apparently|well|oh|ugh|god|lol|"
                 r"tbh|imo|and|but|so|yeah|like)[,!:]?\s+)?")
_NAME = r"(?:[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?)"
_PLACE = r"(?:\s+(?:from|in|at|on)\s+(?:the\s+)?[A-Za-z]+(?:\s+[A-Z][a-z]+)?)?"
_SINGULAR_SUBJECT = re.compile(
    _CLAUSE_START + r"(?P<subject>@\w{1,30}|(?i:my|our|the|that|this|your)\s+(?:\w+\s+){0,2}?"
    rf"(?i:{_ROLE})\b{_PLACE}|{_NAME}{_PLACE}|[Hh]e|[Ss]he)"
    r"(?P<verb>\s+(?:is|was|has|does|doesn't|isn't|wasn't|hasn't|can't|won't|will|would|should"
    r"|never|always|just|really|still|clearly|obviously|honestly|literally|\w+s)\b|'s\b|’s\b)")
_PLURAL_SUBJECT = re.compile(
    _CLAUSE_START + rf"(?P<subject>(?i:(?:all|the|these|those|our|my)\s+)?(?:\w+\s+)?(?i:{_GROUP})"
    r"|[Tt]hey)(?P<verb>\s+(?:are|were|have|do|don't|aren't|weren't|can't|won't|will|should"
    r"|never|always|just|really|all)\b|'re\b)")
_LEADING_MENTIONS = re.compile(r"^\s*(?:@\w{1,30}[\s,:]*)+")
_SUBJECT_VERB = re.compile(r"(?:is|was|has|does|isn't|wasn't|doesn't|never|always|just|really"
                           r"|still|will|won't|can't|should)\b")
_ADDRESSES_YOU = re.compile(r"\b(?:you|your|you're|youre|u|ur|yourself)\b", re.IGNORECASE)

_BE = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
       "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "'s": "'re", "’s": "’re"}
_ADVERBS = frozenset({"never", "always", "just", "really", "still", "clearly", "obviously",
                      "honestly", "literally", "can't", "won't", "will", "would", "should",
                      "also", "only", "even", "actually"})
_NOT_VERBS = frozenset({"is", "was", "has", "does", "this", "his", "hers", "its", "less",
                        "unless", "across", "yes", "as", "us", "thus", "plus", "always",
                        "perhaps", "sometimes", "bus", "gas", "news", "class"})
# A verb after any adverbs or auxiliaries: " never listens", " is", " really can't".
_VERB_PHRASE = r"(?:\s+(?:" + "|".join(sorted(_ADVERBS)) + r")\b)*\s+[\w']+"
_OBJECT_BEFORE = frozenset({"the", "a", "an", "that", "this", "some", "to", "and", "or",
                            "but", "for", "at", "in", "on", "with", "about", "up", "off",
                            "out", "too", "again", "so", "now"})


@dataclass(frozen=True, slots=True)
class ImaginedView:
    """The post as the person it is about would hear it."""

    text: str  # the turned text (the original when nothing could be turned)
    turned: bool  # True when the words were changed to speak to "you"
    target: str | None  # who it was about: "@dave", "Dave", "my manager", "claimants"
    addresses_someone: bool  # it speaks to or about someone, turned or not

    @property
    def prompt(self) -> str:
        if not self.addresses_someone:
            return ""
        return "Imagine someone saying this to you. Would you find it offensive?"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "turned": self.turned, "target": self.target,
                "addresses_someone": self.addresses_someone, "prompt": self.prompt,
                "citation": {"source": CITATION[0], "ref": CITATION[1],
                             "summary": CITATION[2]}}


def _base_form(verb: str) -> str:
    """Third person to second: "listens" → "listen", "tries" → "try", "goes" → "go"."""
    lower = verb.lower()
    if lower in _BE:
        return _BE[lower]
    if lower in _NOT_VERBS or not lower.endswith("s") or lower.endswith("ss"):
        return verb
    if lower.endswith("ies") and len(lower) > 4:
        return verb[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


def _turn_verb(text: str) -> str:
    """The verb phrase after a singular subject, agreed with "you": "never listens" → "never
    listen", " is" → " are"."""
    words = re.split(r"(\s+)", text)
    for i, word in enumerate(words):
        if not word.strip():
            continue
        if word.lower() in _ADVERBS and word.lower() not in _BE:
            continue
        words[i] = _base_form(word)
        break
    return "".join(words)


def _turn_following(words: str) -> str:
    """The words right after a turned singular subject: "'s" → "'re", "is" → "are"."""
    if words in {"'s", "’s"}:
        return words.replace("s", "re")
    return _turn_verb(words)


def _capitalise_at_sentence_starts(text: str) -> str:
    return re.sub(r"(^\s*|[.!?…]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def _turn_pronouns(text: str, start: int, plural: bool) -> str:
    """After the subject is turned, "he"/"his"/"him" (or "they"/"their") mean "you" too."""
    head, tail = text[:start], text[start:]
    if plural:
        tail = re.sub(r"\bthemselves\b", "yourselves", tail, flags=re.IGNORECASE)
        tail = re.sub(r"\btheir\b", "your", tail, flags=re.IGNORECASE)
        tail = re.sub(r"\bthem\b", "you", tail, flags=re.IGNORECASE)
        tail = re.sub(r"\bthey\b", "you", tail, flags=re.IGNORECASE)  # "they're" too
        return head + tail

    tail = re.sub(r"\b(?:he|she)\b((?:'s|’s)\b|" + _VERB_PHRASE + ")?",
                  lambda m: "you" + _turn_following(m.group(1) or ""), tail, flags=re.IGNORECASE)
    tail = re.sub(r"\b(?:himself|herself)\b", "yourself", tail, flags=re.IGNORECASE)
    tail = re.sub(r"\bhis\b", "your", tail, flags=re.IGNORECASE)
    tail = re.sub(r"\bhim\b", "you", tail, flags=re.IGNORECASE)

    def her(m: re.Match[str]) -> str:
        following = m.group(1)
        is_possessive = following and following.lower() not in _OBJECT_BEFORE
        return ("your " + following) if is_possessive else ("you" + (
            " " + following if following else ""))

    tail = re.sub(r"\bher\b(?:\s+(\w+))?", her, tail, flags=re.IGNORECASE)
    return head + tail


def _is_own(subject: str, own_names: Iterable[str]) -> bool:
    bare = subject.lstrip("@").lower()
    return any(bare == n.lstrip("@").lower() for n in own_names)


def imagine(text: str, *, own_names: Iterable[str] = ()) -> ImaginedView:
    """Turn a post about someone into the same words said to you."""
    own = tuple(own_names)
    turned = text
    target: str | None = None
    mentions = _LEADING_MENTIONS.match(turned)
    # "@dave you are useless" is said to @dave; in "@dave is useless" @dave is the subject
    if mentions and mentions.end() < len(turned) and not _SUBJECT_VERB.match(
            turned[mentions.end():]):
        handles = re.findall(r"@\w+", mentions.group())
        if not all(_is_own(h, own) for h in handles):
            target = handles[0]
            turned = turned[mentions.end():]  # a reply: the words are said to them
    # Turn the first recognisable subject (singular, then plural), then its pronouns.
    match = None
    for m in _SINGULAR_SUBJECT.finditer(turned):
        subject = m.group("subject")
        is_name = subject[0].isupper() and subject.lower() not in {"he", "she"} and not (
            subject.lower().startswith(("my ", "our ", "the ", "that ", "this ", "your ")))
        if (is_name and subject.split()[0] in _NOT_NAMES) or _is_own(subject, own):
            continue
        match = m
        break
    if match:
        subject = match.group("subject")
        target = target or subject
        start, end = match.start("subject"), match.end("subject")
        following = re.match(r"(?:'s|’s)\b|" + _VERB_PHRASE, turned[end:])
        after = following.group() if following else ""
        new = "you" + _turn_following(after)
        turned = turned[:start] + new + turned[end + len(after):]
        turned = _turn_pronouns(turned, start + len(new), plural=False)
    else:
        plural = next((m for m in _PLURAL_SUBJECT.finditer(turned)), None)
        if plural:
            subject = plural.group("subject")
            target = target or subject
            words = subject.split()
            noun = " ".join(w for w in words if w.lower() not in {"all", "the", "these",
                                                                   "those", "our", "my"})
            new = "you" if subject.lower() == "they" else f"you {noun.lower()}"
            turned = turned[:plural.start("subject")] + new + turned[plural.end("subject"):]
            turned = _turn_pronouns(turned, plural.start("subject") + len(new), plural=True)
    turned = _capitalise_at_sentence_starts(turned.strip()) if turned != text else text
    addresses = target is not None or bool(_ADDRESSES_YOU.search(text))
    return ImaginedView(text=turned, turned=turned != text, target=target,
                        addresses_someone=addresses)
