"""The respond kit: driven through its prompts, built from flags, and its Markdown and HTML
record (steps, timestamps, the person's words escaped, nothing outside the page)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pausepost.act.imagine import imagine
from pausepost.act.respond import (
    RespondKit,
    load_platforms,
    render_html,
    render_markdown,
    run_respond,
)
from pausepost.act.when import parse_when, show_local, to_utc_iso
from pausepost.errors import InputError

NOW = datetime(2024, 6, 4, 12, 0, tzinfo=UTC)  # 13:00 in London (BST)
REP = {"name": "Pat Example", "email": "pat@branch.example", "phone": "01234 567890"}


@pytest.fixture(autouse=True)
def london(set_zone):
    set_zone("Europe/London")


@pytest.fixture
def kit() -> RespondKit:
    return RespondKit({"union_rep": REP}, clock=lambda: NOW)


class Script:
    """Answers the kit's questions in order and keeps what it says."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)

    @property
    def output(self) -> str:
        return "\n".join(self.said)


def test_the_kit_runs_end_to_end_through_its_prompts(kit, tmp_path) -> None:
    script = Script(
        "myspace", "twitter",                       # an unknown platform is asked again
        "@dave you are <b>useless</b>",             # the post
        "yesterday 21:40",                          # posted
        "banana", "08:05",                          # a bad time is asked again
        "Sorry if anyone was offended, it was only banter.",
        "I'm sorry for my post about Dave. It was cruel and I have deleted it.",
        "10:30",                                    # rep contacted
        "tomorrow 09:00",                           # meeting
        "yesterday 22:15 — Dave's manager messaged me", "09:30 | HR emailed", "",
    )
    record = kit.interview(script.ask, script.say)
    out = script.output
    for step in ("Step 1 of 4: Take the post down", "Step 2 of 4: Apologise without",
                 "Step 3 of 4: Contact your union representative", "Step 4 of 4: Keep a"):
        assert step in out
    assert "unknown platform 'myspace'" in out and "is not a time" in out
    assert "Tap the ⋯ (More) menu" in out  # X's steps
    assert "Conditional apology" in out and "Unqualified" in out
    assert "Pat Example" in out and "pat@branch.example" in out
    assert record.platform is not None and record.platform.key == "x"
    assert record.posted_at == datetime(2024, 6, 3, 20, 40, tzinfo=UTC)  # 21:40 BST
    assert record.taken_down_at == datetime(2024, 6, 4, 7, 5, tzinfo=UTC)
    assert record.apology is not None and record.apology.verdict == "ok"
    assert record.rep_contacted_at == datetime(2024, 6, 4, 9, 30, tzinfo=UTC)
    assert record.meeting_at == datetime(2024, 6, 5, 8, 0, tzinfo=UTC)
    assert [n.what for n in record.notes] == ["Dave's manager messaged me", "HR emailed"]
    assert record.concerns() == []

    markdown_path, html_path = kit.write(record, tmp_path / "records")
    assert markdown_path.name == "respond-2024-06-04-1300.md"
    markdown = markdown_path.read_text(encoding="utf-8")
    for expected in ("## 1. Take the post down", "## 2. Apologise without qualification",
                     "## 3. Contact your union representative before any meeting",
                     "## 4. Keep a timeline", "- [x] Taken down: Tue 4 Jun 2024 08:05 BST "
                     "(2024-06-04T07:05:00Z), 10 h 25 min after it was posted",
                     "- [x] Apology: unqualified",
                     "- [x] Union representative contacted: Tue 4 Jun 2024 10:30 BST",
                     "| Mon 3 Jun 2024 21:40 BST | 2024-06-03T20:40:00Z | Posted on X (Twitter) |",
                     "| Tue 4 Jun 2024 09:30 BST | 2024-06-04T08:30:00Z | HR emailed |",
                     "| Wed 5 Jun 2024 09:00 BST | 2024-06-05T08:00:00Z | Meeting about the post |",
                     r"> @dave you are \<b\>useless\</b\>", "Email: pat@branch.example"):
        assert expected in markdown, expected
    page = html_path.read_text(encoding="utf-8")
    assert "&lt;b&gt;useless&lt;/b&gt;" in page and "<b>useless" not in page
    assert "2024-06-04T07:05:00Z" in page and "Posted on X (Twitter)" in page


