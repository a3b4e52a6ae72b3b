"""Markdown → safe HTML, and Markdown → plain text for meta descriptions.

Profiles are written by the site owner, but they are often pasted from elsewhere, so
the renderer is strict anyway: raw HTML is shown as text and only a short allowlist of
link schemes becomes a link or an image.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_EXTERNAL = frozenset({"http", "https"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Browsers drop leading/trailing C0 controls and spaces, and ASCII tabs and newlines
# anywhere, before they look for a scheme ("java\tscript:" still runs), so we do too.
_EDGE_JUNK = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_WHITESPACE = re.compile(r"\s+")


def _as_browser_sees(url: str) -> str:
    # markdown-it hands us a percent-encoded URL; decoding first is stricter than a
    # browser (which would treat "javascript%3A…" as a relative path), never looser.
    return _TAB_NEWLINE.sub("", unquote(url)).strip(_EDGE_JUNK)


def url_scheme(url: str) -> str | None:
    """The lower-case scheme a browser would see in ``url``; None for a relative URL."""
    match = _SCHEME.match(_as_browser_sees(url))
    return match.group(1).lower() if match else None


def is_safe_url(url: str) -> bool:
    """True for http/https/mailto/tel URLs and same-site relative URLs."""
    cleaned = _as_browser_sees(url)
    # Browsers read "\" as "/": "/\host" and "\\host" lead to another site, and "http:\x"
    # is a link no one meant to write. No real address needs one.
    if "\\" in cleaned:
        return False
    scheme = url_scheme(url)
    if scheme is not None:
        return scheme in ALLOWED_SCHEMES
    return not cleaned.startswith("//")  # protocol-relative: another site


def render_markdown(source: str) -> Markup:
    """CommonMark (plus tables and strikethrough) as HTML that is safe to embed."""
    blocks = _simple_blocks(source)
    if blocks is None:
        return Markup(_parser().render(source))
    html = []
    for kind, content in blocks:
        if kind == "ul":
            html.append("<ul>\n" + "".join(f"<li>{_inline(item)}</li>\n" for item in content) + "</ul>\n")
        else:
            html.append(f"<{kind}>{_inline(content)}</{kind}>\n")
    return Markup("".join(html))


def markdown_to_plain(source: str) -> str:
    """The words of ``source`` without markup, whitespace collapsed to single spaces."""
    blocks = _simple_blocks(source)
    if blocks is not None:
        texts = [text for kind, content in blocks for text in (content if kind == "ul" else [content])]
        spans = [_spans(text) for text in texts]
        if all(each is not None for each in spans):
            words = " ".join("".join(part for _, part in each) for each in spans if each is not None)
            return _WHITESPACE.sub(" ", words).strip()
    parts: list[str] = []
    for token in _parser().parse(source):
        if token.type in ("code_block", "fence"):
            parts.append(token.content)
        elif token.type == "inline" and token.children:
            parts.extend(_inline_text(token.children))
        # Every block ends a "sentence" for the collapsing below; without the space,
        # "# Title\n\nBody" would come out as "TitleBody".
        parts.append(" ")
    return _WHITESPACE.sub(" ", "".join(parts)).strip()


# --- the common shape, without markdown-it --------------------------------------------------
#
# Most of what people write is paragraphs, "- " lists and "#" headings. markdown-it takes
# ~0.5 ms for such a body, most of it trying every block rule on every line, and ~20 ms
# to import: a 1,000-item portfolio pays half a second, the example site a tenth of its
# build. _simple_blocks reads that shape directly and gives up (None: markdown-it reads
# it) on anything else. Property tests hold both results to markdown-it's, byte for byte.

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


def _simple_blocks(source: str) -> list[tuple[str, Any]] | None:
    """``source`` as ("p" | "h1"…"h6", text) and ("ul", [item texts]) when it is only
    paragraphs, tight lists and ATX headings of plain lines; None for anything else."""
    if _GIVE_UP.search(source):
        return None
    blocks: list[tuple[str, Any]] = []
    paragraph: list[str] = []
    items: list[str] = []
    marker = ""
    after_list = False  # a blank line after a list: a bullet here would make it loose

    def close() -> None:
        # markdown-it trims a paragraph's ends of Unicode spaces too (U+3000…).
        if paragraph:
            blocks.append(("p", "\n".join(paragraph).strip()))
            paragraph.clear()
        if items:
            blocks.append(("ul", [item.strip() for item in items]))
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
            blocks.append((f"h{len(heading.group(1))}", heading.group(2).strip()))
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
    return blocks


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


def _inline(text: str) -> str:
    spans = _spans(text)
    if spans is None:
        return str(_parser().renderInline(text))
    html = []
    for tag, part in spans:
        if tag != "code":  # a space before a line break goes: a soft break
            part = part.replace(" \n", "\n")
        part = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        html.append(f"<{tag}>{part}</{tag}>" if tag else part)
    return "".join(html)


def _spans(text: str) -> list[tuple[str, str]] | None:
    """``text`` as ("" | "strong" | "code", text) spans when its only inline markup is
    `code` and **bold** of the plainest kind; None for anything else.

    A code span here is one backtick each side, no line break, no space at either end
    (CommonMark trims one there). A bold part starts and ends with a letter or digit:
    then every ``**`` pair opens and closes under CommonMark's flanking rules, in any
    version of them (punctuation next to a delimiter is where they differ)."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0 or "``" in text:  # a run of backticks is one delimiter
        return None
    spans: list[tuple[str, str]] = []
    for i, piece in enumerate(pieces):
        if i % 2:
            if not piece or "\n" in piece or piece[0] == " " or piece[-1] == " ":
                return None
            spans.append(("code", piece))
            continue
        parts = piece.split("**")
        if len(parts) % 2 == 0 or any(_INLINE.search(part) for part in parts):
            return None
        for j, part in enumerate(parts):
            if j % 2 and not (part and part[0].isalnum() and part[-1].isalnum()):
                return None
            spans.append(("strong" if j % 2 else "", part))
    return spans


def _inline_text(children: list[Token]) -> list[str]:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image" and child.children:
            # The alt text is what a reader without images gets, so it belongs here too.
            parts.extend(_inline_text(child.children))
    return parts


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported here so that importing this module (e.g. for the CLI's --help) stays cheap.
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # An instance attribute shadows the method; links, images, autolinks and reference
    # definitions all ask this one function.
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.add_render_rule("link_open", _render_link_open)
    return md


def _render_link_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if url_scheme(str(token.attrGet("href") or "")) in _EXTERNAL:
        token.attrSet("rel", "noopener")
    return str(self.renderToken(tokens, idx, options, env))
