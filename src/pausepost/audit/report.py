"""Audit reports: JSON, CSV, and one self-contained HTML page (riskiest first)."""

from __future__ import annotations

import csv
import html
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_RANK = {"stop": 2, "pause": 1, "post": 0, "unchecked": 1, None: 0}


def _risk(row: dict[str, Any]) -> tuple[int, int]:
    return (_RANK.get(row["verdict"], 0), len(row["findings"]))


def write_reports(rows: list[dict[str, Any]], history: list[dict[str, Any]],
                  skipped: list[tuple[str, str, int]], outdir: Path,
                  total: int | None = None) -> list[Path]:
    """Write audit.json, audit.csv and audit.html into `outdir`; returns their paths.
    `rows` may hold only the risky posts, with `total` the number of posts read."""
    outdir.mkdir(parents=True, exist_ok=True)
    risky = sorted((r for r in rows if r["verdict"] not in {None, "post"}), key=_risk,
                   reverse=True)
    total = len(rows) if total is None else total
    data = {"posts": total, "risky": len(risky), "history": history,
            "skipped": [{"source": s, "reason": r, "count": c} for s, r, c in skipped],
            "findings": risky}
    paths = [outdir / "audit.json", outdir / "audit.csv", outdir / "audit.html"]
    with paths[0].open("w", encoding="utf-8") as handle:  # streamed: no copy in memory
        json.dump(data, handle, indent=1, ensure_ascii=False)
    with paths[1].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["key", "platform", "created", "url", "verdict", "rule", "level",
                         "evidence", "message", "decision", "text"])
        for row in risky:
            for f in row["findings"] or [{}]:
                writer.writerow([row["key"], row["platform"], row["created"], row["url"],
                                 row["verdict"], f.get("rule"), f.get("level"),
                                 f.get("evidence"), f.get("message"), row["decision"],
                                 row["text"]])
    with paths[2].open("w", encoding="utf-8") as handle:
        handle.writelines(_html(total, risky, history, skipped))
    return paths


def _marked(text: str, findings: list[dict[str, Any]]) -> str:
    spans = sorted({(f["where"]["start"], f["where"]["end"]) for f in findings
                    if f.get("where", {}).get("part") == "text" and "start" in f["where"]})
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out += [html.escape(text[last:start]), "<mark>", html.escape(text[start:end]),
                "</mark>"]
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def _html(total: int, risky: list[dict[str, Any]],
          history: list[dict[str, Any]], skipped: list[tuple[str, str, int]]) -> Iterator[str]:
    """The page, in pieces (a long history makes a large page)."""
    years = Counter((r["created"] or "")[:4] or "?" for r in risky)
    top = max(years.values(), default=1)
    bars = "".join(
        f'<div class="bar"><span>{html.escape(y)}</span><i style="width:{100 * n / top:.0f}%">'
        f"</i><b>{n}</b></div>" for y, n in sorted(years.items()))
    rules = sorted({f["rule"] for r in risky for f in r["findings"]})
    def items() -> Iterator[str]:
        yield from (_article(row) for row in risky)

    options = "".join(f"<option>{html.escape(r)}</option>" for r in rules)
    hist = "".join(f"<li><b>{html.escape(h['rule'])}</b>: {html.escape(h['message'])}</li>"
                   for h in history) or "<li>None.</li>"
    skips = "".join(f"<li>{html.escape(s)}: {html.escape(r)} ({c})</li>"
                    for s, r, c in skipped) or "<li>Nothing.</li>"
    head, tail = _PAGE.split("{items}")
    yield head.format(total=total, risky=len(risky), hist=hist, bars=bars, options=options)
    yield from items()
    yield tail.format(skips=skips)


def _article(row: dict[str, Any]) -> str:
    levels = " ".join(sorted({f.get("level", "") for f in row["findings"]}))
    row_rules = " ".join(sorted({f["rule"] for f in row["findings"]}))
    link = (f'<a href="{html.escape(row["url"])}" rel="noreferrer">open on '
            f'{html.escape(row["platform"])}</a>') if row["url"] else ""
    found = "".join(f"<li><b>{html.escape(f.get('level', ''))}</b> "
                    f"{html.escape(f['rule'])}: {html.escape(f.get('message', ''))}</li>"
                    for f in row["findings"])
    return (f'<article data-rules="{html.escape(row_rules)}" data-levels="{levels}" '
            f'data-year="{html.escape((row["created"] or "")[:4])}">'
            f'<header>{html.escape(row["verdict"] or "")} · {html.escape(row["created"] or "")}'
            f" · {html.escape(row['key'])} {link}"
            f"{' · decided: ' + html.escape(row['decision']) if row['decision'] else ''}"
            f"</header><p>{_marked(row['text'] or '', row['findings'])}</p><ul>{found}</ul>"
            "</article>\n")


_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pausepost audit</title><style>
body{{font:16px/1.45 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}}
article{{border:1px solid #bbb;border-radius:6px;padding:.5rem 1rem;margin:.7rem 0}}
mark{{background:#ffd54f}} .bar{{display:flex;gap:.5rem;align-items:center}}
.bar i{{display:inline-block;height:.8rem;background:#c0392b}} .bar span{{width:3rem}}
</style></head><body><h1>Your posts, audited</h1>
<p>{total:,} posts read; {risky:,} could get you into trouble today, riskiest
first. Deleting quickly matters: see the advice on each rule.</p>
<h2>Across your history</h2><ul>{hist}</ul>
<h2>Risky posts by year</h2>{bars}
<h2>Posts</h2><label>Rule <select id="rule"><option value="">all</option>{options}</select>
</label> <label>Level <select id="level"><option value="">all</option><option>error</option>
<option>warning</option><option>note</option></select></label>
<label>Year <input id="year" size="5" inputmode="numeric"></label>
{items}
<h2>Not read</h2><ul>{skips}</ul>
<script>
const f=()=>{{const r=rule.value,l=level.value,y=year.value.trim();
for(const a of document.querySelectorAll('article')){{
a.hidden=(r&&!a.dataset.rules.split(' ').includes(r))||
(l&&!a.dataset.levels.split(' ').includes(l))||(y&&a.dataset.year!==y);}}}};
for(const e of [rule,level,year])e.addEventListener('input',f);
</script></body></html>
"""
