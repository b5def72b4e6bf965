"""Location and device metadata in photos and videos, read without trusting the file.

Photos go through Pillow (and pillow_heif for HEIC) for their EXIF, and JPEG, PNG and WebP are
also walked block by block, so "has metadata" means exactly "stripping would remove something".
MP4/MOV boxes are walked by hand with seeks: a multi-gigabyte video is never loaded, and no size,
count or depth read from the file is trusted.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import struct
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from PIL import ExifTags, Image, UnidentifiedImageError

from pausepost.errors import InputError


@dataclass(frozen=True, slots=True)
class MediaMetadata:
    """What a photo or video says about where, when and with what it was made."""

    gps: tuple[float, float] | None  # (latitude, longitude), decimal degrees, S/W negative
    altitude: float | None  # metres; below sea level negative
    make: str | None
    model: str | None
    serial: str | None  # body serial and/or "lens …" serial
    taken: str | None  # capture time as found in the file
    other: tuple[tuple[str, str], ...]  # other identifying fields: (name, first 80 characters)
    has_metadata: bool  # the file carries something stripping would remove


# Files are read whole only for images; anything this big is not a photo to post.
MAX_IMAGE_BYTES = 256 * 1024 * 1024
_VALUE_CHARS = 80
_MAX_OTHER = 100

# Everything Pillow and its plugins raise on a hostile or damaged file. Pillow's parsers are not
# hardened to raise only OSError, so the structural errors are listed too.
PIL_ERRORS: tuple[type[BaseException], ...] = (
    UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError,
    EOFError, struct.error, IndexError, KeyError, TypeError, ZeroDivisionError, OverflowError,
    RecursionError, MemoryError, NotImplementedError,
)


# ---------------------------------------------------------------------------------------------
# Small shared helpers


def regular_file(path: str | Path) -> Path:
    """`path` as a Path, or InputError when it is missing or not a regular file."""
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(f"{p}: no such file")
        if not p.is_file():  # a directory, a FIFO or /dev/zero would hang or mislead the readers
            raise InputError(f"{p} is not a regular file")
    except OSError as exc:  # e.g. a directory on the way that may not be searched
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from None
    return p


def read_image_bytes(p: Path) -> bytes:
    """The whole file, refusing anything larger than a photo plausibly is."""
    try:
        size = p.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise InputError(f"{p.name} is too large to be a photo ({size // 2**20} MB)")
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {p.name}: {exc.strerror or exc}") from None


def sniff(head: bytes) -> str | None:
    """'jpeg', 'png', 'webp', 'isobmff' (HEIC, MP4 …) or None, from a file's first bytes."""
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return "isobmff"
    return None


@functools.cache
def register_heif() -> bool:
    """Teach Pillow to open HEIC/HEIF; False when pillow_heif is not installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


@contextlib.contextmanager
def quiet_pillow() -> Iterator[None]:
    """Silence Pillow's warnings ("Corrupt EXIF data" …): a damaged file is reported once, as an
    InputError, or read as far as it goes; the decompression-bomb limit still raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _short(text: str) -> str:
    return " ".join(text.split())[:_VALUE_CHARS]


def _text(value: object) -> str | None:
    """A tag value as clean text, or None when it is empty or not text at all."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    cleaned = " ".join(value.replace("\x00", " ").split())
    return cleaned or None


def error_reason(exc: BaseException) -> str:
    """The first line of an exception's message, for a one-line InputError."""
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120] or type(exc).__name__


# ---------------------------------------------------------------------------------------------
# Collected fields (photos and videos)


@dataclass(slots=True)
class _Found:
    gps: tuple[float, float] | None = None
    altitude: float | None = None
    make: str | None = None
    model: str | None = None
    serial: str | None = None
    taken: str | None = None
    fallback_taken: str | None = None  # MP4 mvhd: the encoder's clock, used only if nothing else
    other: list[tuple[str, str]] = field(default_factory=list)
    has_metadata: bool = False

    def first(self, attr: str, value: str | None) -> None:
        if value and getattr(self, attr) is None:
            setattr(self, attr, value[:200])

    def add(self, key: str, value: str | None) -> None:
        if not value:
            return
        item = (key, _short(value))
        if item[1] and item not in self.other and len(self.other) < _MAX_OTHER:
            self.other.append(item)

    def position(self, lat: float | None, lon: float | None, alt: float | None = None) -> None:
        if self.gps is not None or lat is None or lon is None:
            return
        if abs(lat) <= 90 and abs(lon) <= 180 and not (lat == 0 and lon == 0):
            self.gps = (lat, lon)
            if alt is not None and self.altitude is None:
                self.altitude = alt

    def result(self, has_metadata: bool) -> MediaMetadata:
        return MediaMetadata(
            gps=self.gps, altitude=self.altitude, make=self.make, model=self.model,
            serial=self.serial, taken=self.taken or self.fallback_taken, other=tuple(self.other),
            has_metadata=has_metadata)


