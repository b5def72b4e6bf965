"""Faces: scikit-image's real photographs must be found, its clean scenes must stay clean."""

from __future__ import annotations

import io
import time
from types import ModuleType

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pausepost.media.faces import Face, find_faces

# Where the faces are (x, y, w, h), by eye and by every cascade that finds them.
ASTRONAUT_FACE = (177, 67, 95, 95)
CAMERAMAN_CENTRE = (228, 150)


def skdata() -> ModuleType:
    module: ModuleType = pytest.importorskip(
        "skimage.data", reason="scikit-image (dev extra) ships the test photographs"
    )
    return module


def rgb(image: np.ndarray) -> np.ndarray:
    return np.stack([image] * 3, axis=-1) if image.ndim == 2 else image


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, "JPEG", quality=quality)
    return np.array(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def centre(box: tuple[int, int, int, int]) -> tuple[float, float]:
    return box[0] + box[2] / 2, box[1] + box[3] / 2


def iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    x1, y1 = max(a[0], b[0]), max(a[1], b[1])
    x2, y2 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0, x2 - x1) * max(0, y2 - y1)
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def check_faces(image: np.ndarray, faces: list[Face]) -> None:
    """Every face is a proper box inside the image with a 0..1 confidence."""
    h, w = image.shape[:2]
    for face in faces:
        x, y, fw, fh = face.box
        assert all(isinstance(v, int) for v in face.box)
        assert x >= 0 and y >= 0 and fw > 0 and fh > 0 and x + fw <= w and y + fh <= h
        assert 0.0 <= face.confidence <= 1.0


def text_document() -> np.ndarray:
    im = Image.new("RGB", (1200, 900), "white")
    draw = ImageDraw.Draw(im)
    font = ImageFont.load_default(size=40)
    lines = [
        "Minutes of the quarterly budget review",
        "Attendees: policy team, finance, digital",
        "1. Staffing plan approved for Q3 2025",
        "2. Office move to 10 Example Street, Leeds",
        "3. Risks: supplier delays, IT migration",
        "Actions: circulate draft by Friday 14:00",
        "OFFICIAL - do not forward outside team",
        "Next meeting: Tuesday 3 June, room 4.12",
        "Contact: 0113 496 0000 / team@example.gov",
        "Any other business: none recorded.",
    ]
    for i, line in enumerate(lines):
        draw.text((40, 40 + i * 80), line, fill="black", font=font)
    return np.array(im)


# --- real faces ------------------------------------------------------------------------------


def test_astronaut() -> None:
    image = skdata().astronaut()
    faces = find_faces(image)
    check_faces(image, faces)
    assert len(faces) == 1
    assert iou(faces[0].box, ASTRONAUT_FACE) > 0.6
    assert faces[0].confidence > 0.9


def test_cameraman() -> None:
    # A three-quarter profile: only the (mirrored) profile cascade sees it.
    image = rgb(skdata().camera())
    faces = find_faces(image)
    check_faces(image, faces)
    assert len(faces) == 1
    cx, cy = centre(faces[0].box)
    assert abs(cx - CAMERAMAN_CENTRE[0]) < 30 and abs(cy - CAMERAMAN_CENTRE[1]) < 30
    assert 70 <= faces[0].box[2] <= 140


@pytest.mark.parametrize("degrees", [-10, -5, 5, 10])
def test_astronaut_phone_photo(degrees: float) -> None:
    image = skdata().astronaut()
    rot = cv2.getRotationMatrix2D((256, 256), degrees, 1.0)
    photo = cv2.warpAffine(image, rot, (512, 512), borderMode=cv2.BORDER_REFLECT)
    photo = jpeg(cv2.GaussianBlur(photo, (0, 0), 1.0), 70)
    faces = find_faces(photo)
    check_faces(photo, faces)
    assert len(faces) == 1
    expected = rot @ np.array([*centre(ASTRONAUT_FACE), 1.0])
    cx, cy = centre(faces[0].box)
    assert abs(cx - expected[0]) < 15 and abs(cy - expected[1]) < 15


