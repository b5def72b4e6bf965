"""The shipped offensive-language classifier: pure-Python loading, parity, sanity."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pausepost.classifier import features
from pausepost.classifier.model import OffensiveModel, default_model

DATA = Path(__file__).resolve().parent / "data"
SRC = Path(__file__).resolve().parents[1] / "src"
MODEL_FILE = SRC / "pausepost" / "classifier" / "offensive.json.gz"


def _jsonl(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def model() -> OffensiveModel:
    return default_model()


def test_runs_without_scikit_learn_or_numpy() -> None:
    code = (
        "import sys\n"
        "from pausepost.classifier.model import default_model\n"
        "m = default_model()\n"
        "assert 0.0 <= m.score('you absolute idiot') <= 1.0\n"
        "bad = sorted(n for n in ('sklearn', 'numpy', 'scipy') if n in sys.modules)\n"
        "assert not bad, bad\n"
    )
    path = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr


def test_matches_scikit_learn_decision_values(model: OffensiveModel) -> None:
    # Written by training/train_offensive.py from scikit-learn's own decision_function.
    rows = _jsonl("classifier_parity.jsonl")
    assert len(rows) >= 300
    for row in rows:
        assert model.decision(row["text"]) == pytest.approx(row["decision"], abs=1e-6)
        assert model.score(row["text"]) == pytest.approx(row["probability"], abs=1e-6)


def test_parity_holds_without_the_precomputed_token_sums(model: OffensiveModel) -> None:
    # A fresh model with no memoised token sums must score exactly as the warmed one.
    cold = OffensiveModel.load()
    cold._token_cache.clear()
    cold._frequent.clear()
    for row in _jsonl("classifier_parity.jsonl")[:100]:
        assert cold.decision(row["text"]) == pytest.approx(row["decision"], abs=1e-9)


def test_obvious_examples_fall_on_the_right_side_of_the_warning_threshold(
        model: OffensiveModel) -> None:
    warning = model.thresholds["warning"]
    for row in _jsonl("classifier_examples.jsonl"):
        score = model.score(row["text"])
        if row["offensive"]:
            assert score >= warning, (row["text"], score)
        else:
            assert score < warning, (row["text"], score)


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "!!!", "😂😂😂", "@user", "http://example.com", "a", "ﬁne ｆｕｌｌｗｉｄｔｈ",
    "\x00\x01 odd \u200b bytes", "中文 العربية русский", "#" * 50,
])
def test_score_is_a_probability(model: OffensiveModel, text: str) -> None:
    assert 0.0 <= model.score(text) <= 1.0


def test_very_long_text(model: OffensiveModel) -> None:
    text = ("This is a perfectly ordinary sentence about the weather. " * 3000
            + "x" * 50_000)
    assert 0.0 <= model.score(text) <= 1.0


def test_score_many_matches_score(model: OffensiveModel) -> None:
    texts = ["hello there", "you idiot", ""]
    assert model.score_many(texts) == [model.score(t) for t in texts]
    assert model.score_many([]) == []


def test_thresholds_and_metadata(model: OffensiveModel) -> None:
    t = model.thresholds
    assert 0.0 < t["warning"] < t["high"] < 1.0
    meta = model.metadata
    assert meta["sklearn_version"]
    assert meta["val_metrics"]["at_warning"]["macro_f1"] > 0.7
    assert all("test" not in i["path"] for i in meta["training_inputs"] + meta["tuning_inputs"])


def test_default_model_is_cached() -> None:
    assert default_model() is default_model()


def test_load_explicit_path_and_size() -> None:
    assert MODEL_FILE.stat().st_size <= 4 * 1024 * 1024
    assert OffensiveModel.load(MODEL_FILE).score("you idiot") == default_model().score("you idiot")


def test_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(gzip.compress(b'{"format": "something-else"}'))
    with pytest.raises(ValueError):
        OffensiveModel.load(bad)
    doc = json.loads(gzip.decompress(MODEL_FILE.read_bytes()))
    doc["feature_version"] = features.FEATURE_VERSION + 1
    stale = tmp_path / "stale.json.gz"
    stale.write_bytes(gzip.compress(json.dumps(doc).encode()))
    with pytest.raises(ValueError, match="different features"):
        OffensiveModel.load(stale)


def test_normalisation() -> None:
    assert list(features.tokens("@Alice @bob_2 hi")) == ["@user", "hi"]
    assert list(features.tokens("see https://t.co/x and URL")) == ["see", "url", "and", "url"]
    assert list(features.tokens("Soooooo GOOD!!!!")) == ["soo", "good", "!", "!"]
    assert list(features.tokens("b!tch sh1t r2d2 2nd")) == ["bitch", "shit", "r2d2", "2nd"]
    assert list(features.tokens("'quoted' don't f**k #Tag &amp;")) == [
        "'", "quoted", "'", "don't", "f**k", "#tag", "&"]
    assert list(features.tokens("𝐢𝐝𝐢𝐨𝐭")) == ["idiot"]
    assert features.word_features(["#tag", "you"]) == ["tag", "you", "tag you"]


def test_char_ngrams_of_long_tokens_use_the_general_path() -> None:
    for token in ("ab", "x" * 39, "y" * 40, "z" * 41, "w" * 200):
        padded = f" {token} "
        expected = [padded[i:i + n] for n in range(2, min(5, len(padded)) + 1)
                    for i in range(len(padded) - n + 1)]
        assert features.char_ngrams(token) == expected
