"""The Renderer: one per build, shared by every output (site pages, card, event kit).

It holds the Jinja environment, the brand colours and the files rendered so far, builds
each page's template context (the helpers templates call: ``t``, ``url``, ``phrases``…),
and refuses two outputs that claim the same path.
"""

from __future__ import annotations

import posixpath
from dataclasses import field, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from brandkit.profile.model import LANGS, Image, Site, Text
from brandkit.text.ja import is_japanese
from brandkit.record import record
from brandkit.render import meta
from brandkit.render.cache import TEXT_KEYS, RenderCache
from brandkit.render.page import FONT_STACK, FONT_STACK_EN, Options, Page, page_path, pretty, relative
from brandkit.render.vcard import VCARD_FILE
from brandkit.render.ui import ui

T = TypeVar("T")


class _Listed(list):
    """The portfolio as a renderer sees it: any look at the list itself (its length, its
    order, which items) is noted as ``portfolio``; each item is a ``_read_record``, so
    what is read of it is noted as ``item:<slug>:<field>``."""

    def __init__(self, items: list, note: Callable[[str], None]):
        super().__init__(_read_record(item, note, f"item:{item.slug}:") for item in items)
        self._note = note
        self.by_slug = {item.slug: item for item in list.__iter__(self)}


def _listing(name: str) -> Callable[..., Any]:
    method = getattr(list, name)

    def noted(self: _Listed, *args: Any, **kwargs: Any) -> Any:
        self._note("portfolio")
        return method(self, *args, **kwargs)
    noted.__name__ = name
    return noted


for _name in ("__iter__", "__len__", "__getitem__", "__reversed__", "__contains__", "__eq__",
              "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__add__", "__mul__", "__rmul__",
              "__repr__", "index", "count", "copy"):
    setattr(_Listed, _name, _listing(_name))
_Listed.__str__ = _Listed.__repr__  # type: ignore[method-assign]


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


class _ReadText(Text):
    """A text field of a ``_read_record`` (``profile:identity``, ``item:<slug>:title``…):
    ``pick`` or ``text`` in one language notes ``<field>@<lang>``, one language's entry
    (``t["en"]``, ``"en" in t``, ``t.get("en")``) ``<field>[en]``, its truth ``<field>?``,
    and any other look (the keys, equality, ``str``) the whole ``<field>``."""

    __slots__ = ("_field", "_note", "_plain")

    def __init__(self, value: Text, field: str, note: Callable[[str], None]):
        super().__init__(value)
        self._field, self._note, self._plain = field, note, Text(value)

    def pick(self, lang: str, order: tuple[str, ...] = LANGS) -> tuple[str, str]:
        self._note(f"{self._field}@{lang}" if lang in LANGS and order == LANGS else self._field)
        return self._plain.pick(lang, order)

    def __bool__(self) -> bool:
        self._note(self._field + "?")
        return bool(self._plain)

    def __getitem__(self, key: str) -> str:
        self._note(f"{self._field}[{key}]" if key in TEXT_KEYS else self._field)
        return self._plain[key]

    def __contains__(self, key: object) -> bool:
        self._note(f"{self._field}[{key}]" if key in TEXT_KEYS else self._field)
        return key in self._plain

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self._note(f"{self._field}[{key}]" if key in TEXT_KEYS else self._field)
        return self._plain.get(key, default)

    def __reduce_ex__(self, protocol: Any) -> Any:  # copies are plain texts
        self._note(self._field)
        return Text, (self._plain,)


def _noting(name: str) -> Callable[..., Any]:
    method = getattr(dict, name)

    def noted(self: _ReadText, *args: Any, **kwargs: Any) -> Any:
        self._note(self._field)
        return method(self, *args, **kwargs)
    noted.__name__ = name
    return noted


for _name in ("__iter__", "__len__", "__eq__", "__ne__", "__repr__", "__or__", "keys",
              "values", "items", "copy"):
    setattr(_ReadText, _name, _noting(_name))
_ReadText.__str__ = _ReadText.__repr__  # type: ignore[method-assign]
del _name


