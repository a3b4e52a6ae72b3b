"""Share images and virtual backgrounds, checked by real readers: Pillow for the size and
weight, extruct for the Open Graph tags, zxing-cpp for the QR code after a video call has
scaled and compressed the background, pypdf for the Japanese font the text was set in.

Skipped where WeasyPrint or pypdfium2 is missing, except in CI (the test extra installs
them), where that is a failure.
"""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path

import pytest

from brandkit.extras import install_command
from tests.conftest import FIXED_EPOCH, copy_example

ONLINE = "2026-12-10-online-roundtable-writing-a-school-s-ai"
MEETUP = "2026-12-05-edtech-study-group-24-generative-ai-and"
SITE_URL = "https://hanako-yamada.github.io/"


def _need(module: str) -> None:
    try:
        __import__(module)
    except (ImportError, OSError) as exc:
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(f"{module} must be installed in CI ({exc}); run bash scripts/test")
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    """The example built with an empty cache: its output, WeasyPrint's warnings, the cache."""
    for module in ("weasyprint", "pypdfium2", "PIL", "zxingcpp", "extruct"):
        _need(module)
    from brandkit.build import build

    root = tmp_path_factory.mktemp("pictures")
    site = copy_example(root / "site")
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    patch.setenv("BRANDKIT_LANG", "en")
    warnings: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Catch()
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        report = build(site, pdf=True)
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
        patch.undo()
    return report.out, warnings, root / "cache"


def _image(path: Path):  # type: ignore[no-untyped-def]
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        return image


def test_every_page_kind_gets_its_share_image(built: tuple[Path, list[str], Path]) -> None:
    out, warnings, _ = built
    assert warnings == []  # no missing glyph, no refused resource
    shares = ["share.png", "en/share.png", f"e/{MEETUP}/share.png", f"en/e/{MEETUP}/share.png",
              f"e/{ONLINE}/share.png", f"en/e/{ONLINE}/share.png"]
    for name in shares:
        image = _image(out / name)
        assert image.format == "PNG" and image.size == (1200, 630), name
        # Light enough for every network (X takes up to 5 MB) and a slow phone.
        assert (out / name).stat().st_size < 300_000, name


def test_open_graph_tags_read_back_by_extruct(built: tuple[Path, list[str], Path]) -> None:
    import extruct

    out = built[0]
    pages = {"index.html": "share.png", "en/index.html": "en/share.png",
             f"e/{MEETUP}/index.html": f"e/{MEETUP}/share.png",
             f"en/e/{ONLINE}/index.html": f"en/e/{ONLINE}/share.png",
             "en/portfolio/ai-tutor/index.html": "en/share.png"}
    for page, image in pages.items():
        html = (out / page).read_text(encoding="utf-8")
        data = extruct.extract(html, base_url=SITE_URL + page, syntaxes=["opengraph"],
                               uniform=True)["opengraph"][0]
        assert data["og:image"] == SITE_URL + image, page
        assert (data["og:image:width"], data["og:image:height"]) == ("1200", "630"), page
        assert data["og:image:alt"].startswith("山田 花子" if "en/" not in page else "Hanako"), page
        assert '<meta name="twitter:card" content="summary_large_image">' in html, page


def test_online_event_gets_backgrounds_in_both_sizes(built: tuple[Path, list[str], Path]) -> None:
    out = built[0]
    sizes = {"background.png": (1920, 1080), "background-720p.png": (1280, 720)}
    for folder in (f"events/{ONLINE}", f"en/events/{ONLINE}"):
        for name, size in sizes.items():
            assert _image(out / folder / name).size == size, (folder, name)
    for name, size in sizes.items():  # the text-free ones: once, they say nothing
        plain = name.replace("background", "background-plain")
        assert _image(out / f"events/{ONLINE}" / plain).size == size
        assert not (out / f"en/events/{ONLINE}" / plain).exists()
    # An in-person event gets none, and its prep page offers none.
    assert not list((out / f"events/{MEETUP}").glob("background*"))
    prep = (out / f"en/events/{ONLINE}/index.html").read_text(encoding="utf-8")
    assert 'href="background.png" download' in prep
    assert f'href="../../../events/{ONLINE}/background-plain.png" download' in prep
    assert "mirrored" in prep


