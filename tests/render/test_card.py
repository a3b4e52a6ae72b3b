"""The business card: where it is written, what it says, QR sizing and caching, fit advice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brandkit.build import build, check
from brandkit.errors import BrandkitError, ProfileError
from brandkit.extras import install_command
from brandkit.render import card as card_module
from brandkit.render import qr as qr_module
from brandkit.render.card import layout
from tests.conftest import copy_example

BASE = "https://hanako-yamada.github.io/"
SLUG = "2026-12-05-edtech-study-group-24-generative-ai-and"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def card_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's card folder (``_card``), built without PDFs."""
    site = copy_example(tmp_path_factory.mktemp("card") / "example-site")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    try:
        build(site, pdf=False)
    finally:
        patch.undo()
    return site / "_card"


def edit(site: Path, old: str, new: str) -> None:
    path = site / "profile.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "example-site")


def test_card_files_beside_the_site_not_in_it(card_out: Path) -> None:
    for name in ("index.html", "card.html", "sheet-a4.html", "qr.svg",
                 f"events/{SLUG}/index.html", f"events/{SLUG}/card.html",
                 f"events/{SLUG}/sheet-a4.html", f"events/{SLUG}/qr.svg"):
        assert (card_out / name).is_file(), name
    published = card_out.parent / "_site"
    assert not (published / "card").exists()
    # The phone is marked card + vcard by default: on the card, never in what Pages publishes.
    card = (card_out / "card.html").read_text(encoding="utf-8")
    assert "+81 90-1234-5678" in card and "090-1234-5678" in card
    for path in published.rglob("*"):
        if path.is_file():
            assert b"1234-5678" not in path.read_bytes(), path


def _sides(html: str) -> tuple[str, str]:
    back = html.rindex("<div", 0, html.index('class="card back'))
    front = html[html.rindex("<div", 0, html.index('class="card front')):back]
    return front, html[back:]


def _text(html: str) -> list[str]:
    """The texts of a side in reading order, tags and phrase breaks removed."""
    html = re.sub(r'<wbr>|<span class="ph">|</span>(?=<wbr>|<span class="ph">|</p>)', "", html)
    return [t.strip() for t in re.split(r"<[^>]+>", html) if t.strip()]


def test_front_follows_meishi_order(card_out: Path) -> None:
    html = (card_out / "card.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in html
    front, _ = _sides(html)
    assert 'lang="ja"' in front
    texts = _text(front)
    order = ["株式会社まなびラボ", "プロダクトマネージャー（AI学習サービス）", "やまだ はなこ", "山田 花子",
             "AIと教育を掛け合わせる仕事をしています"]
    assert [t for t in texts if t in order] == order  # company → title → reading → name
    # Lines break only between phrases, in the PDF too: each phrase kept whole.
    assert ('<span class="ph">AIと</span><wbr><span class="ph">教育を</span><wbr>' in front)
    # The contact block: labelled, the phone in the form a Japanese reader dials.
    contacts = texts[texts.index(order[-1]) + 1:]
    assert contacts == ["TEL", "090-1234-5678", "Mail", "hanako@example.com",
                        "Web", "hanako-yamada.github.io", "拠点", "東京"]
    assert "+81" not in front


def test_english_back_is_the_card_for_english_readers(card_out: Path) -> None:
    _, back = _sides((card_out / "card.html").read_text(encoding="utf-8"))
    assert 'lang="en"' in back
    texts = _text(back)
    for text in ("Hanako Yamada", "Product Manager, AI Learning", "Manabi Lab Inc.",
                 "hanako@example.com", "+81 90-1234-5678", "hanako-yamada.github.io", "Tokyo"):
        assert text in texts, text
    assert texts.index("Hanako Yamada") < texts.index("Manabi Lab Inc.") < texts.index("Email")
    # Not a pitch: no offers, no run-on strengths line.
    assert "How I can help you" not in back and "Classroom instinct" not in back
    # No request leaves the page: the stylesheet is inline, the QR code a sibling file.
    html = (card_out / "card.html").read_text(encoding="utf-8")
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html)
    assert '<img class="qr" src="qr.svg"' in html


def test_back_in_the_front_language_offers(site: Path) -> None:
    edit(site, "  back_lang: en\n", "")
    build(site, pdf=False)
    _, back = _sides((site / "_card" / "card.html").read_text(encoding="utf-8"))
    texts = _text(back)
    assert texts[:4] == ["お手伝いできること", "授業でのAI活用のご相談", "現役の先生をご紹介します",
                         "勉強会での登壇"]
    assert texts[4:] == ["Web", "hanako-yamada.github.io"]


