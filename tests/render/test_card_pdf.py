"""Card PDFs as a print shop and a home printer get them (WeasyPrint, the `pdf` extra).

Skipped where WeasyPrint is not installed, except in CI (the test extra installs it, and
scripts/test installs Pango, HarfBuzz's subsetter and Noto CJK), where that is a failure.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
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
    root = tmp_path_factory.mktemp("pdf")
    out, warnings, _ = _build(copy_example(root / "example-site"), root / "cache")
    return out, warnings


@pytest.fixture(scope="module")
def us_portrait(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], bytes]:
    """A portrait US card (no events: fewer PDFs), its warnings, and the home sheet as the
    HTML sheet page makes it (the slow way, kept for PDFs impose.py cannot read)."""
    root = tmp_path_factory.mktemp("us")
    site = copy_example(root / "site")
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8").replace(
        "  size: jp\n", "  size: us\n  orientation: portrait\n")
    text = re.sub(r"\nevents:\n(?:[ -].*\n)+", "\n", text)
    profile.write_text(text, encoding="utf-8")
    return _build(site, root / "cache", html_sheet=True)


def _build(site: Path, cache: Path, html_sheet: bool = False) -> tuple[Path, list[str], bytes]:
    _need("weasyprint")
    _need("pypdf")
    from brandkit.build import build
    from brandkit.render.card import pdf

    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(cache))
    patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    warnings: list[str] = []
    slow: list[bytes] = []
    if html_sheet:
        # The sheet laid out as HTML is caught in this process: no second one for the card.
        patch.setenv("BRANDKIT_JOBS", "1")
        make = pdf.make_card_pdfs

        def both(*args, **kwargs):  # type: ignore[no-untyped-def]
            slow.append(args[-1]())  # sheet_html
            return make(*args, **kwargs)

        patch.setattr(pdf, "make_card_pdfs", both)

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
    return site / "_card", warnings, slow[0] if slow else b""


def _reader(path: Path):  # type: ignore[no-untyped-def]
    import pypdf

    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def _all_resources(reader):  # type: ignore[no-untyped-def]
    """Every page's resources and those of the Form XObjects they draw, nested."""
    pending = [page["/Resources"].get_object() for page in reader.pages]
    seen = []
    while pending:
        resources = pending.pop()
        seen.append(resources)
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                pending.append(xobject["/Resources"].get_object())
    return seen


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
        for resources in _all_resources(reader):
            for font in (resources.get("/Font") or {}).values():
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
    assert "ManabiLabinc." in re.sub(r"\s+", "", reader.pages[1].extract_text()).replace("I", "i")


def test_in_person_event_cards_get_pdfs_online_ones_do_not(built: tuple[Path, list[str]]) -> None:
    """An online event's card is never handed over: no print PDFs for it (nor a badge),
    and its page sends whoever wants to print to the main card's."""
    out, _ = built
    events = sorted((out / "events").iterdir())
    online = [folder for folder in events if "online" in folder.name]
    assert len(online) == 1 and len(events) > 2
    for folder in events:
        pdfs = {p.name for p in folder.glob("*.pdf")}
        if folder in online:
            assert not pdfs
            page = (folder / "index.html").read_text(encoding="utf-8")
            assert 'href="../../index.html"' in page and 'href="card-print.pdf"' not in page
        else:
            assert {"card-print.pdf", "sheet-a4.pdf", "badge-card.pdf", "badge-a7.pdf"} <= pdfs


def test_us_card_bleed_is_an_eighth_inch(us_portrait: tuple[Path, list[str], bytes]) -> None:
    out, warnings, _ = us_portrait
    assert warnings == []
    page = _reader(out / "card-print.pdf").pages[0]
    left, bottom, right, top = _mm(page.mediabox)
    assert (right - left, top - bottom) == pytest.approx((50.8 + 6.35, 88.9 + 6.35), abs=0.05)
    t_left, t_bottom, t_right, t_top = _mm(page.trimbox)
    assert (t_right - t_left, t_top - t_bottom) == pytest.approx((50.8, 88.9), abs=0.05)


# --- the home sheet, imposed from card-print.pdf's pages -----------------------------

