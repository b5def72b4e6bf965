"""Remove every piece of metadata from a photo, without touching its pixels where possible.

JPEG, PNG and WebP are rewritten block by block (the compressed image data is copied as it is);
other formats Pillow opens are decoded and saved again with nothing but the pixels.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence

from pausepost.errors import InputError
from pausepost.media.metadata import (
    PIL_ERRORS,
    Block,
    error_reason,
    exif_orientation,
    jfif_thumbnail,
    layout,
    quiet_pillow,
    read_image_bytes,
    register_heif,
    regular_file,
    sniff,
)

# Re-encoded images keep these formats; anything else Pillow reads is written as PNG.
_SAME_FORMAT = frozenset({"TIFF", "GIF", "BMP", "HEIF", "AVIF"})
# Image.info entries that change how the picture looks or moves and identify nobody.
_SAFE_INFO = ("icc_profile", "transparency", "duration", "loop", "background", "dpi")
_TIFF_LOSSLESS = frozenset({"tiff_lzw", "tiff_adobe_deflate", "tiff_deflate", "packbits"})
_PNG_MODES = frozenset({"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"})


def strip_metadata(src: str | Path, dst: str | Path) -> bool:
    """Write a copy of the image at `src` to `dst` with all metadata removed.

    True when the copy is lossless (JPEG, PNG and WebP: the same compressed pixels, only
    metadata blocks dropped); False when the image had to be decoded and encoded again (other
    formats, and a rotated photo whose EXIF orientation would otherwise be lost). Formats Pillow
    can write keep their format (TIFF, GIF, BMP, HEIC); any other is written as PNG.
    InputError when `src` is not a readable image, is damaged, or is the same file as `dst`.
    """
    source, target = regular_file(src), Path(dst)
    if _same_file(source, target):
        raise InputError(f"will not overwrite {source.name}: write the cleaned copy elsewhere")
    data = read_image_bytes(source)
    kind = sniff(data[:32])
    lossless_webp = False
    if kind in ("jpeg", "png", "webp"):
        blocks, _end = layout(data, kind, source.name)  # anything after the image's end is dropped
        if not _rotated(data, kind, blocks):
            _write(target, _rewrite(data, kind, blocks))
            return True
        lossless_webp = any(b.name == "VP8L" for b in blocks)
    _reencode(source, target, kind, lossless_webp)
    return False


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        if b.exists() and os.path.samefile(a, b):  # hard links and symlinks alike
            return True
    return a.resolve() == b.resolve()


def _rewrite(data: bytes, kind: str, blocks: list[Block]) -> bytes:
    """The image from its kept blocks only."""
    parts: list[bytes] = []
    for block in blocks:
        if not block.keep:
            continue
        chunk = data[block.start:block.end]
        if block.name == "APP0 JFIF" and jfif_thumbnail(chunk):
            # Keep the header, drop the embedded thumbnail (an older view of the picture).
            chunk = b"\xff\xe0\x00\x10" + chunk[4:16] + b"\x00\x00"
        elif block.name == "VP8X":
            # Clear the "has EXIF" (0x08) and "has XMP" (0x04) flags for the dropped chunks.
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C]) + chunk[9:]
        parts.append(chunk)
    out = b"".join(parts)
    if kind == "webp":
        out = out[:4] + (len(out) - 8).to_bytes(4, "little") + out[8:]
    return out


def _rotated(data: bytes, kind: str, blocks: list[Block]) -> bool:
    """Whether the EXIF says to rotate or mirror the picture (lost once the EXIF goes)."""
    for block in blocks:
        if kind == "jpeg" and block.name == "EXIF":
            raw = data[block.start + 4:block.end]
        elif kind == "png" and block.name == "eXIf":
            raw = data[block.start + 8:block.end - 4]
        elif kind == "webp" and block.name == "EXIF":
            raw = data[block.start + 8:block.end]
        elif kind == "webp" and block.name == "VP8X" and data[block.start + 8] & 0x02:
            return False  # animation: frames are kept losslessly rather than flattened
        else:
            continue
        return exif_orientation(raw) not in (None, 1)
    return False


def _clean(frame: Image.Image) -> Image.Image:
    """A pixel copy of `frame` whose info holds only what affects display."""
    copy = frame.copy()
    copy.info = {k: frame.info[k] for k in _SAFE_INFO if k in frame.info}
    return copy


def _reencode(source: Path, target: Path, kind: str | None, lossless_webp: bool) -> None:
    if kind == "isobmff":
        register_heif()
    try:
        with quiet_pillow(), Image.open(source) as img:
            fmt = img.format or ""
            if fmt == "GIF" and getattr(img, "n_frames", 1) > 1:
                frames = [_clean(f) for f in ImageSequence.Iterator(img)]
            else:
                # Apply the EXIF orientation to the pixels, since the tag itself goes.
                frames = [_clean(ImageOps.exif_transpose(img))]
            compression = img.info.get("compression")
    except PIL_ERRORS as exc:
        raise InputError(f"{source.name} is not an image pausepost can read, or is damaged "
                         f"({error_reason(exc)})") from None
    first = frames[0]
    options: dict[str, object] = {}
    if fmt in ("JPEG", "MPO"):
        out_fmt = "JPEG"
        options = {"quality": 95}
    elif fmt == "WEBP":
        out_fmt = "WEBP"
        options = {"lossless": True} if lossless_webp else {"quality": 95}
    elif fmt == "PNG" or fmt not in _SAME_FORMAT:
        out_fmt = "PNG"
        if first.mode not in _PNG_MODES:
            first = first.convert("RGBA" if "A" in first.mode else "RGB")
    else:
        out_fmt = fmt
        if fmt == "HEIF":
            options = {"quality": 90}
        elif fmt == "TIFF" and compression in _TIFF_LOSSLESS:
            options = {"compression": compression}
    Image.init()
    if out_fmt not in Image.SAVE:  # e.g. AVIF without an AVIF encoder
        out_fmt = "PNG"
        if first.mode not in _PNG_MODES:
            first = first.convert("RGBA" if "A" in first.mode else "RGB")
    if "icc_profile" in first.info and out_fmt != "GIF":
        options["icc_profile"] = first.info["icc_profile"]
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:])
    tmp = _temp_name(target)
    try:
        with quiet_pillow():
            first.save(tmp, format=out_fmt, **options)
        os.replace(tmp, target)
    except PIL_ERRORS as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, Image.UnidentifiedImageError):
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise InputError(f"cannot save a clean copy of {source.name} as {out_fmt}") from None


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _write(target: Path, data: bytes) -> None:
    """Write via a temporary file, so a failure never leaves half an image at `target`."""
    tmp = _temp_name(target)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
