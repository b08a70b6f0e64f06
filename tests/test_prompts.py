"""The questionnaire driven by keys through prompt_toolkit's pipe input."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from interview_signals import catalog, prompts

CAT = catalog.load()
ALL_NEUTRAL = {s.id: prompts.default_answer(s) for s in CAT.signals}
DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


def drive(keys: str, known: dict[str, str] | None = None) -> dict[str, str]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return prompts.questionnaire(CAT, known or {})


def test_enter_through_everything_reads_as_nothing_special():
    """The cursor starts on the neutral answer (the middle one where none is neutral), not the best."""
    answers = drive(ENTER * 9 + ENTER)
    assert answers == {s.id: prompts.default_answer(s) for s in CAT.signals}
    assert answers["vibe"] == "neutral" and answers["pitch"] == "no" and answers["next_steps"] == "vague"
    from interview_signals import scoring

    result = scoring.assess(CAT, answers)
    assert result.band.id == "mixed" and not any(r.reading == "good" for r in result.results)


def test_arrow_keys_pick_other_answers():
    # from the neutral start: vibe down once = cold; tour down 3 times = not_applicable; the rest: neutral
    answers = drive(DOWN + ENTER + DOWN * 3 + ENTER + ENTER * 7 + ENTER)
    assert answers["vibe"] == "cold"
    assert answers["tour"] == "not_applicable"
    assert answers["pitch"] == "no"


def test_unsure_is_offered_after_the_real_answers():
    answers = drive(DOWN * 2 + ENTER + ENTER * 8 + ENTER)
    assert answers["vibe"] == "unsure"


def test_review_step_changes_one_answer():
    # in review go down to the 'pitch' line (7th signal) and change it to 'downsides'
    review_to_pitch = DOWN * 7 + ENTER
    answers = drive(ENTER * 9 + review_to_pitch + DOWN + ENTER + ENTER)
    assert answers["pitch"] == "downsides"
    assert answers["vibe"] == "neutral"


def test_review_change_starts_from_the_current_answer():
    # pitch was 'downsides' (3rd); changing it and pressing down once moves to 'unsure'
    known = {s.id: s.answers[0].id for s in CAT.signals} | {"pitch": "downsides"}
    answers = drive(DOWN * 7 + ENTER + DOWN + ENTER + ENTER, known)
    assert answers["pitch"] == "unsure"


def test_start_over_asks_everything_again():
    start_over = DOWN * 10 + ENTER
    answers = drive(ENTER * 9 + start_over + DOWN + ENTER + ENTER * 8 + ENTER)
    assert answers["vibe"] == "cold"


def test_only_missing_signals_are_asked():
    known = {s.id: s.answers[-1].id for s in CAT.signals if s.id != "length"}
    answers = drive(ENTER + ENTER, known)
    assert answers["length"] == "as_scheduled"
    assert answers["vibe"] == "cold"


def drive_with_context(keys: str, known: dict[str, str], context: dict[str, str]) -> dict[str, str]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return prompts.questionnaire(CAT, known, context=context)


def test_the_review_step_lists_and_changes_the_context():
    context = {"company": "Acme", "date": "2026-11-20"}
    rows = prompts.review_rows(CAT, ALL_NEUTRAL, context)
    assert [name for _, name, _ in rows[:4]] == ["Company", "Role", "Interviewer", "Date"]
    assert rows[0][2] == "Acme" and rows[1][2] == "(not given)" and rows[3][2] == "Fri 20 Nov 2026"
    # Change: Company (the first row after "Looks right"), clear the line, type a new name
    drive_with_context(DOWN + ENTER + "\x15Globex" + ENTER + ENTER, ALL_NEUTRAL, context)
    assert context["company"] == "Globex"
    # Change: Role, typed where there was none
    drive_with_context(DOWN * 2 + ENTER + "Analyst" + ENTER + ENTER, ALL_NEUTRAL, context)
    assert context["role"] == "Analyst"


def test_with_concrete_next_steps_the_hear_back_day_is_asked_before_the_review():
    known = {s.id: s.answers[0].id for s in CAT.signals}  # next_steps: concrete
    context = {"date": "2026-11-20"}
    drive_with_context("friday" + ENTER + ENTER, known, context)
    assert context["reply_by"] == "friday"
    assert [name for _, name, _ in prompts.review_rows(CAT, known, context)][4] == "You'll hear back by"
    # and it can be changed in the review step (the 5th row)
    drive_with_context(DOWN * 5 + ENTER + "\x153 days" + ENTER + ENTER, known, context)
    assert context["reply_by"] == "3 days"


def test_the_hear_back_row_is_only_listed_for_concrete_next_steps():
    rows = prompts.review_rows(CAT, ALL_NEUTRAL, {"reply_by": "friday"})
    assert "You'll hear back by" not in [name for _, name, _ in rows]


def test_the_plain_front_end_reads_numbers_ids_and_enter():
    """For TERM=dumb: numbered lists read as lines; the number, the id (any case) or Enter for the default."""
    lines = iter(["1\n", "ESCORTED_OUT\n", "\n", "9\n", "nonsense\n", "2\n"] + ["\n"] * 6)
    written: list[str] = []
    plain = prompts.Plain(read=lambda: next(lines), write=written.append)
    answers = prompts.questionnaire(CAT, {}, ui=plain)
    assert answers["vibe"] == "warm" and answers["tour"] == "escorted_out" and answers["extra_people"] == "no"
    assert answers["as_if_hired"] == "no"  # 9 was out of range, "nonsense" no id: asked again, then 2
    shown = "".join(written)
    assert "Type a number from 1 to 4" in shown and " 1) Yes, " in shown
    assert "\x1b" not in shown


def test_the_plain_front_end_ends_on_end_of_input():
    plain = prompts.Plain(read=lambda: "", write=lambda text: None)
    with pytest.raises(EOFError):
        prompts.questionnaire(CAT, {}, ui=plain)
    assert plain.confirm("Delete it?") is False


def test_ctrl_c_raises_keyboard_interrupt():
    with pytest.raises(KeyboardInterrupt):
        drive(ENTER * 3 + CTRL_C)


def test_end_of_input_raises_eof():
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(ENTER * 2)
        pipe.close()
        with pytest.raises(EOFError):
            prompts.questionnaire(CAT, {})


def test_optional_text_questions_skip_on_enter():
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("Acme [x]\r\r")
        assert prompts.ask_text([("company", "Company?"), ("role", "Role?")]) == {"company": "Acme [x]"}


def test_ctrl_d_on_a_text_question_ends_the_input():
    """Enter skips a question that can be skipped; Ctrl-D ends the questionnaire, as everywhere."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\x04Dev\r")
        with pytest.raises(EOFError):
            prompts.ask_text([("company", "Company?"), ("role", "Role?")])


@pytest.mark.parametrize("keys", ["\x04", ENTER * 2 + "\x04", ENTER * 9 + "\x04"], ids=["first", "third", "review"])
def test_ctrl_d_on_a_list_question_or_the_review_step_ends_the_input(keys):
    with pytest.raises(EOFError):
        drive(keys)


def test_ctrl_d_on_a_yes_no_question_is_no():
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\x04")
        assert prompts.confirm("Delete it?", plain=False) is False
