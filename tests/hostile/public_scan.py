"""Look for a value anywhere in a built site, however it was written: as typed, reversed
(the email trick), with HTML entities, percent- or JSON-escaped, phone digits with any
separators, inside PDFs' text and inside QR codes drawn as SVG."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# A QR code drawn as one SVG path of dark modules, in module units: brandkit's card draws
# a run per row ("M4 4h7v1h-7z"), qrcode's SvgPathImage a square per module
# ("M4,4H5V5H4z"). Both are read back into a module grid.
_QR_VIEWBOX = re.compile(r'<svg[^>]*viewBox="0 0 (\d+) (\d+)"[^>]*>(.*?)</svg>', re.S)
_QR_RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-\d+z")
_QR_SQUARE = re.compile(r"M(\d+),(\d+)H(\d+)V(\d+)H\d+z")


def _views(text: str) -> list[str]:
    """``text`` and what it says once entities, percent and JSON escapes are undone."""
    unescaped = html.unescape(text)
    json_decoded = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), unescaped)
    return [text, unescaped, unquote(unescaped), json_decoded, unquote(json_decoded)]


def file_texts(file: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for each readable form of ``file``'s content."""
    data = file.read_bytes()
    text = data.decode("utf-8", errors="replace")
    for i, view in enumerate(_views(text)):
        yield (f"{file.name} (view {i})", view)
    if file.suffix.lower() == ".pdf":
        from io import BytesIO

        from pypdf import PdfReader

        reader = PdfReader(BytesIO(data))
        pdf_text = "\n".join(page.extract_text() or "" for page in reader.pages)
        yield (f"{file.name} (PDF text)", pdf_text)
    for n, code in enumerate(qr_codes(text)):
        yield (f"{file.name} (QR code {n + 1})", code)


def qr_codes(text: str) -> list[str]:
    """What every QR code drawn as an SVG path in ``text`` encodes."""
    found = []
    for match in _QR_VIEWBOX.finditer(text):
        runs = [(int(x), int(y), int(n), 1) for x, y, n in _QR_RUN.findall(match.group(3))]
        runs += [(int(x), int(y), int(x2) - int(x), int(y2) - int(y))
                 for x, y, x2, y2 in _QR_SQUARE.findall(match.group(3))]
        if len(runs) < 20:
            continue
        import zxingcpp
        from PIL import Image, ImageDraw

        width, height = int(match.group(1)), int(match.group(2))
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for x, y, w, h in runs:
            draw.rectangle((x, y, x + w - 1, y + h - 1), fill=0)
        image = image.resize((width * 6, height * 6), Image.NEAREST)
        decoded = [result.text for result in zxingcpp.read_barcodes(image)]
        assert decoded, "a QR code in the output could not be read"
        found += decoded
    return found


def needles(value: str) -> list[str]:
    """The forms a value could take in a file, besides the ones ``_views`` undoes."""
    forms = {value, value[::-1], quote(value), quote(value, safe=""),
             json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=True)[1:-1]}
    return sorted(f for f in forms if len(f) >= 4)


def digits_pattern(digits: str) -> re.Pattern[str]:
    """``digits`` in order with any separators (or none) between them, or reversed:
    a phone number however it was formatted ("080-9876-5432", "+81 80 9876 5432")."""
    sep = r"[\s\-.()/\\]{0,3}"
    return re.compile(f"(?:{sep.join(digits)})|(?:{sep.join(digits[::-1])})")


def find(out: Path, values: dict[str, str], digits: dict[str, str]) -> list[str]:
    """Every place in ``out`` (dot-files included) where a value shows up; ``digits``:
    phone numbers as their national digits, e.g. "8098765432"."""
    hits = []
    patterns = {name: digits_pattern(d) for name, d in digits.items()}
    forms = {name: needles(v) for name, v in values.items()}
    for file in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = file.relative_to(out).as_posix()
        for where, text in file_texts(file):
            for name, options in forms.items():
                for form in options:
                    if form in text:
                        hits.append(f"{rel}: {name} {form!r} in {where}")
            for name, pattern in patterns.items():
                match = pattern.search(text)
                if match:
                    hits.append(f"{rel}: {name} {match.group(0)!r} in {where}")
    return sorted(set(hits))
