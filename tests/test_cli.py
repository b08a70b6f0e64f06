"""The commands, driven through typer's CliRunner (stdin is never a terminal here)."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import json
import re
import signal
import sys

import pytest
import typer
from helpers import ALL_BEST, MIXED, assert_usage_error, build_report, flags, run, run_json
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_signals import catalog, cli, followup


def test_flags_give_a_full_report():
    result = run("assess", *flags(MIXED), "--company", "Acme", "--role", "Data engineer", "--no-save")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Acme · Data engineer" in out
    assert "Confidence: medium (7 of 9 signals counted)" in out
    assert "! concerning" in out and "- not counted" in out and "+ good" in out
    assert "What the doubts may mean" in out and "What to do next" in out
    assert "signs, not an offer" in out


def test_json_report_has_the_documented_shape():
    result = run("assess", *flags(MIXED), "--json", "--no-save")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["verdict"] in {"strong", "promising", "mixed", "weak"}
    assert isinstance(doc["score"], int) and doc["confidence"] == "medium"
    assert [s["id"] for s in doc["signals"]] == list(ALL_BEST)
    pitch = next(s for s in doc["signals"] if s["id"] == "pitch")
    assert pitch == pitch | {"answer": "downsides", "reading": "concerning", "points": 0}
    tour = next(s for s in doc["signals"] if s["id"] == "tour")
    assert (tour["reading"], tour["points"]) == ("not counted", None)
    assert doc["advice"][0]["kind"] == "concern"
    # MIXED: pitch concerning, other_offers unsure, next_steps concerning; the rest good or not applicable
    assert doc["ask_next"] == [
        {"signal": "pitch", "question": "What do people on the team enjoy most about working here?"},
        {"signal": "pitch", "question": "What are the hardest parts of the role, and how does the team handle them?"},
        {"signal": "other_offers", "question": "Where are you in the process, and how many steps are left?"},
        {"signal": "other_offers", "question": "Is there anything about my background you'd like me to clear up?"},
        {"signal": "next_steps", "question": "When do you expect to make a decision?"},
        {"signal": "next_steps", "question": "Who should I stay in touch with in the meantime?"},
    ]
    assert run_json("assess", *flags(ALL_BEST), "--json", "--no-save")["ask_next"] == []


def test_the_tests_report_builder_makes_what_assess_prints():
    """helpers.build_report stands in for `assess` in other tests, so it must make the very same document."""
    printed = run_json(
        "assess", *flags(MIXED), "--company", "Acme", "--date", "2026-11-23", "--reply-by", "friday", "--json", "--no-save"
    )
    plan = followup.schedule(dt.date(2026, 11, 23), dt.date(2026, 11, 27))
    assert printed.pop("your_history") is None  # from the history, not the report: the builder leaves it out
    assert build_report(MIXED, company="Acme", date="2026-11-23", reply_by="2026-11-27", follow_up=plan) == printed


def test_saved_json_report_replays_to_the_same_report(tmp_path):
    first = run("assess", *flags(MIXED), "--company", "Acme", "--json", "--no-save")
    path = tmp_path / "report.json"
    path.write_text(first.stdout)
    again = run("assess", "--answers", str(path), "--json", "--no-save")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)


def test_answers_from_stdin_and_flags_override_the_file():
    doc = json.dumps(ALL_BEST | {"company": "Acme"})
    result = run("assess", "--answers", "-", "-a", "pitch=downsides", "--json", "--no-save", input=doc)
    assert result.exit_code == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert next(s for s in parsed["signals"] if s["id"] == "pitch")["answer"] == "downsides"
    assert parsed["context"]["company"] == "Acme"


def test_a_utf8_bom_is_accepted():
    result = run("assess", "--answers", "-", "--json", "--no-save", input=b"\xef\xbb\xbf" + json.dumps(ALL_BEST).encode())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["score"] == 100


def test_nothing_answered_has_no_score(tmp_path):
    empty = {key: "unsure" for key in ALL_BEST}
    result = run("assess", *flags(empty), "--json", "--no-save")
    doc = json.loads(result.stdout)
    assert doc["score"] is None and doc["verdict"] == "unknown"
    text = run("assess", *flags(empty), "--no-save").stdout
    assert "Not enough to go on" in text and "no score" in text


def test_missing_answers_off_a_terminal_fail_at_once_naming_them():
    partial = {k: v for k, v in ALL_BEST.items() if k not in ("pitch", "length")}
    result = run("assess", *flags(partial), "--no-save")
    assert_usage_error(result, "length, pitch", "--answer", "--answers")


@pytest.mark.parametrize(
    ("args", "input", "fragments"),
    [
        (["-a", "vibee=warm"], None, ["--answer: unknown signal 'vibee'", "did you mean 'vibe'", "signals are vibe, tour"]),
        (["-a", "vibe=great"], None, ["--answer: 'great' is not an answer for vibe", "allowed: warm, neutral, cold, unsure"]),
        (["-a", "tour=maybe"], None, ["allowed: yes, no, escorted_out, unsure, not_applicable"]),
        (["-a", "vibe"], None, ["--answer 'vibe'", "expected SIGNAL=ANSWER"]),
        (["-a", "=warm"], None, ["expected SIGNAL=ANSWER"]),
        (["--answers", "-"], '{"vibe": "warm",\n "tour": }', ["--answers stdin", "not valid JSON at line 2, column 10"]),
        (["--answers", "-"], "", ["--answers stdin", "is empty"]),
        (["--answers", "-"], "  \n", ["is empty"]),
        (["--answers", "-"], b'{"vibe": "w\xffrm"}', ["not UTF-8", "offset 11"]),
        (["--answers", "-"], '["warm"]', ["expected a JSON object", "got an array"]),
        (["--answers", "-"], '"warm"', ["expected a JSON object", "got a string"]),
        (["--answers", "-"], '{"vibe": 3}', ["vibe: expected an answer as text, got a number"]),
        (["--answers", "-"], '{"vibe": ["warm"]}', ["vibe: expected an answer as text, got an array"]),
        (["--answers", "-"], '{"company": ["x"]}', ["company: expected text, got an array"]),
        (["--answers", "-"], '{"colour": "blue"}', ["unknown signal or context field 'colour'", "and context: company, role"]),
        (["--answers", "-"], '{"signals": [{"answer": "warm"}]}', ["signals[0]", '"id"']),
        (["--answers", "-"], "[" * 100000, ["--answers stdin"]),
        (["--answers", "/no/such/file.json"], None, ["--answers: no such file: /no/such/file.json"]),
    ],
)
def test_bad_input_is_one_line_exit_2(args, input, fragments):
    assert_usage_error(run("assess", *args, "--no-save", input=input), *fragments)


def test_a_folder_or_unreadable_file_is_bad_input(tmp_path):
    assert_usage_error(run("assess", "--answers", str(tmp_path)), "is a folder")
    secret = tmp_path / "secret.json"
    secret.write_text("{}")
    secret.chmod(0)
    result = run("assess", "--answers", str(secret), "--no-save")
    if result.exit_code == 2 and "permission denied" in result.stderr:
        return
    # root reads anything: then the empty object is simply incomplete
    assert_usage_error(result, "not answered")


def test_markup_and_huge_context_are_escaped_in_the_report_and_intact_in_json():
    company = "[bold red]Evil[/] Corp [link=x]"
    role = "R" * 10_000
    text = run("assess", *flags(ALL_BEST), "--company", company, "--role", role, "--no-save")
    assert text.exit_code == 0, text.stderr
    assert "[bold red]Evil[/] Corp [link=x]" in text.stdout
    doc = json.loads(run("assess", *flags(ALL_BEST), "--company", company, "--role", role, "--json", "--no-save").stdout)
    assert doc["context"] == doc["context"] | {"company": company, "role": role}


def test_forced_colour_never_reaches_json():
    result = run("assess", *flags(MIXED), "--json", "--no-save", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b" not in result.stdout
    json.loads(result.stdout)


def test_forced_colour_does_colour_the_report():
    result = run("assess", *flags(MIXED), "--no-save", env={"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm"})
    assert "\x1b[" in result.stdout  # the pinned NO_COLOR is what keeps other tests plain


def test_report_reads_at_60_columns_without_colour():
    result = run("assess", *flags(MIXED), "--company", "Acme", "--no-save", env={"COLUMNS": "60"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("columns", [40, 80])
def test_the_questions_to_ask_next_time_wrap_between_words_at_any_width(columns):
    result = run("assess", *flags(MIXED), "--company", "Acme", "--no-save", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns, [line for line in lines if len(line) > columns]
    assert "…" not in result.stdout
    # the section sits between the doubts and what to do next
    assert lines.index("What the doubts may mean") < lines.index("Ask next time") < lines.index("What to do next")
    section = lines[lines.index("Ask next time") + 1 : lines.index("What to do next")]
    flat = " ".join(" ".join(section).split())
    cat = catalog.load()
    for signal_id in ("pitch", "other_offers", "next_steps"):
        assert f"{cat.signal(signal_id).title}:" in flat
        for question in cat.signal(signal_id).ask_next:
            assert question in flat, question  # whole: wrapped between words, never cut
    assert sum(line.lstrip().startswith("? ") for line in section) == 6  # one mark a question
    assert flat.count("?") == 6 + 6  # the marks and the questions' own, nothing else


def test_no_question_to_ask_leaves_the_section_out():
    result = run("assess", *flags(ALL_BEST), "--no-save")
    assert result.exit_code == 0, result.stderr
    assert "What to do next" in result.stdout and "Ask next time" not in result.stdout
    neutral = {signal.id: signal.answers[1].id for signal in catalog.load().signals} | {"next_steps": "concrete"}
    assert "Ask next time" not in run("assess", *flags(neutral), "--no-save").stdout


def test_signals_lists_the_catalog():
    text = run("signals").stdout
    assert "next_steps" in text and "chase_assistant" in text
    doc = json.loads(run("signals", "--json").stdout)
    tour = next(s for s in doc["signals"] if s["id"] == "tour")
    assert [a["id"] for a in tour["answers"]] == ["yes", "no", "escorted_out", "unsure", "not_applicable"]


def test_help_documents_the_exit_codes():
    result = run("--help")
    assert result.exit_code == 0
    assert "130" in result.stdout and "Exit codes" in result.stdout


# Every command the app registers, as users type them: a new command is covered here automatically.
COMMANDS = typer.main.get_command(cli.app).commands
# Help text artefacts of typer's own: type names (<bool>, <str>, <int>) and
# braced metavars ({ID}, {RESULT}, [[FILE]]) where ours should stand alone.
ARTEFACT = re.compile(r"<[a-z][a-z_\[\]|,]*>|\{[A-Z][A-Z_]*\}|\[\[[A-Z][A-Z_]*\]\]")


def test_the_help_tests_see_every_command():
    expected = {
        "assess",
        "signals",
        "score",
        "history",
        "show",
        "outcome",
        "stats",
        "delete",
        "where",
        "due",
        "draft",
        "remind",
        "sent",
        "snooze",
    }
    assert expected <= set(COMMANDS)


def summary(command_name: str) -> str:
    """The first paragraph of a command's docstring, on one line."""
    return " ".join(inspect.getdoc(COMMANDS[command_name].callback).split("\n\n")[0].split())


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].startswith(f"Usage: interview-signals {command} [OPTIONS]"), lines[0]
    assert summary(command) in " ".join(result.stdout.split())


