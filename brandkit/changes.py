"""What a changed file means for the site: the kinds of change ``watch`` tells apart.

Zola-style: each path is classified as the ``profile``, one ``portfolio`` item, a
``template``, an ``asset``, a ``theme`` setting, or another ``file`` (an image a page
shows, say); editor droppings and brandkit's own output are ignored. The watcher uses
the kinds to decide whether to build at all and to describe the rebuild; the builder
works out for itself which pages each change touches.
"""

from __future__ import annotations

import re
from pathlib import Path

from brandkit.profile import PROFILE_NAMES
from brandkit.profile.private import PRIVATE_FILE
from brandkit.record import record

PROFILE, PORTFOLIO, TEMPLATE, ASSET, THEME, FILE = (
    "profile", "portfolio", "template", "asset", "theme", "file")

# Editors' swap, backup, lock and probe files: vim (.swp… and its "4913" write probe),
# emacs (.#lock, #autosave#, backup~), JetBrains (___jb_tmp___), Kate, gedit, macOS Finder.
_EDITOR_FILE = re.compile(
    r"""( ^\..*\.sw[a-p]$ | ~$ | ^\.\# | ^\#.*\#$ | ^4913$ | \.tmp$ | ___jb_(tmp|old|bak)___$
        | \.kate-swp$ | ^\.goutputstream- | ^\.DS_Store$ | \.crswap$ )""", re.VERBOSE)
# output/'s siblings of an output folder: ".<output>.tmp-1a2b3c4d", ".<output>.old-…"
# during a swap, and the lock ".<output>.lock".
_SWAP_SIBLING = re.compile(r"^\..+\.((tmp|old)-[0-9a-f]{8}|lock)$")
_SKIPPED_FOLDERS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".idea", ".vscode"}


@record(frozen=True)
class Change:
    kind: str
    path: str  # relative to the site folder (or to the theme folder, for a built-in theme)
    slug: str = ""  # for a portfolio item

    def __str__(self) -> str:
        return self.path


def ignored_name(name: str) -> bool:
    """Files no build ever reads: editor droppings and output.py's swap folders."""
    return bool(_EDITOR_FILE.search(name) or _SWAP_SIBLING.match(name)) or name in _SKIPPED_FOLDERS


def classify(path: Path, site: Path, outputs: list[Path], themes: list[Path]) -> Change | None:
    """The kind of change a save to ``path`` is, or None when no build reads it.

    ``site`` is the resolved site folder, ``outputs`` the output folders to ignore, and
    ``themes`` the theme folders outside the site being watched (built-in themes).
    """
    path = Path(path)
    if any(path == out or out in path.parents for out in outputs):
        return None
    try:
        rel = path.relative_to(site)
    except ValueError:
        for theme in themes:
            if theme == path or theme in path.parents:
                return _in_theme(path.relative_to(theme), path.relative_to(theme.parent))
        return None
    parts = rel.parts
    if not parts or any(ignored_name(part) for part in parts):
        return None
    shown = rel.as_posix()
    if len(parts) == 1 and (parts[0] in PROFILE_NAMES or parts[0] == PRIVATE_FILE):
        return Change(PROFILE, shown)
    if parts[0] == "portfolio":
        if len(parts) == 1:
            return Change(PORTFOLIO, shown)  # the folder itself came or went
        if len(parts) == 2 and parts[1].endswith(".md"):
            return Change(PORTFOLIO, shown, parts[1][:-3].split(".")[0])
    if parts[0] == "templates":
        return Change(TEMPLATE, shown)
    if parts[0] == "assets":
        return Change(ASSET, shown)
    if parts[0] == "themes" and len(parts) >= 2:
        return _in_theme(Path(*parts[2:]), rel)
    if len(parts) == 1 and parts[0].startswith("."):
        return None  # .gitignore, .nojekyll and the like at the top
    return Change(FILE, shown)


def _in_theme(inside: Path, shown: Path) -> Change | None:
    parts = inside.parts
    if any(ignored_name(part) for part in parts):
        return None
    if parts and parts[0] == "templates":
        return Change(TEMPLATE, shown.as_posix())
    if parts and parts[0] == "assets":
        return Change(ASSET, shown.as_posix())
    return Change(THEME, shown.as_posix())  # theme.yaml, or the theme folder itself


def summary(changes: list[Change]) -> str:
    """``profile.yaml``, ``portfolio/ai-tutor.md +2``: the first change and how many more."""
    if not changes:
        return ""
    names = sorted({str(c) for c in changes})
    return names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "")
