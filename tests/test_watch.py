"""watch: incremental rebuilds, how saves are seen, debounce, and the last good site kept."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from watchdog.events import (
    DirCreatedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from brandkit.changes import ASSET, FILE, PORTFOLIO, PROFILE, TEMPLATE, THEME, classify
from brandkit.watch import DEBOUNCE, SETTLE, Outcome, Watcher
from tests.conftest import REPO, edit
from tests.conftest import snapshot as _snapshot
from tests.fake_time import FakeTime

pytestmark = pytest.mark.usefixtures("fixed_date")  # dated 2026-01-01, messages in English


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


# --- watch keeps what only build makes (the card's PDFs) ------------------------------


def _outputs(site: Path) -> dict[str, bytes]:
    """Every file in both output folders, by path under the site."""
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for folder in ("_site", "_card") for path in sorted((site / folder).rglob("*"))
            if path.is_file()}


def test_watch_keeps_the_pdfs_build_made_and_links_them(site: Path) -> None:
    pytest.importorskip("weasyprint")
    from brandkit.build import build
    from brandkit.profile import load_site

    build(site, pdf=True)
    built = _outputs(site)
    pdfs = sorted(path for path in built if path.endswith(".pdf"))
    events = [e for e in load_site(site).profile.events if e.type != "online"]
    # The card and the sheet, for the main card and each in-person event (and the name
    # badges); none for an online event, whose card nobody hands over.
    assert len([p for p in pdfs if p.endswith(("card-print.pdf", "sheet-a4.pdf"))]) == 2 * (1 + len(events))

    watcher = Watcher(site)  # no --pdf: watch leaves the PDFs to build
    first = watcher.build()
    edit(site / "profile.yaml", "I combine AI and education", "I combine AI and play")
    rebuilt = watcher.build()
    assert first.ok and rebuilt.ok and rebuilt.report.written
    now = _outputs(site)
    made_by_watch = {f"_site/{rel}" for rel in watcher.builder.written["site"]} | {
        f"_card/{rel}" for rel in watcher.builder.written["card"]}
    # Every file build made that watch does not make is still there, byte for byte.
    assert {path: data for path, data in built.items() if path not in made_by_watch} == {
        path: now.get(path) for path in built if path not in made_by_watch}
    assert set(pdfs) <= set(built) - made_by_watch
    # So are the share images and backgrounds, drawn with the PDFs when pdfium is there.
    pictures = [path for path in built if path.endswith(("share.png", "background.png"))]
    assert pictures or importlib.util.find_spec("pypdfium2") is None
    assert set(pictures) <= set(built) - made_by_watch
    assert not rebuilt.report.removed

    # The card's page links them and says where they come from, not that WeasyPrint is missing.
    hub = (site / "_card" / "index.html").read_text(encoding="utf-8")
    assert 'href="card-print.pdf"' in hub and 'href="sheet-a4.pdf"' in hub
    assert 'href="badge-card.pdf"' in hub and 'href="badge-a7.pdf"' in hub
    assert "brandkit build --pdf" in hub and "pip install" not in hub

    # They stay brandkit's files: the next build replaces them (no "user's file" refusal).
    from brandkit.output.folder import read_manifest

    assert {f"_card/{rel}" for rel in read_manifest(site / "_card")} >= set(pdfs)
    build(site, pdf=True)
    assert _outputs(site).keys() == built.keys()


def test_watch_without_a_build_before_says_where_pdfs_come_from(site: Path) -> None:
    outcome = Watcher(site).build()
    assert outcome.ok
    hub = (site / "_card" / "index.html").read_text(encoding="utf-8")
    assert "card-print.pdf" not in hub and "brandkit build --pdf" in hub
    assert "pip install" not in hub  # WeasyPrint may well be there; watch just skips PDFs
    assert not list((site / "_card").rglob("*.pdf"))


def test_watch_drops_the_pdfs_of_an_event_it_no_longer_shows(site: Path) -> None:
    pytest.importorskip("weasyprint")
    from brandkit.build import build

    build(site, pdf=True)
    events = sorted((site / "_card" / "events").iterdir())
    watcher = Watcher(site)
    assert watcher.build().ok
    profile = site / "profile.yaml"
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    del data["events"][0]
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert watcher.build().ok
    remaining = sorted(p.name for p in (site / "_card" / "events").iterdir())
    assert len(remaining) == len(events) - 1  # the event's folder went, its PDFs with it
    assert all((site / "_card" / "events" / name / "card-print.pdf").is_file()
               for name in remaining if "online" not in name)


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


# --- debounce: a fake clock and scripted saves, no sleeping ----------------------------


def _fake_watcher(site: Path, fake: FakeTime, **options: Any) -> tuple[Watcher, list[Outcome]]:
    """A watcher on ``fake``'s clock, built once; and the list of outcomes it reports."""
    reported: list[Outcome] = []
    watcher = Watcher(site, clock=fake, events=fake, on_outcome=reported.append, **options)
    assert watcher.build().ok
    reported.clear()
    fake.advance(10)  # the first save comes long after that build
    return watcher, reported


