"""Putting a staged folder in place of the last good one.

On Linux one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders in a single step: no
moment passes without the output folder, whatever stops the process. Elsewhere (or on a
filesystem that refuses the exchange) two renames do it — the old folder aside as
``.<name>.old-…``, the new one in — and a run stopped between them leaves the last good
folder as that ``.old`` sibling, which the next run puts back (folder.restore).
"""

from __future__ import annotations

import errno
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from brandkit.output.folder import sibling

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# The exchange is not offered here: an old kernel, or a filesystem without it.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}


def swap(tmp: Path, target: Path) -> Path | None:
    """Put ``tmp`` in place of ``target``; return the old folder to delete, if any."""
    if not os.path.lexists(target):
        os.rename(tmp, target)
        return None
    if exchange(tmp, target):
        return tmp  # it holds the old folder now
    old = sibling(target, "old")
    os.rename(target, old)
    try:
        os.rename(tmp, target)
    except BaseException:
        os.rename(old, target)  # put the last good site back
        raise
    return old


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the platform or filesystem cannot."""
    call = _renameat2()
    if call is None:
        return False
    import ctypes  # loaded by _renameat2 already

    if call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


@cache
def _renameat2() -> Any:
    """libc's ``renameat2`` (glibc 2.28+, musl 1.2.2+), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes  # only here: ~3 ms that a build on another platform need not pay

        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (ImportError, OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call
