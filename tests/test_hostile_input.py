"""Hostile input: whatever arrives, `assess --answers` and `score` end in a
short one-line error naming the field (or a line's error object), never a
traceback, a crash half-way through a batch, or memory without limit.

The fuzz tests at the end run a modest number of examples; for a long run
(10,000 examples each; those that run many commands an example take over
half an hour each on one core):

    HYPOTHESIS_PROFILE=long pytest -p no:cacheprovider --timeout 0 tests/test_hostile_input.py -k fuzz

Their profiles are registered here rather than in conftest.py (shared) and
are applied to these tests only, so the rest of the suite keeps its settings.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from helpers import ALL_BEST, MIXED, assert_usage_error, flags, run, save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_signals import answers, batch, calendar, followup, shape, text
from interview_signals.commands.score import score as score_ndjson
from interview_signals.db import schema
from interview_signals.errors import InputError

settings.register_profile(
    "hostile-input",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "hostile-input-long",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("hostile-input-long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "hostile-input")
# The fuzz tests that run a dozen commands an example (import, damaged rows): 10,000 examples on the long
# run too, as the others, though each takes over half an hour of it on one core.
FUZZ_COMMANDS = FUZZ

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
        lambda: calendar.calendar_file(
            [calendar.Reminder(1, "follow-up", LAST_DAY, None, None, "interview-signals draft 1 follow-up")]
        ),
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

    def read1(self, size: int = -1) -> bytes:
        assert 0 < size <= 2 * CAP, f"read1({size}) would hold a whole endless line"
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
    It fails the test if asked for more than a bounded block, or iterated (which reads whole lines)."""

    def __init__(self) -> None:
        self.long = 16 * CAP
        self.tail = b"\n" + best_with(id="after").encode() + b"\n"

    def read1(self, size: int = -1) -> bytes:
        assert 0 < size <= 2 * CAP, f"read1({size}) would hold the whole line"
        if self.long:
            size = min(size, self.long)
            self.long -= size
            return b"x" * size
        piece, self.tail = self.tail[:size], self.tail[size:]
        return piece

    def __iter__(self):
        raise AssertionError("iterating reads whole lines, however long")


def test_score_never_holds_an_endless_line():
    written: list[str] = []
    tally = score_ndjson("-", LongLineThenGood(), written.append)
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
    text._near_miss.cache_clear()
    score_lines("".join(json.dumps({f"{n}{HUGE}": 1}) + "\n" for n in range(5)))
    assert text._near_miss.cache_info().currsize == 0


# -- saved text on its way out: an imported report, a history edited by hand (issue 19) ----------------

# Escape sequences (an OSC 52 clipboard write, a colour), a bidi override and C1 controls.
HOSTILE = "\x1b]52;c;aGk=\x07\x1b[31m\u202e\x85\x9b"
RAW = ("\x1b", "\x07", "\u202e", "\x85", "\x9b")
# Every text field of a report the tool writes itself, as a path into the report, and a sign no catalog has.
TOOL_TEXT_FIELDS = [
    ("summary",),
    ("caveat",),
    ("verdict_label",),
    ("confidence",),
    ("verdict",),
    ("signals", 0, "answer_label"),
    ("signals", 0, "reading"),
    ("signals", 1, "id"),
    ("advice", 0, "text"),
    ("ask_next", 0, "question"),
]


def sql(db: Path, statement: str, *params: object) -> None:
    """Change the history behind the tool's back, as a hand edit, another tool or an old import would."""
    conn = sqlite3.connect(db)
    try:
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()  # also when SQLite refuses the edit, so the next one finds the file unlocked


def saved_report(db: Path, id: int) -> dict:
    conn = sqlite3.connect(db)
    (report,) = conn.execute("SELECT report FROM interviews WHERE id = ?", (id,)).fetchone()
    conn.close()
    return json.loads(report)


def put(report: dict, path: tuple, value: object) -> None:
    *inner, last = path
    for step in inner:
        report = report[step]
    report[last] = value


