"""WeasyPrint, the optional ``pdf`` extra, for every family that lays out HTML for print or
as a picture: the card's PDFs and the exchange kit's share images and backgrounds.

Resources come only from the files rendered in memory; any other URL is refused, so a
PDF or a picture never reaches the network or reads a file outside the build.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Callable
from importlib import util
from typing import Any

from brandkit.errors import BrandkitError
from brandkit.messages import say

ROOT = "file:///brandkit-build/"  # a made-up base: relative links resolve under it
LINKS = re.compile(rb'(?:href|src)="([^"#?:]+)"')


def installed() -> bool:
    return util.find_spec("weasyprint") is not None


@functools.lru_cache(maxsize=1)
def stamp() -> str:
    """Which WeasyPrint would lay the page out: its package folder and the files' stamps.

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


def resolve(path: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), link))


def linked(html: bytes, path: str, files: dict[str, bytes]) -> list[tuple[bytes, bytes]]:
    """The files ``html`` (at ``path``) links to, as (link, bytes): what a cache key needs."""
    return [(link, files.get(resolve(path, link.decode("utf-8")), b""))
            for link in sorted(set(LINKS.findall(html)))]


def module() -> Any:
    """WeasyPrint, imported (~1 s, paid only by a build that makes a PDF or a picture)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz missing
        raise BrandkitError(say("pdf_broken", detail=str(exc).splitlines()[0])) from exc
    return weasyprint


def documents(pages: list[tuple[bytes, str]], files: dict[str, bytes]) -> list[Any]:
    """Each (html, output path) laid out as a WeasyPrint document; one font set for all
    (the Japanese font is read once however many pages there are)."""
    weasyprint = module()
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = _fetcher(weasyprint, files)
    return [weasyprint.HTML(string=html.decode("utf-8"), base_url=ROOT + path,
                            url_fetcher=fetcher).render(font_config=fonts)
            for html, path in pages]


def write_pdf(html: bytes, path: str, files: dict[str, bytes],
              finisher: Callable[[Any, Any], None] | None = None) -> bytes:
    weasyprint = module()
    document = weasyprint.HTML(string=html.decode("utf-8"), base_url=ROOT + path,
                               url_fetcher=_fetcher(weasyprint, files))
    return document.write_pdf(finisher=finisher)


def _fetcher(weasyprint: Any, files: dict[str, bytes]) -> object:
    def lookup(url: str) -> tuple[bytes, str]:
        rel = url[len(ROOT):] if url.startswith(ROOT) else None
        if rel is None or rel not in files:
            raise ValueError(f"not part of the build: {url}")  # WeasyPrint warns and skips it
        kind = {".svg": "image/svg+xml", ".css": "text/css", ".png": "image/png",
                ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
                }.get(posixpath.splitext(rel)[1].lower(), "application/octet-stream")
        return files[rel], kind

    urls = weasyprint.urls
    if hasattr(urls, "URLFetcherResponse"):  # recent WeasyPrint: a fetcher class
        class Fetcher(urls.URLFetcher):  # type: ignore[name-defined,misc]
            def fetch(self, url: str, headers: object = None) -> object:
                data, kind = lookup(url)
                return urls.URLFetcherResponse(url, data, {"Content-Type": kind})

        return Fetcher()

    def fetcher(url: str, *args: object, **kwargs: object) -> dict:  # older releases
        data, kind = lookup(url)
        return {"string": data, "mime_type": kind, "redirected_url": url}

    return fetcher