@pytest.mark.parametrize("command", [*sorted(COMMANDS), None])
def test_help_has_no_placeholder_artefacts_and_ends_with_examples(command):
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert ARTEFACT.findall(result.stdout) == []
    examples = result.stdout.split("Examples:")[-1].splitlines()
    typed = [line.strip() for line in examples if line.strip().startswith(("interview-signals", "printf", "ls "))]
    assert "Examples:" in result.stdout and 1 <= len(typed) <= 3, result.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_examples_work_as_typed_in_a_shell_on_any_day(command):
    """An unquoted #3 starts a comment in a shell, and a date in an example is one day refused as too early or too late."""
    import shlex

    result = run(command, "--help", env={"COLUMNS": "300"})  # each example on a line of its own
    examples = [line.strip() for line in result.stdout.split("Examples:")[-1].splitlines() if line.strip()]
    for example in examples:
        assert shlex.split(example, comments=True) == shlex.split(example), example
        for option in ("--on", "--until", "--today"):
            words = shlex.split(example)
            if option in words:
                assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", words[words.index(option) + 1]), example


def test_an_id_is_3_or_hash_3_and_anything_else_says_what_an_id_looks_like():
    from helpers import save

    save("--date", "2026-11-20")
    assert run("show", "#1", "--json").exit_code == 0
    assert run("show", "1", "--json").exit_code == 0
    for bad in ("one", "#", "1.5", "#x", "3 4"):
        result = run("show", bad)
        assert result.exit_code == 2, bad
        assert "an id is a number such as 3 or #3" in result.stderr and "valid integer" not in result.stderr


