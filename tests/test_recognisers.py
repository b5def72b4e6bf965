"""Tests for the personal-data and secure-data recognisers.

Labelled examples live in tests/data/recognisers/*.jsonl, one case a line:
{"text": ..., "spans": [{"kind": ..., "evidence": ..., "min_score"?: .., "max_score"?: ..}]}.
A line with no spans is a must-not-find case: the module must report nothing.
A line with spans must produce exactly those findings (no extras).
"""

from __future__ import annotations

import json
import string
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pausepost.recognisers import personal, secrets
from pausepost.recognisers.base import Match, Scan, context_word, resolve_overlaps, words_pattern
from pausepost.recognisers.personal import (
    iban_valid,
    is_valid_driving_licence,
    is_valid_nhs_number,
    is_valid_nino,
    luhn_valid,
    nhs_check_digit,
    nino_prefix_ok,
)
from pausepost.recognisers.secrets import (
    is_common_word,
    is_placeholder,
    is_sequential,
    looks_like_uuid,
    parse_wifi_qr,
    shannon_entropy,
)

DATA = Path(__file__).parent / "data" / "recognisers"
FINDERS: dict[str, Callable[[str], list[Match]]] = {
    "personal": personal.find_all,
    "secrets": secrets.find_all,
}


def _load(name: str) -> list[dict[str, Any]]:
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _cases(name: str) -> list[Any]:
    return [
        pytest.param(name, case, id=f"{name}:{n}:{case['text'][:40]}")
        for n, case in enumerate(_load(name), 1)
    ]


def _describe(text: str, found: list[Match]) -> str:
    return "; ".join(f"{m.kind} {text[m.start : m.end]!r} {m.score}" for m in found) or "nothing"


# --------------------------------------------------------------------------
# Labelled data
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["personal", "secrets"])
def test_data_files_are_big_and_balanced(name: str) -> None:
    cases = _load(name)
    assert len(cases) >= 60
    must_find = [c for c in cases if c["spans"]]
    must_not = [c for c in cases if not c["spans"]]
    assert len(must_find) >= 25 and len(must_not) >= 20
    for c in cases:
        for span in c["spans"]:
            assert span["evidence"] in c["text"], span


@pytest.mark.parametrize(("name", "case"), _cases("personal") + _cases("secrets"))
def test_labelled_case(name: str, case: dict[str, Any]) -> None:
    text = case["text"]
    found = FINDERS[name](text)
    claimed: set[int] = set()
    for span in case["spans"]:
        hits = [
            i
            for i, m in enumerate(found)
            if m.kind == span["kind"] and span["evidence"] in text[m.start : m.end]
        ]
        assert hits, f"expected {span['kind']} {span['evidence']!r}; got {_describe(text, found)}"
        m = found[hits[0]]
        claimed.add(hits[0])
        assert m.score >= span.get("min_score", 0.0), f"score too low: {m}"
        assert m.score <= span.get("max_score", 1.0), f"score too high: {m}"
    extra = [m for i, m in enumerate(found) if i not in claimed]
    assert not extra, f"unexpected: {_describe(text, extra)}"


# --------------------------------------------------------------------------
# Validators
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["AB123456C", "ab 12 34 56 c", "JG-10-37-59-A", "CE123456D"])
def test_nino_valid(value: str) -> None:
    assert is_valid_nino(value)


@pytest.mark.parametrize(
    "value",
    [
        "DA123456A",
        "FA123456A",
        "IA123456A",
        "QQ123456A",
        "UA123456A",
        "VA123456A",  # first
        "AD123456A",
        "AF123456A",
        "AI123456A",
        "AQ123456A",
        "AU123456A",
        "AV123456A",  # second
        "AO123456A",  # O never second
        "BG123456A",
        "GB123456A",
        "KN123456A",
        "NK123456A",
        "NT123456A",
        "TN123456A",
        "ZZ123456A",  # never issued
        "AB123456E",
        "AB12345C",
        "AB1234567C",
        "A1234567C",  # shape
    ],
)
def test_nino_invalid(value: str) -> None:
    assert not is_valid_nino(value)


def test_nino_prefix_rules() -> None:
    assert nino_prefix_ok("OA")
    assert not nino_prefix_ok("AO")
    assert not nino_prefix_ok("A")


def test_nhs_known_numbers() -> None:
    assert is_valid_nhs_number("943 476 5919")
    assert is_valid_nhs_number("4010232137")
    assert not is_valid_nhs_number("943 476 5918")
    assert not is_valid_nhs_number("94347659")
    assert nhs_check_digit("943476591") == 9


def test_nhs_check_of_ten_is_never_issued() -> None:
    # 1*10 + 0... : find a stem whose remainder gives 10 and check it is rejected.
    stem = next(
        f"{n:09d}" for n in range(100000000, 100001000) if nhs_check_digit(f"{n:09d}") is None
    )
    assert not any(is_valid_nhs_number(stem + str(d)) for d in range(10))


@pytest.mark.parametrize(
    "number", ["4111 1111 1111 1111", "5555555555554444", "378282246310005", "6011111111111117"]
)
def test_luhn_valid(number: str) -> None:
    assert luhn_valid(number)


