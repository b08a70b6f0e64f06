"""`interview-signals board`, driven key by key with Textual's headless pilot (App.run_test), on the
fixed history of board_history.py and a fixed today; its screens compared with saved snapshots."""

from __future__ import annotations

import asyncio
import html
import io
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from typing import Any

import pytest
from board_history import TODAY, make_history
from helpers import run, run_json, save
from rich.console import Console

from interview_signals import followup
from interview_signals.board import panes
from interview_signals.board.app import KEYS, Board
from interview_signals.board.dialogs import Ask, Choose, Page
from interview_signals.board.panes import Detail

HOSTILE = "[bold]Acme[/]\x1b]52;c;aGk=\x07"


@pytest.fixture
def history(monkeypatch):
    monkeypatch.setattr(followup, "today", lambda: TODAY)
    make_history()


def drive(steps: Callable[[Any, Board], Awaitable[None]], size: tuple[int, int] = (80, 24)) -> Board:
    """Run the board headless at ``size`` and hand its pilot to ``steps``; the board, once it has quit."""
    app = Board()

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot, app)

    asyncio.run(go())
    return app


def screen_text(app: Board) -> str:
    """The words on the screen, read from the screenshot Textual draws."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def as_text(renderable: Any) -> str:
    """A renderable's words, drawn wide enough that no line wraps."""
    console = Console(width=300, no_color=True, record=True, file=io.StringIO())
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def listed(app: Board) -> str:
    """Every line of the list, as drawn."""
    options = app.pipeline.options
    return "\n".join(as_text(option.prompt) for option in options)


def detail(app: Board) -> str:
    return as_text(app.query_one(Detail).shown)


def shown_json(interview_id: int) -> dict:
    """The application's story as `applications ID --json` tells it."""
    return run_json("applications", str(interview_id), "--json")


async def type_in(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    await pilot.press("enter")
    await pilot.pause()


# -- the pipeline -------------------------------------------------------------------------------------------


def test_groups_overdue_marked_and_the_cursor_on_the_most_urgent(history):
    async def steps(pilot, app):
        text = listed(app)
        for heading in ("Scheduled (1)", "Due today or overdue (2)", "Waiting (1)", "Closed (1)"):
            assert heading in text
        assert "Initech" not in text  # closed ones are folded away
        assert "! OVERDUE 7d: send a thank-you note by Wed 4 Nov 2026" in text  # Umbrella, said in words
        assert "Globex" in text and "OVERDUE 0d" not in text
        assert app.pipeline.selected_row().app.company == "Umbrella"
        assert "████████ 100 strong" in text
        assert app.no_color  # NO_COLOR is set (conftest): no colour is drawn, and nothing is said by colour alone

    drive(steps)


def test_enter_on_the_closed_heading_unfolds_it(history):
    async def steps(pilot, app):
        app.pipeline.highlighted = app.pipeline.get_option_index("group:closed")
        await pilot.press("enter")
        await pilot.pause()
        assert "Initech" in listed(app)

    drive(steps)


def test_a_long_group_lists_a_page_then_a_line_that_shows_the_rest(history, monkeypatch):
    monkeypatch.setattr(panes, "PAGE", 1)

    async def steps(pilot, app):
        assert "… 1 more: Enter shows them" in listed(app) and "Globex" not in listed(app)
        app.pipeline.highlighted = app.pipeline.get_option_index("more:due")
        await pilot.press("enter")
        await pilot.pause()
        assert "Globex" in listed(app) and "more: Enter" not in listed(app)

    drive(steps)


def test_arrows_and_j_k_move_and_the_detail_follows(history):
    async def steps(pilot, app):
        await pilot.press("j")
        await pilot.pause()
        assert app.pipeline.selected_row().app.company == "Globex"
        assert "#3 Globex · Analyst" in detail(app)
        await pilot.press("k")
        await pilot.press("down", "up")
        await pilot.pause()
        assert app.pipeline.selected_row().app.company == "Umbrella"
        assert "Recruiter said two weeks" in detail(app)  # the detail: its note

    drive(steps)


def test_the_detail_has_rounds_signs_questions_sent_and_notes(history):
    async def steps(pilot, app):
        app.pipeline.highlighted = app.pipeline.get_option_index("1")
        await pilot.press("enter")
        await pilot.pause()
        body = detail(app)
        assert "Round 1: Mon 2 Nov 2026 · with Sam Lee · about streaming" in body
        assert "Round 2: Mon 9 Nov 2026 · with Kim Park" in body
        assert "Feel of the conversation: Warm: it flowed" in body
        assert "Ask next time" in body and "When do you expect to make a decision?" in body
        assert "thank-you note sent Mon 9 Nov 2026 (#2)" in body

    drive(steps, size=(120, 60))


def test_narrow_enter_opens_the_detail_on_its_own_screen(history):
    async def steps(pilot, app):
        assert app.has_class("narrow")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Page)
        assert "Round 1: Tue 3 Nov 2026" in as_text(app.screen.content)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, Page)

    drive(steps, size=(40, 20))


