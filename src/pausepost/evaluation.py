"""Accuracy per rule on labelled posts: precision, recall and F1, with the errors to read.

A labelled post is {"id", "text", "expect": [...], "allow": [...], "notes": [...], "quote"?}:
`expect` rules must be raised at warning or above, `allow` rules may be, anything else must
not be; `notes` rules must be raised at any level.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pausepost.engine import Checker
from pausepost.policy.loader import TEXT_RULE_IDS


@dataclass
class RuleScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: dict[str, RuleScore] = field(default_factory=dict)
    posts: int = 0
    clean: int = 0
    clean_flagged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean_flag_rate(self) -> float:
        return self.clean_flagged / self.clean if self.clean else 0.0


def read_labelled(path: Path) -> Iterator[dict[str, Any]]:
    """Labelled posts from a JSONL file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def evaluate(items: Iterable[dict[str, Any]], checker: Checker | None = None) -> Evaluation:
    """Score a checker (default policy and profile) on labelled posts."""
    checker = checker or Checker()
    result = Evaluation(scores={r: RuleScore() for r in TEXT_RULE_IDS})
    for item in items:
        report = checker.check(item["text"], quote=item.get("quote"))
        raised = report.rules_at("warning")
        noted = report.rules
        expect, allow = set(item.get("expect", ())), set(item.get("allow", ()))
        notes = set(item.get("notes", ()))
        result.posts += 1
        wrong = []
        for rule in TEXT_RULE_IDS:
            score = result.scores[rule]
            if rule in notes or rule in expect:
                # a note need only be raised at any level; an expected rule at warning or above
                hit = rule in (noted if rule in notes else raised)
                score.tp += hit
                score.fn += not hit
                if not hit:
                    wrong.append(f"missed {'note ' if rule in notes else ''}{rule}")
            elif rule in raised and rule not in allow:
                score.fp += 1
                wrong.append(f"false {rule}")
            elif rule == "info.trade-union" and rule in noted and rule not in allow:
                score.fp += 1
                wrong.append(f"false note {rule}")
        if not expect:
            result.clean += 1
            if raised - allow:
                result.clean_flagged += 1
        if wrong:
            result.errors.append({"id": item.get("id"), "text": item["text"], "wrong": wrong,
                                  "found": [f"{f.rule}:{f.level}:{f.evidence}"
                                            for f in report.findings]})
    return result


def read_binary_csv(path: Path, text_column: str = "text",
                    label_column: str = "label") -> list[tuple[str, int]]:
    """(text, 0/1 label) rows of a public dataset CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[text_column], int(row[label_column])) for row in csv.DictReader(handle)
                if row.get(text_column, "").strip()]


def binary_scores(pairs: Iterable[tuple[int, int]]) -> dict[str, float]:
    """Precision, recall, F1 of the positive class and macro-F1 over (gold, predicted) pairs."""
    counts = {(g, p): 0 for g in (0, 1) for p in (0, 1)}
    for gold, predicted in pairs:
        counts[(gold, predicted)] += 1
    out: dict[str, float] = {}
    f1s = []
    for cls in (1, 0):
        tp = counts[(cls, cls)]
        fp = counts[(1 - cls, cls)]
        fn = counts[(cls, 1 - cls)]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        if cls == 1:
            out.update(precision=p, recall=r, f1=f)
    out["macro_f1"] = sum(f1s) / 2
    out["n"] = float(sum(counts.values()))
    return out


def any_conduct(checker: Checker, text: str) -> int:
    """1 when any conduct.* rule is raised at warning or above."""
    report = checker.check(text)
    return int(any(r.startswith("conduct.") for r in report.rules_at("warning")))


def generate_cli(build: Any, description: str, *, seed: int, per_kind: int, clean: int,
                 argv: list[str] | None = None) -> int:
    """The command line of a seeded set generator (eval/pii, eval/secrets): `OUT [--seed]
    [--per-kind] [--clean]`, writing one JSON post per line."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=seed)
    parser.add_argument("--per-kind", type=int, default=per_kind)
    parser.add_argument("--clean", type=int, default=clean)
    args = parser.parse_args(argv)
    posts = build(args.seed, args.per_kind, args.clean)
    with args.out.open("w", encoding="utf-8") as handle:
        for post in posts:
            handle.write(json.dumps(post, ensure_ascii=False) + "\n")
    print(f"wrote {len(posts)} posts to {args.out}")
    return 0
