"""Themes: where they are, what their ``theme.yaml`` says, which parents they have.

A theme is a folder with ``templates/`` (and maybe ``assets/`` and ``theme.yaml``), in the
site's ``themes/`` or among the built-in ones; a site theme of the same name wins. The
chain is the theme, its parents, then ``default``: templates are looked up in that order
(brandkit/render/templates.py) and assets copied in the reverse one, later layers winning.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import brandkit
from brandkit.record import record

DEFAULT = "default"


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
    settings: dict[str, Any]

    @property
    def background(self) -> str:
        """The page background that the brand colour must be readable on (light mode)."""
        return str(self.settings.get("background", "#ffffff"))

    @property
    def background_dark(self) -> str:
        return str(self.settings.get("background_dark", "#121417"))


@lru_cache(maxsize=32)
def find_theme(name: str, site: Path) -> Theme:
    for root in _roots(site):
        folder = root / name
        if (folder / "templates").is_dir():
            return Theme(name, folder, _settings(folder / "theme.yaml"))
    raise KeyError(name)  # validated earlier: the profile check reports unknown themes


def _settings(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data if isinstance(data, dict) else {}


def theme_chain(name: str, site: Path) -> list[Theme]:
    """The theme, its parents, and ``default`` last (no theme appears twice)."""
    chain: list[Theme] = []
    while name and name not in [t.name for t in chain]:
        theme = find_theme(name, site)
        chain.append(theme)
        name = str(theme.settings.get("parent", DEFAULT if name != DEFAULT else ""))
    return chain


def asset_folders(name: str, site: Path) -> list[Path]:
    """Asset folders from lowest to highest priority (later files replace earlier ones)."""
    folders = [t.folder / "assets" for t in reversed(theme_chain(name, site))]
    folders.append(site / "assets")
    return [f for f in folders if f.is_dir()]
