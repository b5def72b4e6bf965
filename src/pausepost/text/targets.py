"""Who a remark is aimed at: you, a named person, a group, the author, or an animal or thing.

"I'm such an idiot" and "my cat is an idiot" are not name-calling; "@tom_b you idiot" and
"our manager is a weasel" are. This looks at the words before an insult in its sentence.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from pausepost.text.document import Document, Token

TargetKind = Literal["you", "person", "group", "self", "thing", "unknown"]

SECOND_PERSON = frozenset({"you", "u", "ya", "yer", "you're", "youre", "ur", "your", "yours",
                           "yourself", "yourselves", "y'all", "yall", "ye"})
FIRST_PERSON = frozenset({"i", "i'm", "im", "me", "myself", "i've", "i'd", "ive", "my",
                          "ah'm", "a'm", "masel"})  # and Scots: "Ah'm a total bampot"
THIRD_PERSON = frozenset({"he", "she", "he's", "she's", "hes", "shes", "him", "her", "they",
                          "they're", "theyre", "them", "this guy", "this woman"})
GROUP_WORDS = frozenset({"they", "they're", "theyre", "them", "lot", "bunch", "pack",
                         "shower", "gang", "everyone", "everybody", "people",
                         "management", "government", "ministers", "tories", "politicians",
                         "mps", "councillors", "managers", "staff", "lads", "lasses"})
# Role words that are pronouns rather than roles: "your whoever" reads wrongly.
_UNOWNED = frozenset({"whoever", "anyone", "everybody", "everyone", "somebody", "someone", "@"})


# Determiners a role keeps as written when the report names it ("that lady", "his boss").
_KEPT_DETERMINERS = frozenset({"his", "her", "their", "that", "this", "the", "a", "an", "those",
                               "these", "some", "every", "any", "your"})


def _role_label(word: str, determiner: str | None = None) -> str:
    """How a report names someone picked out by a role word: the post's "my manager" is the
    reader's "your manager", "that lady" stays "that lady", a bare role is "the …"."""
    if word in _UNOWNED or word in THIRD_PERSON or not word.isalpha():
        return "a person"
    if determiner in {"my", "our"}:
        return f"your {word}"
    if determiner in _KEPT_DETERMINERS:
        return f"{determiner} {word}"
    return f"the {word}"


def _word_before(tokens: list[Token], token: Token) -> str | None:
    return tokens[token.position - 1].text if token.position > 0 else None


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
FILLER = frozenset({
    "a", "an", "the", "such", "total", "absolute", "complete", "utter", "proper", "right", "real",
    "massive", "huge", "big", "little", "bloody", "fucking", "fuckin", "effing", "flipping",
    "frigging", "friggin", "blithering", "raging", "stupid", "silly", "useless", "pathetic",
    "spineless", "gutless", "lazy", "fat", "ugly", "thick", "daft", "dumb", "bunch",
    "of", "pack", "load", "lot", "shower", "set", "bigger", "biggest", "most", "just", "really",
    "so", "very", "all", "nothing", "but", "like", "being", "actual", "literal",
    "certified", "grade", "class", "first", "one", "two", "faced", "two-faced", "lying",
    "sneaky", "snivelling", "incompetent", "clueless", "arrogant", "smug", "entitled", "jumped",
    "up", "jumped-up", "old", "young", "boring", "miserable", "sad", "nasty", "vile", "horrible",
})
_COPULA = frozenset({"is", "are", "was", "were", "be", "being", "been", "am", "'s", "'re",
                     "'m", "seems", "seem", "looks", "look", "sounds", "sound", "acting", "act",
                     "acts", "behaving", "became", "becomes", "remains", "stays", "called",
                     "calling", "call", "felt", "feel", "feeling", "looked", "sounded", "what",
                     "thinks", "think"})
_REPORTED = re.compile(r"\b(?:called|calls|calling|call) me\b|\bcalled myself\b|\bme feel like\b")
_SELF_AFTER = re.compile(r"^\W*(?:that i am|i am|i'?m|me|myself|of me|i just|"
                         # "i" alone must not be the start of "I've": "the rudest idiot I've
                         # ever met" is about someone else
                         r"(?:i'?ve|i'?d|i(?!['’]))(?! (?:have |had )?(?:ever|met|seen|know|"
                         r"knew|worked|dealt|come across|had the|encountered|spoken|known)))\b")
_NOTE_TO_SELF_RE = re.compile(r"\b(?:note to self|reminder to (?:self|myself)|dear me|past me|"
                              r"future me|me to me)\b", re.IGNORECASE)
