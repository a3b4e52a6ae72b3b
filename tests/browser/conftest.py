"""Fixtures for real-browser tests: Debian's headless Chromium driven by Playwright.

Browser tests skip when Chromium or Playwright is missing, except in CI (or with
BRANDKIT_REQUIRE_BROWSER=1), where a missing browser is a failure: the checks here are
the only ones that see what a reader's browser sees.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SITE = REPO_ROOT / "example-site"
CHROMIUM = Path(os.environ.get("BRANDKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# 2026-01-01T00:00:00Z: a fixed build date so built pages are reproducible.
SOURCE_DATE_EPOCH = "1767225600"
VIEWPORT_HEIGHTS = {360: 780, 1280: 800}


def browser_required() -> bool:
    return (
        os.environ.get("BRANDKIT_REQUIRE_BROWSER") == "1"
        or os.environ.get("CI", "").lower() in {"true", "1"}
    )


def _unavailable(reason: str) -> NoReturn:
    if browser_required():
        pytest.fail(
            f"{reason}. Browser tests are required here (CI=true or "
            "BRANDKIT_REQUIRE_BROWSER=1); run `bash scripts/test`, which installs them.",
            pytrace=False,
        )
    pytest.skip(f"{reason} (run `bash scripts/test` to install it)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Python package `playwright` is not installed")
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (Debian package `chromium`)")

    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except PlaywrightError as error:
            # Chromium is there but will not start: a real problem, never a skip.
            pytest.fail(f"could not launch {CHROMIUM}: {error}", pytrace=False)
        try:
            yield launched
        finally:
            launched.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _is_local(url: str, page_origin: str) -> bool:
    # data:/blob:/about: never leave the machine; everything else must be the page's own.
    scheme = urlsplit(url).scheme
    if scheme in {"file", "data", "blob", "about"}:
        return True
    return _origin(url) == page_origin


@dataclass
class PageReport:
    """What one page load did. The page stays open until the test ends."""

    url: str
    page: Page
    width: int
    color_scheme: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt: none expected

    def scroll_width(self) -> int:
        return int(self.page.evaluate("document.documentElement.scrollWidth"))

    def horizontal_overflow(self) -> bool:
        return bool(
            self.page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        )

    def lang(self) -> str | None:
        return self.page.evaluate("document.documentElement.getAttribute('lang')")

    def problems(self) -> list[str]:
        """Every problem found, as plain lines (empty when the page is clean)."""
        found = [f"console error: {m}" for m in self.console_errors]
        found += [f"page error: {m}" for m in self.page_errors]
        found += [f"failed request: {m}" for m in self.failed_requests]
        found += [f"external request: {m}" for m in self.external_requests]
        found += [f"dialog opened: {m}" for m in self.dialogs]
        if self.horizontal_overflow():
            found.append(
                f"horizontal overflow: scrollWidth {self.scroll_width()}px "
                f"> viewport {self.width}px"
            )
        return found

    def describe(self) -> str:
        return f"{self.url} at {self.width}px, {self.color_scheme} scheme"


PageChecker = Callable[..., PageReport]


@pytest.fixture
def page_checker(browser: Browser) -> Iterator[PageChecker]:
    """Open a URL in a fresh context and record what went wrong.

    Call as ``page_checker(url, width=360, color_scheme="dark")``. External requests are
    recorded and aborted, so a page that phones home fails fast instead of hanging.
    """
    contexts: list[BrowserContext] = []

    def check(
        url: str, width: int = 1280, color_scheme: str = "light", height: int | None = None
    ) -> PageReport:
        context = browser.new_context(
            viewport={"width": width, "height": height or VIEWPORT_HEIGHTS.get(width, 800)},
            color_scheme=color_scheme,  # type: ignore[arg-type]
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        report = PageReport(url=url, page=page, width=width, color_scheme=color_scheme)
        page_origin = _origin(url)
        aborted: set[str] = set()

        def on_route(route: Any) -> None:
            request_url = route.request.url
            if _is_local(request_url, page_origin):
                route.continue_()
            else:
                aborted.add(request_url)
                route.abort("blockedbyclient")

        def on_request(request: Any) -> None:
            if not _is_local(request.url, page_origin):
                report.external_requests.append(request.url)

        def on_request_failed(request: Any) -> None:
            if request.url not in aborted:  # already reported as external
                report.failed_requests.append(f"{request.url} ({request.failure})")

        def on_response(response: Any) -> None:
            if response.status >= 400:
                report.failed_requests.append(f"{response.url} (HTTP {response.status})")

        def on_console(message: Any) -> None:
            if message.type == "error":
                location = message.location or {}
                where = location.get("url", "")
                if where:
                    where = f" [{where}:{location.get('lineNumber', 0)}]"
                report.console_errors.append(f"{message.text}{where}")

        context.route("**/*", on_route)
        page.on("request", on_request)
        page.on("requestfailed", on_request_failed)
        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda error: report.page_errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            # A page that calls alert() is a script that should not have run; note it and
            # dismiss it, or the page would wait for a click forever.
            report.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        page.goto(url, wait_until="load")
        # Layout is only final once web fonts (if any) have loaded.
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        return report

    yield check
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a copy of example-site once (fixed build date); return its ``_site`` folder."""
    if not (EXAMPLE_SITE / "profile.yaml").is_file():
        pytest.fail(f"{EXAMPLE_SITE / 'profile.yaml'} not found", pytrace=False)
    site = tmp_path_factory.mktemp("built") / "example-site"
    # The copy keeps the repo clean; drop any stale output that came along with it.
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("_site"))

    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "brandkit", "build", str(site)],
        cwd=site.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        pytest.fail(
            f"`brandkit build` exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}",
            pytrace=False,
        )
    output = site / "_site"
    if not (output / "index.html").is_file():
        pytest.fail(f"build succeeded but {output / 'index.html'} is missing", pytrace=False)
    return output