@pytest.mark.parametrize("number", ["4111 1111 1111 1112", "1234567812345678", "x", ""])
def test_luhn_invalid(number: str) -> None:
    assert not luhn_valid(number)


def test_iban() -> None:
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert iban_valid("gb82west12345698765432")
    assert iban_valid("DE89 3704 0044 0532 0130 00")
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")
    assert not iban_valid("GB82 WEST 1234 5698 7654")  # GB must be 22 characters
    assert not iban_valid("not an iban")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("MORGA753116SM9IJ", True),  # woman born 11 March 1976
        ("MORGA703116SM9IJ", True),  # man, same date
        ("JONES610127AB9CD", True),
        ("SMITH902291JJ9AB", True),  # 29 February is a date some years
        ("MOR99753116SM9IJ", True),  # short surname padded with 9s
        ("MORGA713116SM9IJ", False),  # month 13
        ("MORGA763116SM9IJ", False),  # month 63 (13 + 50)
        ("MORGA700016SM9IJ", False),  # month 00
        ("MORGA753326SM9IJ", False),  # day 32
        ("MORGA702306SM9IJ", False),  # 30 February
        ("M9RGA753116SM9IJ", False),  # 9 padding only at the end
        ("MORGA753116SM9I", False),  # too short
    ],
)
def test_driving_licence(value: str, ok: bool) -> None:
    assert is_valid_driving_licence(value) is ok


def test_driving_licence_without_check_letters() -> None:
    # 14 characters: only accepted when the caller says the two check letters may be missing.
    assert not is_valid_driving_licence("MORGA753116SM9")
    assert is_valid_driving_licence("MORGA753116SM9", check_letters=False)
    assert is_valid_driving_licence("MORGA753116SM9IJ", check_letters=False)
    assert not is_valid_driving_licence("MORGA713116SM9", check_letters=False)  # month 13


_ISSUABLE_LETTERS = [c for c in string.ascii_uppercase if c not in "DFIQUV"]


@st.composite
def valid_ninos(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from(_ISSUABLE_LETTERS))
    second = draw(st.sampled_from([c for c in _ISSUABLE_LETTERS if c != "O"]))
    prefix = first + second
    if prefix in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
        prefix = "AB"
    digits = draw(st.text(alphabet=string.digits, min_size=6, max_size=6))
    suffix = draw(st.sampled_from("ABCD"))
    sep = draw(st.sampled_from(["", " ", "-"]))
    return sep.join([prefix, digits[:2], digits[2:4], digits[4:], suffix])


@given(valid_ninos(), st.booleans())
def test_every_valid_nino_is_accepted_and_found(nino: str, lower: bool) -> None:
    value = nino.lower() if lower else nino
    assert is_valid_nino(value)
    text = f"NI number {value} thanks"
    found = [m for m in personal.find_all(text) if m.kind == "nino"]
    assert found and text[found[0].start : found[0].end] == value


@given(st.text(alphabet=string.digits, min_size=9, max_size=9))
def test_nhs_any_stem_with_its_check_digit_is_valid(stem: str) -> None:
    check = nhs_check_digit(stem)
    if check is None:
        assert not any(is_valid_nhs_number(stem + str(d)) for d in range(10))
    else:
        assert is_valid_nhs_number(stem + str(check))
        assert not is_valid_nhs_number(stem + str((check + 1) % 10))


@given(st.text(alphabet=string.digits, min_size=12, max_size=18))
def test_luhn_any_payload_with_its_check_digit_is_valid(payload: str) -> None:
    for d in string.digits:
        if luhn_valid(payload + d):
            assert not luhn_valid(payload + str((int(d) + 1) % 10))
            return
    pytest.fail("no Luhn check digit found")


@given(
    st.text(alphabet=string.ascii_uppercase, min_size=4, max_size=4),
    st.text(alphabet=string.digits, min_size=14, max_size=14),
)
def test_gb_iban_with_computed_check_digits_is_valid(bank: str, digits: str) -> None:
    bban = bank + digits
    numeric = "".join(str(int(c, 36)) for c in bban + "GB00")
    check = 98 - int(numeric) % 97
    assert iban_valid(f"GB{check:02d}{bban}")


@given(
    st.integers(0, 9),
    st.integers(1, 12),
    st.booleans(),
    st.integers(1, 28),
)
def test_driving_licence_valid_dates(decade: int, month: int, female: bool, day: int) -> None:
    mm = month + 50 if female else month
    assert is_valid_driving_licence(f"SMITH{decade}{mm:02d}{day:02d}5JA9XY")


# --------------------------------------------------------------------------
# Behaviour beyond the data files
# --------------------------------------------------------------------------


def test_phone_context_beats_nhs_shape() -> None:
    text = "call him on 012 345 6789 after 5"
    kinds = [m.kind for m in personal.find_all(text)]
    assert kinds == ["uk-phone"]


def test_claimant_with_particulars_keeps_the_particular() -> None:
    text = "the claimant, NI AB123456C, was lovely"
    kinds = sorted(m.kind for m in personal.find_all(text))
    assert kinds == ["claimant-details", "nino"]


