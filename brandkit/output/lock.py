"""One writer at a time for each output folder.

Two builds of one site at once (``serve`` running while the user types ``brandkit
build``) would each stage a folder and swap it in, and each one's clean-up of an
interrupted run's leftovers would delete the other's live staging folder. So a build
holds an OS lock on ``.<name>.lock`` beside the output folder (never inside the folder
it publishes) from staging to swap, and a watch rebuild while it writes. A second build
waits for the first (``on_wait`` is told once), or with ``wait=False`` refuses at once.

The lock is ``flock`` on POSIX; the kernel drops it when its holder dies, however it
dies, so a killed build never blocks the next. Windows has ``msvcrt.locking``; a
platform with neither builds without a lock, as before. The lock file stays: removing
it would let two builds lock two different files of one name.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.output.folder import located, restore

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None  # type: ignore[assignment]


# flock needs no write access: opened read-only, the lock file sends a file watcher no
# "closed after writing" event on every build (a watch would rebuild for it).
_OPEN = os.O_CREAT | (os.O_RDONLY if fcntl is not None else os.O_RDWR)


def lock_file(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


@contextmanager
def hold(outs: Iterable[Path], wait: bool = True,
         on_wait: Callable[[Path], None] | None = None) -> Iterator[list[Path]]:
    """Hold the lock of every output folder in ``outs`` for the ``with`` block.

    Yields the folders put back from an interrupted swap (see folder.restore), for the
    user to be told. BrandkitError when another process holds a lock and ``wait`` is
    False, or the lock file cannot be made (a read-only or full disk).
    """
    folders = {Path(out).resolve(): Path(out) for out in outs}
    first = next(iter(folders.values()), None)  # the site's, named when waiting
    held: list[int] = []
    restored: list[Path] = []
    told = False
    try:
        # One order for every process, so two builds never each wait for the other.
        for target in sorted(folders, key=str):
            out = folders[target]
            with located(out):
                target.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(lock_file(target), _OPEN, 0o666)
            held.append(fd)
            if not _lock(fd, block=False):
                if not wait:
                    raise BrandkitError(say("out_busy", path=str(out)) + "; " + say("out_busy_hint"))
                if on_wait is not None and not told:
                    on_wait(first or out)
                    told = True
                _lock(fd, block=True)
            with located(out):
                if restore(target) is not None:
                    restored.append(out)
        yield restored
    finally:
        for fd in reversed(held):
            _unlock(fd)
            os.close(fd)


def restore_now(outs: Iterable[Path]) -> list[Path]:
    """Put back any of ``outs`` an interrupted swap left missing, if no build is writing
    it now (that build puts it back itself); for ``check``, which waits for nobody.
    Writes nothing when nothing is missing."""
    restored = []
    for out in outs:
        target = Path(out).resolve()
        if os.path.lexists(target):
            continue
        try:
            with hold([out], wait=False) as done:
                restored += done
        except BrandkitError:  # another build is at it, or the folder cannot be written
            continue
    return restored


def _lock(fd: int, block: bool) -> bool:
    """Take the lock on ``fd``; False when another holds it and ``block`` is False."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        except OSError:  # a filesystem without locks (some network drives): build unlocked, as before
            return True
        return True
    if msvcrt is not None:  # pragma: no cover - Windows
        while True:
            try:
                # LK_LOCK tries for ten seconds, then gives up: try again.
                msvcrt.locking(fd, msvcrt.LK_LOCK if block else msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not block:
                    return False
    return True  # pragma: no cover - no lock on this platform


def _unlock(fd: int) -> None:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)  # for a forked child's copy of the descriptor too
        except OSError:  # never locked: a filesystem without locks
            pass
    elif msvcrt is not None:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