@pytest.fixture
def hostile_history(isolated_home, december) -> Path:
    """Five decided interviews (so stats draws its calibration too); #1's report has hostile text in every
    field the tool writes, its verdict column too, and one sign's name in the stats is hostile."""
    for n, result in enumerate(["offer", "rejected", "offer", "rejected", "ghosted"], start=1):
        saved = save(MIXED, "--company", f"Co{n}", "--date", f"2026-11-0{n}")
        assert run("outcome", str(saved["id"]), result).exit_code == 0
    db = isolated_home / "history.sqlite3"
    report = saved_report(db, 1)
    for path in TOOL_TEXT_FIELDS:
        put(report, path, str(reduce_path(report, path)) + HOSTILE)
    sql(db, "UPDATE interviews SET report = ?, verdict = ? WHERE id = 1", json.dumps(report), report["verdict"])
    sql(db, "UPDATE signal_bits SET signal = signal || ? WHERE signal = 'pitch'", HOSTILE)
    return db


def reduce_path(report: dict, path: tuple) -> object:
    for step in path:
        report = report[step]
    return report


# Every way saved text is drawn for a reader; a new layout joins by being listed here.
OUTPUT_PATHS = {
    "show, 100 columns": (["show", "1"], "100"),
    "show, 40 columns (stacked)": (["show", "1"], "40"),
    "show --format text": (["show", "1", "--format", "text"], "80"),
    "show --format md": (["show", "1", "--format", "md"], "80"),
    "show --format html": (["show", "1", "--format", "html"], "80"),
    "show --format svg": (["show", "1", "--format", "svg"], "80"),
    "history, 100 columns": (["history"], "100"),
    "history, 40 columns (stacked)": (["history"], "40"),
    "stats, 100 columns": (["stats"], "100"),
    "stats, 40 columns (stacked)": (["stats"], "40"),
}


@pytest.mark.parametrize("path", OUTPUT_PATHS, ids=list(OUTPUT_PATHS))
def test_saved_text_reaches_the_reader_escaped_in_every_layout(hostile_history, path):
    args, columns = OUTPUT_PATHS[path]
    result = run(*args, env={"COLUMNS": columns})
    assert result.exit_code == 0, (result.stderr, result.exception)
    found = [ch for ch in RAW if ch in result.stdout]
    assert not found, found
    assert "x1b" in result.stdout and "52;c;aGk=" in result.stdout  # shown as visible escapes, not dropped


@pytest.mark.parametrize("columns", ["100", "40"])
def test_an_applications_story_shows_a_later_rounds_report_text_escaped(isolated_home, december, columns):
    """`applications ID` draws what changed between rounds from the saved reports: an answer the
    questionnaire does not offer is shown as saved."""
    save(MIXED, "--company", "Co1", "--date", "2026-11-02")
    save(MIXED, "--round-of", "1", "--date", "2026-11-09")
    db = isolated_home / "history.sqlite3"
    report = saved_report(db, 2)
    report["signals"][0]["answer"] += HOSTILE
    sql(db, "UPDATE interviews SET report = ? WHERE id = 2", json.dumps(report))
    result = run("applications", "1", env={"COLUMNS": columns})
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert not [ch for ch in RAW if ch in result.stdout]
    assert "x1b" in result.stdout and "52;c;aGk=" in result.stdout  # shown as visible escapes, not dropped


def test_json_output_stays_exact(hostile_history):
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["summary"].endswith(HOSTILE) and shown["signals"][1]["id"].endswith(HOSTILE)


@pytest.mark.parametrize("module", ["report", "report_applications", "report_stats"])
def test_every_drawing_function_escapes_what_it_is_given(module):
    import importlib

    from interview_signals import report

    drawers = {name for name in vars(importlib.import_module(f"interview_signals.{module}")) if name.startswith("render")}
    assert drawers and drawers <= report.SAFE_DRAWERS


def export_line(**changes: object) -> dict:
    """One export line of a real report (MIXED answers: it has advice and questions), with ``changes`` to its report."""
    from helpers import build_report

    report = build_report(MIXED, company="Acme", date="2026-11-02")
    report.update(changes)
    return {
        "export_version": 1,
        "id": 1,
        "application": 1,
        "round": 1,
        "date": "2026-11-02",
        "created_at": "2026-11-02T10:00:00+00:00",
        "report": report,
    }


def import_docs(tmp_path: Path, *docs: dict, db: Path | None = None):
    path = tmp_path / "lines.ndjson"
    path.write_text("".join(json.dumps(doc) + "\n" for doc in docs))
    return run("import", str(path), "--db", str(db or tmp_path / "h.sqlite3"))


