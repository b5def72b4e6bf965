"""Strict YAML loading that remembers line numbers, so errors can point at file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pausepost.errors import ConfigError

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the line (1-based) of each key."""

    lines: dict[str, int]
    line: int


class _LineLoader(_BaseLoader):
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    out = LineDict()
    out.lines = {}
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            line = key_node.start_mark.line + 1
            raise ConfigError(f"line {line}: keys must be text, not {key!r}")
        if key in out:
            raise ConfigError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, *, text: str | None = None) -> Any:
    """Parse a YAML file (or `text` said to come from it); problems are ConfigErrors naming it."""
    try:
        source = path.read_text(encoding="utf-8") if text is None else text
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return yaml.load(source, Loader=_LineLoader)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}{where}: invalid YAML ({problem})") from None


def line_of(mapping: Any, key: str) -> int | None:
    """The line a key was written on, when the mapping came from `load_yaml`."""
    lines = getattr(mapping, "lines", None)
    return lines.get(key) if lines else getattr(mapping, "line", None)


def check_keys(mapping: Any, allowed: set[str], required: set[str], where: str, path: Path) -> None:
    """Reject a mapping with unknown or missing keys, naming file and line."""
    if not isinstance(mapping, dict):
        raise ConfigError(f"{path}: {where} must be a mapping")
    for key in mapping:
        if key not in allowed:
            line = line_of(mapping, key)
            at = f":{line}" if line else ""
            known = ", ".join(sorted(allowed))
            raise ConfigError(f"{path}{at}: unknown key {key!r} in {where} (known: {known})")
    missing = required - set(mapping)
    if missing:
        line = getattr(mapping, "line", None)
        at = f":{line}" if line else ""
        raise ConfigError(f"{path}{at}: {where} lacks {', '.join(sorted(missing))}")