def test_small_face_on_badge_in_large_photo() -> None:
    # The astronaut's head and shoulders printed 120 px wide, as on an ID badge, in a
    # 2000x1500 photo of a coffee cup.
    data = skdata()
    crop = data.astronaut()[30:210, 150:300]  # 150 x 180
    badge = cv2.resize(crop, (120, 144), interpolation=cv2.INTER_AREA)
    canvas = cv2.resize(data.coffee(), (2000, 1500), interpolation=cv2.INTER_CUBIC)
    canvas[500:644, 1200:1320] = badge
    faces = find_faces(canvas)
    check_faces(canvas, faces)
    assert len(faces) == 1
    # The face in the crop: ((177, 67) - (150, 30)) * 0.8 + (1200, 500), 76 px wide.
    assert iou(faces[0].box, (1222, 530, 76, 76)) > 0.5


def test_boxes_scale_with_the_image() -> None:
    data = skdata()
    small = data.astronaut()
    (base,) = find_faces(small)
    # Uniformly upscaled by k and padded to 4000x3000: the box is k times the original.
    k = 3000 / 512
    big = cv2.resize(small, (3000, 3000), interpolation=cv2.INTER_CUBIC)
    big = cv2.copyMakeBorder(big, 0, 0, 500, 500, cv2.BORDER_REPLICATE)
    started = time.perf_counter()
    faces = find_faces(big)
    elapsed = time.perf_counter() - started
    check_faces(big, faces)
    assert len(faces) == 1
    x, y, w, h = base.box
    expected = (round(x * k) + 500, round(y * k), round(w * k), round(h * k))
    assert iou(faces[0].box, expected) > 0.75
    # Far above the ~0.2 s it takes, so a busy machine does not fail it; catches a regression to
    # scanning the full 12 megapixels.
    assert elapsed < 2.0
    # Stretched to 4000x3000 (x by 7.8, y by 5.9): the face's centre moves with it.
    stretched = cv2.resize(small, (4000, 3000), interpolation=cv2.INTER_CUBIC)
    faces = find_faces(stretched)
    check_faces(stretched, faces)
    assert len(faces) == 1
    cx, cy = centre(faces[0].box)
    bx, by = centre(base.box)
    assert abs(cx - bx * 4000 / 512) < 60 and abs(cy - by * 3000 / 512) < 60


def test_face_cut_by_the_border_stays_in_bounds() -> None:
    image = np.ascontiguousarray(skdata().astronaut()[80:, 190:])
    check_faces(image, find_faces(image))


# --- clean scenes ----------------------------------------------------------------------------

SKIMAGE_CLEAN = [
    "coffee",
    "chelsea",
    "rocket",
    "hubble_deep_field",
    "brick",
    "grass",
    "gravel",
    "text",
    "page",
    "immunohistochemistry",
]


@pytest.mark.parametrize("name", SKIMAGE_CLEAN)
def test_no_face_in_skimage_scene(name: str) -> None:
    image = rgb(getattr(skdata(), name)())
    assert find_faces(image) == []


@pytest.mark.parametrize(
    "image",
    [
        np.full((600, 800, 3), 255, np.uint8),
        np.zeros((600, 800, 3), np.uint8),
        np.random.default_rng(0).integers(0, 256, (600, 800, 3), dtype=np.uint8),
        text_document(),
    ],
    ids=["white", "black", "noise", "text-document"],
)
def test_no_face_in_synthetic_scene(image: np.ndarray) -> None:
    assert find_faces(image) == []


# --- input handling --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1, 1, 3), np.uint8),
        np.zeros((1, 1), np.uint8),
        np.zeros((0, 0, 3), np.uint8),
        np.zeros((19, 300, 3), np.uint8),
        np.zeros((40, 40, 4), np.uint8),
        np.ones((30, 30, 1), np.float32),
    ],
    ids=["1x1-rgb", "1x1-grey", "empty", "thin", "rgba", "float-1ch"],
)
def test_tiny_and_odd_inputs(image: np.ndarray) -> None:
    assert find_faces(image) == []


def test_other_channel_layouts_find_the_same_face() -> None:
    image = skdata().astronaut()
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    rgba = np.dstack([image, np.full(grey.shape, 255, np.uint8)])
    for variant in (grey, grey[:, :, None], rgba, image.astype(np.float64) / 255.0):
        faces = find_faces(variant)
        assert len(faces) == 1 and iou(faces[0].box, ASTRONAUT_FACE) > 0.6
    with pytest.raises(ValueError):
        find_faces(np.zeros((50, 50, 5), np.uint8))
