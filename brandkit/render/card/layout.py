"""The business card's geometry, designs and text budget, in millimetres and points.

One table drives both the card's CSS (font sizes, line heights and insets reach the
templates as CSS variables) and ``brandkit check``'s estimate of what fits, so the two
cannot drift apart. Every text box has a number of lines it may take; the budgets are
chosen so that, when each text keeps to its lines, every side of every design fits inside
its text area (tests/render/test_card_layout.py checks that for every size and
orientation). A design is data (``DESIGNS``): where the brand colour goes, how the text
aligns, how large the name is; anything else with a face of a fixed size (a name badge)
can reuse ``Box``, ``Insets`` and ``overflow``.
"""

from __future__ import annotations

from brandkit.record import record
from brandkit.text.fit import lines_needed, width_mm

MM_PER_PT = 25.4 / 72

SAFE_MM = 4.0  # text stays this far inside the trim: cutting drifts by up to ~1 mm
QR_GAP_MM = 3.0  # between the back's text and its QR code
MIN_TEXT_MM = 39.0  # the back's text column beside a landscape QR code, at least
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


# Nothing under 6 pt: the smallest size a card stays readable at arm's length.
BOXES = {
    # front, in 名刺 order: company → title → name with its reading → contacts
    "organization": Box(7.0, 1.3, 1),
    "role": Box(6.5, 1.35, 2),
    "reading": Box(6.0, 1.3, 1),
    "name": Box(15.0, 1.2, 1),
    "identity": Box(7.0, 1.4, 2),
    "contact": Box(6.5, 1.3, 1),
    "label": Box(6.0, 1.3, 1),  # TEL, Mail … before each contact
    # back: the same card for readers of the other language …
    "back_name": Box(11.0, 1.2, 1),
    "back_role": Box(6.5, 1.35, 2),
    "back_organization": Box(7.0, 1.3, 1),
    "back_identity": Box(7.0, 1.4, 2),
    # … or, in the front's language, what you offer
    "heading": Box(6.5, 1.3, 1),
    "offer": Box(7.0, 1.35, 1),
}
# Fixed space between groups (mm), also in the CSS through variables.
GAPS = {"after_header": 2.0, "after_name": 0.6, "before_contacts": 1.5, "after_back_name": 0.8}
MAX_CONTACTS = 4  # phone, email, site, location
LABEL_MM = {"ja": 7.0, "en": 9.5}  # the label column before each contact ("Based in")
LABEL_GAP_MM = 1.2


@record(frozen=True)
class Design:
    """How a card looks; every design shares the boxes above and the same fit checks.

    ``bar_mm``: the brand colour along the front's leading edge inside the trim (it runs
    on into the bleed), 0 for none; ``align``: left or center; ``back``: "brand" fills the
    back with the brand colour, "paper" leaves it white with the brand colour in the text.
    """

    key: str
    bar_mm: float
    align: str
    back: str
    text_gap: float  # from the bar (or the safe edge) to the text


DESIGNS = {
    "bar": Design("bar", 5.0, "left", "brand", 4.5),
    "classic": Design("classic", 0.0, "center", "paper", 0.0),
    "minimal": Design("minimal", 0.0, "left", "paper", 1.0),
}
DEFAULT_DESIGN = "bar"


@record(frozen=True)
class Insets:
    """Where a side's text area sits: mm from each trim edge."""

    top: float
    right: float
    bottom: float
    left: float

    def css(self, prefix: str) -> str:
        return ";".join(f"--{prefix}-{side}:{getattr(self, side):g}mm"
                        for side in ("top", "right", "bottom", "left"))


@record(frozen=True)
class Geometry:
    """One card's measures for a size, an orientation and a design."""

    width: float
    height: float
    design: Design = DESIGNS[DEFAULT_DESIGN]

    @property
    def landscape(self) -> bool:
        return self.width >= self.height

    @property
    def safe_width(self) -> float:
        return self.width - 2 * SAFE_MM

    @property
    def safe_height(self) -> float:
        return self.height - 2 * SAFE_MM

    def front(self) -> Insets:
        """The front's text area: inside the safe zone and clear of the bar, with the
        same white on the far side as between the bar and the text, so that the text sits
        in the middle of the white."""
        d = self.design
        lead = max(SAFE_MM, d.bar_mm + d.text_gap) if d.bar_mm else SAFE_MM + d.text_gap
        if self.landscape:
            return Insets(SAFE_MM, SAFE_MM + d.text_gap, SAFE_MM, lead)
        return Insets(lead, SAFE_MM, SAFE_MM, SAFE_MM)

    def front_width(self) -> float:
        i = self.front()
        return self.width - i.left - i.right

    def front_height(self) -> float:
        i = self.front()
        return self.height - i.top - i.bottom

    def who_top(self) -> float:
        """Where the name's group starts: below a full company and title, lowered by a
        third of the room the side has to spare (a portrait card has ~35 mm), so that a
        tall card does not crowd its text at the top over an empty middle."""
        return round(who_top() + max(0.0, self.front_height() - front_height()) / 3, 2)

    def back_text_width(self, qr_mm: float) -> float:
        return self.safe_width - (qr_mm + QR_GAP_MM if self.landscape and qr_mm else 0)

    def back_text_height(self, qr_mm: float) -> float:
        return self.safe_height - (0 if self.landscape or not qr_mm else qr_mm + QR_GAP_MM)

    def qr_room(self) -> float:
        """The largest QR code (quiet zone included) this side can hold."""
        if self.landscape:
            return round(min(self.safe_height, self.safe_width - QR_GAP_MM - MIN_TEXT_MM), 1)
        return round(min(self.safe_width, self.safe_height - QR_GAP_MM - back_height("mirror")), 1)


