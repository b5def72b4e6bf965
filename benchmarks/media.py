"""Speed of photo and video checks (called by benchmarks/run.py; runnable alone).

- a 12-megapixel photo (4000 × 3000, a phone's usual size) with text, a face and a QR code,
  checked warm (models loaded), median of 5;
- a 1080p video (30 fps) with scenes that change, checked: seconds of video per second.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS = {"photo_12mp_s": 1.5, "video_speed": 2.0}


def _scene(width: int, height: int, lines: list[str], shift: int = 0) -> Any:
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from skimage import data

    gradient = np.linspace(60, 200, width, dtype=np.uint8)
    base = np.dstack([np.tile(gradient, (height, 1))] * 3)
    image = Image.fromarray(base)
    face = Image.fromarray(data.astronaut()).resize((height // 3, height // 3))
    image.paste(face, (width - height // 3 - width // 20 - shift, height // 10))
    import zxingcpp

    code = zxingcpp.create_barcode("https://www.gov.uk/universal-credit",
                                   zxingcpp.BarcodeFormat.QRCode)
    qr = Image.fromarray(np.asarray(code.to_image(scale=max(2, height // 300)))).convert("RGB")
    image.paste(qr, (width * 3 // 5 + shift, height * 3 // 5))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(24, height // 22))
    draw.rectangle((width // 20 + shift, height // 2, width // 2 + shift, height * 9 // 10),
                   fill=(250, 235, 130))
    for row, line in enumerate(lines):
        draw.text((width // 16 + shift, height // 2 + height // 20 + row * height // 12), line,
                  fill=(10, 10, 10), font=font)
    return image


def photo_12mp(checker: Any, workdir: Path) -> dict[str, float]:
    path = workdir / "photo12mp.jpg"
    _scene(4000, 3000, ["Guest WiFi: LeedsHub", "Password: Sunflower#2024",
                        "Stand-up 9:30"]).save(path, quality=90)
    checker.check("", images=[path])  # load OCR and face models: warm, as in the app
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        report = checker.check("", images=[path])
        runs.append(time.perf_counter() - started)
    return {"photo_12mp_s": statistics.median(runs), "photo_findings": len(report.findings)}


def video_1080p(checker: Any, workdir: Path, seconds: int = 12) -> dict[str, float]:
    import cv2
    import numpy as np

    path = workdir / "clip1080p.mp4"
    fps = 30
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), fps, (1920, 1080))
    scenes = [["Team lunch today"], ["Door code 4721#"], ["Well done everyone"]]
    cached: dict[int, Any] = {}
    for index in range(seconds * fps):
        scene = (index // (fps * 4)) % len(scenes)  # a new scene every 4 seconds
        shift = (index % (fps * 4)) * 3  # and the camera pans
        key = scene * 10_000 + shift
        if key not in cached:
            cached = {key: cv2.cvtColor(np.asarray(_scene(1920, 1080, scenes[scene], shift)),
                                        cv2.COLOR_RGB2BGR)}
        writer.write(cached[key])
    writer.release()
    started = time.perf_counter()
    report = checker.check("", videos=[path])
    took = time.perf_counter() - started
    return {"video_seconds": float(seconds), "video_check_s": took,
            "video_speed": seconds / took, "video_findings": len(report.findings)}


def measure(checker: Any) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="pausepost-bench-") as tmp:
        return {**photo_12mp(checker, Path(tmp)), **video_1080p(checker, Path(tmp))}


if __name__ == "__main__":
    from pausepost.engine import Checker

    print(measure(Checker()))
    sys.exit(0)
