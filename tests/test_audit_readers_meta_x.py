"""The X and Meta (Facebook, Instagram, Threads) export readers, on exports written here in the
platforms' own layouts, packed as a zip and unpacked as a folder."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pausepost.audit.readers.base import ArchivedPost, ExportSource, Skipped, mend_mojibake
from pausepost.audit.readers.meta import FacebookReader, InstagramReader, ThreadsReader
from pausepost.audit.readers.x import XReader, parse_created_at

ACCENTS = "café 😀 naïve — £5"


def mangled(text: str) -> str:
    """What Meta's exporter does to a string: each UTF-8 byte becomes one \\u00XX character."""
    return text.encode("utf-8").decode("latin-1")


def meta_json(value: Any) -> bytes:
    """JSON the way Meta writes it: ASCII only, every non-ASCII byte as a \\u00XX escape."""
    def walk(v: Any) -> Any:
        if isinstance(v, str):
            return mangled(v)
        if isinstance(v, list):
            return [walk(i) for i in v]
        if isinstance(v, dict):
            return {k: walk(i) for k, i in v.items()}
        return v
    return json.dumps(walk(value), indent=2).encode("ascii")


def x_js(variable: str, value: Any) -> bytes:
    return f"window.YTD.{variable} = {json.dumps(value, indent=2, ensure_ascii=False)}".encode()


