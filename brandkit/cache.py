"""The user's cache: work that outlives a build, kept by the hash of its inputs.

QR codes (``qr/``), card PDFs (``pdf/``) and Jinja's compiled templates (``jinja-<version>/``)
live under ``$XDG_CACHE_HOME/brandkit``, else ``~/.cache/brandkit`` (like pip's cache).
``BRANDKIT_CACHE=0`` turns it off. Entries are written atomically (two builds may run at
once); a cache that cannot be read or written only costs time, never a build.
"""

from __future__ import annotations

import os

from brandkit import files


def folder(kind: str) -> str | None:
    """The folder for one kind of entry (not created), or None when caching is off."""
    if os.environ.get("BRANDKIT_CACHE", "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "brandkit", kind)


def _path(kind: str, key: str, suffix: str) -> str | None:
    where = folder(kind)
    return os.path.join(where, key[:2], key + suffix) if where else None


def load(kind: str, key: str, suffix: str) -> bytes | None:
    """The entry stored under ``key`` (a hex digest), or None."""
    path = _path(kind, key, suffix)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def store(kind: str, key: str, suffix: str, data: bytes) -> None:
    """Keep ``data`` under ``key``; a read-only or full cache is no error."""
    path = _path(kind, key, suffix)
    if path is None:
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        files.replace(path, data)
    except OSError:
        pass
