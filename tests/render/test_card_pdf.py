"""Card PDFs as a print shop and a home printer get them (WeasyPrint, the `pdf` extra).

Skipped where WeasyPrint is not installed, except in CI (the test extra installs it, and
scripts/test installs Pango, HarfBuzz's subsetter and Noto CJK), where that is a failure.
"""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path

import pytest

from tests.conftest import copy_example

MM = 72 / 25.4  # PDF points per millimetre


def _need(module: str) -> None:
    try:
        __import__(module)
    except (ImportError, OSError) as exc:
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(f"{module} must be installed in CI ({exc}); run bash scripts/test")
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The example built with PDFs from scratch (empty cache), and WeasyPrint's warnings."""
    _need("weasyprint")
    _need("pypdf")
    from brandkit.build import build

    root = tmp_path_factory.mktemp("pdf")
    site = copy_example(root / "example-site")
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    warnings: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Catch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        build(site, pdf=True)
    finally:
        logger.removeHandler(handler)
        patch.undo()
    return site / "_card", warnings


def _reader(path: Path):  # type: ignore[no-untyped-def]
    import pypdf

    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def _mm(box) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    return tuple(round(float(v) / MM, 2) for v in (box.left, box.bottom, box.right, box.top))


def test_print_shop_pdf_has_trim_bleed_and_marks(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    reader = _reader(out / "card-print.pdf")
    assert len(reader.pages) == 2  # front, back
    for page in reader.pages:
        left, bottom, right, top = _mm(page.mediabox)
        assert (right - left, top - bottom) == pytest.approx((97, 61), abs=0.05)
        t_left, t_bottom, t_right, t_top = _mm(page.trimbox)
        assert (t_right - t_left, t_top - t_bottom) == pytest.approx((91, 55), abs=0.05)
        assert (t_left - left, t_bottom - bottom) == pytest.approx((3, 3), abs=0.05)
        assert "/TrimBox" in page and "/BleedBox" in page
        assert _mm(page.bleedbox) == _mm(page.mediabox)


def test_fonts_embedded_and_japanese_from_a_japanese_font(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    for name in ("card-print.pdf", "sheet-a4.pdf"):
        reader = _reader(out / name)
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = (font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                              if "/DescendantFonts" in font else font["/FontDescriptor"])
                fonts[str(font["/BaseFont"])] = descriptor.get_object()
        assert fonts, name
        for base, descriptor in fonts.items():
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (name, base)
        assert any("CJK-JP" in base or "JP" in base for base in fonts), fonts
        # Every Japanese character came out as a real glyph that maps back to its text.
        text = re.sub(r"\s+", "", reader.pages[0].extract_text())
        for expected in ("山田花子", "やまだはなこ", "AIと教育を掛け合わせる仕事をしています", "株式会社まなびラボ"):
            assert expected in text, (name, expected, text)


def test_no_warnings_from_weasyprint(built: tuple[Path, list[str]]) -> None:
    """No missing glyphs, no skipped resources, no CSS it could not use."""
    assert built[1] == []


def test_qr_stays_vector(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    for name in ("card-print.pdf", "sheet-a4.pdf"):
        for page in _reader(out / name).pages:
            objects = page["/Resources"].get("/XObject") or {}
            pending = list(objects.values())
            while pending:
                xobject = pending.pop().get_object()
                assert xobject.get("/Subtype") != "/Image", name
                inner = (xobject.get("/Resources") or {}).get("/XObject") or {}
                pending += list(inner.values())


def test_home_sheet_pdf_is_a4_fronts_then_backs(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    reader = _reader(out / "sheet-a4.pdf")
    assert len(reader.pages) == 2
    for page in reader.pages:
        left, bottom, right, top = _mm(page.mediabox)
        assert (right - left, top - bottom) == pytest.approx((210, 297), abs=0.05)
    assert "山田花子" in re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert "Howicanhelpyou" in re.sub(r"\s+", "", reader.pages[1].extract_text()).replace("I", "i")


def test_event_cards_get_pdfs_too(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    events = sorted((out / "events").iterdir())
    assert events
    for folder in events:
        assert (folder / "card-print.pdf").is_file() and (folder / "sheet-a4.pdf").is_file()


def test_us_card_bleed_is_an_eighth_inch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _need("weasyprint")
    _need("pypdf")
    from brandkit.build import build

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = copy_example(tmp_path / "site")
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8").replace("  size: jp\n", "  size: us\n")
    text = re.sub(r"\nevents:\n(?:[ -].*\n)+", "\n", text)  # fewer PDFs to make
    profile.write_text(text, encoding="utf-8")
    build(site, pdf=True)
    page = _reader(site / "_card" / "card-print.pdf").pages[0]
    left, bottom, right, top = _mm(page.mediabox)
    assert (right - left, top - bottom) == pytest.approx((88.9 + 6.35, 50.8 + 6.35), abs=0.05)
    t_left, t_bottom, t_right, t_top = _mm(page.trimbox)
    assert (t_right - t_left, t_top - t_bottom) == pytest.approx((88.9, 50.8), abs=0.05)
    letter = _reader(site / "_card" / "sheet-letter.pdf").pages[0]
    assert _mm(letter.mediabox)[2] - _mm(letter.mediabox)[0] == pytest.approx(215.9, abs=0.05)


def test_unchanged_card_reuses_its_pdfs(built: tuple[Path, list[str]], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    html, files = b"<!doctype html><title>x</title><p>x", {}
    first = pdf.make_pdf(html, "card/x.html", files)
    monkeypatch.setattr(pdf, "_weasyprint", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert pdf.make_pdf(html, "card/x.html", files) == first
