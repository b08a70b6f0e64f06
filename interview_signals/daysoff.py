"""The days business email waits: weekends, and the public holidays of the calendar you chose.

``config set holidays US`` (a country code) or ``US-WA`` / ``DE-BY`` (a
country and one of its regions) names the calendar; with none set only
weekends are days off, as before. The holidays package knows the calendars;
it is imported only when a day is looked up (it takes longer to load than
the rest of the start-up), never by commands that compute no days.

A ``DaysOff`` is made once a command (commands/session.py reads the
setting) and handed to every date rule that skips days off (followup.py)
and to the history, whose stored next-action days come from those rules.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from interview_signals.errors import InputError
from interview_signals.text import clip, did_you_mean

SETTING = "holidays"
# The holidays' names, in English wherever the package has them (else in the country's own language).
LANGUAGE = "en_US"


class DaysOff:
    """Weekends, and the public holidays of ``code`` (None: weekends only)."""

    def __init__(self, code: str | None = None) -> None:
        self.code = code
        self._calendar: Any = None

    def holiday(self, day: date) -> str | None:
        """The name of the public holiday on ``day`` (a weekday or not), or None."""
        if self.code is None:
            return None
        if self._calendar is None:
            self._calendar = _calendar(self.code)
        name = self._calendar.get(day)
        return str(name) if name else None

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, and not a public holiday of the calendar."""
        return day.weekday() < 5 and self.holiday(day) is None


WEEKENDS = DaysOff(None)  # no calendar set: only Saturdays and Sundays are days off


def check_code(text: str, field: str = SETTING) -> str:
    """A calendar as stored: a country code (US) or country and region (US-WA), spelt as
    the holidays package spells them; InputError with a did-you-mean otherwise."""
    import holidays

    supported = holidays.list_supported_countries(include_aliases=False)
    country, dash, region = text.strip().partition("-")
    countries = {code.upper(): code for code in supported}
    found = countries.get(country.strip().upper())
    if found is None:
        codes = tuple(countries.values())
        # another name of a calendar the package knows (USA, GBR, UK) points to its one code; else a near miss
        alias = country.strip().upper() in holidays.list_supported_countries(include_aliases=True)
        hint = f" (did you mean '{holidays.country_holidays(country.strip().upper()).country}'?)" if alias else ""
        raise InputError(
            f"{field} '{clip(text)}'{hint or did_you_mean(country, codes)}: give a country code such as US, GB or DE, "
            "or a country and its region such as US-WA or DE-BY (see `interview-signals config --help`)",
            field=field,
        )
    if not dash:
        return found
    regions = {code.upper(): code for code in supported[found]}
    region_found = regions.get(region.strip().upper())
    if region_found is None:
        choices = tuple(f"{found}-{code}" for code in supported[found])
        listed = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
        known = f"its regions are {listed}" if choices else f"{found} has no regions here; give {found}"
        raise InputError(f"{field} '{clip(text)}'{did_you_mean(text, choices)}: {known}", field=field)
    return f"{found}-{region_found}"


def _calendar(code: str) -> Any:
    """The holidays package's calendar for ``code`` (as check_code stores it); InputError when it does not know it."""
    import holidays

    country, _, region = code.partition("-")
    try:
        return holidays.country_holidays(country, subdiv=region or None, language=LANGUAGE)
    except (NotImplementedError, KeyError, ValueError):
        raise InputError(
            f"holidays '{clip(code)}' in your settings is not a calendar this version knows; "
            "set it again with `interview-signals config set holidays CODE`, or `config unset holidays`"
        ) from None
