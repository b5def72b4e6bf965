"""The command line as a person uses it: exit codes, formats, and bad input never a traceback."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


def _ok(result, code: int) -> str:
    assert result.returncode == code, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    return result.stdout.decode()


def test_clean_post_exits_0_and_says_post() -> None:
    out = _ok(run_cli("check", "Lovely morning for a run"), 0)
    assert "Verdict: POST" in out


def test_risky_post_exits_1_and_marks_the_words_without_colour() -> None:
    out = _ok(run_cli("check", "--color", "never", "This f*cking rota"), 1)
    assert "[[f*cking]]" in out
    assert "conduct.swearing" in out
    assert "PCS advice to members" in out  # the citation
    assert "\033[" not in out


def test_json_format_is_the_report_shape() -> None:
    data = json.loads(_ok(run_cli("check", "--format", "json", "door code is 2580"), 1))
    assert data["verdict"] == "stop"
    assert data["findings"][0]["rule"] == "security.secure-data"


def test_sarif_format_is_valid_sarif_2_1_0() -> None:
    data = json.loads(_ok(run_cli("check", "--format", "sarif", "shit day"), 1))
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    result = run["results"][0]
    assert result["ruleId"] == "conduct.swearing"
    assert rule_ids[result["ruleIndex"]] == "conduct.swearing"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["charOffset"], region["charLength"]) == (0, 4)


def test_stdin_and_quote() -> None:
    out = _ok(run_cli("check", "--format", "json", "--quote", "the wifi password is hunter22",
                      "-", stdin=b"so true"), 1)
    finding = json.loads(out)["findings"][0]
    assert finding["where"]["part"] == "quote"


def test_jsonl_reports_bad_lines_and_checks_the_rest(tmp_path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b'{"id": 1, "text": "hello"}\nnot json\n{"id": "x", "text": "shit"}\n'
                     b'{"id": 3}\n\xff\xfe\n{"id": 4, "text": "door code 1234"}\n')
    result = run_cli("check", "--jsonl", str(path))
    assert result.returncode == 2
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line.get("id") for line in lines] == ["1", None, "x", "3", None, "4"]
    assert lines[2]["verdict"] == "pause"
    assert "error" in lines[1] and "error" in lines[3] and "error" in lines[4]
    assert lines[5]["verdict"] == "stop"
    assert b"line 2: not valid JSON" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("check", ""), None, b"empty"),
    (("check", "-"), b"", b"empty"),
    (("check", "-"), b"\xff\xfe\xfa not utf8", b"not valid UTF-8"),
    (("check", "-"), b"\x00\x01\x02binary", b"binary"),
    (("check", "-"), b"a" * 1_000_000, b"too large"),
    (("explain", "conduct.nonsense"), None, b"unknown rule"),
    (("check", "--policy", "no-such-pack", "hi"), None, b"unknown policy pack"),
    (("check", "--jsonl", "/no/such/file.jsonl"), None, b"file not found"),
    (("check", "--audience", "everyone", "hi"), None, b"invalid choice"),
])
def test_bad_input_is_one_line_and_exit_2(args, stdin, message) -> None:
    result = run_cli(*args, stdin=stdin)
    assert result.returncode == 2
    err = result.stderr.strip()
    assert message in err
    assert len(err.splitlines()) == 1, err
    assert b"Traceback" not in err


def test_broken_profile_and_policy_files_name_the_file_and_line(tmp_path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("department: dwp\npolitical_group: loud\n")
    result = run_cli("check", "--profile", str(profile), "hi")
    assert result.returncode == 2
    assert f"{profile}:2".encode() in result.stderr
    pack = tmp_path / "pack.yaml"
    pack.write_text("id: mine\nname: Mine\nextends: civil-service\nrules:\n  conduct.swearing:\n"
                    "    levle: error\n")
    result = run_cli("check", "--policy", str(pack), "hi")
    assert result.returncode == 2
    assert f"{pack}:6".encode() in result.stderr and b"levle" in result.stderr
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("id: [unclosed\n")
    result = run_cli("check", "--profile", str(bad_yaml), "hi")
    assert result.returncode == 2 and b"invalid YAML" in result.stderr


def test_rules_and_explain() -> None:
    out = _ok(run_cli("rules"), 0)
    for rule in ("conduct.swearing", "political.own-department", "security.secure-data"):
        assert rule in out
    out = _ok(run_cli("explain", "legal.defamation"), 0)
    assert "Defamation Act 2013" in out and "Write this:" in out
    out = _ok(run_cli("explain", "political"), 0)
    assert "political.partisan" in out and "political.own-department" in out