_ACT_AFTER = re.compile(r"^\W*(?:moment|moments|move|moves|behaviour|behavior|mode|o'?clock|"
                        r"energy|day)\b")
# A thing addressed before "you": "Monday, you absolute clown", "dear laptop, you are useless".
_VOCATIVE = re.compile(r"^\W*(?:(?:dear|oh|oi|come on|right|honestly)\W+)?"
                       r"(?:(?:my|the|our|this|stupid|bloody)\W+)?([a-z][\w'-]*(?: [a-z][\w'-]*)?)"
                       r"\W*,\W*(?:you|u|ya|yer)\b")
_INVERTED = re.compile(r"^\W*((?:[\w@']+\s+){1,4})(?:is|are|was|were)\b")
_THING_AFTER = re.compile(r"^\W*of an? (\w+)")
# "Clowns, the lot of them", "spineless, every last one": the insult is for a group of people.
_GROUP_AFTER = re.compile(r"^\W*(?:(?:are|were)\s+)?(?:the (?:whole )?lot of (them|'?em|you)|"
                          r"(?:all|both|each|every(?: last| single)? one) of (them|'?em|you)|"
                          r"(?:every (?:last|single) one|the (?:whole )?lot|the pair of them)\b)")
# Words after "the idiot …" that place a person: "the muppet in the white Audi", "the plank in
# front of me", "the weapon who nicked my lunch".
_PLACING = frozenset({"who", "whom", "in", "on", "at", "from", "across", "outside", "behind",
                      "next", "driving", "with", "upstairs", "downstairs"})


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    label: str  # "you", "@tom_b", "a named person", "a group", …


def _is_name_token(doc: Document, token: Token) -> bool:
    """A capitalised word not at the start of a sentence: probably a person's name."""
    original = doc.text[token.start:token.end]
    if not original[:1].isupper() or (original.isupper() and len(original) > 1):
        return False
    return bool(doc.text[doc.words_start(token.start):token.start].strip())


def target_of(doc: Document, first: int, last: int, non_people: frozenset[str]) -> Target:
    """Classify the target of the word(s) at token indexes first..last."""
    tokens = doc.tokens
    sent_start, sent_end = doc.sentence_of(tokens[first].start)
    before = doc.normalised(sent_start, tokens[first].start)
    after = doc.normalised(tokens[last].end, sent_end)
    if re.search(r"\b(?:you|u|ya|yer)\W+(?:\w+\W+){0,3}$", before[-40:]):
        if _note_to_self(doc):
            return Target("self", "yourself")  # "note to self: … you numpty"
        addressed = _VOCATIVE.match(before)
        if addressed and addressed.group(1).split()[-1] in non_people:
            return Target("thing", addressed.group(1))  # "Monday, you absolute clown"
        return Target("you", "you")  # "you absolute idiot"
    if _REPORTED.search(before[-40:]) or _SELF_AFTER.search(after):
        return Target("self", "yourself")
    if _ACT_AFTER.match(after):
        return Target("thing", "an act")  # "numpty moment", "muppet move": about a deed
    inverted = _INVERTED.match(after)  # "how dense our site manager is"
    if inverted:
        following = [t for t in tokens[last + 1:last + 6] if t.start < sent_end]
        subject = [t for t in following if t.text not in _COPULA][:len(inverted.group(1).split())]
        found = _subject_before(doc, subject, non_people)
        if found.kind != "unknown":
            return found
    noun_after = _noun_after(tokens, last, sent_end)  # "dumb little robot": aimed at a robot
    if noun_after is not None and noun_after in non_people:
        return Target("thing", noun_after)
    if (noun_after is not None and noun_after in ROLE_WORDS and noun_after not in _PRONOUN_ROLES
            and tokens[last].text not in FILLER):  # not "fat lad", "old man": descriptions
        return Target("group" if noun_after in GROUP_WORDS else "person",
                      _role_label(noun_after))  # "idiot driver", "useless managers"
    thing_after = _THING_AFTER.search(after)
    if thing_after and thing_after.group(1) in non_people:
        return Target("thing", thing_after.group(1))
    if thing_after and thing_after.group(1) in ROLE_WORDS | GROUP_WORDS:
        return Target("person", f"the {thing_after.group(1)}")  # "an arsehole of a customer"
    previous = [t for t in tokens[max(0, first - 10):first] if t.start >= sent_start]
    pointed = _pointed_at(previous) or _placed(previous, tokens, last, sent_end)
    if pointed is not None:
        return pointed
    for token in reversed(previous):
        word = token.text
        contraction = word.endswith(("'s", "'re")) and word.rsplit("'", 1)[0]
        if word in _COPULA or contraction:
            if contraction and contraction in THIRD_PERSON | SECOND_PERSON | {"i"}:
                word = contraction  # "he's a …", "you're a …"
            elif contraction and contraction in non_people:
                return Target("thing", contraction)  # "Dog's an idiot"
            elif contraction and contraction in ROLE_WORDS:
                return Target("group" if contraction in GROUP_WORDS else "person",
                              _role_label(contraction, _word_before(tokens, token)))
            else:
                first_index = sent_start_index(doc, sent_start)
                subject = tokens[first_index:token.position]
                found = _subject_before(doc, subject, non_people)
                if found.kind != "unknown" or _names_someone_else(_clause(doc, subject)):
                    return found  # "I reckon the council are clowns": the council
                break  # "What a muppet": no subject here; the post as a whole decides
        if word in SECOND_PERSON or word.startswith("you"):
            return Target("you", "you")
        if word in FIRST_PERSON or word in {"i'm", "im", "i"}:
            return Target("self", "yourself")
        if word in non_people:
            return Target("thing", word)
        if word.startswith("@"):
            return Target("person", doc.text[token.start:token.end])
        if word in GROUP_WORDS:
            return Target("group", "a group")
        if word in ROLE_WORDS or word in THIRD_PERSON:
            if _pronoun_means_thing(doc, word, sent_start, tokens[first].start, non_people):
                return Target("thing", "an animal or thing")
            return Target("person", "a person" if word in THIRD_PERSON
                          else _role_label(word, _word_before(tokens, token)))
        if _is_name_token(doc, token):
            return Target("person", doc.text[token.start:token.end])
    group_after = _GROUP_AFTER.match(after)
    if group_after:
        if "you" in (group_after.group(1), group_after.group(2)):
            return Target("you", "you")  # "clowns, the lot of you"
        return Target("group", "the lot of them")
    # No subject in the clause: a reply, or a post naming someone, is aimed at them.
    if doc.mentions:
        start, end = doc.mentions[0]
        return Target("person", doc.text[start:end])
    earlier = (_previous_subject(doc, sent_start, non_people)
               if _is_exclamation(tokens, first, last, sent_start, sent_end) else None)
    if earlier is not None:
        return earlier
    if _talks_about_self(doc):
        return Target("self", "yourself")
    return Target("unknown", "someone")


