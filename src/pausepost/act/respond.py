"""The respond kit: what to do, step by step, when a post is under question.

The union's advice for alleged social-media misconduct: delete the post quickly (and note
when), give an unqualified apology, contact your union representative before any meeting,
and keep a timeline. The kit walks through those steps (interactively, or from flags), checks
the apology with the apology checker, and writes a dated record in Markdown and HTML for the
person to take to their rep. Nothing is sent anywhere; the rep's contact comes only from the
person's own profile.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pausepost.act import load_data
from pausepost.act.apology import ApologyReport, check_apology
from pausepost.act.when import format_duration, parse_when, show_local, to_utc_iso, utc_now
from pausepost.engine import validate_text
from pausepost.errors import ConfigError, InputError
from pausepost.model import Citation
from pausepost.profile import Profile, resolve_profile
from pausepost.yamlio import check_keys, line_of

Ask = Callable[[str], str]
Say = Callable[[str], None]
When = str | datetime | None

STEP_KEYS = ("take_down", "apology", "rep", "timeline")
# How many times the interactive kit offers to revise a qualified apology before moving on.
APOLOGY_ATTEMPTS = 3
_NOTE_SEPARATOR = re.compile(r"\s+[—–|-](?:\s+|$)")
_LEADING_TIME = re.compile(
    r"^(?P<when>now|(?:today|yesterday|tomorrow)(?:\s+\d{1,2}[:.]\d{2})?|\d{1,2}[:.]\d{2}|"
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d+\s*(?:minutes?|mins?|hours?|h|"
    r"days?|d)\s+ago)[\s:,]+(?P<what>\S.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Platform:
    """How to take a post down on one platform."""

    key: str
    name: str
    steps: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """Something that happened, and when (UTC)."""

    at: datetime
    what: str

    def to_dict(self) -> dict[str, str]:
        return {"at": to_utc_iso(self.at), "what": self.what}


@dataclass(frozen=True, slots=True)
class KitText:
    """The kit's wording, from `act/data/respond.yaml`."""

    citation: Citation
    steps: dict[str, dict[str, str]]
    disclaimer: str


def load_platforms() -> dict[str, Platform]:
    """The per-platform take-down steps (`act/data/platforms.yaml`), strictly checked."""
    path, data = load_data("platforms.yaml")
    if not isinstance(data, dict) or "other" not in data:
        raise ConfigError(f"{path}: expected a mapping of platforms, with 'other'")
    platforms = {}
    for key, spec in data.items():
        check_keys(spec, {"name", "steps", "notes"}, {"name", "steps"}, f"platform {key!r}",
                   path)
        for part in ("steps", "notes"):
            value = spec.get(part, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}:{line_of(spec, part)}: {part} must be a list of text")
        platforms[key] = Platform(key, str(spec["name"]), tuple(spec["steps"]),
                                  tuple(spec.get("notes", [])))
    return platforms


def load_kit_text() -> KitText:
    """The kit's step wording and citation (`act/data/respond.yaml`), strictly checked."""
    path, data = load_data("respond.yaml")
    check_keys(data, {"citation", "steps", "disclaimer"}, {"citation", "steps", "disclaimer"},
               "the respond kit's wording", path)
    check_keys(data["citation"], {"source", "ref", "summary"}, {"source", "ref", "summary"},
               "the citation", path)
    check_keys(data["steps"], set(STEP_KEYS), set(STEP_KEYS), "steps", path)
    steps = {}
    for key in STEP_KEYS:
        spec = data["steps"][key]
        check_keys(spec, {"title", "why", "tip", "no_rep"}, {"title", "why"}, f"step {key!r}",
                   path)
        steps[key] = {k: " ".join(str(v).split()) for k, v in spec.items()}
    citation = Citation(**{k: " ".join(str(v).split()) for k, v in data["citation"].items()})
    return KitText(citation, steps, " ".join(str(data["disclaimer"]).split()))


