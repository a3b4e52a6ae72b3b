"""The exchange kit: a vCard per language read back by a real parser (vobject), its photo
decoded by Pillow; the "show my QR" page, its offline files and its private twin; the
email signature's width and shape; LINE links."""

from __future__ import annotations

import io
import json
import re
import shlex
import sys
from pathlib import Path

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.build import build
from brandkit.errors import ProfileError
from brandkit.extras import install_command
from brandkit.messages import say
from brandkit.profile import load_site
from brandkit.profile.model import Profile
from brandkit.render.exchange import photo, qrpage
from brandkit.render.kit import signature
from brandkit.render.vcard import vcard, vcard_path
from brandkit.text.limits import x_length

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
from public_scan import qr_codes

EXAMPLE = Path(__file__).resolve().parents[2] / "example-site"
BASE = "https://hanako-yamada.github.io/"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_site(EXAMPLE).profile


def _edit(site: Path, old: str, new: str) -> None:
    path = site / "profile.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _card(raw: bytes) -> vobject.base.Component:
    text = raw.decode("utf-8")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and text.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    return vobject.readOne(text)


def _values(card: vobject.base.Component, name: str) -> list[str]:
    return [line.value for line in card.contents.get(name.lower(), [])]


# --- one vCard per language ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_vcard_says_what_the_profile_says(example_build: Path, profile: Profile,
                                               lang: str) -> None:
    assert vcard_path(lang, "ja") == {"ja": "contact.vcf", "en": "en/contact.vcf"}[lang]
    card = _card((example_build / vcard_path(lang, "ja")).read_bytes())
    name = profile.name
    assert card.fn.value == name.display(lang) == {"ja": "山田 花子", "en": "Hanako Yamada"}[lang]
    n = card.n.value
    if lang == "ja":
        assert (n.family, n.given) == (name.family, name.given)
        assert _values(card, "X-PHONETIC-LAST-NAME") == ["やまだ"]
        assert _values(card, "X-PHONETIC-FIRST-NAME") == ["はなこ"]
        assert _values(card, "SORT-STRING") == [name.reading]
        assert _values(card, "NICKNAME") == [name.latin]
    else:
        assert f"{n.given} {n.family}" == name.latin
        assert not _values(card, "X-PHONETIC-LAST-NAME") and not _values(card, "NICKNAME")
    assert _values(card, "ORG") == [[profile.organization.text(lang)]]
    assert _values(card, "TITLE") == [profile.role.text(lang)]
    assert _values(card, "NOTE") == [profile.identity.text(lang)]
    assert _values(card, "EMAIL") == [profile.contacts.email.value]
    assert _values(card, "URL") == [BASE]
    assert _values(card, "X-SOCIALPROFILE") == [link.url for link in profile.links]
    assert [line.params["TYPE"] for line in card.contents["x-socialprofile"]] == \
        [[link.service] for link in profile.links]
    assert not _values(card, "TEL")  # the phone is card + vCard only: never published
    assert card.adr.value.city == profile.contacts.location.value.text(lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_photo_is_a_small_jpeg_pillow_reads(example_build: Path, lang: str) -> None:
    from PIL import Image

    card = _card((example_build / vcard_path(lang, "ja")).read_bytes())
    assert card.photo.params["TYPE"] == ["JPEG"] and card.photo.params["ENCODING"] == ["b"]
    data = card.photo.value
    assert 1_000 < len(data) < 20_000
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == "JPEG" and max(image.size) <= photo.SIDE
        assert image.size == (256, 256)  # the example's 320 px photo, shrunk


def test_each_home_page_saves_its_own_language(example_build: Path) -> None:
    en = (example_build / "en" / "index.html").read_text(encoding="utf-8")
    ja = (example_build / "index.html").read_text(encoding="utf-8")
    assert en.count('href="contact.vcf"') == 2 and "../contact.vcf" not in en
    assert ja.count('href="contact.vcf"') == 2


def test_the_card_qr_vcard_has_no_photo(profile: Profile) -> None:
    text = vcard(profile, BASE, public=False)
    assert "PHOTO" not in text and "TEL;TYPE=CELL:+81 90-1234-5678" in text


def test_without_pillow_no_photo_and_one_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    import shutil

    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing made before
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    monkeypatch.setitem(sys.modules, "PIL", None)  # as if Pillow were not installed
    report = build(site, pdf=False)
    told = say("vcard_photo_missing", install=install_command("images"))
    assert report.notes.count(told) == 1
    assert f"{shlex.quote(sys.executable)} -m pip install 'pillow>=10'" in told
    for lang in ("ja", "en"):
        card = _card((report.out / vcard_path(lang, "ja")).read_bytes())
        assert "photo" not in card.contents and card.fn.value


def test_without_a_photo_no_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)
    assert photo.build_notes(False) == [] and len(photo.build_notes(True)) == 1


