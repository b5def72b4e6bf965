"""Other people's private matters (rule "disclosure.personal-data").

Someone identifiable's health (a diagnosis, treatment or their medical records) or private
life (an arrest, a court case, an eviction, a break-up), as long as it is not the writer's
own and not a pet's; a named child with their age and school; a named person's age with
their home, a named child's age or a mother's maiden name; and several of someone's social
media accounts listed together. Re-exported by ``personal``.
"""

from __future__ import annotations

import re
from itertools import islice

from pausepost.recognisers.base import (
    Match,
    Scan,
    ScanRecogniser,
    keywords,
    phrases,
    word_set,
)
from pausepost.recognisers.personal_common import (
    _MAX_STORY_HITS,
    _NAME_WORD,
    _NOT_NAMES,
    _NOT_PERSON_FIRST,
    _STREET_WORD,
    _TITLE,
    _TITLED_NAME_RE,
    _clean_name,
    _full_name_before,
    _sentence_bounds,
)

# ---- other people's health, private life, children, details and profiles --

_CONDITION = (
    r"\s+(?:terminal\s+|advanced\s+|stage\s+[1-4]\s+|breast\s+|bowel\s+|lung\s+|brain\s+)?"
    r"(?:cancer|dementia|alzheimer['’]?s|parkinson['’]?s|motor\s+neurone|ms|hiv|leukaemia"
    r"|a\s+(?:brain\s+)?tumour|schizophrenia|bipolar|psychosis|epilepsy|fibro(?:myalgia)?"
    r"|anxiety|depression|ptsd|autism|diabetes|crohn['’]?s|cerebral\s+palsy"
    r"|down['’]?s\s+syndrome|a\s+breakdown|an\s+eating\s+disorder|anorexia|bulimia)"
)
_TREATMENT = r"\s+(?:chemo|chemotherapy|radiotherapy|dialysis|ivf)"
_OPERATION = (
    r"\s+(?:a|an|his|her|their)\s+(?:kidney\s+|liver\s+|heart\s+|lung\s+|hip\s+|knee\s+)?"
    r"(?:transplant|operation|op|mastectomy|hysterectomy)"
)
_HEALTH_RE = re.compile(
    keywords(
        r"diagnosed\s+with(?:\s+[a-z'’\-]+)?",
        r"diagnosis\s+of(?:\s+[a-z'’\-]+)?",
        *(verb + _CONDITION for verb in ("has", "had", "got", "with", "battling", "fighting")),
        *(verb + _CONDITION for verb in (r"suffering\s+from", r"suffers\s+from", r"living\s+with")),
        # "off with cancer", "off for 3 weeks with a breakdown"
        r"off(?:\s+(?:sick|work))?(?:\s+for\s+(?:[\w\-]+\s+){1,3}?)?\s+with" + _CONDITION,
        *(verb + _TREATMENT for verb in ("started", "starting", "having", "finished", "on")),
        *(verb + _OPERATION for verb in ("having", "had", r"waiting\s+for")),
        r"on\s+(?:antidepressants|anti-depressants|dialysis)",
        "antidepressants",
        "methadone",
        "insulin",
        "ivf",
        "pregnant",
        "diabetic",
        r"in\s+(?:the\s+priory|rehab)",
        r"do\s+not\s+resuscitate",
        "dnr",
        "sectioned",
        r"terminally\s+ill",
        r"miscarri(?:age|ed)",
        r"had\s+a\s+(?:stroke|heart\s+attack|breakdown|overdose)",
        r"has\s+had\s+a\s+(?:stroke|heart\s+attack|breakdown|overdose)",
    )
    + r"\b"
)
# Every phrase above holds one of these words: posts with none skip the regex.
_HEALTH_WORDS = word_set(
    """diagnosed diagnosis cancer dementia alzheimer's alzheimer’s alzheimers parkinson's
    parkinson’s parkinsons neurone ms hiv leukaemia tumour schizophrenia bipolar psychosis
    epilepsy fibro fibromyalgia anxiety depression ptsd autism diabetes crohn's crohn’s crohns
    palsy syndrome breakdown disorder anorexia bulimia chemo chemotherapy radiotherapy dialysis
    ivf transplant operation op mastectomy hysterectomy antidepressants depressants methadone
    insulin pregnant diabetic priory rehab resuscitate dnr sectioned terminally miscarriage
    miscarried stroke attack overdose"""
)
# Initials that are also words: only the capitals count ("she's got MS", not "ms").
_CASE_SENSITIVE = {"ms": "MS", "dnr": "DNR"}
# "her medical notes", "Dave's GP records": someone else's records, read and repeated.
_RECORDS_RE = re.compile(
    r"\b(?:his|her|their|[a-z]+['’]s)\s+(?:medical|health|hospital|gp|patient|mental\s+health)"
    r"\s+(?:notes|records?|file|history|results)\b"
)
# The writer's own health: "I've been diagnosed with", "I'm pregnant".
_SELF_RE = re.compile(r"\b(?:i|i['’]m|i['’]ve|im|ive|me|myself)\b(?:\s+\S+){0,2}\s*\Z")
# "Our neighbour's cat has been diagnosed with diabetes": a pet's health is no one's data.
_ANIMAL_RE = re.compile(
    r"\b(?:cat|dog|puppy|kitten|pup|horse|pony|rabbit|hamster|guinea\s+pig|budgie|parrot|pet)s?\b"
)
_PRONOUN_START_RE = re.compile(r"\s*(?:she|he|they)\b", re.IGNORECASE)


