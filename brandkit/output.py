"""The one place brandkit writes files.

A build is written whole into a temporary sibling of the output folder and swapped in
with two renames, so a failed build leaves the last good site exactly as it was. A
manifest lists the files brandkit wrote; anything else in the output folder (a ``.git``
folder, a ``CNAME`` file) is the user's and is carried over untouched. Files whose bytes
did not change are hard-linked, so their inode and mtime survive a rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PureWindowsPath

from brandkit.files import create as create_file, replace as replace_file
from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.record import record

MANIFEST = ".brandkit-manifest.json"
_MANIFEST_FORMAT = 1


@record
class WriteReport:
    """What one write did; paths are POSIX, relative to ``out``, sorted."""

    written: list[str]  # new or changed
    unchanged: list[str]
    removed: list[str]
    out: Path  # the output folder, resolved


def check_output_folder(out: Path, site: Path) -> None:
    """Raise BrandkitError unless brandkit may replace ``out`` wholesale."""
    shown = str(out)
    where, site = out.resolve(), site.resolve()
    if _same(where, site):
        raise BrandkitError(say("out_is_site", path=shown))
    # Root and home are ancestors of most sites too; name them first, it is clearer.
    if where.parent == where:
        raise BrandkitError(say("out_is_root", path=shown))
    if _same(where, _home()):
        raise BrandkitError(say("out_is_home", path=shown))
    if any(_same(where, parent) for parent in site.parents):
        raise BrandkitError(say("out_is_parent", path=shown))
    if os.path.lexists(out) and not where.is_dir():
        raise BrandkitError(say("out_not_dir", path=shown))
    if where.is_dir() and _read_manifest(where) is None and any(where.iterdir()):
        raise BrandkitError(say("out_not_ours", path=shown) + "; " + say("out_not_ours_hint"))


def write_site(out: Path, site: Path, files: dict[str, bytes]) -> WriteReport:
    """Replace the site in ``out`` with ``files`` (relative POSIX path → bytes), atomically.

    Raises ValueError for an unsafe path (a bug in the caller) and BrandkitError when
    ``out`` is not a folder brandkit may replace or a user's file stands in the way.
    """
    _check_paths(files)
    staging = Staging(out, site)
    try:
        for rel in sorted(files):
            staging.put(rel, files[rel])
    except BaseException:
        staging.abort()
        raise
    return staging.commit()


class Staging:
    """A new output folder filled file by file, then swapped in whole by ``commit``.

    A build puts each file in as soon as it is rendered, from both of its processes
    (brandkit/parallel.py), so writing — a kernel's work, ~0.2–2 ms a file on a VM's
    disk — is shared between the cores too. Each process notes what it put in its own
    ``put_here``; ``Outputs.adopt`` adds what the other one put. Until ``commit``, the
    last good site is untouched; ``abort`` removes the staging folder.
    """

    def __init__(self, out: Path, site: Path):
        check_output_folder(out, site)
        self.out, self.target = out, out.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(self.target)
        self.owned = _read_manifest(self.target) or set()
        self.entries = list(_scan(self.target)) if self.target.is_dir() else []
        self.user = _user_entries(self.entries, self.owned)
        self._user_files = {rel for rel, is_dir in self.user if not is_dir}
        self._user_paths = {rel for rel, _ in self.user}
        self._user_holders = {a: rel for rel, _ in reversed(self.user) for a in _ancestors(rel)}
        self.put_here: dict[str, bool] = {}  # path → whether its bytes were unchanged
        self.replacing = False  # a path may be put again (work redone after a failure)
        self.tmp = _sibling(self.target, "tmp")
        self.tmp.mkdir()
        self._root = str(self.tmp) + os.sep
        self._folders = {""}

    def put(self, rel: str, data: bytes) -> bool:
        """Stage one file; whether its bytes are the last build's. ValueError for an unsafe
        path or one put twice (a renderer's bug); BrandkitError when it would take the
        place of a user's file."""
        _check_paths((rel,))
        clash = next((a for a in [rel, *_ancestors(rel)] if a in self._user_files), None) \
            or (rel if rel in self._user_paths else self._user_holders.get(rel))
        if clash is not None:
            raise BrandkitError(say("out_user_file", path=str(self.out / clash))
                                + "; " + say("out_user_file_hint"))
        dest = self._root + rel
        folder = rel.rpartition("/")[0]
        if folder not in self._folders:
            try:
                os.makedirs(self._root + folder, exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                raise ValueError(f"output path {rel!r} is both a file and a folder") from None
            self._folders.add(folder)
        if self.replacing:
            try:
                os.unlink(dest)
            except FileNotFoundError:
                pass
        same = rel in self.owned and _has_bytes(self.target / rel, data)
        try:
            if same:
                _link_or_copy(self.target / rel, dest)
            else:
                create_file(dest, data)
        except (FileExistsError, IsADirectoryError):
            raise ValueError(f"two outputs claim {rel}") from None
        self.put_here[rel] = same
        return same

    def commit(self) -> WriteReport:
        """Carry the user's own entries over, write the manifest and swap the folder in."""
        files, target, tmp = self.put_here, self.target, self.tmp
        try:
            _check_paths(files)
            for rel, is_dir in self.user:
                _carry(target / rel, tmp / rel, is_dir)
            manifest = _manifest_bytes(files)
            if _has_bytes(target / MANIFEST, manifest):
                _link_or_copy(target / MANIFEST, tmp / MANIFEST)
            else:
                create_file(tmp / MANIFEST, manifest)
            # Keep permissions someone set on the folders (a web server may need them).
            if target.is_dir():
                for rel in [""] + [rel for rel, is_dir in self.entries if is_dir]:
                    if (tmp / rel).is_dir():
                        shutil.copymode(target / rel, tmp / rel)
            old = _swap(tmp, target)
        except BaseException:
            self.abort()
            raise
        if old is not None:
            # The new site is in place; a leftover is removed by the next run.
            shutil.rmtree(old, ignore_errors=True)
        present = {rel for rel, is_dir in self.entries if not is_dir}
        removed = sorted(rel for rel in self.owned - files.keys() if rel in present)
        return WriteReport(written=sorted(rel for rel, same in files.items() if not same),
                           unchanged=sorted(rel for rel, same in files.items() if same),
                           removed=removed, out=target)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


class Outputs:
    """The staging folders of one build, fed by one stream of rendered files:
    ``route(path)`` names the folder a file goes to and its path there (None: not an
    output, e.g. a stylesheet that was inlined)."""

    def __init__(self, stagings: dict[str, Staging], route: Callable[[str], tuple[str, str] | None]):
        self.stagings, self.route = stagings, route
        self.seen: set[str] = set()
        self.log: list[tuple[str, str, bool]] = []  # (folder, path, unchanged) put here

    def put(self, path: str, data: bytes) -> None:
        where = self.route(path)
        if where is not None:
            same = self.stagings[where[0]].put(where[1], data)
            self.log.append((where[0], where[1], same))
        self.seen.add(path)

    def put_rest(self, files: dict[str, bytes]) -> None:
        for path in files.keys() - self.seen:
            self.put(path, files[path])

    def adopt(self, log: list[tuple[str, str, bool]]) -> None:
        for key, rel, same in log:
            self.stagings[key].put_here[rel] = same

    def redo(self) -> None:
        """What the other process put may be put again (it failed; its work is redone)."""
        for staging in self.stagings.values():
            staging.replacing = True

    def commit(self) -> dict[str, WriteReport]:
        reports = {}
        try:
            for key, staging in self.stagings.items():
                reports[key] = staging.commit()
        except BaseException:
            self.abort()
            raise
        return reports

    def abort(self) -> None:
        for staging in self.stagings.values():
            staging.abort()


# A watch rebuild that changes at most this many files updates them in place; more,
# and the whole site is swapped in (one consistent switch, and no slower).
IN_PLACE_LIMIT = 50


def update_site(out: Path, site: Path, files: dict[str, bytes],
                previous: dict[str, bytes]) -> WriteReport:
    """Bring ``out`` from ``previous`` (what this process last wrote there) to ``files``.

    For watch and serve: only files whose bytes differ are touched, each written beside
    the output and renamed over the old one, so no reader ever sees half a file, and every
    other file keeps its inode and mtime. For a moment the folder may mix old and new
    files. Falls back to ``write_site`` when the folder is not as ``previous`` left it,
    when a new file would land on something already there, or when many files change.
    """
    _check_paths(files)
    check_output_folder(out, site)
    target = out.resolve()
    changed = [rel for rel in sorted(files) if previous.get(rel) != files[rel]]
    removed = sorted(previous.keys() - files.keys())
    if (len(changed) + len(removed) > IN_PLACE_LIMIT or not target.is_dir()
            or _read_manifest(target) != set(previous)
            or any(_blocked(target, rel) for rel in changed if rel not in previous)):
        return write_site(out, site, files)
    if not changed and not removed:
        return WriteReport(written=[], unchanged=sorted(files), removed=[], out=target)

    _clean_stale(target)
    tmp = _sibling(target, "tmp")
    tmp.mkdir()
    try:
        if any(rel not in previous for rel in changed):
            # Claim new paths before writing them: a file outside the manifest is the user's.
            replace_file(target / MANIFEST, _manifest_bytes(files.keys() | previous.keys()), scratch=str(tmp))
        for rel in removed:
            (target / rel).unlink(missing_ok=True)
            _prune(target, rel)
        for rel in changed:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            replace_file(target / rel, files[rel], scratch=str(tmp))
        manifest = _manifest_bytes(files)
        if not _has_bytes(target / MANIFEST, manifest):
            replace_file(target / MANIFEST, manifest, scratch=str(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    unchanged = sorted(files.keys() - set(changed))
    return WriteReport(written=changed, unchanged=unchanged, removed=removed, out=target)


def _blocked(target: Path, rel: str) -> bool:
    """Whether a new output ``rel`` would land on an existing entry, or write through a link."""
    if os.path.lexists(target / rel):
        return True
    for folder in _ancestors(rel):
        try:
            mode = os.lstat(target / folder).st_mode
        except FileNotFoundError:
            return False  # created fresh from here down
        if not stat.S_ISDIR(mode):  # a user's file or symlink where a folder must go
            return True
    return False


def _prune(target: Path, rel: str) -> None:
    """Remove the folders that held ``rel`` once they are empty (never the user's files)."""
    for folder in reversed(_ancestors(rel)):
        try:
            os.rmdir(target / folder)
        except OSError:  # not empty: something else still lives there
            return


def write_new_files(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Create ``files`` under ``folder`` for ``brandkit init``; never overwrite anything.

    Every target is checked before the first write, so a refusal writes nothing.
    Returns the relative paths written, sorted.
    """
    _check_paths(files)
    for rel in files:  # in the caller's order, so the most telling clash is named first
        # A file where a folder must go blocks the write as surely as the file itself.
        for path in [folder, *(folder / a for a in _ancestors(rel))]:
            if os.path.lexists(path) and not path.is_dir():
                raise BrandkitError(say("init_exists", path=str(path)))
        if os.path.lexists(folder / rel):
            raise BrandkitError(say("init_exists", path=str(folder / rel)))
    done: list[str] = []
    try:
        for rel in sorted(files):
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                create_file(folder / rel, files[rel])
            except FileExistsError:  # appeared since the check: still not ours to replace
                raise BrandkitError(say("init_exists", path=str(folder / rel))) from None
            done.append(rel)
    except BaseException:
        # All or nothing: remove what this call created so a rerun is not refused.
        for rel in done:
            (folder / rel).unlink(missing_ok=True)
        raise
    return done


# --- paths -------------------------------------------------------------------------


def _check_paths(paths: Iterable[str]) -> None:
    """Raise ValueError for a path a renderer must never produce."""
    paths = set(paths)
    for rel in paths:
        if (not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel
                or PureWindowsPath(rel).drive
                or any(part in ("", ".", "..") for part in rel.split("/"))):
            raise ValueError(f"unsafe output path {rel!r}")
        if rel == MANIFEST:
            raise ValueError(f"{MANIFEST} is brandkit's own file")
    folders = {a for rel in paths for a in _ancestors(rel)}
    for rel in paths:
        if rel in folders:
            raise ValueError(f"output path {rel!r} is both a file and a folder")


def _ancestors(rel: str) -> list[str]:
    """``a/b/c`` → ``["a", "a/b"]``."""
    parts = rel.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _same(a: Path, b: Path) -> bool:
    """Whether two resolved paths are one folder (samefile also sees case-insensitive twins)."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None


def _sibling(target: Path, kind: str) -> Path:
    """An unused ``.<name>.<kind>-<random>`` next to ``target`` (same filesystem, so renames work)."""
    while True:
        path = target.parent / f".{target.name}.{kind}-{os.urandom(4).hex()}"
        if not os.path.lexists(path):
            return path


# --- the old output ----------------------------------------------------------------


def _read_manifest(folder: Path) -> set[str] | None:
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
    return set(listed)


def _manifest_bytes(files: Iterable[str]) -> bytes:
    manifest = {"format": _MANIFEST_FORMAT, "files": sorted(files)}
    return (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _scan(folder: Path, prefix: str = "") -> Iterator[tuple[str, bool]]:
    """Every entry under ``folder`` as (relative path, is a real folder); links are not followed."""
    with os.scandir(folder) as found:
        entries = sorted((e.name, e.path, e.is_dir(follow_symlinks=False)) for e in found)
    for name, path, is_dir in entries:
        yield prefix + name, is_dir
        if is_dir:
            yield from _scan(Path(path), prefix + name + "/")


def _user_entries(entries: list[tuple[str, bool]], owned: set[str]) -> list[tuple[str, bool]]:
    """The user's files, links and empty folders: what brandkit must carry over."""
    holders = {a for rel, _ in entries for a in _ancestors(rel)}
    return [(rel, is_dir) for rel, is_dir in entries
            if rel not in owned and rel != MANIFEST and not (is_dir and rel in holders)]


def _clean_stale(target: Path) -> None:
    """Tidy up after an earlier run that was interrupted (power cut, Ctrl-C)."""
    tmp_prefix, old_prefix = f".{target.name}.tmp-", f".{target.name}.old-"
    stale = [p for p in target.parent.iterdir() if p.name.startswith((tmp_prefix, old_prefix))]
    olds = sorted((p for p in stale if p.name.startswith(old_prefix)), key=lambda p: p.lstat().st_mtime)
    if olds and not os.path.lexists(target):
        # That run stopped between its two renames: the last good site is the ".old" one,
        # and it may hold the user's own files, so it goes back rather than away.
        os.rename(olds[-1], target)
        stale.remove(olds[-1])
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


# --- writing -----------------------------------------------------------------------


def _has_bytes(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data``."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    with open(path, "rb") as f:
        return f.read() == data


def _link_or_copy(src: Path, dest: Path | str) -> None:
    # A hard link keeps inode and mtime, so watchers and rsync see the file as untouched.
    try:
        os.link(src, dest)
    except OSError:  # filesystems without hard links (some network and FAT drives)
        shutil.copy2(src, dest)


def _carry(src: Path, dest: Path, is_dir: bool) -> None:
    """Bring one of the user's entries into the new tree unchanged."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if is_dir:
        dest.mkdir(exist_ok=True)
    elif src.is_symlink():
        os.symlink(os.readlink(src), dest)
    else:
        _link_or_copy(src, dest)


def _swap(tmp: Path, target: Path) -> Path | None:
    """Put ``tmp`` in place of ``target``; return the old folder to delete, if any."""
    if not os.path.lexists(target):
        os.rename(tmp, target)
        return None
    old = _sibling(target, "old")
    os.rename(target, old)
    try:
        os.rename(tmp, target)
    except BaseException:
        os.rename(old, target)  # put the last good site back
        raise
    return old
