"""The business card as a browser shows and prints it: true size, text inside the safe
zone, sheet offsets, Japanese fonts, and QR codes that a real decoder reads back.

Runs in Debian's headless Chromium (fixtures in conftest.py); QR codes are decoded with
zxing-cpp from screenshots at 4 device pixels per CSS pixel (~15 px per mm).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from brandkit.render.card import layout

pytestmark = pytest.mark.browser

PX_PER_MM = 96 / 25.4
BASE = "https://hanako-yamada.github.io/"
SLUG = "2026-12-05-edtech-study-group-24-generative-ai-and"

# Every text box of every card side on the page, as mm relative to its card: the element
# and the ink of its text (a Range), so nowrap text running past its box is caught too.
TEXT_BOXES = """
(cards) => cards.map(card => {
  const c = card.getBoundingClientRect();
  const rel = r => ({left: r.left - c.left, top: r.top - c.top, right: r.right - c.left,
                     bottom: r.bottom - c.top});
  const boxes = [];
  for (const el of card.querySelectorAll('p, li, .qr')) {
    let ink = el.getBoundingClientRect();
    if (el.tagName !== 'IMG') {
      const range = document.createRange();
      range.selectNodeContents(el);
      ink = range.getBoundingClientRect();
    }
    boxes.push({cls: el.className || el.tagName, text: el.textContent.trim().slice(0, 40),
                box: rel(el.getBoundingClientRect()), ink: rel(ink),
                overflow: el.scrollWidth > el.clientWidth + 1});
  }
  return {width: c.width, height: c.height, boxes};
})
"""


@pytest.fixture(scope="module")
def card_dir(built_example: Path) -> Path:
    return built_example.parent / "_card"


def _cards(report: Any, selector: str = ".card") -> list[dict[str, Any]]:
    return report.page.eval_on_selector_all(selector, TEXT_BOXES)


def _assert_inside_safe_zone(card: dict[str, Any], size: tuple[float, float]) -> None:
    width, height = card["width"] / PX_PER_MM, card["height"] / PX_PER_MM
    assert width == pytest.approx(size[0], abs=0.1) and height == pytest.approx(size[1], abs=0.1)
    safe = layout.SAFE_MM * PX_PER_MM - 0.5  # half a CSS pixel for rounding
    assert card["boxes"]
    for item in card["boxes"]:
        where = f"{item['cls']} {item['text']!r}"
        assert not item["overflow"], f"{where} overflows its box"
        for rect in (item["box"], _text(item)):
            assert rect["left"] >= safe and rect["top"] >= safe, f"{where} leaves the safe zone"
            assert card["width"] - rect["right"] >= safe, f"{where} leaves the safe zone"
            assert card["height"] - rect["bottom"] >= safe, f"{where} leaves the safe zone"


def _text(item: dict[str, Any]) -> dict[str, float]:
    """Where the text is: its ink across (nowrap text may run past its box), its line
    boxes down (a font's ascent and descent may reach past a tight line height, though
    no glyph does)."""
    ink, box = item["ink"], item["box"]
    return {"left": ink["left"], "right": ink["right"], "top": box["top"], "bottom": box["bottom"]}


def _assert_no_overlaps(card: dict[str, Any]) -> None:
    inks = [(_text(item), f"{item['cls']} {item['text']!r}") for item in card["boxes"]]
    for i, (a, a_name) in enumerate(inks):
        for b, b_name in inks[i + 1:]:
            apart = (a["right"] <= b["left"] + 0.5 or b["right"] <= a["left"] + 0.5 or
                     a["bottom"] <= b["top"] + 0.5 or b["bottom"] <= a["top"] + 0.5)
            assert apart, f"{a_name} overlaps {b_name}"


CARD_PAGES = ["index.html", "card.html", "sheet-a4.html", f"events/{SLUG}/index.html"]


@pytest.mark.parametrize("name", CARD_PAGES)
def test_card_pages_load_cleanly(card_dir: Path, checked_pages: Any, name: str) -> None:
    for width in (360, 1280):
        urls = [(card_dir / page).as_uri() for page in CARD_PAGES]
        seen = checked_pages(urls, width=width)[(card_dir / name).as_uri()]
        assert seen.problems == [], seen.described
        assert seen.lang == "ja"


def test_card_is_true_size_and_text_stays_in_the_safe_zone(card_dir: Path,
                                                           page_checker: Any) -> None:
    for name in ("card.html", "index.html", f"events/{SLUG}/card.html"):
        report = page_checker((card_dir / name).as_uri())
        cards = _cards(report)
        assert len(cards) == 2, name  # front and back
        for card in cards:
            _assert_inside_safe_zone(card, (91, 55))
            _assert_no_overlaps(card)


def test_printed_card_is_true_size(card_dir: Path, browser: Any, tmp_path: Path) -> None:
    """Print to PDF as a user's "Save as PDF" would: one page per card side, 91 × 55 mm."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((card_dir / "card.html").as_uri())
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert len(sizes) == 2
    for width, height in sizes:
        assert float(width) * 25.4 / 72 == pytest.approx(91, abs=0.1)
        assert float(height) * 25.4 / 72 == pytest.approx(55, abs=0.1)


