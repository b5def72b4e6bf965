"""Contact details and places (rule "disclosure.personal-data").

UK phone numbers, email addresses, full postcodes, street addresses ("14 Acacia Avenue",
"lives on Mill Lane") and dates of birth: their context words, the phrasing that makes a
number or an address someone's own ("ring me on", "she lives at"), and the recognisers.
Postcodes and streets score higher when found next to each other. Re-exported by ``personal``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from pausepost.recognisers.base import (
    Match,
    Scan,
    ScanRecogniser,
    context_word,
    phrases,
    word_set,
    words_pattern,
)
from pausepost.recognisers.personal_common import (
    _DAYS_IN_MONTH,
    _FULL_NAME_RE,
    _NOT_PERSON_FIRST,
    _NOT_PERSON_LAST,
    _TITLED_NAME_RE,
    _sentence_bounds,
)

# --------------------------------------------------------------------------
# Context words (matched on word boundaries in the lower-cased text).
# --------------------------------------------------------------------------

PHONE_CONTEXT = phrases(
    "phone|phone number|tel|tel.|telephone|mobile|mob|mob.|number|no.|call|ring|text|txt|"
    "whatsapp|contact|landline|cell|digits|fone"
)
POSTCODE_CONTEXT = ("postcode", "post code", "post-code")
DOB_CONTEXT = phrases(
    "dob|d.o.b|d.o.b.|d/o/b|date of birth|date-of-birth|born on|born|birth date|birthdate|birthday"
)

# Personal phrasing: "her number", "ring me on". Turns a public-looking number
# (0800, 0300) into something personal and lifts landlines to high.
_PERSONAL_PHONE_RE = re.compile(
    r"\b(?:(?:his|her|their|my|your|mum'?s|dad'?s|nan'?s|wife'?s|husband'?s|son'?s|"
    r"daughter'?s|partner'?s|[a-z]+['’]s)\s+(?:personal\s+|new\s+|work\s+|own\s+|direct\s+)?"
    r"(?:mobile|mob|number|phone|no\.?|digits|landline|cell|whatsapp|line)"
    r"|(?:ring|call|text|phone|whatsapp|message|bell|contact|reach)\s+(?:me|him|her|them)"
    r"|get\s+(?:me|him|her|them)\s+on|i'?m\s+on)\b"
)
# Personal address phrasing: "she lives at", "his address is".
_PERSONAL_ADDRESS_RE = re.compile(
    r"\b(?:(?:he|she|they|who|mum|dad|nan|i|we|you)\s+(?:lives?|living|stays?|resides?)"
    r"|(?:lives?|living|resides?|staying)\s+(?:at|on|in|down|round)"
    r"|(?:his|her|their|my|your|its)\s+(?:home\s+)?(?:address|house|home|flat|place|gaff)"
    r"|(?:home\s+)?address\s*(?:is|was|:)|moved\s+(?:to|into)|(?:lives|living)\b)"
)

# The author's own address, just before it: "We're at 12 Rookery Lane now", "Pick up from
# mine, 8 Aspen Close". Only taken as the author's when the post names nobody else.
_OWN_ADDRESS_RE = re.compile(
    r"\b(?:we['’]re|we\s+are|i['’]m|i\s+am|(?:we|i)\s+(?:now\s+)?live"
    r"|(?:we|i)['’]ve\s+moved\s+to|(?:we|i)\s+moved\s+to|(?:from|at|to|round)\s+(?:mine|ours)|us\s+at"
    r"|(?:my|our)\s+(?:new\s+)?(?:home\s+)?(?:address|house|home|flat|place)"
    # "Moving house! New address is …" (not "Kev's new address", "her new address")
    r"|(?<!his\s)(?<!her\s)(?<!their\s)(?<!['’]s\s)new\s+address)\b"
    r"(?:(?!\b(?:his|her|their|them|him)\b)[^.!?\n\d]){0,20}\Z"
)
# Words that make a number or an address an organisation's or a public place's: a takeaway's
# number, "Report it to Kirklees on ...", "Civic Centre, Newcastle NE1 8QH". Lower-case words
# of the number's sentence; capitalised place words just before an address.
_BUSINESS_WORDS = word_set(
    """takeaway takeaways pizza pizzeria chippy chinese indian curry kebab restaurant cafe
    café bistro pub hotel menu menus order orders ordering book booking bookings appointment
    appointments firm company business ltd limited plc motors garage taxi taxis cabs
    electrical plumbing roofing services salon barbers shop showroom dealership council
    councils borough station library surgery clinic hospital vet vets veterinary pharmacy
    chemist dentist dentists helpline hotline reception enquiries website opening report
    office branch"""
)
_VENUE_WORDS = word_set(
    """Centre Center Hall Club Council Station Library Church Chapel Cathedral Mosque Temple
    Synagogue Gurdwara School Academy College University Hospital Surgery Clinic Practice
    Stadium Arena Museum Gallery Theatre Cinema Hotel Inn Arms Tavern Market Leisure Baths
    Offices Chambers Jobcentre Institute Depot Ltd Limited Plc Superstore Trust Society"""
)
# A person in view keeps a number or an address personal: "his direct line", "Mrs Khalid".
_PERSON_CUE_RE = re.compile(
    r"\b(?:his|her|their|him|she|he|mum|dad|nan|gran|grandad|neighbour|landlord|friend|mate"
    r"|brother|sister|son|daughter|wife|husband|partner|bloke|lady|woman|man|guy|lad|girl|boy)\b"
)
_WORD_RE = re.compile(r"[a-zé]+")
# Addresses everyone knows, which belong to a story or an office rather than a person.
_FAMOUS_ADDRESSES = frozenset({"221b baker street", "10 downing street", "11 downing street"})
_CAP_WORD_RE = re.compile(r"[A-Z][a-z]+")
# In lower case: "the council", "at the rugby club, LS16 5HJ". Not "councillor": a person.
_PLACE_WORD_RE = re.compile(
    r"\bcouncils?\b|\bthe\s+(?:[a-z]+\s+){0,2}(?:club|centre|center|hall|church|chapel|school"
    r"|academy|college|library|station|hospital|surgery|clinic|stadium|museum|theatre|cinema"
    r"|hotel|pub|market|offices?)\b"
)
# "the building postcode", "the office's postcode": a workplace's, not a home's.
_PLACE_POSTCODE_RE = re.compile(
    r"\b(?:building|office|site|venue|hub|depot|shop|work|school|church|club)(?:['’]s)?"
    r"\s+post\s?code\b"
)
# "Born ... in Wrexham Maelor", "at Jade Garden": two capitalised words after these are a place.
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|at|near|via|on)\s+\Z")


def _business_sentence(scan: Scan, start: int, end: int) -> bool:
    """True when the sentence of ``[start, end)`` reads as a business's or a service's number
    ("Best Chinese in Barrow: Jade Garden, 01229 ...") and no person is in view."""
    s_start, s_end = _sentence_bounds(scan.text, start)
    lo, hi = max(s_start, start - 120), min(s_end, end + 40)
    lower = scan.lower
    if _BUSINESS_WORDS.isdisjoint(_WORD_RE.findall(lower, lo, hi)):
        return False
    return not (
        _PERSON_CUE_RE.search(lower, lo, start) or _TITLED_NAME_RE.search(scan.text, lo, start)
    )


def _public_place_before(scan: Scan, start: int) -> bool:
    """True when an organisation or a venue is named just before the address at ``start``
    ("Bootle Town Hall, Oriel Road, L20 7AE") and no person is named nearer to it ("Club subs
    owing: Pete Walsh (11 Hill Rise)")."""
    s_start, _ = _sentence_bounds(scan.text, start)
    lo = max(s_start, start - 60)
    text, lower = scan.text, scan.lower
    if _PERSON_CUE_RE.search(lower, lo, start) or _TITLED_NAME_RE.search(text, lo, start):
        return False
    if _PLACE_POSTCODE_RE.search(lower, max(0, start - 60), start) is not None:
        return True
    venue = max(
        (m.end() for m in _CAP_WORD_RE.finditer(text, lo, start) if m.group() in _VENUE_WORDS),
        default=-1,
    )
    council = max((m.end() for m in _PLACE_WORD_RE.finditer(lower, lo, start)), default=-1)
    place = max(venue, council)
    return place >= 0 and all(e < place for _, e in _person_names(text, lo, start))


def _person_names(text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of people's full names in ``text[lo:hi]`` ("Alfie James Cartwright"); not places
    ("Rookery Lane", "in Wrexham Maelor") nor organisations ("Bootle Town Hall")."""
    for m in _FULL_NAME_RE.finditer(text, lo, len(text) if hi is None else hi):
        if _PLACE_BEFORE_RE.search(text, max(0, m.start() - 6), m.start()):
            continue
        words = m.group("name").split()
        while words and words[0] in _NOT_PERSON_FIRST:
            words = words[1:]
        if len(words) >= 2 and words[-1] not in _NOT_PERSON_LAST:
            yield m.start(), m.end()


def _names_someone(text: str, skip: tuple[int, int] = (0, 0)) -> bool:
    """True when the post names a person ("Mrs Khalid", "Alfie James Cartwright"), outside
    ``skip`` (the address itself)."""
    if _TITLED_NAME_RE.search(text):
        return True
    return any(not skip[0] <= s < skip[1] + 20 for s, _ in _person_names(text))


def _own_address(scan: Scan, start: int, end: int) -> bool:
    """True when the address at ``[start, end)`` is the author's own and no one is named."""
    own = _OWN_ADDRESS_RE.search(scan.lower, max(0, start - 45), start)
    return own is not None and not _names_someone(scan.text, (start, end))


_PHONE_CTX_RE = words_pattern(PHONE_CONTEXT)
_POSTCODE_CTX_RE = words_pattern(POSTCODE_CONTEXT)
_DOB_CTX_RE = words_pattern(DOB_CONTEXT)

# --------------------------------------------------------------------------
# Recognisers
# --------------------------------------------------------------------------


_PHONE_RE = re.compile(
    r"(?P<prefix>\+\s?44\s?(?:\(0\)\s?)?|0044\s?(?:\(0\)\s?)?|\(0\)\s?|\(0|0)"
    r"(?P<body>[1-9]\d{0,4}\)?(?:[ \-.]?\d{2,6}){1,4})"
    r"(?!\d)"
)
_DIGIT_RUN_RE = re.compile(r"\d+")
# DWP's own helplines: published public numbers, never someone's personal data.
_PUBLIC_HELPLINE_PREFIXES = ("0800169", "0800328", "0800731", "0800055")


class UkPhoneRecogniser(ScanRecogniser):
    """UK phone numbers in national or +44 form, with public-service numbers filtered."""

    kind = "uk-phone"
    label = "UK phone number"

    def scan(self, scan: Scan) -> list[Match]:
        """Find UK phone numbers."""
        if scan.digits < 9:
            return []
        text = scan.text
        out: list[Match] = []
        for m in _PHONE_RE.finditer(text):
            start = m.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "_+/."):
                continue  # inside a longer number, word or URL
            runs = list(_DIGIT_RUN_RE.finditer(text, m.start("body"), m.end("body")))
            national = "0" + "".join(r.group() for r in runs)
            # A greedy match can swallow a following number ("...123 24 hours"):
            # drop trailing digit groups until the length fits.
            while len(national) > 11 and len(runs) > 1:
                runs.pop()
                national = "0" + "".join(r.group() for r in runs)
            short_ok = len(national) == 10 and national.startswith(("01", "0800", "0808", "0500"))
            if len(national) != 11 and not short_ok:
                continue
            end = runs[-1].end()
            if national.startswith(_PUBLIC_HELPLINE_PREFIXES):
                continue
            personal = _PERSONAL_PHONE_RE.search(scan.lower, max(0, start - 40), start)
            said = text[personal.start() : personal.end()] if personal else None
            owner = _WORD_RE.match(said.lower()) if said else None
            if owner is not None and owner.group() in _BUSINESS_WORDS:
                said = None  # "the library's number": a place's, not a person's
            ctx = context_word(_PHONE_CTX_RE, scan, start, end)
            if national[1] == "7":
                if said or ctx:
                    score, why = 0.95, (f"after '{said}'" if said else f"near '{ctx}'")
                else:
                    score, why = 0.85, "with no context word"
                reason = f"UK mobile number format, {why}."
            elif national[1] in "12":
                if said:
                    score, why = 0.9, f"after '{said}'"
                elif _business_sentence(scan, start, end):
                    score, why = 0.45, "given as a business's or a service's"
                elif ctx:
                    score, why = 0.8, f"near '{ctx}'"
                else:
                    score, why = 0.7, "with no context word (it may be a public number)"
                reason = f"UK landline number format, {why}."
            elif said:
                # 03/08/09 numbers are almost always organisations; only count them
                # when the post says the number belongs to a person.
                score = 0.6
                reason = f"UK non-geographic number, described as personal ('{said}')."
            else:
                continue
            out.append(self.match(start, end, score, reason))
        return out


_EMAIL_LOCAL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}\Z")
_EMAIL_DOMAIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63})+")
# Addresses that reach a team or a machine rather than a person.
ROLE_EMAIL_LOCALS = frozenset(
    {
        "info",
        "enquiries",
        "enquiry",
        "enq",
        "noreply",
        "no-reply",
        "no_reply",
        "donotreply",
        "do-not-reply",
        "contact",
        "contactus",
        "hello",
        "hi",
        "admin",
        "support",
        "help",
        "helpdesk",
        "office",
        "press",
        "media",
        "news",
        "team",
        "sales",
        "mail",
        "webmaster",
        "postmaster",
        "customerservices",
        "customer.services",
        "feedback",
        "careers",
        "jobs",
        "recruitment",
        "complaints",
        "foi",
        "privacy",
        "dpo",
        "data.protection",
        "accounts",
        "billing",
        "reception",
        "bookings",
        "events",
        "marketing",
        "general",
        "service",
        "services",
        "it",
        "security",
        "abuse",
    }
)


