"""Train the offensive-language classifier shipped in ``pausepost/classifier/offensive.json.gz``.

Model: two tf-idf blocks from ``pausepost.classifier.features`` (word 1-2-grams and char
2-5-grams; smoothed idf; each block normalised, see ``Trained``), scaled by naive-Bayes
log-count ratios (NB-LR, Wang & Manning 2012), then an l2 logistic regression. Small
weights are pruned and the rest exported with idf and NB ratio folded in, together with a
Platt calibration and the alert thresholds, both fitted on the validation split.

Only the train/val files declared in TRAINING_INPUTS and TUNING_INPUTS are ever read; no
test split is read here (``check_input`` refuses any file whose name says "test").

Usage (needs the ``train`` extra: scikit-learn, numpy)::

    .venv/bin/python training/train_offensive.py            # train and write the model
    .venv/bin/python training/train_offensive.py --search   # also print the val grid search
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pausepost.classifier import features  # noqa: E402

DATASETS = Path(os.environ.get("PAUSEPOST_DATASETS", ROOT.parent / "shared" / "datasets"))

# Everything the model is fitted on. tweeteval_offensive is OLID/OffensEval-2019 subtask A;
# the 2020-election HOF tweets nudged val AUC and macro-F1 up slightly, so they stay. Tried
# and dropped (lower val or CV scores): davidson, cyberbullying, tweeteval_hate, hatexplain
# val. Never add olid/train.csv: TweetEval's val split is carved out of it.
TRAINING_INPUTS: tuple[Path, ...] = (
    DATASETS / "tweeteval_offensive" / "train.csv",
    DATASETS / "stance_hof_election2020" / "train.csv",
)
# Hyper-parameters, Platt calibration and thresholds are chosen on this alone.
TUNING_INPUTS: tuple[Path, ...] = (DATASETS / "tweeteval_offensive" / "val.csv",)

MODEL_PATH = ROOT / "src" / "pausepost" / "classifier" / "offensive.json.gz"
PARITY_PATH = ROOT / "tests" / "data" / "classifier_parity.jsonl"

# Chosen by `--search` on val (and 5-fold CV on train during development).
C = 1.0  # inverse l2 strength of the logistic regression
NB_ALPHA = 4.0  # smoothing of the naive-Bayes log-count ratios
MIN_DF = 2  # features seen in fewer training posts are dropped
# The largest |folded weight| features keep their weight (val AUC is as unpruned at 60k);
# the rest stay in the vocabulary only because they count towards the l2 norm.
KEEP_WEIGHTS = 60_000
WEIGHT_DIGITS = 7  # significant digits stored per weight: smaller, faster-loading file
TOKEN_SUMS = 15_000  # most frequent training tokens whose char-block sums ship precomputed
HIGH_PRECISION = 0.9  # the "high" threshold is the lowest with this precision on val
PARITY_SAMPLES = 300

PARITY_EXTRAS = [
    "", "   ", "!!!", "😂", "a" * 2000, "idiot idiot idiot, you IDIOT!!!",
    "@Someone @else http://example.com/x?y=1 b!tch sh1t &amp; f**k #NotOkay",
    "#Pneumonoultramicroscopicsilicovolcanoconiosisisaverylongwordindeed",
    "𝐢𝐝𝐢𝐨𝐭 ｉｄｉｏｔ", "Line one.\nLine two? Line three!", "zxqv wqzx qqqj",
]
SEARCH_GRID = [(c, a) for c in (0.5, 1.0, 2.0) for a in (1.0, 2.0, 4.0, 8.0)]
_SENTENCE_SPLIT = re.compile(r"[.!?\n]+")


def check_input(path: Path) -> Path:
    """Return ``path`` unless its file name marks it as a test split, which is refused."""
    if "test" in Path(path).name.lower():
        raise ValueError(f"refusing to read a test split for training or tuning: {path}")
    return Path(path)


def read_labelled_csv(path: Path) -> tuple[list[str], list[int]]:
    """Read a ``text,label`` CSV (label 1 = offensive) after the test-split guard."""
    path = check_input(path)
    texts: list[str] = []
    labels: list[int] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            texts.append(row["text"])
            labels.append(int(row["label"]))
    return texts, labels


def sentences(text: str) -> list[str]:
    """Split like the product does (on . ! ? and newlines); never returns an empty list."""
    parts = [p for p in _SENTENCE_SPLIT.split(text) if p.strip()]
    return parts or [text]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _identity(doc: list[str]) -> list[str]:
    return doc


class Trained:
    """The fitted scikit-learn pieces and the decision function they define.

    Weighting (mirrored exactly by ``model.py``): each occurrence of vocabulary feature f
    adds idf_f to x_f; each block is divided by sqrt(sum over occurrences of idf_f**2);
    x is scaled by the NB log-count ratios and fed to an l2 logistic regression.
    """

    def __init__(self, word_texts: list[list[str]], char_texts: list[list[str]],
                 y: Any, c: float, alpha: float) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression

        self.n_docs = len(word_texts)
        self.vectorizers = []
        self.dfs = []
        for texts in (word_texts, char_texts):
            vec = CountVectorizer(analyzer=_identity, lowercase=False, min_df=MIN_DF)
            counts = vec.fit_transform(texts)
            self.vectorizers.append(vec)
            self.dfs.append(np.bincount(counts.indices, minlength=counts.shape[1]))
        # scikit-learn's smoothed idf, from the integer document frequencies the model stores.
        self.idfs = [np.log((self.n_docs + 1) / (df + 1)) + 1.0 for df in self.dfs]
        x = self.transform(word_texts, char_texts)
        labels = np.asarray(y)
        present = (x > 0).astype(np.float64)
        pos = alpha + np.asarray(present[labels == 1].sum(axis=0)).ravel()
        neg = alpha + np.asarray(present[labels == 0].sum(axis=0)).ravel()
        self.ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
        self.lr = LogisticRegression(C=c, max_iter=10_000)
        self.lr.fit(x.multiply(self.ratio).tocsr(), labels)

    def transform(self, word_texts: list[list[str]], char_texts: list[list[str]]) -> Any:
        """The normalised (not yet NB-scaled) feature matrix, both blocks side by side."""
        import numpy as np
        import scipy.sparse as sp

        blocks = []
        for vec, idf, texts in zip(self.vectorizers, self.idfs, (word_texts, char_texts),
                                   strict=True):
            counts = vec.transform(texts).astype(np.float64)
            sq = counts @ (idf * idf)
            scale = np.divide(1.0, np.sqrt(sq), out=np.zeros_like(sq), where=sq > 0)
            blocks.append(sp.diags(scale) @ counts @ sp.diags(idf))
        return sp.hstack(blocks).tocsr()

    def decision(self, word_texts: list[list[str]], char_texts: list[list[str]]) -> Any:
        """scikit-learn's decision values for already-extracted features."""
        x = self.transform(word_texts, char_texts)
        return self.lr.decision_function(x.multiply(self.ratio).tocsr())

    def folded(self) -> Any:
        """Per-occurrence weight before normalisation: coef x NB ratio x idf."""
        import numpy as np

        return self.lr.coef_.ravel() * self.ratio * np.concatenate(self.idfs)

    def prune(self, keep: int) -> int:
        """Keep the ``keep`` largest folded weights, rounded to ``WEIGHT_DIGITS`` significant
        digits, and zero the rest; the coefficients are rewritten to match so scikit-learn's
        decision values stay those of the exported model. Returns the non-zero count."""
        import numpy as np

        folded = self.folded()
        order = np.argsort(-np.abs(folded), kind="stable")
        rounded = np.zeros_like(folded)
        for j in order[:keep]:
            rounded[j] = float(f"{folded[j]:.{WEIGHT_DIGITS}g}")
        scale = self.ratio * np.concatenate(self.idfs)
        safe = np.where(scale != 0.0, scale, 1.0)
        self.lr.coef_[0] = np.where(scale != 0.0, rounded / safe, 0.0)
        return int(np.count_nonzero(self.lr.coef_))


