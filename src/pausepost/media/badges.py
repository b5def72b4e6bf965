"""Building passes and ID badges: several weak signals that together say "this is a pass".

No single cue is enough: "ID" appears on forms, faces appear everywhere. A pass is a card-like
shape, words such as PASS, VISITOR or STAFF, an employer's name, a pass number, a portrait and
a barcode; the more of them agree, the surer the finding, and it says what it saw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pausepost.media.ocr import Box, OcrText, union_box

# Words printed on passes, strongest first.
_PASS_WORDS = re.compile(
    r"\b(?:visitor|visitors|pass|passes|staff\s+pass|id\s+card|identity\s+card|security\s+pass|"
    r"contractor|escort(?:ed)?\s+(?:required|at\s+all\s+times)|must\s+be\s+worn|"
    r"building\s+pass|access\s+card|warrant\s+card)\b", re.IGNORECASE)
_WEAK_WORDS = re.compile(r"\b(?:staff|id|employee|badge|host|expires?|valid\s+(?:to|until)|"
                         r"issued|authorised|photo\s+id)\b", re.IGNORECASE)
_EMPLOYERS = re.compile(
    r"\b(?:department\s+(?:for|of)|ministry\s+of|hm\s+\w+|his\s+majesty'?s|home\s+office|"
    r"cabinet\s+office|jobcentre(?:\s+plus)?|dwp|hmrc|nhs|council|government|civil\s+service|"
    r"police|constabulary|agency|trust|university|ltd|plc)\b", re.IGNORECASE)
_PASS_NUMBER = re.compile(r"\b(?:pass|id|badge|card|staff|employee)\s*(?:no\.?|number|#|:)"
                          r"\s*[A-Z0-9-]{3,}\b|\b[A-Z]{0,3}\d{5,10}\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Badge:
    """A likely pass or badge: where, how sure, and the signals that agreed."""

    box: Box
    confidence: float
    signals: tuple[str, ...]

    def describe(self) -> str:
        return ", ".join(self.signals)


def find_badge(pixels: Any, ocr: OcrText, faces: Sequence[Box],
               codes: Sequence[Box]) -> Badge | None:
    """The pass or badge in a photo, if the signals add up to one."""
    text = ocr.text
    signals: list[str] = []
    boxes: list[Box] = []
    score = 0.0
    strong = list(_PASS_WORDS.finditer(text))
    if strong:
        words = sorted({m.group().upper() for m in strong})
        signals.append("the words " + ", ".join(words[:3]))
        score += 0.5
        boxes += [b for m in strong if (b := ocr.box_of(m.start(), m.end()))]
    weak = list(_WEAK_WORDS.finditer(text))
    if weak:
        score += 0.15
        if not strong:
            signals.append("the words " + ", ".join(sorted({m.group().upper()
                                                             for m in weak})[:3]))
        boxes += [b for m in weak if (b := ocr.box_of(m.start(), m.end()))]
    employer = _EMPLOYERS.search(text)
    if employer:
        score += 0.15
        signals.append(f"an employer's name ({employer.group()})")
    number = _PASS_NUMBER.search(text)
    if number:
        score += 0.15
        signals.append("a pass or staff number")
        if box := ocr.box_of(number.start(), number.end()):
            boxes.append(box)
    if not strong and not (weak and faces):
        return None  # without pass words, or a badge word beside a face, it is a guess
    card = _card_shape(pixels)  # only now: the outline search costs tens of milliseconds
    if card is not None:
        score += 0.15
        signals.append("a card-shaped outline")
    portrait = [f for f in faces if card is None or _inside(f, card)]
    if portrait and (strong or weak or card is not None):
        score += 0.2
        signals.append("a portrait photo")
        boxes += portrait[:1]
    if codes and (strong or weak or portrait):
        score += 0.1
        signals.append("a barcode")
        boxes += list(codes)
    if not strong and not (weak and portrait):
        return None  # without pass words, or a badge word beside a portrait, it is a guess
    if score < 0.6:
        return None
    box = card if card is not None and any(_inside(b, card) for b in boxes) else union_box(boxes)
    if box is None:
        return None
    return Badge(box=box, confidence=min(0.95, 0.4 + score * 0.5), signals=tuple(signals))


def _inside(inner: Box, outer: Box, slack: float = 0.15) -> bool:
    x, y, w, h = outer
    cx, cy = inner[0] + inner[2] / 2, inner[1] + inner[3] / 2
    return (x - w * slack <= cx <= x + w * (1 + slack)
            and y - h * slack <= cy <= y + h * (1 + slack))


def _card_shape(pixels: Any) -> Box | None:
    """The largest four-cornered outline with an ID card's proportions (85.6 × 54 mm, either
    way up), covering 3-90% of the picture."""
    import cv2
    import numpy as np

    height, width = pixels.shape[:2]
    scale = min(1.0, 800 / max(height, width))
    small = cv2.resize(pixels, (max(1, int(width * scale)), max(1, int(height * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    gray = cv2.cvtColor(np.ascontiguousarray(small), cv2.COLOR_RGB2GRAY)
    edges = cv2.Canny(cv2.GaussianBlur(gray, (5, 5), 0), 40, 120)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    area_all = float(small.shape[0] * small.shape[1])
    best: tuple[float, Box] | None = None
    for contour in contours:
        area = cv2.contourArea(contour)
        if not 0.03 * area_all <= area <= 0.9 * area_all:
            continue
        approx = cv2.approxPolyDP(contour, 0.03 * cv2.arcLength(contour, True), True)
        if len(approx) != 4 or not cv2.isContourConvex(approx):
            continue
        (_, _), (rw, rh), _ = cv2.minAreaRect(approx)
        if min(rw, rh) <= 0:
            continue
        ratio = max(rw, rh) / min(rw, rh)
        if not 1.35 <= ratio <= 1.85:
            continue
        x, y, w, h = cv2.boundingRect(approx)
        if best is None or area > best[0]:
            best = (area, (int(x / scale), int(y / scale), int(w / scale), int(h / scale)))
    return best[1] if best else None
