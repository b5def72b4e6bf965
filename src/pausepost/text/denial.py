"""Insults a sentence denies or reports rather than makes.

"You're not an idiot", "she's no fool", "asking for help doesn't make you a loser" and "please
don't call people idiots" all contain an insult word, but nobody is being called one: the
sentence says the opposite, or speaks against the insult. "Been called a snowflake for wearing
a coat" reports someone else's words. This looks only at the words right before the insult,
so "you're not just an idiot, you're a liar" and "isn't he an idiot?" still count.
"""

from __future__ import annotations

import re

from pausepost.text.document import Document

# Words that can sit between a negation and the insult it governs ("not a total idiot").
_SCOPE = frozenset({
    "a", "an", "the", "such", "total", "absolute", "complete", "utter", "proper", "real",
    "massive", "huge", "big", "little", "bloody", "stupid", "silly", "useless", "lazy", "thick",
    "daft", "dumb", "old", "young", "some", "kind", "sort", "of", "bunch", "load", "lot", "pack",
    "really", "so", "very", "that", "at", "all", "entirely", "remotely", "even",
})  # not "just" or "only": "not just an idiot" says more, not less
_NEGATORS = frozenset({"not", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "weren't",
                       "werent", "ain't", "aint", "nobody's", "noones", "no-one's", "no"})
_PAIRS = frozenset({("anything", "but"), ("far", "from"), ("nowhere", "near"),
                    ("hardly", "a"), ("never", "a"), ("never", "an")})
_OBJECTS = frozenset({"you", "him", "her", "them", "me", "us", "someone", "somebody", "anyone",
                      "anybody", "people", "others", "folk", "each", "other", "one", "another"})
_DONT = frozenset({"don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "won't", "wont",
                   "wouldn't", "wouldnt", "not", "never", "stop", "quit", "shouldn't",
                   "shouldnt", "can't", "cant", "mustn't", "mustnt"})
_PASSIVE = frozenset({"been", "being", "was", "were", "get", "got", "gets", "getting", "is", "are",
                      "be", "gotten"})
_CLAUSE_DENIAL = re.compile(
    r"(?:\b(?:nobody|no one|no-one|noone)(?: here| else| ever| at all| in their right mind)? "
    r"(?:thinks|thought|says|said|believes|reckons|calls|called|is calling|would call)|"
    r"\bdon'?t let (?:anyone|anybody|them|people|others|the \w+)(?: \w+)? "
    r"(?:tell|call|make|convince))\b[^.,;:!?]{0,40}$")


def _speaks_against_calling(rest: list[str]) -> bool:
    """ "don't call [them] …", "stop calling [the new starters] …", "not to call [anyone] …",
    with the words before the insult nearest first; "won't stop calling" does not count."""
    for k, word in enumerate(rest[:4]):
        if word in {"call", "calling"}:
            after = rest[k + 1:k + 3]
            if after[:1] and after[0] in _DONT and not (
                    after[0] == "stop" and after[1:] and after[1] in _DONT):
                return True
            return after in (["to", "not"], ["to", "never"])
    return False


def denied(doc: Document, first: int) -> bool:
    """True when the insult starting at token `first` is denied or spoken against."""
    tokens = doc.tokens
    sent_start, _ = doc.sentence_of(tokens[first].start)
    words: list[str] = []  # the sentence's words before the insult, nearest first
    for token in reversed(tokens[max(0, first - 12):first]):
        if token.start < sent_start:
            break
        words.append(token.text)
    skipped = 0
    while skipped < len(words) and words[skipped] in _SCOPE:
        skipped += 1
    rest = words[skipped:]
    if not rest:
        return False
    if rest[0] in _NEGATORS:  # "you're not a …", "she's no fool"; "no bigger idiot" stops early
        return True
    if len(rest) > 1 and (rest[1], rest[0]) in _PAIRS:
        return True  # "anything but a jobsworth"
    if skipped and (rest[0], words[skipped - 1]) in _PAIRS:
        return True  # "never a", "hardly a": the article was skipped
    if rest[0] in _OBJECTS:  # "make you a loser"
        rest = rest[1:] if rest[:2] != ["other", "each"] else rest[2:]
    if len(rest) > 1 and rest[0] in {"make", "makes"} and rest[1] in _DONT:
        return True
    if _speaks_against_calling(rest):
        return True  # "please don't call people idiots", "stop calling the new starters …"
    if len(rest) > 1 and rest[0] == "called" and rest[1] in _PASSIVE:
        return True  # "been called a snowflake": someone else's words, reported
    before = doc.normalised(sent_start, tokens[first].start)
    return bool(_CLAUSE_DENIAL.search(before))
