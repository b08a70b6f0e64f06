"""`score`: NDJSON in, one report a line out, bad lines reported in place."""

from __future__ import annotations

import json
import subprocess

import pytest
from helpers import ALL_BEST, MIXED, installed_command, run


def test_each_line_gets_its_report_in_order_with_extra_keys_first():
    lines = [json.dumps({"id": "a-1", **ALL_BEST}), "", json.dumps({"id": 2, **MIXED, "company": "Acme"}), "   "]
    result = run("score", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    # MIXED by hand: counted 100×2 (vibe) + 100×2 (extra_people) + 100×2 (as_if_hired) + 100×3 (start_date)
    # + 100×2 (length) + 0×3 (pitch downsides) + 30×3 (next_steps vague) = 1190 over a weight of 17;
    # tour not_applicable and other_offers unsure are not counted. 1190 / 17 = 70.
    assert [(o["id"], o["score"]) for o in out] == [("a-1", 100), (2, 70)]
    assert list(out[0])[0] == "id"
    assert out[1]["context"] == {"company": "Acme"}
    assert out[1]["confidence"] == "medium"
    assert out[0]["ask_next"] == []
    assert [q["signal"] for q in out[1]["ask_next"]] == ["pitch"] * 2 + ["other_offers"] * 2 + ["next_steps"] * 2


def test_ask_next_is_a_report_field_an_extra_key_cannot_take():
    result = run("score", input=json.dumps({"ask_next": "later", **ALL_BEST}) + "\n")
    assert "'ask_next' is a report field" in json.loads(result.stdout)["error"]


def test_a_report_line_replays():
    report = run("assess", "--answers", "-", "--json", "--no-save", input=json.dumps(MIXED)).stdout
    result = run("score", input=json.dumps(json.loads(report)) + "\n")
    printed = json.loads(report)
    assert printed.pop("your_history") is None  # `score` reads no history, so its lines have no such key
    assert json.loads(result.stdout) == printed


def test_bad_lines_become_error_objects_and_exit_3():
    lines = [
        json.dumps(ALL_BEST),
        "not json",
        json.dumps({"vibee": "warm"}),
        "[1]",
        json.dumps({"score": 5}),
        b"\xff".decode("latin-1"),
    ]
    result = run("score", input="\n".join(lines) + "\n")
    assert result.exit_code == 3
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["score"] == 100
    assert [o.get("line") for o in out[1:]] == [2, 3, 4, 5, 6]
    assert "did you mean 'vibe'" in out[2]["error"]
    assert not out[1]["error"].startswith("line ")  # the line number is its own key
    assert "report field" in out[4]["error"]
    assert "5 of 6 lines could not be scored" in result.stderr


def test_strict_stops_at_the_first_bad_line():
    result = run("score", "--strict", input=json.dumps(ALL_BEST) + "\n{oops\n" + json.dumps(ALL_BEST) + "\n")
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1
    assert "line 2: not valid JSON" in result.stderr


def test_partial_answers_score_with_lower_confidence():
    out = json.loads(run("score", input=json.dumps({"pitch": "yes"}) + "\n").stdout)
    assert (out["score"], out["confidence"], out["counted"]) == (100, "low", 1)


def test_a_bom_on_the_first_line_is_accepted():
    result = run("score", input=b"\xef\xbb\xbf" + json.dumps(ALL_BEST).encode() + b"\n")
    assert result.exit_code == 0 and json.loads(result.stdout)["score"] == 100


def test_missing_file_is_bad_input(tmp_path):
    result = run("score", str(tmp_path / "nope.ndjson"))
    assert result.exit_code == 2 and "no such file" in result.stderr


@pytest.mark.subprocess
def test_it_streams_each_report_before_the_input_ends():
    """The first report arrives while the producer still holds the pipe open."""
    proc = subprocess.Popen([installed_command(), "score"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write((json.dumps({"id": 1, **ALL_BEST}) + "\n").encode())
        proc.stdin.flush()
        first = proc.stdout.readline()  # would block forever (pytest-timeout fails it) if output were held back
        assert json.loads(first)["id"] == 1
        proc.stdin.write((json.dumps({"id": 2, **MIXED}) + "\n").encode())
        proc.stdin.close()
        assert json.loads(proc.stdout.readline())["id"] == 2
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()


def test_an_error_line_keeps_the_id_and_is_compact_json():
    result = run("score", input='{"id": "r7", "vibe": "chilly"}\n')
    line = result.stdout.strip()
    assert json.loads(line) == {
        "line": 1,
        "id": "r7",
        "error": "'chilly' is not an answer for vibe; allowed: warm, neutral, cold, unsure",
    }
    assert ", " not in line.split('"error"')[0]  # compact, like the reports


def test_a_long_id_passes_through_exactly():
    """orjson would read an integer past 64 bits as a float; ids must come out as they went in."""
    for value in (2**64 + 1, -(2**63) - 1, [2**70], {"n": 2**70}, 1.5):
        out = json.loads(run("score", input=json.dumps({"id": value, **ALL_BEST}) + "\n").stdout)
        assert out["id"] == value
        error = json.loads(run("score", input=json.dumps({"id": value, "vibe": "chilly"}) + "\n").stdout)
        assert error["id"] == value


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64, 1 << 16])
def test_read_lines_gives_the_same_lines_whatever_the_block_size(block):
    import io

    from interview_signals.batch import read_lines

    data = b'{"a": 1}\n\n{"b": 2}\r\nlast without newline'
    assert list(read_lines(io.BytesIO(data), block=block)) == [b'{"a": 1}\n', b"\n", b'{"b": 2}\r\n', b"last without newline"]
    long = b"x" * 50 + b"\nnext\n"
    first, after = read_lines(io.BytesIO(long), limit=10, block=block)
    assert len(first) > 10 and first.rstrip(b"\n") == b"x" * len(first.rstrip(b"\n"))  # reported as too long
    assert len(first) <= 11 + block and after == b"next\n"  # and never held past a block beyond the limit
