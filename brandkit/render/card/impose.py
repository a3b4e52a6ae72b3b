"""Imposition: the home sheet PDF made from the print PDF's own pages.

Laying out a sheet in WeasyPrint means twenty card sides (~0.9 s); the print PDF has the
two sides already drawn. So the sheet is written from the same PDF, in the same
WeasyPrint run (its ``finisher`` hook hands over the ``pydyf.PDF`` before it is
written): each card page becomes a Form XObject clipped to its TrimBox (the bleed and the
crop marks fall outside), drawn once per cell, and the sheet's own cut marks are plain
vector lines. Fonts, the QR code and the page resources are the very same objects in
both files, so they are embedded once per file and stay vectors; the sheet costs only
its writing (a few ms), not a second layout nor a second font subsetting.

Only the structure WeasyPrint has written since it moved to pydyf is relied on (each
page: one content stream, a Resources reference, a TrimBox). Anything else raises
``Unsupported`` and the caller lays the sheet out as HTML instead, slower but right.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from brandkit.record import record

VERSION = 1  # part of the sheet's cache key: raise it when the sheets written here change

Matrix = tuple[float, float, float, float, float, float]  # PDF ``cm`` operands
Line = tuple[float, float, float, float]  # x1, y1, x2, y2


class Unsupported(Exception):
    """The PDF is not laid out the way this module expects."""


@record(frozen=True)
class Layout:
    """A sheet in PDF points (origin bottom-left): one sheet page per source page.

    ``pages[i]`` lists where copies of source page ``i`` go: each matrix maps the page's
    TrimBox, moved to the origin, onto the sheet (a turn for a portrait card included).
    """

    width: float
    height: float
    pages: tuple[tuple[Matrix, ...], ...]
    marks: tuple[Line, ...] = ()
    mark_width: float = 0.0
    mark_grey: float = 0.0

    def key(self) -> bytes:
        """A stable description for cache keys."""
        return f"impose-{VERSION}:{self!r}".encode()


def finisher(layout: Layout, out: dict[str, Any]) -> Callable[[Any, Any], None]:
    """A WeasyPrint ``write_pdf(finisher=…)`` that stores the sheet in ``out["sheet"]``
    (None when the PDF cannot be imposed). It leaves the print PDF untouched."""

    def finish(document: Any, pdf: Any) -> None:
        try:
            sources = _sources(pdf, len(layout.pages))
        except Unsupported:
            out["sheet"] = None
            return
        out["sheet"] = impose(pdf, sources, layout)

    return finish


def _sources(pdf: Any, count: int) -> list[tuple[int, Any, bytes, list[float]]]:
    """Each page's (content stream number, stream, Resources reference, TrimBox)."""
    try:
        kids = list(pdf.pages["Kids"])
        numbers = [int(n) for n in kids[::3]]  # "n 0 R" kept as three items
        if len(numbers) != count or kids[2::3] != ["R"] * count:
            raise Unsupported(f"{len(numbers)} pages, the sheet wants {count}")
        found = []
        for number in numbers:
            page = pdf.objects[number]
            contents, resources = page["Contents"], page["Resources"]
            if not (isinstance(contents, bytes) and isinstance(resources, bytes)):
                raise Unsupported("contents or resources not a single reference")
            stream = pdf.objects[_number(contents)]
            trim = [float(v) for v in page.get("TrimBox") or page["MediaBox"]]
            if not hasattr(stream, "stream") or len(trim) != 4:
                raise Unsupported("unexpected page")
            found.append((stream.number, stream, resources, trim))
        return found
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise Unsupported(str(exc)) from exc


def _number(reference: bytes) -> int:
    number, generation, r = reference.split()
    if generation != b"0" or r != b"R":
        raise Unsupported(f"reference {reference!r}")
    return int(number)


def impose(pdf: Any, sources: list[tuple[int, Any, bytes, list[float]]],
           layout: Layout) -> bytes:
    """The sheet as PDF bytes, sharing ``pdf``'s objects (not modifying them)."""
    import pydyf

    # The sheet is a second pydyf.PDF over the same objects at the same numbers: the
    # references inside them are already written out as "n 0 R". The print PDF's page
    # dictionaries and content streams are replaced, at their numbers, by the sheet's
    # pages and the card Form XObjects, so nothing in the sheet is left unused.
    sheet = pydyf.PDF()
    sheet.objects = list(pdf.objects)
    sheet.pages = _replace(sheet, pdf.pages.number, pydyf.Dictionary(
        {"Type": "/Pages", "Kids": pydyf.Array(pdf.pages["Kids"]), "Count": len(sources)}))
    catalog = {"Type": "/Catalog", "Pages": sheet.pages.reference}
    catalog.update((k, v) for k, v in pdf.catalog.items() if k in ("Lang", "OutputIntents"))
    sheet.catalog = _replace(sheet, pdf.catalog.number, pydyf.Dictionary(catalog))
    sheet.info = pydyf.Dictionary(dict(pdf.info))

    page_numbers = [int(n) for n in list(pdf.pages["Kids"])[::3]]
    for (number, stream, resources, trim), placements, page_number in zip(
            sources, layout.pages, page_numbers):
        x0, y0, x1, y1 = trim
        form = pydyf.Stream(stream.stream, {
            "Type": "/XObject", "Subtype": "/Form",
            "BBox": pydyf.Array([x0, y0, x1, y1]),  # clips away the bleed and crop marks
            "Matrix": pydyf.Array([1, 0, 0, 1, -x0, -y0]),  # the trim's corner at 0, 0
            "Resources": resources,
        }, compress=stream.compress)
        _replace(sheet, number, form)
        ops = [b"q %s cm /Card Do Q" % _numbers(m) for m in placements]
        ops += _mark_ops(layout)
        content = pydyf.Stream(ops, compress=stream.compress)
        sheet.add_object(content)
        _replace(sheet, page_number, pydyf.Dictionary({
            "Type": "/Page", "Parent": sheet.pages.reference,
            "MediaBox": pydyf.Array([0, 0, round(layout.width, 3), round(layout.height, 3)]),
            "Contents": content.reference,
            "Resources": pydyf.Dictionary({"XObject": pydyf.Dictionary({"Card": form.reference})}),
        }))
    output = io.BytesIO()
    # As WeasyPrint writes by default: PDF 1.7, compressed object streams, no identifier.
    sheet.write(output, b"1.7", False, compress=True)
    return output.getvalue()


def _replace(pdf: Any, number: int, obj: Any) -> Any:
    obj.number = number
    pdf.objects[number] = obj
    return obj


def _numbers(values: tuple[float, ...]) -> bytes:
    # Fixed-point: PDF has no exponent notation, which "g" would use for tiny values.
    return " ".join(f"{v:.4f}".rstrip("0").rstrip(".") for v in values).encode()


def _mark_ops(layout: Layout) -> list[bytes]:
    if not layout.marks:
        return []
    grey = _numbers((layout.mark_grey,))
    ops = [b"q", b"%s %s %s RG" % (grey, grey, grey), b"%s w" % _numbers((layout.mark_width,))]
    for x1, y1, x2, y2 in layout.marks:
        ops.append(b"%s m %s l" % (_numbers((x1, y1)), _numbers((x2, y2))))
    ops += [b"S", b"Q"]
    return ops
