"""QR codes and barcodes: decoding in scenes and phone photos, Wi-Fi and contact payloads."""

from __future__ import annotations

import io
from typing import Any

import cv2
import numpy as np
import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from pausepost.media.codes import Code, WifiPayload, parse_wifi, payload_text, read_codes

# Fields out of the usual T, S, P order, with every escape in the password.
WIFI = 'WIFI:P:pa\\;ss\\\\w\\:rd\\,"x;H:true;S:Office Net;T:WPA;;'
WIFI_PASSWORD = 'pa;ss\\w:rd,"x'
URL = "https://intranet.example.gov.uk/teams/project-42?doc=7"
VCARD = (
    "BEGIN:VCARD\nVERSION:3.0\nN:Smith;Jane;;Dr;\nFN:Dr Jane Smith\n"
    "TEL;TYPE=cell:+44 7700 900123\nEMAIL:jane.smith@example.gov.uk\n"
    "ADR;TYPE=home:;;10 Example Street;London;;SW1A 2AA;UK\nBDAY:1980-04-01\nEND:VCARD"
)
CODE128 = "PAUSE-POST-2024"


def render(text: str, fmt: Any = zxingcpp.BarcodeFormat.QRCode, scale: int = 5) -> np.ndarray:
    """The symbol as a grey uint8 array, quiet zone included."""
    return np.array(zxingcpp.create_barcode(text, fmt).to_image(scale=scale))


def scene(width: int = 1600, height: int = 1200, seed: int = 0) -> np.ndarray:
    """A busy RGB background: colour gradients and random blocks."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 1, width, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    base = np.stack([90 + 120 * x + 0 * y, 150 - 60 * y + 0 * x, 100 + 50 * (x + y)], axis=-1)
    im = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(im)
    for _ in range(25):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        x1, y1 = x0 + int(rng.integers(20, 300)), y0 + int(rng.integers(20, 200))
        draw.rectangle((x0, y0, x1, y1), fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
    return np.array(im)


def paste(background: np.ndarray, symbol: np.ndarray, x: int, y: int) -> np.ndarray:
    out = background.copy()
    out[y : y + symbol.shape[0], x : x + symbol.shape[1]] = symbol[:, :, None]
    return out


def phone_photo_with_map(
    image: np.ndarray, degrees: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Tilt, perspective, focus blur, sensor noise and JPEG quality 60; and the 3x3 point map."""
    rng = np.random.default_rng(seed)
    h, w = image.shape[:2]
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    out = cv2.warpAffine(image, rot, (w, h), borderMode=cv2.BORDER_REPLICATE)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + np.float32(rng.uniform(-0.06, 0.06, (4, 2)) * [w, h])
    warp = cv2.getPerspectiveTransform(src, dst)
    out = cv2.warpPerspective(out, warp, (w, h), borderMode=cv2.BORDER_REPLICATE)
    out = cv2.GaussianBlur(out, (0, 0), 1.0)
    out = np.clip(out + rng.normal(0, 6, out.shape), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(out).save(buf, "JPEG", quality=60)
    photo = np.array(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    return photo, warp @ np.vstack([rot, [0.0, 0.0, 1.0]])


def phone_photo(image: np.ndarray, degrees: float, seed: int) -> np.ndarray:
    return phone_photo_with_map(image, degrees, seed)[0]


def coverage(box: tuple[int, int, int, int], target: tuple[float, float, float, float]) -> float:
    """Share of ``target``'s area that ``box`` covers."""
    x1, y1 = max(box[0], target[0]), max(box[1], target[1])
    x2 = min(box[0] + box[2], target[0] + target[2])
    y2 = min(box[1] + box[3], target[1] + target[3])
    return max(0.0, x2 - x1) * max(0.0, y2 - y1) / (target[2] * target[3])


SYMBOLS = {
    "wifi": (WIFI, zxingcpp.BarcodeFormat.QRCode, 5, "QRCode"),
    "url": (URL, zxingcpp.BarcodeFormat.QRCode, 5, "QRCode"),
    "vcard": (VCARD, zxingcpp.BarcodeFormat.QRCode, 4, "QRCode"),
    "code128": (CODE128, zxingcpp.BarcodeFormat.Code128, 3, "Code128"),
}


def inside(box: tuple[int, int, int, int], image: np.ndarray) -> bool:
    x, y, w, h = box
    return x >= 0 and y >= 0 and w >= 0 and h >= 0 and x + w <= image.shape[1] and (
        y + h <= image.shape[0]
    )


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SYMBOLS))
def test_reads_symbol_in_scene(name: str) -> None:
    text, fmt, scale, fmt_name = SYMBOLS[name]
    symbol = render(text, fmt, scale)
    image = paste(scene(), symbol, 500, 350)
    codes = read_codes(image)
    assert [(c.format, c.text) for c in codes] == [(fmt_name, text)]
    assert inside(codes[0].box, image)
    # The box covers the symbol (bars or modules, quiet zone aside), and not much more.
    x, y, w, h = read_codes(symbol)[0].box
    assert coverage(codes[0].box, (x + 500, y + 350, w, h)) > 0.95
    assert codes[0].box[2] * codes[0].box[3] < 1.5 * w * h


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("name", sorted(SYMBOLS))
def test_reads_phone_photo(name: str, seed: int) -> None:
    text, fmt, scale, fmt_name = SYMBOLS[name]
    symbol = render(text, fmt, scale)
    image, warp = phone_photo_with_map(paste(scene(seed=seed), symbol, 500, 350),
                                       15 if seed == 0 else -15, seed)
    codes = read_codes(image)
    assert [(c.format, c.text) for c in codes] == [(fmt_name, text)]
    assert inside(codes[0].box, image)
    # The box covers the symbol (its bars or modules, as read from the clean rendering) where
    # the tilt and perspective moved it: that box is what a redacted copy covers.
    x, y, w, h = read_codes(symbol)[0].box
    x, y = x + 500, y + 350
    corners = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)
    moved = cv2.perspectiveTransform(corners[None], warp)[0]
    lo, hi = moved.min(axis=0), moved.max(axis=0)
    assert coverage(codes[0].box, (lo[0], lo[1], *(hi - lo))) > 0.85