# -- the keys -----------------------------------------------------------------------------------------------


def test_s_records_the_next_action_as_sent_today_and_u_takes_it_back(history):
    async def steps(pilot, app):
        await pilot.press("s")
        await pilot.pause()
        assert shown_json(5)["sent"] == [{"id": 5, "action": "thank-you", "on": TODAY.isoformat()}]
        assert app.status.startswith("Recorded: thank-you note sent for #5 on Wed 11 Nov 2026.")
        row = app.pipeline.selected_row()  # the cursor stays on it, and its next action is the follow-up
        assert (row.app.company, row.app.next_action.action) == ("Umbrella", "follow-up")
        await pilot.press("u")
        await pilot.pause()
        assert shown_json(5)["sent"] == []
        assert app.status == "Took back the thank-you note sent for #5."

    drive(steps)


def test_z_snoozes_in_the_tools_day_words_and_u_clears_it(history):
    async def steps(pilot, app):
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, Ask)
        await type_in(pilot, "friday")
        assert shown_json(5)["next_action"] == {"action": "thank-you", "on": "2026-11-13"}
        await pilot.press("u")
        await pilot.pause()
        assert shown_json(5)["next_action"] == {"action": "thank-you", "on": "2026-11-04"}

    drive(steps)


def test_z_refuses_a_day_that_is_not_one_in_one_line(history):
    async def steps(pilot, app):
        await pilot.press("z")
        await type_in(pilot, "someday")
        assert "'someday': not a day" in app.status
        assert shown_json(5)["next_action"]["on"] == "2026-11-04"

    drive(steps)


def test_o_sets_the_outcome_and_u_reopens(history):
    async def steps(pilot, app):
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("j", "enter")  # offer, then rejected
        await pilot.pause()
        assert shown_json(5)["outcome"] == "rejected"
        assert "Closed (2)" in listed(app)
        await pilot.press("u")
        await pilot.pause()
        assert shown_json(5)["outcome"] is None

    drive(steps)


def test_o_clears_an_outcome_and_u_puts_it_back_with_its_note(history):
    async def steps(pilot, app):
        app.pipeline.folded.clear()
        app.action_reload()
        app.pipeline.highlighted = app.pipeline.get_option_index("4")
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last choice: clear it
        await pilot.pause()
        assert shown_json(4)["outcome"] is None
        await pilot.press("u")
        await pilot.pause()
        assert (shown_json(4)["outcome"], shown_json(4)["outcome_note"]) == ("rejected", "form email")

    drive(steps)


def test_n_adds_a_note_today(history):
    async def steps(pilot, app):
        await pilot.press("n")
        await type_in(pilot, "called back")
        assert {"id": 5, "on": TODAY.isoformat(), "text": "called back"} in shown_json(5)["notes"]
        await pilot.press("u")
        await pilot.pause()
        assert app.status == "Took back the note on #5."
        assert [note["text"] for note in shown_json(5)["notes"]] == ["Recruiter said two weeks"]

    drive(steps)


def test_d_shows_the_draft_and_c_copies_it(history):
    async def steps(pilot, app):
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Page)
        assert "Subject: Thank you: Platform lead interview at Umbrella" in as_text(app.screen.content)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert app.clipboard.startswith("Subject: Thank you: Platform lead interview at Umbrella")
        assert "clipboard" in app.status

    drive(steps)


def test_s_and_d_on_a_booked_round_point_to_the_questionnaire(history):
    async def steps(pilot, app):
        app.pipeline.highlighted = app.pipeline.get_option_index("6")
        await pilot.press("s")
        await pilot.pause()
        assert "press a to assess it" in app.status
        assert shown_json(5)["sent"] == []

    drive(steps)


def test_a_runs_the_questionnaire_for_the_booked_round_then_reads_again(history, monkeypatch):
    ran: list[list[str]] = []

    def questionnaire(argv: list[str]) -> None:
        ran.append(argv)
        save("--company", "Wonka", "--role", "Taster", "--date", TODAY.isoformat())

    async def steps(pilot, app):
        monkeypatch.setattr(app, "suspend", nullcontext)  # no terminal to hand over, headless
        app.run_questionnaire = questionnaire
        app.pipeline.highlighted = app.pipeline.get_option_index("6")
        await pilot.press("a")
        await pilot.pause()
        app.pipeline.highlighted = app.pipeline.get_option_index("3")
        await pilot.press("a")
        await pilot.pause()
        assert "Wonka" in listed(app)

    drive(steps)
    assert ran == [["assess", "--for", "6"], ["assess"]]


