"""Audits for the web app: started from an uploaded export (checked in the background), or
opened from an existing audit file; browsed, filtered and marked through the same store the
`pausepost audit` command writes."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pausepost.errors import InputError, PausepostError
from pausepost.model import LEVEL_RANK

_AUDIT_ID = re.compile(r"[A-Za-z0-9_-]{1,80}")


@dataclass
class AuditEntry:
    """One audit the page can open: its file and, while it runs, its progress."""

    id: str
    path: Path
    name: str
    status: str = "done"  # reading, checking, done, failed
    done: int = 0
    total: int = 0
    error: str | None = None
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    platform: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "status": self.status, "done": self.done,
                "total": self.total, "error": self.error, "started": self.started,
                "platform": self.platform, "file": self.path.name}


def _year(row: dict[str, Any]) -> str:
    return str(row.get("created") or "")[:4] or "unknown"


def _worst(row: dict[str, Any]) -> int:
    return max((LEVEL_RANK.get(f.get("level", "note"), 0) for f in row["findings"]), default=-1)


class AuditBook:
    """Every audit in the data folder, plus files named on the command line."""

    def __init__(self, folder: Path, extra: tuple[Path, ...] = (), *,
                 policy: str | None = None, profile: str | None = None) -> None:
        self.folder = folder
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.policy = policy
        self.profile = profile
        self._entries: dict[str, AuditEntry] = {}
        self._lock = threading.Lock()
        for path in extra:
            path = path.expanduser().resolve()
            if not path.is_file():
                raise InputError(f"{path}: no such audit file")
            key = "f" + hashlib.sha256(str(path).encode()).hexdigest()[:10]
            self._entries[key] = AuditEntry(key, path, path.name)

    def list(self) -> list[dict[str, Any]]:
        """Audits known to the page, newest first, each described from its file."""
        with self._lock:
            self._scan()
            for entry in self._entries.values():
                if entry.status in ("done", "stopped"):
                    _fill_from_file(entry)
            entries = list(self._entries.values())
        return [e.to_dict() for e in sorted(entries, key=lambda e: e.started, reverse=True)]

    def _scan(self) -> None:
        """Add audit files in the data folder not seen yet (call with the lock held)."""
        for path in self.folder.glob("*.sqlite"):
            if path.stem not in self._entries and _AUDIT_ID.fullmatch(path.stem):
                meta = _read_meta(path)
                # an audit this process is not running cannot still be going: it was
                # stopped (the command line's `pausepost audit` resumes it)
                status = meta.get("status", "done")
                self._entries[path.stem] = AuditEntry(
                    path.stem, path, meta.get("name", path.stem),
                    status="done" if status in ("done", "failed") else "stopped",
                    error=meta.get("error"), started=meta.get("started", ""),
                    platform=meta.get("platform"))

    def get(self, audit_id: str) -> AuditEntry:
        if not _AUDIT_ID.fullmatch(audit_id):
            raise KeyError(audit_id)
        with self._lock:
            if audit_id not in self._entries:  # a file added since the last look
                self._scan()
            return self._entries[audit_id]

    def start(self, export: Path, name: str, *, media: bool = False,
              cleanup: Callable[[], object] = lambda: None) -> AuditEntry:
        """Audit an export in a background thread (its checks run in worker processes)."""
        audit_id = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + hashlib.sha256(
            f"{export}{time.time_ns()}".encode()).hexdigest()[:6]
        entry = AuditEntry(audit_id, self.folder / f"{audit_id}.sqlite", name,
                           status="reading")
        with self._lock:
            self._entries[audit_id] = entry
        _write_meta(entry)
        thread = threading.Thread(target=self._run, args=(entry, export, media, cleanup),
                                  name=f"audit-{audit_id}", daemon=True)
        thread.start()
        return entry

    def _run(self, entry: AuditEntry, export: Path, media: bool,
             cleanup: Callable[[], object]) -> None:
        from pausepost.audit.run import run_audit
        from pausepost.audit.store import AuditStore

        def progress(done: int, total: int, _elapsed: float) -> None:
            entry.status, entry.done, entry.total = "checking", done, total

        store = None
        try:
            store = AuditStore(entry.path)
            summary = run_audit(export, store, policy=self.policy, profile=self.profile,
                                media=media, progress=progress)
            entry.platform = summary.platform
            entry.total = entry.done = store.count()
            entry.status = "done"
        except PausepostError as exc:
            entry.status, entry.error = "failed", str(exc)
        except Exception as exc:  # a background failure must reach the page, not vanish
            entry.status, entry.error = "failed", f"internal error ({type(exc).__name__}: {exc})"
        finally:
            if store is not None:
                store.close()
            cleanup()
            _write_meta(entry)

    def posts(self, audit_id: str, *, risky_only: bool = True, rule: str | None = None,
              level: str | None = None, year: str | None = None, decision: str | None = None,
              offset: int = 0, limit: int = 50) -> dict[str, Any]:
        """One page of an audit's posts, riskiest first, with the counts the filters need."""
        from pausepost.audit.run import history
        from pausepost.audit.store import AuditStore

        entry = self.get(audit_id)
        store = AuditStore(entry.path)
        try:
            rows = store.rows(risky_only=risky_only)
            total_posts = store.count()
        finally:
            store.close()
        risky = [r for r in rows if r["findings"] and r.get("verdict") not in (None, "post")]
        counts = {
            "rules": dict(Counter(f["rule"] for r in risky for f in r["findings"])),
            "years": dict(sorted(Counter(_year(r) for r in risky).items())),
            "decisions": dict(Counter(r["decision"] or "undecided" for r in risky)),
        }
        if rule:
            rows = [r for r in rows if any(f["rule"] == rule for f in r["findings"])]
        if level:
            floor = LEVEL_RANK.get(level, 0)
            rows = [r for r in rows if _worst(r) >= floor]
        if year:
            rows = [r for r in rows if _year(r) == year]
        if decision:
            wanted = None if decision == "undecided" else decision
            rows = [r for r in rows if r["decision"] == wanted]
        rows.sort(key=lambda r: (-_worst(r), -len(r["findings"]), r.get("created") or ""))
        return {"audit": entry.to_dict(), "posts_in_audit": total_posts, "matching": len(rows),
                "offset": offset, "posts": rows[offset:offset + limit], "counts": counts,
                "history": history(risky)}

    def decide(self, audit_id: str, key: str, decision: str) -> None:
        from pausepost.audit.store import AuditStore

        store = AuditStore(self.get(audit_id).path)
        try:
            store.decide(key, decision)
        finally:
            store.close()


def _fill_from_file(entry: AuditEntry) -> None:
    """Counts, platform and date from the audit file itself: an audit made by the command line
    has no notes beside it."""
    from pausepost.audit.store import AuditStore

    try:
        store = AuditStore(entry.path)
    except PausepostError as exc:
        entry.status, entry.error = "failed", str(exc)
        return
    try:
        entry.total, entry.done = store.count(), store.checked()
        entry.platform = entry.platform or store.platform()
    finally:
        store.close()
    if not entry.started:
        modified = entry.path.stat().st_mtime
        entry.started = datetime.fromtimestamp(modified, UTC).isoformat()


def _meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(_meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_meta(entry: AuditEntry) -> None:
    meta = {"name": entry.name, "started": entry.started, "platform": entry.platform,
            "status": entry.status, "error": entry.error}
    _meta_path(entry.path).write_text(json.dumps(meta), encoding="utf-8")