def geometry(size: str, orientation: str, design: str = DEFAULT_DESIGN) -> Geometry:
    trim = SIZES[size]
    if orientation == "portrait":
        return Geometry(trim.height, trim.width, DESIGNS[design])
    return Geometry(trim.width, trim.height, DESIGNS[design])


def css_variables(geo: Geometry) -> str:
    """The table above as CSS custom properties (``--name-size:15pt`` …)."""
    parts = []
    for name, box in BOXES.items():
        key = name.replace("_", "-")
        parts.append(f"--{key}-size:{box.pt:g}pt;--{key}-leading:{box.leading:g}")
    parts += [f"--{name.replace('_', '-')}:{mm:g}mm" for name, mm in GAPS.items()]
    parts += [f"--label-{lang}:{mm:g}mm" for lang, mm in LABEL_MM.items()]
    parts.append(f"--label-gap:{LABEL_GAP_MM:g}mm;--safe:{SAFE_MM:g}mm;--qr-gap:{QR_GAP_MM:g}mm")
    parts.append(f"--bar:{geo.design.bar_mm:g}mm;--who-top:{geo.who_top():g}mm;"
                 + geo.front().css("front"))
    return ";".join(parts)


def who_top() -> float:
    """Where the name's group starts on the front: below the company and a full title,
    whatever their length, so that the name sits at the same place on every card."""
    b = BOXES
    return round(b["organization"].height_mm() + b["role"].height_mm() + GAPS["after_header"], 2)


def front_height() -> float:
    """The front's text at full budget: company, title, reading, name, identity, contacts."""
    b = BOXES
    return (sum(b[k].height_mm() for k in ("organization", "role", "reading", "name", "identity"))
            + MAX_CONTACTS * b["contact"].height_mm() + GAPS["after_header"]
            + GAPS["after_name"] + GAPS["before_contacts"])


def back_height(mode: str) -> float:
    """The back's text at full budget: "mirror" (name, title, company, identity, contacts) or
    "offers" (the heading, the offers and the site's address)."""
    b = BOXES
    if mode == "mirror":
        return (b["back_name"].height_mm() + GAPS["after_back_name"] + b["back_role"].height_mm()
                + b["back_organization"].height_mm() + GAPS["after_header"]
                + b["back_identity"].height_mm() + GAPS["before_contacts"]
                + MAX_CONTACTS * b["contact"].height_mm())
    return (b["heading"].height_mm() + SHOWN_OFFERS * b["offer"].height_mm()
            + GAPS["before_contacts"] + b["contact"].height_mm())


def label_width(lang: str, label: str) -> float:
    """A contact line's label column: its usual width, wider if the label is."""
    return max(LABEL_MM[lang], width_mm(label, BOXES["label"].pt) + LABEL_GAP_MM)


@record(frozen=True)
class Overflow:
    """One text that does not keep to its lines on one side of the card."""

    side: str  # front | back
    box: str  # a key of BOXES (or of the badge's table)
    field: tuple  # the profile field it comes from, e.g. ("offers", 1, "title")
    text: str
    lines: int  # lines it needs
    excess_mm: float  # how much too long (too wide, for one-line text)


def overflow(side: str, box_name: str, field: tuple, text: str, width: float,
             boxes: dict[str, Box] | None = None) -> Overflow | None:
    """``boxes``: another face's table (the name badge's), else the card's."""
    box = (boxes or BOXES)[box_name]
    lines = lines_needed(text, width, box.pt, box.kind)
    if lines <= box.lines:
        return None
    excess = width_mm(text, box.pt) - box.lines * width
    # Greedy wrapping wastes line ends, so a text can need a line more while its plain
    # width still fits: say at least 1 mm rather than a negative figure.
    return Overflow(side, box_name, field, text, lines, round(max(excess, 1.0), 1))
