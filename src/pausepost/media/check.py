"""Check a photo (or one video frame): metadata, text read from it, codes, passes, people.

Every finding carries the box it came from, so the report can show it and `redact` can cover
it. Text read from the picture goes through every text rule, exactly as typed text would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pausepost.detectors.base import Hit
from pausepost.model import Finding, Where
from pausepost.text.document import Document

if TYPE_CHECKING:
    from pausepost.engine import Checker
    from pausepost.media.loading import LoadedImage
    from pausepost.media.metadata import MediaMetadata
    from pausepost.media.ocr import Box, OcrText

# Metadata fields that name a person or their computer (EXIF, XMP, IPTC, Windows tags).
_NAME_FIELDS = ("artist", "owner", "author", "copyright", "by-line", "byline", "creator",
                "writer", "hostcomputer")
# Text read by OCR is only as sure as the reading: a finding on a word read at 0.6 is capped.
_OCR_TRUST_FLOOR = 0.5


@dataclass(frozen=True, slots=True)
class MediaFinding:
    """A finding in a picture, with what `redact` should do to its box."""

    finding: Finding
    action: str  # "blur" (faces), "cover" (text, codes, passes) or "strip" (metadata)


def check_image_file(checker: Checker, path: str | Path, index: int,
                     image: LoadedImage | None = None) -> list[MediaFinding]:
    """Everything found in photo number `index` of a post (raises InputError if unreadable);
    `image` is the photo already decoded, when the caller has it."""
    from pausepost.media.loading import load_image
    from pausepost.media.metadata import read_image_metadata

    image = image or load_image(path)
    found = metadata_findings(checker, read_image_metadata(path), f"metadata:{index}")
    if image.frames > 1:  # an animation: every frame may show something else
        from pausepost.media.video import check_animation

        return found + check_animation(checker, path, index)
    return found + check_pixels(checker, image.pixels, f"image:{index}")


def metadata_findings(checker: Checker, meta: MediaMetadata, part: str) -> list[MediaFinding]:
    """image.location findings for what a file's metadata gives away."""
    hits: list[tuple[Hit, str]] = []
    if meta.gps is not None:
        lat, lon = meta.gps
        hits.append((Hit("image.location", 0, 0, 0.95, "metadata: GPS position",
                         label="The place it was taken (GPS)"), f"GPS {lat:.5f}, {lon:.5f}"))
    if meta.serial:
        hits.append((Hit("image.location", 0, 0, 0.8, "metadata: camera serial number",
                         label="The camera's serial number"), f"serial {meta.serial}"))
    people = [f"{k}: {v}" for k, v in meta.other if v.strip() and any(
        word in k.lower() for word in _NAME_FIELDS)]
    if people:
        hits.append((Hit("image.location", 0, 0, 0.7, "metadata: names in the file",
                         label="Names of the owner or author"), "; ".join(people)))
    device = " ".join(v for v in (meta.make, meta.model) if v)
    if device or meta.taken:
        # Worth knowing but not a reason to pause by itself: a note.
        evidence = "; ".join(v for v in (device, f"taken {meta.taken}" if meta.taken else "")
                             if v)
        hits.append((Hit("image.location", 0, 0, 0.4, "metadata: device and time",
                         label="The camera model and time taken"), evidence))
    from pausepost.engine import explain

    return [MediaFinding(explain(hit, checker.policy, checker.profile, Where(part), evidence),
                         "strip") for hit, evidence in hits]


def check_pixels(checker: Checker, pixels: Any, part: str,
                 time: float | None = None) -> list[MediaFinding]:
    """Findings in one picture (a photo, or a frame of a video at `time` seconds)."""
    from pausepost.engine import explain
    from pausepost.media.badges import find_badge
    from pausepost.media.codes import parse_wifi, payload_text, read_codes
    from pausepost.media.faces import find_faces
    from pausepost.media.ocr import read_text

    found: list[MediaFinding] = []
    policy, profile = checker.policy, checker.profile

    def where(box: Box | None) -> Where:
        return Where(part, box=box, time=time)

    ocr = read_text(pixels)
    if ocr.text.strip():
        doc = Document(ocr.text, part)
        for hit in checker.text_hits(doc):
            if hit.reason.startswith("model:"):
                continue  # the models learnt posts, not the broken lines of a document
            box = ocr.box_of(hit.start, hit.end)
            trust = max(_OCR_TRUST_FLOOR, ocr.score_of(hit.start, hit.end))
            read = Hit(hit.rule, hit.start, hit.end, min(hit.confidence, trust),
                       f"read from the picture: {hit.reason}", label=hit.label,
                       target=hit.target, topic=hit.topic, detail=hit.detail, level=hit.level,
                       suggestion=hit.suggestion)
            found.append(MediaFinding(explain(read, policy, profile, where(box),
                                              ocr.text[hit.start:hit.end]), "cover"))

    codes = read_codes(pixels)
    for code in codes:
        wifi = parse_wifi(code.text)
        if wifi is not None:
            secret = "with its password" if wifi.password else "an open network"
            hit = Hit("security.secure-data", 0, 0, 0.95,
                      f"a Wi-Fi QR code for network {wifi.ssid!r}, {secret}",
                      label="Wi-Fi details in a QR code")
            found.append(MediaFinding(explain(hit, policy, profile, where(code.box),
                                              f"QR code: Wi-Fi network {wifi.ssid}"), "cover"))
            continue
        text = payload_text(code)
        if not text.strip():
            continue
        doc = Document(text, part)
        for hit in checker.text_hits(doc):
            inner = Hit(hit.rule, hit.start, hit.end, hit.confidence,
                        f"in a {code.format} code: {hit.reason}", label=hit.label,
                        target=hit.target, topic=hit.topic, detail=hit.detail,
                        level=hit.level)
            found.append(MediaFinding(explain(inner, policy, profile, where(code.box),
                                              f"{code.format}: {text[hit.start:hit.end]}"),
                                      "cover"))

    # Haar cascades sometimes see a face in a block of print; a "face" that OCR reads words
    # across is text.
    faces = [f for f in find_faces(pixels) if _text_cover(f.box, ocr) < 0.2]
    badge = find_badge(pixels, ocr, [f.box for f in faces], [c.box for c in codes])
    if badge is not None:
        hit = Hit("security.secure-data", 0, 0, badge.confidence,
                  f"looks like a building pass or ID badge: {badge.describe()}",
                  label="A building pass or ID badge")
        found.append(MediaFinding(explain(hit, policy, profile, where(badge.box),
                                          f"pass or badge ({badge.describe()})"), "cover"))
    for number, face in enumerate(faces, 1):
        label = "A person's face" if len(faces) == 1 else f"A face ({number} of {len(faces)})"
        hit = Hit("image.people", 0, 0, face.confidence, "a face in the picture", label=label)
        found.append(MediaFinding(explain(hit, policy, profile, where(face.box),
                                          f"face at {face.box[0]},{face.box[1]}"), "blur"))
    return found


def _text_cover(box: Box, ocr: OcrText) -> float:
    """The share of `box` covered by words OCR read (real words: a stray "2" read off a
    face's shading does not count)."""
    x, y, w, h = box
    covered = 0
    for word in ocr.words:
        if sum(c.isalnum() for c in word.text) < 3:
            continue
        wx, wy, ww, wh = word.box
        dx = min(x + w, wx + ww) - max(x, wx)
        dy = min(y + h, wy + wh) - max(y, wy)
        if dx > 0 and dy > 0:
            covered += dx * dy
    return covered / max(1, w * h)
