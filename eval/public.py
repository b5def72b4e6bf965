"""pausepost and the profanity libraries people use instead, on public test splits.

Called by eval/run.py (`make eval`); runnable alone:

    python eval/public.py [--no-peers]

"Any conduct.* rule at warning or above" is scored against each set's offensive/hateful label,
side by side with alt-profanity-check and better-profanity on the same texts in the same run
(the peers run in .venv-bench: see benchmarks/peers.py). The test splits are only ever
reported on. The one thing chosen from data here is a fairer decision threshold for
alt-profanity-check (its default 0.5 favours precision), and it is chosen on each set's
validation split (TUNING_INPUTS), never on a test split: `read_tuning_split` refuses a file
whose name says "test", and tests/test_training_inputs.py checks the declarations.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pausepost.engine import Checker
from pausepost.evaluation import binary_scores, read_binary_csv

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from peers import PeerUnavailable, run_peer  # noqa: E402

DATASETS = Path(__import__("os").environ.get("PAUSEPOST_DATASETS",
                                              ROOT.parent / "shared" / "datasets"))


@dataclass(frozen=True)
class PublicSet:
    """A public labelled set: its test split (reported only) and its validation split (the
    only data any threshold here is chosen on)."""

    name: str
    title: str
    test: Path
    val: Path
    label: str  # what the positive label means
    note: str = ""


PUBLIC_SETS: tuple[PublicSet, ...] = (
    PublicSet("tweeteval-offensive", "OLID / TweetEval offensive (OffensEval 2019 A)",
              DATASETS / "tweeteval_offensive" / "test.csv",
              DATASETS / "tweeteval_offensive" / "val.csv", "offensive",
              "pausepost's offensive model was trained on this set's train split and its "
              "thresholds chosen on val: in-domain for pausepost, not for the peers."),
    PublicSet("tweeteval-hate", "TweetEval hate (HatEval 2019: immigrants and women)",
              DATASETS / "tweeteval_hate" / "test.csv", DATASETS / "tweeteval_hate" / "val.csv",
              "hateful", "Not used in training anything here."),
    PublicSet("hatexplain", "HateXplain (Twitter and Gab)",
              DATASETS / "hatexplain" / "test.csv", DATASETS / "hatexplain" / "val.csv",
              "offensive or hate speech (majority of 3)",
              "Not used in training; text is lower-cased and tokenised by the dataset."),
    PublicSet("stance-hof-2020", "2020 US election stance / hateful-offensive (HOF)",
              DATASETS / "stance_hof_election2020" / "test.csv",
              DATASETS / "stance_hof_election2020" / "dev.csv", "hateful or offensive",
              "pausepost's offensive model was trained on this set's train split."),
)
TEST_SPLITS: tuple[Path, ...] = tuple(s.test for s in PUBLIC_SETS)
# The only inputs anything in this evaluation is tuned on (alt-profanity-check's threshold).
TUNING_INPUTS: tuple[Path, ...] = tuple(s.val for s in PUBLIC_SETS)
THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(1, 20))
ERRORS_SHOWN = 25  # of each kind (missed, false alarm) per set: enough to read, few to review
ERRORS_DIR = HERE / "errors"
TOOLS = ("pausepost", "alt-profanity-check (0.5)", "alt-profanity-check (val-tuned)",
         "better-profanity")


def check_input(path: Path) -> Path:
    """Return `path` unless its name marks it as a test split: tuning never reads one."""
    if "test" in Path(path).name.lower():
        raise ValueError(f"refusing to tune on a test split: {path}")
    return Path(path)


def read_tuning_split(path: Path) -> list[tuple[str, int]]:
    """(text, label) rows of a validation split, for choosing a threshold."""
    return read_binary_csv(check_input(path))


def choose_threshold(probabilities: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold on the grid with the best macro-F1 (ties: the lowest threshold)."""
    def macro(t: float) -> float:
        pairs = zip(labels, (int(p >= t) for p in probabilities), strict=True)
        return binary_scores(pairs)["macro_f1"]

    return max(THRESHOLD_GRID, key=lambda t: (macro(t), -t))


