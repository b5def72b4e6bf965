"""Shared fixtures: paths, and a way to run the CLI as a person would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
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


class NetworkRefused(Exception):
    """Raised by the `no_network` fixture when anything tries to leave the machine."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every way out (connecting, resolving names) while leaving the socket class in
    place: libraries such as urllib3 subclass it when they are imported."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkRefused("network access attempted")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse)


@pytest.fixture
def set_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set this process's local time zone for one test (TZ, then tzset); restored after."""
    import time

    def apply(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield apply
    monkeypatch.undo()
    time.tzset()
