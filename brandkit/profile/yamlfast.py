"""A fast path for the small corner of YAML that profiles and front matter are written in.

libyaml composes a short front matter in ~80 µs and converting its nodes takes ~55 µs
more: at 1,000 portfolio items, most of loading a site. ``compose_simple`` reads block
mappings with plain keys, block sequences, one-line scalars, one-line flow lists and
literal blocks line by line, and builds the ``Doc`` ``load_text`` would, marks included.
For anything else, or anything it is unsure of, it returns None: libyaml reads that and
reports its problems. tests/profile/test_yamlfast.py compares both on generated text.
Scalars are checked with string methods: a regex spelling out YAML's rules for plain
scalars costs ten times as much on a long value.
"""

from __future__ import annotations

import re
from datetime import date
from operator import sub
from typing import Any

import yaml

from brandkit.profile.yamlload import _SCALAR_TAGS, Doc, Path, scalar_value

# libyaml's reader accepts more; we also leave it tabs and CR (indentation and line-break
# rules we would rather not copy), NEL and the Unicode line separators (line breaks to
# libyaml, not to str.split) and the BOM (a stream marker). Every character outside these
# ranges is one Python calls unprintable, so only those are looked up. (As a regex
# character class, the ranges took ~6 ms to compile: a tenth of a small build.)
_ALLOWED = ((0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF), (0xE000, 0xFEFE),
            (0xFF00, 0xFFFD), (0x10000, 0x10FFFF))
_ASCII = b"\n" + bytes(range(0x20, 0x7F))  # the same, for ASCII text
# A key that needs no quotes and resolves to no special tag (`<<`, `=`), then the spaces
# before its value. libyaml gives up on simple keys longer than 1,024 characters.
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]{0,200}):(?: +|$)")
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_LITERAL = re.compile(r"\|(-?)(?: *| +#.*)$")  # `|` and `|-`; `|+`, `|2`, `>` are not ours
# What a value may not start with unless it is one of the quoted, flow or literal values
# read below. "-" may start a plain scalar before a non-space ("-1").
_INDICATORS = frozenset("?:,[]{}#&*!|>'\"%@`")
# What a plain item of a flow list may not hold (`,` and `]` end it).
_FLOW_ODD = re.compile(r"""[\[\]{}#:'"]|^[&*!|>%@`?-]""")
_SKIP = ("", "#")  # how a blank line and a comment start, once indentation is stripped
_DEEPEST = 30  # well inside yamlload.MAX_DEPTH, whose problem this path never reports
# PyYAML's implicit resolvers, the ones CSafeLoader uses (`yes` is a bool, `~` null), by
# first character (PyYAML has none for "any character").
_RESOLVER = yaml.resolver.Resolver()  # no path resolvers: resolving changes nothing in it
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
# A date alone; the timestamp resolver takes it, and no resolver before it (int, float).
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class _Bail(Exception):
    """Not the YAML this reader knows: libyaml reads it instead."""


def compose_simple(text: str, file: str) -> Doc | None:
    """The ``Doc`` ``load_text`` would give for ``text`` if it is simple YAML, else None."""
    if text.isascii():  # the usual case, and the quickest check
        if text.encode().translate(None, _ASCII):
            return None
    # What Python calls printable libyaml accepts; the rest (NBSP, …) is looked up.
    elif not text.replace("\n", " ").isprintable() and not all(
            any(low <= ord(c) <= high for low, high in _ALLOWED)
            for c in set(text) - {"\n"} if not c.isprintable()):
        return None
    reader = _Reader(text)
    i = reader.next(0)
    if i == len(reader.lines):  # nothing but comments
        return None
    try:
        data, i = reader.node(i, 0, ())
    except _Bail:
        return None
    if i < len(reader.lines):  # something less indented than the top, or after it
        return None
    return Doc(file, data, reader.marks, reader.key_marks, reader.raw)


def _is_item(body: str) -> bool:
    return body == "-" or body[:2] == "- "