def test_end_of_input_ends_the_interview_with_what_was_given(kit) -> None:
    record = kit.interview(Script("facebook").ask, Script().say)
    assert record.platform is not None and record.platform.key == "facebook"
    assert record.taken_down_at is None and record.apology is None
    assert any("not recorded as taken down" in c for c in record.concerns())
    assert any("union representative" in c for c in record.concerns())


def test_a_qualified_apology_kept_after_the_attempts_is_recorded_as_qualified(kit) -> None:
    script = Script("", "", "", "", "Sorry you feel that way.", "Sorry if you were upset.",
                    "Sorry, but it was banter.")
    record = kit.interview(script.ask, script.say)
    assert record.apology is not None and record.apology.verdict == "qualified"
    assert record.apology.text == "Sorry, but it was banter."
    assert "A wording to start from: I am sorry for" in script.output


def test_a_record_from_flags(kit) -> None:
    record = kit.record(platform="Instagram", post="a post", posted_at="2024-06-03 21:40",
                        taken_down_at="30 minutes ago", apology="Sorry if anyone was upset.",
                        meeting_at="2024-06-04 10:00", rep_contacted_at="now",
                        notes=["2024-06-03 23:00 — friend told me it was shared",
                               "called the branch office"])
    assert record.platform is not None and record.platform.name == "Instagram"
    assert record.taken_down_at == NOW - timedelta(minutes=30)
    assert record.apology is not None and record.apology.verdict == "qualified"
    assert record.notes[1].at == NOW and record.notes[1].what == "called the branch office"
    concerns = " ".join(record.concerns())
    assert "apology is qualified" in concerns and "meeting was before you contacted" in concerns
    data = record.to_dict()
    assert data["taken_down_at"] == "2024-06-04T11:30:00Z"
    assert [e["what"] for e in data["timeline"]][:2] == ["Posted on Instagram",
                                                          "friend told me it was shared"]
    assert data["rep"] == REP


@pytest.mark.parametrize("flags, message", [
    ({"platform": "myspace"}, "unknown platform 'myspace'"),
    ({"taken_down_at": "tomorrow 10:00"}, "--taken-down-at: .* is in the future"),
    ({"posted_at": "31/02/2024"}, "--posted-at: .* not a time"),
    ({"posted_at": "10:00", "taken_down_at": "09:00"}, "before --posted-at"),
    ({"apology": ""}, "apology is empty"),
    ({"post": "\x00\x01"}, "binary"),
    ({"notes": ["2024-13-45 10:00 — a bad date"]}, "not a time"),
    ({"notes": ["10:00 — "]}, "empty"),
])
def test_bad_flags_are_clear_input_errors(kit, flags, message) -> None:
    with pytest.raises(InputError, match=message):
        kit.record(**flags)


def test_records_never_overwrite_and_are_private(kit, tmp_path) -> None:
    record = kit.record(platform="x")
    first = kit.write(record, tmp_path)
    second = kit.write(record, tmp_path)
    assert first[0].name == "respond-2024-06-04-1300.md"
    assert second[0].name == "respond-2024-06-04-1300-2.md"
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in (*first, *second))


def test_without_a_rep_in_the_profile_nothing_is_invented(tmp_path) -> None:
    kit = RespondKit(None, clock=lambda: NOW)
    markdown = render_markdown(kit.record())
    assert "Your profile names no union rep" in markdown
    assert "@" not in markdown.split("## 3.")[1].split("## 4.")[0]


