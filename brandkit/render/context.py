"""The Renderer: one per build, shared by every output (site pages, card, event kit).

It holds the Jinja environment, the brand colours and the files rendered so far, builds
each page's template context (the helpers templates call: ``t``, ``url``, ``phrases``…),
and refuses two outputs that claim the same path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from brandkit.profile.model import Image, Site, Text, is_japanese
from brandkit.render import meta
from brandkit.render.cache import RenderCache
from brandkit.render.site import (FONT_STACK, FONT_STACK_EN, VCARD_FILE, Options, Page,
                                  page_path, pretty)
from brandkit.render.ui import ui

T = TypeVar("T")


class _Listed(list):
    """The portfolio as a template sees it: any look at the list is noted as a read."""

    def __init__(self, items: list, note: Callable[[str], None]):
        super().__init__(items)
        self._seen = lambda: note("portfolio")

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._seen()
        return super().__iter__()

    def __len__(self) -> int:
        self._seen()
        return super().__len__()

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        self._seen()
        return super().__getitem__(index)


class _Files(dict):
    """The rendered files; reading one's bytes is noted as a read of that output."""

    def __init__(self, note: Callable[[str], None]):
        super().__init__()
        self._note = note

    def __getitem__(self, path: str) -> bytes:
        self._note("out:" + path)
        return super().__getitem__(path)

    def get(self, path: str, default: Any = None) -> Any:  # type: ignore[override]
        self._note("out:" + path)
        return super().get(path, default)


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
    # Watch and serve keep a cache between builds (see render/cache.py); a build has none.
    cache: RenderCache | None = None
    _reading: set[str] | None = None  # what the page being rendered has read so far
    _adding: list[str] | None = None  # what the extra renderer running has added so far

    @classmethod
    def for_site(cls, site: Site, options: Options, cache: RenderCache | None = None) -> "Renderer":
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
        env_key = (profile.brand.theme, folder)
        if cache is not None and cache.env is not None and cache.env_key == env_key:
            env = cache.env  # templates stay compiled in memory between watch rebuilds
        else:
            env = themes.environment(profile.brand.theme, folder)
            if cache is not None:
                cache.env, cache.env_key = env, env_key
        r = cls(site, options, env, brand, base_url(options.base_url or profile.site.url),
                cache=cache)
        if cache is not None:  # note what each page and extra renderer reads
            r.site = replace(site, portfolio=_Listed(site.portfolio, r._note))
            r.files = _Files(r._note)
        for assets in themes.asset_folders(profile.brand.theme, folder):
            for path in sorted(assets.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    r.files["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
        r.add("favicon.svg", meta.favicon(profile, color, brand["on_color"]).encode("utf-8"))
        return r

    def add(self, path: str, data: bytes) -> None:
        """Claim an output path; two outputs for one path is a bug (Pelican's rule)."""
        if dict.__contains__(self.files, path) and not path.startswith("assets/"):
            raise ValueError(f"two outputs claim {path}")
        self.files[path] = data
        if self._adding is not None:
            self._adding.append(path)

    def run_extra(self, name: str) -> None:
        """Run one extra renderer ("module:function"); with a cache, reuse its last outputs
        when nothing it read (through ``r.site``, ``r.files``, templates) has changed."""
        import importlib

        module, _, function = name.partition(":")
        cache = self.cache
        if cache is None:
            getattr(importlib.import_module(module), function)(self)
            return
        key = "extra:" + name
        last = cache.extras.get(key)
        if last is not None and not self._stale(last[0]) \
                and all(path in cache.files for path in last[1]):
            reads, outputs, sitemap = last
            for path in outputs:
                dict.__setitem__(self.files, path, cache.files[path])
            self.sitemap.extend(sitemap)
            self._reuse_images(reads)
            cache.new_extras[key] = last
            return
        before = len(self.sitemap)
        self._reading, self._adding = set(), []
        try:
            getattr(importlib.import_module(module), function)(self)
            cache.new_extras[key] = (frozenset(self._reading), tuple(self._adding),
                                     tuple(self.sitemap[before:]))
        finally:
            self._reading, self._adding = None, None
        cache.rendered.append(key)

    def alternate_urls(self, paths: dict[str, str]) -> dict[str, str]:
        return {lang: self.base_url + pretty(p) for lang, p in paths.items()} if self.base_url else {}

    def link_alternates(self, page: Page, paths: dict[str, str], urls: dict[str, str]) -> None:
        page.canonical = urls.get(page.lang)
        here = posixpath.dirname(page.path) or "."
        page.alternates = [{"lang": other, "href": posixpath.relpath(paths[other], here),
                            "url": urls.get(other, "")} for other in paths]

    def add_to_sitemap(self, urls: dict[str, str]) -> None:
        # Every language version is its own <url>, each listing all versions (Google's
        # rule for hreflang in sitemaps), primary language first.
        alternates = urls if len(urls) > 1 else {}
        for lang in sorted(urls, key=lambda code: code != self.site.profile.primary):
            self.sitemap.append((urls[lang], alternates))

    def render(self, template: str, page: Page, **extra: Any) -> bytes:
        context = self.context(page)
        context.update(extra)
        return self.env.get_template(template).render(context).encode("utf-8")

    def render_page(self, template: str, page: Page) -> bytes:
        """``render``, or with a cache, the page's last bytes when nothing it read changed."""
        cache = self.cache
        if cache is None:
            return self.render(template, page)
        old, reads = cache.files.get(page.path), cache.reads.get(page.path)
        if old is not None and reads is not None and not self._stale(reads):
            cache.new_reads[page.path] = reads
            self._reuse_images(reads)
            if self._reading is not None:
                self._reading |= reads
            return old
        outer = self._reading  # an extra renderer's own pages count for it too
        self._reading = {f"item:{page.item.slug}"} if page.item is not None else set()
        try:
            data = self.render(template, page)
        finally:
            reads, self._reading = frozenset(self._reading), outer
        if outer is not None:
            outer |= reads
        cache.new_reads[page.path] = reads
        cache.rendered.append(page.path)
        return data

    def _reuse_images(self, reads: frozenset[str]) -> None:
        for token in reads:  # the images a reused output shows are still copied
            if token.startswith("file:") and token[5:] not in self._images:
                self._images.append(token[5:])

    def _stale(self, reads: frozenset[str]) -> bool:
        cache = self.cache
        assert cache is not None
        if cache.changed is None:
            return True
        for token in reads:
            if token in cache.changed:
                return True
            if token.startswith("out:") and dict.get(self.files, token[4:]) != cache.files.get(token[4:]):
                return True
        return False

    def _note(self, token: str) -> None:
        if self._reading is not None:
            self._reading.add(token)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``; in watch and serve, reused from the last build for the same key.

        For outputs that are slow to make from a small input, e.g. a QR code from its
        payload: ``r.memo(("qr", payload), lambda: make_qr(payload))``.
        """
        return compute() if self.cache is None else self.cache.remember(key, compute)

    def finish(self) -> dict[str, bytes]:
        """Add what depends on every page: the sitemap and the images pages used."""
        if self.base_url:
            self.add("sitemap.xml", meta.sitemap(self.sitemap, self.options.build_date).encode())
        folder = Path(self.site.folder)
        for src in self._images:
            self.files.setdefault(src, (folder / src).read_bytes())
        return self.files

    def image_size(self, src: str) -> tuple[int, int] | None:
        self._note("file:" + src)
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

        def inline_asset(path: str) -> str:
            self._note("out:" + path)
            return self.files[path].decode("utf-8")

        photo = profile.photo
        portfolio = self.site.portfolio  # with a cache, a list that notes it was read
        return {
            "profile": profile, "portfolio": portfolio, "brand": self.brand,
            "langs": profile.lang, "primary": profile.primary, "base_url": base,
            "vcard_file": VCARD_FILE, "build_date": self.options.build_date,
            "inline_asset": inline_asset,
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
