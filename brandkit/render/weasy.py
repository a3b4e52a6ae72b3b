"""WeasyPrint, the optional ``pdf`` extra, for every family that lays out HTML for print or
as a picture: the card's PDFs and the exchange kit's share images and backgrounds.

Resources come only from the files rendered in memory; any other URL is refused, so a
PDF or a picture never reaches the network or reads a file outside the build.
"""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
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
    """WeasyPrint, imported (~0.7 s, paid only by a build that makes a PDF or a picture)."""
    weasyprint = sys.modules.get("weasyprint")
    if weasyprint is None:  # every PDF asks: the libraries are looked up for the first
        try:
            with _quick_libraries():
                _later("fontTools.subset")
                import weasyprint
        except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz missing
            raise BrandkitError(say("pdf_broken", detail=str(exc).splitlines()[0])) from exc
    _share_subsets()
    _share_styles(weasyprint)
    _quick_arrays()
    return weasyprint


def _later(name: str) -> None:
    """Import module ``name`` when something first uses it, not now. WeasyPrint imports
    fontTools' subsetter (~0.1 s) for fonts HarfBuzz cannot subset, which a build's
    fonts never are: a build made it import twice (once a process) for nothing."""
    if name in sys.modules:
        return
    try:
        spec = util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None:
        return
    loader = util.LazyLoader(spec.loader)
    spec.loader = loader
    module = util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, module)


@contextlib.contextmanager
def _quick_libraries() -> Iterator[None]:
    """WeasyPrint's import finds Pango, HarfBuzz… by trying several names each (Windows',
    macOS', Linux's); cffi hands each name it cannot open to ``ctypes.util.find_library``,
    which on Linux runs ``ldconfig -p``, then gcc, then ld: 22 look-ups, ~60 programs run,
    ~0.45 s of a ~1.2 s import. Here one ``ldconfig -p`` answers them all, as the first
    of those three would. gcc and ld are not asked: what they find by a name only, the
    dynamic loader finds by the soname WeasyPrint tries next anyway."""
    import ctypes.util

    listing = _ldconfig() if sys.platform.startswith("linux") else None
    if listing is None:
        yield
        return
    original = ctypes.util.find_library
    abi = {"x86_64": "libc6,x86-64", "ppc64": "libc6,64bit", "sparc64": "libc6,64bit",
           "s390x": "libc6,64bit", "ia64": "libc6,IA-64"}.get(os.uname().machine, "libc6")
    if sys.maxsize <= 2 ** 32:
        abi = "libc6"

    def find(name: str) -> str | None:  # as ctypes.util._findSoname_ldconfig
        pattern = os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi))
        found = re.search(pattern, listing)
        return os.fsdecode(found.group(1)) if found else None

    ctypes.util.find_library = find
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig() -> bytes | None:
    try:
        done = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              env={"LC_ALL": "C", "LANG": "C"}, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


_ARRAY = re.compile(r"([A-Za-z_][A-Za-z_0-9 ]*)\[(\d+)\]")


class _Arrays:
    """WeasyPrint's ``ffi`` for its PDF fonts, with fixed-length arrays asked for as
    ``T[]``: the subsetting asks for ``hb_codepoint_t[<glyph count>]``, a new length each
    time, and cffi parses each new type string with pycparser (~10 ms each, ~0.15 s of
    a build's PDFs a process); ``T[]`` is parsed once. The arrays are the same."""

    def __init__(self, ffi: Any):
        self._ffi = ffi

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)

    def new(self, cdecl: Any, init: Any = None) -> Any:
        match = _ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if match is not None:
            length = int(match.group(2))
            if init is None:
                return self._ffi.new(match.group(1) + "[]", length)
            if isinstance(init, (tuple, list)) and len(init) == length:
                return self._ffi.new(match.group(1) + "[]", init)
        return self._ffi.new(cdecl, init)


@functools.lru_cache(maxsize=1)
def _quick_arrays() -> None:
    try:
        from weasyprint.pdf import fonts
    except ImportError:
        return
    ffi = getattr(fonts, "ffi", None)
    if ffi is None or isinstance(ffi, _Arrays) or not hasattr(ffi, "new"):
        return
    fonts.ffi = _Arrays(ffi)


