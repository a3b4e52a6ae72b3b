"""Share images and virtual backgrounds: PNG pictures laid out from HTML by WeasyPrint and
rasterised by pdfium (both in the optional ``pdf`` extra).

Why this path (measured, docs/exchange.md): the picture is designed in HTML and CSS like
the card, so it gets the same Japanese font, phrase-aware line breaks and brand colours,
and a browser can show the very same design (the tests compare the two pixel by pixel).
WeasyPrint lays out each group of pictures (``groups``) in one run and pdfium draws each page:
~53 ms a picture once WeasyPrint is loaded, which a build making the card's PDFs has paid
already; Pillow placing the text by hand took ~18 ms but would be a second layout engine to
keep in step with the card.

Each PNG is kept in the user's cache by the hash of what goes into it (the HTML, the
files it links to, WeasyPrint and pdfium, the pixel size), like the card's PDFs: an
unchanged profile never loads WeasyPrint for its pictures.

- ``share.png`` beside each home page and event landing page (``og:image``): 1200 × 630,
  the size Facebook, X and LinkedIn show large.
- ``background.png`` (1920 × 1080) and ``background-720p.png`` (1280 × 720) in each
  online event's prep folder, with the QR code to its landing page in the upper right,
  clear of where a head sits; ``background-plain*.png`` without text, in the primary
  language's folder only (they say nothing).
"""

from __future__ import annotations

import functools
import hashlib
import io
from importlib import util
from typing import Any

from markupsafe import Markup, escape

from brandkit import cache
from brandkit.extras import install_command
from brandkit.messages import say
from brandkit.profile.model import Profile, Text
from brandkit.record import record
from brandkit.render import weasy
from brandkit.render.page import (
    BACKGROUND_SIZES,
    SHARE_SIZE,
    Page,
    background_paths,
    lang_prefix,
    share_path,
    short_url,
)
from brandkit.render.qr import qr_code
from brandkit.render.renderer import Renderer, base_url
from brandkit.render.ui import ui
from brandkit.text.fit import em_width
from brandkit.text.ja import WBR, is_japanese, phrases

SHARE = SHARE_SIZE
BACKGROUND = BACKGROUND_SIZES["full"]
SMALL_BACKGROUND = BACKGROUND_SIZES["small"]
CSS_PX_PER_PT = 96 / 72  # WeasyPrint's PDF is in points; pdfium draws at 72 dpi × scale


@record(frozen=True)
class Picture:
    """One picture to draw: the page it is laid out as and the PNGs made from it."""

    html_path: str  # where the HTML would be (its links resolve from here)
    template: str
    size: tuple[int, int]  # the page, in CSS pixels
    outputs: tuple[tuple[str, int], ...]  # (PNG path, pixel width) drawn from the page
    lang: str
    event: Any = None
    plain: bool = False


def missing() -> str | None:
    """Why pictures cannot be made here (the note a build shows), or None when they can."""
    if not weasy.installed() or util.find_spec("pypdfium2") is None:
        return say("pictures_missing", install=install_command("pdf"))
    return None


def pictures(profile: Profile) -> list[Picture]:
    primary = profile.primary
    found = []
    for lang in profile.lang:
        found.append(Picture(share_path(lang, primary).replace(".png", ".html"),
                             "exchange/share.html", SHARE,
                             ((share_path(lang, primary), SHARE[0]),), lang))
        for event in profile.events:
            path = share_path(lang, primary, event.slug)
            found.append(Picture(path.replace(".png", ".html"), "exchange/share.html", SHARE,
                                 ((path, SHARE[0]),), lang, event))
    for event in profile.events:
        if not event.wants_background:
            continue
        for lang in profile.lang:
            paths = background_paths(lang, primary, event.slug)
            found.append(Picture(paths["full"].replace(".png", ".html"),
                                 "exchange/background.html", BACKGROUND,
                                 ((paths["full"], BACKGROUND[0]),
                                  (paths["small"], SMALL_BACKGROUND[0])), lang, event))
        paths = background_paths(primary, primary, event.slug)
        found.append(Picture(paths["plain"].replace(".png", ".html"),
                             "exchange/background.html", BACKGROUND,
                             ((paths["plain"], BACKGROUND[0]),
                              (paths["plain_small"], SMALL_BACKGROUND[0])), primary, event,
                             plain=True))
    return found


def paths(profile: Profile, options: Any) -> list[str]:
    """Every picture a build that makes them makes for ``profile`` (none without a site
    address): what watch and serve, which do not make them, leave in place."""
    if not base_url(options.base_url or profile.site.url):
        return []
    return [path for picture in pictures(profile) for path, _ in picture.outputs]


def groups(profile: Profile) -> dict[str, list[Picture]]:
    """The pictures in units of work, by kind and language ("share:ja", "background"):
    a build shares them between its two processes, each group laid out in one run."""
    found: dict[str, list[Picture]] = {}
    for picture in pictures(profile):
        kind = picture.template.rsplit("/", 1)[-1].removesuffix(".html")
        key = f"{kind}:{picture.lang}" if kind == "share" else kind
        found.setdefault(key, []).append(picture)
    return found


def render(r: Renderer, chosen: list[Picture] | None = None) -> None:
    """Each picture (of ``chosen``, else every one): from the cache, else laid out together
    in one WeasyPrint run. What WeasyPrint warns goes with the result (``weasy.warnings_into``)."""
    with weasy.warnings_into(r.out.warnings):
        _render(r, pictures(r.site.profile) if chosen is None else chosen)


