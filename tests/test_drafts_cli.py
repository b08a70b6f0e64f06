"""`draft` on the command line: signed with the configured name, the days in the
follow-up, the new kinds, and which kinds warn about a closed interview."""

from __future__ import annotations

import json

import pytest
from helpers import assert_usage_error, run, save

from interview_signals import completion, drafts, followup, outcomes


@pytest.fixture
def acme():
    return save(
        "--company", "Acme", "--role", "Data engineer", "--interviewer", "Dr. Dana Scully", "--date", "2026-11-23",
        "--reply-by", "2026-11-27",
    )  # fmt: skip


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_every_kind_is_signed_with_the_configured_name(acme, kind):
    unsigned = run("draft", "1", kind)
    assert unsigned.exit_code == 0, unsigned.stderr
    assert unsigned.stdout.endswith("\n\nBest wishes,\n[Your name]\n")
    assert unsigned.stdout.startswith("Subject: ") and "\n\nDear Dr. Scully,\n\n" in unsigned.stdout
    assert run("config", "set", "name", "Ada Lovelace").exit_code == 0
    signed = run("draft", "1", kind, "--json")
    assert signed.exit_code == 0 and signed.stderr == ""
    body = json.loads(signed.stdout)["body"]
    assert body.endswith("\n\nBest wishes,\nAda Lovelace") and "[Your name]" not in body
    assert len(body.split()) < 150


def test_the_follow_up_names_the_interview_day_and_the_promised_one(acme):
    body = json.loads(run("draft", "1", "follow-up", "--json").stdout)["body"]
    assert "We spoke on Mon 23 Nov 2026, and you mentioned I might hear back by Fri 27 Nov 2026." in body


def test_a_follow_up_with_no_promised_day_names_the_interview_day():
    save("--company", "Acme", "--date", "2026-11-23")
    body = json.loads(run("draft", "1", "follow-up", "--json").stdout)["body"]
    assert "my interview for the role at Acme. We spoke on Mon 23 Nov 2026. " in body and "hear back" not in body


def test_a_damaged_settings_file_warns_and_keeps_the_slot(acme, isolated_home):
    (isolated_home / "config.toml").write_text("name = [\n", encoding="utf-8")
    result = run("draft", "1", "thank-you")
    assert result.exit_code == 0
    assert result.stdout.endswith("Best wishes,\n[Your name]\n")
    assert result.stderr.startswith(f"Warning: {isolated_home / 'config.toml'}: the settings file is not valid TOML (")
    assert result.stderr.endswith("(the draft is signed with a slot for your name)\n") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("kind", ["feedback", "withdraw"])
@pytest.mark.parametrize("final", outcomes.FINAL)
def test_feedback_and_withdraw_do_not_warn_about_a_closed_interview(acme, kind, final):
    assert run("outcome", "1", final).exit_code == 0
    result = run("draft", "1", kind)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Subject: ")


@pytest.mark.parametrize("kind", followup.SENDABLE)
def test_the_follow_up_cycle_still_warns_after_a_rejection(acme, kind):
    assert run("outcome", "1", "rejected").exit_code == 0
    result = run("draft", "1", kind)
    assert result.exit_code == 0
    email = {"thank-you": "thank-you note", "follow-up": "follow-up", "second-follow-up": "second follow-up"}[kind]
    assert result.stderr == f"Warning: interview #1 is recorded as rejected; a {email} may no longer be needed\n"


def test_a_mistyped_kind_is_named_before_the_history_is_read(isolated_home):
    assert_usage_error(run("draft", "9", "feedbak"), "KIND 'feedbak' (did you mean 'feedback'?)")
    assert not isolated_home.exists()


def test_help_and_completion_list_every_kind():
    help_text = " ".join(run("draft", "--help").stdout.split())
    for kind in drafts.KINDS:
        assert kind in help_text
    assert completion.draft_kinds("") == list(drafts.KINDS)
    assert completion.draft_kinds("W") == ["withdraw"]
    # `sent` records only the emails of the follow-up cycle, so it offers only those
    assert completion.sendable("") == list(followup.SENDABLE)
    assert completion.sendable("f") == ["follow-up"]