def extract_all(texts: Iterable[str]) -> tuple[list[list[str]], list[list[str]]]:
    """Features for many texts, split into the word and char blocks."""
    words, chars = [], []
    for text in texts:
        w, c = features.extract(text)
        words.append(w)
        chars.append(c)
    return words, chars


def macro_f1_at(y: Any, scores: Any, threshold: float) -> dict[str, float]:
    """Macro-F1 and positive-class precision/recall of ``scores >= threshold``."""
    from sklearn.metrics import f1_score, precision_score, recall_score

    pred = scores >= threshold
    return {
        "macro_f1": float(f1_score(y, pred, average="macro")),
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred)),
    }


def best_macro_f1_threshold(y: Any, scores: Any) -> float:
    """The cut between adjacent distinct scores that maximises macro-F1."""
    import numpy as np
    from sklearn.metrics import f1_score

    distinct = np.unique(scores)
    cuts = (distinct[1:] + distinct[:-1]) / 2  # midpoints: no val score sits on the threshold
    best = max(cuts, key=lambda t: (f1_score(y, scores >= t, average="macro"), -t))
    return float(best)


def precision_threshold(y: Any, scores: Any, target: float) -> float:
    """Lowest midpoint cut whose val precision is at least ``target``."""
    import numpy as np

    order = np.argsort(-scores, kind="stable")
    s, labels = scores[order], np.asarray(y)[order]
    tp = np.cumsum(labels)
    precision = tp / np.arange(1, len(labels) + 1)
    best = None
    for i in range(len(s) - 1):
        if s[i] != s[i + 1] and precision[i] >= target:
            best = (s[i] + s[i + 1]) / 2
    if best is None:
        raise RuntimeError(f"no threshold reaches precision {target} on val")
    return float(best)