# ---------------------------------------------------------------------------------------------
# Image containers, block by block (strip.py rewrites from the same layouts)


@dataclass(frozen=True, slots=True)
class Block:
    """One segment or chunk of an image file: bytes [start, end), kept or dropped by stripping."""

    name: str
    start: int
    end: int
    keep: bool


# The first marker after entropy-coded data: 0xFF (plus fill bytes) and anything but a stuffed
# zero or a restart marker.
_ECS_END = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _jpeg_segment(marker: int, payload: bytes) -> tuple[str, bool]:
    """Name and keep-flag of one JPEG marker segment."""
    if marker == 0xE0:
        return ("APP0 JFIF", True) if payload.startswith(b"JFIF\x00") else ("APP0", False)
    if marker == 0xE1:
        if payload.startswith(b"Exif\x00"):
            return "EXIF", False
        return ("XMP", False) if payload.startswith(b"http://ns.adobe.com/") else ("APP1", False)
    if marker == 0xE2:  # colours stay right with the ICC profile; MPF lists hidden extra images
        if payload.startswith(b"ICC_PROFILE\x00"):
            return "ICC profile", True
        return ("MPF", False) if payload.startswith(b"MPF\x00") else ("APP2", False)
    if marker == 0xED:
        return "IPTC/Photoshop", False
    if marker == 0xEE:  # the Adobe segment says how to convert colours when decoding
        return ("APP14 Adobe", True) if payload.startswith(b"Adobe") else ("APP14", False)
    if 0xE0 <= marker <= 0xEF:
        return f"APP{marker - 0xE0}", False
    if marker == 0xFE:
        return "comment", False
    return f"marker {marker:02X}", True


def jpeg_layout(data: bytes, name: str) -> tuple[list[Block], int]:
    """The JPEG's segments up to EOI and where EOI ends; InputError when the structure is bad."""
    damaged = InputError(f"{name} is not a JPEG image or is damaged")
    if data[:2] != b"\xff\xd8":
        raise damaged
    blocks = [Block("SOI", 0, 2, True)]
    n, pos = len(data), 2
    seen_sof = seen_sos = False
    while True:
        if pos >= n or data[pos] != 0xFF:
            raise damaged
        while pos < n and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= n:
            raise damaged
        marker, start = data[pos], pos - 1
        pos += 1
        if marker == 0xD9:
            if not seen_sos:
                raise damaged
            blocks.append(Block("EOI", start, pos, True))
            return blocks, pos
        if marker in (0x00, 0xD8):
            raise damaged
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # standalone markers carry no length
            blocks.append(Block(f"marker {marker:02X}", start, pos, True))
            continue
        if pos + 2 > n:
            raise damaged
        length = int.from_bytes(data[pos:pos + 2], "big")
        end = pos + length
        if length < 2 or end > n:
            raise damaged
        if marker == 0xDA:
            if not seen_sof:
                raise damaged
            seen_sos = True
            match = _ECS_END.search(data, end)
            if match is None:  # the scan never ends: the file was cut short
                raise damaged
            blocks.append(Block("scan", start, match.start(), True))
            pos = match.start()
            continue
        seen_sof = seen_sof or marker in _SOF
        label, keep = _jpeg_segment(marker, data[pos + 2:end])
        blocks.append(Block(label, start, end, keep))
        pos = end


def jfif_thumbnail(segment: bytes) -> bool:
    """Whether an APP0 JFIF segment (marker included) carries an embedded thumbnail."""
    return len(segment) > 18


# Chunks a PNG needs to look right; text, EXIF, time and unknown ancillary chunks are dropped.
PNG_KEEP = frozenset({
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"pHYs",
    b"sBIT", b"bKGD", b"hIST", b"sPLT", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI",
})
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_layout(data: bytes, name: str) -> tuple[list[Block], int]:
    """The PNG's chunks up to IEND and where IEND ends; InputError when the structure is bad."""
    damaged = InputError(f"{name} is not a PNG image or is damaged")
    if data[:8] != _PNG_SIGNATURE:
        raise damaged
    blocks = [Block("signature", 0, 8, True)]
    n, pos, seen_idat = len(data), 8, False
    while True:
        if pos + 12 > n:
            raise damaged
        length = int.from_bytes(data[pos:pos + 4], "big")
        ctype = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if length > 0x7FFFFFFF or end > n or not ctype.isalpha() or not ctype.isascii():
            raise damaged
        if len(blocks) == 1 and ctype != b"IHDR":
            raise damaged
        seen_idat = seen_idat or ctype == b"IDAT"
        # An unknown critical chunk (upper-case first letter) cannot be dropped without breaking
        # the image; unknown ancillary ones can carry anything, so they go.
        keep = ctype in PNG_KEEP or ctype[:1].isupper()
        blocks.append(Block(ctype.decode("ascii"), pos, end, keep))
        pos = end
        if ctype == b"IEND":
            if not seen_idat:
                raise damaged
            return blocks, end