def test_wifi_qr_payload_round_trip() -> None:
    (code,) = read_codes(paste(scene(), render(WIFI), 100, 100))
    wifi = parse_wifi(code.text)
    assert wifi == WifiPayload(ssid="Office Net", password=WIFI_PASSWORD, security="WPA",
                               hidden=True)
    assert payload_text(code) == f"Wi-Fi network: Office Net\nWi-Fi password: {WIFI_PASSWORD}"


def test_vcard_qr_payload_lines() -> None:
    (code,) = read_codes(paste(scene(), render(VCARD, scale=4), 300, 200))
    assert payload_text(code).splitlines() == [
        "Name: Dr Jane Smith",
        "Tel: +44 7700 900123",
        "Email: jane.smith@example.gov.uk",
        "Address: 10 Example Street, London, SW1A 2AA, UK",
        "Birthday: 1980-04-01",
    ]


def test_large_photo_boxes_in_original_coordinates() -> None:
    # A 12-megapixel photo: whichever pass finds the code, the box is in this image's pixels.
    small = phone_photo(paste(scene(), render(URL), 500, 350), 10, 3)
    big = cv2.resize(small, (4000, 3000), interpolation=cv2.INTER_LINEAR)
    (code,) = read_codes(big)
    assert code.text == URL
    x, y, w, h = code.box
    assert inside(code.box, big)
    assert 1000 < x + w / 2 < 1800 and 700 < y + h / 2 < 1300  # ~(600, 450) * 2.5


def test_small_thumbnail() -> None:
    # Modules of 1.5 px: zxing-cpp misses it at this size; the upscaled retry reads it.
    thumb = cv2.resize(paste(scene(400, 300), render(URL, scale=3), 100, 40), (200, 150),
                       interpolation=cv2.INTER_AREA)
    (code,) = read_codes(thumb)
    assert code.text == URL and inside(code.box, thumb)
    x, y, w, h = code.box
    assert 50 <= x <= 60 and 20 <= y <= 30 and 45 <= w <= 56  # (100 + 12, 40 + 12) / 2
    assert abs(h - w) <= 3


def test_blurry_large_photo() -> None:
    # Out of focus at 12 megapixels: zxing-cpp's own pass (and its own downscaling) misses
    # this one; the sharpened downscaled retry reads it.
    small = phone_photo(paste(scene(), render(URL, scale=3), 500, 350), 10, 3)
    big = cv2.resize(small, (4000, 3000), interpolation=cv2.INTER_CUBIC)
    big = cv2.GaussianBlur(big, (0, 0), 3.0)
    (code,) = read_codes(big)
    assert code.text == URL and inside(code.box, big)


