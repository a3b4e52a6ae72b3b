"""Each card design as printed: measured in its print-shop PDF (pypdf for the text, a
300 dpi raster from pdftoppm for the brand bar and the QR code, which zxing-cpp reads).

Skipped where WeasyPrint is not installed, except in CI (see test_card_pdf.py).
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from brandkit.render.card import layout
from brandkit.render.qr import qr_code
from tests.conftest import copy_example
from tests.render.test_card_pdf import _build, _need, _reader

BASE = "https://hanako-yamada.github.io/"
DPI = 300
PX_MM = DPI / 25.4


@pytest.fixture(scope="module", params=sorted(layout.DESIGNS))
def design_pdf(request: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The example's print-shop PDF in one design (no events: one card, fewer PDFs)."""
    design = request.param
    root = tmp_path_factory.mktemp(design)
    site = copy_example(root / "site")
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8").replace("  size: jp\n", f"  size: jp\n  design: {design}\n")
    profile.write_text(re.sub(r"\nevents:\n(?:[ -].*\n)+", "\n", text), encoding="utf-8")
    out, warnings, _ = _build(site, root / "cache")
    assert warnings == []
    return design, out / "card-print.pdf"


def _texts(page: Any) -> list[tuple[float, str]]:
    """Every text run on a PDF page with its size in points, as drawn (both matrices)."""
    found = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            found.append((round(size * math.sqrt(abs(a * d - b * c)), 2), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def _raster(pdf: Path, tmp_path: Path) -> list[Any]:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    _need("PIL")
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", pdf, tmp_path / "side"], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("side-*.png"))]


def test_every_text_at_least_6_pt(design_pdf: tuple[str, Path]) -> None:
    _, pdf = design_pdf
    for page in _reader(pdf).pages:
        texts = _texts(page)
        assert texts
        small = [(size, text) for size, text in texts if size < 6]
        assert small == []


def test_english_back_carries_the_card_and_japanese_front_dials_at_home(
        design_pdf: tuple[str, Path]) -> None:
    _, pdf = design_pdf
    front, back = (" ".join(text for _, text in _texts(page)) for page in _reader(pdf).pages)
    for text in ("株式会社まなびラボ", "山田 花子", "やまだ はなこ", "090-1234-5678",
                 "hanako@example.com", "hanako-yamada.github.io"):
        assert text in front, text
    assert "+81" not in front
    for text in ("Hanako Yamada", "Product Manager, AI Learning", "Manabi Lab Inc.",
                 "hanako@example.com", "+81 90-1234-5678", "hanako-yamada.github.io"):
        assert text in back, text
    assert "How I can help you" not in back


def test_qr_at_least_15_mm_and_decodes(design_pdf: tuple[str, Path], tmp_path: Path) -> None:
    pytest.importorskip("zxingcpp")
    import zxingcpp

    _, pdf = design_pdf
    back = _raster(pdf, tmp_path)[1]
    results = zxingcpp.read_barcodes(back)
    assert len(results) == 1 and results[0].bytes == BASE.encode()
    # The code's own square, finder pattern to finder pattern, plus its 4-module quiet zone.
    points = results[0].position
    xs = [p.x for p in (points.top_left, points.top_right, points.bottom_left, points.bottom_right)]
    code = qr_code(BASE.encode())
    total = round(code.printed_mm / code.module_mm)  # modules across, quiet zone included
    side_mm = (max(xs) - min(xs)) / PX_MM * total / (total - 8)
    assert side_mm >= 15 - 0.3 and side_mm == pytest.approx(code.printed_mm, abs=0.5), side_mm


def test_bar_reaches_3_mm_inside_the_trim_and_the_bleed(design_pdf: tuple[str, Path],
                                                         tmp_path: Path) -> None:
    design, pdf = design_pdf
    front = _raster(pdf, tmp_path)[0]
    row = front.height // 2
    brand = (0x0B, 0x6E, 0x6E)
    run = 0
    while run < front.width and all(abs(a - b) < 24 for a, b in zip(front.getpixel((run, row)), brand)):
        run += 1
    bar_mm = run / PX_MM - 3.0  # the page starts 3 mm of bleed outside the trim
    if design == "bar":
        assert bar_mm >= 3.0 and bar_mm == pytest.approx(layout.DESIGNS["bar"].bar_mm, abs=0.3)
    else:
        assert run == 0  # no bar: white to the edge
