"""Bluesky's repository export: one CAR v1 file (repo.car), read with the stdlib alone.

A CAR is a header (varint length + DAG-CBOR `{"roots": [...], "version": 1}`) followed by
blocks (varint length, CID, bytes). The root is the signed commit, whose `data` links to the
root of a Merkle Search Tree mapping `collection/rkey` keys to record CIDs. Every block's
sha-256 is checked against its CID: a block that does not match is treated as missing, so
the records under it are reported as skipped and the rest of the tree is still read.
Posts become ArchivedPosts; reposts become kind "reshare" with text "" and url = the
reposted post (the export holds only its URI, not its words).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from pausepost.audit.readers.base import ArchivedPost, ExportSource, Reader, Skipped
from pausepost.audit.readers.tabular import parse_when
from pausepost.errors import InputError

MAX_DEPTH = 64  # DAG-CBOR nesting; records are shallow, a deeper value is hostile
MAX_MST_DEPTH = 128  # a tree of 2**128 fan-out-4 leaves is not a personal repository
CODEC_DAG_CBOR = 0x71
CODEC_RAW = 0x55
CODEC_DAG_PB = 0x70
SHA2_256 = 0x12

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"


class DecodeError(ValueError):
    """Bytes that are not the DAG-CBOR, CID or CAR they should be."""


@dataclass(frozen=True, slots=True)
class Cid:
    """A content identifier (v0 or v1) as its binary form."""

    raw: bytes
    version: int
    codec: int
    hash_code: int
    digest: bytes

    def __str__(self) -> str:
        return "cid:" + self.raw.hex()

    def matches(self, data: bytes) -> bool:
        """True when `data` hashes to this CID (only sha2-256 is known)."""
        return self.hash_code == SHA2_256 and hashlib.sha256(data).digest() == self.digest


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """An unsigned LEB128 varint at `pos`: (value, next position)."""
    value = shift = 0
    for i in range(9):  # the multiformats limit: 63 bits
        if pos + i >= len(data):
            raise DecodeError("truncated varint")
        byte = data[pos + i]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos + i + 1
        shift += 7
    raise DecodeError("varint longer than 9 bytes")


def read_cid(data: bytes, pos: int = 0) -> tuple[Cid, int]:
    """A binary CID at `pos`: (cid, next position)."""
    start = pos
    if data[pos:pos + 2] == b"\x12\x20":  # CIDv0: a bare sha2-256 multihash
        end = pos + 34
        if end > len(data):
            raise DecodeError("truncated CID")
        return Cid(data[start:end], 0, CODEC_DAG_PB, SHA2_256, data[pos + 2:end]), end
    version, pos = read_varint(data, pos)
    if version != 1:
        raise DecodeError(f"CID version {version}")
    codec, pos = read_varint(data, pos)
    hash_code, pos = read_varint(data, pos)
    size, pos = read_varint(data, pos)
    if size > 64 or pos + size > len(data):
        raise DecodeError("bad CID digest length")
    end = pos + size
    return Cid(data[start:end], 1, codec, hash_code, data[pos:end]), end


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, size: int) -> bytes:
        if size > len(self.data) - self.pos:  # also bounds every allocation by the input
            raise DecodeError("truncated CBOR")
        chunk = self.data[self.pos:self.pos + size]
        self.pos += size
        return chunk

    def argument(self, info: int) -> int:
        if info < 24:
            return info
        if info == 31:
            raise DecodeError("indefinite length (not DAG-CBOR)")
        if info > 27:
            raise DecodeError(f"reserved additional info {info}")
        return int.from_bytes(self.take(1 << (info - 24)), "big")

    def value(self, depth: int = 0) -> object:
        if depth > MAX_DEPTH:
            raise DecodeError("nested too deeply")
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if major == 7:
            return self.simple(info)
        arg = self.argument(info)
        if major == 0:
            return arg
        if major == 1:
            return -1 - arg
        if major == 2:
            return self.take(arg)
        if major == 3:
            try:
                return self.take(arg).decode("utf-8")
            except UnicodeDecodeError:
                raise DecodeError("text that is not UTF-8") from None
        if major == 4:
            if arg > len(self.data) - self.pos:  # each item is at least one byte
                raise DecodeError("array longer than its data")
            return [self.value(depth + 1) for _ in range(arg)]
        if major == 5:
            if arg * 2 > len(self.data) - self.pos:
                raise DecodeError("map longer than its data")
            out: dict[str, object] = {}
            for _ in range(arg):
                key = self.value(depth + 1)
                if not isinstance(key, str):
                    raise DecodeError("map key that is not a string")
                out[key] = self.value(depth + 1)
            return out
        # major 6: tags; DAG-CBOR has only 42, a CID link
        if arg != 42:
            raise DecodeError(f"tag {arg} (not DAG-CBOR)")
        payload = self.value(depth + 1)
        if not isinstance(payload, bytes) or not payload.startswith(b"\x00"):
            raise DecodeError("CID link without its 0x00 prefix")
        try:
            cid, end = read_cid(payload, 1)
        except IndexError:
            raise DecodeError("empty CID link") from None
        if end != len(payload):
            raise DecodeError("CID link with trailing bytes")
        return cid

    def simple(self, info: int) -> object:
        if info == 20:
            return False
        if info == 21:
            return True
        if info == 22:
            return None
        if info in (25, 26, 27):
            fmt = {25: ">e", 26: ">f", 27: ">d"}[info]
            return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        raise DecodeError(f"simple value {info} (not DAG-CBOR)")


def decode_dag_cbor(data: bytes) -> object:
    """One DAG-CBOR value filling `data` (links as `Cid`); DecodeError for anything else."""
    decoder = _Decoder(data)
    value = decoder.value()
    if decoder.pos != len(data):
        raise DecodeError("trailing bytes after the value")
    return value


@dataclass
class Car:
    """A CAR file's roots and its verified blocks; `bad` names the blocks that failed."""

    roots: list[Cid]
    blocks: dict[bytes, bytes]
    bad: dict[bytes, str]
    problems: list[str]


