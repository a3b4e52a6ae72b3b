"""The name badge insert as a browser shows and prints it: true size, every text inside
its margin and clear of the others, the QR code read back, axe and the Nu checker clean.

Runs in Debian's headless Chromium (fixtures in conftest.py), as test_card_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from brandkit.render.card import badge
from tests.browser.test_card_browser import (
    BASE,
    PX_PER_MM,
    _assert_no_overlaps,
    _cards,
    _decode,
    _open_hires,
    _text,
)

pytestmark = pytest.mark.browser

MIXER = "2026-12-17-marunouchi-cross-industry-mixer-winter-n"
PAGES = [f"badge-{size}.html" for size in sorted(badge.SIZES)]


@pytest.fixture(scope="module")
def card_dir(built_example: Path) -> Path:
    return built_example.parent / "_card"


def _assert_inside_margin(card: dict[str, Any], size: badge.BadgeSize) -> None:
    width, height = card["width"] / PX_PER_MM, card["height"] / PX_PER_MM
    assert (width, height) == pytest.approx((size.width, size.height), abs=0.1)
    safe = size.safe * PX_PER_MM - 0.5  # half a CSS pixel for rounding
    assert len(card["boxes"]) >= 6  # reading, name, Latin name, keyword, ask, QR code
    for item in card["boxes"]:
        where = f"{item['cls']} {item['text']!r}"
        assert not item["overflow"], f"{where} overflows its box"
        for rect in (item["box"], _text(item)):
            assert rect["left"] >= safe and rect["top"] >= safe, f"{where} leaves the margin"
            assert card["width"] - rect["right"] >= safe, f"{where} leaves the margin"
            assert card["height"] - rect["bottom"] >= safe, f"{where} leaves the margin"


@pytest.mark.parametrize("name", PAGES)
def test_badge_is_true_size_and_nothing_overflows(card_dir: Path, page_checker: Any, name: str) -> None:
    size = badge.SIZES[name[len("badge-"):-len(".html")]]
    for folder in ("", f"events/{MIXER}/"):
        report = page_checker((card_dir / folder / name).as_uri())
        assert report.problems() == [], report.describe()
        (card,) = _cards(report, ".card.badge")
        _assert_inside_margin(card, size)
        _assert_no_overlaps(card)


@pytest.mark.parametrize("name", PAGES)
def test_printed_badge_is_one_page_at_the_holder_size(card_dir: Path, browser: Any, name: str) -> None:
    """A user's "Save as PDF": one page, the insert's size."""
    size = badge.SIZES[name[len("badge-"):-len(".html")]]
    context = browser.new_context()
    page = context.new_page()
    page.goto((card_dir / name).as_uri())
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert len(sizes) == 1
    width, height = (float(v) * 25.4 / 72 for v in sizes[0])
    # Chromium rounds the page to its own units: A7's 105 mm came out 105.16 mm.
    assert (width, height) == pytest.approx((size.width, size.height), abs=0.2)


@pytest.mark.parametrize("folder,url", [("", BASE), (f"events/{MIXER}/", f"{BASE}e/{MIXER}/")])
def test_badge_qr_decodes(card_dir: Path, browser: Any, folder: str, url: str) -> None:
    pytest.importorskip("zxingcpp")
    for name in PAGES:
        context, page = _open_hires(browser, card_dir / folder / name)
        try:
            assert _decode(page, ".card.badge") == url.encode()
        finally:
            context.close()


def test_badge_pages_pass_axe_and_the_html_checker(card_dir: Path, page_checker: Any) -> None:
    from tests.browser.gate import (
        describe_axe,
        missing_tools,
        require,
        run_axe,
        run_vnu,
    )

    require(missing_tools())
    for name in PAGES + ["index.html"]:
        report = page_checker((card_dir / name).as_uri())
        violations = run_axe(report.page)
        assert violations == [], "\n".join([name] + describe_axe(violations))
    messages = [m for m in run_vnu([card_dir / name for name in PAGES])
                if m.is_error or m.subtype == "warning"]
    assert messages == [], "\n".join(map(str, messages))