def search(train_words: list[list[str]], train_chars: list[list[str]], y: Any,
           val_words: list[list[str]], val_chars: list[list[str]], y_val: Any) -> None:
    """Print val ROC-AUC and best macro-F1 for each (C, alpha) in SEARCH_GRID."""
    from sklearn.metrics import roc_auc_score

    for c, alpha in SEARCH_GRID:
        model = Trained(train_words, train_chars, y, c, alpha)
        d = model.decision(val_words, val_chars)
        t = best_macro_f1_threshold(y_val, d)
        f1 = macro_f1_at(y_val, d, t)["macro_f1"]
        print(f"C={c:<4} alpha={alpha:<4} val AUC {roc_auc_score(y_val, d):.4f} "
              f"best macro-F1 {f1:.4f}", flush=True)


def export(model: Trained, intercept: float, platt: tuple[float, float],
           thresholds: dict[str, float], metadata: dict[str, Any],
           frequent_tokens: Sequence[str]) -> dict[str, Any]:
    """The JSON document ``OffensiveModel`` is built from."""
    from pausepost.classifier.model import OffensiveModel

    folded = model.folded()
    coef = model.lr.coef_.ravel()
    blocks: dict[str, Any] = {}
    offset = 0
    for name, vec, dfs in zip(("word", "char"), model.vectorizers, model.dfs, strict=True):
        vocab = vec.get_feature_names_out()
        # Grouped by document frequency (hence idf): [features, weights] where the first
        # len(weights) features carry a weight and the rest only count towards the norm.
        weighted: dict[int, list[str]] = {}
        norm_only: dict[int, list[str]] = {}
        weights: dict[int, list[float]] = {}
        for j, feat in enumerate(vocab):
            df = int(dfs[j])
            if coef[offset + j] != 0.0:
                weighted.setdefault(df, []).append(str(feat))
                weights.setdefault(df, []).append(float(f"{folded[offset + j]:.{WEIGHT_DIGITS}g}"))
            else:
                norm_only.setdefault(df, []).append(str(feat))
        blocks[name] = {
            str(df): [weighted.get(df, []) + norm_only.get(df, []), weights.get(df, [])]
            for df in sorted(set(weighted) | set(norm_only))
        }
        offset += len(vocab)
    doc: dict[str, Any] = {
        "format": "pausepost-offensive-nblr",
        "format_version": 1,
        "feature_version": features.FEATURE_VERSION,
        "char_ngram_range": [features.CHAR_NGRAM_MIN, features.CHAR_NGRAM_MAX],
        "weighting": {"n_documents": model.n_docs, "idf": "smooth",
                      "norm": "per block: sqrt(sum over occurrences of idf**2)"},
        "blocks": blocks,
        "intercept": intercept,
        "calibration": {"method": "platt", "a": platt[0], "b": platt[1]},
        "thresholds": thresholds,
        "metadata": metadata,
        "token_sums": [[], [], []],
    }
    # Char-block sums of frequent tokens, computed by the run-time code itself from the
    # round-tripped document so they are bit-identical to what it would compute on a miss.
    runtime = OffensiveModel(json.loads(json.dumps(doc)))
    sums = [runtime._char_sum(tok) for tok in frequent_tokens]
    doc["token_sums"] = [list(frequent_tokens), [z.real for z in sums], [z.imag for z in sums]]
    return doc


