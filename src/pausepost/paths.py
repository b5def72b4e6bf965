"""Where pausepost keeps the person's own files (drafts, audits): on this machine only."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(create: bool = True) -> Path:
    """The private folder for pausepost's stored data.

    `PAUSEPOST_HOME` wins (tests and portable installs), then `$XDG_DATA_HOME/pausepost`, then
    `~/.local/share/pausepost`. Created readable by its owner only: drafts are unposted words.
    """
    home = os.environ.get("PAUSEPOST_HOME")
    if home:
        folder = Path(home).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        folder = Path(base) / "pausepost"
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder
