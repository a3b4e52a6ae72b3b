"""brandkit serve in a real browser: a save reloads the open tab, a stylesheet is swapped
without a reload, and a bad save shows its located error over the page until fixed."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 10_000


@pytest.fixture
def served_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    from brandkit.serve import serve

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    site = tmp_path / "site"
    shutil.copytree(REPO_ROOT / "example-site", site, ignore=shutil.ignore_patterns("_site"))
    ready = threading.Event()
    urls: list[str] = []
    stop = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=serve, args=(site,), daemon=True, kwargs={
        "port": 0, "debounce": 0.02, "on_ready": on_ready, "stop": stop})
    thread.start()
    assert ready.wait(30), "serve did not start"
    try:
        yield site, urls[0]
    finally:
        stop.set()
        thread.join(10)


def _save(path: Path, text: str) -> None:
    """An editor's atomic save: write a temporary file, rename it over the original."""
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_save_reloads_open_tab_and_errors_show_as_overlay(browser: Any, served_site: tuple[Path, str]) -> None:
    site, url = served_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "en/")
        assert "I combine AI and education" in page.inner_text(".hero-identity")
        page.evaluate("window.__stayed = true")  # gone once the page reloads

        profile = site / "profile.yaml"
        good = profile.read_text(encoding="utf-8")
        _save(profile, good.replace("I combine AI and education", "I combine AI and curiosity"))
        page.wait_for_function(
            "document.querySelector('.hero-identity')?.innerText.includes('curiosity')",
            timeout=TIMEOUT_MS)
        assert page.evaluate("window.__stayed") is None

        # A bad save: the page stays, with the located error over it.
        _save(profile, good.replace("lang: [ja, en]", "lang: [ja, en"))
        overlay = page.locator("#brandkit-error")
        overlay.wait_for(state="visible", timeout=TIMEOUT_MS)
        text = overlay.inner_text()
        assert "profile.yaml:" in text and "is never closed" in text
        line_col = text.split("profile.yaml:", 1)[1].split(":")[:2]
        assert all(part.isdigit() for part in line_col), text  # file:line:col
        assert overlay.get_attribute("role") == "alert"

        # The next good save removes it.
        _save(profile, good)
        overlay.wait_for(state="detached", timeout=TIMEOUT_MS)
        page.wait_for_function(
            "document.querySelector('.hero-identity')?.innerText.includes('education')",
            timeout=TIMEOUT_MS)
    finally:
        context.close()


def test_stylesheet_change_swaps_without_reload(browser: Any, served_site: tuple[Path, str]) -> None:
    site, url = served_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.evaluate("window.__stayed = true")
        css = (REPO_ROOT / "themes" / "default" / "assets" / "style.css").read_text(encoding="utf-8")
        _save(site / "assets" / "style.css", css + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
        page.wait_for_function("getComputedStyle(document.body).outlineWidth === '7px'",
                               timeout=TIMEOUT_MS)
        assert page.evaluate("window.__stayed") is True  # swapped in place, no reload
    finally:
        context.close()
