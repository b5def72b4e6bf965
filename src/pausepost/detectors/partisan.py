"""political.partisan: strong party-political commitment (calls to vote, attacks, praise)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon, LexiconHit
from pausepost.text.senses import innocent_senses

# Party names that are also ordinary words count only when written as a name ("Labour").
_NEEDS_CAPITAL = frozenset({"labour", "conservative", "conservatives", "greens", "green", "plaid",
                            "reform", "alliance party", "workers party", "your party"})
# "Labour market", "Reform of the rules": the word, not the party (for the parties above).
_NOT_PARTY_AFTER = re.compile(
    r"^\W*(?:history|museum|market|markets|ward|day|costs?|shortages?|force|pains|intensive|"
    r"camps?|exchange|law|laws|relations|saving|of love|supply|mobility|rights|standards|"
    r"estimate|estimates|approach|values|dress|investor|view|of|to|in|bill|act|package|"
    r"programme|agenda|club|clubs|social club)\b", re.IGNORECASE)
# Years and centuries before living memory of party politics.
_LONG_AGO = re.compile(r"\b(?:1[0-8]\d\d|19[0-3]\d)s?\b|\b(?:1[0-9]th|eighteenth|nineteenth|"
                       r"seventeenth|sixteenth) century\b|\bvictorian\b|\bmedieval\b",
                       re.IGNORECASE)
_CALL = re.compile(
    r"\b(?:vote|votes|voting|voted for|join|joined|joining|donate|donating|campaign|campaigning|"
    r"canvass|canvassing|leaflet|leafleting|leafletting|door ?knocking|doorstep|support|supporting|"
    r"back|backing|elect|re-elect|member|membership|sign up|kick (?:them |the \w+ )?out|boot out|"
    r"get (?:them|the \w+) out|never vote|won'?t vote|will never|i'?m voting|proud|get behind|"
    r"out now|in power|government of|vote them out|change|time for change|#\w+|rejoin(?:ed)?|"
    r"my vote|our vote|lose (?:their|its|his|her) seats?|the only party|party of|"
    r"wrecked|ruined|destroyed|grifters?|voters?|rosette|you know what to do|masterclass|"
    r"14 years|13 years|forgive|trust|liars?|mess|fault|blame|idiots?|clowns?|"
    r"don'?t make me laugh|laughable|pleidleisiwch|bring back|sort (?:it|this country) out)\b")
_HEARTS = re.compile("[\U0001F499\u2764\U0001F49A\U0001F49B\U0001F9E1\U0001F339\U0001F49C]")
_PARTY_HASHTAG = re.compile(
    r"#(?:\w*(?:tory|tories|labour|reform|libdem|snp|plaid|conservative|starmer|farage|"
    r"badenoch)\w*|tories?out|toriesout|votelabour|voteconservative|votetory|voteReform|votegreen|"
    r"votelibdem|votesnp|voteplaid|gtto|getthetoriesout|toryscum|labourout|starmerout|"
    r"labourlies|torylies|toryfail|labourfail|reformuk|labourvictory|torychaos|c?onservative|"
    r"labourparty|libdems|greenparty)\b", re.IGNORECASE)
_CALL_PARTY_CAPITAL = re.compile(r"\b(?:vote|voting|join|back|support|elect)\s+(?:for\s+)?"
                                 r"(Reform|Green|Labour|Conservative|Plaid)\b")


class Partisan(Detector):
    """A party or party figure named in the same sentence as a call, praise or an attack."""

    name = "partisan"
    rules = ("political.partisan",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        self.parties = Lexicon([*policy.lexicon("parties"), *policy.lexicon("party_people")])
        self.people = frozenset(policy.lexicon("party_people"))
        self.evaluative = Lexicon(policy.lexicon("evaluative"))
        self.senses = innocent_senses(policy)

    def _is_party(self, doc: Document, hit: LexiconHit) -> bool:
        original = doc.text[hit.start:hit.end]
        if hit.term not in _NEEDS_CAPITAL and hit.term.split()[0] not in _NEEDS_CAPITAL:
            return True  # "Lib Dems in Harrogate", "SNP": only ever a party
        in_hashtag = doc.text[max(0, hit.start - 1):hit.start] == "#"
        # every word a name: "Green Party", not "Green party theme for a birthday"
        if not (in_hashtag or all(w[:1].isupper() for w in original.split())):
            return False
        return not _NOT_PARTY_AFTER.match(doc.text[hit.end:hit.end + 30])

    @staticmethod
    def about_history(sentence: str) -> bool:
        """A sentence set long ago ("grew out of the old Tory party in the 1830s"): history,
        not a view on today's parties."""
        return _LONG_AGO.search(sentence) is not None

    def party_mentions(self, doc: Document) -> list[LexiconHit]:
        """Parties and party figures named in the document (not "labour market")."""
        return [h for h in self.parties.find(doc) if self._is_party(doc, h)]

    def detect(self, doc: Document) -> Iterator[Hit]:
        for m in _PARTY_HASHTAG.finditer(doc.text):
            yield Hit(rule="political.partisan", start=m.start(), end=m.end(), confidence=0.9,
                      reason=f"party-political hashtag {m.group()}", detail=f": {m.group()}")
        for m in _CALL_PARTY_CAPITAL.finditer(doc.text):
            yield Hit(rule="political.partisan", start=m.start(), end=m.end(), confidence=0.9,
                      reason=f"a call to support {m.group(1)}", detail=f" ({m.group(1)})")
        parties = self.party_mentions(doc)
        if not parties:
            return
        evaluative = [e for e in self.evaluative.find(doc)
                      if not self.senses.innocent(doc, e.term, e.start)]  # "grew out of"
        for hit in parties:
            sent_a, sent_b = doc.sentence_of(hit.start)
            sentence_norm = doc.normalised(sent_a, sent_b)
            signal = next((e.term for e in evaluative if sent_a <= e.start < sent_b), None)
            if signal is None:
                call = _CALL.search(sentence_norm)
                signal = call.group() if call else None
            if signal is None and _HEARTS.search(doc.text[sent_a:sent_b]):
                signal = "a party-coloured heart"
            if signal is None:
                continue
            party = doc.text[hit.start:hit.end]
            yield Hit(
                rule="political.partisan", start=hit.start, end=hit.end,
                confidence=0.75 if hit.term in self.people else 0.85,
                reason=f"{party} with '{signal}' in the same sentence",
                detail=f" about {party}",
            )
