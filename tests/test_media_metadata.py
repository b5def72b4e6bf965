"""Photo and video metadata: reading location and device fields, stripping them, hostile files.

Every fixture is generated here (Pillow, piexif, pillow_heif, MP4 boxes by hand).
"""

from __future__ import annotations

import random
import struct
import tempfile
import time
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import piexif
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageOps
from PIL.PngImagePlugin import PngInfo

from pausepost.errors import InputError
from pausepost.media.metadata import (
    MediaMetadata,
    parse_iso6709,
    read_image_metadata,
    read_video_metadata,
)
from pausepost.media.strip import strip_metadata

SYDNEY = (-33.856784, 151.215297)  # south and east
LONDON = (51.507200, -0.127600)  # north and west
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
       b'exif:GPSLatitude="51,30.432N" exif:GPSLongitude="0,7.656W"><dc:creator><rdf:Seq>'
       b"<rdf:li>Jo Bloggs</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF>"
       b"</x:xmpmeta>")


# ---------------------------------------------------------------------------------------------
# Fixture builders


def noise(width: int = 48, height: int = 32, mode: str = "RGB") -> Image.Image:
    """Random pixels, so a lossless/lossy difference cannot hide in flat colour."""
    rng = np.random.default_rng(7)
    channels = len(mode)
    pixels = rng.integers(0, 256, size=(height, width, channels), dtype=np.uint8)
    return Image.fromarray(pixels if channels > 1 else pixels[:, :, 0], mode)


def rational_dms(value: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 10_000)
    return (degrees, 1), (minutes, 1), (seconds, 10_000)


def exif_bytes(position: tuple[float, float] | None = SYDNEY, *, orientation: int = 1,
               body_serial: str | None = "012345678901", lens_serial: str | None = None,
               make: str = "Canon", maker_note: bytes | None = None) -> bytes:
    zeroth: dict[int, object] = {
        piexif.ImageIFD.Make: make.encode(), piexif.ImageIFD.Model: b"Canon EOS R5",
        piexif.ImageIFD.Artist: b"Jo Bloggs", piexif.ImageIFD.Copyright: b"(c) Jo Bloggs",
        piexif.ImageIFD.Software: b"Darktable 4.6",
        piexif.ImageIFD.DateTime: b"2024:05:02 09:00:00",
        piexif.ImageIFD.Orientation: orientation,
    }
    exif: dict[int, object] = {piexif.ExifIFD.DateTimeOriginal: b"2024:05:01 12:34:56",
                               piexif.ExifIFD.CameraOwnerName: b"J Bloggs"}
    if body_serial:
        exif[piexif.ExifIFD.BodySerialNumber] = body_serial.encode()
    if lens_serial:
        exif[piexif.ExifIFD.LensSerialNumber] = lens_serial.encode()
    if maker_note is not None:
        exif[piexif.ExifIFD.MakerNote] = maker_note
    gps: dict[int, object] = {}
    if position is not None:
        lat, lon = position
        gps = {piexif.GPSIFD.GPSLatitudeRef: b"S" if lat < 0 else b"N",
               piexif.GPSIFD.GPSLatitude: rational_dms(lat),
               piexif.GPSIFD.GPSLongitudeRef: b"W" if lon < 0 else b"E",
               piexif.GPSIFD.GPSLongitude: rational_dms(lon),
               piexif.GPSIFD.GPSAltitudeRef: 1, piexif.GPSIFD.GPSAltitude: (125, 10)}
    return bytes(piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps}))


def jpeg_with_exif(path: Path, exif: bytes, image: Image.Image | None = None) -> Path:
    (image or noise()).save(path, "JPEG", quality=90)
    piexif.insert(exif, str(path))
    return path


def insert_after_soi(path: Path, segment: bytes) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:2] + segment + data[2:])


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def iptc_segment(by_line: bytes) -> bytes:
    """APP13 'Photoshop 3.0' with one 8BIM IPTC resource holding By-line (2:80)."""
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(by_line)) + by_line
    iptc += b"\x00" * (len(iptc) % 2)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    return jpeg_segment(0xED, b"Photoshop 3.0\x00" + resource + iptc)


