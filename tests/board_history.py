"""A fixed history for the board's tests and snapshots, on a fixed today (TODAY): one application of each
group, an overdue one among them."""

from __future__ import annotations

import datetime as dt

from helpers import ALL_WORST, MIXED, run, save

TODAY = dt.date(2026, 11, 11)


def ok(*args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)


def make_history() -> None:
    """Acme waiting (two rounds), Globex due today, Umbrella overdue, Hooli booked, Initech rejected.
    ``followup.today`` must already return TODAY."""
    save(
        "--company", "Acme", "--role", "Data engineer", "--interviewer", "Sam Lee", "--topic", "streaming", "--date", "2026-11-02"
    )
    ok("sent", "1", "thank-you", "--on", "2026-11-02")
    save(MIXED, "--round-of", "1", "--interviewer", "Kim Park", "--date", "2026-11-09")
    ok("sent", "2", "thank-you", "--on", "2026-11-09")
    save(MIXED, "--company", "Globex", "--role", "Analyst", "--date", "2026-11-10")
    save(ALL_WORST, "--company", "Initech", "--role", "QA lead", "--date", "2026-10-26")
    ok("outcome", "4", "rejected", "--note", "form email")
    save("--company", "Umbrella", "--role", "Platform lead", "--date", "2026-11-03")
    ok("note", "5", "Recruiter said two weeks", "--on", "2026-11-04")
    ok("schedule", "--company", "Hooli", "--role", "Engineer", "--on", "2026-11-13 14:00", "--today", "2026-11-11")
