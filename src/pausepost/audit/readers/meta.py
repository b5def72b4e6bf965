"""Meta's "Download your information" JSON: Facebook, Instagram and Threads.

Meta writes each UTF-8 byte of a string as its own `\\u00XX` escape, so after `json.loads`
every string is mojibake ("cafÃ©") until it goes through `mend_mojibake`. Meta's exports carry
no post ids or links: ids are a stable hash of the time, text and first attachment, and url is
None. Media uris are paths from the export's root; they are kept only when the file is there.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from pausepost.audit.readers.base import (
    ArchivedPost,
    ExportSource,
    Reader,
    Skipped,
    mend_mojibake,
)
from pausepost.errors import InputError

_FB_POSTS = re.compile(r"(^|.*/)posts/your_posts[^/]*\.json", re.IGNORECASE)
_FB_ACTIVITY_POSTS = re.compile(r"(^|.*/)your_facebook_activity/posts/[^/]+\.json", re.IGNORECASE)
_FB_COMMENTS = re.compile(r"(^|.*/)(comments|comments_and_reactions)/comments\.json",
                          re.IGNORECASE)
_IG_POSTS = re.compile(r"(^|.*/)(content|media)/posts(_\d+)?\.json", re.IGNORECASE)
_IG_COMMENTS = re.compile(r"(^|.*/)comments/(post|reels)_comments(_\d+)?\.json", re.IGNORECASE)
_THREADS = re.compile(r"(^|.*/)threads/threads_and_replies\.json", re.IGNORECASE)

# "Jane Doe commented on John Smith's post." / "replied to John Smith’s comment."
_COMMENT_TARGET = re.compile(r"(?:commented on|replied to) (.+?)['’]s? "
                             r"(?:post|comment|photo|video|link|status|reel|album|event)")
_SHARED = re.compile(r"\bshared\b", re.IGNORECASE)


def mend(value: Any) -> Any:
    """Every string (and key) of parsed Meta JSON with its encoding repaired."""
    if isinstance(value, str):
        return mend_mojibake(value)
    if isinstance(value, list):
        return [mend(v) for v in value]
    if isinstance(value, dict):
        return {mend_mojibake(k): mend(v) for k, v in value.items()}
    return value


def load_meta_json(source: ExportSource, name: str) -> Any | Skipped:
    """A member's JSON with Meta's encoding repaired, or a Skipped saying why not."""
    try:
        text = source.text(name)
    except InputError as exc:
        return Skipped(source=name, reason=str(exc))
    try:
        return mend(json.loads(text))
    except (json.JSONDecodeError, RecursionError) as exc:
        return Skipped(source=name, reason=f"not valid JSON ({exc})")


def stable_id(prefix: str, *parts: object) -> str:
    """An id that is the same every time the same export is read."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:20]}"


def _matching(source: ExportSource, pattern: re.Pattern[str]) -> list[str]:
    return [n for n in source.find(".json") if pattern.fullmatch(n)]


def _when(value: object) -> datetime | None:
    """Unix seconds as an aware UTC datetime; None when it is not a usable number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _records(data: Any, *keys: str) -> list[Any] | None:
    """The list of records of a file: the file itself, or the list under one of `keys`
    (or under its only key when it has just one)."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            if isinstance(data.get(key), list):
                return list(data[key])
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(data) == 1 and len(lists) == 1:
            return list(lists[0])
    return None


class _Media:
    """Maps the uris Meta writes (from the export's root) to member paths, which differ when
    the export was unpacked inside a folder of its own."""

    def __init__(self, source: ExportSource) -> None:
        self.names = set(source.names())
        self.by_tail: dict[str, str] = {}
        for name in sorted(self.names, key=len):
            parts = name.split("/")
            for i in range(1, len(parts)):
                self.by_tail.setdefault("/".join(parts[i:]), name)

    def path(self, uri: object) -> str | None:
        if not isinstance(uri, str) or not uri or "://" in uri:
            return None
        uri = uri.lstrip("/")
        return uri if uri in self.names else self.by_tail.get(uri)


