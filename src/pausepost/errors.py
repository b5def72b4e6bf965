"""Errors pausepost reports to people as one clear line (CLI exit code 2)."""

from __future__ import annotations


class PausepostError(Exception):
    """Base class: the input could not be checked; the message says why."""


class InputError(PausepostError):
    """The post or file given to check is unusable (empty, too large, not text)."""


class ConfigError(PausepostError):
    """A policy pack or profile is missing or malformed; the message names the file and line."""


class UnknownRuleError(PausepostError):
    """A rule id that no loaded policy pack defines."""
