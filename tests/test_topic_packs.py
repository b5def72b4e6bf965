"""Schema and content checks for the department topic packs in src/pausepost/policy/topics/.

Each pack says which controversial matters belong to one department, for the
``political.own-department`` rule. These tests read the YAML directly with
``yaml.safe_load`` so they do not depend on the loader.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

TOPICS_DIR = Path(__file__).resolve().parents[1] / "src" / "pausepost" / "policy" / "topics"

EXPECTED_IDS = {
    "dwp",
    "hmrc",
    "home-office",
    "dhsc",
    "dfe",
    "moj",
    "mod",
    "dft",
    "desnz",
    "mhclg",
    "defra",
    "hm-treasury",
    "fcdo",
    "cabinet-office",
    "dsit",
    "dcms",
    "dbt",
}

PACK_KEYS = {"id", "department", "aliases", "ministers", "reviewed", "topics"}
TOPIC_REQUIRED = {"id", "label", "why", "terms"}
# ambiguous: lowercase words that count only without a foreign-affairs context ("sanctions").
TOPIC_OPTIONAL = {"acronyms", "ambiguous"}

MIN_TOPICS = 6
MAX_TOPICS = 15
DWP_MIN_TOPICS = 15
DWP_MAX_TOPICS = 25
MAX_WHY_CHARS = 200

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REVIEWED = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])$")
HASHTAG = re.compile(r"^#\w+$")
# A minister entry must name a role, not a person.
ROLE_WORDS = ("Minister", "Secretary", "Chancellor", "Paymaster", "President", "Lord")

# Single words far too broad to signal a department's controversial matter on their own.
TOO_GENERIC = frozenset(
    [
        "tax",
        "taxes",
        "school",
        "schools",
        "police",
        "policing",
        "nhs",
        "benefit",
        "benefits",
        "welfare",
        "pension",
        "pensions",
        "court",
        "courts",
        "prison",
        "prisons",
        "army",
        "navy",
        "military",
        "road",
        "roads",
        "energy",
        "health",
        "hospital",
        "hospitals",
        "housing",
        "education",
        "transport",
        "trains",
        "rail",
        "defence",
        "immigration",
        "migrants",
        "asylum",
        "government",
        "budget",
        "economy",
        "jobs",
        "work",
        "strike",
        "strikes",
        "cuts",
        "crime",
        "council",
        "councils",
        "teachers",
        "doctors",
        "nurses",
        "university",
        "universities",
        "students",
        "climate",
        "water",
        "farmers",
        "farming",
        "aid",
        "trade",
        "tariffs",
        "war",
        "sanctions",
        "care",
        "justice",
        "bbc",
        "sport",
        "culture",
        "science",
        "ai",
        "technology",
        "brexit",
        "europe",
        "eu",
        "china",
        "russia",
        "ukraine",
        "israel",
        "gaza",
        "visa",
        "visas",
        "border",
        "borders",
        "minister",
        "ministers",
        "labour",
        "tory",
        "tories",
        "reform",
    ]
)


def pack_paths() -> list[Path]:
    return sorted(TOPICS_DIR.glob("*.yaml"))


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def is_nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != "" and value == value.strip()


def check_str_list(value: Any, what: str) -> list[str]:
    assert isinstance(value, list) and value, f"{what} must be a non-empty list"
    for item in value:
        assert is_nonempty_str(item), f"{what}: {item!r} must be a non-empty trimmed string"
    assert len(set(value)) == len(value), f"{what} has duplicates"
    return value


PATHS = pack_paths()


def test_all_department_files_exist() -> None:
    stems = {p.stem for p in PATHS}
    assert len(PATHS) >= 17
    missing = EXPECTED_IDS - stems
    assert not missing, f"missing topic packs: {sorted(missing)}"
    for stem in stems:
        assert KEBAB.match(stem), f"file name {stem!r} is not kebab-case"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_first_line_is_a_comment(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# "), "first line must be a comment describing the file"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_pack_schema(path: Path) -> None:
    data = load(path)
    assert isinstance(data, dict), "pack must be a mapping"
    keys = set(data)
    assert not PACK_KEYS - keys, f"missing keys: {sorted(PACK_KEYS - keys)}"
    assert not keys - PACK_KEYS, f"unknown keys: {sorted(keys - PACK_KEYS)}"

    assert data["id"] == path.stem
    assert is_nonempty_str(data["department"])
    check_str_list(data["aliases"], "aliases")
    ministers = check_str_list(data["ministers"], "ministers")
    for role in ministers:
        assert any(word in role for word in ROLE_WORDS), f"minister entry {role!r} is not a role"
    assert isinstance(data["reviewed"], str) and REVIEWED.match(data["reviewed"]), (
        "reviewed must be a quoted 'YYYY-MM' string"
    )

    topics = data["topics"]
    assert isinstance(topics, list)
    if path.stem == "dwp":
        assert DWP_MIN_TOPICS <= len(topics) <= DWP_MAX_TOPICS
    else:
        assert MIN_TOPICS <= len(topics) <= MAX_TOPICS


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_topics(path: Path) -> None:
    topics = load(path)["topics"]
    seen_ids: set[str] = set()
    term_owner: dict[str, str] = {}
    acronym_owner: dict[str, str] = {}

    for topic in topics:
        assert isinstance(topic, dict), "each topic must be a mapping"
        keys = set(topic)
        tid = topic.get("id")
        assert not TOPIC_REQUIRED - keys, f"{tid}: missing keys {sorted(TOPIC_REQUIRED - keys)}"
        extra = keys - TOPIC_REQUIRED - TOPIC_OPTIONAL
        assert not extra, f"{tid}: unknown keys {sorted(extra)}"

        assert isinstance(tid, str) and KEBAB.match(tid), f"topic id {tid!r} is not kebab-case"
        assert tid not in seen_ids, f"duplicate topic id {tid!r}"
        seen_ids.add(tid)

        assert is_nonempty_str(topic["label"]), f"{tid}: label"
        why = topic["why"]
        assert is_nonempty_str(why) and "\n" not in why, f"{tid}: why must be one line"
        assert len(why) <= MAX_WHY_CHARS, f"{tid}: why is too long"

        for term in check_str_list(topic["terms"], f"{tid}: terms"):
            assert term == term.lower(), f"{tid}: term {term!r} must be lowercase"
            assert "  " not in term, f"{tid}: term {term!r} has a double space"
            if term.startswith("#"):
                assert HASHTAG.match(term), f"{tid}: bad hashtag {term!r}"
            bare = term.lstrip("#")
            assert bare not in TOO_GENERIC, f"{tid}: term {term!r} is too generic"
            assert term not in term_owner, (
                f"term {term!r} is in both {term_owner.get(term)!r} and {tid!r}"
            )
            term_owner[term] = tid

        if "acronyms" in topic:
            for acronym in check_str_list(topic["acronyms"], f"{tid}: acronyms"):
                assert any(c.isupper() for c in acronym), f"{tid}: {acronym!r} needs a capital"
                assert not any(c.isspace() for c in acronym), f"{tid}: {acronym!r} has a space"
                assert acronym not in acronym_owner, (
                    f"acronym {acronym!r} is in both {acronym_owner.get(acronym)!r} and {tid!r}"
                )
                acronym_owner[acronym] = tid


def test_generic_words_are_rejected() -> None:
    """The too-generic list really covers the words the packs must never use alone."""
    required = [
        "tax",
        "school",
        "police",
        "nhs",
        "benefits",
        "pension",
        "court",
        "prison",
        "army",
        "road",
        "energy",
    ]
    assert set(required) <= TOO_GENERIC
