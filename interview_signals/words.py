"""What the tool calls the actions after an interview: one table, read by every command.

The ids are what `sent`, `draft` and the JSON use; the words are what people
read in `due`, `show`, the notes after `sent`, `snooze` and `edit`, the
calendar reminders and the help. So a second follow-up is called a second
follow-up everywhere. (Outcomes are named in outcomes.py; the verdicts, and
their order best first, in the catalog: ``Catalog.verdicts``.)
"""

from __future__ import annotations

from typing import NamedTuple

# Every action after an interview, in order. The first three are emails the
# candidate sends (and records with `sent`); "move-on" is only a suggestion:
# no reply after two follow-ups, consider recording the interview as ghosted.
ACTIONS = ("thank-you", "follow-up", "second-follow-up", "move-on")
SENDABLE = ACTIONS[:3]


class ActionWords(NamedTuple):
    name: str  # in a sentence: "the thank-you note for interview #3"
    todo: str  # what to do: "send a thank-you note"
    when: str  # how its day is given: "by" (any day up to it will do), "on", or "from"


ACTION_WORDS = {
    "thank-you": ActionWords("thank-you note", "send a thank-you note", "by"),
    "follow-up": ActionWords("follow-up", "follow up", "on"),
    "second-follow-up": ActionWords("second follow-up", "send a second follow-up", "on"),
    "move-on": ActionWords("suggestion to move on", "consider moving on", "from"),
    # a booked interview (`schedule`): once it has happened, the questionnaire, while it is fresh
    "assess": ActionWords("questionnaire", "assess the interview", "on"),
}
ASSESS = "assess"  # the action of a booked interview: not one of ACTIONS, which follow an assessed one


def todo(action: str, day: str) -> str:
    """What to do and its day, as every command says it: "send a thank-you note by Tue 17 Nov 2026"."""
    wording = ACTION_WORDS.get(action)
    if wording is None:  # not one of ACTIONS: said as it is
        return f"{action} on {day}"
    return f"{wording.todo} {wording.when} {day}"


def choices(ids: tuple[str, ...]) -> str:
    """Ids for a help text: "thank-you, follow-up or second-follow-up"."""
    return ", ".join(ids[:-1]) + f" or {ids[-1]}" if len(ids) > 1 else "".join(ids)
