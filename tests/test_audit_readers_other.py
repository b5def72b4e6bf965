"""Readers of Mastodon, Bluesky, LinkedIn, Reddit, generic CSV and JSONL exports, on fixtures
built here in each export's own structure (including a real CAR with computed CIDs)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pausepost.audit.readers import registry
from pausepost.audit.readers.base import ArchivedPost, ExportSource, Skipped
from pausepost.audit.readers.bluesky import (
    BlueskyReader,
    Cid,
    DecodeError,
    decode_dag_cbor,
    parse_car,
)
from pausepost.audit.readers.mastodon import MastodonReader, html_to_text
from pausepost.audit.readers.tabular import (
    CsvReader,
    JsonlReader,
    LinkedInReader,
    RedditReader,
    parse_when,
)


def _read(reader: object, path: Path) -> tuple[dict[str, ArchivedPost], list[Skipped]]:
    source = ExportSource.open(path)
    try:
        assert reader.detect(source)  # type: ignore[attr-defined]
        items = list(reader.read(source))  # type: ignore[attr-defined]
    finally:
        source.close()
    posts = {p.id: p for p in items if isinstance(p, ArchivedPost)}
    assert len(posts) == sum(isinstance(p, ArchivedPost) for p in items)  # ids unique
    return posts, [s for s in items if isinstance(s, Skipped)]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
        micro: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


# ---------------------------------------------------------------- Mastodon

ACCOUNT = "https://mastodon.example/users/jo"


def _note(n: int, content: str, **extra: object) -> dict[str, object]:
    return {"id": f"{ACCOUNT}/statuses/{n}", "type": "Note",
            "url": f"https://mastodon.example/@jo/{n}", "published": "2022-11-05T09:30:00Z",
            "content": content, "summary": None, "inReplyTo": None, "attachment": [], **extra}


def _outbox(items: list[object]) -> bytes:
    return json.dumps({"@context": "https://www.w3.org/ns/activitystreams",
                       "id": "outbox.json", "type": "OrderedCollection",
                       "totalItems": len(items), "orderedItems": items}).encode()


def _tar(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_mastodon_archive(tmp_path: Path) -> None:
    media = "media_attachments/files/000/000/001/original/photo.jpg"
    items = [
        {"id": f"{ACCOUNT}/statuses/1/activity", "type": "Create",
         "published": "2022-11-05T09:30:00Z",
         "object": _note(1, '<p>Fish &amp; chips with <span class="h-card"><a href="https://'
                            'x.example/@sam" class="u-url mention">@<span>sam</span></a></span>'
                            '<br>second line</p><p>new paragraph <a href="https://ex.org/a">'
                            '<span class="invisible">https://</span><span>ex.org/a</span></a>'
                            '</p>',
                         summary="politics", attachment=[{
                             "type": "Document", "mediaType": "image/jpeg",
                             "url": "/" + media}])},
        {"id": f"{ACCOUNT}/statuses/2/activity", "type": "Create",
         "object": _note(2, "<p>I disagree</p>", published="2023-01-02T10:00:00+01:00",
                         inReplyTo="https://other.example/users/a/statuses/9")},
        {"id": f"{ACCOUNT}/statuses/3/activity", "type": "Announce",
         "published": "2023-02-03T04:05:06Z",
         "object": "https://other.example/users/a/statuses/10"},
        {"id": "x", "type": "Create", "object": "not a note"},
    ]
    archive = _tar(tmp_path / "archive.tar.gz", {
        "outbox.json": _outbox(items), "actor.json": b'{"id": "' + ACCOUNT.encode() + b'"}',
        media: b"\xff\xd8\xff jpeg"})
    posts, skipped = _read(MastodonReader(), archive)
    assert set(posts) == {f"{ACCOUNT}/statuses/1", f"{ACCOUNT}/statuses/2",
                          f"{ACCOUNT}/statuses/3/activity"}
    first = posts[f"{ACCOUNT}/statuses/1"]
    assert first.text == "Fish & chips with @sam\nsecond line\n\nnew paragraph https://ex.org/a"
    assert first.kind == "post" and first.content_warning == "politics"
    assert first.created == utc(2022, 11, 5, 9, 30)
    assert first.url == "https://mastodon.example/@jo/1"
    assert first.media == (media,) and first.source == "outbox.json"
    reply = posts[f"{ACCOUNT}/statuses/2"]
    assert (reply.kind, reply.text) == ("reply", "I disagree")
    assert reply.reply_to == "https://other.example/users/a/statuses/9"
    assert reply.created == utc(2023, 1, 2, 9, 0)
    boost = posts[f"{ACCOUNT}/statuses/3/activity"]
    assert (boost.kind, boost.text, boost.quote) == ("reshare", "", None)
    assert boost.url == "https://other.example/users/a/statuses/10"
    assert boost.created == utc(2023, 2, 3, 4, 5, 6)
    assert [s.count for s in skipped] == [1]  # the Create without a Note


def test_mastodon_unpacked_folder_and_malformed(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "outbox.json").write_bytes(_outbox([{"type": "Create", "object": _note(7, "hi")}]))
    posts, skipped = _read(MastodonReader(), folder)
    assert [p.text for p in posts.values()] == ["hi"] and not skipped

    (folder / "outbox.json").write_text('{"orderedItems": [ {"type": "Cre')
    posts, skipped = _read(MastodonReader(), folder)
    assert not posts and len(skipped) == 1 and "JSON" in skipped[0].reason
    (folder / "outbox.json").write_text('{"orderedItems": 5}')
    posts, skipped = _read(MastodonReader(), folder)
    assert not posts and len(skipped) == 1


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_html_to_text_never_raises(html: str) -> None:
    assert isinstance(html_to_text(html), str)


@given(st.lists(st.sampled_from(["<p>", "</p>", "<br>", "<br/>", "&amp;", "&#x", "&#99999999;",
                                 "<a href='", "<!--", "<![CDATA[", "<script>", "x", "<", ">"])))
@settings(max_examples=200, deadline=None)
def test_html_to_text_hostile_fragments(parts: list[str]) -> None:
    assert isinstance(html_to_text("".join(parts)), str)


# ---------------------------------------------------------------- Bluesky: a tiny DAG-CBOR writer


class Link:
    def __init__(self, cid: bytes) -> None:
        self.cid = cid


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(n)


def cbor(value: object) -> bytes:
    if value is None:
        return b"\xf6"
    if isinstance(value, bool):
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode()
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor(v) for v in value)
    if isinstance(value, dict):  # DAG-CBOR order: shorter keys first, then bytewise
        keys = sorted(value, key=lambda k: (len(k.encode()), k.encode()))
        return _head(5, len(keys)) + b"".join(cbor(k) + cbor(value[k]) for k in keys)
    if isinstance(value, Link):
        return b"\xd8\x2a" + cbor(b"\x00" + value.cid)
    raise TypeError(value)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


class CarBuilder:
    def __init__(self) -> None:
        self.blocks: list[tuple[bytes, bytes]] = []

    def put(self, value: object) -> Link:
        data = cbor(value)
        cid = b"\x01\x71\x12\x20" + hashlib.sha256(data).digest()
        self.blocks.append((cid, data))
        return Link(cid)

    def build(self, root: Link) -> bytes:
        header = cbor({"roots": [root], "version": 1})
        out = _varint(len(header)) + header
        for cid, data in self.blocks:
            out += _varint(len(cid) + len(data)) + cid + data
        return out


DID = "did:plc:abc123xyz"
OTHER = "did:plc:someoneelse"
PARENT = f"at://{OTHER}/app.bsky.feed.post/3parent"
QUOTED = f"at://{OTHER}/app.bsky.feed.post/3quoted"
REPOSTED = f"at://{OTHER}/app.bsky.feed.post/3boosted"


def _mst(builder: CarBuilder, left: Link | None,
         entries: list[tuple[str, Link, Link | None]]) -> Link:
    """One MST node with prefix-compressed keys."""
    encoded, previous = [], b""
    for key, value, subtree in entries:
        raw = key.encode()
        common = 0
        while common < min(len(raw), len(previous)) and raw[common] == previous[common]:
            common += 1
        encoded.append({"p": common, "k": raw[common:], "v": value, "t": subtree})
        previous = raw
    return builder.put({"l": left, "e": encoded})


def _repo(corrupt: str | None = None) -> bytes:
    """A repository: 4 posts (one reply, one quote), a repost and a like, in a 3-level tree.
    `corrupt` names an rkey whose record block is damaged after its CID was computed."""
    b = CarBuilder()
    ref = {"cid": "bafyfake"}
    records = {
        "app.bsky.feed.like/3like1": {"$type": "app.bsky.feed.like", "createdAt":
                                      "2024-01-01T00:00:00Z", "subject": {"uri": PARENT, **ref}},
        "app.bsky.feed.post/3kaaa1": {"$type": "app.bsky.feed.post", "text": "Hello sky",
                                      "createdAt": "2023-05-01T10:00:00.000Z", "langs": ["en"]},
        "app.bsky.feed.post/3kaaa2": {"$type": "app.bsky.feed.post", "text": "No, because…",
                                      "createdAt": "2023-05-02T11:00:00Z",
                                      "reply": {"root": {"uri": PARENT, **ref},
                                                "parent": {"uri": PARENT, **ref}}},
        "app.bsky.feed.post/3kaaa3": {"$type": "app.bsky.feed.post", "text": "Look at this",
                                      "createdAt": "2023-05-03T12:00:00+02:00",
                                      "embed": {"$type": "app.bsky.embed.record",
                                                "record": {"uri": QUOTED, **ref}}},
        "app.bsky.feed.post/3kaaa4": {"$type": "app.bsky.feed.post", "text": "Last one",
                                      "createdAt": "2023-05-04T13:00:00Z"},
        "app.bsky.feed.repost/3kbbb1": {"$type": "app.bsky.feed.repost",
                                        "createdAt": "2023-05-05T14:00:00Z",
                                        "subject": {"uri": REPOSTED, **ref}},
    }
    links = {key: b.put(value) for key, value in records.items()}
    if corrupt:
        index = next(i for i, (cid, _) in enumerate(b.blocks)
                     if cid == links[f"app.bsky.feed.post/{corrupt}"].cid)
        cid, data = b.blocks[index]
        b.blocks[index] = (cid, data.replace(b"Look", b"Lock"))
    keys = list(records)
    left = _mst(b, None, [(k, links[k], None) for k in keys[:2]])
    right1 = _mst(b, None, [(keys[3], links[keys[3]], None)])
    right2 = _mst(b, None, [(keys[5], links[keys[5]], None)])
    root = _mst(b, left, [(keys[2], links[keys[2]], right1), (keys[4], links[keys[4]], right2)])
    commit = b.put({"did": DID, "version": 3, "data": root, "rev": "3kzzz", "prev": None,
                    "sig": b"\x01" * 64})
    return b.build(commit)


def _uri(rkey: str, collection: str = "app.bsky.feed.post") -> str:
    return f"at://{DID}/{collection}/{rkey}"


def test_bluesky_repo(tmp_path: Path) -> None:
    car = tmp_path / "repo.car"
    car.write_bytes(_repo())
    posts, skipped = _read(BlueskyReader(), car)
    assert not skipped
    assert set(posts) == {_uri("3kaaa1"), _uri("3kaaa2"), _uri("3kaaa3"), _uri("3kaaa4"),
                          _uri("3kbbb1", "app.bsky.feed.repost")}
    hello = posts[_uri("3kaaa1")]
    assert (hello.text, hello.kind, hello.created) == ("Hello sky", "post", utc(2023, 5, 1, 10))
    assert hello.url == f"https://bsky.app/profile/{DID}/post/3kaaa1"
    reply = posts[_uri("3kaaa2")]
    assert (reply.kind, reply.reply_to, reply.text) == ("reply", PARENT, "No, because…")
    quote = posts[_uri("3kaaa3")]
    assert (quote.kind, quote.quote) == ("post", QUOTED)
    assert quote.created == utc(2023, 5, 3, 10)
    repost = posts[_uri("3kbbb1", "app.bsky.feed.repost")]
    assert (repost.kind, repost.text, repost.created) == ("reshare", "", utc(2023, 5, 5, 14))
    assert repost.url == f"https://bsky.app/profile/{OTHER}/post/3boosted"


def test_bluesky_car_inside_zip_folder_member(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "did-plc-abc.car").write_bytes(_repo())
    posts, _ = _read(BlueskyReader(), folder)
    assert len(posts) == 5


def test_bluesky_corrupted_block_skips_only_its_record(tmp_path: Path) -> None:
    car = tmp_path / "repo.car"
    car.write_bytes(_repo(corrupt="3kaaa3"))
    posts, skipped = _read(BlueskyReader(), car)
    assert _uri("3kaaa3") not in posts and len(posts) == 4
    assert len(skipped) == 1 and "3kaaa3" in skipped[0].reason
    assert "digest" in skipped[0].reason


def test_bluesky_truncated_car(tmp_path: Path) -> None:
    data = _repo()
    car = tmp_path / "repo.car"
    for cut in (len(data) - 5, len(data) // 2, 40, 3, 0):
        car.write_bytes(data[:cut])
        posts, skipped = _read(BlueskyReader(), car)
        assert skipped, cut
        assert len(posts) < 5


def test_parse_car_rejects_garbage() -> None:
    with pytest.raises(DecodeError):
        parse_car(b"\x05hello world")


def test_dag_cbor_round_trip() -> None:
    value = {"a": [1, -5, 2**40, b"\x00\x01", "text é", None, True, False],
             "link": Link(b"\x01\x71\x12\x20" + b"\x11" * 32)}
    decoded = decode_dag_cbor(cbor(value))
    assert isinstance(decoded, dict)
    assert decoded["a"] == value["a"]
    link = decoded["link"]
    assert isinstance(link, Cid) and link.digest == b"\x11" * 32
    assert decode_dag_cbor(b"\xfb" + b"\x3f\xf0" + b"\x00" * 6) == 1.0


@pytest.mark.parametrize("data", [
    b"\x9f\x01\xff",  # indefinite array
    b"\x5b" + b"\xff" * 8,  # a byte string claiming 2**64 bytes
    b"\x9b" + b"\x7f" * 8,  # an array claiming 2**63 items
    b"\x81" * 1000 + b"\x01",  # nested too deeply
    b"\xc1\x01",  # tag 1
    b"\xd8\x2a\x41\x01",  # link without the 0x00 prefix
    b"\xa1\x01\x02",  # integer map key
    b"\x62\xff\xfe",  # text that is not UTF-8
    b"\x01\x02",  # trailing bytes
    b"",
])
def test_dag_cbor_rejects(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_dag_cbor(data)


@given(st.binary(max_size=300))
@settings(max_examples=500, deadline=None)
def test_dag_cbor_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(DecodeError):  # any other exception fails the test
        decode_dag_cbor(data)


@given(st.binary(max_size=200))
@settings(max_examples=300, deadline=None)
def test_parse_car_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(DecodeError):  # any other exception fails the test
        parse_car(data)


@given(st.integers(min_value=0, max_value=len(_repo()) - 1), st.integers(0, 255))
@settings(max_examples=150, deadline=None)
def test_bluesky_reader_survives_any_single_byte_change(position: int, byte: int) -> None:
    data = bytearray(_repo())
    data[position] = byte
    items = list(BlueskyReader().read(_MemorySource(bytes(data))))
    assert all(isinstance(i, ArchivedPost | Skipped) for i in items)


class _MemorySource(ExportSource):
    """An export of one in-memory member (no file needed inside a Hypothesis loop)."""

    def __init__(self, data: bytes) -> None:
        super().__init__(Path("repo.car"))
        self._data = data

    def names(self) -> list[str]:
        return ["repo.car"]

    def read(self, name: str, limit: int = 0) -> bytes:
        return self._data


# ---------------------------------------------------------------- LinkedIn, Reddit, CSV, JSONL


def test_linkedin_shares_and_comments(tmp_path: Path) -> None:
    folder = tmp_path / "Basic_LinkedInDataExport"
    folder.mkdir()
    (folder / "Shares.csv").write_text(
        "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
        '2023-04-05 14:22:01,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A111,'
        '"Proud of the team.\nWe ""shipped"" it,\n\ntoday.",,,MEMBER_NETWORK\n'
        "2022-01-02 08:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A222,"
        ",https://example.org/article,,CONNECTIONS\n",
        encoding="utf-8")
    (folder / "Comments.csv").write_text(
        "Date,Link,Message\n"
        "2021-06-07 09:10:11,https://www.linkedin.com/feed/update/urn:li:activity:333,"
        "Congratulations!\n"
        "2021-06-08 09:10:11,https://www.linkedin.com/feed/update/urn:li:activity:333,"
        '"Well, deserved"\n', encoding="utf-8")
    (folder / "Connections.csv").write_text("First Name,Last Name\nA,B\n")
    posts, skipped = _read(LinkedInReader(), folder)
    assert not skipped and len(posts) == 4
    share = posts["https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A111"]
    assert share.text == 'Proud of the team.\nWe "shipped" it,\n\ntoday.'
    assert share.created == utc(2023, 4, 5, 14, 22, 1) and share.kind == "post"
    assert share.url == share.id and share.source == "Shares.csv"
    link_only = posts["https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A222"]
    assert (link_only.kind, link_only.text) == ("reshare", "")
    comments = sorted((p for p in posts.values() if p.kind == "comment"),
                      key=lambda p: p.created or utc(1970, 1, 1))
    assert [c.text for c in comments] == ["Congratulations!", "Well, deserved"]
    assert comments[0].url == "https://www.linkedin.com/feed/update/urn:li:activity:333"
    assert comments[0].created == utc(2021, 6, 7, 9, 10, 11)
    assert comments[0].id != comments[1].id


def test_reddit_posts_and_comments(tmp_path: Path) -> None:
    folder = tmp_path / "export_jo"
    folder.mkdir()
    (folder / "posts.csv").write_text(
        "id,permalink,date,ip,subreddit,gildings,title,url,body\n"
        "abc123,/r/unitedkingdom/comments/abc123/the_budget/,2021-03-04 12:00:00 UTC,,"
        'unitedkingdom,0,The budget,,"My view:\nit is bad"\n'
        "def456,https://www.reddit.com/r/x/comments/def456/y/,2021-03-05 12:00:00 UTC,,x,0,"
        "Link only,https://example.org,\n")
    (folder / "comments.csv").write_text(
        "id,permalink,date,ip,subreddit,gildings,link,parent,body\n"
        "c1,/r/unitedkingdom/comments/abc123/the_budget/c1/,2021-03-04 13:00:00 UTC,,"
        "unitedkingdom,0,https://www.reddit.com/r/unitedkingdom/comments/abc123/the_budget/,"
        "t3_abc123,Agreed entirely\n")
    posts, skipped = _read(RedditReader(), folder)
    assert not skipped and set(posts) == {"abc123", "def456", "c1"}
    post = posts["abc123"]
    assert post.text == "The budget\n\nMy view:\nit is bad" and post.kind == "post"
    assert post.url == "https://www.reddit.com/r/unitedkingdom/comments/abc123/the_budget/"
    assert post.created == utc(2021, 3, 4, 12)
    assert posts["def456"].text == "Link only"
    assert posts["def456"].url == "https://www.reddit.com/r/x/comments/def456/y/"
    comment = posts["c1"]
    assert (comment.kind, comment.text) == ("comment", "Agreed entirely")
    assert comment.url == ("https://www.reddit.com/r/unitedkingdom/comments/abc123/"
                           "the_budget/c1/")
    assert comment.reply_to == ("https://www.reddit.com/r/unitedkingdom/comments/abc123/"
                                "the_budget/")
    assert comment.created == utc(2021, 3, 4, 13)


def test_generic_csv_and_broken_quoting(tmp_path: Path) -> None:
    path = tmp_path / "my_posts.csv"
    path.write_text(
        "ID,Created_At,Content,URL\n"
        "1,2020-01-01T10:00:00Z,first post,https://example.org/1\n"
        '2,1600000000,"broken "quote" here",\n'
        "3,not a date,third post,\n"
        '4,2020-01-04 10:00:00+01:00,"fourth, with comma",\n')
    posts, skipped = _read(CsvReader(), path)
    assert set(posts) == {"1", "3", "4"}
    assert posts["1"].text == "first post" and posts["1"].url == "https://example.org/1"
    assert posts["1"].created == utc(2020, 1, 1, 10) and posts["1"].platform == "csv"
    assert posts["3"].created is None and posts["3"].url is None
    assert posts["4"].text == "fourth, with comma" and posts["4"].created == utc(2020, 1, 4, 9)
    assert [(s.count, "quoting" in s.reason) for s in skipped] == [(1, True)]


def test_generic_csv_ignores_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n")
    assert not CsvReader().detect(ExportSource.open(path))


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        '{"id": "a", "text": "one", "created": "2019-07-01T00:00:00Z", "url": "https://e/a"}\n'
        '{"text": "two", "date": 1561939200}\n'
        "not json\n"
        '{"id": 3, "text": ""}\n'
        "\n"
        '{"id": 4, "text": "four"}\n')
    posts, skipped = _read(JsonlReader(), path)
    assert set(posts) == {"a", "posts.jsonl#2", "4"}
    assert posts["a"].created == utc(2019, 7, 1) and posts["a"].url == "https://e/a"
    assert posts["posts.jsonl#2"].created == utc(2019, 7, 1)
    assert posts["4"].created is None
    assert [s.count for s in skipped] == [2]


def test_parse_when() -> None:
    assert parse_when("2021-03-04 12:00:00 UTC") == utc(2021, 3, 4, 12)
    assert parse_when("2021-03-04T12:00:00.123Z") == utc(2021, 3, 4, 12, 0, 0, 123000)
    assert parse_when("2021-03-04T13:00:00+01:00") == utc(2021, 3, 4, 12)
    assert parse_when(1614859200) == utc(2021, 3, 4, 12)
    assert parse_when("1614859200000") == utc(2021, 3, 4, 12)
    assert parse_when("Thu, 04 Mar 2021 12:00:00 +0000") == utc(2021, 3, 4, 12)
    bad: object
    for bad in ("", "yesterday", None, "9" * 40, True, [], "2021-13-45"):
        assert parse_when(bad) is None


def test_registry_picks_each_reader(tmp_path: Path) -> None:
    cases = {"bluesky": tmp_path / "repo.car", "jsonl": tmp_path / "x.jsonl",
             "csv": tmp_path / "x.csv"}
    cases["bluesky"].write_bytes(_repo())
    cases["jsonl"].write_text('{"text": "hi"}\n')
    cases["csv"].write_text("text\nhi\n")
    cases["mastodon"] = _tar(tmp_path / "m.tar.gz", {"outbox.json": _outbox([])})
    reddit = tmp_path / "reddit"
    reddit.mkdir()
    (reddit / "comments.csv").write_text("id,permalink,date,link,parent,body\nc,/r/x,,,,hi\n")
    cases["reddit"] = reddit
    linkedin = tmp_path / "linkedin"
    linkedin.mkdir()
    (linkedin / "Comments.csv").write_text("Date,Link,Message\n2020-01-01 00:00:00,u,hi\n")
    cases["linkedin"] = linkedin
    for platform, path in cases.items():
        source = ExportSource.open(path)
        assert registry.reader_for(source).platform == platform, platform
        source.close()
