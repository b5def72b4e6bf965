"""A post's photos and videos, each checked in turn; one that cannot be read is reported as a
problem and the others (and the text) are still checked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pausepost.errors import InputError
from pausepost.model import Finding

if TYPE_CHECKING:
    from pausepost.engine import Checker


def check_media(checker: Checker, images: Sequence[str | Path],
                videos: Sequence[str | Path]) -> tuple[list[Finding], list[str]]:
    """Findings for every photo and video, and one line per file that could not be checked."""
    from pausepost.media.check import check_image_file
    from pausepost.media.video import check_video_file

    findings: list[Finding] = []
    problems: list[str] = []
    for index, path in enumerate(images):
        try:
            findings.extend(m.finding for m in check_image_file(checker, path, index))
        except InputError as exc:
            problems.append(f"photo {index + 1}: {exc}")
    for index, path in enumerate(videos):
        try:
            findings.extend(m.finding for m in check_video_file(checker, path, index))
        except InputError as exc:
            problems.append(f"video {index + 1}: {exc}")
    return findings, problems
