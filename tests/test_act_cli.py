"""`pausepost pause`, `drafts`, `apology` and `respond` as a person runs them: exit codes, local
times, bad input as one line with exit code 2, and everything with the network off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pausepost.cli import main
from tests.conftest import run_cli


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A private data folder and an empty config folder: never the real home."""
    monkeypatch.setenv("PAUSEPOST_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "home"


def _env(home: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, PAUSEPOST_HOME=str(home),
                XDG_CONFIG_HOME=str(home.parent / "config"), **extra)


def _run(home: Path, *args: str, stdin: bytes | None = None, **env: str
         ) -> subprocess.CompletedProcess[bytes]:
    return run_cli(*args, stdin=stdin, env=_env(home, **env))


def _ok(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    assert result.returncode == code, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    return result.stdout.decode()


def test_pause_list_review_release(home) -> None:
    out = _ok(_run(home, "pause", "--minutes", "0", "--color", "never",
                   "@dave you are a useless idiot"), 1)
    assert "[[idiot]]" in out and "Held as draft 1" in out
    listing = _ok(_run(home, "drafts"), 0)
    assert "1  PAUSE  ready" in listing and "@dave you are a useless idiot" in listing
    review = _ok(_run(home, "drafts", "review", "1", "--color", "never"), 1)
    for expected in ("its cooling-off time is up", "Since you paused it:",
                     "Imagine someone saying this to you:", "\u201cYou are a useless idiot\u201d",
                     "Who will see it? (public)", "screenshotted"):
        assert expected in review, expected
    edited = _ok(_run(home, "drafts", "edit", "1", "@dave I disagree with you"), 0)
    assert "the check now says POST" in edited
    review = _ok(_run(home, "drafts", "review", "1", "--format", "json"), 0)
    changes = json.loads(review)["changes"]
    assert changes["text_changed"] and {f["evidence"] for f in changes["removed"]} == {
        "useless", "idiot"}
    released = _run(home, "drafts", "release", "1")
    assert _ok(released, 0) == "@dave I disagree with you\n"
    assert b"released draft 1" in released.stderr
    assert "No drafts held" in _ok(_run(home, "drafts"), 0)
    assert "RELEASED" not in _ok(_run(home, "drafts", "--all"), 0)
    assert "released" in _ok(_run(home, "drafts", "--all"), 0)


def test_release_before_the_time_is_up_is_refused_unless_forced(home) -> None:
    _ok(_run(home, "pause", "--minutes", "1h", "Lovely morning for a run"), 0)
    refused = _run(home, "drafts", "release", "1")
    assert refused.returncode == 2 and refused.stdout == b""
    lines = refused.stderr.decode().splitlines()
    assert len(lines) == 1 and "cooling off until" in lines[0] and "--force" in lines[0]
    assert _ok(_run(home, "drafts", "release", "1", "--force"), 0) == \
        "Lovely morning for a run\n"


def test_discard_and_stdin_and_file(home, tmp_path) -> None:
    _ok(_run(home, "pause", "-", stdin=b"Lovely morning from stdin"), 0)
    draft = tmp_path / "draft.txt"
    draft.write_text("Lovely morning from a file\n", encoding="utf-8")
    _ok(_run(home, "pause", "--file", str(draft)), 0)
    data = json.loads(_ok(_run(home, "drafts", "--format", "json"), 0))
    assert [d["text"] for d in data] == ["Lovely morning from stdin",
                                         "Lovely morning from a file\n"]
    assert "Discarded draft 1" in _ok(_run(home, "drafts", "discard", "1"), 0)
    assert [d["id"] for d in json.loads(_ok(_run(home, "drafts", "--format", "json"), 0))] \
        == [2]


def test_wait_shows_the_draft_again_when_the_time_is_up(home) -> None:
    out = _ok(_run(home, "pause", "--wait", "--minutes", "0", "--color", "never",
                   "Sarah in HR is a liar"), 1)
    assert "Draft 1, held since" in out and "\u201cYou are a liar\u201d" in out
    data = json.loads(_ok(_run(home, "pause", "--wait", "--minutes", "0", "--format", "json",
                               "Sarah in HR is a liar"), 1))
    assert data["draft"]["id"] == 2 and data["review"]["imagined"]["text"] == "You are a liar"


def test_times_are_stored_in_utc_and_shown_in_local_time(home) -> None:
    _ok(_run(home, "pause", "--minutes", "1h", "Lovely morning for a run"), 0)
    draft = json.loads(_ok(_run(home, "drafts", "--format", "json"), 0))[0]
    assert draft["due_at"].endswith("Z")
    from datetime import datetime, timedelta

    due = datetime.fromisoformat(draft["due_at"].replace("Z", "+00:00"))
    tokyo = (due + timedelta(hours=9)).strftime("%H:%M")
    listing = _ok(_run(home, "drafts", TZ="Asia/Tokyo"), 0)
    assert f"{tokyo} JST" in listing, listing
    utc = _ok(_run(home, "drafts", TZ="UTC"), 0)
    assert f"{due:%H:%M} UTC" in utc


def test_apology_exit_codes_and_json(home) -> None:
    out = _ok(_run(home, "apology", "--color", "never",
                   "Sorry if anyone was offended, it was just banter."), 1)
    assert "[[Sorry if anyone was offended]]" in out and "Try instead" in out
    assert "Verdict: QUALIFIED (2 issues)" in out
    good = _ok(_run(home, "apology", "I'm sorry for my post about Sam. It was cruel and I "
                    "have deleted it. It won't happen again."), 0)
    assert "Verdict: UNQUALIFIED" in good
    data = json.loads(_ok(_run(home, "apology", "--format", "json", "-",
                               stdin=b"I didn't mean it, sorry"), 1))
    assert data["verdict"] == "qualified" and data["issues"][0]["kind"] == "intent"
    assert {"kind", "title", "start", "end", "evidence", "reason", "fix"} == set(
        data["issues"][0])


def test_respond_from_flags_writes_the_record(home, tmp_path) -> None:
    out_dir = tmp_path / "records"
    out = _ok(_run(home, "respond", "--platform", "facebook", "--posted-at", "2 hours ago",
                   "--taken-down-at", "30 minutes ago", "--apology",
                   "Sorry if anyone was upset.", "--rep-contacted", "now", "--meeting",
                   "tomorrow 10:00", "--note", "yesterday 09:10 — manager emailed me",
                   "--out", str(out_dir), "--color", "never"), 0)
    assert "How to delete it on Facebook" in out and "QUALIFIED" in out
    assert "Record for your rep:" in out
    markdown = next(out_dir.glob("respond-*.md")).read_text(encoding="utf-8")
    assert "manager emailed me" in markdown and "Taken down" in markdown
    assert next(out_dir.glob("respond-*.html")).stat().st_mode & 0o777 == 0o600


def test_respond_interactive_through_standard_input(home, tmp_path) -> None:
    answers = "\n".join(["x", "the post", "1 hour ago", "now",
                         "I'm sorry for my post. It was cruel and I have deleted it.",
                         "10 minutes ago", "", "now — wrote to my manager", ""]) + "\n"
    out = _ok(_run(home, "respond", "--interactive", "--format", "json", "--out",
                   str(tmp_path / "r"), stdin=answers.encode()), 0)
    record = json.loads(out)  # the questions went to standard error
    assert record["platform"] == "x" and record["apology"]["verdict"] == "ok"
    assert record["taken_down_at"].endswith("Z") and record["rep_contacted_at"].endswith("Z")
    assert "wrote to my manager" in [e["what"] for e in record["timeline"]]
    assert Path(record["files"]["markdown"]).exists()


def test_respond_with_no_flags_and_no_terminal_writes_an_empty_record(home) -> None:
    out = _ok(_run(home, "respond", "--no-input"), 0)
    assert "Taken down: not yet" in out
    assert list((home / "respond").glob("respond-*.md"))


def test_the_union_rep_comes_from_the_profile(home, tmp_path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("union_rep:\n  name: Pat Example\n  phone: '01234 567890'\n",
                       encoding="utf-8")
    _ok(_run(home, "respond", "--profile", str(profile), "--platform", "x", "--out",
             str(tmp_path / "r")), 0)
    markdown = next((tmp_path / "r").glob("*.md")).read_text(encoding="utf-8")
    assert "Name: Pat Example" in markdown and "Phone: 01234 567890" in markdown


@pytest.mark.parametrize("args, stdin, message", [
    (["pause", ""], None, "empty"),
    (["pause", "-"], b"\x00\x01\x02binary", "binary"),
    (["pause", "--file", "/no/such/draft.txt"], None, "file not found"),
    (["pause", "--minutes", "soon", "hello"], None, "not a duration"),
    (["pause", "--minutes", "9d", "hello"], None, "longer than a week"),
    (["drafts", "review", "42"], None, "unknown draft id '42'"),
    (["drafts", "release", "abc"], None, "unknown draft id 'abc'"),
    (["drafts", "review"], None, "needs a draft id"),
    (["drafts", "edit", "1", "-"], b"\xff\xfe not utf-8", "unknown draft id '1'"),
    (["drafts", "--store", "/no/such/folder/d.sqlite"], None, "folder not found"),
    (["apology", ""], None, "empty"),
    (["apology", "-"], b"\xff\xfe\xfa", "not valid UTF-8"),
    (["respond", "--platform", "myspace"], None, "unknown platform 'myspace'"),
    (["respond", "--taken-down-at", "banana"], None, "not a time"),
    (["respond", "--meeting", "32:99"], None, "not a time"),
    (["respond", "--taken-down-at", "tomorrow 10:00"], None, "in the future"),
    (["respond", "--interactive", "--platform", "x"], None, "not allowed with|no step flags"),
])
def test_bad_input_is_one_line_and_exit_code_2(home, args, stdin, message) -> None:
    result = _run(home, *args, stdin=stdin)
    assert result.returncode == 2, (result.stdout, result.stderr)
    err = result.stderr.decode()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("pausepost: error:"), err
    import re

    assert re.search(message, lines[0]), lines[0]


def test_a_drafts_file_that_is_not_a_database_is_exit_2(home, tmp_path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x89PNG not a database" * 200)
    result = _run(home, "drafts", "--store", str(junk))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"junk.sqlite" in result.stderr


def test_the_cli_starts_without_importing_the_act_machinery() -> None:
    code = ("import sys; from pausepost.cli import _parser; _parser(); "
            "print(sorted(m for m in ('sqlite3', 'pausepost.act.drafts', 'pausepost.engine', "
            "'pausepost.act.respond') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.stdout.decode().strip() == "[]", result.stderr.decode()




def test_pause_review_apology_and_respond_run_with_the_network_off(home, tmp_path, no_network,
                                                                    capsys) -> None:
    assert main(["pause", "--minutes", "0", "Dave is a useless idiot"]) == 1
    assert main(["drafts", "review", "1"]) == 1
    assert main(["drafts", "release", "1"]) == 0
    assert main(["apology", "Sorry if anyone was offended"]) == 1
    assert main(["respond", "--platform", "x", "--taken-down-at", "now", "--apology",
                 "I'm sorry for my post. It was cruel.", "--out", str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert "You are a useless idiot" in out and "Record for your rep" in out


def test_the_act_commands_run_in_a_process_whose_sockets_are_disabled(home, tmp_path) -> None:
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network access attempted')\n"
        "socket.socket = socket.create_connection = socket.getaddrinfo = refuse\n"
        "from pausepost.cli import main\n"
        "codes = [main(['pause', '--minutes', '0', 'Dave is a useless idiot']),\n"
        "         main(['drafts', 'review', '1']),\n"
        "         main(['apology', 'Sorry if anyone was offended']),\n"
        f"         main(['respond', '--platform', 'x', '--out', {str(tmp_path / 'r')!r}])]\n"
        "print(codes)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120,
                            env=_env(home))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip().endswith("[1, 1, 1, 0]")
