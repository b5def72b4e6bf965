"""Who a remark is aimed at: you, a named person, a group, the author, or an animal or thing.

"I'm such an idiot" and "my cat is an idiot" are not name-calling; "@tom_b you idiot" and
"our manager is a weasel" are. This looks at the words before an insult in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pausepost.text.document import Document, Token

TargetKind = Literal["you", "person", "group", "self", "thing", "unknown"]

SECOND_PERSON = frozenset({"you", "u", "ya", "yer", "you're", "youre", "ur", "your", "yours",
                           "yourself", "yourselves", "y'all", "yall", "ye"})
FIRST_PERSON = frozenset({"i", "i'm", "im", "me", "myself", "i've", "i'd", "ive", "my"})
THIRD_PERSON = frozenset({"he", "she", "he's", "she's", "hes", "shes", "him", "her", "they",
                          "they're", "theyre", "them", "this guy", "this woman"})
GROUP_WORDS = frozenset({"they", "they're", "theyre", "them", "all", "lot", "bunch", "pack",
                         "load", "shower", "gang", "everyone", "everybody", "people", "these",
                         "those", "management", "government", "ministers", "tories", "politicians",
                         "mps", "councillors", "managers", "staff", "lads", "lasses"})
ROLE_WORDS = frozenset({
    "manager", "managers", "boss", "bosses", "supervisor", "leader", "colleague", "colleagues",
    "director", "minister", "mp", "councillor", "neighbour", "neighbours", "landlord", "ex",
    "husband", "wife", "partner", "boyfriend", "girlfriend", "mate", "driver", "ref", "referee",
    "customer", "customers", "claimant", "claimants", "man", "woman", "guy", "bloke", "lad",
    "girl", "lady", "fella", "dude", "bro", "sis", "teacher", "doctor", "nurse", "officer", "cop",
    "copper", "coppers", "councillors", "mps", "ministers", "government", "tories", "management",
    "chancellor", "pm", "president", "secretary", "team", "hr", "someone", "somebody", "person",
    "people", "he", "she", "him", "her", "they", "them", "everyone", "everybody", "anyone",
    "whoever", "@", "owner", "staff", "coach", "player", "players", "fans", "lads", "kid", "kids",
    "son", "daughter", "mum", "dad", "brother", "sister", "cousin", "uncle", "aunt", "gran",
    "grandad", "neighbour's", "presenter", "journalist", "reporter", "voters", "leavers",
    "remainers", "protesters", "scab", "scabs",
})
# Words between a subject and an insult that do not change who is meant.
_FILLER = frozenset({
    "a", "an", "the", "such", "total", "absolute", "complete", "utter", "proper", "right", "real",
    "massive", "huge", "big", "little", "bloody", "fucking", "fuckin", "effing", "flipping",
    "frigging", "friggin", "blithering", "raging", "stupid", "silly", "useless", "pathetic",
    "spineless", "gutless", "lazy", "fat", "ugly", "thick", "daft", "dumb", "complete", "bunch",
    "of", "pack", "load", "lot", "shower", "set", "bigger", "biggest", "most", "just", "really",
    "so", "very", "an", "all", "such", "nothing", "but", "like", "being", "actual", "literal",
    "certified", "grade", "a", "class", "first", "one", "two", "faced", "two-faced", "lying",
    "sneaky", "snivelling", "incompetent", "clueless", "arrogant", "smug", "entitled", "jumped",
    "up", "jumped-up", "old", "young", "boring", "miserable", "sad", "nasty", "vile", "horrible",
})
_COPULA = frozenset({"is", "are", "was", "were", "be", "being", "been", "am", "'s", "'re",
                     "'m", "seems", "seem", "looks", "look", "sounds", "sound", "acting", "act",
                     "acts", "behaving", "became", "becomes", "remains", "stays", "called",
                     "calling", "call", "felt", "feel", "feeling", "looked", "sounded", "what",
                     "thinks", "think"})
_REPORTED = re.compile(r"\b(?:called|calls|calling|call) me\b|\bcalled myself\b|\bme feel like\b")
_SELF_AFTER = re.compile(r"^\W*(?:that i am|i am|i'?m|me|myself|of me)\b")
_THING_AFTER = re.compile(r"^\W*of an? (\w+)")


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    label: str  # "you", "@tom_b", "a named person", "a group", …


def _is_name_token(doc: Document, token: Token) -> bool:
    """A capitalised word not at the start of a sentence: probably a person's name."""
    original = doc.text[token.start:token.end]
    if not original[:1].isupper() or original.isupper() and len(original) > 1:
        return False
    sentence_start = doc.sentence_of(token.start)[0]
    return bool(doc.text[sentence_start:token.start].strip())


def target_of(doc: Document, first: int, last: int, non_people: frozenset[str]) -> Target:
    """Classify the target of the word(s) at token indexes first..last."""
    tokens = doc.tokens
    sent_start, sent_end = doc.sentence_of(tokens[first].start)
    before = doc.normalised(sent_start, tokens[first].start)
    after = doc.normalised(tokens[last].end, sent_end)
    if _REPORTED.search(before[-40:]) or _SELF_AFTER.search(after):
        return Target("self", "yourself")
    thing_after = _THING_AFTER.search(after)
    if thing_after and thing_after.group(1) in non_people:
        return Target("thing", thing_after.group(1))
    previous = [t for t in tokens[max(0, first - 8):first] if t.start >= sent_start]
    saw_copula = False
    for token in reversed(previous):
        word = token.text
        if word in _FILLER:
            continue
        if word in _COPULA or word.endswith(("'s", "'re")) and word[:-2] in THIRD_PERSON:
            saw_copula = True
            if word.endswith(("'s", "'re")):
                word = word.rsplit("'", 1)[0]
            else:
                continue
        if word in SECOND_PERSON or word.startswith("you"):
            return Target("you", "you")
        if word in FIRST_PERSON or word in {"i'm", "im", "i"}:
            return Target("self", "yourself")
        if word in non_people:
            return Target("thing", word)
        original = doc.text[token.start:token.end]
        if doc.text[max(0, token.start - 1):token.start] == "@" or original.startswith("@"):
            return Target("person", "@" + original.lstrip("@"))
        if word in GROUP_WORDS:
            return Target("group", "a group")
        if word in ROLE_WORDS or word in THIRD_PERSON:
            if _pronoun_means_thing(doc, word, sent_start, tokens[first].start, non_people):
                return Target("thing", "an animal or thing")
            return Target("person", "a person" if word in THIRD_PERSON else f"your {word}")
        if _is_name_token(doc, token):
            return Target("person", original)
        if saw_copula:
            break  # "the rota is a joke": an unknown subject, do not guess further back
    # No subject in the clause: a reply, or a post naming someone, is aimed at them.
    if doc.mentions:
        start, end = doc.mentions[0]
        return Target("person", doc.text[start:end])
    return Target("unknown", "someone")


def _pronoun_means_thing(doc: Document, word: str, start: int, end: int,
                         non_people: frozenset[str]) -> bool:
    """'My dog … he is an idiot': a pronoun after a pet or thing in the same post."""
    if word not in THIRD_PERSON:
        return False
    earlier = [t.text for t in doc.tokens if t.end <= end]
    return any(w in non_people and w not in {"this", "it", "that"} for w in earlier[-15:])
