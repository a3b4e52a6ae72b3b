"""The printable business card: ``card/`` in the output, plus ``card/events/<slug>/``.

Each card folder holds a preview with printing help (``index.html``), one card per page
at the exact trim size (``card.html``, for a browser's "Save as PDF"), a 2 × 5 home
printing sheet (``sheet-a4.html`` or ``sheet-letter.html``: fronts, then backs mirrored
for long-edge duplex), the QR code alone (``qr.svg``) and, with WeasyPrint installed,
the print-shop PDF with bleed and crop marks plus the sheet as PDF (not for an online
event: ``printed``).

Its files go to ``_card/`` beside the site, never into it: the card may carry contacts
the public site must not (a phone number marked card only).
"""

from __future__ import annotations

import functools
from typing import Any

from brandkit.errors import BrandkitError, ProfileError, shown_path
from brandkit.extras import install_command
from brandkit.messages import say
from brandkit.profile.model import Profile
from brandkit.profile.paths import CARD_OUTPUT
from brandkit.record import record
from brandkit.render import weasy
from brandkit.render.card import badge, layout
from brandkit.render.card import pdf as pdfmaker
from brandkit.render.card.impose import Layout
from brandkit.render.card.pieces import piece as _piece
from brandkit.render.page import FONT_STACK, Page, short_url
from brandkit.render.qr import QrCode, qr_code
from brandkit.render.renderer import Renderer
from brandkit.render.renderer import base_url as renderer_base_url
from brandkit.render.ui import ui
from brandkit.render.units import Family, Unit
from brandkit.render.vcard import vcard
from brandkit.text import phone

FOLDER = "card/"  # the card's files while rendering; build writes them to OUTPUT
# The card carries contacts the public site must not (a phone number marked card only),
# so it is written beside the site, never into the folder GitHub Pages publishes.
OUTPUT = CARD_OUTPUT  # the profile's checks keep the site and images out of it
# The card's Latin text: named fonts only, Noto first. WeasyPrint knows no `system-ui`, so
# the site's stack (system-ui first) set the preview in another font than the PDF and
# wrapped it differently; with one named stack both find the same font.
FONT_EN = ('"Noto Sans", "Noto Sans JP", "Noto Sans CJK JP", "Helvetica Neue", Arial, '
           '"Hiragino Sans", "Yu Gothic", Meiryo, sans-serif')
MARK_GAP_MM = 1.5  # cut marks stop short of the cards, so a slight misfeed hides them
MARK_WIDTH_MM = 0.15  # as sheet.html draws them


@record(frozen=True)
class Target:
    """One card folder: the main card, or an event's card whose QR leads to its page."""

    folder: str  # "card/" or "card/events/<slug>/"
    qr: bytes | None  # the QR payload; None without a site address
    url: str | None  # where the QR code leads (the card prints the site's address)
    event: Any = None


def printed(target: Target) -> bool:
    """Whether a card folder gets the PDFs (print shop, home sheet, badges): the main card
    and each in-person event's. An online event's card is never handed over: its QR code
    is on the event's virtual background instead (the exchange kit)."""
    return badge.wanted(target)


def targets(profile: Profile, base_url: str | None) -> list[Target]:
    main_url = base_url
    if profile.card.qr == "vcard":
        payload: bytes | None = vcard(profile, base_url, public=False).encode("utf-8")
    else:
        payload = base_url.encode("utf-8") if base_url else None
    found = [Target(FOLDER, payload, main_url)]
    if base_url:  # an event card differs from the main card only by where its QR leads
        for event in profile.events:
            url = f"{base_url}e/{event.slug}/"
            found.append(Target(f"{FOLDER}events/{event.slug}/", url.encode("utf-8"), url, event))
    return found


def units(r: Renderer) -> list[Unit]:
    """One unit a card folder: the main card ("card"), then each event's. ~8 ms a folder;
    a printed one's PDFs not in the cache take ~0.4 s of WeasyPrint, so a build shares
    the folders between its two processes."""
    found = []
    for target in targets(r.site.profile, r.base_url):
        key = "card" if target.event is None else "card:event:" + target.event.slug
        cost = 400.0 if r.options.pdf and printed(target) else 8.0
        found.append(Unit(key, cost, functools.partial(render, target=target)))
    return found


