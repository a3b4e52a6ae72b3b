"""Vector QR codes for the business card, cached by payload.

The payload is bytes (a URL, or a vCard as UTF-8) and is encoded in byte mode with no
ECI header: phone cameras read UTF-8 bytes as UTF-8, while an ECI segment trips some of
them up. Level M, a 4-module quiet zone. qrcode encodes; the SVG is its module matrix
as one path on a white square (vector, no Pillow).

Encoding is the slowest part of a card (and importing qrcode alone costs ~26 ms), so
finished SVGs are kept in the user's cache (``qr/``, see brandkit/cache.py) under the
hash of the payload: a build whose QR did not change never imports qrcode.
"""

from __future__ import annotations

import hashlib
import re

from brandkit import cache
from brandkit.record import record

QUIET_ZONE = 4  # modules; the ISO minimum, and what scanners expect
MIN_MODULE_MM = 0.4  # smaller modules blur in home printers and phone cameras
MIN_PRINTED_MM = 15.0  # quiet zone included: below this people miss it on the card
LEVEL = "M"  # survives a smudge or a fold, ~15 % of the code
_FORMAT = "2"  # bump when the SVG we write changes, so old cache entries are not reused
_VIEWBOX = re.compile(r'viewBox="0 0 (\d+) \1"')


@record(frozen=True)
class QrCode:
    payload: bytes
    svg: str  # standalone SVG, sized in mm at ``printed_mm``
    modules: int  # modules per side, quiet zone included

    @property
    def printed_mm(self) -> float:
        """The printed side: at least 15 mm, and modules never under 0.4 mm."""
        return printed_mm(self.modules)

    @property
    def module_mm(self) -> float:
        return round(self.printed_mm / self.modules, 4)


def printed_mm(modules: int) -> float:
    # Rounded up to 0.1 mm so the CSS and the check agree on one number.
    return max(MIN_PRINTED_MM, -(-round(modules * MIN_MODULE_MM * 100) // 10) / 10)


def qr_code(payload: bytes) -> QrCode:
    """The QR code for ``payload`` (from the cache when it was made before)."""
    key = hashlib.sha256(f"{_FORMAT}:{LEVEL}:".encode() + payload).hexdigest()
    stored = cache.load("qr", key, ".svg")
    svg = stored.decode("utf-8", "replace") if stored is not None else None
    match = _VIEWBOX.search(svg) if svg else None
    if svg is None or match is None:  # not cached yet, or a damaged entry
        svg = _make_svg(payload)
        match = _VIEWBOX.search(svg)
        assert match is not None, "qrcode changed its SVG output"
        cache.store("qr", key, ".svg", svg.encode("utf-8"))
    return QrCode(payload, svg, int(match.group(1)))


class TooBig(ValueError):
    """More bytes than the largest QR code (version 40 at level M) holds."""


def _make_svg(payload: bytes) -> str:
    import qrcode
    from qrcode.exceptions import DataOverflowError

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload)  # bytes: byte mode, and qrcode adds no ECI segment
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError) as exc:  # qrcode says "Invalid version (was 41…)"
        raise TooBig(f"{len(payload)} bytes do not fit in one QR code") from exc
    return svg_of(code.get_matrix())


def svg_of(matrix: list[list[bool]]) -> str:
    """The SVG for a module matrix (quiet zone included): a white square, one black path.

    Like qrcode's ``SvgPathFillImage``, but each horizontal run of dark modules is one
    rectangle instead of one per module: the path is ~4× shorter, WeasyPrint draws a
    sheet of ten codes several times faster, and browsers show no seams between modules.
    """
    n = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    size = printed_mm(n)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:g}mm" height="{size:g}mm" '
            f'viewBox="0 0 {n} {n}" shape-rendering="crispEdges">'
            f'<rect width="{n}" height="{n}" fill="#fff"/>'
            f'<path d="{"".join(runs)}" fill="#000"/></svg>\n')


def inline_svg(code: QrCode, label: str) -> str:
    """``code`` as an element for an HTML page: no XML prolog, no printed size (the page's
    CSS sizes it), and ``label`` as its accessible name (escaped here)."""
    from markupsafe import escape

    svg = code.svg.split("?>", 1)[-1].strip()
    size = printed_mm(code.modules)
    return svg.replace(f' width="{size:g}mm" height="{size:g}mm"',
                       f' role="img" aria-label="{escape(label)}"', 1)
