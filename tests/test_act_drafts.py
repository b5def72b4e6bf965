"""The drafts store: cooling-off rules, edits, release, review, and a store that survives a
restart, a SIGKILL and concurrent writers, with times stored in UTC."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pausepost.act.drafts import DraftStore, cooling_off, parse_draft_id
from pausepost.act.when import format_duration, parse_duration
from pausepost.engine import Checker
from pausepost.errors import InputError

NOON = datetime(2024, 6, 4, 12, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]


class Clock:
    """A settable clock for the store."""

    def __init__(self, now: datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker("dwp", {"pause_minutes": 15})


@pytest.fixture
def utc_zone(set_zone):
    """Local time is UTC for the test (the late-night rule reads the local hour)."""
    set_zone("UTC")


@pytest.fixture
def store(tmp_path, checker, utc_zone):
    clock = Clock()
    s = DraftStore(tmp_path / "drafts.sqlite", checker=checker, clock=clock)
    s.clock = clock  # type: ignore[attr-defined]  # tests move time on
    return s


@pytest.mark.parametrize("base, verdict, hour, minutes", [
    (15, "post", 12, 15),
    (15, "pause", 12, 30),
    (15, "stop", 12, 45),
    (15, "post", 23, 30),
    (15, "pause", 2, 60),
    (15, "post", 6, 15),
    (0, "stop", 2, 0),
    (10080, "stop", 2, 10080),  # never longer than a week
])
def test_cooling_off_is_longer_for_flagged_drafts_and_late_at_night(
        utc_zone, base: int, verdict: str, hour: int, minutes: int) -> None:
    hold = cooling_off(base, verdict, NOON.replace(hour=hour))
    assert hold.minutes == minutes
    assert len(hold.reasons) >= 1


def test_late_night_is_judged_in_local_time(set_zone) -> None:
    # 22:30 UTC on 4 June is 07:30 the next morning in Tokyo: not late at night there
    set_zone("Asia/Tokyo")
    assert cooling_off(15, "post", NOON.replace(hour=22, minute=30)).minutes == 15
    assert cooling_off(15, "post", NOON.replace(hour=15)).minutes == 30  # 00:00 in Tokyo


def test_a_flagged_draft_is_held_for_longer_and_released_only_when_its_time_is_up(
        store) -> None:
    draft = store.add("@dave you are a useless idiot")
    assert draft.state == "held" and draft.verdict == "pause"
    assert draft.hold_minutes == 30
    assert draft.due_at == NOON + timedelta(minutes=30)
    with pytest.raises(InputError, match=r"cooling off until 12:30 UTC \(30 minutes left\); "
                                         "wait, or release it now with --force"):
        store.release(draft.id)
    store.clock.now = NOON + timedelta(minutes=30)
    released = store.release(draft.id)
    assert released.state == "released" and released.released_at == store.clock.now
    with pytest.raises(InputError, match="already released"):
        store.release(draft.id)
    with pytest.raises(InputError, match="already released"):
        store.edit(draft.id, "new words")
    assert store.list() == []
    assert [d.id for d in store.list(include_released=True)] == [draft.id]


def test_force_releases_early(store) -> None:
    draft = store.add("Lovely morning for a run")
    assert store.release(draft.id, force=True).state == "released"


def test_minutes_is_the_base_time(store) -> None:
    assert store.add("Lovely morning for a run", minutes=0).ready(NOON)
    assert store.add("Lovely morning for a run", minutes=60).hold_minutes == 60
    with pytest.raises(InputError, match="minutes"):
        store.add("Lovely morning", minutes=-1)


def test_an_edit_that_fixes_the_draft_keeps_the_timer(store) -> None:
    draft = store.add("@dave you are a useless idiot")
    store.clock.now = NOON + timedelta(minutes=10)
    edited = store.edit(draft.id, "@dave I disagree with your plan for the rota")
    assert edited.verdict == "post" and edited.edits == 1
    assert edited.due_at == draft.due_at
    assert edited.original_text == "@dave you are a useless idiot"


def test_an_edit_that_adds_a_risk_starts_the_cooling_off_again(store) -> None:
    draft = store.add("Lovely morning for a run")
    store.clock.now = NOON + timedelta(minutes=10)
    edited = store.edit(draft.id, "Lovely morning, and the door code is 4512")
    assert edited.due_at > draft.due_at
    assert edited.due_at == store.clock.now + timedelta(minutes=edited.hold_minutes)
    assert any("started again" in r for r in edited.hold_reasons)


def test_review_shows_the_fresh_check_what_changed_and_the_imagined_view(store) -> None:
    draft = store.add("Dave is a useless idiot and his reports are rubbish", audience="friends")
    store.edit(draft.id, "Dave is wrong about the rota and his reports are late")
    store.clock.now = NOON + timedelta(hours=1)
    review = store.review(draft.id)
    assert review.ready and review.text_changed
    assert review.report.verdict == "post"
    assert {f["evidence"] for f in review.removed} >= {"idiot"}
    assert review.added == ()
    assert review.imagined.turned
    assert review.imagined.text.startswith("You are wrong about the rota and your reports")
    assert any("screenshot makes any post public" in r for r in review.reminders)
    data = review.to_dict()
    assert data["changes"]["first_verdict"] == "pause" and data["changes"]["verdict"] == "post"
    assert data["draft"]["created_at"] == "2024-06-04T12:00:00Z"


def test_discard_deletes_the_draft_and_its_words(store) -> None:
    draft = store.add("my secret draft about the reorganisation plans")
    assert store.discard(draft.id).id == draft.id
    with pytest.raises(InputError, match="unknown draft id"):
        store.get(draft.id)
    # neither the database nor its write-ahead log keeps the words
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob("drafts.sqlite*"))
    assert b"reorganisation plans" not in raw


@pytest.mark.parametrize("bad", ["abc", "", "1.5", "-3", "99999999999999", True])
def test_bad_draft_ids_are_input_errors(store, bad) -> None:
    with pytest.raises(InputError, match="draft id"):
        store.get(bad)


def test_draft_ids_may_be_typed_with_a_hash() -> None:
    assert parse_draft_id("#7") == 7 and parse_draft_id(" 12 ") == 12


def test_bad_drafts_and_audiences_are_input_errors(store) -> None:
    with pytest.raises(InputError, match="empty"):
        store.add("   ")
    with pytest.raises(InputError, match="binary"):
        store.add("\x00\x01\x02")
    with pytest.raises(InputError, match="audience"):
        store.add("hello", audience="everyone")


def test_times_are_stored_as_utc_iso_text(store) -> None:
    draft = store.add("Lovely morning for a run")
    with sqlite3.connect(store.path) as db:
        created, due = db.execute("SELECT created_at, due_at FROM drafts WHERE id = ?",
                                  (draft.id,)).fetchone()
    assert created == "2024-06-04T12:00:00Z" and due == "2024-06-04T12:15:00Z"
    assert draft.to_dict(NOON)["seconds_left"] == 15 * 60


def test_drafts_survive_a_restart(tmp_path, checker) -> None:
    path = tmp_path / "drafts.sqlite"
    first = DraftStore(path, checker=checker).add("Lovely morning for a run", quote="Nice day?")
    again = DraftStore(path, checker=checker).get(first.id)
    assert again == first


def test_the_store_file_is_private_and_a_non_store_is_refused(tmp_path, checker) -> None:
    path = tmp_path / "drafts.sqlite"
    DraftStore(path, checker=checker)
    assert path.stat().st_mode & 0o777 == 0o600
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(InputError, match=r"junk\.sqlite"):
        DraftStore(junk, checker=checker).list()
    with pytest.raises(InputError, match="folder"):
        DraftStore(tmp_path, checker=checker)
    with pytest.raises(InputError, match="folder not found"):
        DraftStore(tmp_path / "missing" / "d.sqlite", checker=checker)


def test_the_default_store_is_in_the_private_data_folder(tmp_path, monkeypatch,
                                                          checker) -> None:
    monkeypatch.setenv("PAUSEPOST_HOME", str(tmp_path / "home"))
    store = DraftStore(checker=checker)
    assert store.path == tmp_path / "home" / "drafts.sqlite"
    assert (tmp_path / "home").stat().st_mode & 0o777 == 0o700


_WRITER = """
import sys
from pausepost.act.drafts import DraftStore
from pausepost.engine import Checker
store = DraftStore(sys.argv[1], checker=Checker("dwp", {"pause_minutes": 15}))
for i in range(100000):
    draft = store.add(f"draft number {i} " + "words " * 50, minutes=60)
    print(draft.id, i, flush=True)
