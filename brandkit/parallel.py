"""Work on both cores: a build forks one helper process for about half of the pages
(and of the portfolio files to read, on large sites).

Rendering is pure Python, so threads would take turns on one core. A forked child
starts with everything the parent has already loaded (modules, the profile, compiled
templates), renders its share of the work and sends back the bytes; the parent renders
the rest meanwhile and merges both, in the same order a single process would use, so
the output is byte-for-byte the same either way.

Forking is only safe in a process with one thread, so watch and serve (whose file
watcher runs threads) and any caller with threads render in one process. Any failure
in the child (an error in a template, a crash) makes the parent render the child's
share itself: the error the user sees is the one a single process would raise.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any, Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# A unit of work: a function that renders into the Renderer (r.add, r.add_to_sitemap).
Unit = Callable[[Any], None]

# Below this much estimated work (milliseconds) the fork costs more than it saves.
_WORTH_FORKING_MS = 25.0


def jobs() -> int:
    """How many processes a build may use: BRANDKIT_JOBS, else 2 when the machine has them."""
    value = os.environ.get("BRANDKIT_JOBS", "").strip()
    if value.isdigit() and int(value) > 0:
        return min(int(value), 2)
    return 2 if (os.cpu_count() or 1) > 1 else 1


def can_fork() -> bool:
    import threading

    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


def run(r: Any, units: list[tuple[float, bool, Unit]],
        prepare: Callable[[], None] | None = None) -> None:
    """Run ``units`` (estimated ms, must stay in this process, function) into ``r``.

    ``prepare`` loads what both processes will use (templates, the Markdown parser)
    before the fork, so that neither pays for it twice.
    The sitemap comes out in unit order, as if every unit ran here one after another.
    """
    total = sum(cost for cost, _, _ in units)
    if total < _WORTH_FORKING_MS or jobs() < 2 or r.cache is not None or not can_fork():
        for _, _, unit in units:
            unit(r)
        return
    if prepare is not None:
        prepare()
    mine, theirs = _split(units)
    sitemaps: dict[int, list] = {}
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render its share, send it, leave without cleanup
        os.close(read_end)
        status = 1
        try:
            data = pickle.dumps(_capture(r, [(i, units[i][2]) for i in theirs]),
                                pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # never run the parent's atexit handlers or flush its buffers
    os.close(write_end)
    try:
        for i in mine:
            before = len(r.sitemap)
            units[i][2](r)
            sitemaps[i] = r.sitemap[before:]
            del r.sitemap[before:]
    except BaseException:
        os.close(read_end)
        _reap(pid, kill=True)
        raise
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    ok = _reap(pid) and data
    if ok:
        done, sizes = pickle.loads(data)
        for i, files, sitemap in done:
            for path, content in files:
                r.add(path, content)
            sitemaps[i] = sitemap
        for src, size in sizes:
            if src not in r._sizes:
                r._sizes[src] = size
                r._images.append(src)
    else:  # the child failed: do its share here, raising what a single process would
        for i in theirs:
            before = len(r.sitemap)
            units[i][2](r)
            sitemaps[i] = r.sitemap[before:]
            del r.sitemap[before:]
    for i in range(len(units)):
        r.sitemap.extend(sitemaps[i])


def map(function: Callable[[T], R], items: list[T], ms_each: float) -> list[R]:
    """``[function(item) for item in items]``, the second half in a forked child when
    there is enough work (``ms_each`` estimated per item). Results must pickle."""
    if len(items) * ms_each < 2 * _WORTH_FORKING_MS or jobs() < 2 or not can_fork():
        return [function(item) for item in items]
    half = (len(items) + 1) // 2
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        status = 1
        try:
            data = pickle.dumps([function(item) for item in items[half:]],
                                pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        mine = [function(item) for item in items[:half]]
    except BaseException:
        os.close(read_end)
        _reap(pid, kill=True)
        raise
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    if _reap(pid) and data:
        return mine + pickle.loads(data)
    return mine + [function(item) for item in items[half:]]  # the child failed: redo here


def _split(units: list[tuple[float, bool, Unit]]) -> tuple[list[int], list[int]]:
    """Two shares of about equal cost (largest first, each to the lighter share)."""
    mine: list[int] = []
    theirs: list[int] = []
    load = [0.0, 0.0]
    # Units that must stay here go first, then the rest largest first.
    for i in sorted(range(len(units)), key=lambda i: (not units[i][1], -units[i][0])):
        cost, here, _ = units[i]
        side = 0 if here or load[0] <= load[1] else 1
        (mine if side == 0 else theirs).append(i)
        load[side] += cost
    return sorted(mine), sorted(theirs)


def _capture(r: Any, units: list[tuple[int, Unit]]) -> tuple[list, list]:
    """Run ``units`` in the child, noting what each added (files, sitemap entries)."""
    done = []
    known = set(r._sizes)
    for i, unit in units:
        r._adding = []
        before = len(r.sitemap)
        unit(r)
        files = [(path, dict.__getitem__(r.files, path)) for path in r._adding]
        done.append((i, files, r.sitemap[before:]))
        r._adding = None
    sizes = [(src, r._sizes[src]) for src in r._images if src not in known]
    return done, sizes


def _reap(pid: int, kill: bool = False) -> bool:
    """Wait for the child; whether it finished cleanly."""
    if kill:
        import signal

        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
