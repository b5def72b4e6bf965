"""The `pausepost` command line: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any, NoReturn

from pausepost import __version__
from pausepost.errors import InputError, PausepostError, open_for_reading

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2
# Read at most this many bytes of stdin or a file: far beyond any post, small enough to be safe.
_MAX_INPUT_BYTES = 4 * 100_000 + 4


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own errors also exit 2, one line
        self.exit(EXIT_BAD_INPUT, f"pausepost: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pausepost", description="Pause before you post: check a draft post "
                     "against the rules that apply to you, offline.")
    parser.add_argument("--version", action="version", version=f"pausepost {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("--policy", help="policy pack name (dwp, civil-service) or YAML path")
    common.add_argument("--profile", help="profile YAML (default: ~/.config/pausepost/profile.yaml "
                        "if it exists)")

    check = sub.add_parser("check", parents=[common], help="check a draft post",
                           description="Check a post. Exit code 0: nothing at warning or above; "
                           "1: something at warning or above; 2: input could not be checked.")
    check.add_argument("text", nargs="?", help="the post; '-' or nothing reads standard input")
    check.add_argument("--quote", help="the post this replies to or reshares")
    check.add_argument("--audience", default="public",
                       choices=["public", "followers", "friends", "private"])
    check.add_argument("--format", default="text", choices=["text", "json", "sarif"])
    check.add_argument("--jsonl", metavar="FILE", help="check one JSON object per line "
                       "({\"text\": …, \"id\": …, \"images\": […]}); '-' for standard "
                       "input; one report per line")
    check.add_argument("--image", action="append", default=[], metavar="FILE",
                       help="a photo in the post (repeatable): JPEG, PNG, WebP, GIF, HEIC ...")
    check.add_argument("--video", action="append", default=[], metavar="FILE",
                       help="a video in the post (repeatable): MP4, MOV, WebM ...")
    check.add_argument("--color", default="auto", choices=["auto", "always", "never"])

    redact = sub.add_parser("redact", parents=[common], help="write a safe copy of a photo or "
                            "video", description="Blur faces, cover sensitive text, codes and "
                            "passes, and remove all metadata, into a copy (never the original). "
                            "Exit code 0: the copy re-checks clean; 1: something is left; "
                            "2: the file could not be read.")
    redact.add_argument("file", help="the photo or video")
    redact.add_argument("-o", "--output", help="where to write the copy (default: "
                        "NAME.redacted.EXT beside it)")
    redact.add_argument("--format", default="text", choices=["text", "json"])

    audit = sub.add_parser("audit", parents=[common], help="check years of old posts from a "
                           "platform's export", description="Read an export (X, Facebook, "
                           "Instagram, Threads, Mastodon, Bluesky, LinkedIn, Reddit, CSV, JSONL; "
                           "zip, tar.gz or folder), check every post and write audit.html, "
                           "audit.csv and audit.json. Stop it any time: run it again to go on.")
    audit.add_argument("export", nargs="?", help="the export file or folder")
    audit.add_argument("--db", help="the audit's SQLite file (default: OUT/audit.sqlite)")
    audit.add_argument("--out", default="pausepost-audit", help="folder for the reports")
    audit.add_argument("--workers", type=int, help="processes to check with (default: cores)")
    audit.add_argument("--mark", nargs=2, metavar=("POST", "DECISION"),
                       help="record a decision for a post: handled, deleted, keep or undecided")
    audit.add_argument("--media", action="store_true", help="check the posts' photos and "
                       "videos too (much slower)")
    audit.add_argument("--quiet", action="store_true", help="no progress bar")

    serve = sub.add_parser("serve", parents=[common], help="the local web app: write, check, "
                           "fix and pause in one page", description="Serve the pausepost page "
                           "and its JSON API on this machine only, then open it in your browser.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                       "127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    serve.add_argument("--no-browser", action="store_true", help="do not open a browser")
    serve.add_argument("--audit", action="append", default=[], metavar="DB",
                       help="an audit's SQLite file to open in the page (repeatable)")

    rules = sub.add_parser("rules", parents=[common], help="list the rules")
    rules.add_argument("--format", default="text", choices=["text", "json", "markdown"])
    explain = sub.add_parser("explain", parents=[common], help="explain a rule (or a group)")
    explain.add_argument("rule", help="a rule id such as conduct.swearing, or a group: conduct")
    from pausepost.act.cli import add_parsers as add_act_parsers  # pause, drafts, apology, respond

    add_act_parsers(sub, common)
    return parser


def _fail(message: str) -> int:
    print(f"pausepost: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _decode(data: bytes, what: str) -> str:
    if len(data) >= _MAX_INPUT_BYTES:
        raise InputError(f"{what} is too large to be a post (over {_MAX_INPUT_BYTES:,} bytes)")
    if b"\x00" in data:
        raise InputError(f"{what} looks like binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid UTF-8 text "
                         f"(bad byte at offset {exc.start})") from None


def _read_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("no post given: pass the text as an argument or pipe it in")
    return _decode(sys.stdin.buffer.read(_MAX_INPUT_BYTES), "standard input")


def _argument_text(text: str) -> str:
    if any("\udc80" <= c <= "\udcff" for c in text):  # undecodable bytes in argv
        raise InputError("the post is not valid UTF-8 text")
    return text


def _profile_arg(value: str | None) -> str | None:
    if value:
        return value
    from pausepost.profile import default_profile_path

    path = default_profile_path()
    return str(path) if path.exists() else None


def _use_colour(choice: str, stream: IO[str]) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _jsonl_lines(source: str) -> Iterator[tuple[int, bytes]]:
    if source == "-":
        stream = sys.stdin.buffer
        yield from enumerate(stream, 1)
        return
    with open_for_reading(source, "a JSONL file") as handle:
        yield from enumerate(handle, 1)


def _run_jsonl(args: argparse.Namespace, checker: Any) -> int:
    worst = EXIT_OK
    bad = 0
    out = sys.stdout
    for number, raw in _jsonl_lines(args.jsonl):
        if not raw.strip():
            continue
        post_id: Any = None
        try:
            line = _decode(raw, f"line {number}")
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {number}: not valid JSON ({exc.msg})") from None
            if isinstance(item, dict) and item.get("id") is not None:
                post_id = str(item["id"])
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise InputError(f"line {number}: expected an object with a \"text\" string")
            media = {k: item.get(k) or [] for k in ("images", "videos")}
            if not all(isinstance(v, list) and all(isinstance(p, str) for p in v)
                       for v in media.values()):
                raise InputError(f"line {number}: \"images\" and \"videos\" must be lists "
                                 "of file paths")
            report = checker.check(item["text"], quote=item.get("quote"),
                                   audience=item.get("audience", "public"), id=post_id,
                                   **media)
            for problem in report.problems:
                print(f"pausepost: line {number}: {problem}", file=sys.stderr)
        except InputError as exc:
            bad += 1
            print(f"pausepost: {exc}", file=sys.stderr)
            out.write(json.dumps({"id": post_id, "line": number, "error": str(exc)},
                                 ensure_ascii=False) + "\n")
            continue
        out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        out.flush()
        bad += bool(report.problems)
        if report.verdict != "post":
            worst = EXIT_FOUND
    return EXIT_BAD_INPUT if bad else worst


def _cmd_check(args: argparse.Namespace) -> int:
    from pausepost.engine import Checker

    checker = Checker(args.policy, _profile_arg(args.profile))
    if args.jsonl:
        if args.text not in (None, "-") or (args.format != "json" and args.format != "text"):
            raise InputError("--jsonl writes JSON lines; give no post text and no --format sarif")
        return _run_jsonl(args, checker)
    media = bool(args.image or args.video)
    if args.text is None and media:
        text = ""  # a photo or video posted with no words
    else:
        text = _read_stdin() if args.text in (None, "-") else _argument_text(args.text)
    quote = _argument_text(args.quote) if args.quote is not None else None
    report = checker.check(text, quote=quote, audience=args.audience, images=args.image,
                           videos=args.video)
    if args.format == "json":
        print(report.to_json())
    elif args.format == "sarif":
        from pausepost.output.sarif import to_sarif

        print(json.dumps(to_sarif([("post.txt", report)], checker.policy), indent=2,
                         ensure_ascii=False))
    else:
        from pausepost.output.text import render

        print(render(report, colour=_use_colour(args.color, sys.stdout)))
    for problem in report.problems:  # the rest was checked and printed; this part was not
        print(f"pausepost: error: {problem}", file=sys.stderr)
    if report.problems:
        return EXIT_BAD_INPUT
    return EXIT_FOUND if report.verdict != "post" else EXIT_OK


def _cmd_redact(args: argparse.Namespace) -> int:
    from pausepost.engine import Checker
    from pausepost.media.redact import redact

    checker = Checker(args.policy, _profile_arg(args.profile))
    result = redact(args.file, args.output, checker)
    if args.format == "json":
        print(json.dumps({"source": str(result.source), "output": str(result.output),
                          "lossless": result.lossless, "redactions": result.actions,
                          "remaining": [f.to_dict() for f in result.remaining],
                          "notes": result.notes}, indent=2, ensure_ascii=False))
    else:
        from pausepost.output.text import render_redaction

        print(render_redaction(result))
    return EXIT_FOUND if result.remaining else EXIT_OK


def _cmd_audit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pausepost.audit.report import write_reports
    from pausepost.audit.run import history, print_progress, run_audit
    from pausepost.audit.store import AuditStore

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    store = AuditStore(args.db or out / "audit.sqlite")
    try:
        if args.mark:
            store.decide(*args.mark)
            print(f"{args.mark[0]}: marked {args.mark[1]}")
            return EXIT_OK
        if not args.export:
            raise InputError("give the export to audit (or --mark POST DECISION)")
        summary = run_audit(args.export, store, policy=args.policy,
                            profile=_profile_arg(args.profile), workers=args.workers,
                            media=args.media,
                            progress=None if args.quiet else print_progress)
        rows = store.rows(risky_only=True)
        found_in_history = history(rows)
        paths = write_reports(rows, found_in_history, summary.skipped, out, store.count())
    finally:
        store.close()
    risky = len(rows)
    print(f"{summary.platform}: {summary.posts:,} posts read, {summary.checked_now:,} checked "
          f"now, {risky:,} risky, {len(found_in_history)} history findings")
    skipped = sum(c for _, _, c in summary.skipped)
    if skipped:
        print(f"Not read: {skipped:,} items (reasons in the report)", file=sys.stderr)
    print("Reports: " + ", ".join(str(p) for p in paths))
    return EXIT_FOUND if risky or found_in_history else EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pausepost.web.server import serve

    return serve(args.host, args.port, open_browser=not args.no_browser, policy=args.policy,
                 profile=_profile_arg(args.profile), audits=[Path(p) for p in args.audit])


def _cmd_rules(args: argparse.Namespace) -> int:
    from pausepost.policy.loader import load_policy

    policy = load_policy(args.policy)
    if args.format == "json":
        print(json.dumps([{"id": r.id, "title": r.title, "level": r.level,
                           "citations": [c.to_dict() for c in r.citations]}
                          for r in policy.rules.values()], indent=2))
        return EXIT_OK
    if args.format == "markdown":
        from pausepost.output.docs import rules_markdown

        print(rules_markdown(policy), end="")
        return EXIT_OK
    print(f"Rules of the {policy.name} policy pack ({' > '.join(policy.chain)}):")
    width = max(len(r) for r in policy.rules)
    for rule in policy.rules.values():
        refs = "; ".join(f"{c.source} {c.ref}" for c in rule.citations)
        print(f"  {rule.id:<{width}}  {rule.level:<7}  {rule.title}  [{refs}]")
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from pausepost.errors import UnknownRuleError
    from pausepost.policy.loader import load_policy

    policy = load_policy(args.policy)
    specs = policy.select(args.rule)
    if not specs:
        raise UnknownRuleError(f"unknown rule {args.rule!r}; `pausepost rules` lists them")
    for spec in specs:
        print(f"{spec.id}: {spec.title} (default level: {spec.level})\n")
        print(f"What it catches and why it matters:\n  {spec.why}\n")
        print(f"Example:     {spec.example}")
        print(f"Write this:  {spec.instead}\n")
        print(f"How to fix it:\n  {spec.advice}\n")
        print("Where the rule comes from:")
        for c in spec.citations:
            print(f"  - {c.source}, {c.ref}: {c.summary}")
        print()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 clean, 1 something to review, 2 bad input)."""
    args = _parser().parse_args(argv)
    commands = {"check": _cmd_check, "redact": _cmd_redact, "audit": _cmd_audit,
                "serve": _cmd_serve,
                "rules": _cmd_rules,
                "explain": _cmd_explain}
    from pausepost.act.cli import COMMANDS as ACT_COMMANDS

    commands.update(ACT_COMMANDS)
    try:
        return commands[args.command](args)
    except PausepostError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except MemoryError:
        return _fail("the input is too large to check")
    except Exception as exc:  # never a traceback for a person; PAUSEPOST_DEBUG=1 shows it
        if os.environ.get("PAUSEPOST_DEBUG"):
            raise
        return _fail(f"internal error ({type(exc).__name__}: {exc}); "
                     "set PAUSEPOST_DEBUG=1 to see details")


if __name__ == "__main__":
    sys.exit(main())
