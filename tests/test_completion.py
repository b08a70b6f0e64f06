"""Shell completion: the functions behind TAB, and bash completing the installed command for real."""

from __future__ import annotations

import os
import shlex
import subprocess
from types import SimpleNamespace

import pexpect
import pytest
from helpers import installed_command, run, save

from interview_signals import catalog, completion


def values(candidates) -> list[str]:
    return [c[0] if isinstance(c, tuple) else c for c in candidates]


def test_answers_offer_signal_ids_then_that_signals_answers():
    ids = values(completion.answers(""))
    assert ids == [f"{s.id}=" for s in catalog.load().signals]
    assert values(completion.answers("vibe=")) == ["vibe=warm", "vibe=neutral", "vibe=cold", "vibe=unsure"]
    assert values(completion.answers("tour=n")) == ["tour=no", "tour=not_applicable"]
    assert values(completion.answers("VIBE=W")) == ["VIBE=warm"]  # typed in capitals still finds them
    assert values(completion.answers("nosuch=")) == []


def test_one_matching_signal_offers_its_answers_whole():
    """So bash stops at the '=' (the answers share it) instead of adding a space after 'vibe='."""
    assert values(completion.answers("vi")) == ["vibe=warm", "vibe=neutral", "vibe=cold", "vibe=unsure"]
    assert values(completion.answers("o")) == [
        "other_offers=asked",
        "other_offers=not_asked",
        "other_offers=competition_stressed",
        "other_offers=unsure",
    ]


def test_descriptions_say_what_each_candidate_is():
    assert dict(completion.answers("vibe="))["vibe=warm"].startswith("Warm")
    assert dict(completion.answers(""))["pitch="] == "Company pitched itself"


def test_outcomes_and_draft_kinds():
    assert completion.outcomes("") == ["offer", "rejected", "ghosted", "withdrew", "pending"]
    assert completion.outcomes("RE") == ["rejected"]
    assert completion.draft_kinds("f") == ["follow-up", "feedback"]


def test_interview_ids_come_with_their_company_and_create_nothing(isolated_home):
    assert completion.interview_ids(None, "") == []
    assert not isolated_home.exists()  # completing never creates a history
    save("--company", "Acme", "--role", "Dev", "--date", "2026-11-20")
    save("--company", "Globex", "--date", "2026-11-21")
    assert completion.interview_ids(None, "") == [("2", "Globex, 2026-11-21"), ("1", "Acme · Dev, 2026-11-20")]
    assert values(completion.interview_ids(None, "#1")) == ["1"]


def test_interview_ids_follow_a_db_typed_before_them(tmp_path):
    other = tmp_path / "other.sqlite3"
    save("--db", str(other), "--company", "Elsewhere", "--date", "2026-11-20")
    ctx = SimpleNamespace(params={"db": str(other)})
    assert completion.interview_ids(ctx, "") == [("1", "Elsewhere, 2026-11-20")]


