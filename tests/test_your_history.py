"""The report's "your history" line: how the user's past interviews scored like this one turned out."""

from __future__ import annotations

from helpers import ALL_BEST, ALL_WORST, MIXED, flags, run, run_json, save

LINE = "Of your past interviews scored within 10 points of this one, {} of {} ended in an offer."


def decide(*plan: tuple[dict, str]) -> list[int]:
    """Save each interview and record its outcome; return the ids."""
    ids = []
    for answers, result in plan:
        saved = save(answers)
        assert run("outcome", str(saved["id"]), result).exit_code == 0
        ids.append(saved["id"])
    return ids


FIVE = (
    (ALL_BEST, "offer"),
    (ALL_BEST, "offer"),
    (ALL_BEST, "rejected"),
    (ALL_WORST, "rejected"),
    (ALL_WORST, "ghosted"),
)


def test_after_five_decided_the_report_counts_the_similar_ones():
    decide(*FIVE)
    doc = save(ALL_BEST)
    assert doc["score"] == 100
    assert doc["your_history"] == {"similar": 3, "offers": 2}  # the three scored 100; the two at 0 are not near
    text = run("assess", *flags(ALL_BEST), "--no-save")
    assert LINE.format(2, 3) in " ".join(text.stdout.split())


def test_below_five_decided_or_three_similar_it_is_null_and_not_shown():
    decide(*FIVE[:4])  # four decided
    assert save(ALL_BEST)["your_history"] is None
    run("outcome", "5", "offer")  # five decided now, with #5 (scored 100) among them
    assert save(ALL_WORST)["your_history"] is None  # only #4 scored near 0: under three similar
    text = run("assess", *flags(ALL_WORST), "--no-save").stdout
    assert "Of your past interviews" not in text
    assert save(ALL_BEST)["your_history"] == {"similar": 4, "offers": 3}  # #1-3 and #5 (offers: #1, #2, #5)


def test_open_and_withdrawn_interviews_are_not_counted():
    decide(*FIVE, (ALL_BEST, "withdrew"), (ALL_BEST, "pending"))
    save(ALL_BEST)  # no outcome
    assert save(ALL_BEST)["your_history"] == {"similar": 3, "offers": 2}


def test_show_leaves_out_the_interviews_own_application():
    ids = decide(*FIVE, (ALL_BEST, "offer"))
    shown = run_json("show", str(ids[0]), "--json")
    assert shown["your_history"] == {"similar": 3, "offers": 2}  # #2, #3 and #6, not #1 itself
    text = run("show", str(ids[0])).stdout
    assert LINE.format(2, 3) in " ".join(text.split())


def test_an_application_counts_once_by_its_latest_round():
    decide(*FIVE)
    first = save(MIXED, "--company", "Acme", "--date", "2026-11-02")
    later = save(ALL_BEST, "--round-of", str(first["id"]), "--date", "2026-11-09")
    run("outcome", str(later["id"]), "offer")
    # Acme counts once, by its latest round (100): four similar now, not five
    assert save(ALL_BEST)["your_history"] == {"similar": 4, "offers": 3}
    # a new round of Acme is not compared with Acme itself
    assert save(ALL_BEST, "--round-of", str(first["id"]), "--date", "2026-11-16")["your_history"] == {"similar": 3, "offers": 2}


def test_no_save_with_no_history_creates_nothing(isolated_home):
    result = run("assess", *flags(ALL_BEST), "--no-save", "--json")
    assert result.exit_code == 0, result.stderr
    assert '"your_history": null' in result.stdout
    assert not isolated_home.exists() or not any(isolated_home.iterdir())


def test_the_markdown_report_says_it_too():
    ids = decide(*FIVE, (ALL_BEST, "offer"))
    text = run("show", str(ids[0]), "--format", "md").stdout
    assert "## Your history\n\n- " + LINE.format(2, 3) in text


def test_a_saved_interview_is_saved_even_when_the_comparison_fails(monkeypatch, isolated_home):
    from interview_signals.commands import assess as pipeline
    from interview_signals.commands.session import Session
    from interview_signals.db import History
    from interview_signals.errors import SignalsError

    def broken(self, score, application=None):
        raise SignalsError("cannot read the history database: disk I/O error")

    monkeypatch.setattr(History, "similar", broken)
    warnings: list[str] = []
    given = [f"{signal}={answer}" for signal, answer in ALL_BEST.items()]
    with Session(None, warnings.append) as session:
        layers, _ = pipeline.command_line(session, pipeline.Options(given, context={"date": "2026-11-20"}), None)
        result = pipeline.assess(session, pipeline.Request(layers))
    assert result.not_saved is None and result.doc["id"] == 1
    assert result.doc["your_history"] is None
    assert warnings == ["could not compare with your history: cannot read the history database: disk I/O error"]
