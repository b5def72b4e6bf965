"""The audit's SQLite file: posts, their findings, and what the person decided.

Every batch is committed as it is done, so an audit stopped at any moment (even killed)
resumes where it stopped; each result records the fingerprint of the rules it was checked
with, so after a policy or profile change only the posts checked under old rules are checked
again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pausepost.audit.readers.base import ArchivedPost, Skipped
from pausepost.errors import InputError

DECISIONS = ("handled", "deleted", "keep")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    key TEXT PRIMARY KEY, platform TEXT, id TEXT, text TEXT, created TEXT, url TEXT,
    kind TEXT, reply_to TEXT, quote TEXT, media TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY, fingerprint TEXT, verdict TEXT, findings TEXT, checked_at TEXT);
CREATE TABLE IF NOT EXISTS decisions (key TEXT PRIMARY KEY, decision TEXT, at TEXT);
CREATE TABLE IF NOT EXISTS skipped (source TEXT, reason TEXT, count INTEGER);
CREATE TABLE IF NOT EXISTS checks (run TEXT, count INTEGER);
"""


def post_key(post: ArchivedPost) -> str:
    return f"{post.platform}:{post.id}"


class AuditStore:
    """One audit's posts and results, in a SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not an audit file pausepost can use ({exc})") from None

    def close(self) -> None:
        self.db.close()

    def add_posts(self, items: Iterable[ArchivedPost | Skipped], batch: int = 2000) -> int:
        """Store posts not seen before (and the skip records); returns how many were read."""
        self.db.execute("DELETE FROM skipped")
        rows: list[tuple[Any, ...]] = []
        count = 0
        for item in items:
            if isinstance(item, Skipped):
                self.db.execute("INSERT INTO skipped VALUES (?, ?, ?)",
                                (item.source, item.reason, item.count))
                continue
            count += 1
            rows.append((post_key(item), item.platform, item.id, item.text,
                         item.created.isoformat() if item.created else None, item.url,
                         item.kind, item.reply_to, item.quote, json.dumps(list(item.media)),
                         item.source))
            if len(rows) >= batch:
                self._insert(rows)
                rows = []
        self._insert(rows)
        return count

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO posts VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        self.db.commit()

    def unchecked(self, fingerprint: str) -> Iterator[tuple[str, str, str | None, str]]:
        """(key, text, quote, media as JSON) of posts with no result under these rules."""
        cursor = self.db.execute(
            "SELECT p.key, p.text, p.quote, p.media FROM posts p "
            "LEFT JOIN results r ON r.key = p.key "
            "WHERE r.key IS NULL OR r.fingerprint != ? ORDER BY p.key", (fingerprint,))
        yield from cursor.fetchall()

    def save_results(self, run: str, fingerprint: str,
                     results: list[tuple[str, str, list[dict[str, Any]]]]) -> None:
        """Store a batch of (key, verdict, findings) atomically, with the count checked."""
        now = datetime.now(UTC).isoformat()
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?)",
                                [(k, fingerprint, v, json.dumps(f), now)
                                 for k, v, f in results])
            self.db.execute("INSERT INTO checks VALUES (?, ?)", (run, len(results)))

    def decide(self, key: str, decision: str) -> None:
        """Record what the person did with a post: handled, deleted or keep ("undecided"
        takes a decision back)."""
        if decision not in (*DECISIONS, "undecided"):
            raise InputError(f"decision must be one of {', '.join(DECISIONS)} or undecided")
        if self.db.execute("SELECT 1 FROM posts WHERE key = ?", (key,)).fetchone() is None:
            raise InputError(f"{key}: no such post in this audit")
        if decision == "undecided":
            with self.db:
                self.db.execute("DELETE FROM decisions WHERE key = ?", (key,))
            return
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO decisions VALUES (?, ?, ?)",
                            (key, decision, datetime.now(UTC).isoformat()))

    def rows(self, risky_only: bool = False) -> list[dict[str, Any]]:
        """Every post (or only those with a warning or worse) with its verdict, findings and
        decision."""
        where = " WHERE r.verdict IS NOT NULL AND r.verdict != 'post'" if risky_only else ""
        cursor = self.db.execute(
            "SELECT p.key, p.platform, p.id, p.text, p.created, p.url, p.kind, p.reply_to, "
            "p.quote, r.verdict, r.findings, d.decision FROM posts p "
            "LEFT JOIN results r ON r.key = p.key LEFT JOIN decisions d ON d.key = p.key"
            + where + " ORDER BY p.created")
        names = [c[0] for c in cursor.description]
        out = []
        for row in cursor.fetchall():
            item = dict(zip(names, row, strict=True))
            item["findings"] = json.loads(item["findings"]) if item["findings"] else []
            out.append(item)
        return out

    def platform(self) -> str | None:
        """The platform of the audit's posts (the first stored), if any."""
        row = self.db.execute("SELECT platform FROM posts LIMIT 1").fetchone()
        return None if row is None else str(row[0])

    def checked(self) -> int:
        """Posts with a result (under any rules)."""
        return int(self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0])

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM posts").fetchone()[0])

    def skipped(self) -> list[tuple[str, str, int]]:
        return list(self.db.execute("SELECT source, reason, count FROM skipped"))

    def checks_done(self) -> int:
        """Posts checked over every run of this audit (each counted once per check)."""
        return int(self.db.execute("SELECT COALESCE(SUM(count), 0) FROM checks").fetchone()[0])
