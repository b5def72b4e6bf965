"""The data model: posts in, findings and reports out (BRIEF §3)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["note", "warning", "error"]
Verdict = Literal["post", "pause", "stop"]

LEVELS: tuple[Level, ...] = ("note", "warning", "error")
LEVEL_RANK: dict[str, int] = {"note": 0, "warning": 1, "error": 2}
AUDIENCES: tuple[str, ...] = ("public", "followers", "friends", "private")


@dataclass(frozen=True, slots=True)
class Citation:
    """A paragraph of the guidance that a finding rests on."""

    source: str
    ref: str
    summary: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "ref": self.ref, "summary": self.summary}


@dataclass(frozen=True, slots=True)
class Where:
    """Where a finding sits: a span of the text or quote, or a box in a photo or video."""

    part: str
    start: int | None = None
    end: int | None = None
    box: tuple[int, int, int, int] | None = None
    time: float | None = None  # seconds into a video where the finding is first seen
    time_end: float | None = None  # and last seen, when it spans several sampled frames

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"part": self.part}
        if self.start is not None:
            out["start"] = self.start
            out["end"] = self.end
        if self.time is not None:
            out["time"] = self.time
        if self.time_end is not None:
            out["time_end"] = self.time_end
        if self.box is not None:
            out["box"] = list(self.box)
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing that could get the author into trouble, explained."""

    rule: str
    level: Level
    confidence: float
    where: Where
    evidence: str
    message: str
    advice: str
    citations: tuple[Citation, ...] = ()
    reason: str = ""  # what found it, e.g. "swear word 'f*ck' (disguised)"
    suggestion: str | None = None  # a rewrite of the evidence, when one is known

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "level": self.level,
            "confidence": round(self.confidence, 2),
            "where": self.where.to_dict(),
            "evidence": self.evidence,
            "message": self.message,
            "advice": self.advice,
            "citations": [c.to_dict() for c in self.citations],
        }
        if self.reason:
            out["reason"] = self.reason
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        return out


def verdict_for(findings: Sequence[Finding]) -> Verdict:
    """`stop` for any error, `pause` for any warning, otherwise `post`."""
    worst = max((LEVEL_RANK[f.level] for f in findings), default=0)
    return "stop" if worst == 2 else "pause" if worst == 1 else "post"


@dataclass(frozen=True, slots=True)
class Report:
    """The result of checking one post."""

    findings: tuple[Finding, ...]
    text: str = ""
    quote: str | None = None
    audience: str = "public"
    redactions: tuple[dict[str, Any], ...] = ()
    id: str | None = None
    reminders: tuple[str, ...] = field(default=())
    # Parts that could not be checked (a damaged photo ...), one clear line each: the rest of
    # the post was still checked, but the verdict cannot vouch for these.
    problems: tuple[str, ...] = ()

    @property
    def verdict(self) -> Verdict:
        verdict = verdict_for(self.findings)
        # a part nobody could check needs a person's look before posting
        return "pause" if verdict == "post" and self.problems else verdict

    @property
    def rules(self) -> set[str]:
        """Rule ids raised at any level."""
        return {f.rule for f in self.findings}

    def rules_at(self, level: Level = "warning") -> set[str]:
        """Rule ids raised at `level` or above."""
        floor = LEVEL_RANK[level]
        return {f.rule for f in self.findings if LEVEL_RANK[f.level] >= floor}

    def to_dict(self) -> dict[str, Any]:
        """The BRIEF §3 JSON shape (plus `id` when the post had one)."""
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out["verdict"] = self.verdict
        out["findings"] = [f.to_dict() for f in self.findings]
        out["redactions"] = list(self.redactions)
        if self.problems:
            out["problems"] = list(self.problems)
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