@pytest.mark.parametrize("folder,lang", [(f"events/{ONLINE}", ""), (f"en/events/{ONLINE}", "en/")])
def test_background_qr_survives_a_video_call(built: tuple[Path, list[str], Path], folder: str,
                                            lang: str) -> None:
    """What a call does to a background: scaled to 640 × 360 and sent as a JPEG at
    quality 60. The QR code still reads as the event's landing page."""
    import zxingcpp
    from PIL import Image

    out = built[0]
    for name in ("background.png", "background-720p.png"):
        small = _image(out / folder / name).convert("RGB").resize((640, 360), Image.LANCZOS)
        buffer = io.BytesIO()
        small.save(buffer, "JPEG", quality=60)
        buffer.seek(0)
        codes = zxingcpp.read_barcodes(Image.open(buffer))
        assert [c.text for c in codes] == [f"{SITE_URL}{lang}e/{ONLINE}/"], (folder, name)
        # Upper right: clear of the head, which sits in the middle.
        position = codes[0].position
        assert min(position.top_left.x, position.bottom_left.x) > 640 * 0.6
        assert max(position.bottom_left.y, position.bottom_right.y) < 360 * 0.5


def test_text_free_background_has_no_text_or_code(built: tuple[Path, list[str], Path]) -> None:
    import zxingcpp

    image = _image(built[0] / f"events/{ONLINE}/background-plain.png")
    assert zxingcpp.read_barcodes(image) == []
    # Nothing drawn in the corners where the text and the code sit on the others.
    corner = image.convert("L").crop((0, 0, 1920, 500))
    assert corner.getextrema()[1] - corner.getextrema()[0] < 16


def test_pictures_set_in_a_japanese_font(built: tuple[Path, list[str], Path]) -> None:
    """The picture's text comes from a Japanese font (kanji shapes as the card's): the PDF
    WeasyPrint lays the picture out as embeds a CJK JP font, and its text reads back."""
    import pypdf

    from brandkit.profile import load_site
    from brandkit.render import weasy
    from brandkit.render.exchange import pictures
    from brandkit.render.page import Options
    from brandkit.render.renderer import Renderer
    from brandkit.render.units import Unit

    site = load_site(Path(__file__).resolve().parents[2] / "example-site")
    r = Renderer(site, Options(pictures=True))
    share = next(p for p in pictures.pictures(site.profile)
                 if p.lang == "ja" and p.event is not None and p.event.slug == MEETUP)
    made: list = []
    r.run(Unit("t", 1.0, lambda r: made.append(pictures.page_html(r, share))))
    html, linked = made[0]
    document = weasy.documents([(html, share.html_path)], linked)[0]
    reader = pypdf.PdfReader(io.BytesIO(document.write_pdf()))
    fonts = set()
    for font in (reader.pages[0]["/Resources"].get("/Font") or {}).values():
        fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in f and "JP" in f for f in fonts), fonts
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    for expected in ("山田花子", "やまだはなこ", "でお会いした方へ", "株式会社まなびラボ"):
        assert expected in text, (expected, text)


def test_unchanged_pictures_come_from_the_cache(built: tuple[Path, list[str], Path],
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.build import build
    from brandkit.render import weasy

    out, _, cache = built
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setattr(weasy, "documents", lambda *a: pytest.fail("drew a picture again"))
    again = build(copy_example(tmp_path / "site"), pdf=True).out
    assert (again / "share.png").read_bytes() == (out / "share.png").read_bytes()


def test_without_pdfium_pages_show_the_photo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pypdfium2: the build says once what it skipped; og:image is the photo."""
    from importlib import util

    from brandkit.build import build

    real = util.find_spec
    monkeypatch.setattr(util, "find_spec",
                        lambda name, *a: None if name == "pypdfium2" else real(name, *a))
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    report = build(copy_example(tmp_path / "site"), pdf=False)
    assert not list(report.out.rglob("share.png"))
    html = (report.out / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{SITE_URL}assets/photo.jpg">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    _need("weasyprint")
    report = build(copy_example(tmp_path / "again"), pdf=None)
    notes = [n for n in report.notes if "pypdfium2" in n]
    assert len(notes) == 1 and install_command("pdf") in notes[0]
