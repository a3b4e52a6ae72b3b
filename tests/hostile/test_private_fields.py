"""Private fields stay private: a contact marked card-only or vCard-only never appears in
any file of the public site — pages, JSON-LD, Open Graph, sitemap, feeds, the public vCard,
PDFs, QR codes, the manifest — in any encoding. Every output file is searched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from brandkit.build import build
from hostile_sites import EXAMPLE
from public_scan import digits_pattern, find, needles, qr_codes

EMAIL = "quiet.person+cards@hidden-mailhost.example"
PHONE, PHONE_DIGITS = "+81 80-9876-5432", "8098765432"
PLACE = {"ja": "秘密の隠れ里", "en": "Hiddenvale Hamlet"}
LOOK_FOR = {"email": EMAIL, "email local part": "quiet.person+cards",
            "email host": "hidden-mailhost.example", "place (ja)": PLACE["ja"],
            "place (en)": PLACE["en"]}


def _build(root: Path, show: list[str] | None, *, phone_show: list[str] | None = None,
           card_qr: str = "url") -> Path:
    site = root / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site"))
    data = yaml.safe_load((site / "profile.yaml").read_text(encoding="utf-8"))
    contact = (lambda value, where: {"value": value, **({"show": list(where)} if where else {})})
    data["contacts"] = {"email": contact(EMAIL, show), "phone": contact(PHONE, phone_show or show),
                        "location": contact(PLACE, show)}
    data.setdefault("card", {})["qr"] = card_qr
    if card_qr == "vcard":  # a vCard QR must fit on the card: fewer links
        data["links"] = {"github": "hanako-yamada"}
    (site / "profile.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    try:
        return build(site).out
    finally:
        patch.undo()


@pytest.mark.parametrize("card_qr", ["url", "vcard"])
@pytest.mark.parametrize("show", [["card"], ["vcard"], ["card", "vcard"]])
def test_private_contacts_appear_in_no_public_file(tmp_path: Path, show: list[str],
                                                   card_qr: str) -> None:
    out = _build(tmp_path, show, card_qr=card_qr)
    hits = find(out, LOOK_FOR, {"phone": PHONE_DIGITS})
    assert not hits, f"contacts marked {show} leaked into the public site:\n  " + "\n  ".join(hits)


def test_the_private_card_does_carry_them(tmp_path: Path) -> None:
    """Positive control on real output: the card (kept in `_card/`, beside the published
    folder) shows the card contacts, and with `card.qr: vcard` its QR code holds them."""
    out = _build(tmp_path, ["card", "vcard"], card_qr="vcard")
    card = out.parent / "_card"
    assert card.is_dir() and not (out / "card").exists()
    hits = find(card, LOOK_FOR, {"phone": PHONE_DIGITS})
    assert any("QR code" in hit and "phone" in hit for hit in hits), hits
    assert any(hit.startswith("index.html") and "email" in hit for hit in hits), hits


def test_phone_is_private_by_default(tmp_path: Path) -> None:
    """No `show:` — the phone defaults to card + vCard, never the site."""
    out = _build(tmp_path, None)
    assert not find(out, {}, {"phone": PHONE_DIGITS})


def test_the_example_site_keeps_its_phone_private(tmp_path: Path) -> None:
    site = shutil.copytree(EXAMPLE, tmp_path / "example", ignore=shutil.ignore_patterns("_site"))
    assert "+81 90-1234-5678" in (site / "profile.yaml").read_text(encoding="utf-8")
    out = build(site).out
    assert not find(out, {}, {"phone": "9012345678"})


def test_the_search_finds_contacts_that_are_public(tmp_path: Path) -> None:
    """Positive control: marked for the site, every value is found — in the page (email
    reversed for site.js), the JSON-LD and the public vCard — so a miss above means
    absent, not unsearched."""
    out = _build(tmp_path, ["site", "card", "vcard"])
    hits = find(out, LOOK_FOR, {"phone": PHONE_DIGITS})
    found = {hit.split(": ", 1)[1].split(" '", 1)[0] for hit in hits}
    assert found >= set(LOOK_FOR) | {"phone"}
    files = {hit.split(":", 1)[0] for hit in hits}
    assert {"index.html", "contact.vcf"} <= files
    assert any(EMAIL[::-1] in hit for hit in hits), "the reversed email was not recognised"


def test_search_helpers() -> None:
    pattern = digits_pattern("8098765432")
    for text in ("+81 80-9876-5432", "080.9876.5432", "tel:+818098765432", "(80) 9876 5432",
                 "2345-6789-08"):
        assert pattern.search(text), text
    assert not pattern.search("8098 7654 33")
    assert "moc.elpmaxe@a" in needles("a@example.com")
    assert "%E7%A7%98%E5%AF%86" in needles("秘密")
    # QR codes drawn as the card draws them (a run per row) and as qrcode's SvgPathImage
    # does (a square per module) are both read back.
    import qrcode
    import qrcode.image.svg

    svg = qrcode.make("tel:+818098765432", image_factory=qrcode.image.svg.SvgPathImage)
    assert qr_codes(svg.to_string(encoding="unicode")) == ["tel:+818098765432"]
    code = qrcode.QRCode(border=4)
    code.add_data("TEL:+818098765432")
    matrix = code.get_matrix()
    runs = "".join(f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix)
                   for x, dark in enumerate(row) if dark)
    size = len(matrix)
    card_svg = (f'<p><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
                f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{runs}"/></svg></p>')
    assert qr_codes(card_svg) == ["TEL:+818098765432"]