SUBSETS: dict[tuple, bytes] = {}  # (font, glyphs, flags) → the subset font file


@functools.lru_cache(maxsize=1)
def _share_subsets() -> None:
    """Subset each font once per glyph set, not once per PDF.

    HarfBuzz subsetting a CJK font costs ~60 ms, twice a PDF (regular and bold), and a
    build writes ~17 PDFs whose glyph sets repeat: the event cards and badges say what the
    main ones say, only their QR codes differ. The subset is a pure function of the font
    file and the glyphs kept, so the bytes are the same as WeasyPrint's own; anything
    unexpected in this WeasyPrint (no ``Font.subset``) leaves it alone.
    """
    try:
        from weasyprint.pdf import fonts
        from weasyprint.text.ffi import harfbuzz
    except ImportError:
        return
    Font = fonts.Font
    subset = getattr(Font, "subset", None)
    if subset is None or getattr(subset, "shared", False):
        return
    _unread_font_files(fonts)

    def shared(self: Any, to_unicode: dict, hinting: bool) -> None:
        try:
            blob = harfbuzz.hb_face_reference_blob(self.hb_face)
            size = harfbuzz.hb_blob_get_length(blob)
            harfbuzz.hb_blob_destroy(blob)
            key = (self.name, self.index, self.glyph_count, size,
                   tuple(sorted(to_unicode)), bool(hinting), tuple(sorted(self.missing)))
        except (AttributeError, TypeError):
            return subset(self, to_unicode, hinting)
        done = SUBSETS.get(key)
        if done is None:
            subset(self, to_unicode, hinting)
            if len(SUBSETS) < 64:  # a build has a handful; a long watch stays bounded
                SUBSETS[key] = self.file_content
        else:
            self.file_content = done
        return None

    shared.shared = True  # type: ignore[attr-defined]
    Font.subset = shared


class _Unread:
    """A font's whole file, left in HarfBuzz until something reads ``Font.file_content``."""

    __slots__ = ("face",)

    def __init__(self, face: Any):
        self.face = face


def _unread_font_files(fonts: Any) -> None:
    """Each PDF's fonts copied their whole file out of HarfBuzz when created (~20 MB a
    Noto CJK face, 34 copies a build, ~8 ms each) to be replaced by the subset: now copied
    only if read before that (a font not subset). Those copies, held in reference cycles
    Python's collector does not hurry for (bytes do not count towards its thresholds),
    piled up to ~450 MiB over a build."""
    read, init = getattr(fonts, "get_hb_object_data", None), fonts.Font.__init__
    if read is None or "file_content" in vars(fonts.Font):
        return
    creating = [False]  # only the copy Font.__init__ makes, not the subset's own

    def unread(hb_object: Any, *args: Any, **kwargs: Any) -> Any:
        if creating[0] and not args and not kwargs:
            return _Unread(hb_object)
        return read(hb_object, *args, **kwargs)

    def create(self: Any, *args: Any, **kwargs: Any) -> None:
        creating[0] = True
        try:
            init(self, *args, **kwargs)
        finally:
            creating[0] = False

    def get(self: Any) -> Any:
        value = self.__dict__.get("_file_content")
        if isinstance(value, _Unread):  # the face lives as long as the Pango font
            value = self.__dict__["_file_content"] = read(value.face)
        return value

    def put(self: Any, value: Any) -> None:
        self.__dict__["_file_content"] = value

    fonts.get_hb_object_data = unread
    fonts.Font.__init__ = create
    fonts.Font.file_content = property(get, put)


STYLES: dict[tuple, tuple[Any, list]] = {}  # (css, base, media) → matcher, @page rules
_PARSED_ONCE = frozenset(("string", "base_url", "url_fetcher", "media_type", "font_config",
                          "counter_style", "color_profiles", "page_rules", "layers"))
_STATEFUL = ("@import", "@font-face", "@layer", "@counter-style", "@color-profile")


