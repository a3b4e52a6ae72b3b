"""The Jinja environment a site's pages are rendered with.

Lookup order for a template (one ``ChoiceLoader``): the site's own ``templates/`` → the
chosen theme → its parents → ``default`` (brandkit/profile/theme.py). A ``PrefixLoader``
also exposes each layer by name (``theme:``, ``default:``), so an override can
``{% extends "theme:home.html" %}`` the very template it replaces.

Each layer reads its templates the safe way (``files.read``): a template that is a link
out of the site folder (or of the built-in themes), a FIFO or a huge file is refused.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any

from brandkit import cache, files
from brandkit.errors import Problem, ProfileError, shown_path
from brandkit.messages import say
from brandkit.profile import theme
from brandkit.profile.yamlload import MAX_BYTES


def environment(name: str, site: Path) -> Any:
    """A Jinja environment for ``site`` using theme ``name``."""
    import jinja2

    chain = theme.theme_chain(name, site)
    loader = _loader(jinja2)
    layers = [loader(site / "templates", site)]
    layers += [loader(t.folder / "templates", theme.root_of(t.folder)) for t in chain]
    prefixes = {t.name: loader(t.folder / "templates", theme.root_of(t.folder)) for t in chain}
    prefixes["theme"] = prefixes[chain[0].name]
    layers.append(jinja2.PrefixLoader(prefixes, delimiter=":"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(layers),
        bytecode_cache=_bytecode_cache(jinja2),
        autoescape=jinja2.select_autoescape(["html", "svg", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def _loader(jinja2: Any) -> Any:
    """A ``FileSystemLoader`` for one folder of templates that reads each the safe way,
    inside ``root``."""

    class SafeLoader(jinja2.FileSystemLoader):  # type: ignore[misc, name-defined]
        def __init__(self, folder: Path, root: Path):
            super().__init__(str(folder))
            self.root = root

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            from jinja2.loaders import split_template_path

            # posixpath, as Jinja's own: no "drive:" segment can lead out on Windows.
            filename = posixpath.join(self.searchpath[0], *split_template_path(template))
            # Anything by that name but a folder is this layer's: refused if unsafe.
            if not os.path.lexists(filename) or os.path.isdir(filename):
                raise jinja2.TemplateNotFound(template)
            try:
                text = files.read(filename, self.root, MAX_BYTES).decode("utf-8")
            except files.Unreadable as exc:
                raise ProfileError([Problem(shown_path(filename), 0, 0, "", exc.message,
                                            hint=exc.hint)]) from None
            except UnicodeDecodeError:
                raise ProfileError([Problem(shown_path(filename), 0, 0, "", say("not_utf8"),
                                            hint=say("not_utf8_hint"))]) from None
            mtime = os.path.getmtime(filename)

            def uptodate() -> bool:
                try:
                    return os.path.getmtime(filename) == mtime
                except OSError:
                    return False

            return text, os.path.normpath(filename), uptodate

    return SafeLoader


def _bytecode_cache(jinja2: Any) -> Any:
    """Compiled templates in the user's cache (brandkit/cache.py), keyed by source checksum:
    Jinja's own ``FileSystemBytecodeCache``.

    Compiling the templates is most of a small build's time; a warm cache makes a build
    cost little more than importing its libraries.
    """
    folder = cache.folder(f"jinja-{jinja2.__version__}")
    if folder is None:
        return None
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:  # read-only home: build without the cache
        return None
    return jinja2.FileSystemBytecodeCache(folder)
