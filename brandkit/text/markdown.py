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
    html = _plain_blocks(source)
    return Markup(_parser().render(source) if html is None else html)


# --- the common shape, without the full parser -------------------------------------------
#
# Most of what people write is paragraphs, "- " lists and "#" headings. markdown-it spends
# ~0.5 ms on such a body, most of it trying every block rule on every line; a 1,000-item
# portfolio pays half a second for it. _plain_blocks renders that shape directly and gives
# up (None: markdown-it renders it) on anything else. A property test holds it to
# markdown-it's output byte for byte.

# Anything that could be a link, HTML, a table, a tab stop or an odd line ending sends
# the whole text to markdown-it; so does whitespace other than spaces and newlines
# (markdown-it strips some Unicode spaces where this code would not).
_GIVE_UP = re.compile(r"[\[\]<|\0\r\t]|[^\S \n]|  \n|  $")
_HEADING = re.compile(r"(#{1,6}) +([^ #](?:.*[^ #])?) *$")
_BULLET = re.compile(r"([-*+]) (\S.*?) ?$")
_ORDERED = re.compile(r"\d{1,9}[.)]( |$)")


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
# Characters that may start inline markup (emphasis, code, strikethrough, an escape, an
# entity): text with one goes through markdown-it's inline parser alone.
_INLINE = re.compile(r"[*_`~\\&]")


def _plain_blocks(source: str) -> str | None:
    """HTML for ``source`` when it is only paragraphs, tight "- " lists and ATX headings
    of plain lines; None for anything else."""
    if _GIVE_UP.search(source):
        return None
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    marker = ""
    after_list_gap = False  # a blank line after a list: a bullet here would make it loose

    def close() -> None:
        if paragraph:
            out.append(f"<p>{_inline(chr(10).join(paragraph))}</p>\n")
            paragraph.clear()
        if items:
            out.append("<ul>\n" + "".join(f"<li>{_inline(item)}</li>\n" for item in items) + "</ul>\n")
            items.clear()

    for line in source.split("\n"):
        if not line.strip(" "):
            if items:
                after_list_gap = True
            close()
            continue
        first = line[0]
        if first == "#":
            heading = _HEADING.match(line)
            if heading is None or items:
                return None
            close()
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>\n")
            after_list_gap = False
        elif first in "-*+" and line[1:2] in ("", " "):
            bullet = _BULLET.match(line)
            if bullet is None or not _plain_start(bullet.group(2)) or after_list_gap \
                    or (items and bullet.group(1) != marker):
                return None
            if paragraph:
                close()  # a list may interrupt a paragraph
            marker = bullet.group(1)
            items.append(bullet.group(2))
        elif items or not _plain_start(line):
            return None  # a line continuing a list item, or another kind of block
        else:
            paragraph.append(line.rstrip(" "))
            after_list_gap = False
    close()
    return "".join(out)


def _inline(text: str) -> str:
    if _INLINE.search(text):
        return str(_parser().renderInline(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def markdown_to_plain(source: str) -> str:
    """The words of ``source`` without markup, whitespace collapsed to single spaces."""
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