def _attempts(watcher: Watcher, fake: FakeTime, takes: float = 0.0) -> list[tuple[float, bool]]:
    """Every build the builder makes, reported or not: (when it began, whether it worked).
    Each takes ``takes`` seconds on the fake clock."""
    seen: list[tuple[float, bool]] = []
    real = watcher.builder.build

    def build():  # type: ignore[no-untyped-def]
        began = fake()
        fake.advance(takes)
        try:
            report = real()
        except Exception:
            seen.append((began, False))
            raise
        seen.append((began, True))
        return report

    watcher.builder.build = build  # type: ignore[method-assign]
    return seen


def _save(watcher: Watcher, path: Path, text: str, close: bool = True) -> Callable[[], None]:
    """A save in place, as a scripted action: the file written, then its events."""
    rel = path.resolve().relative_to(watcher.folder).as_posix()
    event = _Events(watcher.folder)

    def save() -> None:
        path.write_text(text, encoding="utf-8")
        watcher.handle(event(FileModifiedEvent, rel))
        if close:
            watcher.handle(event(FileClosedEvent, rel))
    return save


def _run(watcher: Watcher, fake: FakeTime) -> list[Outcome]:
    """Poll until the script is played out; what each poll built."""
    built = []
    while fake.busy:
        outcome = watcher.poll(timeout=60)
        if outcome is not None:
            built.append(outcome)
    return built


def _burst(site: Path, gap: float, close: bool) -> tuple[list[Outcome], list[float]]:
    """20 saves of one portfolio file ``gap`` seconds apart (each closed after writing
    when ``close``, as editors do), 0.25 s quiet window; the builds, and when the saves came."""
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake, debounce=0.25)
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8")
    saves = [fake() + i * gap for i in range(20)]
    for i, when in enumerate(saves):
        fake.at(when, _save(watcher, item, text + f"\nEdit {i}.\n", close))
    builds = _run(watcher, fake)
    assert builds == reported
    assert all(b.ok for b in builds)
    assert "Edit 19." in (builds[-1].report.out / "en/portfolio/ai-tutor/index.html").read_text()
    return builds, saves


def test_burst_of_saves_is_one_build(site: Path) -> None:
    # Saves that do not say the file is whole (no close): one build, the quiet window
    # after the last.
    builds, saves = _burst(site, gap=0.005, close=False)
    assert [b.started for b in builds] == [pytest.approx(saves[-1] + 0.25)]


def test_burst_of_whole_saves_is_two_builds(site: Path) -> None:
    # As editors save: each save closes the file. The first builds once it has settled;
    # the rest of the burst comes hard on its heels and waits for the quiet window.
    builds, saves = _burst(site, gap=0.01, close=True)
    assert [b.started for b in builds] == [pytest.approx(saves[0] + SETTLE),
                                           pytest.approx(saves[-1] + 0.25)]


