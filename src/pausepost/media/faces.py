"""Find people's faces in a photo with OpenCV's bundled Haar cascades (no model download).

Two passes keep it fast and keep false positives low:

1. *Candidates*: the frontal (``alt2``) cascade on a grey copy of at most 0.4 megapixels, and
   the profile cascade (and the same on the mirrored image, for faces turned the other way) on
   a 0.08-megapixel copy. Raw windows are collected with ``minNeighbors=0`` and clustered here,
   so each candidate keeps both its number of windows and the cascade's last-stage weights.
2. *Verification*: every candidate is cut out of the full-resolution grey image, resized so the
   face is a fixed size, and scanned again densely (scale step 1.05, sizes near the candidate's)
   with the same cascade and, for frontal faces, the independently trained ``default`` cascade.
   A real face answers with many windows of high weight; texture that fooled one coarse pass
   (gravel, grass, cloth, text) rarely does. Re-reading the full resolution also recovers small
   faces, e.g. an ID-badge photo in a 12-megapixel picture.

Global histogram equalisation is deliberately not used: every Haar window is normalised by its
own mean and variance already, and equalising the whole image crushed the contrast of small
faces on large plain backgrounds while turning cat fur and rocket smoke into "profile faces".
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Any

import cv2
import cv2.data
import numpy as np
import numpy.typing as npt

__all__ = ["Face", "find_faces"]

from pausepost.media.pixels import GrayImage as _GrayImage
from pausepost.media.pixels import to_gray as _to_gray


@dataclass(frozen=True, slots=True)
class Face:
    """A face: ``box`` is ``(x, y, w, h)`` in the input image's pixels; ``confidence`` 0..1."""

    box: tuple[int, int, int, int]
    confidence: float


# Pixel budgets of the candidate passes, which cost time in proportion to their pixels. 0.4 MP
# (730x548 for 4:3) puts the smallest frontal face looked for (the 20 px cascade window) at
# ~3.7 % of a large photo's short side; profiles, rarer and scanned twice, at ~8 %. With the
# coarse scale steps below (verification rescans finely) a 12 MP photo takes ~0.15-0.25 s on
# a slow two-core machine.
_FRONTAL_AREA = 400_000
_PROFILE_AREA = 300_000  # smaller lost profile faces ~8% of a photo tall (eval set)
_CANDIDATE_STEP = 1.25
_MIN_WINDOW = 20  # alt2 and profile cascades are trained on 20x20 windows
# Candidate clusters with fewer raw windows than this are not worth verifying.
_MIN_FRONTAL_HITS = 2
_MIN_PROFILE_HITS = 3
# Verification: the candidate is rescaled to this face size and scanned for faces whose size is
# within these factors of it, at the finer scale step.
_VERIFY_SIZE = 64
_VERIFY_MIN = 0.6
_VERIFY_MAX = 1.6
_VERIFY_STEP = 1.05
_VERIFY_MARGIN = 0.5  # context around the candidate, in face widths
_VERIFY_IOU = 0.4
# Acceptance thresholds on the verification scan, tuned on scikit-image's photos (astronaut,
# cameraman, LFW subset) against its clean scenes and their rotated/blurred/rescaled variants.
# alt2's last-stage weight sits near 54 for anything that passes at all and above ~55.6 for
# real faces, so its mean top-3 weight is the sharpest single cue.
_ALT2_WEIGHT = 55.45
_ALT2_HITS = 12
_DEFAULT_HITS = 8
_PROFILE_VERIFY_HITS = 12
_PROFILE_WEIGHT = 1.0
_MERGE_OVERLAP = 0.5  # of the smaller box

_CASCADE_FILES = {
    "alt2": "haarcascade_frontalface_alt2.xml",
    "default": "haarcascade_frontalface_default.xml",
    "profile": "haarcascade_profileface.xml",
}
# Loaded lazily, once per thread: a CascadeClassifier keeps per-image state while it scans, so
# one instance must not serve two threads at the same time.
_local = threading.local()


def _cascade(name: str) -> Any:
    """This thread's instance of a bundled cascade (loading one parses ~1 MB of XML)."""
    cache: dict[str, Any] | None = getattr(_local, "cascades", None)
    if cache is None:
        cache = _local.cascades = {}
    cascade = cache.get(name)
    if cascade is None:
        path = cv2.data.haarcascades + _CASCADE_FILES[name]
        cascade = cv2.CascadeClassifier(path)
        if cascade.empty():
            raise RuntimeError(f"OpenCV could not load its bundled cascade {path}")
        cache[name] = cascade
    return cascade


def _shrink(gray: _GrayImage, area: int) -> tuple[_GrayImage, float]:
    """Downscale to at most ``area`` pixels (never upscale); return the image and its scale."""
    h, w = gray.shape
    scale = min(1.0, math.sqrt(area / (h * w)))
    if scale >= 1.0:
        return gray, 1.0
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    return np.asarray(small, dtype=np.uint8), scale


