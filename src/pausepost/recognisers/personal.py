"""Recognisers for other people's personal data (rule "disclosure.personal-data").

Each recogniser pairs a format regex with real validation (checksums, issuing
rules) and context words looked for in a window around the match: about 40
characters before and 20 after. Context raises a score, and for weak formats
(a bare 8-digit number, a date) it is what makes the match count at all.

Scores, roughly: 0.9+ "this is almost certainly X", 0.7-0.85 "format is right,
no context", 0.5-0.65 "plausible, e.g. a context word rescued a failed check".

Speed: numeric regexes start with a digit and keyword regexes run on the
lower-cased text at offsets found with ``str.find``; a leading ``\\b`` or
lookbehind would make the regex engine try every position of the post.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from itertools import islice

from pausepost.recognisers.base import (
    Match,
    Scan,
    ScanRecogniser,
    context_word,
    keywords,
    phrases,
    resolve_overlaps,
    trim_span,
    word_set,
    words_pattern,
)

__all__ = [
    "RECOGNISERS",
    "find_all",
    "iban_valid",
    "is_valid_driving_licence",
    "is_valid_nhs_number",
    "is_valid_nino",
    "luhn_valid",
    "nhs_check_digit",
    "nino_prefix_ok",
]

# --------------------------------------------------------------------------
# Context words (matched on word boundaries in the lower-cased text).
# --------------------------------------------------------------------------

NINO_CONTEXT = phrases(
    "ni number|ni no|ni num|nino|n.i.|n.i|ni|national insurance|nat ins|insurance number|"
    "nat. ins.|ni#"
)
NHS_CONTEXT = phrases(
    "nhs number|nhs no|nhs num|nhs|chi number|chi no|health and care number|h&c number"
)
PHONE_CONTEXT = phrases(
    "phone|phone number|tel|tel.|telephone|mobile|mob|mob.|number|no.|call|ring|text|txt|"
    "whatsapp|contact|landline|cell|digits|fone"
)
POSTCODE_CONTEXT = ("postcode", "post code", "post-code")
DOB_CONTEXT = phrases(
    "dob|d.o.b|d.o.b.|d/o/b|date of birth|date-of-birth|born on|born|birth date|birthdate|birthday"
)
BANK_CONTEXT = phrases(
    "sort code|sortcode|sort|s/c|account|account number|account no|acc|acc no|acct|a/c|"
    "bank|bank details|banking|pay into|transfer|iban"
)
SORT_CODE_CONTEXT = ("sort code", "sortcode", "sort", "s/c")
CARD_CONTEXT = phrases(
    "card|card number|long number|visa|mastercard|amex|debit|credit|expiry|cvv|cvc"
)
PASSPORT_CONTEXT = ("passport", "passport no", "passport number", "passport num")
LICENCE_CONTEXT = phrases(
    "driving licence|driving license|licence|license|licence number|driver number|dl|dvla|"
    "provisional"
)

# Personal phrasing: "her number", "ring me on". Turns a public-looking number
# (0800, 0300) into something personal and lifts landlines to high.
_PERSONAL_PHONE_RE = re.compile(
    r"\b(?:(?:his|her|their|my|your|mum'?s|dad'?s|nan'?s|wife'?s|husband'?s|son'?s|"
    r"daughter'?s|partner'?s|[a-z]+['’]s)\s+(?:personal\s+|new\s+|work\s+|own\s+)?"
    r"(?:mobile|mob|number|phone|no\.?|digits|landline|cell|whatsapp)"
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

_NINO_CTX_RE = words_pattern(NINO_CONTEXT)
_NHS_CTX_RE = words_pattern(NHS_CONTEXT)
_PHONE_CTX_RE = words_pattern(PHONE_CONTEXT)
# Words that make a bare 10-digit number a phone number rather than an NHS number
# ("number" alone does not: "Mum's NHS number ... 543 231 9489").
_CALL_CTX_RE = words_pattern(
    phrases("phone|tel|tel.|telephone|mobile|mob|call|ring|text|txt|whatsapp|landline|cell")
)
_POSTCODE_CTX_RE = words_pattern(POSTCODE_CONTEXT)
_DOB_CTX_RE = words_pattern(DOB_CONTEXT)
_BANK_CTX_RE = words_pattern(BANK_CONTEXT)
_SORT_CTX_RE = words_pattern(SORT_CODE_CONTEXT)
_CARD_CTX_RE = words_pattern(CARD_CONTEXT)
_PASSPORT_CTX_RE = words_pattern(PASSPORT_CONTEXT)
_LICENCE_CTX_RE = words_pattern(LICENCE_CONTEXT)

# --------------------------------------------------------------------------
# Validators
# --------------------------------------------------------------------------

_NINO_BAD_LETTERS = frozenset("DFIQUV")
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NINO_FULL_RE = re.compile(r"[A-Z]{2}\d{6}[A-D]")
_SEPARATORS_RE = re.compile(r"[\s\-]")


def nino_prefix_ok(prefix: str) -> bool:
    """True when ``prefix`` (two letters) is one HMRC can issue."""
    p = prefix.upper()
    return (
        len(p) == 2
        and p.isalpha()
        and p[0] not in _NINO_BAD_LETTERS
        and p[1] not in _NINO_BAD_LETTERS
        and p[1] != "O"
        and p not in _NINO_BAD_PREFIXES
    )


def is_valid_nino(value: str) -> bool:
    """True for a complete, issuable National Insurance number ("AB 12 34 56 C")."""
    v = _SEPARATORS_RE.sub("", value).upper()
    return bool(_NINO_FULL_RE.fullmatch(v)) and nino_prefix_ok(v[:2])


def nhs_check_digit(nine_digits: str) -> int | None:
    """Mod-11 check digit for the first nine digits of an NHS number.

    Returns None when the remainder makes the check 10: no number is issued
    with that stem. Raises ValueError unless given exactly nine digits.
    """
    if len(nine_digits) != 9 or not nine_digits.isdigit():
        raise ValueError(f"expected nine digits, got {nine_digits!r}")
    total = sum(int(d) * w for d, w in zip(nine_digits, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs_number(value: str) -> bool:
    """True when ``value`` is 10 digits (spaces/dashes allowed) with a valid mod-11 check."""
    digits = _SEPARATORS_RE.sub("", value)
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def luhn_valid(number: str) -> bool:
    """Luhn (mod-10) check used by payment cards; spaces and dashes are ignored."""
    digits = _SEPARATORS_RE.sub("", number)
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_valid(value: str) -> bool:
    """ISO 13616 mod-97 check; a GB IBAN must also be 22 characters long."""
    v = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", v):
        return False
    if v.startswith("GB") and len(v) != 22:
        return False
    rearranged = v[4:] + v[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


_DL_SHAPE_RE = re.compile(
    r"([A-Z][A-Z]{0,4}9{0,4})(\d)(\d{2})(\d{2})(\d)([A-Z][A-Z9])(\d)([A-Z]{2})?"
)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_valid_driving_licence(value: str, *, check_letters: bool = True) -> bool:
    """True for a well-formed 16-character GB driving licence number.

    Checks the layout (surname padded with 9s, decade, month with +50 for women,
    day, year digit, initials, check digit, two letters) and the date ranges.
    The DVLA does not publish how the check digit is computed, so it is not verified.
    With ``check_letters=False`` the two final letters may be missing (14 characters),
    as when only the part people read off the card is copied.
    """
    v = re.sub(r"\s", "", value).upper()
    m = _DL_SHAPE_RE.fullmatch(v)
    if m is None or len(m.group(1)) != 5 or (check_letters and m.group(8) is None):
        return False
    month = int(m.group(3))
    if month > 50:
        month -= 50
    if not 1 <= month <= 12:
        return False
    day = int(m.group(4))
    return 1 <= day <= _DAYS_IN_MONTH[month - 1]


# --------------------------------------------------------------------------
# Recognisers
# --------------------------------------------------------------------------


def _at_runs(
    scan: Scan, rx: re.Pattern[str], lengths: Container[int], *, lower: bool = False
) -> Iterator[re.Match[str]]:
    """Anchored matches of ``rx`` at the starts of digit runs whose length is in ``lengths``.

    Trying a regex only where a number of the right length starts is several
    times faster than letting each recogniser scan the whole post.
    """
    text = scan.lower if lower else scan.text
    for s, e in scan.runs:
        if e - s in lengths:
            m = rx.match(text, s)
            if m is not None:
                yield m


# Two-letter English words that look like an NI prefix when lower-case ("on 12 34 56").
_TWO_LETTER_WORDS = word_set(
    "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ye"
)
# Digit-first so the engine only tries digits; the prefix is checked behind it.
_NINO_DIGITS_RE = re.compile(
    r"\d(?<![0-9]\d)\d[ \-]?\d{2}[ \-]?\d{2}"
    r"(?:(?P<sep2>[ \-]?)(?P<suffix>[A-Da-d]))?(?![A-Za-z0-9])"
)
_NINO_PREFIX_RE = re.compile(r"(?<![A-Za-z0-9])(?P<prefix>[A-Za-z]{2})(?P<sep1>[ \-]?)\Z")


class NinoRecogniser(ScanRecogniser):
    """National Insurance numbers: format + HMRC prefix rules + context."""

    kind = "nino"
    label = "National Insurance number"

    def scan(self, scan: Scan) -> list[Match]:
        """Find NI numbers."""
        if scan.digits < 6:
            return []
        text = scan.text
        out: list[Match] = []
        for m in _at_runs(scan, _NINO_DIGITS_RE, (2, 6)):
            p = _NINO_PREFIX_RE.search(text, max(0, m.start() - 3), m.start())
            if p is None:
                continue
            raw_prefix = p.group("prefix")
            prefix = raw_prefix.upper()
            suffix = m.group("suffix")
            start, end = p.start(), m.end()
            # "AB 12 34 56 a" - a spaced suffix whose case differs is just the next word.
            if suffix and m.group("sep2") == " " and suffix.islower() != raw_prefix.islower():
                suffix = None
                end = m.start("sep2")
            ctx = context_word(_NINO_CTX_RE, scan, start, end)
            word_like = not raw_prefix.isupper() and prefix.lower() in _TWO_LETTER_WORDS
            if word_like and p.group("sep1") and not ctx:
                continue  # "on 12 34 56" is a word and a number, not an NI number
            valid = nino_prefix_ok(prefix)
            if valid and suffix:
                if ctx:
                    score, why = 0.95, f"near '{ctx}'"
                else:
                    score, why = 0.85, "with no context word"
                reason = f"National Insurance number format with a valid prefix and suffix, {why}."
            elif valid and ctx:
                score = 0.7
                reason = (
                    f"National Insurance number format without its suffix letter, near '{ctx}'."
                )
            elif suffix and ctx:
                if prefix == "QQ":
                    score = 0.55
                    reason = (
                        f"HMRC's specimen National Insurance number (prefix QQ) near '{ctx}'; "
                        "it still reads as someone's NI number."
                    )
                else:
                    score = 0.6
                    reason = (
                        f"National Insurance number format near '{ctx}', although the prefix "
                        f"{prefix} is never issued."
                    )
            else:
                continue
            out.append(self.match(start, end, score, reason))
        return out


_NHS_RE = re.compile(r"\d(?<![\d+\-]\d)\d{2}(?P<sep>[ \-]?)\d{3}(?P=sep)\d{4}(?!\d)")


class NhsNumberRecogniser(ScanRecogniser):
    """NHS numbers: 10 digits with a mod-11 check digit."""

    kind = "nhs-number"
    label = "NHS number"

    def scan(self, scan: Scan) -> list[Match]:
        """Find NHS numbers."""
        if scan.digits < 10:
            return []
        text = scan.text
        out: list[Match] = []
        for m in _at_runs(scan, _NHS_RE, (3, 10)):
            start, end = m.span()
            before = text[max(0, start - 6) : start].rstrip()
            if before.endswith(("+44", "(0)", "0044")):
                continue  # the tail of an international phone number
            digits = m.group().replace(" ", "").replace("-", "")
            ctx = context_word(_NHS_CTX_RE, scan, start, end)
            # Without an NHS word, a number that reads as a phone number is one: England
            # never issues NHS numbers starting 0, "call 855-269-4484" is a US phone,
            # and dashes in 3-3-4 are how North American numbers are written.
            if not ctx and (
                digits[0] == "0"
                or m.group("sep") == "-"
                or context_word(_CALL_CTX_RE, scan, start, end)
            ):
                continue
            if digits[0] == "0" and context_word(_PHONE_CTX_RE, scan, start, end):
                continue
            valid = nhs_check_digit(digits[:9]) == int(digits[9])
            if valid and ctx:
                score = 0.95
                reason = f"10-digit number with a valid NHS mod-11 check digit, near '{ctx}'."
            elif valid:
                score = 0.85 if m.group("sep") else 0.75
                reason = "10-digit number with a valid NHS mod-11 check digit."
            elif ctx:
                score = 0.55
                reason = (
                    f"10-digit number near '{ctx}', although its NHS check digit does not match."
                )
            else:
                continue
            out.append(self.match(start, end, score, reason))
        return out


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


class EmailRecogniser(ScanRecogniser):
    """Email addresses; team and no-reply mailboxes score low."""

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
                    if name in ROLE_EMAIL_LOCALS:
                        out.append(
                            self.match(
                                start,
                                end,
                                0.4,
                                f"Email address of a team or system mailbox ('{name}@').",
                            )
                        )
                    else:
                        out.append(self.match(start, end, 0.9, "Email address of a named mailbox."))
            at = nxt
        return out


# Inward code first (digit-led, so fast), then the outward code just behind it.
_POSTCODE_INWARD_RE = re.compile(r"\d[abd-hjlnp-uw-z]{2}(?![a-z0-9_])")
# Not inside a handle, hashtag, URL or HTML entity: "@M94Rx", "#l00py", "t.co/LB274Gh".
_POSTCODE_OUTWARD_RE = re.compile(
    r"(?<![a-z0-9@#/_.&;=\-])(?P<out>[a-pr-uwyz](?:[a-hk-y]\d[a-z\d]?|\d[a-z\d]?)|gir)[ \t]?\Z"
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
    if len(out) == 3 and out[1].isdigit() and out[2].isalpha() and out[2] not in _A9A_THIRD:
        return None
    if len(out) == 4 and out[3].isalpha() and out[3] not in _AA9A_FOURTH:
        return None
    return o.start()


def _postcodes(scan: Scan, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Spans of full postcodes inside ``[lo, hi)``."""
    lower = scan.lower
    for _, e in scan.runs:
        # The inward code's digit is always the last digit of its run ("SW1A 1AA", "M11AE").
        if not lo <= e - 1 < hi:
            continue
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
            if personal:
                score = 0.9
                reason = f"Full UK postcode after '{text[personal.start() : personal.end()]}'."
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
                personal = _PERSONAL_ADDRESS_RE.search(lower, max(0, start - 40), start)
                if personal:
                    score = 0.9
                    said = text[personal.start() : personal.end()]
                    reason = f"House number and street name after '{said}'."
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
                score = 0.8 if ctx.lower() == "birthday" else 0.9
                out.append(self.match(m.start(), m.end(), score, f"A date near '{ctx}'."))
        return out