def test_saves_that_never_stop_build_every_max_wait(site: Path) -> None:
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake, debounce=0.25, max_wait=0.95)
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8")
    start = fake()
    for i in range(25):  # every 0.1 s for 2.5 s: never a 0.25 s quiet window
        fake.at(start + i * 0.1, _save(watcher, item, text + f"\nEdit {i}.\n", close=False))
    builds = _run(watcher, fake)
    # Each build waits at most max_wait after the first save it takes; the last one, the
    # quiet window after the last save.
    assert [b.started for b in builds] == [pytest.approx(start + 0.95),
                                           pytest.approx(start + 1.0 + 0.95),
                                           pytest.approx(start + 2.4 + 0.25)]
    assert all(b.ok for b in builds) and builds == reported


def test_lone_whole_save_does_not_wait_for_the_quiet_window(site: Path) -> None:
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake, debounce=2.0)
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    saved = fake()
    _save(watcher, profile, text.replace("I combine AI and education", "I combine AI and play"))()
    outcome = watcher.poll(timeout=0)  # written and closed: whole
    assert outcome is not None and outcome.ok and reported == [outcome]
    assert outcome.started == pytest.approx(saved + SETTLE)  # not the 2 s window
    assert "I combine AI and play" in (outcome.report.out / "en/index.html").read_text()

    # Renamed into place (an editor's atomic save): whole too.
    fake.advance(10)
    saved = fake()
    _atomic_save(profile, text.replace("I combine AI and education", "I combine AI and tea"))
    watcher.handle(_Events(site)(FileMovedEvent, "profile.yaml.tmp-save", "profile.yaml"))
    outcome = watcher.poll(timeout=0)
    assert outcome is not None and outcome.ok
    assert outcome.started == pytest.approx(saved + SETTLE)
    assert "I combine AI and tea" in (outcome.report.out / "en/index.html").read_text()


def test_half_done_or_two_file_saves_wait_for_the_quiet_window(site: Path) -> None:
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake, debounce=0.3)
    event = _Events(site)
    # Two files: a "save all" may have more coming.
    saved = fake()
    watcher.handle(event(FileClosedEvent, "profile.yaml"))
    watcher.handle(event(FileClosedEvent, "portfolio/ai-tutor.md"))
    outcome = watcher.poll(timeout=0)
    assert outcome is not None and outcome.started == pytest.approx(saved + 0.3)

    # An editor that moves the file away, then writes the new one: the first event alone
    # must not build (the profile is missing then), the whole save builds once, fine.
    fake.advance(10)
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    os.replace(profile, site / "profile.yaml~")
    watcher.handle(event(FileMovedEvent, "profile.yaml", "profile.yaml~"))
    written = fake() + 0.1
    fake.at(written, _save(watcher, profile, text.replace("AI and education", "AI and music")))
    attempts = _attempts(watcher, fake)
    assert _run(watcher, fake) == reported[1:]
    assert attempts == [(pytest.approx(written + SETTLE), True)]  # no build of the gap
    outcome = reported[-1]
    assert outcome.ok, outcome.error
    assert "AI and music" in (outcome.report.out / "en/index.html").read_text()


def test_failed_lone_save_waits_the_quiet_window_and_builds_again(site: Path) -> None:
    # An editor that writes a file in two goes, closing it in between: the first close
    # says "whole", the lone-save shortcut builds the half-written file and fails. That
    # failure is not reported; the rest of the save arrives, the whole window passes, and
    # the build after it is the one reported.
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake)
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8").replace("An AI tutor", "A patient AI tutor")
    half = text[:text.index("\n---\n") + 1]  # the front matter, not yet closed
    first, rest = fake(), fake() + SETTLE + 0.01
    fake.at(first, _save(watcher, item, half))
    fake.at(rest, _save(watcher, item, text))
    attempts = _attempts(watcher, fake)
    built = _run(watcher, fake)

    assert attempts == [(pytest.approx(first + SETTLE), False),  # the shortcut, unreported
                        (pytest.approx(rest + DEBOUNCE), True)]
    assert built == reported and len(reported) == 1
    assert reported[0].ok, reported[0].error
    assert "A patient AI tutor" in (
        reported[0].report.out / "en/portfolio/ai-tutor/index.html").read_text()


