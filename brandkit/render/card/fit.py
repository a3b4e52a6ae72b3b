"""What does not fit on the card, for ``brandkit check``: which field, by how much.

Estimated without a browser (``brandkit.text.fit``) against the same boxes the card's
CSS uses (``cardlayout``); the browser tests check the real layout of the example.
"""

from __future__ import annotations

from typing import Any

from brandkit.errors import Problem, ProfileError
from brandkit.messages import say
from brandkit.profile.model import Profile, Text
from brandkit.render.card import faces, layout, qr_too_big, short_url, targets
from brandkit.render.qr import qr_code

ONE_LINE = {"reading", "name", "back_name", "contact"}  # never wrap: white-space: nowrap


def _at(field: tuple, value: Any, lang: str) -> tuple:
    """The profile path of a text, down to its language when it has one per language."""
    if isinstance(value, Text) and lang in value:
        return field + (lang,)
    return field


def overflows(profile: Profile, base_url: str | None) -> list[layout.Overflow]:
    """Every text on the card (and on each event card) that needs more lines than it has."""

    card = profile.card
    geo = layout.geometry(card.size, card.orientation)
    found: list[layout.Overflow] = []

    def test(side: str, box: str, field: tuple, text: str | None, width: float) -> None:
        if text:
            over = layout.overflow(side, box, field, text, width)
            if over is not None:
                found.append(over)

    cards = targets(profile, base_url)
    code = qr_code(cards[0].qr) if cards[0].qr else None
    front, back = faces(profile, cards[0].url)
    fl, bl = front["lang"], back["lang"]
    width = geo.safe_width
    name_field = ("name", "latin") if fl != "ja" and profile.name.latin else ("name",)
    test("front", "reading", ("name", "reading"), (front["reading"] or {}).get("text"), width)
    test("front", "name", name_field, front["name"]["text"], width)
    test("front", "identity", _at(("identity",), profile.identity, fl), front["identity"]["text"], width)
    for key in ("role", "organization"):
        piece = front[key]
        if piece:
            test("front", key, _at((key,), getattr(profile, key), fl), piece["text"], width)
    for kind, contact in profile.contacts.shown("card").items():
        value = contact.value
        text = value.text(fl) if isinstance(value, Text) else str(value)
        test("front", "contact", _at(("contacts", kind), value, fl), text, width)

    qr_mm = code.printed_mm if code else 0.0
    width = geo.back_text_width(qr_mm)
    if back["name"]:
        test("back", "back_name", ("name", "latin") if bl != "ja" and profile.name.latin
             else ("name",), back["name"]["text"], width)
        test("back", "back_identity", _at(("identity",), profile.identity, bl),
             back["identity"]["text"], width)
    for i, offer in enumerate(profile.offers[:layout.SHOWN_OFFERS]):
        test("back", "offer", _at(("offers", i, "title"), offer.title, bl), offer.title.text(bl), width)
    test("back", "strengths", ("strengths",), back["strengths_text"], width)
    for target in cards:
        if target.url:
            where = ("site", "url") if target.event is None else (
                "events", profile.events.index(target.event), "slug")
            test("back", "url", where, short_url(target.url), geo.url_width(qr_mm))
    return found


def advice(profile: Profile, doc: Any) -> list[Problem]:
    """``brandkit check`` warnings about the card, located in profile.yaml."""

    base_url = profile.site.url
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    main = targets(profile, base_url)[0]
    message = qr_too_big(profile, qr_code(main.qr) if main.qr else None)
    if message:  # the build would refuse it: an error, not advice
        raise ProfileError([doc.problem(("card", "qr"), message, profile.card.qr)])

    out = []
    for over in overflows(profile, base_url):
        box = layout.BOXES[over.box]
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