def test_the_photo_is_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = (EXAMPLE / "assets" / "photo.jpg").read_bytes()
    first = photo.vcard_photo(data)
    assert first is not None and first.startswith(b"\xff\xd8")

    def no_pillow(_: bytes) -> bytes:
        raise AssertionError("made again: not taken from the cache")

    monkeypatch.setattr(photo, "_shrink", no_pillow)
    assert photo.vcard_photo(data) == first
    with pytest.raises(AssertionError):  # another photo is made, not mistaken for it
        photo.vcard_photo(data + b"\0")


def test_a_photo_pillow_cannot_read_is_left_out() -> None:
    assert photo.vcard_photo(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None


# --- "show my QR" ------------------------------------------------------------------------


def _code_labels(html: str) -> list[str]:
    return re.findall(r'<span class="qr-label">([^<]*)</span>', html)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_qr_page_shows_site_event_and_every_link(example_build: Path, profile: Profile,
                                                     lang: str) -> None:
    prefix = "" if lang == "ja" else "en/"
    html = (example_build / prefix / "qr" / "index.html").read_text(encoding="utf-8")
    event = profile.events[0]  # the next one after the build date (2026-01-01)
    expected = [BASE + prefix, f"{BASE}{prefix}e/{event.slug}/"] + [l.url for l in profile.links]
    assert qr_codes(html) == expected  # every code decodes to exactly its address
    assert _code_labels(html)[2:] == [link.label for link in profile.links]
    assert event.name.text(lang) in _code_labels(html)[1]
    assert html.count('role="img" aria-label="') == len(expected)
    assert "<?xml" not in html and 'width="' not in html.split("<svg", 1)[1].split(">", 1)[0]


def test_the_qr_page_works_offline(example_build: Path) -> None:
    for prefix in ("", "en/"):
        folder = example_build / prefix / "qr"
        manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["start_url"] == manifest["scope"] == "./"
        assert manifest["display"] == "standalone" and manifest["icons"]
        worker = (folder / "sw.js").read_text(encoding="utf-8")
        files = json.loads(re.search(r"var FILES = (\[.*\]);", worker).group(1))
        for name in files:  # everything the worker keeps exists in the site
            target = (folder / name).resolve()
            assert target.is_file() or (target / "index.html").is_file(), name
        assert {"./", "index.html"} <= set(files)
        assert any(name.endswith("assets/qr.css") for name in files)
        assert any(name.endswith("assets/qr.js") for name in files)
        assert re.search(r'var CACHE = "brandkit-qr-(ja|en)-[0-9a-f]{16}";', worker)
    assert not (example_build / "assets" / "sw.js").exists()  # only beside the pages


def test_the_cache_name_follows_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = build(site, pdf=False).out
    before = (out / "qr" / "sw.js").read_text(encoding="utf-8")
    _edit(site, "  x: hanako_manabi\n", "  x: hanako_manabi2\n")
    after = (build(site, pdf=False).out / "qr" / "sw.js").read_text(encoding="utf-8")
    assert before != after and before.split("var CACHE")[0] == after.split("var CACHE")[0]


def test_home_and_event_prep_link_the_qr_page(example_build: Path, profile: Profile) -> None:
    assert 'href="qr/index.html"' in (example_build / "index.html").read_text(encoding="utf-8")
    assert 'href="qr/index.html"' in (example_build / "en" / "index.html").read_text(encoding="utf-8")
    slug = profile.events[0].slug
    prep = (example_build / "events" / slug / "index.html").read_text(encoding="utf-8")
    assert 'href="../../qr/index.html"' in prep


def test_the_private_qr_page_holds_the_vcard_only_in_card(example_build: Path,
                                                         profile: Profile) -> None:
    private = example_build.parent / "_card" / "qr.html"
    html = private.read_text(encoding="utf-8")
    decoded = qr_codes(html)
    assert decoded[:2] == [vcard(profile, BASE, public=False, lang=lang) for lang in ("ja", "en")]
    assert "+81 90-1234-5678" in decoded[0]  # the phone: card + vCard by default
    assert decoded[2] == BASE
    assert "<style>" in html and "assets/qr.css" not in html  # one file to copy to a phone
    assert not (example_build / "qr.html").exists() and not (example_build / "card").exists()
    for path in example_build.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".svg", ".vcf", ".js", ".webmanifest"):
            text = path.read_text(encoding="utf-8")
            assert "1234-5678" not in text and "TEL;" not in text, path
            assert all("TEL" not in code for code in qr_codes(text)), path