class _ReadList(list):
    """A list of records in a ``_read_record`` (``profile:events``…): its length and
    order are noted as ``<field>#``, and each element is a ``_read_record`` of its own,
    ``<field>[<index>]:<its field>``."""

    def __init__(self, items: list, field: str, note: Callable[[str], None]):
        super().__init__(_read_record(item, note, f"{field}[{i}]:") for i, item in enumerate(items))
        self._field, self._note = field, note


def _counting(name: str, token: str) -> Callable[..., Any]:
    method = getattr(list, name)

    def noted(self: _ReadList, *args: Any, **kwargs: Any) -> Any:
        self._note(self._field + token)
        return method(self, *args, **kwargs)
    noted.__name__ = name
    return noted


for _name in ("__iter__", "__len__", "__getitem__", "__reversed__", "__contains__", "index",
              "count"):
    setattr(_ReadList, _name, _counting(_name, "#"))
for _name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__add__",
              "__mul__", "__rmul__", "__repr__", "copy"):
    setattr(_ReadList, _name, _counting(_name, ""))  # the whole list
_ReadList.__str__ = _ReadList.__repr__  # type: ignore[method-assign]

_READ_CLASSES: dict[type, type] = {}
_READ_TYPES: set[type] = set()


def _read_record(record: Any, note: Callable[[str], None], prefix: str) -> Any:
    """``record`` (the profile, a portfolio item) as a renderer sees it: the same values,
    the same class to ``isinstance``, but reading a field notes ``<prefix><field>`` — a
    text field ``<prefix><field>?``, then what is read of it (see ``_ReadText``).
    ``Builder`` compares the real records to find which of these changed."""
    cls = type(record)
    seen_cls = _READ_CLASSES.get(cls)
    if seen_cls is None:
        from dataclasses import fields

        names = frozenset(f.name for f in fields(cls))

        def __getattribute__(self: Any, name: str) -> Any:
            value = object.__getattribute__(self, name)
            if name in names or name == "__dict__":
                try:
                    noted = object.__getattribute__(self, "_bk_note")
                    prefix = object.__getattribute__(self, "_bk_prefix")
                except AttributeError:  # a copy made by dataclasses.replace: not noted
                    return value
                field = prefix + name
                if name == "__dict__":
                    for each in names:
                        noted(prefix + each)
                elif type(value) is Text:  # first look at a text: noted by language
                    value = _ReadText(value, field, noted)
                    object.__getattribute__(self, "__dict__")[name] = value
                    noted(field + "?")
                elif type(value) is _ReadText:
                    noted(field + "?")
                elif type(value) is list and value and \
                        hasattr(type(value[0]), "__dataclass_fields__"):
                    # A list of records (events, strengths…): each read by itself.
                    value = _ReadList(value, field, noted)
                    object.__getattribute__(self, "__dict__")[name] = value
                elif type(value) is not _ReadList:
                    noted(field)
            return value

        seen_cls = type(cls.__name__, (cls,), {
            "__slots__": ("_bk_note", "_bk_prefix"), "__getattribute__": __getattribute__,
            "__module__": cls.__module__, "__qualname__": cls.__qualname__})
        _READ_CLASSES[cls] = seen_cls
        _READ_TYPES.add(seen_cls)
    seen = object.__new__(seen_cls)
    object.__getattribute__(seen, "__dict__").update(record.__dict__)
    object.__setattr__(seen, "_bk_note", note)
    object.__setattr__(seen, "_bk_prefix", prefix)
    return seen


def _argument(value: Any) -> Any:
    """A unit's argument as compared with last time's: a record read through the Renderer
    by where it is (what is read of it is noted), anything else by its value."""
    if type(value) in _READ_TYPES:
        return ("read", object.__getattribute__(value, "_bk_prefix"))
    return value


def base_url(url: str | None) -> str | None:
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


