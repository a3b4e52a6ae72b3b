"""Markdown → safe HTML, and Markdown → plain text for meta descriptions.

Profiles are written by the site owner, but they are often pasted from elsewhere, so
the renderer is strict anyway: raw HTML is shown as text and only a short allowlist of
link schemes becomes a link or an image. Text of the common shape (paragraphs, lists,
headings, bold, code) is read without markdown-it (markdown_fast.py), with the same result.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from markupsafe import Markup

from brandkit.text import markdown_fast as fast

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
    blocks = fast.blocks(source)
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
    blocks = fast.blocks(source)
    if blocks is not None:
        texts = [text for kind, content in blocks for text in (content if kind == "ul" else [content])]
        spans = [fast.spans(text) for text in texts]
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


def _inline(text: str) -> str:
    found = fast.spans(text)
    return fast.inline_html(found) if found is not None else str(_parser().renderInline(text))


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
