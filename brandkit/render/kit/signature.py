"""The email signature: four lines at most — name, keyword identity, role · organisation,
the site (or, without one, the first link) — as plain text and as HTML.

The HTML is what mail clients keep when it is pasted: ``<div>``s and ``<span>``s with
inline styles, no tables, no images, no classes (Gmail drops ``<style>``; Outlook ignores
most layout); the brand colour only as a text colour. The plain text stays within 72
columns, a Japanese character counting two (``columns``), as mail read in a terminal or
quoted once more still fits 80.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from brandkit.profile.model import Profile
from brandkit.record import record
from brandkit.render.page import FONT_STACK, FONT_STACK_EN, lang_prefix, short_url
from brandkit.text.limits import x_length

WIDTH = 72  # columns of the plain text
# No line of Japanese text starts with these (kinsoku): they stay with what comes before.
_NO_START = set("、。，．・：；？！ー）」』】〕〉》”’ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")


@record(frozen=True)
class Signature:
    lines: list[str]  # the logical lines, each one of the four parts
    link: str | None  # the address on the last line
    text: str  # plain text, wrapped to 72 columns, one trailing newline
    html: Markup  # the fragment to paste


def columns(text: str) -> int:
    """Columns ``text`` takes in a monospaced mail reader (a CJK character takes two)."""
    return x_length(text)


def wrap(line: str, width: int = WIDTH) -> list[str]:
    """``line`` in pieces of at most ``width`` columns: between words, or between two
    Japanese characters (never before closing punctuation); a word longer than a line
    (a long address) is cut where it must be."""
    pieces: list[str] = []
    current = ""
    for token in _tokens(line):
        if token == " " and not current:
            continue  # a line never starts with the space it was broken at
        if columns(current + token) <= width:
            current += token
            continue
        if current.strip():
            pieces.append(current.rstrip())
        current = "" if token == " " else token
        while columns(current) > width:  # one token wider than a line
            cut = _fit(current, width)
            pieces.append(current[:cut])
            current = current[cut:]
    if current.strip():
        pieces.append(current.rstrip())
    return pieces or [""]


def _tokens(line: str) -> list[str]:
    """Words, spaces, and single Japanese characters (each with the closing punctuation
    that must stay with it)."""
    tokens: list[str] = []
    word = ""
    for char in line:
        wide = columns(char) == 2
        if char == " " or wide:
            if word:
                tokens.append(word)
                word = ""
            if wide and char in _NO_START and tokens and tokens[-1] != " ":
                tokens[-1] += char
            else:
                tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def _fit(text: str, width: int) -> int:
    """How many characters of ``text`` fit in ``width`` columns (at least one)."""
    used = 0
    for i, char in enumerate(text):
        used += columns(char)
        if used > width:
            return max(i, 1)
    return len(text)


def signature(profile: Profile, lang: str, base_url: str | None, color: str) -> Signature:
    """The signature in ``lang``; ``color``: the brand colour readable on white."""
    name = profile.name.display(lang)
    work = " · ".join(value.text(lang) for value in (profile.role, profile.organization)
                      if value is not None and value.text(lang))
    link = (base_url + lang_prefix(lang, profile.primary) if base_url
            else profile.links[0].url if profile.links else None)
    shown = short_url(link) if link else None
    lines = [part for part in (name, profile.identity.text(lang), work, shown) if part]
    text = "".join(piece + "\n" for line in lines for piece in wrap(line))
    return Signature(lines, link, text, _html(lang, name, profile.identity.text(lang), work,
                                              link, shown, color))


def _html(lang: str, name: str, identity: str, work: str, link: str | None,
          shown: str | None, color: str) -> Markup:
    font = Markup((FONT_STACK if lang == "ja" else FONT_STACK_EN).replace('"', "'"))
    block = Markup('<div style="margin:0;{}">{}</div>')
    parts = [block.format(f"font-weight:bold;color:{color}", name)]
    if identity:
        parts.append(block.format("", identity))
    if work:
        parts.append(block.format("color:#444444", work))
    if link:
        parts.append(block.format("", Markup('<a href="{}" style="color:{}">{}</a>').format(
            link, color, shown)))
    # A long address or word wraps instead of widening a phone's screen (word-wrap is
    # the spelling older mail programs know).
    return Markup('<div lang="{}" style="font-family:{};font-size:14px;line-height:1.5;'
                  'color:#222222;word-wrap:break-word;overflow-wrap:anywhere">{}</div>'
                  ).format(lang, font, Markup("").join(parts))


def document(sig: Signature, lang: str, title: str) -> str:
    """The HTML signature as a page of its own (``scripts/signature.html``, ``en/scripts/…``): open
    it, select the signature under its title, copy, paste into the mail program's
    signature settings."""
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n<title>{escape(title)}</title>\n'
            f'</head>\n<body>\n<main>\n<h1 style="font-size:14px;font-weight:normal;color:#555555">'
            f'{escape(title)}</h1>\n{sig.html}\n</main>\n</body>\n</html>\n')