@functools.lru_cache(maxsize=1)
def _share_styles(weasyprint: Any) -> None:
    """Parse each ``<style>`` once for the whole build, not once a page.

    Every card, badge and picture page inlines the same ~10 kB of CSS: WeasyPrint parsed
    it ~57 times a build (~13 ms each). A parsed sheet is its selector matcher and its
    ``@page`` rules, both only read afterwards; a sheet whose parsing changes anything
    else (fonts, layers, counter styles, imports) is parsed as before. The page's address
    matters only to a sheet with ``url(…)`` in it: for the others it is not in the key.
    """
    css = getattr(weasyprint, "CSS", None)
    init = getattr(css, "__init__", None)
    if init is None or getattr(init, "shared", False):
        return

    def shared(self: Any, *args: Any, **kwargs: Any) -> None:
        text, base = kwargs.get("string"), kwargs.get("base_url")
        if (args or not isinstance(text, str) or not _PARSED_ONCE.issuperset(kwargs)
                or kwargs.get("page_rules") is None or not str(base).startswith(ROOT)
                or any(at in text for at in _STATEFUL)):
            return init(self, *args, **kwargs)
        key = (text, base if "url(" in text.lower() else None, kwargs.get("media_type"))
        page_rules = kwargs["page_rules"]
        done = STYLES.get(key)
        if done is None:
            init(self, *args, **dict(kwargs, page_rules=[]))
            done = (self.matcher, self.page_rules)
            if len(STYLES) < 64:  # a build has a few dozen; a long watch stays bounded
                STYLES[key] = done
        self.matcher, self.base_url = done[0], base  # as WeasyPrint keeps it: absolute
        page_rules.extend(done[1])
        self.page_rules = page_rules
        layers = kwargs.get("layers")
        self.layers = [] if layers is None else layers
        return None

    shared.shared = True  # type: ignore[attr-defined]
    css.__init__ = shared


@contextlib.contextmanager
def warnings_into(kept: list[tuple[int, str]]) -> Iterator[None]:
    """Keep WeasyPrint's warnings in ``kept`` (level, message) instead of logging them.

    A build makes its PDFs and pictures in either of its two processes (brandkit/parallel.py),
    and a handler the caller put on the ``weasyprint`` logger lives in the first one only:
    each unit keeps what WeasyPrint said and ``replay`` logs it there, so the caller hears
    every warning, once, whichever process met it.
    """
    import logging

    def keep(record: logging.LogRecord) -> bool:  # False: not logged now
        if record.levelno < logging.WARNING:
            return True
        kept.append((record.levelno, record.getMessage()))
        return False

    logger = logging.getLogger("weasyprint")
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


def replay(kept: list[tuple[int, str]]) -> None:
    """Log the warnings ``warnings_into`` kept, in the build's own process."""
    import logging

    logger = logging.getLogger("weasyprint")
    for level, message in kept:
        logger.log(level, "%s", message)


def documents(pages: list[tuple[bytes, str]], files: dict[str, bytes]) -> list[Any]:
    """Each (html, output path) laid out as a WeasyPrint document; one font set for all
    (the Japanese font is read once however many pages there are)."""
    weasyprint = module()
    fonts = font_config()
    fetcher = _fetcher(weasyprint, files)
    return [weasyprint.HTML(string=html.decode("utf-8"), base_url=ROOT + path,
                            url_fetcher=fetcher).render(font_config=fonts)
            for html, path in pages]


@functools.lru_cache(maxsize=1)
def font_config() -> Any:
    """One Pango font map for every page of the process: each new one finds and opens the
    fonts again (~18 ms of CPU a PDF). No ``@font-face`` in brandkit's pages, so nothing
    one page declares leaks into another."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def write_pdf(html: bytes, path: str, files: dict[str, bytes],
              finisher: Callable[[Any, Any], None] | None = None) -> bytes:
    weasyprint = module()
    document = weasyprint.HTML(string=html.decode("utf-8"), base_url=ROOT + path,
                               url_fetcher=_fetcher(weasyprint, files))
    return document.write_pdf(finisher=finisher, font_config=font_config())


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