@pytest.mark.parametrize("path", TOOL_TEXT_FIELDS, ids=[".".join(map(str, p)) for p in TOOL_TEXT_FIELDS])
def test_import_refuses_control_characters_in_the_tools_own_text_naming_the_field(tmp_path, path):
    doc = export_line()
    put(doc["report"], path, str(reduce_path(doc["report"], path)) + HOSTILE)
    field = "[".join(str(step) for step in path).replace("[0", "[0]").replace("[1", "[1]").replace("][", "].")
    assert_usage_error(import_docs(tmp_path, doc), f'line 1: "report" has a "{field}" holding a control character (\\x1b)')
    assert not (tmp_path / "h.sqlite3").exists()


def test_a_name_the_user_typed_may_hold_anything_and_is_kept(tmp_path):
    doc = export_line(context={"company": "Acme" + HOSTILE, "role": "Dev\nOps"})
    assert import_docs(tmp_path, doc).exit_code == 0
    result = run("show", "1", "--db", str(tmp_path / "h.sqlite3"))
    assert result.exit_code == 0 and not [ch for ch in RAW if ch in result.stdout]


# Shapes a report may not have: each is refused on import naming the line and the field, and a row
# holding it is named as damaged, as one definition (shape.REPORT) is used for both.
BAD_SHAPES = {
    "since_last_round as text": ({"since_last_round": "x"}, '"since_last_round" that is not an object or null'),
    "since_last_round's round as text": (
        {"since_last_round": {"round": "x", "changed": 5}},
        '"since_last_round.round" that is not a whole number',
    ),
    "since_last_round's changes not a list": (
        {"since_last_round": {"round": 1, "score_change": 2, "changed": 5}},
        '"since_last_round.changed" that is not a list',
    ),
    "score_change as text": (
        {"since_last_round": {"round": 1, "score_change": "+3", "changed": []}},
        '"since_last_round.score_change" that is not a whole number or null',
    ),
    "a change naming no sign": (
        {"since_last_round": {"round": 1, "score_change": 1, "changed": [{"from": "warm"}]}},
        'has no "since_last_round.changed[0].id" (text)',
    ),
    "a context value that is a number": (
        {"context": {"company": "Acme", "interviewer": 5}},
        '"context.interviewer" that is not text',
    ),
    "an answer that is a number": ("signals", '"signals[0].answer" that is not text or null'),
    "a question about no sign": ({"ask_next": [{"signal": 3, "question": "When?"}]}, '"ask_next[0].signal" that is not text'),
    "advice about a number": ("advice", '"advice[0].signal" that is not text or null'),
    "a total as text": ({"total": "9"}, '"total" that is not a whole number'),
    "no catalog version": ({"catalog_version": None}, '"catalog_version" that is not a whole number'),
}


def bad_shape(case: str) -> dict:
    change, _ = BAD_SHAPES[case]
    doc = export_line()
    if change == "signals":
        doc["report"]["signals"][0]["answer"] = 5
    elif change == "advice":
        doc["report"]["advice"][0]["signal"] = 5
    else:
        doc["report"].update(change)
    return doc


@pytest.mark.parametrize("case", BAD_SHAPES, ids=list(BAD_SHAPES))
def test_import_refuses_a_report_it_could_not_show_naming_the_field(tmp_path, case):
    assert_usage_error(import_docs(tmp_path, bad_shape(case)), 'line 1: "report" has ', BAD_SHAPES[case][1])
    assert not (tmp_path / "h.sqlite3").exists()


