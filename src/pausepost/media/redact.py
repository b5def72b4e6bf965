"""`pausepost redact`: a safe copy of a photo or video, never the original overwritten.

Faces are blurred beyond recognition, sensitive text, codes and passes are covered with solid
boxes, and all metadata is dropped. A photo that needs no pixel changes has its metadata
removed losslessly. The copy is then checked again, so the caller can show what (if anything)
is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pausepost.errors import InputError

if TYPE_CHECKING:
    from pausepost.engine import Checker
    from pausepost.media.check import MediaFinding
    from pausepost.model import Finding

VIDEO_SUFFIXES = {".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi"}
_PAD = 0.08  # cover a little more than the box: OCR boxes hug the letters


@dataclass
class Redaction:
    """What `redact` did and what a fresh check of the copy still finds."""

    source: Path
    output: Path
    actions: list[dict[str, Any]]
    lossless: bool  # metadata removed without re-encoding the pixels
    remaining: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def default_output(path: Path) -> Path:
    """photo.jpg -> photo.redacted.jpg (videos become .mp4, HEIC photos .jpg)."""
    suffix = {".heic": ".jpg", ".heif": ".jpg"}.get(path.suffix.lower(), path.suffix)
    if path.suffix.lower() in VIDEO_SUFFIXES:
        suffix = ".mp4"
    return path.with_name(f"{path.stem}.redacted{suffix}")


def _target(source: Path, output: str | Path | None) -> Path:
    out = default_output(source) if output is None else Path(output)
    if out.exists() and out.resolve() == source.resolve():
        raise InputError(f"{out}: refusing to overwrite the original; choose another -o")
    if out.is_dir():
        raise InputError(f"{out}: is a folder; give a file name for the copy")
    return out


def redact(path: str | Path, output: str | Path | None = None,
           checker: Checker | None = None) -> Redaction:
    """Write a redacted copy of a photo or video and re-check it."""
    from pausepost.engine import Checker

    checker = checker or Checker()
    source = Path(path)
    if source.suffix.lower() in VIDEO_SUFFIXES:
        return _redact_video(checker, source, _target(source, output))
    return _redact_image(checker, source, _target(source, output))


def _action(found: MediaFinding) -> dict[str, Any]:
    return {"rule": found.finding.rule, "action": found.action,
            "where": found.finding.where.to_dict(), "evidence": found.finding.evidence}


def _redact_image(checker: Checker, source: Path, out: Path) -> Redaction:
    from pausepost.media.check import check_image_file
    from pausepost.media.loading import load_image
    from pausepost.media.strip import strip_metadata

    image = load_image(source)
    if image.frames > 1:
        raise InputError(f"{source}: redacting animations is not supported; post a still "
                         "frame or convert it to a video")
    found = check_image_file(checker, source, 0, image)
    boxed = [f for f in found if f.action in {"blur", "cover"} and f.finding.where.box
             and f.finding.level != "note"]
    actions = [_action(f) for f in found if f.action == "strip"]
    if not boxed:
        lossless = strip_metadata(source, out)
    else:
        pixels = image.pixels.copy()
        for item in boxed:
            apply_box(pixels, item.finding.where.box, item.action)  # type: ignore[arg-type]
            actions.append(_action(item))
        _save_like(pixels, source, out, image.format)
        lossless = False
    result = Redaction(source, out, actions, lossless)
    result.remaining = [f.finding for f in check_image_file(checker, out, 0)
                        if f.finding.level != "note"]
    return result


def apply_box(pixels: Any, box: tuple[int, int, int, int], action: str) -> None:
    """Blur (faces) or cover (everything else) a box of an RGB array, in place."""
    import cv2

    height, width = pixels.shape[:2]
    x, y, w, h = box
    pad_x, pad_y = int(w * _PAD) + 2, int(h * _PAD) + 2
    x0, y0 = max(0, x - pad_x), max(0, y - pad_y)
    x1, y1 = min(width, x + w + pad_x), min(height, y + h + pad_y)
    if x1 <= x0 or y1 <= y0:
        return
    if action == "blur":
        region = pixels[y0:y1, x0:x1]
        # pixelate first (a blur alone can sometimes be reversed), then smooth the blocks
        # about 7 blocks across whatever the face's size: too coarse for a face detector
        # (or a person) to find eyes and a mouth in
        blocks = max(1, (x1 - x0) // 7)
        small = cv2.resize(region, (max(1, (x1 - x0) // blocks), max(1, (y1 - y0) // blocks)),
                           interpolation=cv2.INTER_AREA)
        blocky = cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
        k = max(3, ((min(x1 - x0, y1 - y0) // 6) | 1))
        pixels[y0:y1, x0:x1] = cv2.GaussianBlur(blocky, (k, k), 0)
    else:
        pixels[y0:y1, x0:x1] = (20, 20, 20)


def _save_like(pixels: Any, source: Path, out: Path, fmt: str) -> None:
    """Save pixels in the source's format, with no metadata at all."""
    from PIL import Image

    image = Image.fromarray(pixels)
    kind = (fmt or "").upper()
    out.parent.mkdir(parents=True, exist_ok=True)
    if kind in {"JPEG", "MPO"}:
        image.save(out, format="JPEG", quality=93, optimize=True)
    elif kind == "WEBP":
        image.save(out, format="WEBP", quality=93)
    elif kind in {"PNG", "GIF", "BMP", "TIFF"}:
        image.save(out, format=kind if kind != "GIF" else "PNG")
    else:  # HEIC and others: a JPEG copy everyone can post
        image.save(out.with_suffix(".jpg") if out.suffix.lower() in {".heic", ".heif"}
                   else out, format="JPEG", quality=93)


def _redact_video(checker: Checker, source: Path, out: Path) -> Redaction:
    """Re-encode the video with faces blurred and sensitive boxes covered over the times they
    were seen. Sound and metadata are not carried over."""
    import cv2

    from pausepost.media.faces import find_faces
    from pausepost.media.video import INTERVAL_S, check_video_file

    found = check_video_file(checker, source, 0)
    covers = [(f.finding.where.time or 0.0, f.finding.where.time_end or f.finding.where.time
               or 0.0, f.finding.where.box) for f in found
              if f.action == "cover" and f.finding.where.box and f.finding.level != "note"]
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
    height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter.fourcc(*"mp4v"), fps, (width, height))
    if not writer.isOpened():
        capture.release()
        raise InputError(f"{out}: cannot write a video there")
    faces: list[tuple[int, int, int, int]] = []
    index = 0
    try:
        while True:
            ok, frame = capture.read()
            if not ok or frame is None:
                break
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            time = index / fps
            if index % 3 == 0:  # faces move slowly: look every third frame
                faces = [f.box for f in find_faces(rgb)]
            for box in faces:
                apply_box(rgb, box, "blur")
            for start, end, box in covers:
                if start - INTERVAL_S <= time <= end + INTERVAL_S:
                    apply_box(rgb, box, "cover")
            writer.write(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
            index += 1
    finally:
        capture.release()
        writer.release()
    actions = [_action(f) for f in found if f.action in {"cover", "strip", "blur"}]
    result = Redaction(source, out, actions, lossless=False,
                       notes=["the copy has no sound track and no metadata; faces are "
                              "blurred in every frame where they are found"])
    result.remaining = [f.finding for f in check_video_file(checker, out, 0)
                        if f.finding.level != "note"]
    return result
