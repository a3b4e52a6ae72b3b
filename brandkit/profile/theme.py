"""Themes: where they are, what their ``theme.yaml`` says, which parents they have.

A theme is a folder with ``templates/`` (and maybe ``assets/`` and ``theme.yaml``), in the
site's ``themes/`` or among the built-in ones; a site theme of the same name wins. The
chain is the theme, its parents, then ``default``: templates are looked up in that order
(brandkit/render/templates.py) and assets copied in the reverse one, later layers winning.

``theme.yaml`` is read like the profile (safely, every value located) and checked with
the profile's own converters. A bad setting is left out of ``settings`` and kept, located,
in ``problems``; ``check_chain`` hands those to the profile check (validate.py), with a
``parent:`` naming no theme and parents that go round in a circle, so a site with a
broken theme fails to load and never reaches the renderers.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import brandkit
from brandkit import files
from brandkit.errors import BrandkitError, Problem, shown_path
from brandkit.messages import say
from brandkit.profile.fields import Ctx, close_match, convert
from brandkit.profile.model import Color
from brandkit.profile.yamlload import MAX_BYTES, Doc, decode, load_text
from brandkit.record import record

DEFAULT = "default"
FILE = "theme.yaml"
# What a theme.yaml may say, each with the profile's type for its value: `background`
# is checked exactly as `brand.color` is, the colour it is measured against.
KEYS: dict[str, type] = {"parent": str, "background": Color, "background_dark": Color}


@lru_cache(maxsize=1)
def builtin_root() -> Path:
    """Built-in themes: inside the installed package, or at the top of a source checkout."""
    packaged = Path(brandkit.__file__).parent / "themes"
    return packaged if packaged.is_dir() else Path(brandkit.__file__).parent.parent / "themes"


def _roots(site: Path) -> list[Path]:
    return [site / "themes", builtin_root()]


def theme_names(site: Path) -> list[str]:
    names = set()
    for root in _roots(site):
        if root.is_dir():
            names.update(p.name for p in root.iterdir() if (p / "templates").is_dir())
    return sorted(names)


@record(frozen=True)
class Theme:
    name: str
    folder: Path
    settings: dict[str, Any]  # the valid settings only: each bad one is in `problems`
    problems: tuple[Problem, ...] = ()
    file: str = ""  # its theme.yaml, as the user would type the path
    parent_at: tuple[int, int] = (0, 0)  # line and column of its `parent:` value

    @property
    def parent(self) -> str:
        """The theme this one extends: ``parent:``, else ``default`` (which extends none)."""
        return str(self.settings.get("parent", DEFAULT if self.name != DEFAULT else ""))

    @property
    def background(self) -> str:
        """The page background that the brand colour must be readable on (light mode)."""
        return str(self.settings.get("background", "#ffffff"))

    @property
    def background_dark(self) -> str:
        return str(self.settings.get("background_dark", "#121417"))


@lru_cache(maxsize=32)
def find_theme(name: str, site: Path) -> Theme:
    """The theme called ``name``, read once (watch clears the cache before each build).
    None such is a ``BrandkitError``: the profile check reports it, located, first."""
    return _find(name, site, theme_names(site))


def _find(name: str, site: Path, names: list[str]) -> Theme:
    if name in names:  # a name, never a path such as `../x`
        for root in _roots(site):
            if (root / name / "templates").is_dir():
                return _load(name, root / name)
    raise BrandkitError(say("theme_missing", name=name, names=", ".join(names)))


def theme_chain(name: str, site: Path) -> list[Theme]:
    """The theme, its parents, and ``default`` last (no theme appears twice).

    A parent that does not exist, or comes round again, ends the chain here; after the
    profile check (``check_chain``) neither can happen.
    """
    chain = [find_theme(name, site)]
    parent = chain[0].parent
    while parent and parent not in [t.name for t in chain]:
        try:
            chain.append(find_theme(parent, site))
        except BrandkitError:
            break
        parent = chain[-1].parent
    return chain


def asset_folders(name: str, site: Path) -> list[Path]:
    """Asset folders from lowest to highest priority (later files replace earlier ones)."""
    folders = [t.folder / "assets" for t in reversed(theme_chain(name, site))]
    folders.append(site / "assets")
    return [f for f in folders if f.is_dir()]


def check_chain(name: str, site: Path) -> list[Problem]:
    """Every problem in the theme.yaml of theme ``name`` and of each of its parents.

    Read afresh, not through ``find_theme``'s cache: each load of the site checks the
    files as they are now, in the language asked for now.
    """
    names = theme_names(site)
    problems: list[Problem] = []
    seen: list[str] = []
    while True:
        theme = _find(name, site, names)
        seen.append(name)
        problems += theme.problems
        parent = theme.parent
        if parent in names and parent not in seen:
            name = parent
            continue
        if not parent:
            return problems
        if parent == name:
            message, hint = say("theme_own_parent"), say("theme_own_parent_hint")
            if theme.folder.parent == site / "themes" and (builtin_root() / name).is_dir():
                # Likely meant: extend the built-in theme that this site theme shadows.
                hint = say("theme_shadows_hint", name=name)
        elif parent in seen:
            circle = seen[seen.index(parent):] + [parent]
            message, hint = say("theme_loop", chain=" → ".join(circle)), say("theme_loop_hint")
        else:
            message, hint = say("bad_theme"), (close_match(parent, names)
                                               or say("known_keys", names=", ".join(names)))
        problems.append(Problem(theme.file, *theme.parent_at, "parent", message, parent, hint))
        return problems


def _load(name: str, folder: Path) -> Theme:
    path = folder / FILE
    file = shown_path(path)
    problems: list[Problem] = []
    if not files.inside(folder, root_of(folder)):  # `themes/mine` a link out of the site
        problems.append(Problem(shown_path(folder), 0, 0, "", say("read_outside"),
                                hint=say("read_outside_hint")))
        return Theme(name, folder, {}, tuple(problems), file)
    text = _read(path, file, problems)
    if text is None:
        return Theme(name, folder, {}, tuple(problems), file)
    doc, found = load_text(text, file, empty_ok=True)  # no settings is a fine theme.yaml
    problems += found
    if doc is None:
        return Theme(name, folder, {}, tuple(problems), file)
    settings = _check(doc, text, problems)
    return Theme(name, folder, settings, tuple(problems), file,
                 doc.marks.get(("parent",), (0, 0)))


def root_of(folder: Path) -> Path:
    """The folder a theme's files must stay inside: the site's for a site theme (in
    ``<site>/themes/``), the built-in themes' for a built-in one."""
    builtin = builtin_root()
    return builtin if folder.parent == builtin else folder.parent.parent


