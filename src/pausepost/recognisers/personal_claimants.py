"""Identifiable claimants and customers (rule "disclosure.personal-data").

``ClaimantDetailsRecogniser`` finds a claimant, customer or someone the writer served who
can be identified: named ("claimant called Sarah Jones", "Mrs A Begum ... her UC"),
described next to particulars found by the identifier and contact recognisers (an address,
an NI number), or described by a place plus their circumstances. It runs after those
recognisers, so this module also holds ``_PARTICULAR_RECOGNISERS``, the tuple of them in the
order ``personal.find_all`` runs them. Re-exported by ``personal``.
"""

from __future__ import annotations

import re
from itertools import islice

from pausepost.recognisers.base import (
    Match,
    Scan,
    ScanRecogniser,
    phrases,
    trim_span,
    word_set,
)
from pausepost.recognisers.personal_common import (
    _MAX_STORY_HITS,
    _NAME_WORD,
    _NOT_NAMES,
    _STREET_WORD,
    _TITLE,
    _TITLED_NAME_RE,
    _clean_name,
    _full_name_before,
    _sentence_bounds,
)
from pausepost.recognisers.personal_contact import (
    DateOfBirthRecogniser,
    EmailRecogniser,
    PostcodeRecogniser,
    StreetAddressRecogniser,
    UkPhoneRecogniser,
)
from pausepost.recognisers.personal_identifiers import (
    BankDetailsRecogniser,
    DrivingLicenceRecogniser,
    NhsNumberRecogniser,
    NinoRecogniser,
    PassportRecogniser,
)

# ---- claimant / customer details ----------------------------------------

