"""The author's profile: who they are changes what is raised and how firmly."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pausepost.errors import ConfigError
from pausepost.policy.loader import POLITICAL_GROUPS
from pausepost.yamlio import check_keys, line_of, load_yaml

_PROFILE_KEYS = {
    "department", "policy", "political_group", "pre_election", "allow_words", "own_names",
    "pause_minutes", "union_rep",
}


@dataclass(frozen=True, slots=True)
class Profile:
    """Department, political-activity group, words to allow and the author's own names."""

    department: str | None = None
    policy: str | None = None
    political_group: str = "unspecified"
    pre_election: tuple[tuple[dt.date, dt.date], ...] = ()
    allow_words: frozenset[str] = frozenset()
    own_names: tuple[str, ...] = ()
    pause_minutes: int = 15
    union_rep: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    source: Path | None = field(default=None, compare=False)

    def in_pre_election(self, today: dt.date | None = None) -> bool:
        """True when today falls in one of the profile's pre-election periods."""
        day = today or dt.date.today()
        return any(start <= day <= end for start, end in self.pre_election)


DEFAULT_PROFILE = Profile()


def default_profile_path() -> Path:
    """Where `pausepost` looks for a profile when none is named."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "pausepost" / "profile.yaml"


def _date(value: Any, path: Path, line: int | None) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{path}:{line}: {value!r} is not a date (YYYY-MM-DD)") from None


def profile_from_mapping(data: Any, path: Path) -> Profile:
    """Validate a parsed profile mapping strictly; errors name the file and line."""
    if data is None:
        return Profile(source=path)
    check_keys(data, _PROFILE_KEYS, set(), "the profile", path)
    group = data.get("political_group", "unspecified")
    if group not in POLITICAL_GROUPS:
        raise ConfigError(f"{path}:{line_of(data, 'political_group')}: political_group must be "
                          f"one of {', '.join(POLITICAL_GROUPS)}, not {group!r}")
    periods = []
    if not isinstance(data.get("pre_election") or [], list):
        raise ConfigError(f"{path}:{line_of(data, 'pre_election')}: pre_election must be a list "
                          "of {start, end} periods")
    for item in data.get("pre_election") or []:
        check_keys(item, {"start", "end"}, {"start", "end"}, "a pre_election period", path)
        start = _date(item["start"], path, line_of(item, "start"))
        end = _date(item["end"], path, line_of(item, "end"))
        if end < start:
            raise ConfigError(f"{path}:{line_of(item, 'end')}: pre-election period ends before "
                              "it starts")
        periods.append((start, end))
    lists = {}
    for key in ("allow_words", "own_names"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}:{line_of(data, key)}: {key} must be a list of text")
        lists[key] = value
    minutes = data.get("pause_minutes", 15)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 <= minutes <= 10080:
        raise ConfigError(f"{path}:{line_of(data, 'pause_minutes')}: pause_minutes must be a "
                          "whole number of minutes up to a week")
    rep = data.get("union_rep") or {}
    if not isinstance(rep, dict) or not all(isinstance(v, str) for v in rep.values()):
        raise ConfigError(f"{path}:{line_of(data, 'union_rep')}: union_rep must map names to text")
    for key in ("department", "policy"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{path}:{line_of(data, key)}: {key} must be text")
    return Profile(
        department=data.get("department"),
        policy=data.get("policy"),
        political_group=group,
        pre_election=tuple(periods),
        allow_words=frozenset(w.lower() for w in lists["allow_words"]),
        own_names=tuple(lists["own_names"]),
        pause_minutes=minutes,
        union_rep=dict(rep),
        source=path,
    )


def load_profile(path: str | Path) -> Profile:
    """Read a profile YAML file."""
    p = Path(path).expanduser()
    return profile_from_mapping(load_yaml(p), p)


def resolve_profile(profile: Profile | str | Path | dict[str, Any] | None) -> Profile:
    """Accept a Profile, a path, a mapping or None (the user's default file, if any)."""
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, dict):
        return profile_from_mapping(profile, Path("<profile>"))
    if profile is None:
        return DEFAULT_PROFILE
    return load_profile(profile)