def assert_damaged(result, id: int, *fragments: str) -> None:
    """Exit 1 and one line naming the interview, what is wrong and the way out; no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    line = assert_one_line(result.stderr)
    assert line.startswith(f"Error: interview #{id} is damaged (") and f"interview-signals delete {id}" in line, line
    for fragment in fragments:
        assert fragment in line, (fragment, line)


@pytest.mark.parametrize("case", BAD_SHAPES, ids=list(BAD_SHAPES))
@pytest.mark.parametrize("form", [None, "text", "md", "html", "svg", "json"])
def test_a_saved_report_of_a_bad_shape_is_named_as_damaged(isolated_home, december, case, form):
    save(MIXED, "--company", "Acme", "--date", "2026-11-02")
    db = isolated_home / "history.sqlite3"
    sql(db, "UPDATE interviews SET report = ? WHERE id = 1", json.dumps(bad_shape(case)["report"]))
    assert_damaged(run("show", "1", *(["--format", form] if form else [])), 1, BAD_SHAPES[case][1])


def test_show_takes_what_it_works_out_from_the_history_not_from_the_report(tmp_path):
    """An imported report may carry an id, an application or a since_last_round of its own: they are not shown."""
    doc = export_line(id="x", application={"id": 7, "round": 9}, sent="x", next_action=5)
    doc["report"]["since_last_round"] = {"round": 4, "score_change": 3, "changed": []}
    db = tmp_path / "h.sqlite3"
    assert import_docs(tmp_path, doc).exit_code == 0
    shown = json.loads(run("show", "1", "--json", "--db", str(db)).stdout)
    assert (shown["id"], shown["application"], shown["sent"]) == (1, {"id": 1, "round": 1}, [])
    assert "since_last_round" not in shown
    for form in ("text", "md"):
        result = run("show", "1", "--format", form, "--db", str(db))
        assert result.exit_code == 0 and "Since round" not in result.stdout and "#1" in result.stdout


# Rows damaged in place: each is one line naming the interview and the way out, never a traceback.
def test_a_context_value_that_is_not_text_names_the_interview(isolated_home, december):
    save(MIXED, "--company", "Acme", "--date", "2026-11-02")
    db = isolated_home / "history.sqlite3"
    report = saved_report(db, 1)
    report["context"]["company"] = ["Acme"]
    sql(db, "UPDATE interviews SET report = ? WHERE id = 1", json.dumps(report))
    assert_damaged(run("show", "1"), 1, '"context.company" that is not text')


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [("on", "soon", "the day an email was recorded as sent"), ("action", "bribe", "an email recorded as sent is not one of")],
)
def test_a_sent_row_that_is_damaged_names_the_interview(isolated_home, december, column, value, fragment):
    save(MIXED, "--company", "Acme", "--date", "2026-11-02")
    assert run("sent", "1", "thank-you", "--on", "2026-11-02").exit_code == 0
    sql(isolated_home / "history.sqlite3", f'UPDATE sent SET "{column}" = ?', value)
    for form in ([], ["--format", "md"], ["--json"]):
        assert_damaged(run("show", "1", *form), 1, fragment)


@pytest.mark.parametrize("value", ["abc", 1.5, b"\x01"])
def test_an_application_that_is_not_a_number_names_the_interview(isolated_home, december, value):
    save(MIXED, "--company", "Acme", "--date", "2026-11-02")
    sql(isolated_home / "history.sqlite3", "UPDATE interviews SET application_id = ? WHERE id = 1", value)
    assert_damaged(run("history", "--application", "1"), 1, "its application_id is not a number")
    result = run("delete", "1", "--yes")  # the way out the message names works
    assert result.exit_code == 0, result.stderr


def test_a_lone_surrogate_in_a_saved_report_names_the_interview_on_export(isolated_home, december):
    save(MIXED, "--company", "Acme", "--date", "2026-11-02")
    db = isolated_home / "history.sqlite3"
    text_of = json.dumps(saved_report(db, 1)).replace('"summary": "', '"summary": "\\ud800', 1)
    sql(db, "UPDATE interviews SET report = ? WHERE id = 1", text_of)
    assert_damaged(run("export"), 1, "not valid Unicode (a lone surrogate)")
    assert_damaged(run("export", str(isolated_home / "out.ndjson")), 1, "not valid Unicode")
    result = run("show", "1")  # shown, with the surrogate as a visible escape
    assert result.exit_code == 0 and "\\ud800" in result.stdout
    result = run("show", "1", "--json")  # and in JSON as its escape: the same JSON
    assert result.exit_code == 0, repr(result.exception)
    assert json.loads(result.stdout)["summary"].startswith("\ud800")


# -- fuzz ------------------------------------------------------------------------------------------


# Hypothesis keeps what it draws, so the strategies draw small recipes (Raw, Huge, Document) and the
# megabytes are made from them only inside each test run: 10,000 examples stay in bounded memory.


@dataclass(frozen=True)
class Raw:
    """JSON text put in as it is (what the json module would never write): ``text``, ``times`` times, then ``close`` as often."""

    text: str
    times: int = 1
    close: str = ""

    def json(self) -> str:
        return self.text * self.times + self.close * self.times


@dataclass(frozen=True)
class Huge:
    """A string of ``size`` times ``char``."""

    size: int
    char: str


SPECIALS = st.sampled_from(
    [
        Raw("NaN"),
        Raw("Infinity"),
        Raw("-Infinity"),
        Raw("1e400"),
        Raw("1", 5000),
        Raw('"\\ud800"'),
        Raw('"x\\udfff"'),
        Raw('"\\ud83d\\ude00"'),
        Raw("[", 3000, "]"),
        Raw("[", 100_000),
        Raw('{"a": 1, "a": 2}'),
    ]
)
CHARACTERS = st.one_of(
    st.characters(),
    st.integers(0xD800, 0xDFFF).map(chr),  # lone surrogates, which st.characters leaves out
    st.sampled_from('\x00\x1b\x7f\x85\u2028\u202e\n\r\t"\\:{}'),
)
TEXT = st.text(CHARACTERS, max_size=12)
HUGE_TEXT = st.builds(Huge, st.sampled_from([100, 70_000, CAP + 10]), st.sampled_from(["x", "é", "\x1b", "\ud800"]))
WORDS = st.sampled_from(
    ["warm", "cold", "yes", "asked", "unsure", "bogus", "2026-01-05", "9999-12-31", "9999-12-25", "0001-01-01"]
    + ["today", "yesterday", "friday", "1 day", "2 weeks", "by 2026-02-01"]
)
KEYS = st.one_of(
    st.sampled_from([*ALL_BEST, "company", "role", "date", "reply_by", "interviewer", "id", "signals", "vibee"]), TEXT
)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
    WORDS,
    SPECIALS,
    HUGE_TEXT,
)
VALUES = st.recursive(
    LEAVES, lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(KEYS, inner), max_size=3).map(tuple), max_leaves=6
)
OBJECTS = st.tuples(st.booleans(), st.lists(st.tuples(KEYS, VALUES), max_size=6)).map(
    lambda t: tuple([*ALL_BEST.items(), *t[1]] if t[0] else t[1])  # half of them start complete, to get past validation
)


def render(value: object, ascii_only: bool) -> str:
    """JSON text for a drawn value: a tuple of pairs is an object (keys may repeat), a Raw goes in as it is,
    and a string without ``ascii_only`` keeps its characters raw (lone surrogates become bytes that are not UTF-8)."""
    if isinstance(value, Raw):
        return value.json()
    if isinstance(value, Huge):
        value = value.char * value.size
    if isinstance(value, tuple):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=ascii_only)}: {render(v, ascii_only)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(render(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


@dataclass(frozen=True)
class Document:
    """One hostile JSON document: ``top`` rendered, then damaged (bytes put in at ``where``, a BOM,
    cut at ``where``, or nothing but ``noise``)."""

    top: object
    ascii_only: bool
    damage: str
    where: float
    noise: bytes

    def data(self) -> bytes:
        data = render(self.top, self.ascii_only).encode("utf-8", "surrogatepass")
        at = int(self.where * len(data))
        return {
            "none": data,
            "insert": data[:at] + self.noise[:4] + data[at:],
            "bom": b"\xef\xbb\xbf" + data,
            "cut": data[:at],
            "noise": self.noise,
        }[self.damage]


DOCUMENTS = st.builds(
    Document,
    st.one_of(OBJECTS, OBJECTS, VALUES),
    st.booleans(),
    st.sampled_from(["none", "none", "insert", "bom", "cut", "noise"]),
    st.floats(0, 1),
    st.binary(max_size=64),
)


def assert_one_line(message: str) -> str:
    lines = message.splitlines()
    assert len(lines) == 1, message
    assert len(lines[0]) < 600, lines[0][:300]  # a bad value is quoted, not repeated
    return lines[0]


@FUZZ
@given(DOCUMENTS, st.sampled_from([None, LAST_DAY]))
def test_fuzz_assess_answers_ends_in_a_report_or_one_line_naming_the_input(document, today):
    with mock.patch.object(followup, "today", (lambda: today) if today else followup.today):
        result = assess_json(document.data())
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    if result.exit_code == 0:
        assert json.loads(result.stdout)["schema_version"] == 1
        return
    assert result.stdout == ""
    line = assert_one_line(result.stderr)
    # without a date in the answers, the interview day is today, and today may be the last day there is
    assert line.startswith(("Error: --answers stdin", "Error: not answered: ", "Error: --date '9999-12-31'")), line


@FUZZ
@given(st.lists(DOCUMENTS, min_size=1, max_size=3), st.booleans())
def test_fuzz_score_reports_every_line_in_place(documents, strict):
    lines = [*(d.data() for d in documents), best_with(id="last").encode()]  # a good line at the end: the run must reach it
    result = score(b"\n".join(lines) + b"\n", *(["--strict"] if strict else []))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    numbered = [n for n, raw in enumerate(b"\n".join(lines).split(b"\n"), start=1) if raw.strip()]
    out = ndjson(result.stdout)
    errors = [o for o in out if "error" in o]
    if strict:
        assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
        assert not errors
        if result.exit_code == 2:
            assert f"line {numbered[len(out)]}: " in assert_one_line(result.stderr)
        return
    assert result.exit_code == (3 if errors else 0), (result.exit_code, result.stderr)
    assert [o.get("line", n) for o, n in zip(out, numbered, strict=True)] == numbered  # one line out per line in
    for o in errors:
        assert set(o) <= {"line", "id", "error"} and isinstance(o["error"], str)
        assert_one_line(o["error"])
    assert out[-1]["id"] == "last" and out[-1]["score"] == 100
    if errors:
        assert_one_line(result.stderr)
    else:
        assert result.stderr == ""


# Import lines and rows damaged in place: whatever a line or a hand edit holds, `import` ends in exit 0 or
# one line naming the line (exit 2); what it took in is shown by every command; a damaged row is one
# line naming the interview (exit 1) or a warning, never a traceback, and no control character reaches the reader.

JSON_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), TEXT, WORDS, st.just(HOSTILE)
)
JSON_VALUES = st.recursive(
    JSON_LEAVES, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=6
)
# Where in an export line a value is put (a missing step is made an object on the way).
LINE_PATHS = st.sampled_from(
    [
        *((name,) for name in ("id", "application", "round", "date", "created_at", "outcome", "outcome_note", "sent")),
        *(("report", name) for name in shape.REPORT.fields),
        ("report", "unknown"),
        ("report", "signals", 0),
        ("report", "signals", 0, "id"),
        ("report", "signals", 0, "answer"),
        ("report", "signals", 0, "reading"),
        ("report", "signals", 0, "points"),
        ("report", "signals", 1, "weight"),
        ("report", "advice", 0, "text"),
        ("report", "advice", 0, "signal"),
        ("report", "ask_next", 0, "signal"),
        ("report", "context", "company"),
        ("report", "context", "date"),
        ("report", "follow_up", "reply_by"),
        ("report", "since_last_round", "round"),
        ("report", "since_last_round", "score_change"),
        ("report", "since_last_round", "changed"),
        ("report", "since_last_round", "changed", 0, "from"),
        ("sent", 0, "on"),
    ]
)
REMOVE = object()
CHANGES = st.lists(st.tuples(LINE_PATHS, st.one_of(JSON_VALUES, st.just(REMOVE))), min_size=1, max_size=3)
SHOWN = [  # every way an interview is drawn or written, (arguments, COLUMNS)
    (["show", "1"], "100"),
    (["show", "1"], "40"),
    (["show", "1", "--format", "md"], "80"),
    (["show", "1", "--format", "html"], "80"),
    (["show", "1", "--format", "svg"], "80"),
    (["show", "1", "--json"], "80"),
    (["history"], "100"),
    (["history"], "40"),
    (["history", "--application", "1"], "80"),
    (["stats"], "80"),
    (["due"], "80"),
    (["export"], "80"),
]


def fuzz_line() -> dict:
    doc = export_line()
    doc["report"]["since_last_round"] = {"round": 1, "score_change": 3, "changed": [{"id": "vibe", "from": "cold", "to": "warm"}]}
    doc["sent"] = [{"action": "thank-you", "on": "2026-11-02", "recorded_at": "2026-11-02T12:00:00+00:00"}]
    return doc


def changed(doc: object, changes: list) -> object:
    doc = json.loads(json.dumps(doc))
    for path, value in changes:
        target = doc
        for step in path[:-1]:
            if isinstance(target, dict):
                target = target.setdefault(step, {})
            elif isinstance(target, list) and isinstance(step, int) and step < len(target):
                target = target[step]
            else:
                break
        else:
            last = path[-1]
            if isinstance(target, dict) and value is REMOVE:
                target.pop(last, None)
            elif isinstance(target, dict):
                target[last] = value
            elif isinstance(target, list) and isinstance(last, int) and last < len(target) and value is not REMOVE:
                target[last] = value
    return doc


def assert_shown_or_named(db: Path) -> None:
    """Every command that shows the history ends in exit 0, or (exit 1) in one line naming a damaged
    interview; a warning is one line too; nothing drawn holds a raw control character."""
    for args, columns in SHOWN:
        result = run(*args, "--db", str(db), env={"COLUMNS": columns})
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
        assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)
        for line in result.stderr.splitlines():
            assert line.startswith(("Warning: interview #", "Error: interview #")) and "is damaged (" in line, (args, line)
        if result.exit_code == 1:
            assert_one_line(result.stderr)
        if "--json" not in args and args[0] != "export":
            assert not [ch for ch in RAW if ch in result.stdout], (args, result.stdout[:300])


@FUZZ_COMMANDS
@given(CHANGES)
def test_fuzz_import_takes_a_line_whole_or_names_it_and_shows_what_it_took(changes):
    doc = changed(fuzz_line(), changes)
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder, "lines.ndjson")
        lines.write_text(json.dumps(doc) + "\n")  # ASCII: a lone surrogate goes in as its \ud800 escape
        db = Path(folder, "h.sqlite3")
        result = run("import", str(lines), "--db", str(db))
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
        if result.exit_code == 2:
            assert assert_one_line(result.stderr).startswith("Error: line 1: "), result.stderr
            assert not db.exists()
            return
        # what import took in, every command shows: nothing is damaged
        for args, columns in SHOWN:
            shown = run(*args, "--db", str(db), env={"COLUMNS": columns})
            assert shown.exit_code == 0 and shown.stderr == "", (args, shown.stderr, repr(shown.exception))
            if "--json" not in args and args[0] != "export":
                assert not [ch for ch in RAW if ch in shown.stdout], (args, shown.stdout[:300])


# What a hand edit may leave in a saved interview: a column, a sent row or a part of the report.
INTERVIEW_COLUMNS = [c for c in schema.COLUMNS if c not in ("id", "report")] + ["read_good", "read_other"]
SQL_VALUES = st.one_of(
    st.none(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False), st.text(max_size=12), WORDS, st.binary(max_size=4)
)
ROW_DAMAGE = st.one_of(
    st.tuples(st.just("column"), st.sampled_from(INTERVIEW_COLUMNS), SQL_VALUES),
    st.tuples(st.just("sent"), st.sampled_from(["action", "on", "recorded_at"]), SQL_VALUES),
    st.tuples(st.just("report"), CHANGES.map(tuple), st.just(None)),
)


@functools.cache
def template_history() -> Path:
    """Two applications, the first with two rounds, an email sent and an outcome; made once, copied for each example."""
    db = Path(tempfile.mkdtemp(prefix="interview-signals-fuzz-"), "h.sqlite3")
    for args in (
        ["--company", "Acme", "--date", "2026-11-02"],
        ["--round-of", "1", "--date", "2026-11-09"],
        ["--company", "Globex", "--date", "2026-11-05"],
    ):
        result = run("assess", *flags(MIXED), *args, "--db", str(db), "--json")
        assert result.exit_code == 0, result.stderr
    assert run("sent", "2", "thank-you", "--on", "2026-11-09", "--db", str(db)).exit_code == 0
    assert run("outcome", "3", "rejected", "--db", str(db)).exit_code == 0
    return db


@FUZZ_COMMANDS
@given(st.lists(ROW_DAMAGE, min_size=1, max_size=3), st.sampled_from([1, 2, 3]))
def test_fuzz_a_row_damaged_in_place_is_named_never_a_traceback(damage, id):
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder, "h.sqlite3")
        shutil.copy(template_history(), db)
        for kind, what, value in damage:
            try:
                if kind == "column":
                    sql(db, f"UPDATE interviews SET {what} = ? WHERE id = ?", value, id)
                elif kind == "sent":
                    sql(db, f'UPDATE sent SET "{what}" = ?', value)
                else:
                    report = changed({"report": saved_report(db, id)}, list(what))["report"]
                    sql(db, "UPDATE interviews SET report = ? WHERE id = ?", json.dumps(report), id)
            except sqlite3.IntegrityError:  # NOT NULL: SQLite itself refuses that edit
                continue
            except json.JSONDecodeError:  # an earlier edit left the report unreadable: it stays so
                continue
        assert_shown_or_named(db)
