"""Hostile input: whatever arrives, `assess --answers` and `score` end in a
short one-line error naming the field (or a line's error object), never a
traceback, a crash half-way through a batch, or memory without limit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ALL_BEST, assert_usage_error, flags, run

from interview_signals import answers, batch, calendar, core, followup
from interview_signals.errors import InputError

COMMAND = str(Path(sys.executable).with_name("interview-signals"))
CAP = 1 << 20  # 1 MiB: the most an answers file or a line of `score` may hold
LAST_DAY = dt.date.max  # 9999-12-31, a Friday


def assess_json(document: str | bytes, *args: str):
    return run("assess", "--answers", "-", "--json", "--no-save", *args, input=document)


def score(data: str | bytes, *args: str):
    return run("score", *args, input=data)


def score_lines(data: str | bytes, *args: str) -> list[dict]:
    """`score`'s output lines, checked: no traceback, exit 0 or 3, a one-line summary on stderr when 3."""
    result = score(data, *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 3), (result.exit_code, result.stderr)
    assert len(result.stderr.splitlines()) == (result.exit_code == 3), result.stderr
    return ndjson(result.stdout)


def ndjson(text: str) -> list:
    """The objects of NDJSON text, split at newlines only (a JSON string may hold U+0085 or U+2028 raw)."""
    *lines, end = text.split("\n")
    assert end == "", "the output ends with a newline"
    return [json.loads(line) for line in lines]


def best_with(**extra: object) -> str:
    return json.dumps({**ALL_BEST, **extra})


def one_error(lines: list[dict], number: int) -> str:
    """The error of line ``number``, which must be an error object of at most that line, an id and the error."""
    found = [line for line in lines if line.get("line") == number]
    assert len(found) == 1, lines
    assert set(found[0]) <= {"line", "id", "error"}, found[0]
    return found[0]["error"]


# -- lone surrogates ------------------------------------------------------------------------

SURROGATE_LINES = [  # (a line of JSON text, what its error must mention)
    ('{"vibe": "\\ud800"}', "vibe"),
    ('{"\\ud800": "warm"}', "key '\\ud800'"),
    ('{"company": "Acme \\udfff"}', "company"),
    ('{"role": "\\udc00\\ud800"}', "role"),  # a pair in the wrong order is two lone halves
    ('{"date": "\\ud83d"}', "date"),
    ('{"id": "\\ud800"}', "id"),
    ('{"note": {"deep": ["ok", "\\udbff"]}}', "note"),
    ('{"note": {"\\udc80": 1}}', "note: key '\\x80'"),  # text.escape shows \udc80-\udcff as the byte they stand for
    ('{"signals": [{"id": "vibe", "answer": "\\ud800"}]}', "signals"),
]


@pytest.mark.parametrize(("line", "field"), SURROGATE_LINES)
def test_score_reports_a_lone_surrogate_naming_the_field_and_goes_on(line, field):
    if '"signals"' not in line:  # the other answers too, so the surrogate is the only fault
        line = line[:-1] + ", " + json.dumps({k: v for k, v in ALL_BEST.items() if f'"{k}"' not in line})[1:]
    out = score_lines(line + "\n" + best_with(id="next") + "\n")
    assert len(out) == 2
    error = one_error(out, 1)
    assert field in error and "lone surrogate" in error, error
    assert out[1]["id"] == "next" and out[1]["score"] == 100


@pytest.mark.parametrize(("line", "field"), SURROGATE_LINES)
def test_assess_refuses_a_lone_surrogate_naming_the_field(line, field):
    assert_usage_error(assess_json(line), "--answers stdin", field, "lone surrogate")


def test_a_surrogate_pair_is_a_character_and_is_kept():
    line = best_with(company="Acme \ud83d\ude00")[:-1] + ', "id": "\\ud83d\\ude00"}'  # escaped as a pair: 😀
    careful = line[:-1] + ', "x": 1.5}'  # a float passed through is read by the json module, not orjson
    out = score_lines(line + "\n" + careful + "\n")
    assert [(o["context"]["company"], o["id"]) for o in out] == [("Acme 😀", "😀")] * 2
    result = assess_json(line.replace('"id"', '"role"'))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["context"] == {"company": "Acme 😀", "role": "😀", "date": dt.date.today().isoformat()}


def test_a_surrogate_as_raw_bytes_is_not_utf8():
    out = score_lines(b'{"company": "\xed\xa0\x80"}\n')
    assert "not UTF-8" in one_error(out, 1)
    assert_usage_error(assess_json(b'{"company": "\xed\xa0\x80"}'), "--answers stdin", "not UTF-8")


# -- dates at the end of the calendar ----------------------------------------------------------