def test_a_broken_history_offers_nothing_rather_than_an_error(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a history")
    assert completion.interview_ids(SimpleNamespace(params={"db": str(junk)}), "") == []


@pytest.mark.parametrize(
    ("shell", "mark"),
    [
        ("bash", "complete -o default -F"),
        ("zsh", "compdef"),
        ("fish", "complete --command"),
        ("powershell", "Register-ArgumentCompleter"),
    ],
)
def test_show_completion_prints_each_shells_script(shell, mark, monkeypatch):
    # typer's own switch for this: --show-completion then takes the shell by name
    # instead of detecting the one it runs in (which would make this test depend on it)
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = run("--show-completion", shell)
    assert result.exit_code == 0, result.stderr
    assert "_INTERVIEW_SIGNALS_COMPLETE" in result.stdout
    assert mark in result.stdout


# -- bash, end to end: the installed command, the script it installs, bash's own word splitting ----


def bash_complete(line: str, env: dict[str, str]) -> list[str]:
    """What bash's completion function puts in COMPREPLY for ``line``, split by bash itself
    (COMP_WORDBREAKS and all), through the script `--show-completion bash` prints."""
    command = installed_command()
    script = f"""
        eval "$({shlex.quote(command)} --show-completion bash)"
        line={shlex.quote(line)}
        COMP_LINE="$line"; COMP_POINT=${{#line}}
        # bash's own splitting, as readline does it: words broken at COMP_WORDBREAKS ('=' among them)
        __split() {{ local IFS=$' \\t\\n'; COMP_WORDS=(); local word="" ch i
            for ((i = 0; i < ${{#1}}; i++)); do ch="${{1:i:1}}"
                if [[ "$ch" == " " ]]; then [[ -n "$word" ]] && COMP_WORDS+=("$word"); word=""
                elif [[ "$COMP_WORDBREAKS" == *"$ch"* ]]; then [[ -n "$word" ]] && COMP_WORDS+=("$word"); COMP_WORDS+=("$ch"); word=""
                else word+="$ch"; fi; done
            COMP_WORDS+=("$word"); }}
        __split "$line"
        COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
        _interview_signals_completion {shlex.quote(os.path.basename(command))}
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture
def bash_env(isolated_home):
    return os.environ | {"PATH": os.path.dirname(installed_command()) + os.pathsep + os.environ["PATH"]}


@pytest.mark.subprocess
def test_bash_completes_an_answer_after_the_equals_sign(bash_env):
    assert bash_complete("interview-signals assess -a vibe=", bash_env) == ["warm", "neutral", "cold", "unsure"]
    assert bash_complete("interview-signals assess -a vibe=c", bash_env) == ["cold"]
    assert bash_complete("interview-signals assess --company Acme -a pitch=d", bash_env) == ["downsides"]


@pytest.mark.subprocess
def test_bash_completes_commands_options_results_and_ids(bash_env):
    assert bash_complete("interview-signals hist", bash_env) == ["history"]
    assert "--company" in bash_complete("interview-signals assess --c", bash_env)
    assert bash_complete("interview-signals outcome 3 gh", bash_env) == ["ghosted"]
    assert bash_complete("interview-signals draft 3 ", bash_env) == [
        "thank-you",
        "follow-up",
        "second-follow-up",
        "feedback",
        "withdraw",
    ]
    assert bash_complete("interview-signals sent 3 ", bash_env) == ["thank-you", "follow-up", "second-follow-up"]
    assert bash_complete("interview-signals config set ", bash_env) == ["name", "holidays"]
    save("--company", "Acme", "--date", "2026-11-20")
    assert bash_complete("interview-signals show ", bash_env) == ["1"]


@pytest.mark.subprocess
def test_tab_in_a_real_bash(bash_env, tmp_path):
    """One real TAB in an interactive bash: readline splits the words, not the test."""
    rc = tmp_path / "bashrc"
    rc.write_text(f'PS1="$ "\neval "$({shlex.quote(installed_command())} --show-completion bash)"\n')
    child = pexpect.spawn("bash", ["--noprofile", "--rcfile", str(rc), "-i"], env=bash_env, encoding="utf-8", timeout=20)
    try:
        child.expect_exact("$ ")
        child.send("interview-signals assess -a vibe=co")
        child.expect_exact("vibe=co")
        child.send("\t")
        child.expect_exact("ld")  # readline completed vibe=co to vibe=cold
        child.send("\x03")  # leave the line unrun
    finally:
        child.close(force=True)


def test_interview_descriptions_are_one_printable_line(isolated_home):
    """A saved name may hold escape sequences or a line break: zsh, fish and PowerShell show the
    description as it is, and PowerShell would split one candidate in two at the break."""
    save("--company", "Acme\x1b]52;c;aGk=\x07\x1b[31m\u202e", "--role", "Dev\nOps\x85", "--date", "2026-11-20")
    ((value, description),) = completion.interview_ids(None, "")
    assert value == "1"
    assert description.isprintable(), description
    assert description == "Acme\\x1b]52;c;aGk=\\x07\\x1b[31m\\u202e · Dev Ops, 2026-11-20"


@pytest.mark.parametrize("shell", ["zsh", "fish", "powershell"])
def test_each_shell_gets_one_candidate_line_per_interview(isolated_home, shell):
    save("--company", "Acme\x1b]52;c;aGk=\x07\x1b[31m\u202e", "--role", "Dev\nOps", "--date", "2026-11-20")
    env = {
        "_INTERVIEW_SIGNALS_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": "interview-signals show ",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    result = run(env=env)
    assert result.exit_code == 0, result.stderr
    assert not [ch for ch in "\x1b\x07\u202e" if ch in result.stdout], result.stdout
    assert len(result.stdout.splitlines()) == 1, result.stdout  # one candidate, one line
