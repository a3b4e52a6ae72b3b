"""``brandkit watch``: rebuild on every save, a thin layer over ``build.Builder``.

watchdog's observer thread only filters and classifies events and puts them on a queue;
the main thread waits for a quiet window (the debounce), then builds once for the whole
burst. Editors save in place, or write a temporary file and rename it over the old one
(vim, VS Code, JetBrains), so created, moved and deleted files count as saves, while
their swap and backup files, brandkit's own output and ``.git`` are never looked at.
A failed build reports its located error and leaves the last good output as it was.

The quiet window is shortened for the commonest case, one file saved on its own: once
that file is known to be whole — closed after writing, or renamed into place — a few
milliseconds of quiet (``SETTLE``) are enough. Anything else waits the whole window: a
second file (a "save all"), an event soon after the last build's (a burst still going
on), or a file whose last event left it missing or half-written (an editor that renames
the original away before writing the new one would otherwise get an error build).
A failed build is reported only once it is confirmed. A build that took this shortcut
and failed, or one that read a file whose last event left it mid-save (written but not
yet closed, or deleted: an editor truncating it, or deleting it to write it anew), is not
reported: the editor may still be writing (some write a file in several goes, or slowly
on a busy machine), so watch waits the whole window after it and reports the build after
that, whatever its result. (Where the platform reports no closes, every failed build is
confirmed so, one quiet window later.)

Time comes from one injectable ``clock`` (``time.monotonic``): events are stamped with
it and the quiet windows measured by it, so tests drive the debounce with a fake clock
and hand-made events instead of sleeping.
"""

from __future__ import annotations

import os
import queue
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path
from typing import Any

from brandkit.build import Builder, BuildReport
from brandkit.changes import FILE, Change, classify, ignored_name
from brandkit.errors import BrandkitError
from brandkit.record import record

DEBOUNCE = 0.05  # seconds of quiet after the last event before building
MAX_WAIT = 1.0  # build anyway once events have kept coming this long
SETTLE = 0.005  # the quiet window once one file, saved on its own, is whole again


@record
class Outcome:
    """One build as watch saw it: what set it off, and its report or its error."""

    changes: list[Change]  # empty for the first build
    ms: float
    report: BuildReport | None = None
    error: str | None = None  # the located message(s), as the user should read them
    internal: bool = False  # the error is a bug in brandkit (the message is a traceback)
    started: float = field(default_factory=time.monotonic)  # on the watcher's clock

    @property
    def ok(self) -> bool:
        return self.error is None


