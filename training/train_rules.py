"""Train the per-rule models shipped in ``pausepost/classifier/rules.json.gz``.

The phrase patterns of the policy pack are precise but narrow: on posts they were not written
from, they miss most threats, harassment, offensive remarks and allegations phrased in a new
way. A small logistic regression per rule, over word 1-2-grams and (where cross-validation
prefers them) character 2-5-grams of the same canonical tokens the offensive model uses
(``pausepost.classifier.features``), catches more of them. How the blocks are weighted and
normalised is described in ``pausepost.classifier.rules``.

Data: the project's own labelled posts (``training/data/train_a.jsonl``, ``train_b.jsonl``,
``val_c.jsonl``, ``train_d.jsonl`` to ``train_i.jsonl`` and ``eval/labelled/dev.jsonl``).
For each rule a post is positive when the rule is expected, negative when it is neither
expected nor allowed, and left out when it is only allowed.
The held-out report sets (``eval/labelled/test.jsonl``, ``test-2.jsonl``) are never read:
``check_input`` refuses any file whose name contains "test".

Choices, all by 5-fold cross-validation on the training posts: the regularisation C and whether
to use the character block, per rule, then the probability threshold that maximises F1 of
"pack patterns OR model" on out-of-fold predictions for every training file but dev (dev is
left out of threshold choice because the patterns were written from it, which would make them
look better than they are).

Usage (needs the ``train`` extra)::

    .venv/bin/python training/train_rules.py
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pausepost.classifier import features  # noqa: E402
from pausepost.classifier.rules import FORMAT_VERSION, char_features  # noqa: E402
from pausepost.classifier.rules import post_features as rules_features  # noqa: E402

TRAINING_INPUTS: tuple[Path, ...] = (
    ROOT / "training" / "data" / "train_a.jsonl",
    ROOT / "training" / "data" / "train_b.jsonl",
    # val_c was written from the same brief as the test set, used first to study false alarms
    # with the models trained without it, then added here.
    ROOT / "training" / "data" / "val_c.jsonl",
    # Written later, to give the weakest rules more varied examples: d for conduct and
    # defamation, e for politics and disclosure (each with its own hard negatives).
    ROOT / "training" / "data" / "train_d.jsonl",
    ROOT / "training" / "data" / "train_e.jsonl",
    # Name-calling's shapes ("you are a …", "@dave …") both ways: praise, thanks and neutral
    # descriptions of people as hard negatives, and insults the word list does not know.
    ROOT / "training" / "data" / "train_f.jsonl",
    # Two more writers: g for offensive remarks (mostly implicit), harassment and defamation;
    # h for name-calling, threats, politics, disclosure and secure data; each with hard negatives.
    ROOT / "training" / "data" / "train_g.jsonl",
    ROOT / "training" / "data" / "train_h.jsonl",
    # Clean posts that name who people are (faith, race, disability, sexuality, age …): g's
    # offensive remarks taught the models that naming a group was itself the offence.
    ROOT / "training" / "data" / "train_i.jsonl",
    # Two more writers asked for registers the others lacked (dialect, text-speak, replies,
    # community groups, LinkedIn, reviews): j for conduct (mostly implicit offence), k for
    # defamation, DWP matters, personal and secure data. A third writer's set, written alongside
    # them, is never trained on: it is eval/labelled/test-3.jsonl.
    ROOT / "training" / "data" / "train_j.jsonl",
    ROOT / "training" / "data" / "train_k.jsonl",
    # Threat-shaped posts that harm nobody ("my mum will kill me if I'm late", "I'd be careful
    # walking home, the pavements are glass") beside real conditional threats: with j's veiled
    # threats alone the threat model learnt the shape, not the meaning.
    ROOT / "training" / "data" / "train_l.jsonl",
    # Two more writers, each spreading its posts over a dozen voices (Mumsnet, football forums,
    # Discord, local-news comments, reviews, family group chats …): m for conduct and
    # defamation (insults by description, offence with no rude word), n for politics,
    # disclosure, secure data and union activity; each with its own hard negatives.
    ROOT / "training" / "data" / "train_m.jsonl",
    ROOT / "training" / "data" / "train_n.jsonl",
    ROOT / "eval" / "labelled" / "dev.jsonl",
)
DATASETS = Path(__import__("os").environ.get("PAUSEPOST_DATASETS",
                                              ROOT.parent / "shared" / "datasets"))
# Public tweets annotated NOT offensive (train split only) are, by that label, neither threats,
# harassment, insults nor offensive remarks: extra negatives for those rules, so the models do
# not read every heated political tweet as a threat, nor every "you are a …" as an insult.
# They also stand in for public chatter about people that shares nothing private ("he's sick
# of it", "her husband's book"), so the personal-data model does not learn names alone.
# Never used to choose thresholds.
PUBLIC_NEGATIVES: tuple[Path, ...] = (DATASETS / "tweeteval_offensive" / "train.csv",)
PUBLIC_NEGATIVE_RULES = frozenset({"conduct.offensive", "conduct.threat", "conduct.harassment",
                                   "conduct.name-calling", "disclosure.personal-data"})
PUBLIC_NEGATIVE_SAMPLE = 4000
# Inputs whose out-of-fold predictions choose the thresholds (not dev: see above).
THRESHOLD_INPUTS = frozenset({"train_a.jsonl", "train_b.jsonl", "val_c.jsonl", "train_d.jsonl",
                              "train_e.jsonl", "train_f.jsonl", "train_g.jsonl",
                              "train_h.jsonl", "train_i.jsonl", "train_j.jsonl",
                              "train_k.jsonl", "train_l.jsonl", "train_m.jsonl",
                              "train_n.jsonl"})
# Rules whose patterns generalise worst. political.own-department's model learnt views on
# DWP's matters (the posts' department); at run time it speaks only on posts that name a topic
# of the profile's own department. conduct.name-calling's speaks only where someone is in view.
RULES: tuple[str, ...] = (
    "conduct.name-calling", "conduct.offensive", "conduct.threat", "conduct.harassment",
    "legal.defamation", "political.partisan", "political.own-department", "disclosure.official",
    # Health, money, legal or immigration details about someone identifiable have no shape a
    # recogniser can check ("Pete's got prostate cancer, keep it quiet"); the model reads them.
    "disclosure.personal-data",
)
# Numbers and the punctuation that lays them out ("DOB: 12/03/1988", "NI: …, phone: …") are the
# recognisers' to judge, with their checksums and context; a personal-data model that read them
# learnt them from identifiers and took "Gym at 09:45, who's in?" for one. It reads words only.
WORDS_ONLY_RULES = frozenset({"disclosure.personal-data"})
C_GRID = (0.3, 1.0, 3.0, 10.0)
# Each rule's model may flag at most this share of clean posts (out of fold), so that all of
# them together stay within the product's budget of under 3% of clean posts flagged.
MAX_CLEAN_RATE = 0.003
MIN_DF = 2
# A folded character weight smaller than this is dropped from the file: a post's character
# block is divided by the square root of its n-gram count (hundreds), so what is dropped
# barely moves a score, and the file stays small. (The fitted model is rewritten to the
# dropped and float32 weights before the parity scores are computed, so parity is exact.)
MIN_CHAR_WEIGHT = 2e-3
OUT = ROOT / "src" / "pausepost" / "classifier" / "rules.json.gz"
PARITY = ROOT / "tests" / "data" / "rules_parity.jsonl"


def check_input(path: Path) -> Path:
    """Return ``path`` unless its name marks it as a test split, which is refused."""
    if "test" in Path(path).name.lower():
        raise ValueError(f"refusing to read a test split for training or tuning: {path}")
    return Path(path)


def read_posts(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Labelled posts from the project's JSONL files, each tagged with its source file."""
    posts = []
    for path in paths:
        with check_input(path).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    item = json.loads(line)
                    item["_source"] = path.name
                    posts.append(item)
    return posts