# A council's or a firm's department rather than a person: "environment@", "planning.
# enquiries@". Every part of the local name must be one of these or a role word above.
_DEPARTMENT_LOCALS = word_set(
    """environment planning housing parking waste recycling licensing revenues benefits
    highways streetcare council customer customers customerservice customercare orders order
    shop studio hire reservations appointments admissions lettings finance hr payroll post
    helpline contactcentre education social care children adults democratic elections
    registrars library libraries leisure events"""
)
_EMAIL_PARTS_RE = re.compile(r"[._\-]")
# The author's own address, just before it: "Send to me: jenna@...", "my email is ...".
_OWN_EMAIL_RE = re.compile(
    r"(?:\b(?:to|at|email|e-mail|contact|reach|message|mail|dm)\s+me|\bmy\s+(?:own\s+)?(?:email"
    r"|e-mail|inbox|address)(?:\s+for\s+[^.!?\n@]{1,30}?)?)\b[\s:,\-–]*(?:(?:at|on|is|via)\b[\s:]*)?\Z"
)
# The address as an account's login: "paypal login is sam@...". Someone else's ("her login
# is ...") is still their personal data.
_LOGIN_EMAIL_RE = re.compile(
    r"(?P<owner>\b(?:his|her|their|[a-z]+['’]s)\s+(?:[a-z]+\s+)?)?"
    r"(?:login|log-?in|username|user\s?name|user\s?id|sign(?:ed)?\s+in\s+(?:with|as)"
    r"|log(?:ged)?\s+in\s+(?:with|as))(?:\s+(?:is|details))?[\s:=\-–]*\Z"
)


