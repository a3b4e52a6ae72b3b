"""The business card's geometry and text budget, in millimetres and points.

One table drives both the card's CSS (font sizes and line heights reach the templates
as CSS variables) and ``brandkit check``'s estimate of what fits, so the two cannot
drift apart. Every text box has a number of lines it may take; the budgets are chosen
so that, when each text keeps to its lines, the whole side fits inside the safe zone
(tests/render/test_card_layout.py checks that for every size and orientation).
"""

from __future__ import annotations

from brandkit.record import record
from brandkit.text.fit import lines_needed, width_mm

MM_PER_PT = 25.4 / 72

SAFE_MM = 4.0  # text stays this far inside the trim: cutting drifts by up to ~1 mm
QR_GAP_MM = 3.0  # between the back's text and its QR code
SHOWN_OFFERS = 3  # a card has room for three; the site lists them all


@record(frozen=True)
class Trim:
    """A card size (landscape) and the bleed print shops ask for with it."""

    key: str
    width: float
    height: float
    bleed: float
    label: str


SIZES = {
    "jp": Trim("jp", 91.0, 55.0, 3.0, "91 × 55 mm"),
    "us": Trim("us", 88.9, 50.8, 3.175, "3.5 × 2 in"),  # bleed 1/8 in
    "eu": Trim("eu", 85.0, 55.0, 3.0, "85 × 55 mm"),
}


@record(frozen=True)
class Sheet:
    """A home-printing sheet: 2 × 5 cards with no gaps, at the stock's offsets."""

    name: str  # file name part: sheet-<name>.html
    width: float
    height: float
    left: float
    top: float
    label: str
    cols: int = 2
    rows: int = 5


# Japanese 10-up business-card stock (91 × 55 on A4, 14 / 11 mm), Avery 5371 on US Letter
# (0.75 / 0.5 in); 85 × 55 cards have no one common stock, so they are centred on A4.
SHEETS = {
    "jp": Sheet("a4", 210.0, 297.0, 14.0, 11.0, "A4"),
    "us": Sheet("letter", 215.9, 279.4, 19.05, 12.7, "US Letter"),
    "eu": Sheet("a4", 210.0, 297.0, 20.0, 11.0, "A4"),
}


@record(frozen=True)
class Box:
    """A kind of text on the card: its size, line height and how many lines it may take."""

    pt: float
    leading: float
    lines: int
    kind: str = "text"  # "url" breaks only after a slash

    def line_mm(self) -> float:
        return self.pt * self.leading * MM_PER_PT

    def height_mm(self, lines: int | None = None) -> float:
        return (self.lines if lines is None else lines) * self.line_mm()


BOXES = {
    # front
    "reading": Box(6.0, 1.3, 1),
    "name": Box(14.0, 1.2, 1),
    "identity": Box(8.0, 1.35, 2),
    "role": Box(7.0, 1.3, 2),
    "organization": Box(7.0, 1.3, 1),
    "contact": Box(6.5, 1.35, 1),
    # back
    "back_name": Box(8.0, 1.25, 1),
    "back_identity": Box(6.5, 1.3, 1),
    "heading": Box(6.0, 1.3, 1),
    "offer": Box(7.0, 1.3, 1),
    "strengths": Box(6.5, 1.3, 3),
    "url": Box(6.0, 1.25, 2, "url"),
}
# Fixed space between groups (mm), also in the CSS through variables.
GAPS = {"after_name": 1.0, "before_contacts": 1.5, "after_header": 1.5, "after_offers": 1.5,
        "before_url": 1.0}
MAX_CONTACTS = 3  # email, phone, location


def css_variables() -> str:
    """The table above as CSS custom properties (``--name-size: 14pt`` …)."""
    parts = []
    for name, box in BOXES.items():
        key = name.replace("_", "-")
        parts.append(f"--{key}-size:{box.pt:g}pt;--{key}-leading:{box.leading:g}")
    parts += [f"--{name.replace('_', '-')}:{mm:g}mm" for name, mm in GAPS.items()]
    parts.append(f"--safe:{SAFE_MM:g}mm;--qr-gap:{QR_GAP_MM:g}mm")
    return ";".join(parts)


@record(frozen=True)
class Geometry:
    """One card side's measures for a size and orientation."""

    width: float
    height: float

    @property
    def safe_width(self) -> float:
        return self.width - 2 * SAFE_MM

    @property
    def safe_height(self) -> float:
        return self.height - 2 * SAFE_MM

    @property
    def landscape(self) -> bool:
        return self.width >= self.height

    def back_text_width(self, qr_mm: float) -> float:
        return self.safe_width - (qr_mm + QR_GAP_MM if self.landscape and qr_mm else 0)

    def url_width(self, qr_mm: float) -> float:
        # Landscape: the URL runs along the bottom, right-aligned under the QR code.
        return self.safe_width if self.landscape else max(qr_mm, self.safe_width)

    def qr_room(self) -> float:
        """The largest QR code (quiet zone included) this side can hold."""
        url = BOXES["url"].height_mm() + GAPS["before_url"]
        if self.landscape:
            return round(self.safe_height - url, 1)
        return round(min(self.safe_width, self.safe_height - url - GAPS["after_offers"]
                         - back_text_height()), 1)


def geometry(size: str, orientation: str) -> Geometry:
    trim = SIZES[size]
    if orientation == "portrait":
        return Geometry(trim.height, trim.width)
    return Geometry(trim.width, trim.height)


def front_height() -> float:
    """The front's text at full budget (reading, name, identity, role, organisation, contacts)."""
    b = BOXES
    return (sum(b[k].height_mm() for k in ("reading", "name", "identity", "role", "organization"))
            + MAX_CONTACTS * b["contact"].height_mm() + GAPS["after_name"]
            + GAPS["before_contacts"])


def back_text_height() -> float:
    """The back's text column at full budget (header, offers, strengths)."""
    b = BOXES
    return (b["back_name"].height_mm() + b["back_identity"].height_mm() + GAPS["after_header"]
            + b["heading"].height_mm() + SHOWN_OFFERS * b["offer"].height_mm()
            + GAPS["after_offers"] + b["strengths"].height_mm())


@record(frozen=True)
class Overflow:
    """One text that does not keep to its lines on one side of the card."""

    side: str  # front | back
    box: str  # a key of BOXES
    field: tuple  # the profile field it comes from, e.g. ("offers", 1, "title")
    text: str
    lines: int  # lines it needs
    excess_mm: float  # how much too long (too wide, for one-line text)


def overflow(side: str, box_name: str, field: tuple, text: str, width: float) -> Overflow | None:
    box = BOXES[box_name]
    lines = lines_needed(text, width, box.pt, box.kind)
    if lines <= box.lines:
        return None
    excess = width_mm(text, box.pt) - box.lines * width
    # Greedy wrapping wastes line ends, so a text can need a line more while its plain
    # width still fits: say at least 1 mm rather than a negative figure.
    return Overflow(side, box_name, field, text, lines, round(max(excess, 1.0), 1))
