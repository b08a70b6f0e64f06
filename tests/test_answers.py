"""answers: what the user typed or sent, validated, with one exact line for each fault."""

from __future__ import annotations

import io
import json

import pytest
from helpers import build_report, run

from interview_signals import answers, catalog
from interview_signals.errors import InputError

CAT = catalog.load()
OBJECT_HINT = 'expected a JSON object such as {"vibe": "warm"}'


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        call(*args, **kwargs)
    return str(err.value)


def test_stdin_is_named_in_its_errors():
    assert refused(answers.read_text, "-", io.BytesIO(b" \n")) == f"--answers stdin: is empty; {OBJECT_HINT}"
    assert answers.read_text("-", io.BytesIO(b'\xef\xbb\xbf{"vibe": "warm"}')) == '{"vibe": "warm"}'  # a BOM is dropped


def test_a_file_is_named_in_its_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"vibe": "w\xffrm"}')
    assert refused(answers.read_text, str(bad), io.BytesIO()) == f"--answers {bad}: not UTF-8 text (byte 0xff at offset 11)"
    assert refused(answers.read_text, str(tmp_path), io.BytesIO()) == (
        f"--answers: {tmp_path} is a folder; give a JSON file, or - for stdin"
    )
    assert refused(answers.read_text, str(tmp_path / "nope"), io.BytesIO()) == f"--answers: no such file: {tmp_path / 'nope'}"


def test_a_file_that_may_not_be_read_is_bad_input(tmp_path, monkeypatch):
    """Root reads anything, so the refusal is staged: open raises what it would for anyone else."""

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(answers, "open", denied, raising=False)
    assert refused(answers.open_file, "x.json", "--answers", "a JSON file") == "--answers: permission denied reading x.json"


def test_bad_json_says_where_on_one_line_or_many():
    assert refused(answers.from_json, CAT, '{"vibe": }', "in") == "in: not valid JSON at column 10: Expecting value"
    assert refused(answers.from_json, CAT, '{"vibe": "warm",\n "tour": }', "in") == (
        "in: not valid JSON at line 2, column 10: Expecting value"
    )
    # one line and its newline (echo's): the error is past the line, so its line is said
    assert refused(answers.from_json, CAT, '{"vibe": "warm"\n', "in") == (
        "in: not valid JSON at line 2, column 1: Expecting ',' delimiter"
    )
    assert refused(answers.from_json, CAT, '{"vibe": }\n', "in") == "in: not valid JSON at column 10: Expecting value"
    assert refused(answers.from_json, CAT, '{"vibe": 3}', "in") == "in: vibe: expected an answer as text, got a number"


def test_passthrough_keeps_other_keys_and_only_then():
    given = answers.from_json(CAT, '{"id": 7, "vibe": "warm"}', "line 1", passthrough=True)
    assert (given.answers, given.extra) == ({"vibe": "warm"}, {"id": 7})
    assert refused(answers.from_json, CAT, '{"id": 7}', "in").startswith(
        "in: unknown signal or context field 'id'; signals are vibe, "
    )


def test_a_near_miss_of_a_context_field_is_suggested_as_one_of_a_signal_is():
    message = refused(answers.from_json, CAT, '{"interviewr": "Sam"}', "--answers a.json")
    assert message.startswith("--answers a.json: unknown signal or context field 'interviewr' (did you mean 'interviewer'?)")
    assert "(did you mean 'vibe'?)" in refused(answers.from_json, CAT, '{"vibee": "warm"}', "in")


@pytest.mark.parametrize(
    ("value", "kind"),
    [(None, "null"), (True, "true/false"), (1, "a number"), (1.5, "a number"), ("x", "a string"), ([], "an array")],
)
def test_a_document_that_is_not_an_object_names_what_it_is(value, kind):
    assert refused(answers.from_object, CAT, value, "in") == f"in: {OBJECT_HINT}, got {kind}"


@pytest.mark.parametrize(
    ("value", "kind"), [(False, "true/false"), (2.5, "a number"), ({"a": 1}, "an object"), (("warm",), "tuple")]
)
def test_an_answer_that_is_not_text_names_what_it_is(value, kind):
    """From JSON, and from a Python caller of the API, who may pass any object."""
    assert refused(answers.from_object, CAT, {"vibe": value}, "in") == f"in: vibe: expected an answer as text, got {kind}"


def test_a_replayed_report_gives_its_answers_and_known_context():
    report = build_report(company="Acme", role=None) | {"context": {"company": "Acme", "role": None, "team": "Core"}}
    given = answers.from_object(CAT, json.loads(json.dumps(report)), "in")
    assert given.context == {"company": "Acme"}  # null is not given; an unknown key is not context
    assert given.answers["vibe"] == "warm"


def test_a_replayed_report_names_the_faulty_part():
    report = build_report()
    report["signals"][0]["answer"] = "great"
    assert refused(answers.from_object, CAT, report, "in") == (
        "in: 'great' is not an answer for vibe; allowed: warm, neutral, cold, unsure"
    )
    report = build_report() | {"context": ["Acme"]}
    assert refused(answers.from_object, CAT, report, "in") == (
        "in: context: expected an object with company, role, date, interviewer, reply_by, topic"
    )
    report = build_report() | {"context": {"company": 3}}
    assert refused(answers.from_object, CAT, report, "in") == "in: context.company: expected text, got a number"


def test_the_answers_map_lets_each_layer_win_over_those_before_and_names_its_source():
    given = answers.AnswersMap(lambda key: "--" + key.replace("_", "-"))
    given.add("flags", answers.Answers({"vibe": "cold"}, {"company": "Acme"}))
    given.add("saved", answers.Answers({"vibe": "warm", "pitch": "yes"}, {"company": "Old", "role": "Dev"}), "interview #3")
    given.add("file", answers.Answers(context={"date": "someday"}), "--answers a.json")
    combined = given.combined()
    assert combined.answers == {"vibe": "cold", "pitch": "yes"}
    assert combined.context == {"company": "Acme", "role": "Dev", "date": "someday"}
    assert [given.layer_of(key) for key in ("vibe", "pitch", "date", "reply_by")] == ["flags", "saved", "file", None]
    assert [given.name(key) for key in ("date", "role", "reply_by")] == [
        "--answers a.json: date",
        "interview #3: role",
        "--reply-by",
    ]
    with pytest.raises(ValueError):
        given.add("elsewhere", answers.Answers())


def test_a_bad_date_in_an_answers_file_is_named_by_the_file(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"vibe": "warm", "date": "someday"}')
    result = run("assess", "--answers", str(path), "--no-save", "--json")
    assert result.exit_code == 2 and f"--answers {path}: date 'someday'" in result.stderr
    result = run("assess", "-a", "vibe=warm", "--date", "someday", "--no-save", "--json")
    assert result.exit_code == 2 and "--date 'someday'" in result.stderr
