"""The personal site: one home page per language, a page per portfolio item, and the
files around them (404, sitemap, robots, favicon, vCard, GitHub Pages markers, assets).

Every link between pages is relative, so the site works from ``file://`` and under a
GitHub project sub-path; only canonical/Open Graph/sitemap URLs are absolute (the user's
own address), as those formats require.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.profile.model import Image, PortfolioItem, Profile, Site, Text
from brandkit.render import meta
from brandkit.render.ui import ui
from brandkit.render.vcard import vcard

VCARD_FILE = "contact.vcf"
FONT_STACK = ('"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", '
              '"Yu Gothic", Meiryo, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif')
FONT_STACK_EN = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
                 '"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif')


@dataclass
class Options:
    base_url: str | None = None  # overrides profile.site.url (GitHub Actions gives one)
    build_date: date = field(default_factory=date.today)


@dataclass
class Page:
    kind: str  # home | portfolio | 404
    lang: str
    path: str  # output path, e.g. "en/portfolio/ai-tutor/index.html"
    title: str
    description: str
    item: PortfolioItem | None = None
    canonical: str | None = None
    alternates: list[dict[str, str]] = field(default_factory=list)

    @property
    def root(self) -> str:
        """Relative prefix from this page to the site root: "", "../", "../../"…"""
        return "../" * self.path.count("/")


def lang_prefix(lang: str, primary: str) -> str:
    return "" if lang == primary else f"{lang}/"


def page_path(kind: str, lang: str, primary: str, slug: str = "") -> str:
    prefix = lang_prefix(lang, primary)
    if kind == "portfolio":
        return f"{prefix}portfolio/{slug}/index.html"
    return f"{prefix}index.html"


def pretty(path: str) -> str:
    """The public form of a page address: "en/index.html" → "en/"."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def render_site(site: Site, options: Options) -> dict[str, bytes]:
    """Render every output file in memory; template mistakes become located user errors."""
    import jinja2

    try:
        return _render_site(site, options)
    except jinja2.TemplateSyntaxError as exc:
        raise BrandkitError(_template_where(exc.filename, exc.lineno) + say(
            "template_error", detail=exc.message or "")) from exc
    except (jinja2.TemplateError, TypeError, AttributeError, KeyError, ValueError) as exc:
        where = _traceback_template(exc)
        if where is None:  # not from a template: a bug in brandkit itself
            raise
        raise BrandkitError(_template_where(*where) + say(
            "template_error", detail=str(exc))) from exc


def _template_where(filename: str | None, line: int | None) -> str:
    from brandkit.profile import shown_path
    return f"{shown_path(Path(filename)) if filename else '?'}:{line or 0}: "


