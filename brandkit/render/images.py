"""Pixel size of PNG, JPEG, GIF, WebP and SVG files, read from their headers.

Width and height on every <img> keep the layout from jumping while images load; reading
a few header bytes avoids a dependency on Pillow.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from brandkit import files


def image_size(path: Path, root: Path) -> tuple[int, int] | None:
    """The size of the image at ``path`` (inside the site folder ``root``), if known."""
    try:  # the header only, and never of a FIFO or a file outside the site
        head = files.read(path, root, 65536, head=True)
    except files.Unreadable:
        return None  # the image is read again to be copied, and refused, located, there
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _webp(head)
    if head.startswith(b"\xff\xd8"):
        return _jpeg(head)
    if path.suffix.lower() == ".svg":
        return _svg(head.decode("utf-8", "replace"))
    return None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30:
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def _svg(text: str) -> tuple[int, int] | None:
    tag = re.search(r"<svg\b[^>]*>", text, re.DOTALL)
    if not tag:
        return None
    attrs = tag.group(0)
    width = re.search(r'\bwidth="([\d.]+)(?:px)?"', attrs)
    height = re.search(r'\bheight="([\d.]+)(?:px)?"', attrs)
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)"', attrs)
    if box:
        return round(float(box.group(1))), round(float(box.group(2)))
    return None