def render(r: Renderer, target: Target) -> None:
    """``target``'s card folder. What WeasyPrint warns goes with the result
    (``weasy.warnings_into``): the build's own process logs it."""
    profile = r.site.profile
    # Watch and serve keep QR codes in memory between rebuilds.
    code = r.memo(("qr", target.qr), lambda qr=target.qr: qr_code(qr)) if target.qr else None
    check_qr(profile, r.site.doc, code)
    with weasy.warnings_into(r.out.warnings):
        _render_target(r, profile, target, code,
                       pdfmaker if r.options.pdf and printed(target) else None)


def check_qr(profile: Profile, doc: Any, code: QrCode | None) -> None:
    """Refuse a QR code too big for the card (modules would shrink under 0.4 mm), located
    at `card.qr` in profile.yaml (``doc``): a build and ``brandkit check`` alike."""
    message = qr_too_big(profile, code)
    if message and doc is not None:
        raise ProfileError([doc.problem(("card", "qr"), message, profile.card.qr)])
    if message:  # a Site made by hand, without its profile.yaml
        raise BrandkitError("card.qr: " + message)


def qr_too_big(profile: Profile, code: QrCode | None) -> str | None:
    if code is None:
        return None
    card = profile.card
    room = layout.geometry(card.size, card.orientation, card.design).qr_room()
    if code.printed_mm <= room:
        return None
    parts = ", ".join(f"{name} {size}" for name, size in vcard_parts(profile)[:4])
    return say("card_qr_too_big", bytes=len(code.payload), need=f"{code.printed_mm:g}",
               room=f"{room:g}", parts=parts)


def vcard_parts(profile: Profile) -> list[tuple[str, int]]:
    """The vCard's optional parts by size in bytes, largest first: what to drop."""
    sizes: dict[str, int] = {}
    text = vcard(profile, None, public=False)
    for line in text.replace("\r\n ", "").split("\r\n"):
        key = line.split(":", 1)[0].split(";", 1)[0]
        name = {"X-SOCIALPROFILE": "links", "NOTE": "identity", "ADR": "contacts.location",
                "TEL": "contacts.phone", "EMAIL": "contacts.email", "ORG": "organization",
                "TITLE": "role"}.get(key)
        if name:
            sizes[name] = sizes.get(name, 0) + len(line.encode("utf-8")) + 2
    return sorted(sizes.items(), key=lambda item: -item[1])


# --- faces --------------------------------------------------------------------------