_LIFE_EVENT_RE = re.compile(
    keywords(
        "arrested",
        r"charged\s+with",
        *(verb + r"\s+done\s+for" for verb in ("been", "got", "was", "were", "being", "getting")),
        r"in\s+court",
        r"court\s+case",
        "evicted",
        "eviction",
        "bailiffs",
        r"benefit\s+fraud",
        r"on\s+bail",
        r"in\s+prison",
        r"sent\s+down",
        r"left\s+(?:her|him|them)\s+for",
        "divorcing",
        *(verb + r"\s+bankrupt" for verb in ("went", "gone", "declared", "made")),
        "repossessed",
    )
    + r"\b"
)
_LIFE_EVENT_WORDS = word_set(
    """arrested charged done court evicted eviction bailiffs fraud bail prison down left
    divorcing bankrupt repossessed"""
)


class _PrivateMatterRecogniser(ScanRecogniser):
    """Base: a private matter (``pattern``) tied to an identifiable person, not the writer."""

    pattern: re.Pattern[str]
    gate_words: frozenset[str]  # the pattern needs one of these words
    what: str = ""  # "health", "private life": names the matter in the reason

    def scan(self, scan: Scan) -> list[Match]:
        """Find the matter said of someone identifiable other than the writer."""
        if self.gate_words.isdisjoint(scan.words):
            return []
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        for h in islice(self.pattern.finditer(lower), _MAX_STORY_HITS):
            said = text[h.start() : h.end()]
            word = h.group().split()[-1]
            if word in _CASE_SENSITIVE and not said.endswith(_CASE_SENSITIVE[word]):
                continue  # "ms" and "dnr" only as the medical initials, written as such
            if _SELF_RE.search(lower, max(0, h.start() - 25), h.start()):
                continue  # the writer's own matters are theirs to share
            subject = _private_subject(scan, h.start())
            if subject is not None and not _ANIMAL_RE.search(lower, subject[0], h.start()):
                reason = f"An identifiable person's {self.what} ('{said}')."
                out.append(self.match(subject[0], h.end(), 0.75, reason))
        return out


class HealthDetailsRecogniser(_PrivateMatterRecogniser):
    """Someone identifiable's health: a named person, a colleague, or their records."""

    kind = "health-details"
    label = "Someone's health details"
    pattern = _HEALTH_RE
    gate_words = _HEALTH_WORDS
    what = "health"


