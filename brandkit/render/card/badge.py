"""The name badge insert (名札): one face for a badge holder, read from 1–2 m away.

Two sizes, one file each (``badge-<size>.html``, and ``badge-<size>.pdf`` with WeasyPrint),
in the main card folder and in the card folder of each in-person event:

* ``card`` — 91 × 55 mm, the 名刺-size holder most Japanese events hand out; it prints on
  the card's own 10-up stock or cuts from plain paper.
* ``a7`` — A7 landscape, 105 × 74 mm, the common larger holder. A7 is A4 halved three
  times, so eight tile A4 exactly (2 × 4, no waste) and it cuts from plain A4.

The face says, largest first: the name with its reading (and the Latin name when the
profile has English too), the keyword line (``identity``), what to talk to you about
(your offers' titles, else ``looking_for``) and the QR code to the site, or on an event's
badge to the event's page. It reuses the card's text table (``layout.Box``), fit estimate
(``layout.overflow``), CSS and PDF path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from brandkit.profile.model import Profile
from brandkit.record import record
from brandkit.render.card import layout
from brandkit.render.card.pieces import piece as _piece
from brandkit.render.page import Page
from brandkit.render.ui import ui

Box = layout.Box


@record(frozen=True)
class BadgeSize:
    """A badge insert: its trim (landscape, mm), margin and smallest QR code side."""

    key: str  # file name part: badge-<key>.html
    width: float
    height: float
    safe: float
    qr_mm: float  # the QR code is drawn at least this large: it is scanned from further
    label: str


SIZES = {
    "card": BadgeSize("card", 91.0, 55.0, 4.0, 20.0, "91 × 55 mm"),
    "a7": BadgeSize("a7", 105.0, 74.0, 5.0, 26.0, "A7 105 × 74 mm"),
}
# The name ≥ 18 pt on both (read from 1–2 m); nothing under 6 pt, as on the card.
BOXES = {
    "card": {
        "reading": Box(7.0, 1.3, 1), "name": Box(24.0, 1.15, 1), "other_name": Box(10.0, 1.2, 1),
        "identity": Box(10.0, 1.35, 2), "ask_label": Box(6.5, 1.3, 1), "ask": Box(9.5, 1.3, 2),
    },
    "a7": {
        "reading": Box(9.0, 1.3, 1), "name": Box(28.0, 1.15, 1), "other_name": Box(13.0, 1.2, 1),
        "identity": Box(11.5, 1.35, 2), "ask_label": Box(8.0, 1.3, 1), "ask": Box(11.5, 1.3, 2),
    },
}
GAP_MM = {"card": 1.2, "a7": 2.0}  # the least above the ask block; twice this above the keyword line
QR_GAP_MM = layout.QR_GAP_MM
ASK_RULE_MM, ASK_PAD_MM = 0.8, 1.6  # the brand-colour rule before the ask block, and its gap


def qr_side(size: BadgeSize, printed_mm: float | None) -> float:
    return max(size.qr_mm, printed_mm) if printed_mm else 0.0


def widths(size: BadgeSize, qr_mm: float, identity: str = "") -> dict[str, float]:
    """Each text's width: the name group the whole face; the keyword line too when it
    ends above the QR code (bottom right), as one line does; the ask block and a keyword
    line of two lines the column beside the QR code."""
    box = BOXES[size.key]["identity"]
    full = size.width - 2 * size.safe
    column = full - (qr_mm + QR_GAP_MM if qr_mm else 0.0)
    one_line = layout.lines_needed(identity, full, box.pt, box.kind) <= 1
    top = top_height(size) - (box.lines - 1) * box.line_mm()
    clear = one_line and top + GAP_MM[size.key] <= size.height - 2 * size.safe - qr_mm
    return {"reading": full, "name": full, "other_name": full,
            "identity": full if clear else column, "ask": column - ASK_RULE_MM - ASK_PAD_MM}


def top_height(size: BadgeSize) -> float:
    """The name group and the keyword line at full budget, from the top of the text area."""
    boxes = BOXES[size.key]
    return (sum(boxes[k].height_mm() for k in ("reading", "name", "other_name", "identity"))
            + 2 * GAP_MM[size.key])


def ask_height(size: BadgeSize) -> float:
    boxes = BOXES[size.key]
    return boxes["ask_label"].height_mm() + boxes["ask"].height_mm()


def _other_lang(profile: Profile) -> str | None:
    return next((lang for lang in profile.lang if lang != profile.primary), None)


def face(profile: Profile, size: BadgeSize, qr_mm: float) -> dict[str, Any]:
    """What the badge says, in the primary language, and where each text comes from."""
    lang = profile.primary
    name = profile.name
    shown = name.display(lang)
    other = _other_lang(profile)
    other_name = name.display(other) if other else None
    ask, field, key = _ask(profile, size, qr_mm, lang)
    return {
        "lang": lang,
        "reading": _piece(name.reading, "ja") if lang == "ja" and name.is_japanese else None,
        "name": _piece(shown, lang),
        "other_name": _piece(other_name, other) if other_name and other_name != shown else None,
        "other_field": ("name", "latin") if other != "ja" and name.latin else ("name",),
        "identity": _piece(profile.identity, lang),
        "ask_label": ui(key, lang) if ask else None,
        "ask": [_piece(text, lang) for text in ask],
        "ask_field": field,
    }


def _ask(profile: Profile, size: BadgeSize, qr_mm: float, lang: str) -> tuple[list[str], tuple, str]:
    """The "ask me about" lines: your offers' titles, one a line, as many as have lines
    (the first always), else who you would like to meet. One title a line reads from a
    distance; titles run together broke mid-phrase (「ご｜紹介」)."""
    box = BOXES[size.key]["ask"]
    width = widths(size, qr_mm)["ask"]
    titles = [o.title.text(lang) for o in profile.offers if o.title.text(lang)]
    if titles:
        shown, used = [titles[0]], layout.lines_needed(titles[0], width, box.pt, box.kind)
        for title in titles[1:]:
            used += layout.lines_needed(title, width, box.pt, box.kind)
            if used > box.lines:
                break
            shown.append(title)
        return shown, ("offers", 0, "title"), "badge_ask"
    if profile.looking_for is not None and profile.looking_for.text(lang):
        return [profile.looking_for.text(lang)], ("looking_for",), "badge_meet"
    return [], (), "badge_ask"


def overflows(profile: Profile, printed_mm: float | None) -> list[layout.Overflow]:
    """Every text on either badge that needs more lines than it has (the ask lines
    together: their box's lines are shared)."""
    found = []
    for size in SIZES.values():
        qr_mm = qr_side(size, printed_mm)
        f = face(profile, size, qr_mm)
        room = widths(size, qr_mm, profile.identity.text(profile.primary))
        fields = {"reading": ("name", "reading"), "name": ("name",), "other_name": f["other_field"],
                  "identity": ("identity",)}
        texts = [(box, field, f[box]["text"]) for box, field in fields.items() if f[box]]
        if f["ask"]:
            texts.append(("ask", f["ask_field"], f["ask"][0]["text"]))
        for box, field, text in texts:
            over = layout.overflow("badge_" + size.key, box, field, text, room[box], BOXES[size.key])
            if over is not None:
                found.append(over)
    return found


def links(has_pdf: Callable[[str], bool]) -> list[dict[str, Any]]:
    """The badge files of a card folder, for its hub page; ``has_pdf(name)``: whether the
    PDF of that name is there (made now, or kept from the last build by a watch)."""
    return [{"label": s.label, "html": f"badge-{s.key}.html",
             "pdf": f"badge-{s.key}.pdf" if has_pdf(f"badge-{s.key}.pdf") else None}
            for s in SIZES.values()]


def pdf_names() -> list[str]:
    return [f"badge-{key}.pdf" for key in SIZES]


def wanted(target: Any) -> bool:
    """A badge for the main card and for every event one meets people at in person."""
    return target.event is None or target.event.type != "online"


def render(r: Any, profile: Profile, target: Any, shared: dict[str, Any], pdf: Any) -> None:
    """``badge-<size>.html`` (and ``.pdf``) into ``target``'s folder. The QR code always
    opens the site (or the event's page), even when the card's holds a vCard: a badge is
    scanned to look you up, and a vCard's larger code would crowd the name."""
    if not wanted(target):
        return
    from brandkit.render.qr import qr_code

    lang = profile.primary
    qr, code = None, None
    if target.url:
        payload = target.url.encode("utf-8")
        code = r.memo(("qr", payload), lambda: qr_code(payload))
        src = "qr.svg"
        if payload != target.qr:  # the card's code is a vCard
            src = "qr-site.svg"
            r.add(target.folder + src, code.svg.encode("utf-8"))
        qr = {"src": src, "alt": ui("card_qr_url", lang, url=target.url)}
    for size in SIZES.values():
        qr_mm = qr_side(size, code.printed_mm if code is not None else None)
        boxes = BOXES[size.key]
        room = widths(size, qr_mm, profile.identity.text(lang))
        identity_right = size.width - 2 * size.safe - room["identity"]
        measures = {"w": f"{size.width:g}mm", "h": f"{size.height:g}mm", "safe": f"{size.safe:g}mm",
                    "qr": f"{qr_mm:g}mm", "qr-side": f"{qr_mm + QR_GAP_MM if qr_mm else 0:g}mm",
                    "badge-identity-right": f"{identity_right:g}mm",
                    "badge-identity-gap": f"{2 * GAP_MM[size.key]:g}mm",
                    "badge-rule": f"{ASK_RULE_MM:g}mm", "badge-pad": f"{ASK_PAD_MM:g}mm"}
        for name, box in boxes.items():
            key = "badge-" + name.replace("_", "-")
            measures[key + "-size"] = f"{box.pt:g}pt"
            measures[key + "-leading"] = f"{box.leading:g}"
        title = ui("badge_title", lang) + " — " + profile.name.display(lang)
        page = Page("card", lang, f"{target.folder}badge-{size.key}.html", title, "")
        context = dict(shared, qr=qr, badge=face(profile, size, qr_mm), size=size,
                       badge_vars=";".join(f"--{k}:{v}" for k, v in measures.items()))
        r.add(page.path, r.render("card/badge.html", page, **context))
        if pdf is not None:
            source = r.render("card/badge.html", page, **dict(context, pdf_source=True))
            r.add(page.path[:-len(".html")] + ".pdf", pdf.make_pdf(source, page.path, r.files()))
