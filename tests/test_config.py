"""Settings: `config set/get/unset/show`, the file they live in, and what a
damaged one does (one line naming it, never a traceback)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys

import pytest
from helpers import ALL_BEST, assert_usage_error, installed_command, run

from interview_signals import completion, config, paths


@pytest.fixture
def config_file(isolated_home):
    return isolated_home / "config.toml"


def test_set_then_get_and_show(config_file):
    result = run("config", "set", "name", "  Ada Lovelace ")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"Set name in {config_file}.\n"
    got = run("config", "get", "name")
    assert (got.exit_code, got.stdout, got.stderr) == (0, "Ada Lovelace\n", "")
    assert run("config", "get", "NAME").stdout == "Ada Lovelace\n"  # a key in any case
    shown = run("config", "show")
    assert (shown.exit_code, shown.stdout) == (
        0,
        f"Settings in {config_file}:\n  name      Ada Lovelace\n  holidays  (not set)\n",
    )
    assert json.loads(run("config", "show", "--json").stdout) == {
        "file": str(config_file),
        "values": {"name": "Ada Lovelace", "holidays": None},
    }


def test_setting_again_replaces_it(config_file):
    assert run("config", "set", "name", "Ada").exit_code == 0
    assert run("config", "set", "name", "Ada Lovelace").exit_code == 0
    assert run("config", "get", "name").stdout == "Ada Lovelace\n"
    assert config_file.read_text(encoding="utf-8").count("name =") == 1


def test_show_before_anything_is_set_creates_nothing(config_file, isolated_home):
    shown = run("config", "show")
    assert (shown.exit_code, shown.stdout) == (
        0,
        f"Settings in {config_file} (no file yet):\n  name      (not set)\n  holidays  (not set)\n",
    )
    assert json.loads(run("config", "show", "--json").stdout) == {
        "file": str(config_file),
        "values": {"name": None, "holidays": None},
    }
    assert run("config").stdout == shown.stdout  # `config` alone shows them
    assert not isolated_home.exists()


def test_get_of_an_unset_key_says_so_on_stderr_and_exits_1():
    result = run("config", "get", "name")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "name is not set; set it with `interview-signals config set name VALUE`\n"
    assert "exit code is 1" in " ".join(run("config", "get", "--help").stdout.split())


def test_unset(config_file):
    assert run("config", "set", "name", "Ada").exit_code == 0
    removed = run("config", "unset", "name")
    assert (removed.exit_code, removed.stderr) == (0, f"Removed name from {config_file}.\n")
    assert run("config", "get", "name").exit_code == 1
    again = run("config", "unset", "name")
    assert (again.exit_code, again.stderr) == (0, "name was not set.\n")


@pytest.mark.parametrize("command", ["set", "get", "unset"])
def test_an_unknown_key_names_the_known_ones(command):
    args = ["x"] if command == "set" else []
    assert_usage_error(run("config", command, "nmae", *args), "KEY 'nmae' (did you mean 'name'?): a setting is one of name")
    assert_usage_error(run("config", command, "colour", *args), "KEY 'colour': a setting is one of name")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "name: cannot be blank; to remove it, run `interview-signals config unset name`"),
        ("   ", "name: cannot be blank"),
        ("Ada\nLovelace", "name: must be one line of text, without a line break"),
        ("Ada\x1b[31m", "name: must be one line of text, without a control character (\\x1b)"),
    ],
)
def test_a_value_must_be_one_line_of_text(value, message, config_file):
    assert_usage_error(run("config", "set", "name", value), message)
    assert not config_file.exists()


def test_the_file_is_private_toml_and_keeps_keys_it_does_not_know(config_file):
    config_file.parent.mkdir()
    config_file.write_text('theme = "dark"\n[later]\nlimit = 3\n', encoding="utf-8")
    config_file.chmod(0o644)
    assert run("config", "set", "name", 'Ada "The Countess" Lovelace $x').exit_code == 0
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    import tomllib

    assert tomllib.loads(config_file.read_text(encoding="utf-8")) == {
        "theme": "dark",
        "later": {"limit": 3},
        "name": 'Ada "The Countess" Lovelace $x',
    }
    assert run("config", "unset", "name").exit_code == 0
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    assert tomllib.loads(config_file.read_text(encoding="utf-8")) == {"theme": "dark", "later": {"limit": 3}}
    assert [p.name for p in config_file.parent.iterdir()] == ["config.toml"]  # no temporary file left behind


def test_a_linked_file_stays_linked(config_file, tmp_path):
    real = tmp_path / "dotfiles" / "interview-signals.toml"
    real.parent.mkdir()
    real.write_text("", encoding="utf-8")
    config_file.parent.mkdir()
    config_file.symlink_to(real)
    assert run("config", "set", "name", "Ada").exit_code == 0
    assert config_file.is_symlink() and 'name = "Ada"' in real.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_file_whole(config_file, monkeypatch):
    assert run("config", "set", "name", "Ada").exit_code == 0
    before = config_file.read_bytes()

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("config", "set", "name", "Grace")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {config_file}: cannot write the settings file: No space left on device\n"
    assert config_file.read_bytes() == before
    assert [p.name for p in config_file.parent.iterdir()] == ["config.toml"]


DAMAGED = [
    (b"name = [", "the settings file is not valid TOML ("),
    (b"name = 42\n", 'name must be text in quotes, such as name = "..."'),
    (b'name = "\xff"\n', "the settings file is not UTF-8 text"),
]


@pytest.mark.parametrize(("content", "fault"), DAMAGED)
@pytest.mark.parametrize("args", [["show"], ["show", "--json"], ["get", "name"], ["set", "name", "Ada"], ["unset", "name"]])
def test_a_damaged_file_is_one_line_naming_it_and_is_never_overwritten(config_file, content, fault, args):
    config_file.parent.mkdir()
    config_file.write_bytes(content)
    result = run("config", *args)
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {config_file}: {fault}"), result.stderr
    assert lines[0].endswith("; fix it, or delete it and set your settings again")
    assert config_file.read_bytes() == content


def test_a_folder_in_its_place(config_file):
    config_file.mkdir(parents=True)
    result = run("config", "show")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {config_file} is a folder where the settings file should be; move it\n"


def run_beside_a_pipe(config_file, *args: str) -> subprocess.CompletedProcess:
    """Run the installed command (a real process, so a wait on the pipe would show as a timeout)."""
    assert run("assess", *[f"-a{key}={value}" for key, value in ALL_BEST.items()], "--company", "Acme").exit_code == 0
    os.mkfifo(config_file)
    env = os.environ | {"INTERVIEW_SIGNALS_HOME": str(config_file.parent)}
    result = subprocess.run(
        [installed_command(), *args], capture_output=True, text=True, env=env, timeout=15, stdin=subprocess.DEVNULL
    )
    assert stat.S_ISFIFO(os.lstat(config_file).st_mode)
    return result


NOT_A_FILE = "the settings file is not a regular file (a pipe or a device); replace it with a file, or remove it"


@pytest.mark.subprocess
@pytest.mark.parametrize("args", [["show"], ["get", "name"], ["set", "name", "Ada"], ["unset", "name"]])
def test_a_pipe_in_its_place_is_refused_at_once_not_waited_on(config_file, args):
    """Only a regular file is read as settings: a pipe would wait for a writer for ever."""
    result = run_beside_a_pipe(config_file, "config", *args)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert result.stderr == f"Error: {config_file}: {NOT_A_FILE}\n"


@pytest.mark.subprocess
def test_a_draft_beside_a_pipe_is_signed_with_a_slot_at_once(config_file):
    """draft reads your name as it does from a damaged file: a warning, and a slot for the name."""
    result = run_beside_a_pipe(config_file, "draft", "1", "thank-you")
    assert result.returncode == 0, result.stderr
    assert "[Your name]" in result.stdout
    assert result.stderr == f"Warning: {config_file}: {NOT_A_FILE} (the draft is signed with a slot for your name)\n"


def test_home_that_is_a_file(isolated_home):
    isolated_home.write_text("")
    result = run("config", "show")
    assert result.exit_code == 2
    assert result.stderr == f"Error: INTERVIEW_SIGNALS_HOME: {isolated_home} is a file; it must name a folder for your settings\n"


def test_without_home_it_is_in_the_platform_config_folder(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("INTERVIEW_SIGNALS_HOME")
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda name, appauthor: str(tmp_path / f"{name}-{appauthor}"))
    assert paths.config_path() == tmp_path / "interview-signals-False" / "config.toml"
    monkeypatch.setenv("INTERVIEW_SIGNALS_HOME", "  ")  # blank is not set
    assert paths.config_path() == tmp_path / "interview-signals-False" / "config.toml"


def test_a_value_from_a_hand_edited_file_is_printed_safely(config_file):
    config_file.parent.mkdir()
    config_file.write_text('name = "Ada\\u001b[2J"\n', encoding="utf-8")
    assert run("config", "get", "name").stdout == "Ada\\x1b[2J\n"
    assert "Ada\\x1b[2J" in run("config", "show").stdout
    assert json.loads(run("config", "show", "--json").stdout)["values"]["name"] == "Ada\x1b[2J"  # JSON is exact


def test_a_blank_value_in_the_file_is_not_set(config_file):
    config_file.parent.mkdir()
    config_file.write_text('name = "  "\n', encoding="utf-8")
    assert run("config", "get", "name").exit_code == 1
    assert run("config", "unset", "name").stderr == "name was not set.\n"
    import tomllib

    assert tomllib.loads(config_file.read_text(encoding="utf-8")) == {}


def test_keys_complete_with_what_they_are_for():
    assert completion.config_keys("") == [(s.key, s.help) for s in config.SETTINGS]
    assert completion.config_keys("N") == [("name", "your name, to sign your email drafts")]
    assert completion.config_keys("x") == []


# typer's placeholders (<str>, {ID}, [[FILE]]) where ours should stand alone, as tests/test_cli.py checks for every command
ARTEFACT = re.compile(r"<[a-z][a-z_\[\]|,]*>|\{[A-Z][A-Z_]*\}|\[\[[A-Z][A-Z_]*\]\]")


@pytest.mark.parametrize("command", ["set", "get", "unset", "show", None])
def test_every_config_command_has_help_with_real_examples(command):
    result = run("config", *([command] if command else []), "--help")
    assert result.exit_code == 0, result.stderr
    assert ARTEFACT.findall(result.stdout) == []
    examples = [line.strip() for line in result.stdout.split("Examples:")[-1].splitlines() if "interview-signals config" in line]
    assert 1 <= len(examples) <= 3, result.stdout


PROBE = """\
import json, sys
from interview_signals.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
finally:
    open(sys.argv[1], "w").write(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "args",
    [
        ["assess", *(f"-a{signal}={answer}" for signal, answer in ALL_BEST.items()), "--json", "--no-save"],
        ["config", "get", "name"],
        ["draft", "1", "thank-you"],
    ],
)
def test_only_writing_a_setting_loads_tomli_w(tmp_path, args):
    """The scripted assess loads neither tomli_w nor platformdirs; reading a setting needs no writer."""
    env = os.environ | {"INTERVIEW_SIGNALS_HOME": str(tmp_path / "home")}
    modules_file = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(modules_file), *args], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode in (0, 1, 2), proc.stderr  # `draft 1` of an empty history exits 2; the imports are what count
    loaded = {m.split(".")[0] for m in json.loads(modules_file.read_text())}
    assert loaded & {"tomli_w", "platformdirs"} == set(), proc.stderr
