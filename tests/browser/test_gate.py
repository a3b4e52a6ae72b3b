"""The quality gate: every page the example site produces — found in the build, not listed
here, so card and event-kit pages are gated as soon as they exist — in both themes, at
360 px and 1280 px, light and dark:

* axe-core, injected into the page: no violations (all of its default rules);
* no console error, no failed request, no request to another host, no horizontal scroll;
* the Nu HTML Checker (one Java process for every file): no errors;
* the head says what the page is: title, lang, viewport; public pages indexable, with a
  description and canonical address listed in the sitemap; prep pages noindex and unlisted.

The site is served over HTTP under a sub-path, as GitHub project pages serve it, so a
root-absolute link shows up as a failed request. A test per page, width and scheme; the
pages of one theme, width and scheme are loaded together (``PageChecker.each``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gate
import pytest

pytestmark = pytest.mark.browser

PageChecker = Callable[..., Any]
THEMES = ("default", "sidebar")
CASES = [(theme, page) for theme in THEMES
         for page in gate.discover_pages(gate.example_build(theme))]
CASE_IDS = [f"{theme}:{page}" for theme, page in CASES]


@pytest.fixture(scope="session")
def gate_servers() -> Iterator[dict[str, gate.SiteServer]]:
    """Each theme's build served at http://127.0.0.1:<port>/example/."""
    gate.require(gate.missing_tools())
    servers = {theme: gate.SiteServer(gate.example_build(theme), "/example/").__enter__()
               for theme in THEMES}
    try:
        yield servers
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)


def test_gate_sees_every_kind_of_page() -> None:
    """Discovery works: the pages the core always writes are all in the list."""
    for theme in THEMES:
        paths = {page.path for t, page in CASES if t == theme}
        assert {"index.html", "en/index.html", "404.html",
                "portfolio/ai-tutor/index.html", "en/portfolio/ai-tutor/index.html"} <= paths
        kinds = {page.kind for t, page in CASES if t == theme}
        assert {"home", "portfolio", "404"} <= kinds


@dataclass
class Checked:
    """One page at one width and scheme, as the browser saw it."""

    described: str
    problems: list[str]  # PageReport.problems()
    violations: list[dict[str, Any]]  # axe-core's


@pytest.fixture(scope="session")
def checked(gate_servers: dict[str, gate.SiteServer], session_page_checker: Any
            ) -> Callable[[str, int, str], dict[gate.GatePage, Checked]]:
    """``checked(theme, width, scheme)``: every page of that theme's build at that width
    and scheme, checked together (``PageChecker.each``) when a test first asks for one."""
    done: dict[tuple[str, int, str], dict[gate.GatePage, Checked]] = {}

    def inspect(report: Any) -> Checked:
        return Checked(report.describe(), report.problems(), gate.run_axe(report.page))

    def pages_of(theme: str, width: int, scheme: str) -> dict[gate.GatePage, Checked]:
        if (theme, width, scheme) not in done:
            pages = [page for t, page in CASES if t == theme]
            # Published pages over HTTP under a sub-path; the private card from disk, as
            # its owner opens it to print.
            urls = [gate_servers[theme].url(page.path) if page.published else page.file.as_uri()
                    for page in pages]
            found = session_page_checker.each(urls, inspect, width=width, color_scheme=scheme)
            done[theme, width, scheme] = dict(zip(pages, found))
        return done[theme, width, scheme]

    return pages_of


@pytest.mark.parametrize("scheme", gate.SCHEMES)
@pytest.mark.parametrize("width", gate.WIDTHS)
@pytest.mark.parametrize(("theme", "page"), CASES, ids=CASE_IDS)
def test_page_in_browser(checked: Callable[[str, int, str], dict[gate.GatePage, Checked]],
                         theme: str, page: gate.GatePage, width: int, scheme: str) -> None:
    result = checked(theme, width, scheme)[page]
    gate.record("axe_violations", f"{theme}:{page}@{width}/{scheme}", len(result.violations))
    problems = result.problems + gate.describe_axe(result.violations)
    assert not problems, f"{theme} theme, {result.described}:\n  " + "\n  ".join(problems)


