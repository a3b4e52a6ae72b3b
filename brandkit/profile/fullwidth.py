"""Full-width characters typed where YAML needs its own: a Japanese input method's slips.

With an input method on, `family： 佐藤`, an indentation of full-width spaces (U+3000), a
list dash `－` or a comment `＃` come out as easily as the half-width ones YAML reads.
PyYAML then fails a line later with words about something else, or, worse, reads the
line as text (`name:` followed by `　family: 佐藤` is a name). So the raw text is read
first, line by line, for these characters where YAML expects structure: the start of a
line, after its indentation, and the colon that ends a key. Inside quotes and block
scalars (`|`, `>`) they are text, and inside a value (after `key: `) they are the user's
words; neither is reported.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from brandkit.errors import Problem
from brandkit.messages import say

SPACE = "\u3000"  # IDEOGRAPHIC SPACE, the input method's space
COLON = "："
HASH = "＃"
# What an input method gives for `-`: full-width hyphen-minus, minus sign, katakana long
# vowel mark, hyphen. A line that starts with one of them and a space is a list item.
DASHES = "－−ー‐"
_ANY = SPACE + COLON + HASH + DASHES
_GAP = (" ", "\t", SPACE, "")  # what may follow a `:` or `-` that ends a key or dash
_FULL = re.compile(f"[{_ANY}]")
_COLON_GAP = re.compile(f"{COLON}(?:[ \t{SPACE}]|$)", re.MULTILINE)
_STARTS = frozenset(DASHES + HASH)
# `key: |`, `- >-`, `|2` (a comment may follow): the lines after are a block's text.
_OPENS_BLOCK = re.compile(r"(?:^|:[ \t]+|-[ \t]+)[|>][-+0-9]*[ \t]*(?:#.*)?$")
# brandkit's keys are ASCII words; a full-width `ｒｏｌｅ` is one after NFKC.
_KEY = re.compile(r"[A-Za-z0-9_]+")
# In a list, `- AI： 教育` may well be text: there only brandkit's own lowercase keys
# (`- title： …`) are taken for keys.
_LIST_KEY = re.compile(r"[a-z0-9_]+")
# ASCII stand-ins, one character each so that every column on the line stays put.
_ASCII = {SPACE: " ", COLON: ":", HASH: "#", **dict.fromkeys(DASHES, "-")}

try:  # as in yamlload.py: libyaml when PyYAML has it
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Spot = tuple[int, int, str]  # line, column (1-based), the character found


def fullwidth_problems(text: str, file: str) -> tuple[list[Problem], list[str]]:
    """Each full-width character in a structural place, and the text with each one
    replaced by its ASCII twin, to look for other mistakes: twice, as an input method's
    space is as wide as two and an indentation of `　` may stand for one space or two."""
    if not _maybe(text):  # nearly every file, Japanese ones too: nothing to do
        return [], []
    spots = _candidates(text)
    if spots:  # `：` and `　` are common in Japanese values: most candidates are text
        # Text as the file is written and as it would be with the candidates in ASCII:
        # `－ a` followed by `ー b` reads as one value running over two lines, but only
        # because of the full-width dashes.
        spans = _text_spans(text), _text_spans(ascii_twin(text, spots))
        spots = [s for s in spots if not all(_inside(s, reading) for reading in spans)]
    problems = [Problem(file, line, col, "", _message(text, line, col, char))
                for line, col, char in spots]
    if not spots:
        return [], []
    return problems, [ascii_twin(text, spots), ascii_twin(text, spots, wide=True)]


def _maybe(text: str) -> bool:
    """Whether a full-width character may stand where YAML needs its own: a quick look
    (0.1 ms) that spares the line-by-line reading (0.5 ms) of a profile whose `ー` and
    `：` are all in its text. Any `　` leaves the question to that reading."""
    if SPACE in text or (COLON in text and _COLON_GAP.search(text)):
        return True
    return any(row.lstrip(" \t-")[:1] in _STARTS for row in text.split("\n"))


def ascii_twin(text: str, spots: list[Spot], wide: bool = False) -> str:
    """``text`` with the characters at ``spots`` in ASCII; ``wide``: a `　` in the
    indentation as two spaces (columns after it then move on that line)."""
    lines = text.split("\n")
    for line, col, char in sorted(spots, reverse=True):  # right to left: columns stay put
        row = lines[line - 1]
        ascii = "  " if wide and char == SPACE and not row[: col - 1].strip(" \t" + SPACE) else _ASCII[char]
        lines[line - 1] = row[: col - 1] + ascii + row[col:]
    return "\n".join(lines)


def _message(text: str, line: int, col: int, char: str) -> str:
    if char == COLON:
        return say("fw_colon")
    if char == HASH:
        return say("fw_hash")
    if char in DASHES:
        return say("fw_dash", char=char)
    before = text.split("\n")[line - 1][: col - 1].rstrip(" " + SPACE)
    if before.endswith(":"):
        return say("fw_after_colon")
    return say("fw_after_dash") if before.strip(" \t" + SPACE) else say("fw_indent")


def _candidates(text: str) -> list[Spot]:
    spots: list[Spot] = []
    block: int | None = None  # the indentation of the line that opened a `|` / `>` scalar
    for number, row in enumerate(text.split("\n"), 1):
        content = row.lstrip(" \t" + SPACE)
        indent = len(row) - len(content)
        if block is not None:
            ascii_indent = len(row) - len(row.lstrip(" "))
            if not content or ascii_indent > block:  # a line of the block's text
                continue
            block = None
        if not _FULL.search(row):  # most lines: only whether a block scalar opens here
            if _OPENS_BLOCK.search(content):
                block = indent
            continue
        if SPACE in row[:indent]:
            spots.append((number, row.index(SPACE) + 1, SPACE))
        col = indent  # 0-based index into row of what follows the indentation
        if row[col:col + 1] == HASH:
            spots.append((number, col + 1, HASH))
            continue
        while row[col:col + 1] in ("-", *DASHES) and row[col + 1:col + 2] in _GAP:
            if row[col] in DASHES:
                spots.append((number, col + 1, row[col]))
            col += 1
            while row[col:col + 1] in (" ", SPACE):
                if row[col] == SPACE:
                    spots.append((number, col + 1, SPACE))
                col += 1
        found, opens_block = _key_end(row, col, in_list=col > indent)
        spots += [(number, c, ch) for c, ch in found]
        if opens_block:
            block = indent
    return spots


def _key_end(row: str, start: int, in_list: bool) -> tuple[list[tuple[int, str]], bool]:
    """The full-width characters that end the key starting at ``start`` (column, char),
    and whether the line opens a block scalar (`key: |`, `- >`)."""
    rest = row[start:]
    if not rest or rest[0] in "#\"'[{&*!%@`":
        return [], False
    if rest[0] in "|>":
        return [], True
    for i, char in enumerate(rest):
        after = rest[i + 1:i + 2]
        if char == ":" and after in (" ", "\t", ""):
            return [], rest[i + 1:].strip()[:1] in ("|", ">")
        if char == " " and after == "#":  # a comment: no key on this line
            return [], False
        if char in (":", COLON) and (after in _GAP) and _is_key(rest[:i], in_list):
            found = [(start + i + 1, COLON)] if char == COLON else []
            if after == SPACE:
                found.append((start + i + 2, SPACE))
            if found:
                value = rest[i + 1:].strip(" \t" + SPACE)
                return found, value[:1] in ("|", ">")
            return [], False
    return [], False


def _is_key(word: str, in_list: bool) -> bool:
    return bool((_LIST_KEY if in_list else _KEY).fullmatch(unicodedata.normalize("NFKC", word).strip()))


def _text_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where quoted and block scalars are (1-based line and column, start and end), and
    the lines after the first of a plain scalar that runs over several, as far as YAML
    can read the file: characters there are the user's text."""
    spans = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if not isinstance(token, yaml.ScalarToken):
                continue
            start, end = token.start_mark, token.end_mark
            if token.style:
                spans.append(((start.line + 1, start.column + 1), (end.line + 1, end.column + 1)))
            elif end.line > start.line:
                spans.append(((start.line + 2, 1), (end.line + 1, end.column + 1)))
    except yaml.YAMLError:  # the rest is read line by line only
        pass
    return spans


def _inside(spot: Spot, spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> bool:
    at = spot[:2]
    return any(start <= at < end for start, end in spans)