def main(argv: Sequence[str] | None = None) -> int:
    """Train, evaluate on val, and write the model and the parity file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--parity", type=Path, default=PARITY_PATH)
    parser.add_argument("--search", action="store_true", help="print the (C, alpha) val grid")
    args = parser.parse_args(argv)
    for path in (*TRAINING_INPUTS, *TUNING_INPUTS):
        check_input(path)  # before anything is read or even imported

    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    started = time.time()
    val_texts, y_val_list = [], []
    for path in TUNING_INPUTS:
        t, lab = read_labelled_csv(path)
        val_texts += t
        y_val_list += lab
    val_keys = {features.normalise(t) for t in val_texts}
    texts: list[str] = []
    y_list: list[int] = []
    dropped = 0
    for path in TRAINING_INPUTS:
        for text, label in zip(*read_labelled_csv(path), strict=True):
            if features.normalise(text) in val_keys:
                dropped += 1  # keep val honest: never train on a post that is also in val
                continue
            texts.append(text)
            y_list.append(label)
    y, y_val = np.asarray(y_list), np.asarray(y_val_list)
    print(f"train {len(texts)} posts ({dropped} val duplicates dropped), val {len(val_texts)}")

    train_words, train_chars = extract_all(texts)
    val_words, val_chars = extract_all(val_texts)
    if args.search:
        search(train_words, train_chars, y, val_words, val_chars, y_val)

    model = Trained(train_words, train_chars, y, C, NB_ALPHA)
    d_full = model.decision(val_words, val_chars)
    kept = model.prune(KEEP_WEIGHTS)
    d_val = model.decision(val_words, val_chars)
    intercept = float(model.lr.intercept_[0])
    print(f"val AUC {roc_auc_score(y_val, d_full):.4f} before pruning, "
          f"{roc_auc_score(y_val, d_val):.4f} with {kept} weights")

    # Platt scaling on val: probability = 1 / (1 + exp(-(a * decision + b))).
    platt_lr = LogisticRegression(C=1e6, max_iter=1000).fit(d_val.reshape(-1, 1), y_val)
    platt = (float(platt_lr.coef_[0, 0]), float(platt_lr.intercept_[0]))
    p_val = 1.0 / (1.0 + np.exp(-(platt[0] * d_val + platt[1])))

    thresholds = {
        "warning": best_macro_f1_threshold(y_val, p_val),
        "high": precision_threshold(y_val, p_val, HIGH_PRECISION),
    }
    val_metrics: dict[str, Any] = {
        "roc_auc": float(roc_auc_score(y_val, p_val)),
        "at_warning": macro_f1_at(y_val, p_val, thresholds["warning"]),
        "at_high": macro_f1_at(y_val, p_val, thresholds["high"]),
    }
    # The product scores each sentence and takes the max; measure that too (same model).
    sent_lists = [sentences(t) for t in val_texts]
    flat = [s for ss in sent_lists for s in ss]
    sw, sc = extract_all(flat)
    d_sent = model.decision(sw, sc)
    p_sent = 1.0 / (1.0 + np.exp(-(platt[0] * d_sent + platt[1])))
    p_max, i = [], 0
    for ss in sent_lists:
        p_max.append(float(p_sent[i:i + len(ss)].max()))
        i += len(ss)
    p_max_arr = np.asarray(p_max)
    val_metrics["sentence_max"] = {
        "roc_auc": float(roc_auc_score(y_val, p_max_arr)),
        "at_warning": macro_f1_at(y_val, p_max_arr, thresholds["warning"]),
        "best_threshold": best_macro_f1_threshold(y_val, p_max_arr),
    }
    val_metrics["sentence_max"]["at_best"] = macro_f1_at(
        y_val, p_max_arr, val_metrics["sentence_max"]["best_threshold"])
    print(json.dumps({"thresholds": thresholds, "val": val_metrics}, indent=2))

    metadata = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sklearn_version": sklearn.__version__,
        "training_inputs": [
            {"path": str(p.relative_to(DATASETS)), "sha256": _sha256(p)} for p in TRAINING_INPUTS
        ],
        "tuning_inputs": [
            {"path": str(p.relative_to(DATASETS)), "sha256": _sha256(p)} for p in TUNING_INPUTS
        ],
        "n_train": len(texts),
        "n_val": len(val_texts),
        "hyperparameters": {"C": C, "nb_alpha": NB_ALPHA, "min_df": MIN_DF,
                            "keep_weights": KEEP_WEIGHTS, "weight_digits": WEIGHT_DIGITS,
                            "high_precision": HIGH_PRECISION},
        "n_features": {"word": len(model.idfs[0]), "char": len(model.idfs[1]),
                       "weighted": kept},
        "val_metrics": val_metrics,
    }
    token_counts = Counter(tok for text in texts for tok in features.tokens(text))
    frequent = [tok for tok, n in token_counts.most_common(TOKEN_SUMS) if n >= 2]
    doc = export(model, intercept, platt, thresholds, metadata, frequent)
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                                  compresslevel=9) as gz:
        gz.write(raw.encode("utf-8"))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")

    # Reference scores for the pure-Python parity test: a fixed sample of val posts, scored
    # here by scikit-learn, plus edge cases (repeats, unseen and over-long tokens, etc.).
    rng = random.Random(0)
    sample = rng.sample(range(len(val_texts)), PARITY_SAMPLES)
    parity_texts = [val_texts[k] for k in sample] + PARITY_EXTRAS
    pw, pc = extract_all(parity_texts)
    d_par = model.decision(pw, pc)
    args.parity.parent.mkdir(parents=True, exist_ok=True)
    with args.parity.open("w", encoding="utf-8") as fh:
        for text, d in zip(parity_texts, d_par, strict=True):
            prob = 1.0 / (1.0 + math.exp(-(platt[0] * float(d) + platt[1])))
            fh.write(json.dumps({"text": text, "decision": float(d), "probability": prob},
                                ensure_ascii=False) + "\n")
    print(f"wrote {args.parity}; done in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
