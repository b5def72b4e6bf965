"""Drafts held for a cooling-off time, in a private SQLite file on this machine.

The union's advice is to always pause before posting. `pausepost pause` stores the draft with
its check and a time it is held until; when that time is up the draft is checked again and
shown with what changed, the "imagine it said to you" view and a reminder of who will see it.

Safe to use from several processes at once, and after a crash: the file is in WAL mode, every
change is one `BEGIN IMMEDIATE` transaction (writers queue behind a busy timeout instead of
failing), and each operation opens its own connection. Times are stored in UTC as ISO 8601.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pausepost.act.when import (
    MAX_MINUTES,
    format_duration,
    from_utc_iso,
    local,
    show_local,
    to_utc_iso,
    utc_now,
)
from pausepost.errors import InputError
from pausepost.model import AUDIENCES, LEVEL_RANK

if TYPE_CHECKING:
    from pausepost.act.imagine import ImaginedView
    from pausepost.engine import Checker
    from pausepost.model import Report

STORE_NAME = "drafts.sqlite"
SCHEMA_VERSION = 1
# Why these numbers: a draft the check flags is the one most likely to be regretted, so it waits
# longer (twice as long for something to review, three times for something not to post as it
# is); and posts written late at night are the impulsive ones, so the wait doubles again then.
VERDICT_FACTOR = {"post": 1, "pause": 2, "stop": 3}
LATE_NIGHT_FACTOR = 2
LATE_NIGHT_FROM, LATE_NIGHT_UNTIL = 23, 6  # local hours: 23:00 to 05:59
# Writers wait this long for another process's transaction instead of failing at once.
BUSY_TIMEOUT_SECONDS = 30

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL,
    original_text TEXT NOT NULL,
    quote TEXT,
    audience TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('held', 'released')),
    created_at TEXT NOT NULL,      -- UTC, ISO 8601
    updated_at TEXT NOT NULL,
    due_at TEXT NOT NULL,          -- the end of the cooling-off time
    released_at TEXT,
    hold_minutes INTEGER NOT NULL,
    hold_reasons TEXT NOT NULL,    -- JSON list of why the hold is this long
    first_report TEXT NOT NULL,    -- JSON: the check when the draft was paused
    last_report TEXT NOT NULL,     -- JSON: the check of the text as it is now
    edits INTEGER NOT NULL DEFAULT 0
);
"""
_COLUMNS = ("id, text, original_text, quote, audience, state, created_at, updated_at, due_at, "
            "released_at, hold_minutes, hold_reasons, first_report, last_report, edits")


@dataclass(frozen=True, slots=True)
class Hold:
    """How long a draft is held, and why."""

    minutes: int
    reasons: tuple[str, ...]


def cooling_off(base_minutes: int, verdict: str, when: datetime) -> Hold:
    """The hold for a draft: the base time, longer for a flagged draft and late at night."""
    if base_minutes <= 0:
        return Hold(0, ("no wait: pause_minutes is 0 in your profile, or --minutes 0",))
    reasons = [f"{format_duration(base_minutes)} to start with (your profile's pause_minutes, "
               "or --minutes)"]
    minutes = base_minutes
    factor = VERDICT_FACTOR.get(verdict, 1)
    if factor > 1:
        minutes *= factor
        what = "something to review" if verdict == "pause" else "something not to post as it is"
        reasons.append(f"×{factor}: the check found {what}")
    hour = local(when).hour
    if hour >= LATE_NIGHT_FROM or hour < LATE_NIGHT_UNTIL:
        minutes *= LATE_NIGHT_FACTOR
        reasons.append(f"×{LATE_NIGHT_FACTOR}: it is late at night "
                       f"({LATE_NIGHT_FROM}:00–{LATE_NIGHT_UNTIL:02d}:00), when posts are most "
                       "often regretted")
    return Hold(min(minutes, MAX_MINUTES), tuple(reasons))


