"""DisjointSpans keeps exactly the spans the quadratic overlap check kept, in any order."""

from hypothesis import given
from hypothesis import strategies as st

from pausepost.text.spans import DisjointSpans

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(
    lambda p: (p[0], p[0] + p[1])), max_size=40)


def _kept_by_scanning(candidates: list[tuple[int, int]]) -> list[bool]:
    kept: list[tuple[int, int]] = []
    added = []
    for start, end in candidates:
        free = not any(a < end and start < b for a, b in kept)
        if free:
            kept.append((start, end))
        added.append(free)
    return added


@given(spans)
def test_same_spans_kept_as_a_full_scan(candidates: list[tuple[int, int]]) -> None:
    held = DisjointSpans()
    assert [held.add(s, e) for s, e in candidates] == _kept_by_scanning(candidates)
    assert len(held) == sum(_kept_by_scanning(candidates))


def test_touching_spans_and_empty_spans() -> None:
    held = DisjointSpans()
    assert held.add(5, 8)
    assert held.add(8, 10)  # touching is not overlapping
    assert held.add(5, 5)  # an empty span at a boundary
    assert not held.add(6, 6)  # an empty span strictly inside a held one
    assert not held.add(0, 6)
    assert held.overlaps(9, 9) and not held.overlaps(10, 12)
