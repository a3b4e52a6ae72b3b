"""Will this text fit in that box? A conservative estimate, no fonts and no browser.

Full-width characters (kanji, kana, full-width punctuation) are 1 em wide in every
Japanese font; Latin letters average about 0.5 em in common sans-serif fonts, so 0.6 em
overestimates a little and a warning errs on the side of a card that fits. A space is
narrower in every font (~0.25 em), counted as 0.3 em. The browser tests check the real
layout.
"""

from __future__ import annotations

import html
import re
import unicodedata

from brandkit.text.ja import phrases

MM_PER_PT = 25.4 / 72
WIDE_EM = 1.0
NARROW_EM = 0.6
SPACE_EM = 0.3


def em_width(text: str) -> float:
    """Estimated width of ``text`` in em."""
    return sum(SPACE_EM if c == " " else WIDE_EM if unicodedata.east_asian_width(c) in "WF"
               else NARROW_EM for c in text)


def width_mm(text: str, pt: float) -> float:
    return em_width(text) * pt * MM_PER_PT


def pieces(text: str, kind: str = "text") -> list[str]:
    """Where a line may break: after spaces, between Japanese phrases, after / in URLs.

    Matches what the card templates allow (``<wbr>`` at phrase boundaries under
    ``word-break: keep-all``; URLs break only after a slash).
    """
    if kind == "url":
        return [p for p in re.split(r"(?<=/)", text) if p]

    out: list[str] = []
    for word in re.split(r"(?<= )", text):
        out += [html.unescape(p) for p in str(phrases(word)).split("<wbr>") if p]
    return out


def lines_needed(text: str, box_mm: float, pt: float, kind: str = "text") -> int:
    """Lines a browser needs for ``text`` in a box ``box_mm`` wide (greedy, like CSS)."""
    if not text:
        return 0
    lines, current = 1, 0.0
    for piece in pieces(text, kind):
        width = width_mm(piece, pt)
        trimmed = width_mm(piece.rstrip(" "), pt)  # a space at the end of a line takes no room
        if current and current + trimmed > box_mm:
            lines += 1
            current = 0.0
        # A piece wider than the box still takes its lines (it overflows or breaks).
        while trimmed > box_mm and current == 0.0:
            lines += 1
            trimmed -= box_mm
            width -= box_mm
        current += width
    return lines