_DEMONSTRATIVES: dict[str, TargetKind] = {"that": "person", "this": "person", "some": "person",
                                          "these": "group", "those": "group"}


def _pointed_at(previous: list[Token]) -> Target | None:
    """"That gobshite on the radio", "some idiot", "those clowns": a determiner right before
    the insult (fillers aside) makes the insult itself the name for someone. Not after a verb
    "to be" ("I'm that idiot who …", "it's that muppet again"), where the subject decides."""
    words = [t.text for t in previous]
    while words and words[-1] in FILLER:
        words.pop()
    if len(words) < 1 or words[-1] not in _DEMONSTRATIVES:
        return None
    if _to_be(words[-2] if len(words) > 1 else ""):
        return None
    kind = _DEMONSTRATIVES[words[-1]]
    return Target(kind, "a group" if kind == "group" else "someone")


def _to_be(word: str) -> bool:
    """A verb "to be" (or "I'm", "it's") before "that idiot" or "the muppet in …": then the
    clause's subject is who is meant, not the insult itself."""
    return ((word in _COPULA and word != "what") or word.endswith(("'m", "'s", "'re"))
            or word in {"im", "its"})


def _placed(previous: list[Token], tokens: list[Token], last: int,
            sent_end: int) -> Target | None:
    """ "The muppet in the white Audi", "cheers to the absolute weapon who nicked my lunch": an
    insult after "the" (fillers aside), placed by what follows, names someone. Not after a
    verb "to be" ("he's the idiot in the group": the subject decides), nor "the idiot in me"."""
    following = [t.text for t in tokens[last + 1:last + 3] if t.start < sent_end]
    if not following or following[0] not in _PLACING or (
            following[1:] and following[1] in FIRST_PERSON):
        return None
    words = [t.text for t in previous]
    while words and words[-1] in FILLER and words[-1] != "the":
        words.pop()
    if not words:  # "Little toerag on the bus kept kicking my seat": the sentence opens with it
        return Target("person", "someone")
    if words[-1] != "the":
        return None
    if _to_be(words[-2] if len(words) > 1 else ""):
        return None
    plural = tokens[last].text.endswith("s") and not tokens[last].text.endswith("ss")
    return Target("group", "a group") if plural else Target("person", "someone")


