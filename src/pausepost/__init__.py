"""pausepost: check a draft post against the rules that apply to its author, offline.

    >>> import pausepost
    >>> report = pausepost.check("Vote Conservative on 7 May!")
    >>> report.verdict
    'pause'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "Finding", "Post", "Profile", "Report", "check", "check_many",
           "load_policy", "load_profile"]

if TYPE_CHECKING:
    from pausepost.engine import Checker, Post, check, check_many
    from pausepost.model import Finding, Report
    from pausepost.policy.loader import load_policy
    from pausepost.profile import Profile, load_profile

_LAZY = {
    "Checker": "pausepost.engine", "Post": "pausepost.engine", "check": "pausepost.engine",
    "check_many": "pausepost.engine", "Finding": "pausepost.model", "Report": "pausepost.model",
    "load_policy": "pausepost.policy.loader", "Profile": "pausepost.profile",
    "load_profile": "pausepost.profile",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so `import pausepost` (and the CLI's start) stays fast."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pausepost' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
