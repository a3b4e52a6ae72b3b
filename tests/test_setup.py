"""The README's first set-up command, read out of the README and run as written in a
fresh copy of the repository, on a Python that refuses global installs (PEP 668)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

SYSTEM_PYTHON = Path("/usr/bin/python3")


def _first_setup_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up on a fresh machine", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "no set-up commands in the README"
    return block.group(1).splitlines()[0].split("#", 1)[0].strip()


def _refuses_global_installs(python: Path) -> bool:
    if not python.exists():
        return False
    stdlib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


def _fresh_copy(root: Path) -> Path:
    copy = root / "brandkit"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "_site", "_card", "*.egg-info")
    for name in ("brandkit", "themes", "example-site", "scripts"):
        shutil.copytree(REPO / name, copy / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".gitignore"):
        shutil.copy2(REPO / name, copy / name)
    return copy


def test_the_readme_starts_with_the_set_up_script() -> None:
    assert _first_setup_command() == "bash scripts/setup"
    assert "pip install ." not in _first_setup_command()  # no global install


def test_the_first_set_up_command_works_on_a_python_that_refuses_global_installs(tmp_path: Path) -> None:
    if not _refuses_global_installs(SYSTEM_PYTHON):
        if os.environ.get("CI", "").lower() in {"true", "1"} and Path("/etc/debian_version").exists():
            pytest.fail(f"{SYSTEM_PYTHON} should be Debian's Python, which refuses global installs")
        pytest.skip(f"no {SYSTEM_PYTHON} that refuses global installs (PEP 668) here")
    copy = _fresh_copy(tmp_path)
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PIP_USER"}}
    env.update(PYTHON=str(SYSTEM_PYTHON), PIP_DISABLE_PIP_VERSION_CHECK="1")
    # Positive control: this Python does refuse what the README used to say (when it has
    # a pip at all: Debian's python3 comes without one unless python3-pip is installed).
    has_pip = subprocess.run([str(SYSTEM_PYTHON), "-m", "pip", "--version"], env=env,
                             capture_output=True, check=False).returncode == 0
    if has_pip:
        refused = subprocess.run([str(SYSTEM_PYTHON), "-m", "pip", "install", "--dry-run", "."],
                                 cwd=copy, env=env, capture_output=True, text=True, check=False)
        assert refused.returncode != 0
        assert "externally-managed-environment" in refused.stdout + refused.stderr

    done = subprocess.run(_first_setup_command(), shell=True, cwd=copy, env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (copy / "example-site" / "_site" / "index.html").is_file()
    assert (copy / ".venv" / "bin" / "brandkit").is_file()
    version = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c",
                              "import sys; print(sys.base_prefix)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == "/usr"  # the environment is the system Python's
