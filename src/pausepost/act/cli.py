"""The `pause`, `drafts`, `apology` and `respond` commands of the `pausepost` CLI.

`pausepost.cli` builds its parser with `add_parsers` and dispatches to `COMMANDS`. Everything
heavy (the checker, SQLite) is imported inside the handlers, so the CLI starts fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pausepost.errors import InputError, open_for_reading

if TYPE_CHECKING:
    from pausepost.act.apology import ApologyReport
    from pausepost.act.drafts import Draft, DraftReview, DraftStore
    from pausepost.engine import Checker

EXIT_OK, EXIT_FOUND = 0, 1
DRAFT_ACTIONS = ("list", "review", "edit", "release", "discard")
_AUDIENCES = ["public", "followers", "friends", "private"]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the four commands to the `pausepost` subcommand parsers."""
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument("--store", metavar="FILE", help="the drafts file (default: drafts.sqlite "
                       "in pausepost's private data folder; PAUSEPOST_HOME moves it)")
    store.add_argument("--color", default="auto", choices=["auto", "always", "never"])

    pause = sub.add_parser(
        "pause", parents=[common, store], help="hold a draft for a cooling-off time",
        description="Check a draft and hold it for a cooling-off time (your profile's "
        "pause_minutes; twice as long when the check finds something to review, three times "
        "for something not to post, and twice again late at night). Exit code 0: nothing at "
        "warning or above; 1: something at warning or above; 2: bad input.")
    pause.add_argument("text", nargs="?", help="the draft; '-' or nothing reads standard input")
    pause.add_argument("--file", metavar="FILE", help="read the draft from a text file")
    pause.add_argument("--quote", help="the post this replies to or reshares")
    pause.add_argument("--audience", default="public", choices=_AUDIENCES)
    pause.add_argument("--minutes", metavar="DURATION", help="the base cooling-off time: "
                       "minutes (15) or hours and minutes (1h30m); default: the profile's")
    pause.add_argument("--wait", action="store_true", help="wait here until the time is up, "
                       "then show the draft again")
    pause.add_argument("--format", default="text", choices=["text", "json"])

    drafts = sub.add_parser(
        "drafts", parents=[common, store], help="list, review, edit, release or discard drafts",
        description="Held drafts. `drafts` lists them; `drafts review ID` checks one again "
        "and shows what changed; `drafts edit ID TEXT`; `drafts release ID` prints it for "
        "copying once its time is up (--force before); `drafts discard ID` deletes it.")
    drafts.add_argument("action", nargs="?", default="list", choices=DRAFT_ACTIONS)
    drafts.add_argument("id", nargs="?", help="the draft's number (from `pausepost drafts`)")
    drafts.add_argument("text", nargs="?", help="edit: the new text ('-' reads standard input)")
    drafts.add_argument("--file", metavar="FILE", help="edit: read the new text from a file")
    drafts.add_argument("--force", action="store_true", help="release before the time is up")
    drafts.add_argument("--all", action="store_true", help="list released drafts too")
    drafts.add_argument("--format", default="text", choices=["text", "json"])

    apology = sub.add_parser(
        "apology", help="check an apology for qualifications",
        description="Flag what qualifies an apology (\"sorry if\", \"but\", \"I didn't mean\", "
        "blaming others, \"mistakes were made\", \"just a joke\" ...) and suggest an "
        "unqualified wording. Exit code 0: unqualified; 1: qualified; 2: bad input.")
    apology.add_argument("text", nargs="?", help="the apology; '-' or nothing reads standard "
                         "input")
    apology.add_argument("--file", metavar="FILE", help="read the apology from a text file")
    apology.add_argument("--format", default="text", choices=["text", "json"])
    apology.add_argument("--color", default="auto", choices=["auto", "always", "never"])

    respond = sub.add_parser(
        "respond", parents=[common], help="what to do when a post is under question",
        description="Step by step: take the post down (and record when), apologise without "
        "qualification, contact your union rep before any meeting, keep a timeline. Writes a "
        "dated Markdown and HTML record for your rep. Asks questions when run in a terminal "
        "with no step flags; otherwise works from the flags. Times: 'now', '14:05', "
        "'yesterday 21:40', '2024-06-03 14:05', '30 minutes ago'.")
    respond.add_argument("--platform", help="where it was posted: x, facebook, instagram, "
                         "threads, tiktok, linkedin, reddit, mastodon, bluesky, whatsapp, "
                         "youtube, other")
    respond.add_argument("--post", metavar="TEXT", help="what the post said")
    respond.add_argument("--posted-at", metavar="WHEN", help="when it was posted")
    respond.add_argument("--taken-down-at", metavar="WHEN", help="when you deleted it")
    respond.add_argument("--apology", metavar="TEXT", help="your apology (it is checked)")
    respond.add_argument("--rep-contacted", metavar="WHEN", help="when you contacted your "
                         "union representative")
    respond.add_argument("--meeting", metavar="WHEN", help="when a meeting is (or was)")
    respond.add_argument("--note", action="append", default=[], metavar="'WHEN — WHAT'",
                         help="a timeline entry (repeatable), e.g. 'yesterday 09:10 — manager "
                         "emailed me'")
    respond.add_argument("--out", metavar="FOLDER", help="where to write the record (default: "
                         "respond/ in pausepost's private data folder)")
    mode = respond.add_mutually_exclusive_group()
    mode.add_argument("--interactive", action="store_true", help="ask the questions even when "
                      "input is not a terminal")
    mode.add_argument("--no-input", action="store_true", help="never ask; use the flags only")
    respond.add_argument("--format", default="text", choices=["text", "json"])
    respond.add_argument("--color", default="auto", choices=["auto", "always", "never"])


