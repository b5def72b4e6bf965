"""Table-shaped exports: LinkedIn (Shares.csv, Comments.csv), Reddit (posts.csv, comments.csv),
and any CSV with a text column or JSONL with a "text" field.

CSV rows are read one at a time with `strict=True` so that a row with broken quoting is
counted as skipped and the rows after it are still read. (An unclosed quote cannot be told
apart from a legal multi-line field, so it swallows the rest of its file: that is reported.)
`parse_when` is the lenient date parser the other non-Meta readers share.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from pausepost.audit.readers.base import ArchivedPost, ExportSource, Reader, Skipped
from pausepost.errors import InputError

MAX_FIELD = 8 * 1024 * 1024  # one CSV field; the csv module's default (128 KB) is too small

_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def parse_when(value: object) -> datetime | None:
    """A date as an aware UTC datetime (ISO 8601, "... UTC", Unix seconds or milliseconds,
    RFC 2822); None when it cannot be read. Naive times are taken as UTC (the exports' own)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            return _from_epoch(float(value))
        if not isinstance(value, str):
            return None
        text = value.strip()
        if not text:
            return None
        if _NUMBER.fullmatch(text):
            return _from_epoch(float(text))
        for suffix in (" UTC", " GMT", "UTC"):
            if text.upper().endswith(suffix):
                text = text[: -len(suffix)].rstrip()
                break
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            when = parsedate_to_datetime(text)  # ValueError/TypeError when not RFC 2822 either
    except (ValueError, TypeError, OverflowError, OSError):
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def _from_epoch(seconds: float) -> datetime:
    if abs(seconds) > 1e11:  # milliseconds (JavaScript's habit), not a date 3000 years ahead
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=UTC)