def test_downscaled_retry_maps_boxes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the full-resolution pass finds nothing, as with some blurry phone photos.
    small = paste(scene(), render(URL, scale=4), 500, 350)
    big = cv2.resize(small, (4000, 3000), interpolation=cv2.INTER_NEAREST)
    real = zxingcpp.read_barcodes
    seen: list[tuple[int, ...]] = []

    def fussy(image: np.ndarray, **kwargs: Any) -> list[Any]:
        seen.append(image.shape)
        return [] if image.shape == (3000, 4000) else real(image, **kwargs)

    monkeypatch.setattr(zxingcpp, "read_barcodes", fussy)
    (code,) = read_codes(big)
    assert seen == [(3000, 4000), (1200, 1600)]
    x, y, w, h = code.box
    # The symbol's modules start at (500 + 16, 350 + 16) * 2.5 and span 33 * 4 * 2.5 px.
    assert abs(x - 1290) <= 10 and abs(y - 915) <= 10 and abs(w - 330) <= 15
    assert abs(h - w) <= 5


def test_two_identical_codes_are_both_reported() -> None:
    symbol = render(URL, scale=4)
    image = paste(paste(scene(), symbol, 100, 100), symbol, 900, 600)
    codes = read_codes(image)
    assert [c.text for c in codes] == [URL, URL]
    assert sorted(c.box[0] < 800 for c in codes) == [False, True]


@pytest.mark.parametrize(
    "image",
    [
        scene(),
        np.full((600, 800, 3), 255, np.uint8),
        np.zeros((1, 1, 3), np.uint8),
        np.zeros((0, 0, 3), np.uint8),
        np.random.default_rng(0).integers(0, 256, (300, 400, 3), dtype=np.uint8),
    ],
    ids=["scene", "blank", "1x1", "empty", "noise"],
)
def test_no_code(image: np.ndarray) -> None:
    assert read_codes(image) == []


def test_other_input_layouts() -> None:
    gray = paste(scene(), render(URL), 200, 200)[:, :, 1]
    rgba = np.dstack([np.stack([gray] * 3, -1), np.full(gray.shape, 255, np.uint8)])
    for image in (gray, gray[:, :, None], rgba, gray.astype(np.float64) / 255.0):
        assert [c.text for c in read_codes(image)] == [URL]
    with pytest.raises(ValueError):
        read_codes(np.zeros((4, 4, 5), np.uint8))


# --- Wi-Fi payloads --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("WIFI:T:WPA;S:Home;P:secret;;", WifiPayload("Home", "secret", "WPA", False)),
        ("wifi:s:Home;t:nopass;;", WifiPayload("Home", None, "nopass", False)),
        ("WIFI:S:Home;P:secret", WifiPayload("Home", "secret", None, False)),  # no terminator
        ("WIFI:H:TRUE;S:Hidden;T:SAE;P:x;;", WifiPayload("Hidden", "x", "SAE", True)),
        ('WIFI:S:"quoted";P:"pw";;', WifiPayload('"quoted"', '"pw"', None, False)),
        ("WIFI:S:4142;P:p\\\\;;", WifiPayload("4142", "p\\", None, False)),
        ("WIFI:T:WPA2-EAP;S:Corp;E:PEAP;I:alice;P:pw;PH2:MSCHAPV2;;",
         WifiPayload("Corp", "pw", "WPA2-EAP", False)),
        ("WIFI:S:a;;P:after-terminator;", WifiPayload("a", None, None, False)),
        ("WIFI:S:trailing\\", WifiPayload("trailing\\", None, None, False)),
    ],
)
def test_parse_wifi(payload: str, expected: WifiPayload) -> None:
    assert parse_wifi(payload) == expected


@pytest.mark.parametrize(
    "payload", ["", "WIFI:", "WIFI:;;", "WIFI:T:WPA;P:x;;", "WIFI:S:;P:x;;", "https://x", "WIF"]
)
def test_parse_wifi_rejects(payload: str) -> None:
    assert parse_wifi(payload) is None


def _escape(value: str) -> str:
    for ch in "\\;,\":":
        value = value.replace(ch, "\\" + ch)
    return value