# -- shared helpers -----------------------------------------------------------------------


def _text(args: argparse.Namespace, what: str, value: str | None = None) -> str:
    """The text from the argument, a file (--file) or standard input ('-' or nothing)."""
    from pausepost.cli import _MAX_INPUT_BYTES, _argument_text, _decode, _read_stdin

    value = args.text if value is None else value
    if getattr(args, "file", None):
        if value not in (None, "-"):
            raise InputError(f"give the {what} as text or with --file, not both")
        with open_for_reading(args.file, "a text file") as handle:
            return _decode(handle.read(_MAX_INPUT_BYTES), args.file)
    return _read_stdin() if value in (None, "-") else _argument_text(value)


def _checker(args: argparse.Namespace) -> Checker:
    from pausepost.cli import _profile_arg
    from pausepost.engine import Checker

    return Checker(args.policy, _profile_arg(args.profile))


def _colour(args: argparse.Namespace) -> bool:
    from pausepost.cli import _use_colour

    return _use_colour(getattr(args, "color", "never"), sys.stdout)


def _store(args: argparse.Namespace, checker: Checker | None = None) -> DraftStore:
    from pausepost.act.drafts import DraftStore

    return DraftStore(args.store, checker=checker)


def _json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _hold_lines(draft: Draft) -> list[str]:
    from pausepost.act.when import format_duration, show_local, utc_now

    now = utc_now()
    if draft.ready(now):
        head = f"Held as draft {draft.id}: no wait, ready now."
    else:
        head = (f"Held as draft {draft.id} until {show_local(draft.due_at, now)} "
                f"({format_duration(draft.hold_minutes)}):")
    return [head] + [f"  - {reason}" for reason in draft.hold_reasons]


# -- pause --------------------------------------------------------------------------------