def _email_role(name: str) -> bool:
    """True for a team's, a machine's or a department's mailbox ("info", "planning.enquiries")."""
    if name in ROLE_EMAIL_LOCALS:
        return True
    parts = [p for p in _EMAIL_PARTS_RE.split(name) if p]
    return bool(parts) and all(p in _DEPARTMENT_LOCALS or p in ROLE_EMAIL_LOCALS for p in parts)


class EmailRecogniser(ScanRecogniser):
    """Email addresses; team and no-reply mailboxes, the author's own and logins score low."""

    kind = "email"
    label = "Email address"

    def scan(self, scan: Scan) -> list[Match]:
        """Find email addresses."""
        text = scan.text
        out: list[Match] = []
        at = text.find("@")
        while at != -1:
            nxt = text.find("@", at + 1)
            local = _EMAIL_LOCAL_RE.search(text, max(0, at - 64), at)
            domain = _EMAIL_DOMAIN_RE.match(text, at + 1)
            if local is not None and domain is not None:
                start = local.start()
                while start < at and not text[start].isalnum():
                    start += 1  # a local part can't start with "." or "-"
                dom = domain.group().rstrip(".-")
                tld = dom.rsplit(".", 1)[-1]
                if start < at and tld.isalpha() and 2 <= len(tld) <= 24:
                    end = at + 1 + len(dom)
                    name = text[start:at].lower()
                    before = max(0, start - 40)
                    login = _LOGIN_EMAIL_RE.search(scan.lower, before, start)
                    if _email_role(name):
                        score = 0.4
                        reason = f"Email address of a team or system mailbox ('{name}@')."
                    elif _OWN_EMAIL_RE.search(scan.lower, before, start):
                        score, reason = 0.4, "Email address the author gives as their own."
                    elif login is not None and login.group("owner") is None:
                        score, reason = 0.4, "Email address given as an account login."
                    else:
                        score, reason = 0.9, "Email address of a named mailbox."
                    out.append(self.match(start, end, score, reason))
            at = nxt
        return out