def test_failed_lone_save_that_stays_broken_is_reported_after_the_quiet_window(
        site: Path) -> None:
    # Nothing more comes: the build after the whole window fails too, and is reported —
    # once, with its located message. The window runs from the end of the failed build
    # (here 0.2 s long, longer than the window), not from the save.
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake)
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8")
    saved = fake()
    _save(watcher, item, text.replace("\n---\n", "\n", 1))()  # never closed
    attempts = _attempts(watcher, fake, takes=0.2)
    outcome = watcher.poll(timeout=0)

    assert attempts == [(pytest.approx(saved + SETTLE), False),
                        (pytest.approx(saved + SETTLE + 0.2 + DEBOUNCE), False)]
    assert outcome is not None and reported == [outcome] and not outcome.ok
    assert outcome.error.startswith(f"{_shown(item)}:1:1: front matter is not closed")
    assert outcome.changes == [classify(item.resolve(), watcher.folder, [], [])]


def _editor_save(watcher: Watcher, fake: FakeTime, path: Path, text: str, style: str,
                 gap: float) -> None:
    """Script one save as editors make it, its second half ``gap`` seconds after the first:
    "truncate+close" empties the file and closes it, then writes it in a second open;
    "truncate+write" empties it and writes it in one open, closed at the end;
    "move+temp" renames the original away, writes a temporary file, renames it in."""
    rel = path.resolve().relative_to(watcher.folder).as_posix()
    event = _Events(watcher.folder)
    start = fake()

    def first() -> None:
        if style == "move+temp":
            os.replace(path, path.with_name(path.name + "~"))
            watcher.handle(event(FileMovedEvent, rel, rel + "~"))
            return
        path.write_text("", encoding="utf-8")
        watcher.handle(event(FileModifiedEvent, rel))
        if style == "truncate+close":
            watcher.handle(event(FileClosedEvent, rel))

    def second() -> None:
        if style == "move+temp":
            _atomic_save(path, text)
            watcher.handle(event(FileCreatedEvent, rel + ".tmp-save"))
            watcher.handle(event(FileClosedEvent, rel + ".tmp-save"))
            watcher.handle(event(FileMovedEvent, rel + ".tmp-save", rel))
            return
        path.write_text(text, encoding="utf-8")
        watcher.handle(event(FileModifiedEvent, rel))
        watcher.handle(event(FileClosedEvent, rel))

    fake.at(start, first)
    fake.at(start + gap, second)


# (style, gap): the second half of the save within the quiet window after the build that
# failed on the first: that build comes SETTLE after a closed empty file (the lone-save
# shortcut), or DEBOUNCE after a file left mid-save (written but not closed, or gone).
EDITOR_SAVES = [(style, gap) for style in ("truncate+close", "truncate+write", "move+temp")
                for gap in (SETTLE / 2, SETTLE + 0.01, DEBOUNCE * 0.9)] + [
    ("truncate+write", DEBOUNCE * 1.5), ("move+temp", DEBOUNCE * 1.5)]


@pytest.mark.parametrize(("style", "gap"), EDITOR_SAVES)
def test_an_editor_rewriting_a_file_is_no_error(site: Path, style: str, gap: float) -> None:
    # However the editor saves, only the finished save is reported: no "front matter" or
    # "no portfolio item" error from the moment the file was empty or gone.
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake)
    item = site / "portfolio" / "ai-tutor.md"
    text = item.read_text(encoding="utf-8") + "\n丁寧に教えるAIチューターです。\n"
    _editor_save(watcher, fake, item, text, style, gap)
    attempts = _attempts(watcher, fake, takes=0.002)
    built = _run(watcher, fake)

    assert built == reported
    assert [o.error for o in reported if not o.ok] == []
    assert reported and reported[-1].ok
    assert "丁寧に教えるAIチューターです。" in (
        reported[-1].report.out / "portfolio/ai-tutor/index.html").read_text(encoding="utf-8")
    assert len(attempts) <= 2 * len(reported)  # a failed build is retried once, not more