class _Tally:
    """Counts records that cannot be read, per file and reason, to report as Skipped."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()

    def add(self, name: str, reason: str) -> None:
        self.counts[(name, reason)] += 1

    def skipped(self) -> Iterator[Skipped]:
        for (name, reason), count in sorted(self.counts.items()):
            yield Skipped(source=name, reason=reason, count=count)


def _unique(post: ArchivedPost, seen: set[str]) -> ArchivedPost:
    """Two records with the same time and text (a photo burst) still get distinct ids."""
    new_id, n = post.id, 1
    while new_id in seen:
        n += 1
        new_id = f"{post.id}-{n}"
    seen.add(new_id)
    if new_id == post.id:
        return post
    return ArchivedPost(platform=post.platform, id=new_id, text=post.text, created=post.created,
                        url=post.url, kind=post.kind, reply_to=post.reply_to, quote=post.quote,
                        media=post.media, content_warning=post.content_warning,
                        source=post.source)


def _attachments(record: dict[str, Any], media: _Media) -> tuple[list[str], list[str]]:
    """Media member paths and shared links/descriptions of a Facebook record's attachments."""
    paths: list[str] = []
    shared: list[str] = []
    attachments = record.get("attachments")
    for attachment in attachments if isinstance(attachments, list) else ():
        data = attachment.get("data") if isinstance(attachment, dict) else None
        for item in data if isinstance(data, list) else ():
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("media"), dict):
                path = media.path(item["media"].get("uri"))
                if path and path not in paths:
                    paths.append(path)
                description = item["media"].get("description")
                if isinstance(description, str) and description.strip():
                    shared.append(description)
            context = item.get("external_context")
            if isinstance(context, dict):
                shared += [str(context[k]) for k in ("name", "url")
                           if isinstance(context.get(k), str) and context[k]]
    return paths, shared


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _strings(items: object, key: str) -> list[str]:
    """The `key` strings of a list of small objects, e.g. data: [{"post": "..."}]."""
    return [str(i[key]) for i in items if isinstance(i, dict) and isinstance(i.get(key), str)] \
        if isinstance(items, list) else []


class FacebookReader(Reader):
    """Posts and comments from Facebook's "Download your information" (JSON format)."""

    platform = "facebook"
    description = "Facebook 'Download your information' export, JSON (posts and comments)"

    def detect(self, source: ExportSource) -> bool:
        return bool(_matching(source, _FB_POSTS) or _matching(source, _FB_COMMENTS))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        media, tally, seen = _Media(source), _Tally(), set[str]()
        post_files = sorted(set(_matching(source, _FB_POSTS))
                            | set(_matching(source, _FB_ACTIVITY_POSTS)))
        for name in post_files:
            data = load_meta_json(source, name)
            if isinstance(data, Skipped):
                yield data
                continue
            records = _records(data, "status_updates")
            explicit = bool(_FB_POSTS.fullmatch(name))
            if records is None or not (explicit or _looks_like_posts(records)):
                if explicit:
                    yield Skipped(source=name, reason="not a list of posts")
                continue  # another file of the posts folder (albums, edits ...): not posts
            for record in records:
                post = self._post(record, name, media)
                if isinstance(post, str):
                    tally.add(name, post)
                elif post is not None:
                    yield _unique(post, seen)
        for name in _matching(source, _FB_COMMENTS):
            data = load_meta_json(source, name)
            if isinstance(data, Skipped):
                yield data
                continue
            records = _records(data, "comments_v2", "comments")
            if records is None:
                yield Skipped(source=name, reason="not a list of comments")
                continue
            for record in records:
                post = self._comment(record, name, media)
                if isinstance(post, str):
                    tally.add(name, post)
                elif post is not None:
                    yield _unique(post, seen)
        yield from tally.skipped()

    @staticmethod
    def _post(record: object, name: str, media: _Media) -> ArchivedPost | str | None:
        if not isinstance(record, dict):
            return "a post is not a JSON object"
        created = _when(record.get("timestamp"))
        if created is None:
            return "a post has no timestamp"
        text = "\n".join(_strings(record.get("data"), "post"))
        paths, shared = _attachments(record, media)
        title = _text(record.get("title"))
        if not text and not paths and not shared:
            return None  # "Jane updated her profile picture." with nothing kept: not a post
        is_share = bool(_SHARED.search(title))
        return ArchivedPost(
            platform="facebook",
            id=stable_id("fb", record.get("timestamp"), text, paths[:1], shared[:1]),
            text=text, created=created, kind="reshare" if is_share else "post",
            quote="\n".join(shared) or None, media=tuple(paths), source=name)

    @staticmethod
    def _comment(record: object, name: str, media: _Media) -> ArchivedPost | str | None:
        if not isinstance(record, dict):
            return "a comment is not a JSON object"
        data = record.get("data")
        comments = [d["comment"] for d in data if isinstance(d, dict)
                    and isinstance(d.get("comment"), dict)] if isinstance(data, list) else []
        text = "\n".join(_strings(comments, "comment"))
        timestamp = record.get("timestamp", comments[0].get("timestamp") if comments else None)
        created = _when(timestamp)
        if created is None:
            return "a comment has no timestamp"
        paths, shared = _attachments(record, media)
        if not text and not paths:
            return "a comment has no text"
        title = _text(record.get("title"))
        target = _COMMENT_TARGET.search(title)
        reply_to = target.group(1) if target and target.group(1) not in (
            "his own", "her own", "their own", "your own") else None
        return ArchivedPost(platform="facebook", id=stable_id("fb", timestamp, text, paths[:1]),
                            text=text, created=created, kind="comment", reply_to=reply_to,
                            quote="\n".join(shared) or None, media=tuple(paths), source=name)


