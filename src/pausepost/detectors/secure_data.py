"""security.secure-data: Wi-Fi details, door and alarm codes, pass numbers, passwords, keys."""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.recognisers import secrets
from pausepost.text.document import Document


class SecureData(Detector):
    """Credentials and access codes in free text, and Wi-Fi QR payloads."""

    name = "secure-data"
    rules = ("security.secure-data",)

    def detect(self, doc: Document) -> Iterator[Hit]:
        for match in secrets.find_all(doc.text):
            yield Hit(rule="security.secure-data", start=match.start, end=match.end,
                      confidence=match.score, reason=match.reason, label=match.label)