def _ends(rest: str) -> bool:
    """Whether what follows a value on its line is only spaces and perhaps a comment."""
    return not rest.strip(" ") or rest[0] == " " and rest.lstrip(" ")[0] == "#"


def _resolve(plain: str) -> Any:
    """The value of a plain scalar that starts like a number, a date, a bool or null."""
    if _DATE.match(plain):  # in every item: what construct_yaml_timestamp does, sooner
        try:
            return date.fromisoformat(plain)
        except ValueError:  # 2026-02-31: kept as text, as scalar_value does
            return plain
    tag = _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False))
    if tag not in _SCALAR_TAGS:  # `=` (!!value), `<<` (!!merge): problems to report
        raise _Bail
    return scalar_value(tag, plain)


class _Reader:
    """One pass over the lines; each method returns its value and the next line to read."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.bodies = [line.lstrip(" ") for line in self.lines]  # a `- key:` item rewrites its own
        self.indents = list(map(sub, map(len, self.lines), map(len, self.bodies)))
        self.marks: dict[Path, tuple[int, int]] = {}
        self.key_marks: dict[Path, tuple[int, int]] = {}
        self.raw: dict[Path, str] = {}

    def next(self, i: int) -> int:
        """The first line from ``i`` on that is neither blank nor a comment."""
        bodies = self.bodies
        while i < len(bodies) and bodies[i][:1] in _SKIP:
            i += 1
        return i

    def node(self, i: int, depth: int, path: Path) -> tuple[Any, int]:
        """The block mapping or sequence whose first line is ``i``."""
        if depth > _DEEPEST:
            raise _Bail
        if _is_item(self.bodies[i]):
            return self.seq(i, depth, path)
        return self.map(i, depth, path)

    def map(self, i: int, depth: int, path: Path) -> tuple[dict[str, Any], int]:
        bodies, indents, marks, key_marks = self.bodies, self.indents, self.marks, self.key_marks
        n = indents[i]
        marks[path] = (i + 1, n + 1)  # libyaml marks a block mapping at its first key
        result: dict[str, Any] = {}
        while True:
            body = bodies[i]
            match = _KEY.match(body)
            if match is None:
                raise _Bail
            key = match.group(1)
            if key in result:  # a duplicate: libyaml's path reports it
                raise _Bail
            child = path + (key,)
            key_marks[child] = (i + 1, n + 1)
            col = match.end()
            if col < len(body) and body[col] != "#":
                result[key], i = self.value(body[col:], i, n + col, n, child)
            else:
                j = self.next(i + 1)
                if j < len(bodies) and (indents[j] > n or indents[j] == n and _is_item(bodies[j])):
                    result[key], i = self.node(j, depth + 1, child)
                else:  # `key:` alone is null, marked just after its colon
                    marks[child] = (i + 1, n + len(key) + 2)
                    self.raw[child] = ""
                    result[key], i = None, j
            if i == len(bodies) or indents[i] < n:
                return result, i
            if indents[i] > n:  # a continuation line, or indentation libyaml would refuse
                raise _Bail

    def seq(self, i: int, depth: int, path: Path) -> tuple[list[Any], int]:
        bodies, indents = self.bodies, self.indents
        n = indents[i]
        self.marks[path] = (i + 1, n + 1)  # at its first `-`
        items: list[Any] = []
        while _is_item(bodies[i]):  # a key at `n` ends a sequence written under its key
            body = bodies[i]
            rest = body[2:].lstrip(" ")
            if rest[:1] in ("", "#", "|"):  # a value on the lines below: not ours
                raise _Bail
            col = n + len(body) - len(rest)
            child = path + (len(items),)
            if _KEY.match(rest):  # `- url: …`: a mapping whose keys line up with `url`
                bodies[i], indents[i] = rest, col
                value, i = self.node(i, depth + 1, child)
            else:
                value, i = self.value(rest, i, col, n, child)
            items.append(value)
            if i == len(bodies) or indents[i] < n:
                break
            if indents[i] > n:
                raise _Bail
        return items, i

    def value(self, text: str, i: int, col: int, n: int, path: Path) -> tuple[Any, int]:
        """What starts at column ``col`` of line ``i`` (in a block indented ``n``)."""
        self.marks[path] = (i + 1, col + 1)  # quotes, `[` and `|` included
        first = text[0]
        if first not in _INDICATORS:  # plain: ends at " #", trailing spaces not its own
            cut = text.find(" #")
            value = (text if cut < 0 else text[:cut]).rstrip(" ")
            if ": " in value or value[-1] == ":" or first == "-" and value[1:2] in ("", " "):
                raise _Bail  # a mapping libyaml would refuse here, or a sequence entry
            self.raw[path] = value
            if first in _IMPLICIT:  # most text starts with no resolver's first character
                value = _resolve(value)
        elif first == '"':
            close = text.find('"', 1)
            if close < 0 or "\\" in text or close + 1 < len(text) and not _ends(text[close + 1:]):
                raise _Bail  # more lines, an escape, or more after the closing quote
            self.raw[path] = value = text[1:close]
        elif first == "'":
            match = _SINGLE.match(text)
            if match is None or not _ends(text[match.end():]):
                raise _Bail
            self.raw[path] = value = match.group(1).replace("''", "'")
        elif first == "[":
            value = self.flow(text, i, col, path)
        elif first == "|":
            return self.literal(text, i, n, path)
        else:  # `{`, an anchor, an alias, a tag, `>`, …
            raise _Bail
        return value, self.next(i + 1)

    def flow(self, text: str, i: int, col: int, path: Path) -> list[Any]:
        """``[a, "b c", 1]`` on one line; nothing nested, no `,` or `]` inside quotes."""
        close = text.find("]")
        if close < 0 or not _ends(text[close + 1:]):
            raise _Bail
        inner = text[1:close]
        if not inner.strip(" "):
            return []
        items: list[Any] = []
        start = col + 1  # column of each part, its spaces included
        for part in inner.split(","):
            item = part.strip(" ")
            child = path + (len(items),)
            if item[:1] == '"' or item[:1] == "'":
                if len(item) < 2 or item[-1] != item[0] or item[0] in item[1:-1] or "\\" in item:
                    raise _Bail
                self.raw[child] = value = item[1:-1]
            else:
                if not item or _FLOW_ODD.search(item):
                    raise _Bail
                self.raw[child] = value = item
                if item[0] in _IMPLICIT:
                    value = _resolve(item)
            self.marks[child] = (i + 1, start + len(part) - len(part.lstrip(" ")) + 1)
            items.append(value)
            start += len(part) + 1
        return items

    def literal(self, text: str, i: int, n: int, path: Path) -> tuple[str, int]:
        """A ``|`` block as libyaml reads it: indentation set by its first line, clipped."""
        match = _LITERAL.match(text)
        if match is None:
            raise _Bail
        lines, bodies, indents = self.lines, self.bodies, self.indents
        j, widest = i + 1, 0
        while j < len(lines) and not bodies[j]:  # blank lines before the first line
            widest, j = max(widest, len(lines[j])), j + 1
        # No content, content not deeper than its key, or a blank line deeper than the first
        # line (libyaml would take its width for the indentation): not ours.
        if j == len(lines) or indents[j] <= n or widest > indents[j]:
            raise _Bail
        indent, last, blank = indents[j], j, 0
        parts = ["\n" * (j - i - 1), lines[j][indent:]]
        j += 1
        while j < len(lines):
            if not bodies[j] and len(lines[j]) <= indent:
                blank += 1
            elif indents[j] < indent:  # the next key, or a comment that ends the block
                break
            else:
                parts += ("\n" * (blank + 1), lines[j][indent:])
                blank, last = 0, j
            j += 1
        value = "".join(parts)
        if not match.group(1) and last < len(lines) - 1:  # clip: one line break, if written
            value += "\n"
        self.raw[path] = value
        return value, self.next(j)
