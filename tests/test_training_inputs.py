"""Training and tuning only ever read declared train/val files, never a test split.

Covers the three places anything is fitted or chosen from data: training/train_offensive.py
(the offensive-language model), training/train_rules.py (the per-rule models and their
thresholds) and eval/public.py (alt-profanity-check's threshold, chosen on validation splits
for the side-by-side evaluation).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "training" / "train_offensive.py"
MODEL_FILE = ROOT / "src" / "pausepost" / "classifier" / "offensive.json.gz"
RULES_SCRIPT = ROOT / "training" / "train_rules.py"
RULES_MODEL_FILE = ROOT / "src" / "pausepost" / "classifier" / "rules.json.gz"
EVAL_PUBLIC = ROOT / "eval" / "public.py"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load(SCRIPT, "train_offensive")


@pytest.fixture(scope="module")
def rules_script() -> ModuleType:
    return _load(RULES_SCRIPT, "train_rules")


@pytest.fixture(scope="module")
def public() -> ModuleType:
    return _load(EVAL_PUBLIC, "eval_public")


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


# ---------------------------------------------------------------- training/train_rules.py


def test_rule_models_declare_no_test_split(rules_script: ModuleType) -> None:
    inputs = (*rules_script.TRAINING_INPUTS, *rules_script.PUBLIC_NEGATIVES)
    assert rules_script.TRAINING_INPUTS
    for path in inputs:
        assert "test" not in path.name.lower(), path
        assert rules_script.check_input(path) == path
    assert ROOT / "eval" / "labelled" / "test.jsonl" not in rules_script.TRAINING_INPUTS
    # public posts are extra negatives from a train split only, never val or test
    assert all(p.stem == "train" for p in rules_script.PUBLIC_NEGATIVES)
    # thresholds are chosen on out-of-fold predictions of declared training files only, and
    # not on dev.jsonl (the patterns were written from it)
    names = {p.name for p in rules_script.TRAINING_INPUTS}
    assert rules_script.THRESHOLD_INPUTS.issubset(names)
    assert "dev.jsonl" not in rules_script.THRESHOLD_INPUTS


def test_no_training_post_is_also_a_held_out_post(rules_script: ModuleType) -> None:
    """Independent writers sometimes type the same short post ("I could murder a curry right
    now"); a held-out post the models were trained on would flatter the held-out figures."""
    import json
    import re

    def key(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()

    trained = {key(json.loads(line)["text"]) for path in rules_script.TRAINING_INPUTS
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    for held_out in sorted((ROOT / "eval" / "labelled").glob("test*.jsonl")):
        shared = [json.loads(line)["id"] for line in
                  held_out.read_text(encoding="utf-8").splitlines()
                  if line.strip() and key(json.loads(line)["text"]) in trained]
        assert not shared, (held_out.name, shared)


@pytest.mark.parametrize("name", ["test.jsonl", "test.csv", "my_TEST_set.jsonl"])
def test_rule_models_refuse_test_splits(rules_script: ModuleType, tmp_path: Path,
                                        name: str) -> None:
    path = tmp_path / name
    path.write_text('{"text": "hello", "expect": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="test split"):
        rules_script.check_input(path)
    with pytest.raises(ValueError, match="test split"):
        rules_script.read_posts([path])
    with pytest.raises(ValueError, match="test split"):
        rules_script.read_public_negatives([path], 10)


def test_rule_models_main_refuses_a_declared_test_split(rules_script: ModuleType,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    held_out = ROOT / "eval" / "labelled" / "test.jsonl"
    monkeypatch.setattr(rules_script, "TRAINING_INPUTS",
                        (*rules_script.TRAINING_INPUTS, held_out))
    out = tmp_path / "rules.json.gz"
    with pytest.raises(ValueError, match="test split"):
        rules_script.main(["--out", str(out), "--parity", str(tmp_path / "p.jsonl")])
    assert not out.exists()


def test_shipped_rule_models_were_trained_on_the_declared_inputs(
        rules_script: ModuleType) -> None:
    import gzip
    import json

    with gzip.open(RULES_MODEL_FILE, "rt", encoding="utf-8") as handle:
        meta = json.load(handle)["metadata"]
    assert [i["path"] for i in meta["training_inputs"]] == [
        str(p.relative_to(ROOT)) for p in rules_script.TRAINING_INPUTS]
    assert [i["path"] for i in meta["public_negatives"]] == [
        str(p.relative_to(rules_script.DATASETS)) for p in rules_script.PUBLIC_NEGATIVES]


# ---------------------------------------------------------------- eval/public.py


def test_evaluation_tunes_only_on_validation_splits(public: ModuleType) -> None:
    assert len(public.TUNING_INPUTS) == len(public.PUBLIC_SETS)
    for spec in public.PUBLIC_SETS:
        assert "test" not in spec.val.name.lower(), spec.val
        assert spec.val.stem in {"val", "dev"}, spec.val
        assert spec.val.parent == spec.test.parent  # the same dataset's own split
        assert "test" in spec.test.name.lower()  # reported on, so named as such
        assert public.check_input(spec.val) == spec.val
    assert not set(public.TUNING_INPUTS) & set(public.TEST_SPLITS)


def test_evaluation_refuses_to_tune_on_a_test_split(public: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "test.csv"
    path.write_text("text,label\nhello,0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="test split"):
        public.read_tuning_split(path)


def test_evaluation_reads_no_test_split_before_choosing_a_threshold(
        public: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were a set's tuning split ever pointed at a test file, the peers' run (where the
    threshold is chosen) stops before anything is computed."""
    test_file = tmp_path / "test.csv"
    test_file.write_text("text,label\nhello,0\n", encoding="utf-8")
    spec = public.PublicSet("x", "x", test_file, test_file, "offensive")
    result = public.SetResult(spec, [("hello", 0)])
    called = []
    monkeypatch.setattr(public, "run_peer", lambda *a, **k: called.append(a))
    with pytest.raises(ValueError, match="test split"):
        public._run_peers([result])
    assert not called


def test_threshold_choice_uses_only_what_it_is_given(public: ModuleType) -> None:
    assert public.choose_threshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]) in \
        {t for t in public.THRESHOLD_GRID if 0.2 < t <= 0.8}