WEBP_KEEP = frozenset({b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})


def webp_layout(data: bytes, name: str) -> tuple[list[Block], int]:
    """The WebP's RIFF chunks and where the RIFF ends; InputError when the structure is bad."""
    damaged = InputError(f"{name} is not a WebP image or is damaged")
    if len(data) < 20 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise damaged
    riff_end = 8 + int.from_bytes(data[4:8], "little")
    if riff_end > len(data) or riff_end < 20:
        raise damaged
    blocks = [Block("RIFF header", 0, 12, True)]
    pos, seen_image = 12, False
    while pos < riff_end:
        if pos + 8 > riff_end:
            raise damaged
        fourcc = data[pos:pos + 4]
        size = int.from_bytes(data[pos + 4:pos + 8], "little")
        end = pos + 8 + size + (size & 1)
        if end > riff_end:
            if pos + 8 + size != riff_end:  # only a missing pad byte at the very end is forgiven
                raise damaged
            end = riff_end
        if fourcc == b"VP8X" and size < 10:
            raise damaged
        seen_image = seen_image or fourcc in (b"VP8 ", b"VP8L", b"ANMF")
        label = {b"EXIF": "EXIF", b"XMP ": "XMP"}.get(fourcc, fourcc.decode("latin-1").strip())
        blocks.append(Block(label, pos, end, fourcc in WEBP_KEEP))
        pos = end
    if not seen_image:
        raise damaged
    return blocks, riff_end


def layout(data: bytes, kind: str, name: str) -> tuple[list[Block], int]:
    """Blocks and end of image for 'jpeg', 'png' or 'webp'."""
    reader = {"jpeg": jpeg_layout, "png": png_layout, "webp": webp_layout}[kind]
    return reader(data, name)


def removable(data: bytes, kind: str, name: str) -> list[str]:
    """Names of what stripping would remove from a JPEG, PNG or WebP."""
    blocks, end = layout(data, kind, name)
    found = [b.name for b in blocks if not b.keep]
    if kind == "jpeg" and any(b.name == "APP0 JFIF" and jfif_thumbnail(data[b.start:b.end])
                              for b in blocks):
        found.append("JFIF thumbnail")
    # Zero or 0xFF padding after the end is harmless; anything else (a Motion Photo's video,
    # a phone's trailer) is hidden data.
    if data[end:].strip(b"\x00\xff \t\r\n"):
        found.append("data after the end of the image")
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------------
# A minimal TIFF reader for what Pillow does not expose: orientation without decoding, and the
# serial numbers that cameras keep in their maker notes.

_TIFF_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_INT_FORMATS = {1: "B", 3: "H", 4: "I", 6: "b", 8: "h", 9: "i", 13: "I"}


def _tiff_bytes(raw: bytes) -> bytes:
    return raw[6:] if raw.startswith(b"Exif\x00") else raw


def _tiff_header(tiff: bytes) -> tuple[str, int] | None:
    if tiff[:4] == b"II*\x00":
        return "<", int.from_bytes(tiff[4:8], "little")
    if tiff[:4] == b"MM\x00*":
        return ">", int.from_bytes(tiff[4:8], "big")
    return None


def _ifd(buf: bytes, offset: int, order: str) -> dict[int, tuple[int, int, int]]:
    """One IFD: tag -> (type, count, position of the value bytes), every position bounds-checked."""
    if offset <= 0 or offset + 2 > len(buf):
        return {}
    (count,) = struct.unpack_from(order + "H", buf, offset)
    entries: dict[int, tuple[int, int, int]] = {}
    for i in range(min(count, 1000)):
        at = offset + 2 + 12 * i
        if at + 12 > len(buf):
            break
        tag, typ, n = struct.unpack_from(order + "HHI", buf, at)
        size = _TIFF_SIZES.get(typ)
        if size is None:
            continue
        total = size * n
        pos = at + 8 if total <= 4 else struct.unpack_from(order + "I", buf, at + 8)[0]
        if pos + total <= len(buf):
            entries[tag] = (typ, n, pos)
    return entries


def _ifd_int(buf: bytes, entry: tuple[int, int, int] | None, order: str) -> int | None:
    if entry is None or entry[1] < 1 or entry[0] not in _INT_FORMATS:
        return None
    fmt = order + _INT_FORMATS[entry[0]]
    return int(struct.unpack_from(fmt, buf, entry[2])[0])


def _ifd_text(buf: bytes, entry: tuple[int, int, int] | None) -> str | None:
    if entry is None or entry[0] not in (1, 2, 7):
        return None
    return _text(buf[entry[2]:entry[2] + entry[1]])


def exif_orientation(raw: bytes) -> int | None:
    """The Orientation tag (1-8) of raw EXIF bytes, or None."""
    tiff = _tiff_bytes(raw)
    header = _tiff_header(tiff)
    if header is None:
        return None
    order, offset = header
    return _ifd_int(tiff, _ifd(tiff, offset, order).get(0x0112), order)