# Role words that stand for a pronoun or anyone: never "idiot someone".
_PRONOUN_ROLES = frozenset({"someone", "somebody", "person", "people", "he", "she", "him", "her",
                            "they", "them", "everyone", "everybody", "anyone", "whoever", "@"})
_EXCLAIMING = frozenset({"what", "and"})  # with FILLER: "What a muppet", "Liar and a cheat"


def _is_exclamation(tokens: list[Token], first: int, last: int, sent_start: int,
                    sent_end: int) -> bool:
    """A sentence that is little more than the insult: "Absolute knobhead.", "What a muppet",
    "Liar and a cheat." (and not "Nobody gets helped like that")."""
    opening = [t for t in tokens[max(0, first - 4):first] if t.start >= sent_start]
    closing = [t for t in tokens[last + 1:last + 5] if t.start < sent_end]
    return (all(t.text in FILLER or t.text in _EXCLAIMING for t in opening)
            and len(closing) <= 3)


def _previous_subject(doc: Document, sent_start: int, non_people: frozenset[str]) -> Target | None:
    """Who the sentence before opens with, for an exclamation with no subject of its own:
    "Evri driver chucked my parcel in a puddle. Absolute knobhead." is about the driver, while
    "Locked myself out again. What a muppet." stays with the author."""
    if sent_start == 0:
        return None
    previous_start = doc.sentence_of(sent_start - 1)[0]
    first = sent_start_index(doc, previous_start)
    for token in doc.tokens[first:first + 3]:
        if token.start >= sent_start:
            break
        word = token.text
        if word in {"my", "our"}:
            continue  # "My boss cancelled my leave again": the boss opens it
        following = doc.tokens[token.position + 1].text if token.position + 1 < len(
            doc.tokens) else ""
        if word in non_people and word not in {"this", "it", "that"} and (
                following not in ROLE_WORDS):  # "Bus driver …": a driver, not a bus
            return Target("thing", word)  # "The printer jammed again. What an idiot."
        if word in FIRST_PERSON or word in SECOND_PERSON:
            return None
        if word.startswith("@"):
            return Target("person", doc.text[token.start:token.end])
        if word in GROUP_WORDS:
            return Target("group", "a group")
        if word in ROLE_WORDS and word not in _UNOWNED:
            return Target("person", "a person" if word in THIRD_PERSON
                          else _role_label(word, _word_before(doc.tokens, token)))
    return None


def _noun_after(tokens: list[Token], last: int, sent_end: int) -> str | None:
    """The word an adjectival insult describes: the next word after any filler."""
    for token in tokens[last + 1:last + 4]:
        if token.start >= sent_end:
            return None
        if token.text not in FILLER:
            return token.text
    return None


def _note_to_self(doc: Document) -> bool:
    """ "note to self: … you numpty": the post's "you" is its author (found once per post)."""
    return doc.memo(_note_to_self, lambda: bool(_NOTE_TO_SELF_RE.search(doc.text)))


def _talks_about_self(doc: Document) -> bool:
    """A first-person post with nobody else addressed: "Locked myself out. What a muppet."
    (found once per post)."""
    return doc.memo(_talks_about_self, _first_person_only, doc)


def _first_person_only(doc: Document) -> bool:
    words = {t.text for t in doc.tokens}
    if doc.mentions or (words & (SECOND_PERSON - {"yourself"}) and not words & _NOTE_TO_SELF):
        return False
    return bool(words & {"i", "i'm", "im", "i've", "ive", "me", "my", "myself", "note"})


_NOTE_TO_SELF = frozenset({"self", "myself"})


def sent_start_index(doc: Document, sent_start: int) -> int:
    """Index of the first token of the sentence starting at original offset `sent_start`."""
    at = bisect_left(doc.token_starts, sent_start)
    return at if at < len(doc.tokens) else 0


@functools.lru_cache(maxsize=8)
def _multiword(non_people: frozenset[str]) -> tuple[str, ...]:
    return tuple(" ".join(re.findall(r"[a-z0-9]+", w)) for w in non_people
                 if len(re.findall(r"[a-z0-9]+", w)) > 1)


_CLAUSE_OPENERS = frozenset({"and", "but", "so", "that", "because", "cos", "coz", "cause",
                             "when", "if", "since", "whereas", "while", "think", "reckon",
                             "guess", "knew", "know", "realise", "realize", "saying", "said"})