def _rows(source: ExportSource, name: str) -> tuple[list[str], Iterator[list[str]], list[int]]:
    """Header, row iterator and a one-cell counter of rows that failed to parse.

    Raises InputError when the member cannot be read or has no header."""
    if csv.field_size_limit() < MAX_FIELD:
        csv.field_size_limit(MAX_FIELD)
    lines = source.text(name).splitlines(keepends=True)
    reader = csv.reader(iter(lines), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        raise InputError(f"{name}: no readable header row") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    bad = [0]

    def rows() -> Iterator[list[str]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                bad[0] += 1  # the reader resets itself on the next call
                continue
            if any(cell.strip() for cell in row):
                yield row

    return header, rows(), bad


def _header(source: ExportSource, name: str) -> list[str]:
    try:
        header, _, _ = _rows(source, name)
    except InputError:
        return []
    return [h.lower() for h in header]


def _basename(name: str) -> str:
    return name.rsplit("/", 1)[-1].lower()


class _CsvReader(Reader):
    """Shared reading loop: subclasses say which members and how a row becomes a post."""

    def members(self, source: ExportSource) -> list[str]:
        raise NotImplementedError

    def post(self, name: str, row: dict[str, str], number: int) -> ArchivedPost | None:
        raise NotImplementedError

    def detect(self, source: ExportSource) -> bool:
        return bool(self.members(source))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        for name in self.members(source):
            try:
                header, rows, bad = _rows(source, name)
            except InputError as exc:
                yield Skipped(source=name, reason=str(exc))
                continue
            keys = [h.lower() for h in header]
            empty = 0
            for number, row in enumerate(rows, start=1):
                post = self.post(name, dict(zip(keys, row, strict=False)), number)
                if post is None:
                    empty += 1
                else:
                    yield post
            if bad[0]:
                yield Skipped(source=name, reason="rows with broken CSV quoting", count=bad[0])
            if empty:
                yield Skipped(source=name, reason="rows without text or id", count=empty)


def _get(row: dict[str, str], key: str) -> str:
    return (row.get(key) or "").strip()


class LinkedInReader(_CsvReader):
    """LinkedIn's data export: Shares.csv (posts) and Comments.csv."""

    platform = "linkedin"
    description = "LinkedIn data export (Shares.csv, Comments.csv)"

    def members(self, source: ExportSource) -> list[str]:
        found = []
        for name in source.find(".csv"):
            base, header = _basename(name), None
            if base == "shares.csv":
                header = _header(source, name)
                if "sharecommentary" in header:
                    found.append(name)
            elif base == "comments.csv":
                header = _header(source, name)
                if {"date", "link", "message"} <= set(header):
                    found.append(name)
        return found

    def post(self, name: str, row: dict[str, str], number: int) -> ArchivedPost | None:
        created = parse_when(_get(row, "date"))
        if "sharecommentary" in row or "sharelink" in row:
            text = _unquote(row.get("sharecommentary") or "").strip()
            link = _get(row, "sharelink")
            shared = _get(row, "sharedurl")
            if not text and not shared:
                return None
            return ArchivedPost(
                platform=self.platform, id=link or f"{name}#{number}", text=text,
                created=created, url=link or None,
                # a share with no words of its own is a reshare of the link
                kind="post" if text else "reshare", source=name)
        text = _unquote(row.get("message") or "").strip()
        link = _get(row, "link")
        if not text:
            return None
        # one post can carry several of one's comments: the link alone is not unique
        stamp = created.isoformat() if created else str(number)
        return ArchivedPost(platform=self.platform, id=f"{link or name}#{stamp}", text=text,
                            created=created, url=link or None, kind="comment",
                            reply_to=link or None, source=name)


def _unquote(text: str) -> str:
    """LinkedIn sometimes writes quotes doubled even inside a quoted field ("" for ")."""
    return text.replace('""', '"')


class RedditReader(_CsvReader):
    """Reddit's GDPR export: posts.csv and comments.csv."""

    platform = "reddit"
    description = "Reddit data export (posts.csv, comments.csv)"

    def members(self, source: ExportSource) -> list[str]:
        found = []
        for name in source.find(".csv"):
            base = _basename(name)
            if base not in {"posts.csv", "comments.csv"}:
                continue
            header = set(_header(source, name))
            if {"id", "permalink", "body"} <= header:
                found.append(name)
        return found

    def post(self, name: str, row: dict[str, str], number: int) -> ArchivedPost | None:
        ident = _get(row, "id")
        title, body = _get(row, "title"), _get(row, "body")
        if not ident or not (title or body):
            return None
        permalink = _get(row, "permalink")
        url = f"https://www.reddit.com{permalink}" if permalink.startswith("/") else permalink
        is_post = "title" in row  # posts.csv; comments.csv has link and parent instead
        return ArchivedPost(
            platform=self.platform, id=ident,
            text=(f"{title}\n\n{body}" if body else title) if is_post else body,
            created=parse_when(_get(row, "date")), url=url or None,
            kind="post" if is_post else "comment",
            reply_to=None if is_post else (_get(row, "link") or _get(row, "parent") or None),
            source=name)


_TEXT_COLUMNS = ("text", "content", "body", "message", "post", "tweet", "status")
_DATE_COLUMNS = ("date", "created_at", "created", "timestamp", "time")
_URL_COLUMNS = ("url", "link", "permalink")


def _first(row: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        if key in row:
            return _get(row, key)
    return ""


class CsvReader(_CsvReader):
    """Any CSV with a text column (text, content, body, message, post, tweet, status)."""

    platform = "csv"
    description = "CSV with a text/content/body/message column (id, date, url optional)"

    def members(self, source: ExportSource) -> list[str]:
        return [n for n in source.find(".csv")
                if set(_header(source, n)) & set(_TEXT_COLUMNS)]

    def post(self, name: str, row: dict[str, str], number: int) -> ArchivedPost | None:
        text = _first(row, _TEXT_COLUMNS)
        if not text:
            return None
        return ArchivedPost(platform=self.platform, id=_get(row, "id") or f"{name}#{number}",
                            text=text, created=parse_when(_first(row, _DATE_COLUMNS)),
                            url=_first(row, _URL_COLUMNS) or None, source=name)


class JsonlReader(Reader):
    """One JSON object per line with "text" (optional "id", "created"/"date", "url")."""

    platform = "jsonl"
    description = 'JSON Lines, one object per line with "text"'

    def members(self, source: ExportSource) -> list[str]:
        found = []
        for name in source.find(".jsonl", ".ndjson"):
            try:
                lines = source.text(name).splitlines()
            except InputError:
                found.append(name)  # read() reports it
                continue
            first = next((ln for ln in lines if ln.strip()), "")
            try:
                obj = json.loads(first)
            except ValueError:
                continue
            if isinstance(obj, dict) and "text" in obj:
                found.append(name)
        return found

    def detect(self, source: ExportSource) -> bool:
        return bool(self.members(source))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        for name in self.members(source):
            try:
                lines = source.text(name).splitlines()
            except InputError as exc:
                yield Skipped(source=name, reason=str(exc))
                continue
            bad = 0
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except (ValueError, RecursionError):
                    bad += 1
                    continue
                text = obj.get("text") if isinstance(obj, dict) else None
                if not isinstance(text, str) or not text.strip():
                    bad += 1
                    continue
                ident = obj.get("id")
                url = obj.get("url")
                yield ArchivedPost(
                    platform=self.platform,
                    id=str(ident) if ident not in (None, "") else f"{name}#{number}",
                    text=text.strip(),
                    created=parse_when(obj.get("created", obj.get("date"))),
                    url=url if isinstance(url, str) and url else None, source=name)
            if bad:
                yield Skipped(source=name, reason="lines that are not a JSON object with text",
                              count=bad)