@dataclass
class SetResult:
    """One public set: labels, every tool's predictions and speed, and the chosen threshold."""

    spec: PublicSet
    rows: list[tuple[str, int]]
    predictions: dict[str, list[int]] = field(default_factory=dict)
    per_s: dict[str, float] = field(default_factory=dict)
    threshold: float | None = None
    pausepost_rules: list[list[str]] = field(default_factory=list)

    def scores(self, tool: str) -> dict[str, float]:
        pairs = zip((g for _, g in self.rows), self.predictions[tool], strict=True)
        return binary_scores(pairs)


def evaluate(checker: Checker, peers: bool = True) -> tuple[list[SetResult], str]:
    """Every public set scored for pausepost and (when available) the peers.
    Returns the results and, when the peers could not run, why."""
    results = []
    for spec in PUBLIC_SETS:
        if not spec.test.exists():
            continue
        result = SetResult(spec, read_binary_csv(spec.test))
        started = time.perf_counter()
        reports = [checker.check(text) for text, _ in result.rows]
        result.per_s["pausepost"] = len(reports) / (time.perf_counter() - started)
        result.pausepost_rules = [sorted(r for r in report.rules_at("warning")
                                         if r.startswith("conduct.")) for report in reports]
        result.predictions["pausepost"] = [int(bool(r)) for r in result.pausepost_rules]
        results.append(result)
    problem = ""
    if peers and results:
        try:
            _run_peers(results)
        except PeerUnavailable as why:
            problem = str(why)
    return results, problem


def _run_peers(results: list[SetResult]) -> None:
    """One peer process for all sets: the texts concatenated, answers split back."""
    texts = [text for r in results for text, _ in r.rows]
    tuning = {r.spec.name: read_tuning_split(r.spec.val) for r in results}
    answer = run_peer("profanity", {
        "texts": texts, "repeats": 1,
        "extra_texts": {name: [t for t, _ in rows] for name, rows in tuning.items()},
    }, timeout=1800)
    alt, better = answer["alt-profanity-check"], answer["better-profanity"]
    offset = 0
    for result in results:
        n = len(result.rows)
        probabilities = alt["probabilities"][offset:offset + n]
        flags = better["flags"][offset:offset + n]
        offset += n
        val_rows = tuning[result.spec.name]
        result.threshold = choose_threshold(alt["extra_probabilities"][result.spec.name],
                                            [label for _, label in val_rows])
        result.predictions["alt-profanity-check (0.5)"] = [int(p >= 0.5) for p in probabilities]
        result.predictions["alt-profanity-check (val-tuned)"] = [
            int(p >= result.threshold) for p in probabilities]
        result.predictions["better-profanity"] = [int(f) for f in flags]
        # Speeds measured over all sets together (one call per post): the same for each set.
        result.per_s["alt-profanity-check (0.5)"] = alt["per_s"]
        result.per_s["alt-profanity-check (val-tuned)"] = alt["per_s"]
        result.per_s["better-profanity"] = better["per_s"]


def report_lines(results: list[SetResult], problem: str) -> list[str]:
    """The public-data part of eval/RESULTS.md."""
    lines = ["## Public test splits, side by side with the profanity libraries", "",
             "\"Any `conduct.*` rule at warning or above\" against each set's label; "
             "alt-profanity-check at its default threshold (0.5) and at a threshold chosen "
             "for macro-F1 on the set's own validation split; better-profanity's "
             "`contains_profanity`. Same texts, same run. Posts per second: one call per "
             "post; the peers' speed is over all four sets together. The errors are listed "
             f"in `eval/errors/` ({ERRORS_SHOWN} missed and {ERRORS_SHOWN} false alarms per "
             "set, a fixed random sample).", ""]
    if problem:
        lines += [f"**The peers were not measured in this run:** {problem}", ""]
    for result in results:
        positives = sum(g for _, g in result.rows)
        lines += [f"### {result.spec.title}: test split, {len(result.rows):,} posts, "
                  f"{positives:,} {result.spec.label}", ""]
        if result.spec.note:
            lines += [result.spec.note, ""]
        rows = []
        for tool in TOOLS:
            if tool not in result.predictions:
                continue
            s = result.scores(tool)
            name = tool if tool != "alt-profanity-check (val-tuned)" else \
                f"alt-profanity-check (val-tuned: {result.threshold:.2f})"
            rows.append(f"| {name} | {s['macro_f1']:.3f} | {s['precision']:.3f} | "
                        f"{s['recall']:.3f} | {s['f1']:.3f} | {result.per_s[tool]:,.0f} |")
        lines += ["| tool | macro-F1 | precision | recall | F1 | posts/s |",
                  "|---|---|---|---|---|---|", *rows, ""]
    return lines


