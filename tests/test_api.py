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


def test_assess_saves_only_when_asked(december, isolated_home):
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


# -- one pipeline: the Python API says what `assess --json` says --------------------------


def test_a_saved_assessment_names_its_application_as_the_command_line_does(december, isolated_home):
    by_python = interview_signals.assess(ALL_BEST, date="2026-11-20", company="Acme", save=True)
    by_command = json.loads(run("assess", *flags(ALL_BEST), "--date", "2026-11-20", "--company", "Acme", "--json").stdout)
    assert by_python["application"] == {"id": 1, "round": 1}
    assert by_command["application"] == {"id": 2, "round": 1}
    assert set(by_python) == set(by_command)


def test_the_python_api_saves_a_round_and_says_what_changed(december, isolated_home):
    first = interview_signals.assess(ALL_BEST, date="2026-11-20", company="Acme", save=True)
    second = interview_signals.assess({**ALL_BEST, "vibe": "cold"}, date="2026-11-27", round_of=first["id"], save=True)
    assert second["application"] == {"id": first["application"]["id"], "round": 2}
    assert second["context"]["company"] == "Acme"  # kept from the application
    assert second["since_last_round"]["changed"] == [{"id": "vibe", "from": "warm", "to": "cold"}]
    with pytest.raises(InputError, match=r"^date 2026-11-13: this round follows round 2"):
        interview_signals.assess(ALL_BEST, date="2026-11-13", round_of=first["id"], save=True)


def test_the_python_api_saves_even_when_the_comparison_fails(monkeypatch, december, isolated_home):
    from interview_signals import db
    from interview_signals.errors import SignalsError

    def broken(self, score, application=None):
        raise SignalsError("cannot read the history database: disk I/O error")

    monkeypatch.setattr(db.History, "similar", broken)
    saved = interview_signals.assess(ALL_BEST, date="2026-11-20", save=True)
    assert saved["id"] == 1 and saved["your_history"] is None


def test_one_assessment_opens_the_history_once(monkeypatch, december, isolated_home):
    from interview_signals import db

    first = interview_signals.assess(ALL_BEST, date="2026-11-20", company="Acme", save=True)
    opened: list[bool] = []
    real = db.History.open.__func__

    def counted(cls, path, *, create=True, **options):
        opened.append(create)
        return real(cls, path, create=create, **options)

    monkeypatch.setattr(db.History, "open", classmethod(counted))
    interview_signals.assess(ALL_BEST, date="2026-11-27", round_of=first["id"], save=True)
    assert len(opened) == 1
    result = run("assess", *flags(ALL_BEST), "--from", "1", "--round-of", "1", "--date", "2026-11-28", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(opened) == 2
