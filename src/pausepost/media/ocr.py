"""Text in photos, read offline by RapidOCR (PP-OCR ONNX models that ship in its wheel).

The words are laid out as one text (words joined by spaces, lines by newlines) so every text
rule can run on it, and each character offset of that text maps back to the box of its word.
"""

from __future__ import annotations

import functools
import logging
import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Box = tuple[int, int, int, int]  # x, y, width, height

# Photos are read at this long side. On the evaluation set it read more than full size did
# (PP-OCR's detector is tuned for text about this scale) and in half the time; text smaller
# than ~1/60 of a 12-megapixel photo's width is then lost.
WORKING_SIDE = 1280
# Below this a recognised word is more likely noise than text.
MIN_WORD_SCORE = 0.5
_LOCK = threading.Lock()  # one ONNX session; calls from the web app's threads take turns


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A word read from a photo, with its box and the recogniser's confidence."""

    text: str
    box: Box
    score: float


@dataclass(frozen=True, slots=True)
class OcrText:
    """What a photo says, as text, with a way back from text offsets to boxes."""

    text: str
    words: tuple[OcrWord, ...]
    starts: tuple[int, ...]  # text offset of each word

    def words_in(self, start: int, end: int) -> list[OcrWord]:
        """The words overlapping text span [start, end)."""
        first = max(0, bisect_right(self.starts, start) - 1)
        out = []
        for index in range(first, len(self.words)):
            a = self.starts[index]
            if a >= end:
                break
            if a + len(self.words[index].text) > start:
                out.append(self.words[index])
        return out

    def box_of(self, start: int, end: int) -> Box | None:
        """The box around the words of text span [start, end)."""
        return union_box([w.box for w in self.words_in(start, end)])

    def score_of(self, start: int, end: int) -> float:
        """The recogniser's lowest confidence over the words of the span."""
        return min((w.score for w in self.words_in(start, end)), default=0.0)


def union_box(boxes: Sequence[Box]) -> Box | None:
    """The smallest box holding all of `boxes`."""
    if not boxes:
        return None
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def _scaled(box: Box, factor: float, width: int, height: int) -> Box:
    x, y, w, h = box
    x0, y0 = int(x * factor), int(y * factor)
    return (x0, y0, max(1, min(width - x0, int((w + 1) * factor))),
            max(1, min(height - y0, int((h + 1) * factor))))


def _quad_box(quad: Any, width: int, height: int) -> Box:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    x0, y0 = max(0, int(min(xs))), max(0, int(min(ys)))
    x1, y1 = min(width, int(max(xs) + 0.999)), min(height, int(max(ys) + 0.999))
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


@functools.cache
def _engine() -> Any:
    # RapidOCR logs at INFO by default; the default models are the ones in the wheel (any
    # other choice would try to download and fail offline).
    from rapidocr import RapidOCR

    engine = RapidOCR(params={"Global.log_level": "critical"})
    logging.getLogger("RapidOCR").setLevel(logging.CRITICAL)
    return engine


def read_text(pixels: Any) -> OcrText:
    """Read the text of an RGB image (numpy array)."""
    height, width = int(pixels.shape[0]), int(pixels.shape[1])
    if min(height, width) < 8:
        return OcrText("", (), ())
    import cv2
    import numpy as np

    # RapidOCR takes arrays in OpenCV's BGR order; given RGB, blue ink on a yellow note
    # vanishes.
    bgr = np.ascontiguousarray(pixels[..., ::-1])
    scale = min(1.0, WORKING_SIDE / max(height, width))
    if scale < 1.0:
        bgr = cv2.resize(bgr, (max(1, round(width * scale)), max(1, round(height * scale))),
                         interpolation=cv2.INTER_AREA)
    with _LOCK:
        result = _engine()(bgr, return_word_box=True)
    lines = _lines(result, bgr.shape[1], bgr.shape[0])
    if scale < 1.0:
        lines = [[OcrWord(w.text, _scaled(w.box, 1 / scale, width, height), w.score)
                  for w in line] for line in lines]
    words: list[OcrWord] = []
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for line in lines:
        if parts:
            parts.append("\n")
            offset += 1
        for i, word in enumerate(line):
            if i:
                parts.append(" ")
                offset += 1
            starts.append(offset)
            words.append(word)
            parts.append(word.text)
            offset += len(word.text)
    return OcrText("".join(parts), tuple(words), tuple(starts))


def _lines(result: Any, width: int, height: int) -> list[list[OcrWord]]:
    """Lines of words from RapidOCR's output, falling back to whole-line boxes split evenly
    by character when it gives no word boxes."""
    texts = getattr(result, "txts", None) or ()
    boxes = getattr(result, "boxes", None)
    scores = getattr(result, "scores", None) or ()
    by_word = getattr(result, "word_results", None) or ()
    lines: list[list[OcrWord]] = []
    for index, text in enumerate(texts):
        score = float(scores[index]) if index < len(scores) else 0.0
        if score < MIN_WORD_SCORE or not str(text).strip():
            continue
        line: list[OcrWord] = []
        entries = by_word[index] if index < len(by_word) else ()
        for entry in entries or ():
            word, word_score, quad = entry[0], float(entry[1]), entry[2]
            if str(word).strip() and word_score >= MIN_WORD_SCORE:
                line.append(OcrWord(str(word).strip(), _quad_box(quad, width, height),
                                    word_score))
        if not line and boxes is not None and index < len(boxes):
            line = _split_line(str(text), _quad_box(boxes[index], width, height), score)
        if line:
            lines.append(line)
    return lines


def _split_line(text: str, box: Box, score: float) -> list[OcrWord]:
    x, y, w, h = box
    out = []
    position = 0
    length = max(1, len(text))
    for word in text.split():
        at = text.index(word, position)
        position = at + len(word)
        x0 = x + w * at // length
        x1 = x + w * position // length
        out.append(OcrWord(word, (x0, y, max(1, x1 - x0), h), score))
    return out
