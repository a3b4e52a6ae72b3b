"""What does not fit on the card, for ``brandkit check``: which field, by how much.

Estimated without a browser (``brandkit.text.fit``) against the same boxes and text
areas the card's CSS uses (``layout``), for the card's design; the browser tests check the real layout of the example.
"""

from __future__ import annotations

from typing import Any

from brandkit.errors import Problem
from brandkit.messages import say
from brandkit.profile.model import Profile, Text
from brandkit.render.card import badge, check_qr, faces, layout, targets
from brandkit.render.qr import qr_code

ONE_LINE = {"reading", "name", "back_name", "contact", "other_name"}  # never wrap: white-space: nowrap


def _at(field: tuple, value: Any, lang: str) -> tuple:
    """The profile path of a text, down to its language when it has one per language."""
    if isinstance(value, Text) and lang in value:
        return field + (lang,)
    return field


CONTACT_FIELDS = {"phone": ("contacts", "phone"), "email": ("contacts", "email"),
                  "location": ("contacts", "location"), "site": ("site", "url")}


def overflows(profile: Profile, base_url: str | None) -> list[layout.Overflow]:
    """Every text on the card that needs more lines than it has (an event card prints
    the same texts as the main card; only its QR code differs)."""

    card = profile.card
    geo = layout.geometry(card.size, card.orientation, card.design)
    found: list[layout.Overflow] = []

    def test(side: str, box: str, field: tuple, text: str | None, width: float) -> None:
        if text:
            over = layout.overflow(side, box, field, text, width)
            if over is not None:
                found.append(over)

    def contacts(side: str, face: dict[str, Any], width: float) -> None:
        for line in face["contacts"]:
            room = width - layout.label_width(face["lang"], line["label"])
            field = CONTACT_FIELDS[line["kind"]]
            if line["kind"] == "location":
                field = _at(field, profile.contacts.location.value, face["lang"])  # type: ignore[union-attr]
            test(side, "contact", field, line["text"], room)

    main = targets(profile, base_url)[0]
    code = qr_code(main.qr) if main.qr else None
    front, back = faces(profile, base_url)
    fl, bl = front["lang"], back["lang"]
    name_field = {lang: ("name", "latin") if lang != "ja" and profile.name.latin else ("name",)
                  for lang in (fl, bl)}
    width = geo.front_width()
    for key in ("organization", "role"):
        if front[key]:
            test("front", key, _at((key,), getattr(profile, key), fl), front[key]["text"], width)
    test("front", "reading", ("name", "reading"), (front["reading"] or {}).get("text"), width)
    test("front", "name", name_field[fl], front["name"]["text"], width)
    test("front", "identity", _at(("identity",), profile.identity, fl), front["identity"]["text"], width)
    contacts("front", front, width)

    qr_mm = code.printed_mm if code else 0.0
    width = geo.back_text_width(qr_mm)
    if back["mirror"]:
        test("back", "back_name", name_field[bl], back["name"]["text"], width)
        for key in ("role", "organization", "identity"):
            if back[key]:
                test("back", "back_" + key, _at((key,), getattr(profile, key), bl),
                     back[key]["text"], width)
    else:
        for i, offer in enumerate(profile.offers[:layout.SHOWN_OFFERS]):
            test("back", "offer", _at(("offers", i, "title"), offer.title, bl),
                 offer.title.text(bl), width)
    contacts("back", back, width)
    return found


def advice(profile: Profile, doc: Any) -> list[Problem]:
    """``brandkit check`` warnings about the card, located in profile.yaml."""

    base_url = profile.site.url
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    main = targets(profile, base_url)[0]
    # The build would refuse it: an error, not advice.
    check_qr(profile, doc, qr_code(main.qr) if main.qr else None)

    # The badge's QR code opens the site even when the card's holds a vCard.
    site_mm = qr_code(base_url.encode()).printed_mm if base_url else None
    out = []
    for over in overflows(profile, base_url) + badge.overflows(profile, site_mm):
        boxes = badge.BOXES[over.side[6:]] if over.side.startswith("badge_") else layout.BOXES
        box = boxes[over.box]
        where = say("card_side_" + over.side)
        if over.box in ONE_LINE:
            message = say("card_too_wide", where=where, mm=f"{over.excess_mm:g}", pt=f"{box.pt:g}")
        else:
            message = say("card_too_long", where=where, mm=f"{over.excess_mm:g}", lines=over.lines,
                          pt=f"{box.pt:g}", room=box.lines, cut=say("card_cut"))
        out.append(doc.problem(over.field, message, over.text, warning=True))
    if len(profile.offers) > layout.SHOWN_OFFERS:
        out.append(doc.problem(("offers",), say("card_more_offers", shown=layout.SHOWN_OFFERS,
                                                count=len(profile.offers)), warning=True))
    return out
