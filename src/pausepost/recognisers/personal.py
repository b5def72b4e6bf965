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

# The recognisers live in four modules (plus shared pieces in personal_common):
# personal_identifiers (NI, NHS, bank, passport, driving licence and their validators),
# personal_contact (phone, email, postcode, street address, date of birth),
# personal_claimants (identifiable claimants and customers) and personal_private (other
# people's health, private life, children, details and social media accounts).
from pausepost.recognisers.base import Match, Scan, ScanRecogniser, resolve_overlaps
from pausepost.recognisers.personal_claimants import (
    _PARTICULAR_RECOGNISERS,
    ClaimantDetailsRecogniser,
)
from pausepost.recognisers.personal_contact import (
    DOB_CONTEXT,
    PHONE_CONTEXT,
    POSTCODE_CONTEXT,
    ROLE_EMAIL_LOCALS,
    DateOfBirthRecogniser,
    EmailRecogniser,
    PostcodeRecogniser,
    StreetAddressRecogniser,
    UkPhoneRecogniser,
)
from pausepost.recognisers.personal_identifiers import (
    BANK_CONTEXT,
    CARD_CONTEXT,
    LICENCE_CONTEXT,
    NHS_CONTEXT,
    NINO_CONTEXT,
    PASSPORT_CONTEXT,
    SORT_CODE_CONTEXT,
    BankDetailsRecogniser,
    DrivingLicenceRecogniser,
    NhsNumberRecogniser,
    NinoRecogniser,
    PassportRecogniser,
    iban_valid,
    is_valid_driving_licence,
    is_valid_nhs_number,
    is_valid_nino,
    luhn_valid,
    nhs_check_digit,
    nino_prefix_ok,
)
from pausepost.recognisers.personal_private import (
    ChildDetailsRecogniser,
    HealthDetailsRecogniser,
    PersonDetailsRecogniser,
    PrivateLifeRecogniser,
    SocialProfilesRecogniser,
)

__all__ = [
    "BANK_CONTEXT",
    "CARD_CONTEXT",
    "DOB_CONTEXT",
    "LICENCE_CONTEXT",
    "NHS_CONTEXT",
    "NINO_CONTEXT",
    "PASSPORT_CONTEXT",
    "PHONE_CONTEXT",
    "POSTCODE_CONTEXT",
    "RECOGNISERS",
    "ROLE_EMAIL_LOCALS",
    "SORT_CODE_CONTEXT",
    "BankDetailsRecogniser",
    "ChildDetailsRecogniser",
    "ClaimantDetailsRecogniser",
    "DateOfBirthRecogniser",
    "DrivingLicenceRecogniser",
    "EmailRecogniser",
    "HealthDetailsRecogniser",
    "NhsNumberRecogniser",
    "NinoRecogniser",
    "PassportRecogniser",
    "PersonDetailsRecogniser",
    "PostcodeRecogniser",
    "PrivateLifeRecogniser",
    "SocialProfilesRecogniser",
    "StreetAddressRecogniser",
    "UkPhoneRecogniser",
    "find_all",
    "iban_valid",
    "is_valid_driving_licence",
    "is_valid_nhs_number",
    "is_valid_nino",
    "luhn_valid",
    "nhs_check_digit",
    "nino_prefix_ok",
]

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