class PrivateLifeRecogniser(_PrivateMatterRecogniser):
    """Someone identifiable's arrest, court case, eviction or break-up."""

    kind = "private-life"
    label = "Someone's private life"
    pattern = _LIFE_EVENT_RE
    gate_words = _LIFE_EVENT_WORDS
    what = "private life"


def _private_subject(scan: Scan, pos: int) -> tuple[int, int] | None:
    """Span of who the matter at ``pos`` belongs to, or None if no one identifiable.

    Looks back in the sentence, and into the one before when this one starts "She ...".
    Their records, a titled name, a named colleague, neighbour or "our Chantelle", a
    household by its door number, or a colleague unnamed count. A bare full name counts
    only for someone the writer knows ("my neighbour Tom Riley, 45, ..."): "Joe Biden has
    dementia" is about a public figure, and "Name, 20, arrested" is how news reports people.
    """
    text, lower = scan.text, scan.lower
    lo, _ = _sentence_bounds(text, pos)
    if lo > 0 and _PRONOUN_START_RE.match(text, lo):
        lo, _ = _sentence_bounds(text, max(0, lo - 2))
    if records := _RECORDS_RE.search(lower, lo, pos):
        return records.span()
    for m in _TITLED_NAME_RE.finditer(text, lo, pos):
        if not (m.start() and text[m.start() - 1].isalnum()):
            return m.span()
    for rx in _NAMED_OTHER_RES:
        for m in rx.finditer(text, lo, pos):
            if m.group("name") not in _NOT_PERSON_FIRST:
                return m.span()
    name = _full_name_before(text, pos)
    near = name is not None and pos - name[1] <= 50 and name[0] >= lo
    if name is not None and near and _KNOWN_PERSON_RE.search(lower, lo, pos):
        return name
    colleague = _COLLEAGUE_RE.search(lower, lo, pos) or _HOUSEHOLD_RE.search(lower, lo, pos)
    return colleague.span() if colleague else None


