"""The Renderer: one per render, shared by every output family (site, card, kit, exchange).

It holds what every page needs — the site, the Jinja environment, the brand colours, the
theme's assets — builds each page's template context (the helpers templates call: ``t``,
``url``, ``phrases``…) and collects what the unit of work running now renders: its files,
sitemap entries, the images it shows and the templates it used (``Rendered``). It never
writes a file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from brandkit import files
from brandkit.errors import Problem, ProfileError, shown_path
from brandkit.profile import theme as themes
from brandkit.profile.model import Image, Site, Text
from brandkit.render import meta, templates
from brandkit.render.images import image_size
from brandkit.render.page import (
    FONT_STACK,
    FONT_STACK_EN,
    SHARE_FILE,
    SHARE_SIZE,
    Options,
    Page,
    page_path,
    pretty,
    qr_path,
    relative,
    share_path,
)
from brandkit.render.ui import day, month, ui
from brandkit.render.units import Rendered, Unit
from brandkit.render.vcard import vcard_path
from brandkit.text.color import darken_to_contrast, readable_on
from brandkit.text.ja import is_japanese, keep_names, phrases
from brandkit.text.markdown import render_markdown

T = TypeVar("T")
MEMO_LIMIT = 256  # values a watch keeps between rebuilds (``memo``)
# An asset or image file: a photo, a font, a PDF of slides; a bigger one is a mistake.
MAX_ASSET = 32 << 20


def base_url(url: str | None) -> str | None:
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def read_assets(folders: list[Path], site: Path) -> dict[str, bytes]:
    """``assets/<path>`` → bytes for every file in ``folders`` (later ones win), each read
    the safe way (``files.read``); every file refused is reported at once."""
    assets: dict[str, bytes] = {}
    problems: list[Problem] = []
    for folder in folders:
        root = site if folder == site / "assets" else themes.root_of(folder.parent)
        for path in sorted(folder.rglob("*")):
            if path.name.startswith(".") or path.is_dir():
                continue
            try:
                data = files.read(path, root, MAX_ASSET)
            except files.Unreadable as exc:
                problems.append(Problem(shown_path(path), 0, 0, "", exc.message, hint=exc.hint))
                continue
            assets["assets/" + path.relative_to(folder).as_posix()] = data
    if problems:
        raise ProfileError(problems)
    return assets


class Renderer:
    def __init__(self, site: Site, options: Options, env: Any = None,
                 memo: dict[Any, Any] | None = None):

        profile, folder = site.profile, Path(site.folder)
        if env is None:
            env = templates.environment(profile.brand.theme, folder)
        theme = themes.find_theme(profile.brand.theme, folder)
        color = profile.brand.color
        self.site, self.options, self.env, self._memo = site, options, env, memo
        self.brand: dict[str, Any] = {
            "color": color,
            "on_color": readable_on(color),
            "text": darken_to_contrast(color, theme.background),
            "text_dark": darken_to_contrast(color, theme.background_dark),
            "font": profile.brand.font,
        }
        self.base_url = base_url(options.base_url or profile.site.url)
        # The theme's assets (later layers win) and the favicon: published with the site,
        # and what pages may inline (``inline_asset``).
        self.assets = read_assets(themes.asset_folders(profile.brand.theme, folder), folder)
        self.assets["favicon.svg"] = meta.favicon(profile, color, self.brand["on_color"]).encode("utf-8")
        self._sizes: dict[str, tuple[int, int] | None] = {}
        self._images: dict[str, bytes] = {}
        self._out: Rendered | None = None

    # --- a unit of work ------------------------------------------------------------

    def run(self, unit: Unit) -> Rendered:
        """Do ``unit``; what it rendered."""
        self._out = Rendered(unit.key, unit.item)
        try:
            unit.work(self)
            return self._out
        finally:
            self._out = None

    @property
    def out(self) -> Rendered:
        assert self._out is not None, "render only inside a unit (Renderer.run)"
        return self._out

    def add(self, path: str, data: bytes) -> None:
        self.out.files.append((path, data))

    def files(self) -> dict[str, bytes]:
        """The assets and what the unit running has rendered so far (a PDF's resources)."""
        return {**self.assets, **dict(self.out.files)}

    def add_to_sitemap(self, urls: dict[str, str]) -> None:
        # Every language version is its own <url>, each listing all versions (Google's
        # rule for hreflang in sitemaps), primary language first.
        alternates = urls if len(urls) > 1 else {}
        for lang in sorted(urls, key=lambda code: code != self.site.profile.primary):
            self.out.sitemap.append((urls[lang], alternates))

    def image_size(self, src: str) -> tuple[int, int] | None:
        if src not in self.out.images:
            self.out.images.append(src)
        if src not in self._sizes:
            folder = Path(self.site.folder)
            self._sizes[src] = image_size(folder / src, folder)
        return self._sizes[src]

    def image_bytes(self, src: str) -> bytes:
        """An image of the site folder: from the assets read already, else read the safe way
        once for this build (the photo goes into the vCards, the pictures and the site).
        ``files.Unreadable`` when it changed since it was checked, or is too big."""
        data = self.assets.get(src) or self._images.get(src)
        if data is None:
            folder = Path(self.site.folder)
            data = self._images[src] = files.read(folder / src, folder, MAX_ASSET)
        return data

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``; in watch and serve, kept between rebuilds for the same key.

        For outputs that are slow to make from a small input, e.g. a QR code from its
        payload: ``r.memo(("qr", payload), lambda: make_qr(payload))``.
        """
        memo = self._memo
        if memo is None:
            return compute()
        if key in memo:
            value = memo.pop(key)  # most recently used last
        else:
            value = compute()
            while len(memo) >= MEMO_LIMIT:
                del memo[next(iter(memo))]
        memo[key] = value
        return value

    # --- pages ---------------------------------------------------------------------

    def alternate_urls(self, paths: dict[str, str]) -> dict[str, str]:
        return {lang: self.base_url + pretty(p) for lang, p in paths.items()} if self.base_url else {}

    def link_alternates(self, page: Page, paths: dict[str, str], urls: dict[str, str]) -> None:
        page.canonical = urls.get(page.lang)
        here = posixpath.dirname(page.path) or "."
        page.alternates = [{"lang": other, "href": relative(paths[other], here),
                            "url": urls.get(other, "")} for other in paths]

    def render(self, template: str, page: Page, **extra: Any) -> bytes:
        if template not in self.out.templates:
            self.out.templates.append(template)
        context = self.context(page)
        context.update(extra)
        return self.env.get_template(template).render(context).encode("utf-8")

    def context(self, page: Page) -> dict[str, Any]:
        """Everything a template sees, for ``page``."""
        from markupsafe import Markup


        profile = self.site.profile
        lang, base = page.lang, self.base_url
        here = posixpath.dirname(page.path) or "."

        def t(value: Text | str | None) -> str:
            if value is None:
                return ""
            return value.text(lang) if isinstance(value, Text) else str(value)

        def lang_attr(value: Text | str | None) -> Markup:
            """` lang="ja"` when the text shown is not in the page's language."""
            if isinstance(value, Text):
                shown = value.pick(lang)[1]
            else:
                shown = "ja" if value and is_japanese(str(value)) else lang
            return Markup(f' lang="{shown}"') if shown != lang else Markup("")

        def url(target: str) -> str:
            """Relative link from this page to a site path ("portfolio/x/" → …/index.html)."""
            if target.endswith("/") or not target:
                target += "index.html"
            return relative(target, here)

        def img(image: Image | None, fallback_alt: str = "") -> dict[str, Any] | None:
            if image is None:
                return None
            size = self.image_size(image.src)
            return {"src": url(image.src), "alt": t(image.alt) or fallback_alt,
                    "width": size[0] if size else None, "height": size[1] if size else None,
                    "abs": (base + image.src) if base else None}

        def page_url(kind: str, slug: str = "", in_lang: str | None = None) -> str:
            return url(page_path(kind, in_lang or lang, profile.primary, slug))

        def inline_asset(path: str) -> str:
            return self.assets[path].decode("utf-8")

        photo = profile.photo
        return {
            "profile": profile, "portfolio": self.site.portfolio, "brand": self.brand,
            "langs": profile.lang, "primary": profile.primary, "base_url": base,
            "vcard_file": vcard_path(lang, profile.primary),
            # "show my QR" (render/exchange/qrpage.py), linked from home and event prep
            "qr_page": qr_path(lang, profile.primary),
            "build_date": self.options.build_date,
            "inline_asset": inline_asset,
            "page": page, "lang": lang, "t": t, "lang_attr": lang_attr, "url": url, "img": img,
            "ui": lambda key, **kw: ui(key, lang, **kw), "ui_in": lambda other, key: ui(key, other),
            "page_url": page_url, "md": lambda value: render_markdown(t(value)),
            "phrases": lambda value: phrases(t(value)), "name": profile.name.display(lang),
            "keep_names": lambda value: keep_names(t(value)),
            "day": lambda value: day(value, lang), "month": lambda value: month(value, lang),
            "font_stack": FONT_STACK if lang == "ja" else FONT_STACK_EN,
            "site_contacts": profile.contacts.shown("site"),
            "jsonld": Markup(meta.profile_page(profile, lang, page.canonical, base,
                                               photo.src if photo else None,
                                               self.options.build_date))
            if page.kind == "home" else None,
            "og_image": self._og_image(page, name=profile.name.display(lang)),
        }

    def _og_image(self, page: Page, name: str) -> dict[str, Any] | None:
        """The picture a link to ``page`` shows when shared: the page's share image (an
        event's landing page has its own, others the language's home one), else the photo."""
        profile, base = self.site.profile, self.base_url
        if base is None:
            return None
        if self.options.pictures:
            # An event's landing page has its own, beside it; the others the language's.
            path = posixpath.join(posixpath.dirname(page.path), SHARE_FILE) \
                if page.kind == "landing" else share_path(page.lang, profile.primary)
            identity = profile.identity.text(page.lang) if profile.identity else ""
            return {"url": base + path,
                    "width": SHARE_SIZE[0], "height": SHARE_SIZE[1], "large": True,
                    "alt": ui("share_alt", page.lang, name=name, identity=identity)}
        photo = profile.photo
        if photo is None:
            return None
        size = self.image_size(photo.src)
        return {"url": base + photo.src, "width": size[0] if size else None,
                "height": size[1] if size else None, "large": False,
                "alt": photo.alt.text(page.lang) if photo.alt else ui("photo_of", page.lang,
                                                                         name=name)}
