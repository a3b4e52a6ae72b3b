"""The command that adds one of brandkit's optional extras to the environment running it.

brandkit is installed from git or a clone (``pipx install git+…``, ``bash scripts/setup``),
not from a package index, so ``pip install "brandkit[pdf]"`` finds nothing (or, worse,
somebody else's package of that name), and a bare ``pip`` may belong to another Python or
be refused outright (PEP 668). The packages themselves, installed by the very Python that
runs brandkit, work for every way of installing it: a venv, pipx's venv, a clone.
"""

from __future__ import annotations

import os
import shlex
import sys

# The same requirements as pyproject.toml's [project.optional-dependencies] (a test
# compares them): the package's metadata is not there when brandkit runs from a clone.
EXTRAS: dict[str, tuple[str, ...]] = {
    "pdf": ("weasyprint>=62", "pypdfium2>=4.30"),
    "images": ("pillow>=10",),
}


def install_command(extra: str, python: str | None = None, windows: bool | None = None) -> str:
    """``<this python> -m pip install <the extra's packages>``, quoted for the shell."""
    python = python or sys.executable or "python3"
    windows = os.name == "nt" if windows is None else windows
    quote = _quote_cmd if windows else shlex.quote
    return " ".join(quote(arg) for arg in (python, "-m", "pip", "install", *EXTRAS[extra]))


def _quote_cmd(arg: str) -> str:
    # cmd.exe reads "…" as one argument; unquoted, > and < would redirect
    return f'"{arg}"' if any(c in arg for c in ' <>&|^()') else arg


# What each extra lets brandkit import: an extra counts as installed when all of them are.
MODULES: dict[str, tuple[str, ...]] = {"pdf": ("weasyprint", "pypdfium2"), "images": ("PIL",)}


def installed() -> tuple[str, ...]:
    """The extras this environment has, smallest set that says so: ``pdf`` brings Pillow
    (WeasyPrint needs it), so ``images`` is named only without ``pdf``."""
    from importlib import util

    have = [extra for extra, modules in MODULES.items()
            if all(util.find_spec(module) is not None for module in modules)]
    return ("pdf",) if "pdf" in have else tuple(have)