# Someone the writer knows: "my neighbour", "our tenant", "her mum".
_KNOWN_PERSON_RE = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?:\w+\s+)?(?:neighbou?r|colleague|friend|mate|boss|manager"
    r"|cousin|aunt|auntie|uncle|mum|dad|nan|gran|grandad|grandma|brother|sister|son|daughter"
    r"|wife|husband|partner|ex|tenant|landlord|patient|client|customer|resident|pupil|student"
    r"|lodger|flatmate)\b"
    r"|\b(?:from|in|on)\s+(?:my|our)\s+(?:team|office|department|section|floor|ward|branch)\b"
)
# A colleague or neighbour, named or not, is identifiable to everyone around them.
_COLLEAGUE_RE = re.compile(
    r"\b(?:my|our|the)\s+(?:[\w\-]+\s+){0,2}?(?:colleague|team\s+leader|manager|boss|work\s?mate"
    r"|supervisor|secretary|neighbou?r|tenant|landlord|lodger|flatmate|caretaker)\b"
)
_RELATION = (
    r"(?i:neighbou?r|colleague|mate|friend|secretary|manager|boss|leader|supervisor|lass|lad"
    r"|kid|girlfriend|boyfriend|tenant|lodger|flatmate|customer|claimant|client|patient"
    r"|resident|pupil)"
)
_WORKPLACE = r"(?i:team|office|accounts|hr|payroll|finance|ward|branch|section|floor)"
# A first name tied to the writer's circle: "our branch secretary Maureen", "the lass at
# the next desk, Bethany,", "Keith in accounts", "Rhian from our team", "our Chantelle".
_NAMED_OTHER_RES = (
    re.compile(
        rf"(?<![\w]){_RELATION}(?:['’]s)?(?:[^.!?\n,]{{0,25}},)?\s+(?P<name>{_NAME_WORD})(?![\w'’])"
    ),
    re.compile(
        rf"(?P<name>{_NAME_WORD})\s+(?i:from|in|on)\s+(?:(?i:my|our|the)\s+)?{_WORKPLACE}\b"
    ),
    re.compile(rf"(?<![\w'’])(?i:our|poor|bless)\s+(?P<name>{_NAME_WORD})(?![\w])"),
    # "Jen's lunch ... she's diabetic": someone named by their first name mid-sentence,
    # after a lower-case word ("The Green Party's" and "Big Bubba's" are no one's first name).
    re.compile(rf"(?<![\w'’])[a-z]+,?\s(?P<name>{_NAME_WORD})['’]s\b(?!\s+[A-Z])"),
)
# "the family in 23A", "the couple from no. 12": a household by its door.
_HOUSEHOLD_RE = re.compile(
    r"\b(?:family|couple|woman|man|lady|lad|lass|bloke|fella|tenants?|people|folk|lot)\s+"
    r"(?:at|in|from)\s+(?:no\.?\s*|number\s+)?\d{1,4}[a-z]?\b"
)
_CHILD_RE = re.compile(
    r"(?P<who>(?i:son|daughter|lad|lass|boy|girl|kid|child|grandson|granddaughter|stepson"
    rf"|stepdaughter|nephew|niece))\s+(?P<name>{_NAME_WORD})(?![\w'’])"
)
_CHILD_HINTS = phrases(
    "son|daughter|lad|lass|boy|girl|kid|child|grandson|granddaughter|nephew|niece"
)
_NOT_OWN_CHILD = frozenset({"nephew", "niece"})
_OWN_CHILD_RE = re.compile(r"\b(?:my|our)\s+(?:little\s+|eldest\s+|youngest\s+|oldest\s+)?\Z")
_SCHOOL_KINDS = r"(?:Primary|Infants?|Juniors?|Academy|Nursery|Grammar|High|Comprehensive|School)"
_SCHOOL_RE = re.compile(
    rf"(?:St\.?\s+{_NAME_WORD}['’]s(?:\s+{_SCHOOL_KINDS})?"
    rf"|{_NAME_WORD}(?:\s+{_NAME_WORD})?\s+{_SCHOOL_KINDS})(?![\w'’])"
)
_CHILD_AGE_RE = re.compile(
    r"\b(?:is|aged?)\s+\d{1,2}\b|,\s*\d{1,2}\s*,|\b\d{1,2}[\s\-]?(?:years?|yrs?)[\s\-]?old"
    r"|\byear\s+\d{1,2}\b|\breception\b"
)


class ChildDetailsRecogniser(ScanRecogniser):
    """A child by name with their age or school year and their school."""

    kind = "child-details"
    label = "A child's name and school"

    def scan(self, scan: Scan) -> list[Match]:
        """Find a named child placed at a school with their age or year group."""
        if scan.digits < 1 or not scan.has_any(_CHILD_HINTS):
            return []
        text = scan.text
        out: list[Match] = []
        for c in islice(_CHILD_RE.finditer(text), _MAX_STORY_HITS):
            if c.start() and text[c.start() - 1].isalnum():
                continue  # "Jason Smith": "son" inside a longer word
            if c.group("name") in _NOT_NAMES:
                continue
            if c.group("who").lower() not in _NOT_OWN_CHILD and _OWN_CHILD_RE.search(
                scan.lower, max(0, c.start() - 20), c.start()
            ):
                continue  # a parent's own child is theirs to talk about; a foster child is not
            _, s_end = _sentence_bounds(text, c.start())
            school = _SCHOOL_RE.search(text, c.end(), s_end)
            if school is None or not _CHILD_AGE_RE.search(scan.lower, c.end(), s_end):
                continue
            reason = f"A child named ('{c.group('name')}') with their age and school."
            out.append(self.match(c.start(), school.end(), 0.75, reason))
        return out


