"""The gate's checkers can fail: a page with a known fault must be caught by the check
meant for it, and a clean page must pass, or a green gate proves nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import gate
import pytest

pytestmark = pytest.mark.browser

PageChecker = Callable[..., Any]

CLEAN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A clean page</title></head>
<body><main><h1>Hello</h1>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot" width="1" height="1"></p>
</main></body></html>
"""
# The same page with one fault: the image has no alt text.
MISSING_ALT = CLEAN.replace(' alt="A dot"', "")
# Invalid HTML: a <div> inside a <p>'s phrasing content, a duplicate id, an unknown element.
INVALID = CLEAN.replace("<h1>Hello</h1>",
                        '<h1 id="x">Hello</h1><span id="x"><div>block in span</div></span>'
                        "<blink>old</blink>")


@pytest.fixture(scope="module")
def tools() -> None:
    gate.require(gate.missing_tools())


def _page(tmp_path: Path, name: str, html: str) -> Path:
    file = tmp_path / name
    file.write_text(html, encoding="utf-8")
    return file


def test_axe_flags_a_missing_alt(tools: None, tmp_path: Path, page_checker: PageChecker) -> None:
    report = page_checker(_page(tmp_path, "broken.html", MISSING_ALT).as_uri(), width=360)
    violations = gate.run_axe(report.page)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert "img" in violations[0]["nodes"][0]
    assert any("image-alt" in line for line in gate.describe_axe(violations))


def test_axe_passes_the_clean_page(tools: None, tmp_path: Path,
                                   page_checker: PageChecker) -> None:
    report = page_checker(_page(tmp_path, "clean.html", CLEAN).as_uri(), width=360)
    assert gate.run_axe(report.page) == []


def test_axe_flags_low_contrast_only_in_the_scheme_that_has_it(
        tools: None, tmp_path: Path, page_checker: PageChecker) -> None:
    """Light and dark are separate runs because a colour can fail in one only."""
    dark_only = CLEAN.replace("</title>", "</title><style>@media (prefers-color-scheme: dark)"
                              " { body { background: #111; color: #333; } }</style>")
    file = _page(tmp_path, "dark.html", dark_only)
    light = gate.run_axe(page_checker(file.as_uri(), color_scheme="light").page)
    dark = gate.run_axe(page_checker(file.as_uri(), color_scheme="dark").page)
    assert light == []
    assert [v["id"] for v in dark] == ["color-contrast"]


def test_vnu_flags_invalid_html_and_passes_valid(tools: None, tmp_path: Path) -> None:
    bad = _page(tmp_path, "invalid.html", INVALID)
    good = _page(tmp_path, "valid.html", CLEAN)
    css = _page(tmp_path, "bad.css", "body { colour: red; }\n")
    messages = gate.run_vnu([bad, good, css])
    errors = {m.file.name: [] for m in messages}
    for m in messages:
        if m.is_error:
            errors[m.file.name].append(m.message)
    bad_errors = " | ".join(errors.get("invalid.html", []))
    assert "Duplicate ID" in bad_errors
    assert "blink" in bad_errors
    assert "not allowed as child of element “span”" in bad_errors
    assert not errors.get("valid.html")
    assert errors.get("bad.css"), "vnu did not check the stylesheet"


def test_page_problems_catch_overflow_and_outside_requests(
        tmp_path: Path, page_checker: PageChecker) -> None:
    """The harness part the gate relies on (tests/browser/conftest.py) at the gate's width."""
    wide = CLEAN.replace("<h1>Hello</h1>", '<h1>Hello</h1><pre>' + "x" * 400 + "</pre>"
                         '<img src="https://cdn.example.invalid/font.png" alt="">')
    report = page_checker(_page(tmp_path, "wide.html", wide).as_uri(), width=360)
    problems = report.problems()
    assert any(p.startswith("horizontal overflow") for p in problems)
    assert any(p.startswith("external request: https://cdn.example.invalid/") for p in problems)


def test_page_list_classifies_what_it_finds(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    for path in ("_site/index.html", "_site/en/index.html", "_site/404.html",
                 "_site/portfolio/a/index.html", "_site/card/index.html",
                 "_site/en/card/back.html", "_site/scripts/x/index.html",
                 "_site/rehearse/index.html", "_site/events/x/index.html",
                 "_site/e/x/index.html", "_site/brand-new/page.html", "_site/.git/x.html",
                 "_card/index.html", "_card/events/x/card.html", "_other/x.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<!doctype html>", encoding="utf-8")
    found = {str(page): (page.kind, page.index) for page in gate.discover_pages(out)}
    assert found == {
        "_card/index.html": ("card", "private"),
        "_card/events/x/card.html": ("card", "private"),
        "404.html": ("404", "noindex"),
        "brand-new/page.html": ("other", "either"),
        "card/index.html": ("card", "noindex"),
        "e/x/index.html": ("event-link", "either"),
        "en/card/back.html": ("card", "noindex"),
        "en/index.html": ("home", "public"),
        "events/x/index.html": ("event", "noindex"),
        "index.html": ("home", "public"),
        "portfolio/a/index.html": ("portfolio", "public"),
        "rehearse/index.html": ("rehearse", "noindex"),
        "scripts/x/index.html": ("script", "noindex"),
    }
