"""The personal site: one home page per language, a page per portfolio item, and the
files around them (404, sitemap, robots, favicon, vCard, GitHub Pages markers, assets).

Every link between pages is relative, so the site works from ``file://`` and under a
GitHub project sub-path; only canonical/Open Graph/sitemap URLs are absolute (the user's
own address), as those formats require.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.profile.model import PortfolioItem, Profile, Site
from brandkit.record import record
from brandkit.render import meta
from brandkit.render.cache import RenderCache
from brandkit.render.ui import ui
from brandkit.render.page import Options, Page, page_path
from brandkit.render.vcard import VCARD_FILE, vcard

def render_site(site: Site, options: Options, cache: RenderCache | None = None,
                sink: Any = None, env: Any = None) -> dict[str, bytes]:
    """Render every output file in memory; template mistakes become located user errors.

    With a ``cache`` (watch, serve), site pages whose inputs did not change since the
    last good build are reused rather than rendered again. With a ``sink`` (a build's
    ``output.Outputs``), pages rendered on two processes go to it as they are made, and
    are left out of what this returns. ``env``: the templates from ``warm_up``.
    """
    import jinja2

    try:
        return _render_site(site, options, cache, sink, env)
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


def _render_site(site: Site, options: Options, cache: RenderCache | None,
                 sink: Any, env: Any) -> dict[str, bytes]:
    from brandkit import parallel
    from brandkit.render.context import Renderer

    r = Renderer.for_site(site, options, cache, env)
    r.sink = sink
    profile = site.profile
    langs = len(profile.lang)
    # (estimated ms, must run in this process, work): the estimates only balance the
    # two processes of a build (see brandkit/parallel.py), measured on the example site.
    units: list[tuple[float, bool, Callable[[Any], None]]] = [(4.0 * langs, False, _pages("home", None))]
    units += [(1.5 * langs, False, _pages("portfolio", item)) for item in site.portfolio]
    units.append((1.0, False, _other_files))
    for extra in EXTRA_RENDERERS:
        units += _extra_units(r, extra)
    # Templates warmed up while the portfolio was read are compiled already.
    parallel.run(r, units, None if env is not None else lambda: _prepare(r))
    return r.finish()


def _extra_units(r: Any, name: str) -> list[tuple[float, bool, Callable[[Any], None]]]:
    """An extra renderer as units of work: its ``parts`` when it has them and no cache
    needs to see it as one (watch tracks what each extra renderer reads), else whole."""
    import importlib

    cost, here = EXTRA_COSTS.get(name, (20.0, True))
    module, _, function = name.partition(":")
    parts = getattr(importlib.import_module(module), "parts", None) if function == "render" else None
    if r.cache is None and parts is not None:
        return [(estimate, here, part) for estimate, part in parts(r)]
    return [(cost * (1 + len(r.site.profile.events)), here, lambda r: r.run_extra(name))]


def warm_up(profile: Profile, folder: Path) -> Any:
    """The Jinja environment with every template compiled, and the extra renderers'
    modules imported: a large build does this while another process reads the portfolio
    (``load_site``'s ``meanwhile``). None if anything goes wrong: rendering then meets
    the same problem where it is reported today."""
    import importlib

    from brandkit.render import templates

    try:
        env = templates.environment(profile.brand.theme, folder)
        _compile(env)
        for name in EXTRA_RENDERERS:
            importlib.import_module(name.partition(":")[0])
    except Exception:
        return None
    return env


def _prepare(r: Any) -> None:
    """Load what the pages use, once, before the work is shared between processes: the
    compiled templates (else both processes compile them). The extra renderers' modules
    are already imported: ``_extra_units`` asked them for their parts. markdown-it is
    not: most profiles never need it (see text/markdown.py)."""
    _compile(r.env)


def _compile(env: Any) -> None:
    import jinja2

    for name in env.list_templates(extensions=["html", "md", "svg", "xml", "txt"]):
        if ":" in name:
            continue  # "theme:…", the same files by another name
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass  # raised again, and located, where a page uses it


def _pages(kind: str, item: PortfolioItem | None) -> Callable[[Any], None]:
    """The work of one page in every language, and its sitemap entries."""

    def render(r: Any) -> None:
        profile = r.site.profile
        slug = item.slug if item else ""
        paths = {lang: page_path(kind, lang, profile.primary, slug) for lang in profile.lang}
        urls = r.alternate_urls(paths)
        for lang in profile.lang:
            page = _page(kind, lang, paths[lang], profile, item)
            r.link_alternates(page, paths, urls)
            r.add(page.path, r.render_page("home.html" if kind == "home" else "portfolio.html", page))
        r.add_to_sitemap(urls)

    return render


def _other_files(r: Any) -> None:
    profile = r.site.profile
    r.add("404.html", r.render_page("404.html", _page("404", profile.primary, "404.html", profile, None)))
    r.add(VCARD_FILE, vcard(profile, r.base_url).encode("utf-8"))
    r.add("robots.txt", meta.robots(r.base_url).encode("utf-8"))
    r.add(".nojekyll", b"")  # GitHub Pages: serve files as they are, no Jekyll
    if profile.site.domain:
        r.add("CNAME", (profile.site.domain + "\n").encode("ascii"))


# Other outputs (business card, event kit) render through the same Renderer, after the
# site pages: "module:function", each function taking the Renderer and calling r.add().
EXTRA_RENDERERS: list[str] = ["brandkit.render.card:render", "brandkit.render.kit:render"]
# What each costs per card or event (ms, to share work between processes) and whether it
# must run in the build's own process: the card may run WeasyPrint, whose warnings are
# logged where the caller listens.
EXTRA_COSTS: dict[str, tuple[float, bool]] = {
    "brandkit.render.card:render": (8.0, True),
    "brandkit.render.kit:render": (20.0, False),
}


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
    from brandkit.text.ja import is_japanese

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
