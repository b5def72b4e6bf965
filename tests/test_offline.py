"""pausepost never touches the network: full checks run with sockets disabled."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


class _NoNetwork(Exception):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise _NoNetwork("network access attempted")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)


def test_checks_run_with_sockets_disabled(no_network) -> None:
    import pausepost

    texts = ["This f*cking rota", "@tom you absolute idiot", "Vote Labour!",
             "UC sanctions are cruel", "NINo AB 12 34 56 C", "wifi password is hunter22",
             "Leaked: our office is going to close", "I'll punch the next person who asks"]
    reports = list(pausepost.check_many(texts, policy="dwp"))
    assert all(r.verdict != "post" for r in reports)


def test_the_cli_runs_in_a_process_whose_sockets_are_disabled() -> None:
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network access attempted')\n"
        "socket.socket = socket.create_connection = socket.getaddrinfo = refuse\n"
        "from pausepost.cli import main\n"
        "sys.exit(main(['check', '--format', 'json', 'This f*cking rota, door code 1234']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.returncode == 1, result.stderr.decode()
    assert b"conduct.swearing" in result.stdout
