"""A fake clock for code that waits on a queue: tests/test_watch.py drives the watcher's
debounce with it instead of sleeping."""

from __future__ import annotations

import heapq
import itertools
import math
import queue
from collections import deque
from collections.abc import Callable
from typing import Any


class FakeTime:
    """The watcher's clock and its event queue in one. Time stands still until ``poll``
    waits on the queue; then it jumps to the next scripted action (a save: files written,
    events handed to ``Watcher.handle``) or to the end of the wait. The debounce logic runs
    exactly as it does for real, with no sleeping and no luck in the timings."""

    def __init__(self, now: float = 0.0):
        self.now = now
        self._queued: deque[Any] = deque()
        self._script: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def at(self, when: float, action: Callable[[], None]) -> None:
        heapq.heappush(self._script, (when, next(self._order), action))

    @property
    def busy(self) -> bool:
        """Something is still scripted or queued."""
        return bool(self._script or self._queued)

    # The queue.Queue methods the watcher uses.
    def put(self, item: Any) -> None:
        self._queued.append(item)

    def empty(self) -> bool:
        return not self._queued

    def get_nowait(self) -> Any:
        return self.get(timeout=0)

    def get(self, block: bool = True, timeout: float | None = None) -> Any:
        until = None if timeout is None else self.now + max(timeout, 0.0)
        while not self._queued:
            if self._script and (until is None or self._script[0][0] <= until):
                when, _, action = heapq.heappop(self._script)
                self.now = max(self.now, when)
                action()
            elif until is None:
                raise AssertionError("poll would wait forever: nothing more is scripted")
            else:  # the wait ends; at least a tick passes, so a rounding error cannot stall
                self.now = max(until, math.nextafter(self.now, math.inf))
                raise queue.Empty
        return self._queued.popleft()