def test_missing_address_gets_the_404_page(gate_servers: dict[str, gate.SiteServer],
                                           page_checker: PageChecker) -> None:
    """GitHub Pages answers any unknown address, at any depth, with 404.html: its styles
    and icon must not depend on where it is shown."""
    server = gate_servers["default"]
    report = page_checker(server.base + "no/such/page/here/", width=360)
    # The document itself is a 404 by design; everything it loads must succeed.
    problems = [p for p in report.problems()
                if not p.startswith(f"failed request: {report.url} (HTTP 404)")
                and not (p.startswith("console error: Failed to load resource")
                         and report.url in p)]
    assert not problems, "\n".join(problems)
    assert report.page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    assert report.page.locator("h1").count() == 1


# --- the Nu HTML Checker: one run for every file of both builds --------------------------

@pytest.fixture(scope="session")
def vnu_messages() -> list[gate.VnuMessage]:
    gate.require(gate.missing_tools())
    files = [page.file for _, page in CASES]
    for theme in THEMES:
        for folder in {page.root for t, page in CASES if t == theme}:
            files += sorted(p for ext in ("css", "svg") for p in folder.rglob(f"*.{ext}"))
    messages = gate.run_vnu(files)
    gate.record("vnu", "files_checked", len(files))
    gate.record("vnu", "errors", sum(m.is_error for m in messages))
    gate.record("vnu", "warnings", sum(not m.is_error for m in messages))
    return messages


@pytest.mark.parametrize(("theme", "page"), CASES, ids=CASE_IDS)
def test_page_is_valid_html(vnu_messages: list[gate.VnuMessage], theme: str,
                            page: gate.GatePage) -> None:
    file = page.file.resolve()
    errors = [str(m) for m in vnu_messages if m.file == file and m.is_error]
    assert not errors, f"{theme}:{page}:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("theme", THEMES)
def test_styles_and_images_are_valid(vnu_messages: list[gate.VnuMessage], theme: str) -> None:
    roots = {page.root.resolve() for t, page in CASES if t == theme}
    errors = [str(m) for m in vnu_messages if m.is_error and m.file.suffix in (".css", ".svg")
              and any(root in m.file.parents for root in roots)]
    assert not errors, "\n".join(errors)


def test_vnu_read_every_file(vnu_messages: list[gate.VnuMessage]) -> None:
    """A file vnu could not read or parse is a "non-document error", not a page error:
    none may occur, or a page could pass unchecked. (That vnu finds real errors is shown
    in test_gate_catches.py.)"""
    assert not [str(m) for m in vnu_messages if m.type == "non-document-error"]


# --- what each page says about itself (SEO), from the built files -----------------------

def _public_url(out: Path, path: str) -> str | None:
    base = gate.head_facts(out / "index.html").link("canonical")
    if not base:
        return None
    return base + (path[: -len("index.html")] if path.endswith("index.html") else path)


@pytest.mark.parametrize(("theme", "page"), CASES, ids=CASE_IDS)
def test_page_head(theme: str, page: gate.GatePage) -> None:
    facts = gate.head_facts(page.file)
    listed = gate.sitemap_urls(page.root) if page.published else set()
    url = _public_url(page.root, page.path) if page.published else None
    problems = []
    if not facts.lang:
        problems.append("<html> has no lang")
    if not facts.title.strip():
        problems.append("no <title>")
    if "width=device-width" not in facts.meta.get("viewport", ""):
        problems.append("no responsive viewport meta")
    if facts.meta.get("charset", "").lower() != "utf-8":
        problems.append("no <meta charset=utf-8>")
    if page.index == "public":
        if facts.noindex:
            problems.append("a public page says noindex")
        if not facts.meta.get("description", "").strip():
            problems.append("no meta description")
        canonical = facts.link("canonical")
        if canonical != url:
            problems.append(f"canonical {canonical!r}, expected {url!r}")
        if url not in listed:
            problems.append(f"{url} is not in sitemap.xml")
    elif page.index == "noindex":
        if not facts.noindex:
            problems.append(f"a {page.kind} page must carry <meta name=\"robots\" "
                            "content=\"noindex\">")
    if page.published and (page.index == "noindex" or facts.noindex) and url in listed:
        problems.append(f"a noindex page is listed in sitemap.xml ({url})")
    assert not problems, f"{theme}:{page} ({page.kind}, {page.index}):\n  " + \
        "\n  ".join(problems)