def test_event_card_prints_the_site_and_its_qr_leads_to_the_event(card_out: Path) -> None:
    html = (card_out / f"events/{SLUG}/card.html").read_text(encoding="utf-8")
    assert SLUG not in html.split("<body", 1)[1].split('alt="', 1)[0]
    assert html.count(">hanako-yamada.github.io<") == 2  # front and back, the bare domain
    assert (card_out / f"events/{SLUG}/qr.svg").read_bytes() != (card_out / "qr.svg").read_bytes()


def test_sheet_backs_mirror_the_fronts(card_out: Path) -> None:
    html = (card_out / "sheet-a4.html").read_text(encoding="utf-8")
    fronts, backs = html.split('class="sheet backs"')
    place = re.compile(r'data-slot="(\d)-(\d)" style="left:([\d.]+)mm;top:([\d.]+)mm"')
    front = {(r, c): (float(x), float(y)) for r, c, x, y in place.findall(fronts)}
    back = {(r, c): (float(x), float(y)) for r, c, x, y in place.findall(backs)}
    assert len(front) == len(back) == 10
    assert front[("0", "0")] == (14.0, 11.0) and front[("4", "1")] == (105.0, 231.0)
    for (r, c), (x, y) in front.items():
        assert back[(r, str(1 - int(c)))] == (x, y)


def test_qr_sizes() -> None:
    url = qr_module.qr_code(BASE.encode())
    assert url.printed_mm == 15.0 and url.module_mm >= 0.4
    big = qr_module.qr_code(b"x" * 600)
    assert big.printed_mm == pytest.approx(big.modules * 0.4, abs=0.1) and big.module_mm >= 0.4
    assert f'width="{big.printed_mm:g}mm"' in big.svg