_SORT_CODE_RE = re.compile(r"\d(?<![\d\-/.]\d)\d(?P<sep>[\- ])\d{2}(?P=sep)\d{2}(?![\d/]|[\-.]\d)")
_SORT_CODE_PLAIN_RE = re.compile(r"\d(?<![\d\-/.]\d)\d{5}(?![\d/]|[\-.]\d)")
# What may sit between a bare sort code and its account number: "424874 / 49907904".
_PAIR_GAP_RE = re.compile(r"[\s,;:/|&\-]*(?:and|acc|a/c)?[\s,;:/|&\-.]*")
# Labels that make a six-digit number something else: "order 123456 and 12345678".
_OTHER_NUMBER_RE = words_pattern(
    phrases(
        "order|ref|reference|invoice|tracking|ticket|case|claim|booking|id|policy|member|"
        "membership|score|scores|tel|phone|mobile|serial|staff|payroll|employee"
    )
)
_ACCOUNT_RE = re.compile(r"\d(?<![\d\-/.]\d)\d{7}(?![\d/]|[\-.]\d)")
_IBAN_RE = re.compile(r"gb(?<![a-z0-9]gb)\d{2}[ ]?[a-z]{4}(?:[ ]?\d{4}){3}[ ]?\d{2}(?![a-z0-9])")
_CARD_RUN_LENGTHS = frozenset({4, *range(13, 20)})
_CARD_RE = re.compile(
    r"\d(?<![\w/=.\-]\d)(?:\d{12,18}|\d{3}(?P<s1>[ \-])\d{4}(?P=s1)\d{4}(?P=s1)\d{1,7}"
    r"|\d{3}(?P<s2>[ \-])\d{6}(?P=s2)\d{4,5})(?![\w]|[\-.]\d)"
)


