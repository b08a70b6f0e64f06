"""Hostile input: whatever arrives, `assess --answers` and `score` end in a
short one-line error naming the field (or a line's error object), never a
traceback, a crash half-way through a batch, or memory without limit.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from helpers import ALL_BEST, assert_usage_error, flags, run

from interview_signals import calendar, followup
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
