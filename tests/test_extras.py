"""The command a build prints to add an optional extra: the very packages pyproject.toml
names, for the Python running brandkit, quoted so a shell reads it back as written."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandkit.extras import EXTRAS, install_command

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_extras_are_pyprojects():
    tomllib = pytest.importorskip("tomllib")
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    optional = declared["project"]["optional-dependencies"]
    for name, packages in EXTRAS.items():
        assert tuple(optional[name]) == packages


def test_posix_command_reads_back():
    command = install_command("pdf", python="/home/花子/my env/bin/python", windows=False)
    assert command == ("'/home/花子/my env/bin/python' -m pip install "
                       "'weasyprint>=62' 'pypdfium2>=4.30'")
    assert shlex.split(command)[-2:] == ["weasyprint>=62", "pypdfium2>=4.30"]


def test_windows_command_quotes_what_cmd_would_misread():
    command = install_command("images", python=r"C:\Program Files\Python312\python.exe",
                              windows=True)
    # unquoted, cmd.exe would send the output to a file named "=10"
    assert command == r'"C:\Program Files\Python312\python.exe" -m pip install "pillow>=10"'
    assert install_command("images", python=r"C:\Py\python.exe", windows=True).startswith(
        r"C:\Py\python.exe -m pip")


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               min_size=1))
def test_any_python_path_reads_back_as_one_argument(python):
    for extra, packages in EXTRAS.items():
        argv = shlex.split(install_command(extra, python=python, windows=False))
        assert argv == [python, "-m", "pip", "install", *packages]


def test_the_default_is_this_python_and_its_pip_answers():
    argv = shlex.split(install_command("pdf", windows=False))
    assert argv[0] == sys.executable
    # the environment brandkit runs in has a pip of its own (a venv made by
    # scripts/setup, pipx's): the printed command does not name a missing tool
    done = subprocess.run([*argv[:3], "--version"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pip ")