def test_a_says_so_when_the_terminal_cannot_be_handed_over(history):
    async def steps(pilot, app):
        await pilot.press("a")
        await pilot.pause()
        assert "needs the terminal" in app.status

    drive(steps)


def test_slash_filters_by_company_or_role(history):
    async def steps(pilot, app):
        await pilot.press("slash")
        await type_in(pilot, "analy")
        text = listed(app)
        assert "Globex" in text and "Umbrella" not in text and "Acme" not in text
        await pilot.press("slash")
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await pilot.pause()
        assert "Umbrella" in listed(app)

    drive(steps)


def test_question_mark_lists_every_key(history):
    async def steps(pilot, app):
        await pilot.press("question_mark")
        await pilot.pause()
        text = as_text(app.screen.content)
        assert all(what in text for _, what in KEYS)

    drive(steps, size=(100, 30))


def test_a_change_made_elsewhere_shows_on_r(history):
    async def steps(pilot, app):
        assert run("outcome", "5", "offer").exit_code == 0  # another terminal
        await pilot.press("r")
        await pilot.pause()
        assert "Due today or overdue (1)" in listed(app)

    drive(steps)


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
def test_q_and_ctrl_c_quit(history, key):
    async def steps(pilot, app):
        await pilot.press(key)
        await pilot.pause()
        assert app._exit  # it is on its way out

    drive(steps)


def test_user_text_is_shown_as_typed_never_as_markup_or_escapes(monkeypatch):
    monkeypatch.setattr(followup, "today", lambda: TODAY)
    save("--company", HOSTILE, "--role", "[red]x[/red]", "--date", "2026-11-10")
    assert run("note", "1", "[link=http://x]y[/link] \x1b[2J").exit_code == 0

    async def steps(pilot, app):
        text = screen_text(app)
        assert "[bold]Acme[/]\\x1b]52;c;aGk=\\x07" in text
        assert "[red]x[/red]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "[link=http://x]y[/link] \\x1b[2J" in text

    drive(steps, size=(120, 30))


def test_an_empty_history_says_how_to_start():
    async def steps(pilot, app):
        assert "No applications yet" in app.status

    drive(steps)


# -- snapshots ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (40, 20)], ids=["80x24", "40x20"])
def test_snapshot(history, snap_compare, size):
    assert snap_compare(Board(), terminal_size=size)


# -- off a full terminal, and the cost to other commands ---------------------------------------------------


def test_refused_off_a_full_terminal_with_one_line():
    result = run("board")  # TERM=dumb (conftest), and stdin is not a terminal
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        "Error: board needs a full terminal (TERM=dumb here); `interview-signals applications` lists the same"
    )
    result = run("board", env={"TERM": "xterm-256color"})
    assert result.exit_code == 2
    assert "(standard input is not a terminal here)" in result.stderr


@pytest.mark.subprocess
def test_due_does_not_import_textual():
    code = (
        "import sys\nfrom interview_signals.cli import main\n"
        "try:\n    main(['due', '--today', '2026-11-11'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, 'interview_signals.board' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "False False"


def test_unnote_takes_back_the_latest_such_note_and_refuses_one_not_there(history):
    from interview_signals.commands.history import note, unnote
    from interview_signals.commands.session import Session
    from interview_signals.errors import InputError

    with Session() as session:
        day = note(session, 5, "  twice\r\n", None)
        note(session, 5, "twice", None)
        unnote(session, 5, day, "twice")
        assert [n["text"] for n in shown_json(5)["notes"]] == ["Recruiter said two weeks", "twice"]
        unnote(session, 5, day, " twice ")  # as note keeps it
        with pytest.raises(InputError, match="no such note on interview #5"):
            unnote(session, 5, day, "twice")
    assert [n["text"] for n in shown_json(5)["notes"]] == ["Recruiter said two weeks"]


def test_the_list_says_the_verdict_as_saved_a_score_from_too_few_signs_is_not_strong():
    """100/100 from one sign is too_few in its report; the list's bar must say so, not the band of 100."""
    from helpers import ALL_BEST, save

    from interview_signals import catalog
    from interview_signals.board.panes import score_bar
    from interview_signals.commands.session import Session

    few = {signal: "unsure" for signal in ALL_BEST} | {"vibe": "warm"}
    doc = save(few, "--company", "Acme", "--date", "2026-11-20")
    too_few = catalog.load().too_few.id
    assert (doc["score"], doc["verdict"]) == (100, too_few)
    with Session() as session:
        listed = session.history().application(doc["id"], "2026-11-20")
    assert listed.verdict == too_few
    assert score_bar(listed.score, listed.verdict).plain.endswith(f"100 {too_few}")
    assert score_bar(listed.score, None).plain.endswith("100 strong")  # what the band alone would say
