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
            self.lists[template] = uses(self.env, template, "portfolio")
        return self.lists[template]


@record
class Reuse:
    """The watch's memory of its last good build (``Builder`` keeps one)."""

    site: Site | None = None
    options: Options | None = None
    stamps: dict[str, Stamp | None] = field(default_factory=dict)
    env: Any = None
    lists: dict[str, bool] = field(default_factory=dict)
    results: dict[str, Rendered] = field(default_factory=dict)  # unit key → what it rendered
    images: dict[str, Stamp | None] = field(default_factory=dict)  # images shown → their stamps

    def begin(self, site: Site, options: Options) -> Rebuild:
        stamps = theme_stamps(site)
        env, lists = self.env, self.lists
        if env is None or stamps != self.stamps:

            env, lists = templates.environment(site.profile.brand.theme, Path(site.folder)), {}
        return Rebuild(env, self._changes(site, options, stamps), dict(self.results), lists, stamps)

    def commit(self, rebuild: Rebuild, site: Site, options: Options, results: list[Rendered]) -> None:
        """The rebuild was written: it is what the next one starts from."""
        folder = Path(site.folder)
        self.site, self.options, self.env, self.lists = site, options, rebuild.env, rebuild.lists
        self.stamps = rebuild.stamps
        self.results = {done.key: done for done in results}
        self.images = {src: stamp(folder / src) for done in results for src in done.images}

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


def uses(env: Any, template: str, variable: str) -> bool:
    """Whether ``template``, or a template it extends, includes or imports, reads the
    context variable ``variable``; True when unsure (a template named at run time, one
    that cannot be read or parsed)."""
    import jinja2
    from jinja2 import meta

    seen: set[str] = set()
    todo = [template]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)
            ast = env.parse(source, name, filename)
        except jinja2.TemplateError:
            return True
        if variable in meta.find_undeclared_variables(ast):
            return True
        for found in meta.find_referenced_templates(ast):
            if found is None:
                return True
            todo.append(found)
    return False