def parse_car(data: bytes) -> Car:
    """Roots and blocks of a CAR v1. A bad header raises DecodeError; a truncated or damaged
    block section ends the parse with a note in `problems` (the blocks before it are kept)."""
    size, pos = read_varint(data, 0)
    if size == 0 or pos + size > len(data):
        raise DecodeError("truncated CAR header")
    header = decode_dag_cbor(data[pos:pos + size])
    if not isinstance(header, dict) or header.get("version") != 1:
        raise DecodeError("not a CAR v1 header")
    roots = header.get("roots")
    if not isinstance(roots, list) or not all(isinstance(r, Cid) for r in roots):
        raise DecodeError("CAR header without roots")
    car = Car([r for r in roots if isinstance(r, Cid)], {}, {}, [])
    pos += size
    while pos < len(data):
        try:
            size, start = read_varint(data, pos)
            end = start + size
            if size == 0 or end > len(data):
                raise DecodeError("truncated block")
            cid, body = read_cid(data[start:end])
        except (DecodeError, IndexError) as exc:
            car.problems.append(f"block at byte {pos}: {exc}")
            break
        block = data[start + body:end]
        if cid.matches(block):
            car.blocks[cid.raw] = block
        else:
            car.bad[cid.raw] = ("unsupported hash" if cid.hash_code != SHA2_256
                                else "block does not match its digest")
        pos = end
    return car


def web_url(uri: str) -> str | None:
    """https://bsky.app address of an at:// post URI."""
    parts = uri.removeprefix("at://").split("/")
    if uri.startswith("at://") and len(parts) == 3 and parts[1] == POST:
        return f"https://bsky.app/profile/{parts[0]}/post/{parts[2]}"
    return None


def _uri(ref: object) -> str | None:
    """The `uri` of a strong ref ({"uri", "cid"})."""
    uri = ref.get("uri") if isinstance(ref, dict) else None
    return uri if isinstance(uri, str) and uri else None