_FULL_NAME = rf"(?:{_TITLE}[ \t]+)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}}"
# "Mrs Elsie Tranter, 81, of Sunnybank Road": a name, an age and a street. A town alone
# ("Meera Dalal, 25, from Leicester") is how the news reports people, already public.
_NAME_AGE_HOME_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_FULL_NAME}),\s*(?:aged\s+)?\d{{1,3}},\s*(?i:of|from)\s+"
    rf"(?:\d{{1,4}}[a-z]?\s+)?[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?\s+{_STREET_WORD}\b"
)
# "Ellie Walsh, she's only 15": a named child's age.
_NAME_MINOR_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_FULL_NAME}),?\s+(?:(?i:she|he)['’]s|is|aged)\s+(?:only\s+|just\s+)?"
    r"(?P<age>\d{1,2})(?=\s*(?:[.,!?;:)]|$|(?i:and|but|years?\s+old|today|now|next|this)\b))"
)
# "Tracy's maiden name is Hollins": the answer to a bank's security question.
_MAIDEN_NAME_RE = re.compile(rf"(?i:maiden\s+name)\s*(?:(?i:is|was)|:|=|-)\s*{_NAME_WORD}")
# Cheap first looks: an age and a home ("…, 81, of …"), a young age ("… is 15"), a maiden name.
_AGE_HOME_CUE_RE = re.compile(r",\s*(?:aged\s+)?\d{1,3},\s*(?:of|from)\s")
_MINOR_CUE_RE = re.compile(r"(?:['’]s|\bis|\baged)\s+(?:only\s+|just\s+)?\d{1,2}\b")


class PersonDetailsRecogniser(ScanRecogniser):
    """A named person's age with their home, a named child's age, a mother's maiden name."""

    kind = "person-details"
    label = "A named person's details"

    def scan(self, scan: Scan) -> list[Match]:
        """Find a name given with an age and a home, a child's age, or a maiden name."""
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        if scan.digits and _AGE_HOME_CUE_RE.search(lower):
            for m in _NAME_AGE_HOME_RE.finditer(text):
                if _clean_name(m.group("name"))[0]:
                    reason = "A named person with their age and home."
                    out.append(self.match(*m.span(), 0.8, reason))
        if scan.digits and _MINOR_CUE_RE.search(lower):
            for m in _NAME_MINOR_RE.finditer(text):
                if int(m.group("age")) < 18 and _clean_name(m.group("name"))[0]:
                    out.append(self.match(*m.span(), 0.75, "A named child with their age."))
        if "maiden" in lower:
            for m in _MAIDEN_NAME_RE.finditer(text):
                reason = "A maiden name, the answer to many security questions."
                out.append(self.match(*m.span(), 0.75, reason))
        return out


_PROFILE_RE = re.compile(
    r"\b(?:his|her|their|[a-z]+['’]s)\s+(?:facebook|fb|insta(?:gram)?|linkedin|tiktok|twitter"
    r"|snapchat|onlyfans)\b"
)
# "Follow her Instagram and her TikTok": promoting someone's public accounts, not exposing them.
_PROMOTE_RE = re.compile(
    r"\b(?:follow|check\s+out|subscribe|give\s+(?:her|him|them)\s+a\s+follow)\b"
)
_PROFILE_HINTS = phrases("facebook|fb|insta|linkedin|tiktok|twitter|snapchat|onlyfans")


class SocialProfilesRecogniser(ScanRecogniser):
    """Several of someone's social media accounts handed out together: a dossier."""

    kind = "social-profiles"
    label = "Someone's social media accounts"

    def scan(self, scan: Scan) -> list[Match]:
        """Find two or more of other people's accounts named in one sentence."""
        if not scan.has_any(_PROFILE_HINTS):
            return []
        by_sentence: dict[tuple[int, int], list[re.Match[str]]] = {}
        for m in islice(_PROFILE_RE.finditer(scan.lower), _MAX_STORY_HITS):
            bounds = _sentence_bounds(scan.text, m.start())
            if not _PROMOTE_RE.search(scan.lower, bounds[0], m.start()):
                by_sentence.setdefault(bounds, []).append(m)
        reason = "Other people's social media accounts listed for readers to find."
        return [
            self.match(found[0].start(), found[-1].end(), 0.7, reason)
            for found in by_sentence.values()
            if len(found) >= 2
        ]