class Watcher:
    """Watches one site folder and rebuilds it; ``handle`` is the observer thread's side."""

    def __init__(self, site_folder: Path, out: Path | None = None, base_url: str | None = None,
                 debounce: float = DEBOUNCE, max_wait: float = MAX_WAIT,
                 on_outcome: Callable[[Outcome], None] | None = None, pdf: bool = False,
                 settle: float = SETTLE, clock: Callable[[], float] = time.monotonic,
                 events: queue.Queue[Any] | None = None):
        """``clock`` (seconds) stamps events and times the quiet windows; ``events`` is the
        queue poll waits on — tests pass a fake clock and a queue that moves it."""
        self.folder = Path(site_folder).resolve()
        # The card's PDFs take WeasyPrint seconds: only on request, never on every save.
        self.builder = Builder(self.folder, out, base_url, pdf=pdf)
        self.debounce, self.max_wait = debounce, max_wait
        self.settle = min(settle, debounce)
        self.on_outcome = on_outcome
        self.clock = clock
        # ("change", Change, whole, when) from the observer thread, ("folder", Path, False,
        # when) for a new top-level folder, None to wake the main thread. ``whole``: the
        # event leaves the file complete on disk (closed after writing, renamed into place).
        self.events: queue.Queue[tuple[str, Change | Path, bool, float] | None] = (
            queue.Queue() if events is None else events)
        self._last_event = float("-inf")  # when the last event of the last batch came
        self._stopping = False  # ``wake`` was called: every wait ends, nothing more builds
        # Held while building: the dev server reads files under it, never mid-write.
        self.lock = threading.Lock()
        self.failed = True  # no good build yet
        self.builds = 0
        default_out = out if out is not None else self.folder / "_site"
        from brandkit.render.card import OUTPUT as CARD

        # Our own output: the site, and the card beside it.
        self._card = self.folder / CARD
        self._outputs = [Path(os.path.abspath(default_out)), self._card]
        self._themes: list[Path] = []
        self._observer: Any = None
        self._watched: dict[Path, Any] = {}

    # --- building (main thread) --------------------------------------------------

    def build(self, changes: list[Change] | None = None) -> Outcome:
        outcome = self._build(changes or [])
        self._report(outcome)
        return outcome

    def _build(self, changes: list[Change]) -> Outcome:
        outcome = Outcome(changes, 0.0, started=self.clock())
        started = time.perf_counter()
        try:
            with self.lock:
                outcome.report = self.builder.build()
        except BrandkitError as exc:
            outcome.error = str(exc)
        except Exception as exc:  # a bug: say so, and keep watching the last good site
            outcome.error = "".join(traceback.format_exception(exc)).rstrip()
            outcome.internal = True
        outcome.ms = (time.perf_counter() - started) * 1000
        self.builds += 1
        self.failed = not outcome.ok
        if outcome.report is not None:
            self._outputs = [outcome.report.out, self._card]
            self._themes = self._theme_folders()
        return outcome

    def _report(self, outcome: Outcome) -> None:
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    def poll(self, timeout: float | None = None) -> Outcome | None:
        """Wait for a change, then for the debounce's quiet window, then build once (twice
        when a build that is not yet to be trusted fails: a lone save's early one, or one
        that read a file mid-save); report and return the last build.

        Returns None when nothing arrived in ``timeout`` or nothing that arrived matters.
        """
        if self._stopping:
            return None
        try:
            first = self.events.get(timeout=timeout)
        except queue.Empty:
            return None
        # One file saved on its own, a while after the last event: it is built as soon as
        # it is whole. A second file that matters, a new folder, or an event hard on the
        # heels of the last batch's (a burst going on) waits the whole quiet window after
        # the last event. (An editor's temporary file, which no build reads, is no second
        # file: an atomic save writes one, then renames it over the file it saves.)
        alone = first is not None and first[3] - self._last_event >= self.debounce
        batch, early, settled, self._last_event = self._gather(
            first, alone, self.clock(), self._last_event)
        changes = self._changes(batch)
        if not changes or self._stopping:  # stopping: a build not begun is not begun
            return None
        outcome = self._build(list(dict.fromkeys(changes)))
        if not outcome.ok and (early or not settled):
            # Built early, or while a file was mid-save, and failed: the editor may still
            # be writing (some write a file in several goes). Not reported: the whole quiet
            # window after this build, then the build that counts, whatever it gives.
            ended = self.clock()
            more, _, _, self._last_event = self._gather(None, False, ended, self._last_event, ended)
            if self._stopping:
                return None  # the failure was never confirmed: not reported
            changes += self._changes(more)
            outcome = self._build(list(dict.fromkeys(changes)))
        self._report(outcome)
        return outcome

    def _gather(self, first: Any, alone: bool, began: float, last: float,
                since: float = float("-inf")) -> tuple[list[Any], bool, bool, float]:
        """``first`` and the events after it, until the quiet window after the last event
        (``last`` before any came) and after ``since`` has passed, or ``max_wait`` after
        ``began``. Returns them, whether the short window was the one that applied (one
        file alone, whole), whether every file a build reads was left whole by its last
        event (none mid-save), and when the last event came."""
        batch: list[Any] = []
        name: str | None = None
        whole, entry = False, first
        mid_save: set[str] = set()
        while True:
            if entry is not None:
                batch.append(entry)
                last = entry[3]  # the quiet window runs from when the event came
                change = entry[1]
                if not isinstance(change, Change):  # a new folder
                    alone = False
                elif self._matters(change):
                    if name is not None and change.path != name:
                        alone = False
                    name, whole = change.path, entry[2]
                    (mid_save.discard if whole else mid_save.add)(name)
            if self._stopping:  # woken to stop: no quiet window is waited out
                return batch, False, False, last
            quiet = self.settle if alone and whole else self.debounce
            now = self.clock()
            wait = min(quiet - (now - max(last, since)), self.max_wait - (now - began))
            if wait <= 0:
                return batch, alone and whole, not mid_save, last
            try:
                entry = self.events.get(timeout=wait)
            except queue.Empty:
                return batch, alone and whole, not mid_save, last

    def _changes(self, entries: list[Any]) -> list[Change]:
        """The changes in ``entries`` that a build reads; new folders are watched from now on."""
        changes: list[Change] = []
        for entry in entries:
            if entry is None:
                continue
            what, value = entry[0], entry[1]
            if what == "folder":  # a new top-level folder: watch inside it from now on
                self._schedule(Path(value), recursive=True)
            elif isinstance(value, Change):
                changes.append(value)
        return [change for change in changes if self._matters(change)]

    def _matters(self, change: Change) -> bool:
        if self.failed or change.kind != FILE:
            return True
        return self.builder.uses(self.folder / change.path)  # an image a page shows

    # --- the observer thread -----------------------------------------------------

    def handle(self, event: Any) -> None:
        """Take one watchdog event: queue what it changed, if a build reads it."""
        kind = event.event_type
        if kind not in ("created", "modified", "deleted", "moved", "closed"):
            return  # opened / closed_no_write: reads, including our own
        if kind in ("modified", "closed") and event.is_directory:
            return  # the files inside report for themselves
        when = self.clock()
        paths = [(event.src_path, kind == "closed")]
        if kind == "moved":  # the source is gone; the destination is whole
            paths.append((event.dest_path, not event.is_directory))
        for raw, whole in paths:
            path = Path(os.fsdecode(raw))
            if (event.is_directory and kind in ("created", "moved") and path.parent == self.folder
                    and path not in self._outputs and not ignored_name(path.name)):
                self.events.put(("folder", path, False, when))
            change = classify(path, self.folder, self._outputs, self._themes)
            if change is not None:
                self.events.put(("change", change, whole, when))

    # --- lifecycle ---------------------------------------------------------------

    def start(self) -> Outcome:
        """Build once, then start watching (so the first build's writes are not seen)."""
        from watchdog.observers import Observer

        outcome = self.build()
        self._observer = Observer()
        self._schedule(self.folder, recursive=False)
        for child in sorted(self.folder.iterdir()):
            if child.is_dir() and not child.is_symlink():
                self._schedule(child, recursive=True)
        for theme in self._themes:
            self._schedule(theme, recursive=True)
        self._observer.start()
        return outcome

    def run(self, stop: threading.Event) -> None:
        """Rebuild on changes until ``stop`` is set (see ``stop_on_interrupt``).

        Setting ``stop`` wakes the loop at once, wherever it waits (for a save, or for a
        quiet window: the pending batch is dropped); a build under way finishes first."""
        threading.Thread(target=self._wake_on, args=(stop,), name="brandkit-stop",
                         daemon=True).start()
        while not stop.is_set():
            self.poll()

    def _wake_on(self, stop: threading.Event) -> None:
        stop.wait()
        self.wake()

    def wake(self) -> None:
        """Stop: any wait in ``poll`` ends now, and nothing more is built."""
        self._stopping = True
        self.events.put(None)

    def close(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    def _schedule(self, folder: Path, recursive: bool) -> None:
        if self._observer is None or folder in self._watched or ignored_name(folder.name):
            return
        if any(folder == out or out in folder.parents for out in self._outputs):
            return  # our own output: thousands of folders of churn on every swap
        from watchdog.events import (
            DirCreatedEvent,
            DirDeletedEvent,
            DirMovedEvent,
            FileClosedEvent,
            FileCreatedEvent,
            FileDeletedEvent,
            FileModifiedEvent,
            FileMovedEvent,
        )

        handler = _Handler(self)
        wanted = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                  FileClosedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
        try:
            self._watched[folder] = self._observer.schedule(
                handler, str(folder), recursive=recursive, event_filter=wanted)
        except OSError:
            pass  # gone again already; its parent's events still say so

    def _theme_folders(self) -> list[Path]:
        """Theme folders outside the site (the built-in ones in use): theme authors save there too."""
        from brandkit.profile import theme as themes

        site = self.builder.site
        if site is None:
            return self._themes
        chain = themes.theme_chain(site.profile.brand.theme, self.folder)
        found = [t.folder.resolve() for t in chain if self.folder not in t.folder.resolve().parents]
        for folder in found:
            self._schedule(folder, recursive=True)
        return found


class _Handler:
    """watchdog calls ``dispatch`` on its own thread; all real work is the main thread's."""

    def __init__(self, watcher: Watcher):
        self.watcher = watcher

    def dispatch(self, event: Any) -> None:
        self.watcher.handle(event)


def watch(site_folder: Path, out: Path | None = None, base_url: str | None = None,
          debounce: float = DEBOUNCE, on_outcome: Callable[[Outcome], None] | None = None,
          stop: threading.Event | None = None, pdf: bool = False) -> None:
    """Build, then rebuild on every save until ``stop`` is set (or Ctrl-C)."""
    stop = stop or threading.Event()
    watcher = Watcher(site_folder, out, base_url, debounce, on_outcome=on_outcome, pdf=pdf)
    with stop_on_interrupt(stop, watcher.wake):
        try:
            watcher.start()
            watcher.run(stop)
        finally:
            watcher.close()


@contextmanager
def stop_on_interrupt(stop: threading.Event, wake: Callable[[], None]) -> Iterator[None]:
    """Ctrl-C (or SIGTERM) sets ``stop``: the build under way finishes, nothing is cut
    in half. A second Ctrl-C interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()
        wake()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
