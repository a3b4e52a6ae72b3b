"""The Renderer: one per build, shared by every output (site pages, card, event kit).

It holds the Jinja environment, the brand colours and the files rendered so far, builds
each page's template context (the helpers templates call: ``t``, ``url``, ``phrases``…),
and refuses two outputs that claim the same path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandkit.profile.model import Image, Site, Text, is_japanese
from brandkit.render import meta
from brandkit.render.site import (FONT_STACK, FONT_STACK_EN, VCARD_FILE, Options, Page,
                                  page_path, pretty)
from brandkit.render.ui import ui


def base_url(url: str | None) -> str | None:
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


@dataclass
class Renderer:
    site: Site
    options: Options
    env: Any
    brand: dict[str, Any]
    base_url: str | None
    files: dict[str, bytes] = field(default_factory=dict)
    sitemap: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    _sizes: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    _images: list[str] = field(default_factory=list)

    @classmethod
    def for_site(cls, site: Site, options: Options) -> "Renderer":
        from brandkit import themes
        from brandkit.text.color import darken_to_contrast, readable_on

        profile, folder = site.profile, Path(site.folder)
        theme = themes.find_theme(profile.brand.theme, folder)
        color = profile.brand.color
        brand = {
            "color": color,
            "on_color": readable_on(color),
            "text": darken_to_contrast(color, theme.background),
            "text_dark": darken_to_contrast(color, theme.background_dark),
            "font": profile.brand.font,
        }
        r = cls(site, options, themes.environment(profile.brand.theme, folder), brand,
                base_url(options.base_url or profile.site.url))
        for assets in themes.asset_folders(profile.brand.theme, folder):
            for path in sorted(assets.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    r.files["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
        r.add("favicon.svg", meta.favicon(profile, color, brand["on_color"]).encode("utf-8"))
        return r

    def add(self, path: str, data: bytes) -> None:
        """Claim an output path; two outputs for one path is a bug (Pelican's rule)."""
        if path in self.files and not path.startswith("assets/"):
            raise ValueError(f"two outputs claim {path}")
        self.files[path] = data

    def alternate_urls(self, paths: dict[str, str]) -> dict[str, str]:
        return {lang: self.base_url + pretty(p) for lang, p in paths.items()} if self.base_url else {}

    def link_alternates(self, page: Page, paths: dict[str, str], urls: dict[str, str]) -> None:
        page.canonical = urls.get(page.lang)
        here = posixpath.dirname(page.path) or "."
        page.alternates = [{"lang": other, "href": posixpath.relpath(paths[other], here),
                            "url": urls.get(other, "")} for other in paths]

    def add_to_sitemap(self, urls: dict[str, str]) -> None:
        if urls:
            primary = self.site.profile.primary
            self.sitemap.append((urls[primary], urls if len(urls) > 1 else {}))

    def render(self, template: str, page: Page, **extra: Any) -> bytes:
        context = self.context(page)
        context.update(extra)
        return self.env.get_template(template).render(context).encode("utf-8")

    def finish(self) -> dict[str, bytes]:
        """Add what depends on every page: the sitemap and the images pages used."""
        if self.base_url:
            self.add("sitemap.xml", meta.sitemap(self.sitemap, self.options.build_date).encode())
        folder = Path(self.site.folder)
        for src in self._images:
            self.files.setdefault(src, (folder / src).read_bytes())
        return self.files

    def image_size(self, src: str) -> tuple[int, int] | None:
        if src not in self._sizes:
            from brandkit.render.images import image_size
            self._sizes[src] = image_size(Path(self.site.folder) / src)
            self._images.append(src)
        return self._sizes[src]

    def context(self, page: Page) -> dict[str, Any]:
        """Everything a template sees, for ``page``."""
        from markupsafe import Markup

        from brandkit.text.ja import phrases
        from brandkit.text.markdown import render_markdown

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
            return posixpath.relpath(target, here)

        def img(image: Image | None, fallback_alt: str = "") -> dict[str, Any] | None:
            if image is None:
                return None
            size = self.image_size(image.src)
            return {"src": url(image.src), "alt": t(image.alt) or fallback_alt,
                    "width": size[0] if size else None, "height": size[1] if size else None,
                    "abs": (base + image.src) if base else None}

        def page_url(kind: str, slug: str = "", in_lang: str | None = None) -> str:
            return url(page_path(kind, in_lang or lang, profile.primary, slug))

        photo = profile.photo
        return {
            "profile": profile, "portfolio": self.site.portfolio, "brand": self.brand,
            "langs": profile.lang, "primary": profile.primary, "base_url": base,
            "vcard_file": VCARD_FILE, "build_date": self.options.build_date,
            "inline_asset": lambda path: self.files[path].decode("utf-8"),
            "page": page, "lang": lang, "t": t, "lang_attr": lang_attr, "url": url, "img": img,
            "ui": lambda key, **kw: ui(key, lang, **kw), "ui_in": lambda other, key: ui(key, other),
            "page_url": page_url, "md": lambda value: render_markdown(t(value)),
            "phrases": lambda value: phrases(t(value)), "name": profile.name.display(lang),
            "font_stack": FONT_STACK if lang == "ja" else FONT_STACK_EN,
            "site_contacts": profile.contacts.shown("site"),
            "jsonld": Markup(meta.profile_page(profile, lang, page.canonical, base,
                                               photo.src if photo else None,
                                               self.options.build_date))
            if page.kind == "home" else None,
            "og_image": (base + photo.src) if (photo and base) else None,
        }
