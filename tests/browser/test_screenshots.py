"""Screenshots the suite writes for people to look at: the business card's front and back
(the home page's phone and desktop shots, one of which the README shows, are written by
test_site_browser.py). They land in docs/screenshots/; review them as a diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gate
import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = gate.REPO_ROOT / "docs" / "screenshots"
# How a card page marks its two faces; the first page (in this order) that has both wins.
FACES = {"front": ".card.front, .card-front, [data-side='front']",
         "back": ".card.back, .card-back, [data-side='back']"}
CARD_PAGE_ORDER = ("index.html", "card.html")


def _card_pages(out: Path) -> list[gate.GatePage]:
    """The card's pages (in the private ``_card/`` folder), the overview first."""
    pages = [p for p in gate.discover_pages(out) if p.kind == "card"]
    rank = {name: i for i, name in enumerate(CARD_PAGE_ORDER)}
    return sorted(pages, key=lambda p: (rank.get(p.path, len(rank)), p.path))


def test_card_screenshots(browser: Any) -> None:
    out = gate.example_build("default")
    pages = _card_pages(out)
    assert pages, "the example build wrote no card pages (expected in _card/)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Twice the pixels: a 91 mm card is only ~344 CSS px wide.
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  device_scale_factor=2, color_scheme="light")
    try:
        for page in pages:
            tab = context.new_page()
            tab.goto(page.file.as_uri(), wait_until="load")
            tab.evaluate("document.fonts.ready.then(() => true)")
            faces = {side: tab.locator(selector).first for side, selector in FACES.items()}
            if all(face.count() for face in faces.values()):
                break
        else:
            pytest.fail(f"no card page shows both faces ({', '.join(FACES.values())}): "
                        f"{[str(p) for p in pages]}")
        for side, face in faces.items():
            file = SCREENSHOTS / f"card-{side}.png"
            face.screenshot(path=str(file), animations="disabled")
            box = face.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 100, f"{side} face: {box}"
            assert file.stat().st_size > 1000
    finally:
        context.close()