def read_public_negatives(paths: Sequence[Path], sample: int) -> list[dict[str, Any]]:
    """A fixed random sample of public train-split posts labelled not offensive."""
    import csv
    import random

    texts = []
    for path in paths:
        with check_input(path).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row["label"] == "0"]
    chosen = random.Random(0).sample(texts, min(sample, len(texts)))
    return [{"text": t, "expect": [], "allow": [], "_source": "public", "_public": True}
            for t in chosen]


def post_features(text: str) -> list[str]:
    """The model's features of one post, exactly as ``pausepost.classifier.rules`` makes them."""
    return sorted(rules_features(text))


def _identity(doc: list[str]) -> list[str]:
    return doc


class Blocks:
    """The two feature blocks as ``pausepost.classifier.rules`` scores them: idf-weighted,
    each divided by the square root of the post's feature count in that block (known features
    or not), so the run time can add weights up token by token."""

    def __init__(self, word_docs: list[list[str]], char_docs: list[list[str]],
                 words_only: bool = False) -> None:
        from sklearn.feature_extraction.text import CountVectorizer

        self.word = CountVectorizer(analyzer=_identity, binary=True, min_df=MIN_DF)
        self.char = CountVectorizer(analyzer=_identity, min_df=MIN_DF)
        self.word_idf = _idf(self.word.fit_transform(word_docs))
        self.char_idf = _idf(self.char.fit_transform(char_docs))
        if words_only:  # features without a letter, or with a digit, weigh nothing (they
            # still count in the norm)
            self.word_idf *= _words_only(self.word.get_feature_names_out())
            self.char_idf *= _words_only(self.char.get_feature_names_out())

    def matrix(self, word_docs: list[list[str]], char_docs: list[list[str]],
               with_chars: bool) -> Any:
        """Rows for these posts: the word block, and the character block if asked for."""
        from scipy.sparse import hstack

        words = _scaled(self.word.transform(word_docs), word_docs, self.word_idf)
        if not with_chars:
            return words
        chars = _scaled(self.char.transform(char_docs), char_docs, self.char_idf)
        return hstack([words, chars]).tocsr()