@settings(max_examples=300, deadline=None)
@given(
    ssid=st.text(min_size=1),
    password=st.none() | st.text(),
    security=st.sampled_from([None, "WPA", "WEP", "nopass", "SAE"]),
    hidden=st.booleans(),
    order=st.permutations(["T", "S", "P", "H"]),
    terminated=st.booleans(),
)
def test_parse_wifi_round_trip(
    ssid: str,
    password: str | None,
    security: str | None,
    hidden: bool,
    order: list[str],
    terminated: bool,
) -> None:
    fields = {
        "T": security,
        "S": ssid,
        "P": password,
        "H": "true" if hidden else None,
    }
    body = ";".join(f"{k}:{_escape(v)}" for k in order if (v := fields[k]) is not None)
    payload = "WIFI:" + body + (";;" if terminated else "")
    assert parse_wifi(payload) == WifiPayload(ssid, password, security, hidden)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["", "WIFI:", "wifi:S:", "MECARD:", "BEGIN:VCARD\n", "sms:"]))
def test_payload_parsers_never_raise(text: str, prefix: str) -> None:
    result = parse_wifi(prefix + text)
    assert result is None or result.ssid
    assert isinstance(payload_text(Code("QRCode", prefix + text, (0, 0, 1, 1))), str)


# --- payload text ----------------------------------------------------------------------------


def _text(payload: str) -> str:
    return payload_text(Code("QRCode", payload, (0, 0, 10, 10)))


def test_payload_text_vcard_variants() -> None:
    # vCard 4 with folding, groups and a tel: URI; N only (no FN).
    v4 = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Jones;Sam;;;\r\nitem1.TEL;VALUE=uri:tel:+44-20-7946-\r\n"
        " 0000\r\nEMAIL;TYPE=work:sam@example.org\r\nBDAY:19750203\r\nEND:VCARD"
    )
    assert _text(v4).splitlines() == [
        "Name: Sam Jones",
        "Tel: +44-20-7946-0000",
        "Email: sam@example.org",
        "Birthday: 19750203",
    ]
    # vCard 2.1 quoted-printable, with a soft line break, and escaped commas in the address.
    v21 = (
        "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Ren=C3=A9e =\n"
        "O'Brien\nADR:;;1 Quay\\, Dock 4;Belfast;;BT1 1AA;\nORG:HM Example;Digital\nEND:VCARD"
    )
    assert _text(v21).splitlines() == [
        "Name: Renée O'Brien",
        "Address: 1 Quay, Dock 4, Belfast, BT1 1AA",
        "Organisation: HM Example, Digital",
    ]


def test_payload_text_mecard_and_others() -> None:
    mecard = "MECARD:N:Smith,Jane;TEL:07700900123;EMAIL:j@example.com;ADR:1 High St\\, Leeds;" \
        "BDAY:19800401;NOTE:Desk 4\\;B;;"
    assert _text(mecard).splitlines() == [
        "Name: Jane Smith",
        "Tel: 07700900123",
        "Email: j@example.com",
        "Address: 1 High St, Leeds",
        "Birthday: 19800401",
        "Note: Desk 4;B",
    ]
    assert _text("BIZCARD:N:Jane;X:Smith;T:Analyst;B:0123;E:j@x.org;;").splitlines() == [
        "Name: Jane Smith", "Title: Analyst", "Tel: 0123", "Email: j@x.org"
    ]
    assert _text("mailto:a.b@example.gov.uk?subject=Hi%20there&body=See%20you") == (
        "Email: a.b@example.gov.uk\nSubject: Hi there\nMessage: See you"
    )
    assert _text("MATMSG:TO:a@b.com;SUB:Hi;BODY:Yo;;") == "Email: a@b.com\nSubject: Hi\nMessage: Yo"
    assert _text("tel:+447700900123") == "Tel: +447700900123"
    assert _text("sms:+447700900123?body=hello") == "SMS: +447700900123\nMessage: hello"
    assert _text("SMSTO:07700900123:meet at 5") == "SMS: 07700900123\nMessage: meet at 5"
    assert _text("geo:51.5034,-0.1276?z=17") == "Location: 51.5034,-0.1276"
    assert _text(URL) == URL
    assert _text("just some text") == "just some text"
    assert _text("WIFI:S:Net;;") == "Wi-Fi network: Net"
    assert _text("BEGIN:VCARD\nEND:VCARD") == "BEGIN:VCARD\nEND:VCARD"  # nothing to show
