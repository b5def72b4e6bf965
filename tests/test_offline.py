"""pausepost never touches the network: full checks run with sockets disabled."""

from __future__ import annotations

import socket
import subprocess
import sys


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


_LOOPBACK_ONLY = """
import socket, sys
LOCAL = ('127.0.0.1', '::1', 'localhost', None, '')
real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo
def connect(self, address):
    if isinstance(address, tuple) and address[0] not in LOCAL:
        raise OSError(f'network access attempted: {address!r}')
    return real_connect(self, address)
def lookup(host, *args, **kwargs):
    if host not in LOCAL:
        raise OSError(f'network access attempted: {host!r}')
    return real_lookup(host, *args, **kwargs)
socket.socket.connect, socket.getaddrinfo = connect, lookup
from pausepost.cli import main
sys.exit(main(['serve', '--no-browser', '--port', sys.argv[1]]))
"""


def test_the_web_app_serves_checks_and_photos_with_only_loopback_allowed(tmp_path) -> None:
    import http.client
    import json
    import os
    import time
    from pathlib import Path

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PAUSEPOST_HOME": str(tmp_path), "PAUSEPOST_TOKEN": "t"}
    server = subprocess.Popen([sys.executable, "-c", _LOOPBACK_ONLY, str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, \
                    server.stderr.read().decode()  # type: ignore[union-attr]
                time.sleep(0.1)

        def post(path: str, body: bytes, ctype: str) -> dict:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("POST", path, body=body, headers={
                "content-type": ctype, "x-pausepost-token": "t"})
            response = connection.getresponse()
            data = json.loads(response.read())
            assert response.status < 300, data
            return data

        photo = Path(__file__).resolve().parents[1] / "examples" / "whiteboard.png"
        upload = post("/api/uploads?name=wb.png", photo.read_bytes(), "application/octet-stream")
        report = post("/api/check", json.dumps({"text": "This f*cking rota",
                                                "images": [upload["id"]]}).encode(),
                      "application/json")
        rules = {f["rule"] for f in report["findings"]}
        assert {"conduct.swearing", "security.secure-data"} <= rules
        post(f"/api/uploads/{upload['id']}/redact", b"", "application/json")
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert b"network access attempted" not in errors, errors.decode()
