"""Hostile and odd profiles in a real browser: with a payload in every text field, every
page the build writes opens at 360 px with no dialog, no error, no script from the profile
and nothing wider than the screen; Markdown with raw HTML and script links stays inert.
The build-time side of the same payloads is in tests/hostile/.
"""

from __future__ import annotations

import functools
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gate
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
from hostile_sites import (  # noqa: E402
    EXAMPLE,
    HOSTILE_MARKDOWN,
    PAYLOADS,
    VISIBLE,
    WITHIN_LIMITS,
    write_site,
)

pytestmark = pytest.mark.browser

PageChecker = Callable[..., Any]

# Everything on the page that could load or run something, as the browser resolved it.
_RESOLVED = """() => {
  const out = [];
  const html = e => e.outerHTML.slice(0, 100);
  for (const e of document.querySelectorAll("a[href], area[href]"))
    out.push(["link", e.protocol, html(e)]);
  for (const e of document.querySelectorAll("img, source, video, audio")) {
    const src = e.currentSrc || e.src || "";  // none yet: a player the page fills later
    if (src) out.push(["media", src.split(":")[0] + ":", html(e)]);
  }
  for (const e of document.querySelectorAll("iframe, frame, object, embed, portal, form, base"))
    out.push(["embed", "", html(e)]);
  for (const e of document.querySelectorAll("*"))
    for (const a of e.getAttributeNames()) if (a.startsWith("on")) out.push(["handler", a, html(e)]);
  return out;
}"""
LINK_PROTOCOLS = {"http:", "https:", "mailto:", "tel:", "file:"}
# blob: is what the rehearsal page's own recorder plays back; a profile cannot make one.
MEDIA_PROTOCOLS = {"http:", "https:", "file:", "blob:"}


def inert_problems(page: Any) -> list[str]:
    """Links, media, embeds and inline handlers that should not be on a brandkit page."""
    problems = []
    for kind, protocol, html in page.evaluate(_RESOLVED):
        if kind == "link" and protocol not in LINK_PROTOCOLS:
            problems.append(f"{protocol} link: {html}")
        elif kind == "media" and protocol not in MEDIA_PROTOCOLS:
            problems.append(f"{protocol} image: {html}")
        elif kind in ("embed", "handler"):
            problems.append(f"{kind} {protocol}: {html}")
    return problems


@functools.lru_cache(maxsize=None)
def hostile_build(name: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix="brandkit-hostile-"))
    import atexit
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    site = write_site(root / "site", PAYLOADS[name], crlf=name == "windows-line-endings",
                      bom=name == "byte-order-mark")
    return gate.build_site(site)


@pytest.mark.parametrize("name", WITHIN_LIMITS)  # longer ones are refused (test_hostile_build)
def test_hostile_profile_in_browser(page_checker: Any, name: str) -> None:
    out = hostile_build(name)
    pages = gate.discover_pages(out)
    assert len(pages) >= 7  # two homes, two items × two languages, 404 at least
    by_url = {page.file.as_uri(): page for page in pages}

    def inspect(report: Any) -> list[str]:
        page = by_url[report.url]
        found = report.problems() + inert_problems(report.page)
        if page.published and page.path == "index.html" and name in VISIBLE:
            shown = report.page.evaluate("document.body.innerText")
            if PAYLOADS[name] not in shown:
                found.append(f"{PAYLOADS[name]!r} is not shown as typed")
        return [f"{page}: {p}" for p in found]

    problems = [p for found in page_checker.each(list(by_url), inspect, width=360,
                                                 color_scheme="light") for p in found]
    gate.record("hostile_pages_checked", name, len(pages))
    assert not problems, f"payload {name!r}:\n  " + "\n  ".join(problems)


def test_hostile_markdown_in_browser(page_checker: PageChecker, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    item = site / "portfolio" / "ai-tutor.md"
    front = item.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    item.write_text(f"{front}\n---\n{HOSTILE_MARKDOWN}", encoding="utf-8")
    out = gate.build_site(site)
    report = page_checker((out / "portfolio/ai-tutor/index.html").as_uri(), width=360)
    assert report.problems() == []
    assert inert_problems(report.page) == []
    links = report.page.eval_on_selector_all(".prose a", "els => els.map(e => e.href)")
    assert [link.split(":")[0] for link in links] == ["https", "mailto", "file"]
    text = report.page.inner_text(".prose")
    assert "<iframe" in text and "<script>alert(1)</script>" in text


def test_harness_catches_a_dialog(page_checker: PageChecker, tmp_path: Path) -> None:
    """The dialog check above can fail: a page that calls alert() is reported."""
    page = tmp_path / "alert.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title>'
                    '<img src="x" alt="" onerror="alert(1)"><p>x</p>', encoding="utf-8")
    report = page_checker(page.as_uri(), width=360)
    assert report.dialogs == ["alert: 1"]
    assert "dialog opened: alert: 1" in report.problems()
    assert inert_problems(report.page) == [
        'handler onerror: <img src="x" alt="" onerror="alert(1)">']
