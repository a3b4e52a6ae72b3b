"""Work on both cores: ``map`` shares a list of work between this process and one forked
child, and gives back the results in order, as if one process had done it all.

Rendering and reading are pure Python, so threads would take turns on one core. A forked
child starts with everything this process has already loaded (modules, the profile,
compiled templates), does its share and sends back the results (pickled); meanwhile this
process does the rest. Both take work from one queue, largest first, so neither waits
while the other has work left: the estimates only decide the order.

Forking is only safe in a process with one thread, so watch and serve (whose file watcher
runs threads) and any caller with threads work in one process. If the child fails (an
error in a template, a crash), this process redoes the child's share itself: the error
the user sees is the one a single process would raise.

This module knows nothing of what the work is; brandkit/render/ and brandkit/profile/
say that.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this much estimated work (milliseconds) the fork costs more than it saves.
WORTH_FORKING_MS = 25.0


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


def map(work: Callable[[T], R], items: Sequence[T], cost: float | Sequence[float], *,
        pinned: Sequence[bool] = (), min_ms: float = WORTH_FORKING_MS,
        meanwhile: Callable[[], None] | None = None,
        each: Callable[[R], Any] | None = None, redo: Callable[[], None] | None = None,
        fork: bool = True) -> list[Any]:
    """``[each(work(item)) for item in items]``, shared with a forked child when the
    estimated ``cost`` (ms, per item or one figure for all) is worth it.

    ``each`` runs in the process that did the work, on its result, and what it returns
    is what comes back (and what the child pickles): e.g. write the files, send back
    which were written. ``pinned[i]``: item i must be done in this process. ``meanwhile``
    is other work this process does first while the child starts (only when there is a
    child): e.g. compile what the child, started without it, finds in a cache later.
    ``redo`` is called before this process redoes what a failed child took (the child
    may have done part of it, e.g. written some files).
    """
    costs = [cost] * len(items) if isinstance(cost, (int, float)) else list(cost)
    here_only = list(pinned) or [False] * len(items)
    finish = each if each is not None else _same
    if (not fork or sum(costs) < min_ms or all(here_only) or jobs() < 2 or not can_fork()):
        return [finish(work(item)) for item in items]
    shared = sorted((i for i in range(len(items)) if not here_only[i]), key=lambda i: -costs[i])
    runs = _runs(shared)
    queue = _queue(len(runs))
    # The child pickles each run as it finishes it, not all at the end, while this
    # process is still busy: only the last run's pickling is left for this one to wait.
    pid, read_end = _fork(lambda: [
        pickle.dumps((n, [finish(work(items[i])) for i in runs[n]]), pickle.HIGHEST_PROTOCOL)
        for n in _taken(queue)])
    results: list[Any] = [_MISSING] * len(items)
    try:
        if meanwhile is not None:
            meanwhile()
        for i in range(len(items)):
            if here_only[i]:
                results[i] = finish(work(items[i]))
        for n in _taken(queue):
            for i in runs[n]:
                results[i] = finish(work(items[i]))
    except BaseException:
        os.close(queue)
        _abandon(pid, read_end)
        raise
    os.close(queue)
    theirs = _receive(read_end)
    if _reap(pid) and theirs is not None:
        for pickled in theirs:
            n, done = pickle.loads(pickled)
            for i, result in zip(runs[n], done):
                results[i] = result
    elif redo is not None:
        redo()
    # What the child took but did not bring back (it failed) is done here, in order.
    for i in range(len(items)):
        if results[i] is _MISSING:
            results[i] = finish(work(items[i]))
    return results


_MISSING: Any = object()


def _same(result: Any) -> Any:
    return result


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


def _receive(read_end: int) -> Any:
    """What the child sent, unpickled as it arrives; None when it sent nothing whole."""
    with os.fdopen(read_end, "rb") as pipe:
        try:
            return pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return None


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
