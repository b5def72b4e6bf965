"""SARIF 2.1.0 output, so editors and code-scanning tools can show findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pausepost import __version__
from pausepost.model import Report
from pausepost.policy.loader import Policy

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def to_sarif(reports: Sequence[tuple[str, Report]], policy: Policy) -> dict[str, Any]:
    """One SARIF run for (artifact uri, report) pairs; regions are character offsets."""
    rules = [
        {
            "id": spec.id,
            "name": spec.title,
            "shortDescription": {"text": spec.title},
            "fullDescription": {"text": spec.why},
            "help": {"text": f"{spec.advice}\nInstead of: {spec.example}\nWrite: {spec.instead}"},
            "defaultConfiguration": {"level": spec.level},
            "properties": {"citations": [c.to_dict() for c in spec.citations]},
        }
        for spec in policy.rules.values()
    ]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for uri, report in reports:
        for f in report.findings:
            region: dict[str, Any] = {"snippet": {"text": f.evidence}}
            if f.where.start is not None and f.where.end is not None:
                region.update(charOffset=f.where.start, charLength=f.where.end - f.where.start)
            results.append({
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": f.level,
                "message": {"text": f"{f.message}. {f.advice}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri if f.where.part == "text"
                                         else f"{uri}#{f.where.part}"},
                    "region": region,
                }}],
                "properties": {"confidence": f.confidence, "verdict": report.verdict,
                               "reason": f.reason},
            })
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pausepost", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
