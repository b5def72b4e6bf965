"""Open photos safely: size limits, damaged files and decompression bombs become clear errors.

A photo is analysed the way it is shown: EXIF orientation applied, first frame of an animation
aside (animations are read frame by frame by `frames.py`), converted to 8-bit RGB.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pausepost.errors import InputError

if TYPE_CHECKING:
    from PIL import Image

# A 50-megapixel phone photo is the largest in common use; twice that is refused with advice
# rather than decoded (about 300 MB of pixels), and so is any file claiming more.
MAX_PIXELS = 64_000_000
MAX_FILE_BYTES = 80 * 1024 * 1024

_heif_registered = False


@dataclass(frozen=True, slots=True)
class LoadedImage:
    """A photo ready to analyse."""

    path: Path
    pixels: Any  # numpy array, RGB uint8, shape (height, width, 3), as displayed
    format: str  # "JPEG", "PNG", ...
    frames: int  # more than 1 for an animation

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError:  # HEIC then reads as "not a photo pausepost can read"
            pass
        _heif_registered = True


def check_file(path: str | Path, what: str = "photo") -> Path:
    """The path, once it is known to be an existing, non-empty file of a sane size."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such {what}")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the file is empty")
    if what == "photo" and size > MAX_FILE_BYTES:
        raise InputError(f"{path}: {size / 2**20:.0f} MB is too large for a photo "
                         f"(pausepost reads photos up to {MAX_FILE_BYTES // 2**20} MB)")
    return path


def open_image(path: str | Path) -> Image.Image:
    """Open (header only) a photo Pillow can read, refusing oversized or bomb-like images."""
    from PIL import Image, UnidentifiedImageError

    _register_heif()
    path = check_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except UnidentifiedImageError:
        raise InputError(f"{path}: not a photo pausepost can read (JPEG, PNG, WebP, GIF, "
                         "TIFF, BMP or HEIC)") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(f"{path}: the image claims more pixels than pausepost will decode "
                         "(a decompression bomb, or far larger than any camera makes)") from None
    except OSError as exc:
        raise InputError(f"{path}: the photo cannot be read ({exc})") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise InputError(f"{path}: {width}×{height} is {width * height / 1e6:.0f} megapixels; "
                         f"pausepost checks photos up to {MAX_PIXELS // 1_000_000} megapixels "
                         "- resize it (most sites shrink photos far more than that anyway)")
    if width < 1 or height < 1:
        raise InputError(f"{path}: the image has no pixels")
    return image


def load_image(path: str | Path) -> LoadedImage:
    """Decode a photo to RGB pixels as displayed (EXIF orientation applied)."""
    import numpy as np
    from PIL import Image, ImageOps

    image = open_image(path)
    try:
        frames = int(getattr(image, "n_frames", 1))
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            shown = ImageOps.exif_transpose(image) or image
        rgb = to_rgb(shown)
        pixels = np.asarray(rgb, dtype=np.uint8)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise InputError(f"{path}: the photo is damaged or truncated ({exc})") from None
    finally:
        image.close()
    return LoadedImage(path=Path(path), pixels=pixels, format=str(image.format or "unknown"),
                       frames=frames)


def to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB; transparency is laid on white, as sites show it."""
    from PIL import Image

    if image.mode == "RGB":
        return image
    if image.mode in {"I;16", "I;16B", "I;16L", "I"}:
        image = image.point(lambda v: v / 256).convert("L")
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")
