"""The Jinja environment a site's pages are rendered with.

Lookup order for a template (one ``ChoiceLoader``): the site's own ``templates/`` → the
chosen theme → its parents → ``default`` (brandkit/profile/theme.py). A ``PrefixLoader``
also exposes each layer by name (``theme:``, ``default:``), so an override can
``{% extends "theme:home.html" %}`` the very template it replaces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from brandkit import cache
from brandkit.profile import theme


def environment(name: str, site: Path) -> Any:
    """A Jinja environment for ``site`` using theme ``name``."""
    import jinja2

    chain = theme.theme_chain(name, site)
    layers = [jinja2.FileSystemLoader(str(site / "templates"))]
    layers += [jinja2.FileSystemLoader(str(t.folder / "templates")) for t in chain]
    prefixes = {t.name: jinja2.FileSystemLoader(str(t.folder / "templates")) for t in chain}
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


def _bytecode_cache(jinja2: Any) -> Any:
    """Compiled templates in the user's cache (brandkit/cache.py), keyed by source checksum:
    Jinja's own ``FileSystemBytecodeCache``.

    Compiling the templates is most of a small build's time; a warm cache makes a build
    cost little more than importing its libraries.
    """
    import os

    folder = cache.folder(f"jinja-{jinja2.__version__}")
    if folder is None:
        return None
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:  # read-only home: build without the cache
        return None
    return jinja2.FileSystemBytecodeCache(folder)