# Inward code first (digit-led, so fast), then the outward code just behind it.
_POSTCODE_INWARD_RE = re.compile(r"\d[abd-hjlnp-uw-z]{2}(?![a-z0-9_])")
# Not inside a handle, hashtag, URL or HTML entity: "@M94Rx", "#l00py", "t.co/LB274Gh".
_POSTCODE_OUTWARD_RE = re.compile(
    r"(?<![a-z0-9@#/_.&;=\-])(?P<out>[a-pr-uwyz](?:[a-hk-y]\d[a-z\d]?|\d[a-z\d]?)|gir)[ \t]?\Z"
)
# The postcode areas in use (the letters before the first digit): "C0 0NS" is no postcode.
_POSTCODE_AREAS = word_set(
    """ab al b ba bb bd bf bh bl bn br bs bt bx ca cb cf ch cm co cr ct cv cw da dd de dg dh dl
    dn dt dy e ec eh en ex fk fy g gl gu gy ha hd hg hp hr hs hu hx ig im ip iv je ka kt kw ky
    l la ld le ll ln ls lu m me mk ml n ne ng nn np nr nw ol ox pa pe ph pl po pr rg rh rm s sa
    se sg sk sl sm sn so sp sr ss st sw sy ta td tf tn tq tr ts tw ub w wa wc wd wf wn wr ws wv
    yo ze"""
)
_A9A_THIRD = frozenset("abcdefghjkpstuw")
_AA9A_FOURTH = frozenset("abehmnprvwxy")
_ORDINALS = frozenset({"st", "nd", "rd", "th"})