def write_errors(results: list[SetResult], folder: Path = ERRORS_DIR) -> list[Path]:
    """pausepost's errors on each set, a fixed sample of each kind, with what the peers said,
    as Markdown files a person can read through."""
    folder.mkdir(exist_ok=True)
    written = []
    for result in results:
        gold = [g for _, g in result.rows]
        ours = result.predictions["pausepost"]
        missed = [i for i, (g, p) in enumerate(zip(gold, ours, strict=True)) if g and not p]
        false = [i for i, (g, p) in enumerate(zip(gold, ours, strict=True)) if p and not g]
        rng = random.Random(0)
        lines = [f"# pausepost's errors on {result.spec.title} (test split)", "",
                 f"Written by `python eval/run.py --write`. {len(missed)} missed and {len(false)} "
                 f"false alarms in {len(gold):,} posts; {ERRORS_SHOWN} of each shown, a fixed "
                 "random sample (seed 0). \"Peers\" says which other tool got the post right.",
                 ""]
        for heading, indices in ((f"Missed ({result.spec.label}, nothing raised)", missed),
                                 ("False alarms (not labelled, but a conduct rule raised)",
                                  false)):
            lines += [f"## {heading}", ""]
            for i in sorted(rng.sample(indices, min(ERRORS_SHOWN, len(indices)))):
                right = [t for t in TOOLS[1:] if t in result.predictions
                         and result.predictions[t][i] == gold[i]]
                text = " ".join(result.rows[i][0].split())
                rules = ", ".join(result.pausepost_rules[i]) or "—"
                lines.append(f"- row {i + 2}: {text}  \n  raised: {rules}; peers right: "
                             f"{', '.join(right) or 'none'}")
            lines.append("")
        path = folder / f"public-{result.spec.name}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written


def peers_on_labelled(items: list[dict[str, Any]], checker: Checker) -> list[str]:
    """The project's own held-out set, for the two questions a profanity filter answers:
    swearing, and "any conduct problem"."""
    texts = [item["text"] for item in items]
    reports = [checker.check(item["text"], quote=item.get("quote")) for item in items]
    questions = {
        "conduct.swearing": ([int("conduct.swearing" in i.get("expect", ())) for i in items],
                             [int("conduct.swearing" in r.rules_at("warning"))
                              for r in reports]),
        "any conduct.* rule": ([int(any(x.startswith("conduct.") for x in i.get("expect", ())))
                                for i in items],
                               [int(any(x.startswith("conduct.") for x in r.rules_at("warning")))
                                for r in reports]),
    }
    lines = ["### The project's held-out set (`eval/labelled/test.jsonl`), side by side", "",
             "A profanity filter answers \"does this swear?\" and, as people use it, \"is this "
             "post a conduct problem?\". Labels: the post expects `conduct.swearing` / any "
             "`conduct.*` rule.", ""]
    try:
        answer = run_peer("profanity", {"texts": texts, "repeats": 1})
    except PeerUnavailable as why:
        return [*lines, f"**The peers were not measured in this run:** {why}", ""]
    peer_flags = {"alt-profanity-check (0.5)": [int(p >= 0.5) for p in
                                                answer["alt-profanity-check"]["probabilities"]],
                  "better-profanity": [int(f) for f in answer["better-profanity"]["flags"]]}
    lines += ["| question | tool | precision | recall | F1 |", "|---|---|---|---|---|"]
    for question, (gold, ours) in questions.items():
        for tool, predicted in (("pausepost", ours), *peer_flags.items()):
            s = binary_scores(zip(gold, predicted, strict=True))
            lines.append(f"| {question} | {tool} | {s['precision']:.2f} | {s['recall']:.2f} | "
                         f"{s['f1']:.2f} |")
    return [*lines, ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    results, problem = evaluate(Checker(), peers=not args.no_peers)
    print("\n".join(report_lines(results, problem)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