_ROLE_WORDS = ("claimant", "customer", "client", "service user", "applicant")
_ROLE = r"(?i:claimant|customer|client|service\s+user|applicant)"
# A place name: "Leigh", "Stoke-on-Trent", "Merthyr Tydfil". Continuation words
# in capitals ("Wigan on PIP") are acronyms, not part of the place.
_PLACE = (
    r"[A-Z][\w'’]+(?:[ \-](?:(?:upon|on|under|le|y|yr|in|the|de|by)[ \-])?"
    r"(?![A-Z]{2,}\b)[A-Z][\w'’]+){0,2}"
)
_CLAIMANT_NAME_AFTER_RE = re.compile(
    rf"(?P<role>{_ROLE})(?:['’]s)?\b"
    r"(?:\s+(?i:today|yesterday|earlier|this\s+morning|this\s+afternoon))?"
    r"(?P<conn>\s+(?i:called|named|by\s+the\s+name\s+of|whose\s+name\s+is|name\s+is|name['’]s)"
    r"|\s*[:\-–])?(?:,?\s+\(?|\s*\()"
    rf"(?P<name>(?P<title>{_TITLE}\s+(?:[A-Z]\.?\s+)?)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    r"(?P<place>\)?\s+(?i:from|in|of|at|near|down\s+in|up\s+in|round)\s+"
    rf"(?P<placename>{_PLACE}))?"
)
_CLAIMANT_NAME_BEFORE_RE = re.compile(
    rf"(?<![\w'])(?P<name>(?P<title>{_TITLE}\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    r",?\s+(?:\(\s*)?(?:(?i:a|the|our|my|one\s+of\s+our|this|that)\s+)?\Z"
)
_CLAIMANT_ROLE_RE = re.compile(r"(?:claimant|customer|client|service\s+user|applicant)\b")
_CLAIMANT_PLACE_RE = re.compile(
    rf"(?<![\w])(?i:from|in|of|at|near|round|outside|by)\s+(?:the\s+)?(?P<place>{_PLACE})"
)
# "on Victoria Street", "on the Fernhill estate", "the flats on Greenway": "on" names a
# place only as a street, or after a kind of home.
_STREET_PLACE_RE = re.compile(
    r"(?<![\w])(?:(?i:on|off|along)\s+(?:the\s+)?(?P<street>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?"
    rf"\s+{_STREET_WORD})\b"
    r"|(?i:flats|estate|bungalows?|hostel|refuge|block|home|house)\s+(?i:on|off)\s+"
    rf"(?P<home>{_PLACE}))"
)
_CIRCUMSTANCE_RE = re.compile(
    r"\b(?:aged?\s+\d{1,3}|\d{1,3}[\s\-]?(?:years?|yrs?)[\s\-]?old|\d{2}\s?(?:yo|y/o)"
    r"|(?<=,\s)\d{2}(?=\s*,)"
    r"|universal\s+credit|uc|pip|esa|jsa|dla|pension\s+credit|carer['’]?s\s+allowance"
    r"|housing\s+benefit|child\s+benefit|attendance\s+allowance|sanction(?:ed|s)?"
    r"|disabled|disability|pregnant|cancer|terminal(?:ly\s+ill)?|stroke|wheelchair|homeless"
    r"|evicted|eviction|divorced|widow(?:ed|er)?|bereaved|debts?|arrears|overpayment|fraud"
    r"|mental\s+health|depression|anxiety|autis(?:m|tic)|diagnos\w+|kids|children|daughter"
    r"|son|husband|wife|partner|rent|benefits?|claim|care\s+leaver|in\s+care|hostel|refuge"
    r"|baby|court|judg(?:e)?ment|ccj|bailiffs?|prison|probation|addiction|foodbank|food\s+bank"
    r"|twins|triplets|broken\s+(?:arm|leg|hip|wrist|ankle|back)|oncolog\w+|chemo\w*"
    r"|stage\s+[1-4]|dementia|dnr|hospital|carer|hearing\s+aid|blind|deaf|newborn"
    r"|domestic\s+(?:abuse|violence)|fleeing|sofa\s+surfing|left\s+care|care\s+home|sheltered"
    r"|learning\s+disabilit\w+|down['’]?s\s+syndrome|ptsd|veteran|sleeping\s+rough"
    r"|sleeping\s+in\s+(?:his|her|their|a)\s+car|walked\s+out|pension|(?:mum|dad)\s+of\s+\w+"
    r"|late\s+(?:wife|husband|partner)|died|signed\s+off|wca|fit\s+for\s+work|tower\s+block"
    r"|(?:who|she|he)['’]s\s+(?:only\s+)?\d{2,3}|no\s+(?:id|bank\s+account|money|gas|electric))\b"
)
# Circumstances that say nothing of hardship on their own: a family, an age.
_FAMILY_WORDS = word_set(
    "kids children daughter son husband wife partner baby twins triplets newborn"
)
# "every self-employed UC claimant", "spot the benefit claimant": a type of person, not one.
_GENERIC_ROLE_RE = re.compile(
    r"\b(?:every|any|each|all|no|typical|average|spot\s+the|your\s+(?:typical|average))"
    r"(?:\s+[\w'’\-]+){0,3}\s+\Z"
)
# The next sentence goes on about the same person: "She lives round the corner in Netherton."
_SAME_PERSON_NEXT_RE = re.compile(
    r"\s*(?:she|he|they|her|his|their|name['’]s|came\s+in)\b", re.IGNORECASE
)
# "the lady who comes in every week", "a gent came into the office": a customer, unnamed.
_VISITOR_RE = re.compile(
    r"\b(?P<who>lady|woman|man|gent|gentleman|fella|bloke|guy|lad|lass|girl|boy|couple|family"
    r"|chap)\b[^.!?\n]{0,60}?\b(?:(?:who|that)\s+(?:came|comes)|came|comes"
    r"|(?:who|that)['’]s\s+always)\s+in(?:to)?\b"
)
_VISITOR_HINTS = ("came in", "comes in", "always in")
# A sentence that opens by naming the person just described: "Ivy, from the care home".
_NAME_INTRO_RE = re.compile(rf"\s*{_NAME_WORD},")
# "Mrs K", "Mr B.": a person named only by title and initial, as staff write about customers.
_TITLED_INITIAL_RE = re.compile(r"(?:Mrs|Mr|Ms|Miss|Mx)\.?\s+[A-Z]\.?(?![\w'’])")
_TITLE_HINTS = ("mr ", "mr.", "mrs", "ms ", "ms.", "miss ", "mx ", "mx.")
# "the lady I helped today", "a man we interviewed": a customer described without the word.
_SERVED_PERSON_RE = re.compile(
    r"\b(?:lady|woman|man|gentleman|gent|bloke|fella|guy|girl|lad|lass|chap|couple|family|mum"
    r"|dad|mother|father)\s+(?:i|we)\s+(?:helped|served|interviewed|had\s+in|dealt\s+with"
    r"|supported|assisted|assessed)\b"
)
_SERVED_HINTS = phrases("helped|served|interviewed|had in|dealt with|supported|assisted|assessed")
# "..., Maureen from Toxteth": a name tied to a place.
_NAME_FROM_PLACE_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+(?i:from|in|of)\s+"
    rf"(?P<place>{_PLACE})"
)
# A named person's own benefit or claim: "her UC stopped", "asking about pension credit".
_BENEFIT_OF_PERSON_RE = re.compile(
    r"\b(?:(?:her|his|their)\s+(?:uc|universal\s+credit|pip|esa|jsa|pension|benefits?|claim"
    r"|payments?|housing\s+benefit|sanction)"
    r"|(?:(?:is|was|['’]s|been|currently|now|still)\s+on|claims?|claiming|asking\s+about"
    r"|applied\s+for|applying\s+for|lost)\s+"
    r"(?:uc|universal\s+credit|pip|esa|jsa|pension\s+credit|housing\s+benefit"
    r"|carer['’]?s\s+allowance|benefits?))\b"
)
_BENEFIT_HINTS = ("uc", "credit", "pip", "esa", "jsa", "pension", "benefit", "claim", "allowance")
# Someone's own benefit status, said without a role word: "came in to sign on",
# "is on PIP now", "on the dole". Football "signing on for another season" and
# "sign on the dotted line" are excluded by what follows "sign on".
_STATUS_RE = re.compile(
    r"\b(?:sign(?:s|ed|ing)?[\s\-]+on(?![\w\-])(?!\s+(?:for|with|as|to|a|an|the|until|till|loan"
    r"|deal|contract|another|new|his|her|their|\d))"
    r"|(?:is|was|are|were|['’]s|been|currently|now|still|went|go(?:es|ne)?|back|and)\s+on\s+"
    r"(?:the\s+)?"
    r"(?P<benefit>dole|sick|social|uc|universal\s+credit|pip|esa|jsa|pension\s+credit"
    r"|housing\s+benefit|benefits)"
    r"|claim(?:s|ing|ed)?\s+(?:uc|universal\s+credit|pip|esa|jsa|pension\s+credit"
    r"|housing\s+benefit|carer['’]?s\s+allowance|benefits|the\s+dole))\b"
)
_STATUS_HINTS = ("sign", "dole", "pip", "uc", "credit", "esa", "jsa", "benefit", "sick", "social")
# Kinds that, next to "claimant"/"customer", make the person identifiable.
_PARTICULAR_KINDS = {
    "nino": "National Insurance number",
    "nhs-number": "NHS number",
    "street-address": "address",
    "postcode": "postcode",
    "date-of-birth": "date of birth",
    "uk-phone": "phone number",
    "email": "email address",
    "bank-details": "bank details",
    "passport": "passport number",
    "driving-licence": "driving licence number",
}


