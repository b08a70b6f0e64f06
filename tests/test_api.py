"""The Python API: the same document as `assess --json`, the errors the command line maps to exit codes."""

from __future__ import annotations

import json

import pytest
from helpers import ALL_BEST, flags, run

import interview_signals
from interview_signals.errors import InputError


def test_assess_returns_what_assess_json_prints(december):
    doc = interview_signals.assess(ALL_BEST, company="Acme", date="2026-11-20", reply_by="friday")
    printed = json.loads(
        run(
            "assess", *flags(ALL_BEST), "--company", "Acme", "--date", "2026-11-20", "--reply-by", "friday", "--no-save", "--json"
        ).stdout
    )
    assert doc == printed
    assert doc["ask_next"] == []  # every answer good: nothing to ask
    asked = interview_signals.assess({"next_steps": "vague"})["ask_next"]
    assert asked[0] == {"signal": "next_steps", "question": "When do you expect to make a decision?"}


def test_assess_saves_only_when_asked(isolated_home):
    interview_signals.assess(ALL_BEST, date="2026-11-20")
    assert not isolated_home.exists()
    saved = interview_signals.assess(ALL_BEST, date="2026-11-20", save=True)
    with interview_signals.open_history() as history:
        assert [i.id for i in history.interviews()] == [saved["id"]]


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: interview_signals.assess("notadict"), "expected a mapping"),
        (lambda: interview_signals.assess({"vibe": "warn"}), "did you mean 'warm'"),
        (lambda: interview_signals.assess({"vibe": "warm"}, company="\ud800"), "company: not UTF-8 text"),
        (lambda: interview_signals.assess({"vibe": "warm"}, date="2026-02-30"), "no such day"),
    ],
)
def test_bad_input_is_an_input_error_naming_the_field(call, fragment):
    with pytest.raises(InputError) as err:
        call()
    assert fragment in str(err.value)


def test_unknown_context_is_a_type_error():
    with pytest.raises(TypeError, match="unexpected context colour"):
        interview_signals.assess({"vibe": "warm"}, colour="blue")


def test_the_catalog_is_the_questionnaire():
    assert [s.id for s in interview_signals.get_catalog().signals][:2] == ["vibe", "tour"]