def cmd_pause(args: argparse.Namespace) -> int:
    """`pausepost pause`: check a draft and hold it."""
    from pausepost.act.when import parse_duration

    text = _text(args, "draft")
    quote = args.quote
    minutes = parse_duration(args.minutes) if args.minutes is not None else None
    checker = _checker(args)
    store = _store(args, checker)
    draft = store.add(text, quote=quote, audience=args.audience, minutes=minutes)
    report = checker.check(text, quote=quote, audience=args.audience)
    if args.format == "json":
        # one JSON document: with --wait, the review is added once the time is up
        result: dict[str, Any] = {"draft": draft.to_dict(), "report": report.to_dict()}
        if args.wait:
            _wait_for(draft)
            result["review"] = store.review(draft.id).to_dict()
        _json(result)
        return EXIT_FOUND if report.verdict != "post" else EXIT_OK
    from pausepost.output.text import render

    print(render(report, colour=_colour(args)))
    print()
    print("\n".join(_hold_lines(draft)), flush=True)
    if args.wait:
        _wait_for(draft)
        print()
        print(_render_review(store.review(draft.id), _colour(args)))
    else:
        print(f"See it again then: pausepost drafts review {draft.id}")
    return EXIT_FOUND if report.verdict != "post" else EXIT_OK


def _wait_for(draft: Draft, sleep: Callable[[float], None] = time.sleep) -> None:
    """Sleep until the draft's time is up, showing the time left on a terminal."""
    from pausepost.act.when import utc_now

    shown = sys.stderr.isatty()
    while not draft.ready(utc_now()):
        left = int(draft.remaining(utc_now()).total_seconds())
        if shown:
            print(f"\r  cooling off: {left // 60:d}:{left % 60:02d} left (Ctrl-C to stop; "
                  f"the draft stays held) ", end="", file=sys.stderr, flush=True)
        sleep(min(1.0, max(left, 0.05)))
    if shown:
        print("\r" + " " * 70 + "\r", end="", file=sys.stderr, flush=True)


# -- drafts -------------------------------------------------------------------------------


def _render_review(review: DraftReview, colour: bool) -> str:
    from pausepost.act.when import format_duration, show_local
    from pausepost.output.text import render

    draft, now = review.draft, review.now
    if review.ready:
        status = "its cooling-off time is up"
    else:
        left = max(1, round(draft.remaining(now).total_seconds() / 60))
        status = (f"still cooling off: {format_duration(left)} left, until "
                  f"{show_local(draft.due_at, now)}")
    # the audience reminder has its own heading below, so the report is shown without it
    report = dataclasses.replace(review.report, reminders=())
    lines = [f"Draft {draft.id}, held since {show_local(draft.created_at, now)}: {status}.", "",
             render(report, colour=colour), "", "Since you paused it:"]
    if review.text_changed:
        lines.append(f"  you edited it ({draft.edits} edit{'s' if draft.edits != 1 else ''})")
    first = draft.first_report.get("verdict")
    if first != review.report.verdict:
        lines.append(f"  the verdict went from {str(first).upper()} to "
                     f"{review.report.verdict.upper()}")
    for finding in review.removed:
        lines.append(f"  gone: {finding['rule']} \"{finding['evidence']}\"")
    for finding in review.added:
        lines.append(f"  new:  {finding['rule']} \"{finding['evidence']}\"")
    if not (review.text_changed or review.removed or review.added or first !=
            review.report.verdict):
        lines.append("  nothing changed: the check finds the same as when you paused it")
    if review.imagined.addresses_someone:
        lines += ["", "Imagine someone saying this to you:"]
        lines += [f"  \u201c{line}\u201d" for line in review.imagined.text.splitlines()]
        lines.append("  Would you find it offensive? If so, don't say it to others.")
    lines += ["", f"Who will see it? ({draft.audience})"]
    lines += [f"  {reminder}" for reminder in review.reminders]
    lines += ["", f"Next: pausepost drafts release {draft.id}  (prints it for copying)",
              f"      pausepost drafts edit {draft.id} \"new text\"",
              f"      pausepost drafts discard {draft.id}"]
    return "\n".join(lines)


