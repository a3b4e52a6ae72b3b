"""Markdown of the common shape, read without markdown-it.

Most of what people write is paragraphs, "- " lists and "#" headings. markdown-it takes
~0.5 ms for such a body, most of it trying every block rule on every line, and ~20 ms
to import: a 1,000-item portfolio pays half a second, the example site a tenth of its
build. ``blocks`` reads that shape directly and gives up (None: markdown-it reads
it) on anything else. Property tests hold both results to markdown-it's, byte for byte
(tests/text/test_markdown.py).
"""

from __future__ import annotations

import re
from typing import Any

# Anything that could be a link, HTML, a table, a tab stop, a hard line break or an odd
# line ending sends the whole text to markdown-it; so do the few characters that
# str.strip removes and markdown-it's trim (newer versions) keeps.
_GIVE_UP = re.compile(r"[\[\]<|\0\r\t\x1c-\x1f\x85]|  \n|  $")
_HEADING = re.compile(r"(#{1,6}) +([^ #](?:.*[^ #])?) *$")
_BULLET = re.compile(r"([-*+]) (\S.*?) ?$")
_ORDERED = re.compile(r"\d{1,9}[.)]( |$)")
# Characters that may start inline markup (emphasis, code, strikethrough, an escape, an
# entity): text with one goes through markdown-it's inline parser alone.
_INLINE = re.compile(r"[*_`~\\&]")
# A run of three or more "*" is one delimiter run, not pairs of them: "**a****b**" is one
# bold "a****b" under CommonMark's rule of three. (A lone "*" is caught by _INLINE.)
_LONG_RUN = re.compile(r"\*{3}")


def blocks(source: str) -> list[tuple[str, Any]] | None:
    """``source`` as ("p" | "h1"…"h6", text) and ("ul", [item texts]) when it is only
    paragraphs, tight lists and ATX headings of plain lines; None for anything else."""
    if _GIVE_UP.search(source):
        return None
    found: list[tuple[str, Any]] = []
    paragraph: list[str] = []
    items: list[str] = []
    marker = ""
    after_list = False  # a blank line after a list: a bullet here would make it loose

    def close() -> None:
        # markdown-it trims a paragraph's ends of Unicode spaces too (U+3000…).
        if paragraph:
            found.append(("p", "\n".join(paragraph).strip()))
            paragraph.clear()
        if items:
            found.append(("ul", [item.strip() for item in items]))
            items.clear()

    for line in source.split("\n"):
        if not line.strip(" "):
            after_list = after_list or bool(items)
            close()
            continue
        if not line.strip():
            return None  # only Unicode spaces: not blank to markdown-it, an empty paragraph
        first = line[0]
        if first == "#":
            heading = _HEADING.match(line)
            if heading is None or items:
                return None
            close()
            found.append((f"h{len(heading.group(1))}", heading.group(2).strip()))
            after_list = False
        elif first in "-*+" and line[1:2] in ("", " "):
            bullet = _BULLET.match(line)
            if bullet is None or not _plain_start(bullet.group(2)) or after_list \
                    or (items and bullet.group(1) != marker):
                return None
            if paragraph:
                close()  # a list may interrupt a paragraph
            marker = bullet.group(1)
            items.append(bullet.group(2))
        elif items or not _plain_start(line):
            return None  # a line continuing a list item, or another kind of block
        else:
            paragraph.append(line)
            after_list = False
    close()
    return found


def _plain_start(line: str) -> bool:
    """Whether ``line`` starts a paragraph's text rather than another block: a quote,
    fence, indented code, heading, list item, thematic break or setext underline."""
    first = line[0]
    if first in " >#":
        return False
    if first in "`~":  # a fence takes three
        return line[:3] != first * 3
    if first in "-*+_=":  # "**bold**", "-1 °C": text unless marker-shaped or a rule
        return not (first in "-*+" and line[1:2] in ("", " ")) and bool(line.strip(first + " "))
    return not (first.isdigit() and _ORDERED.match(line))


def inline_html(found: list[tuple[str, str]]) -> str:
    """The HTML of ``spans``' result, as markdown-it writes it."""
    html = []
    for tag, part in found:
        if tag != "code":  # a space before a line break goes: a soft break
            part = part.replace(" \n", "\n")
        part = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        html.append(f"<{tag}>{part}</{tag}>" if tag else part)
    return "".join(html)


def spans(text: str) -> list[tuple[str, str]] | None:
    """``text`` as ("" | "strong" | "code", text) spans when its only inline markup is
    `code` and **bold** of the plainest kind; None for anything else.

    A code span here is one backtick each side, no line break, no space at either end
    (CommonMark trims one there). Every run of "*" is two long, and a bold part starts
    and ends with a letter or digit: then every ``**`` pair opens and closes under
    CommonMark's flanking rules, in any version of them (punctuation next to a delimiter
    is where they differ)."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0 or "``" in text:  # a run of backticks is one delimiter
        return None
    found: list[tuple[str, str]] = []
    for i, piece in enumerate(pieces):
        if i % 2:
            if not piece or "\n" in piece or piece[0] == " " or piece[-1] == " ":
                return None
            found.append(("code", piece))
            continue
        parts = piece.split("**")
        if len(parts) % 2 == 0 or _LONG_RUN.search(piece) or any(_INLINE.search(part) for part in parts):
            return None
        for j, part in enumerate(parts):
            if j % 2 and not (part and part[0].isalnum() and part[-1].isalnum()):
                return None
            found.append(("strong" if j % 2 else "", part))
    return found