def test_no_site_address_still_shows_the_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    _edit(site, "site:\n  url: https://hanako-yamada.github.io/\n", "")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = build(site, pdf=False).out
    html = (out / "qr" / "index.html").read_text(encoding="utf-8")
    assert qr_codes(html)[0] == "https://www.linkedin.com/in/hanako-yamada-edtech"
    assert len(qr_codes(html)) == 5


def test_a_past_event_gets_no_code(profile: Profile) -> None:
    from datetime import date

    # After the meetup (12-05) and the online roundtable (12-10): the mixer (12-17) is next.
    later = qrpage.codes(profile, "en", BASE, date(2026, 12, 11))
    mixer = next(event for event in profile.events if event.type == "mixer")
    assert [code.payload for code in later][1] == f"{BASE}en/e/{mixer.slug}/"
    after_all = qrpage.codes(profile, "en", BASE, date(2027, 2, 1))  # after the last event
    assert all("/e/" not in code.payload for code in after_all)


# --- LINE ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "url"), [
    ("hanako-abc123", "https://line.me/ti/p/hanako-abc123"),
    ("~hanako_y", "https://line.me/ti/p/~hanako_y"),
    ("@manabilab", "https://line.me/R/ti/p/@manabilab"),
    ("https://line.me/ti/p/AbCdEf12", "https://line.me/ti/p/AbCdEf12"),
])
def test_line_links(tmp_path: Path, written: str, url: str) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    _edit(site, "  peatix:", f'  line: "{written}"\n  peatix:')
    links = load_site(site).profile.links
    line = next(link for link in links if link.service == "line")
    assert (line.url, line.label) == (url, "LINE")
    assert qrpage.codes(load_site(site).profile, "ja", None, load_site(site).profile.events[0].date
                        )[-2].payload == url


def test_a_bad_line_handle_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setenv("BRANDKIT_LANG", "en")
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    _edit(site, "  peatix:", '  line: "hanako yamada"\n  peatix:')
    with pytest.raises(ProfileError) as caught:
        load_site(site)
    message = str(caught.value)
    assert "links.line" in message and "hanako yamada" in message and "LINE" in message


# --- the email signature -------------------------------------------------------------------

