"""Insults a sentence denies or speaks against are not name-calling (text/denial.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pausepost import check
from pausepost.text.denial import denied
from pausepost.text.document import Document

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "data" / "denial_cases.jsonl").read_text().splitlines()
         if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_denied_or_not(case: dict[str, object]) -> None:
    doc = Document(str(case["text"]))
    index = next(t.position for t in doc.tokens if t.text == case["word"])
    assert denied(doc, index) is case["denied"]


def test_a_denied_insult_raises_nothing_but_the_plain_one_does() -> None:
    assert not check("You're not an idiot, you just made a mistake").findings
    assert {f.rule for f in check("You're an idiot, you made a mistake").findings} >= {
        "conduct.name-calling"}


@given(st.text(alphabet=st.sampled_from("abnotyu' .,!?"), max_size=60),
       st.text(alphabet=st.sampled_from("abnotyu' .,!?"), max_size=30))
def test_only_the_words_before_an_insult_decide(text: str, more: str) -> None:
    """What follows a word never changes whether it is denied."""
    doc, longer = Document(text), Document(text + " " + more)
    for token in doc.tokens[:-1]:  # the last token may join the added words
        assert denied(doc, token.position) == denied(longer, token.position)
