"""Run the web app with uvicorn on this machine's loopback address."""

from __future__ import annotations

import os
import socket
import sys
import threading
import webbrowser
from collections.abc import Sequence
from pathlib import Path

from pausepost.errors import InputError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message, before anything starts, if the address cannot be used."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                             "is pausepost already running? choose another with --port") from None


def serve(host: str = "127.0.0.1", port: int = 8765, *, open_browser: bool = True,
          policy: str | None = None, profile: str | None = None,
          audits: Sequence[Path] = (), data_dir: Path | None = None) -> int:
    """Serve the page until interrupted; returns the exit code."""
    if not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535, not {port}")
    _check_port(host, port)
    import uvicorn

    from pausepost.web.app import create_app

    app = create_app(policy=policy, profile=profile, host=host, port=port, data_dir=data_dir,
                     audits=audits, token=os.environ.get("PAUSEPOST_TOKEN") or None)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host == 'localhost' else shown}:{port}/"
    print(f"pausepost is running at {url}  (Ctrl+C to stop)")
    print(f"API token for scripts (header x-pausepost-token): {app.state.token}")
    if host not in LOOPBACK:
        print(f"Warning: listening on {host}, not this machine's loopback address: anyone who "
              "can reach it on the network can read what you type. Use the default unless you "
              "know why not.", file=sys.stderr)
    sys.stdout.flush()
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, date_header=False)
    uvicorn.Server(config).run()
    return 0
