"""The exchange kit in Chromium: "show my QR" keeps working offline and every code reads
back (zxing-cpp, from 360 px-wide screenshots) to exactly its address; it keeps the screen
on and moves on by key, tap and swipe; the English page's *Save contact* saves the English
vCard; the signature's copy button puts rich HTML and plain text on the clipboard.

The site is served over HTTP under a sub-path (tests/browser/gate.py), in a context of its
own with service workers allowed (the gate's contexts block them).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gate
import pytest

pytestmark = pytest.mark.browser

BASE = "https://hanako-yamada.github.io/"


@pytest.fixture(scope="module")
def server(built_example: Path) -> Iterator[gate.SiteServer]:
    with gate.SiteServer(built_example, "/example/") as running:
        yield running


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    made = browser.new_context(viewport={"width": 360, "height": 780},
                               service_workers="allow", accept_downloads=True)
    try:
        yield made
    finally:
        made.close()


def _expected(built: Path, prefix: str) -> list[str]:
    from public_scan import qr_codes

    return qr_codes((built / prefix / "qr" / "index.html").read_text(encoding="utf-8"))


def _decode_shown(page: Any) -> list[str]:
    import zxingcpp
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot()))
    assert shot.width == 360
    return [result.text for result in zxingcpp.read_barcodes(shot)]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_offline_every_code_shows_and_reads_back(server: gate.SiteServer, context: Any,
                                                 built_example: Path, prefix: str) -> None:
    sys_path_hostile()
    expected = _expected(built_example, prefix)
    assert len(expected) == 7  # site, next event, five links
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url(prefix + "qr/index.html"), wait_until="load")
    # The worker installs (caching the page, its CSS and JS) and takes the page over.
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller",
                           timeout=15_000)
    context.set_offline(True)
    try:
        page.reload(wait_until="load")
        assert page.evaluate("navigator.onLine") is False
        # Styled from the cache: one code at a time, black on white.
        assert page.locator(".qr-code:not([hidden])").count() == 1
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        seen = []
        for _ in expected:
            seen += _decode_shown(page)
            page.keyboard.press("ArrowRight")
        assert seen == expected
        assert page.evaluate("location.hash") == "#code-1"  # round the end, back to the first
    finally:
        context.set_offline(False)
    assert not errors


def sys_path_hostile() -> None:
    import sys

    folder = str(Path(__file__).resolve().parents[1] / "hostile")
    if folder not in sys.path:
        sys.path.insert(0, folder)


def test_tap_swipe_and_keys_move_between_codes(server: gate.SiteServer, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True,
                                  service_workers="block", color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(server.url("en/qr/index.html"), wait_until="load")
        shown = lambda: page.evaluate(
            "[...document.querySelectorAll('.qr-code')].findIndex(c => !c.hidden)")
        assert shown() == 0
        # The dark scheme changes nothing: the code stays black on white.
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        page.locator(".qr-code:not([hidden]) .qr-box").click()  # a tap: the next code
        assert shown() == 1
        page.keyboard.press("ArrowLeft")
        assert shown() == 0
        page.keyboard.press("End")
        assert shown() == 6
        page.locator(".qr-prev").click()
        assert shown() == 5
        box = page.locator(".qr-codes").bounding_box()
        y = box["y"] + 100
        for x_from, x_to, then in ((300, 60, 6), (60, 300, 5)):  # swipe left, then right
            page.mouse.move(x_from, y)
            page.mouse.down()
            page.mouse.move(x_to, y, steps=5)
            page.mouse.up()
            assert shown() == then
        other = context.new_page()
        other.goto(server.url("en/qr/index.html") + "#code-3", wait_until="load")
        page = other
        assert shown() == 2  # a link to one code opens on it
    finally:
        context.close()


WAKE_LOCK_SPY = """
window.__locks = 0;
Object.defineProperty(navigator, 'wakeLock', {value: {request: (kind) => {
  window.__locks += 1; return Promise.resolve({type: kind, released: false,
  release: () => Promise.resolve(), addEventListener: () => {}});
}}});
"""


def test_the_screen_stays_on_and_is_asked_again(server: gate.SiteServer, browser: Any) -> None:
    context = browser.new_context(service_workers="block")
    try:
        context.add_init_script(WAKE_LOCK_SPY)
        page = context.new_page()
        page.goto(server.url("qr/index.html"), wait_until="load")
        page.wait_for_function("window.__locks === 1")
        # The browser drops the lock when the page is hidden; shown again, it asks again.
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        page.wait_for_function("window.__locks === 2")
    finally:
        context.close()


def test_save_contact_on_the_english_page_saves_the_english_vcard(
        server: gate.SiteServer, context: Any, built_example: Path) -> None:
    import vobject

    page = context.new_page()
    page.goto(server.url("en/index.html"), wait_until="load")
    with page.expect_download() as caught:
        page.locator(".hero-actions a[type='text/vcard']").click()
    download = caught.value
    data = Path(download.path()).read_bytes()
    assert data == (built_example / "en" / "contact.vcf").read_bytes()
    card = vobject.readOne(data.decode("utf-8"))
    assert card.fn.value == "Hanako Yamada" and card.org.value == ["Manabi Lab Inc."]
    assert download.suggested_filename == "hanako-yamada.vcf"
    assert "photo" in card.contents


def test_the_signature_copies_as_rich_html_and_plain_text(
        server: gate.SiteServer, browser: Any, built_example: Path) -> None:
    origin = re.match(r"https?://[^/]+", server.base).group(0)
    context = browser.new_context(service_workers="block")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page = context.new_page()
        page.goto(server.url("en/scripts/index.html"), wait_until="load")
        page.locator(".signature-preview + .copy-button").click()
        page.wait_for_function("document.querySelector('.signature-preview + .copy-button')"
                               ".textContent === 'Copied'")
        copied = page.evaluate("""async () => {
          const items = await navigator.clipboard.read();
          const out = {};
          for (const type of items[0].types) out[type] = await (await items[0].getType(type)).text();
          return out;
        }""")
        text = (built_example / "en" / "scripts" / "signature.txt").read_text(encoding="utf-8")
        assert copied["text/plain"] == text
        html = copied["text/html"]
        assert "Hanako Yamada" in html and 'href="https://hanako-yamada.github.io/en/"' in html
        assert "color:#0b6e6e" in html.replace(" ", "") or "color: rgb(11, 110, 110)" in html
    finally:
        context.close()