def _raw_windows(
    name: str,
    gray: _GrayImage,
    step: float,
    min_size: int,
    max_size: int = 0,
    mirror: bool = False,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Every window the cascade accepts (no grouping), with its last-stage weight."""
    img = np.ascontiguousarray(gray[:, ::-1]) if mirror else gray
    if min(img.shape) < min_size:
        return np.zeros((0, 4)), np.zeros(0)
    limits: dict[str, tuple[int, int]] = {"minSize": (min_size, min_size)}
    if max_size:
        limits["maxSize"] = (max_size, max_size)
    rects, _levels, weights = _cascade(name).detectMultiScale3(
        img, scaleFactor=step, minNeighbors=0, outputRejectLevels=True, **limits
    )
    boxes = np.asarray(rects, dtype=np.float64).reshape(-1, 4)
    scores = np.asarray(weights, dtype=np.float64).reshape(-1)
    if mirror and len(boxes):
        boxes[:, 0] = img.shape[1] - boxes[:, 0] - boxes[:, 2]
    return boxes, scores


def _clusters(boxes: npt.NDArray[np.float64], eps: float = 0.2) -> list[npt.NDArray[np.intp]]:
    """Group windows whose edges are all within ``eps`` of the smaller size (OpenCV's rule)."""
    n = len(boxes)
    if n == 0:
        return []
    a, b = boxes[:, None, :], boxes[None, :, :]
    delta = eps * 0.5 * (np.minimum(a[..., 2], b[..., 2]) + np.minimum(a[..., 3], b[..., 3]))
    ends_a, ends_b = a[..., :2] + a[..., 2:], b[..., :2] + b[..., 2:]
    close = (np.abs(a[..., :2] - b[..., :2]).max(-1) <= delta) & (
        np.abs(ends_a - ends_b).max(-1) <= delta
    )
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(close, 1)), strict=True):
        parent[root(int(i))] = root(int(j))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return [np.asarray(g, dtype=np.intp) for g in groups.values()]


