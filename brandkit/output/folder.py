"""An output folder as brandkit finds it: which files are its own (the manifest), which
are the user's, what an interrupted run left behind, and which paths are safe to write.

A manifest lists the files brandkit wrote; anything else in the output folder (a ``.git``
folder, a ``CNAME`` file) is the user's and is carried over untouched. Files whose bytes
did not change are hard-linked, so their inode and mtime survive a rebuild.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath

from brandkit.errors import BrandkitError
from brandkit.messages import say

MANIFEST = ".brandkit-manifest.json"
_MANIFEST_FORMAT = 1
# The one dot-file brandkit writes (render/site: GitHub Pages without Jekyll). A manifest
# that lists any other name starting with "." (``.git/HEAD``, ``.env``) was not written
# by brandkit, and the file is the user's.
_OWN_DOT_FILES = {".nojekyll"}
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def check_output_folder(out: Path, site: Path) -> None:
    """Raise BrandkitError unless brandkit may replace ``out`` wholesale."""
    shown = str(out)
    where, site = out.resolve(), site.resolve()
    if same(where, site):
        raise BrandkitError(say("out_is_site", path=shown))
    # Root and home are ancestors of most sites too; name them first, it is clearer.
    if where.parent == where:
        raise BrandkitError(say("out_is_root", path=shown))
    if same(where, home()):
        raise BrandkitError(say("out_is_home", path=shown))
    if any(same(where, parent) for parent in site.parents):
        raise BrandkitError(say("out_is_parent", path=shown))
    if os.path.lexists(out) and not where.is_dir():
        raise BrandkitError(say("out_not_dir", path=shown))
    if where.is_dir() and read_manifest(where) is None and any(where.iterdir()):
        raise BrandkitError(say("out_not_ours", path=shown) + "; " + say("out_not_ours_hint"))


# --- paths -------------------------------------------------------------------------


def check_paths(paths: Iterable[str]) -> None:
    """Raise ValueError for a path a renderer must never produce."""
    paths = set(paths)
    for rel in paths:
        if (not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel
                or PureWindowsPath(rel).drive
                or any(part in ("", ".", "..") for part in rel.split("/"))):
            raise ValueError(f"unsafe output path {rel!r}")
        if rel == MANIFEST:
            raise ValueError(f"{MANIFEST} is brandkit's own file")
    folders = {a for rel in paths for a in ancestors(rel)}
    for rel in paths:
        if rel in folders:
            raise ValueError(f"output path {rel!r} is both a file and a folder")


def ancestors(rel: str) -> list[str]:
    """``a/b/c`` → ``["a", "a/b"]``."""
    parts = rel.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def same(a: Path, b: Path) -> bool:
    """Whether two resolved paths are one folder (samefile also sees case-insensitive twins)."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None


def sibling(target: Path, kind: str) -> Path:
    """An unused ``.<name>.<kind>-<random>`` next to ``target`` (same filesystem, so renames work)."""
    while True:
        path = target.parent / f".{target.name}.{kind}-{os.urandom(4).hex()}"
        if not os.path.lexists(path):
            return path


# --- the old output ----------------------------------------------------------------


