"""What a detector is: a small object with one job that turns a document into hits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from pausepost.model import Level
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document


@dataclass(frozen=True, slots=True)
class Hit:
    """A detector's raw observation: a rule, a span of the original text, how sure and why."""

    rule: str
    start: int
    end: int
    confidence: float
    reason: str
    label: str = ""  # fills {label} in the rule's message ("National Insurance number")
    target: str = ""  # fills {target} ("@tom_b", "a named person")
    topic: str = ""  # fills {topic} ("Universal Credit")
    detail: str = ""  # fills {detail} (": about claimants")
    level: Level | None = None  # the detector's own call; else the rule's level
    suggestion: str | None = None


class Detector:
    """Base class. Subclasses are discovered by the registry; each declares the rules it raises.

    A detector is built once per (policy, profile) so it can compile its word lists, and its
    `detect` must be pure: the same document gives the same hits.
    """

    name: ClassVar[str] = ""
    rules: ClassVar[tuple[str, ...]] = ()

    def __init__(self, policy: Policy, profile: Profile) -> None:
        self.policy = policy
        self.profile = profile

    def detect(self, doc: Document) -> Iterable[Hit]:
        raise NotImplementedError
