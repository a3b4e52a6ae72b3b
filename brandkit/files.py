"""Bytes to disk, the two safe ways, and the user's files back, the one safe way.

Every file brandkit writes goes through here.

``create`` makes a file that must not exist yet (an output in a fresh staging folder, a
file ``init`` makes): it never replaces anything and never leaves half a file behind.
``replace`` puts new bytes in place of a file in one rename, so a reader (a browser, a
second build reading the cache) sees the old file or the new one, never a mix.

``read`` is how brandkit reads a file the user gave it (the profile, portfolio files,
theme.yaml, templates, assets, images): only a regular file, only inside the folder it
belongs to (a symlink leading out is refused), its size checked before a byte is read and
never more than the limit read, so a FIFO cannot hang a build, ``/dev/zero`` cannot
fill the memory and a 2 GiB file costs nothing.
"""

from __future__ import annotations

import os
import stat

from brandkit.messages import say

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def create(path: str | os.PathLike[str], data: bytes) -> None:
    """Create ``path`` holding ``data``; FileExistsError if something is there already.

    Plain os calls: a buffered ``open`` adds three system calls a file (fstat, ioctl,
    lseek) that a build of 1,000 pages pays 2,000 times."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        raise
    os.close(fd)


def replace(path: str | os.PathLike[str], data: bytes, scratch: str | None = None) -> None:
    """Put ``data`` at ``path`` in one step: written under a temporary name first, in
    ``scratch`` (a folder on the same filesystem) or else beside ``path``, then renamed."""
    path = os.fspath(path)
    folder = scratch if scratch is not None else os.path.dirname(path) or "."
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    create(temporary, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) \
    | getattr(os, "O_CLOEXEC", 0) | _BINARY


class Unreadable(Exception):
    """A user's file brandkit will not read: ``kind`` (``outside``, ``not_file``,
    ``too_big``, ``error``) and the words for it (``message``, ``hint``)."""

    def __init__(self, kind: str, message: str, hint: str = "", size: int = 0):
        super().__init__(message)
        self.kind, self.message, self.hint, self.size = kind, message, hint, size


def inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path``, every symlink followed, is ``root`` or in it (``root`` resolved)."""
    return _within(os.path.realpath(path), os.path.realpath(root))


def _within(real: str, top: str) -> bool:
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def read(path: str | os.PathLike[str], root: str | os.PathLike[str], limit: int,
         head: bool = False) -> bytes:
    """The bytes of the user's file ``path``, which must lie inside the folder ``root``
    once every symlink is followed, and be a regular file of at most ``limit`` bytes.

    ``head``: the first ``limit`` bytes of a file of any size (an image's header).
    ``Unreadable`` says why a file is refused; it is never opened before it is known to
    be inside ``root``, and a FIFO is opened without blocking and closed unread.
    """
    real = os.path.realpath(path)
    if not _within(real, os.path.realpath(root)):
        raise Unreadable("outside", say("read_outside"), say("read_outside_hint"))
    try:
        fd = os.open(real, _READ)
    except OSError as exc:
        raise Unreadable("error", say("read_error", detail=exc.strerror or exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not_file", say("read_not_file"), say("read_not_file_hint"))
        if info.st_size > limit and not head:
            raise Unreadable("too_big", _too_big(info.st_size, limit), size=info.st_size)
        chunks: list[bytes] = []
        left = limit + (0 if head else 1)  # one byte more tells a file that grew since
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise Unreadable("error", say("read_error", detail=exc.strerror or exc)) from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise Unreadable("too_big", _too_big(len(data), limit), size=len(data))
    return data


def _too_big(size: int, limit: int) -> str:
    return say("read_too_big", size=_kib(size), limit=_kib(limit))


def _kib(size: int) -> str:
    return f"{size / 1024:,.0f}" if size >= 1024 else f"{size / 1024:.1f}"
