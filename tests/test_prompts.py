"""The questionnaire driven by keys through prompt_toolkit's pipe input."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from interview_signals import catalog, prompts
from interview_signals.answers import Answers

CAT = catalog.load()
ALL_NEUTRAL = {s.id: prompts.default_answer(s) for s in CAT.signals}
DOWN, UP, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x03"


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
    # in review go down to the 'pitch' line (7th signal) and change it to 'downsides'; back on its line, up to "Looks right"
    review_to_pitch = DOWN * 7 + ENTER
    answers = drive(ENTER * 9 + review_to_pitch + DOWN + ENTER + UP * 7 + ENTER)
    assert answers["pitch"] == "downsides"
    assert answers["vibe"] == "neutral"


def test_review_change_starts_from_the_current_answer():
    # pitch was 'downsides' (3rd); changing it and pressing down once moves to 'unsure'
    known = {s.id: s.answers[0].id for s in CAT.signals} | {"pitch": "downsides"}
    answers = drive(DOWN * 7 + ENTER + DOWN + ENTER + UP * 7 + ENTER, known)
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
    # Company (the first row after "Looks right"): clear the line, type a new name, then up to "Looks right"
    drive_with_context(DOWN + ENTER + "\x15Globex" + ENTER + UP + ENTER, ALL_NEUTRAL, context)
    assert context["company"] == "Globex"
    # Role, typed where there was none
    drive_with_context(DOWN * 2 + ENTER + "Analyst" + ENTER + UP * 2 + ENTER, ALL_NEUTRAL, context)
    assert context["role"] == "Analyst"


def test_with_concrete_next_steps_the_hear_back_day_is_asked_before_the_review():
    known = {s.id: s.answers[0].id for s in CAT.signals}  # next_steps: concrete
    context = {"date": "2026-11-20"}
    drive_with_context("friday" + ENTER + ENTER, known, context)
    assert context["reply_by"] == "friday"
    assert [name for _, name, _ in prompts.review_rows(CAT, known, context)][4] == "You'll hear back by"
    # and it can be changed in the review step (the 5th row)
    drive_with_context(DOWN * 5 + ENTER + "\x153 days" + ENTER + UP * 5 + ENTER, known, context)
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
    assert "Type a number from 1 to 4" in shown and " 1) yes · Yes, " in shown
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


def plain_run(typed: list[str], known: dict[str, str] | None = None, **kwargs) -> tuple[dict[str, str], str]:
    lines = iter([line + "\n" for line in typed])
    written: list[str] = []
    plain = prompts.Plain(read=lambda: next(lines), write=written.append)
    return prompts.questionnaire(CAT, known or {}, ui=plain, **kwargs), "".join(written)


def test_the_plain_front_end_shows_each_choice_with_its_number_and_id():
    _, shown = plain_run([""] * 10)
    assert "2) no · No tour, but no rush out either" in shown
    assert "3) escorted_out · I was walked straight to the exit" in shown
    assert "5) not_applicable · Didn't apply" in shown


def test_the_plain_front_end_says_did_you_mean_for_a_near_miss():
    answers, shown = plain_run(["", "", "canceled", "cancelled"] + [""] * 7)
    assert answers["extra_people"] == "cancelled"
    assert "did you mean 'cancelled'?" in shown


def test_the_plain_review_never_shows_an_internal_id():
    answers, shown = plain_run([""] * 9 + ["99", "done", "1"])
    assert answers == ALL_NEUTRAL
    assert "__" not in shown  # neither in the list nor in the refusals
    assert "Type a number from 1 to 11" in shown


def test_the_review_shows_the_day_a_word_stands_for(december):
    known = {s.id: s.answers[0].id for s in CAT.signals}  # next_steps: concrete
    context = {"date": "yesterday", "reply_by": "friday"}
    rows = {field: shown for field, _, shown in prompts.review_rows(CAT, known, context)}
    assert rows["date"] == "yesterday (Wed 30 Dec 2026)"
    assert rows["reply_by"] == "friday (Fri 1 Jan 2027)"  # counted from the interview day
    context = {"date": "2026-12-04", "reply_by": "3 days"}
    rows = {field: shown for field, _, shown in prompts.review_rows(CAT, known, context)}
    assert rows["date"] == "Fri 4 Dec 2026"  # a day written as a date needs no second form
    assert rows["reply_by"] == "3 days (Mon 7 Dec 2026)"
    context = {"date": "2026-12-04", "reply_by": "2026-12-11"}
    assert dict((f, s) for f, _, s in prompts.review_rows(CAT, known, context))["reply_by"] == "Fri 11 Dec 2026"


def test_after_a_change_the_review_cursor_is_on_the_line_changed():
    # change pitch to 'downsides'; Enter then opens pitch again (from 'downsides', down: 'unsure'); then up to "Looks right"
    answers = drive(ENTER * 9 + DOWN * 7 + ENTER + DOWN + ENTER + ENTER + DOWN + ENTER + UP * 7 + ENTER)
    assert answers["pitch"] == "unsure"


@pytest.mark.parametrize(("columns", "rows"), [(39, 24), (79, 12), (59, 8)])
def test_a_list_taller_than_the_screen_shows_a_window_that_holds_the_cursor(columns, rows):
    """The compact form: every line within the screen, the chosen line always whole, each line reachable."""
    context = {"company": "Acme Corporation International", "date": "2026-01-05", "topic": "their data platform"}
    titles = [f"{name}: {shown}" for _, name, shown in prompts.review_rows(CAT, ALL_NEUTRAL, context)]
    top, reached = 0, set()
    for at in [*range(len(titles)), *reversed(range(len(titles)))]:
        lines, top = prompts.list_lines(prompts.REVIEW_QUESTION, "", titles, at, columns, rows, top)
        assert len(lines) <= rows - 1 and all(len(text) <= columns for _, text in lines)
        chosen = " ".join(text.strip() for style, text in lines if style in ("class:pointer", "class:selected"))
        assert " ".join(chosen.removeprefix("»").split()) == titles[at]
        reached.add(at)
    assert reached == set(range(len(titles)))


def test_a_list_that_fits_is_shown_whole_with_its_hint():
    signal = CAT.signals[0]
    titles = [a.label for a in signal.answers]
    lines, _ = prompts.list_lines(signal.question, signal.hint, titles, 1, 39, 24)
    flat = " ".join(" ".join(text.replace("»", " ").split()) for _, text in lines)
    assert all(shown in flat for shown in (signal.question, signal.hint, *titles))
    assert all(len(text) <= 39 for _, text in lines)


def test_the_plain_yes_no_question_asks_again_for_anything_but_yes_or_no():
    """TERM=dumb: "maybe" is no answer; the question comes again with a one-line hint (a did-you-mean for a typo)."""
    lines = iter(["maybe\n", "yse\n", "Yes\n", "\n", "N\n"])
    written: list[str] = []
    plain = prompts.Plain(read=lambda: next(lines), write=written.append)
    assert plain.confirm("Another round of #1 Acme?") is True
    shown = "".join(written)
    assert shown.count("Another round of #1 Acme? [y/N]") == 3
    hints = [line for line in shown.splitlines() if "yes or no" in line]
    assert len(hints) == 2 and "'maybe'" in hints[0] and "Enter for no" in hints[0]
    assert "did you mean 'yes'?" in hints[1]
    assert plain.confirm("Delete it?") is False  # Enter is the default, no
    assert plain.confirm("Delete it?") is False


def test_after_a_change_enter_in_the_plain_review_accepts_it():
    """TERM=dumb: the review's default is always "Looks right", and the prompt says so; a change does not move it."""
    answers, shown = plain_run([""] * 9 + ["8", "3", ""])  # line 8 is pitch; its 3rd answer is 'downsides'
    assert answers["pitch"] == "downsides" and answers["vibe"] == "neutral"
    assert shown.count("Number or id (Enter for 1: looks right, show the report):") == 2
    assert "Enter for 8" not in shown


def test_enter_at_the_date_question_is_echoed_as_the_day_it_stands_for(monkeypatch, december):
    """The echo of an answered question says what Enter gave: today, and its day; a word typed, with its day."""
    said: list[str] = []
    monkeypatch.setattr(prompts.Fancy, "say", lambda self, text: said.append(text))
    context = {"company": "Acme", "role": "Dev", "interviewer": "Kim", "topic": "pipelines"}
    for keys, echoed in (("\r", "today (Thu 31 Dec 2026)"), ("yesterday\r", "yesterday (Wed 30 Dec 2026)")):
        given = Answers(answers=dict(ALL_NEUTRAL), context=dict(context))
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text(keys + ENTER)  # the date, then "Looks right" in the review
            prompts.fill_in(CAT, given, ask_date=True, plain=False)
        assert said[-1] == f"{prompts.DATE_QUESTION} {echoed}" and "(skipped)" not in said[-1]
