"""Public holidays: `config set holidays CODE` makes follow-up days skip that calendar's
holidays as well as weekends; the report names what was skipped; no setting, weekends only."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from helpers import ALL_BEST, assert_usage_error, run, run_json, save

from interview_signals import daysoff, followup
from interview_signals.daysoff import WEEKENDS, DaysOff
from interview_signals.errors import InputError

THU_19_NOV = dt.date(2026, 11, 19)  # a week on is Thanksgiving, Thu 26 Nov 2026
VAGUE = ALL_BEST | {"next_steps": "vague"}  # no reply day asked for: the follow-up is a week on


def test_a_follow_up_a_week_after_thu_19_nov_skips_thanksgiving():
    assert followup.follow_up_on(THU_19_NOV, None, DaysOff("US")) == dt.date(2026, 11, 27)
    plan = followup.schedule(THU_19_NOV, None, DaysOff("US"))
    assert plan["follow_up_on"] == "2026-11-27"
    assert plan["skipped"] == [{"on": "2026-11-26", "name": "Thanksgiving Day"}]
    assert followup.skipped_note(plan) == "Thu 26 Nov is Thanksgiving Day, so Fri 27 Nov"


def test_with_no_calendar_only_weekends_are_skipped_as_before():
    assert followup.follow_up_on(THU_19_NOV, None) == dt.date(2026, 11, 26)
    assert followup.follow_up_on(THU_19_NOV, None, WEEKENDS) == dt.date(2026, 11, 26)
    plan = followup.schedule(THU_19_NOV, None)
    assert plan == {"thank_you_by": "2026-11-20", "reply_by": None, "follow_up_on": "2026-11-26"}  # no new field
    assert followup.skipped_note(plan) is None


def test_a_region_has_its_own_holidays():
    wed_30_dec = dt.date(2026, 12, 30)  # a week on is Epiphany, Wed 6 Jan 2027: a holiday in Bavaria, not in all Germany
    assert followup.follow_up_on(wed_30_dec, None, DaysOff("DE-BY")) == dt.date(2027, 1, 7)
    assert followup.follow_up_on(wed_30_dec, None, DaysOff("DE")) == dt.date(2027, 1, 6)


def test_a_promised_day_before_a_holiday_and_a_weekend_skips_both():
    # promised Thu 24 Dec 2026: the day after is Christmas (Fri), then the weekend
    plan = followup.schedule(dt.date(2026, 12, 21), dt.date(2026, 12, 24), DaysOff("US"))
    assert plan["follow_up_on"] == "2026-12-28"
    assert followup.skipped_note(plan) == "Fri 25 Dec is Christmas Day, so Mon 28 Dec"


def test_the_second_follow_up_skips_holidays_too():
    sent = [("thank-you", THU_19_NOV), ("follow-up", THU_19_NOV)]
    found = followup.next_action(dt.date(2026, 11, 12), THU_19_NOV, sent, None, None, DaysOff("US"))
    assert found is not None and (found.action, found.on) == ("second-follow-up", dt.date(2026, 11, 27))
    found = followup.next_action(dt.date(2026, 11, 12), THU_19_NOV, sent, None, None)
    assert found is not None and found.on == dt.date(2026, 11, 26)


def test_assess_uses_the_calendar_set_and_the_report_names_what_it_skipped(december):
    result = run("config", "set", "holidays", "us")
    assert result.exit_code == 0, result.stderr
    assert run_json("config", "show", "--json")["values"]["holidays"] == "US"  # as the calendar spells it
    doc = save(VAGUE, "--company", "Initech", "--date", "2026-11-19")
    assert doc["follow_up"]["follow_up_on"] == "2026-11-27"
    assert doc["follow_up"]["skipped"] == [{"on": "2026-11-26", "name": "Thanksgiving Day"}]
    shown = run("show", str(doc["id"]))
    assert "Thu 26 Nov is Thanksgiving Day, so Fri 27 Nov" in shown.stdout
    markdown = run("show", str(doc["id"]), "--format", "md").stdout
    assert "  - Thu 26 Nov is Thanksgiving Day, so Fri 27 Nov" in markdown


def test_without_the_setting_nothing_changes(december):
    doc = save(VAGUE, "--company", "Initech", "--date", "2026-11-19")
    assert doc["follow_up"] == {"thank_you_by": "2026-11-20", "reply_by": None, "follow_up_on": "2026-11-26"}
    assert "Thanksgiving" not in run("show", str(doc["id"])).stdout


def test_setting_the_calendar_works_open_interviews_days_out_again(december):
    first = save(VAGUE, "--company", "Initech", "--date", "2026-11-19")
    closed = save(VAGUE, "--company", "Globex", "--date", "2026-11-19")
    assert run("outcome", str(closed["id"]), "rejected").exit_code == 0
    result = run("config", "set", "holidays", "US")
    assert result.exit_code == 0
    assert "1 open interview changed" in result.stderr
    assert run_json("show", str(first["id"]), "--json")["follow_up"]["follow_up_on"] == "2026-11-27"
    assert run_json("show", str(closed["id"]), "--json")["follow_up"]["follow_up_on"] == "2026-11-26"  # closed: left as it was
    assert run("sent", str(first["id"]), "thank-you", "--on", "2026-11-19").exit_code == 0
    due = run_json("due", "--today", "2026-11-27", "--json")
    assert [(row["id"], row["action"], row["on"]) for row in due] == [(first["id"], "follow-up", "2026-11-27")]
    # unset: back to weekends only
    assert run("config", "unset", "holidays").exit_code == 0
    assert run_json("show", str(first["id"]), "--json")["follow_up"]["follow_up_on"] == "2026-11-26"


@pytest.mark.parametrize(
    ("code", "suggested"),
    [("USS", "US"), ("DE-BYY", "DE-BY"), ("US-WAA", "US-WA")],
)
def test_an_unknown_calendar_is_refused_with_a_did_you_mean(code, suggested):
    result = run("config", "set", "holidays", code)
    assert_usage_error(result, f"did you mean '{suggested}'?")
    assert result.stderr.startswith(f"Error: holidays '{code}'")  # the setting by name, not the VALUE placeholder
    assert result.stderr.count("holidays") == 1
    assert run("config", "get", "holidays").exit_code == 1  # nothing was set


def test_holidays_is_imported_only_when_a_day_is_worked_out(isolated_home):
    """Listing and `due` read stored days: the holidays package stays off their start-up path."""
    assert run("config", "set", "holidays", "US").exit_code == 0
    save(VAGUE, "--company", "Initech", "--date", "2026-11-19")
    # -P: the installed package, not a checkout in the working folder (a regular install's catalog is only there)
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('holidays' in sys.modules, file=sys.stderr))\n"
        "from interview_signals.cli import main\n"
        "sys.argv = ['interview-signals', *sys.argv[1:]]\n"
        "main()\n"
    )
    for args in (["history"], ["due", "--json"], ["stats", "--json"]):
        done = subprocess.run([sys.executable, "-P", "-c", probe, *args], capture_output=True, text=True)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stderr.strip().splitlines()[-1] == "False", (args, done.stderr)
    done = subprocess.run(
        [sys.executable, "-P", "-c", probe, "assess", *_flags(), "--no-save", "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["follow_up"]["follow_up_on"]
    assert done.stderr.strip().splitlines()[-1] == "True"  # a day worked out: it is needed there


def _flags() -> list[str]:
    return [arg for key, value in VAGUE.items() for arg in ("-a", f"{key}={value}")]


# -- the calendar code, in-process ---------------------------------------------------
# The field is passed by name: what a caller calls the setting is its business.


def _refusal(text: str) -> str:
    with pytest.raises(InputError) as caught:
        daysoff.check_code(text, field="holidays")
    assert caught.value.field == "holidays"  # the CLI puts the name the user typed in its place
    message = str(caught.value)
    assert message.startswith(f"holidays '{text}'")
    return message


@pytest.mark.parametrize(
    ("typed", "stored"), [("us", "US"), (" gb ", "GB"), ("us-wa", "US-WA"), ("De-By", "DE-BY"), ("be-french", "BE-French")]
)
def test_a_calendar_is_taken_in_any_case_and_stored_as_the_package_spells_it(typed, stored):
    assert daysoff.check_code(typed, field="holidays") == stored


@pytest.mark.parametrize(("typed", "meant"), [("USA", "US"), ("GBR", "GB"), ("UK", "GB"), ("usa", "US"), ("XX", None)])
def test_only_two_letter_country_codes_are_taken_and_the_refusal_says_what_is(typed, meant):
    """One spelling per calendar (US, not USA too): the stored setting is the code the package lists
    first; another name the package knows points to that code (GBR is Britain, not its near miss GR)."""
    said = _refusal(typed)
    assert said.endswith(
        ": give a country code such as US, GB or DE, "
        "or a country and its region such as US-WA or DE-BY (see `interview-signals config --help`)"
    )
    assert (f"(did you mean '{meant}'?)" in said) if meant else "did you mean" not in said


def test_an_unknown_region_lists_the_countrys_regions_the_first_twelve_then_dots():
    import holidays

    regions = holidays.list_supported_countries(include_aliases=False)
    assert len(regions["CA"]) == 13 and 0 < len(regions["BE"]) <= 12 and regions["IS"] == []  # what the cases stand for
    canada = ", ".join(f"CA-{code}" for code in regions["CA"][:12])
    assert _refusal("CA-ZZ").endswith(f": its regions are {canada}, ...")
    belgium = ", ".join(f"BE-{code}" for code in regions["BE"])
    assert _refusal("BE-ZZ").endswith(f": its regions are {belgium}")
    assert _refusal("IS-X").endswith(": IS has no regions here; give IS")


def test_holiday_names_are_in_english_whatever_the_language_of_the_environment(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "de")  # what the package's translations would follow if not told
    assert DaysOff("DE").holiday(dt.date(2027, 12, 25)) == "Christmas Day"


@pytest.mark.parametrize("code", ["XX", "US-ZZ"])
def test_a_stored_calendar_this_version_does_not_know_says_how_to_set_it_again(code):
    with pytest.raises(InputError) as caught:
        DaysOff(code).holiday(dt.date(2027, 1, 4))
    assert str(caught.value) == (
        f"holidays '{code}' in your settings is not a calendar this version knows; "
        "set it again with `interview-signals config set holidays CODE`, or `config unset holidays`"
    )