def _iou(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], of_smaller: bool = False
) -> npt.NDArray[np.float64]:
    """IoU of each box in ``a`` (N, 4) with the single box ``b`` (4,).

    With ``of_smaller`` the intersection is divided by the smaller box's area instead, so a
    profile box lying inside a frontal box of the same face counts as overlapping.
    """
    x1 = np.maximum(a[:, 0], b[0])
    y1 = np.maximum(a[:, 1], b[1])
    x2 = np.minimum(a[:, 0] + a[:, 2], b[0] + b[2])
    y2 = np.minimum(a[:, 1] + a[:, 3], b[1] + b[3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area_a, area_b = a[:, 2] * a[:, 3], b[2] * b[3]
    denom = np.minimum(area_a, area_b) if of_smaller else area_a + area_b - inter
    return np.asarray(inter / denom, dtype=np.float64)


def _overlaps(boxes: list[npt.NDArray[np.float64]], box: npt.NDArray[np.float64]) -> bool:
    """Whether ``box`` covers at least half of, or half of it lies in, one of ``boxes``."""
    return bool(boxes) and float(_iou(np.array(boxes), box, True).max()) >= _MERGE_OVERLAP


def _top_mean(weights: npt.NDArray[np.float64], k: int = 3) -> float:
    """Mean of the ``k`` highest weights: robust to one lucky window, unlike the maximum."""
    return float(np.sort(weights)[-k:].mean()) if len(weights) else -math.inf


@dataclass(frozen=True, slots=True)
class _Check:
    """One cascade's dense rescan of a candidate."""

    hits: int  # windows overlapping the candidate
    weight: float  # mean of their top-3 last-stage weights
    box: npt.NDArray[np.float64]  # their mean box, full-resolution coordinates


class _Region:
    """A candidate cut out of the full-resolution grey image and rescaled for rescanning."""

    def __init__(self, gray: _GrayImage, box: npt.NDArray[np.float64]) -> None:
        x, y, w, h = box
        margin = _VERIFY_MARGIN * w
        x0, y0 = max(0, int(x - margin)), max(0, int(y - margin))
        x1 = min(gray.shape[1], math.ceil(x + w + margin))
        y1 = min(gray.shape[0], math.ceil(y + h + margin))
        self.k = _VERIFY_SIZE / w
        self.origin = np.array([x0, y0, 0.0, 0.0])
        size = (max(1, round((x1 - x0) * self.k)), max(1, round((y1 - y0) * self.k)))
        inter = cv2.INTER_AREA if self.k < 1 else cv2.INTER_LINEAR
        roi = cv2.resize(gray[y0:y1, x0:x1], size, interpolation=inter)
        self.roi = np.asarray(roi, dtype=np.uint8)
        self.target = (box - self.origin) * self.k
        self.fallback = box

    def check(self, name: str, mirror: bool = False) -> _Check:
        """Scan densely for faces of about the candidate's size, where it is."""
        boxes, weights = _raw_windows(
            name,
            self.roi,
            _VERIFY_STEP,
            int(_VERIFY_SIZE * _VERIFY_MIN),
            int(_VERIFY_SIZE * _VERIFY_MAX),
            mirror,
        )
        keep = _iou(boxes, self.target) >= _VERIFY_IOU if len(boxes) else np.zeros(0, bool)
        if not keep.any():
            return _Check(0, -math.inf, self.fallback)
        box = boxes[keep].mean(axis=0) / self.k + self.origin
        return _Check(int(keep.sum()), _top_mean(weights[keep]), box)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _alt2_agrees(alt2: _Check) -> bool:
    return alt2.hits >= _ALT2_HITS and alt2.weight >= _ALT2_WEIGHT


def _frontal_confidence(alt2: _Check, default: _Check) -> float:
    """0.5 exactly at the acceptance thresholds, rising with each margin above them."""
    if not _alt2_agrees(alt2) or default.hits < _DEFAULT_HITS:
        return 0.0
    z = (
        (alt2.weight - _ALT2_WEIGHT) / 0.25
        + math.log2(alt2.hits / _ALT2_HITS)
        + 0.5 * math.log2(default.hits / _DEFAULT_HITS)
    )
    return _sigmoid(z)


def _profile_confidence(check: _Check) -> float:
    if check.hits < _PROFILE_VERIFY_HITS or check.weight < _PROFILE_WEIGHT:
        return 0.0
    z = (check.weight - _PROFILE_WEIGHT) / 0.5 + math.log2(check.hits / _PROFILE_VERIFY_HITS)
    return _sigmoid(z)


def _candidates(
    small: _GrayImage, scale: float, step: float, cascade: str, mirror: bool, min_hits: int
) -> list[npt.NDArray[np.float64]]:
    """Cluster boxes from one coarse pass over ``small``, in full-resolution coordinates."""
    boxes, _weights = _raw_windows(cascade, small, step, _MIN_WINDOW, mirror=mirror)
    found = []
    for group in _clusters(boxes):
        if len(group) >= min_hits:
            found.append(boxes[group].mean(axis=0) / scale)
    return found


def find_faces(image: Any) -> list[Face]:
    """Return the faces (frontal or profile) in an RGB uint8 image, most confident first.

    Grey, single-channel and RGBA arrays are accepted too. The smallest faces looked for are
    20 px across or, in larger photos, about 4 % of the short side (8 % for profiles).
    """
    gray = _to_gray(image)
    if min(gray.shape) < _MIN_WINDOW:
        return []
    frontal, f_scale = _shrink(gray, _FRONTAL_AREA)
    profile, p_scale = _shrink(frontal, _PROFILE_AREA)  # shrinking 12 MP twice costs ~25 ms
    p_scale *= f_scale
    found: list[tuple[float, npt.NDArray[np.float64]]] = []
    for box in _candidates(frontal, f_scale, _CANDIDATE_STEP, "alt2", False, _MIN_FRONTAL_HITS):
        region = _Region(gray, box)
        alt2 = region.check("alt2")
        # The second cascade is the costlier scan; only ask it when alt2 is convinced.
        if _alt2_agrees(alt2):
            conf = _frontal_confidence(alt2, region.check("default"))
            if conf >= 0.5:
                found.append((conf, alt2.box))
    for mirror in (False, True):
        for box in _candidates(
            profile, p_scale, _CANDIDATE_STEP, "profile", mirror, _MIN_PROFILE_HITS
        ):
            if _overlaps([b for _, b in found], box):
                continue  # already found (a frontal face also looks half-profile)
            check = _Region(gray, box).check("profile", mirror)
            conf = _profile_confidence(check)
            if conf >= 0.5:
                found.append((conf, check.box))
    # A face seen twice (e.g. both profile sides of a three-quarter view) is reported once,
    # with its most confident box.
    found.sort(key=lambda item: -item[0])
    kept: list[tuple[float, npt.NDArray[np.float64]]] = []
    for conf, box in found:
        if not _overlaps([b for _, b in kept], box):
            kept.append((conf, box))
    h, w = gray.shape
    faces = []
    for conf, box in kept:
        x0, y0 = max(0, round(box[0])), max(0, round(box[1]))
        x1, y1 = min(w, round(box[0] + box[2])), min(h, round(box[1] + box[3]))
        faces.append(Face((x0, y0, x1 - x0, y1 - y0), round(conf, 3)))
    return faces