@dataclass(frozen=True, slots=True)
class RespondRecord:
    """What the person did and when: the record they take to their rep."""

    created_at: datetime
    platform: Platform | None = None
    post_text: str | None = None
    posted_at: datetime | None = None
    taken_down_at: datetime | None = None
    apology: ApologyReport | None = None
    rep: dict[str, str] = field(default_factory=dict)
    rep_contacted_at: datetime | None = None
    meeting_at: datetime | None = None
    notes: tuple[TimelineEntry, ...] = ()

    def timeline(self) -> list[TimelineEntry]:
        """Every dated event, the kit's and the person's, in time order."""
        where = f" on {self.platform.name}" if self.platform else ""
        events = [TimelineEntry(at, what) for at, what in (
            (self.posted_at, f"Posted{where}"),
            (self.taken_down_at, "Taken down"),
            (self.rep_contacted_at, "Contacted union representative"),
            (self.meeting_at, "Meeting about the post"),
        ) if at is not None]
        events.extend(self.notes)
        events.append(TimelineEntry(self.created_at, "This record written"))
        return sorted(events, key=lambda e: e.at)

    def concerns(self) -> list[str]:
        """What still needs doing, or was done in an order that may count against you."""
        out = []
        if self.taken_down_at is None:
            out.append("The post is not recorded as taken down: delete it now if you can.")
        if self.apology is None:
            out.append("No apology is recorded yet.")
        elif self.apology.verdict != "ok":
            out.append("The apology is qualified: see the issues and the suggested wording.")
        if self.rep_contacted_at is None:
            out.append("No contact with a union representative is recorded: contact them "
                       "before any meeting.")
        elif self.meeting_at is not None and self.meeting_at < self.rep_contacted_at:
            out.append("The meeting was before you contacted your rep: tell your rep.")
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe, times in UTC ISO 8601."""
        def iso(moment: datetime | None) -> str | None:
            return to_utc_iso(moment) if moment else None

        return {
            "created_at": iso(self.created_at),
            "platform": self.platform.key if self.platform else None,
            "post_text": self.post_text, "posted_at": iso(self.posted_at),
            "taken_down_at": iso(self.taken_down_at),
            "apology": ({"text": self.apology.text, **self.apology.to_dict()}
                        if self.apology else None),
            "rep": dict(self.rep), "rep_contacted_at": iso(self.rep_contacted_at),
            "meeting_at": iso(self.meeting_at),
            "timeline": [e.to_dict() for e in self.timeline()],
            "concerns": self.concerns(),
        }


# -- rendering: one outline, written out as Markdown or HTML ------------------------------

Block = tuple[str, Any]  # ("p", text) ("quote", text) ("list", [..]) ("checks", [(bool, text)])
#                          ("steps", [..]) ("table", (header, rows))


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "not yet"
    return f"{show_local(moment)} ({to_utc_iso(moment)})"


def _outline(record: RespondRecord, text: KitText) -> list[tuple[str, list[Block]]]:
    steps = text.steps
    gap = ""
    if record.posted_at and record.taken_down_at and record.taken_down_at >= record.posted_at:
        minutes = round((record.taken_down_at - record.posted_at).total_seconds() / 60)
        gap = f", {format_duration(minutes)} after it was posted"
    apology_state = ("not yet" if record.apology is None else
                     "unqualified" if record.apology.verdict == "ok" else
                     f"qualified ({len(record.apology.issues)} issue"
                     f"{'s' if len(record.apology.issues) != 1 else ''})")
    summary: list[Block] = [
        ("p", f"Written {_when(record.created_at)} by pausepost, on this computer."),
        ("checks", [
            (record.taken_down_at is not None,
             f"Taken down: {_when(record.taken_down_at)}{gap}"),
            (record.apology is not None and record.apology.verdict == "ok",
             f"Apology: {apology_state}"),
            (record.rep_contacted_at is not None,
             f"Union representative contacted: {_when(record.rep_contacted_at)}"),
        ] + ([(True, f"Meeting: {_when(record.meeting_at)}")] if record.meeting_at else [])),
    ]
    if record.concerns():
        summary.append(("list", [f"To do: {c}" for c in record.concerns()]))

    take_down: list[Block] = [("p", steps["take_down"]["why"])]
    if record.platform:
        take_down.append(("p", f"How to delete it on {record.platform.name}:"))
        take_down.append(("steps", list(record.platform.steps)))
        take_down.extend(("p", f"Note: {n}") for n in record.platform.notes)
    if steps["take_down"].get("tip"):
        take_down.append(("p", steps["take_down"]["tip"]))
    take_down.append(("p", f"Posted: {_when(record.posted_at)}. "
                           f"Taken down: {_when(record.taken_down_at)}{gap}."))
    if record.post_text:
        take_down.append(("p", "The post, as you gave it:"))
        take_down.append(("quote", record.post_text))

    apology: list[Block] = [("p", steps["apology"]["why"])]
    if record.apology is None:
        apology.append(("p", "No apology recorded yet. Check a draft with "
                             "`pausepost apology \"...\"`."))
    else:
        report = record.apology
        apology.append(("quote", report.text))
        if report.verdict == "ok":
            apology.append(("p", "The apology checker found no qualification in it."))
        else:
            apology.append(("p", "The apology checker found these qualifications:"))
            apology.append(("list", [f"{i.title}: \u201c{i.evidence}\u201d. {i.reason} {i.fix}"
                                     for i in report.issues]))
            if report.suggestion:
                apology.append(("p", "A wording to start from (fill in the brackets):"))
                apology.append(("quote", report.suggestion))
        if report.tips:
            apology.append(("list", [f"Tip: {t}" for t in report.tips]))

    rep: list[Block] = [("p", steps["rep"]["why"])]
    if record.rep:
        rep.append(("list", [f"{k.replace('_', ' ').capitalize()}: {v}"
                             for k, v in record.rep.items()]))
    else:
        rep.append(("p", steps["rep"].get("no_rep", "")))
    meeting = _when(record.meeting_at) if record.meeting_at else "none recorded"
    rep.append(("p", f"Contacted: {_when(record.rep_contacted_at)}. Meeting: {meeting}."))

    timeline: list[Block] = [("p", steps["timeline"]["why"]), ("table", (
        ("When (your time)", "When (UTC)", "What"),
        [(show_local(e.at), to_utc_iso(e.at), e.what) for e in record.timeline()]))]

    sources: list[Block] = [
        ("p", f"{text.citation.source}, {text.citation.ref}: {text.citation.summary}"),
        ("p", text.disclaimer)]
    return [
        ("Where things stand", summary),
        (f"1. {steps['take_down']['title']}", take_down),
        (f"2. {steps['apology']['title']}", apology),
        (f"3. {steps['rep']['title']}", rep),
        (f"4. {steps['timeline']['title']}", timeline),
        ("Where this comes from", sources),
    ]


# Intraword underscores are not emphasis in CommonMark, so "_" can stay as it is.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>#|])")


def _md(text: str) -> str:
    """Person-written text made inert in Markdown (no links, HTML, emphasis or table breaks)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(record: RespondRecord, text: KitText | None = None) -> str:
    """The record as Markdown."""
    out = ["# Record: a post under question", ""]
    for heading, blocks in _outline(record, text or load_kit_text()):
        out += [f"## {heading}", ""]
        for kind, body in blocks:
            if kind == "p":
                out += [_md(body), ""]
            elif kind == "quote":
                out += ["> " + _md(line) if line.strip() else ">" for line in body.splitlines()]
                out.append("")
            elif kind == "list":
                out += [f"- {_md(item)}" for item in body] + [""]
            elif kind == "steps":
                out += [f"{i}. {_md(item)}" for i, item in enumerate(body, 1)] + [""]
            elif kind == "checks":
                out += [f"- [{'x' if done else ' '}] {_md(item)}" for done, item in body] + [""]
            elif kind == "table":
                header, rows = body
                out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                out += ["| " + " | ".join(_md(" ".join(c.split())) for c in row) + " |"
                        for row in rows]
                out.append("")
    return "\n".join(out).rstrip() + "\n"