LATE_DATES = [  # (context, the field the error names)
    ({"date": "9999-12-31"}, "date '9999-12-31'"),  # the thank-you note would be due on day 10000-01-01
    ({"date": "9999-12-25"}, "date '9999-12-25'"),  # a Saturday: the follow-up a week later falls off the end
    ({"date": "9999-12-30", "reply_by": "9999-12-31"}, "reply_by '9999-12-31'"),  # the next working day
    ({"date": "9999-12-29", "reply_by": "friday"}, "reply_by 'friday'"),
    ({"date": "9999-12-30", "reply_by": "1 day"}, "reply_by '1 day'"),
    ({"date": "9999-12-31", "reply_by": "1 week"}, "date '9999-12-31'"),  # the date's fault comes first
]


@pytest.mark.parametrize(("context", "field"), LATE_DATES)
def test_score_reports_dates_past_the_calendar_naming_the_field(context, field):
    out = score_lines(best_with(id=1, **context) + "\n" + best_with(id=2) + "\n")
    error = one_error(out, 1)
    assert field in error and "end of the calendar" in error, error
    assert out[0]["id"] == 1 and out[1]["score"] == 100


def test_score_plans_right_up_to_the_last_day():
    out = score_lines(best_with(date="9999-12-23") + "\n")  # a Thursday: the follow-up is Thursday 30
    assert out[0]["follow_up"]["follow_up_on"] == "9999-12-30"


@pytest.mark.parametrize(
    ("args", "document", "fragment"),
    [
        (["--date", "today"], "{}", "--date 'today'"),
        (["--date", "9999-12-29", "--reply-by", "fri"], "{}", "--reply-by 'fri'"),
        ([], '{"date": "9999-12-31"}', "--answers stdin: date '9999-12-31'"),
        ([], '{"date": "9999-12-30", "reply_by": "tomorrow"}', "--answers stdin: reply_by 'tomorrow'"),
        (["--reply-by", "9999-12-31"], '{"date": "9999-12-30"}', "--reply-by '9999-12-31'"),
    ],
)
def test_assess_on_the_last_day_of_the_calendar_is_bad_input_naming_the_field(monkeypatch, args, document, fragment):
    monkeypatch.setattr(followup, "today", lambda: LAST_DAY)
    result = assess_json(json.dumps({**ALL_BEST, **json.loads(document)}), *args)
    assert_usage_error(result, fragment, "end of the calendar")


@pytest.mark.parametrize(
    "compute",
    [
        lambda: followup.thank_you_by(LAST_DAY),
        lambda: followup.next_working_day(LAST_DAY),
        lambda: followup.follow_up_on(dt.date(9999, 12, 25), None),
        lambda: followup.follow_up_on(LAST_DAY, LAST_DAY),
        lambda: followup.schedule(LAST_DAY, None),
        lambda: followup.parse_reply_by("friday", LAST_DAY),
        lambda: followup.parse_reply_by("3 days", LAST_DAY),
        lambda: followup.interview_day("yesterday", dt.date.min),
        lambda: followup.settle({"date": "9999-12-31"}, None),
        lambda: followup.follow_up_of({}, LAST_DAY),
        lambda: calendar.follow_up_event({}, 1, LAST_DAY),
    ],
)
def test_no_date_computation_overflows(compute):
    with pytest.raises(InputError):
        compute()


# -- size -----------------------------------------------------------------------------------------


class EndlessStream:
    """A stream that never ends (like /dev/zero or a pipe someone forgot to close); it fails the
    test if asked for much more than the cap instead of growing without limit."""

    def __init__(self, line: bytes = b" ") -> None:
        self.given = 0
        self.unit = line

    def read(self, size: int = -1) -> bytes:
        assert 0 <= size <= 2 * CAP, f"read({size}) asks for everything: it would never return"
        return self._give(size)

    def readline(self, size: int = -1) -> bytes:
        assert 0 <= size <= 2 * CAP, f"readline({size}) would hold a whole endless line"
        return self._give(size)

    def __iter__(self):
        raise AssertionError("iterating reads whole lines, however long")

    def _give(self, size: int) -> bytes:
        self.given += size
        assert self.given <= 64 * CAP, "read on and on"
        return self.unit * size


def test_an_endless_answers_stream_is_refused_after_the_cap():
    stream = EndlessStream()
    with pytest.raises(InputError, match="--answers stdin: larger than 1 MiB"):
        answers.read_text("-", stream)
    assert stream.given == CAP + 1


@pytest.mark.parametrize("size", [CAP + 1, 3 * CAP])
def test_an_answers_file_past_the_cap_is_refused_naming_it(tmp_path, size):
    big = tmp_path / "big.json"
    big.write_bytes(best_with()[:-1].encode() + b" " * (size - len(best_with())) + b"}")
    assert_usage_error(run("assess", "--answers", str(big), "--no-save"), f"--answers {big}", "larger than 1 MiB")
    assert_usage_error(assess_json(big.read_bytes()), "--answers stdin", "larger than 1 MiB")