class BankDetailsRecogniser(ScanRecogniser):
    """Sort codes, account numbers, GB IBANs and payment card numbers."""

    kind = "bank-details"
    label = "Bank details"

    def scan(self, scan: Scan) -> list[Match]:
        """Find bank details."""
        if scan.digits < 6:
            return []
        out: list[Match] = []
        used: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in used)

        if "gb" in scan.lower:
            for m in _IBAN_RE.finditer(scan.lower):
                if iban_valid(m.group()):
                    used.append(m.span())
                    out.append(self.match(*m.span(), 0.95, "GB IBAN with a valid mod-97 check."))
        if scan.digits >= 13:
            for m in _at_runs(scan, _CARD_RE, _CARD_RUN_LENGTHS):
                digits = _SEPARATORS_RE.sub("", m.group())
                if digits[0] not in "23456" or not free(*m.span()):
                    continue
                grouped = len(m.group()) > len(digits)
                ctx = context_word(_CARD_CTX_RE, scan, m.start(), m.end())
                if not luhn_valid(digits):
                    # Mistyped or made up, but written like a card beside a card word:
                    # it still reads as someone's card number.
                    if not (ctx and grouped and len(digits) == 16):
                        continue
                    score, what = 0.6, f"near '{ctx}', although it fails the Luhn check"
                elif ctx:
                    score, what = 0.95, f"passing the Luhn check, near '{ctx}'"
                else:
                    score, what = (0.85 if grouped else 0.7), "passing the Luhn check"
                used.append(m.span())
                out.append(self.match(*m.span(), score, f"{len(digits)}-digit card number {what}."))
        accounts = [m for m in _at_runs(scan, _ACCOUNT_RE, (8,)) if free(*m.span())]
        for m in _at_runs(scan, _SORT_CODE_RE, (2,)):
            start, end = m.span()
            if not free(start, end):
                continue
            acct = next(
                (a for a in accounts if 0 <= a.start() - end <= 30 or 0 <= start - a.end() <= 30),
                None,
            )
            if acct is not None:
                s, e = min(start, acct.start()), max(end, acct.end())
                used.append((s, e))
                out.append(
                    self.match(s, e, 0.95, "Sort code together with an 8-digit account number.")
                )
                continue
            ctx = context_word(_BANK_CTX_RE, scan, start, end)
            if ctx:
                used.append((start, end))
                out.append(self.match(start, end, 0.85, f"Sort code format near '{ctx}'."))
        said_sort = scan.has_any(("sort", "s/c"))
        for m in _at_runs(scan, _SORT_CODE_PLAIN_RE, (6,)):
            if not free(*m.span()):
                continue
            if said_sort and (ctx := context_word(_SORT_CTX_RE, scan, *m.span())):
                used.append(m.span())
                out.append(self.match(*m.span(), 0.8, f"Six-digit sort code near '{ctx}'."))
            elif pair := self._bare_pair(scan, m, accounts):
                used.append((pair.start, pair.end))
                out.append(pair)
        for m in accounts:
            if not free(*m.span()):
                continue
            ctx = context_word(_BANK_CTX_RE, scan, m.start(), m.end())
            if ctx:
                used.append(m.span())
                out.append(self.match(*m.span(), 0.8, f"8-digit account number near '{ctx}'."))
        return out

    def _bare_pair(
        self, scan: Scan, six: re.Match[str], accounts: list[re.Match[str]]
    ) -> Match | None:
        """ "her bank details are 424874 and 49907904": six digits, then eight, no "sort code".

        Either a bank word is near, or nothing but "and" or punctuation sits between the
        two numbers: the pair is how bank details are written, whatever the words.
        """
        acct = next((a for a in accounts if 0 <= a.start() - six.end() <= 30), None)
        if acct is None:
            return None
        ctx = context_word(_BANK_CTX_RE, scan, six.start(), acct.end(), before=60)
        if ctx:
            score, why = 0.85, f", near '{ctx}'"
        elif _PAIR_GAP_RE.fullmatch(scan.lower, six.end(), acct.start()) and not (
            _OTHER_NUMBER_RE.search(scan.lower, max(0, six.start() - 25), six.start())
        ):
            score, why = 0.7, ""
        else:
            return None
        return self.match(
            six.start(), acct.end(), score, f"Six digits then an 8-digit account number{why}."
        )


