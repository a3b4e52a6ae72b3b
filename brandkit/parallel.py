"""Work on both cores: a build forks one helper process that takes pages and event-kit
parts from the same queue as the build itself (and, on large sites, one that reads
portfolio files while the build warms up its templates, then shares the rest).

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
from collections.abc import Iterator
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
    try:
        cores = len(os.sched_getaffinity(0))  # what this process may use (containers, taskset)
    except (AttributeError, OSError):  # not on macOS or Windows
        cores = os.cpu_count() or 1
    return 2 if cores > 1 else 1


def can_fork() -> bool:
    import threading

    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


def run(r: Any, units: list[tuple[float, bool, Unit]],
        prepare: Callable[[], None] | None = None) -> None:
    """Run ``units`` (estimated ms, must stay in this process, function) into ``r``.

    ``prepare`` loads what both processes will use (templates, the Markdown parser)
    before the fork, so that neither pays for it twice. The two processes take units
    from one queue, largest first, so neither waits while the other has work left —
    estimates only decide the order. The sitemap comes out in unit order, as if every
    unit ran here one after another.
    """
    total = sum(cost for cost, _, _ in units)
    if total < _WORTH_FORKING_MS or jobs() < 2 or r.cache is not None or not can_fork():
        for _, _, unit in units:
            unit(r)
        return
    if prepare is not None:
        prepare()
    shared = sorted((i for i, (_, here, _) in enumerate(units) if not here),
                    key=lambda i: -units[i][0])
    runs = _runs(shared)
    queue = _queue(len(runs))
    sitemaps: dict[int, list] = {}
    sink = getattr(r, "sink", None)  # where files go as they are made (a build's Outputs)
    pid, read_end = _fork(lambda: _capture(r, units, (i for n in _taken(queue) for i in runs[n])))

    def here(i: int) -> None:
        before = len(r.sitemap)
        _run_unit(r, units[i][2], sink)  # with a sink: written now, while the child renders
        sitemaps[i] = r.sitemap[before:]
        del r.sitemap[before:]

    try:
        for i, (_, pinned, _) in enumerate(units):
            if pinned:
                here(i)
        for n in _taken(queue):
            for i in runs[n]:
                here(i)
    except BaseException:
        os.close(queue)
        _abandon(pid, read_end)
        raise
    os.close(queue)
    done, sizes, put = _receive(read_end, ([], [], []))
    if not _reap(pid):
        done, sizes = [], []
        if sink is not None:
            sink.redo()  # files the child put before it failed are put again here
    elif sink is not None:
        sink.adopt(put)
    if done:
        for i, files, sitemap in done:
            for path, content in files:
                r.add(path, content)
            sitemaps[i] = sitemap
        for src, size in sizes:
            if src not in r._sizes:
                r._sizes[src] = size
                r._images.append(src)
    # What the child took but did not bring back (it failed): done here, so the error
    # raised is the one a single process would raise.
    for i in range(len(units)):
        if i not in sitemaps:
            here(i)
    for i in range(len(units)):
        r.sitemap.extend(sitemaps[i])


_INDEX = 4  # bytes per ticket in the queue
_MAX_TICKETS = 1024  # 4 KiB: within any pipe's buffer (nobody reads it while it is filled)


def _runs(indices: list[int]) -> list[list[int]]:
    """``indices`` in runs of a few, one ticket each: many small pieces of work (10,000
    portfolio pages) keep the queue small enough for a pipe's buffer."""
    per_ticket = -(-len(indices) // _MAX_TICKETS) or 1
    return [indices[at:at + per_ticket] for at in range(0, len(indices), per_ticket)]


def _queue(count: int) -> int:
    """A pipe holding the tickets 0 … count - 1, closed for writing."""
    data = b"".join(i.to_bytes(_INDEX, "little") for i in range(count))
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, data)
    finally:
        os.close(write_end)
    return read_end


