"""A watch rebuild's output: only the files whose bytes changed are replaced, in place,
so every other file keeps its inode and mtime (and an open tab is not reloaded for it).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from brandkit import files as disk
from brandkit.output.folder import (
    MANIFEST,
    ancestors,
    check_output_folder,
    check_paths,
    clean_stale,
    has_bytes,
    located,
    manifest_bytes,
    own_files,
    read_manifest,
    sibling,
)
from brandkit.output.report import WriteReport
from brandkit.output.staging import write_site

# A watch rebuild that changes at most this many files updates them in place; more,
# and the whole site is swapped in (one consistent switch, and no slower).
IN_PLACE_LIMIT = 50


class Update:
    """An output folder brought from what this process last wrote there (``previous``) to
    the files ``put`` into it, at ``commit`` (see ``update_site``); nothing is written
    before then. The same interface as ``Staging``, for the same write loop. ``kept``:
    files of the last output this run does not make and leaves as they are (Staging)."""

    def __init__(self, out: Path, site: Path, previous: dict[str, bytes],
                 kept: frozenset[str] = frozenset()):
        check_output_folder(out, site)
        self.out, self.site, self.previous, self.kept = out, site, previous, kept
        self.files: dict[str, bytes] = {}

    def put(self, rel: str, data: bytes) -> bool:
        check_paths((rel,))
        if rel in self.files:
            raise ValueError(f"two outputs claim {rel}")
        self.files[rel] = data
        return self.previous.get(rel) == data

    def note(self, rel: str, same: bool) -> None:
        """Put in this process: known already."""

    def commit(self) -> WriteReport:
        return update_site(self.out, self.site, self.files, self.previous, self.kept)

    def abort(self) -> None:
        """Nothing was written."""


def update_site(out: Path, site: Path, files: dict[str, bytes],
                previous: dict[str, bytes], kept: frozenset[str] = frozenset()) -> WriteReport:
    """Bring ``out`` from ``previous`` (what this process last wrote there) to ``files``,
    leaving those of ``kept`` (brandkit's, not made by this run) as they are.

    For watch and serve: only files whose bytes differ are touched, each written beside
    the output and renamed over the old one, so no reader ever sees half a file, and every
    other file keeps its inode and mtime. For a moment the folder may mix old and new
    files. Falls back to ``write_site`` when the folder is not as ``previous`` left it,
    when a new file would land on something already there, or when many files change.
    """
    check_paths(files)
    check_output_folder(out, site)
    target = out.resolve()
    changed = [rel for rel in sorted(files) if previous.get(rel) != files[rel]]
    removed = sorted(previous.keys() - files.keys())
    listed = read_manifest(target)
    kept_here = own_files(target, kept - files.keys() - previous.keys(), listed)
    if (len(changed) + len(removed) > IN_PLACE_LIMIT or not target.is_dir()
            or listed != set(previous) | kept_here
            or any(_blocked(target, rel) for rel in changed if rel not in previous)):
        return write_site(out, site, files, kept)
    if not changed and not removed:
        return WriteReport(written=[], unchanged=sorted(files), removed=[], out=target)

    with located(out):
        return _update(target, files, previous, changed, removed, kept_here)


def _update(target: Path, files: dict[str, bytes], previous: dict[str, bytes],
            changed: list[str], removed: list[str], kept: set[str]) -> WriteReport:
    clean_stale(target)  # the caller holds the folder's lock (lock.py)
    tmp = sibling(target, "tmp")
    tmp.mkdir()
    try:
        if any(rel not in previous for rel in changed):
            # Claim new paths before writing them: a file outside the manifest is the user's.
            disk.replace(target / MANIFEST, manifest_bytes(files.keys() | previous.keys() | kept),
                         scratch=str(tmp))
        for rel in removed:
            (target / rel).unlink(missing_ok=True)
            _prune(target, rel)
        for rel in changed:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            disk.replace(target / rel, files[rel], scratch=str(tmp))
        manifest = manifest_bytes(files.keys() | kept)
        if not has_bytes(target / MANIFEST, manifest):
            disk.replace(target / MANIFEST, manifest, scratch=str(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    unchanged = sorted(files.keys() - set(changed))
    return WriteReport(written=changed, unchanged=unchanged, removed=removed, out=target)


def _blocked(target: Path, rel: str) -> bool:
    """Whether a new output ``rel`` would land on an existing entry, or write through a link."""
    if os.path.lexists(target / rel):
        return True
    for folder in ancestors(rel):
        try:
            mode = os.lstat(target / folder).st_mode
        except FileNotFoundError:
            return False  # created fresh from here down
        if not stat.S_ISDIR(mode):  # a user's file or symlink where a folder must go
            return True
    return False


def _prune(target: Path, rel: str) -> None:
    """Remove the folders that held ``rel`` once they are empty (never the user's files)."""
    for folder in reversed(ancestors(rel)):
        try:
            os.rmdir(target / folder)
        except OSError:  # not empty: something else still lives there
            return
