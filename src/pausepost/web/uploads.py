"""Files the page sends (photos, videos, exports): kept in one private temporary folder, only
for as long as they are needed, and removed when the server stops."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pausepost.errors import InputError

KEEP_UPLOADS = 24  # the oldest photo beyond this many is deleted: a page needs only a few
_SAFE_NAME = str.maketrans({c: "_" for c in '/\\:*?"<>|\x00'})

# First bytes of the formats the media checks read. Anything else is refused before it is
# decoded, with a message saying what is accepted.
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00",
                b"MM\x00*")
_HEIF_IMAGE_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif")


def media_kind(head: bytes) -> str | None:
    """"image", "video" or None, from a file's first bytes."""
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video"
    if head[4:8] == b"ftyp":
        return "image" if head[8:12] in _HEIF_IMAGE_BRANDS else "video"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # Matroska / WebM
        return "video"
    return None


@dataclass
class Upload:
    id: str
    name: str
    path: Path
    size: int
    kind: str  # image, video or export
    redacted: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "size": self.size, "kind": self.kind}


class UploadFolder:
    """A private temporary folder (mode 0700) holding the current uploads."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="pausepost-uploads-"))
        self._items: OrderedDict[str, Upload] = OrderedDict()
        self._lock = threading.Lock()

    async def receive(self, chunks: AsyncIterator[bytes], name: str, kind: str | None,
                      max_bytes: int) -> Upload:
        """Write a streamed body to the folder. `kind` None means "a photo or a video, sniffed
        from its first bytes"."""
        upload_id = secrets.token_hex(8)
        safe = (Path(name or "upload").name.translate(_SAFE_NAME) or "upload")[-120:]
        folder = self.root / upload_id
        folder.mkdir(mode=0o700)
        path = folder / safe
        size = 0
        head = b""
        try:
            with path.open("wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputError(f"the file is larger than {max_bytes // 2**20} MB")
                    if len(head) < 32:
                        head += chunk[:32]
                    out.write(chunk)
            if size == 0:
                raise InputError("the file is empty")
            if kind is None:
                kind = media_kind(head)
                if kind is None:
                    raise InputError(f"{safe}: not a photo or video pausepost can read (JPEG, "
                                     "PNG, WebP, GIF, HEIC, TIFF, BMP; MP4, MOV, WebM, MKV, AVI)")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        upload = Upload(upload_id, safe, path, size, kind)
        with self._lock:
            self._items[upload_id] = upload
            while sum(1 for u in self._items.values() if u.kind != "export") > KEEP_UPLOADS:
                oldest = next(k for k, u in self._items.items() if u.kind != "export")
                self._drop(oldest)
        return upload

    def get(self, upload_id: str) -> Upload:
        with self._lock:
            upload = self._items.get(upload_id)
        if upload is None:
            raise KeyError(upload_id)
        return upload

    def remove(self, upload_id: str) -> bool:
        with self._lock:
            if upload_id not in self._items:
                return False
            self._drop(upload_id)
            return True

    def _drop(self, upload_id: str) -> None:
        upload = self._items.pop(upload_id)
        shutil.rmtree(upload.path.parent, ignore_errors=True)

    def close(self) -> None:
        """Remove every upload and the folder itself."""
        with self._lock:
            self._items.clear()
        shutil.rmtree(self.root, ignore_errors=True)