def test_sheet_cards_sit_at_the_stock_offsets(card_dir: Path, page_checker: Any) -> None:
    report = page_checker((card_dir / "sheet-a4.html").as_uri())
    found = report.page.eval_on_selector_all(".sheet", """
      sheets => sheets.map(s => { const r = s.getBoundingClientRect();
        return {cls: s.className, width: r.width, height: r.height,
          cells: [...s.querySelectorAll('.cell')].map(c => { const q = c.firstElementChild.getBoundingClientRect();
            return {slot: c.dataset.slot, left: q.left - r.left, top: q.top - r.top,
                    width: q.width, height: q.height}; })}; })""")
    assert [s["cls"] for s in found] == ["sheet fronts", "sheet backs"]
    for sheet in found:
        assert sheet["width"] / PX_PER_MM == pytest.approx(210, abs=0.2)
        assert sheet["height"] / PX_PER_MM == pytest.approx(297, abs=0.2)
        assert len(sheet["cells"]) == 10
        for cell in sheet["cells"]:
            row, col = map(int, cell["slot"].split("-"))
            if sheet["cls"] == "sheet backs":
                col = 1 - col  # long-edge duplex: the back of column 0 prints in column 1
            assert cell["left"] / PX_PER_MM == pytest.approx(14 + 91 * col, abs=0.2), cell
            assert cell["top"] / PX_PER_MM == pytest.approx(11 + 55 * row, abs=0.2), cell
            assert cell["width"] / PX_PER_MM == pytest.approx(91, abs=0.1)
            assert cell["height"] / PX_PER_MM == pytest.approx(55, abs=0.1)
    for card in _cards(report):
        _assert_inside_safe_zone(card, (91, 55))


def test_japanese_text_gets_a_japanese_font(card_dir: Path, page_checker: Any) -> None:
    report = page_checker((card_dir / "card.html").as_uri())
    page = report.page
    assert page.eval_on_selector(".front .name", "e => e.closest('[lang]').lang") == "ja"
    assert page.eval_on_selector(".back .back-name", "e => e.closest('[lang]').lang") == "en"
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for selector in (".front .name", ".front .identity", ".front .organization"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert fonts and all("JP" in f["familyName"] for f in fonts), (selector, fonts)


def _decode(page: Any, selector: str) -> bytes:
    import zxingcpp
    from PIL import Image

    shot = page.locator(selector).first.screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert len(results) == 1, f"{len(results)} QR codes decoded"
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0].bytes


