"""The training script only ever reads declared train/val files, never a test split."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "train_offensive.py"
MODEL_FILE = (Path(__file__).resolve().parents[1] / "src" / "pausepost" / "classifier"
              / "offensive.json.gz")


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_offensive", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _declared(script: ModuleType) -> tuple[Path, ...]:
    return (*script.TRAINING_INPUTS, *script.TUNING_INPUTS)


def test_declared_inputs_are_train_or_val_files(script: ModuleType) -> None:
    assert script.TRAINING_INPUTS and script.TUNING_INPUTS
    for path in _declared(script):
        assert "test" not in path.name.lower(), path
        assert path.stem in {"train", "val"}, path
        assert path.suffix == ".csv", path
        assert script.check_input(path) == path
    assert not set(script.TRAINING_INPUTS) & set(script.TUNING_INPUTS)
    assert all(p.stem == "train" for p in script.TRAINING_INPUTS)
    assert all(p.stem == "val" for p in script.TUNING_INPUTS)


def test_no_corpus_that_leaks_val_or_test(script: ModuleType) -> None:
    names = {f"{p.parent.name}/{p.name}" for p in _declared(script)}
    assert "olid/train.csv" not in names  # TweetEval's val split is part of OLID train
    assert not any("magpie" in n for n in names)  # contains HateXplain test posts


@pytest.mark.parametrize("name", ["test.csv", "test_levela.csv", "Test.CSV", "olid_test.tsv"])
def test_guard_refuses_test_splits(script: ModuleType, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("text,label\nhello,0\n", encoding="utf-8")  # exists, so only the guard stops it
    with pytest.raises(ValueError, match="test split"):
        script.check_input(path)
    with pytest.raises(ValueError, match="test split"):
        script.read_labelled_csv(path)


def test_main_refuses_a_declared_test_split(script: ModuleType, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(script, "TUNING_INPUTS", (tmp_path / "test.csv",))
    with pytest.raises(ValueError, match="test split"):
        script.main(["--out", str(tmp_path / "m.json.gz"), "--parity", str(tmp_path / "p.jsonl")])
    assert not (tmp_path / "m.json.gz").exists()


def test_shipped_model_was_trained_on_the_declared_inputs(script: ModuleType) -> None:
    from pausepost.classifier.model import OffensiveModel

    def rel(paths: tuple[Path, ...]) -> list[str]:
        return [str(p.relative_to(script.DATASETS)) for p in paths]

    meta = OffensiveModel.load(MODEL_FILE).metadata
    assert [i["path"] for i in meta["training_inputs"]] == rel(script.TRAINING_INPUTS)
    assert [i["path"] for i in meta["tuning_inputs"]] == rel(script.TUNING_INPUTS)
