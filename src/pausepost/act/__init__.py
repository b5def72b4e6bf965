"""Acting well, not only being warned: pause a draft, check an apology, respond to a complaint.

`pausepost.act.apology` judges apologies, `pausepost.act.drafts` holds drafts for a
cooling-off time, `pausepost.act.imagine` turns a post towards the reader, and
`pausepost.act.respond` is the kit for when a post is under question. Their wording, patterns
and per-platform steps are data, in `pausepost/act/data/*.yaml`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_data(name: str) -> tuple[Path, Any]:
    """A packaged data file, parsed (with line numbers for error messages), and its path."""
    from importlib import resources

    from pausepost.yamlio import load_yaml

    source = resources.files("pausepost.act").joinpath(f"data/{name}")
    path = Path(str(source))
    return path, load_yaml(path, text=source.read_text(encoding="utf-8"))
