"""Shared fixtures: paths, and a way to run the CLI as a person would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def run_cli(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m pausepost ARGS` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "pausepost", *args], input=stdin,
                          capture_output=True, timeout=120, env=env)


@pytest.fixture
def cli():
    return run_cli