def _words_only(names: Any) -> Any:
    """1 for each feature name with a letter and no digit in it, else 0."""
    import numpy as np

    return np.array([1.0 if any(c.isalpha() for c in name) and not any(c.isdigit() for c in name)
                     else 0.0 for name in names])


def _idf(counts: Any) -> Any:
    """scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1."""
    import numpy as np

    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    return np.log((1 + counts.shape[0]) / (1 + df)) + 1


def _scaled(counts: Any, docs: list[list[str]], idf: Any) -> Any:
    import numpy as np
    from scipy.sparse import diags

    sizes = np.array([max(1, len(d)) for d in docs], dtype=float)
    return diags(1 / np.sqrt(sizes)) @ counts.astype(float) @ diags(idf)


def _pattern_predictions(posts: list[dict[str, Any]]) -> list[set[str]]:
    """Rules each post raises at warning or above without any learned rule model."""
    from pausepost.detectors.registry import build_detectors
    from pausepost.engine import Checker

    checker = Checker()
    checker.detectors = tuple(d for d in build_detectors(checker.policy, checker.profile)
                              if d.name != "rule-model")
    return [checker.check(p["text"], quote=p.get("quote")).rules_at("warning") for p in posts]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--parity", type=Path, default=PARITY)
    parser.add_argument("--hold-out", metavar="NAME", action="append", default=[],
                        help="leave out a training file (e.g. train_b.jsonl) to validate on it")
    args = parser.parse_args(argv)
    inputs = [p for p in TRAINING_INPUTS if p.name not in args.hold_out]
    for path in (*inputs, *PUBLIC_NEGATIVES):
        check_input(path)

    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    posts = read_posts(inputs)
    patterns = _pattern_predictions(posts)
    negatives = read_public_negatives(PUBLIC_NEGATIVES, PUBLIC_NEGATIVE_SAMPLE)
    posts += negatives
    patterns += [set() for _ in negatives]
    docs = [post_features(p["text"]) for p in posts]
    char_docs = [char_features(p["text"]) for p in posts]
    for_threshold = np.array([p["_source"] in THRESHOLD_INPUTS for p in posts])
    print(f"{len(posts)} posts")

    exported: dict[str, Any] = {}
    kept_weights: dict[str, dict[str, dict[str, float]]] = {}
    fitted: dict[str, Any] = {}
    report: dict[str, Any] = {}
    for rule in RULES:
        keep = [i for i, p in enumerate(posts)
                if (rule in p.get("expect", ()) or rule not in p.get("allow", ()))
                and (not p.get("_public") or rule in PUBLIC_NEGATIVE_RULES)]
        y = np.array([int(rule in posts[i].get("expect", ())) for i in keep])
        rule_docs = [docs[i] for i in keep]
        rule_chars = [char_docs[i] for i in keep]
        pattern_hit = np.array([rule in patterns[i] for i in keep])
        choose = for_threshold[keep]
        clean = np.array([not posts[i].get("expect") for i in keep])
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        oofs = {(c, chars): np.zeros(len(keep)) for c in C_GRID for chars in (False, True)}
        for train_idx, test_idx in folds.split(rule_docs, y):
            blocks = Blocks([rule_docs[i] for i in train_idx], [rule_chars[i] for i in train_idx],
                            rule in WORDS_ONLY_RULES)
            for chars in (False, True):
                x = blocks.matrix([rule_docs[i] for i in train_idx],
                                  [rule_chars[i] for i in train_idx], chars)
                held_out = blocks.matrix([rule_docs[i] for i in test_idx],
                                         [rule_chars[i] for i in test_idx], chars)
                for c in C_GRID:
                    lr = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
                    lr.fit(x, y[train_idx])
                    oofs[c, chars][test_idx] = lr.predict_proba(held_out)[:, 1]
        best: tuple[float, float, float, bool] | None = None
        for (c, chars), oof in oofs.items():
            f1, threshold = _best_combined(y[choose], pattern_hit[choose], oof[choose],
                                           clean[choose])
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, threshold, c, chars)
        assert best is not None
        f1, threshold, c, chars = best
        blocks = Blocks(rule_docs, rule_chars, rule in WORDS_ONLY_RULES)
        x = blocks.matrix(rule_docs, rule_chars, chars)
        lr = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)
        weights, char_weights = _export_weights(blocks, lr, chars)
        fitted[rule] = (blocks, lr, chars)
        exported[rule] = {"intercept": float(lr.intercept_[0]), "threshold": threshold}
        kept_weights[rule] = {"word": weights, "char": char_weights}
        pattern_f1 = _f1(y[choose], pattern_hit[choose])
        report[rule] = {"C": c, "characters": chars, "threshold": round(threshold, 3),
                        "positives": int(y.sum()),
                        "cv_f1_patterns_only": round(pattern_f1, 3),
                        "cv_f1_patterns_or_model": round(f1, 3),
                        "weights": len(weights) + len(char_weights)}
        print(rule, report[rule])

    doc = {
        "format": "pausepost-rule-models",
        "format_version": FORMAT_VERSION,
        "feature_version": features.FEATURE_VERSION,
        "rules": exported,
        "blocks": {block: _packed_block(kept_weights, block) for block in ("word", "char")},
        "metadata": {
            "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sklearn_version": sklearn.__version__,
            "training_inputs": [{"path": str(p.relative_to(ROOT)),
                                 "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                                for p in inputs],
            "public_negatives": [{"path": str(p.relative_to(DATASETS)), "label": 0,
                                  "sample": PUBLIC_NEGATIVE_SAMPLE,
                                  "rules": sorted(PUBLIC_NEGATIVE_RULES)}
                                 for p in PUBLIC_NEGATIVES],
            "cross_validation": report,
        },
    }
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with args.out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(raw.encode("utf-8"))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")

    # Reference probabilities computed by scikit-learn, for the pure-Python parity test.
    sample = [p["text"] for p in posts[::60]] + ["", "!!!", "you absolute idiot " * 50]
    with args.parity.open("w", encoding="utf-8") as handle:
        for text in sample:
            probs = {rule: float(lr.predict_proba(blocks.matrix(
                         [post_features(text)], [char_features(text)], chars))[0, 1])
                     for rule, (blocks, lr, chars) in fitted.items()}
            handle.write(json.dumps({"text": text, "probabilities": probs},
                                    ensure_ascii=False) + "\n")
    return 0


def _packed_block(weights: dict[str, dict[str, dict[str, float]]],
                  block: str) -> dict[str, Any]:
    """One block as stored: its features once, and per rule that uses it the weights in the
    same order as little-endian float32, base64-encoded (loads in milliseconds, unlike a JSON
    number per weight)."""
    import base64

    import numpy as np

    features_ = sorted(set().union(*(w[block] for w in weights.values())))
    packed = {}
    for rule, by_block in weights.items():
        if by_block[block]:
            column = np.array([by_block[block].get(f, 0.0) for f in features_], dtype="<f4")
            packed[rule] = base64.b64encode(column.tobytes()).decode("ascii")
    return {"features": features_, "weights": packed}


def _export_weights(blocks: Blocks, lr: Any,
                    chars: bool) -> tuple[dict[str, float], dict[str, float]]:
    """The model's weights with the idf folded in, as float32, the negligible ones dropped; the
    fitted model is rewritten to exactly these, so the parity scores are the shipped model's."""
    import numpy as np

    words = blocks.word.get_feature_names_out()
    coef = lr.coef_[0]
    folded = {"word": coef[:len(words)] * blocks.word_idf}
    names = {"word": words}
    if chars:
        names["char"] = blocks.char.get_feature_names_out()
        folded["char"] = coef[len(words):] * blocks.char_idf
    out: dict[str, dict[str, float]] = {"word": {}, "char": {}}
    kept = []
    for block, values in folded.items():
        floor = 1e-4 if block == "word" else MIN_CHAR_WEIGHT
        rounded = np.where(np.abs(values) >= floor, values, 0.0).astype("<f4").astype(float)
        out[block] = {str(f): float(w) for f, w in zip(names[block], rounded, strict=True) if w}
        idf = blocks.word_idf if block == "word" else blocks.char_idf
        kept.append(np.divide(rounded, idf, out=np.zeros_like(rounded), where=idf != 0))
    lr.coef_[0] = np.concatenate(kept)
    return out["word"], out["char"]


def _f1(y: Any, predicted: Any) -> float:
    tp = int((y & predicted).sum())
    fp = int((~y.astype(bool) & predicted).sum())
    fn = int((y.astype(bool) & ~predicted).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _best_combined(y: Any, pattern_hit: Any, probabilities: Any,
                   clean: Any) -> tuple[float, float]:
    """The threshold maximising F1 of (pattern OR probability >= threshold) among those that
    flag at most MAX_CLEAN_RATE of clean posts the patterns leave alone, and that F1."""
    best = (_f1(y, pattern_hit), 1.01)
    n_clean = max(1, int(clean.sum()))
    for threshold in [t / 100 for t in range(30, 100)]:
        flagged = probabilities >= threshold
        if (flagged & clean & ~pattern_hit).sum() / n_clean > MAX_CLEAN_RATE:
            continue
        f1 = _f1(y, pattern_hit | flagged)
        if f1 > best[0]:
            best = (f1, threshold)
    return best


if __name__ == "__main__":
    sys.exit(main())