_PASSPORT_RE = re.compile(r"\d(?<![\w\-/.]\d)\d{8}(?![\w/]|[\-.]\d)")
# The other shape in use: two letters and seven digits ("RM9332939"), both letters one case.
_PASSPORT_SEVEN_RE = re.compile(r"\d{7}(?![\w/]|[\-.]\d)")
_PASSPORT_LETTERS_RE = re.compile(r"(?<![A-Za-z0-9\-/.])(?:[A-Z]{2}|[a-z]{2})\Z")
# "..., number 533380006", "passport number of the lad ...: 123456789": a number word
# or a colon just before the digits lets "passport" count from anywhere in the sentence.
_NUMBER_WORD_RE = re.compile(r"(?:(?:number|num|no\.?|#)\s*(?:is|was|:|-)?|:)\s*\Z")


class PassportRecogniser(ScanRecogniser):
    """Passport numbers (nine digits, or two letters and seven), only with a passport word."""

    kind = "passport"
    label = "Passport number"

    def scan(self, scan: Scan) -> list[Match]:
        """Find passport numbers."""
        if scan.digits < 7 or "passport" not in scan.lower:
            return []
        out: list[Match] = []
        for start, end in self._candidates(scan):
            nine = scan.text[start].isdigit()
            what = "Nine-digit" if nine else "Two-letter, seven-digit"
            ctx = context_word(_PASSPORT_CTX_RE, scan, start, end)
            if ctx and (nine or " " in ctx):
                # Letters and digits are also how order and appointment references look:
                # that shape needs "passport number" or a number word, not "passport" alone.
                out.append(self.match(start, end, 0.85, f"{what} number near '{ctx}'."))
            elif said := _NUMBER_WORD_RE.search(scan.lower, max(0, start - 12), start):
                # The number word's sentence: "no." would otherwise end it.
                s_start, _ = _sentence_bounds(scan.text, said.start())
                _, s_end = _sentence_bounds(scan.text, start)
                if _PASSPORT_CTX_RE.search(scan.lower, s_start, s_end):
                    reason = f"{what} number given as a number in a sentence about a passport."
                    out.append(self.match(start, end, 0.8, reason))
        return out

    @staticmethod
    def _candidates(scan: Scan) -> Iterator[tuple[int, int]]:
        """Spans of nine-digit numbers and of two letters followed by seven digits."""
        for m in _at_runs(scan, _PASSPORT_RE, (9,)):
            yield m.span()
        for m in _at_runs(scan, _PASSPORT_SEVEN_RE, (7,)):
            s = m.start()
            if _PASSPORT_LETTERS_RE.search(scan.text, max(0, s - 3), s):
                yield s - 2, m.end()


