"""What only a browser can show: the built home pages load cleanly at phone and desktop
widths in both colour schemes, and the harness itself can catch a broken page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# page_checker(url, width=..., color_scheme=...) -> conftest.PageReport
PageChecker = Callable[..., Any]
REPO_ROOT = Path(__file__).resolve().parents[2]

HOME_PAGES = [("index.html", "ja"), ("en/index.html", "en")]
SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("home", [page for page, _ in HOME_PAGES])
def test_home_page_loads_cleanly(
    built_example: Path, checked_pages: Any, home: str, width: int, color_scheme: str
) -> None:
    seen = _homes(built_example, checked_pages, width, color_scheme)[home]
    assert not seen.problems, f"{seen.described}:\n  " + "\n  ".join(seen.problems)


@pytest.mark.parametrize(("home", "lang"), HOME_PAGES)
def test_home_page_lang(built_example: Path, checked_pages: Any, home: str, lang: str) -> None:
    assert _homes(built_example, checked_pages, 1280, "light")[home].lang == lang


def _homes(out: Path, checked_pages: Any, width: int, color_scheme: str) -> dict[str, Any]:
    """Both home pages checked together at ``width`` and ``color_scheme``, by path."""
    urls = {home: (out / home).as_uri() for home, _ in HOME_PAGES}
    seen = checked_pages(list(urls.values()), width=width, color_scheme=color_scheme)
    return {home: seen[url] for home, url in urls.items()}


def test_home_screenshots(built_example: Path, page_checker: PageChecker) -> None:
    """Refresh the screenshots the README embeds (review them as a diff)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    home = (built_example / "index.html").as_uri()
    for name, width, height in [("home-phone", 360, 780), ("home-desktop", 1280, 800)]:
        report = page_checker(home, width=width, height=height, color_scheme="light")
        path = SCREENSHOTS / f"{name}.png"
        report.page.screenshot(path=str(path), full_page=False, animations="disabled")
        assert path.stat().st_size > 0


# --- the harness checks itself, without a build: each check must be able to fail.

BROKEN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>broken</title></head>
<body>
  <div style="width: 2000px; height: 10px">too wide</div>
  <img src="missing.png" alt="">
  <img src="http://example.invalid/tracker.png" alt="">
  <script>console.error("deliberate console error");</script>
  <script>setTimeout(() => { throw new Error("deliberate page error"); });</script>
</body></html>
"""

CLEAN_PAGE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>clean</title>
</head><body><p>こんにちは、世界。</p></body></html>
"""


@pytest.mark.parametrize("width", [360, 1280])
def test_harness_reports_broken_page(
    tmp_path: Path, page_checker: PageChecker, width: int
) -> None:
    page = tmp_path / "broken.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    report = page_checker(page.as_uri(), width=width, color_scheme="dark")

    assert any("deliberate console error" in m for m in report.console_errors)
    assert any("deliberate page error" in m for m in report.page_errors)
    assert any("missing.png" in m for m in report.failed_requests)
    assert report.external_requests == ["http://example.invalid/tracker.png"]
    assert report.horizontal_overflow()
    assert report.scroll_width() >= 2000
    assert any(p.startswith("horizontal overflow") for p in report.problems())


def test_harness_passes_clean_page(tmp_path: Path, page_checker: PageChecker) -> None:
    page = tmp_path / "clean.html"
    page.write_text(CLEAN_PAGE, encoding="utf-8")
    report = page_checker(page.as_uri(), width=360, color_scheme="light")

    assert report.problems() == []
    assert report.lang() == "ja"


# --- issue 16: layout a designer checks by eye, measured ------------------------------

SIDEBAR_FACTS = """() => {
  const card = document.querySelector('.sidebar');
  // scrollHeight, not the box: a card clipped to the window (max-height: 100vh) with a
  // hidden scrollbar "fits" by its box and is still cut off.
  return {position: getComputedStyle(card).position, height: card.scrollHeight,
          window: window.innerHeight};
}"""


def test_sidebar_card_fits_or_is_not_sticky(browser: Any) -> None:
    """The sticky profile card (835 px) was cut off at 1280×800 with no sign it scrolled:
    in a short window it must fit whole or scroll away with the page."""
    import gate

    home = (gate.example_build("sidebar") / "index.html").as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(home, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        short = page.evaluate(SIDEBAR_FACTS)
        assert short["position"] != "sticky" or short["height"] <= short["window"], short
        # A window tall enough for the card keeps it sticky; shrinking the window again
        # lets it go (the check runs on resize, not only on load).
        page.set_viewport_size({"width": 1280, "height": 1400})
        page.wait_for_function("getComputedStyle(document.querySelector('.sidebar')).position"
                               " === 'sticky'")
        page.set_viewport_size({"width": 1280, "height": 720})
        page.wait_for_function("getComputedStyle(document.querySelector('.sidebar')).position"
                               " !== 'sticky' || document.querySelector('.sidebar')"
                               ".scrollHeight <= innerHeight")
    finally:
        context.close()


ROW_FACTS = """(selector) => {
  const items = Array.from(document.querySelectorAll(selector + ' > li'));
  const list = document.querySelector(selector).getBoundingClientRect();
  return {count: items.length, tops: [...new Set(items.map(i => Math.round(i.getBoundingClientRect().top)))],
          height: list.height, item: items[0].getBoundingClientRect().height,
          width: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_phone_section_menu_is_one_row(browser: Any, built_example: Path, path: str) -> None:
    """On a 360 px phone the home page's section menu wrapped into three rows of
    underlined links; now it is one row that scrolls sideways, not the page."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    try:
        page = context.new_page()
        page.goto((built_example / path).as_uri(), wait_until="load")
        row = page.evaluate(ROW_FACTS, ".sections ul")
        assert row["count"] >= 4 and len(row["tops"]) == 1, row
        assert row["height"] < 2 * row["item"], row
        assert row["width"] <= 360, row  # the page itself never scrolls sideways
    finally:
        context.close()
