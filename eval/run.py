"""Report pausepost's accuracy per rule and on the public offensive-language test split.

    python eval/run.py                 # everything, writes eval/RESULTS.md
    python eval/run.py --set dev       # one labelled set, errors printed
    python eval/run.py --olid-split val

The project's labelled sets: eval/labelled/dev.jsonl (used while developing the rules) and
eval/labelled/test.jsonl (written separately and never used for tuning: report only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from pausepost import __version__
from pausepost.engine import Checker
from pausepost.evaluation import (
    any_conduct,
    binary_scores,
    evaluate,
    read_binary_csv,
    read_labelled,
)

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = {
    "examples": SHARED / "examples" / "posts.jsonl",
    "dev": HERE / "labelled" / "dev.jsonl",
    "test": HERE / "labelled" / "test.jsonl",
}
OLID = SHARED / "datasets" / "tweeteval_offensive"


TARGET_F1 = 0.90
TARGET_CLEAN = 0.03
TARGET_OLID = 0.78


def _rule_table(name: str, checker: Checker, show_errors: bool,
                verdicts: list[str] | None = None) -> list[str]:
    path = SETS[name]
    result = evaluate(read_labelled(path), checker)
    if verdicts is not None:
        missed = [f"{r} ({s.f1:.2f})" for r, s in result.scores.items()
                  if s.tp + s.fn and s.f1 < TARGET_F1 and r != "info.trade-union"]
        verdicts.append(f"- F1 ≥ {TARGET_F1:.2f} for every rule on `{path.name}`: "
                        + ("**met**." if not missed else "**missed** for " + ", ".join(missed)
                           + "."))
        verdicts.append(f"- Fewer than {TARGET_CLEAN:.0%} of clean posts raising a warning on "
                        f"`{path.name}`: {result.clean_flag_rate:.1%}, "
                        + ("**met**." if result.clean_flag_rate < TARGET_CLEAN else "**missed**."))
    lines = [f"### {name} ({path.name}: {result.posts} posts, {result.clean} clean)", "",
             "| rule | TP | FP | FN | precision | recall | F1 |", "|---|---|---|---|---|---|---|"]
    for rule, s in result.scores.items():
        if s.tp + s.fn + s.fp == 0:
            continue
        lines.append(f"| {rule} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.2f} | "
                     f"{s.recall:.2f} | {s.f1:.2f} |")
    lines += ["", f"Clean posts raising any warning: {result.clean_flagged}/{result.clean} "
              f"({result.clean_flag_rate:.1%}).", ""]
    if show_errors:
        for err in result.errors:
            print(f"{err['id']}: {'; '.join(err['wrong'])}\n    {err['text'][:300]!r}\n"
                  f"    found: {err['found']}", file=sys.stderr)
    return lines


def _olid(split: str, checker: Checker, show_errors: bool,
          verdicts: list[str] | None = None) -> list[str]:
    rows = read_binary_csv(OLID / f"{split}.csv")
    started = time.perf_counter()
    predicted = [any_conduct(checker, text) for text, _ in rows]
    seconds = time.perf_counter() - started
    s = binary_scores((gold, p) for (_, gold), p in zip(rows, predicted, strict=True))
    if show_errors:
        for (text, gold), p in zip(rows, predicted, strict=True):
            if gold != p:
                print(f"{'FN' if gold else 'FP'}: {text[:200]!r}", file=sys.stderr)
    if verdicts is not None and split == "test":
        verdicts.append(f"- OLID/TweetEval offensive test macro-F1 ≥ {TARGET_OLID}: "
                        f"{s['macro_f1']:.3f}, "
                        + ("**met**." if s["macro_f1"] >= TARGET_OLID else "**missed**."))
    return [f"### OLID / TweetEval offensive, {split} split ({int(s['n'])} tweets)", "",
            "\"Any conduct.* rule at warning or above\" against the offensive label.", "",
            "| macro-F1 | precision (OFF) | recall (OFF) | F1 (OFF) | posts/s |",
            "|---|---|---|---|---|",
            f"| {s['macro_f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
            f"| {len(rows) / seconds:,.0f} |", ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--olid-split", choices=["val", "test"], action="append")
    parser.add_argument("--errors", action="store_true", help="print each error to stderr")
    parser.add_argument("--write", action="store_true", help="write eval/RESULTS.md")
    args = parser.parse_args()
    everything = not args.set and not args.olid_split
    sets = args.set or (list(SETS) if everything else [])
    splits = args.olid_split or (["test"] if everything else [])
    checker = Checker()
    lines = [f"# pausepost accuracy (pausepost {__version__}, {dt.date.today().isoformat()})", "",
             "Written by `python eval/run.py --write`. Labelled sets: `eval/labelled/` "
             "(dev was used while writing the rules; test was written separately and is only "
             "reported). Public data: `../shared/datasets` (test splits only reported).", ""]
    verdicts: list[str] = []
    for name in sets:
        lines += _rule_table(name, checker, args.errors, verdicts if name == "test" else None)
    for split in splits:
        lines += _olid(split, checker, args.errors, verdicts)
    if verdicts:
        lines += ["## Targets (held-out data only)", "", *verdicts, "",
                  "The dev figures are flattering by construction: the rules were written "
                  "from it and the per-rule models trained on it. See docs/classifier.md for "
                  "validation with each training file held out in turn.", ""]
    text = "\n".join(lines)
    print(text)
    if args.write or everything:
        (HERE / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
