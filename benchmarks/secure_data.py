"""Secure data: pausepost against detect-secrets on the same generated posts.

    python benchmarks/secure_data.py        # prints the section (run.py puts it in RESULTS.md)

The posts come from eval/secrets/generate.py (seeded): Wi-Fi passwords in free text, Wi-Fi QR
payloads, door and key-safe codes, passwords and logins, API keys and tokens, and clean
look-alikes. detect-secrets runs in .venv-bench (see peers.py) in-process, with its default
plugins, through its ad-hoc string scan (`scan_line`, what `detect-secrets scan --string`
does), on every line of every post. A post counts as flagged by pausepost when
`security.secure-data` is raised at warning or above; by detect-secrets when any plugin
reports a secret (a high-entropy candidate only above that plugin's entropy limit).
(Not named secrets.py: that would shadow the standard library's module.)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    ROOT,
    BinaryScore,
    Section,
    best_rate,
    load_script,
    pct,
    print_section,
    rate,
    table,
)
from peers import PeerUnavailable, run_peer

TITLE = "Secure data: pausepost vs detect-secrets"
RULE = "security.secure-data"
REPEATS = 5
KIND_NAMES = {"wifi-text": "Wi-Fi password in free text", "wifi-qr": "Wi-Fi QR payload",
              "door-code": "door / key-safe / alarm code", "password": "password or login",
              "aws-access-key": "AWS access key id", "github-token": "GitHub token",
              "slack-token": "Slack token", "jwt": "JSON web token",
              "stripe-key": "Stripe secret key", "google-api-key": "Google API key"}


def build_posts() -> list[dict[str, str]]:
    generator: Any = load_script(ROOT / "eval" / "secrets" / "generate.py", "secrets_generate")
    return generator.build()


def score(posts: list[dict[str, str]], flagged: list[bool]) -> dict[str, Any]:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    overall = BinaryScore()
    for post, hit in zip(posts, flagged, strict=True):
        overall.add(post["kind"] != "clean", hit)
        if post["kind"] != "clean":
            by_kind[post["kind"]].append(hit)
    return {"score": overall, "by_kind": {k: (sum(v), len(v)) for k, v in by_kind.items()},
            "false_alarms": [p["text"] for p, hit in zip(posts, flagged, strict=True)
                             if hit and p["kind"] == "clean"]}


def measure(checker: Any | None = None) -> Section:
    from pausepost.engine import Checker

    checker = checker or Checker()
    posts = build_posts()
    texts = [p["text"] for p in posts]
    flagged = [RULE in checker.check(t).rules_at("warning") for t in texts]
    tools = {"pausepost (full check)": {
        **score(posts, flagged),
        "per_s": best_rate(lambda: [checker.check(t) for t in texts], len(texts), REPEATS)}}
    note = ""
    try:
        answer = run_peer("detect-secrets", {"texts": texts, "repeats": REPEATS})
        tools["detect-secrets (default plugins)"] = {
            **score(posts, [bool(found) for found in answer["found"]]),
            "per_s": answer["per_s"]}
    except PeerUnavailable as why:
        note = f"**detect-secrets was not measured in this run:** {why}"
    risky = sum(1 for p in posts if p["kind"] != "clean")
    body = [f"{len(posts)} generated posts (`eval/secrets/generate.py`, seed 13): {risky} "
            f"giving away a secret ({len(KIND_NAMES)} kinds), {len(posts) - risky} clean ones "
            "that talk about Wi-Fi, passwords and codes without giving one, or carry harmless "
            "look-alikes (commit hashes, UUIDs, tracking numbers, discount codes). Post-level: "
            "a post is flagged or not. One core, one call per post, best of "
            f"{REPEATS} timed passes after a warm one.", ""]
    if note:
        body += [note, ""]
    body += table(["tool", "precision", "recall", "F1", "clean posts flagged", "posts/s"],
                  [(name, f"{t['score'].precision:.2f}", f"{t['score'].recall:.2f}",
                    f"**{t['score'].f1:.2f}**", pct(t["score"].false_alarm_rate),
                    rate(t["per_s"])) for name, t in tools.items()])
    names = list(tools)
    body += ["", "Posts flagged, by kind of secret:", ""]
    body += table(["kind", *names],
                  [(label, *(_frac(tools[n]["by_kind"].get(k, (0, 0))) for n in names))
                   for k, label in KIND_NAMES.items()])
    body.append("")
    for name, t in tools.items():
        if t["false_alarms"]:
            body += [f"{name}: clean posts flagged (first 4): "
                     + "; ".join(repr(x) for x in t["false_alarms"][:4]) + ".", ""]
    section = Section(TITLE, body)
    if len(tools) > 1:
        ours, peer = tools["pausepost (full check)"], tools["detect-secrets (default plugins)"]
        section.reading = [_reading(ours, peer)]
    return section


def _frac(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "—"


def _reading(ours: dict[str, Any], peer: dict[str, Any]) -> str:
    def share(t: dict[str, Any], kinds: tuple[str, ...]) -> float:
        found = sum(t["by_kind"].get(k, (0, 0))[0] for k in kinds)
        total = sum(t["by_kind"].get(k, (0, 0))[1] for k in kinds)
        return found / total if total else 0.0

    human = ("wifi-text", "wifi-qr", "door-code", "password")
    machine = tuple(k for k in KIND_NAMES if k not in human)
    return (f"- **Secure data.** On what people post — Wi-Fi passwords, QR payloads, door codes, "
            f"passwords — pausepost flags {pct(share(ours, human))} of posts and detect-secrets "
            f"{pct(share(peer, human))}: detect-secrets looks for code-shaped secrets (quoted "
            "high-entropy strings, `password = \"...\"` assignments, issuers' token formats), "
            "so a short human-chosen password in a sentence is below its entropy limit. On "
            f"machine tokens the two are closer (pausepost {pct(share(ours, machine))}, "
            f"detect-secrets {pct(share(peer, machine))}); detect-secrets knows more issuers' "
            f"formats than this set uses. Clean posts flagged: pausepost "
            f"{pct(ours['score'].false_alarm_rate)}, detect-secrets "
            f"{pct(peer['score'].false_alarm_rate)} (long hex strings such as commit hashes "
            "pass its entropy test).")


if __name__ == "__main__":
    print_section(measure())
