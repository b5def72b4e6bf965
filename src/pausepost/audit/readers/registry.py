"""Every reader, discovered as a subclass of `Reader`; the first whose `detect` says yes reads
the export."""

from __future__ import annotations

import importlib
import pkgutil

from pausepost.audit.readers import base
from pausepost.errors import InputError


def readers() -> list[base.Reader]:
    """One instance of every reader module's Reader subclasses, most specific first."""
    package = importlib.import_module("pausepost.audit.readers")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in {"base", "registry"}:
            importlib.import_module(f"pausepost.audit.readers.{module.name}")
    found = [cls() for cls in _subclasses(base.Reader) if cls.platform]
    # generic CSV/JSONL last: any platform's CSV would also pass its test
    return sorted(found, key=lambda r: (r.platform in {"csv", "jsonl"}, r.platform))


def _subclasses(cls: type[base.Reader]) -> list[type[base.Reader]]:
    out: list[type[base.Reader]] = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def reader_for(source: base.ExportSource) -> base.Reader:
    """The reader of this export, or InputError naming the formats pausepost knows."""
    known = readers()
    for reader in known:
        if reader.detect(source):
            return reader
    raise InputError(f"{source.path}: not an export pausepost recognises (it reads: "
                     + ", ".join(r.platform for r in known) + ")")