class BlueskyReader(Reader):
    """Bluesky repository export (repo.car): posts and reposts."""

    platform = "bluesky"
    description = "Bluesky repository export (repo.car)"

    def detect(self, source: ExportSource) -> bool:
        return bool(source.find(".car"))

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        for name in source.find(".car"):
            try:
                car = parse_car(source.read(name))
            except InputError as exc:
                yield Skipped(source=name, reason=str(exc))
                continue
            except DecodeError as exc:
                yield Skipped(source=name, reason=f"not a readable CAR file ({exc})")
                continue
            for problem in car.problems:
                yield Skipped(source=name, reason=f"CAR damaged or cut short: {problem}")
            yield from self._repo(car, name)

    def _block(self, car: Car, cid: Cid) -> object:
        raw = car.blocks.get(cid.raw)
        if raw is None:
            raise DecodeError(car.bad.get(cid.raw, "block missing from the CAR"))
        if cid.codec != CODEC_DAG_CBOR:
            raise DecodeError(f"block codec {cid.codec:#x} is not DAG-CBOR")
        return decode_dag_cbor(raw)

    def _repo(self, car: Car, name: str) -> Iterator[ArchivedPost | Skipped]:
        if not car.roots:
            yield Skipped(source=name, reason="CAR without a root")
            return
        try:
            commit = self._block(car, car.roots[0])
        except DecodeError as exc:
            yield Skipped(source=name, reason=f"repository commit unreadable ({exc})")
            return
        did = commit.get("did") if isinstance(commit, dict) else None
        data = commit.get("data") if isinstance(commit, dict) else None
        if not isinstance(did, str) or not isinstance(data, Cid):
            yield Skipped(source=name, reason="root block is not a repository commit")
            return
        for item in self._walk(car, data, name):
            if isinstance(item, Skipped):
                yield item
                continue
            key, cid = item
            collection, _, rkey = key.partition("/")
            if collection not in (POST, REPOST):
                continue  # likes, follows, profile, lists: not the user's own words
            try:
                record = self._block(car, cid)
            except DecodeError as exc:
                yield Skipped(source=name, reason=f"{key}: {exc}")
                continue
            post = self._record(record, did, collection, rkey, name)
            if post is None:
                yield Skipped(source=name, reason=f"{key}: not a readable {collection} record")
            else:
                yield post

    def _walk(self, car: Car, root: Cid, name: str) -> Iterator[tuple[str, Cid] | Skipped]:
        """(key, record CID) of every MST entry; Skipped for a subtree that cannot be read."""
        seen: set[bytes] = set()
        # an explicit stack (not recursion), in key order: a node's left subtree, then
        # each entry followed by its right subtree
        stack: list[tuple[str, object]] = [("node", (root, 0))]
        while stack:
            what, payload = stack.pop()
            if what == "entry":
                assert isinstance(payload, tuple)
                yield payload
                continue
            assert isinstance(payload, tuple)
            cid, depth = payload
            if cid.raw in seen or depth > MAX_MST_DEPTH:
                yield Skipped(source=name, reason="repository tree loops or is too deep")
                continue
            seen.add(cid.raw)
            try:
                node = self._block(car, cid)
                todo = self._node(node, cid, depth)
            except DecodeError as exc:
                yield Skipped(source=name, reason=f"part of the repository tree unreadable "
                                                  f"({exc}); the records under it are skipped")
                continue
            stack.extend(reversed(todo))

    @staticmethod
    def _node(node: object, cid: Cid, depth: int) -> list[tuple[str, object]]:
        if not isinstance(node, dict) or not isinstance(node.get("e"), list):
            raise DecodeError("not a tree node")
        todo: list[tuple[str, object]] = []
        left = node.get("l")
        if isinstance(left, Cid):
            todo.append(("node", (left, depth + 1)))
        key = b""
        for entry in node["e"]:
            if not isinstance(entry, dict):
                raise DecodeError("tree entry is not a map")
            prefix, suffix, value = entry.get("p"), entry.get("k"), entry.get("v")
            if (not isinstance(prefix, int) or not isinstance(suffix, bytes)
                    or not isinstance(value, Cid) or not 0 <= prefix <= len(key)):
                raise DecodeError("malformed tree entry")
            key = key[:prefix] + suffix  # keys are prefix-compressed against the previous
            try:
                text = key.decode("utf-8")
            except UnicodeDecodeError:
                raise DecodeError("tree key is not UTF-8") from None
            todo.append(("entry", (text, value)))
            right = entry.get("t")
            if isinstance(right, Cid):
                todo.append(("node", (right, depth + 1)))
        return todo

    def _record(self, record: object, did: str, collection: str, rkey: str,
                name: str) -> ArchivedPost | None:
        if not isinstance(record, dict):
            return None
        uri = f"at://{did}/{collection}/{rkey}"
        created = parse_when(record.get("createdAt"))
        if collection == REPOST:
            subject = _uri(record.get("subject"))
            return ArchivedPost(platform=self.platform, id=uri, text="", created=created,
                                url=web_url(subject) if subject else None, kind="reshare",
                                quote=None, source=name)
        text = record.get("text")
        if not isinstance(text, str):
            return None
        reply = record.get("reply")
        parent = _uri(reply.get("parent")) if isinstance(reply, dict) else None
        return ArchivedPost(platform=self.platform, id=uri, text=text, created=created,
                            url=f"https://bsky.app/profile/{did}/post/{rkey}",
                            kind="reply" if parent else "post", reply_to=parent,
                            quote=self._quoted(record.get("embed")), source=name)

    @staticmethod
    def _quoted(embed: object) -> str | None:
        """URI of a quoted post (app.bsky.embed.record, or recordWithMedia)."""
        if not isinstance(embed, dict):
            return None
        kind = embed.get("$type")
        if kind == "app.bsky.embed.record":
            return _uri(embed.get("record"))
        if kind == "app.bsky.embed.recordWithMedia":
            inner = embed.get("record")
            return _uri(inner.get("record")) if isinstance(inner, dict) else None
        return None