def _postcode_at(lower: str, inward: re.Match[str]) -> int | None:
    """Start of the full postcode whose inward code is ``inward``, or None."""
    o = _POSTCODE_OUTWARD_RE.search(lower, max(0, inward.start() - 5), inward.start())
    if o is None:
        return None
    out = o.group("out")
    if out == "gir":
        return o.start() if inward.group() == "0aa" else None
    if (out[:2] if out[1].isalpha() else out[:1]) not in _POSTCODE_AREAS:
        return None
    if len(out) == 3 and out[1].isdigit() and out[2].isalpha() and out[2] not in _A9A_THIRD:
        return None
    if len(out) == 4 and out[3].isalpha() and out[3] not in _AA9A_FOURTH:
        return None
    return o.start()


def _postcodes(scan: Scan, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Spans of full postcodes inside ``[lo, hi)``."""
    lower = scan.lower
    runs = scan.runs
    # Only the runs ending inside [lo, hi): a long post has thousands, and this is asked per
    # address ("SW1A 1AA": the inward code's digit is always the last digit of its run).
    first = bisect_left(scan.run_ends, lo + 1)
    for _, e in runs[first:bisect_left(scan.run_ends, hi + 1, lo=first)]:
        m = _POSTCODE_INWARD_RE.match(lower, e - 1)
        if m is None or m.end() > hi:
            continue
        start = _postcode_at(lower, m)
        if start is not None and start >= lo:
            yield start, m.end()


def _find_postcode(scan: Scan, lo: int, hi: int) -> bool:
    return next(_postcodes(scan, lo, hi), None) is not None


class PostcodeRecogniser(ScanRecogniser):
    """Full UK postcodes; high only when tied to a street or a home."""

    kind = "postcode"
    label = "Postcode"

    def scan(self, scan: Scan) -> list[Match]:
        """Find full UK postcodes."""
        if scan.digits < 2:
            return []
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        for start, end in _postcodes(scan, 0, len(text)):
            if text[end - 2 : end] in _ORDINALS:
                continue  # lower-case "m1 2nd" is an ordinal, not a postcode
            letters = [c for c in text[start:end] if c.isalpha()]
            if not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
                continue  # "Hu27le", "M94Rx": mixed case is a word or a handle
            lo = max(0, start - 80)
            personal = _PERSONAL_ADDRESS_RE.search(lower, lo, start)
            if _own_address(scan, start, end):
                score = 0.45
                reason = "Full UK postcode of what reads as the author's own address."
            elif personal:
                score = 0.9
                reason = f"Full UK postcode after '{text[personal.start() : personal.end()]}'."
            elif _public_place_before(scan, start):
                score = 0.45
                reason = "Full UK postcode of what reads as an organisation or a public place."
            elif _find_street(scan, lo, start):
                score = 0.85
                reason = "Full UK postcode next to a street address."
            elif ctx := context_word(_POSTCODE_CTX_RE, scan, start, end):
                score = 0.65
                reason = f"Full UK postcode near '{ctx}' (it may be a public place)."
            else:
                score = 0.55
                reason = "Full UK postcode on its own (it may be a public place)."
            out.append(self.match(start, end, score, reason))
        return out


# Suffixes that are almost never anything but a street name.
_STREET_SUFFIXES_PLAIN = (
    "street|st|road|rd|avenue|ave|av|lane|ln|crescent|cres|terrace|terr|tce|mews|gardens|gdns|"
    "grove|gr|wynd|boulevard|blvd|estate"
)
# Suffixes that are also ordinary words ("a quick way", "1 big hill"): only
# accepted when the street name is written in Title Case.
_STREET_SUFFIXES_AMBIG = (
    "close|cl|drive|dr|way|place|pl|court|ct|walk|park|square|sq|hill|row|view|rise|parade|"
    "green|heights|vale|"
    "brae|gate|fields|meadows|bank|loan|croft|wharf|yard|fold|hollow|chase|approach|circus"
)
_AMBIG_SUFFIX_SET = frozenset(_STREET_SUFFIXES_AMBIG.split("|"))
_STREET_RE = re.compile(
    r"\d(?<![\w£$€.,/:\-]\d)\d{0,3}[a-z]?(?:[ \t]?-[ \t]?\d{1,4})?,?[ \t]+"
    r"(?P<name>(?:[a-z][a-z'’\-]*[ \t]+){1,3})"
    rf"(?P<suffix>{_STREET_SUFFIXES_PLAIN}|{_STREET_SUFFIXES_AMBIG})\.?(?![\w'’])"
)
_FLAT_RE = re.compile(r"(?<![a-z])(?:flat|apartment|apt|unit)\.?\s*\d{1,4}[a-z]?,?\s+\Z")
# Welsh street names put the street word first: "22 Heol y Felin", "5 Ffordd Las".
_WELSH_STREET_RE = re.compile(
    r"\d(?<![\w£$€.,/:\-]\d)\d{0,3}[a-z]?,?\s+"
    r"(?P<suffix>heol|ffordd|stryd|lon|lôn|rhodfa|cilgant|teras)\s+"
    r"(?:(?:y|yr|'r)\s+)?[a-zâ-ŷ][\w'’\-]+"
)
_WELSH_HINTS = ("heol", "ffordd", "stryd", "lon ", "lôn", "rhodfa", "cilgant", "teras")
# "lives on Mill Lane", "lives alone on Hill Street", "her flat on Moor Lane".
# "lives on her own on Ashgrove Terrace", "lives up Wrose Rd", "she's on Moor Lane now":
# up to four short words may sit between the verb and the street's preposition.
_LIVES_ON_RE = re.compile(
    r"(?:(?:lives?|living|resides?|stays?|staying|moved)(?:\s+[a-z'’]{1,12}){0,4}?"
    r"|(?:his|her|their)\s+(?:flat|house|home|place|gaff)(?:\s+(?:is|was))?"
    r"|(?:s?he|they)(?:['’]?s|['’]re|\s+is|\s+are)(?:\s+(?:now|still|just|living))?)"
    r"\s+(?:at|on|in|down|up|to|round|into|off|along|by|near)\s+"
    r"(?:the\s+)?"
    # No preposition inside the name: "lives in the hostel on Gorton Lane" names Gorton Lane.
    r"(?P<street>(?:(?!(?:at|on|in|down|up|to|round|into|off|along|by|near|the)\s)"
    r"[a-z][a-z'’\-]*\s+){1,3}?"
    rf"(?:{_STREET_SUFFIXES_PLAIN}|{_STREET_SUFFIXES_AMBIG}))\b"
)
_LIVES_WORDS = (
    *("live", "living", "reside", "stay", "moved", "his", "her", "their"),
    *("she's", "she’s", "shes ", "he's", "he’s", "hes ", "she is", "he is", "they're", "they’re"),
)
# Cheap pre-check: every form above needs one of these ("his flat", "lives on").
_LIVES_HINTS = (
    "live",
    "living",
    "resid",
    "stay",
    "moved",
    "flat",
    "house",
    "home",
    "place",
    "gaff",
    "s on ",
    "s in ",
    "e on ",
    "re on",
    "s down",
    "s up ",
)
# Words that cannot be part of a street name: "5 mins down the road".
_NOT_STREET_WORDS = word_set(
    """the a an and or of to in on at for from by with down up my our your his her their this
    that these those is are was were be been min mins minute minutes hour hours hr hrs day days
    week weeks month months year years mile miles km metres meters yards people person times
    time staff of more less other same whole quick easy long short big small little few many
    much very one two three four five six seven eight nine ten just also out off over back
    it its i we you he she they me us them who what which there here then than so if as way
    lane road street but not got get has have had will would can could should just followers
    likes views fast slow"""
)


def _street_ok(text: str, name_start: int, name_end: int, suffix_start: int) -> bool:
    """Filter a street candidate using the original-case text."""
    words = text[name_start:name_end].split()
    if any(w.lower().strip("'’") in _NOT_STREET_WORDS for w in words):
        return False
    suffix = _WORD_AT_RE.match(text, suffix_start)
    if suffix is not None and suffix.group().lower() in _AMBIG_SUFFIX_SET:
        return suffix.group()[0].isupper() and all(w[0].isupper() for w in words)
    return True


_WORD_AT_RE = re.compile(r"[A-Za-z]+")


def _streets(scan: Scan, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of numbered street addresses inside ``[lo, hi)``."""
    text, lower = scan.text, scan.lower
    spans: list[tuple[int, int]] = []
    for s, e in scan.runs:
        if e - s > 4 or not lo <= s < hi:
            continue
        # Cheap look at what follows the number: "14 Acacia", "12a High", "3-5 Mill".
        c1, c2 = lower[e : e + 1], lower[e + 1 : e + 2]
        if not (c1.isalpha() or c1 == "-" or (c1 in " ,\t\n" and not c2.isdigit())):
            continue
        m = _STREET_RE.match(lower, s)
        if m is None or m.end() > hi:
            continue
        if _street_ok(text, m.start("name"), m.end("name"), m.start("suffix")):
            start = m.start()
            flat = _FLAT_RE.search(lower, max(0, start - 16), start)
            spans.append((flat.start() if flat else start, m.end()))
    if scan.has_any(_WELSH_HINTS):
        spans.extend(m.span() for m in _WELSH_STREET_RE.finditer(lower, lo, hi))
    return spans


def _find_street(scan: Scan, lo: int, hi: int) -> bool:
    return bool(scan.digits) and bool(_streets(scan, lo, hi))


class StreetAddressRecogniser(ScanRecogniser):
    """House number + street name + street suffix, and "lives on <Street>"."""

    kind = "street-address"
    label = "Street address"

    def scan(self, scan: Scan) -> list[Match]:
        """Find street addresses."""
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        if scan.digits:
            for start, end in _streets(scan, 0, len(text)):
                if " ".join(lower[start:end].split()) in _FAMOUS_ADDRESSES:
                    continue  # "221B Baker Street": a story's, not a person's
                personal = _PERSONAL_ADDRESS_RE.search(lower, max(0, start - 40), start)
                if _own_address(scan, start, end):
                    score = 0.45
                    reason = "House number and street name of what reads as the author's home."
                elif personal:
                    score = 0.9
                    said = text[personal.start() : personal.end()]
                    reason = f"House number and street name after '{said}'."
                elif _public_place_before(scan, start):
                    score = 0.45
                    reason = "House number and street name of an organisation or a public place."
                elif scan.digits > 2 and _find_postcode(scan, end, min(len(text), end + 60)):
                    score = 0.85
                    reason = "House number and street name followed by a postcode."
                else:
                    score = 0.6
                    reason = "House number and street name (it may be a public place)."
                out.append(self.match(start, end, score, reason))
        if scan.has_any(_LIVES_HINTS):
            for i in scan.keyword_hits(_LIVES_WORDS):
                m = _LIVES_ON_RE.match(lower, i)
                if m is None:
                    continue
                street = m.group("street")
                suffix_start = m.start("street") + street.rstrip().rfind(" ") + 1
                if not _street_ok(text, m.start("street"), suffix_start, suffix_start):
                    continue
                # Without a house number, only a capitalised name is clearly a street
                # ("lives on Mill Lane", not "live in the fast lane") - unless the
                # writer uses no capitals at all.
                if text != lower and not text[m.start("street")].isupper():
                    continue
                out.append(
                    self.match(
                        m.start("street"),
                        m.end("street"),
                        0.85,
                        "A street named as where someone lives.",
                    )
                )
        return out


_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_NUM = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Split by first character so each regex can skip quickly to candidates; the
# character before a date is checked in code rather than by a leading lookbehind.
_DATE_NUM_RE = re.compile(
    r"(?:"
    r"(?P<d1>\d{1,2})(?P<s1>[/.\-])(?P<m1>\d{1,2})(?P=s1)(?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m3>{_MONTHS})\.?,?\s+"
    r"(?P<y3>\d{4}|'\d{2})"
    r")(?![\w/]|[.\-]\d)"
)
_DATE_MONTH_RE = re.compile(
    rf"(?P<m4>{_MONTHS})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})(?![\w/]|[.\-]\d)"
)
_DOB_HINTS = ("dob", "d.o.b", "d/o/b", "birth", "born")
# The author's own birthday: "It's my 40th today!! Born 3 May 1985". Only when nobody else is
# named ("Happy 40th to my bestie Kirsty Lowe! Born ..." is hers).
_OWN_BIRTH_RE = re.compile(
    r"\b(?:my\s+\d{1,3}(?:st|nd|rd|th)\b|my\s+(?:birthday|bday|b-day)\b|i\s+was\s+born\b"
    r"|i['’]?m\s+\d{1,3}\b|i\s+turn(?:ed|s)?\s+\d)"
)
_DOB_HINT_WORDS = ("dob", "d.o.b", "d/o/b", "date of birth", "date-of-birth", "birth", "born")
_NOT_BEFORE_DATE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_/.-")


def _date_parts(m: re.Match[str]) -> tuple[int, int, int | None]:
    """(day, month, four-digit year or None for a two-digit year) of a date match."""
    g = {k[0]: v for k, v in m.groupdict().items() if v is not None and k[0] in "dmy"}
    month_txt, year_txt = g["m"], g["y"].lstrip("'")
    month = int(month_txt) if month_txt.isdigit() else _MONTH_NUM[month_txt[:3]]
    return int(g["d"]), month, int(year_txt) if len(year_txt) == 4 else None


class DateOfBirthRecogniser(ScanRecogniser):
    """Dates with a date-of-birth context word; a bare date is never reported."""

    kind = "date-of-birth"
    label = "Date of birth"

    def scan(self, scan: Scan) -> list[Match]:
        """Find dates of birth."""
        if scan.digits < 2 or not scan.has_any(_DOB_HINTS):
            return []
        lower = scan.lower
        out: list[Match] = []
        seen: set[int] = set()
        # Only look for dates in the windows around a date-of-birth word.
        for c in scan.keyword_hits(_DOB_HINT_WORDS):
            lo, hi = max(0, c - 50), min(len(lower), c + 70)
            # Numeric dates start at a digit run: try only those, not every position.
            dates = [
                m
                for s, _ in scan.runs
                if lo <= s < hi and (m := _DATE_NUM_RE.match(lower, s, hi)) is not None
            ]
            dates.extend(_DATE_MONTH_RE.finditer(lower, lo, hi))
            for m in dates:
                if m.start() in seen or (m.start() and lower[m.start() - 1] in _NOT_BEFORE_DATE):
                    continue
                day, month, year = _date_parts(m)
                if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
                    continue
                if year is not None and not 1900 <= year <= 2035:
                    continue
                # "date of birth for the surprise party booking: 28/08/1979": a label may
                # stand a little further off than other context words.
                ctx = context_word(_DOB_CTX_RE, scan, m.start(), m.end(), before=60)
                if not ctx:
                    continue
                seen.add(m.start())
                if _OWN_BIRTH_RE.search(lower, max(0, m.start() - 80), m.start()) and not (
                    _names_someone(scan.text)
                ):
                    reason = "A date of birth that reads as the author's own."
                    out.append(self.match(m.start(), m.end(), 0.45, reason))
                    continue
                score = 0.8 if ctx.lower() == "birthday" else 0.9
                out.append(self.match(m.start(), m.end(), score, f"A date near '{ctx}'."))
        return out
