"""Run an audit: read the export into the store, check what is not checked yet (in parallel),
and add the findings only a whole history shows."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pausepost import __version__
from pausepost.audit.readers.base import ExportSource
from pausepost.audit.readers.registry import reader_for
from pausepost.audit.store import AuditStore

BATCH = 500  # posts per committed batch: a kill loses at most this much work per worker
REPEATED_TARGET = 3  # conduct findings aimed at one account in this many posts: a pattern
PARTISAN_PATTERN = 5  # party-political posts before the history counts as a pattern
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,30}")


@dataclass
class AuditSummary:
    """What an audit run did."""

    platform: str
    posts: int
    checked_now: int
    skipped: list[tuple[str, str, int]]


def fingerprint(policy: str | None, profile: str | None, media: bool = False) -> str:
    """Identifies the rules posts were checked with: pausepost's version, the contents of the
    policy pack and profile files named, and whether photos and videos were checked."""
    digest = hashlib.sha256(f"{__version__} media={media}".encode())
    for spec in (policy, profile):
        digest.update(b"\0" + str(spec).encode())
        if spec and Path(spec).is_file():
            digest.update(Path(spec).read_bytes())
    return digest.hexdigest()[:16]


_WORKER: Any = None
_EXPORT: ExportSource | None = None  # set when photos and videos are checked too
_VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi")


def _init_worker(policy: str | None, profile: str | None, export: str | None = None) -> None:
    global _WORKER, _EXPORT
    from pausepost.engine import Checker

    _WORKER = Checker(policy, profile)
    _EXPORT = ExportSource.open(export) if export else None


_Todo = tuple[str, str, str | None, str]


def _check_batch(batch: list[_Todo]) -> list[tuple[str, str, list[Any]]]:
    from pausepost.errors import InputError

    out: list[tuple[str, str, list[Any]]] = []
    for key, text, quote, media_json in batch:
        body = text if text.strip() else (quote or "")
        media = json.loads(media_json or "[]") if _EXPORT is not None else []
        if not body.strip() and not media:
            out.append((key, "post", []))  # a bare reshare of a link: nothing to read
            continue
        # a private folder only for posts with media (most posts have none)
        with (tempfile.TemporaryDirectory(prefix="pausepost-media-") if media
              else contextlib.nullcontext("")) as folder:
            images, videos, problems = _unpack(media, Path(folder))
            try:
                report = _WORKER.check(body[:100_000], quote=quote if text.strip() else None,
                                       images=images, videos=videos)
            except InputError as exc:
                out.append((key, "unchecked", [{"rule": "-", "message": str(exc)}]))
                continue
        findings = [f.to_dict() for f in report.findings]
        findings += [{"rule": "-", "level": "note", "message": p}
                     for p in (*problems, *report.problems)]
        out.append((key, report.verdict, findings))
    return out


def _unpack(names: list[str], folder: Path) -> tuple[list[Path], list[Path], list[str]]:
    """Copy a post's media out of the export into a private folder, to be checked."""
    from pausepost.errors import InputError

    images: list[Path] = []
    videos: list[Path] = []
    problems: list[str] = []
    if not names or _EXPORT is None:
        return images, videos, problems
    for number, name in enumerate(names):
        suffix = Path(name).suffix.lower()[:8]
        target = folder / f"{number}{suffix}"
        try:
            target.write_bytes(_EXPORT.read(name))
        except InputError as exc:
            problems.append(str(exc))
            continue
        (videos if suffix in _VIDEO_SUFFIXES else images).append(target)
    return images, videos, problems


def _batches(rows: list[_Todo]) -> Iterator[list[_Todo]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def run_audit(export: str | Path, store: AuditStore, *, policy: str | None = None,
              profile: str | None = None, workers: int | None = None, media: bool = False,
              progress: Callable[[int, int, float], None] | None = None) -> AuditSummary:
    """Audit an export into `store`; safe to stop and run again."""
    source = ExportSource.open(export)
    try:
        reader = reader_for(source)
        posts = store.add_posts(reader.read(source))
    finally:
        source.close()
    stamp = fingerprint(policy, profile, media)
    media_from = str(Path(export).resolve()) if media else None
    todo = list(store.unchecked(stamp))
    gc.collect()  # the parsed export is gone: give its memory back before checking
    run = uuid.uuid4().hex[:8]
    done = 0
    started = time.perf_counter()
    workers = workers or max(1, min(os.cpu_count() or 1, 8))
    if todo:
        if workers == 1 or len(todo) <= BATCH:
            _init_worker(policy, profile, media_from)
            results: Iterator[list[Any]] = map(_check_batch, _batches(todo))
            pool = None
        else:
            # spawned, not forked: a worker starts small instead of sharing (and, as pages
            # are touched, copying) this process's memory
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_init_worker,
                                       initargs=(policy, profile, media_from))
            results = pool.map(_check_batch, _batches(todo))
        try:
            for batch in results:
                store.save_results(run, stamp, batch)
                done += len(batch)
                if progress:
                    progress(done, len(todo), time.perf_counter() - started)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            elif _EXPORT is not None:
                _EXPORT.close()  # checked in this process: its copy of the export is done
    return AuditSummary(reader.platform, posts, done, store.skipped())


def history(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings a single post cannot show: one account targeted again and again, and a
    pattern of party-political posting."""
    out: list[dict[str, Any]] = []
    targets: Counter[str] = Counter()
    posts_by_target: dict[str, list[str]] = {}
    partisan: list[str] = []
    for row in rows:
        rules = {f["rule"] for f in row["findings"] if f.get("level") in {"warning", "error"}}
        if any(r.startswith("conduct.") for r in rules):
            aimed = set(_MENTION.findall(row["text"] or ""))
            if row.get("reply_to") and str(row["reply_to"]).startswith("@"):
                aimed.add(row["reply_to"])
            for handle in aimed:
                targets[handle.lower()] += 1
                posts_by_target.setdefault(handle.lower(), []).append(row["key"])
        if "political.partisan" in rules:
            partisan.append(row["key"])
    for handle, count in targets.most_common():
        if count >= REPEATED_TARGET:
            out.append({"rule": "conduct.harassment", "level": "error",
                        "message": f"{count} posts with insults or threats aimed at {handle}: "
                                   "repeated targeting of one person reads as harassment",
                        "posts": posts_by_target[handle]})
    if len(partisan) >= PARTISAN_PATTERN:
        out.append({"rule": "political.partisan", "level": "warning",
                    "message": f"{len(partisan)} party-political posts: a pattern of political "
                               "activity, which matters more the more restricted your post is",
                    "posts": partisan})
    return out


def print_progress(done: int, total: int, elapsed: float) -> None:
    """A one-line progress bar with a time estimate, on standard error."""
    width = 30
    filled = int(width * done / max(1, total))
    rate = done / elapsed if elapsed else 0.0
    left = (total - done) / rate if rate else 0.0
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} posts, "
                     f"{rate:,.0f}/s, about {left:,.0f} s left ")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
