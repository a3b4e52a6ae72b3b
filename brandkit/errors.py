"""The three kinds of failure brandkit knows, and the located problem they carry.

* ``BrandkitError`` — the user asked for something we refuse (bad folder, missing file);
  one message, exit code 1.
* ``ProfileError`` — the profile or a portfolio item is invalid; carries *every*
  ``Problem`` found, each located (file:line:col, dotted field path, value, hint).
* Anything else is a bug in brandkit and shows a traceback.
"""

from __future__ import annotations

import os

from brandkit.messages import say
from brandkit.record import record

# Long values are shortened in messages so one bad 10,000-character field stays readable.
_MAX_VALUE = 60


@record(frozen=True)
class Problem:
    """One thing wrong (or, with ``warning=True``, worth improving) in a user's file."""

    file: str
    line: int  # 1-based; 0 when unknown
    col: int  # 1-based; 0 when unknown
    path: str  # dotted field path, e.g. "contacts.email"; "" for the whole file
    message: str
    value: object = None
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col}" if self.col else f":{self.line}"
        text = f"{where}: "
        if self.warning:
            text += say("warning") + ": "
        if self.path:  # keys are user text too: keep control characters off the terminal
            path = _printable(self.path)
            if len(path) > 2 * _MAX_VALUE:  # a 10,000-character key must not flood the line
                path = path[: 2 * _MAX_VALUE - 1] + "…"
            text += f"{path}: "
        text += self.message
        if self.value is not None:
            text += f" ({say('got')} {show_value(self.value)})"
        if self.hint:
            text += f"; {self.hint}"
        return text


def show_value(value: object) -> str:
    """A value as the user wrote it, quoted and shortened — never a Python repr of a type."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        return say("value_mapping")
    elif isinstance(value, list):
        return say("value_list")
    elif value is None:
        return say("value_nothing")
    else:
        text = str(value)
    text = _printable(text)
    if len(text) > _MAX_VALUE:
        text = text[: _MAX_VALUE - 1] + "…"
    return '"' + text.replace('"', '\\"') + '"'


def _printable(text: str) -> str:
    # Control characters (and bidi overrides) would scramble the terminal line.
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


class BrandkitError(Exception):
    """A user error with one plain message (exit code 1)."""


class UsageError(BrandkitError):
    """A wrong command-line value that only the command itself can tell (a branch name git
    refuses): exit code 2, as for the values argparse checks."""


class ProfileError(BrandkitError):
    """Invalid input: every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col))
        lines = [str(p) for p in self.problems] + [say("problems_found", count=len(self.problems))]
        super().__init__("\n".join(lines))


def shown_path(path: str | os.PathLike[str]) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    text = os.fspath(path)
    # Absolute paths (all of a build's) without relpath's work, ~0.1 ms a call.
    if os.path.isabs(text) and os.path.normpath(text) == text:
        cwd = os.getcwd()
        inside = cwd.rstrip(os.sep) + os.sep
        if text == cwd:
            return "."
        return text.removeprefix(inside)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    if not relative.startswith(".."):
        return relative
    from pathlib import Path  # rare: a file outside the working folder

    return str(Path(path).absolute())
