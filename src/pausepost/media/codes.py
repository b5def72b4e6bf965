"""QR codes and barcodes in photos: read them, and turn their payloads into checkable text.

A QR code in a photo is text the viewer can read with a phone, so its payload goes through the
same rules as the post's text: a Wi-Fi password, a contact card (name, phone number, address,
birthday) or an internal link is as much a disclosure as typing it out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import cv2
import numpy as np
import numpy.typing as npt
import zxingcpp

__all__ = ["Code", "WifiPayload", "parse_wifi", "payload_text", "read_codes"]

from pausepost.media.pixels import GrayImage as _GrayImage
from pausepost.media.pixels import to_gray as _to_gray

# Second attempts when the first read finds nothing: phone photos of codes are often large and
# blurred (a smaller, sharpened copy steepens the module edges) or small thumbnails (a larger
# copy gives the locator enough pixels per module).
_RETRY_DOWN_LONG_SIDE = 1600
_RETRY_UP_BELOW = 400
_RETRY_UP_LONG_SIDE = 800
# Unsharp masking of the retry copies (tried on blurred, tilted, JPEG'd synthetic photos).
_SHARPEN_SIGMA_DOWN = 2.0
_SHARPEN_SIGMA_UP = 3.0
_SHARPEN_AMOUNT = 2.0
# zxing-cpp also reads each copy turned by 90 degrees, so these cover tilts up to +-90 in
# 15-degree steps (60 is -30 + 90, and so on).
_RETRY_ANGLES = (15.0, -15.0, 30.0, -30.0, 45.0)
_LINEAR = zxingcpp.BarcodeFormat.LinearCodes  # the zxing-cpp 2.x name, kept by 3.x
# A linear code's box is at least this thick (across the bars) for its length: the bars of a
# typical Code 128 label are a quarter to a third as tall as the code is long.
_MIN_THICKNESS = 0.35


@dataclass(frozen=True, slots=True)
class Code:
    """A decoded symbol: zxing-cpp's format name, its text, and ``(x, y, w, h)``."""

    format: str
    text: str
    box: tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class WifiPayload:
    """The fields of a ``WIFI:`` QR payload (what phones offer to join)."""

    ssid: str
    password: str | None
    security: str | None
    hidden: bool


def _decode(
    gray: _GrayImage,
    back: npt.NDArray[np.float64],
    shape: tuple[int, int],
    formats: Any = None,
    thorough: bool = True,
) -> list[Code]:
    """One zxing-cpp pass; ``back`` is the 2x3 affine map to original-image coordinates."""
    height, width = shape
    options: dict[str, Any] = {"formats": formats} if formats is not None else {}
    found = []
    for result in zxingcpp.read_barcodes(
        gray, try_rotate=True, try_downscale=thorough, try_invert=thorough, **options
    ):
        if not result.valid or not result.text:
            continue
        pos = result.position
        corners = _thickened(
            np.array(
                [
                    [float(p.x), float(p.y)]
                    for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
                ]
            )
        )
        xs, ys = (np.hstack([corners, np.ones((4, 1))]) @ back.T).T
        x0, y0 = max(0, math.floor(xs.min())), max(0, math.floor(ys.min()))
        x1, y1 = min(width, math.ceil(xs.max()) + 1), min(height, math.ceil(ys.max()) + 1)
        box = (x0, y0, max(0, x1 - x0), max(0, y1 - y0))
        found.append(Code(result.format.name, result.text, box))
    return found


