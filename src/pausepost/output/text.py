"""The report for people: the post with risky words marked, each finding explained, a verdict."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from pausepost.model import Finding, Report

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "note": "\033[36m"}
_RESET = "\033[0m"
_VERDICTS = {
    "post": "POST: nothing here should get you into trouble. Still, pause and reread it.",
    "pause": "PAUSE: review the warnings before posting.",
    "stop": "STOP: do not post this as it is.",
}


def mark_spans(text: str, findings: Sequence[Finding], colour: bool) -> str:
    """The text with each finding's span marked: [[like this]] or in colour."""
    spans = sorted({(f.where.start, f.where.end, f.level) for f in findings
                    if f.where.start is not None and f.where.end is not None})
    out, last = [], 0
    for start, end, level in spans:
        if start < last:  # overlapping spans: the earlier mark already covers it
            continue
        out.append(text[last:start])
        word = text[start:end]
        out.append(f"{_COLOURS[level]}\033[4m{word}{_RESET}" if colour else f"[[{word}]]")
        last = end
    out.append(text[last:])
    return "".join(out)


def _wrap(label: str, body: str, width: int = 88) -> str:
    return textwrap.fill(body, width=width, initial_indent=f"    {label:<7}",
                         subsequent_indent=" " * 11)


def render(report: Report, *, colour: bool = False, source: str = "") -> str:
    """Render one report as plain (optionally coloured) text."""
    lines: list[str] = []
    if source:
        lines.append(source)
    for part, body in (("text", report.text), ("quote", report.quote)):
        mine = [f for f in report.findings if f.where.part == part]
        if body is None or (part == "quote" and not mine):
            continue
        heading = "Post:" if part == "text" else "Replying to / sharing:"
        lines.append(heading)
        lines.extend("  " + line for line in mark_spans(body, mine, colour).splitlines())
        lines.append("")
    for finding in report.findings:
        tag = finding.level.upper()
        if colour:
            tag = f"{_COLOURS[finding.level]}{tag}{_RESET}"
        sure = f"{round(finding.confidence * 100)}% sure"
        lines.append(f"  {tag} {finding.rule}: {finding.message} ({sure})")
        lines.append(_wrap("words", f"\"{finding.evidence}\""
                                     + (f" ({finding.where.part})" if finding.where.part != "text"
                                        else "")))
        if finding.reason:
            lines.append(_wrap("why", finding.reason))
        lines.append(_wrap("fix", finding.advice))
        for citation in finding.citations:
            lines.append(_wrap("rule", f"{citation.source}, {citation.ref}: {citation.summary}"))
        lines.append("")
    counts = {lvl: sum(1 for f in report.findings if f.level == lvl)
              for lvl in ("error", "warning", "note")}
    summary = ", ".join(f"{n} {lvl}{'s' if n != 1 else ''}" for lvl, n in counts.items() if n)
    verdict = _VERDICTS[report.verdict]
    if colour:
        code = {"post": "\033[1;32m", "pause": "\033[1;33m", "stop": "\033[1;31m"}
        verdict = f"{code[report.verdict]}{verdict}{_RESET}"
    lines.append(f"Verdict: {verdict}" + (f" ({summary})" if summary else ""))
    for reminder in report.reminders:
        lines.append(f"Remember: {reminder}")
    return "\n".join(lines)