def _render(r: Renderer, chosen: list[Picture]) -> None:
    todo: list[tuple[Picture, bytes, dict[str, bytes], list[str]]] = []
    for picture in chosen:
        html, linked = page_html(r, picture)
        keys = [_key(picture, html, linked, width) for _, width in picture.outputs]
        stored = [cache.load("picture", key, ".png") for key in keys]
        if all(data is not None for data in stored):
            for (path, _), data in zip(picture.outputs, stored):
                r.add(path, data)
        else:
            todo.append((picture, html, linked, keys))
    if not todo:
        return
    every: dict[str, bytes] = {}
    for _, _, linked, _ in todo:
        every.update(linked)
    for (picture, _, _, keys), pngs in zip(todo, draw([(html, p.html_path, p.outputs)
                                                       for p, html, _, _ in todo], every)):
        for (path, _), key, data in zip(picture.outputs, keys, pngs):
            cache.store("picture", key, ".png", data)
            r.add(path, data)


def draw(pages: list[tuple[bytes, str, tuple[tuple[str, int], ...]]],
         linked: dict[str, bytes]) -> list[list[bytes]]:
    """Each page's PNGs: all pages laid out by one WeasyPrint run into one PDF, then
    each page drawn by pdfium at the pixel widths asked for."""
    import pypdfium2

    documents = weasy.documents([(html, path) for html, path, _ in pages], linked)
    pdf = documents[0].copy([page for document in documents for page in document.pages]
                            ).write_pdf()
    del documents  # the laid-out pages, before pdfium's bitmaps: the build's peak memory
    result = []
    with _closing(pypdfium2.PdfDocument(pdf)) as rendered:
        for i, (_, _, outputs) in enumerate(pages):
            page = rendered[i]
            points = page.get_width()
            pngs = []
            for _, width in outputs:
                image = page.render(scale=width / points).to_pil()
                if image.mode != "RGB":  # pdfium draws an opaque page as RGB already
                    image = image.convert("RGB")
                buffer = io.BytesIO()
                # zlib's run-length strategy (Z_RLE, "almost as fast as Huffman only,
                # better compression for PNG image data"): flat brand colour and text
                # are runs; 30 % faster than the default strategy and 2-17 % smaller.
                image.save(buffer, "PNG", compress_level=3, compress_type=3)
                pngs.append(buffer.getvalue())
            result.append(pngs)
    return result


class _closing:
    def __init__(self, document: Any):
        self.document = document

    def __enter__(self) -> Any:
        return self.document

    def __exit__(self, *exc: object) -> None:
        self.document.close()


def page_html(r: Renderer, picture: Picture) -> tuple[bytes, dict[str, bytes]]:
    """The picture's HTML and the files it links to (the photo, the QR code)."""
    profile = r.site.profile
    lang = picture.lang
    linked: dict[str, bytes] = {}
    photo = None
    if profile.photo is not None and not picture.plain:
        linked[profile.photo.src] = r.image_bytes(profile.photo.src)
        photo = profile.photo.src
    event = picture.event
    qr = None
    landing = None
    if event is not None and r.base_url:
        landing = r.base_url + lang_prefix(lang, profile.primary) + f"e/{event.slug}/"
    if picture.template == "exchange/background.html" and landing and not picture.plain:
        qr_file = picture.html_path.rsplit("/", 1)[0] + "/qr-picture.svg"
        linked[qr_file] = r.memo(("qr", landing.encode()),
                                 lambda: qr_code(landing.encode())).svg.encode("utf-8")
        qr = "qr-picture.svg"
    # The domain alone: the QR code and the link carry the path (a long event slug
    # printed out helps nobody).
    address = r.base_url
    page = Page("picture", lang, picture.html_path, "", "")
    name = profile.name.display(lang)
    identity = profile.identity.text(lang) if profile.identity else ""
    html = r.render(picture.template, page, picture=picture, width=picture.size[0],
                    height=picture.size[1], photo=photo, qr=qr, event=event,
                    short_address=short_url(address) if address else "",
                    reading=(profile.name.reading or ""
                             if lang == "ja" and profile.name.is_japanese else ""),
                    name_size=_fit(name, 660 if photo else 980, 84, 52),
                    identity_size=_fit(identity, 2 * (660 if photo else 980), 44, 30),
                    keep=lambda value: _keep(value, lang),
                    greeting=ui("kit_landing_title", lang,
                                event=event.name.text(lang)) if event is not None else "")
    return html, linked


def _keep(value: Text | str | None, lang: str) -> Markup:
    """``value`` escaped, each Japanese phrase kept whole on a line (an inline block):
    WeasyPrint breaks Japanese anywhere, ignoring ``word-break: keep-all`` and ``<wbr>``."""
    text = value.text(lang) if isinstance(value, Text) else str(value or "")
    if not is_japanese(text):
        return escape(text)
    return Markup("").join(Markup('<span class="w">') + piece + Markup("</span>")
                           for piece in phrases(text).split(WBR))


def _fit(text: str, room_px: float, largest: int, smallest: int) -> int:
    """The largest font size (px) at which ``text`` takes at most ``room_px`` of line
    (the estimate errs wide: text.fit)."""
    size = largest
    # Bold display type runs ~10 % wider than text.fit's estimate for body text.
    while size > smallest and em_width(text) * 1.1 * size > room_px:
        size -= 2
    return size


def _key(picture: Picture, html: bytes, linked: dict[str, bytes], width: int) -> str:
    key = hashlib.sha256(f"{weasy.stamp()}\0{_pdfium_stamp()}\0{picture.html_path}\0{width}\0"
                         .encode() + html)
    for link, data in weasy.linked(html, picture.html_path, linked):
        key.update(b"\0" + link + b"\0" + data)
    return key.hexdigest()


@functools.lru_cache(maxsize=1)
def _pdfium_stamp() -> str:
    """Which pdfium draws (its package): part of every picture's cache key, looked up once."""
    spec = util.find_spec("pypdfium2")
    return spec.origin or "" if spec else ""
