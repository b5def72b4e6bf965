"""Videos and animations: sample frames, check them as photos, merge what repeats.

Frames are sampled at a regular interval and wherever the picture changes a lot (a new
scene); a sampled frame that looks like the last one checked is not checked again. The same
finding on neighbouring samples becomes one finding over a time range.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pausepost.errors import InputError

if TYPE_CHECKING:
    from pausepost.engine import Checker
    from pausepost.media.check import MediaFinding

INTERVAL_S = 2.0  # a regular sample every this many seconds, if anything moved at all
MIN_GAP_S = 1.25  # never more often than this: anything in view 1.25 s or longer is seen
PROBE_S = 0.25  # how often the picture is compared with the last one checked
# Share of a 64×36 thumbnail's pixels whose grey level moved by more than _DELTA: a new line
# of text in view moves a few percent, sensor noise almost none.
NEW_SCENE = 0.02
ANY_CHANGE = 0.002
_DELTA = 24
MAX_SECONDS = 3 * 60 * 60


@dataclass(frozen=True, slots=True)
class Frame:
    """A decoded frame at `time` seconds."""

    time: float
    pixels: Any  # RGB uint8


def video_frames(path: str | Path) -> Iterator[Frame]:
    """Frames worth checking, decoded with OpenCV (raises InputError if unreadable)."""
    import cv2

    from pausepost.media.loading import check_file

    path = check_file(path, "video")
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise InputError(f"{path}: not a video pausepost can read (MP4, MOV, WebM, MKV, AVI)")
        fps = capture.get(cv2.CAP_PROP_FPS) or 0.0
        if not 0.5 <= fps <= 1000:
            fps = 30.0  # some containers do not say; the timing is then approximate
        count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        if count and count / fps > MAX_SECONDS:
            raise InputError(f"{path}: the video is over {MAX_SECONDS // 3600} hours long")
        probe_every = max(1, round(fps * PROBE_S))
        index = 0
        yielded = False
        while True:
            if index % probe_every:
                if not capture.grab():
                    break
                index += 1
                continue
            ok, frame = capture.read()
            if not ok or frame is None:
                break
            yielded = True
            yield Frame(index / fps, cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
            index += 1
        if not yielded:
            raise InputError(f"{path}: the video has no frames that can be decoded")
    finally:
        capture.release()


def animation_frames(path: str | Path) -> Iterator[Frame]:
    """The frames of an animated GIF, WebP or PNG, with their display times."""
    import numpy as np
    from PIL import ImageSequence

    from pausepost.media.loading import open_image, to_rgb

    image = open_image(path)
    try:
        time = 0.0
        for number, frame in enumerate(ImageSequence.Iterator(image)):
            if number >= 2000:
                break
            yield Frame(time, np.asarray(to_rgb(frame.convert("RGBA")), dtype=np.uint8))
            time += max(0.02, float(frame.info.get("duration", 100) or 100) / 1000)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: the animation is damaged ({exc})") from None
    finally:
        image.close()


def _thumb(pixels: Any) -> Any:
    import cv2
    import numpy as np

    small = cv2.resize(pixels, (64, 36), interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(np.ascontiguousarray(small), cv2.COLOR_RGB2GRAY).astype(np.float32)


def sampled(frames: Iterator[Frame]) -> Iterator[tuple[Frame, str]]:
    """Each probed frame with what to do with it: "check" the first, any that shows something
    new (at most one per MIN_GAP_S), and one every INTERVAL_S unless the picture is still the
    same; "same" for a frame that looks like the last one checked (what was seen there is
    still in view); "moved" for one that does not, checked later."""
    import numpy as np

    last_thumb: Any = None
    last_time = -1e9
    for frame in frames:
        thumb = _thumb(frame.pixels)
        changed = 1.0 if last_thumb is None else float(
            (np.abs(thumb - last_thumb) > _DELTA).mean())
        gap = frame.time - last_time
        check = last_thumb is None or (changed >= NEW_SCENE and gap >= MIN_GAP_S) or (
            gap >= INTERVAL_S and changed >= ANY_CHANGE)
        if check:
            last_thumb, last_time = thumb, frame.time
        yield frame, "check" if check else "same" if changed < NEW_SCENE else "moved"


def check_frames(checker: Checker, frames: Iterator[Frame], part: str) -> list[MediaFinding]:
    """Check sampled frames; a finding seen on consecutive checks, or on a checked frame and
    the unchanged frames after it, becomes one finding over that time range."""
    from pausepost.media.check import check_pixels

    ranges: list[MediaFinding] = []
    latest: dict[tuple[str, str, str], int] = {}  # finding -> index of its latest range
    live: list[int] = []  # ranges seen on the last checked frame
    for frame, state in sampled(frames):
        time = round(frame.time, 2)
        if state == "same":
            for at in live:
                ranges[at] = _extended(ranges[at], time, None)
        if state != "check":
            continue
        seen_now: list[int] = []
        for found in check_pixels(checker, frame.pixels, part, time=time):
            key = (found.finding.rule, _evidence_key(found), found.action)
            previous = latest.get(key)
            if previous is not None and previous in live and previous not in seen_now:
                ranges[previous] = _extended(ranges[previous], time, found.finding.confidence)
                seen_now.append(previous)
            else:  # first seen, or seen again after a gap: a new range
                latest[key] = len(ranges)
                seen_now.append(len(ranges))
                ranges.append(found)
        live = seen_now
    return ranges


def _extended(found: MediaFinding, time: float, confidence: float | None) -> MediaFinding:
    finding = found.finding
    where = replace(finding.where, time_end=time)
    sure = finding.confidence if confidence is None else max(finding.confidence, confidence)
    return replace(found, finding=replace(finding, where=where, confidence=sure))


def _evidence_key(found: MediaFinding) -> str:
    # faces move: one "people" finding per run of frames, whatever the face's position
    if found.finding.rule == "image.people":
        return found.finding.message
    return " ".join(found.finding.evidence.lower().split())


def check_video_file(checker: Checker, path: str | Path, index: int) -> list[MediaFinding]:
    """Everything found in video number `index` of a post (raises InputError if unreadable)."""
    from pausepost.media.check import metadata_findings
    from pausepost.media.metadata import read_video_metadata

    part = f"video:{index}"
    found = check_frames(checker, video_frames(path), part)
    try:
        meta = read_video_metadata(path)
    except InputError:
        meta = None  # not an MP4/MOV container: OpenCV read it, there is no location box
    if meta is not None:
        found = metadata_findings(checker, meta, part) + found
    return found


def check_animation(checker: Checker, path: str | Path, index: int) -> list[MediaFinding]:
    """An animated photo (GIF, WebP, APNG): its frames checked like a video's."""
    return check_frames(checker, animation_frames(path), f"image:{index}")