def test_the_html_is_self_contained_and_escapes_every_word_given(kit) -> None:
    hostile = '<script>alert(1)</script><img src="https://evil.example/x.png">'
    record = kit.record(platform="x", post=hostile, apology=f"Sorry. {hostile}",
                        notes=[f"now — {hostile}"])
    page = render_html(record)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page.replace(
        "https://evil.example", "")  # the only address is the escaped one given
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    markdown = render_markdown(record)
    assert not re.search(r"(?<!\\)<(?:script|img)", markdown)  # only escaped: \<script


def test_run_respond_writes_the_record(tmp_path) -> None:
    record, (markdown, page) = run_respond(out=tmp_path, profile={"union_rep": REP},
                                           clock=lambda: NOW, platform="x",
                                           taken_down_at="now")
    assert record.taken_down_at == NOW
    assert markdown.exists() and page.exists()


def test_every_platform_has_steps_and_there_is_a_fallback() -> None:
    platforms = load_platforms()
    assert "other" in platforms and "x" in platforms
    assert all(p.steps for p in platforms.values())


def test_the_imagined_view_turns_the_post_towards_you() -> None:
    assert imagine("@dave you are useless").text == "You are useless"
    assert imagine("Dave is useless").text == "You are useless"
    assert imagine("My manager is a clown, he never listens").text == \
        "You are a clown, you never listen"
    assert imagine("Claimants are scroungers").text == "You claimants are scroungers"
    plain = imagine("Lovely morning for a run")
    assert not plain.turned and not plain.addresses_someone and plain.prompt == ""
    assert not imagine("I'm such an idiot").turned
    assert not imagine("@me is tired", own_names=["@me"]).turned


@pytest.mark.parametrize("text, expected", [
    ("now", NOW),
    ("14:05", datetime(2024, 6, 3, 13, 5, tzinfo=UTC)),  # later today → yesterday's
    ("09:30", datetime(2024, 6, 4, 8, 30, tzinfo=UTC)),
    ("yesterday 21:40", datetime(2024, 6, 3, 20, 40, tzinfo=UTC)),
    ("2 hours ago", NOW - timedelta(hours=2)),
    ("2024-01-15 09:00", datetime(2024, 1, 15, 9, 0, tzinfo=UTC)),  # GMT in winter
    ("2024-06-03T09:00:00+02:00", datetime(2024, 6, 3, 7, 0, tzinfo=UTC)),
])
def test_times_are_read_in_local_time_and_kept_in_utc(text, expected) -> None:
    assert parse_when(text, now=NOW) == expected


def test_future_times_only_where_allowed() -> None:
    assert parse_when("tomorrow 09:00", now=NOW, allow_future=True) == datetime(
        2024, 6, 5, 8, 0, tzinfo=UTC)
    assert parse_when("in 2 hours", now=NOW, allow_future=True) == NOW + timedelta(hours=2)
    with pytest.raises(InputError, match="future"):
        parse_when("tomorrow 09:00", now=NOW)


@given(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2024, 6, 1)))
@settings(deadline=None)
def test_a_shown_local_time_reads_back_as_the_same_moment(moment: datetime) -> None:
    aware = moment.replace(second=0, microsecond=0).astimezone()  # local wall-clock time
    typed = f"{aware:%Y-%m-%d %H:%M}"
    parsed = parse_when(typed, now=NOW)
    # a wall-clock time in the hour the clocks go back is ambiguous; both readings are kept
    assert parsed == aware.astimezone(UTC) or abs(parsed - aware) == timedelta(hours=1)
    assert to_utc_iso(parsed).endswith("Z")
    assert show_local(parsed).endswith(("GMT", "BST"))


@given(st.text(max_size=40))
@settings(deadline=None)
def test_any_typed_time_is_a_utc_moment_or_an_input_error(text: str) -> None:
    try:
        moment = parse_when(text, now=NOW, allow_future=True)
    except InputError:
        return
    assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0)
    assert 2000 <= moment.year <= 2100