def _read(path: Path, file: str, problems: list[Problem]) -> str | None:
    """The text of ``path``; "" when there is none (a theme needs no theme.yaml)."""
    if not os.path.lexists(path):
        return ""
    try:
        data = files.read(path, root_of(path.parent), MAX_BYTES)
    except files.Unreadable as exc:
        if exc.kind == "not_file":  # a folder; a FIFO would hang the read
            problems.append(Problem(file, 0, 0, "", say("theme_not_file")))
        elif exc.kind == "too_big":  # refused before it is read into memory
            problems.append(Problem(file, 0, 0, "", say("theme_too_big", size=exc.size // 1024)))
        else:
            problems.append(Problem(file, 0, 0, "", exc.message, hint=exc.hint))
        return None
    text, found = decode(data, file)
    problems += found
    return text


def _check(doc: Doc, text: str, problems: list[Problem]) -> dict[str, Any]:
    """The valid settings in ``doc``; a located problem for every one that is not."""
    if doc.data is None:  # blank, comments only, or a bare `---`: every setting by default
        return {}
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), say("theme_not_mapping")))
        return {}
    ctx = Ctx(doc, ("en",))
    settings: dict[str, Any] = {}
    # Lines where the loader refused a value (a tag, an alias) and read it as nothing:
    # reported already, so not again as "must not be empty".
    refused = {p.line for p in problems}
    for key, value in doc.data.items():
        kind = KEYS.get(key)
        if kind is None:
            ctx.report((key,), say("unknown_key"), None, close_match(key, KEYS)
                       or say("known_keys", names=", ".join(KEYS)), key=True)
        elif value is None and doc.marks[(key,)][0] in refused:
            continue
        elif value is None and kind is Color and _comment_after(doc, text, key):
            # `background: #fff` is a key with a comment to YAML: the commonest slip.
            ctx.report((key,), say("empty_text"), hint=say("theme_color_comment"))
        else:
            result = convert(kind, value, (key,), ctx)
            if result is not None and not result.strip():  # `parent: ""` names no theme
                ctx.report((key,), say("empty_text"), result)
            elif result is not None:
                settings[key] = result
    problems += ctx.problems
    return settings


def _comment_after(doc: Doc, text: str, key: str) -> bool:
    line, col = doc.key_marks[(key,)]
    return "#" in text.split("\n")[line - 1][col - 1:]