def read_manifest(folder: Path) -> set[str] | None:
    """The paths the last build wrote, or None when there is no readable manifest."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _MANIFEST_FORMAT:
        return None
    listed = data.get("files")
    if not isinstance(listed, list) or not all(isinstance(rel, str) for rel in listed):
        return None
    # The manifest is only a file in a folder anyone may edit: what it lists counts as
    # brandkit's only if brandkit could have written it there.
    return {rel for rel in listed if could_be_ours(rel)}


def own_files(folder: Path, rels: Iterable[str], listed: set[str] | None = None) -> set[str]:
    """Those of ``rels`` that are brandkit's files in ``folder``: in its manifest
    (``listed``, read when not given) and regular files still."""
    listed = read_manifest(folder) if listed is None else listed
    found = set()
    for rel in set(rels) & (listed or set()):
        try:
            if stat.S_ISREG(os.lstat(folder / rel).st_mode):
                found.add(rel)
        except OSError:
            pass
    return found


def could_be_ours(rel: str) -> bool:
    """Whether brandkit could have written ``rel``: a safe path inside the output folder,
    in no dot-folder (``.git``), and no dot-file but its own."""
    try:
        check_paths((rel,))
    except ValueError:
        return False
    parts = rel.split("/")
    return not any(part.startswith(".") for part in parts[:-1]) and (
        not parts[-1].startswith(".") or rel in _OWN_DOT_FILES)


def manifest_bytes(files: Iterable[str]) -> bytes:
    manifest = {"format": _MANIFEST_FORMAT, "files": sorted(files)}
    return (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def scan(folder: Path, prefix: str = "") -> Iterator[tuple[str, bool]]:
    """Every entry under ``folder`` as (relative path, is a real folder); links are not followed."""
    with os.scandir(folder) as found:
        entries = sorted((e.name, e.path, e.is_dir(follow_symlinks=False)) for e in found)
    for name, path, is_dir in entries:
        yield prefix + name, is_dir
        if is_dir:
            yield from scan(Path(path), prefix + name + "/")


def user_entries(entries: list[tuple[str, bool]], owned: set[str]) -> list[tuple[str, bool]]:
    """The user's files, links and empty folders: what brandkit must carry over."""
    holders = {a for rel, _ in entries for a in ancestors(rel)}
    return [(rel, is_dir) for rel, is_dir in entries
            if rel not in owned and rel != MANIFEST and not (is_dir and rel in holders)]


def _leftovers(target: Path) -> list[Path]:
    prefixes = (f".{target.name}.tmp-", f".{target.name}.old-")
    try:
        return [p for p in target.parent.iterdir() if p.name.startswith(prefixes)]
    except FileNotFoundError:
        return []


def restore(target: Path) -> Path | None:
    """Put the last good output back when a run stopped between the two renames of its
    swap (where the platform has no exchange): ``target`` is missing and its ``.old``
    sibling holds it, with the user's own files. The folder it came from, or None.

    Only while holding the output folder's lock (lock.py): another build's swap may be
    half done otherwise."""
    if os.path.lexists(target):
        return None
    olds = sorted((p for p in _leftovers(target) if p.name.startswith(f".{target.name}.old-")
                   and p.is_dir() and not p.is_symlink()), key=lambda p: p.lstat().st_mtime)
    if not olds:
        return None
    os.rename(olds[-1], target)
    return olds[-1]


def clean_stale(target: Path) -> None:
    """Tidy up after an earlier run that was interrupted (power cut, Ctrl-C, kill).

    Only while holding the output folder's lock (lock.py): every live build of this
    folder holds it from its staging folder's making to its swap, so what is left here
    then belongs to no live process."""
    restore(target)
    for path in _leftovers(target):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


@contextmanager
def located(out: Path) -> Iterator[None]:
    """Turn a failed write (a full disk, a read-only or forbidden folder) into a
    BrandkitError that names the output folder and says what to do."""
    try:
        yield
    except OSError as exc:
        detail = exc.strerror or str(exc)
        if exc.errno in _NO_SPACE:
            raise BrandkitError(say("out_no_space", path=str(out)) + "; "
                                + say("out_no_space_hint")) from None
        if exc.errno in _READ_ONLY:
            raise BrandkitError(say("out_read_only", path=str(out), detail=detail) + "; "
                                + say("out_read_only_hint")) from None
        raise BrandkitError(say("out_write_failed", path=str(out), detail=detail) + "; "
                            + say("out_write_failed_hint")) from None


def has_bytes(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data``."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    with open(path, "rb") as f:
        return f.read() == data


def link_or_copy(src: Path, dest: Path | str) -> None:
    # A hard link keeps inode and mtime, so watchers and rsync see the file as untouched.
    try:
        os.link(src, dest)
    except OSError:  # filesystems without hard links (some network and FAT drives)
        shutil.copy2(src, dest)