def test_reasons_and_labels_are_plain_sentences() -> None:
    text = "NI number AB 12 34 56 C and door code 1234#"
    for m in personal.find_all(text) + secrets.find_all(text):
        assert m.reason.endswith(".") and m.reason[0].isupper()
        assert m.label and m.label[0].isupper()
        assert 0.0 <= m.score <= 1.0


def test_wifi_qr_fields_any_order_with_escapes() -> None:
    fields = parse_wifi_qr(r"WIFI:P:pa\;ss\\wo\:rd;T:WPA;S:My\,Net\";;")
    assert fields == {"P": "pa;ss\\wo:rd", "T": "WPA", "S": 'My,Net"'}


def test_heuristic_filters() -> None:
    assert is_placeholder("xxxx")
    assert is_placeholder("<password>")
    assert is_placeholder("********")
    assert is_placeholder("${API_TOKEN}")
    assert not is_placeholder("hunter2")
    assert is_sequential("abcdef123456")
    assert is_sequential("qwertyuiop")
    assert not is_sequential("4f9a1c7e2b8d0f3a")
    assert is_common_word("Changed")
    assert not is_common_word("Sunsh1ne")
    assert looks_like_uuid("123e4567-e89b-12d3-a456-426614174000")
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == 2.0


def test_resolve_overlaps_prefers_higher_score() -> None:
    a = Match("x", 0, 10, 0.5, "A.", "X")
    b = Match("y", 5, 15, 0.9, "B.", "Y")
    c = Match("z", 20, 25, 0.1, "C.", "Z")
    assert resolve_overlaps([a, b, c]) == [b, c]


def test_context_word_window() -> None:
    pattern = words_pattern(["ni number", "nino"])
    text = "my NI Number is AB123456C"
    scan = Scan(text)
    start = text.index("AB")
    assert context_word(pattern, scan, start, start + 9) == "NI Number"
    far = "NINO" + " " * 60 + "AB123456C"
    assert context_word(pattern, Scan(far), 64, 73) is None


def test_scan_keeps_offsets_for_unicode_that_lowercases_long() -> None:
    text = "İstanbul NI number AB123456C"
    found = personal.find_all(text)
    assert [text[m.start : m.end] for m in found] == ["AB123456C"]


def test_every_recogniser_has_kind_label_and_find() -> None:
    for r in (*personal.RECOGNISERS, *secrets.RECOGNISERS):
        assert r.kind and r.label
        assert isinstance(r.find(""), list)


# --------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------

_SOUP = st.lists(
    st.sampled_from(
        [
            " ",
            "\n",
            ", ",
            "-",
            "/",
            ".",
            ":",
            "#",
            "@",
            "+44 ",
            "(0)",
            "0",
            "07700",
            "900123",
            "12",
            "34",
            "56",
            "AB",
            "C",
            "NI",
            "NHS",
            "claimant",
            "customer",
            "Mr",
            "Sarah",
            "Jones",
            "from",
            "Leigh",
            "lives at",
            "Road",
            "LS1",
            "4AB",
            "DOB",
            "born",
            "March",
            "1985",
            "sort code",
            "account",
            "wifi",
            "password",
            "pass",
            "is",
            "code",
            "door",
            "key safe",
            "PIN",
            "token",
            "AKIA",
            "eyJ",
            "WIFI:S:",
            ";P:",
            ";;",
            "x",
            "😂",
            "İ",
            "£",
            "'",
            '"',
        ]
    ),
    max_size=60,
).map("".join)


def _check_spans(text: str, found: list[Match]) -> None:
    prev_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= prev_end  # sorted, non-overlapping
        prev_end = m.end
        assert 0.0 <= m.score <= 1.0
        assert m.kind and m.label and m.reason


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _SOUP))
def test_find_all_never_raises_and_spans_are_valid(text: str) -> None:
    _check_spans(text, personal.find_all(text))
    _check_spans(text, secrets.find_all(text))


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 3000,
        "0" * 5000,
        "a" * 10000,
        "password: " * 500,
        "wifi " * 1000,
        "door code " * 800,
        "claimant " * 800,
        "AB 12 34 56 " * 400,
        "1-2-3-4-" * 800,
        "Mr Sarah Jones " * 500,
        "x@" * 3000,
        "07700 " * 1000,
        "WIFI:S:" + "a\\;" * 2000,
        "claimant from Leeds on UC " * 300,
        "my password is still the one, it's " * 300,
        "logged in with " * 700,
        "Mrs K in Bootle with the twins " * 300,
        "our neighbour Tom Riley, 45, diagnosed with " * 200,
        "lad Kacper is 7 at St Mary's " * 300,
        "his facebook and her insta " * 400,
        "LEE99" + "9" * 5000,
        "AB1234567 passport no. " * 400,
        "back door 1234 " * 600,
        "backup codes are 1234 " * 400,
    ],
)
def test_no_catastrophic_backtracking(text: str) -> None:
    start = time.perf_counter()
    personal.find_all(text)
    secrets.find_all(text)
    assert time.perf_counter() - start < 2.0