def test_an_answers_file_of_exactly_the_cap_is_read(tmp_path):
    exact = tmp_path / "exact.json"
    exact.write_bytes(best_with()[:-1].encode() + b" " * (CAP - len(best_with())) + b"}")
    assert exact.stat().st_size == CAP
    result = run("assess", "--answers", str(exact), "--json", "--no-save")
    assert result.exit_code == 0, result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_answers_from_dev_zero_is_refused_in_bounded_memory():
    """In a child limited to 1 GiB of address space: reading it all would fail with MemoryError."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    proc = subprocess.run(
        [COMMAND, "assess", "--answers", "/dev/zero", "--no-save"], capture_output=True, timeout=30, preexec_fn=limit
    )
    assert proc.returncode == 2, proc.stderr[-500:]
    assert len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith(b"Error: --answers /dev/zero: larger than 1 MiB"), proc.stderr


def test_score_reports_a_line_past_the_cap_and_goes_on():
    data = best_with(id=1) + "\n" + '{"id": 2, "company": "' + "x" * (3 * CAP) + '"}\n' + best_with(id=3) + "\n"
    out = score_lines(data)
    assert len(out) == 3
    assert "longer than 1 MiB" in one_error(out, 2)
    assert [o.get("id") for o in out] == [1, None, 3]


def test_score_line_cap_is_exact():
    def line_of(size: int) -> str:
        text = best_with()[:-1] + " " * (size - len(best_with())) + "}"
        assert len(text) == size
        return text

    out = score_lines(line_of(CAP) + "\n" + line_of(CAP + 1) + "\n" + line_of(CAP) + "\r\n" + line_of(CAP + 1))
    assert [o.get("score") for o in out] == [100, None, 100, None]
    assert "longer than" in one_error(out, 2) and "longer than" in one_error(out, 4)


class LongLineThenGood:
    """Stands for a 5 GB line: 16 MiB without a newline, then one, then a good line.
    It fails the test if asked for the long line whole, or iterated (which reads whole lines)."""

    def __init__(self) -> None:
        self.long = 16 * CAP
        self.tail = b"\n" + best_with(id="after").encode() + b"\n"

    def readline(self, size: int = -1) -> bytes:
        assert 0 <= size <= 2 * CAP, f"readline({size}) would hold the whole line"
        if self.long:
            size = min(size, self.long)
            self.long -= size
            return b"x" * size
        size = min(size, self.tail.find(b"\n") + 1 or len(self.tail))
        piece, self.tail = self.tail[:size], self.tail[size:]
        return piece

    def __iter__(self):
        raise AssertionError("iterating reads whole lines, however long")


def test_score_never_holds_an_endless_line():
    written: list[str] = []
    tally = core.score("-", LongLineThenGood(), written.append)
    assert (tally.scored, tally.failed) == (1, 1)
    assert "longer than 1 MiB" in json.loads(written[0])["error"]
    assert json.loads(written[1])["id"] == "after"


# -- JSON that is not JSON -----------------------------------------------------------------------

NOT_JSON = [  # (a value, what the error must mention)
    ("NaN", "NaN"),
    ("Infinity", "Infinity"),
    ("-Infinity", "-Infinity"),
    ('[1, {"x": NaN}]', "NaN"),
    ("1e400", "too large"),
    ("-1e999", "too large"),
    ("1" * 5000, "5000 digits"),
]


@pytest.mark.parametrize(("value", "fragment"), NOT_JSON)
def test_score_refuses_nan_and_infinity_naming_the_field(value, fragment):
    out = score_lines(best_with()[:-1] + f', "id": {value}}}\n' + best_with(id="next") + "\n")
    error = one_error(out, 1)
    assert error.startswith("id: ") and fragment in error, error
    assert out[1]["id"] == "next"


@pytest.mark.parametrize(("value", "fragment"), NOT_JSON)
def test_assess_refuses_nan_and_infinity_naming_the_field(value, fragment):
    assert_usage_error(assess_json(f'{{"vibe": "warm", "company": {value}}}'), "--answers stdin: company: ", fragment)


DUPLICATES = [  # (a line, the key named)
    ('{"vibe": "warm", "vibe": "cold"}', "vibe"),
    ('{"vibe" : "warm", "vibe"\t: "cold"}', "vibe"),  # space before the colon
    ('{"company": "a:b:c", "vibe": "warm", "vibe": "cold"}', "vibe"),  # colons that are no keys
    ('{"id": 1, "id": 1}', "id"),
    ('{"id": {"a": 1, "a": 2}}', "a"),
    ('{"note": [{"x": "y:z"}, {"k": 1, "k": 1}]}', "k"),
    ('{"company": "say \\":\\" here", "role": "r", "role": "s"}', "role"),
]


@pytest.mark.parametrize(("line", "key"), DUPLICATES)
def test_score_refuses_duplicate_keys_naming_the_key(line, key):
    out = score_lines(line + "\n" + best_with(id="next") + "\n")
    error = one_error(out, 1)
    assert f"key '{key}'" in error and "more than once" in error, error
    assert out[1]["id"] == "next"


@pytest.mark.parametrize(("line", "key"), DUPLICATES)
def test_assess_refuses_duplicate_keys_naming_the_key(line, key):
    assert_usage_error(assess_json(line), "--answers stdin", f"key '{key}'", "more than once")


def test_lines_that_only_look_like_duplicates_score():
    lines = [
        best_with(company='say ":" and \\":\\"', role="a: b", id={"nested": {"k": [1, {"k": 2}]}}),
        best_with(company='"vibe": "cold"'),  # a key's text inside a value
        json.dumps(json.loads(run("assess", *flags(ALL_BEST), "--json", "--no-save").stdout)),  # a whole report
    ]
    out = score_lines("\n".join(lines) + "\n")
    assert [o.get("score") for o in out] == [100, 100, 100], out
    assert out[0]["id"] == {"nested": {"k": [1, {"k": 2}]}} and out[1]["context"]["company"] == '"vibe": "cold"'


# -- values too deep to write back -------------------------------------------------------------


def test_an_extra_too_deep_to_write_back_is_an_error_object(monkeypatch):
    """orjson writes 255 levels at most; deeper, the json module does, and near the recursion limit it cannot."""

    def too_deep(value: object) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(batch, "_compact", too_deep)
    out = score_lines(
        best_with(id=[[[[[[[[[[[]]]]]]]]]]]) + "\n" + best_with(id="x" * 300)[:-1] + ', "n": ' + "[" * 300 + "]" * 300 + "}\n"
    )
    assert out[0]["id"] == [[[[[[[[[[[]]]]]]]]]]] and "nested too deeply" in one_error(out, 2)


# -- echoes ----------------------------------------------------------------------------------------

HUGE = "Ω" * 20_000


@pytest.mark.parametrize(
    ("args", "document"),
    [
        (["-a", f"vibe={HUGE}"], None),
        (["-a", f"{HUGE}=warm"], None),
        (["-a", HUGE], None),
        (["--date", HUGE], None),
        (["--date", "2026-01-05", "--reply-by", HUGE], None),
        (["--answers", "-"], json.dumps({"vibe": HUGE})),
        (["--answers", "-"], json.dumps({HUGE: "warm"})),
        (["--answers", "-"], json.dumps({"vibe": "warm", HUGE: "warm"})),
        (["--answers", "-"], json.dumps({"signals": [{"id": HUGE, "answer": "warm"}]})),
        (["--answers", "-"], json.dumps({"vibe": "warm", HUGE: 1, "x": 1, HUGE + "x": 2})[:-1] + f', "{HUGE}": 3}}'),
        (["--answers", "-"], json.dumps({"date": HUGE})),
        (["--answers", "-"], json.dumps({"date": "2026-01-05", "reply_by": HUGE})),
    ],
)
def test_assess_quotes_at_most_80_characters_of_a_bad_value(args, document, december):
    result = run("assess", *flags({k: v for k, v in ALL_BEST.items() if k != "vibe"}), *args, "--no-save", input=document)
    assert_usage_error(result, "…")
    assert len(result.stderr) < 400, result.stderr
    assert "Ω" * 80 not in result.stderr


@pytest.mark.parametrize(
    "line",
    [
        best_with(vibe=HUGE),
        best_with(date=HUGE),
        best_with(date="2026-01-05", reply_by=HUGE),
        best_with(id=1)[:-1] + f', "{HUGE}": 1, "{HUGE}": 2}}',  # an unknown key is passed through, but not twice
        json.dumps({"signals": [{"id": HUGE, "answer": "warm"}]}),
    ],
)
def test_score_error_objects_quote_at_most_80_characters(line):
    out = score_lines(line + "\n")
    assert "…" in one_error(out, 1) and len(json.dumps(out[0], ensure_ascii=False)) < 400, out[0]
    assert "Ω" * 80 not in out[0]["error"]


def test_an_error_object_repeats_a_short_id_only():
    out = score_lines(
        json.dumps({"id": "x" * 10_000, "vibe": "chilly"}) + "\n" + json.dumps({"id": ["r", 7], "vibe": "chilly"}) + "\n"
    )
    assert "id" not in out[0] and out[1]["id"] == ["r", 7]


def test_a_huge_unknown_key_is_not_kept_for_suggestions():
    answers._close_match.cache_clear()
    score_lines("".join(json.dumps({f"{n}{HUGE}": 1}) + "\n" for n in range(5)))
    assert answers._close_match.cache_info().currsize == 0
