"""What our own analysis reads as harmless in a sentence, so a model's alarm can be re-checked.

The models see words, not context. Before a model's hit is kept, the sentence is scored again
with the harmless parts taken out: words in quotation marks (someone else's words), safe words
and phrases (Scunthorpe, spotted dick), slurs in an everyday sense ("faggots and peas"),
violence aimed at the author ("my mum will kill me"), someone else's conduct reported
("someone was nasty to a lad on the bus"), rude-looking words in names and titles (Dick
Whittington, The Thick of It), rude words aimed at the author or at an animal or thing ("I'm
such an idiot", "my dog is a daft lump"), and insults the sentence denies ("you're not an
idiot"). If the score then falls below the line, the alarm was about those parts.
"""

from __future__ import annotations

import functools
import re

from pausepost.policy.loader import Policy
from pausepost.text.denial import denied
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon
from pausepost.text.senses import InnocentSenses
from pausepost.text.targets import FILLER, GROUP_WORDS, ROLE_WORDS, target_of

# Someone in view for a model's alarm: a remark "to individuals or groups" (DWP para 33) needs one.
_PEOPLE = re.compile(r"\b(?:you|u|ya|ye|yer|your|ur|yourself|he|she|him|her|his|hers|they|them|"
                     r"their|theirs|these people|those people|everyone|anyone|people|folk|"
                     r"women|men|girls|boys)\b|@\w|#\w*(?:tory|tories|labour|libs?|dems?|"
                     r"maga|trump|biden|left|right)\w*", re.IGNORECASE)


# Someone else's conduct reported ("someone was nasty to a lad on the train", "a customer got
# really rude with my mum"): the author describes it, they do not do it.
_REPORTED_CONDUCT = re.compile(
    r"\b(?:someone|somebody|some (?:man|woman|lad|bloke|guy|girl|kids?|people)|"
    r"an? (?:man|woman|lad|bloke|guy|girl|customer|passenger|driver|group)|people|kids) "
    r"(?:was|were|got|had been|has been|have been|is being|are being|started being|kept being) "
    r"(?:really |so |very |proper |absolutely )?(?:nasty|rude|horrible|abusive|vile|awful|"
    r"aggressive|racist|homophobic|transphobic|sexist|disgusting|cruel|mean|hateful)"
    r"(?= (?:to|at|about|towards|with)\b)", re.IGNORECASE)

_QUOTED = re.compile(r"(?:(?<![\w])'|[\"“‘])([^\n\"“”‘’]{1,200}?)(?:'(?![\w])|[\"”’])")


@functools.lru_cache(maxsize=8)
def benign_reader(policy: Policy) -> BenignReader:
    """One reader per policy, shared by the detectors that use it (and its match caches)."""
    return BenignReader(policy)


class BenignReader:
    """Finds the harmless parts of a sentence, as the policy pack's word lists define them."""

    def __init__(self, policy: Policy) -> None:
        safe = policy.lexicon("swear_safe")
        self.rude = Lexicon([*policy.lexicon("insults"), *policy.lexicon("swear_strong"),
                             *policy.lexicon("swear_mild")], safe=safe)
        # Slurs count whoever or whatever they are aimed at ("the P*ki shop"); only their
        # everyday senses are harmless ("faggots and mushy peas").
        self.slurs = Lexicon(policy.lexicon("slurs"), safe=safe)
        self.safe = Lexicon(safe)
        self.non_people = frozenset(policy.lexicon("non_people"))
        self.senses = InnocentSenses(policy)
        self.person_words = (GROUP_WORDS | ROLE_WORDS | set(policy.lexicon("parties"))
                             | set(policy.lexicon("party_people")))
        self.group_terms = Lexicon(policy.lexicon("groups"))
        # Violence aimed at the author is hyperbole, not a threat or an attack: "my mum will
        # kill me", "these shoes are murdering me".
        verbs = sorted((v for v in policy.lexicon("violence_verbs") if v.isalpha()), key=len,
                       reverse=True)
        self.at_author = re.compile(
            r"\b(?:" + "|".join(map(re.escape, verbs)) + r")(?:s|es|ed|d|ing)?\s+"
            r"(?:me|us|myself|ourselves)\b|\bthe death of (?:me|us)\b",
            re.IGNORECASE) if verbs else None

    def someone_in_view(self, doc: Document, start: int, end: int) -> bool:
        """A person, group or handle in [start, end) (or a handle anywhere in a reply)."""
        if doc.mentions or _PEOPLE.search(doc.text, start, end):
            return True
        # Capitalised words are not counted: places and titles (Bodmin Moor, The Traitors)
        # look just like names without a name list, and an alarm needs a person.
        for token in doc.tokens:
            if start <= token.start < end and token.text in self.person_words:
                return True
        return any(start <= h.start < end for h in self.group_terms.find(doc))

    def spans(self, doc: Document, start: int, end: int) -> list[tuple[int, int]]:
        """Original-text spans inside [start, end) that read as harmless."""
        spans = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(doc.text[:end], start)]
        spans += [(h.start, h.end) for h in self.safe.find(doc) if start <= h.start < end]
        spans += [m.span() for m in _REPORTED_CONDUCT.finditer(doc.text, start, end)]
        if self.at_author is not None:
            spans += [m.span() for m in self.at_author.finditer(doc.text, start, end)]
        for token in doc.tokens:
            if not start <= token.start < end:
                continue
            # A rude-looking word in a name or title: "Dick Whittington", "Moby-Dick".
            if token.text in self.rude.safe or (doc.in_proper_name(token.start, token.end)
                                                and self.rude.match_word(token)):
                spans.append((token.start, token.end))
        spans += [(hit.start, hit.end) for hit in self.slurs.find(doc)
                  if start <= hit.start < end and self.senses.innocent(doc, hit.term, hit.start)]
        for hit in self.rude.find(doc):
            if start <= hit.start < end and (self.senses.innocent(doc, hit.term, hit.start)
                                             or denied(doc, hit.first)):
                spans.append((hit.start, hit.end))
            elif start <= hit.start < end:
                kind = target_of(doc, hit.first, hit.last, self.non_people).kind
                if kind in {"self", "thing"}:
                    first = hit.first  # the whole phrase: "such a silly idiot"
                    while first > 0 and doc.tokens[first - 1].text in FILLER:
                        first -= 1
                    spans.append((doc.tokens[first].start, hit.end))
        return spans

    def without(self, doc: Document, start: int, end: int) -> str | None:
        """The sentence with its harmless parts removed, or None when it has none."""
        spans = self.spans(doc, start, end)
        if not spans:
            return None
        kept, last = [], start
        for a, b in sorted(spans):
            if a >= last:
                kept.append(doc.text[last:a])
                last = b
        kept.append(doc.text[last:end])
        return " ".join(kept)

    def has_rude_word(self, doc: Document, start: int, end: int) -> bool:
        """A swear word or insult in [start, end)."""
        return any(start <= h.start < end for h in self.rude.find(doc))