_HOME_KINDS = frozenset({"street-address", "postcode"})


def _home_before(text: str, pos: int, others: list[Match]) -> Match | None:
    """The street address or postcode before ``pos`` in its sentence (within 100 characters)."""
    s_start, _ = _sentence_bounds(text, pos)
    lo = max(s_start, pos - 100)
    return next(
        (o for o in others if o.kind in _HOME_KINDS and lo <= o.start and o.end <= pos), None
    )


def _name_span_len(captured: str, keep: int) -> int:
    """Length of the prefix of ``captured`` holding its first ``keep`` words."""
    pos = 0
    for i, part in enumerate(captured.split()):
        pos = captured.index(part, pos) + len(part)
        if i + 1 == keep:
            break
    return pos


class ClaimantDetailsRecogniser(ScanRecogniser):
    """An identifiable claimant or customer: named, or described with particulars."""

    kind = "claimant-details"
    label = "Claimant or customer details"

    def scan(self, scan: Scan) -> list[Match]:
        """Find claimant details, running the other personal recognisers for particulars."""
        if not scan.has_any(
            (*_ROLE_WORDS, *_BENEFIT_HINTS, *_STATUS_HINTS, *_TITLE_HINTS, *_SERVED_HINTS)
        ):
            return []
        others = [m for r in _PARTICULAR_RECOGNISERS for m in r.scan(scan)]
        return self.scan_with(scan, others)

    def scan_with(self, scan: Scan, others: list[Match]) -> list[Match]:
        """Find claimant details given the other personal-data matches already found."""
        out: list[Match] = []
        if scan.has_any(_BENEFIT_HINTS):
            out.extend(self._titled_with_benefit(scan))
        if scan.has_any(_STATUS_HINTS):
            out.extend(self._named_with_status(scan, others))
        if scan.has_any(_TITLE_HINTS):
            out.extend(self._initialled_with_circumstances(scan))
        if scan.has_any(_SERVED_HINTS):
            out.extend(self._served_person_named(scan))
        if scan.has_any(_VISITOR_HINTS):
            out.extend(self._visitors(scan, others))
        if not scan.has_any(_ROLE_WORDS):
            return out
        text = scan.text
        roles = (
            (i, role)
            for i in scan.keyword_hits(_ROLE_WORDS)
            # plural "claimants"/"customers" is generic talk about a group
            if (role := _CLAIMANT_ROLE_RE.match(scan.lower, i)) is not None
        )
        for i, role in islice(roles, _MAX_STORY_HITS):
            found = (
                self._named_after(text, i)
                or self._named_before(text, i, role.end())
                or self._titled_near(text, i, role.end())
                or self._with_particulars(text, i, role.end(), others)
                or self._with_circumstances(scan, i, role.end(), f"A {role.group()}")
            )
            if found is not None:
                out.append(found)
        return out

    def _visitors(self, scan: Scan, others: list[Match]) -> list[Match]:
        """ "The lad from Cedar Court who comes in with his mum, ... Down's syndrome"."""
        text = scan.text
        out: list[Match] = []
        for v in islice(_VISITOR_RE.finditer(scan.lower), _MAX_STORY_HITS):
            found = (
                self._titled_near(text, v.start(), v.end())
                or self._with_particulars(text, v.start(), v.end(), others)
                or self._with_circumstances(
                    # the place may sit inside: "the lad from Cedar Court who comes in"
                    scan,
                    v.start(),
                    v.end("who"),
                    "Someone who came in",
                    hardship=True,
                )
            )
            if found is not None:
                out.append(found)
        return out

    def _titled_near(self, text: str, i: int, role_end: int) -> Match | None:
        """ "best customer ever: Mr and Mrs Patel from the newsagents": a titled name after."""
        _, s_end = _sentence_bounds(text, i)
        for m in _TITLED_NAME_RE.finditer(text, role_end, min(s_end, role_end + 80)):
            if not text[m.start() - 1].isalnum():
                return self.match(i, m.end(), 0.8, "A customer named with a title.")
        return None

    def _titled_with_benefit(self, scan: Scan) -> list[Match]:
        """ "Mrs A Begum ... had her UC stopped": a named person and their own claim."""
        out: list[Match] = []
        for m in _TITLED_NAME_RE.finditer(scan.text):
            if m.start() and scan.text[m.start() - 1].isalnum():
                continue  # "Mr" inside a longer word
            words, _ = _clean_name(m.group("name"))
            if not words:
                continue
            s_start, s_end = _sentence_bounds(scan.text, m.start())
            benefit = _BENEFIT_OF_PERSON_RE.search(scan.lower, s_start, s_end)
            if benefit is None:
                continue
            said = scan.text[benefit.start() : benefit.end()]
            out.append(
                self.match(*m.span(), 0.7, f"A person named with a title, described with '{said}'.")
            )
        return out

    def _named_with_status(self, scan: Scan, others: list[Match]) -> list[Match]:
        """ "Kelly Marsh is on PIP now", "the neighbour at 5 Carr Lane is on ESA"."""
        text = scan.text
        out: list[Match] = []
        for st in _STATUS_RE.finditer(scan.lower):
            benefit = st.group("benefit")
            # "on pip" is fruit unless written as the benefit's initials.
            if benefit == "pip" and text[st.start("benefit") : st.end("benefit")] != "PIP":
                continue
            said = text[st.start() : st.end()]
            best = _full_name_before(text, st.start())
            if best is not None:
                reason = f"A named person described as '{said}'."
                out.append(self.match(best[0], best[1], 0.7, reason))
            elif home := _home_before(text, st.start(), others):
                reason = f"Someone at a home address described as '{said}'."
                out.append(self.match(home.start, st.end(), 0.8, reason))
        return out

    def _named_after(self, text: str, i: int) -> Match | None:
        """ "claimant called Sarah Jones", "customer Mr Patel from Leigh"."""
        m = _CLAIMANT_NAME_AFTER_RE.match(text, i)
        if m is None:
            return None
        words, titled = _clean_name(m.group("name"))
        if not words:
            return None
        whole = len(words) + titled == len(m.group("name").split())
        place = m.group("placename")
        place_ok = whole and bool(place) and place.split()[-1] not in _NOT_NAMES
        if place_ok:
            end = m.end("place")
        else:
            end = m.start("name") + _name_span_len(m.group("name"), len(words) + titled)
        if titled or m.group("conn") or len(words) >= 2:
            score = 0.9 if place_ok else 0.85
        else:
            score = 0.8 if place_ok else 0.7
        where = f" from {place}" if place_ok else ""
        return self.match(
            m.start(), end, score, f"A {m.group('role').lower()} identified by name{where}."
        )

    def _named_before(self, text: str, i: int, role_end: int) -> Match | None:
        """ "Sarah Jones, a claimant", "Mr Patel (customer)"."""
        m = _CLAIMANT_NAME_BEFORE_RE.search(text, max(0, i - 60), i)
        if m is None:
            return None
        words, titled = _clean_name(m.group("name"))
        if not words or len(words) != len(m.group("name").split()) - titled:
            return None
        if not (titled or len(words) >= 2):
            return None
        role = text[i:role_end].lower()
        end = role_end + 1 if text[role_end : role_end + 1] == ")" else role_end
        return self.match(m.start(), end, 0.85, f"A {role} identified by name.")

    def _with_particulars(
        self, text: str, i: int, role_end: int, others: list[Match]
    ) -> Match | None:
        """A claimant described near an address, NI number, date of birth..."""
        s_start, _ = _sentence_bounds(text, i)
        # Particulars later in the post (within ~200 characters) or earlier in the
        # same sentence: "Customer at the counter today... Lives alone on Hill Street".
        near = [
            o
            for o in others
            if o.kind in _PARTICULAR_KINDS
            and o.score >= 0.5
            and (
                0 <= o.start - role_end <= 200
                or (s_start <= o.start and o.end <= i and role_end - o.start <= 80)
            )
        ]
        if not near:
            return None
        first = min(near, key=lambda o: abs(o.start - role_end))
        what = _PARTICULAR_KINDS[first.kind]
        if first.start >= role_end:
            start, end = trim_span(text, i, first.start)
        else:
            start, end = trim_span(text, first.end, role_end)
        return self.match(
            start, end, 0.8, f"A {text[i:role_end].lower()} described alongside their {what}."
        )

    def _with_circumstances(
        self, scan: Scan, i: int, role_end: int, who: str, *, hardship: bool = False
    ) -> Match | None:
        """Someone (``who``, at ``i``) described by a place plus benefit, age or circumstances.

        With ``hardship`` a family or an age is not enough: the story must tell of benefits,
        health, housing or money ("the man who came in with his kids from Leeds" does not).
        """
        if _GENERIC_ROLE_RE.search(scan.lower, max(0, i - 50), i):
            return None  # "every UC claimant in Leeds" is a group, however described
        text = scan.text
        s_start, s_end = _sentence_bounds(text, i)
        s_end = _same_person_end(text, s_end)
        place = _place_in(text, role_end, s_end)
        if place is None:
            return None
        circ = list(_CIRCUMSTANCE_RE.finditer(scan.lower, s_start, s_end))
        if hardship:
            circ = [c for c in circ if not _family_or_age(c.group())]
        if not circ:
            return None
        # Cover from the role word to the last particular after it, capped in length.
        end = max([place[1]] + [c.end() for c in circ if c.start() > i])
        end = min(end, i + 200)
        return self.match(
            i,
            end,
            0.75,
            f"{who} described by place ('{place[2]}') and "
            f"circumstances ('{text[circ[0].start() : circ[0].end()]}').",
        )

    def _initialled_with_circumstances(self, scan: Scan) -> list[Match]:
        """ "Mrs K from the 10am slot in Bootle, the one with the twins": title, initial, story."""
        out: list[Match] = []
        for m in islice(_TITLED_INITIAL_RE.finditer(scan.text), _MAX_STORY_HITS):
            if m.start() and scan.text[m.start() - 1].isalnum():
                continue  # "Mr" inside a longer word
            said = " ".join(m.group().split())
            found = self._with_circumstances(scan, m.start(), m.end(), f"A person ('{said}')")
            if found is not None:
                out.append(found)
        return out

    def _served_person_named(self, scan: Scan) -> list[Match]:
        """ "the lady I helped today, Maureen from Toxteth": a customer by name and place."""
        text = scan.text
        out: list[Match] = []
        for served in islice(_SERVED_PERSON_RE.finditer(scan.lower), _MAX_STORY_HITS):
            _, s_end = _sentence_bounds(text, served.start())
            for nm in _NAME_FROM_PLACE_RE.finditer(text, served.end(), s_end):
                words, _ = _clean_name(nm.group("name"))
                place = nm.group("place").split()[0]
                if (
                    words
                    and len(words) == len(nm.group("name").split())
                    and (place not in _NOT_NAMES)
                ):
                    reason = (
                        f"Someone the writer served ('{served.group()}') named, with where "
                        f"they are from ('{nm.group('place')}')."
                    )
                    out.append(self.match(served.start(), nm.end(), 0.8, reason))
                    break
        return out