def _traceback_template(exc: BaseException) -> tuple[str, int] | None:
    """The innermost template frame of a rendering error (Jinja maps lines back)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".svg", ".txt")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _render_site(site: Site, options: Options) -> dict[str, bytes]:
    from brandkit import themes
    from brandkit.text.color import darken_to_contrast, readable_on

    profile = site.profile
    folder = Path(site.folder)
    base_url = _base(options.base_url or profile.site.url)
    theme = themes.find_theme(profile.brand.theme, folder)
    env = themes.environment(profile.brand.theme, folder)
    color = profile.brand.color
    brand = {
        "color": color,
        "on_color": readable_on(color),
        "text": darken_to_contrast(color, theme.background),
        "text_dark": darken_to_contrast(color, theme.background_dark),
        "font": profile.brand.font,
    }
    files: dict[str, bytes] = {}
    for folder_ in themes.asset_folders(profile.brand.theme, folder):
        for path in sorted(folder_.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files["assets/" + path.relative_to(folder_).as_posix()] = path.read_bytes()
    files["favicon.svg"] = meta.favicon(profile, color, brand["on_color"]).encode("utf-8")
    shared = {"profile": profile, "portfolio": site.portfolio, "brand": brand,
              "langs": profile.lang, "primary": profile.primary, "base_url": base_url,
              "vcard_file": VCARD_FILE, "build_date": options.build_date,
              "inline_asset": lambda path: files[path].decode("utf-8")}
    images = _ImageIndex(folder)

    sitemap_entries: list[tuple[str, dict[str, str]]] = []
    kinds: list[tuple[str, PortfolioItem | None]] = [("home", None)]
    kinds += [("portfolio", item) for item in site.portfolio]
    for kind, item in kinds:
        slug = item.slug if item else ""
        paths = {lang: page_path(kind, lang, profile.primary, slug) for lang in profile.lang}
        urls = {lang: base_url + pretty(p) for lang, p in paths.items()} if base_url else {}
        for lang in profile.lang:
            page = _page(kind, lang, paths[lang], profile, item)
            page.canonical = urls.get(lang)
            page.alternates = [{"lang": other, "href": posixpath.relpath(paths[other],
                                posixpath.dirname(paths[lang]) or "."), "url": urls.get(other, "")}
                               for other in profile.lang]
            template = "home.html" if kind == "home" else "portfolio.html"
            context = _context(shared, page, images, base_url)
            files[page.path] = env.get_template(template).render(context).encode("utf-8")
        if urls:
            sitemap_entries.append((urls[profile.primary], urls if len(urls) > 1 else {}))

    not_found = _page("404", profile.primary, "404.html", profile, None)
    files["404.html"] = env.get_template("404.html").render(
        _context(shared, not_found, images, base_url)).encode("utf-8")
    files[VCARD_FILE] = vcard(profile, base_url).encode("utf-8")
    files["robots.txt"] = meta.robots(base_url).encode("utf-8")
    if base_url:
        files["sitemap.xml"] = meta.sitemap(sitemap_entries, options.build_date).encode("utf-8")
    files[".nojekyll"] = b""  # GitHub Pages: serve files as they are, no Jekyll
    if profile.site.domain:
        files["CNAME"] = (profile.site.domain + "\n").encode("ascii")
    for src in images.used:
        files.setdefault(src, (folder / src).read_bytes())
    return files


def _base(url: str | None) -> str | None:
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def _page(kind: str, lang: str, path: str, profile: Profile, item: PortfolioItem | None) -> Page:
    name = profile.name.display(lang)
    identity = profile.identity.text(lang)
    if kind == "portfolio" and item is not None:
        title = f"{item.title.text(lang)} — {name}"
        description = item.summary.text(lang) if item.summary else identity
    elif kind == "404":
        title, description = f"{ui('not_found_title', lang)} — {name}", identity
    else:
        title, description = f"{name} — {identity}", identity
        if profile.about:
            from brandkit.text.markdown import markdown_to_plain
            description = _clip(f"{identity} — {markdown_to_plain(profile.about.text(lang))}")
    return Page(kind, lang, path, title, description, item)


def _clip(text: str) -> str:
    """Search results show ~160 Latin or ~120 Japanese characters: end at a sentence if
    one fits, else at a word or 、, never mid-word."""
    from brandkit.profile.model import is_japanese

    limit = 120 if is_japanese(text) else 160
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("。", ". ", "！", "？", "! ", "? "):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[: at + 1]
    for mark in ("、", " "):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[:at].rstrip() + "…"
    return cut[: limit - 1] + "…"


class _ImageIndex:
    """Sizes of the images pages use, and the list of files to copy into the output."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: list[str] = []
        self._sizes: dict[str, tuple[int, int] | None] = {}

    def size(self, src: str) -> tuple[int, int] | None:
        if src not in self._sizes:
            from brandkit.render.images import image_size
            self._sizes[src] = image_size(self.folder / src)
            self.used.append(src)
        return self._sizes[src]


def _context(shared: dict[str, Any], page: Page, images: _ImageIndex,
             base_url: str | None) -> dict[str, Any]:
    from markupsafe import Markup

    from brandkit.text.ja import phrases
    from brandkit.text.markdown import render_markdown

    lang = page.lang
    here = posixpath.dirname(page.path)

    def t(value: Text | str | None) -> str:
        if value is None:
            return ""
        return value.text(lang) if isinstance(value, Text) else str(value)

    def lang_attr(value: Text | str | None) -> Markup:
        """` lang="ja"` when the text shown is not in the page's language."""
        if isinstance(value, Text):
            shown = value.pick(lang)[1]
        else:
            from brandkit.profile.model import is_japanese
            shown = "ja" if value and is_japanese(str(value)) else lang
        return Markup(f' lang="{shown}"') if shown != lang else Markup("")

    def url(target: str) -> str:
        """Relative link from this page to a site path ("portfolio/x/" → …/index.html)."""
        if target.endswith("/") or not target:
            target += "index.html"
        return posixpath.relpath(target, here or ".")

    def img(image: Image | None, fallback_alt: str = "") -> dict[str, Any] | None:
        if image is None:
            return None
        size = images.size(image.src)
        return {"src": url(image.src), "alt": t(image.alt) or fallback_alt,
                "width": size[0] if size else None, "height": size[1] if size else None,
                "abs": (base_url + image.src) if base_url else None}

    def page_url(kind: str, slug: str = "", in_lang: str | None = None) -> str:
        return url(page_path(kind, in_lang or lang, shared["primary"], slug))

    profile = shared["profile"]
    words: Callable[..., str] = lambda key, **kw: ui(key, lang, **kw)  # noqa: E731
    photo = profile.photo
    context = dict(shared)
    context.update(
        page=page, lang=lang, t=t, ui_in=lambda in_lang, key: ui(key, in_lang), lang_attr=lang_attr, url=url, img=img, ui=words,
        page_url=page_url, md=lambda value: render_markdown(t(value)),
        phrases=lambda value: phrases(t(value)), name=profile.name.display(lang),
        font_stack=FONT_STACK if lang == "ja" else FONT_STACK_EN,
        site_contacts=profile.contacts.shown("site"),
        jsonld=Markup(meta.profile_page(profile, lang, page.canonical, base_url,
                                        photo.src if photo else None, shared["build_date"]))
        if page.kind == "home" else None,
        og_image=(base_url + photo.src) if (photo and base_url) else None,
    )
    return context