def _makernote_serial(raw: bytes, make: str | None) -> str | None:
    """A body serial number from the maker note, for the makes whose layout is known."""
    tiff = _tiff_bytes(raw)
    header = _tiff_header(tiff)
    if header is None:
        return None
    order, offset = header
    exif_at = _ifd_int(tiff, _ifd(tiff, offset, order).get(0x8769), order)
    note = _ifd(tiff, exif_at or 0, order).get(0x927C)
    if note is None:
        return None
    start = note[2]
    body = tiff[start:start + note[1]]
    if body.startswith(b"Nikon\x00\x02"):  # its own TIFF header 10 bytes in; tag SerialNumber
        sub = body[10:]
        sub_header = _tiff_header(sub)
        if sub_header is None:
            return None
        return _ifd_text(sub, _ifd(sub, sub_header[1], sub_header[0]).get(0x001D))
    if body.startswith(b"FUJIFILM"):  # little-endian, offsets from the note; InternalSerialNumber
        return _ifd_text(body, _ifd(body, int.from_bytes(body[8:12], "little"), "<").get(0x0010))
    if body.startswith(b"Panasonic\x00\x00\x00"):
        return _ifd_text(tiff, _ifd(tiff, start + 12, order).get(0x0025))
    if make and make.lower().startswith("canon"):  # a bare IFD; SerialNumber is a LONG
        number = _ifd_int(tiff, _ifd(tiff, start, order).get(0x000C), order)
        return str(number) if number else None
    return None


# ---------------------------------------------------------------------------------------------
# EXIF values as Pillow returns them


def _number(value: object) -> float | None:
    try:
        if isinstance(value, tuple) and len(value) == 2:
            number = float(value[0]) / float(value[1])
        else:
            number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _degrees(value: object) -> float | None:
    """Degrees from an EXIF (degrees, minutes, seconds) triple, or a bare number."""
    if isinstance(value, tuple | list):
        parts = [_number(v) for v in value[:3]]
        if not parts or any(p is None for p in parts):
            return None
        return sum(p / 60**i for i, p in enumerate(parts) if p is not None)
    return _number(value)


def _ref(value: object) -> str:
    text = _text(value) if isinstance(value, bytes | str) else None
    return text[0].upper() if text else ""


def _exif_gps(gps: dict[int, Any], found: _Found) -> None:
    lat, lon = _degrees(gps.get(2)), _degrees(gps.get(4))
    lat_ref, lon_ref = _ref(gps.get(1)), _ref(gps.get(3))
    if lat is None or lon is None:
        return
    if lat_ref == "S":
        lat = -abs(lat)
    if lon_ref == "W":
        lon = -abs(lon)
    if lat == 0 and lon == 0 and not (lat_ref or lon_ref):
        return  # an unset position some cameras write, not Null Island
    altitude = _number(gps.get(6))
    if altitude is not None and gps.get(5) in (1, b"\x01", (1,)):
        altitude = -altitude
    if abs(lat) <= 90 and abs(lon) <= 180:
        found.gps, found.altitude = (lat, lon), altitude


def _xp_text(value: object) -> str | None:
    """Windows XP* tags: UTF-16LE in a BYTE array."""
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
        value = bytes(v & 0xFF for v in value)
    if isinstance(value, bytes):
        return _text(value.decode("utf-16-le", "replace"))
    return _text(value)


def _user_comment(value: object) -> str | None:
    """EXIF UserComment: an 8-byte character-set prefix, then the text."""
    if not isinstance(value, bytes):
        return _text(value)
    prefix, body = value[:8], value[8:]
    if prefix.startswith(b"UNICODE"):
        # The byte order is the TIFF's; whichever half has the zeros of ASCII text wins.
        little = body[1::2].count(0) >= body[0::2].count(0)
        return _text(body.decode("utf-16-le" if little else "utf-16-be", "replace"))
    if prefix.strip(b"\x00 ") in (b"", b"ASCII", b"JIS"):
        return _text(body)
    return _text(value)


_IFD0_OTHER = {0x010E: "ImageDescription", 0x013B: "Artist", 0x8298: "Copyright",
               0x0131: "Software", 0x013C: "HostComputer", 0x010D: "DocumentName"}
_XP_TAGS = {0x9C9B: "XPTitle", 0x9C9C: "XPComment", 0x9C9D: "XPAuthor", 0x9C9E: "XPKeywords",
            0x9C9F: "XPSubject"}
_EXIF_OTHER = {0xA430: "OwnerName", 0xA420: "ImageUniqueID"}
_IPTC = {(2, 80): "By-line", (2, 110): "Credit", (2, 115): "Source", (2, 116): "Copyright notice",
         (2, 120): "Caption", (2, 90): "City", (2, 92): "Sub-location",
         (2, 95): "Province/State", (2, 101): "Country", (2, 122): "Writer"}
