"""The questionnaire driven by keys through prompt_toolkit's pipe input."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from interview_signals import catalog, prompts

CAT = catalog.load()
DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


def drive(keys: str, known: dict[str, str] | None = None) -> dict[str, str]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return prompts.questionnaire(CAT, known or {})


def test_enter_nine_times_then_confirm_takes_the_first_answer_of_each():
    answers = drive(ENTER * 9 + ENTER)
    assert answers == {s.id: s.answers[0].id for s in CAT.signals}


def test_arrow_keys_pick_other_answers():
    # vibe: down twice = cold; tour: down 4 times = not_applicable; the rest: first
    answers = drive(DOWN * 2 + ENTER + DOWN * 4 + ENTER + ENTER * 7 + ENTER)
    assert answers["vibe"] == "cold"
    assert answers["tour"] == "not_applicable"
    assert answers["pitch"] == "yes"


def test_unsure_is_offered_after_the_real_answers():
    answers = drive(DOWN * 3 + ENTER + ENTER * 8 + ENTER)
    assert answers["vibe"] == "unsure"


def test_review_step_changes_one_answer():
    # answer all with the first choice; in review go down to the 'pitch' line (7th signal), change it to 'downsides'
    review_to_pitch = DOWN * 7 + ENTER
    answers = drive(ENTER * 9 + review_to_pitch + DOWN * 2 + ENTER + ENTER)
    assert answers["pitch"] == "downsides"
    assert answers["vibe"] == "warm"


def test_review_change_starts_from_the_current_answer():
    # pitch was 'downsides' (3rd); changing it and pressing down once moves to 'unsure'
    known = {s.id: s.answers[0].id for s in CAT.signals} | {"pitch": "downsides"}
    answers = drive(DOWN * 7 + ENTER + DOWN + ENTER + ENTER, known)
    assert answers["pitch"] == "unsure"


def test_start_over_asks_everything_again():
    start_over = DOWN * 10 + ENTER
    answers = drive(ENTER * 9 + start_over + DOWN + ENTER + ENTER * 8 + ENTER)
    assert answers["vibe"] == "neutral"


def test_only_missing_signals_are_asked():
    known = {s.id: s.answers[-1].id for s in CAT.signals if s.id != "length"}
    answers = drive(DOWN + ENTER + ENTER, known)
    assert answers["length"] == "as_scheduled"
    assert answers["vibe"] == "cold"


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
        assert prompts.confirm("Delete it?") is False