def _taken(queue: int) -> Iterator[int]:
    """Tickets from the queue until it is empty. Reads of a few bytes from a pipe are
    atomic, so each ticket goes to exactly one of the two processes."""
    while True:
        data = os.read(queue, _INDEX)
        if len(data) < _INDEX:
            return
        yield int.from_bytes(data, "little")


def map(function: Callable[[T], R], items: list[T], ms_each: float,
        meanwhile: Callable[[], None] | None = None) -> list[R]:
    """``[function(item) for item in items]``, shared with a forked child when there is
    enough work (``ms_each`` estimated per item). Results must pickle.

    Both processes take items from one queue. ``meanwhile`` is other work this process
    does first, while the child starts on the items (a build warms up its templates as
    the portfolio is read); it runs only when there is a child to share with.
    """
    if len(items) * ms_each < 2 * _WORTH_FORKING_MS or jobs() < 2 or not can_fork():
        return [function(item) for item in items]
    runs = _runs(list(range(len(items))))
    queue = _queue(len(runs))
    # The child pickles each run as it finishes it, not all at the end, while this
    # process is still busy: only the last run's pickling is left for this one to wait.
    pid, read_end = _fork(lambda: [pickle.dumps((n, [function(items[i]) for i in runs[n]]),
                                                pickle.HIGHEST_PROTOCOL)
                                   for n in _taken(queue)])
    results: list[list[R] | None] = [None] * len(runs)
    try:
        if meanwhile is not None:
            meanwhile()
        for n in _taken(queue):
            results[n] = [function(items[i]) for i in runs[n]]
    except BaseException:
        os.close(queue)
        _abandon(pid, read_end)
        raise
    os.close(queue)
    theirs = _receive(read_end, None)
    if _reap(pid) and theirs is not None:
        for pickled in theirs:
            n, done = pickle.loads(pickled)
            results[n] = done
    # What the child took but did not bring back (it failed) is done here.
    return [result for n, done in enumerate(results)
            for result in (done if done is not None else [function(items[i]) for i in runs[n]])]


def _capture(r: Any, units: list[tuple[float, bool, Unit]],
             taken: Iterator[int]) -> tuple[list, list, list]:
    """Run the units the child takes, noting what each added (files, sitemap entries).
    With a sink, the child writes its files itself and sends back only what it put."""
    done = []
    known = set(r._sizes)
    sink = getattr(r, "sink", None)
    logged = len(sink.log) if sink is not None else 0
    for i in taken:
        before = len(r.sitemap)
        files = _run_unit(r, units[i][2], sink)
        done.append((i, files, r.sitemap[before:]))
    sizes = [(src, r._sizes[src]) for src in r._images if src not in known]
    return done, sizes, sink.log[logged:] if sink is not None else []


def _run_unit(r: Any, unit: Unit, sink: Any) -> list[tuple[str, bytes]]:
    """Run ``unit``; the files it added, unless ``sink`` took them (then it wrote them)."""
    r._adding = []
    try:
        unit(r)
        files = [(path, dict.__getitem__(r.files, path)) for path in r._adding]
    finally:
        r._adding = None
    if sink is None:
        return files
    for path, data in files:
        sink.put(path, data)
    return []


def _fork(work: Callable[[], Any]) -> tuple[int, int]:
    """Start a child that runs ``work`` and sends back what it returns; (pid, read end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        status = 1
        try:
            result = work()
            with os.fdopen(write_end, "wb") as pipe:  # streamed: no second copy in memory
                pickle.dump(result, pipe, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)  # never run the parent's atexit handlers or flush its buffers
    os.close(write_end)
    return pid, read_end


def _receive(read_end: int, failed: Any) -> Any:
    """What the child sent, unpickled as it arrives; ``failed`` when it sent nothing whole."""
    with os.fdopen(read_end, "rb") as pipe:
        try:
            return pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return failed


def _abandon(pid: int, read_end: int) -> None:
    """This process failed: stop the child and wait for it, so no zombie is left."""
    import signal

    os.close(read_end)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    _reap(pid)


def _reap(pid: int) -> bool:
    """Wait for the child; whether it finished cleanly."""
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
