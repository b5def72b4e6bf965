"""Mastodon's account archive (tar.gz, or unpacked): outbox.json, an ActivityStreams
OrderedCollection of the account's activities.

`Create` activities carry the post (a Note) and become posts or replies. `Announce`
activities are boosts: the archive holds only the boosted post's URL, not its words, so they
are yielded as kind "reshare" with text "" and url = the boosted post; the caller decides
whether a boost without text is worth listing (an audit lists them; the checker has nothing
to check).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pausepost.audit.readers.base import ArchivedPost, ExportSource, Reader, Skipped
from pausepost.audit.readers.tabular import parse_when
from pausepost.errors import InputError

_BLOCKS = {"p", "div", "blockquote", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}


class _TextParser(HTMLParser):
    """Collects the text of Mastodon's post HTML: <br> is a line break, paragraphs are
    separated by a blank line, everything else (mention spans, hidden URL parts) just text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of a post's HTML; never raises (falls back to stripping tags by pattern)."""
    try:
        parser = _TextParser()
        parser.feed(html)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # HTMLParser is lenient, but a hostile archive must not stop the audit
        text = unescape(re.sub(r"<[^>]*>", "", html))
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class MastodonReader(Reader):
    """Mastodon archive: outbox.json (+ media_attachments/ and actor.json)."""

    platform = "mastodon"
    description = "Mastodon account archive (outbox.json)"

    def _outboxes(self, source: ExportSource) -> list[str]:
        return [n for n in source.find("outbox.json")
                if n.rsplit("/", 1)[-1].lower() == "outbox.json"]

    def detect(self, source: ExportSource) -> bool:
        return bool(self._outboxes(source))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        names = set(source.names())
        for name in self._outboxes(source):
            prefix = name[: -len("outbox.json")]
            try:
                data = json.loads(source.text(name))
            except InputError as exc:
                yield Skipped(source=name, reason=str(exc))
                continue
            except (ValueError, RecursionError) as exc:
                yield Skipped(source=name, reason=f"not valid JSON ({exc})")
                continue
            items = data.get("orderedItems") if isinstance(data, dict) else None
            if not isinstance(items, list):
                yield Skipped(source=name, reason="no orderedItems list in the outbox")
                continue
            bad = 0
            for item in items:
                post = self._activity(item, name, prefix, names)
                if post is None:
                    bad += 1
                else:
                    yield post
            if bad:
                yield Skipped(source=name, reason="activities that are not a readable post or "
                                                  "boost", count=bad)

    def _activity(self, item: object, name: str, prefix: str,
                  names: set[str]) -> ArchivedPost | None:
        if not isinstance(item, dict):
            return None
        kind = item.get("type")
        if kind == "Announce":
            target = item.get("object")
            if isinstance(target, dict):  # some servers embed the boosted object
                target = target.get("id")
            ident = _string(item.get("id")) or _string(target)
            if ident is None:
                return None
            return ArchivedPost(platform=self.platform, id=ident, text="",
                                created=parse_when(item.get("published")), url=_string(target),
                                kind="reshare", source=name)
        if kind != "Create":
            return None
        note = item.get("object")
        if not isinstance(note, dict):
            return None
        ident = _string(note.get("id")) or _string(item.get("id"))
        if ident is None:
            return None
        content = note.get("content")
        if not isinstance(content, str):
            content = ""
        reply_to = _string(note.get("inReplyTo"))
        return ArchivedPost(
            platform=self.platform, id=ident, text=html_to_text(content),
            created=parse_when(note.get("published") or item.get("published")),
            url=_string(note.get("url")) or ident,
            kind="reply" if reply_to else "post", reply_to=reply_to,
            media=self._media(note.get("attachment"), prefix, names),
            content_warning=_string(note.get("summary")), source=name)

    @staticmethod
    def _media(attachments: object, prefix: str, names: set[str]) -> tuple[str, ...]:
        if not isinstance(attachments, list):
            return ()
        found = []
        for attachment in attachments:
            url = attachment.get("url") if isinstance(attachment, dict) else None
            if not isinstance(url, str) or not url:
                continue
            path = urlsplit(url).path.lstrip("/")  # relative in archives; a full URL tolerated
            if not path:
                continue
            # the archive stores media beside outbox.json; prefer the path that is really there
            found.append(prefix + path if prefix + path in names or path not in names else path)
        return tuple(found)
