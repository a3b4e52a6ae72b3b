"""The event kit in a real browser: the rehearsal page from file:// with a controlled
clock (Playwright's page.clock), and every kit page loading cleanly.

The clock is paused and stepped, so each assertion is about a known instant: the 3-2-1
countdown, the timer, the sentence highlighted at the estimated pace, the timer colours
at the slot's min / mid / max, the keys, wake lock, recording and calibration."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from brandkit.profile import load_site

pytestmark = pytest.mark.browser
PageChecker = Callable[..., Any]
EXAMPLE = Path(__file__).resolve().parents[2] / "example-site"
SLUGS = [event.slug for event in load_site(EXAMPLE).profile.events]

REHEARSE = ["rehearse/index.html", "en/rehearse/index.html"] + [
    f"events/{slug}/rehearse/index.html" for slug in SLUGS]
KIT_PAGES = REHEARSE + ["scripts/index.html", "en/scripts/index.html"] + [
    f"{prefix}{kind}" for slug in SLUGS for prefix in ("", "en/")
    for kind in (f"events/{slug}/index.html", f"events/{slug}/cards/index.html",
                 f"e/{slug}/index.html")]

# Counts wake-lock requests and gives the recorder a silent tone instead of a microphone.
STUBS = """
window.__wakeRequests = 0;
Object.defineProperty(navigator, "wakeLock", { configurable: true, value: {
  request: function () {
    window.__wakeRequests += 1;
    return Promise.resolve({ release: function () { return Promise.resolve(); },
                             addEventListener: function () {} });
  } } });
if (navigator.mediaDevices) {
  navigator.mediaDevices.getUserMedia = function () {
    var audio = new AudioContext();
    var tone = audio.createOscillator();
    var out = audio.createMediaStreamDestination();
    tone.connect(out);
    tone.start();
    return Promise.resolve(out.stream);
  };
}
"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", KIT_PAGES)
def test_kit_pages_load_cleanly(built_example: Path, checked_pages: Callable[..., Any],
                                path: str, width: int, color_scheme: str) -> None:
    if _skipped(path, width, color_scheme):
        pytest.skip("one dark desktop check is enough for the shared stylesheets")
    urls = [(built_example / page).as_uri() for page in KIT_PAGES
            if not _skipped(page, width, color_scheme)]
    by_url = checked_pages(urls, width=width, color_scheme=color_scheme)
    seen = by_url[(built_example / path).as_uri()]
    assert not seen.problems, f"{seen.described}:\n  " + "\n  ".join(seen.problems)


def _skipped(path: str, width: int, color_scheme: str) -> bool:
    return color_scheme == "dark" and width == 1280 and path not in REHEARSE[:1]


