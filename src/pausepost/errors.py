"""Errors pausepost reports to people as one clear line (CLI exit code 2)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import BinaryIO


class PausepostError(Exception):
    """Base class: the input could not be checked; the message says why."""


class InputError(PausepostError):
    """The post or file given to check is unusable (empty, too large, not text)."""


class ConfigError(PausepostError):
    """A policy pack or profile is missing or malformed; the message names the file and line."""


class UnknownRuleError(PausepostError):
    """A rule id that no loaded policy pack defines."""


@contextlib.contextmanager
def open_for_reading(path: str, kind: str) -> Iterator[BinaryIO]:
    """Open ``path`` in binary mode; a missing file, a folder or an unreadable one becomes an
    InputError naming it (``kind`` says what was expected: "a text file")."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the OSError mapping)
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not {kind}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        yield handle
