"""The name badge insert (名札) as printed: both sizes measured in their PDFs (pypdf for
page sizes and text sizes, a 150 dpi raster from pdftoppm for the QR code, which zxing-cpp
reads), the fit estimate for the example and the longest texts, and the ask line.

PDF tests are skipped where WeasyPrint is not installed, except in CI (see test_card_pdf.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.build import build
from brandkit.profile import load_site
from brandkit.render import qr as qr_module
from brandkit.render.card import badge, layout
from brandkit.render.qr import qr_code
from tests.conftest import EXAMPLE, copy_example
from tests.render.test_card import edit
from tests.render.test_card_layout import CASES, longest_profile
from tests.render.test_card_pdf import MM, _all_resources, _build, _need, _reader
from tests.render.test_card_print import _texts

BASE = "https://hanako-yamada.github.io/"
MIXER = "events/2026-12-17-marunouchi-cross-industry-mixer-winter-n/"
ONLINE = "events/2026-12-10-online-roundtable-writing-a-school-s-ai/"
TRIMS = {"card": (91.0, 55.0), "a7": (105.0, 74.0)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's card folder, built with PDFs (its events included)."""
    root = tmp_path_factory.mktemp("badge")
    out, warnings, _ = _build(copy_example(root / "site"), root / "cache")
    assert warnings == []
    return out


# --- the PDFs -------------------------------------------------------------------------


@pytest.mark.parametrize("size", sorted(TRIMS))
def test_page_is_the_holder_size(built: Path, size: str) -> None:
    for folder in ("", MIXER):
        reader = _reader(built / folder / f"badge-{size}.pdf")
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        mm = (float(box.width) / MM, float(box.height) / MM)
        assert mm == pytest.approx(TRIMS[size], abs=0.05)


def test_a7_tiles_a4_two_by_four() -> None:
    """Why A7: eight landscape A7 inserts fill A4 (210 × 297 mm) with 1 mm to spare."""
    w, h = TRIMS["a7"]
    assert 2 * w <= 210 and 4 * h <= 297 and 210 - 2 * w < 1 and 297 - 4 * h <= 1


@pytest.mark.parametrize("size", sorted(TRIMS))
def test_name_at_least_18_pt_and_every_text_at_least_6_pt(built: Path, size: str) -> None:
    texts = _texts(_reader(built / f"badge-{size}.pdf").pages[0])
    assert [(pt, text) for pt, text in texts if pt < 6] == []
    name = [pt for pt, text in texts if "山田" in text or "花子" in text]
    assert name and min(name) >= 18, texts
    assert min(name) == badge.BOXES[size]["name"].pt


@pytest.mark.parametrize("size", sorted(TRIMS))
def test_badge_says_name_reading_keyword_and_what_to_ask(built: Path, size: str) -> None:
    text = re.sub(r"\s+", "", _reader(built / f"badge-{size}.pdf").pages[0].extract_text())
    for expected in ("山田花子", "やまだはなこ", "HanakoYamada", "AIと教育を掛け合わせる仕事をしています",
                     "話しかけてほしいこと", "授業でのAI活用のご相談", "現役の先生をご紹介します"):
        assert expected in text, (expected, text)
    # Private values stay off a badge anyone in the room can read.
    assert "090" not in text and "hanako@example.com" not in text


@pytest.mark.parametrize("size", sorted(TRIMS))
def test_japanese_from_a_japanese_font(built: Path, size: str) -> None:
    reader = _reader(built / f"badge-{size}.pdf")
    fonts = {}
    for resources in _all_resources(reader):
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                          if "/DescendantFonts" in font else font["/FontDescriptor"])
            fonts[str(font["/BaseFont"])] = descriptor.get_object()
    assert any("JP" in base for base in fonts), fonts
    for base, descriptor in fonts.items():
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), base


@pytest.mark.parametrize("size", sorted(TRIMS))
@pytest.mark.parametrize("folder,url", [("", BASE), (MIXER, BASE + "e/" + MIXER[7:])])
def test_qr_decodes_at_150_dpi_to_its_url(built: Path, tmp_path: Path, size: str, folder: str,
                                          url: str) -> None:
    pytest.importorskip("zxingcpp")
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    _need("PIL")
    import zxingcpp
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "150", "-png", built / folder / f"badge-{size}.pdf",
                    tmp_path / "badge"], check=True)
    (png,) = sorted(tmp_path.glob("badge*.png"))
    results = zxingcpp.read_barcodes(Image.open(png).convert("RGB"))
    assert [r.bytes for r in results] == [url.encode()]


# --- which folders get a badge --------------------------------------------------------


def test_in_person_events_get_a_badge_online_ones_do_not(built: Path) -> None:
    for folder in ("", MIXER, "events/2026-12-05-edtech-study-group-24-generative-ai-and/"):
        for size in TRIMS:
            assert (built / folder / f"badge-{size}.html").is_file(), folder
    assert not list((built / ONLINE).glob("badge-*"))


def test_hub_links_both_badges(built: Path) -> None:
    hub = (built / "index.html").read_text(encoding="utf-8")
    for size in TRIMS:
        assert f'href="badge-{size}.html"' in hub and f'href="badge-{size}.pdf"' in hub
    assert "イベント用の名札" in hub
    assert 'href="badge-' not in (built / ONLINE / "index.html").read_text(encoding="utf-8")


