"""The reader interface: an export (zip, tar.gz or folder) in, archived posts out.

`ExportSource` gives readers safe access to an export whatever its packaging: member paths
that would escape the folder are refused, and the total unpacked size and the compression
ratio are bounded, so a zip bomb or a hostile tarball cannot fill the disk or the memory.
A reader yields `ArchivedPost`s and, for what it cannot read, `Skipped` records (never an
exception for bad data): one broken file never aborts the rest of an audit.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import ClassVar

from pausepost.errors import InputError

MAX_MEMBER_BYTES = 512 * 1024 * 1024  # one file of an export (X's tweets.js can be large)
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024  # everything read from one export
MAX_RATIO = 200  # unpacked / packed size of one member: beyond this it is a bomb


@dataclass(frozen=True, slots=True)
class ArchivedPost:
    """One post (or comment, reply, reshare) from an export."""

    platform: str  # "x", "facebook", "instagram", "threads", "mastodon", "bluesky", ...
    id: str  # the platform's own id (tweet id, at:// URI, status URL ...), unique per platform
    text: str
    created: datetime | None  # timezone-aware, UTC
    url: str | None = None  # where to open (and delete) it on the platform
    kind: str = "post"  # post | reply | reshare | comment
    reply_to: str | None = None  # who or what it answered (@name, a URL)
    quote: str | None = None  # the text it reshared or quoted, when the export has it
    media: tuple[str, ...] = ()  # member paths of its photos and videos inside the export
    content_warning: str | None = None
    source: str = ""  # the export member it came from


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something a reader could not read, and why (counted in the audit's report)."""

    source: str
    reason: str
    count: int = 1


@dataclass
class ExportSource:
    """An export opened for reading: a folder, a zip or a tar(.gz) file."""

    path: Path
    _zip: zipfile.ZipFile | None = None
    _tar: tarfile.TarFile | None = None
    _members: dict[str, object] = field(default_factory=dict)
    read_bytes_total: int = 0

    @classmethod
    def open(cls, path: str | Path) -> ExportSource:
        """Open an export; raises InputError when it is none of the three."""
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        source = cls(path)
        if path.is_dir():
            root = path.resolve()
            for file in root.rglob("*"):
                if file.is_file() and not file.is_symlink():
                    source._members[file.relative_to(root).as_posix()] = file
            return source
        try:
            if zipfile.is_zipfile(path):
                source._zip = zipfile.ZipFile(path)  # closed by close()
                for info in source._zip.infolist():
                    if not info.is_dir() and (name := safe_name(info.filename)):
                        source._members[name] = info
                return source
            if tarfile.is_tarfile(path):
                source._tar = tarfile.open(path, "r:*")  # noqa: SIM115 - kept open, closed by close()
                for member in source._tar:
                    if member.isfile() and (name := safe_name(member.name)):
                        source._members[name] = member
                return source
        except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
            raise InputError(f"{path}: the archive is damaged ({exc})") from None
        # a single file (a CSV, a JSONL, a CAR): the export is that one member
        source._members[path.name] = path
        return source

    def names(self) -> list[str]:
        """Member paths, POSIX style, relative to the export's root."""
        return sorted(self._members)

    def find(self, *suffixes: str) -> list[str]:
        """Members whose path ends with one of `suffixes` (case-insensitive)."""
        lowered = tuple(s.lower() for s in suffixes)
        return [n for n in self.names() if n.lower().endswith(lowered)]

    def size(self, name: str) -> int:
        member = self._members[name]
        if isinstance(member, Path):
            return member.stat().st_size
        if isinstance(member, zipfile.ZipInfo):
            return member.file_size
        assert isinstance(member, tarfile.TarInfo)
        return member.size

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """A member's bytes; InputError if it is too large, a bomb, or damaged."""
        member = self._members.get(name)
        if member is None:
            raise InputError(f"{name}: not in the export")
        size = self.size(name)
        if size > limit:
            raise InputError(f"{name}: {size:,} bytes is more than pausepost reads from one file")
        if isinstance(member, zipfile.ZipInfo) and member.compress_size and (
                size / max(1, member.compress_size) > MAX_RATIO and size > 1_000_000):
            raise InputError(f"{name}: compressed {size // max(1, member.compress_size)}:1, "
                             "like a zip bomb; skipped")
        if self.read_bytes_total + size > MAX_TOTAL_BYTES:
            raise InputError(f"{name}: the export unpacks to more than "
                             f"{MAX_TOTAL_BYTES // 2**30} GB; stopped reading")
        try:
            if isinstance(member, Path):
                data = member.read_bytes()
            elif isinstance(member, zipfile.ZipInfo):
                assert self._zip is not None
                with self._zip.open(member) as handle:
                    data = handle.read(limit + 1)  # never trust the header's size
            else:
                assert self._tar is not None and isinstance(member, tarfile.TarInfo)
                extracted = self._tar.extractfile(member)
                data = extracted.read(limit + 1) if extracted else b""
        except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, ValueError) as exc:
            raise InputError(f"{name}: damaged in the archive ({exc})") from None
        if len(data) > limit:
            raise InputError(f"{name}: unpacks to more than it claims; skipped")
        self.read_bytes_total += len(data)
        return data

    def text(self, name: str) -> str:
        """A member as text (UTF-8, BOM tolerated, bad bytes replaced)."""
        return self.read(name).decode("utf-8-sig", errors="replace")

    def close(self) -> None:
        for handle in (self._zip, self._tar):
            if handle is not None:
                handle.close()


def safe_name(name: str) -> str | None:
    """The member path normalised, or None if it is absolute or climbs out of the export."""
    name = name.replace("\\", "/")
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    return path.as_posix()


class Reader:
    """Base class of export readers; subclasses are found by `registry.readers()`."""

    platform: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def detect(self, source: ExportSource) -> bool:
        """True when `source` looks like this platform's export."""
        raise NotImplementedError

    def read(self, source: ExportSource) -> Iterator[ArchivedPost | Skipped]:
        """Every post of the export, in any order; `Skipped` for what cannot be read."""
        raise NotImplementedError


def mend_mojibake(text: str) -> str:
    """Undo Meta's export encoding (UTF-8 bytes written as \\u00XX escapes):
    "cafÃ©" -> "café". Text that is not mangled that way is returned unchanged."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
