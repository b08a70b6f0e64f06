"""When to thank and when to follow up: the dates are a pure function of the inputs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_signals import followup, outcomes
from interview_signals.errors import InputError

TUE = date(2026, 12, 1)  # a Tuesday
FRI = date(2026, 12, 4)
SAT = date(2026, 12, 5)
SUN = date(2026, 12, 6)
MON = date(2026, 12, 7)

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def test_fixture_weekdays_are_what_the_names_say():
    assert [d.strftime("%a") for d in (TUE, FRI, SAT, SUN, MON)] == ["Tue", "Fri", "Sat", "Sun", "Mon"]


# --- parse_date ---------------------------------------------------------------


def test_parse_date_reads_iso():
    assert followup.parse_date("2026-12-04", "--date") == FRI
    assert followup.parse_date(" 2026-12-04\n", "--date") == FRI


@pytest.mark.parametrize("value", ["20261204", "2026-W49-5", "04/12/2026", "", "tomorrow", "２０２６-１２-０４"])
def test_parse_date_refuses_anything_else(value):
    with pytest.raises(InputError) as info:
        followup.parse_date(value, "--today")
    assert str(info.value) == f"--today '{value.strip()}': expected a date as YYYY-MM-DD"


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "2025-02-29"])
def test_a_date_in_the_right_shape_that_does_not_exist_says_so(value):
    with pytest.raises(InputError) as info:
        followup.parse_date(value, "--date")
    assert str(info.value) == f"--date '{value}': there is no such day"


def test_parse_date_message_is_one_line_and_short():
    with pytest.raises(InputError) as info:
        followup.parse_date("line one\nline two" + "x" * 500, "--date")
    message = str(info.value)
    quoted = message.split("'")[1]
    assert "\n" not in message and len(quoted) == 80 and quoted.endswith("…")


# --- parse_reply_by -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-04", FRI),
        ("2026-12-01", TUE),  # the interview day itself
        ("friday", FRI),
        ("Friday", FRI),
        ("FRI", FRI),
        ("fri", FRI),
        ("  friday  ", FRI),
        ("wednesday", date(2026, 12, 2)),
        ("mon", MON),
        ("0 days", TUE),
        ("1 day", date(2026, 12, 2)),
        ("1 days", date(2026, 12, 2)),
        ("3 days", FRI),
        ("3days", FRI),
        ("in 3 days", FRI),
        ("1 week", date(2026, 12, 8)),
        ("2 weeks", date(2026, 12, 15)),
        ("2  Weeks", date(2026, 12, 15)),
        ("today", TUE),
        ("Tomorrow", date(2026, 12, 2)),
        # What people actually type: "next", "this" or "by" before a weekday.
        ("next friday", FRI),
        ("Next Friday", FRI),
        ("next fri", FRI),
        ("this friday", FRI),
        ("this fri", FRI),
        ("by friday", FRI),
        ("By  Fri", FRI),
        ("by next friday", FRI),
        ("next monday", MON),
        # "by" before any other form.
        ("by 2026-12-04", FRI),
        ("by tomorrow", date(2026, 12, 2)),
        ("by today", TUE),
        ("by 3 days", FRI),
        ("by 2 weeks", date(2026, 12, 15)),
        # A week in words.
        ("a week", date(2026, 12, 8)),
        ("one week", date(2026, 12, 8)),
        ("One  Week", date(2026, 12, 8)),
        ("in a week", date(2026, 12, 8)),
        ("by a week", date(2026, 12, 8)),
    ],
)
def test_reply_by_forms(value, expected):
    assert followup.parse_reply_by(value, TUE) == expected


@given(interview=dates, name=st.sampled_from(followup.WEEKDAYS), prefix=st.sampled_from(["next", "this", "by", "by next"]))
def test_next_this_and_by_a_weekday_mean_the_bare_weekday(interview, name, prefix):
    bare = followup.parse_reply_by(name, interview)
    assert followup.parse_reply_by(f"{prefix} {name}", interview) == bare
    assert followup.parse_reply_by(f"{prefix} {name[:3]}", interview) == bare


def test_weekday_is_the_next_one_strictly_after_the_interview():
    # Interview on a Tuesday: "tuesday" means a week later, not the same day.
    assert followup.parse_reply_by("tuesday", TUE) == TUE + timedelta(days=7)
    assert followup.parse_reply_by("tue", TUE) == TUE + timedelta(days=7)
    # Interview on a Friday: "monday" is three days later.
    assert followup.parse_reply_by("monday", FRI) == MON


def test_relative_forms_count_from_the_interview_not_from_today():
    old = date(2020, 3, 2)
    assert followup.parse_reply_by("3 days", old) == date(2020, 3, 5)
    assert followup.parse_reply_by("friday", old) == date(2020, 3, 6)


@pytest.mark.parametrize(
    "value",
    [
        "xyz",
        "",
        "3",
        "days",
        "-1 days",
        "3 months",
        "fr",
        "2026/12/04",
        "soon",
        # The new words only work where they make sense.
        "next",
        "by",
        "this",
        "next next friday",
        "next this friday",
        "by by friday",
        "friday next",
        "next 2026-12-04",
        "next tomorrow",
        "this 3 days",
        "next week",
        "a weeks",
        "two weeks",
        "a day",
        "a fortnight",
        "a couple of days",
        "byfriday",
        "nextfriday",
    ],
)
def test_reply_by_refuses_other_values(value):
    with pytest.raises(InputError) as info:
        followup.parse_reply_by(value, TUE)
    assert str(info.value) == f"reply_by '{value}': not a day; {followup.REPLY_BY_FORMS}"
    assert info.value.field == "reply_by"


def test_reply_by_looking_back_is_before_the_interview():
    # "last friday" is a day of the one vocabulary, but a promise looks ahead
    with pytest.raises(InputError, match=r"^reply_by 'last friday': 2026-11-27 is before the interview \(2026-12-01\)"):
        followup.parse_reply_by("last friday", TUE)


def test_reply_by_before_the_interview_is_refused():
    with pytest.raises(InputError, match=r"^reply_by '2026-11-30': 2026-11-30 is before the interview \(2026-12-01\)"):
        followup.parse_reply_by("2026-11-30", TUE)


def test_reply_by_impossible_date_is_refused():
    with pytest.raises(InputError, match=r"^reply_by '2026-02-30': there is no such day; give the day"):
        followup.parse_reply_by("2026-02-30", TUE)
    with pytest.raises(InputError, match=r"^reply_by 'by 2026-02-30': there is no such day; give the day"):
        followup.parse_reply_by("by 2026-02-30", TUE)


def test_reply_by_with_by_is_still_checked_against_the_interview():
    with pytest.raises(InputError, match=r"^reply_by 'by 2026-11-30': 2026-11-30 is before the interview"):
        followup.parse_reply_by("by 2026-11-30", TUE)
    with pytest.raises(InputError, match=r"^reply_by 'by 400 days': .*more than a year"):
        followup.parse_reply_by("by 400 days", TUE)


@pytest.mark.parametrize("value", ["2036-12-04", "400 days", "60 weeks", "9" * 5000 + " days"])
def test_reply_by_far_in_the_future_is_refused_cleanly(value):
    with pytest.raises(InputError) as info:
        followup.parse_reply_by(value, TUE)
    assert "more than a year" in str(info.value) and "\n" not in str(info.value)


def test_a_promise_of_exactly_a_year_and_a_day_is_the_longest_accepted():
    assert followup.parse_reply_by("366 days", TUE) == TUE + timedelta(days=366)
    with pytest.raises(InputError, match="more than a year"):
        followup.parse_reply_by("367 days", TUE)


def test_reply_by_field_name_can_be_changed():
    with pytest.raises(InputError, match=r"^reply_by 'xyz':"):
        followup.parse_reply_by("xyz", TUE, field="reply_by")


# --- working days, thank-you, follow-up -----------------------------------------


def test_working_days():
    assert followup.next_working_day(TUE) == date(2026, 12, 2)
    assert followup.next_working_day(FRI) == MON
    assert followup.next_working_day(SAT) == MON
    assert followup.next_working_day(SUN) == MON
    assert followup.working_day_on_or_after(FRI) == FRI
    assert followup.working_day_on_or_after(SAT) == MON
    assert followup.working_day_on_or_after(SUN) == MON


def test_thank_you_by_is_the_next_day_even_at_the_weekend():
    assert followup.thank_you_by(TUE) == date(2026, 12, 2)
    assert followup.thank_you_by(FRI) == SAT


@pytest.mark.parametrize(
    ("promised", "expected"),
    [
        (date(2026, 12, 3), FRI),  # Thursday -> Friday
        (FRI, MON),  # the whole Friday is theirs; follow up on Monday
        (SAT, MON),
        (SUN, MON),
        (TUE, date(2026, 12, 2)),  # promised "today": the next working day
    ],
)
def test_follow_up_after_a_promised_date(promised, expected):
    assert followup.follow_up_on(TUE, promised) == expected


@pytest.mark.parametrize(
    ("interview", "expected"),
    [
        (TUE, date(2026, 12, 8)),  # a week later, a Tuesday
        (FRI, date(2026, 12, 11)),
        (SAT, date(2026, 12, 14)),  # a week later is a Saturday: moved to Monday
        (SUN, date(2026, 12, 14)),
    ],
)
def test_follow_up_without_a_promise_is_a_week_later_on_a_working_day(interview, expected):
    assert followup.follow_up_on(interview, None) == expected


def test_follow_up_never_comes_before_the_interview():
    # parse_reply_by refuses such a promise; follow_up_on copes anyway.
    assert followup.follow_up_on(FRI, TUE) == MON


# --- at the edges: Fridays, weekends, the ends of months and years ------------------
# Every expected day below was worked out by hand from a calendar, never by the code.


def d(iso: str) -> date:
    return date.fromisoformat(iso)


@pytest.mark.parametrize(
    ("interview", "expected"),
    [
        ("2026-12-25", "2026-12-26"),  # Fri -> Sat: the note is not held back for the weekend
        ("2026-12-31", "2027-01-01"),  # the year's last day
        ("2027-02-28", "2027-03-01"),  # February's last day, not a leap year
        ("2028-02-28", "2028-02-29"),  # a leap year's
    ],
)
def test_thank_you_by_at_month_and_year_ends(interview, expected):
    assert followup.thank_you_by(d(interview)) == d(expected)


@pytest.mark.parametrize(
    ("interview", "expected"),
    [
        ("2026-12-25", "2027-01-01"),  # Fri: a week later is Fri 1 Jan, a working day here (holidays are not known)
        ("2026-12-26", "2027-01-04"),  # Sat: Sat 2 Jan, moved to Mon 4 Jan
        ("2026-12-27", "2027-01-04"),  # Sun: Sun 3 Jan, moved to Mon 4 Jan
        ("2026-12-31", "2027-01-07"),  # Thu 31 Dec: Thu 7 Jan
        ("2027-02-20", "2027-03-01"),  # Sat: Sat 27 Feb, moved across the month end to Mon 1 Mar
        ("2027-02-28", "2027-03-08"),  # Sun 28 Feb: Sun 7 Mar, moved to Mon 8 Mar
        ("2028-02-25", "2028-03-03"),  # Fri, leap year: 29 Feb is counted, Fri 3 Mar
    ],
)
def test_follow_up_without_a_promise_at_the_edges(interview, expected):
    assert followup.follow_up_on(d(interview), None) == d(expected)


@pytest.mark.parametrize(
    ("interview", "promised", "expected"),
    [
        ("2026-12-24", "2026-12-31", "2027-01-01"),  # promised Thu 31 Dec: Fri 1 Jan
        ("2027-12-20", "2027-12-31", "2028-01-03"),  # promised Fri 31 Dec: the whole Friday is theirs, Mon 3 Jan
        ("2027-02-22", "2027-02-26", "2027-03-01"),  # promised Fri 26 Feb: Mon 1 Mar
        ("2027-02-22", "2027-02-27", "2027-03-01"),  # promised Sat: Mon
        ("2027-02-22", "2027-02-28", "2027-03-01"),  # promised Sun, February's last day: Mon 1 Mar
        ("2027-04-26", "2027-04-30", "2027-05-03"),  # promised Fri 30 Apr: Mon 3 May
        ("2028-02-21", "2028-02-25", "2028-02-28"),  # promised Fri 25 Feb, leap year: Mon 28 Feb, not 1 Mar
        ("2026-12-25", "2026-12-25", "2026-12-28"),  # interview and promise both on a Friday: Monday
    ],
)
def test_follow_up_after_a_promise_at_the_edges(interview, promised, expected):
    assert followup.follow_up_on(d(interview), d(promised)) == d(expected)


@pytest.mark.parametrize(
    ("value", "interview", "expected"),
    [
        ("friday", "2026-12-25", "2027-01-01"),  # said on a Friday: next week's Friday, across the year end
        ("friday", "2026-12-31", "2027-01-01"),  # said on Thu 31 Dec: the next day
        ("monday", "2026-12-26", "2026-12-28"),  # said on a Saturday
        ("saturday", "2027-02-26", "2027-02-27"),  # said on a Friday: the next day
        ("sunday", "2027-02-28", "2027-03-07"),  # said on a Sunday: a week later, into March
        ("3 days", "2027-02-26", "2027-03-01"),  # Fri 26 Feb + 3: Mon 1 Mar
        ("1 week", "2028-02-25", "2028-03-03"),  # leap year
        ("tomorrow", "2027-12-31", "2028-01-01"),
    ],
)
def test_reply_by_at_the_edges(value, interview, expected):
    assert followup.parse_reply_by(value, d(interview)) == d(expected)


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        # a Friday interview, promised "by friday": a week later, then the Monday after it
        ({"date": "2026-12-25", "reply_by": "friday"}, ("2026-12-26", "2027-01-01", "2027-01-04")),
        ({"date": "2026-12-26"}, ("2026-12-27", None, "2027-01-04")),  # a Saturday, no promise
        ({"date": "2026-12-27"}, ("2026-12-28", None, "2027-01-04")),  # a Sunday, no promise
        ({"date": "2027-02-28", "reply_by": "3 days"}, ("2027-03-01", "2027-03-03", "2027-03-04")),
        ({"date": "2026-12-31", "reply_by": "by fri"}, ("2027-01-01", "2027-01-01", "2027-01-04")),
    ],
)
def test_the_saved_plan_at_the_edges(context, expected):
    _, plan = followup.settle(context, None)
    assert plan is not None
    assert (plan["thank_you_by"], plan["reply_by"], plan["follow_up_on"]) == expected


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ([("follow-up", "2026-12-25")], ("second-follow-up", "2027-01-01")),  # sent Fri: Fri a week later
        ([("follow-up", "2027-02-20")], ("second-follow-up", "2027-03-01")),  # sent Sat: Sat 27 Feb, so Mon 1 Mar
        ([("follow-up", "2027-02-21")], ("second-follow-up", "2027-03-01")),  # sent Sun: Sun 28 Feb, so Mon 1 Mar
        ([("second-follow-up", "2026-12-26")], ("move-on", "2027-01-02")),  # a suggestion: left on the Saturday
    ],
)
def test_the_next_action_at_the_edges(sent, expected):
    action = followup.next_action(d("2026-12-01"), d("2026-12-08"), [(a, d(on)) for a, on in sent], None)
    assert action == followup.Action(expected[0], d(expected[1]), d(expected[1]))  # a follow-up is done on its day, no earlier


@given(interview=dates, wait=st.one_of(st.none(), st.integers(min_value=0, max_value=366)))
def test_follow_up_is_a_weekday_after_the_interview_and_the_promise(interview, wait):
    promised = None if wait is None else interview + timedelta(days=wait)
    day = followup.follow_up_on(interview, promised)
    assert day.weekday() < 5
    assert day > interview
    if promised is not None:
        assert day > promised
        assert (day - promised).days <= 3  # Friday -> Monday is the longest wait
    else:
        assert 7 <= (day - interview).days <= 9
    assert followup.follow_up_on(interview, promised) == day  # same inputs, same output


@given(
    interview=dates,
    value=st.sampled_from(
        ["friday", "fri", "mon", "sunday", "0 days", "3 days", "2 weeks", "today", "tomorrow"]
        + ["next friday", "this mon", "by sunday", "by tomorrow", "a week", "one week"]
    ),
)
def test_relative_reply_by_is_never_before_the_interview(interview, value):
    promised = followup.parse_reply_by(value, interview)
    assert interview <= promised <= interview + timedelta(days=14)
    assert followup.parse_reply_by(value, interview) == promised


@given(interview=dates, name=st.sampled_from(followup.WEEKDAYS))
def test_weekday_reply_by_is_that_weekday_within_a_week(interview, name):
    promised = followup.parse_reply_by(name, interview)
    assert promised.strftime("%A").lower() == name
    assert 1 <= (promised - interview).days <= 7


@given(value=st.text(max_size=30))
def test_any_reply_by_text_parses_or_fails_with_input_error(value):
    try:
        promised = followup.parse_reply_by(value, TUE)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert promised >= TUE


def test_final_outcomes():
    assert not any(outcomes.is_open(o) for o in outcomes.FINAL)
    assert outcomes.is_open("pending")
    assert outcomes.is_open(None)