def _list_line(draft: Draft) -> str:
    from pausepost.act.when import show_local, utc_now

    now = utc_now()
    if draft.state == "released":
        when = f"released {show_local(draft.released_at or now, now)}"
    elif draft.ready(now):
        when = "ready"
    else:
        when = f"until {show_local(draft.due_at, now)}"
    preview = " ".join(draft.text.split())
    preview = preview if len(preview) <= 50 else preview[:49] + "…"
    return f"  {draft.id:>4}  {draft.verdict.upper():<5}  {when:<28}  {preview}"


def cmd_drafts(args: argparse.Namespace) -> int:
    """`pausepost drafts [list|review|edit|release|discard] [ID] [TEXT]`."""
    if args.action == "list":
        if args.id is not None:
            raise InputError(f"`drafts list` takes no id; did you mean `drafts review "
                             f"{args.id}`?")
        drafts = _store(args).list(include_released=args.all)
        if args.format == "json":
            _json([d.to_dict() for d in drafts])
        elif not drafts:
            print("No drafts held. Hold one with: pausepost pause \"your post\"")
        else:
            print(f"  {'ID':>4}  {'CHECK':<5}  {'WHEN (local time)':<28}  TEXT")
            print("\n".join(_list_line(d) for d in drafts))
        return EXIT_OK
    if args.id is None:
        raise InputError(f"`drafts {args.action}` needs a draft id: `pausepost drafts` lists "
                         "them")
    if args.action != "edit" and (args.text is not None or args.file):
        raise InputError(f"`drafts {args.action}` takes only a draft id")
    if args.action == "review":
        checker = _checker(args)
        review = _store(args, checker).review(args.id)
        if args.format == "json":
            _json(review.to_dict())
        else:
            print(_render_review(review, _colour(args)))
        return EXIT_FOUND if review.report.verdict != "post" else EXIT_OK
    if args.action == "edit":
        from pausepost.act.drafts import parse_draft_id

        parse_draft_id(args.id)
        checker = _checker(args)
        store = _store(args, checker)
        store.get(args.id)  # an unknown id is reported before standard input is read
        draft = store.edit(args.id, _text(args, "new text"))
        if args.format == "json":
            _json(draft.to_dict())
        else:
            print(f"Draft {draft.id} edited; the check now says {draft.verdict.upper()}.")
            print("\n".join(_hold_lines(draft)))
        return EXIT_FOUND if draft.verdict != "post" else EXIT_OK
    store = _store(args)
    if args.action == "release":
        draft = store.release(args.id, force=args.force)
        if args.format == "json":
            _json(draft.to_dict())
        else:
            # the words alone on standard output, so they can be piped or copied cleanly
            print(draft.text)
            print(f"pausepost: released draft {draft.id} (last check: {draft.verdict.upper()}). "
                  "Remember: a screenshot makes any audience public.", file=sys.stderr)
        return EXIT_OK
    draft = store.discard(args.id)
    if args.format == "json":
        _json({"discarded": draft.id})
    else:
        print(f"Discarded draft {draft.id}; its words are deleted.")
    return EXIT_OK


# -- apology ------------------------------------------------------------------------------