@dataclass(frozen=True, slots=True)
class Draft:
    """A held draft post and its checks."""

    id: int
    text: str
    original_text: str
    quote: str | None
    audience: str
    state: str  # "held" or "released"
    created_at: datetime  # aware, UTC
    updated_at: datetime
    due_at: datetime
    released_at: datetime | None
    hold_minutes: int
    hold_reasons: tuple[str, ...]
    first_report: dict[str, Any]  # Report.to_dict() when paused
    last_report: dict[str, Any]  # Report.to_dict() of the current text
    edits: int

    @property
    def verdict(self) -> str:
        """The verdict of the latest check of the current text."""
        return str(self.last_report.get("verdict", "post"))

    def remaining(self, now: datetime | None = None) -> timedelta:
        """Time left to wait (zero once the cooling-off time is up)."""
        return max(self.due_at - (now or utc_now()), timedelta(0))

    def ready(self, now: datetime | None = None) -> bool:
        return self.remaining(now) == timedelta(0)

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        """JSON-safe: times as UTC ISO 8601, plus whether it is ready and the seconds left."""
        left = self.remaining(now)
        return {
            "id": self.id, "text": self.text, "original_text": self.original_text,
            "quote": self.quote, "audience": self.audience, "state": self.state,
            "created_at": to_utc_iso(self.created_at), "updated_at": to_utc_iso(self.updated_at),
            "due_at": to_utc_iso(self.due_at),
            "released_at": to_utc_iso(self.released_at) if self.released_at else None,
            "hold_minutes": self.hold_minutes, "hold_reasons": list(self.hold_reasons),
            "verdict": self.verdict, "first_verdict": self.first_report.get("verdict"),
            "findings": self.last_report.get("findings", []), "edits": self.edits,
            "ready": left == timedelta(0), "seconds_left": int(left.total_seconds()),
        }


def finding_key(finding: dict[str, Any]) -> tuple[str, str]:
    """What makes two findings "the same" across edits: the rule and the words (spans move)."""
    return str(finding.get("rule")), " ".join(str(finding.get("evidence", "")).casefold().split())


@dataclass(frozen=True, slots=True)
class DraftReview:
    """A draft seen again: checked afresh, compared with its first check, turned towards you."""

    draft: Draft
    report: Report  # the fresh check
    added: tuple[dict[str, Any], ...]  # findings now that the first check did not have
    removed: tuple[dict[str, Any], ...]  # findings of the first check that are gone
    imagined: ImaginedView
    reminders: tuple[str, ...]
    now: datetime

    @property
    def text_changed(self) -> bool:
        return self.draft.text != self.draft.original_text

    @property
    def ready(self) -> bool:
        return self.draft.ready(self.now)

    def to_dict(self) -> dict[str, Any]:
        return {"draft": self.draft.to_dict(self.now), "report": self.report.to_dict(),
                "changes": {"text_changed": self.text_changed,
                            "first_verdict": self.draft.first_report.get("verdict"),
                            "verdict": self.report.verdict,
                            "added": list(self.added), "removed": list(self.removed)},
                "imagined": self.imagined.to_dict(), "reminders": list(self.reminders),
                "ready": self.ready,
                "seconds_left": int(self.draft.remaining(self.now).total_seconds())}


def default_store_path() -> Path:
    """`drafts.sqlite` in pausepost's private data folder."""
    from pausepost.paths import data_dir

    return data_dir() / STORE_NAME


def parse_draft_id(value: int | str) -> int:
    """A draft id as typed ("3" or "#3"); anything else is a clear input error."""
    if isinstance(value, bool):
        raise InputError(f"unknown draft id {value!r}: `pausepost drafts` lists them")
    if isinstance(value, int):
        return value
    text = str(value).strip().lstrip("#")
    if not text.isdigit() or len(text) > 12:
        raise InputError(f"unknown draft id {value!r}: draft ids are numbers; "
                         "`pausepost drafts` lists them")
    return int(text)