def _same_person_end(text: str, s_end: int) -> int:
    """End of the next sentence or two if they go on about the same person, else ``s_end``.

    "She lives round the corner", "Her PIP got refused", "Ivy, from the care home".
    """
    for _ in range(2):
        nxt = s_end
        while nxt < len(text) and text[nxt] in ".!?\n":
            nxt += 1
        if nxt >= len(text) or not (
            _SAME_PERSON_NEXT_RE.match(text, nxt) or _NAME_INTRO_RE.match(text, nxt)
        ):
            break
        s_end = _sentence_bounds(text, nxt + 1)[1]
    return s_end


def _place_in(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """(start, end, name) of the first place named in ``[lo, hi)``: a town or a street."""
    found = [
        (m.start(), m.end(), m.group("place"))
        for m in _CLAIMANT_PLACE_RE.finditer(text, lo, hi)
        if m.group("place").split()[0] not in _NOT_NAMES
    ][:1]
    found += [
        (m.start(), m.end(), m.group("street") or m.group("home"))
        for m in _STREET_PLACE_RE.finditer(text, lo, hi)
        if (m.group("street") or m.group("home")).split()[0] not in _NOT_NAMES
    ][:1]
    return min(found) if found else None


_AGE_OPENINGS = ("age", "who", "she", "he")


def _family_or_age(said: str) -> bool:
    """True for a circumstance that is only a family member or an age ("kids", "aged 40")."""
    return said in _FAMILY_WORDS or said[0].isdigit() or said.startswith(_AGE_OPENINGS)


_PARTICULAR_RECOGNISERS: tuple[ScanRecogniser, ...] = (
    NinoRecogniser(),
    NhsNumberRecogniser(),
    UkPhoneRecogniser(),
    EmailRecogniser(),
    PostcodeRecogniser(),
    StreetAddressRecogniser(),
    DateOfBirthRecogniser(),
    BankDetailsRecogniser(),
    PassportRecogniser(),
    DrivingLicenceRecogniser(),
)
