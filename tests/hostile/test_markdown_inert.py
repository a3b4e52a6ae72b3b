"""Markdown in portfolio items (and `about`) with raw HTML, <iframe>, data: URLs and
javascript: links comes out inert: raw HTML as text, unsafe links not links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brandkit.build import build
from hostile_sites import EXAMPLE, HOSTILE_MARKDOWN, active_content, browser_scheme, page_text

SAFE_LINKS = {"https://example.com/ok", "mailto:hanako@example.com", "../ok/"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    patch.setenv("BRANDKIT_LANG", "en")
    site = tmp_path_factory.mktemp("markdown") / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    item = site / "portfolio" / "ai-tutor.md"
    front = item.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    item.write_text(f"{front}\n---\n{HOSTILE_MARKDOWN}", encoding="utf-8")
    (site / "portfolio" / "ai-tutor.en.md").write_text(f"---\n---\n{HOSTILE_MARKDOWN}",
                                                      encoding="utf-8")
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    about = "\n".join("    " + line for line in HOSTILE_MARKDOWN.splitlines())
    profile.write_text(text.replace("about:\n  ja: |\n", f"about:\n  ja: |\n{about}\n", 1),
                       encoding="utf-8")
    try:
        return build(site, pdf=False).out
    finally:
        patch.undo()


def _prose(html: str) -> str:
    start = html.index('class="e-content prose"') if "e-content" in html else html.index(
        'class="about"')
    return html[start:html.index("</div>", start)]


@pytest.mark.parametrize("page", ["portfolio/ai-tutor/index.html",
                                  "en/portfolio/ai-tutor/index.html", "index.html"])
def test_markdown_is_inert(built: Path, page: str) -> None:
    html = (built / page).read_text(encoding="utf-8")
    prose = _prose(html)
    found = active_content(prose)
    assert found["unsafe_urls"] == []
    # Only the three safe links become elements; no image with an unsafe source either.
    assert found["counts"] == {"<a>": 3}, found["counts"]
    links = set()
    for part in prose.split('href="')[1:]:
        links.add(part.split('"', 1)[0].replace("&amp;", "&"))
    assert links == SAFE_LINKS
    assert all(browser_scheme(link) in (None, "https", "mailto") for link in links)
    text = page_text(prose)
    for shown in ("<script>alert(1)</script>", '<iframe src="https://evil.example/frame">',
                  "<a href=\"javascript:alert(1)\">", "plain javascript", "data image"):
        assert shown in text, f"{shown!r} should be shown as text"