def _thickened(corners: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Widen a linear code's quad, which spans only the scan lines that decoded.

    Those can be a thin band of the bars (a single line, for a tilted label), and the box is
    what gets covered when the photo is redacted, so it is grown across the scan direction to
    at least _MIN_THICKNESS of its length. Square (2D) symbols are left as they are.
    """
    top_left, top_right, _, bottom_left = corners
    along = top_right - top_left
    length = float(np.hypot(*along))
    across = bottom_left - top_left
    thickness = float(np.hypot(*across))
    if length == 0 or thickness >= _MIN_THICKNESS * length:
        return corners
    # Grow towards the quad's own other side; a single scan line has none, so use the normal.
    normal = across / thickness if thickness else np.array([-along[1], along[0]]) / length
    grow = (_MIN_THICKNESS * length - thickness) / 2
    out = corners.copy()
    out[[0, 1]] -= grow * normal
    out[[2, 3]] += grow * normal
    return out


def _scaling(scale: float) -> npt.NDArray[np.float64]:
    return np.array([[1.0 / scale, 0.0, 0.0], [0.0, 1.0 / scale, 0.0]])


def _resized(gray: _GrayImage, long_side: int) -> tuple[_GrayImage, float]:
    h, w = gray.shape
    scale = long_side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    # Area averaging when shrinking (no aliasing of fine modules); cubic when enlarging keeps
    # module edges steeper than linear does.
    inter = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(gray, size, interpolation=inter), dtype=np.uint8), scale


def _sharpened(gray: _GrayImage, sigma: float) -> _GrayImage:
    """Unsharp mask: steepens module edges that lens blur or resampling softened."""
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    out = cv2.addWeighted(gray, 1 + _SHARPEN_AMOUNT, blurred, -_SHARPEN_AMOUNT, 0)
    return np.asarray(out, dtype=np.uint8)


def _rotated(gray: _GrayImage, degrees: float) -> tuple[_GrayImage, npt.NDArray[np.float64]]:
    """Rotate on an enlarged canvas (nothing cut off); also return the inverse affine map."""
    h, w = gray.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(rot[0, 0]), abs(rot[0, 1])
    new_w, new_h = math.ceil(w * cos + h * sin), math.ceil(w * sin + h * cos)
    rot[0, 2] += new_w / 2 - w / 2
    rot[1, 2] += new_h / 2 - h / 2
    # A white border: a dark one would add edges next to the symbol's quiet zone.
    out = cv2.warpAffine(
        gray, rot, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )
    return np.asarray(out, dtype=np.uint8), np.asarray(
        cv2.invertAffineTransform(rot), dtype=np.float64
    )


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def read_codes(image: Any) -> list[Code]:
    """Decode every QR code and barcode (all zxing-cpp formats) in an RGB uint8 image.

    Rotated (by 90-degree steps, and QR codes at any angle), inverted and small symbols are
    searched for. When nothing is found, a sharpened downscaled (large photos) or upscaled
    (thumbnails) copy is tried, then tilted copies for linear barcodes, whose scan lines must
    cross every bar. The same payload found twice at overlapping positions is reported once.
    """
    gray = _to_gray(image)
    if gray.size == 0:
        return []
    shape = (gray.shape[0], gray.shape[1])
    codes = _decode(gray, _scaling(1.0), shape)
    work, scale = gray, 1.0
    if not codes:
        long_side = max(shape)
        if long_side > _RETRY_DOWN_LONG_SIDE * 1.25:
            work, scale = _resized(gray, _RETRY_DOWN_LONG_SIDE)
        elif long_side < _RETRY_UP_BELOW:
            work, scale = _resized(gray, _RETRY_UP_LONG_SIDE)
        if scale != 1.0:
            # Sharpened: zxing-cpp already scans its own downscaled copies, and on blurry
            # photos only an unsharp-masked copy found codes that the first pass had missed.
            sigma = _SHARPEN_SIGMA_DOWN if scale < 1 else _SHARPEN_SIGMA_UP
            codes = _decode(_sharpened(work, sigma), _scaling(scale), shape)
    if not codes:
        # A wide, short barcode tilted by more than atan(height / width) - about 14 degrees
        # for a typical Code 128 label - has no horizontal line through all its bars. The
        # linear readers are cheap, so try tilted copies at steps small enough to cover that.
        for degrees in _RETRY_ANGLES:
            rotated, inverse = _rotated(work, degrees)
            back = _scaling(scale) @ np.vstack([inverse, [0.0, 0.0, 1.0]])
            codes = _decode(rotated, back, shape, _LINEAR, thorough=False)
            if codes:
                break
    unique: list[Code] = []
    for code in codes:
        if not any(
            c.text == code.text and c.format == code.format and _overlap(c.box, code.box)
            for c in unique
        ):
            unique.append(code)
    return unique


# --- payloads -------------------------------------------------------------------------------


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not backslash-escaped; escapes are kept for _unescape."""
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    """``\\x`` -> ``x`` (covers ``\\; \\, \\" \\: \\\\``); a lone trailing backslash stays."""
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def _fields(body: str) -> list[tuple[str, str]]:
    """``K:v;K:v;;`` records (Wi-Fi, MECARD, MATMSG, BIZCARD): (upper-case key, raw value).

    Parsing stops at the empty field of the ``;;`` terminator; a missing terminator is
    tolerated. Values keep their escapes.
    """
    out = []
    for field in _split_unescaped(body, ";"):
        if not field:
            break
        key, colon, value = field.partition(":")
        if colon:
            out.append((key.strip().upper(), value))
    return out


def parse_wifi(payload: str) -> WifiPayload | None:
    """Parse a ``WIFI:T:WPA;S:ssid;P:password;H:true;;`` payload; None if not Wi-Fi or no SSID.

    Fields may come in any order; ``\\;``, ``\\,``, ``\\"``, ``\\:`` and ``\\\\`` are unescaped.
    A quoted or hex SSID is returned as written.
    """
    if not isinstance(payload, str) or payload[:5].upper() != "WIFI:":
        return None
    values: dict[str, str] = {}
    for key, value in _fields(payload[5:]):
        if key in ("T", "S", "P", "H"):
            values.setdefault(key, _unescape(value))
    ssid = values.get("S")
    if not ssid:
        return None
    return WifiPayload(
        ssid=ssid,
        password=values.get("P"),
        security=values.get("T") or None,
        hidden=values.get("H", "").strip().lower() == "true",
    )


def _is_quoted_printable(head: str) -> bool:
    """vCard 2.1 ``;ENCODING=QUOTED-PRINTABLE`` (or bare ``;QUOTED-PRINTABLE``) parameter."""
    params = [p.strip().upper() for p in head.split(";")[1:]]
    return any(p in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in params)


def _decode_quoted_printable(value: str) -> str:
    data = re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), value.encode())
    return data.decode("utf-8", errors="replace")


