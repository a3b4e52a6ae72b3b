"""The one place brandkit writes files: what renderers made goes to disk here, and
nothing is lost on the way.

``Outputs`` is the write loop: every ``Rendered`` piece of a build goes through ``write``,
in whichever process rendered it, and lands in the folder ``route`` names — a ``Staging``
folder for a build (swapped in whole when everything rendered: a failed build leaves the
last good output exactly as it was), an ``Update`` for a watch rebuild (only changed files
replaced, in place). The user's own files in an output folder are never touched, and a
folder brandkit did not make is never replaced (see folder.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from brandkit import files as disk
from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.output.folder import (
    MANIFEST,
    ancestors,
    check_output_folder,
    check_paths,
    own_files,
)
from brandkit.output.lock import hold, restore_now
from brandkit.output.report import WriteReport
from brandkit.output.staging import Staging, write_site
from brandkit.output.update import IN_PLACE_LIMIT, Update, update_site

__all__ = [
    "IN_PLACE_LIMIT",
    "MANIFEST",
    "Outputs",
    "Staging",
    "Update",
    "WriteReport",
    "check_output_folder",
    "hold",
    "own_files",
    "restore_now",
    "update_site",
    "write_new_files",
    "write_site",
]

Folder = Staging | Update
Put = tuple[str, str, bool]  # (folder, path there, whether its bytes were unchanged)


class Outputs:
    """The output folders of one build, by name ("site", "card"): ``route(path)`` says
    which folder a rendered file goes to and its path there (None: not an output, e.g. a
    stylesheet that was inlined)."""

    def __init__(self, folders: dict[str, Folder], route: Callable[[str], tuple[str, str] | None]):
        self.folders, self.route = folders, route

    def write(self, files: list[tuple[str, bytes]]) -> list[Put]:
        """Put ``files`` in their folders; what was put (for ``note``, in the build's own
        process). Runs in whichever process rendered them."""
        puts = []
        for path, data in files:
            where = self.route(path)
            if where is not None:
                puts.append((where[0], where[1], self.folders[where[0]].put(where[1], data)))
        return puts

    def note(self, puts: list[Put]) -> None:
        """Files either process put: what the new output holds. ValueError when two
        outputs claim one path."""
        for folder, rel, same in puts:
            self.folders[folder].note(rel, same)

    def redo(self) -> None:
        """What the other process put may be put again (it failed; its work is redone)."""
        for folder in self.folders.values():
            if isinstance(folder, Staging):
                folder.replacing = True

    def commit(self) -> dict[str, WriteReport]:
        reports = {}
        try:
            for key, folder in self.folders.items():
                reports[key] = folder.commit()
        except BaseException:
            self.abort()
            raise
        return reports

    def abort(self) -> None:
        for folder in self.folders.values():
            folder.abort()


def write_new_files(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Create ``files`` under ``folder`` for ``brandkit init``; never overwrite anything.

    Every target is checked before the first write, so a refusal writes nothing.
    Returns the relative paths written, sorted.
    """
    check_paths(files)
    for rel in files:  # in the caller's order, so the most telling clash is named first
        # A file where a folder must go blocks the write as surely as the file itself.
        for path in [folder, *(folder / a for a in ancestors(rel))]:
            if os.path.lexists(path) and not path.is_dir():
                raise BrandkitError(say("init_exists", path=str(path)))
        if os.path.lexists(folder / rel):
            raise BrandkitError(say("init_exists", path=str(folder / rel)))
    done: list[str] = []
    try:
        for rel in sorted(files):
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                disk.create(folder / rel, files[rel])
            except FileExistsError:  # appeared since the check: still not ours to replace
                raise BrandkitError(say("init_exists", path=str(folder / rel))) from None
            done.append(rel)
    except BaseException:
        # All or nothing: remove what this call created so a rerun is not refused.
        for rel in done:
            (folder / rel).unlink(missing_ok=True)
        raise
    return done


def replace_file(folder: Path, rel: str, data: bytes) -> None:
    """Put ``data`` at ``folder/rel`` in one step, replacing what is there: only for a
    file the user asked to replace (``brandkit ci --force``)."""
    check_paths({rel: data})
    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    disk.replace(folder / rel, data)
