"""Card PDFs through WeasyPrint, the optional ``pdf`` extra.

WeasyPrint gives what print shops ask for: the exact page size, ``bleed`` with
TrimBox/BleedBox, crop marks, embedded (subset) fonts and SVG kept as vectors. It is
slow to import (~1 s) and each PDF takes ~0.1–0.3 s, so PDFs are kept in the user's
cache (``pdf/``, see brandkit/cache.py) by the hash of everything that goes into them (the HTML, the
files it links to, WeasyPrint's version): an unchanged card never imports WeasyPrint.
The home sheet PDF comes out of the print PDF's WeasyPrint run (impose.py places its
pages ten times) and is cached by the print PDF's bytes and the sheet's layout.

WeasyPrint itself is driven by brandkit/render/weasy.py, shared with the exchange kit's
pictures: resources come only from the files rendered in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from brandkit import cache
from brandkit.extras import install_command
from brandkit.messages import say
from brandkit.render import weasy
from brandkit.render.card import impose
from brandkit.render.card.impose import Layout


def missing() -> str | None:
    """Why PDFs cannot be made here (the message to show), or None when they can."""
    if not weasy.installed():
        return say("pdf_missing", install=install_command("pdf"))
    return None


def make_pdf(html: bytes, path: str, files: dict[str, bytes]) -> bytes:
    """``html`` (as if at output ``path``) as PDF; linked files come from ``files``."""
    key = _key(html, path, files)
    data = cache.load("pdf", key, ".pdf")
    if data is None:
        data = weasy.write_pdf(html, path, files)
        cache.store("pdf", key, ".pdf", data)
    return data


def make_card_pdfs(html: bytes, path: str, files: dict[str, bytes], layout: Layout,
                   sheet_html: Callable[[], bytes]) -> tuple[bytes, bytes]:
    """The print PDF of ``html`` and the home sheet imposed from its pages.

    Both come out of one WeasyPrint run: the sheet places the print PDF's pages (see
    impose.py) instead of laying out twenty card sides. The sheet is cached by the print
    PDF's bytes and the layout; ``sheet_html`` makes it the slow way (WeasyPrint on the
    sheet page) should this WeasyPrint write PDFs impose.py does not understand.
    """
    key = _key(html, path, files)
    card = cache.load("pdf", key, ".pdf")
    sheet = cache.load("pdf", _sheet_key(card, layout), ".pdf") if card is not None else None
    if card is not None and sheet is not None:
        return card, sheet

    out: dict[str, Any] = {}
    card = weasy.write_pdf(html, path, files, impose.finisher(layout, out))
    cache.store("pdf", key, ".pdf", card)
    sheet = out.get("sheet")
    if sheet is None:
        sheet = sheet_html()
    cache.store("pdf", _sheet_key(card, layout), ".pdf", sheet)
    return card, sheet


def _key(html: bytes, path: str, files: dict[str, bytes]) -> str:
    """Everything that goes into a PDF: WeasyPrint, the page, the files it links to."""
    key = hashlib.sha256(f"{weasy.stamp()}\0{path}\0".encode() + html)
    for link, data in weasy.linked(html, path, files):
        key.update(b"\0" + link + b"\0" + data)
    return key.hexdigest()


def _sheet_key(card: bytes, layout: Layout) -> str:
    return hashlib.sha256(layout.key() + b"\0" + card).hexdigest()
