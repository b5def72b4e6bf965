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

    # Refuse every way out (connecting, resolving names) while leaving the socket class in
    # place: libraries such as urllib3 subclass it when they are imported.
    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
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


def test_photo_and_video_checks_run_with_sockets_disabled(no_network, tmp_path) -> None:
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    import pausepost
    from pausepost.media import ocr

    ocr._engine.cache_clear()  # load the OCR models again, now with the network refused
    image = Image.new("RGB", (900, 300), "white")
    ImageDraw.Draw(image).text((40, 100), "Wifi password: Hunter2024", fill="black",
                               font=ImageFont.load_default(size=50))
    photo = tmp_path / "note.png"
    image.save(photo)
    video = tmp_path / "clip.mp4"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter.fourcc(*"mp4v"), 5, (900, 300))
    for _ in range(10):
        writer.write(cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR))
    writer.release()
    report = pausepost.check("", images=[photo], videos=[video])
    parts = {f.where.part for f in report.findings if f.rule == "security.secure-data"}
    assert parts == {"image:0", "video:0"}, report.to_json()