# The longest values the profile allows (brandkit/profile/sizes.py), as the card's fit tests
# budget them: a 100-character name, a 200-character identity, role and organisation of
# 100 each, and a 200-character address.
LONGEST = {
    "ja": {"latin": "Y" * 100, "family": "山" * 50, "given": "花" * 50, "identity": "教" * 200,
           "role": "プ" * 100, "organization": "株" * 100},
    "en": {"latin": " ".join(["Hanakoyamada"] * 8)[:100], "identity": " ".join(["education"] * 20)[:200],
           "role": "Manager " * 12, "organization": "Lab " * 25},
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_example_signature(example_build: Path, profile: Profile, lang: str) -> None:
    folder = example_build / ("" if lang == "ja" else "en/") / "scripts"
    text = (folder / "signature.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == 4 and all(x_length(line) <= 72 for line in lines)
    assert lines[0] == profile.name.display(lang) and lines[1] == profile.identity.text(lang)
    assert lines[2] == f"{profile.role.text(lang)} · {profile.organization.text(lang)}"
    assert lines[3] == "hanako-yamada.github.io" + ("/en" if lang == "en" else "")
    html = (folder / "signature.html").read_text(encoding="utf-8")
    fragment = html.split("</h1>\n", 1)[1].split("\n</main>", 1)[0]
    assert not re.search(r"<(table|img|style|script)|class=", fragment)
    tags = re.findall(r"<(\w+)", fragment)
    assert set(tags) <= {"div", "span", "a"} and tags.count("div") == 5
    assert "color:#0b6e6e" in fragment and f'lang="{lang}"' in fragment
    shown = (folder / "index.html").read_text(encoding="utf-8")
    assert fragment in shown and 'data-copy-text="signature-text"' in shown


def test_the_longest_signature_fits_72_columns(profile: Profile) -> None:
    from dataclasses import replace

    from brandkit.profile.model import Name, Text

    for lang, values in LONGEST.items():
        name = Name(family=values.get("family"), given=values.get("given"), latin=values["latin"])
        long = replace(profile, name=name, identity=Text({lang: values["identity"]}),
                       role=Text({lang: values["role"]}),
                       organization=Text({lang: values["organization"]}))
        sig = signature.signature(long, lang, "https://" + "a" * 180 + ".example/", "#0b6e6e")
        assert len(sig.lines) == 4
        assert all(x_length(line) <= 72 for line in sig.text.splitlines()), sig.text
        assert "".join(sig.text.split()) == "".join("".join(sig.lines).split())


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("ab cdé 日本語のテキスト、。ー「」（）-/.")),
               max_size=400),
       st.integers(min_value=4, max_value=80))
def test_wrap_keeps_every_character_within_the_width(line: str, width: int) -> None:
    pieces = signature.wrap(line, width)
    assert all(signature.columns(piece) <= width for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(line.split())  # only spaces dropped
    assert all(piece == piece.strip() for piece in pieces)


def test_wrap_keeps_closing_punctuation_with_its_word() -> None:
    assert signature.wrap("あ" * 35 + "い。う", 72) == ["あ" * 35, "い。う"]
    assert signature.wrap("word " * 20, 12) == ["word word"] * 10
    assert signature.wrap("x" * 30, 12) == ["x" * 12, "x" * 12, "x" * 6]  # a long address


def test_a_vcard_too_big_for_one_code_is_said_not_drawn(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.render.qr import TooBig, qr_code

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(TooBig):
        qr_code(b"x" * 2400)  # version 40 at level M holds 2,331 bytes
    import shutil

    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    links = "".join(f"  site{n}: https://example.com/{'p' * 150}/{n}\n" for n in range(14))
    _edit(site, "  peatix:", links + "  peatix:")
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    out = build(site, pdf=False).out
    html = (out.parent / "_card" / "qr.html").read_text(encoding="utf-8")
    assert html.count("QRコード1つには収まりません") == 2  # the vCard in each language
    assert len(qr_codes(html)) == 2 + 19  # site, event, every link still drawn