def write_export(tmp_path: Path, files: dict[str, bytes], packing: str) -> Path:
    """`files` as a zip, a folder, or a folder whose export sits one level deeper."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    if packing == "zip":
        path = tmp_path / "export.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return path
    root = tmp_path / "export"
    base = root / "unpacked-2024-05-01" if packing == "nested" else root
    for name, data in files.items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_bytes(data)
    return root


def read_all(reader: Any, path: Path) -> tuple[list[ArchivedPost], list[Skipped]]:
    source = ExportSource.open(path)
    try:
        assert reader.detect(source)
        out = list(reader.read(source))
    finally:
        source.close()
    posts = [p for p in out if isinstance(p, ArchivedPost)]
    skipped = [s for s in out if isinstance(s, Skipped)]
    assert len(posts) + len(skipped) == len(out)
    return posts, skipped


def strip_prefix(path: str) -> str:
    return path.removeprefix("unpacked-2024-05-01/")


# --------------------------------------------------------------------------------------- X

def tweet(id_: str, text: str, created: str, **extra: Any) -> dict[str, Any]:
    body = {"id_str": id_, "id": id_, "full_text": text, "created_at": created,
            "favorite_count": "3", "retweet_count": "0", "lang": "en",
            "entities": {"hashtags": [], "urls": [], "user_mentions": []}}
    body.update(extra)
    return {"tweet": body}


def x_files(with_account: bool = True) -> dict[str, bytes]:
    part0 = [
        tweet("1107", "Honestly the minister is a total disgrace &amp; should resign &lt;3",
              "Tue Mar 19 14:05:17 +0000 2019"),
        tweet("1108", "RT @PartyHQ: Vote for us on Thursday! #GE2019",
              "Mon Dec 09 08:00:00 +0000 2019"),
        tweet("1109", "@bob Lovely walk in the Peak District today",
              "Sat Jun 01 18:30:00 +0100 2019", in_reply_to_screen_name="bob",
              in_reply_to_status_id_str="1100", in_reply_to_user_id_str="42"),
        tweet("1110", "Read this https://t.co/abc123 before Thursday",
              "Wed Dec 11 21:15:00 +0000 2019",
              entities={"urls": [{"url": "https://t.co/abc123",
                                  "expanded_url": "https://example.org/manifesto",
                                  "display_url": "example.org/manifesto"}]}),
        tweet("1111", "Team photo! https://t.co/pic1", "Fri Jul 05 09:00:00 +0000 2019",
              entities={"urls": [], "media": [{"url": "https://t.co/pic1",
                                                "media_url_https": "https://pbs.twimg.com/media/D-aaa.jpg"}]},
              extended_entities={"media": [
                  {"url": "https://t.co/pic1", "type": "photo",
                   "media_url_https": "https://pbs.twimg.com/media/D-aaa.jpg"},
                  {"url": "https://t.co/pic1", "type": "video",
                   "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/9/pu/img/th.jpg",
                   "video_info": {"variants": [
                       {"bitrate": "832000", "content_type": "video/mp4",
                        "url": "https://video.twimg.com/ext_tw_video/9/pu/vid/640x360/v1.mp4?tag=10"}]}}]}),
    ]
    part1 = [tweet("1200", f"Café owner said {ACCENTS}", "Thu Jan 02 00:00:01 +0000 2020")]
    files = {
        "data/tweets.js": x_js("tweets.part0", part0),
        "data/tweets-part1.js": x_js("tweets_part1.part0", part1),
        "data/deleted-tweets.js": x_js("deleted_tweets.part0", [
            tweet("999", "already deleted", "Tue Mar 19 14:05:17 +0000 2019")]),
        "data/tweets_media/1111-D-aaa.jpg": b"\xff\xd8jpeg",
        "data/tweets_media/1111-v1.mp4": b"mp4",
        "data/tweets_media/7777-other.jpg": b"\xff\xd8",
        "data/tweet-headers.js": x_js("tweet_headers.part0", [{"tweet": {"tweet_id": "1107"}}]),
        "Your archive.html": b"<html></html>",
    }
    if with_account:
        files["data/account.js"] = x_js("account.part0", [{"account": {
            "username": "jane_cs", "accountId": "42", "accountDisplayName": "Jane"}}])
    return files


@pytest.mark.parametrize("packing", ["zip", "folder", "nested"])
def test_x_reads_every_tweet(tmp_path: Path, packing: str) -> None:
    posts, skipped = read_all(XReader(), write_export(tmp_path, x_files(), packing))
    assert skipped == []
    by_id = {p.id: p for p in posts}
    assert sorted(by_id) == ["1107", "1108", "1109", "1110", "1111", "1200"]  # not 999
    assert all(p.platform == "x" and p.url == f"https://x.com/jane_cs/status/{p.id}"
               for p in posts)

    risky = by_id["1107"]
    assert risky.text == "Honestly the minister is a total disgrace & should resign <3"
    assert risky.kind == "post" and risky.reply_to is None and risky.quote is None
    assert risky.created == datetime(2019, 3, 19, 14, 5, 17, tzinfo=UTC)
    assert strip_prefix(risky.source) == "data/tweets.js"

    retweet = by_id["1108"]
    assert retweet.kind == "reshare" and retweet.quote == "Vote for us on Thursday! #GE2019"
    assert retweet.text.startswith("RT @PartyHQ:")

    reply = by_id["1109"]
    assert reply.kind == "reply" and reply.reply_to == "@bob"
    assert reply.created == datetime(2019, 6, 1, 17, 30, tzinfo=UTC)  # +0100 made UTC
    assert reply.created is not None and reply.created.utcoffset() == timedelta(0)

    assert by_id["1110"].text == "Read this https://example.org/manifesto before Thursday"
    assert [strip_prefix(m) for m in by_id["1111"].media] == [
        "data/tweets_media/1111-D-aaa.jpg", "data/tweets_media/1111-v1.mp4"]
    assert by_id["1107"].media == ()
    assert by_id["1200"].text == f"Café owner said {ACCENTS}"
    assert strip_prefix(by_id["1200"].source) == "data/tweets-part1.js"


def test_x_without_account_links_by_id(tmp_path: Path) -> None:
    posts, _ = read_all(XReader(), write_export(tmp_path, x_files(with_account=False), "zip"))
    assert {p.url for p in posts} == {f"https://x.com/i/web/status/{p.id}" for p in posts}


def test_x_singular_tweet_js_and_old_text_field(tmp_path: Path) -> None:
    old = {"tweet": {"id_str": "5", "text": "old style",
                     "created_at": "Sun Feb 01 10:00:00 +0000 2009"}}
    path = write_export(tmp_path, {"data/tweet.js": x_js("tweet.part0", [old]) + b";\n"}, "folder")
    posts, skipped = read_all(XReader(), path)
    assert skipped == [] and [(p.id, p.text) for p in posts] == [("5", "old style")]
    assert posts[0].created == datetime(2009, 2, 1, 10, tzinfo=UTC)


def test_x_truncated_file_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    files = x_files()
    files["data/tweets.js"] = files["data/tweets.js"][:300]  # cut mid-array
    posts, skipped = read_all(XReader(), write_export(tmp_path, files, "zip"))
    assert [p.id for p in posts] == ["1200"]
    assert len(skipped) == 1 and skipped[0].source == "data/tweets.js"
    assert "JSON" in skipped[0].reason


def test_x_broken_elements_are_skipped_one_by_one(tmp_path: Path) -> None:
    elements = [tweet("1", "fine", "Tue Mar 19 14:05:17 +0000 2019"),
                {"tweet": {"id_str": "2", "created_at": "Tue Mar 19 14:05:17 +0000 2019"}},
                {"tweet": {"full_text": "no id"}},
                "not an object",
                tweet("3", "bad date", "yesterday")]
    path = write_export(tmp_path, {"data/tweets.js": x_js("tweets.part0", elements)}, "zip")
    posts, skipped = read_all(XReader(), path)
    assert [(p.id, p.created) for p in posts] == [
        ("1", datetime(2019, 3, 19, 14, 5, 17, tzinfo=UTC)), ("3", None)]
    assert sum(s.count for s in skipped) == 3
    assert {s.reason for s in skipped} == {"a tweet has no text", "a tweet has no id",
                                           "an element is not a JSON object"}


def test_x_does_not_claim_other_exports(tmp_path: Path) -> None:
    source = ExportSource.open(write_export(tmp_path, facebook_files(), "zip"))
    assert not XReader().detect(source)
    source.close()


# ------------------------------------------------------------------------------- Facebook

def facebook_files() -> dict[str, bytes]:
    posts = [
        {"timestamp": 1552997117, "data": [{"post": "The Home Secretary is useless 😡"},
                                           {"update_timestamp": 1552997117}],
         "title": "Jane Doe updated her status."},
        {"timestamp": 1575878400, "data": [{"post": "Worth a read"}],
         "attachments": [{"data": [{"external_context": {"url": "https://example.org/leaflet"}}]}],
         "title": "Jane Doe shared a link."},
        {"timestamp": 1562317200,
         "attachments": [{"data": [{"media": {"uri": "posts/media/Timeline_abc/1234.jpg",
                                              "creation_timestamp": 1562317200,
                                              "title": "Timeline photos",
                                              "description": ACCENTS}}]}],
         "data": [{"post": ACCENTS}], "title": "Jane Doe added a new photo."},
        {"data": [{"post": "no timestamp here"}]},
        {"timestamp": 1562317300, "title": "Jane Doe updated her profile picture."},
    ]
    comments = {"comments_v2": [
        {"timestamp": 1560000000,
         "data": [{"comment": {"timestamp": 1560000000, "comment": "Tories out!",
                               "author": "Jane Doe"}}],
         "title": "Jane Doe commented on John Smith's post."},
        {"timestamp": 1560000100,
         "data": [{"comment": {"timestamp": 1560000100, "comment": "Thanks all",
                               "author": "Jane Doe"}}],
         "title": "Jane Doe replied to her own comment."},
    ]}
    return {
        "posts/your_posts_1.json": meta_json(posts),
        "posts/media/Timeline_abc/1234.jpg": b"\xff\xd8jpeg",
        "posts/album/0.json": meta_json({"name": "Album", "photos": []}),
        "comments/comments.json": meta_json(comments),
        "profile_information/profile_information.json": meta_json({"profile_v2": {}}),
    }


@pytest.mark.parametrize("packing", ["zip", "folder", "nested"])
def test_facebook_reads_posts_and_comments(tmp_path: Path, packing: str) -> None:
    posts, skipped = read_all(FacebookReader(), write_export(tmp_path, facebook_files(), packing))
    by_text = {p.text: p for p in posts}
    assert sorted(by_text) == sorted(["The Home Secretary is useless 😡", "Worth a read",
                                      ACCENTS, "Tories out!", "Thanks all"])
    status = by_text["The Home Secretary is useless 😡"]
    assert status.platform == "facebook" and status.kind == "post" and status.url is None
    assert status.created == datetime(2019, 3, 19, 12, 5, 17, tzinfo=UTC)
    assert status.id.startswith("fb-")

    share = by_text["Worth a read"]
    assert share.kind == "reshare" and share.quote == "https://example.org/leaflet"

    photo = by_text[ACCENTS]  # encoding repaired, emoji included
    assert [strip_prefix(m) for m in photo.media] == ["posts/media/Timeline_abc/1234.jpg"]
    assert photo.quote == ACCENTS

    comment = by_text["Tories out!"]
    assert comment.kind == "comment" and comment.reply_to == "John Smith"
    assert comment.created == datetime.fromtimestamp(1560000000, UTC)
    assert by_text["Thanks all"].reply_to is None
    assert strip_prefix(comment.source) == "comments/comments.json"

    assert [(strip_prefix(s.source), s.reason, s.count) for s in skipped] == [
        ("posts/your_posts_1.json", "a post has no timestamp", 1)]
    assert len({p.id for p in posts}) == len(posts)


def test_facebook_ids_are_stable(tmp_path: Path) -> None:
    first, _ = read_all(FacebookReader(), write_export(tmp_path / "a", facebook_files(), "zip"))
    again, _ = read_all(FacebookReader(), write_export(tmp_path / "b", facebook_files(), "folder"))
    assert [(p.id, p.text) for p in first] == [(p.id, p.text) for p in again]


def test_facebook_2024_layout(tmp_path: Path) -> None:
    posts = [{"timestamp": 1700000000, "data": [{"post": "New layout post"}],
              "attachments": [{"data": [{"media": {
                  "uri": "your_facebook_activity/posts/media/x/9.jpg", "title": ""}}]}],
              "title": "Jane Doe updated her status."}]
    files = {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json":
            meta_json(posts),
        "your_facebook_activity/posts/media/x/9.jpg": b"jpg",
        "your_facebook_activity/posts/your_uncategorized_photos.json":
            meta_json({"other_photos_v2": [{"uri": "a.jpg", "creation_timestamp": 1}]}),
        "your_facebook_activity/comments_and_reactions/comments.json": meta_json({"comments_v2": [
            {"timestamp": 1700000100, "data": [{"comment": {"comment": ACCENTS,
                                                            "author": "Jane Doe"}}],
             "title": "Jane Doe commented on Amélie Dupont's photo."}]}),
    }
    posts_read, skipped = read_all(FacebookReader(), write_export(tmp_path, files, "zip"))
    assert skipped == []
    assert [(p.text, p.kind, p.reply_to, p.media) for p in posts_read] == [
        ("New layout post", "post", None, ("your_facebook_activity/posts/media/x/9.jpg",)),
        (ACCENTS, "comment", "Amélie Dupont", ())]


def test_facebook_malformed_file_is_skipped_and_others_read(tmp_path: Path) -> None:
    files = facebook_files()
    files["posts/your_posts_1.json"] = b'[{"timestamp": 1552997117, "data": [{"post": "cut'
    posts, skipped = read_all(FacebookReader(), write_export(tmp_path, files, "zip"))
    assert sorted(p.text for p in posts) == ["Thanks all", "Tories out!"]
    assert [(s.source, "not valid JSON" in s.reason) for s in skipped] == [
        ("posts/your_posts_1.json", True)]


def test_oversized_member_becomes_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pausepost.errors import InputError

    def refuse(self: ExportSource, name: str, limit: int = 0) -> bytes:
        raise InputError(f"{name}: too large")

    source = ExportSource.open(write_export(tmp_path, facebook_files(), "zip"))
    monkeypatch.setattr(ExportSource, "read", refuse)
    out = list(FacebookReader().read(source))
    source.close()
    assert {s.source for s in out if isinstance(s, Skipped)} == {
        "posts/your_posts_1.json", "comments/comments.json"}
    assert not [p for p in out if isinstance(p, ArchivedPost)]


# ------------------------------------------------------------------- Instagram and Threads

def instagram_files(layout: str) -> dict[str, bytes]:
    posts = [
        {"media": [{"uri": "media/posts/201905/a.jpg", "creation_timestamp": 1557000000,
                    "title": "", "media_metadata": {"photo_metadata": {}}},
                   {"uri": "media/posts/201905/b.jpg", "creation_timestamp": 1557000000,
                    "title": ""}],
         "title": "Rally in Westminster ✊ #StopTheCuts", "creation_timestamp": 1557000000},
        {"media": [{"uri": "media/posts/202301/xyz.jpg", "creation_timestamp": 1673000000,
                    "title": f"Sunday brunch {ACCENTS}"}]},
        {"media": [{"uri": "media/posts/202301/q.jpg", "title": "no time"}]},
    ]
    comments = [
        {"string_map_data": {"Comment": {"value": "What an idiot 🙄"},
                             "Media Owner": {"value": "some_mp"},
                             "Time": {"timestamp": 1600000000}}},
        {"string_map_data": {"Comment": {"value": "Gorgeous!"},
                             "Time": {"timestamp": 1600000500}}},
    ]
    threads = {"text_post_app_text_posts": [
        {"media": [{"uri": "", "creation_timestamp": 1690000000,
                    "title": f"First thread {ACCENTS}", "media_metadata": {}}]},
        {"media": [{"uri": "media/threads/202308/t.jpg", "creation_timestamp": 1691000000,
                    "title": "Photo thread"}], "title": "Photo thread"},
    ]}
    if layout == "old":
        return {"content/posts_1.json": meta_json(posts),
                "comments/post_comments.json": meta_json({"comments_media_comments": comments}),
                "media/posts/201905/a.jpg": b"a", "media/posts/201905/b.jpg": b"b",
                "media/posts/202301/xyz.jpg": b"x"}
    return {"your_instagram_activity/media/posts_1.json": meta_json(posts),
            "your_instagram_activity/comments/post_comments_1.json": meta_json(comments),
            "your_instagram_activity/threads/threads_and_replies.json": meta_json(threads),
            "media/posts/201905/a.jpg": b"a", "media/posts/201905/b.jpg": b"b",
            "media/posts/202301/xyz.jpg": b"x", "media/threads/202308/t.jpg": b"t"}


@pytest.mark.parametrize(("layout", "packing"), [("old", "zip"), ("new", "zip"),
                                                 ("new", "nested")])
def test_instagram_reads_posts_and_comments(tmp_path: Path, layout: str, packing: str) -> None:
    path = write_export(tmp_path, instagram_files(layout), packing)
    posts, skipped = read_all(InstagramReader(), path)
    ig = {p.text: p for p in posts if p.platform == "instagram"}
    assert sorted(ig) == sorted(["Rally in Westminster ✊ #StopTheCuts",
                                 f"Sunday brunch {ACCENTS}", "What an idiot 🙄", "Gorgeous!"])
    rally = ig["Rally in Westminster ✊ #StopTheCuts"]
    assert rally.kind == "post" and rally.url is None and rally.id.startswith("ig-")
    assert rally.created == datetime(2019, 5, 4, 20, 0, tzinfo=UTC)
    assert [strip_prefix(m) for m in rally.media] == ["media/posts/201905/a.jpg",
                                                      "media/posts/201905/b.jpg"]
    assert [strip_prefix(m) for m in ig[f"Sunday brunch {ACCENTS}"].media] == [
        "media/posts/202301/xyz.jpg"]
    rude = ig["What an idiot 🙄"]
    assert rude.kind == "comment" and rude.reply_to == "@some_mp"
    assert rude.created == datetime.fromtimestamp(1600000000, UTC)
    assert ig["Gorgeous!"].reply_to is None
    assert [(s.reason, s.count) for s in skipped] == [("a post has no creation_timestamp", 1)]
    threads = sorted(p.text for p in posts if p.platform == "threads")
    assert threads == ([] if layout == "old" else [f"First thread {ACCENTS}", "Photo thread"])


def test_threads_export_on_its_own(tmp_path: Path) -> None:
    files = {k: v for k, v in instagram_files("new").items() if "threads" in k}
    source = ExportSource.open(write_export(tmp_path, files, "zip"))
    assert not InstagramReader().detect(source) and not FacebookReader().detect(source)
    source.close()
    posts, skipped = read_all(ThreadsReader(), write_export(tmp_path / "z", files, "zip"))
    assert skipped == []
    by_text = {p.text: p for p in posts}
    assert by_text[f"First thread {ACCENTS}"].media == ()
    assert by_text[f"First thread {ACCENTS}"].created == datetime.fromtimestamp(1690000000, UTC)
    assert by_text["Photo thread"].media == ("media/threads/202308/t.jpg",)
    assert all(p.platform == "threads" and p.id.startswith("th-") and p.url is None
               for p in posts)


def test_meta_readers_skip_wrong_shapes(tmp_path: Path) -> None:
    files = {"threads/threads_and_replies.json": meta_json({"a": 1, "b": 2}),
             "comments/post_comments_1.json": b"{not json"}
    posts, skipped = read_all(InstagramReader(), write_export(tmp_path, files, "zip"))
    assert posts == []
    assert sorted(s.source for s in skipped) == ["comments/post_comments_1.json",
                                                 "threads/threads_and_replies.json"]


# ---------------------------------------------------------------------------- properties

def test_meta_encoding_repair_exact() -> None:
    raw = meta_json({"t": ACCENTS})
    assert b"\\u00c3\\u00a9" in raw  # é as Meta writes it
    assert mend_mojibake(json.loads(raw)["t"]) == ACCENTS
    assert mend_mojibake(ACCENTS) == ACCENTS  # already-correct text left alone


@given(st.text())
def test_mend_undoes_meta_mangling(text: str) -> None:
    assert mend_mojibake(mangled(text)) == text


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@given(st.datetimes(min_value=datetime(2006, 3, 21), max_value=datetime(2099, 12, 31)),
       st.integers(min_value=-14 * 60, max_value=14 * 60))
def test_created_at_round_trip(moment: datetime, offset_minutes: int) -> None:
    moment = moment.replace(microsecond=0)
    zone = timezone(timedelta(minutes=offset_minutes))
    local = moment.replace(tzinfo=UTC).astimezone(zone)
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    text = (f"{_DAYS[local.weekday()]} {_MONTHS[local.month - 1]} {local.day:02d} "
            f"{local:%H:%M:%S} {sign}{hours:02d}{minutes:02d} {local.year}")
    parsed = parse_created_at(text)
    assert parsed == moment.replace(tzinfo=UTC)
    assert parsed is not None and parsed.tzinfo == UTC
