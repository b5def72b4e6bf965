"""X (Twitter) archive: `data/tweets.js` and its parts, as JavaScript assignments of JSON.

The archive writes each file as `window.YTD.tweets.part0 = [ ... ]`; everything up to the first
`=` is dropped and the rest parsed as a JSON array of `{"tweet": {...}}`. Deleted tweets
(`deleted-tweets.js`) are not read: they are already gone from the platform.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import PurePosixPath
from typing import Any

from pausepost.audit.readers.base import ArchivedPost, ExportSource, Reader, Skipped
from pausepost.errors import InputError

# tweet.js, tweets.js, tweets-part1.js, tweet-part2.js; not deleted-tweets.js or tweet-headers.js
_TWEET_FILE = re.compile(r"tweets?(-part\d+)?\.js", re.IGNORECASE)
_RETWEET = re.compile(r"RT @(\w{1,50}): ?", re.ASCII)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")


def parse_created_at(value: object) -> datetime | None:
    """X's "Tue Mar 19 14:05:17 +0000 2019" as an aware UTC datetime; None if it is not that.

    Parsed by hand rather than with strptime, whose %a/%b depend on the process locale."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    if len(parts) != 6:
        return None
    _weekday, month, day, clock, offset, year = parts
    month_no = _MONTHS.get(month[:3].lower())
    offset_match = _OFFSET.fullmatch(offset)
    hms = clock.split(":")
    if month_no is None or offset_match is None or len(hms) != 3:
        return None
    try:
        sign = -1 if offset_match.group(1) == "-" else 1
        zone = timezone(sign * timedelta(hours=int(offset_match.group(2)),
                                         minutes=int(offset_match.group(3))))
        local = datetime(int(year), month_no, int(day), int(hms[0]), int(hms[1]), int(hms[2]),
                         tzinfo=zone)
        return local.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def load_js_array(source: ExportSource, name: str) -> list[Any] | Skipped:
    """The JSON array assigned in an archive `.js` member, or a Skipped saying why not."""
    try:
        text = source.text(name)
    except InputError as exc:
        return Skipped(source=name, reason=str(exc))
    _, equals, body = text.partition("=")
    if not equals:
        return Skipped(source=name, reason="not an X archive data file (no `=` assignment)")
    body = body.strip().removesuffix(";")
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, RecursionError) as exc:
        return Skipped(source=name, reason=f"not valid JSON ({exc})")
    if not isinstance(data, list):
        return Skipped(source=name, reason="not a JSON array of tweets")
    return data


class XReader(Reader):
    """Tweets, replies and retweets from an X/Twitter archive (`data/tweets.js`)."""

    platform = "x"
    description = "X/Twitter archive (zip or folder with data/tweets.js)"

    def detect(self, source: ExportSource) -> bool:
        return bool(_tweet_files(source))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        files = _tweet_files(source)
        if not files:
            yield Skipped(source=str(source.path), reason="no data/tweets.js in the export")
            return
        username = _username(source)
        media_files = _media_index(source)
        for name in files:
            data = load_js_array(source, name)
            if isinstance(data, Skipped):
                yield data
                continue
            problems: Counter[str] = Counter()
            for element in data:
                post = _post(element, name, username, media_files)
                if isinstance(post, str):
                    problems[post] += 1
                else:
                    yield post
            for reason, count in sorted(problems.items()):
                yield Skipped(source=name, reason=reason, count=count)


def _tweet_files(source: ExportSource) -> list[str]:
    return [n for n in source.find(".js") if _TWEET_FILE.fullmatch(PurePosixPath(n).name)]


def _username(source: ExportSource) -> str | None:
    """The account's @username from `account.js`, if the archive has it."""
    for name in source.find("account.js"):
        if PurePosixPath(name).name.lower() != "account.js":
            continue
        data = load_js_array(source, name)
        if isinstance(data, Skipped):
            continue  # only the links suffer: they fall back to /i/web/status/
        for element in data:
            account = element.get("account") if isinstance(element, dict) else None
            if isinstance(account, dict) and isinstance(account.get("username"), str):
                return str(account["username"])
    return None


