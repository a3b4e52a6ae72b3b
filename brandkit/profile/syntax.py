"""PyYAML's syntax errors in brandkit's words, English and Japanese, at the right place.

PyYAML says "while scanning for the next token found character that cannot start any
token", in English whatever the user reads, often a line after the mistake. The common
mistakes are recognised from its words (libyaml's and the pure-Python parser's) and the
text around the mark, and located where the user must edit: the opening quote or bracket
that is never closed, the key with no `:`, the tab. Anything else keeps PyYAML's detail
inside a sentence of ours.
"""

from __future__ import annotations

import yaml

from brandkit.errors import Problem
from brandkit.messages import say

_RESERVED = "@`%"  # YAML keeps these; a plain value may not start with one
_CLOSE = {"[": "]", "{": "}"}


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """The located problem for ``exc``, raised while reading ``text``."""
    words = " ".join(w for w in (exc.context, exc.problem) if w)
    problem, context = exc.problem or "", exc.context or ""
    at, opened = _where(exc.problem_mark), _where(exc.context_mark)
    if at is None:
        at = opened or (0, 0)
    rows = text.split("\n")

    def char(place: tuple[int, int] | None) -> str:
        if place is None or not 0 < place[0] <= len(rows):
            return ""
        return rows[place[0] - 1][place[1] - 1:place[1]]

    def located(message: str, place: tuple[int, int] = at, hint: str = "") -> Problem:
        return Problem(file, place[0], place[1], "", message, hint=hint)

    found = char(at)
    if "quoted scalar" in context and opened:
        quote = char(opened) or '"'
        return located(say("yaml_unclosed_quote", quote=quote), opened,
                       say("yaml_unclosed_quote_hint", quote=quote))
    if "flow" in context:  # `[` / `{`, or the item after a `,` in one, never closed
        start = opened if opened and char(opened) in _CLOSE else _open_bracket(rows, at)
        bracket = char(start) if char(start) in _CLOSE else ("{" if "mapping" in context else "[")
        close = _CLOSE[bracket]
        return located(say("yaml_unclosed_flow", open=bracket, close=close), start,
                       say("yaml_unclosed_flow_hint", close=close))
    if "cannot start any token" in problem or "found a tab" in problem:
        if found == "\t" or "'\\t'" in problem or "tab" in problem:
            return located(say("yaml_tab"))
        if found and found in _RESERVED:
            value = rows[at[0] - 1][at[1] - 1:].strip()
            return located(say("yaml_reserved", char=found), hint=say(
                "yaml_quote_hint", value=quoted(value)))
    if "could not find expected ':'" in problem and opened:
        return located(say("yaml_no_colon"), opened)
    if "mapping values are not allowed" in problem:
        row = rows[at[0] - 1] if 0 < at[0] <= len(rows) else ""
        key_end = _first_colon(row)
        if key_end is not None and key_end < at[1] - 1:  # a second `: ` on the line
            value = row[key_end + 1:].strip()
            return located(say("yaml_colon_value"),
                           hint=say("yaml_quote_hint", value=quoted(value)))
        first = len(row) - len(row.lstrip(" "))
        return located(say("yaml_indent_deeper"), (at[0], first + 1),
                       say("yaml_indent_deeper_hint"))
    if ("did not find expected key" in problem or "expected <block end>" in problem
            or "did not find expected '-'" in problem):
        row = rows[at[0] - 1] if 0 < at[0] <= len(rows) else ""
        first = len(row) - len(row.lstrip(" "))
        if at[1] - 1 > first and row[first:first + 1] not in ("", "#"):
            return located(say("yaml_after_value"), hint=say("yaml_after_value_hint"))
        if found == "-" and "expected '-'" not in problem:
            return located(say("yaml_list_item"), hint=say("yaml_list_item_hint"))
        if "expected '-'" in problem or ("block collection" in context and found != "-"):
            return located(say("yaml_want_dash"))
        return located(say("yaml_indent_uneven"), hint=say("yaml_indent_uneven_hint"))
    if "block scalar" in context:  # `about: |本文`: the text belongs on the next lines
        return located(say("yaml_block_scalar"), hint=say("yaml_block_scalar_hint"))
    if "single document" in context:  # a second `---`, e.g. a pasted front matter
        return located(say("yaml_second_document"), hint=say("yaml_second_document_hint"))
    if "undefined alias" in problem:
        return located(say("alias"), hint=say("alias_hint"))
    return located(say("yaml_other", detail=words))


def reader_problem(exc: yaml.YAMLError, text: str, file: str) -> Problem:
    """A character YAML refuses to read (a control character), where it first is: its
    ``position`` counts bytes in libyaml and characters in PyYAML, so it is looked up."""
    code = getattr(exc, "character", None)
    if not isinstance(code, int) or chr(code) not in text:
        return Problem(file, 0, 0, "", say("yaml_other", detail=getattr(exc, "reason", "") or exc))
    at = text.index(chr(code))
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(file, line, col, "", say("yaml_control", code=f"{code:04X}"),
                   hint=say("yaml_control_hint"))


def quoted(value: str) -> str:
    """``value`` as a YAML string in quotes: double, unless it holds a double quote."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _open_bracket(rows: list[str], at: tuple[int, int]) -> tuple[int, int]:
    """Where the last `[` or `{` before ``at`` that is not closed was opened (quotes and
    comments skipped), else ``at``."""
    stack: list[tuple[int, int]] = []
    for number, row in enumerate(rows[: at[0]], 1):
        quote = ""
        for col, char in enumerate(row, 1):
            if (number, col) >= at:
                break
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            # A comment: where a token could start (PyYAML reads `[#` as `[` and a comment).
            elif char == "#" and (col == 1 or row[col - 2] in " \t[{,"):
                break
            elif char in _CLOSE:
                stack.append((number, col))
            elif char in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else at


def _where(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def _first_colon(row: str) -> int | None:
    """Index of the `:` that ends the key of ``row`` (one followed by a space), if any."""
    for i, char in enumerate(row):
        if char == ":" and row[i + 1:i + 2] in (" ", "\t", ""):
            return i
        if char in "\"'" and i == len(row) - len(row.lstrip(" -")):
            return None  # a quoted key or value: PyYAML's mark says more than we could
    return None
