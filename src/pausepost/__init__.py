"""pausepost: check a draft post against the rules that apply to its author, offline.

    >>> import pausepost
    >>> report = pausepost.check("Vote Conservative on 7 May!")
    >>> report.verdict
    'pause'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ApologyReport", "Checker", "Draft", "DraftReview", "DraftStore", "Finding", "Post",
           "Profile", "Report", "RespondKit", "RespondRecord", "check", "check_apology",
           "check_many", "imagine", "load_policy", "load_profile", "run_respond"]

if TYPE_CHECKING:
    from pausepost.act.apology import ApologyReport, check_apology
    from pausepost.act.drafts import Draft, DraftReview, DraftStore
    from pausepost.act.imagine import imagine
    from pausepost.act.respond import RespondKit, RespondRecord, run_respond
    from pausepost.engine import Checker, Post, check, check_many
    from pausepost.model import Finding, Report
    from pausepost.policy.loader import load_policy
    from pausepost.profile import Profile, load_profile

_LAZY = {
    "Checker": "pausepost.engine", "Post": "pausepost.engine", "check": "pausepost.engine",
    "check_many": "pausepost.engine", "Finding": "pausepost.model", "Report": "pausepost.model",
    "load_policy": "pausepost.policy.loader", "Profile": "pausepost.profile",
    "load_profile": "pausepost.profile",
    "check_apology": "pausepost.act.apology", "ApologyReport": "pausepost.act.apology",
    "DraftStore": "pausepost.act.drafts", "Draft": "pausepost.act.drafts",
    "DraftReview": "pausepost.act.drafts", "imagine": "pausepost.act.imagine",
    "RespondKit": "pausepost.act.respond", "RespondRecord": "pausepost.act.respond",
    "run_respond": "pausepost.act.respond",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so `import pausepost` (and the CLI's start) stays fast."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pausepost' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