# TIFF tags that say something about the picture's origin (not its pixel layout).
_IDENTIFYING_TIFF = frozenset({0x010E, 0x010F, 0x0110, 0x0131, 0x0132, 0x013B, 0x013C, 0x8298,
                               0x010D, 700, 33723, 34377, 0x8769, 0x8825, 0xC62F,
                               *_XP_TAGS})


# ---------------------------------------------------------------------------------------------
# XMP (photos and videos)


def _xmp_value(xmp: str, name: str) -> str | None:
    match = re.search(rf'{name}\s*=\s*"([^"]*)"|<{name}>([^<]*)<', xmp)
    return (match.group(1) if match.group(1) is not None else match.group(2)) if match else None


def _xmp_degrees(value: str | None) -> float | None:
    """XMP GPS coordinate: 'DDD,MM,SSk' or 'DDD,MM.mmk' (k = N, S, E or W)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*"
                         r"([NSEWnsew])\s*", value or "")
    if not match:
        return None
    deg, minutes, seconds, ref = match.groups()
    total = float(deg) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    return -total if ref.upper() in "SW" else total


def _xmp(found: _Found, data: bytes | str) -> None:
    text = (data.decode("utf-8", "replace") if isinstance(data, bytes) else data)[:2_000_000]
    found.add("XMP", "present")
    found.position(_xmp_degrees(_xmp_value(text, "exif:GPSLatitude")),
                   _xmp_degrees(_xmp_value(text, "exif:GPSLongitude")))
    # DJI drones write plain decimal degrees (and older firmware misspells longitude).
    lat, lon = _xmp_value(text, "drone-dji:GpsLatitude"), (
        _xmp_value(text, "drone-dji:GpsLongitude") or _xmp_value(text, "drone-dji:GpsLongtitude"))
    found.position(_number(lat), _number(lon))
    found.first("make", _text(_xmp_value(text, "tiff:Make")))
    found.first("model", _text(_xmp_value(text, "tiff:Model")))
    found.first("serial", _text(_xmp_value(text, "exifEX:BodySerialNumber")
                                or _xmp_value(text, "aux:SerialNumber")))
    creator = re.search(r"<dc:creator>.*?<rdf:li[^>]*>([^<]+)</rdf:li>", text, re.DOTALL)
    if creator:
        found.add("Creator", _text(creator.group(1)))


# ---------------------------------------------------------------------------------------------
# Photos


def read_image_metadata(path: str | Path) -> MediaMetadata:
    """Location, device and other identifying metadata of a photo.

    JPEG, PNG, WebP, TIFF, GIF, BMP and HEIC/HEIF (through pillow_heif). InputError when the file
    is not an image or is damaged.
    """
    p = regular_file(path)
    try:
        with p.open("rb") as f:
            head = f.read(32)
    except OSError as exc:
        raise InputError(f"cannot read {p.name}: {exc.strerror or exc}") from None
    kind = sniff(head)
    dropped: list[str] | None = None
    if kind in ("jpeg", "png", "webp"):
        dropped = removable(read_image_bytes(p), kind, p.name)
    elif kind == "isobmff":
        register_heif()
    try:
        with quiet_pillow(), Image.open(p) as img:
            return _image_metadata(img, dropped)
    except PIL_ERRORS as exc:
        raise InputError(f"{p.name} is not an image pausepost can read, or is damaged "
                         f"({error_reason(exc)})") from None


def _image_metadata(img: Image.Image, dropped: list[str] | None) -> MediaMetadata:
    found = _Found()
    exif = img.getexif()
    ifd0: dict[int, Any] = dict(exif)
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    info = img.info
    raw = info.get("exif") if isinstance(info.get("exif"), bytes) else None

    _exif_gps(gps, found)
    found.first("make", _text(ifd0.get(0x010F)))
    found.first("model", _text(ifd0.get(0x0110)))
    found.first("taken", _text(sub.get(0x9003)) or _text(ifd0.get(0x0132)))
    body = _text(sub.get(0xA431)) or _text(ifd0.get(0xC62F))
    if body is None and raw:
        body = _makernote_serial(raw, found.make)
    lens = _text(sub.get(0xA435))
    found.first("serial", "; ".join(
        s for s in (body, f"lens {lens}" if lens else None) if s) or None)

    for tag, label in _IFD0_OTHER.items():
        found.add(label, _text(ifd0.get(tag)))
    for tag, label in _XP_TAGS.items():
        found.add(label, _xp_text(ifd0.get(tag)))
    for tag, label in _EXIF_OTHER.items():
        found.add(label, _text(sub.get(tag)))
    found.add("UserComment", _user_comment(sub.get(0x9286)))
    found.add("Comment", _text(info.get("comment")))

    text_chunks: dict[str, Any] = {}
    if img.format == "PNG":
        text_chunks = dict(getattr(img, "text", {}) or {})
    xmp = info.get("xmp") or ifd0.get(700) or text_chunks.get("XML:com.adobe.xmp")
    if isinstance(xmp, bytes | str) and xmp:
        _xmp(found, xmp)
    for key, value in text_chunks.items():
        if key != "XML:com.adobe.xmp":
            found.add(str(key), _text(value))
    iptc = _iptc(img)
    for dataset, label in _IPTC.items():
        value = iptc.get(dataset)
        for item in value if isinstance(value, list) else [value]:
            found.add(label, _text(item))

    if dropped is not None:
        has = bool(dropped)
    else:  # re-encoding removes everything, so anything identifying counts
        has = (any(getattr(found, a) is not None for a in ("gps", "make", "model", "serial",
                                                           "taken"))
               or bool(found.other) or bool(iptc)
               or any(tag in ifd0 for tag in _IDENTIFYING_TIFF)
               or any(info.get(k) for k in ("exif", "xmp", "comment", "photoshop")))
    return found.result(has)


def _iptc(img: Image.Image) -> dict[tuple[int, int], Any]:
    from PIL import IptcImagePlugin, JpegImagePlugin, TiffImagePlugin

    if not isinstance(img, JpegImagePlugin.JpegImageFile | TiffImagePlugin.TiffImageFile):
        return {}
    try:
        return IptcImagePlugin.getiptcinfo(img) or {}
    except PIL_ERRORS:  # a broken IPTC block is still a block stripping removes
        return {(0, 0): b"damaged"}


# ---------------------------------------------------------------------------------------------
# Videos: ISO base media file format (MP4, MOV, 3GP)

_MAX_DEPTH = 8
_MAX_BOXES = 100_000
_MAX_PAYLOAD = 1 << 20
_TOP_LEVEL = frozenset({b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid",
                        b"styp", b"pdin", b"sidx", b"junk", b"moof", b"mfra", b"meta"})
_XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
_EPOCH_1904 = datetime(1904, 1, 1, tzinfo=UTC)
_BOX_TYPE = re.compile(rb"[\x20-\x7e\xa9]{4}")

# Item names (udta 4CCs, iTunes ilst 4CCs, QuickTime keys) -> main field.
_ITEM_FIELDS = {
    "©xyz": "location", "com.apple.quicktime.location.ISO6709": "location",
    "©mak": "make", "com.apple.quicktime.make": "make",
    "©mod": "model", "com.apple.quicktime.model": "model",
    "©day": "taken", "com.apple.quicktime.creationdate": "taken",
}
_ITEM_LABELS = {
    "©swr": "Software", "©too": "Software", "©enc": "Software",
    "com.apple.quicktime.software": "Software", "©ART": "Artist", "©aut": "Author",
    "©cpy": "Copyright", "©cmt": "Comment", "©des": "Description", "desc": "Description",
    "©nam": "Title", "©inf": "Information", "©prd": "Producer", "©dir": "Director",
    "auth": "Author", "cprt": "Copyright", "titl": "Title", "dscp": "Description",
    "perf": "Performer", "com.apple.quicktime.author": "Author",
    "com.apple.quicktime.artist": "Artist", "com.apple.quicktime.copyright": "Copyright",
    "com.apple.quicktime.comment": "Comment", "com.apple.quicktime.description": "Description",
    "com.apple.quicktime.title": "Title", "com.apple.quicktime.displayname": "Title",
    "com.apple.quicktime.location.name": "Location name",
}
_THREE_GPP_TEXT = frozenset({b"auth", b"cprt", b"titl", b"dscp", b"perf", b"gnre", b"albm"})


class _Boxes:
    """Seek-based box iteration over one open file, counting every box it hands out."""

    def __init__(self, f: BinaryIO, size: int, name: str) -> None:
        self.f, self.size, self.name, self.visited = f, size, name, 0

    def damaged(self, why: str) -> InputError:
        return InputError(f"{self.name} is not an MP4/MOV video or is damaged ({why})")

    def read(self, pos: int, n: int) -> bytes:
        self.f.seek(pos)
        return self.f.read(max(0, min(n, _MAX_PAYLOAD)))

    def children(self, start: int, end: int, top: bool = False) -> Iterator[tuple[bytes, int, int]]:
        """(type, payload start, end) of each box in [start, end).

        At the top level a box that overruns the file means the file was cut short; inside,
        sizes are clamped to the parent and a size below the header ends the walk.
        """
        end = min(end, self.size)
        pos = start
        while pos + 8 <= end:
            header = self.read(pos, 16)
            size, typ, head = int.from_bytes(header[:4], "big"), header[4:8], 8
            if size == 1:
                if len(header) < 16:
                    raise self.damaged("cut short")
                size, head = int.from_bytes(header[8:16], "big"), 16
            elif size == 0:  # "runs to the end of the file"
                size = end - pos
            # Inside 'ilst' a QuickTime item's type is a binary key index, so only top-level
            # types must look like text.
            if size < head or (top and not _BOX_TYPE.fullmatch(typ)):
                if top:
                    raise self.damaged("bad box header")
                return
            box_end = pos + size
            if box_end > end:
                if top:
                    raise self.damaged("cut short")
                box_end = end
            self.visited += 1
            if self.visited > _MAX_BOXES:
                raise self.damaged("too many boxes")
            yield typ, pos + head, box_end
            pos = box_end
        if top and pos < end:
            raise self.damaged("cut short")


def read_video_metadata(path: str | Path) -> MediaMetadata:
    """Location, device and other identifying metadata of an MP4/MOV video.

    InputError when the file is not an ISO-BMFF movie or is damaged.
    """
    p = regular_file(path)
    found = _Found()
    try:
        with p.open("rb") as f:
            boxes = _Boxes(f, os.fstat(f.fileno()).st_size, p.name)
            saw_moov = False
            for i, (typ, start, end) in enumerate(boxes.children(0, boxes.size, top=True)):
                if i == 0 and typ not in _TOP_LEVEL:
                    raise boxes.damaged("no MP4 header")
                if typ == b"moov":
                    saw_moov = True
                    _walk(boxes, start, end, 1, found, b"moov")
                elif typ == b"uuid":
                    _uuid(boxes, start, end, found)
            if not saw_moov:
                raise boxes.damaged("no movie box")
    except OSError as exc:
        raise InputError(f"cannot read {p.name}: {exc.strerror or exc}") from None
    return found.result(found.has_metadata)


def _walk(boxes: _Boxes, start: int, end: int, depth: int, found: _Found, parent: bytes) -> None:
    """moov, trak and mdia: the boxes that can hold user data or metadata."""
    if depth > _MAX_DEPTH:
        return
    for typ, s, e in boxes.children(start, end):
        if typ == b"mvhd" and parent == b"moov":
            found.fallback_taken = found.fallback_taken or _mvhd_time(boxes.read(s, 32))
        elif typ in (b"trak", b"mdia"):
            _walk(boxes, s, e, depth + 1, found, typ)
        elif typ == b"udta":
            _udta(boxes, s, e, depth + 1, found)
        elif typ == b"meta":
            _meta(boxes, s, e, depth + 1, found)
        elif typ == b"uuid":
            _uuid(boxes, s, e, found)


def _uuid(boxes: _Boxes, start: int, end: int, found: _Found) -> None:
    if end - start > 16 and boxes.read(start, 16) == _XMP_UUID:
        found.has_metadata = True
        _xmp(found, boxes.read(start + 16, end - start - 16))


def _udta(boxes: _Boxes, start: int, end: int, depth: int, found: _Found) -> None:
    if depth > _MAX_DEPTH:
        return
    for typ, s, e in boxes.children(start, end):
        found.has_metadata = True  # any user data goes when a video is cleaned
        if typ == b"meta":
            _meta(boxes, s, e, depth + 1, found)
        elif e - s > _MAX_PAYLOAD:
            continue
        elif typ == b"XMP_":
            _xmp(found, boxes.read(s, e - s))
        elif typ == b"loci":
            _loci(boxes.read(s, e - s), found)
        elif typ in _THREE_GPP_TEXT:
            payload = boxes.read(s, e - s)
            _item(found, typ.decode("latin-1"), _three_gpp_string(payload[6:]))
        elif typ[:1] == b"\xa9":
            _item(found, typ.decode("latin-1"), _udta_text(boxes.read(s, e - s)))


def _meta(boxes: _Boxes, start: int, end: int, depth: int, found: _Found) -> None:
    """An MP4 'meta' (a full box: 4 bytes of version and flags first) or a QuickTime one."""
    if depth > _MAX_DEPTH or end - start < 8:
        return
    head = boxes.read(start, 12)
    # QuickTime's meta starts straight with a child box header; MP4's with version/flags.
    if not (int.from_bytes(head[:4], "big") >= 8 and _BOX_TYPE.fullmatch(head[4:8])):
        start += 4
    keys: list[str] = []
    items: list[tuple[bytes, int, int]] = []
    for typ, s, e in boxes.children(start, end):
        if typ != b"hdlr":
            found.has_metadata = True
        if typ == b"keys" and e - s <= _MAX_PAYLOAD:
            keys = _keys(boxes.read(s, e - s))
        elif typ == b"ilst" and depth < _MAX_DEPTH:
            items.extend(boxes.children(s, e))
        elif typ == b"xml " and e - s <= _MAX_PAYLOAD:
            _sony_xml(boxes.read(s + 4, e - s - 4), found)
    # ilst may come before keys; items are matched to key names only once both are read.
    for typ, s, e in items:
        index = int.from_bytes(typ, "big")
        name = keys[index - 1] if 1 <= index <= len(keys) else typ.decode("latin-1")
        for sub, ds, de in boxes.children(s, e):
            if sub == b"data" and de - ds <= _MAX_PAYLOAD:
                _item(found, name, _data_value(boxes.read(ds, de - ds)))
                break


def _keys(payload: bytes) -> list[str]:
    """QuickTime 'keys': version/flags, count, then (size, namespace, name) entries."""
    count = int.from_bytes(payload[4:8], "big")
    keys: list[str] = []
    pos = 8
    while len(keys) < min(count, 10_000) and pos + 8 <= len(payload):
        size = int.from_bytes(payload[pos:pos + 4], "big")
        if size < 8:
            break
        keys.append(payload[pos + 8:pos + size].decode("utf-8", "replace"))
        pos += size
    return keys


def _data_value(payload: bytes) -> str | None:
    """The text in a 'data' box payload (type indicator, locale, value); None for numbers and
    pictures, which identify nobody (frame rates, orientation, cover art)."""
    if len(payload) < 8:
        return None
    kind, value = int.from_bytes(payload[1:4], "big"), payload[8:]
    if kind in (1, 4):  # UTF-8
        return _text(value)
    if kind in (2, 5):  # UTF-16
        return _text(value.decode("utf-16-be", "replace"))
    return None


def _udta_text(payload: bytes) -> str | None:
    """A QuickTime user-data text item: 2-byte length, 2-byte language, text (or a 'data' box)."""
    if len(payload) >= 16 and payload[4:8] == b"data":
        return _data_value(payload[8:int.from_bytes(payload[:4], "big")])
    if len(payload) < 4:
        return None
    length = int.from_bytes(payload[:2], "big")
    return _text(payload[4:4 + length])


def _three_gpp_string(raw: bytes) -> str | None:
    if raw.startswith(b"\xfe\xff"):
        return _text(raw[2:].decode("utf-16-be", "replace").split("\x00")[0])
    return _text(raw.split(b"\x00")[0])


def _loci(payload: bytes, found: _Found) -> None:
    """3GPP 'loci': version/flags, language, name, role, then 16.16 fixed lon, lat, alt."""
    if payload[6:8] == b"\xfe\xff":
        pos = 8
        while pos + 1 < len(payload) and payload[pos:pos + 2] != b"\x00\x00":
            pos += 2
        pos += 2
    else:
        nul = payload.find(b"\x00", 6)
        pos = nul + 1 if nul >= 0 else len(payload)
    fixed = payload[pos + 1:pos + 13]
    if len(fixed) == 12:
        lon, lat, alt = (v / 65536 for v in struct.unpack(">iii", fixed))
        found.position(lat, lon, alt)


def _sony_xml(payload: bytes, found: _Found) -> None:
    """Sony's NonRealTimeMeta XML names the camera body and its serial number."""
    text = payload.decode("utf-8", "replace")
    device = re.search(r"<Device\b([^>]*)>", text)
    if device:
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', device.group(1)))
        found.first("make", _text(attrs.get("manufacturer")))
        found.first("model", _text(attrs.get("modelName")))
        found.first("serial", _text(attrs.get("serialNo")))
    created = re.search(r'<CreationDate\s+value="([^"]*)"', text)
    if created:
        found.first("taken", _text(created.group(1)))


