"""Offensive language: pausepost against alt-profanity-check and better-profanity.

    python benchmarks/offensive.py        # prints the section (run.py puts it in RESULTS.md)

Speed and F1 on the same texts in the same run: the OLID / TweetEval offensive test split
(860 tweets), "any conduct.* rule at warning or above" against the offensive label. One core;
one call per post for every tool, and alt-profanity-check's batched call as well (it
vectorises a list in one go). The accuracy of all three on four public sets is in
eval/RESULTS.md (`make eval`); alt-profanity-check's val-tuned threshold is chosen there and
here by the same code (eval/public.py), on the validation split only.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Section, best_rate, print_section, rate, table, times
from peers import PeerUnavailable, run_peer

sys.path.insert(0, str(ROOT / "eval"))
import public  # eval/public.py: the public sets and the threshold choice

TITLE = "Offensive language: pausepost vs alt-profanity-check and better-profanity"
REPEATS = 3


def measure(checker: Any | None = None) -> Section:
    from pausepost.engine import Checker
    from pausepost.evaluation import binary_scores, read_binary_csv

    checker = checker or Checker()
    spec = public.PUBLIC_SETS[0]
    rows = read_binary_csv(spec.test)
    texts, gold = [t for t, _ in rows], [g for _, g in rows]
    started = time.perf_counter()
    ours = [int(any(r.startswith("conduct.") for r in checker.check(t).rules_at("warning")))
            for t in texts]
    first_pass = len(texts) / (time.perf_counter() - started)
    tools: dict[str, dict[str, Any]] = {"pausepost": {
        "predicted": ours, "per_s": max(first_pass, best_rate(
            lambda: [checker.check(t) for t in texts], len(texts), REPEATS)),
        "batch_per_s": None}}
    note = ""
    try:
        val = public.read_tuning_split(spec.val)
        answer = run_peer("profanity", {"texts": texts, "repeats": REPEATS,
                                        "extra_texts": {"val": [t for t, _ in val]}})
        alt, better = answer["alt-profanity-check"], answer["better-profanity"]
        threshold = public.choose_threshold(alt["extra_probabilities"]["val"],
                                            [label for _, label in val])
        for name, cut in (("alt-profanity-check (0.5)", 0.5),
                          (f"alt-profanity-check (val-tuned: {threshold:.2f})", threshold)):
            tools[name] = {"predicted": [int(p >= cut) for p in alt["probabilities"]],
                           "per_s": alt["per_s"], "batch_per_s": alt["batch_per_s"]}
        tools["better-profanity"] = {"predicted": [int(f) for f in better["flags"]],
                                     "per_s": better["per_s"], "batch_per_s": None}
    except PeerUnavailable as why:
        note = f"**The peers were not measured in this run:** {why}"
    for tool in tools.values():
        tool["scores"] = binary_scores(zip(gold, tool["predicted"], strict=True))
    body = [f"{spec.title}, test split: {len(texts)} tweets, {sum(gold)} offensive. "
            f"{spec.note} One core; posts per second are one call per post (best of "
            f"{REPEATS}; better-profanity one pass), and for alt-profanity-check also one "
            "batched call for all posts.", ""]
    if note:
        body += [note, ""]
    body += table(["tool", "macro-F1", "precision (OFF)", "recall (OFF)", "F1 (OFF)",
                   "posts/s, one call per post", "posts/s, batched"],
                  [(name, f"**{t['scores']['macro_f1']:.3f}**",
                    f"{t['scores']['precision']:.3f}", f"{t['scores']['recall']:.3f}",
                    f"{t['scores']['f1']:.3f}", rate(t["per_s"]),
                    rate(t["batch_per_s"]) if t["batch_per_s"] else "—")
                   for name, t in tools.items()])
    body.append("")
    section = Section(TITLE, body)
    peers = {n: t for n, t in tools.items() if n != "pausepost"}
    if peers:
        best_name = max(peers, key=lambda n: peers[n]["scores"]["macro_f1"])
        best, ours_t = peers[best_name], tools["pausepost"]
        slowest_peer = min(t["per_s"] for t in peers.values())
        fastest_peer = max(t["per_s"] for t in peers.values())
        section.reading = [
            f"- **Offensive language.** pausepost's macro-F1 is "
            f"{ours_t['scores']['macro_f1']:.3f}, "
            + ("ahead of" if ours_t["scores"]["macro_f1"] > best["scores"]["macro_f1"]
               else "behind") + f" the best peer ({best_name}, "
            f"{best['scores']['macro_f1']:.3f}); its recall is {ours_t['scores']['recall']:.2f} "
            f"against {best['scores']['recall']:.2f}, its precision "
            f"{ours_t['scores']['precision']:.2f} against {best['scores']['precision']:.2f}. "
            "better-profanity is a word list, so it sees swearing and little else; "
            "alt-profanity-check is a bag-of-words model, and at a threshold tuned on val it "
            "trades precision for recall. pausepost adds name-calling, offence and threat "
            "rules to a model trained on this set's train split, so it is in-domain here; "
            "the other public sets in eval/RESULTS.md are the fairer test. "
            f"Speed, one call per post: pausepost {rate(ours_t['per_s'])} posts/s, "
            f"{times(ours_t['per_s'], fastest_peer)} the faster peer and "
            f"{times(ours_t['per_s'], slowest_peer)} the slower; alt-profanity-check batched "
            "is faster than any one-call-per-post figure, which is how an archive would be "
            "checked with it, but a draft is checked one post at a time."]
    return section


if __name__ == "__main__":
    print_section(measure())
