"""The personal site: one home page per language, a page per portfolio item, and the
files around them (404, robots, GitHub Pages markers, the theme's assets and favicon).
The sitemap and the images pages show are added when every unit is done
(brandkit/render/__init__.py); ``contact.vcf`` comes from the exchange family.
"""

from __future__ import annotations

from collections.abc import Callable

from brandkit.profile.model import PortfolioItem, Profile
from brandkit.render import meta
from brandkit.render.page import Page, page_path
from brandkit.render.renderer import Renderer
from brandkit.render.ui import ui
from brandkit.render.units import Family, Unit
from brandkit.text.ja import is_japanese
from brandkit.text.markdown import markdown_to_plain


def units(r: Renderer) -> list[Unit]:
    """The home pages, each item's pages, then the other files. Estimates (ms) measured
    on the example site; they only balance a build's two processes."""
    langs = len(r.site.profile.lang)
    found = [Unit("site:home", 4.0 * langs, _pages("home", None))]
    found += [Unit(f"site:item:{item.slug}", 1.5 * langs, _pages("portfolio", item), item=item.slug)
              for item in r.site.portfolio]
    found.append(Unit("site:files", 1.0, _other_files))
    return found


FAMILY = Family("site", units)


def _pages(kind: str, item: PortfolioItem | None) -> Callable[[Renderer], None]:
    """The work of one page in every language, and its sitemap entries."""

    def render(r: Renderer) -> None:
        profile = r.site.profile
        slug = item.slug if item else ""
        paths = {lang: page_path(kind, lang, profile.primary, slug) for lang in profile.lang}
        urls = r.alternate_urls(paths)
        for lang in profile.lang:
            page = _page(kind, lang, paths[lang], profile, item)
            r.link_alternates(page, paths, urls)
            r.add(page.path, r.render("home.html" if kind == "home" else "portfolio.html", page))
        r.add_to_sitemap(urls)

    return render


def _other_files(r: Renderer) -> None:
    profile = r.site.profile
    r.add("404.html", r.render("404.html", _page("404", profile.primary, "404.html", profile, None)))
    r.add("robots.txt", meta.robots(r.base_url).encode("utf-8"))
    r.add(".nojekyll", b"")  # GitHub Pages: serve files as they are, no Jekyll
    if profile.site.domain:
        r.add("CNAME", (profile.site.domain + "\n").encode("ascii"))
    for path, data in r.assets.items():  # the pages link them; the card's are left out
        r.add(path, data)


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
            description = _clip(f"{identity} — {markdown_to_plain(profile.about.text(lang))}")
    return Page(kind, lang, path, title, description, item)


def _clip(text: str) -> str:
    """Search results show ~160 Latin or ~120 Japanese characters: end at a sentence if
    one fits, else at a word or 、, never mid-word."""

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