def faces(profile: Profile, url: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the front and the back say, each in its language.

    The front follows 名刺 order: company, title, the name (largest) with its reading, the
    contacts. A back in the other language is the same card for its readers (a Japanese
    card's English back: Latin name, title, company, contacts in international form); a
    back in the front's language says what you offer instead of repeating the front.
    ``url``: the site, printed without its scheme (an event card's QR code carries the
    event page's path, too long to print or type).
    """
    front_lang = profile.primary
    back_lang = profile.card.back_lang or front_lang
    name = profile.name
    front = {
        "lang": front_lang,
        "organization": _piece(profile.organization, front_lang),
        "role": _piece(profile.role, front_lang),
        "reading": _piece(name.reading, "ja") if front_lang == "ja" and name.is_japanese else None,
        "name": _piece(name.display(front_lang), front_lang),
        "identity": _piece(profile.identity, front_lang),
        "contacts": contact_lines(profile, front_lang, url),
    }
    mirror = back_lang != front_lang
    back: dict[str, Any] = {"lang": back_lang, "mirror": mirror}
    if mirror:
        back.update({
            "name": _piece(name.display(back_lang), back_lang),
            "role": _piece(profile.role, back_lang),
            "organization": _piece(profile.organization, back_lang),
            "identity": _piece(profile.identity, back_lang),
            "contacts": contact_lines(profile, back_lang, url),
        })
    else:
        back.update({
            "heading": ui("offers", back_lang),
            "offers": [_piece(o.title, back_lang) for o in profile.offers[:layout.SHOWN_OFFERS]],
            "contacts": [c for c in contact_lines(profile, back_lang, url) if c["kind"] == "site"],
        })
    return front, back


CONTACT_ORDER = ("phone", "email", "site", "location")  # as Japanese cards list them


def contact_lines(profile: Profile, lang: str, url: str | None) -> list[dict[str, Any]]:
    """The contact block of a face in ``lang``: a label and a value each, the phone number
    in the form that face's readers dial (090-… in Japanese, +81 90-… in English)."""
    shown = profile.contacts.shown("card")
    lines = []
    for kind in CONTACT_ORDER:
        if kind == "site":
            value: Any = short_url(url) if url else None
            label = None
        elif kind in shown:
            value, label = shown[kind].value, shown[kind].label
        else:
            continue
        if value is None:
            continue
        if kind == "phone":
            value = (phone.domestic(value) if lang == "ja"
                     else phone.international(value, japanese=profile.primary == "ja"))
        piece = _piece(value, lang)
        if piece is None:
            continue
        if kind in ("email", "phone", "site"):  # never Japanese, never broken
            piece = {"text": piece["text"], "lang": lang, "html": piece["text"]}
        own = _piece(label, lang) if label is not None else None
        piece.update(kind=kind, label=own["text"] if own else ui("card_label_" + kind, lang))
        lines.append(piece)
    return lines


# --- pages --------------------------------------------------------------------------


def _render_target(r: Renderer, profile: Profile, target: Target, code: QrCode | None,
                   pdf: Any) -> None:
    card = profile.card
    lang = profile.primary
    trim = layout.SIZES[card.size]
    sheet = layout.SHEETS[card.size]
    geo = layout.geometry(card.size, card.orientation, card.design)
    # Every card prints the site's own address; an event card's QR code leads further.
    front, back = faces(profile, r.base_url)
    folder = target.folder
    qr = None
    if code is not None:
        r.add(folder + "qr.svg", code.svg.encode("utf-8"))
        alt_key = "card_qr_vcard" if (card.qr == "vcard" and target.event is None) else "card_qr_url"
        qr = {"mm": code.printed_mm, "module_mm": round(code.module_mm, 3),
              "alt": ui(alt_key, back["lang"], url=target.url or ""),
              "vcard": alt_key == "card_qr_vcard", "target": target.url,
              "src": "qr.svg"}  # every page that shows it sits beside it
    sheet_file = f"sheet-{sheet.name}"
    # Watch and serve leave the PDFs to ``brandkit build``, and link those it made.
    from_build = r.options.pdfs_from_build if pdf is None and printed(target) else None
    kept = from_build or frozenset()

    def has_pdf(name: str) -> bool:  # made now, or kept from the last build by a watch
        return pdf is not None or folder + name in kept

    pdf_names = {"print_pdf": "card-print.pdf", "sheet_pdf": sheet_file + ".pdf"}
    files = {"card": "card.html", "sheet": sheet_file + ".html", "qr": "qr.svg" if qr else None,
             **{key: name if has_pdf(name) else None for key, name in pdf_names.items()},
             "from_build": from_build is not None,
             # An online event's card: no PDFs, its page points to the main card's.
             "main": None if printed(target) else "../" * folder.count("/", len(FOLDER)) + "index.html"}
    event_name = _piece(target.event.name, lang) if target.event is not None else None
    shared = {
        "card": card, "trim": trim, "sheet": sheet, "geo": geo, "front": front, "back": back,
        "qr": qr, "files": files, "event_name": event_name,
        "card_vars": _variables(r.brand, geo, qr),
        "events": [{"name": _piece(t.event.name, lang), "href": t.folder[len(folder):] + "index.html"}
                   for t in targets(profile, r.base_url) if t.event is not None]
        if folder == FOLDER else [],
        "cells": _cells(sheet, geo), "marks": _marks(sheet, geo), "folder": folder,
        "design": geo.design, "pdf_source": False,
        "badges": badge.links(has_pdf) if badge.wanted(target) else [],
    }
    title = ui("card_title", lang) + " — " + profile.name.display(lang)
    if event_name:
        title += " — " + event_name["text"]
    pages = {"index.html": "card/index.html", "card.html": "card/card.html",
             files["sheet"]: "card/sheet.html"}
    for name, template in pages.items():
        page = Page("card", lang, folder + name, title, profile.identity.text(lang))
        r.add(page.path, r.render(template, page, **shared))
    badge.render(r, profile, target, shared, pdf)
    if pdf is not None:
        print_page = Page("card", lang, folder + "card-print.html", title, "")
        source = r.render("card/print.html", print_page, **shared)

        def sheet_html() -> bytes:  # only if WeasyPrint's PDF cannot be imposed
            sheet_page = Page("card", lang, folder + files["sheet"], title, "")
            html = r.render("card/sheet.html", sheet_page, **dict(shared, pdf_source=True))
            return pdf.make_pdf(html, sheet_page.path, r.files())

        print_pdf, sheet_pdf = pdf.make_card_pdfs(source, print_page.path, r.files(),
                                                  sheet_layout(sheet, geo), sheet_html)
        r.add(folder + "card-print.pdf", print_pdf)
        r.add(folder + files["sheet_pdf"], sheet_pdf)


def _variables(brand: dict[str, Any], geo: layout.Geometry, qr: dict[str, Any] | None) -> Any:
    """The card's CSS custom properties: colours, fonts, measures (one ``:root`` rule body)."""
    from markupsafe import Markup

    font = brand.get("font")
    # The user's font name goes inside a CSS string: escape what could end it or the <style>.
    first = ('"' + font.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '", '
             if font else "")
    qr_mm = qr["mm"] if qr else 0
    values = {
        "brand": brand["color"], "on-brand": brand["on_color"], "brand-text": brand["text"],
        "font-ja": first + FONT_STACK, "font-en": first + FONT_EN,
        "w": f"{geo.width:g}mm", "h": f"{geo.height:g}mm",
        "cell-w": f"{max(geo.width, geo.height):g}mm", "cell-h": f"{min(geo.width, geo.height):g}mm",
        "qr": f"{qr_mm:g}mm", "qr-side": f"{qr_mm + layout.QR_GAP_MM if qr else 0:g}mm",
    }
    return Markup(";".join(f"--{k}:{v}" for k, v in values.items()) + ";" + layout.css_variables(geo))


def _cells(sheet: layout.Sheet, geo: layout.Geometry) -> list[dict[str, Any]]:
    """Where each card sits on the sheet: fronts page, then backs mirrored left-right.

    Long-edge duplex flips the paper around its long side, so the back of the card in
    column c lands in column (cols - 1 - c).
    """
    trim_w, trim_h = max(geo.width, geo.height), min(geo.width, geo.height)
    cells = []
    for row in range(sheet.rows):
        for col in range(sheet.cols):
            cells.append({"slot": f"{row}-{col}", "top": round(sheet.top + row * trim_h, 3),
                          "front_left": round(sheet.left + col * trim_w, 3),
                          "back_left": round(sheet.left + (sheet.cols - 1 - col) * trim_w, 3)})
    return cells


def _marks(sheet: layout.Sheet, geo: layout.Geometry) -> str:
    """Cut marks as one SVG path (mm): in the margins, in line with every card edge."""
    return "".join(f"M{x1:g} {y1:g}V{y2:g}" if x1 == x2 else f"M{x1:g} {y1:g}H{x2:g}"
                   for x1, y1, x2, y2 in _mark_lines(sheet, geo))


def _mark_lines(sheet: layout.Sheet, geo: layout.Geometry) -> list[tuple[float, ...]]:
    """The cut marks as lines (x1, y1, x2, y2 in mm from the top left), each vertical
    or horizontal: in the margins, in line with every card edge."""
    trim_w, trim_h = max(geo.width, geo.height), min(geo.width, geo.height)
    right = sheet.left + sheet.cols * trim_w
    bottom = sheet.top + sheet.rows * trim_h
    lines: list[tuple[float, ...]] = []
    for col in range(sheet.cols + 1):
        x = round(sheet.left + col * trim_w, 3)
        lines.append((x, 0, x, round(sheet.top - MARK_GAP_MM, 3)))
        lines.append((x, round(bottom + MARK_GAP_MM, 3), x, sheet.height))
    for row in range(sheet.rows + 1):
        y = round(sheet.top + row * trim_h, 3)
        lines.append((0, y, round(sheet.left - MARK_GAP_MM, 3), y))
        lines.append((round(right + MARK_GAP_MM, 3), y, sheet.width, y))
    return lines


def sheet_layout(sheet: layout.Sheet, geo: layout.Geometry) -> Any:
    """The home sheet for impose.py, in PDF points from the bottom left: the same cells
    and cut marks as the HTML sheet (``_cells``, ``_marks``).

    A portrait card is turned into its landscape cell as card.css turns it: fronts a
    quarter turn to the left, backs to the right.
    """

    pt = 72 / 25.4
    cell_w, cell_h = max(geo.width, geo.height), min(geo.width, geo.height)
    fronts, backs = [], []
    for c in _cells(sheet, geo):
        bottom = sheet.height - c["top"] - cell_h  # the cell's lower edge, from the bottom
        if geo.landscape:
            fronts.append((1, 0, 0, 1, c["front_left"] * pt, bottom * pt))
            backs.append((1, 0, 0, 1, c["back_left"] * pt, bottom * pt))
        else:  # (x, y) → (-y, x) turns left, (x, y) → (y, -x) turns right
            fronts.append((0, 1, -1, 0, (c["front_left"] + cell_w) * pt, bottom * pt))
            backs.append((0, -1, 1, 0, c["back_left"] * pt, (bottom + cell_h) * pt))
    marks = tuple((x1 * pt, (sheet.height - y1) * pt, x2 * pt, (sheet.height - y2) * pt)
                  for x1, y1, x2, y2 in _mark_lines(sheet, geo))
    # Marks as in sheet.html: #444, 0.15 mm.
    return Layout(sheet.width * pt, sheet.height * pt, (tuple(fronts), tuple(backs)), marks,
                  mark_width=MARK_WIDTH_MM * pt, mark_grey=round(0x44 / 255, 3))


STYLES = ("assets/card.css", "assets/card-screen.css")  # inlined into the card pages

FAMILY = Family("card", units, folder=FOLDER.rstrip("/"), inlined=STYLES)


def build_notes(profile: Profile, base_url: str | None, pdf: bool | None) -> tuple[bool, list[str]]:
    """Whether to make PDFs, and what the build should tell the user about the card.

    ``pdf``: None when WeasyPrint is there, True required (``--pdf``), False never.
    """

    notes = []
    reason = pdfmaker.missing() if pdf is not False else None
    if reason and pdf:
        raise BrandkitError(say("pdf_required", install=install_command("pdf")))
    if reason:
        notes.append(reason)
    if profile.card.qr == "url" and not (base_url or profile.site.url):
        notes.append(say("card_no_url"))
    return pdf is not False and reason is None, notes


def pdf_paths(profile: Profile, options: Any) -> list[str]:
    """Every PDF a build with WeasyPrint makes for ``profile`` (render paths, "card/…"):
    what watch and serve, which do not make them, leave in place."""
    base = renderer_base_url(options.base_url or profile.site.url)
    sheet = layout.SHEETS[profile.card.size]
    return [target.folder + name for target in targets(profile, base) if printed(target)
            for name in ("card-print.pdf", f"sheet-{sheet.name}.pdf", *badge.pdf_names())]


def where_note(folder: Any) -> str:
    return say("card_written", path=shown_path(folder / "index.html"))