_CSS = """body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid
#ccc}blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #888;background:#f4f4f4;
white-space:pre-wrap}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;
padding:.3rem .5rem;text-align:left;vertical-align:top}.done{color:#1a6b1a}.todo{color:#a33}
@media print{body{margin:0}}"""


def render_html(record: RespondRecord, text: KitText | None = None) -> str:
    """The record as one self-contained HTML page (no scripts, no outside resources)."""
    esc = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">",
           f"<title>Record: a post under question ({esc(show_local(record.created_at))})"
           "</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>Record: a post under question</h1>"]
    for heading, blocks in _outline(record, text or load_kit_text()):
        out.append(f"<h2>{esc(heading)}</h2>")
        for kind, body in blocks:
            if kind == "p":
                out.append(f"<p>{esc(body)}</p>")
            elif kind == "quote":
                out.append(f"<blockquote>{esc(body)}</blockquote>")
            elif kind in {"list", "steps"}:
                tag = "ul" if kind == "list" else "ol"
                out.append(f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in body)
                           + f"</{tag}>")
            elif kind == "checks":
                out.append("<ul>" + "".join(
                    f'<li class="{"done" if done else "todo"}">{"✔" if done else "☐"} '
                    f"{esc(item)}</li>" for done, item in body) + "</ul>")
            elif kind == "table":
                header, rows = body
                out.append("<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header)
                           + "</tr>" + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>"
                                                                for c in row) + "</tr>"
                                               for row in rows) + "</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _private_write(path: Path, content: str) -> None:
    """Create `path` (never overwrite), readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)


def default_records_dir() -> Path:
    """`respond/` in pausepost's private data folder."""
    from pausepost.paths import data_dir

    return data_dir() / "respond"


