"""The generator of the labelled photo set (eval/media/generate.py)."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("skimage")  # dev dependency: the real photographs come from scikit-image
zxingcpp = pytest.importorskip("zxingcpp")
from PIL import ExifTags, Image  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval" / "media"))
import generate  # noqa: E402

KEYS = {"file", "kind", "form", "expect", "allow", "source", "notes"}
CLEAN_KINDS = {"url-qr", "clean-scene"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("media")
    return out, generate.build(out, per_kind=1)


def _gps(path: Path) -> dict:
    with Image.open(path) as img:
        return dict(img.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def test_every_kind_in_both_forms(built: tuple[Path, list[dict]]) -> None:
    _, rows = built
    seen = {(r["kind"], r["form"]) for r in rows}
    assert seen == {(k, f) for k in generate.KINDS for f in ("flat", "phone")}


def test_files_open_and_manifest_matches(built: tuple[Path, list[dict]]) -> None:
    out, rows = built
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert len({r["file"] for r in rows}) == len(rows)
    for row in rows:
        with Image.open(out / row["file"]) as img:
            img.load()
            assert max(img.size) >= 1000


def test_rows_are_well_formed(built: tuple[Path, list[dict]]) -> None:
    _, rows = built
    for row in rows:
        assert set(row) == KEYS
        assert row["form"] in ("flat", "phone")
        assert row["source"] in ("generated", "scikit-image")
        assert set(row["expect"]) <= set(generate.RULES)
        assert set(row["allow"]) <= set(generate.RULES)
        assert not set(row["expect"]) & set(row["allow"])
        assert row["notes"]
        assert row["file"].startswith(f"{row['kind']}-") and f"-{row['form']}." in row["file"]


def test_clean_kinds_and_share(built: tuple[Path, list[dict]]) -> None:
    _, rows = built
    for row in rows:
        assert (not row["expect"]) == (row["kind"] in CLEAN_KINDS), row["file"]
    clean = sum(not r["expect"] for r in rows)
    assert clean / len(rows) >= 0.24


def test_gps_kept_in_phone_form_and_absent_elsewhere(built: tuple[Path, list[dict]]) -> None:
    out, rows = built
    for row in rows:
        gps = _gps(out / row["file"])
        if row["kind"] == "gps-photo":
            assert gps.get(1) in ("N", "S") and gps.get(3) in ("E", "W"), row["file"]
            assert len(gps[2]) == 3 and len(gps[4]) == 3
        else:
            assert not gps, row["file"]


def test_wifi_qr_decodes(built: tuple[Path, list[dict]]) -> None:
    out, rows = built
    (row,) = [r for r in rows if r["kind"] == "wifi-qr" and r["form"] == "flat"]
    with Image.open(out / row["file"]) as img:
        texts = [b.text for b in zxingcpp.read_barcodes(img)]
    assert any(t.startswith("WIFI:") and "S:" in t and "P:" in t for t in texts), texts


def test_nino_shapes() -> None:
    shape = re.compile(r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$")
    rng = np.random.default_rng(1)
    for style in range(40):
        ni = generate.nino(rng, style)
        assert shape.match(ni), ni
        assert ni[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def test_same_seed_same_bytes(tmp_path: Path, built: tuple[Path, list[dict]]) -> None:
    first, rows = built
    second = tmp_path / "again"
    assert generate.build(second, per_kind=1) == rows

    def digests(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.iterdir())}

    assert digests(first) == digests(second)
