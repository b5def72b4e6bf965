"""Generate a labelled, deterministic photo set for evaluating pausepost's media checks.

    python eval/media/generate.py OUTDIR [--seed 7] [--per-kind 6]

Writes one image per (kind, variant, form) and ``manifest.jsonl`` to OUTDIR. Everything is drawn
with Pillow, NumPy and OpenCV, or taken from the photographs shipped inside scikit-image;
nothing is downloaded. The same seed gives byte-identical files on the same machine (fonts
differ only if the DejaVu fonts are installed on one machine and not another).

Each manifest row says which rules the checker must raise (``expect``) and which it may also
raise without being wrong (``allow``); see README.md in this folder.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import piexif
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter, ImageFont

RULES = (
    "security.secure-data",
    "disclosure.personal-data",
    "disclosure.official",
    "image.people",
    "image.location",
)
SECURE, PERSONAL, OFFICIAL, PEOPLE, LOCATION = RULES

Rng = np.random.Generator
RGB = tuple[int, int, int]

# --------------------------------------------------------------------------- fonts

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_FAMILIES = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "sans-oblique": "DejaVuSans-Oblique.ttf",
    "cond": "DejaVuSansCondensed.ttf",
    "cond-bold": "DejaVuSansCondensed-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "mono-bold": "DejaVuSansMono-Bold.ttf",
}
# Families a hand-written marker note may use; upright or slightly slanted, fairly heavy.
MARKER = ("sans-bold", "cond-bold", "sans-oblique", "sans", "default")
PRINT = ("sans", "cond", "serif", "default")
PRINT_BOLD = ("sans-bold", "cond-bold", "serif-bold", "default")


@cache
def font(family: str, size: int) -> ImageFont.FreeTypeFont:
    """A font of `family` at `size` px; Pillow's built-in scalable font when DejaVu is absent."""
    path = _DEJAVU / _FAMILIES.get(family, "")
    if family != "default" and path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)  # type: ignore[return-value]


def pick(rng: Rng, items: Sequence):
    """One element of `items`, chosen by `rng`."""
    return items[int(rng.integers(len(items)))]


def text_width(text: str, fnt: ImageFont.FreeTypeFont) -> int:
    left, _, right, _ = fnt.getbbox(text)
    return int(right - left)


def fit_font(family: str, text: str, size: int, max_width: int, min_size: int = 28
             ) -> ImageFont.FreeTypeFont:
    """The largest font up to `size` that fits `text` in `max_width` (never below `min_size`)."""
    while size > min_size and text_width(text, font(family, size)) > max_width:
        size -= 2
    return font(family, size)


def wrap(text: str, fnt: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Greedy word wrap to `max_width` pixels."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and text_width(trial, fnt) > max_width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


# --------------------------------------------------------------------------- textures


def lowfreq(rng: Rng, w: int, h: int, cells: int = 4) -> np.ndarray:
    """Smooth random field in [0, 1], shape (h, w): lighting, stains, grain wobble."""
    small = rng.random((cells, cells)).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC).clip(0, 1)


def noise(rng: Rng, w: int, h: int, sigma: float) -> np.ndarray:
    return rng.normal(0.0, sigma, (h, w, 1)).astype(np.float32)


