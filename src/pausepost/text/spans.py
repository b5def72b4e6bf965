"""A set of non-overlapping text spans that answers "is this span free?" in logarithmic time.

Both the recognisers and the engine keep the best of several overlapping hits. A post made of
thousands of e-mail addresses has thousands of hits, and checking each against every span kept
so far took seconds; spans held in order need checking against one neighbour only.
"""

from __future__ import annotations

from bisect import bisect_right


class DisjointSpans:
    """Half-open spans [start, end) of which no two overlap (touching is allowed)."""

    def __init__(self) -> None:
        # Held in start order; since no two overlap, the ends are then in order too.
        self._starts: list[int] = []
        self._ends: list[int] = []

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with a held span, by the same test as
        `a.start < b.end and b.start < a.end`."""
        return self._clash(bisect_right(self._ends, start), end)

    def _clash(self, first: int, end: int) -> bool:
        # Held spans ending after the new start are a run from `first` on; the first of them
        # starts earliest, so it alone needs to start before `end`.
        return first < len(self._starts) and self._starts[first] < end

    def add(self, start: int, end: int) -> bool:
        """Hold [start, end) unless it overlaps a held span; True when it was added."""
        at = bisect_right(self._ends, start)
        if self._clash(at, end):
            return False
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        return True