@record
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
    # A build's staging folders (output.Outputs): files rendered on two processes are
    # written as they are made (brandkit/parallel.py). None: the caller writes them.
    sink: Any = None

    @classmethod
    def for_site(cls, site: Site, options: Options, cache: RenderCache | None = None,
                 env: Any = None) -> "Renderer":
        from brandkit.profile import theme as themes
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
            if env is None:  # else compiled while the portfolio was read (site.warm_up)
                from brandkit.render import templates

                env = templates.environment(profile.brand.theme, folder)
            if cache is not None:
                cache.env, cache.env_key = env, env_key
        r = cls(site, options, env, brand, base_url(options.base_url or profile.site.url),
                cache=cache)
        if cache is not None:  # note what each page and extra renderer reads
            r.site = replace(site, portfolio=_Listed(site.portfolio, r._note),
                             profile=_read_record(site.profile, r._note, "profile:"))
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
        """Run one extra renderer ("module:function") as a ``unit``."""
        import importlib

        module, _, function = name.partition(":")
        self.unit("extra:" + name, getattr(importlib.import_module(module), function))

    def unit(self, key: str, work: Callable[..., None], *args: Any) -> None:
        """``work(self, *args)``: a piece of an output renderer (files, sitemap entries).

        With a cache (watch, serve), its last outputs are reused when ``args`` are equal
        to last time's and nothing it read (through ``r.site``, ``r.files``, templates)
        has changed. Units nest: an outer one counts what its inner ones read and added.
        ``key`` names the unit among all of a build's.
        """
        cache = self.cache
        if cache is None:
            work(self, *args)
            return
        outer_reads, outer_adds = self._reading, self._adding
        last = cache.extras.get(key)
        shown = tuple(_argument(arg) for arg in args)
        if last is not None and last[3] == shown and not self._stale(last[0]) \
                and all(path in cache.files for path in last[1]):
            reads, outputs, sitemap, _ = last
            for path in outputs:
                dict.__setitem__(self.files, path, cache.files[path])
            self.sitemap.extend(sitemap)
            self._reuse_images(reads)
            cache.new_extras[key] = last
        else:
            before = len(self.sitemap)
            self._reading, self._adding = set(), []
            try:
                work(self, *args)
                reads, outputs = frozenset(self._reading), tuple(self._adding)
            finally:
                self._reading, self._adding = outer_reads, outer_adds
            cache.new_extras[key] = (reads, outputs, tuple(self.sitemap[before:]), shown)
            cache.rendered.append(key)
        if outer_reads is not None:
            outer_reads |= reads
        if outer_adds is not None:
            outer_adds.extend(outputs)

    def alternate_urls(self, paths: dict[str, str]) -> dict[str, str]:
        return {lang: self.base_url + pretty(p) for lang, p in paths.items()} if self.base_url else {}

    def link_alternates(self, page: Page, paths: dict[str, str], urls: dict[str, str]) -> None:
        page.canonical = urls.get(page.lang)
        here = posixpath.dirname(page.path) or "."
        page.alternates = [{"lang": other, "href": relative(paths[other], here),
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
        # The page's title, description and links are worked out before it renders: they
        # count as read too, as does the template. Its portfolio item is read like any
        # other, field by field (see _read_record).
        if page.item is not None and isinstance(self.site.portfolio, _Listed):
            page = replace(page, item=self.site.portfolio.by_slug.get(page.item.slug, page.item))
            shown: tuple[str, Any] = (template, replace(page, item=None))
        else:
            shown = (template, page)
        old, reads = cache.files.get(page.path), cache.reads.get(page.path)
        if old is not None and reads is not None and cache.pages.get(page.path) == shown \
                and not self._stale(reads):
            cache.new_reads[page.path], cache.new_pages[page.path] = reads, shown
            self._reuse_images(reads)
            if self._reading is not None:
                self._reading |= reads
            return old
        outer = self._reading  # an extra renderer's own pages count for it too
        self._reading = set()
        try:
            data = self.render(template, page)
        finally:
            reads, self._reading = frozenset(self._reading), outer
        if outer is not None:
            outer |= reads
        cache.new_reads[page.path], cache.new_pages[page.path] = reads, shown
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
