"""brandkit/profile/paths.py: images are images and never private; the site's output
folder stays apart from the card's; no hidden characters in paths (issue 13: 2, 3, 11).

The messages of whole sites are in fixtures/bad (``image-*``, ``output-*``), English
and Japanese; here: the rules one by one, and what a build publishes."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from brandkit.build import build, check
from brandkit.cli import main
from brandkit.errors import BrandkitError, ProfileError
from brandkit.output.folder import MANIFEST
from brandkit.profile import paths
from brandkit.render import card
from tests.conftest import EXAMPLE

PHONE = "+81 90-1234-5678"  # the example's card-only phone


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def published(site: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (site / "_site").rglob("*") if p.is_file())


# --- hidden characters ------------------------------------------------------------------

BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F]
CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x200B, 0xFEFF]


@pytest.mark.parametrize("code", BIDI + CONTROLS)
def test_hidden_characters_are_found(code: int) -> None:
    assert paths.hidden_char(f"_si{chr(code)}te") == f"U+{code:04X}"


@pytest.mark.parametrize("text", ["_site", "公開/サイト", "my site", "写真　1.jpg", "café"])
def test_visible_text_passes(text: str) -> None:
    assert paths.hidden_char(text) is None


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_path_with_spaces_at_the_ends(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    message, _ = paths.path_text_problem(" _site") or ("", "")
    assert message == {"en": "the path starts or ends with a space",
                       "ja": "パスの先頭か末尾に空白があります"}[lang]
    assert paths.path_text_problem("_site") is None


# --- output folders ---------------------------------------------------------------------


@pytest.mark.parametrize("out", ["_card", "_card/sub", "./_card/", "_CARD"])
def test_outputs_overlapping_the_card_are_refused(tmp_path: Path, out: str) -> None:
    assert paths.overlaps(tmp_path / out, tmp_path / "_card")
    with pytest.raises(BrandkitError, match="card folder"):
        paths.check_apart(tmp_path / out, tmp_path / "_card")


def test_outputs_apart_from_the_card_pass(tmp_path: Path) -> None:
    for out in ("_site", "_cards", "public/_card", "../_card"):
        paths.check_apart(tmp_path / "site" / out, tmp_path / "site" / "_card")


def test_an_output_linked_to_the_card_is_refused(tmp_path: Path) -> None:
    (tmp_path / "_card").mkdir()
    (tmp_path / "public").symlink_to("_card")
    assert paths.overlaps(tmp_path / "public", tmp_path / "_card")


def test_the_layers_agree_on_names() -> None:
    assert card.OUTPUT == paths.CARD_OUTPUT
    assert MANIFEST == paths.MANIFEST


def test_site_output_card_is_a_located_error(site: Path) -> None:
    edit(site / "profile.yaml", "site:\n", "site:\n  output: _card\n")
    with pytest.raises(ProfileError) as caught:
        check(site)
    [problem] = caught.value.problems
    assert (problem.path, problem.value) == ("site.output", "_card")
    assert problem.line > 1 and problem.col > 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_out_inside_the_card_folder_is_refused(site: Path, lang: str,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    """`--out <site>/_card` used to replace the card with the site (exit 0)."""
    assert main(["build", str(site)]) == 0
    before = {p: p.read_bytes() for p in (site / "_card").rglob("*") if p.is_file()}
    capfd.readouterr()
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    for out in (site / "_card", site / "_card" / "site"):
        assert main(["build", str(site), "--out", str(out)]) == 1
        _, err = capfd.readouterr()
        assert "Traceback" not in err
        words = {"en": "is the card folder", "ja": "名刺のフォルダ"}[lang]
        assert words in err and str(site / "_card") in err, err
    after = {p: p.read_bytes() for p in (site / "_card").rglob("*") if p.is_file()}
    assert after == before


# --- images -----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 4, 3) + b"\0" * 9
GOOD = {
    "a.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF",
    "a.jpeg": b"\xff\xd8\xff\xdb",
    "a.png": PNG,
    "a.gif": b"GIF89a\x04\x00\x03\x00",
    "a.webp": b"RIFF\x20\0\0\0WEBPVP8 ",
    "a.avif": struct.pack(">I", 28) + b"ftypavif\0\0\0\0avifmif1miaf",
    "b.avif": struct.pack(">I", 24) + b"ftypmif1\0\0\0\0mif1avif",  # avif as a compatible brand
    "a.svg": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>',
    "b.svg": b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- drawn by hand -->\n'
             b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg width="4" height="3"></svg>',
    "A.PNG": PNG,
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_real_images_pass(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(GOOD[name])
    assert paths.image_type_problem(tmp_path / name, name) is None


def test_the_example_images_pass() -> None:
    for image in [*EXAMPLE.glob("assets/*"), *EXAMPLE.glob("portfolio/images/*")]:
        assert paths.image_type_problem(image, image.name) is None, image


BAD = {
    "a.png": GOOD["a.jpg"],  # the wrong kind
    "a.jpg": b"phone: 090-1234-5678\n",
    "a.gif": b"GIF90a",
    "a.webp": b"RIFF\x20\0\0\0WAVEfmt ",
    "a.avif": struct.pack(">I", 24) + b"ftypisom\0\0\0\0isommp41",
    "a.svg": b"<html><body><svg></svg></body></html>",
    "b.svg": b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
    "c.svg": b"",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_content_must_match_the_type(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(BAD[name])
    message, hint = paths.image_type_problem(tmp_path / name, name) or ("", "")
    assert message.startswith(f"the file is not a .{name.split('.')[1]} image"), message
    assert hint


@pytest.mark.parametrize("name", ["profile.yaml", "notes.txt", "card.html", "photo", "x.jpg.bak"])
def test_only_image_types(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(GOOD["a.jpg"])
    message, _ = paths.image_type_problem(tmp_path / name, name) or ("", "")
    assert message == "not an image file name (allowed types: jpg, jpeg, png, webp, gif, svg, avif)"


@pytest.mark.parametrize("body", [
    b"<script>alert(1)</script>",
    b"<svg:script href='x.js'/>",
    b'<rect onclick="alert(1)"/>',
    b"<rect\nONLOAD = 'x'/>",
    b'<a href=" javascript:alert(1)"><text>x</text></a>',
])
def test_svg_that_runs_code_is_refused(tmp_path: Path, body: bytes) -> None:
    (tmp_path / "a.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg">' + body + b"</svg>")
    message, _ = paths.image_type_problem(tmp_path / "a.svg", "a.svg") or ("", "")
    assert message.startswith("the SVG contains a script"), message


def test_svg_text_about_code_passes(tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><desc>JavaScript: '
                                     b"the basics</desc><text>only = 3 onions</text></svg>")
    assert paths.image_type_problem(tmp_path / "a.svg", "a.svg") is None


@pytest.mark.parametrize("at", [10, (1 << 20) - 5, 3 << 20])
def test_svg_is_read_to_its_end(tmp_path: Path, at: int) -> None:
    """A script far into a large file, or across the boundary of two reads, is seen."""
    head = b'<svg xmlns="http://www.w3.org/2000/svg"><desc>'
    padding = b"x" * at
    (tmp_path / "a.svg").write_bytes(head + padding + b"</desc><script>1</script></svg>")
    assert paths.image_type_problem(tmp_path / "a.svg", "a.svg") is not None


def test_places_no_image_may_come_from(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / MANIFEST).write_text("{}")
    for rel, why in [(".env.png", "dot-file"), ("assets/.hidden/a.png", "dot-file"),
                     (".git/x.png", "dot-file"), ("profile.yml", "profile"),
                     ("Private.YAML", "profile"), ("_card/qr.svg", "`_card`"),
                     ("_site/a.png", "`_site`"), ("old/a.png", "`old`")]:
        message = paths.image_place_problem(rel, tmp_path, ("_site", "_card")) or ""
        assert why in message, (rel, message)
    for rel in ("assets/photo.jpg", "./assets/photo.jpg", "portfolio/images/a.svg", "_sites/a.png"):
        assert paths.image_place_problem(rel, tmp_path, ("_site", "_card")) is None, rel


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_profile_as_photo_is_not_published(site: Path, lang: str,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capfd: pytest.CaptureFixture[str]) -> None:
    """`photo: {src: profile.yaml}` built with exit 0 and published the phone."""
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    edit(site / "profile.yaml", "  src: assets/photo.jpg", "  src: profile.yaml")
    assert main(["build", str(site)]) == 1
    _, err = capfd.readouterr()
    words = {"en": "this is your profile or private file", "ja": "これはプロフィールか非公開のファイル"}
    assert f"photo.src: {words[lang]}" in err
    assert not (site / "_site").exists()


def test_card_files_as_images_are_refused_after_a_build(site: Path) -> None:
    build(site, pdf=False)
    assert PHONE.encode() not in published(site)
    (site / "assets" / "me.png").symlink_to(Path("..") / "_card" / "card.html")
    item = site / "portfolio" / "ai-tutor.md"
    for src, folder in [("_card/card.html", "_card"), ("_card/index.html", "_card"),
                        ("assets/me.png", "_card"), ("_site/assets/photo.jpg", "_site")]:
        edit(item, "  src: portfolio/images/ai-tutor.svg", f"  src: {src}")
        with pytest.raises(ProfileError) as caught:
            build(site, pdf=False)
        [problem] = caught.value.problems
        assert problem.path == "image.src" and problem.value == src
        assert f"`{folder}`" in problem.message
        assert problem.file.endswith("ai-tutor.md") and problem.line == 11
        edit(item, f"  src: {src}", "  src: portfolio/images/ai-tutor.svg")
    assert PHONE.encode() not in published(site)
    build(site, pdf=False)  # and the example, as it is, still builds


# --- phone numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["(090) 1234 5678", "(03) 1234-5678", "+81 (90) 1234-5678",
                                   "090-1234-5678", "+1 (555) 123-4567"])
def test_phone_numbers_with_brackets_pass(site: Path, phone: str) -> None:
    edit(site / "profile.yaml", f'phone: "{PHONE}"', f'phone: "{phone}"')
    check(site)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("phone", ["(090) CALL 5678", "call me", "(090)", "090-1234-567a"])
def test_phone_numbers_with_letters_are_refused(site: Path, phone: str, lang: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    edit(site / "profile.yaml", f'phone: "{PHONE}"', f'phone: "{phone}"')
    with pytest.raises(ProfileError) as caught:
        check(site)
    [problem] = caught.value.problems
    hint = {"en": "digits with optional +, spaces, hyphens or brackets",
            "ja": "数字と +, 空白, ハイフン, かっこで書いてください"}[lang]
    assert problem.path == "contacts.phone" and problem.hint == hint
