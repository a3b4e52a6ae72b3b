"""What a watch rebuild may reuse from the last good build: coarse, so it cannot miss.

Every unit of work depends on the profile, the build's options and the theme (its
templates, ``theme.yaml`` and assets): when any of them changed, everything renders again
(the example site in ~40 ms). Otherwise a unit is rendered again only when one of these
changed since the last good build:

* the portfolio item it shows (``Unit.item``);
* any portfolio item, or their order, when a template it rendered — or one that template
  extends, includes or imports — uses the variable ``portfolio`` (the home page; a
  theme's portfolio page that lists the other items);
* a site image it showed (its size goes into the page).

A unit that did not render with a template (the vCard, the reminders) has no other
inputs than the profile and the options. Nothing here watches what a renderer reads:
the dependencies follow from what a unit is and which templates it used.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

from brandkit.profile import theme as themes
from brandkit.profile.model import Site
from brandkit.record import record
from brandkit.render import templates
from brandkit.render.page import Options
from brandkit.render.units import Rendered, Unit

Stamp = tuple[int, ...]
PARSED_LIMIT = 256  # template sources whose facts a watch keeps (a theme author's edits)


def stamp(path: Path | str) -> Stamp | None:
    """What tells a file changed: mtime, size, inode (an editor's atomic save)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def theme_stamps(site: Site) -> dict[str, Stamp | None]:
    """Every file of the theme in use: the site's templates and assets, the theme chain's
    templates, assets and theme.yaml files, and which site themes exist (one may shadow a
    built-in one)."""

    folder = Path(site.folder)
    roots = [folder / "templates", folder / "assets"]
    stamps: dict[str, Stamp | None] = {}
    for theme in themes.theme_chain(site.profile.brand.theme, folder):
        roots += [theme.folder / "templates", theme.folder / "assets"]
        stamps[str(theme.folder / "theme.yaml")] = stamp(theme.folder / "theme.yaml")
    if (folder / "themes").is_dir():
        stamps.update((str(p), None) for p in (folder / "themes").iterdir())
    for root in roots:
        for parent, _, names in os.walk(root):
            for name in names:
                path = os.path.join(parent, name)
                stamps[path] = stamp(path)
    return stamps


@record
class Rebuild:
    """One rebuild's view of the last good build."""

    env: Any  # the Jinja environment: last time's, unless the theme changed
    changed: frozenset[str] | None  # "portfolio", "item:<slug>", "file:<src>"; None: everything
    last: dict[str, Rendered]
    lists: dict[str, bool]  # template name → whether it uses ``portfolio``
    stamps: dict[str, Stamp | None]  # the theme's files as this rebuild found them
    known: dict[str, Facts | None]  # template source → its ``facts``, from last time
    parsed: dict[str, Facts | None] = field(default_factory=dict)  # … and from this rebuild

    def reused(self, unit: Unit) -> Rendered | None:
        """Last time's result for ``unit``, when nothing it depends on changed."""
        old = self.last.get(unit.key)
        if old is None or self.changed is None or old.item != unit.item:
            return None
        changed = self.changed
        if (f"item:{unit.item}" in changed
                or ("portfolio" in changed and any(self._lists(name) for name in old.templates))
                or any(f"file:{src}" in changed for src in old.images)):
            return None
        return old

    def rendered(self, results: list[Rendered]) -> list[Rendered]:
        """The results rendered afresh (not reused)."""
        return [done for done in results if self.last.get(done.key) is not done]

    def _lists(self, template: str) -> bool:
        if template not in self.lists:
            self.lists[template] = uses(self.env, template, "portfolio", self._facts)
        return self.lists[template]

    def _facts(self, template: str) -> Facts | None:
        source = _source(self.env, template)
        if source is None:
            return None
        if source not in self.parsed:
            found = self.known[source] if source in self.known else facts(self.env, template, source)
            self.parsed[source] = found
        return self.parsed[source]


@record
class Reuse:
    """The watch's memory of its last good build (``Builder`` keeps one)."""

    site: Site | None = None
    options: Options | None = None
    stamps: dict[str, Stamp | None] = field(default_factory=dict)
    env: Any = None
    lists: dict[str, bool] = field(default_factory=dict)
    parsed: dict[str, Facts | None] = field(default_factory=dict)  # template source → facts
    results: dict[str, Rendered] = field(default_factory=dict)  # unit key → what it rendered
    images: dict[str, Stamp | None] = field(default_factory=dict)  # images shown → their stamps

    def begin(self, site: Site, options: Options) -> Rebuild:
        stamps = theme_stamps(site)
        env, lists = self.env, self.lists
        if env is None or stamps != self.stamps:

            env, lists = templates.environment(site.profile.brand.theme, Path(site.folder)), {}
        return Rebuild(env, self._changes(site, options, stamps), dict(self.results), lists,
                       stamps, self.parsed)

    def commit(self, rebuild: Rebuild, site: Site, options: Options, results: list[Rendered]) -> None:
        """The rebuild was written: it is what the next one starts from."""
        folder = Path(site.folder)
        self.site, self.options, self.env, self.lists = site, options, rebuild.env, rebuild.lists
        self.stamps = rebuild.stamps
        self.results = {done.key: done for done in results}
        self.images = {src: stamp(folder / src) for done in results for src in done.images}
        # Which templates list the portfolio, worked out now, after the files are out,
        # rather than on the next save: reading the templates takes ~100 ms the first time.
        # A template edit parses that template alone again (its source is new).
        for template in dict.fromkeys(t for done in results for t in done.templates):
            rebuild._lists(template)
        parsed = {**rebuild.known, **rebuild.parsed}  # this rebuild's last: kept longest
        self.parsed = dict(list(parsed.items())[-PARSED_LIMIT:])

    def _changes(self, site: Site, options: Options,
                 stamps: dict[str, Stamp | None]) -> frozenset[str] | None:
        old = self.site
        if (old is None or options != self.options or stamps != self.stamps
                or old.profile != site.profile):
            return None
        before = {item.slug: item for item in old.portfolio}
        after = {item.slug: item for item in site.portfolio}
        changed = {f"item:{slug}" for slug in before.keys() | after.keys()
                   if before.get(slug) != after.get(slug)}
        if changed or list(before) != list(after):
            changed.add("portfolio")  # what a page listing the items may show
        changed |= {f"file:{src}" for src, was in self.images.items()
                    if stamp(Path(site.folder) / src) != was}
        return frozenset(changed)


Facts = tuple[frozenset[str], tuple[str | None, ...]]


def _source(env: Any, template: str) -> str | None:
    import jinja2

    try:
        return env.loader.get_source(env, template)[0]
    except jinja2.TemplateError:
        return None


def facts(env: Any, template: str, source: str) -> Facts | None:
    """The context variables ``template`` (whose text is ``source``) reads and the
    templates it extends, includes or imports (None: named at run time); None when it
    cannot be parsed."""
    import jinja2
    from jinja2 import meta

    try:
        ast = env.parse(source, template)
    except jinja2.TemplateError:
        return None
    return (frozenset(meta.find_undeclared_variables(ast)),
            tuple(meta.find_referenced_templates(ast)))


def uses(env: Any, template: str, variable: str,
         facts_of: Callable[[str], Facts | None] | None = None) -> bool:
    """Whether ``template``, or a template it extends, includes or imports, reads the
    context variable ``variable``; True when unsure (a template named at run time, one
    that cannot be read or parsed). ``facts_of(name)``: the template's ``facts``, kept
    from earlier questions; by default each template is read and parsed."""
    if facts_of is None:
        def facts_of(name: str) -> Facts | None:
            source = _source(env, name)
            return None if source is None else facts(env, name, source)
    seen: set[str] = set()
    todo = [template]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = facts_of(name)
        if found is None or variable in found[0]:
            return True
        for other in found[1]:
            if other is None:
                return True
            todo.append(other)
    return False