# -- the kit ------------------------------------------------------------------------------


class RespondKit:
    """The steps, the person's profile (for their rep) and a clock; builds and writes records."""

    def __init__(self, profile: Profile | str | Path | dict[str, Any] | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.profile = resolve_profile(profile)
        self.clock = clock or utc_now
        self.platforms = load_platforms()
        self.text = load_kit_text()

    def platform(self, key: str) -> Platform:
        """A platform by key ("x", "facebook" ...; "twitter" means x); unknown is an error."""
        wanted = key.strip().lower()
        wanted = {"twitter": "x", "fb": "facebook", "insta": "instagram", "ig": "instagram",
                  "yt": "youtube"}.get(wanted, wanted)
        if wanted not in self.platforms:
            raise InputError(f"unknown platform {key!r}: use one of "
                             f"{', '.join(self.platforms)}")
        return self.platforms[wanted]

    def _time(self, value: When, what: str, *, future: bool = False) -> datetime | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise InputError(f"{what}: a time needs its time zone")
            return value
        try:
            return parse_when(value, now=self.clock(), allow_future=future)
        except InputError as exc:
            raise InputError(f"{what}: {exc}") from None

    def note(self, entry: str | tuple[When, str]) -> TimelineEntry:
        """A timeline entry from "WHEN — what happened" (or "14:05 what"), or (when, what);
        with no time it is dated now."""
        if isinstance(entry, tuple):
            when, what = entry
        else:
            entry = validate_text(entry, "timeline note").strip()
            parts = _NOTE_SEPARATOR.split(entry, maxsplit=1)
            leading = _LEADING_TIME.match(entry)
            if len(parts) == 2:
                when, what = parts
            elif leading:
                when, what = leading.group("when"), leading.group("what")
            else:
                when, what = "now", entry
        what = validate_text(what, "timeline note").strip()
        if not re.search(r"\w", what):
            raise InputError(f"the timeline note {entry!r} is empty: write what happened")
        at = self._time(when, f"timeline note {what[:30]!r}", future=True)
        return TimelineEntry(at or self.clock(), what)

    def record(self, *, platform: str | None = None, post: str | None = None,
               posted_at: When = None, taken_down_at: When = None, apology: str | None = None,
               rep_contacted_at: When = None, meeting_at: When = None,
               notes: Iterable[str | tuple[When, str]] = ()) -> RespondRecord:
        """A record from what is known (times as typed: "now", "14:05", "yesterday 21:40" …)."""
        posted = self._time(posted_at, "--posted-at")
        taken = self._time(taken_down_at, "--taken-down-at")
        if posted and taken and taken < posted:
            raise InputError("--taken-down-at is before --posted-at: check the times")
        return RespondRecord(
            created_at=self.clock(),
            platform=self.platform(platform) if platform else None,
            post_text=validate_text(post, "post") if post is not None else None,
            posted_at=posted, taken_down_at=taken,
            apology=check_apology(apology) if apology is not None else None,
            rep=dict(self.profile.union_rep),
            rep_contacted_at=self._time(rep_contacted_at, "--rep-contacted"),
            meeting_at=self._time(meeting_at, "--meeting", future=True),
            notes=tuple(self.note(n) for n in notes),
        )

    def write(self, record: RespondRecord, folder: str | Path | None = None
              ) -> tuple[Path, Path]:
        """Write `respond-YYYY-MM-DD-HHMM.md` and `.html` (local time; never overwriting)."""
        out = Path(folder).expanduser() if folder is not None else default_records_dir()
        if out.exists() and not out.is_dir():
            raise InputError(f"{out}: is a file, not a folder")
        try:
            out.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{out}: cannot create the folder ({exc.strerror})") from None
        stem = f"respond-{record.created_at.astimezone():%Y-%m-%d-%H%M}"
        markdown, page = render_markdown(record, self.text), render_html(record, self.text)
        for n in range(1, 1000):
            name = stem if n == 1 else f"{stem}-{n}"
            md_path, html_path = out / f"{name}.md", out / f"{name}.html"
            if md_path.exists() or html_path.exists():
                continue
            try:
                _private_write(md_path, markdown)
            except FileExistsError:
                continue  # another run took this name a moment ago
            except OSError as exc:
                raise InputError(f"{md_path}: cannot write ({exc.strerror})") from None
            _private_write(html_path, page)
            return md_path, html_path
        raise InputError(f"{out}: too many records for {stem}")

    # -- interactive -----------------------------------------------------------------------

    def interview(self, ask: Ask = input, say: Say = print) -> RespondRecord:
        """Walk through the four steps, asking with `ask` and telling with `say` (tests pass
        their own). An empty answer skips a question; end of input ends the interview."""
        def question(prompt: str) -> str:
            try:
                return ask(prompt).strip()
            except EOFError:
                return ""

        def timed(prompt: str, what: str, *, future: bool = False) -> datetime | None:
            for _ in range(5):
                answer = question(prompt)
                if not answer or answer.lower() in {"not yet", "no", "skip", "none"}:
                    return None
                try:
                    return self._time(answer, what, future=future)
                except InputError as exc:
                    say(f"  {exc}")
            return None

        steps = self.text.steps
        say(f"Step 1 of 4: {steps['take_down']['title']}")
        say(f"  {steps['take_down']['why']}")
        platform = None
        for _ in range(5):
            answer = question(f"  Where is it posted? ({', '.join(self.platforms)}): ")
            if not answer:
                break
            try:
                platform = self.platform(answer)
                break
            except InputError as exc:
                say(f"  {exc}")
        shown = platform or self.platforms["other"]
        say(f"  How to delete it on {shown.name}:")
        for number, step in enumerate(shown.steps, 1):
            say(f"    {number}. {step}")
        for note in shown.notes:
            say(f"    Note: {note}")
        if steps["take_down"].get("tip"):
            say(f"  {steps['take_down']['tip']}")
        post = question("  What did the post say? (paste it, or press Enter to skip): ") or None
        posted = timed("  When did you post it? (e.g. 'yesterday 21:40'; Enter to skip): ",
                       "posted")
        taken = timed("  When did you take it down? ('now', a time like 14:05, or Enter if not "
                      "yet): ", "taken down")
        if taken is None:
            say("  Delete it as soon as you can, then run this again to record when.")

        say(f"\nStep 2 of 4: {steps['apology']['title']}")
        say(f"  {steps['apology']['why']}")
        apology: ApologyReport | None = None
        draft = question("  Write your apology (one paragraph; Enter to skip): ")
        for attempt in range(APOLOGY_ATTEMPTS):
            if not draft:
                break
            try:
                apology = check_apology(draft)
            except InputError as exc:
                say(f"  {exc}")
                break
            if apology.verdict == "ok":
                say("  Unqualified: the checker found no qualification in it.")
                for tip in apology.tips:
                    say(f"  Tip: {tip}")
                break
            say("  Qualified:")
            for issue in apology.issues:
                say(f"    - {issue.title}: \u201c{issue.evidence}\u201d. {issue.reason}")
            say(f"  A wording to start from: {apology.suggestion}")
            if attempt == APOLOGY_ATTEMPTS - 1:
                break
            revised = question("  Type a revised apology, or press Enter to keep this one: ")
            if not revised:
                break
            draft = revised

        say(f"\nStep 3 of 4: {steps['rep']['title']}")
        say(f"  {steps['rep']['why']}")
        if self.profile.union_rep:
            for key, value in self.profile.union_rep.items():
                say(f"    {key.replace('_', ' ').capitalize()}: {value}")
        else:
            say(f"  {steps['rep'].get('no_rep', '')}")
        contacted = timed("  When did you contact your rep? (a time, or Enter if not yet): ",
                          "rep contacted")
        meeting = timed("  Is a meeting arranged? When? (e.g. 'tomorrow 10:00'; Enter if "
                        "none): ", "meeting", future=True)
        if meeting and not contacted:
            say("  Contact your rep before that meeting.")

        say(f"\nStep 4 of 4: {steps['timeline']['title']}")
        say(f"  {steps['timeline']['why']}")
        say("  One event per line, as 'WHEN — what happened' (e.g. 'yesterday 09:10 — manager "
            "emailed me'); an empty line ends.")
        notes: list[TimelineEntry] = []
        for _ in range(200):
            line = question("  > ")
            if not line:
                break
            try:
                notes.append(self.note(line))
            except InputError as exc:
                say(f"  {exc}")
        return RespondRecord(created_at=self.clock(), platform=platform, post_text=post,
                             posted_at=posted, taken_down_at=taken, apology=apology,
                             rep=dict(self.profile.union_rep), rep_contacted_at=contacted,
                             meeting_at=meeting, notes=tuple(notes))


def run_respond(*, interactive: bool = False, ask: Ask = input, say: Say = print,
                out: str | Path | None = None,
                profile: Profile | str | Path | dict[str, Any] | None = None,
                clock: Callable[[], datetime] | None = None,
                **answers: Any) -> tuple[RespondRecord, tuple[Path, Path]]:
    """Run the kit (interactively, or from `answers`: the keyword arguments of
    `RespondKit.record`) and write the record; returns it and the Markdown and HTML paths."""
    kit = RespondKit(profile, clock=clock)
    record = kit.interview(ask, say) if interactive else kit.record(**answers)
    return record, kit.write(record, out)


def describe(record: RespondRecord) -> Sequence[str]:
    """A few lines for the terminal: where things stand."""
    apology = ("not yet" if record.apology is None else
               "unqualified" if record.apology.verdict == "ok" else "qualified")
    lines = [f"Taken down: {_when(record.taken_down_at)}", f"Apology: {apology}",
             f"Union rep contacted: {_when(record.rep_contacted_at)}"]
    if record.meeting_at:
        lines.append(f"Meeting: {_when(record.meeting_at)}")
    lines += [f"To do: {c}" for c in record.concerns()]
    return lines
