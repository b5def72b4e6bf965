"""The report for people: the post with risky words marked, each finding explained, a verdict."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pausepost.model import Finding, Report

if TYPE_CHECKING:
    from pausepost.media.redact import Redaction

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


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def describe_place(finding: Finding) -> str:
    """Where in a photo or video a finding is, in words: "photo 1, at 40,120 (200×80 px)"."""
    where = finding.where
    kind, _, number = where.part.partition(":")
    name = {"image": "photo", "video": "video", "metadata": "photo"}.get(kind, kind)
    place = f"{name} {int(number) + 1}" if number.isdigit() else where.part
    if kind == "metadata":
        place += ", in the file's metadata"
    if where.time is not None:
        place += f", {_clock(where.time)}"
        if where.time_end is not None and where.time_end > where.time:
            place += f"–{_clock(where.time_end)}"
    if where.box is not None:
        x, y, w, h = where.box
        place += f", at {x},{y} ({w}×{h} px)"
    return place


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
        if finding.where.part in {"text", "quote"}:
            lines.append(_wrap("words", f"\"{finding.evidence}\""
                               + (" (quote)" if finding.where.part == "quote" else "")))
        else:
            lines.append(_wrap("seen", f"{finding.evidence} ({describe_place(finding)})"))
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
    for problem in report.problems:
        lines.append(f"Not checked: {problem}")
    return "\n".join(lines)


def render_redaction(result: Redaction) -> str:
    """What `pausepost redact` did, and what a fresh check of the copy still finds."""
    actions = result.actions
    blurred = sum(1 for a in actions if a["action"] == "blur")
    covered = sum(1 for a in actions if a["action"] == "cover")
    stripped = [a for a in actions if a["action"] == "strip"]
    done = []
    if blurred:
        done.append(f"blurred {blurred} face{'s' if blurred != 1 else ''}")
    if covered:
        done.append(f"covered {covered} area{'s' if covered != 1 else ''} "
                    "(text, codes or passes)")
    how = "losslessly, pixels untouched" if result.lossless else "re-encoded"
    done.append(f"removed all metadata ({how})" + (
        f", including {'; '.join(a['evidence'] for a in stripped)}" if stripped else ""))
    lines = [f"Wrote {result.output}: {', '.join(done)}."]
    lines.extend(f"Note: {note}" for note in result.notes)
    if result.remaining:
        lines.append("Checked again, the copy still shows:")
        lines.extend(f"  {f.level.upper()} {f.rule}: {f.message} ({describe_place(f)})"
                     for f in result.remaining)
    else:
        lines.append("Checked again: nothing at warning or above remains.")
    lines.append(f"The original, {result.source}, is unchanged.")
    return "\n".join(lines)