def _open_hires(browser: Any, path: Path) -> Any:
    context = browser.new_context(device_scale_factor=4)  # ~15 px per mm: print resolution
    page = context.new_page()
    page.goto(path.as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    return context, page


def test_qr_decodes_to_the_site_url(card_dir: Path, browser: Any) -> None:
    pytest.importorskip("zxingcpp")
    context, page = _open_hires(browser, card_dir / "card.html")
    try:
        assert _decode(page, ".card.back") == BASE.encode()
        printed = page.inner_text(".card.back .site .value").replace("\n", "")
        assert printed == "hanako-yamada.github.io"
    finally:
        context.close()


def test_event_qr_decodes_to_the_event_page(card_dir: Path, browser: Any) -> None:
    pytest.importorskip("zxingcpp")
    context, page = _open_hires(browser, card_dir / "events" / SLUG / "card.html")
    try:
        assert _decode(page, ".card.back") == f"{BASE}e/{SLUG}/".encode()
        # The card prints the short address; the QR code carries the event's path.
        for side in (".card.front", ".card.back"):
            assert page.inner_text(f"{side} .site .value") == "hanako-yamada.github.io"
    finally:
        context.close()


def test_vcard_qr_decodes_to_the_japanese_vcard(browser: Any, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                page_checker: Any) -> None:
    pytest.importorskip("zxingcpp")
    from brandkit.build import build
    from brandkit.profile import load_site
    from brandkit.render.vcard import vcard
    from tests.conftest import copy_example

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = copy_example(tmp_path / "site")
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8").replace("  back_lang: en\n",
                                                       "  back_lang: en\n  qr: vcard\n")
    profile.write_text(re.sub(r"\nlinks:\n(?:  .*\n)+", "\n", text), encoding="utf-8")
    build(site, pdf=False)
    expected = vcard(load_site(site).profile, BASE, public=False).encode("utf-8")
    assert "山田 花子".encode() in expected and b"X-PHONETIC-FIRST-NAME" in expected
    assert b"TEL;TYPE=CELL:+81 90-1234-5678" in expected  # handed over in person: card contacts
    context, page = _open_hires(browser, site / "_card" / "card.html")
    try:
        assert _decode(page, ".card.back") == expected
    finally:
        context.close()
    report = page_checker((site / "_card" / "card.html").as_uri())
    for card in _cards(report):
        _assert_inside_safe_zone(card, (91, 55))


def test_us_portrait_card(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          page_checker: Any) -> None:
    from brandkit.build import build
    from tests.conftest import copy_example

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = copy_example(tmp_path / "site")
    profile = site / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "  size: jp\n", "  size: us\n  orientation: portrait\n"), encoding="utf-8")
    build(site, pdf=False)
    report = page_checker((site / "_card" / "card.html").as_uri())
    assert report.problems() == []
    for card in _cards(report):
        _assert_inside_safe_zone(card, (50.8, 88.9))
        _assert_no_overlaps(card)
    sheet = page_checker((site / "_card" / "sheet-letter.html").as_uri())
    first = sheet.page.eval_on_selector(".sheet.fronts", """s => {
        const r = s.getBoundingClientRect(), c = s.querySelector('[data-slot="0-0"] .card').getBoundingClientRect();
        return [c.left - r.left, c.top - r.top, c.width, c.height]; }""")
    # The portrait card lies on its side in the Avery 5371 cell (0.75 in, 0.5 in).
    assert [v / PX_PER_MM for v in first] == pytest.approx([19.05, 12.7, 88.9, 50.8], abs=0.2)