def test_qr_cached_by_payload(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = qr_module.qr_code(b"https://example.com/a/")
    assert list((tmp_path / "cache" / "brandkit" / "qr").rglob("*.svg"))

    def no_qrcode(payload: bytes) -> str:
        raise AssertionError("an unchanged QR code must come from the cache")

    monkeypatch.setattr(qr_module, "_make_svg", no_qrcode)
    assert qr_module.qr_code(b"https://example.com/a/") == first
    with pytest.raises(AssertionError):
        qr_module.qr_code(b"https://example.com/b/")  # a new payload is made afresh


def test_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRANDKIT_CACHE", "0")
    qr_module.qr_code(b"https://example.com/c/")
    assert not (tmp_path / "cache").exists()


def test_vcard_qr_too_big_names_what_to_drop(site: Path) -> None:
    edit(site, "  back_lang: en\n", "  back_lang: en\n  qr: vcard\n")
    with pytest.raises(ProfileError) as built:
        build(site, pdf=False)
    assert "links" in str(built.value) and "qr: url" in str(built.value)
    with pytest.raises(ProfileError) as checked:
        check(site)
    assert re.match(r".*profile\.yaml:\d+:\d+: card\.qr: a vCard of \d+ bytes needs a [\d.]+ mm "
                    r"QR code", str(checked.value))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_vcard_qr_too_big_is_located_when_building(site: Path, lang: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: `build` names file:line:col of `card.qr`, as `check` does."""
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    edit(site, "  back_lang: en\n", "  back_lang: en\n  qr: vcard\n")
    line = (site / "profile.yaml").read_text(encoding="utf-8").split("\n").index("  qr: vcard") + 1
    with pytest.raises(ProfileError) as built:
        build(site, pdf=False)
    first = str(built.value).splitlines()[0]
    assert first.startswith(f"{site / 'profile.yaml'}:{line}:7: card.qr: ")
    words = "a vCard of" if lang == "en" else "バイトの vCard には"
    assert words in first and first.endswith(("(got \"vcard\")", "(値 \"vcard\")"))
    assert [p.line for p in built.value.problems] == [line]
    with pytest.raises(ProfileError) as checked:
        check(site)
    assert str(checked.value) == str(built.value)


def test_vcard_qr_grows_to_keep_modules(site: Path) -> None:
    edit(site, "  back_lang: en\n", "  back_lang: en\n  qr: vcard\n")
    text = (site / "profile.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\nlinks:\n(?:  .*\n)+", "\n", text)  # a lean vCard: no social links
    (site / "profile.yaml").write_text(text, encoding="utf-8")
    build(site, pdf=False)
    svg = (site / "_card" / "qr.svg").read_text(encoding="utf-8")
    modules = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    size = float(re.search(r'width="([\d.]+)mm"', svg).group(1))
    assert size > 15 and size / modules >= 0.4
    # It fits (no error); the narrower text column may earn fit advice.
    assert all(problem.warning for problem in check(site))


def test_check_says_which_field_and_how_much(site: Path) -> None:
    edit(site, "en: Manabi Lab Inc.",
         "en: Manabi Lab Inc., Learning Science and Assessment Research Division")
    advice = [str(p) for p in check(site)]
    assert len(advice) == 1, advice
    assert re.match(r".*profile\.yaml:\d+:\d+: warning: organization\.en: on the card back: "
                    r"about [\d.]+ mm too long \(2 lines at 7 pt where 1 fit", advice[0])


def test_check_one_line_names_too_wide(site: Path) -> None:
    edit(site, "  latin: Hanako Yamada", "  latin: Hanako Yamada-Fujiwara-Takahashi-Watanabe")
    advice = [str(p) for p in check(site)]
    assert any(re.search(r"name\.latin: on the card back: [\d.]+ mm too wide for one line at 11 pt",
                         line) for line in advice), advice


def test_example_fits(card_out: Path) -> None:
    from brandkit.profile import load_site
    from brandkit.render.card.fit import overflows

    profile = load_site(card_out.parent).profile
    assert overflows(profile, BASE) == []


def test_back_lang_must_be_a_profile_language(site: Path) -> None:
    edit(site, "lang: [ja, en]", "lang: [ja]")
    text = (site / "profile.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\n(\s+)en: .*", "", text)  # drop every English text
    (site / "profile.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        check(site)
    assert "card.back_lang: the card's back language `en` is not in `lang:` (ja)" in str(caught.value)


def test_sheets_fill_the_paper_symmetrically() -> None:
    for size, sheet in layout.SHEETS.items():
        trim = layout.SIZES[size]
        assert sheet.left * 2 + sheet.cols * trim.width == pytest.approx(sheet.width)
        assert sheet.top * 2 + sheet.rows * trim.height == pytest.approx(sheet.height)


def test_no_url_no_qr_and_a_note(site: Path) -> None:
    edit(site, "site:\n  url: https://hanako-yamada.github.io/\n", "")
    report = build(site, pdf=False)
    assert any("set `site.url`" in note for note in report.notes)
    assert not (site / "_card" / "qr.svg").exists()
    assert not (site / "_card" / "events").exists()


def test_pdf_note_once_and_pdf_flag(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.render.card import pdf

    monkeypatch.setattr(pdf, "missing", lambda: "NEED WEASYPRINT")
    report = build(site)
    assert report.notes.count("NEED WEASYPRINT") == 1
    assert (site / "_card" / "card.html").is_file()
    assert not (site / "_card" / "card-print.pdf").exists()
    with pytest.raises(BrandkitError) as raised:
        build(site, pdf=True)
    # the command that works where brandkit runs (it is not on PyPI: no "brandkit[pdf]")
    assert str(raised.value).startswith("--pdf needs WeasyPrint. To add it: ")
    assert str(raised.value).endswith(install_command("pdf"))


def test_cli_pdf_flag_fails_without_weasyprint(site: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from brandkit import cli
    from brandkit.render.card import pdf

    monkeypatch.setattr(pdf, "missing", lambda: "NEED WEASYPRINT")
    assert cli.main(["build", str(site), "--pdf", "-q"]) == 1
    assert "--pdf needs WeasyPrint" in capsys.readouterr().err


def test_us_portrait(site: Path) -> None:
    edit(site, "  size: jp\n", "  size: us\n  orientation: portrait\n")
    build(site, pdf=False)
    out = site / "_card"
    assert (out / "sheet-letter.html").is_file() and not (out / "sheet-a4.html").exists()
    html = (out / "card.html").read_text(encoding="utf-8")
    assert "@page{size:50.8mm 88.9mm;margin:0}" in html
    sheet = (out / "sheet-letter.html").read_text(encoding="utf-8")
    assert 'data-slot="0-0" style="left:19.05mm;top:12.7mm"' in sheet


def test_short_url() -> None:
    assert card_module.short_url("https://a.example/e/x/") == "a.example/e/x"



def test_profile_text_stays_text_on_the_card(site: Path) -> None:
    edit(site, "en: I combine AI and education", 'en: "<x-evil>I combine & educate</x-evil>"')
    edit(site, "en: Talks at your study group", 'en: "<script>alert(1)</script>"')
    build(site, pdf=False)
    for path in (site / "_card").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        # (_card/qr.html inlines its own script: it is one file to copy to a phone.)
        assert "<x-evil>" not in html and "<script>alert" not in html, path
    back = (site / "_card" / "card.html").read_text(encoding="utf-8")
    assert "&lt;x-evil&gt;I combine &amp; educate" in back