@pytest.fixture
def rehearse(browser: Any, built_example: Path) -> Iterator[Callable[..., Any]]:
    """Open a rehearsal page with a paused clock; returns the Playwright page."""
    contexts = []

    def open_page(path: str = "rehearse/index.html", width: int = 360, stubs: bool = False) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 780})
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.requests = []  # type: ignore[attr-defined]
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: page.requests.append(r.url))
        if stubs:
            page.add_init_script(STUBS)
        page.clock.install(time=0)
        page.goto((built_example / path).as_uri())
        page.clock.pause_at(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def state(page: Any) -> dict:
    """What the page shows at the clock's current time (frames lag by up to 16 ms)."""
    return page.evaluate("window.__brandkitRehearse.state()")


def shown(page: Any, selector: str, attribute: str | None = None) -> str | None:
    page.evaluate("window.__brandkitRehearse.tick()")
    return page.get_attribute(selector, attribute) if attribute else page.text_content(selector)


def test_loads_from_file_with_no_network_and_no_errors(rehearse: Callable[..., Any],
                                                      built_example: Path) -> None:
    for path in REHEARSE:
        page = rehearse(path)
        assert state(page)["phase"] == "idle"
        assert page.errors == []
        own = (built_example / path).as_uri()
        # One request: the page itself (its tab icon is a sibling file, also local).
        assert all(url.startswith("file://") for url in page.requests), page.requests
        assert page.requests[0] == own


def test_space_runs_the_countdown_then_the_timer(rehearse: Callable[..., Any]) -> None:
    page = rehearse()
    page.keyboard.press("Space")
    assert state(page)["phase"] == "countdown"
    assert shown(page, "#countdown") == "3" and page.is_visible("#countdown")
    page.clock.run_for(1000)
    assert shown(page, "#countdown") == "2"
    page.clock.run_for(1000)
    assert shown(page, "#countdown") == "1"
    assert state(page)["elapsed"] == 0  # the timer waits for "go"
    page.clock.run_for(1000)
    s = state(page)
    assert s["phase"] == "playing" and s["elapsed"] == pytest.approx(0, abs=0.02)
    assert page.is_hidden("#countdown")
    page.clock.run_for(2500)
    assert state(page)["elapsed"] == pytest.approx(2.5, abs=0.02)
    assert shown(page, "#timer") == "0:02.5"
    page.keyboard.press("Space")  # pause: the timer stops
    page.clock.run_for(5000)
    s = state(page)
    assert s["phase"] == "paused" and s["elapsed"] == pytest.approx(2.5, abs=0.02)
    page.keyboard.press("Space")  # resume without a countdown
    page.clock.run_for(1000)
    assert state(page)["elapsed"] == pytest.approx(3.5, abs=0.02)
    page.keyboard.press("r")
    assert state(page)["phase"] == "idle" and shown(page, "#timer") == "0:00.0"
    assert page.errors == []


def start(page: Any) -> None:
    page.keyboard.press("Space")
    page.clock.run_for(3000)


def current(page: Any) -> int:
    page.evaluate("window.__brandkitRehearse.tick()")
    return page.evaluate("""Array.from(document.querySelectorAll('.r-sentence'))
        .findIndex(e => e.classList.contains('is-current'))""")


def test_highlight_advances_at_the_estimated_pace(rehearse: Callable[..., Any]) -> None:
    page = rehearse()
    durations = state(page)["durations"]  # seconds per sentence at 300 characters/min
    assert len(durations) >= 3 and state(page)["key"] == "30s"
    # The first sentence of the 30 s script, まなびラボの山田花子です。 (the company said
    # without 株式会社): 13 characters at 300/min = 2.6 s.
    assert durations[0] == pytest.approx(2.6)
    start(page)
    assert current(page) == 0
    page.clock.run_for(int(durations[0] * 1000) - 100)
    assert current(page) == 0
    page.clock.run_for(200)
    assert current(page) == 1
    assert page.evaluate("document.getElementById('sentence-0').classList.contains('is-said')")
    page.clock.run_for(int(durations[1] * 1000))
    assert current(page) == 2
    # Twice the pace (→ ten times): the next sentence comes in half its estimated time.
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert state(page)["rate"] == pytest.approx(2.0)
    before = state(page)["progress"]
    page.clock.run_for(1000)
    assert state(page)["progress"] - before == pytest.approx(2.0, abs=0.05)
    # After the last sentence nothing is highlighted and every sentence is said.
    page.clock.run_for(30_000)
    assert current(page) == -1
    assert page.evaluate("document.querySelectorAll('.r-sentence:not(.is-said)').length") == 0


def test_timer_colours_at_min_mid_max(rehearse: Callable[..., Any]) -> None:
    page = rehearse()
    start(page)  # the 30 s script: green at 20 s, yellow at 25 s, red at 30 s
    colours = {}
    for at, expected in [(19_900, "under"), (20_100, "green"), (24_900, "green"),
                         (25_100, "yellow"), (29_900, "yellow"), (30_100, "red")]:
        page.clock.run_for(at - int(state(page)["elapsed"] * 1000 + 0.5))
        assert shown(page, "#timer", "data-state") == expected, at
        colours[expected] = page.eval_on_selector("#timer", "e => getComputedStyle(e).backgroundColor")
    assert len(set(colours.values())) == 4  # each state looks different
    assert colours["green"] == "rgb(26, 127, 55)" and colours["red"] == "rgb(179, 38, 30)"
    assert shown(page, "#timer-state") == "時間です"
    # A shorter slot has its own thresholds: 15 s → green at 10 s.
    page.keyboard.press("2")
    assert state(page)["key"] == "15s"
    start(page)
    page.clock.run_for(10_100)
    assert shown(page, "#timer", "data-state") == "green"


def test_mirror_and_font_keys(rehearse: Callable[..., Any]) -> None:
    page = rehearse(width=1280)
    size = lambda: page.eval_on_selector("#script-text", "e => parseFloat(getComputedStyle(e).fontSize)")
    before = size()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert size() == pytest.approx(before * 2.0 / 1.6, rel=0.01)
    page.keyboard.press("ArrowDown")
    assert size() == pytest.approx(before * 1.8 / 1.6, rel=0.01)
    assert page.evaluate("localStorage.getItem('brandkit.font')") == "1.8"
    transform = lambda: page.eval_on_selector("#script-text", "e => getComputedStyle(e).transform")
    assert transform() == "none"
    page.keyboard.press("m")
    assert transform() == "matrix(-1, 0, 0, 1, 0, 0)"
    assert page.get_attribute("#btn-mirror", "aria-pressed") == "true"
    page.keyboard.press("M")
    assert transform() == "none"
    # Number keys choose the script length; buttons do the same on a touch screen.
    page.keyboard.press("5")
    assert state(page)["key"] == "3min"
    page.click("[data-script='0']")
    assert state(page)["key"] == "keyword"
    page.click("[data-action='mirror']")
    assert transform() == "matrix(-1, 0, 0, 1, 0, 0)"
    page.keyboard.press("f")  # headless has no full screen: a message, never an error
    assert page.errors == []


def test_wake_lock_is_taken_again_when_the_tab_returns(rehearse: Callable[..., Any]) -> None:
    page = rehearse(stubs=True)
    start(page)
    page.evaluate("Promise.resolve()")
    assert page.evaluate("window.__wakeRequests") == 1
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert page.evaluate("window.__wakeRequests") == 2
    page.keyboard.press("Space")  # paused: coming back does not keep the screen on
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert page.evaluate("window.__wakeRequests") == 2


def test_recording_stays_on_the_device(rehearse: Callable[..., Any]) -> None:
    page = rehearse(stubs=True)
    page.click("#btn-record")
    assert page.get_attribute("#btn-record", "aria-pressed") == "true"
    start(page)
    page.wait_for_function("document.getElementById('status').textContent.length > 0")
    page.clock.run_for(1000)
    page.keyboard.press("Space")
    page.wait_for_selector("#take:not([hidden])", timeout=5000)
    assert page.get_attribute("#take-audio", "src").startswith("blob:")  # blob:null/… from file://
    assert page.get_attribute("#take-save", "href").startswith("blob:")
    assert not [url for url in page.requests if not url.startswith(("file:", "blob:", "data:"))]
    assert page.errors == []


def test_read_aloud_only_with_a_local_voice(rehearse: Callable[..., Any]) -> None:
    page = rehearse()
    has_voice = page.evaluate("""speechSynthesis.getVoices().some(
        v => v.localService && v.lang.toLowerCase().startsWith('ja'))""")
    assert page.is_hidden("#btn-voice") != has_voice


def test_calibration_sets_a_personal_pace(rehearse: Callable[..., Any]) -> None:
    page = rehearse()
    total = state(page)["total"]  # the 30 s script at 300 characters/min
    page.click("#btn-calibrate")
    assert page.evaluate("document.body.classList.contains('is-calibrating')")
    start(page)
    page.clock.run_for(int(total * 1000 * 1.25))  # read 25 % slower than the standard
    assert current(page) == -1  # no highlight while measuring: it would set the pace
    page.keyboard.press("Space")
    s = state(page)
    assert s["pace"]["ja"] == pytest.approx(300 / 1.25, abs=3)
    assert page.evaluate("localStorage.getItem('brandkit.pace.ja')") == str(s["pace"]["ja"])
    assert s["total"] == pytest.approx(total * 1.25, rel=0.02)  # estimates use it
    assert "1分" in page.text_content("#pace") and page.is_visible("#btn-reset-pace")
    # A new visit keeps the pace; "back to standard" forgets it.
    page.reload()
    assert state(page)["pace"]["ja"] == s["pace"]["ja"]
    page.click("#btn-reset-pace")
    assert state(page)["pace"]["ja"] == 300
    assert page.evaluate("localStorage.getItem('brandkit.pace.ja')") is None


def test_print_sizes_of_the_cue_cards(browser: Any, built_example: Path) -> None:
    """The pocket card prints at 91×55 mm and the cue cards at 3×5 in (CSS @page)."""
    import re

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((built_example / f"events/{SLUGS[0]}/cards/index.html").as_uri())
        pdf = page.pdf(prefer_css_page_size=True)
    finally:
        context.close()
    boxes = [tuple(round(float(v)) for v in box.split()[2:]) for box in
             re.findall(rb"/MediaBox \[([^\]]+)\]", pdf) for box in [box.decode()]]
    assert boxes[0] == (258, 156)  # 91 × 55 mm in points
    assert set(boxes[1:]) == {(360, 216)}  # 5 × 3 in
    assert len(boxes) >= 4  # the pocket card, then the 30 s, 60 s and 3 min scripts


@pytest.mark.parametrize("lang", ["", "en/"])
def test_phone_kit_tabs_are_one_row(browser: Any, built_example: Path, lang: str) -> None:
    """The event prep page's tab pills wrapped into four rows on a phone; now one row that
    scrolls sideways (heights measured, every pill on the same line)."""
    from test_site_browser import ROW_FACTS

    slug = min(p.name for p in (built_example / "events").iterdir() if p.is_dir())
    context = browser.new_context(viewport={"width": 360, "height": 780})
    try:
        page = context.new_page()
        page.goto((built_example / f"{lang}events/{slug}/index.html").as_uri(), wait_until="load")
        row = page.evaluate(ROW_FACTS, ".kit-nav ul")
        assert row["count"] >= 5 and len(row["tops"]) == 1, row
        assert row["height"] < 1.5 * row["item"] + 8, row
        assert row["width"] <= 360, row
        # The last tab is reachable by scrolling the row itself.
        page.locator(".kit-nav li").last.scroll_into_view_if_needed()
        last = page.locator(".kit-nav li").last.bounding_box()
        assert last and last["x"] + last["width"] <= 360 + 1, last
    finally:
        context.close()


def test_rehearsal_on_a_phone_shows_no_key_hints(browser: Any, built_example: Path) -> None:
    """A touch phone gets no keyboard hints, no raw CSS unit and a tap-worded prompt."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True,
                                  is_mobile=True)
    try:
        page = context.new_page()
        page.goto((built_example / "rehearse/index.html").as_uri(), wait_until="load")
        visible_kbd = page.evaluate("""Array.from(document.querySelectorAll('kbd'))
            .filter(k => k.getClientRects().length > 0).length""")
        assert visible_kbd == 0
        assert not page.locator(".r-keys").is_visible()
        assert page.locator("#font-value").inner_text() == "100%"
        status = page.locator("#status").inner_text()
        assert "スペース" not in status and "「開始」" in status, status
        page.locator("[data-action=larger]").click()
        font = page.evaluate("window.__brandkitRehearse.state().font")
        assert font > 1.6 and page.locator("#font-value").inner_text() == f"{int(font / 1.6 * 100 + 0.5)}%"  # JS rounds half up
    finally:
        context.close()
