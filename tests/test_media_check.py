"""Photos and videos in a post: findings with boxes, bad files reported, redaction verified."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import pausepost
from pausepost.errors import InputError
from pausepost.media.loading import load_image
from pausepost.media.redact import redact

from .conftest import run_cli


def _render(path: Path, lines: list[str], size: tuple[int, int] = (1200, 700),
            angle: float = 0.0) -> Path:
    image = Image.new("RGB", size, (246, 244, 236))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=46)
    for row, line in enumerate(lines):
        draw.text((60, 70 + row * 90), line, fill=(20, 30, 120), font=font)
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=(200, 200, 200))
    image.save(path)
    return path


@pytest.fixture(scope="module")
def whiteboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("media") / "whiteboard.png"
    return _render(path, ["Team stand-up 9:30", "Guest WiFi: LeedsHub-Staff",
                          "Password: Sunflower#2024"], angle=4)


@pytest.fixture(scope="module")
def clean_sign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("media") / "sign.png"
    return _render(path, ["Bake sale on Friday", "All welcome, bring a friend"])


def _gps_jpeg(path: Path) -> Path:
    import piexif

    rgb = np.zeros((300, 400, 3), np.uint8)
    rgb[:, :, 1] = np.linspace(0, 255, 400, dtype=np.uint8)
    exif = {"0th": {piexif.ImageIFD.Make: b"Apple", piexif.ImageIFD.Model: b"iPhone 15"},
            "Exif": {piexif.ExifIFD.BodySerialNumber: b"F2LXK123ABC"},
            "GPS": {piexif.GPSIFD.GPSLatitudeRef: b"N",
                    piexif.GPSIFD.GPSLatitude: ((53, 1), (48, 1), (1234, 100)),
                    piexif.GPSIFD.GPSLongitudeRef: b"W",
                    piexif.GPSIFD.GPSLongitude: ((1, 1), (32, 1), (4321, 100))}}
    Image.fromarray(rgb).save(path, exif=piexif.dump(exif), quality=90)
    return path


def test_text_in_a_photo_is_checked_and_located(whiteboard: Path) -> None:
    report = pausepost.check("", images=[whiteboard])
    secure = [f for f in report.findings if f.rule == "security.secure-data"]
    assert secure, report.to_json()
    where = secure[0].where
    assert where.part == "image:0" and where.box is not None
    width, height = Image.open(whiteboard).size
    x, y, w, h = where.box
    assert 0 <= x < width and 0 <= y < height and w > 20 and h > 10
    assert y > height * 0.25  # the password is on the third line, not the title
    assert report.verdict != "post"


def test_a_clean_photo_raises_nothing(clean_sign: Path) -> None:
    report = pausepost.check("Look at our bake sale sign!", images=[clean_sign])
    assert report.rules_at("warning") == set(), report.to_json()


def test_gps_and_serial_in_metadata_are_image_location(tmp_path: Path) -> None:
    report = pausepost.check("", images=[_gps_jpeg(tmp_path / "gps.jpg")])
    location = [f for f in report.findings if f.rule == "image.location"]
    assert {f.where.part for f in location} == {"metadata:0"}
    assert any("53.80343" in f.evidence and "-1.54534" in f.evidence for f in location)
    assert any("F2LXK123ABC" in f.evidence for f in location)
    assert "image.location" in report.rules_at("warning")


def test_a_bad_photo_is_a_problem_and_the_rest_is_still_checked(tmp_path: Path,
                                                                   whiteboard: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"this is not a photo at all")
    report = pausepost.check("This f*cking rota", images=[broken, whiteboard])
    assert "conduct.swearing" in report.rules  # the text
    assert any(f.where.part == "image:1" for f in report.findings)  # the good photo
    assert len(report.problems) == 1 and "photo 1" in report.problems[0]
    assert json.loads(report.to_json())["problems"] == list(report.problems)


def test_a_problem_alone_still_asks_for_a_pause(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    report = pausepost.check("Lovely day for it", images=[broken])
    assert report.findings == () and report.verdict == "pause"


def _png_claiming(path: Path, width: int, height: int) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1000)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
                     + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize("maker", [
    lambda p: (p / "text.jpg", b"hello, not a photo"),
    lambda p: (p / "empty.png", b""),
    lambda p: (p / "truncated.jpg", None),
    lambda p: (p / "bomb.png", "bomb"),
    lambda p: (p / "huge.png", "huge"),
])
def test_bad_photos_give_a_clear_message_and_exit_2(tmp_path: Path, maker) -> None:  # type: ignore[no-untyped-def]
    path, content = maker(tmp_path)
    if content is None:
        full = tmp_path / "full.jpg"
        Image.fromarray(np.random.default_rng(1).integers(0, 255, (600, 800, 3), np.uint8)
                        ).save(full, quality=90)
        path.write_bytes(full.read_bytes()[:5000])
    elif content == "bomb":
        _png_claiming(path, 60_000, 60_000)
    elif content == "huge":
        _png_claiming(path, 10_000, 10_000)  # 100 megapixels
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_image(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    result = run_cli("check", "--format", "json", "--image", str(path), "f*ck this rota")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode().count("\n") == 1
    assert "conduct.swearing" in json.loads(result.stdout)["findings"][0]["rule"]


def test_an_animated_gif_is_checked_frame_by_frame(tmp_path: Path) -> None:
    frames = []
    for text in ("Happy Friday!", "Door code 4721#"):
        frame = Image.new("RGB", (900, 300), "white")
        ImageDraw.Draw(frame).text((40, 100), text, fill="black",
                                   font=ImageFont.load_default(size=60))
        frames.append(frame)
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=1500, loop=0)
    report = pausepost.check("", images=[path])
    secure = [f for f in report.findings if f.rule == "security.secure-data"]
    assert secure and secure[0].where.time == pytest.approx(1.5)


def test_redacted_copy_rechecks_clean_and_has_no_metadata(tmp_path: Path,
                                                            whiteboard: Path) -> None:
    import piexif

    source = tmp_path / "board.jpg"
    Image.open(whiteboard).save(source, quality=95,
                                exif=piexif.dump({"GPS": {
                                    piexif.GPSIFD.GPSLatitudeRef: b"N",
                                    piexif.GPSIFD.GPSLatitude: ((51, 1), (30, 1), (0, 1)),
                                    piexif.GPSIFD.GPSLongitudeRef: b"W",
                                    piexif.GPSIFD.GPSLongitude: ((0, 1), (7, 1), (0, 1))}}))
    before = source.read_bytes()
    result = redact(source)
    assert result.output == tmp_path / "board.redacted.jpg"
    assert source.read_bytes() == before  # never the original
    assert result.remaining == []
    assert {a["action"] for a in result.actions} >= {"cover", "strip"}
    recheck = pausepost.check("", images=[result.output])
    assert not recheck.rules_at("warning") & {"security.secure-data", "image.location"}
    with Image.open(result.output) as copy:  # a second reader: Pillow, then piexif
        assert not copy.getexif() and "exif" not in copy.info
    assert piexif.load(str(result.output))["GPS"] == {}


def test_metadata_only_is_stripped_losslessly(tmp_path: Path) -> None:
    source = _gps_jpeg(tmp_path / "gps.jpg")
    result = redact(source, tmp_path / "out.jpg")
    assert result.lossless and result.remaining == []
    original = np.asarray(Image.open(source))
    copy = np.asarray(Image.open(tmp_path / "out.jpg"))
    assert np.array_equal(original, copy)


def test_redact_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    source = _gps_jpeg(tmp_path / "gps.jpg")
    result = run_cli("redact", str(source), "-o", str(source))
    assert result.returncode == 2 and b"overwrite" in result.stderr


def test_redact_cli_reports_what_it_did(tmp_path: Path, whiteboard: Path) -> None:
    out = tmp_path / "safe.png"
    result = run_cli("redact", str(whiteboard), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    assert "covered" in text and "nothing at warning or above remains" in text
    assert out.exists()


def _video(path: Path, seconds: float = 6.0, fps: int = 10) -> Path:
    import cv2

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), fps, (960, 540))
    font = ImageFont.load_default(size=52)
    for index in range(int(seconds * fps)):
        frame = Image.new("RGB", (960, 540), (90, 110, 130))
        draw = ImageDraw.Draw(frame)
        if 2.0 <= index / fps < 4.0:  # a sticky note comes into view for two seconds
            draw.rectangle((200, 150, 760, 390), fill=(250, 235, 120))
            draw.text((240, 230), "Door code 4721#", fill="black", font=font)
        writer.write(cv2.cvtColor(np.asarray(frame), cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def test_video_finding_spans_the_frames_it_is_seen_in(tmp_path: Path) -> None:
    report = pausepost.check("", videos=[_video(tmp_path / "clip.mp4")])
    secure = [f for f in report.findings if f.rule == "security.secure-data"]
    assert len(secure) == 1, report.to_json()
    where = secure[0].where
    assert where.part == "video:0" and where.box is not None
    assert 1.9 <= where.time <= 2.6  # type: ignore[operator]
    assert where.time_end is not None and 3.4 <= where.time_end <= 4.0


def test_video_redaction_covers_the_note(tmp_path: Path) -> None:
    result = redact(_video(tmp_path / "clip.mp4"))
    assert result.output.suffix == ".mp4" and result.output.exists()
    assert result.remaining == []


def test_an_unreadable_video_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 50)
    result = run_cli("check", "--video", str(path), "Lovely walk today")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"video 1" in result.stderr


def test_jsonl_lines_may_carry_photos(tmp_path: Path, whiteboard: Path) -> None:
    lines = tmp_path / "posts.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": "", "images": [str(whiteboard)]}) + "\n"
                     + json.dumps({"id": "b", "text": "nice", "images": "x.jpg"}) + "\n",
                     encoding="utf-8")
    result = run_cli("check", "--jsonl", str(lines))
    first, second = (json.loads(x) for x in result.stdout.decode().splitlines())
    assert first["id"] == "a" and first["findings"][0]["where"]["part"] == "image:0"
    assert second["id"] == "b" and "must be lists" in second["error"]
    assert result.returncode == 2


def test_one_opencv_distribution_the_headless_build_below_5() -> None:
    # Two OpenCV wheels overwrite each other's cv2; 5.x ships no Haar cascades (faces.py).
    from importlib import metadata

    names = {d.metadata["Name"].lower() for d in metadata.distributions()
             if d.metadata["Name"] and d.metadata["Name"].lower().startswith("opencv")}
    assert names == {"opencv-python-headless"}
    assert int(metadata.version("opencv-python-headless").split(".")[0]) < 5