def png_chunk(ctype: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(ctype + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + ctype + payload + struct.pack(">I", crc)


def box(typ: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(payload)) + typ + payload


def full_box_header(version: int = 0) -> bytes:
    return bytes([version, 0, 0, 0])


def seconds_since_1904(moment: datetime) -> int:
    return int((moment - datetime(1904, 1, 1, tzinfo=UTC)).total_seconds())


CREATED = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


def mvhd(created: int = seconds_since_1904(CREATED), version: int = 0) -> bytes:
    times = (struct.pack(">QQIQ", created, created, 600, 0) if version == 1
             else struct.pack(">IIII", created, created, 600, 0))
    # rate, volume, reserved, matrix, pre-defined, next track id: the rest of a real mvhd
    return box(b"mvhd", full_box_header(version) + times + b"\x00" * 80)


FTYP = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41")


def mp4_with_xyz(iso6709: bytes = b"+51.5072-000.1276+011.000/", *, extra_udta: bytes = b"",
                 mvhd_box: bytes | None = None) -> bytes:
    xyz = box(b"\xa9xyz", struct.pack(">HH", len(iso6709), 0x15C7) + iso6709)
    moov = box(b"moov", (mvhd_box or mvhd()) + box(b"udta", xyz + extra_udta))
    return FTYP + moov + box(b"mdat", bytes(range(256)) * 4)


def data_box(text: str) -> bytes:
    return box(b"data", struct.pack(">II", 1, 0) + text.encode())


def quicktime_movie(items: dict[str, str]) -> bytes:
    """A QuickTime-style movie: moov/meta (no version field) with hdlr, keys and ilst."""
    names = [k.encode() for k in items]
    keys = box(b"keys", full_box_header() + struct.pack(">I", len(names)) + b"".join(
        struct.pack(">I", 8 + len(k)) + b"mdta" + k for k in names))
    ilst = box(b"ilst", b"".join(box(struct.pack(">I", i + 1), data_box(v))
                                 for i, v in enumerate(items.values())))
    hdlr = box(b"hdlr", full_box_header() + b"\x00" * 4 + b"mdta" + b"\x00" * 13)
    moov = box(b"moov", mvhd() + box(b"meta", hdlr + keys + ilst))
    ftyp = box(b"ftyp", b"qt  \x00\x00\x00\x00qt  ")
    return ftyp + box(b"wide") + box(b"mdat", b"\x00" * 64) + moov


APPLE = {
    "com.apple.quicktime.location.ISO6709": "-33.8568+151.2153+005.000/",
    "com.apple.quicktime.make": "Apple",
    "com.apple.quicktime.model": "iPhone 15 Pro",
    "com.apple.quicktime.software": "17.4.1",
    "com.apple.quicktime.creationdate": "2024-05-01T13:00:00+0100",
}


def pixels(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        return np.asarray(img.convert("RGBA") if img.mode == "P" else img).copy()


def assert_no_metadata_left(path: Path) -> None:
    """A second, independent look: Pillow's view plus raw bytes."""
    with Image.open(path) as img:
        assert not dict(img.getexif())
        assert not {"exif", "xmp", "comment", "photoshop", "XML:com.adobe.xmp"} & set(img.info)
        assert not dict(getattr(img, "text", {}) or {})
    raw = path.read_bytes()
    for needle in (b"Exif\x00", b"xmpmeta", b"Jo Bloggs", b"Canon", b"Photoshop 3.0"):
        assert needle not in raw
    assert read_image_metadata(path).has_metadata is False


def approx_position(meta: MediaMetadata, expected: tuple[float, float]) -> None:
    assert meta.gps is not None
    assert meta.gps[0] == pytest.approx(expected[0], abs=1e-6)
    assert meta.gps[1] == pytest.approx(expected[1], abs=1e-6)


# ---------------------------------------------------------------------------------------------
# Reading photos


@pytest.mark.parametrize("position", [SYDNEY, LONDON], ids=["south-east", "north-west"])
def test_jpeg_gps_device_serial_and_time(tmp_path: Path, position: tuple[float, float]) -> None:
    path = jpeg_with_exif(tmp_path / "photo.jpg", exif_bytes(position))
    meta = read_image_metadata(path)
    approx_position(meta, position)
    assert meta.altitude == pytest.approx(-12.5)  # GPSAltitudeRef 1: below sea level
    assert (meta.make, meta.model) == ("Canon", "Canon EOS R5")
    assert meta.serial == "012345678901"
    assert meta.taken == "2024:05:01 12:34:56"
    other = dict(meta.other)
    assert other["Artist"] == "Jo Bloggs"
    assert other["Copyright"] == "(c) Jo Bloggs"
    assert other["OwnerName"] == "J Bloggs"
    assert other["Software"] == "Darktable 4.6"
    assert meta.has_metadata


def test_lens_serial_and_canon_maker_note_serial(tmp_path: Path) -> None:
    both = jpeg_with_exif(tmp_path / "a.jpg", exif_bytes(lens_serial="LS-998"))
    assert read_image_metadata(both).serial == "012345678901; lens LS-998"
    # A Canon maker note is a bare IFD in the EXIF byte order (piexif writes big-endian);
    # SerialNumber (0x000C) is a LONG stored inline.
    note = struct.pack(">H", 1) + struct.pack(">HHII", 0x000C, 4, 1, 123456789) + b"\x00" * 4
    canon = jpeg_with_exif(tmp_path / "b.jpg", exif_bytes(body_serial=None, maker_note=note))
    assert read_image_metadata(canon).serial == "123456789"


def test_jpeg_without_metadata(tmp_path: Path) -> None:
    path = tmp_path / "clean.jpg"
    noise().save(path, "JPEG")
    meta = read_image_metadata(path)
    assert meta == MediaMetadata(None, None, None, None, None, None, (), False)


def test_zero_zero_without_reference_is_no_position(tmp_path: Path) -> None:
    gps = {piexif.GPSIFD.GPSLatitude: ((0, 1), (0, 1), (0, 1)),
           piexif.GPSIFD.GPSLongitude: ((0, 1), (0, 1), (0, 1))}
    path = jpeg_with_exif(tmp_path / "zero.jpg", bytes(piexif.dump({"GPS": gps})))
    meta = read_image_metadata(path)
    assert meta.gps is None
    assert meta.has_metadata  # the empty EXIF block still goes when stripped


def test_jpeg_xmp_comment_and_iptc(tmp_path: Path) -> None:
    path = tmp_path / "xmp.jpg"
    noise().save(path, "JPEG", xmp=XMP, comment=b"shot from the office window")
    insert_after_soi(path, iptc_segment(b"Jo Bloggs"))
    meta = read_image_metadata(path)
    approx_position(meta, (51.5072, -0.1276))
    other = dict(meta.other)
    assert other["XMP"] == "present"
    assert other["Creator"] == "Jo Bloggs"
    assert other["Comment"] == "shot from the office window"
    assert other["By-line"] == "Jo Bloggs"


def test_png_exif_and_text_chunks(tmp_path: Path) -> None:
    info = PngInfo()
    info.add_text("Author", "Jo Bloggs")
    info.add_text("Description", "x" * 200)
    path = tmp_path / "photo.png"
    noise().save(path, "PNG", exif=exif_bytes(LONDON), pnginfo=info)
    meta = read_image_metadata(path)
    approx_position(meta, LONDON)
    assert meta.make == "Canon"
    assert meta.serial == "012345678901"
    other = dict(meta.other)
    assert other["Author"] == "Jo Bloggs"
    assert other["Description"] == "x" * 80  # first 80 characters only
    assert meta.has_metadata


def test_webp_exif(tmp_path: Path) -> None:
    path = tmp_path / "photo.webp"
    noise().save(path, "WEBP", exif=exif_bytes(SYDNEY), quality=90)
    meta = read_image_metadata(path)
    approx_position(meta, SYDNEY)
    assert meta.model == "Canon EOS R5"
    assert meta.has_metadata


def test_heic_exif(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    path = tmp_path / "photo.heic"
    try:
        noise(64, 64).save(path, format="HEIF", exif=exif_bytes(LONDON), quality=90)
    except (OSError, ValueError, KeyError) as exc:  # pragma: no cover - depends on libheif build
        pytest.skip(f"pillow_heif cannot write HEIC here: {exc}")
    meta = read_image_metadata(path)
    approx_position(meta, LONDON)
    assert meta.make == "Canon"
    assert meta.has_metadata


def test_tiff_and_gif(tmp_path: Path) -> None:
    tiff = tmp_path / "scan.tif"
    noise().save(tiff, "TIFF", exif=exif_bytes(SYDNEY))
    meta = read_image_metadata(tiff)
    approx_position(meta, SYDNEY)
    assert meta.make == "Canon"
    gif = tmp_path / "anim.gif"
    noise(mode="RGB").convert("P").save(gif, "GIF", comment=b"Jo Bloggs was here")
    meta = read_image_metadata(gif)
    assert dict(meta.other)["Comment"] == "Jo Bloggs was here"
    assert meta.has_metadata


# ---------------------------------------------------------------------------------------------
# Reading videos


def test_mp4_udta_xyz_and_mvhd_time(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(mp4_with_xyz())
    meta = read_video_metadata(path)
    approx_position(meta, LONDON)
    assert meta.altitude == pytest.approx(11.0)
    assert meta.taken == "2024-05-01T12:00:00Z"
    assert meta.has_metadata


def test_mp4_udta_items_and_64_bit_mvhd(tmp_path: Path) -> None:
    def text_item(typ: bytes, text: bytes) -> bytes:
        return box(typ, struct.pack(">HH", len(text), 0) + text)

    items = (text_item(b"\xa9mak", b"samsung") + text_item(b"\xa9mod", b"SM-G991B")
             + text_item(b"\xa9day", b"2024-05-01T12:30:00+0100")
             + text_item(b"\xa9swr", b"G991BXXU5"))
    path = tmp_path / "android.mp4"
    path.write_bytes(mp4_with_xyz(b"+40.7128-074.0060/", extra_udta=items,
                                  mvhd_box=mvhd(seconds_since_1904(CREATED), version=1)))
    meta = read_video_metadata(path)
    approx_position(meta, (40.7128, -74.0060))
    assert meta.altitude is None
    assert (meta.make, meta.model) == ("samsung", "SM-G991B")
    assert meta.taken == "2024-05-01T12:30:00+0100"  # explicit metadata beats the mvhd clock
    assert dict(meta.other)["Software"] == "G991BXXU5"


def test_quicktime_keys_and_ilst(tmp_path: Path) -> None:
    path = tmp_path / "IMG_0001.MOV"
    path.write_bytes(quicktime_movie(APPLE))
    meta = read_video_metadata(path)
    approx_position(meta, (-33.8568, 151.2153))
    assert meta.altitude == pytest.approx(5.0)
    assert (meta.make, meta.model) == ("Apple", "iPhone 15 Pro")
    assert meta.taken == "2024-05-01T13:00:00+0100"
    assert dict(meta.other)["Software"] == "17.4.1"
    assert meta.has_metadata


def test_mp4_meta_full_box_with_itunes_items(tmp_path: Path) -> None:
    hdlr = box(b"hdlr", full_box_header() + b"\x00" * 4 + b"mdir" + b"\x00" * 13)
    ilst = box(b"ilst", box(b"\xa9too", data_box("Lavf60.3.100"))
               + box(b"\xa9ART", data_box("Jo Bloggs")))
    meta_box = box(b"meta", full_box_header() + hdlr + ilst)
    path = tmp_path / "ffmpeg.mp4"
    path.write_bytes(FTYP + box(b"moov", mvhd() + box(b"udta", meta_box)))
    meta = read_video_metadata(path)
    assert dict(meta.other) == {"Software": "Lavf60.3.100", "Artist": "Jo Bloggs"}
    assert meta.gps is None
    assert meta.has_metadata


def test_mp4_without_metadata(tmp_path: Path) -> None:
    path = tmp_path / "bare.mp4"
    path.write_bytes(FTYP + box(b"moov", mvhd(0)) + box(b"mdat", b"\x00" * 32))
    assert read_video_metadata(path) == MediaMetadata(None, None, None, None, None, None, (),
                                                      False)


def test_mp4_3gpp_location_xmp_and_sony_xml(tmp_path: Path) -> None:
    # 3GPP 'loci': version/flags, language, name, role, then 16.16 fixed longitude, latitude.
    loci = box(b"loci", full_box_header() + b"\x15\xc7" + b"Home\x00" + b"\x00" + struct.pack(
        ">iii", round(-0.1276 * 65536), round(51.5072 * 65536), 0))
    auth = box(b"auth", full_box_header() + b"\x15\xc7" + b"Jo Bloggs\x00")
    xmp = box(b"XMP_", XMP)
    sony = box(b"xml ", full_box_header() + b'<NonRealTimeMeta><Device manufacturer="Sony" '
               b'modelName="ILCE-7M3" serialNo="4294967"/></NonRealTimeMeta>')
    meta_box = box(b"meta", full_box_header() + box(b"hdlr", b"\x00" * 25) + sony)
    path = tmp_path / "C0001.MP4"
    path.write_bytes(FTYP + box(b"moov", mvhd() + box(b"udta", loci + auth + xmp) + meta_box))
    meta = read_video_metadata(path)
    assert meta.gps is not None
    assert meta.gps == pytest.approx(LONDON, abs=1e-4)
    assert (meta.make, meta.model, meta.serial) == ("Sony", "ILCE-7M3", "4294967")
    other = dict(meta.other)
    assert other["Author"] == "Jo Bloggs"
    assert other["XMP"] == "present" and other["Creator"] == "Jo Bloggs"


@pytest.mark.parametrize(("text", "expected"), [
    ("+51.5072-000.1276+011.000/", (51.5072, -0.1276, 11.0)),
    ("+5130.432-00007.656/", (51.5072, -0.1276, None)),  # degrees and minutes
    ("-335124.4+1511255.1CRSWGS_84/", (-33.8568, 151.2153, None)),  # degrees, minutes, seconds
])
def test_iso6709_forms(text: str, expected: tuple[float, float, float | None]) -> None:
    lat, lon, alt = parse_iso6709(text)
    assert lat == pytest.approx(expected[0], abs=1e-4)
    assert lon == pytest.approx(expected[1], abs=1e-4)
    assert alt == expected[2]


# ---------------------------------------------------------------------------------------------
# Stripping


def test_strip_jpeg_is_lossless_and_complete(tmp_path: Path) -> None:
    src = tmp_path / "photo.jpg"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    noise().save(src, "JPEG", quality=90, icc_profile=icc, xmp=XMP, comment=b"Jo Bloggs")
    piexif.insert(exif_bytes(SYDNEY), str(src))
    insert_after_soi(src, iptc_segment(b"Jo Bloggs"))
    src.write_bytes(src.read_bytes() + b"trailer: Jo Bloggs")  # data hidden after EOI
    before = src.read_bytes()
    dst = tmp_path / "clean.jpg"
    assert strip_metadata(src, dst) is True
    assert src.read_bytes() == before  # the source is never written
    assert all(not v for v in piexif.load(str(dst)).values())
    assert_no_metadata_left(dst)
    assert np.array_equal(pixels(src), pixels(dst))
    with Image.open(dst) as img:
        assert img.info.get("icc_profile") == icc  # colours kept


@pytest.mark.parametrize("variant", ["progressive", "restart-markers", "cmyk-adobe", "grey"])
def test_strip_jpeg_variants_stay_pixel_identical(tmp_path: Path, variant: str) -> None:
    image, options = {
        "progressive": (noise(), {"progressive": True}),
        "restart-markers": (noise(), {"restart_marker_blocks": 2}),
        "cmyk-adobe": (noise().convert("CMYK"), {}),
        "grey": (noise().convert("L"), {"progressive": True, "restart_marker_rows": 1}),
    }[variant]
    src = tmp_path / "v.jpg"
    image.save(src, "JPEG", quality=90, **options)
    piexif.insert(exif_bytes(), str(src))
    dst = tmp_path / "clean.jpg"
    assert strip_metadata(src, dst) is True
    assert_no_metadata_left(dst)
    assert np.array_equal(pixels(src), pixels(dst))


def test_strip_jpeg_drops_jfif_thumbnail(tmp_path: Path) -> None:
    src = tmp_path / "thumb.jpg"
    noise().save(src, "JPEG")
    data = src.read_bytes()
    assert data[6:11] == b"JFIF\x00"
    # Replace Pillow's APP0 with one that carries a 2x1 RGB thumbnail.
    length = int.from_bytes(data[4:6], "big")
    app0 = data[4 + 2:4 + 2 + 12] + b"\x02\x01" + b"\x10\x20\x30" * 2
    src.write_bytes(data[:2] + jpeg_segment(0xE0, app0) + data[4 + length:])
    assert read_image_metadata(src).has_metadata
    dst = tmp_path / "clean.jpg"
    assert strip_metadata(src, dst) is True
    assert read_image_metadata(dst).has_metadata is False
    assert np.array_equal(pixels(src), pixels(dst))


def test_strip_rotated_jpeg_reencodes_upright(tmp_path: Path) -> None:
    # A smooth picture (noise does not survive re-encoding closely enough to compare).
    y, x = np.mgrid[0:24, 0:40]
    picture = np.stack([x * 6, y * 10, (x + y) * 3], axis=-1).astype(np.uint8)
    src = jpeg_with_exif(tmp_path / "rot.jpg", exif_bytes(orientation=6),
                         Image.fromarray(picture, "RGB"))
    dst = tmp_path / "upright.jpg"
    assert strip_metadata(src, dst) is False
    with Image.open(src) as original:
        expected = np.asarray(ImageOps.exif_transpose(original)).astype(int)
    got = pixels(dst).astype(int)
    assert got.shape == (40, 24, 3)  # rotated a quarter turn
    assert np.abs(got - expected).mean() < 4
    assert_no_metadata_left(dst)


def test_strip_png_is_lossless_and_complete(tmp_path: Path) -> None:
    info = PngInfo()
    info.add_text("Author", "Jo Bloggs")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Comment", "secret", zip=True)
    src = tmp_path / "photo.png"
    noise(mode="RGBA").save(src, "PNG", exif=exif_bytes(LONDON), pnginfo=info)
    data = src.read_bytes()
    time_chunk = png_chunk(b"tIME", struct.pack(">HBBBBB", 2024, 5, 1, 12, 0, 0))
    src.write_bytes(data[:-12] + time_chunk + data[-12:])
    dst = tmp_path / "clean.png"
    assert strip_metadata(src, dst) is True
    assert_no_metadata_left(dst)
    assert b"tIME" not in dst.read_bytes()
    assert np.array_equal(pixels(src), pixels(dst))


@pytest.mark.parametrize("lossless", [True, False], ids=["vp8l", "vp8"])
def test_strip_webp_is_lossless_and_complete(tmp_path: Path, lossless: bool) -> None:
    src = tmp_path / "photo.webp"
    noise().save(src, "WEBP", exif=exif_bytes(SYDNEY), xmp=XMP, lossless=lossless, quality=80)
    dst = tmp_path / "clean.webp"
    assert strip_metadata(src, dst) is True
    assert_no_metadata_left(dst)
    data = dst.read_bytes()
    assert int.from_bytes(data[4:8], "little") == len(data) - 8
    if data[12:16] == b"VP8X":
        assert data[20] & 0x0C == 0  # EXIF and XMP flags cleared
    assert np.array_equal(pixels(src), pixels(dst))


def test_strip_tiff_and_gif_reencode(tmp_path: Path) -> None:
    tiff = tmp_path / "scan.tif"
    noise().save(tiff, "TIFF", exif=exif_bytes(SYDNEY))
    clean_tiff = tmp_path / "clean.tif"
    assert strip_metadata(tiff, clean_tiff) is False
    with Image.open(clean_tiff) as img:
        assert img.format == "TIFF"
        assert 0x010F not in img.getexif() and 0x8825 not in img.getexif()
    assert read_image_metadata(clean_tiff).has_metadata is False
    assert np.array_equal(pixels(tiff), pixels(clean_tiff))  # lossless even though re-encoded
    gif = tmp_path / "a.gif"
    noise().convert("P").save(gif, "GIF", comment=b"Jo Bloggs")
    clean_gif = tmp_path / "clean.gif"
    assert strip_metadata(gif, clean_gif) is False
    assert b"Jo Bloggs" not in clean_gif.read_bytes()
    assert read_image_metadata(clean_gif).has_metadata is False


def test_strip_heic_reencodes(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    src = tmp_path / "photo.heic"
    try:
        noise(64, 64).save(src, format="HEIF", exif=exif_bytes(LONDON), quality=90)
    except (OSError, ValueError, KeyError) as exc:  # pragma: no cover - depends on libheif build
        pytest.skip(f"pillow_heif cannot write HEIC here: {exc}")
    dst = tmp_path / "clean.heic"
    assert strip_metadata(src, dst) is False
    with Image.open(dst) as img:
        assert img.format == "HEIF"
        assert not dict(img.getexif())
    meta = read_image_metadata(dst)
    assert meta.gps is None and meta.has_metadata is False


def test_strip_refuses_to_overwrite_the_source(tmp_path: Path) -> None:
    src = jpeg_with_exif(tmp_path / "photo.jpg", exif_bytes())
    before = src.read_bytes()
    with pytest.raises(InputError):
        strip_metadata(src, src)
    with pytest.raises(InputError):
        strip_metadata(src, tmp_path / "." / "photo.jpg")
    link = tmp_path / "link.jpg"
    link.symlink_to(src)
    with pytest.raises(InputError):
        strip_metadata(src, link)
    assert src.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Hostile and damaged files


def valid_jpeg(tmp_path: Path) -> bytes:
    return jpeg_with_exif(tmp_path / "valid.jpg", exif_bytes()).read_bytes()


def hostile_images(tmp_path: Path) -> dict[str, bytes]:
    jpeg = valid_jpeg(tmp_path)
    png = tmp_path / "valid.png"
    noise().save(png, "PNG", exif=exif_bytes())
    webp = tmp_path / "valid.webp"
    noise().save(webp, "WEBP", exif=exif_bytes())
    return {
        "random.jpg": random.Random(1).randbytes(4096),
        "truncated.jpg": jpeg[:len(jpeg) // 2],
        "truncated-header.jpg": jpeg[:40],
        "text.jpg": b"This is not a photo, honest.\n" * 20,
        "empty.jpg": b"",
        "truncated.png": png.read_bytes()[:-30],
        "truncated.webp": webp.read_bytes()[:-30],
        "mp4-as-image.heic": mp4_with_xyz(),
    }


def test_hostile_images_raise_input_error(tmp_path: Path) -> None:
    for name, data in hostile_images(tmp_path).items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError):
            read_image_metadata(path)
        with pytest.raises(InputError):
            strip_metadata(path, tmp_path / f"clean-{name}")
        assert not (tmp_path / f"clean-{name}").exists()


def test_decompression_bomb_is_an_input_error(tmp_path: Path) -> None:
    # A structurally valid PNG that claims 40000 x 40000 pixels.
    ihdr = struct.pack(">IIBBBBB", 40_000, 40_000, 8, 2, 0, 0, 0)
    data = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b""))
    path = tmp_path / "bomb.png"
    path.write_bytes(data)
    with pytest.raises(InputError):
        read_image_metadata(path)


def test_missing_file_and_directory_raise_input_error(tmp_path: Path) -> None:
    for reader in (read_image_metadata, read_video_metadata):
        with pytest.raises(InputError):
            reader(tmp_path / "nope.jpg")
        with pytest.raises(InputError):
            reader(tmp_path)


def hostile_videos() -> dict[str, bytes]:
    movie = mp4_with_xyz()
    deep_trak = box(b"udta", box(b"\xa9mak", b"\x00\x04\x00\x00Deep"))
    for _ in range(3000):
        deep_trak = box(b"trak", deep_trak)
    deep_meta = b""
    for _ in range(2000):
        deep_meta = box(b"udta", box(b"meta", full_box_header() + deep_meta))
    return {
        "random.mp4": random.Random(2).randbytes(4096),
        "truncated.mp4": movie[:len(movie) - 100],
        "truncated-in-header.mp4": movie[:30],
        "text.mp4": b"hello, this is a text file\n" * 30,
        "empty.mp4": b"",
        "huge-box.mp4": FTYP + struct.pack(">I", 1) + b"moov" + struct.pack(">Q", 2**60) + mvhd(),
        "no-moov.mp4": FTYP + box(b"mdat", b"\x00" * 100),
        "bad-first-box.mp4": box(b"\x00\x01\x02\x03", b"\x00" * 32) + box(b"moov", mvhd()),
        "too-many-boxes.mp4": FTYP + box(b"free") * 120_000 + box(b"moov", mvhd()),
        "deep-trak.mp4": FTYP + box(b"moov", mvhd() + deep_trak),
        "deep-meta.mp4": FTYP + box(b"moov", mvhd() + deep_meta),
        "nested-huge.mp4": FTYP + box(b"moov", mvhd() + struct.pack(">I", 1) + b"udta"
                                      + struct.pack(">Q", 2**60) + b"\x00" * 64),
        "heic.mp4": box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic") + box(b"meta", b"\x00" * 40),
    }


@pytest.mark.parametrize("name", list(hostile_videos()))
def test_hostile_videos_are_refused_or_read_quickly(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(hostile_videos()[name])
    started = time.perf_counter()
    try:
        meta = read_video_metadata(path)
    except InputError as exc:
        assert path.name in str(exc) and "\n" not in str(exc)
        meta = None
    assert time.perf_counter() - started < 2.0
    must_fail = {"random.mp4", "truncated.mp4", "truncated-in-header.mp4", "text.mp4", "empty.mp4",
                 "huge-box.mp4", "no-moov.mp4", "bad-first-box.mp4", "too-many-boxes.mp4",
                 "heic.mp4"}
    if name in must_fail:
        assert meta is None
    else:  # clamped or depth-limited, and still a movie
        assert isinstance(meta, MediaMetadata)
    with pytest.raises(InputError):  # no video is an image either
        read_image_metadata(path)


# ---------------------------------------------------------------------------------------------
# Properties

BOX_TYPES = st.sampled_from([b"moov", b"udta", b"meta", b"ilst", b"trak", b"mdia", b"keys",
                             b"data", b"mvhd", b"\xa9xyz", b"\xa9mak", b"loci", b"uuid",
                             b"XMP_", b"xml ", b"mdat", b"\x00\x00\x00\x01", b"cprt"])
BOXES = st.recursive(
    st.builds(box, BOX_TYPES, st.binary(max_size=48)),
    lambda children: st.builds(lambda t, kids: box(t, b"".join(kids)), BOX_TYPES,
                               st.lists(children, max_size=4)),
    max_leaves=24)


def result_or_input_error(call: Callable[[], object], kind: type) -> None:
    """`call` returns a `kind` or raises InputError (anything else fails), in trivial time."""
    started = time.perf_counter()
    try:
        assert isinstance(call(), kind)
    except InputError as exc:
        assert "\n" not in str(exc)
    assert time.perf_counter() - started < 1.0


def video_result_or_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.mp4"
        path.write_bytes(data)
        result_or_input_error(lambda: read_video_metadata(path), MediaMetadata)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_any_bytes_read_as_video_give_metadata_or_input_error(data: bytes) -> None:
    video_result_or_input_error(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BOXES, max_size=5), st.integers(min_value=0), st.integers(0, 2**32 - 1))
def test_box_soup_gives_metadata_or_input_error(boxes: list[bytes], at: int, word: int) -> None:
    data = bytearray(FTYP + box(b"moov", b"".join(boxes)))
    at %= max(1, len(data) - 4)
    data[at:at + 4] = word.to_bytes(4, "big")  # one corrupted size or type somewhere
    video_result_or_input_error(bytes(data))


def image_result_or_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "i.img"
        path.write_bytes(data)
        result_or_input_error(lambda: read_image_metadata(path), MediaMetadata)
        result_or_input_error(lambda: strip_metadata(path, Path(tmp) / "out.img"), bool)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x01\x00\x00WEBP",
                        b"\x00\x00\x00\x18ftypheic", b"II*\x00", b"GIF89a"]),
       st.binary(max_size=1024))
def test_any_image_bytes_give_metadata_or_input_error(magic: bytes, rest: bytes) -> None:
    image_result_or_input_error(magic + rest)


def _valid_images() -> list[bytes]:
    """One small, metadata-laden file per format, to damage in the property test below."""
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        register = __import__("pillow_heif").register_heif_opener
        register()
        for fmt, ext in (("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("TIFF", "tif"),
                         ("HEIF", "heic"), ("GIF", "gif")):
            path = Path(tmp) / f"x.{ext}"
            image = noise(16, 16)
            image = image.convert("P") if fmt == "GIF" else image
            image.save(path, format=fmt, exif=exif_bytes(orientation=3 if fmt == "PNG" else 1))
            made.append(path.read_bytes())
    return made


VALID_IMAGES = _valid_images()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(VALID_IMAGES))),
       st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=4),
       st.one_of(st.none(), st.integers(min_value=0)))
def test_damaged_images_give_metadata_or_input_error(which: int, flips: list[tuple[int, int]],
                                                     cut: int | None) -> None:
    data = bytearray(VALID_IMAGES[which])
    for at, value in flips:
        data[at % len(data)] = value
    if cut is not None:
        data = data[:cut % len(data)]
    image_result_or_input_error(bytes(data))