"""


def test_drafts_survive_a_sigkill_in_the_middle_of_writing(tmp_path, checker) -> None:
    path = tmp_path / "drafts.sqlite"
    process = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    written = [process.stdout.readline().split() for _ in range(20)]
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    drafts = {d.id: d for d in DraftStore(path, checker=checker).list()}
    for draft_id, number in written:  # every draft reported as stored is there, intact
        assert drafts[int(draft_id)].text.startswith(f"draft number {number} ")
        assert drafts[int(draft_id)].text.count("words") == 50


def test_a_waiting_pause_killed_keeps_its_draft(tmp_path) -> None:
    env = dict(os.environ, PAUSEPOST_HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    process = subprocess.Popen([sys.executable, "-m", "pausepost", "pause", "--wait",
                                "--minutes", "60", "Lovely morning for a run"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Held as draft"):
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    drafts = DraftStore(tmp_path / "home" / "drafts.sqlite").list()
    assert [d.text for d in drafts] == ["Lovely morning for a run"]


def test_concurrent_pause_commands_all_store_their_drafts_intact(tmp_path) -> None:
    env = dict(os.environ, PAUSEPOST_HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    texts = [f"Draft {n}: lovely morning for a run " + "é" * n for n in range(6)]
    processes = [subprocess.Popen([sys.executable, "-m", "pausepost", "pause", "--format",
                                   "json", text], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env) for text in texts]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    drafts = DraftStore(tmp_path / "home" / "drafts.sqlite").list()
    assert sorted(d.text for d in drafts) == sorted(texts)
    assert len({d.id for d in drafts}) == len(texts)


@given(st.integers(min_value=0, max_value=7 * 24 * 60))
def test_durations_read_back_what_they_show(minutes: int) -> None:
    assert parse_duration(format_duration(minutes)) == minutes


@given(st.integers(min_value=0, max_value=168), st.integers(min_value=0, max_value=59))
def test_hours_and_minutes_in_any_spelling(hours: int, minutes: int) -> None:
    total = hours * 60 + minutes
    for text in (f"{hours}h{minutes}m", f"{hours} hours {minutes} minutes", f"{total}",
                 f"{total} min"):
        if total <= 7 * 24 * 60:
            assert parse_duration(text) == total


@given(st.text(max_size=30))
def test_any_duration_text_is_minutes_or_an_input_error(text: str) -> None:
    try:
        minutes = parse_duration(text)
    except InputError:
        return
    assert 0 <= minutes <= 7 * 24 * 60