_QUANTITIES = frozenset({"plenty", "lots", "lot", "loads", "most", "some", "many", "all",
                         "half", "none", "few", "several", "both", "each", "one", "majority",
                         "rest", "bunch", "load", "couple"})
_HEAD_ENDS = frozenset({"at", "in", "from", "of", "on", "with", "who", "which", "that", "near",
                        "down", "round", "by", "for", "behind", "next", "over", "today",
                        "yesterday", "tonight", "this", "last"})


_DETERMINERS = frozenset({"the", "these", "those", "that", "this", "our", "their", "his", "her",
                          "its"})


def _clause(doc: Document, subject: list[Token]) -> list[Token]:
    """The clause right before the verb: after the last comma, semicolon, "and" or "that"
    ("the scary thing is that these people are clueless" is about these people)."""
    for i in range(len(subject) - 1, 0, -1):
        gap = doc.text[subject[i - 1].end:subject[i].start]
        if any(c in gap for c in ",;:") or subject[i - 1].text in _CLAUSE_OPENERS:
            return subject[i:]
    return subject


def _names_someone_else(clause: list[Token]) -> bool:
    """A noun phrase such as "the council" or "those planners" as the clause's subject: the
    remark is about them, even in a post that talks about its author ("I reckon …")."""
    words = [t.text for t in clause]
    return (len(words) >= 2 and words[0] in _DETERMINERS
            and not any(w in FIRST_PERSON for w in words))


def _subject_before(doc: Document, subject: list[Token], non_people: frozenset[str]) -> Target:
    """The subject of "X is a …": a thing, a person or group word, a handle or a name in X."""
    subject = _clause(doc, subject)
    # "plenty of", "half of", "most of": the people come after the quantity.
    if len(subject) > 2 and subject[0].text in _QUANTITIES and subject[1].text == "of":
        subject = subject[2:]
    # Its head noun comes before any preposition: "the referee at the game" is a referee.
    for i, token in enumerate(subject[1:], 1):
        if token.text in _HEAD_ENDS:
            subject = subject[:i]
            break
    words = [t.text for t in subject]
    if words and words[0] in _UNOWNED:
        return Target("person", "a person")  # "whoever designed the self-checkouts"
    joined = " ".join(words)
    if any(" " in thing and thing in joined for thing in _multiword(non_people)):
        return Target("thing", "a thing")  # "the wi-fi on this train"
    head = words[-1] if words else ""
    if head in FIRST_PERSON:
        return Target("self", "yourself")  # "past me", "teenage me"
    if head in non_people and head not in {"this", "it", "that"}:
        return Target("thing", head)  # "customer service chatbot": a chatbot
    if subject and head in THIRD_PERSON and _pronoun_means_thing(
            doc, head, doc.sentence_of(subject[0].start)[0], subject[-1].end, non_people):
        return Target("thing", "an animal or thing")  # "Dog … He is a disgrace"
    if head in ROLE_WORDS or head in GROUP_WORDS:
        return Target("group" if head in GROUP_WORDS else "person",
                      _role_label(head, words[-2] if len(words) > 1 else None))
    if any(w in non_people and w not in {"this", "it", "that"} for w in words):
        return Target("thing", "an animal or thing")
    for token in subject:
        if token.text.startswith("@"):
            return Target("person", doc.text[token.start:token.end])
    for token in subject:
        if token.text in GROUP_WORDS:
            return Target("group", "a group")
        if token.text in ROLE_WORDS:
            return Target("person", _role_label(token.text, _word_before(doc.tokens, token)))
    for token in subject:
        original = doc.text[token.start:token.end]
        if original[:1].isupper() and original not in _NOT_SUBJECT_NAMES and (
                not original.isupper() or len(original) == 1):
            return Target("person", original)
    return Target("unknown", "someone")


_NOT_SUBJECT_NAMES = frozenset({"The", "This", "That", "It", "My", "Our", "Your", "What", "Why",
                                "How", "Honestly", "Still", "Just", "So", "And", "But", "Well",
                                "Today", "Monday", "Friday", "Weather", "Traffic", "Life", "I"})


def _pronoun_means_thing(doc: Document, word: str, start: int, end: int,
                         non_people: frozenset[str]) -> bool:
    """'My dog … he is an idiot': a pronoun after a pet or thing in the same post."""
    if word not in THIRD_PERSON:
        return False
    earlier = [t.text for t in doc.tokens if t.end <= end]
    for w in reversed(earlier[-15:]):  # the nearest animal, thing or person is meant
        if w in non_people and w not in {"this", "it", "that"}:
            return True
        if w in ROLE_WORDS and w not in THIRD_PERSON:
            return False
    return False