def _looks_like_posts(records: list[Any]) -> bool:
    """A file of the 2024+ posts folder holds posts if its records are timestamped posts."""
    return any(isinstance(r, dict) and "timestamp" in r and ("data" in r or "attachments" in r)
               for r in records)


class InstagramReader(Reader):
    """Posts and comments from Instagram's "Download your information" (JSON format); also the
    Threads posts when the export holds them (the registry gives an export to one reader)."""

    platform = "instagram"
    description = "Instagram 'Download your information' export, JSON (posts and comments)"

    def detect(self, source: ExportSource) -> bool:
        return bool(_matching(source, _IG_POSTS) or _matching(source, _IG_COMMENTS))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        media, tally, seen = _Media(source), _Tally(), set[str]()
        for name in _matching(source, _IG_POSTS):
            data = load_meta_json(source, name)
            if isinstance(data, Skipped):
                yield data
                continue
            records = _records(data)
            if records is None:
                yield Skipped(source=name, reason="not a list of posts")
                continue
            yield from _each(records, name, lambda r, n: _media_post(
                "instagram", "ig", r, n, media), tally, seen)
        for name in _matching(source, _IG_COMMENTS):
            data = load_meta_json(source, name)
            if isinstance(data, Skipped):
                yield data
                continue
            records = _records(data, "comments_media_comments", "comments_reels_comments")
            if records is None:
                yield Skipped(source=name, reason="not a list of comments")
                continue
            yield from _each(records, name, _ig_comment, tally, seen)
        yield from tally.skipped()
        if _matching(source, _THREADS):
            yield from ThreadsReader().read(source)


class ThreadsReader(Reader):
    """Threads posts and replies (`threads/threads_and_replies.json`)."""

    platform = "threads"
    description = "Threads export from Meta, JSON (threads/threads_and_replies.json)"

    def detect(self, source: ExportSource) -> bool:
        return bool(_matching(source, _THREADS))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        media, tally, seen = _Media(source), _Tally(), set[str]()
        for name in _matching(source, _THREADS):
            data = load_meta_json(source, name)
            if isinstance(data, Skipped):
                yield data
                continue
            records = _records(data, "text_post_app_text_posts")
            if records is None:
                yield Skipped(source=name, reason="not a list of threads")
                continue
            yield from _each(records, name, lambda r, n: _media_post(
                "threads", "th", r, n, media), tally, seen)
        yield from tally.skipped()


def _each(records: Iterable[Any], name: str, make: Callable[[Any, str], ArchivedPost | str | None],
          tally: _Tally, seen: set[str]) -> Iterator[ArchivedPost]:
    for record in records:
        post = make(record, name)
        if isinstance(post, str):
            tally.add(name, post)
        elif post is not None:
            yield _unique(post, seen)


def _media_post(platform: str, prefix: str, record: object, name: str,
                media: _Media) -> ArchivedPost | str:
    """An Instagram post or a thread: a list of media, the caption on it or on its media."""
    if not isinstance(record, dict):
        return "a post is not a JSON object"
    items = [m for m in record.get("media", ()) if isinstance(m, dict)] \
        if isinstance(record.get("media"), list) else []
    titles = _strings(items, "title")
    top = record.get("title")
    text = top if isinstance(top, str) and top else next((t for t in titles if t), "")
    timestamp = record.get("creation_timestamp",
                           items[0].get("creation_timestamp") if items else None)
    created = _when(timestamp)
    if created is None:
        return "a post has no creation_timestamp"
    paths: list[str] = []
    for item in items:
        path = media.path(item.get("uri"))
        if path and path not in paths:
            paths.append(path)
    if not text and not paths:
        return "a post has neither caption nor media"
    uris = [i.get("uri") for i in items[:1]]
    return ArchivedPost(platform=platform, id=stable_id(prefix, timestamp, text, uris),
                        text=text, created=created, media=tuple(paths), source=name)


def _ig_comment(record: object, name: str) -> ArchivedPost | str:
    """An Instagram comment: {"string_map_data": {"Comment", "Media Owner", "Time"}}."""
    fields = record.get("string_map_data") if isinstance(record, dict) else None
    if not isinstance(fields, dict):
        return "a comment has no string_map_data"

    def field(key: str, part: str) -> Any:
        entry = fields.get(key)
        return entry.get(part) if isinstance(entry, dict) else None

    text, owner, timestamp = field("Comment", "value"), field("Media Owner", "value"), \
        field("Time", "timestamp")
    created = _when(timestamp)
    if not isinstance(text, str) or not text:
        return "a comment has no text"
    if created is None:
        return "a comment has no time"
    reply_to = f"@{owner}" if isinstance(owner, str) and owner else None
    return ArchivedPost(platform="instagram", id=stable_id("ig", timestamp, text, owner),
                        text=text, created=created, kind="comment", reply_to=reply_to,
                        source=name)
