"""Personal identifiers that carry their own validation (rule "disclosure.personal-data").

National Insurance numbers (HMRC prefix rules), NHS numbers (mod-11 check digit), bank
details (sort codes, account numbers, GB IBANs with their mod-97 check, payment cards with
the Luhn check), passport numbers and GB driving licence numbers (encoded birth date): their
context words, the public validation functions (``nino_prefix_ok``, ``is_valid_nino``,
``nhs_check_digit``, ``is_valid_nhs_number``, ``luhn_valid``, ``iban_valid``,
``is_valid_driving_licence``) and the recognisers built on them. Re-exported by ``personal``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from pausepost.recognisers.base import (
    Match,
    Scan,
    ScanRecogniser,
    context_word,
    phrases,
    word_set,
    words_pattern,
)
from pausepost.recognisers.personal_common import _DAYS_IN_MONTH, _sentence_bounds
from pausepost.recognisers.personal_contact import _PHONE_CTX_RE

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

_NINO_CTX_RE = words_pattern(NINO_CONTEXT)
_NHS_CTX_RE = words_pattern(NHS_CONTEXT)
# Words that make a bare 10-digit number a phone number rather than an NHS number
# ("number" alone does not: "Mum's NHS number ... 543 231 9489").
_CALL_CTX_RE = words_pattern(
    phrases("phone|tel|tel.|telephone|mobile|mob|call|ring|text|txt|whatsapp|landline|cell")
)
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
# Eight digits near "account" that open something else: "My PUK from the EE account is
# 43917288", "account ref 40077123 password Maple2021", "bank login ... it's 10488321".
_NOT_ACCOUNT_RE = words_pattern(
    phrases(
        "puk|pin|login|log in|password|passcode|ref|reference|customer number|order|"
        "membership|member|policy|tracking|booking|invoice"
    )
)
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
            if not free(*m.span()) or _NOT_ACCOUNT_RE.search(
                scan.lower, max(0, m.start() - 40), m.start()
            ):
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