# Digits first (fast), then the five surname characters checked behind them. The two
# check letters may be missing; such a number counts only beside a licence word.
_DL_BODY_RE = re.compile(
    r"\d{6}\s?[A-Za-z][A-Za-z9]\d(?P<check>[A-Za-z]{2})?"
    r"(?=\s?\d{2}(?![A-Za-z0-9])|(?![A-Za-z0-9]))"
)
_DL_SURNAME_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z9]{4}\s?\Z")
# A surname under five letters is padded with 9s that run into the digits ("KHAN9559284...").
_DL_RUN_LENGTHS = range(6, 11)


class DrivingLicenceRecogniser(ScanRecogniser):
    """GB driving licence numbers, with the encoded date of birth validated."""

    kind = "driving-licence"
    label = "Driving licence number"

    def scan(self, scan: Scan) -> list[Match]:
        """Find driving licence numbers."""
        if scan.digits < 7:
            return []
        text = scan.text
        out: list[Match] = []
        for m in self._bodies(scan):
            sur = _DL_SURNAME_RE.search(text, max(0, m.start() - 6), m.start())
            if sur is None:
                continue
            start, end = sur.start(), m.end()
            value = text[start:end]
            whole = m.group("check") is not None
            if not is_valid_driving_licence(value, check_letters=whole):
                continue
            ctx = context_word(_LICENCE_CTX_RE, scan, start, end)
            if ctx:
                score, why = (0.95 if whole else 0.8), f", near '{ctx}'"
            elif whole:
                score, why = (0.8 if value.isupper() else 0.7), ""
            else:
                continue  # 14 characters with no licence word: too loose on its own
            out.append(
                self.match(
                    start,
                    end,
                    score,
                    f"Driving licence number layout with a valid encoded birth date{why}.",
                )
            )
        return out

    @staticmethod
    def _bodies(scan: Scan) -> Iterator[re.Match[str]]:
        """Licence bodies (the six date digits on), after any 9s that pad the surname."""
        text = scan.text
        for s, e in scan.runs:
            if e - s not in _DL_RUN_LENGTHS:
                continue
            body = e - 6
            if text.count("9", s, body) != body - s:
                continue  # digits before the date part can only be surname padding
            m = _DL_BODY_RE.match(text, body)
            if m is not None:
                yield m