def _item(found: _Found, name: str, value: str | None) -> None:
    if not value:
        return
    target = _ITEM_FIELDS.get(name)
    if target == "location":
        found.position(*parse_iso6709(value))
    elif target is not None:
        found.first(target, value)
    else:
        found.add(_ITEM_LABELS.get(name, name), value)


_ISO6709 = re.compile(r"\s*([+-])(\d+(?:\.\d*)?)([+-])(\d+(?:\.\d*)?)(?:([+-]\d+(?:\.\d*)?))?")


def _iso6709_part(sign: str, number: str, degree_digits: int) -> float | None:
    """±DD.D, ±DDMM.M or ±DDMMSS.S (three degree digits for longitude)."""
    whole, _, fraction = number.partition(".")
    tail = f".{fraction}" if fraction else ""
    d = degree_digits
    if len(whole) == d:
        value = float(whole + tail)
    elif len(whole) == d + 2:
        value = int(whole[:d]) + float(whole[d:] + tail) / 60
    elif len(whole) == d + 4:
        value = int(whole[:d]) + int(whole[d:d + 2]) / 60 + float(whole[d + 2:] + tail) / 3600
    else:
        return None
    return -value if sign == "-" else value


def parse_iso6709(text: str) -> tuple[float | None, float | None, float | None]:
    """(latitude, longitude, altitude) from an ISO 6709 string like '+51.5072-000.1276+011.000/'."""
    match = _ISO6709.match(text)
    if not match:
        return None, None, None
    lat = _iso6709_part(match.group(1), match.group(2), 2)
    lon = _iso6709_part(match.group(3), match.group(4), 3)
    alt = _number(match.group(5)) if match.group(5) else None
    return lat, lon, alt


def _mvhd_time(payload: bytes) -> str | None:
    """mvhd creation time (seconds since 1904, UTC) as ISO 8601; None when unset or absurd."""
    if len(payload) < 12:
        return None
    seconds = int.from_bytes(payload[4:12] if payload[0] == 1 else payload[4:8], "big")
    if seconds == 0:
        return None
    try:
        moment = _EPOCH_1904 + timedelta(seconds=seconds)
    except OverflowError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