def render_apology(report: ApologyReport, colour: bool = False) -> str:
    """The apology report for people: the words marked, each issue explained, a suggestion."""
    from pausepost.output.text import _COLOURS, _RESET, _wrap

    marked, last = [], 0
    for issue in sorted(report.issues, key=lambda i: i.start):
        if issue.start < last or (issue.kind == "no-apology" and issue.end - issue.start
                                  == len(report.text.strip())):
            continue
        marked.append(report.text[last:issue.start])
        word = report.text[issue.start:issue.end]
        marked.append(f"{_COLOURS['warning']}\033[4m{word}{_RESET}" if colour else f"[[{word}]]")
        last = issue.end
    marked.append(report.text[last:])
    lines = ["Apology:"] + ["  " + line for line in "".join(marked).splitlines()] + [""]
    for issue in report.issues:
        tag = "QUALIFIED" if not colour else f"{_COLOURS['warning']}QUALIFIED{_RESET}"
        lines.append(f"  {tag} {issue.kind}: {issue.title}")
        if issue.kind != "no-apology" or len(issue.evidence) < 80:
            lines.append(_wrap("words", f"\u201c{issue.evidence}\u201d"))
        lines.append(_wrap("why", issue.reason))
        lines.append(_wrap("fix", issue.fix))
        lines.append("")
    if report.verdict == "ok":
        lines.append("Verdict: UNQUALIFIED: no \"if\", \"but\", excuse or blame found.")
    else:
        count = len(report.issues)
        lines.append(f"Verdict: QUALIFIED ({count} issue{'s' if count != 1 else ''}).")
        lines.append("Try instead (fill in the brackets, in your own words):")
        lines.append(f"  {report.suggestion}")
    for tip in report.tips:
        lines.append(f"Tip: {tip}")
    c = report.citation
    lines.append(f"Why it matters: {c.source}, {c.ref}: {c.summary}")
    return "\n".join(lines)


def cmd_apology(args: argparse.Namespace) -> int:
    """`pausepost apology TEXT`: judge an apology."""
    from pausepost.act.apology import check_apology

    report = check_apology(_text(args, "apology"))
    if args.format == "json":
        _json(report.to_dict())
    else:
        print(render_apology(report, _colour(args)))
    return EXIT_OK if report.verdict == "ok" else EXIT_FOUND


# -- respond ------------------------------------------------------------------------------

_STEP_FLAGS = ("platform", "post", "posted_at", "taken_down_at", "apology", "rep_contacted",
               "meeting", "note")


def cmd_respond(args: argparse.Namespace) -> int:
    """`pausepost respond`: the kit, interactive or from flags; writes the record."""
    from pausepost.act.respond import RespondKit, describe
    from pausepost.cli import _argument_text, _profile_arg

    kit = RespondKit(_profile_arg(args.profile))
    given = any(getattr(args, flag) for flag in _STEP_FLAGS)
    interactive = args.interactive or (not args.no_input and not given
                                       and sys.stdin is not None and sys.stdin.isatty())
    if args.interactive and given:
        raise InputError("--interactive asks every question; give no step flags with it")
    if interactive:
        if args.format == "json":  # questions on standard error, so the output is only JSON
            record = kit.interview(_ask_on_stderr, lambda text: print(text, file=sys.stderr))
        else:
            record = kit.interview(input, print)
    else:
        texts = {k: _argument_text(v) if v is not None else None
                 for k, v in (("post", args.post), ("apology", args.apology))}
        record = kit.record(platform=args.platform, post=texts["post"],
                            posted_at=args.posted_at, taken_down_at=args.taken_down_at,
                            apology=texts["apology"], rep_contacted_at=args.rep_contacted,
                            meeting_at=args.meeting,
                            notes=[_argument_text(n) for n in args.note])
    markdown, page = kit.write(record, args.out)
    if args.format == "json":
        _json({**record.to_dict(), "files": {"markdown": str(markdown), "html": str(page)}})
    else:
        if not interactive and record.platform:
            print(f"How to delete it on {record.platform.name}:")
            print("\n".join(f"  {n}. {s}" for n, s in enumerate(record.platform.steps, 1)))
            print()
        if not interactive and record.apology and record.apology.verdict != "ok":
            print(render_apology(record.apology, _colour(args)))
            print()
        print("\n".join(describe(record)))
        print(f"Record for your rep: {markdown}\n                     {page}")
    return EXIT_OK


def _ask_on_stderr(prompt: str) -> str:
    print(prompt, end="", file=sys.stderr, flush=True)
    return input()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "pause": cmd_pause, "drafts": cmd_drafts, "apology": cmd_apology, "respond": cmd_respond,
}