def test_version():
    assert run("--version").stdout.startswith("interview-signals ")


def test_the_bare_command_runs_assess_which_off_a_terminal_names_what_is_missing():
    result = run()
    assert_usage_error(result, "not answered: vibe, tour, extra_people", "--answer SIGNAL=ANSWER", "--answers FILE")
    assert result.stderr == run("assess").stderr  # the very message of assess
    assert run_json("history", "--json") == []


@pytest.fixture
def entry_point(monkeypatch):
    """cli.main in this process: stdin is empty and not a terminal; main's SIGPIPE setting is undone after."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    before = signal.getsignal(signal.SIGPIPE)

    def main(*argv: str) -> int | str | None:
        with pytest.raises(SystemExit) as stopped:
            cli.main(list(argv))
        return stopped.value.code

    yield main
    signal.signal(signal.SIGPIPE, before)


def test_main_can_run_again_in_the_same_process(entry_point, capsys, isolated_home):
    for _ in range(2):
        assert entry_point() == 2
        assert "Error: not answered: vibe, tour" in capsys.readouterr().err
    # a run of one command (main hands it an app holding just that command) leaves the others in place
    assert entry_point("signals", "--json") == 0
    assert [s["id"] for s in json.loads(capsys.readouterr().out)["signals"]] == list(ALL_BEST)
    assert entry_point("where") == 0
    assert capsys.readouterr().out == f"{isolated_home / 'history.sqlite3'}\n"
    assert entry_point() == 2
    assert "not answered" in capsys.readouterr().err


def test_text_that_is_not_utf8_is_refused_on_one_line():
    # bytes that are not UTF-8 reach Python as surrogates; they could be neither saved nor printed
    assert_usage_error(
        run("assess", *flags(ALL_BEST), "--company", "Caf\udce9", "--no-save"), "--company: not UTF-8 text", "0xe9"
    )
    assert_usage_error(run("assess", "-a", "vibe=\udce9", "--no-save"), "--answer: not UTF-8 text")


def test_a_blank_context_value_is_left_out():
    doc = json.loads(run("assess", *flags(ALL_BEST), "--company", "   ", "--json", "--no-save").stdout)
    assert "company" not in doc["context"]


def test_control_characters_in_user_text_never_reach_the_terminal_raw():
    result = run("assess", *flags(ALL_BEST), "--company", "Esc\x1b[31mRED\x1b[0mCo", "--no-save")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "RED" in result.stdout


def test_the_report_has_no_trailing_spaces_off_a_terminal():
    out = run("assess", *flags(MIXED), "--company", "Acme", "--no-save").stdout
    assert all(line == line.rstrip() for line in out.splitlines())


def test_too_few_answers_show_the_score_but_no_verdict():
    few = {key: "unsure" for key in ALL_BEST} | {"vibe": "warm"}
    doc = json.loads(run("assess", *flags(few), "--json", "--no-save").stdout)
    assert (doc["score"], doc["verdict"], doc["confidence"]) == (100, "too_few", "low")
    assert "Too few signs to judge" in run("assess", *flags(few), "--no-save").stdout


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
ANSWER_OBJECTS = st.dictionaries(
    st.sampled_from([*ALL_BEST, "company", "role", "date", "reply_by", "signals", "vibee", "x"]),
    st.one_of(
        st.sampled_from(["warm", "yes", "asked", "unsure", "not_applicable", "bogus", "2026-01-05", "friday"]), JSON_VALUES
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(ANSWER_OBJECTS.map(lambda d: ALL_BEST | d), ANSWER_OBJECTS, JSON_VALUES))
def test_any_answers_document_scores_or_fails_with_one_line_and_exit_2(document):
    result = run("assess", "--answers", "-", "--json", "--no-save", input=json.dumps(document))
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    if result.exit_code == 0:
        assert json.loads(result.stdout)["schema_version"] == 1
    else:
        assert result.exit_code == 2
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["outcome", "1", "reject"], "did you mean 'rejected'?"),
        (["outcome", "1", "ofer"], "did you mean 'offer'?"),
        (["draft", "1", "thankyou"], "did you mean 'thank-you'?"),
        (["draft", "1", "folow-up"], "did you mean 'follow-up'?"),
    ],
)
def test_a_near_miss_gets_a_did_you_mean(args, fragment):
    from helpers import assert_usage_error, save

    save("--date", "2026-11-20")
    assert_usage_error(run(*args), fragment)


@pytest.mark.parametrize(
    ("args", "check"), [(["outcome", "1", "REJECTED"], "rejected"), (["draft", "1", "Thank-You"], "Subject:")]
)
def test_outcome_results_and_draft_kinds_are_case_insensitive(args, check):
    from helpers import run_json, save

    save("--date", "2026-11-20")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    if args[0] == "outcome":
        assert run_json("history", "--json")[0]["outcome"] == check
    else:
        assert result.stdout.startswith(check)


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ("vibe=warn", "'warn' (did you mean 'warm'?) is not an answer for vibe"),
        ("vibes=warm", "unknown signal 'vibes' (did you mean 'vibe'?)"),
    ],
)
def test_a_near_miss_answer_or_signal_gets_a_did_you_mean(answer, fragment):
    from helpers import assert_usage_error

    assert_usage_error(run("assess", "-a", answer, "--no-save"), fragment)


def test_answers_and_signal_ids_take_any_case_in_flags_files_and_score():
    import json

    from helpers import ALL_BEST, flags

    shouting = {key.upper(): value.upper() for key, value in ALL_BEST.items()}
    by_flags = run("assess", *flags(shouting), "--no-save", "--json")
    assert by_flags.exit_code == 0, by_flags.stderr
    assert json.loads(by_flags.stdout)["score"] == 100
    by_file = run("assess", "--answers", "-", "--no-save", "--json", input=json.dumps(shouting))
    assert by_file.exit_code == 0 and json.loads(by_file.stdout)["score"] == 100
    scored = run("score", input=json.dumps({"id": 7, **shouting}) + "\n")
    line = json.loads(scored.stdout)
    assert line["id"] == 7 and line["score"] == 100 and line["signals"][0]["answer"] == "warm"


# -- assess checks what it can before it asks or scores anything ----------------------------------


@pytest.mark.parametrize("extra", [[], ["--no-save"]])
def test_assess_with_a_db_that_is_no_history_stops_before_the_report(tmp_path, extra):
    notes = tmp_path / "notes.json"
    notes.write_text('{"todo": "call Acme"}\n')
    result = run("assess", *flags(ALL_BEST), "--db", str(notes), *extra)
    assert_usage_error(result, str(notes), "not an interview-signals history", "--db")
    assert notes.read_text() == '{"todo": "call Acme"}\n'


def test_every_problem_of_the_answers_given_is_told_at_once_in_the_order_of_the_questions():
    result = run("assess", "-a", "vibe=warm", "--reply-by", "someday")
    assert_usage_error(result, "not answered: tour, extra_people", "--reply-by 'someday': not a day")
    line = result.stderr
    assert line.index("not answered") < line.index("--reply-by 'someday'")  # the hear-back day is asked last
    result = run("assess", "-a", "vibe=warm", "--date", "someday")
    assert_usage_error(result, "--date 'someday'", "not answered: tour")
    assert result.stderr.index("--date") < result.stderr.index("not answered")  # the day is asked before the signals


def test_assess_refuses_an_export_it_could_not_write_before_saving(tmp_path):
    result = run("assess", *flags(ALL_BEST), "--export", str(tmp_path / "no-such-folder" / "acme.md"))
    assert_usage_error(result, "--export", "there is no folder")
    assert run_json("history", "--json") == []  # nothing saved


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["history", "--limit", "x"], "Error: --limit: 'x' is not a whole number (see `interview-signals history --help`)\n"),
        (["due", "--days", "1.5"], "Error: --days: '1.5' is not a whole number (see `interview-signals due --help`)\n"),
        (["outcome", "5", "ghosted", "--note"], "Error: --note: needs a value (see `interview-signals outcome --help`)\n"),
        (["config", "set", "name", "--db"], "see `interview-signals config set --help`"),
    ],
)
def test_usage_errors_typer_finds_are_in_our_words_and_point_to_the_commands_help(entry_point, capsys, args, said):
    assert entry_point(*args) == 2
    err = capsys.readouterr().err
    assert said in err and "Input should be" not in err, err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--no-save"], "No such option: --no-save (options of assess go after its name: interview-signals assess --no-save)"),
        (["--company=Acme"], "(options of assess go after its name: interview-signals assess --company)"),
        (["--bogus"], "No such option: --bogus (see `interview-signals --help`)"),
        (["history", "--no-save"], "No such option: --no-save (see `interview-signals history --help`)"),
    ],
)
def test_an_option_of_assess_before_any_command_says_where_it_goes(entry_point, capsys, args, said):
    """A bare run is assess, whose options go after its name: the error says so, and only then."""
    assert entry_point(*args) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and said in err and err.count("\n") == 1, err
