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
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar
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
TABS = 6  # tabs PageChecker.each opens pages in, side by side
T = TypeVar("T")


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
    """What one page load did. The page stays open until the test ends (with
    ``PageChecker.each``, until ``inspect`` returns)."""

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


class _Tab:
    """A browser context with one tab, whose events go to the report of the page it
    shows now. External requests are recorded and aborted, so a page that phones home
    fails fast instead of hanging."""

    def __init__(self, browser: Browser, width: int, color_scheme: str, height: int | None):
        self.width, self.color_scheme = width, color_scheme
        self.context = browser.new_context(
            viewport={"width": width, "height": height or VIEWPORT_HEIGHTS.get(width, 800)},
            color_scheme=color_scheme,  # type: ignore[arg-type]
            service_workers="block",
        )
        self.page = self.context.new_page()
        self.report: PageReport | None = None
        self.aborted: set[str] = set()
        self.context.route("**/*", self._route)
        self.page.on("request", self._request)
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._now().page_errors.append(str(error)))
        self.page.on("dialog", self._dialog)

    def open(self, url: str) -> PageReport:
        """Load ``url`` (to its load event); from now on its events are its report's."""
        self.report = PageReport(url=url, page=self.page, width=self.width,
                                 color_scheme=self.color_scheme)
        self.aborted = set()
        self.page.goto(url, wait_until="load")
        return self.report

    def settle(self) -> None:
        """Wait for web fonts (layout is only final then) and for the network to be idle."""
        self.page.evaluate("document.fonts.ready.then(() => true)")
        self.page.wait_for_load_state("networkidle")

    def forget(self) -> None:
        """Leave nothing the page stored for the next page this tab opens."""
        self.page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); }"
                           " catch (e) {} }")
        self.context.clear_cookies()

    def _now(self) -> PageReport:
        assert self.report is not None
        return self.report

    def _route(self, route: Any) -> None:
        request_url = route.request.url
        if _is_local(request_url, _origin(self._now().url)):
            route.continue_()
        else:
            self.aborted.add(request_url)
            route.abort("blockedbyclient")

    def _request(self, request: Any) -> None:
        if not _is_local(request.url, _origin(self._now().url)):
            self._now().external_requests.append(request.url)

    def _request_failed(self, request: Any) -> None:
        if request.url not in self.aborted:  # already reported as external
            self._now().failed_requests.append(f"{request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self._now().failed_requests.append(f"{response.url} (HTTP {response.status})")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            if where:
                where = f" [{where}:{location.get('lineNumber', 0)}]"
            self._now().console_errors.append(f"{message.text}{where}")

    def _dialog(self, dialog: Any) -> None:
        # A page that calls alert() is a script that should not have run; note it and
        # dismiss it, or the page would wait for a click forever.
        self._now().dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


class PageChecker:
    """Opens pages in headless Chromium and records what went wrong (``PageReport``).

    ``checker(url, width=360, color_scheme="dark")`` opens one page in a fresh context;
    it stays open until the test ends. ``checker.each(urls, ...)`` checks many pages
    the same way, faster (see there).
    """

    def __init__(self, browser: Browser):
        self.browser = browser
        self.contexts: list[BrowserContext] = []

    def __call__(self, url: str, width: int = 1280, color_scheme: str = "light",
                 height: int | None = None) -> PageReport:
        tab = _Tab(self.browser, width, color_scheme, height)
        self.contexts.append(tab.context)
        report = tab.open(url)
        tab.settle()
        return report

    def each(self, urls: list[str], inspect: Callable[[PageReport], T], width: int = 1280,
             color_scheme: str = "light", height: int | None = None,
             tabs: int = TABS) -> list[T]:
        """Check ``urls`` as ``checker(url)`` checks one; ``inspect(report)`` runs while the
        page is open (it is gone afterwards). Returns what ``inspect`` returned, in order.

        A fresh context per page cost most of a check (a new renderer process each time),
        and each page's quiet half-second ("networkidle") came one after another. Here a
        few tabs, each in its own context, take the pages in turns: every tab loads its
        next page, then each page in turn settles and is inspected, then its tab clears
        what the page stored (local and session storage, cookies) before it opens another.
        """
        pool = [_Tab(self.browser, width, color_scheme, height)
                for _ in range(min(tabs, len(urls)))]
        found: list[T] = []
        try:
            for start in range(0, len(urls), len(pool)):
                turn = list(zip(pool, urls[start:start + len(pool)]))
                reports = [tab.open(url) for tab, url in turn]
                for (tab, _), report in zip(turn, reports):
                    tab.settle()
                    found.append(inspect(report))
                    tab.forget()
        finally:
            for tab in pool:
                tab.context.close()
        return found

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        self.contexts.clear()


@pytest.fixture
def page_checker(browser: Browser) -> Iterator[PageChecker]:
    """A ``PageChecker``; every context it opened is closed when the test ends."""
    checker = PageChecker(browser)
    yield checker
    checker.close()


@pytest.fixture(scope="session")
def session_page_checker(browser: Browser) -> Iterator[PageChecker]:
    """A ``PageChecker`` for session fixtures (``each`` closes what it opens itself)."""
    checker = PageChecker(browser)
    yield checker
    checker.close()


@dataclass
class Seen:
    """What a test may ask of a page checked by ``checked_pages``, kept after it closed."""

    described: str  # PageReport.describe()
    problems: list[str]  # PageReport.problems()
    lang: str | None


CheckedPages = Callable[..., dict[str, Seen]]


@pytest.fixture(scope="session")
def checked_pages(session_page_checker: PageChecker) -> CheckedPages:
    """``checked_pages(urls, width=1280, color_scheme="light")[url]``: those pages
    checked together (``PageChecker.each``) the first time a test asks, then remembered,
    so parametrized tests of one page each do not pay a fresh context apiece."""
    done: dict[tuple[tuple[str, ...], int, str], dict[str, Seen]] = {}

    def inspect(report: PageReport) -> Seen:
        return Seen(report.describe(), report.problems(), report.lang())

    def check(urls: list[str], width: int = 1280, color_scheme: str = "light") -> dict[str, Seen]:
        key = (tuple(urls), width, color_scheme)
        if key not in done:
            found = session_page_checker.each(list(urls), inspect, width=width,
                                              color_scheme=color_scheme)
            done[key] = dict(zip(urls, found))
        return done[key]

    return check


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