class DraftStore:
    """The held drafts, in a SQLite file (default: `drafts.sqlite` in the private data folder).

    `checker` is used when none is passed to a method (default: the default policy and
    profile); `clock` returns the current UTC time (tests pass a fixed one).
    """

    def __init__(self, path: str | Path | None = None, *, checker: Checker | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        self._checker = checker
        self._clock = clock or utc_now
        if self.path.is_dir():
            raise InputError(f"{self.path}: is a folder, not a drafts file")
        if not self.path.parent.is_dir():
            raise InputError(f"{self.path.parent}: folder not found")
        if not self.path.exists():
            # unposted words are private: the file (and SQLite's -wal beside it) owner-only
            with contextlib.suppress(FileExistsError):
                os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise InputError(f"{self.path}: written by a newer pausepost (schema "
                                 f"{version}); upgrade pausepost to use it")
            if version == 0:
                # execute, not executescript: that would commit the open transaction first
                db.execute(_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- plumbing ------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise InputError(f"{self.path}: cannot open the drafts file ({exc})") from None
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
            self._wal(db)
            db.execute("PRAGMA synchronous = FULL")  # a committed draft survives a power cut
            db.execute("PRAGMA secure_delete = ON")  # a discarded draft's words are overwritten
        except sqlite3.DatabaseError as exc:
            db.close()
            raise InputError(f"{self.path}: not a drafts file pausepost can use ({exc})") from None
        return db

    @staticmethod
    def _wal(db: sqlite3.Connection) -> None:
        # Switching a new file to WAL needs a moment's exclusive lock; two first-ever pauses at
        # once can see "locked" here even with the busy timeout, so try again briefly.
        for attempt in range(50):
            try:
                db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                time.sleep(0.02 * (attempt + 1))
        db.execute("PRAGMA journal_mode = WAL")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: taken with BEGIN IMMEDIATE so concurrent writers queue."""
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: the drafts file could not be used ({exc})") from None
        finally:
            db.close()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        db = self._connect()
        try:
            yield db
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: the drafts file could not be read ({exc})") from None
        finally:
            db.close()

    def _checker_for(self, checker: Checker | None) -> Checker:
        if checker is not None:
            return checker
        if self._checker is None:
            from pausepost.engine import Checker

            self._checker = Checker()
        return self._checker

    @staticmethod
    def _row(row: tuple[Any, ...]) -> Draft:
        (id_, text, original, quote, audience, state, created, updated, due, released, minutes,
         reasons, first, last, edits) = row
        return Draft(id=id_, text=text, original_text=original, quote=quote, audience=audience,
                     state=state, created_at=from_utc_iso(created),
                     updated_at=from_utc_iso(updated), due_at=from_utc_iso(due),
                     released_at=from_utc_iso(released) if released else None,
                     hold_minutes=minutes, hold_reasons=tuple(json.loads(reasons)),
                     first_report=json.loads(first), last_report=json.loads(last), edits=edits)

    def _get(self, db: sqlite3.Connection, draft_id: int | str) -> Draft:
        number = parse_draft_id(draft_id)
        row = db.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id = ?", (number,)).fetchone()
        if row is None:
            raise InputError(f"unknown draft id {draft_id!r}: `pausepost drafts` lists them")
        return self._row(row)

    # -- the API -------------------------------------------------------------------------

    def add(self, text: str, *, quote: str | None = None, audience: str = "public",
            minutes: int | None = None, checker: Checker | None = None) -> Draft:
        """Check a draft and hold it. `minutes` is the base wait (default: the profile's
        `pause_minutes`); a flagged draft or a late-night one waits longer."""
        if audience not in AUDIENCES:
            raise InputError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)
                                    or not 0 <= minutes <= MAX_MINUTES):
            raise InputError(f"minutes must be a whole number from 0 to {MAX_MINUTES:,}")
        checker = self._checker_for(checker)
        report = checker.check(text, quote=quote, audience=audience)
        now = self._clock()
        base = checker.profile.pause_minutes if minutes is None else minutes
        hold = cooling_off(base, report.verdict, now)
        stamp = to_utc_iso(now)
        snapshot = json.dumps(report.to_dict(), ensure_ascii=False)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO drafts (text, original_text, quote, audience, state, created_at, "
                "updated_at, due_at, hold_minutes, hold_reasons, first_report, last_report) "
                "VALUES (?, ?, ?, ?, 'held', ?, ?, ?, ?, ?, ?, ?)",
                (text, text, quote, audience, stamp, stamp,
                 to_utc_iso(now + timedelta(minutes=hold.minutes)), hold.minutes,
                 json.dumps(list(hold.reasons), ensure_ascii=False), snapshot, snapshot))
            return self._get(db, int(cursor.lastrowid or 0))

    def list(self, *, include_released: bool = False) -> list[Draft]:
        """Drafts, oldest first (held ones only, unless `include_released`)."""
        where = "" if include_released else "WHERE state = 'held'"
        with self._reading() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM drafts {where} ORDER BY id").fetchall()
        return [self._row(r) for r in rows]

    def get(self, draft_id: int | str) -> Draft:
        """One draft by id; an unknown id is an InputError."""
        with self._reading() as db:
            return self._get(db, draft_id)

    def edit(self, draft_id: int | str, text: str, *, checker: Checker | None = None) -> Draft:
        """Replace a held draft's text and check it again.

        The timer keeps running when the edit makes the post no riskier (fixing a draft is not
        punished); when the new text raises a warning the old one did not, the cooling-off
        starts again from now.
        """
        checker = self._checker_for(checker)
        current = self.get(draft_id)
        report = checker.check(text, quote=current.quote, audience=current.audience)
        now = self._clock()
        with self._transaction() as db:
            draft = self._get(db, draft_id)  # again, inside the transaction: it may have moved
            if draft.state != "held":
                raise InputError(f"draft {draft.id} was already released; pause a new one")
            before = {finding_key(f) for f in draft.last_report.get("findings", [])
                      if LEVEL_RANK.get(f.get("level"), 0) >= 1}
            new_risks = [f for f in report.findings
                         if LEVEL_RANK[f.level] >= 1 and finding_key(f.to_dict()) not in before]
            due, minutes, reasons = draft.due_at, draft.hold_minutes, draft.hold_reasons
            if new_risks:
                base = checker.profile.pause_minutes
                hold = cooling_off(base, report.verdict, now)
                if now + timedelta(minutes=hold.minutes) > due:
                    due, minutes = now + timedelta(minutes=hold.minutes), hold.minutes
                    reasons = (*hold.reasons, "started again: the edit added something to review")
            db.execute("UPDATE drafts SET text = ?, last_report = ?, updated_at = ?, due_at = ?, "
                       "hold_minutes = ?, hold_reasons = ?, edits = edits + 1 WHERE id = ?",
                       (text, json.dumps(report.to_dict(), ensure_ascii=False), to_utc_iso(now),
                        to_utc_iso(due), minutes, json.dumps(list(reasons), ensure_ascii=False),
                        draft.id))
            return self._get(db, draft.id)

    def release(self, draft_id: int | str, *, force: bool = False) -> Draft:
        """Mark a draft released (the caller shows it for copying). Refused while it is still
        cooling off, unless `force`."""
        now = self._clock()
        with self._transaction() as db:
            draft = self._get(db, draft_id)
            if draft.state != "held":
                raise InputError(f"draft {draft.id} was already released at "
                                 f"{show_local(draft.released_at or now, now)}")
            if not force and not draft.ready(now):
                left = draft.remaining(now)
                raise InputError(
                    f"draft {draft.id} is cooling off until {show_local(draft.due_at, now)} "
                    f"({format_duration(max(1, round(left.total_seconds() / 60)))} left); "
                    "wait, or release it now with --force")
            db.execute("UPDATE drafts SET state = 'released', released_at = ?, updated_at = ? "
                       "WHERE id = ?", (to_utc_iso(now), to_utc_iso(now), draft.id))
            return self._get(db, draft.id)

    def discard(self, draft_id: int | str) -> Draft:
        """Delete a draft and its words (overwritten in the file); returns what was deleted."""
        with self._transaction() as db:
            draft = self._get(db, draft_id)
            db.execute("DELETE FROM drafts WHERE id = ?", (draft.id,))
        with self._reading() as db, contextlib.suppress(sqlite3.OperationalError):
            # copy the change into the main file and empty the log, so the words are not
            # left behind in it; busy readers may delay this until a later checkpoint
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return draft

    def review(self, draft_id: int | str, *, checker: Checker | None = None) -> DraftReview:
        """The draft checked again, with what changed since the first check, the "imagine it
        said to you" view and the audience reminder."""
        from pausepost.act.imagine import imagine

        checker = self._checker_for(checker)
        draft = self.get(draft_id)
        report = checker.check(draft.text, quote=draft.quote, audience=draft.audience)
        first = draft.first_report.get("findings", [])
        fresh = [f.to_dict() for f in report.findings]
        first_keys = {finding_key(f) for f in first}
        fresh_keys = {finding_key(f) for f in fresh}
        return DraftReview(
            draft=draft, report=report,
            added=tuple(f for f in fresh if finding_key(f) not in first_keys),
            removed=tuple(f for f in first if finding_key(f) not in fresh_keys),
            imagined=imagine(draft.text, own_names=checker.profile.own_names),
            reminders=report.reminders, now=self._clock())
