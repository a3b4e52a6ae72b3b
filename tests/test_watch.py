"""watch: incremental rebuilds, how saves are seen, debounce, and the last good site kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import (DirCreatedEvent, FileClosedEvent, FileClosedNoWriteEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                             FileMovedEvent, FileOpenedEvent)

from brandkit.changes import ASSET, FILE, PORTFOLIO, PROFILE, TEMPLATE, THEME, classify
from brandkit.watch import Watcher
from tests.conftest import FIXED_EPOCH, REPO, copy_example


@pytest.fixture(autouse=True)
def _fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("BRANDKIT_LANG", "en")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "site")


def _snapshot(out: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every output file: bytes, mtime and inode."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            info = path.stat()
            found[path.relative_to(out).as_posix()] = (path.read_bytes(), info.st_mtime_ns, info.st_ino)
    return found


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _atomic_save(path: Path, text: str) -> None:
    """What vim, VS Code and JetBrains do: write a temporary file, rename it over."""
    tmp = path.with_name(path.name + ".tmp-save")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# --- a failed build keeps the last good site ---------------------------------------
# (What a rebuild renders again, and that it equals a build from scratch: tests/render/test_reuse.py.)


def test_invalid_save_keeps_last_good_output_then_recovers(site: Path) -> None:
    watcher = Watcher(site)
    good = watcher.build()
    before = _snapshot(good.report.out)

    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("lang: [ja, en]", "lang: [ja, en"), encoding="utf-8")
    bad = watcher.build()
    assert not bad.ok
    assert bad.error.startswith(f"{_shown(profile)}:")  # located: file:line:col
    assert _snapshot(good.report.out) == before
    assert not [p for p in site.iterdir() if ".tmp-" in p.name or ".old-" in p.name]

    profile.write_text(text.replace("I combine AI and education", "I combine AI and play"),
                       encoding="utf-8")
    fixed = watcher.build()
    assert fixed.ok and "en/index.html" in fixed.report.written
    assert "I combine AI and play" in (fixed.report.out / "en/index.html").read_text()


def _shown(path: Path) -> str:
    from brandkit.errors import shown_path
    return shown_path(path)


# --- seeing saves: classification and the observer's events -------------------------


def test_classify(site: Path) -> None:
    s = site.resolve()
    out = [s / "_site"]
    themes = [REPO / "themes" / "default"]

    def kind(path: Path) -> tuple[str, str] | None:
        change = classify(path, s, out, themes)
        return (change.kind, change.slug) if change else None

    assert kind(s / "profile.yaml") == (PROFILE, "")
    assert kind(s / "portfolio" / "ai-tutor.md") == (PORTFOLIO, "ai-tutor")
    assert kind(s / "portfolio" / "ai-tutor.en.md") == (PORTFOLIO, "ai-tutor")
    assert kind(s / "portfolio" / "images" / "ai-tutor.svg") == (FILE, "")
    assert kind(s / "templates" / "home.html") == (TEMPLATE, "")
    assert kind(s / "assets" / "photo.jpg") == (ASSET, "")
    assert kind(s / "themes" / "mine" / "theme.yaml") == (THEME, "")
    assert kind(s / "themes" / "mine" / "templates" / "base.html") == (TEMPLATE, "")
    assert kind(s / "themes" / "mine" / "assets" / "x.css") == (ASSET, "")
    assert kind(REPO / "themes" / "default" / "templates" / "base.html") == (TEMPLATE, "")
    assert kind(REPO / "themes" / "default" / "theme.yaml") == (THEME, "")
    ignored = [
        s / "_site" / "index.html", s / "._site.tmp-1a2b3c4d" / "index.html", s / "._site.old-00ff00ff",
        s / ".profile.yaml.swp", s / ".profile.yaml.swx", s / "profile.yaml~", s / ".#profile.yaml",
        s / "#profile.yaml#", s / "4913", s / "portfolio" / "x.md.tmp", s / ".DS_Store",
        s / "assets" / ".DS_Store", s / ".git" / "index", s / "profile.yaml___jb_tmp___",
        s / ".gitignore", REPO / "README.md",
    ]
    for path in ignored:
        assert kind(path) is None, path


class _Events:
    """Build synthetic watchdog events for one site folder."""

    def __init__(self, site: Path):
        self.site = site.resolve()

    def __call__(self, cls, rel: str, dest: str | None = None):  # type: ignore[no-untyped-def]
        src = str(self.site / rel)
        return cls(src, str(self.site / dest)) if dest is not None else cls(src)


def _queued(watcher: Watcher) -> list[str]:
    found = []
    while not watcher.events.empty():
        entry = watcher.events.get_nowait()
        if entry is not None:
            found.append(f"{entry[0]}:{entry[1]}")
    return found


def test_handler_sees_every_way_editors_save(site: Path) -> None:
    watcher = Watcher(site)
    event = _Events(site)
    watcher.handle(event(FileModifiedEvent, "profile.yaml"))  # in place
    watcher.handle(event(FileClosedEvent, "profile.yaml"))
    watcher.handle(event(FileMovedEvent, ".profile.yaml.tmp", "profile.yaml"))  # temp + rename
    watcher.handle(event(FileCreatedEvent, "portfolio/new.md"))
    watcher.handle(event(FileDeletedEvent, "portfolio/ai-tutor.md"))
    watcher.handle(event(FileMovedEvent, "portfolio/old.md", "portfolio/renamed.md"))
    assert _queued(watcher) == [
        "change:profile.yaml", "change:profile.yaml", "change:profile.yaml",
        "change:portfolio/new.md", "change:portfolio/ai-tutor.md",
        "change:portfolio/old.md", "change:portfolio/renamed.md"]


def test_handler_ignores_reads_droppings_and_own_output(site: Path) -> None:
    watcher = Watcher(site)
    event = _Events(site)
    for ev in [event(FileOpenedEvent, "profile.yaml"), event(FileClosedNoWriteEvent, "profile.yaml"),
               event(FileCreatedEvent, ".profile.yaml.swp"), event(FileCreatedEvent, "4913"),
               event(FileDeletedEvent, "4913"), event(FileCreatedEvent, "profile.yaml~"),
               event(FileModifiedEvent, "_site/index.html"),
               event(FileCreatedEvent, "_card/index.html"), event(DirCreatedEvent, "_card"),
               event(DirCreatedEvent, "._site.tmp-0badf00d"),
               event(FileMovedEvent, "._site.tmp-0badf00d/index.html", "_site/index.html"),
               event(FileModifiedEvent, ".git/index"), event(FileCreatedEvent, ".DS_Store")]:
        watcher.handle(ev)
    assert _queued(watcher) == []


def test_new_top_level_folder_is_watched(site: Path) -> None:
    watcher = Watcher(site)
    watcher.handle(_Events(site)(DirCreatedEvent, "templates"))
    assert _queued(watcher)[0] == f"folder:{site.resolve() / 'templates'}"


def _burst(site: Path, debounce: float, close: bool) -> list:
    """20 saves of one portfolio file 5 ms apart (each closed after writing when
    ``close``, as editors do) while the watcher polls; the builds it made."""
    watcher = Watcher(site, debounce=debounce)
    watcher.build()
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8")
    event = _Events(site)

    def burst() -> None:
        for i in range(20):
            item.write_text(text + f"\nEdit {i}.\n", encoding="utf-8")
            watcher.handle(event(FileModifiedEvent, "portfolio/ai-tutor.en.md"))
            if close:
                watcher.handle(event(FileClosedEvent, "portfolio/ai-tutor.en.md"))
            time.sleep(0.005)

    saving = threading.Thread(target=burst)
    saving.start()
    builds = []
    while saving.is_alive() or not watcher.events.empty():
        outcome = watcher.poll(timeout=0.2)
        if outcome is not None:
            builds.append(outcome)
    saving.join()
    return builds


def test_burst_of_saves_is_one_or_two_builds(site: Path) -> None:
    # A quiet window well above a busy machine's scheduling stalls; the saves come 5 ms apart.
    builds = _burst(site, debounce=0.25, close=False)
    assert 1 <= len(builds) <= 2
    assert all(b.ok for b in builds)
    assert "Edit 19." in (builds[-1].report.out / "en/portfolio/ai-tutor/index.html").read_text()


def test_burst_of_whole_saves_is_one_or_two_builds(site: Path) -> None:
    # As editors save: each save closes the file. The first may build at once; the rest
    # of the burst comes hard on its heels and waits for the quiet window (1 s: long enough
    # that a busy CI machine pausing the saving thread does not end the burst early).
    builds = _burst(site, debounce=1.0, close=True)
    assert 1 <= len(builds) <= 2
    assert all(b.ok for b in builds)
    assert "Edit 19." in (builds[-1].report.out / "en/portfolio/ai-tutor/index.html").read_text()


def test_lone_whole_save_does_not_wait_for_the_quiet_window(site: Path) -> None:
    watcher = Watcher(site, debounce=2.0)
    watcher.build()
    event = _Events(site)
    _edit(site / "profile.yaml", "I combine AI and education", "I combine AI and play")
    watcher.handle(event(FileModifiedEvent, "profile.yaml"))
    watcher.handle(event(FileClosedEvent, "profile.yaml"))  # written and closed: whole
    started = time.monotonic()
    outcome = watcher.poll(timeout=0)
    assert outcome is not None and outcome.ok
    assert time.monotonic() - started - outcome.ms / 1000 < 1.0  # not the 2 s window

    # Renamed into place (an editor's atomic save): whole too.
    text = (site / "profile.yaml").read_text(encoding="utf-8")
    watcher._last_event -= 10  # as if long ago
    _atomic_save(site / "profile.yaml", text.replace("AI and play", "AI and tea"))
    watcher.handle(event(FileMovedEvent, "profile.yaml.tmp-save", "profile.yaml"))
    started = time.monotonic()
    outcome = watcher.poll(timeout=0)
    assert outcome is not None and outcome.ok
    assert time.monotonic() - started - outcome.ms / 1000 < 1.0


def test_half_done_or_two_file_saves_wait_for_the_quiet_window(site: Path) -> None:
    watcher = Watcher(site, debounce=0.3)
    watcher.build()
    event = _Events(site)
    # Two files: a "save all" may have more coming.
    watcher.handle(event(FileClosedEvent, "profile.yaml"))
    watcher.handle(event(FileClosedEvent, "portfolio/ai-tutor.md"))
    started = time.monotonic()
    assert watcher.poll(timeout=0) is not None
    assert time.monotonic() - started >= 0.25

    # An editor that moves the file away, then writes the new one: the first event alone
    # must not build (the profile is missing then), the whole save builds once, fine.
    watcher._last_event -= 10
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    os.replace(profile, site / "profile.yaml~")
    watcher.handle(event(FileMovedEvent, "profile.yaml", "profile.yaml~"))

    def write_new() -> None:
        time.sleep(0.1)
        profile.write_text(text.replace("AI and education", "AI and music"), encoding="utf-8")
        watcher.handle(event(FileCreatedEvent, "profile.yaml"))
        watcher.handle(event(FileClosedEvent, "profile.yaml"))

    writer = threading.Thread(target=write_new)
    writer.start()
    outcome = watcher.poll(timeout=0)
    writer.join()
    assert outcome is not None and outcome.ok, outcome and outcome.error
    assert "AI and music" in (outcome.report.out / "en/index.html").read_text()
    assert watcher.events.empty()


def test_unused_file_does_not_build(site: Path) -> None:
    watcher = Watcher(site)
    watcher.build()
    watcher.handle(_Events(site)(FileModifiedEvent, "README.md"))
    assert watcher.poll(timeout=0) is None
    watcher.handle(_Events(site)(FileModifiedEvent, "portfolio/images/ai-tutor.svg"))
    assert watcher.poll(timeout=0) is not None  # an image a page shows


# --- with a real observer ------------------------------------------------------------


def _wait_for(watcher: Watcher, predicate, timeout: float = 5.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        outcome = watcher.poll(timeout=0.1)
        if outcome is not None and predicate(outcome):
            return outcome
    raise AssertionError("no matching build")


def test_real_observer_atomic_save_rename_and_delete(site: Path) -> None:
    watcher = Watcher(site, debounce=0.02)
    first = watcher.start()
    try:
        assert first.ok
        out = first.report.out
        profile = site / "profile.yaml"
        _atomic_save(profile, profile.read_text(encoding="utf-8").replace(
            "I combine AI and education", "I combine AI and kindness"))
        outcome = _wait_for(watcher, lambda o: "en/index.html" in (o.report.written if o.ok else []))
        assert [c.kind for c in outcome.changes] == [PROFILE]  # the temporary file is not used
        assert "I combine AI and kindness" in (out / "en/index.html").read_text()

        os.rename(site / "portfolio" / "reading-club-app.md", site / "portfolio" / "yomiai.md")
        os.rename(site / "portfolio" / "reading-club-app.en.md", site / "portfolio" / "yomiai.en.md")
        _wait_for(watcher, lambda o: o.ok and "portfolio/yomiai/index.html" in o.report.written)
        assert not (out / "portfolio" / "reading-club-app").exists()

        (site / "portfolio" / "yomiai.md").unlink()
        (site / "portfolio" / "yomiai.en.md").unlink()
        _wait_for(watcher, lambda o: o.ok and "portfolio/yomiai/index.html" in o.report.removed)
    finally:
        watcher.close()


def test_ctrl_c_exits_cleanly(site: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), BRANDKIT_LANG="en")
    process = subprocess.Popen([sys.executable, "-m", "brandkit", "watch", str(site)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        assert "Watching" in process.stdout.readline()
        assert "Built" in process.stdout.readline()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err
    leftovers = [p.name for p in site.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    assert leftovers == []