def test_the_checks_catch_a_card_that_does_not_fit(tmp_path: Path, page_checker: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Text too long for the card is caught here, and `brandkit check` warned about it."""
    from brandkit.build import build, check
    from tests.conftest import copy_example

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = copy_example(tmp_path / "site")
    profile = site / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "  latin: Hanako Yamada", "  latin: Hanako Yamada-Fujiwara-Takahashi-Watanabe-Nakamura"),
        encoding="utf-8")
    assert any(str(p.path) == "name.latin" for p in check(site))
    build(site, pdf=False)
    report = page_checker((site / "_card" / "card.html").as_uri())
    back = _cards(report)[1]
    with pytest.raises(AssertionError, match="back-name .* (overflows|leaves the safe zone)"):
        _assert_inside_safe_zone(back, (91, 55))


def test_card_pages_pass_axe_and_the_html_checker(card_dir: Path, page_checker: Any) -> None:
    """The card lives outside the published site, where the quality gate does not look."""
    from tests.browser.gate import describe_axe, missing_tools, require, run_axe, run_vnu

    require(missing_tools())
    pages = ["index.html", "card.html", "sheet-a4.html", f"events/{SLUG}/index.html"]
    for name in pages:
        report = page_checker((card_dir / name).as_uri())
        violations = run_axe(report.page)
        assert violations == [], "\n".join([name] + describe_axe(violations))
    messages = [m for m in run_vnu([card_dir / name for name in pages] + [card_dir / "qr.svg"])
                if m.is_error or m.subtype == "warning"]
    assert messages == [], "\n".join(map(str, messages))


def _families(page: Any, selector: str) -> set[str]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def test_preview_uses_the_fonts_of_the_pdf(card_dir: Path, page_checker: Any) -> None:
    """The preview once set the English back in system-ui while the PDF used Noto, so the
    two wrapped differently: both now take the same named fonts."""
    pypdf = pytest.importorskip("pypdf")
    pdf = card_dir / "card-print.pdf"
    if not pdf.is_file():
        pytest.skip("no card-print.pdf: WeasyPrint is not installed")
    used = set()
    for page in pypdf.PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            name = str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            used.add(name.replace("-Bold", "").replace("-", " "))
    for name in ("index.html", "card.html"):
        report = page_checker((card_dir / name).as_uri())
        for selector in (".back .back-name", ".back .contacts li", ".front .name", ".front .contacts li"):
            families = _families(report.page, selector)
            assert families and families <= used, (name, selector, families, used)


DESIGN_CASES = [(size, orientation, design) for size in sorted(layout.SIZES)
                for orientation in ("landscape", "portrait") for design in sorted(layout.DESIGNS)]


@pytest.mark.parametrize("longest", [False, True], ids=["example", "longest"])
def test_every_design_fits_every_size_and_orientation(tmp_path: Path, page_checker: Any,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      longest: bool) -> None:
    """Every design, size and orientation, laid out by the browser: true size, text inside
    the safe zone, nothing overlapping; with the example, and with every text as long as
    `brandkit check` lets through without a warning."""
    from brandkit.build import build
    from brandkit.profile import load_site
    from brandkit.render.card.fit import overflows
    from brandkit.render.qr import MIN_PRINTED_MM
    from tests.conftest import copy_example
    from tests.render.test_card_layout import longest_profile

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = copy_example(tmp_path / "site")
    profile = site / "profile.yaml"
    text = re.sub(r"\nevents:\n(?:[ -].*\n)+", "\n", profile.read_text(encoding="utf-8"))
    profile.write_text(text, encoding="utf-8")
    if longest:
        longest_profile(site, min(layout.geometry(*case).back_text_width(MIN_PRINTED_MM)
                                  for case in DESIGN_CASES))
    base = profile.read_text(encoding="utf-8")
    for size, orientation, design in DESIGN_CASES:
        profile.write_text(base.replace("  size: jp\n", f"  size: {size}\n  orientation: "
                                        f"{orientation}\n  design: {design}\n"), encoding="utf-8")
        assert overflows(load_site(site).profile, BASE) == []
        build(site, pdf=False)
        trim = layout.SIZES[size]
        shape = (trim.width, trim.height) if orientation == "landscape" else (trim.height, trim.width)
        report = page_checker((site / "_card" / "card.html").as_uri())
        cards = _cards(report)
        assert len(cards) == 2
        for card in cards:
            try:
                _assert_inside_safe_zone(card, shape)
                _assert_no_overlaps(card)
            except AssertionError as exc:
                raise AssertionError(f"{size} {orientation} {design}: {exc}") from exc
