"""data/ ships inside the package: found from a wheel install and an editable one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import setuptools
from helpers import installed_command

import interview_signals
from interview_signals import catalog

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.subprocess

# Reads both data files the way the tool does, from wherever the package is.
PROBE = (
    "import interview_signals, interview_signals.catalog as c, interview_signals.drafts as d;"
    "print(interview_signals.__file__); print(len(c.load().signals), len(d.load().kinds))"
)


def test_the_tests_use_the_installed_package_not_the_checkout():
    """pytest runs in importlib mode, so what is tested is what users get."""
    installed = Path(interview_signals.__file__).resolve().parent
    if installed == (ROOT / "interview_signals").resolve():
        pytest.skip("an editable install: the package is the checkout (see the editable test below)")
    assert "site-packages" in installed.parts
    assert (installed / "data" / "catalog.toml").is_file()  # data/ was copied into the package
    assert (installed / "py.typed").is_file()  # type checkers read the Python API's annotations (PEP 561)
    assert len(catalog.load().signals) == 9


def test_the_installed_command_finds_its_data_from_anywhere(tmp_path):
    result = subprocess.run([installed_command(), "signals", "--json"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"next_steps"' in result.stdout


def test_python_dash_m_runs_the_installed_package(tmp_path):
    """`python -m interview_signals` from a folder without the checkout in it: the installed package runs."""

    def module(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "interview_signals", *args], capture_output=True, text=True, cwd=tmp_path)

    version = module("--version")
    assert (version.returncode, version.stdout, version.stderr) == (0, f"interview-signals {interview_signals.__version__}\n", "")
    listed = module("signals", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [s["id"] for s in json.loads(listed.stdout)["signals"]] == [s.id for s in catalog.load().signals]


@pytest.mark.timeout(180)
def test_an_editable_install_finds_the_data_too(tmp_path):
    """A bare venv with the package installed editable (no dependencies needed to read the data)."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The build backend runs in the new venv: lend it this environment's setuptools (no download).
    lend = {**os.environ, "PYTHONPATH": str(Path(setuptools.__file__).parents[1])}
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-e",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        env=lend,
    )
    assert install.returncode == 0, install.stderr
    result = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    where, counts = result.stdout.splitlines()
    assert Path(where).resolve().is_relative_to(ROOT.resolve())  # really the checkout
    assert counts == "9 5"  # signals, draft kinds


def test_python_dash_m_pytest_works_from_the_checkout():
    """`python -m pytest` puts the checkout first on sys.path; conftest.py takes it off again."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_catalog.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert " passed" in result.stdout