def to_img(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def plain(rng: Rng, w: int, h: int, colour: RGB, shade: float = 0.08, grain: float = 2.0
          ) -> Image.Image:
    """A painted wall or paper: a flat colour with gentle shading and fine grain."""
    base = np.array(colour, np.float32)[None, None, :]
    light = 1.0 + shade * (lowfreq(rng, w, h) - 0.5)[..., None]
    return to_img(base * light + noise(rng, w, h, grain))


def wood(rng: Rng, w: int, h: int) -> Image.Image:
    """A wooden desk or café table: wavy grain over a brown tone."""
    colour = pick(rng, [(152, 106, 66), (118, 80, 52), (186, 150, 108), (96, 70, 50),
                        (205, 182, 150), (140, 120, 100)])
    long_side = max(w, h)
    yy = np.arange(long_side, dtype=np.float32)[:, None]
    wobble = lowfreq(rng, long_side, long_side, 6) * 9.0
    period = rng.uniform(14, 30)
    grain = np.sin(2 * np.pi * (yy / period + wobble))
    fine = rng.normal(0, 1, (long_side, long_side)).astype(np.float32)
    fine = cv2.GaussianBlur(fine, (0, 0), sigmaX=6, sigmaY=0.8)
    field_ = 1.0 + 0.07 * grain + 0.10 * fine + 0.12 * (lowfreq(rng, long_side, long_side) - 0.5)
    field_ = field_[:h, :w] if rng.random() < 0.5 else field_.T[:h, :w]
    return to_img(np.array(colour, np.float32) * field_[..., None])


def fabric(rng: Rng, w: int, h: int) -> Image.Image:
    """A shirt or jumper: a woven pattern in a clothing colour."""
    colour = pick(rng, [(32, 44, 80), (60, 60, 66), (112, 36, 48), (150, 180, 215),
                        (40, 90, 70), (190, 185, 175)])
    yy, xx = np.mgrid[0:h, 0:w]
    weave = (((xx // 3) + (yy // 3)) % 2).astype(np.float32) - 0.5
    arr = np.array(colour, np.float32) * (1 + 0.08 * weave[..., None])
    arr = arr * (1 + 0.18 * (lowfreq(rng, w, h, 3) - 0.5))[..., None]
    return to_img(arr + noise(rng, w, h, 4))


@cache
def _skimage(name: str) -> np.ndarray:
    from skimage import data  # dev dependency; imported late so the module loads without it

    arr = getattr(data, name)()
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    return np.ascontiguousarray(arr[..., :3])


def tiled(rng: Rng, name: str, w: int, h: int) -> Image.Image:
    """A scikit-image texture (brick, grass, gravel) scaled to cover the picture, and tinted.

    Scaled rather than tiled: the photographs are not seamless, and tiles show their joins.
    """
    grey = _skimage(name)[..., 0].astype(np.float32) / 255.0
    scale = max(w, h) / min(grey.shape) * rng.uniform(1.0, 1.25)
    grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    y0 = int(rng.integers(0, grey.shape[0] - h + 1))
    x0 = int(rng.integers(0, grey.shape[1] - w + 1))
    grey = grey[y0:y0 + h, x0:x0 + w]
    tints = {"brick": (205, 120, 95), "grass": (120, 190, 90), "gravel": (200, 190, 175)}
    arr = grey[..., None] * np.array(tints.get(name, (200, 200, 200)), np.float32)
    return to_img(arr + noise(rng, w, h, 2.0))


def surface(rng: Rng, w: int, h: int, kinds: Sequence[str] = ("wood", "fabric", "brick", "wall"),
            variant: int | None = None) -> tuple[Image.Image, str]:
    """A background to lay an object on, and a word for the notes.

    With `variant`, the kinds are taken in turn so that a kind's few variants differ.
    """
    kind = kinds[variant % len(kinds)] if variant is not None else pick(rng, kinds)
    if kind == "wood":
        return wood(rng, w, h), "wooden desk"
    if kind == "fabric":
        return fabric(rng, w, h), "fabric"
    if kind in ("brick", "grass", "gravel"):
        return tiled(rng, kind, w, h), f"{kind} texture"
    colour = pick(rng, [(222, 218, 205), (200, 210, 220), (235, 225, 200), (180, 190, 180)])
    return plain(rng, w, h, colour, 0.15, 3.0), "painted wall"


# --------------------------------------------------------------------------- drawing


def rgba(size: tuple[int, int], colour: tuple[int, ...] = (0, 0, 0, 0)) -> Image.Image:
    return Image.new("RGBA", size, colour)


def place(bg: Image.Image, obj: Image.Image, centre: tuple[float, float], angle: float = 0.0,
          shadow: float = 0.45) -> None:
    """Paste an RGBA object rotated by `angle` degrees at `centre`, with a soft drop shadow."""
    rot = obj.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    x = int(centre[0] - rot.width / 2)
    y = int(centre[1] - rot.height / 2)
    if shadow > 0:
        alpha = rot.getchannel("A").filter(ImageFilter.GaussianBlur(max(4, rot.width // 60)))
        shade = Image.new("RGB", rot.size, (0, 0, 0))
        mask = alpha.point(lambda v: int(v * shadow))
        off = max(4, rot.width // 70)
        bg.paste(shade, (x + off, y + off), mask)
    bg.paste(rot, (x, y), rot)


def hand_line(img: Image.Image, xy: tuple[int, int], text: str, fnt: ImageFont.FreeTypeFont,
              colour: RGB, rng: Rng, wobble: float = 0.02) -> tuple[int, float]:
    """Write `text` word by word with a slight slope and bounce, like a person with a pen.

    Returns the x coordinate after the last word and the slope, so a caller can underline it.
    """
    x, y = xy
    slope = float(rng.uniform(-wobble, wobble))
    space = int(fnt.getlength(" ") * 1.4)
    for word in text.split(" "):
        if not word:
            x += space
            continue
        left, _top, right, bottom = fnt.getbbox(word)
        layer = rgba((right - left + 8, bottom + 8))
        ImageDraw.Draw(layer).text((4 - left, 4), word, font=fnt, fill=(*colour, 255))
        layer = layer.rotate(rng.uniform(-2.5, 2.5), resample=Image.Resampling.BICUBIC,
                             expand=True)
        dy = int(slope * (x - xy[0]) + rng.normal(0, fnt.size * 0.03))
        img.paste(layer, (x - 4, y + dy - 4), layer)
        x += right - left + space
    return x - space, slope


def rounded_card(size: tuple[int, int], radius: int, fill: RGB) -> Image.Image:
    """An RGBA card with transparent rounded corners."""
    card = rgba(size)
    ImageDraw.Draw(card).rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius,
                                           fill=(*fill, 255))
    return card


def barcode_image(text: str, fmt: zxingcpp.BarcodeFormat, scale: int) -> Image.Image:
    """A QR code or 1-D barcode drawn by zxing-cpp's writer, as an RGB image."""
    code = zxingcpp.create_barcode(text, fmt)
    arr = np.asarray(code.to_image(scale=scale, add_quiet_zones=True))
    return Image.fromarray(arr).convert("RGB")


def paste_photo(card: Image.Image, photo: np.ndarray, box: tuple[int, int, int, int]) -> None:
    x0, y0, x1, y1 = box
    face = cv2.resize(photo, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
    card.paste(Image.fromarray(face), (x0, y0))


# --------------------------------------------------------------------------- wording

FIRST = ["Sarah", "James", "Priya", "Tom", "Aisha", "David", "Emma", "Kwame", "Rachel",
         "Owen", "Fatima", "Liam", "Hannah", "Marek", "Grace", "Ian"]
LAST = ["Thompson", "Patel", "Clarke", "Okafor", "Davies", "Nowak", "Hughes", "Khan",
        "Robertson", "Evans", "Campbell", "Ahmed", "Wright", "Murphy", "Walsh", "Bennett"]
TITLES = {"Sarah": "Ms", "Priya": "Mrs", "Aisha": "Ms", "Emma": "Miss", "Rachel": "Mrs",
          "Fatima": "Mrs", "Hannah": "Ms", "Grace": "Miss"}
STREETS = ["Meadow Lane", "Acacia Avenue", "Church Street", "Victoria Road", "Mill Close",
           "Station Road", "Park Terrace", "Hawthorn Drive", "Queen's Crescent", "Beech Grove"]
TOWNS = [("Leeds", "LS6"), ("Manchester", "M14"), ("Sheffield", "S11"), ("Cardiff", "CF24"),
         ("Newcastle upon Tyne", "NE6"), ("Birmingham", "B29"), ("Glasgow", "G12"),
         ("Bristol", "BS7"), ("Norwich", "NR2"), ("Belfast", "BT9"), ("Swansea", "SA1"),
         ("Preston", "PR1")]
ORGS = [("Department for Work and Pensions", (0, 112, 60)),
        ("HM Revenue & Customs", (0, 134, 112)),
        ("Jobcentre Plus", (16, 64, 140)),
        ("Home Office", (120, 40, 150)),
        ("Ministry of Justice", (20, 20, 20)),
        ("Cabinet Office", (0, 94, 165))]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def person(rng: Rng) -> tuple[str, str, str]:
    """(first name, surname, title)."""
    first = pick(rng, FIRST)
    return first, pick(rng, LAST), TITLES.get(first, "Mr")


def postcode(rng: Rng, outward: str) -> str:
    """A UK postcode in the valid shape: outward code, then digit + two letters."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters the inward code may use
    return f"{outward} {rng.integers(1, 10)}{pick(rng, letters)}{pick(rng, letters)}"


def address(rng: Rng) -> tuple[str, str, str]:
    """(street line, town, postcode)."""
    town, outward = pick(rng, TOWNS)
    return f"{rng.integers(2, 140)} {pick(rng, STREETS)}", town, postcode(rng, outward)


def nino(rng: Rng, style: int) -> str:
    """A National Insurance number in a valid shape, spaced one of four common ways."""
    first = "ABCEGHJKLMNOPRSTWXYZ"  # D F I Q U V never start a NINO
    second = "ABCEGHJKLMNPRSTWXYZ"  # ...nor D F I O Q U V second
    while True:
        prefix = pick(rng, first) + pick(rng, second)
        if prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            break
    digits = "".join(str(d) for d in rng.integers(0, 10, 6))
    suffix = pick(rng, "ABCD")
    return [f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}",
            f"{prefix}{digits}{suffix}",
            f"{prefix} {digits} {suffix}",
            f"{prefix}{digits[:2]} {digits[2:4]} {digits[4:]}{suffix}"][style % 4]


def drama_phone(rng: Rng) -> str:
    """A mobile number in Ofcom's range reserved for drama (07700 900000-900999)."""
    return f"07700 900{rng.integers(0, 1000):03d}"


def date_text(rng: Rng, style: int) -> str:
    day, month, year = int(rng.integers(1, 29)), int(rng.integers(1, 13)), int(
        rng.integers(2023, 2026))
    if style % 2:
        return f"{day:02d}/{month:02d}/{year}"
    return f"{day} {MONTHS[month - 1]} {year}"


# --------------------------------------------------------------------------- samples


@dataclass
class Sample:
    """One rendered picture and its labels, before the flat and phone forms are written."""

    image: Image.Image
    notes: str
    expect: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    source: str = "generated"
    photo: bool = False  # a photograph: the flat form is a JPEG, not a PNG
    exif: bytes | None = None  # written into both forms (GPS photos)


def landscape(rng: Rng) -> tuple[int, int]:
    return int(rng.integers(1300, 1601)), int(rng.integers(900, 1101))


def portrait(rng: Rng) -> tuple[int, int]:
    return int(rng.integers(1000, 1151)), int(rng.integers(1350, 1551))


# ---- whiteboards

MARKERS: list[RGB] = [(28, 30, 36), (24, 58, 165), (185, 30, 42), (22, 118, 62)]
UNRELATED = ["Team stand-up 9:30", "Q3 priorities", "Actions:", "- chase finance sign-off",
             "- book room for retro", "Sprint 14 goals", "Parking lot", "Lunch & learn Weds",
             "Risks / issues", "Comms plan draft", "Budget review Thurs", "1. Onboarding",
             "2. Service design", "User research sessions", "Next steps"]
BENIGN = ["Bake sale Friday!", "Well done team", "Stand-up 9:30", "Retro: what went well?",
          "Tea round: Dave", "Fire drill Tues 11am", "Happy birthday Jo!", "Q3 priorities",
          "Book club - chapter 4", "Remember to recycle", "Charity quiz night", "Welcome Sam!"]
SSIDS = ["DWP-Guest", "LeedsHub-Staff", "HMRC-Visitor", "Quarry-House-WiFi", "BXL-Floor3",
         "SheffieldHub-Staff", "MoJ-Meeting", "CO-Guest-5G", "Caxton-Events", "JCP-Office"]
PASSWORDS = ["Sunflower#2024", "Welcome2Leeds!", "Guest@Floor3", "PurpleTiger88",
             "Spring2025!", "Kettle-77-Blue", "Octopus!419", "TeaBreak2024",
             "Rainbow$Bridge5", "Pennine#Walk22"]


def wifi_lines(rng: Rng, style: int) -> tuple[list[str], str]:
    """A Wi-Fi network and password written one of the ways people write them on a board."""
    ssid, pw = pick(rng, SSIDS), pick(rng, PASSWORDS)
    styles = [
        [f"WiFi: {ssid} / pw: {pw}"],
        [f"Network: {ssid}", f"Password: {pw}"],
        [f"wifi pass - {pw}"],
        ["Guest Wi-Fi", f"SSID: {ssid}", f"Key: {pw}"],
        [f"WIFI = {ssid}", f"PW = {pw}"],
        [f"Wi-Fi password: {pw}"],
        [f"wifi {ssid}", f"pwd {pw}"],
    ]
    lines = styles[style % len(styles)]
    return lines, " | ".join(lines)


def board(rng: Rng, w: int, h: int, flipchart: bool
          ) -> tuple[Image.Image, tuple[int, int, int, int], str]:
    """A whiteboard on a wall or a flipchart sheet; returns the image and its writable box."""
    if not flipchart:
        img, _ = surface(rng, w, h, ("wall", "brick"))
        m = int(min(w, h) * rng.uniform(0.03, 0.07))
        draw = ImageDraw.Draw(img)
        draw.rectangle((m, m, w - m, h - m), fill=(172, 176, 182))  # aluminium frame
        inner = (m + 14, m + 14, w - m - 14, h - m - 14)
        white = plain(rng, inner[2] - inner[0], inner[3] - inner[1],
                      pick(rng, [(246, 247, 244), (240, 242, 240), (248, 246, 238)]), 0.10, 1.5)
        # Ghosts of old, badly wiped writing: a real board is rarely clean.
        ghost = ImageDraw.Draw(white)
        for _ in range(int(rng.integers(2, 6))):
            x, y = rng.integers(0, white.width - 200), rng.integers(0, white.height - 60)
            ghost.line((x, y, x + rng.integers(80, 300), y + rng.integers(-20, 20)),
                       fill=(222, 224, 226), width=int(rng.integers(4, 10)))
        white = white.filter(ImageFilter.GaussianBlur(1.2))
        img.paste(white, inner[:2])
        draw.rectangle((m, h - m - 6, w - m, h - m + 18), fill=(150, 154, 160))  # pen tray
        return img, (inner[0] + 40, inner[1] + 30, inner[2] - 40, inner[3] - 30), "whiteboard"
    img, _ = surface(rng, w, h, ("wall",))
    sx0, sx1 = int(w * 0.08), int(w * 0.92)
    sheet = plain(rng, sx1 - sx0, h, (250, 250, 246), 0.06, 1.5)
    sd = ImageDraw.Draw(sheet)
    for y in range(60, h, 90):  # faint ruled grid of flipchart paper
        sd.line((0, y, sheet.width, y), fill=(225, 232, 240), width=2)
    img.paste(sheet, (sx0, 0))
    return img, (sx0 + 50, 50, sx1 - 50, h - 40), "flipchart"


def write_board(rng: Rng, img: Image.Image, box: tuple[int, int, int, int],
                blocks: list[tuple[list[str], bool]]) -> None:
    """Write blocks of lines on a board; a block flagged True gets boxed or underlined."""
    x0, y0, x1, y1 = box
    family = pick(rng, MARKER)
    size = int(rng.integers(60, 92))
    lead = int(size * rng.uniform(1.3, 1.5))
    longest = max((ln for lines, _ in blocks for ln in lines), key=len)
    ncols = 1
    if len(blocks) > 2 and text_width(longest, font(family, size)) < (x1 - x0) // 2 - 100:
        ncols = 2 if rng.random() < 0.6 else 1
    col_w = (x1 - x0) // ncols
    columns = [blocks[c::ncols] for c in range(ncols)]
    d = ImageDraw.Draw(img)
    for c, column in enumerate(columns):
        fnt = fit_font(family, max((ln for b in column for ln in b[0]), key=len), size,
                       col_w - 80, min_size=36)
        used = sum(lead * len(lines) for lines, _ in column)
        # Spread the blocks down the board with uneven gaps, as people write them.
        spare = max(0, (y1 - y0) - used)
        gaps = rng.dirichlet(np.ones(len(column) + 1)) * spare * 0.85
        y = y0 + int(gaps[0])
        for (lines, important), gap in zip(column, gaps[1:], strict=True):
            if y + lead * len(lines) > y1:
                break  # the board is full; drop the rest rather than draw off the edge
            colour = pick(rng, MARKERS)
            x = x0 + c * col_w + int(rng.integers(0, 50))
            top, right, slope = y, x, 0.0
            for line in lines:
                end, slope = hand_line(img, (x, y), line, fnt, colour, rng)
                right = max(right, end)
                y += lead
            if important and rng.random() < 0.7:
                pen = pick(rng, MARKERS)
                drift = slope * (right - x)
                bottom = y - lead + int(fnt.size * 1.25)
                if rng.random() < 0.5:
                    d.rounded_rectangle((x - 24, top - 20 + min(0, drift), right + 16,
                                         bottom + 12 + max(0, drift)), 20, outline=pen, width=5)
                else:
                    d.line((x, bottom, right, bottom + drift), fill=pen, width=5)
            y += int(gap)


def make_wifi_whiteboard(rng: Rng, i: int) -> Sample:
    flipchart = i % 3 == 2  # flipcharts are portrait sheets; whiteboards are wide
    w, h = portrait(rng) if flipchart else landscape(rng)
    img, box, what = board(rng, w, h, flipchart)
    wifi, wifi_note = wifi_lines(rng, i)
    others = [[t] for t in rng.choice(UNRELATED, size=int(rng.integers(2, 4)), replace=False)]
    blocks: list[tuple[list[str], bool]] = [(list(o), False) for o in others]
    blocks.insert(int(rng.integers(0, len(blocks) + 1)), (wifi, True))
    write_board(rng, img, box, blocks)
    return Sample(img, f"{what} with marker notes and Wi-Fi details: {wifi_note}", [SECURE])


# ---- sticky note

DOOR_CODES = ["Door code {n}#", "Key safe: {n}", "Alarm code {n}", "Side door {n}X",
              "Front door - {n}*", "Comms room {n}", "Gate code: {n}", "Bike store {n}#"]
NOTE_EXTRA = ["call Sam back", "milk!", "", "", "(don't share)", "new from Mon", ""]


def desk_scene(rng: Rng, w: int, h: int, monitor: bool) -> tuple[Image.Image, str]:
    """A monitor bezel with part of the screen, or a desk with part of a keyboard."""
    if monitor:
        img = plain(rng, w, h, pick(rng, [(28, 29, 32), (42, 43, 46), (18, 18, 20)]), 0.3, 2)
        d = ImageDraw.Draw(img)
        sx = int(w * rng.uniform(-0.2, 0.05))
        sy = int(h * rng.uniform(-0.3, -0.05))
        ex, ey = int(w * rng.uniform(0.55, 0.7)), int(h * rng.uniform(0.45, 0.62))
        d.rectangle((sx, sy, ex, ey), fill=pick(rng, [(208, 222, 238), (235, 235, 235),
                                                      (40, 90, 150)]))
        for y in range(max(sy, 0) + 20, ey - 10, 34):  # spreadsheet rows, no legible text
            d.line((max(sx, 0), y, ex, y), fill=(170, 180, 190), width=2)
        return img, "monitor bezel"
    img = wood(rng, w, h)
    d = ImageDraw.Draw(img)
    kx, ky = int(w * rng.uniform(0.55, 0.7)), int(h * rng.uniform(0.45, 0.6))
    d.rounded_rectangle((kx, ky, w + 40, h + 40), 18, fill=(55, 56, 60))
    for r in range(6):
        for c in range(14):
            x, y = kx + 16 + c * 58, ky + 16 + r * 58
            d.rounded_rectangle((x, y, x + 50, y + 50), 6, fill=(75, 76, 80))
    return img, "desk with keyboard"


def make_door_code_note(rng: Rng, i: int) -> Sample:
    w, h = landscape(rng)
    img, what = desk_scene(rng, w, h, i % 2 == 0)
    side = int(min(w, h) * rng.uniform(0.5, 0.62))
    colour = [(252, 238, 110), (250, 230, 90), (255, 242, 130), (250, 200, 215),
              (255, 236, 100)][i % 5]
    note = plain(rng, side, side, colour, 0.12, 2.5).convert("RGBA")
    nd = ImageDraw.Draw(note)
    darker = tuple(int(c * 0.93) for c in colour)
    nd.rectangle((0, 0, side, side // 7), fill=(*darker, 255))  # the glued strip
    code = str(rng.integers(0, 10000)).zfill(4)
    line = DOOR_CODES[i % len(DOOR_CODES)].format(n=code)
    extra = pick(rng, NOTE_EXTRA)
    family = pick(rng, MARKER)
    ink = pick(rng, [(20, 20, 30), (20, 50, 150), (150, 20, 30)])
    words = line.split(" ")
    # Sticky notes are narrow: people often break the label and the code onto two lines.
    lines = [" ".join(words[:-1]), words[-1]] if i % 2 == 1 else [line]
    fnt = fit_font(family, max(lines, key=len), int(side * rng.uniform(0.13, 0.17)),
                   int(side * 0.8), min_size=36)
    y = int(side * rng.uniform(0.22, 0.3))
    for ln in lines:
        hand_line(note, (int(side * 0.08), y), ln, fnt, ink, rng)
        y += int(fnt.size * 1.45)
    if extra:
        small = fit_font(family, extra, max(36, int(fnt.size * 0.75)), int(side * 0.8), 32)
        hand_line(note, (int(side * 0.08), y + 10), extra, small, ink, rng)
    cx = w * rng.uniform(0.35, 0.65)
    cy = h * rng.uniform(0.42, 0.58)
    place(img, note, (cx, cy), rng.uniform(-10, 10), 0.35)
    return Sample(img, f"sticky note on a {what}: '{line}'" + (f" + '{extra}'" if extra else ""),
                  [SECURE])


# ---- ID badge


def face_crop() -> np.ndarray:
    """Eileen Collins's face and shoulders from scikit-image's astronaut photo."""
    return _skimage("astronaut")[15:235, 145:335]


def lanyard(img: Image.Image, rng: Rng, top: tuple[int, int], colour: RGB) -> None:
    """Two strap ends rising from the card's clip towards the wearer's neck."""
    d = ImageDraw.Draw(img)
    x, y = top
    spread = int(rng.integers(80, 220))
    lean = int(rng.integers(-80, 80))
    for side in (-1, 1):
        tx = x + lean + side * spread
        d.polygon([(x + side * 6, y), (x + side * 6 + side * 34, y), (tx + side * 34, -10),
                   (tx, -10)], fill=colour)
    d.rectangle((x - 14, y - 30, x + 14, y + 10), fill=(150, 150, 155))  # the clip


def make_id_badge(rng: Rng, i: int) -> Sample:
    w, h = landscape(rng) if rng.random() < 0.6 else portrait(rng)
    bg, what = surface(rng, w, h, ("wood", "fabric", "brick", "grass"), i)
    org, band = ORGS[i % len(ORGS)]
    first, last, _ = person(rng)
    number = str(rng.integers(0, 10_000_000)).zfill(7)
    label = pick(rng, ["Pass No. {n}", "Pass number: {n}", "ID No. {n}", "Staff No. {n}"])
    number_text = label.format(n=number)
    kind_word = pick(rng, ["STAFF", "STAFF PASS", "STAFF ID", "ID PASS", "BUILDING PASS"])
    # The card covers 25-60 % of the picture; card sizes follow from that share.
    share = rng.uniform(0.27, 0.55)
    vertical = rng.random() < 0.65
    ratio = 54 / 85.6  # an ISO ID-1 card
    area = share * w * h
    cw = int(math.sqrt(area * (ratio if vertical else 1 / ratio)))
    ch = int(area / cw)
    cw, ch = min(cw, int(w * 0.8)), min(ch, int(h * 0.85))
    header_white = i % 3 == 1
    card = rounded_card((cw, ch), cw // 18, (250, 250, 248) if rng.random() < 0.8
                        else (236, 242, 250))
    d = ImageDraw.Draw(card)
    band_h = int(ch * (0.2 if vertical else 0.24))
    if not header_white:
        d.rounded_rectangle((0, 0, cw - 1, band_h), cw // 18, fill=(*band, 255))
        d.rectangle((0, band_h // 2, cw - 1, band_h), fill=(*band, 255))
    org_colour = (255, 255, 255) if not header_white else band
    org_font = font(pick(rng, PRINT_BOLD), max(28, int(cw * 0.062)))
    org_lines = wrap(org, org_font, cw - 60)
    y = max(14, (band_h - len(org_lines) * int(org_font.size * 1.2)) // 2)
    for ln in org_lines:
        d.text((30, y), ln, font=org_font, fill=org_colour)
        y += int(org_font.size * 1.2)
    if header_white:
        d.line((24, band_h, cw - 24, band_h), fill=band, width=6)
    body = font(pick(rng, PRINT), max(28, int(cw * (0.058 if vertical else 0.045))))
    bold = font(pick(rng, PRINT_BOLD), max(30, int(cw * (0.075 if vertical else 0.055))))
    if vertical:  # photo centred, text below
        pw = int(cw * 0.5)
        ph = int(pw * 220 / 190)
        px, py = (cw - pw) // 2, band_h + int(ch * 0.03)
        text_x, ty = int(cw * 0.08), py + ph + int(ch * 0.025)
    else:  # photo left, text right
        ph = int((ch - band_h) * 0.62)
        pw = int(ph * 190 / 220)
        px, py = int(cw * 0.05), band_h + int(ch * 0.05)
        text_x, ty = px + pw + int(cw * 0.05), py
    paste_photo(card, face_crop(), (px, py, px + pw, py + ph))
    d.rectangle((px - 2, py - 2, px + pw + 1, py + ph + 1), outline=(90, 90, 90), width=2)
    for text, fnt in ((f"{first} {last}", bold), (kind_word, bold), (number_text, body)):
        if text_width(text, fnt) > cw - text_x - 20:
            fnt = fit_font(pick(rng, PRINT), text, fnt.size, cw - text_x - 20)
        d.text((text_x, ty), text, font=fnt, fill=(band if text == kind_word else (25, 25, 25)))
        ty += int(fnt.size * 1.3)
    bar_w = min(int(cw * 0.8), cw - 40)
    bar_bottom = ch - int(ch * 0.04)
    bar_h = min(int(ch * 0.12), bar_bottom - ty)
    if bar_h >= 36:  # only where it fits under the text
        bar = barcode_image(number, zxingcpp.BarcodeFormat.Code128, scale=2)
        bar = bar.resize((bar_w, bar_h), Image.Resampling.NEAREST)
        card.paste(bar, ((cw - bar_w) // 2, bar_bottom - bar_h))
    # A slot for the lanyard clip.
    d.rounded_rectangle((cw // 2 - cw // 10, 10, cw // 2 + cw // 10, 26), 8,
                        fill=(60, 60, 60, 255) if not header_white else (200, 200, 200, 255))
    cx, cy = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.45, 0.58)
    if rng.random() < 0.6:
        lanyard(bg, rng, (int(cx), int(cy - ch / 2 + 20)),
                pick(rng, [(20, 60, 130), (150, 20, 40), (20, 110, 60), (30, 30, 30)]))
    place(bg, card, (cx, cy), rng.uniform(-9, 9))
    notes = (f"{org} staff pass on {what}: photo of a face, '{first} {last}', "
             f"'{kind_word}', '{number_text}', Code128 barcode of {number}")
    return Sample(bg, notes, [SECURE], [PEOPLE, PERSONAL], source="scikit-image")


# ---- visitor pass


def make_visitor_pass(rng: Rng, i: int) -> Sample:
    w, h = landscape(rng)
    bg, what = surface(rng, w, h, ("wood", "fabric", "wall"), i)
    share = rng.uniform(0.35, 0.55)
    ratio = rng.uniform(0.68, 0.8)
    ph = int(math.sqrt(share * w * h / ratio))
    pw = int(ph * ratio)
    ph = min(ph, int(h * 0.88))
    paper = i % 3 == 1
    card = rounded_card((pw, ph), 8 if paper else pw // 16, (252, 252, 250))
    d = ImageDraw.Draw(card)
    accent = [(200, 20, 30), (230, 120, 0), (0, 90, 170), (20, 130, 60)][i % 4]
    band_h = int(ph * 0.2)
    if paper:
        d.rectangle((0, 0, pw - 1, ph - 1), outline=(*accent, 255), width=10)
        vis_colour = accent
    else:
        d.rounded_rectangle((0, 0, pw - 1, band_h), pw // 16, fill=(*accent, 255))
        d.rectangle((0, band_h // 2, pw - 1, band_h), fill=(*accent, 255))
        vis_colour = (255, 255, 255)
    big = fit_font(pick(rng, PRINT_BOLD), "VISITOR", int(pw * 0.2), pw - 60)
    d.text(((pw - text_width("VISITOR", big)) // 2, (band_h - big.size) // 2 + 4), "VISITOR",
           font=big, fill=vis_colour)
    first, last, _ = person(rng)
    host_first, host_last, _ = person(rng)
    vis_id = f"V-{rng.integers(2024, 2026)}-{rng.integers(0, 100000):05d}"
    lines = [f"Date: {date_text(rng, i)}",
             pick(rng, [f"Name: {first} {last}", f"Visitor: {first} {last}", ""]),
             f"Host: {host_first[0]}. {host_last}" if rng.random() < 0.5
             else f"Host: {host_first} {host_last}",
             pick(rng, ["", f"Company: {pick(rng, ['Acme Ltd', 'Northgate IT', 'BT'])}"]),
             pick(rng, ["Escort required", "ESCORT REQUIRED AT ALL TIMES", "Must be escorted"]),
             pick(rng, [f"Pass {vis_id}", "Return to reception", ""])]
    lines = [ln for ln in lines if ln]
    family = pick(rng, PRINT)
    size = max(30, int(pw * 0.065))
    y = band_h + int(ph * 0.06)
    for ln in lines:
        fnt = fit_font(family, ln, size, pw - 60)
        d.text((30, y), ln, font=fnt, fill=(accent if "scort" in ln.lower() else (30, 30, 30)))
        y += int(size * 1.45)
    with_qr = i % 2 == 0 and ph - y > pw * 0.3
    if with_qr:
        qr = barcode_image(vis_id, zxingcpp.BarcodeFormat.QRCode, 6)
        side = int(min(ph - y - 20, pw * 0.38))
        card.paste(qr.resize((side, side), Image.Resampling.NEAREST), (pw - side - 24,
                                                                        ph - side - 20))
    if not paper and rng.random() < 0.7:
        # A plastic sleeve: a faint sheen across the card.
        sheen = rgba((pw, ph))
        ImageDraw.Draw(sheen).polygon([(pw * 0.2, 0), (pw * 0.45, 0), (pw * 0.1, ph),
                                       (-pw * 0.15, ph)], fill=(255, 255, 255, 45))
        card = Image.alpha_composite(card, Image.composite(sheen, rgba((pw, ph)),
                                                           card.getchannel("A")))
    place(bg, card, (w * rng.uniform(0.4, 0.6), h * rng.uniform(0.45, 0.55)),
          rng.uniform(-8, 8))
    notes = (f"{'paper' if paper else 'plastic'} visitor pass on {what}: " + "; ".join(lines)
             + (f"; QR code of {vis_id}" if with_qr else ""))
    return Sample(bg, notes, [SECURE], [PERSONAL])


# ---- screen with a customer record


def make_screen_ni(rng: Rng, i: int) -> Sample:
    w, h = landscape(rng)
    bg, _ = surface(rng, w, h, ("wall", "wood"), i)
    d = ImageDraw.Draw(bg)
    m = int(w * rng.uniform(0.03, 0.07))
    bez = int(w * rng.uniform(0.02, 0.035))
    sx0, sy0, sx1, sy1 = m, int(m * 0.6), w - m, h - int(m * 1.2)
    d.rounded_rectangle((sx0, sy0, sx1, sy1), 16, fill=pick(rng, [(22, 22, 24), (40, 40, 44)]))
    scr = (sx0 + bez, sy0 + bez, sx1 - bez, sy1 - bez)
    d.rectangle(scr, fill=pick(rng, [(0, 80, 140), (30, 60, 90), (70, 110, 150)]))
    wx0, wy0 = scr[0] + int(rng.integers(10, 40)), scr[1] + int(rng.integers(10, 30))
    wx1, wy1 = scr[2] - int(rng.integers(10, 40)), scr[3] - int(rng.integers(10, 30))
    title_h = 54
    d.rectangle((wx0, wy0, wx1, wy1), fill=pick(rng, [(250, 250, 250), (242, 244, 247)]))
    tcol = pick(rng, [(40, 70, 130), (60, 60, 70), (0, 100, 80)])
    d.rectangle((wx0, wy0, wx1, wy0 + title_h), fill=tcol)
    for k, c in enumerate([(230, 80, 70), (240, 190, 60), (90, 190, 90)]):
        d.ellipse((wx1 - 40 - 36 * k, wy0 + 17, wx1 - 20 - 36 * k, wy0 + 37), fill=c)
    title = pick(rng, ["Customer Record - Claimant Details", "Case view: customer summary",
                       "Claimant record", "Customer details | Case management"])
    d.text((wx0 + 20, wy0 + 10), title, font=font("sans", 32), fill=(255, 255, 255))
    first, last, title_word = person(rng)
    street, town, pc = address(rng)
    ni = nino(rng, i)
    dob = f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/{rng.integers(1950, 2004)}"
    fields = [("Name", f"{title_word} {first} {last}"),
              (pick(rng, ["NI number", "NINO", "National Insurance no."]), ni),
              (pick(rng, ["Date of birth", "DOB"]), dob),
              ("Address", f"{street}, {town}"),
              ("Postcode", pc),
              (pick(rng, ["Phone", "Mobile"]), drama_phone(rng)),
              ("Claim status", pick(rng, ["Active", "Under review", "Awaiting evidence"]))]
    if rng.random() < 0.5:  # some screens fold the postcode into the address line
        fields[3] = ("Address", f"{street}, {town} {pc}")
        del fields[4]
    family = pick(rng, ("sans", "cond", "default"))
    size = int(rng.integers(32, 42))
    fnt, bold = font(family, size), font("sans-bold" if family != "default" else family, size)
    y = wy0 + title_h + 30
    label_w = max(text_width(k + ":", bold) for k, _ in fields) + 30
    table = rng.random() < 0.4
    row_h = int(size * 1.7)
    for k, (label, value) in enumerate(fields):
        if y + row_h > wy1:
            break
        if table and k % 2 == 0:
            d.rectangle((wx0 + 10, y - 8, wx1 - 10, y + row_h - 8), fill=(232, 238, 246))
        d.text((wx0 + 30, y), label + ":", font=bold, fill=(60, 60, 70))
        if not table:  # a form: the value sits in an input box
            d.rectangle((wx0 + 30 + label_w - 10, y - 6, wx1 - 40, y + size + 8),
                        outline=(170, 175, 185), width=2)
        vfont = fit_font(family, value, size, wx1 - 60 - (wx0 + 30 + label_w))
        d.text((wx0 + 30 + label_w, y), value, font=vfont, fill=(20, 20, 25))
        y += row_h
    if y + 3 * row_h < wy1:
        y += row_h // 2
        d.text((wx0 + 30, y), "Recent activity", font=bold, fill=tcol)
        y += row_h
        for _ in range(3):
            if y + row_h > wy1:
                break
            when = f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/2025"
            what_ = pick(rng, ["Payment issued", "Journal message sent", "Appointment booked",
                               "Evidence received", "Sanction review closed"])
            d.text((wx0 + 30, y), when, font=fnt, fill=(50, 50, 60))
            d.text((wx0 + 30 + label_w, y), what_, font=fnt, fill=(50, 50, 60))
            d.line((wx0 + 20, y + row_h - 12, wx1 - 20, y + row_h - 12), fill=(220, 224, 230),
                   width=2)
            y += row_h
    # Glare across the screen, as a phone sees it.
    if rng.random() < 0.5:
        arr = np.asarray(bg, np.float32)
        glare = lowfreq(rng, w, h, 3)[..., None] * rng.uniform(10, 30)
        bg = to_img(arr + glare)
    notes = (f"screen with a customer record: {first} {last}, NI {ni}, DOB {dob}, "
             f"{street}, {town}, {pc}")
    return Sample(bg, notes, [PERSONAL])


# ---- letters and documents

SENDERS = [["Department for Work and Pensions", "Benefit Centre", "PO Box 2172",
            "Wolverhampton", "WV98 1AB"],
           ["HM Revenue & Customs", "Pay As You Earn", "BX9 1AS"],
           ["Jobcentre Plus", "Merrion Way", "Leeds", "LS2 8PA"],
           ["Child Maintenance Service", "PO Box 249", "Birkenhead", "CH98 1JA"]]
LETTER_BODY = [
    "We are writing to tell you about a change to your claim.",
    "Please bring the documents listed below to your appointment.",
    "Your next payment will be made on the date shown overleaf.",
    "If you think this decision is wrong, you can ask us to look at it again.",
    "You do not need to do anything else at this stage.",
    "We have received the information you sent us. Thank you.",
]


def paper_on_table(rng: Rng, w: int, h: int, margin: float, variant: int
                   ) -> tuple[Image.Image, Image.Image, tuple[int, int]]:
    """A table and a sheet of paper to write on; the paper is placed later by the caller."""
    bg, _ = surface(rng, w, h, ("wood", "wall", "fabric"), variant)
    pw = int(w * (1 - 2 * margin))
    ph = int(pw * 1.414)  # A4 proportions; the bottom may run off the picture
    return bg, plain(rng, pw, ph, pick(rng, [(252, 252, 250), (248, 247, 242)]), 0.04, 1.2), (
        pw, ph)


def make_letter_address(rng: Rng, i: int) -> Sample:
    w, h = portrait(rng)
    bg, sheet, (pw, ph) = paper_on_table(rng, w, h, rng.uniform(0.05, 0.09), i)
    d = ImageDraw.Draw(sheet)
    family = pick(rng, PRINT)
    size = int(rng.integers(29, 35))
    fnt = font(family, size)
    lead = int(size * 1.35)
    sender = SENDERS[i % len(SENDERS)]
    y = 60
    for ln in sender:  # sender block, top right
        d.text((pw - 60 - text_width(ln, fnt), y), ln, font=fnt, fill=(30, 30, 30))
        y += lead
    first, last, title = person(rng)
    street, town, pc = address(rng)
    rcpt = [f"{title} {first} {last}", street, town, pc]
    if rng.random() < 0.4:
        rcpt.insert(1, pick(rng, ["Flat 3", "Flat 2B", "Ground Floor Flat", "Rose Cottage"]))
    y += lead
    for ln in rcpt:
        d.text((60, y), ln, font=fnt, fill=(20, 20, 20))
        y += lead
    y += lead
    ref = pick(rng, [f"Claim reference: {rng.integers(100000000, 999999999)}",
                     f"Your reference: UC/{rng.integers(2022, 2026)}/{rng.integers(0, 10**6):06d}",
                     f"Our ref: {rng.integers(1000, 9999)} {rng.integers(1000, 9999)} 01"])
    d.text((60, y), f"Date: {date_text(rng, 0)}", font=fnt, fill=(20, 20, 20))
    y += lead
    d.text((60, y), ref, font=fnt, fill=(20, 20, 20))
    y += lead
    phone = drama_phone(rng) if rng.random() < 0.5 else ""
    if phone:
        d.text((60, y), f"Phone: {phone}", font=fnt, fill=(20, 20, 20))
        y += lead
    y += lead
    d.text((60, y), f"Dear {title} {last},", font=fnt, fill=(20, 20, 20))
    y += int(lead * 1.5)
    for sentence in rng.choice(LETTER_BODY, size=3, replace=False):
        for ln in wrap(str(sentence), fnt, pw - 120):
            d.text((60, y), ln, font=fnt, fill=(30, 30, 30))
            y += lead
        y += lead // 2
    place(bg, sheet.convert("RGBA"), (w / 2 + rng.uniform(-20, 20), ph / 2 + h * 0.04),
          rng.uniform(-3, 3), 0.3)
    notes = (f"letter from {sender[0]} to {title} {first} {last}, {street}, {town}, {pc}; "
             f"{ref}" + (f"; phone {phone}" if phone else ""))
    return Sample(bg, notes, [PERSONAL])


MARKINGS = ["OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE", "SECRET", "NOT FOR CIRCULATION",
            "OFFICIAL-SENSITIVE: COMMERCIAL"]
POLICY_TITLES = ["Regional Benefit Centres: restructure options", "Estates consolidation 2025-26",
                 "Draft policy: changes to hardship payments", "Operating model review",
                 "Contact centre closures: handling plan", "Spending review: savings options"]
POLICY_BODY = [
    "This paper sets out three options for consolidating the regional network.",
    "Option B would close four sites and move roughly 600 posts by March.",
    "Ministers have not yet agreed the preferred option.",
    "Announcement timing is subject to the outcome of the spending review.",
    "Trade union consultation will begin once the decision is taken.",
    "The handling plan assumes no public statement before the budget.",
    "Savings are estimated at 40m a year from the second year.",
    "Stakeholder engagement should not start until the board has met.",
    "Staff should not be told about the preferred option until the consultation opens.",
    "The equality impact assessment is still being drafted and will change.",
    "Press lines will be agreed with No10 before any external briefing.",
    "Legal advice on the redundancy terms is attached at Annex A.",
]


def make_official_sensitive(rng: Rng, i: int) -> Sample:
    w, h = portrait(rng)
    bg, sheet, (pw, ph) = paper_on_table(rng, w, h, rng.uniform(0.04, 0.08), i)
    d = ImageDraw.Draw(sheet)
    marking = MARKINGS[i % len(MARKINGS)]
    mark_font = font(pick(rng, PRINT_BOLD), int(rng.integers(34, 44)))
    mark_colour = pick(rng, [(20, 20, 20), (190, 20, 30)])
    for y in (40, min(ph, h) - 120):  # header and a footer that stays in the picture
        d.text(((pw - text_width(marking, mark_font)) // 2, y), marking, font=mark_font,
               fill=mark_colour)
    family = pick(rng, PRINT)
    size = int(rng.integers(28, 34))
    fnt = font(family, size)
    title_font = font(pick(rng, PRINT_BOLD), size + 10)
    y = 150
    title = POLICY_TITLES[i % len(POLICY_TITLES)]
    for ln in wrap(title, title_font, pw - 140):
        d.text((70, y), ln, font=title_font, fill=(20, 20, 20))
        y += int(title_font.size * 1.3)
    y += 20
    for k, sentence in enumerate(rng.choice(POLICY_BODY, size=int(rng.integers(5, 9)),
                                            replace=False)):
        for j, ln in enumerate(wrap(f"{k + 1}. {sentence}", fnt, pw - 160)):
            d.text((70 if j == 0 else 104, y), ln, font=fnt, fill=(30, 30, 30))
            y += int(size * 1.35)
        y += size // 2
        if y > min(ph, h) - 200:
            break
    place(bg, sheet.convert("RGBA"), (w / 2 + rng.uniform(-20, 20), ph / 2 + h * 0.03),
          rng.uniform(-3, 3), 0.3)
    return Sample(bg, f"document page marked '{marking}' top and bottom: '{title}'", [OFFICIAL])


# ---- QR codes


def wifi_payload(rng: Rng, i: int) -> tuple[str, str, str]:
    """A Wi-Fi QR payload, with the fields in varied order and sometimes an escaped ';'."""
    ssid = pick(rng, ["CafeBrew-Guest", "TheDailyGrind", "Library-Public", "HubCoWork",
                      "Kiosk_Free", "Bean&Leaf"])
    pw = pick(rng, ["latte4all", "Coffee;Time99", "beans2024!", "Sc0ne;Jam", "Welcome123"])
    esc = pw.replace("\\", "\\\\").replace(";", "\\;")
    fields = ["T:WPA", f"S:{ssid}", f"P:{esc}"]
    order = [(0, 1, 2), (1, 0, 2), (2, 1, 0), (1, 2, 0)][i % 4]
    extra = ["H:false;"] if rng.random() < 0.3 else []
    payload = "WIFI:" + "".join(f"{fields[k]};" for k in order) + "".join(extra) + ";"
    return payload, ssid, pw


def make_wifi_qr(rng: Rng, i: int) -> Sample:
    w, h = landscape(rng) if rng.random() < 0.6 else portrait(rng)
    bg, what = surface(rng, w, h, ("wood", "wall", "brick"), i)
    payload, ssid, _pw = wifi_payload(rng, i)
    cw = int(min(w, h) * rng.uniform(0.6, 0.72))
    ch = int(cw * rng.uniform(1.2, 1.4))
    ch = min(ch, int(h * 0.92))
    colour = pick(rng, [(255, 255, 255), (250, 245, 230), (235, 245, 250)])
    card = rounded_card((cw, ch), 12, colour)
    d = ImageDraw.Draw(card)
    accent = pick(rng, [(120, 60, 30), (30, 30, 30), (0, 90, 120), (150, 30, 60)])
    head = ["Scan to join our Wi-Fi", "Free Wi-Fi", "Scan for Wi-Fi", "Guest Wi-Fi - scan me",
            "Scan to join our Wi-Fi"][i % 5]
    hf = fit_font(pick(rng, PRINT_BOLD), head, int(cw * 0.09), cw - 60)
    y = 40
    for ln in wrap(head, hf, cw - 60):
        d.text(((cw - text_width(ln, hf)) // 2, y), ln, font=hf, fill=accent)
        y += int(hf.size * 1.25)
    show_name = rng.random() < 0.5
    bottom_room = 90 if show_name else 30
    side = min(cw - 120, ch - y - bottom_room - 30)
    qr = barcode_image(payload, zxingcpp.BarcodeFormat.QRCode, 8)
    card.paste(qr.resize((side, side), Image.Resampling.NEAREST), ((cw - side) // 2, y + 10))
    if show_name:
        sf = fit_font(pick(rng, PRINT), f"Network: {ssid}", 34, cw - 60)
        ln = f"Network: {ssid}"
        d.text(((cw - text_width(ln, sf)) // 2, y + side + 30), ln, font=sf, fill=(40, 40, 40))
    place(bg, card, (w * rng.uniform(0.42, 0.58), h * rng.uniform(0.45, 0.55)),
          rng.uniform(-6, 6))
    notes = f"'{head}' card on {what} with a Wi-Fi QR code ({payload})" + (
        f" and the text 'Network: {ssid}'" if show_name else "")
    return Sample(bg, notes, [SECURE])


POSTERS = [
    ("Universal Credit", ["Find out if you can claim", "and how to apply online.",
                          "Scan for more information"], "https://www.gov.uk/universal-credit"),
    ("Today's Menu", ["Soup of the day  4.50", "Cheese toastie  5.25", "Flat white  3.10",
                      "Scan for our full menu"], "https://menu.example-cafe.co.uk/lunch"),
    ("Library Opening Hours", ["Mon-Fri 9am - 6pm", "Saturday 10am - 4pm",
                               "Scan for events"], "https://www.example-library.org.uk/events"),
    ("Check your State Pension", ["Get a forecast online", "Scan to start"],
     "https://www.gov.uk/check-state-pension"),
    ("Cycle to Work Week", ["Free bike checks in the atrium", "Scan to sign up"],
     "https://www.gov.uk/government/publications/cycle-to-work-scheme-implementation-guidance"),
    ("Farmers' Market", ["Every Saturday 8am - 1pm", "Local produce & crafts",
                         "Scan for stall list"], "https://www.example-market.co.uk/stalls"),
]


def make_url_qr(rng: Rng, i: int) -> Sample:
    w, h = portrait(rng) if rng.random() < 0.6 else landscape(rng)
    bg, what = surface(rng, w, h, ("wall", "brick", "wood"), i)
    title, lines, url = POSTERS[i % len(POSTERS)]
    pw = int(min(w * rng.uniform(0.62, 0.8), h * 0.9 / 1.3))
    ph = int(pw * 1.3)
    colour = pick(rng, [(255, 255, 255), (255, 250, 235), (230, 240, 250), (250, 235, 235)])
    poster = rounded_card((pw, ph), 6, colour)
    d = ImageDraw.Draw(poster)
    accent = pick(rng, [(0, 70, 140), (150, 40, 30), (20, 110, 60), (40, 40, 40)])
    d.rectangle((0, 0, pw, int(ph * 0.03)), fill=(*accent, 255))
    tf = fit_font(pick(rng, PRINT_BOLD), title, int(pw * 0.085), pw - 60)
    y = int(ph * 0.06)
    for ln in wrap(title, tf, pw - 60):
        d.text(((pw - text_width(ln, tf)) // 2, y), ln, font=tf, fill=accent)
        y += int(tf.size * 1.25)
    bf = font(pick(rng, PRINT), max(30, int(pw * 0.045)))
    y += 20
    for ln in lines:
        d.text(((pw - text_width(ln, bf)) // 2, y), ln, font=bf, fill=(30, 30, 30))
        y += int(bf.size * 1.4)
    side = min(int(pw * 0.45), ph - y - 40)
    if side > 120:
        qr = barcode_image(url, zxingcpp.BarcodeFormat.QRCode, 6)
        poster.paste(qr.resize((side, side), Image.Resampling.NEAREST), ((pw - side) // 2, y + 10))
    place(bg, poster, (w * rng.uniform(0.45, 0.55), h * rng.uniform(0.47, 0.53)),
          rng.uniform(-4, 4))
    return Sample(bg, f"poster '{title}' on {what}; QR code of the public page {url}")


# ---- photos with and without location

PLACES = [("Leeds", 53.7997, -1.5492), ("Westminster", 51.4995, -0.1248),
          ("Edinburgh", 55.9533, -3.1883), ("Cardiff", 51.4816, -3.1791),
          ("Belfast", 54.5973, -5.9301), ("Norwich", 52.6309, 1.2974),
          ("Canterbury", 51.2802, 1.0789), ("Newcastle", 54.9783, -1.6178),
          ("Inverness", 57.4778, -4.2247), ("Plymouth", 50.3755, -4.1427),
          ("Great Yarmouth", 52.6083, 1.7305), ("Manchester", 53.4808, -2.2426)]
CAMERAS = [("Apple", "iPhone 13"), ("Apple", "iPhone 15 Pro"), ("samsung", "SM-S911B"),
           ("Google", "Pixel 7"), ("motorola", "moto g54 5G"), ("OnePlus", "CPH2449")]


def _rational(value: float, denominator: int) -> tuple[int, int]:
    return round(value * denominator), denominator


def dms(value: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Degrees, minutes and seconds as EXIF rationals."""
    value = abs(value)
    deg = int(value)
    minutes = int((value - deg) * 60)
    seconds = (value - deg - minutes / 60) * 3600
    return (deg, 1), (minutes, 1), _rational(seconds, 100)


def camera_exif(rng: Rng, gps: tuple[float, float] | None, serial: bool,
                camera: int | None = None) -> bytes:
    """EXIF as a phone writes it: make, model, time, and optionally GPS and a serial number."""
    make, model = CAMERAS[camera % len(CAMERAS)] if camera is not None else pick(rng, CAMERAS)
    stamp = (f"{rng.integers(2023, 2026)}:{rng.integers(1, 13):02d}:{rng.integers(1, 29):02d} "
             f"{rng.integers(7, 20):02d}:{rng.integers(0, 60):02d}:{rng.integers(0, 60):02d}")
    zeroth = {piexif.ImageIFD.Make: make.encode(), piexif.ImageIFD.Model: model.encode(),
              piexif.ImageIFD.Software: b"17.4" if make == "Apple" else b"S911BXXU1AWA1",
              piexif.ImageIFD.DateTime: stamp.encode()}
    exif = {piexif.ExifIFD.DateTimeOriginal: stamp.encode(),
            piexif.ExifIFD.LensMake: make.encode()}
    if serial:
        exif[piexif.ExifIFD.BodySerialNumber] = f"{rng.integers(10**9, 10**10)}".encode()
    gps_ifd: dict[int, object] = {}
    if gps is not None:
        lat, lon = gps
        gps_ifd = {piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
                   piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
                   piexif.GPSIFD.GPSLatitude: dms(lat),
                   piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
                   piexif.GPSIFD.GPSLongitude: dms(lon),
                   piexif.GPSIFD.GPSDateStamp: stamp[:10].encode()}
        if rng.random() < 0.6:
            gps_ifd[piexif.GPSIFD.GPSAltitudeRef] = 0
            gps_ifd[piexif.GPSIFD.GPSAltitude] = _rational(float(rng.uniform(2, 300)), 10)
    return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps_ifd, "1st": {},
                        "thumbnail": None})


def upscale(arr: np.ndarray, long_side: int) -> Image.Image:
    h, w = arr.shape[:2]
    f = long_side / max(h, w)
    out = cv2.resize(arr, (round(w * f), round(h * f)), interpolation=cv2.INTER_CUBIC)
    return Image.fromarray(out)


def sunset(rng: Rng, w: int, h: int) -> Image.Image:
    """A generated sky-and-hills scene: a gradient sky, a sun and dark hills."""
    top = np.array(pick(rng, [(30, 40, 110), (60, 30, 90), (20, 80, 150)]), np.float32)
    low = np.array(pick(rng, [(250, 150, 60), (240, 110, 80), (255, 200, 120)]), np.float32)
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None] ** 1.3
    sky = top * (1 - t) + low * t
    img = to_img(np.broadcast_to(sky, (h, w, 3)) + noise(rng, w, h, 1.5))
    d = ImageDraw.Draw(img)
    sx, sy, r = w * rng.uniform(0.2, 0.8), h * rng.uniform(0.45, 0.65), h * rng.uniform(0.05, 0.1)
    d.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 230, 160))
    for layer in range(3):
        base = h * (0.62 + 0.1 * layer)
        xs = np.linspace(0, w, 24)
        ys = base + np.cumsum(rng.normal(0, h * 0.02, 24))
        shade = int(20 + 25 * (2 - layer))
        d.polygon([(0, h), *list(zip(xs.tolist(), ys.tolist(), strict=False)), (w, h)],
                  fill=(shade, shade + 8, shade + 20 - 6 * layer))
    return img


def shapes(rng: Rng, w: int, h: int) -> Image.Image:
    """A gradient with random translucent shapes: abstract artwork, no text."""
    a = np.array(pick(rng, [(240, 200, 210), (200, 230, 240), (230, 240, 200)]), np.float32)
    b = np.array(pick(rng, [(90, 60, 140), (30, 120, 130), (200, 90, 40)]), np.float32)
    t = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    img = to_img(np.broadcast_to(a * (1 - t) + b * t, (h, w, 3))).convert("RGBA")
    over = rgba((w, h))
    d = ImageDraw.Draw(over)
    for _ in range(int(rng.integers(6, 14))):
        x, y = rng.integers(0, w), rng.integers(0, h)
        r = int(rng.integers(40, 260))
        colour = (*tuple(int(c) for c in rng.integers(0, 256, 3)), int(rng.integers(80, 180)))
        if rng.random() < 0.5:
            d.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            d.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    return Image.alpha_composite(img, over).convert("RGB")


def make_gps_photo(rng: Rng, i: int) -> Sample:
    options = ["coffee", "rocket", "chelsea", "hubble_deep_field", "sunset"]
    what = options[i % len(options)]
    if what == "sunset":
        img, source = sunset(rng, *landscape(rng)), "generated"
    else:
        img, source = upscale(_skimage(what), int(rng.integers(1100, 1401))), "scikit-image"
    name, lat, lon = PLACES[(i * 5 + int(rng.integers(0, 3))) % len(PLACES)]
    lat += float(rng.uniform(-0.02, 0.02))
    lon += float(rng.uniform(-0.02, 0.02))
    serial = rng.random() < 0.4
    exif = camera_exif(rng, (lat, lon), serial, camera=i)
    notes = (f"{what} photo with GPS EXIF near {name} ({lat:.4f}, {lon:.4f}), camera make/model"
             + (", BodySerialNumber" if serial else ""))
    return Sample(img, notes, [LOCATION], source=source, photo=True, exif=exif)


# ---- clean scenes

SHOP_SIGNS = [("THE CORNER BAKERY", "Fresh bread daily - Est. 1984"),
              ("Riverside Books", "Open 9 - 5:30 Mon to Sat"),
              ("GREEN'S HARDWARE", "Keys cut while you wait"),
              ("Hope Street Cafe", "Breakfast served all day"),
              ("FLORIST", "Wedding & event flowers")]
PROSE = ("The river bends twice before it reaches the town, and in the autumn the mist lies "
         "along the water until late in the morning. Walkers come for the towpath and stay for "
         "the tea room by the lock, where the scones are said to be the best in the county. "
         "Further on, the old mill has been turned into a small museum of local crafts, open "
         "at weekends through the summer. Beyond the mill the path climbs gently through beech "
         "woods to a viewpoint over the valley, where a bench looks out across the fields to the "
         "hills beyond. On a clear day you can see three church spires and, far off, the sea.")


def clean_board(rng: Rng) -> tuple[Image.Image, str]:
    flipchart = rng.random() < 0.3
    w, h = portrait(rng) if flipchart else landscape(rng)
    img, box, what = board(rng, w, h, flipchart)
    notes = [str(t) for t in rng.choice(BENIGN, size=int(rng.integers(3, 5)), replace=False)]
    write_board(rng, img, box, [([t], k == 0) for k, t in enumerate(notes)])
    return img, f"{what} with benign notes: " + "; ".join(notes)


def shop_sign(rng: Rng, variant: int) -> tuple[Image.Image, str]:
    w, h = landscape(rng)
    img, _ = surface(rng, w, h, ("brick", "wall"))
    name, sub = SHOP_SIGNS[variant % len(SHOP_SIGNS)]
    sw, sh = int(w * 0.84), int(h * rng.uniform(0.3, 0.4))
    colour = [(20, 60, 40), (120, 20, 30), (30, 40, 70), (240, 235, 220)][variant // 2 % 4]
    ink = (245, 235, 200) if sum(colour) < 400 else (40, 30, 20)
    sign = rounded_card((sw, sh), 14, colour)
    d = ImageDraw.Draw(sign)
    d.rounded_rectangle((10, 10, sw - 11, sh - 11), 10, outline=(*ink, 255), width=4)
    nf = fit_font(pick(rng, ("serif-bold", "sans-bold", "default")), name, int(sh * 0.36),
                  sw - 80)
    d.text(((sw - text_width(name, nf)) // 2, int(sh * 0.14)), name, font=nf, fill=ink)
    sf = fit_font(pick(rng, PRINT), sub, int(sh * 0.17), sw - 80)
    d.text(((sw - text_width(sub, sf)) // 2, int(sh * 0.62)), sub, font=sf, fill=ink)
    place(img, sign, (w / 2, h * rng.uniform(0.3, 0.45)), rng.uniform(-2, 2), 0.4)
    return img, f"shop sign '{name}' / '{sub}'"


def book_page(rng: Rng) -> tuple[Image.Image, str]:
    w, h = portrait(rng)
    bg, sheet, (pw, ph) = paper_on_table(rng, w, h, 0.08, int(rng.integers(3)))
    sheet = plain(rng, pw, ph, (244, 238, 222), 0.08, 1.5)  # book paper is creamier
    d = ImageDraw.Draw(sheet)
    fnt = font(pick(rng, ("serif", "default", "sans")), int(rng.integers(30, 36)))
    y = 80
    for ln in wrap(PROSE, fnt, pw - 140):
        if y > min(ph, h) - 120:
            break
        d.text((70, y), ln, font=fnt, fill=(35, 30, 25))
        y += int(fnt.size * 1.45)
    place(bg, sheet.convert("RGBA"), (w / 2, ph / 2 + h * 0.04), rng.uniform(-3, 3), 0.3)
    return bg, "book page of neutral prose about a river walk"


CLEAN = ["board", "coffee", "book", "chelsea", "sunset", "sign", "rocket", "brick", "page",
         "hubble_deep_field", "shapes", "grass", "text", "immunohistochemistry", "colorwheel",
         "gravel", "board", "sign"]


def make_clean_scene(rng: Rng, i: int) -> Sample:
    what = CLEAN[i % len(CLEAN)]
    if what == "board":
        img, notes = clean_board(rng)
    elif what == "sign":
        img, notes = shop_sign(rng, i)
    elif what == "book":
        img, notes = book_page(rng)
    elif what == "sunset":
        img, notes = sunset(rng, *landscape(rng)), "generated sunset over hills"
    elif what == "shapes":
        img, notes = shapes(rng, *landscape(rng)), "gradient with abstract shapes"
    elif what in ("brick", "grass", "gravel"):
        w, h = landscape(rng)
        return Sample(tiled(rng, what, w, h), f"scikit-image {what} texture, tiled",
                      source="scikit-image", photo=True)
    else:
        img = upscale(_skimage(what), int(rng.integers(1100, 1401)))
        text_note = {"page": " (scanned page of neutral prose)",
                     "text": " (printed text on a curved surface)"}.get(what, "")
        return Sample(img, f"scikit-image {what} photo{text_note}", source="scikit-image",
                      photo=True)
    return Sample(img, notes)


# ---- people


def make_people(rng: Rng, i: int) -> Sample:
    name = ("astronaut", "camera")[i % 2]
    arr = _skimage(name)
    mode = ("full", "pasted", "close-up")[i % 3]
    if rng.random() < 0.5:
        arr = arr[:, ::-1]  # mirrored, so that repeats of a mode differ
    if mode == "pasted":
        w, h = landscape(rng)
        img, what = surface(rng, w, h, ("wall", "brick", "grass", "wood"), i // 3)
        # Large enough that the face stays 50+ px across: a print on a wall, not a thumbnail.
        side = int(min(w, h) * rng.uniform(0.55, 0.85))
        photo = Image.fromarray(cv2.resize(arr, (side, side), interpolation=cv2.INTER_AREA))
        framed = rgba((side + 40, side + 40), (245, 245, 240, 255))
        framed.paste(photo, (20, 20))
        place(img, framed, (w * rng.uniform(0.35, 0.65), h * rng.uniform(0.45, 0.55)),
              rng.uniform(-8, 8))
        notes = f"scikit-image {name} photo printed at {side}px on {what}"
    elif mode == "close-up":
        # Head and shoulders, as a cropped phone picture of a colleague would be.
        top, left = (0, 96) if name == "astronaut" else (20, 150)
        if arr is not _skimage(name):  # mirrored: mirror the crop window too
            left = 512 - left - 320
        crop = np.ascontiguousarray(arr[top:top + 300, left:left + 320])
        img = upscale(crop, int(rng.integers(1000, 1201)))
        notes = f"scikit-image {name} photo, head-and-shoulders crop"
    else:
        img = upscale(np.ascontiguousarray(arr), int(rng.integers(1024, 1301)))
        notes = f"scikit-image {name} photo, full frame"
    return Sample(img, notes, [PEOPLE], source="scikit-image", photo=True)


# --------------------------------------------------------------------------- phone form


def phone_photo(img: Image.Image, rng: Rng) -> Image.Image:
    """Re-shoot a flat image as a phone would: skewed, tilted, soft, noisy, unevenly lit."""
    src = np.asarray(img.convert("RGB"))
    h, w = src.shape[:2]
    angle = math.radians(rng.uniform(-12, 12))
    cos, sin = math.cos(angle), math.sin(angle)
    # Shrink enough that the tilted picture still fits, so nothing that matters is cut off.
    fit = min(w / (w * abs(cos) + h * abs(sin)), h / (w * abs(sin) + h * abs(cos)))
    scale = fit * rng.uniform(0.9, 0.98)
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    centre = np.array([w / 2, h / 2], np.float32)
    rot = np.array([[cos, -sin], [sin, cos]], np.float32)
    dst = (corners - centre) * scale @ rot.T + centre
    dst += rng.uniform(-0.05, 0.05, (4, 2)).astype(np.float32) * np.array([w, h], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, dst.astype(np.float32))
    # The border: the scene itself, enlarged, far out of focus and darker, as if it went on
    # past the edge of the flat picture.
    zoom = 1.25
    crop = src[int(h * (1 - 1 / zoom) / 2):int(h * (1 + 1 / zoom) / 2),
               int(w * (1 - 1 / zoom) / 2):int(w * (1 + 1 / zoom) / 2)]
    # Shrunk 48 times first, so that no text or code in it stays legible.
    small = cv2.resize(crop, (max(2, w // 48), max(2, h // 48)), interpolation=cv2.INTER_AREA)
    around = cv2.GaussianBlur(cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR),
                              (0, 0), sigmaX=16).astype(np.float32)
    around *= rng.uniform(0.55, 0.8) * (0.8 + 0.4 * lowfreq(rng, w, h, 3))[..., None]
    out = np.ascontiguousarray(around.clip(0, 255).astype(np.uint8))
    cv2.warpPerspective(src, matrix, (w, h), dst=out, flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_TRANSPARENT)
    sigma = rng.uniform(0.6, 1.4)
    arr = cv2.GaussianBlur(out, (0, 0), sigmaX=sigma).astype(np.float32)
    arr += rng.normal(0, rng.uniform(3, 8), arr.shape).astype(np.float32)
    light = 1.0 + rng.uniform(0.1, 0.3) * (lowfreq(rng, w, h, 3) - 0.5)
    contrast = rng.uniform(0.8, 1.1)
    bright = rng.uniform(-20, 20)
    arr = (arr - 128) * contrast + 128 + bright
    return to_img(arr * light[..., None])


# --------------------------------------------------------------------------- build

KINDS: dict[str, Callable[[Rng, int], Sample]] = {
    "wifi-whiteboard": make_wifi_whiteboard,
    "door-code-note": make_door_code_note,
    "id-badge": make_id_badge,
    "visitor-pass": make_visitor_pass,
    "screen-ni": make_screen_ni,
    "letter-address": make_letter_address,
    "official-sensitive": make_official_sensitive,
    "wifi-qr": make_wifi_qr,
    "url-qr": make_url_qr,
    "gps-photo": make_gps_photo,
    "clean-scene": make_clean_scene,
    "people": make_people,
}
# Clean scenes get three times as many variants so that about a quarter of the set is clean:
# a checker that flags everything must not score well.
VARIANTS = {"clean-scene": 3}


def _save(img: Image.Image, path: Path, *, jpeg: bool, quality: int, exif: bytes | None) -> None:
    buf = io.BytesIO()
    if jpeg:
        kwargs: dict[str, object] = {"quality": quality}
        if exif is not None:
            kwargs["exif"] = exif
        img.save(buf, "JPEG", **kwargs)
    else:
        img.save(buf, "PNG", compress_level=4)
    path.write_bytes(buf.getvalue())


def build(outdir: Path, *, seed: int = 7, per_kind: int = 6) -> list[dict]:
    """Write every kind's variants in flat and phone form plus manifest.jsonl; return the rows."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    for k, (kind, make) in enumerate(KINDS.items()):
        for i in range(per_kind * VARIANTS.get(kind, 1)):
            # One generator per picture: adding a kind or a variant leaves the others unchanged.
            sample = make(np.random.default_rng([seed, k, i]), i)
            phone_rng = np.random.default_rng([seed, k, i, 1])
            forms = {"flat": sample.image, "phone": phone_photo(sample.image, phone_rng)}
            for form, img in forms.items():
                jpeg = form == "phone" or sample.photo
                name = f"{kind}-{i + 1:02d}-{form}.{'jpg' if jpeg else 'png'}"
                exif = sample.exif
                if exif is None and form == "phone":
                    # Phones tag every picture with make and model, not always with a place.
                    exif = camera_exif(np.random.default_rng([seed, k, i, 2]), None, False)
                quality = 90 if form == "flat" else int(phone_rng.integers(55, 76))
                _save(img, outdir / name, jpeg=jpeg, quality=quality, exif=exif)
                rows.append({"file": name, "kind": kind, "form": form,
                             "expect": list(sample.expect), "allow": list(sample.allow),
                             "source": sample.source, "notes": sample.notes})
    with (outdir / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-kind", type=int, default=6)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows = build(args.outdir, seed=args.seed, per_kind=args.per_kind)
    clean = sum(not r["expect"] for r in rows)
    print(f"{len(rows)} images ({clean} clean) in {args.outdir} "
          f"in {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
