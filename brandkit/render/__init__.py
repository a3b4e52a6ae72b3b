"""Render: a loaded ``Site`` in, files out — in memory, never on disk.

Each output family is a package here and one row of ``FAMILIES``: its units of work
(``units.Unit``), run by one ``Renderer``, give back what they rendered (``units.Rendered``).
``render`` runs them all — on both cores for a build, reusing a watch's unchanged ones —
and ends with the files that depend on every unit: the sitemap and the images the pages
showed. The caller decides what happens to the files: ``build`` writes them through
brandkit/output.py, a test keeps them in a dict (``render_files``).

A new output goes in a new package beside ``site``, ``card``, ``kit`` and ``exchange``
(or into the family it belongs to), with a ``FAMILY`` added to the table below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from brandkit import files, parallel
from brandkit.errors import BrandkitError, Problem, ProfileError, shown_path
from brandkit.messages import say
from brandkit.profile.model import Profile, Site
from brandkit.render import card, exchange, kit, meta, site, templates
from brandkit.render.page import Options
from brandkit.render.renderer import Renderer
from brandkit.render.units import Family, Rendered, Unit

# In this order: the sitemap lists pages in the order their units come.
FAMILIES: tuple[Family, ...] = (site.FAMILY, card.FAMILY, kit.FAMILY, exchange.FAMILY)
FINISH = "finish"  # the key of the last piece: sitemap.xml and the images pages showed

_PRIVATE = {f"{family.folder}/": family.folder for family in FAMILIES if family.folder}
_INLINED = frozenset(path for family in FAMILIES for path in family.inlined)


def route(path: str) -> tuple[str, str] | None:
    """Where a rendered file goes: (folder, path there) — "site" is the published site,
    another is a family's private folder (the card: "card/x" → ("card", "x")); None for
    an asset only inlined into a private family's pages."""
    for prefix, folder in _PRIVATE.items():
        if path.startswith(prefix):
            return folder, path[len(prefix):]
    return None if path in _INLINED else ("site", path)


def render(site: Site, options: Options, *, env: Any = None, memo: dict | None = None,
           reuse: Callable[[Unit], Rendered | None] | None = None,
           each: Callable[[Rendered], Rendered] | None = None,
           redo: Callable[[], None] | None = None, fork: bool = True) -> list[Rendered]:
    """Every unit of every family, in order, then the finishing piece (``FINISH``).

    ``env``: the compiled templates (``warm_up``, or a watch's from last time).
    ``reuse(unit)``: last time's result when nothing it depends on changed (a watch).
    ``each``: runs on each result in the process that rendered it (a build writes the
    files there); ``redo`` is called before this process redoes a failed child's share.
    ``fork``: whether a second process may help (``parallel.map``). Template mistakes
    become located user errors.
    """
    import jinja2

    try:
        r = Renderer(site, options, env, memo)
        units = [unit for family in FAMILIES for unit in family.units(r)]

        def work(unit: Unit) -> Rendered:
            old = reuse(unit) if reuse is not None else None
            return old if old is not None else r.run(unit)

        # Templates warmed up while the portfolio was read are compiled already. Else this
        # process compiles them while the child starts on the largest units (the card's
        # PDFs), compiling what those need or finding it in the bytecode cache once this
        # process stored it: ~0.5 s of a cold build no longer spent before the fork.
        meanwhile = None if env is not None else lambda: _compile(r.env)
        results = parallel.map(work, units, [unit.cost for unit in units],
                               meanwhile=meanwhile, each=each, redo=redo, fork=fork)
    except jinja2.TemplateSyntaxError as exc:
        raise BrandkitError(_template_where(exc.filename, exc.lineno) + say(
            "template_error", detail=exc.message or "")) from exc
    except (jinja2.TemplateError, TypeError, AttributeError, KeyError, ValueError) as exc:
        where = _traceback_template(exc)
        if where is None:  # not from a template: a bug in brandkit itself
            raise
        raise BrandkitError(_template_where(*where) + say(
            "template_error", detail=str(exc))) from exc
    for result in results:  # what WeasyPrint warned, in whichever process it ran
        if result.warnings:
            from brandkit.render import weasy

            weasy.replay(result.warnings)
            result.warnings = []  # a watch may reuse the result: said once
    last = _finish(r, results)
    results.append(each(last) if each is not None else last)
    return results


def _finish(r: Renderer, results: list[Rendered]) -> Rendered:
    """The files that depend on every unit: the sitemap, and the images pages showed."""
    done = Rendered(FINISH)
    if r.base_url:
        entries = [entry for result in results for entry in result.sitemap]
        done.files.append(("sitemap.xml", meta.sitemap(entries, r.options.build_date).encode()))
    folder = Path(r.site.folder)
    shown = dict.fromkeys(src for result in results for src in result.images)
    problems = []
    for src in shown:
        if src not in r.assets:  # an image in assets/ is published with them
            try:
                done.files.append((src, r.image_bytes(src)))
            except files.Unreadable as exc:  # changed since it was checked, or too big
                problems.append(Problem(shown_path(folder / src), 0, 0, "", exc.message,
                                        hint=exc.hint))
    if problems:
        raise ProfileError(problems)
    return done


def render_files(site: Site, options: Options) -> dict[str, bytes]:
    """Everything rendered, in one process, as one dict (path → bytes): for tests and
    tools. ValueError when two outputs claim one path."""
    files: dict[str, bytes] = {}
    for result in render(site, options, fork=False):
        for path, data in result.files:
            if path in files:
                raise ValueError(f"two outputs claim {path}")
            files[path] = data
    return files


def warm_up(profile: Profile, folder: Path) -> Any:
    """The Jinja environment with every template compiled: a large build does this while
    another process reads the portfolio (``load_site``'s ``meanwhile``). None if anything
    goes wrong: rendering then meets the same problem where it is reported today."""

    try:
        env = templates.environment(profile.brand.theme, folder)
        _compile(env)
    except Exception:  # noqa: BLE001 - met again, and reported, where rendering does it
        return None
    return env


def _compile(env: Any) -> None:
    """Compile every template once, into Jinja's bytecode cache too, while the other
    process of a build starts (else both compile them). markdown-it is not loaded: most
    profiles never need it."""
    import jinja2

    for name in env.list_templates(extensions=["html", "md", "svg", "xml", "txt"]):
        if ":" in name:
            continue  # "theme:…", the same files by another name
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass  # raised again, and located, where a page uses it


def _template_where(filename: str | None, line: int | None) -> str:
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