def _media_index(source: ExportSource) -> dict[str, list[str]]:
    """Files of `tweets_media/` grouped by the tweet id their name starts with."""
    index: dict[str, list[str]] = {}
    for name in source.names():
        path = PurePosixPath(name)
        if path.parent.name.lower() == "tweets_media" and "-" in path.name:
            index.setdefault(path.name.split("-", 1)[0], []).append(name)
    return index


def _post(element: object, source_name: str, username: str | None,
          media_files: dict[str, list[str]]) -> ArchivedPost | str:
    """One tweet, or the reason it cannot be read."""
    if not isinstance(element, dict):
        return "an element is not a JSON object"
    tweet = element.get("tweet", element)  # very old archives have no {"tweet": ...} wrapper
    if not isinstance(tweet, dict):
        return "an element is not a JSON object"
    tweet_id = tweet.get("id_str", tweet.get("id"))
    if not isinstance(tweet_id, str | int) or isinstance(tweet_id, bool) or not str(tweet_id):
        return "a tweet has no id"
    tweet_id = str(tweet_id)
    raw = tweet.get("full_text", tweet.get("text"))
    if not isinstance(raw, str):
        return "a tweet has no text"
    text = _expand_links(_unescape(raw), tweet.get("entities"))

    kind, reply_to, quote = "post", None, None
    retweet = _RETWEET.match(text)
    if retweet:
        kind, quote = "reshare", text[retweet.end():]
    else:
        to_name = tweet.get("in_reply_to_screen_name")
        to_status = tweet.get("in_reply_to_status_id_str")
        if isinstance(to_name, str) and to_name:
            kind, reply_to = "reply", f"@{to_name}"
        elif isinstance(to_status, str) and to_status:
            kind, reply_to = "reply", f"https://x.com/i/web/status/{to_status}"

    url = (f"https://x.com/{username}/status/{tweet_id}" if username
           else f"https://x.com/i/web/status/{tweet_id}")
    return ArchivedPost(platform="x", id=tweet_id, text=text,
                        created=parse_created_at(tweet.get("created_at")), url=url, kind=kind,
                        reply_to=reply_to, quote=quote,
                        media=_media(tweet, tweet_id, media_files), source=source_name)


def _unescape(text: str) -> str:
    # X escapes exactly these three; html.unescape would also turn a typed "&copy" into "©"
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _expand_links(text: str, entities: object) -> str:
    """t.co links replaced by the addresses they stand for, where the archive gives them."""
    urls = entities.get("urls") if isinstance(entities, dict) else None
    if not isinstance(urls, list):
        return text
    for entry in urls:
        if not isinstance(entry, dict):
            continue
        short, expanded = entry.get("url"), entry.get("expanded_url")
        if isinstance(short, str) and short and isinstance(expanded, str) and expanded:
            text = text.replace(short, expanded)
    return text


def _media(tweet: dict[str, Any], tweet_id: str,
           media_files: dict[str, list[str]]) -> tuple[str, ...]:
    """Member paths of the tweet's photos and videos: the ones its entities name first, then
    any other file saved under its id (the archive keeps one file per photo or video)."""
    saved = media_files.get(tweet_id, [])
    if not saved:
        return ()
    by_file = {PurePosixPath(p).name.split("-", 1)[1]: p for p in saved}
    wanted: list[str] = []
    for holder in (tweet.get("extended_entities"), tweet.get("entities")):
        items = holder.get("media") if isinstance(holder, dict) else None
        for item in items if isinstance(items, list) else ():
            if not isinstance(item, dict):
                continue
            addresses = [item.get("media_url_https"), item.get("media_url")]
            variants = item.get("video_info", {})
            if isinstance(variants, dict) and isinstance(variants.get("variants"), list):
                addresses += [v.get("url") for v in variants["variants"] if isinstance(v, dict)]
            for address in addresses:
                if isinstance(address, str):
                    file = address.split("?", 1)[0].rsplit("/", 1)[-1]
                    if file in by_file and by_file[file] not in wanted:
                        wanted.append(by_file[file])
    wanted += [p for p in saved if p not in wanted]
    return tuple(wanted)
