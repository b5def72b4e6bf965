"""The one registry: detectors are discovered as subclasses, never listed by hand."""

from __future__ import annotations

import functools
import importlib
import pkgutil

import pausepost.detectors as package
from pausepost.detectors.base import Detector
from pausepost.policy.loader import RULE_IDS, Policy
from pausepost.profile import Profile


@functools.cache
def detector_classes() -> tuple[type[Detector], ...]:
    """Every Detector subclass in the `pausepost.detectors` package, by name."""
    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in {"base", "registry"}:
            importlib.import_module(f"{package.__name__}.{info.name}")
    found: list[type[Detector]] = []
    stack = list(Detector.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.name:
            found.append(cls)
    for cls in found:
        unknown = set(cls.rules) - set(RULE_IDS)
        if unknown:
            raise RuntimeError(f"detector {cls.name} declares unknown rules {sorted(unknown)}")
    return tuple(sorted(found, key=lambda c: c.name))


def rules_covered() -> dict[str, list[str]]:
    """Rule id -> names of the detectors that can raise it."""
    out: dict[str, list[str]] = {r: [] for r in RULE_IDS}
    for cls in detector_classes():
        for rule in cls.rules:
            out[rule].append(cls.name)
    return out


@functools.lru_cache(maxsize=32)
def build_detectors(policy: Policy, profile: Profile) -> tuple[Detector, ...]:
    """Detectors compiled for one policy and profile (cached: building compiles word lists)."""
    return tuple(cls(policy, profile) for cls in detector_classes())