# ---- claimant / customer details ----------------------------------------

# The story recognisers look at each hit's whole sentence; a post with more hits than this
# is pathological (a pasted list), and the first ones already say what there is to say.
_MAX_STORY_HITS = 32

_ROLE_WORDS = ("claimant", "customer", "client", "service user", "applicant")
_ROLE = r"(?i:claimant|customer|client|service\s+user|applicant)"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?"
_NAME_WORD = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
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
_STREET_WORD = (
    r"(?i:street|st|road|rd|lane|avenue|close|drive|way|court|crescent|terrace|grove|gardens"
    r"|park|estate|place|square|green|walk|view|rise|row|hill)"
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


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around ``pos`` (bounded to 240 characters)."""
    lo = max(0, pos - 240)
    start = lo
    for b in _SENTENCE_END_RE.finditer(text, lo, pos):
        start = b.end()
    nxt = _SENTENCE_END_RE.search(text, pos, min(len(text), pos + 240))
    end = nxt.start() if nxt else min(len(text), pos + 240)
    return start, end


def _home_before(text: str, pos: int, others: list[Match]) -> Match | None:
    """The street address or postcode before ``pos`` in its sentence (within 100 characters)."""
    s_start, _ = _sentence_bounds(text, pos)
    lo = max(s_start, pos - 100)
    return next(
        (o for o in others if o.kind in _HOME_KINDS and lo <= o.start and o.end <= pos), None
    )


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
_CLAIMANT = ClaimantDetailsRecogniser()
_STORY_RECOGNISERS: tuple[ScanRecogniser, ...] = (
    HealthDetailsRecogniser(),
    PrivateLifeRecogniser(),
    PersonDetailsRecogniser(),
    ChildDetailsRecogniser(),
    SocialProfilesRecogniser(),
)

RECOGNISERS: tuple[ScanRecogniser, ...] = (
    *_PARTICULAR_RECOGNISERS,
    _CLAIMANT,
    *_STORY_RECOGNISERS,
)


def find_all(text: str) -> list[Match]:
    """Run every personal-data recogniser; non-overlapping matches sorted by start."""
    scan = Scan(text)
    found = [m for r in _PARTICULAR_RECOGNISERS for m in r.scan(scan)]
    found.extend(_CLAIMANT.scan_with(scan, found))
    found.extend(m for r in _STORY_RECOGNISERS for m in r.scan(scan))
    return resolve_overlaps(found)
