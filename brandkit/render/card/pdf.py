"""Card PDFs through WeasyPrint, the optional ``pdf`` extra.

WeasyPrint gives what print shops ask for: the exact page size, ``bleed`` with
TrimBox/BleedBox, crop marks, embedded (subset) fonts and SVG kept as vectors. It is
slow to import (~1 s) and each PDF takes ~0.1–0.3 s, so PDFs are kept in the user's
cache (``pdf/``, see brandkit/cache.py) by the hash of everything that goes into them (the HTML, the
files it links to, WeasyPrint's version): an unchanged card never imports WeasyPrint.
The home sheet PDF comes out of the print PDF's WeasyPrint run (impose.py places its
pages ten times) and is cached by the print PDF's bytes and the sheet's layout.

Resources come only from the files rendered in memory; any other URL is refused, so a
PDF never reaches the network or reads a file outside the build.
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import re
from collections.abc import Callable
from importlib import util
from typing import Any

from brandkit import cache
from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.render.card import impose
from brandkit.render.card.impose import Layout

_ROOT = "file:///brandkit-build/"  # a made-up base: relative links resolve under it
_LINKS = re.compile(rb'(?:href|src)="([^"#?:]+)"')


def missing() -> str | None:
    """Why PDFs cannot be made here (the message to show), or None when they can."""
    if util.find_spec("weasyprint") is None:
        return say("pdf_missing")
    return None


def make_pdf(html: bytes, path: str, files: dict[str, bytes]) -> bytes:
    """``html`` (as if at output ``path``) as PDF; linked files come from ``files``."""
    key = _key(html, path, files)
    data = cache.load("pdf", key, ".pdf")
    if data is None:
        data = _weasyprint(html, path, files)
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
    card = _weasyprint(html, path, files, impose.finisher(layout, out))
    cache.store("pdf", key, ".pdf", card)
    sheet = out.get("sheet")
    if sheet is None:
        sheet = sheet_html()
    cache.store("pdf", _sheet_key(card, layout), ".pdf", sheet)
    return card, sheet


def _key(html: bytes, path: str, files: dict[str, bytes]) -> str:
    """Everything that goes into a PDF: WeasyPrint, the page, the files it links to."""
    key = hashlib.sha256(f"{_weasyprint_stamp()}\0{path}\0".encode() + html)
    for link in sorted(set(_LINKS.findall(html))):
        target = _resolve(path, link.decode("utf-8"))
        key.update(b"\0" + link + b"\0" + files.get(target, b""))
    return key.hexdigest()


def _sheet_key(card: bytes, layout: Layout) -> str:
    return hashlib.sha256(layout.key() + b"\0" + card).hexdigest()


@functools.lru_cache(maxsize=1)
def _weasyprint_stamp() -> str:
    """Which WeasyPrint would make the PDF: its package folder and the files' stamps.

    Cheaper than ``importlib.metadata.version`` (which imports the email parser, ~25 ms
    of a build that may make no PDF at all); an upgrade or reinstall changes the stamp.
    """
    spec = util.find_spec("weasyprint")
    origin = spec.origin if spec and spec.origin else ""
    try:
        info = os.stat(origin)
    except OSError:
        return origin
    return f"{origin}:{info.st_mtime_ns}:{info.st_size}"


def _resolve(path: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), link))


def _weasyprint(html: bytes, path: str, files: dict[str, bytes],
                finisher: Callable[[Any, Any], None] | None = None) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz missing
        raise BrandkitError(say("pdf_broken", detail=str(exc).splitlines()[0])) from exc

    def lookup(url: str) -> tuple[bytes, str]:
        rel = url[len(_ROOT):] if url.startswith(_ROOT) else None
        if rel is None or rel not in files:
            raise ValueError(f"not part of the build: {url}")  # WeasyPrint warns and skips it
        kind = {".svg": "image/svg+xml", ".css": "text/css"}.get(posixpath.splitext(rel)[1],
                                                                   "application/octet-stream")
        return files[rel], kind

    urls = weasyprint.urls
    if hasattr(urls, "URLFetcherResponse"):  # recent WeasyPrint: a fetcher class
        class Fetcher(urls.URLFetcher):  # type: ignore[name-defined,misc]
            def fetch(self, url: str, headers: object = None) -> object:
                data, kind = lookup(url)
                return urls.URLFetcherResponse(url, data, {"Content-Type": kind})

        fetcher: object = Fetcher()
    else:  # older releases take a function returning a dict
        def fetcher(url: str, *args: object, **kwargs: object) -> dict:  # type: ignore[misc]
            data, kind = lookup(url)
            return {"string": data, "mime_type": kind, "redirected_url": url}

    document = weasyprint.HTML(string=html.decode("utf-8"), base_url=_ROOT + path,
                               url_fetcher=fetcher)
    return document.write_pdf(finisher=finisher)