def _content_lines(text: str) -> list[str]:
    """Unfold a vCard into content lines.

    RFC 6350 folding (a line starting with a space or tab continues the previous one) and
    vCard 2.1 quoted-printable soft breaks (a QP value line ending in ``=``) are both joined.
    """
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    out: list[str] = []
    pending = ""
    for line in re.split(r"\r\n|\n|\r", unfolded):
        line = pending + line
        pending = ""
        if line.endswith("=") and _is_quoted_printable(line.partition(":")[0]):
            pending = line[:-1]
            continue
        out.append(line)
    if pending:
        out.append(pending)
    return out


def _vcard_text(value: str) -> str:
    """Unescape a vCard text value (``\\n`` is a newline there)."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value, flags=re.DOTALL)


def _joined(parts: list[str], sep: str = ", ") -> str:
    return sep.join(p for p in (_vcard_text(x).strip() for x in parts) if p)


_VCARD_LABELS = {
    "FN": "Name",
    "NICKNAME": "Nickname",
    "TEL": "Tel",
    "EMAIL": "Email",
    "BDAY": "Birthday",
    "ORG": "Organisation",
    "TITLE": "Title",
    "ROLE": "Role",
    "URL": "URL",
    "NOTE": "Note",
    "GEO": "Location",
    "IMPP": "Messaging",
    "X-SOCIALPROFILE": "Social profile",
}


def _vcard_lines(text: str) -> list[str]:
    lines: list[str] = []
    name_parts: list[str] | None = None
    have_fn = False
    for line in _content_lines(text):
        head, colon, value = line.partition(":")
        if not colon:
            continue
        prop = head.split(";", 1)[0].rsplit(".", 1)[-1].strip().upper()  # drop "item1." groups
        if _is_quoted_printable(head):
            value = _decode_quoted_printable(value)
        if prop in ("BEGIN", "END", "VERSION", "PHOTO", "LOGO", "SOUND", "KEY", "PRODID", "REV"):
            continue
        if prop == "N":
            name_parts = _split_unescaped(value, ";")
        elif prop == "ADR":
            parts = _split_unescaped(value, ";")
            if _joined(parts):
                lines.append(f"Address: {_joined(parts)}")
        elif prop == "ORG":
            lines.append(f"Organisation: {_joined(_split_unescaped(value, ';'))}")
        elif prop in _VCARD_LABELS:
            shown = _vcard_text(value).strip()
            if prop == "TEL":
                shown = re.sub(r"^tel:", "", shown, flags=re.IGNORECASE)
            if prop == "GEO":
                shown = re.sub(r"^geo:", "", shown, flags=re.IGNORECASE)
            if shown:
                have_fn |= prop == "FN"
                lines.append(f"{_VCARD_LABELS[prop]}: {shown}")
    if not have_fn and name_parts:
        # N is family;given;additional;prefixes;suffixes -> "prefixes given additional family"
        order = [3, 1, 2, 0, 4]
        ordered = [name_parts[i] for i in order if i < len(name_parts)]
        if _joined(ordered, " "):
            lines.insert(0, f"Name: {_joined(ordered, ' ')}")
    return lines


_MECARD_LABELS = {
    "N": "Name",
    "SOUND": "Name (reading)",
    "NICKNAME": "Nickname",
    "TEL": "Tel",
    "TEL-AV": "Tel",
    "EMAIL": "Email",
    "ADR": "Address",
    "BDAY": "Birthday",
    "NOTE": "Note",
    "URL": "URL",
    "ORG": "Organisation",
}


def _mecard_lines(body: str) -> list[str]:
    lines = []
    for key, value in _fields(body):
        label = _MECARD_LABELS.get(key)
        if label is None:
            continue
        if key == "N":
            # "Family,Given" -> "Given Family"
            parts = [_unescape(p).strip() for p in _split_unescaped(value, ",")]
            shown = " ".join(p for p in reversed(parts) if p)
        elif key == "ADR":
            parts = [_unescape(p).strip() for p in _split_unescaped(value, ",")]
            shown = ", ".join(p for p in parts if p)
        else:
            shown = _unescape(value).strip()
        if shown:
            lines.append(f"{label}: {shown}")
    return lines


_BIZCARD_LABELS = {
    "N": "Name",
    "X": "Name",
    "T": "Title",
    "C": "Organisation",
    "A": "Address",
    "B": "Tel",
    "M": "Tel",
    "F": "Fax",
    "E": "Email",
}


def _bizcard_lines(body: str) -> list[str]:
    fields = [(k, _unescape(v).strip()) for k, v in _fields(body)]
    first = " ".join(v for k, v in fields if k in ("N", "X") and v)
    lines = [f"Name: {first}"] if first else []
    for key, value in fields:
        if key not in ("N", "X") and key in _BIZCARD_LABELS and value:
            lines.append(f"{_BIZCARD_LABELS[key]}: {value}")
    return lines


def _query_lines(query: str) -> list[str]:
    """``subject=..&body=..`` of mailto:/sms: links as labelled lines."""
    labels = {"subject": "Subject", "body": "Message", "cc": "Cc", "bcc": "Bcc"}
    lines: list[str] = []
    for key, values in parse_qs(query, keep_blank_values=False).items():
        label = labels.get(key.lower())
        if label:
            lines.extend(f"{label}: {v}" for v in values if v.strip())
    return lines


def payload_text(code: Code) -> str:
    """The text of a code's payload as the text rules should see it.

    Contact cards (vCard, MECARD, BIZCARD) become labelled lines ("Name: ...", "Tel: ...",
    "Email: ...", "Address: ...", "Birthday: ..."), Wi-Fi credentials "Wi-Fi network: ..." and
    "Wi-Fi password: ...", ``mailto:``/``tel:``/``sms:``/``geo:`` links their address or number
    with a label; URLs and anything else are returned as they are.
    """
    text = code.text
    stripped = text.strip()
    upper = stripped.upper()
    lines: list[str] = []
    if upper.startswith("BEGIN:VCARD"):
        lines = _vcard_lines(stripped)
    elif upper.startswith("MECARD:"):
        lines = _mecard_lines(stripped[7:])
    elif upper.startswith("BIZCARD:"):
        lines = _bizcard_lines(stripped[8:])
    elif upper.startswith("WIFI:"):
        wifi = parse_wifi(stripped)
        if wifi is not None:
            lines = [f"Wi-Fi network: {wifi.ssid}"]
            if wifi.password:
                lines.append(f"Wi-Fi password: {wifi.password}")
    elif upper.startswith("MATMSG:"):
        labels = {"TO": "Email", "SUB": "Subject", "BODY": "Message"}
        for key, value in _fields(stripped[7:]):
            if key in labels and _unescape(value).strip():
                lines.append(f"{labels[key]}: {_unescape(value).strip()}")
    elif upper.startswith("MAILTO:"):
        parts = urlsplit(stripped)
        address = unquote(parts.path).strip()
        lines = ([f"Email: {address}"] if address else []) + _query_lines(parts.query)
    elif upper.startswith(("TEL:", "CALLTO:")):
        number = unquote(stripped.split(":", 1)[1]).strip()
        lines = [f"Tel: {number}"] if number else []
    elif upper.startswith("SMSTO:") or upper.startswith("MMSTO:"):
        # SMSTO:number:message
        _, _, rest = stripped.partition(":")
        number, _, message = rest.partition(":")
        lines = [f"SMS: {number.strip()}"] if number.strip() else []
        if message.strip():
            lines.append(f"Message: {message.strip()}")
    elif upper.startswith(("SMS:", "MMS:")):
        rest = stripped.split(":", 1)[1]
        number, _, query = rest.partition("?")
        number = unquote(number).strip()
        lines = ([f"SMS: {number}"] if number else []) + _query_lines(query)
    elif upper.startswith("GEO:"):
        where = stripped[4:].split("?", 1)[0].strip()
        lines = [f"Location: {where}"] if where else []
    return "\n".join(lines) if lines else text