def _placed(reader, page_index: int) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Every Form XObject a sheet page draws: its matrix onto the page (form /Matrix
    included), the rectangle its BBox covers in mm from the page's top left
    (left, top, width, height), and the form."""
    from pypdf.generic import ContentStream

    page = reader.pages[page_index]
    height = float(page.mediabox.top)
    xobjects = page["/Resources"]["/XObject"]
    ctm, stack, found = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _times(tuple(float(v) for v in operands), ctm)
        elif operator == b"Do":
            form = xobjects[operands[0]].get_object()
            assert form["/Subtype"] == "/Form"
            matrix = _times(tuple(float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])), ctm)
            x0, y0, x1, y1 = (float(v) for v in form["/BBox"])
            corners = [_apply(matrix, x, y) for x in (x0, x1) for y in (y0, y1)]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            rect = (min(xs) / MM, (height - max(ys)) / MM, (max(xs) - min(xs)) / MM,
                    (max(ys) - min(ys)) / MM)
            found.append((matrix, rect, form))
    return found


def _times(m, n):  # type: ignore[no-untyped-def]
    """m then n, as PDF concatenates matrices ([a b c d e f] rows)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _apply(m, x: float, y: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _expected_cells(left: float, top: float, w: float, h: float) -> list[tuple[float, float]]:
    return [(left + col * w, top + row * h) for row in range(5) for col in range(2)]


@pytest.mark.parametrize("which", ["a4", "letter"])
def test_sheet_places_ten_cards_at_the_stock_offsets(
        which: str, built: tuple[Path, list[str]],
        us_portrait: tuple[Path, list[str], bytes]) -> None:
    """A4: 91 × 55 at left 14 / top 11 mm; Letter (Avery 5371): 3.5 × 2 in at 0.75 / 0.5 in.
    Page 1 fronts, page 2 backs; each back sits behind its front after a long-edge flip."""
    if which == "a4":
        reader, size = _reader(built[0] / "sheet-a4.pdf"), (210, 297)
        left, top, w, h = 14, 11, 91, 55
    else:
        reader, size = _reader(us_portrait[0] / "sheet-letter.pdf"), (215.9, 279.4)
        left, top, w, h = 19.05, 12.7, 88.9, 50.8
    assert len(reader.pages) == 2
    cells = _expected_cells(left, top, w, h)
    sides = []
    for index, page in enumerate(reader.pages):
        p_left, p_bottom, p_right, p_top = _mm(page.mediabox)
        assert (p_right - p_left, p_top - p_bottom) == pytest.approx(size, abs=0.05)
        placed = _placed(reader, index)
        assert len(placed) == 10
        assert len({id(form) for _, _, form in placed}) == 1  # one card side, drawn 10 times
        rects = sorted((round(r[0], 1), round(r[1], 1)) for _, r, _ in placed)
        for (x, y), (ex, ey) in zip(rects, sorted(cells)):
            assert (x, y) == pytest.approx((ex, ey), abs=0.2)
        for _, rect, _ in placed:
            assert rect[2:] == pytest.approx((w, h), abs=0.2)  # clipped to the trim
        sides.append(placed)
    fronts, backs = sides
    assert fronts[0][2] is not backs[0][2]  # the back page draws the other side
    # The card in row r, column c has its back in row r, column (1 - c): drawn in the
    # same order, so pair them and check a long-edge flip takes one onto the other.
    for (_, front, _), (_, back, _) in zip(fronts, backs):
        assert back[0] == pytest.approx(size[0] - front[0] - w, abs=0.2)
        assert back[1] == pytest.approx(front[1], abs=0.2)


def test_portrait_cards_lie_on_their_sides(us_portrait: tuple[Path, list[str], bytes]) -> None:
    """As card.css turns them: fronts a quarter turn left (the card's top along the
    cell's left edge), backs right, so after a long-edge flip both stand the same way."""
    reader = _reader(us_portrait[0] / "sheet-letter.pdf")
    for index, up in ((0, (-1, 0)), (1, (1, 0))):
        for matrix, _, _ in _placed(reader, index):
            a, b, c, d = matrix[:4]
            assert (c, d) == pytest.approx(up, abs=1e-6)  # where the card's "up" points
            assert abs(a * d - b * c) == pytest.approx(1, abs=1e-6)  # true size


def test_sheet_looks_like_the_html_sheet(us_portrait: tuple[Path, list[str], bytes],
                                         tmp_path: Path) -> None:
    """The imposed sheet against the HTML sheet WeasyPrint lays out (what sheet PDFs
    were before): same pixels but for anti-aliasing along the edges."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    _need("PIL")
    from PIL import Image, ImageChops

    out, _, html_sheet = us_portrait
    (tmp_path / "html.pdf").write_bytes(html_sheet)
    for name, source in (("imposed", out / "sheet-letter.pdf"), ("html", tmp_path / "html.pdf")):
        subprocess.run(["pdftoppm", "-r", "100", "-gray", source, tmp_path / name], check=True)
    for page in (1, 2):
        imposed = Image.open(tmp_path / f"imposed-{page}.pgm")
        html = Image.open(tmp_path / f"html-{page}.pgm")
        assert imposed.size == html.size
        diff = ImageChops.difference(imposed, html).point(lambda v: 255 if v > 100 else 0)
        differing = sum(diff.histogram()[255:])
        # An edge 1 px off at 100 dpi shows along the brand bar only (~1 % of the page).
        assert differing < 0.01 * imposed.size[0] * imposed.size[1], (page, differing)


def test_sheet_shares_fonts_and_opens_cleanly(built: tuple[Path, list[str]]) -> None:
    """One copy of each font (not ten), every object used, and qpdf finds no error."""
    out, _ = built

    embedded = {name: _font_files(_reader(out / name))
                for name in ("card-print.pdf", "sheet-a4.pdf")}
    assert len(embedded["sheet-a4.pdf"]) == len(embedded["card-print.pdf"]) > 0
    assert (out / "sheet-a4.pdf").stat().st_size < 1.1 * (out / "card-print.pdf").stat().st_size
    if shutil.which("qpdf"):
        for name in ("card-print.pdf", "sheet-a4.pdf"):
            result = subprocess.run(["qpdf", "--check", out / name], capture_output=True,
                                    text=True, check=False)
            assert result.returncode == 0, result.stdout + result.stderr


def _font_files(reader) -> set[int]:  # type: ignore[no-untyped-def]
    """The embedded font programs' object numbers."""
    found = set()
    for resources in _all_resources(reader):
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        found.add(descriptor.raw_get(key).idnum)
    return found


def test_unchanged_card_reuses_its_pdfs(built: tuple[Path, list[str]], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.render.card import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    html, files = b"<!doctype html><title>x</title><p>x", {}
    first = pdf.make_pdf(html, "card/x.html", files)
    monkeypatch.setattr(pdf.weasy, "write_pdf", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert pdf.make_pdf(html, "card/x.html", files) == first


_TWO_SIDES = (b"<!doctype html><title>x</title><style>@page{size:91mm 55mm;margin:0;bleed:3mm}"
              b"</style><p>front<p style='break-before:page'>back")


def _sheet_layout():  # type: ignore[no-untyped-def]
    from brandkit.render import card
    from brandkit.render.card import layout as cardlayout

    return card.sheet_layout(cardlayout.SHEETS["jp"], cardlayout.geometry("jp", "landscape"))


def test_unchanged_card_reuses_its_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _need("weasyprint")
    from brandkit.render.card import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    def slow() -> bytes:
        pytest.fail("the sheet should be imposed")
    first = pdf.make_card_pdfs(_TWO_SIDES, "card/x.html", {}, _sheet_layout(), slow)
    monkeypatch.setattr(pdf.weasy, "write_pdf", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert pdf.make_card_pdfs(_TWO_SIDES, "card/x.html", {}, _sheet_layout(), slow) == first
    # A sheet made for other stock is another cache entry.
    from brandkit.render import card
    from brandkit.render.card import layout as cardlayout

    other = card.sheet_layout(cardlayout.SHEETS["eu"], cardlayout.geometry("eu", "landscape"))
    with pytest.raises(AssertionError):
        pdf.make_card_pdfs(_TWO_SIDES, "card/x.html", {}, other, slow)


def test_sheet_falls_back_to_html_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a WeasyPrint write its PDF in a way impose.py does not know, the sheet is
    laid out as HTML, as before: slower, still right."""
    _need("weasyprint")
    from brandkit.render.card import impose, pdf

    monkeypatch.setenv("BRANDKIT_CACHE", "0")

    def unknown(*args: object) -> None:
        raise impose.Unsupported("a future WeasyPrint")

    monkeypatch.setattr(impose, "_sources", unknown)
    card, sheet = pdf.make_card_pdfs(_TWO_SIDES, "card/x.html", {}, _sheet_layout(),
                                     lambda: b"%PDF- laid out as HTML")
    assert card.startswith(b"%PDF-") and sheet == b"%PDF- laid out as HTML"

