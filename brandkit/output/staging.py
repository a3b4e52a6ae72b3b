"""A cold build's output: a new folder filled file by file beside the last good one,
then swapped in whole (swap.py), so a failed build leaves the last good site exactly as
it was. The caller holds the output folder's lock (lock.py) from ``Staging`` to
``commit``: the clean-up of an interrupted run's leftovers relies on it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from brandkit import files as disk
from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.output.folder import (
    MANIFEST,
    ancestors,
    check_output_folder,
    check_paths,
    clean_stale,
    has_bytes,
    link_or_copy,
    located,
    manifest_bytes,
    own_files,
    read_manifest,
    scan,
    sibling,
    user_entries,
)
from brandkit.output.report import WriteReport
from brandkit.output.swap import swap


def write_site(out: Path, site: Path, files: dict[str, bytes],
               kept: frozenset[str] = frozenset()) -> WriteReport:
    """Replace the site in ``out`` with ``files`` (relative POSIX path → bytes), atomically;
    ``kept``: brandkit's files this run does not make but leaves as they are (see Staging).

    Raises ValueError for an unsafe path (a bug in the caller) and BrandkitError when
    ``out`` is not a folder brandkit may replace or a user's file stands in the way.
    """
    check_paths(files)
    staging = Staging(out, site, kept)
    try:
        for rel in sorted(files):
            staging.note(rel, staging.put(rel, files[rel]))
    except BaseException:
        staging.abort()
        raise
    return staging.commit()


class Staging:
    """A new output folder filled file by file, then swapped in whole by ``commit``.

    A build puts each file in as soon as it is rendered, from both of its processes
    (brandkit/parallel.py), so writing — a kernel's work, ~0.2–2 ms a file on a VM's
    disk — is shared between the cores too. The build's own process then ``note``s what
    either process put: that, and nothing else, becomes the new site's manifest. Until
    ``commit``, the last good site is untouched; ``abort`` removes the staging folder.

    ``kept``: files of the last output this run does not make, yet must not remove — the
    card's PDFs, which ``brandkit build`` makes and watch leaves to it. Those of them the
    manifest lists are carried over and stay brandkit's.
    """

    def __init__(self, out: Path, site: Path, kept: frozenset[str] = frozenset()):
        check_output_folder(out, site)
        self.wanted_kept = kept
        self.out, self.target = out, out.resolve()
        with located(out):
            self.target.parent.mkdir(parents=True, exist_ok=True)
            clean_stale(self.target)
            self._read()
            self.tmp = sibling(self.target, "tmp")
            self.tmp.mkdir()
        self._root = str(self.tmp) + os.sep
        self._folders = {""}
        self.put_here: dict[str, bool] = {}  # path → whether its bytes were unchanged
        self.replacing = False  # a path may be put again (work redone after a failure)

    def _read(self) -> None:
        """The last output: brandkit's own files (those the manifest lists that brandkit
        could have written, and are files still) and the user's, to carry over."""
        self.entries = list(scan(self.target)) if self.target.is_dir() else []
        listed = read_manifest(self.target) or set()
        self.owned = own_files(self.target, (rel for rel, is_dir in self.entries if not is_dir),
                               listed)
        self.kept = self.owned & self.wanted_kept
        self.user = user_entries(self.entries, self.owned)
        self._user_files = {rel for rel, is_dir in self.user if not is_dir}
        self._user_paths = {rel for rel, _ in self.user}
        self._user_holders = {a: rel for rel, _ in reversed(self.user) for a in ancestors(rel)}

    def put(self, rel: str, data: bytes) -> bool:
        """Stage one file; whether its bytes are the last build's. ValueError for an unsafe
        path or one put twice (a renderer's bug); BrandkitError when it would take the
        place of a user's file, or the disk is full or read-only."""
        with located(self.out):
            return self._put(rel, data)

    def _put(self, rel: str, data: bytes) -> bool:
        check_paths((rel,))
        clash = next((a for a in [rel, *ancestors(rel)] if a in self._user_files), None) \
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
        same = rel in self.owned and has_bytes(self.target / rel, data)
        try:
            if same:
                link_or_copy(self.target / rel, dest)
            else:
                disk.create(dest, data)
        except (FileExistsError, IsADirectoryError):
            raise ValueError(f"two outputs claim {rel}") from None
        return same

    def note(self, rel: str, same: bool) -> None:
        """``rel`` was put (here or by the other process); ``same``: its bytes were the last
        build's. Two outputs that claim one path are a renderer's bug."""
        if rel in self.put_here:
            raise ValueError(f"two outputs claim {rel}")
        self.put_here[rel] = same

    def commit(self) -> WriteReport:
        """Carry the user's own entries over, write the manifest and swap the folder in."""
        files, target = self.put_here, self.target
        try:
            with located(self.out):
                old = self._swap_in(files)
        except BaseException:
            self.abort()
            raise
        if old is not None:
            # The new site is in place; a leftover is removed by the next run.
            shutil.rmtree(old, ignore_errors=True)
        present = {rel for rel, is_dir in self.entries if not is_dir}
        removed = sorted(rel for rel in self.owned - files.keys() - self.kept if rel in present)
        return WriteReport(written=sorted(rel for rel, same in files.items() if not same),
                           unchanged=sorted(rel for rel, same in files.items() if same),
                           removed=removed, out=target)

    def _swap_in(self, files: dict[str, bool]) -> Path | None:
        """Carry the user's entries over, write the manifest, swap; the old folder to delete."""
        target, tmp = self.target, self.tmp
        check_paths(files)
        for rel, is_dir in self.user:
            _carry(target / rel, tmp / rel, is_dir)
        kept = self.kept - files.keys()
        for rel in sorted(kept):
            _carry(target / rel, tmp / rel, False)
        manifest = manifest_bytes(files.keys() | kept)
        if has_bytes(target / MANIFEST, manifest):
            link_or_copy(target / MANIFEST, tmp / MANIFEST)
        else:
            disk.create(tmp / MANIFEST, manifest)
        # Keep permissions someone set on the folders (a web server may need them).
        if target.is_dir():
            for rel in [""] + [rel for rel, is_dir in self.entries if is_dir]:
                if (tmp / rel).is_dir():
                    shutil.copymode(target / rel, tmp / rel)
        return swap(tmp, target)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _carry(src: Path, dest: Path, is_dir: bool) -> None:
    """Bring one of the user's entries into the new tree unchanged."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if is_dir:
        dest.mkdir(exist_ok=True)
    elif src.is_symlink():
        os.symlink(os.readlink(src), dest)
    else:
        link_or_copy(src, dest)
