"""The card's layout engine: every design fits every size and orientation at full budget,
with the example and with the longest texts the fit check lets through; the measures
print shops and readers need (6 pt text, 15 mm QR code, a bar that survives cutting)."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandkit.build import build
from brandkit.profile import load_site
from brandkit.render import qr as qr_module
from brandkit.render.card import faces, layout
from brandkit.render.card.fit import overflows
from brandkit.text.fit import lines_needed
from tests.conftest import copy_example

BASE = "https://hanako-yamada.github.io/"
CASES = [(size, orientation, design) for size in sorted(layout.SIZES)
         for orientation in ("landscape", "portrait") for design in sorted(layout.DESIGNS)]


@pytest.fixture(autouse=True)
def _cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_three_designs_default_bar() -> None:
    assert sorted(layout.DESIGNS) == ["bar", "classic", "minimal"]
    assert layout.DEFAULT_DESIGN == "bar"


@pytest.mark.parametrize("size,orientation,design", CASES)
def test_every_text_at_full_budget_fits(size: str, orientation: str, design: str) -> None:
    geo = layout.geometry(size, orientation, design)
    assert geo.who_top() + sum(layout.BOXES[k].height_mm() for k in ("reading", "name", "identity")) \
        + layout.GAPS["after_name"] + layout.GAPS["before_contacts"] \
        + layout.MAX_CONTACTS * layout.BOXES["contact"].height_mm() <= geo.front_height()
    assert layout.front_height() <= geo.front_height()
    room = geo.qr_room()
    assert room >= qr_module.MIN_PRINTED_MM
    for qr_mm in (qr_module.MIN_PRINTED_MM, room):  # the smallest and the largest QR code
        for mode in ("mirror", "offers"):
            assert layout.back_height(mode) <= geo.back_text_height(qr_mm) + 1e-9, (mode, qr_mm)
        assert geo.back_text_width(qr_mm) >= min(layout.MIN_TEXT_MM, geo.safe_width)


def test_every_text_at_least_6_pt() -> None:
    assert min(box.pt for box in layout.BOXES.values()) >= 6


@pytest.mark.parametrize("design", sorted(layout.DESIGNS))
def test_text_keeps_4_mm_inside_the_trim_and_clear_of_the_bar(design: str) -> None:
    for orientation in ("landscape", "portrait"):
        geo = layout.geometry("jp", orientation, design)
        insets = geo.front()
        sides = (insets.top, insets.right, insets.bottom, insets.left)
        assert min(sides) >= layout.SAFE_MM
        bar_side = insets.left if geo.landscape else insets.top
        assert bar_side >= geo.design.bar_mm + layout.SAFE_MM or not geo.design.bar_mm


def test_the_bar_survives_cutting() -> None:
    """Cutting drifts by up to ~1 mm: 2.5 mm of bar came out uneven; ≥ 3 mm stays a bar."""
    assert layout.DESIGNS["bar"].bar_mm >= 3


def _longest(text: str, width: float, box: str) -> str:
    """The longest repetition of ``text`` the fit check lets through for ``box``."""
    b = layout.BOXES[box]
    grown = text
    while lines_needed(grown + text, width, b.pt, b.kind) <= b.lines:
        grown += text
    return grown.strip()


def longest_profile(site: Path, width: float) -> None:
    """The example with every card text as long as the fit check lets through at
    ``width`` mm (the narrowest text column of all)."""
    from tests.render.test_card import edit

    def put(old: str, new: str) -> None:
        edit(site, old, new.replace('"', "'"))

    put("ja: 株式会社まなびラボ", "ja: " + _longest("まなびラボ", width, "organization"))
    put("en: Manabi Lab Inc.", "en: " + _longest("Manabi Lab ", width - 0.5, "back_organization"))
    put("ja: プロダクトマネージャー（AI学習サービス）", "ja: " + _longest("学習サービス", width, "role"))
    put("en: Product Manager, AI Learning", "en: " + _longest("Product Manager ", width, "back_role"))
    put("ja: AIと教育を掛け合わせる仕事をしています", "ja: " + _longest("教育を", width, "identity"))
    put("en: I combine AI and education", "en: " + _longest("AI education ", width, "back_identity"))
    put("latin: Hanako Yamada", "latin: " + _longest("Yamada ", width, "back_name"))


@pytest.mark.parametrize("size,orientation,design", CASES)
def test_example_fits_every_design(tmp_path: Path, size: str, orientation: str, design: str) -> None:
    site = copy_example(tmp_path / "site")
    from tests.render.test_card import edit

    edit(site, "  size: jp\n", f"  size: {size}\n  orientation: {orientation}\n  design: {design}\n")
    profile = load_site(site).profile
    assert overflows(profile, BASE) == []
    _, back = faces(profile, BASE)
    assert back["mirror"] and back["name"]["text"] == "Hanako Yamada"


def test_longest_texts_fit_every_design_by_the_estimate(tmp_path: Path) -> None:
    narrowest = min(layout.geometry(*case).back_text_width(qr_module.MIN_PRINTED_MM) for case in CASES)
    site = copy_example(tmp_path / "site")
    longest_profile(site, narrowest)
    for size, orientation, design in CASES:
        profile = load_site(site).profile
        profile.card.size, profile.card.orientation, profile.card.design = size, orientation, design
        assert overflows(profile, BASE) == [], (size, orientation, design)


def test_design_in_the_profile_reaches_the_card(tmp_path: Path) -> None:
    from tests.render.test_card import edit

    site = copy_example(tmp_path / "site")
    edit(site, "  size: jp\n", "  size: jp\n  design: classic\n")
    build(site, pdf=False)
    html = (site / "_card" / "card.html").read_text(encoding="utf-8")
    assert 'class="card front landscape design-classic"' in html
    assert 'class="card back landscape design-classic"' in html  # a white back
    assert '<div class="bar">' not in html
