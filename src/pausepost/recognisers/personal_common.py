"""Pieces shared by the personal-data recogniser modules.

The days in each month (checked by the driving licence validator and the date-of-birth
recogniser), the sentence bounds that the passport, claimant and private-matter recognisers
look within, and the patterns and word lists for people's names and titles that the claimant
and private-matter recognisers both use to tell a person from a place or an organisation.
Nothing here is a recogniser; ``personal`` is the module the rest of the code imports.
"""

from __future__ import annotations

import re

from pausepost.recognisers.base import word_set

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# The story recognisers look at each hit's whole sentence; a post with more hits than this
# is pathological (a pasted list), and the first ones already say what there is to say.
_MAX_STORY_HITS = 32

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?"
_NAME_WORD = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_STREET_WORD = (
    r"(?i:street|st|road|rd|lane|avenue|close|drive|way|court|crescent|terrace|grove|gardens"
    r"|park|estate|place|square|green|walk|view|rise|row|hill)"
)
# Two or three capitalised words in a row: a person's full name ("Gary Holt").
_FULL_NAME_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})(?![\w'’])"
)
_NON_SPACE_RE = re.compile(r"\S+")
_TITLED_NAME_RE = re.compile(
    rf"(?P<title>Mrs|Mr|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z]\.?\s+)?"
    rf"(?P<name>{_NAME_WORD}(?:[ \-]{_NAME_WORD})?)"
)
# Capitalised words that follow "customer"/"claimant" but are not names.
_NOT_NAMES = word_set(
    """I The A An This That Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Service Services Compliance Experience Journey Care Satisfaction Feedback
    Charter Team Advisor Adviser Advisers Advisors Support Engagement First Insight Insights
    Commitment Commitments Count Journal Record Records Contact Centre Center Manager Managers
    Universal Credit UC DWP JCP Jobcentre Plus PIP ESA JSA DLA HMRC NHS Pension Benefit
    Benefits Account Accounts Portal Data Details Information Info Relations Relationship
    Facing Focus Focused Agent Agents Officer Officers Case Cases Operations Ops
    Teams Group Panel Survey Surveys Voice Week Month Year Day Office Offices Hub Hubs Leader
    Lead Leads Leaders Director Directors Award Awards Excellence Standard Standards
    Complaints Complaint Outcome Outcomes Needs Need Review Reviews Forum Champion Champions
    Partnership Partnerships Base Number Numbers Reference Ref Id ID Of And Or In
    On At To For From With Who What When Where Why How It He She They We You My Our Your His
    Her Their Just Also Still Never Always Some Every Each Another Other Had Has Have Was Were
    Is Are Be Been Great Good Lovely Nice New Old Thanks Thank Please Yes No Not Very So
    Scotland Wales England Britain UK GB Welsh Scottish English British Gov Government
    Secretary Minister Parliament Christmas Easter Bank Holiday Holidays Covid COVID"""
)
# Words that end a place's or an organisation's name, and titles of public figures.
_NOT_PERSON_LAST = _NOT_NAMES | word_set(
    """Road Street Lane Avenue Close Drive Way Place Court Crescent Terrace Gardens Grove Hill
    Park Square Green Estate Hospital Surgery Practice Clinic Centre Center Primary Academy
    School College University Infants Juniors Nursery Church Chapel Trust Foundation Research
    Council Ward Unit House Hall Club United City Town Rovers Wanderers Albion County War"""
)
_NOT_PERSON_FIRST = _NOT_NAMES | word_set(
    "King Queen Prince Princess Lord Lady Sir Dame President Pope"
)
_SENTENCE_END_RE = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bno)(?<!\bNo)(?<!\b[A-Z])"
    r"[.!?]+(?=\s|$)|\n"
)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around ``pos`` (bounded to 240 characters)."""
    lo = max(0, pos - 240)
    start = lo
    for b in _SENTENCE_END_RE.finditer(text, lo, pos):
        start = b.end()
    nxt = _SENTENCE_END_RE.search(text, pos, min(len(text), pos + 240))
    end = nxt.start() if nxt else min(len(text), pos + 240)
    return start, end


def _full_name_before(text: str, pos: int) -> tuple[int, int] | None:
    """Span of the full name nearest before ``pos`` in its sentence ("Gary Holt"), or None."""
    s_start, _ = _sentence_bounds(text, pos)
    best = None
    for nm in _FULL_NAME_RE.finditer(text, max(s_start, pos - 100), pos):
        words = [w.span() for w in _NON_SPACE_RE.finditer(text, nm.start(), nm.end())]
        # "Saw Gary Holt", "The Mary Ann Jones": drop a capitalised word that
        # starts the sentence or is no name; keep at most three.
        while len(words) > 3 or (words and text[slice(*words[0])] in _NOT_PERSON_FIRST):
            words = words[1:]
        if len(words) == 3 and not text[s_start : words[0][0]].strip():
            words = words[1:]
        # "Greenacre Road", "Riverside Surgery": a place or an organisation, not a person.
        if len(words) >= 2 and text[slice(*words[-1])] not in _NOT_PERSON_LAST:
            best = (words[0][0], words[-1][1])
    return best


def _clean_name(name: str) -> tuple[list[str], bool]:
    """Split a captured name into name words (stopping at the first non-name)."""
    words = name.split()
    titled = bool(words) and re.fullmatch(_TITLE, words[0]) is not None
    if titled:
        words = words[1:]
    kept: list[str] = []
    for w in words:
        if w in _NOT_NAMES:
            break
        kept.append(w)
    return kept, titled