def test_broken_file_left_mid_save_is_reported_once_confirmed(site: Path) -> None:
    # Written but never closed (or on a platform that reports no closes): the build after
    # the quiet window fails, is confirmed one window later, and reported once.
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake)
    item = site / "portfolio" / "ai-tutor.md"
    saved = fake()
    _save(watcher, item, "no front matter\n", close=False)()
    attempts = _attempts(watcher, fake, takes=0.2)
    outcome = watcher.poll(timeout=0)
    assert attempts == [(pytest.approx(saved + DEBOUNCE), False),
                        (pytest.approx(saved + DEBOUNCE + 0.2 + DEBOUNCE), False)]
    assert outcome is not None and reported == [outcome]
    assert outcome.error.startswith(f"{_shown(item)}:1:1: a portfolio item starts with front matter")


def test_failed_build_after_the_whole_window_is_reported_at_once(site: Path) -> None:
    # No shortcut taken (two files saved together): its failure is the user's to see.
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake)
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8")
    saved = fake()
    _save(watcher, item, text.replace("\n---\n", "\n", 1))()
    _save(watcher, site / "portfolio" / "ai-tutor.md",
          (site / "portfolio" / "ai-tutor.md").read_text(encoding="utf-8"))()
    attempts = _attempts(watcher, fake)
    outcome = watcher.poll(timeout=0)
    assert attempts == [(pytest.approx(saved + DEBOUNCE), False)]
    assert outcome is not None and reported == [outcome] and not outcome.ok


def test_stopping_ends_the_quiet_window_and_builds_nothing(site: Path) -> None:
    # Saves that never stop would keep poll gathering until max_wait, then building;
    # a stop (Ctrl-C, SIGTERM, the stop event) ends the wait where it is, and the batch
    # not yet built is dropped.
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake, debounce=0.25, max_wait=0.95)
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8")
    start = fake()
    for i in range(25):
        fake.at(start + i * 0.1, _save(watcher, item, text + f"\nEdit {i}.\n", close=False))
    fake.at(start + 0.35, watcher.wake)
    attempts = _attempts(watcher, fake)
    assert watcher.poll(timeout=60) is None
    assert fake() == pytest.approx(start + 0.35)  # on the fake clock: not a moment more
    assert watcher.poll(timeout=60) is None  # and no later poll builds either
    assert attempts == [] and reported == []


def test_setting_stop_wakes_the_run_loop(site: Path) -> None:
    # run() waits for a save with no timeout: only the stop event wakes it (a stopper
    # thread calls wake). The loop polls once — no time-out polling — and returns.
    import threading

    watcher = Watcher(site)
    stop = threading.Event()
    polling = threading.Event()
    polls = []
    real = watcher.poll

    def poll(timeout: float | None = None) -> Outcome | None:
        polls.append(timeout)
        polling.set()
        return real(timeout)

    watcher.poll = poll  # type: ignore[method-assign]
    loop = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    loop.start()
    assert polling.wait(60)
    stop.set()
    loop.join(60)  # only stops a hang; the assertion is that it returned at all
    assert not loop.is_alive()
    assert polls == [None]


def test_unused_file_does_not_build(site: Path) -> None:
    fake = FakeTime()
    watcher, reported = _fake_watcher(site, fake)
    watcher.handle(_Events(site)(FileModifiedEvent, "README.md"))
    assert watcher.poll(timeout=0) is None
    watcher.handle(_Events(site)(FileModifiedEvent, "portfolio/images/ai-tutor.svg"))
    assert watcher.poll(timeout=0) is not None  # an image a page shows
    assert len(reported) == 1


# --- with a real observer ------------------------------------------------------------


def _wait_for(watcher: Watcher, predicate, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    """Poll until a build matches ``predicate``. The timeout only stops a hang: it returns
    as soon as the build comes, and nothing here is about how long that took."""
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