def test_vcard_card_keeps_a_site_qr_on_the_badge(tmp_path: Path) -> None:
    """A vCard's larger code would crowd the name; the badge's code opens the site."""
    site = copy_example(tmp_path / "site")
    edit(site, "  size: jp\n", "  size: jp\n  qr: vcard\n")
    profile = site / "profile.yaml"  # without links, a vCard the card has room for
    profile.write_text(re.sub(r"\nlinks:\n(?:  .*\n)+", "\n", profile.read_text(encoding="utf-8")),
                       encoding="utf-8")
    build(site, pdf=False)
    html = (site / "_card" / "badge-card.html").read_text(encoding="utf-8")
    assert 'src="qr-site.svg"' in html
    svg = (site / "_card" / "qr-site.svg").read_text(encoding="utf-8")
    assert svg == qr_code(BASE.encode()).svg


# --- fit ------------------------------------------------------------------------------


def test_example_fits_both_badges(tmp_path: Path) -> None:
    profile = load_site(copy_example(tmp_path / "site")).profile
    for url in (BASE, BASE + "e/" + MIXER[7:]):
        assert badge.overflows(profile, qr_code(url.encode()).printed_mm) == []


def test_longest_card_texts_fit_both_badges(tmp_path: Path) -> None:
    """The longest texts the card's fit check lets through fit the badge too."""
    narrowest = min(layout.geometry(*case).back_text_width(qr_module.MIN_PRINTED_MM) for case in CASES)
    site = copy_example(tmp_path / "site")
    longest_profile(site, narrowest)
    profile = load_site(site).profile
    assert badge.overflows(profile, qr_module.MIN_PRINTED_MM) == []


@pytest.mark.parametrize("size", sorted(TRIMS))
def test_full_budget_fits_the_face(size: str) -> None:
    """Every text at its full lines fits between the top and the bottom, and the name
    group ends above the largest QR code the badge draws at its own size."""
    s = badge.SIZES[size]
    inner = s.height - 2 * s.safe
    assert badge.top_height(s) + badge.GAP_MM[size] + badge.ask_height(s) <= inner
    boxes = badge.BOXES[size]
    name_group = sum(boxes[k].height_mm() for k in ("reading", "name", "other_name"))
    assert name_group + badge.GAP_MM[size] <= inner - s.qr_mm


def test_long_name_is_reported_located_for_the_badge(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.build import check

    monkeypatch.setenv("BRANDKIT_LANG", "en")
    site = copy_example(tmp_path / "site")
    edit(site, "  given: 花子\n", "  given: 花子花子花子花子\n")
    found = [str(p) for p in check(site)]
    wide = [p for p in found if "name badge" in p]
    assert wide and all(": name: " in p and "too wide for one line at 24 pt" in p for p in wide[:1]), found
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    assert any("名刺サイズ (91 × 55 mm) の名札" in str(p) for p in check(site))


# --- the ask line ---------------------------------------------------------------------


def test_ask_falls_back_to_looking_for(tmp_path: Path) -> None:
    site = copy_example(tmp_path / "site")
    profile = load_site(site).profile
    profile.offers = []
    face = badge.face(profile, badge.SIZES["a7"], 26.0)
    assert face["ask_label"] == "お話ししたい方"
    assert face["ask"][0]["text"].startswith("現役の先生")
    assert face["ask_field"] == ("looking_for",)


TITLE = st.text(alphabet="あいうえお教育学習AI ", min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=60)
@given(titles=st.lists(TITLE, min_size=1, max_size=5), size=st.sampled_from(sorted(TRIMS)))
def test_ask_keeps_to_its_lines_and_order(tmp_path_factory: pytest.TempPathFactory,
                                         titles: list[str], size: str) -> None:
    """The first offer always shows; further ones only while their lines fit, in order."""
    from brandkit.profile.model import Offer, Text

    profile = _example(tmp_path_factory)
    profile.offers = [Offer(title=Text({"ja": t, "en": t})) for t in titles]
    s = badge.SIZES[size]
    shown = [a["text"] for a in badge.face(profile, s, s.qr_mm)["ask"]]
    assert shown == titles[:len(shown)] and shown
    box = badge.BOXES[size]["ask"]
    width = badge.widths(s, s.qr_mm)["ask"]
    lines = [layout.lines_needed(t, width, box.pt, box.kind) for t in shown]
    assert len(shown) == 1 or sum(lines) <= box.lines


_PROFILE: list = []


def _example(factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The example profile, loaded once (hypothesis calls the test many times)."""
    if not _PROFILE:
        _PROFILE.append(load_site(copy_example(factory.mktemp("ask") / "site")).profile)
    return _PROFILE[0]


def test_english_first_profile_gets_an_english_badge(tmp_path: Path) -> None:
    """With lang: [en, ja] the badge speaks English, the Japanese name under the Latin one."""
    site = copy_example(tmp_path / "site")
    edit(site, "lang: [ja, en]\n", "lang: [en, ja]\n")
    profile = load_site(site).profile
    face = badge.face(profile, badge.SIZES["card"], 20.0)
    assert face["lang"] == "en" and face["reading"] is None
    assert face["name"]["text"] == "Hanako Yamada"
    assert face["other_name"]["text"] == "山田 花子" and face["other_name"]["lang"] == "ja"
    assert face["ask_label"] == "Ask me about"
    assert face["ask"][0]["text"] == "Advice on AI in the classroom"
    assert face["identity"]["text"] == "I combine AI and education"
    assert badge.overflows(profile, 20.0) == []


def test_watch_keeps_no_pdfs_for_an_online_event() -> None:
    """What watch leaves in place (``pdf_paths``) is what a build makes: nothing printed
    for an online event, the card, sheet and badges for the others."""
    from brandkit.render import card
    from brandkit.render.page import Options

    site = load_site(EXAMPLE)
    paths = card.pdf_paths(site.profile, Options())
    assert not [p for p in paths if ONLINE in p]
    assert f"card/{MIXER}card-print.pdf" in paths and f"card/{MIXER}badge-a7.pdf" in paths
    assert "card/card-print.pdf" in paths and "card/sheet-a4.pdf" in paths
