"""The README's examples run and print what it shows; its test command is CI's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import installed_command

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = str(Path(installed_command()).parent)


def console_blocks() -> list[list[tuple[str, list[str]]]]:
    """Each ```console block as a list of (command, expected output lines)."""
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        steps: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line.rstrip())
        blocks.append(steps)
    return blocks


@pytest.mark.subprocess
@pytest.mark.parametrize("block", console_blocks(), ids=lambda b: b[0][0][:50])
def test_readme_example(block, tmp_path, isolated_home):
    if any("jq" in command for command, _ in block) and shutil.which("jq") is None:
        pytest.skip("jq is not installed (.ci/run installs it)")
    env = os.environ | {"PATH": BIN + os.pathsep + os.environ["PATH"], "COLUMNS": "80", "NO_COLOR": "1"}
    sample = Path("tests", "fixtures", "sample-history.ndjson")  # the README imports it, from the checkout
    (tmp_path / sample).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / sample, tmp_path / sample)
    for command, expected in block:
        result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=tmp_path, env=env)
        output = [line.rstrip() for line in result.stdout.splitlines()]
        assert output == expected, f"$ {command}\n{result.stderr}"


def test_the_readme_test_command_is_what_ci_runs():
    command = "pip install '.[test]' && pytest"
    assert f"```sh\n{command}\n```" in README
    assert command in (ROOT / ".ci" / "run").read_text()


def test_every_exit_code_is_in_the_readme():
    from interview_signals.errors import ExitCode

    for code in ExitCode:
        assert f"| {int(code)} |" in README, code


@pytest.mark.parametrize("block", re.findall(r"```python\n(.*?)```", README, flags=re.S), ids=lambda b: " ".join(b.split())[:40])
def test_readme_python_example(block, tmp_path, isolated_home, capsys):
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split()[0] in {"strong", "promising", "mixed", "weak", "too_few"}
    assert any(line.startswith("vibe ") for line in printed)
