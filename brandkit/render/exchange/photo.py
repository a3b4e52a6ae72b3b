"""The photo in the published vCards: a small JPEG, made once per photo.

Address books show a contact's photo in a circle a few dozen pixels wide, and a vCard of
a few KB imports everywhere, so the photo is cut down to at most 256 px a side. Resizing
needs Pillow, which is optional (the ``images`` extra): without it the vCards
have no photo and the build says so once (``build_notes``). The result is kept in the
user's cache (``photo/``) under the hash of the original's bytes, so a build whose photo
did not change never imports Pillow.
"""

from __future__ import annotations

import hashlib
import io
from importlib import util

from brandkit import cache
from brandkit.extras import install_command
from brandkit.messages import say

SIDE = 256  # px, the longer side at most
QUALITY = 80  # JPEG: a 256 px face in ~5-15 KB
_FORMAT = "1"  # bump when the JPEG we make changes, so old cache entries are not reused


def missing() -> bool:
    """Whether Pillow is missing here."""
    return util.find_spec("PIL") is None


def build_notes(has_photo: bool) -> list[str]:
    """What the build tells the user about the vCards' photo (once per build)."""
    if not has_photo or not missing():
        return []
    return [say("vcard_photo_missing", install=install_command("images"))]


def vcard_photo(data: bytes) -> bytes | None:
    """``data`` (the profile's photo, any type Pillow reads) as a JPEG of at most
    256 × 256 px; None without Pillow or when Pillow cannot read it (an SVG)."""
    key = hashlib.sha256(f"{_FORMAT}:{SIDE}:{QUALITY}:".encode() + data).hexdigest()
    stored = cache.load("photo", key, ".jpg")
    if stored is not None and stored.startswith(b"\xff\xd8"):
        return stored
    if missing():
        return None
    made = _shrink(data)
    if made is not None:
        cache.store("photo", key, ".jpg", made)
    return made


def _shrink(data: bytes) -> bytes | None:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 64_000_000:  # a decompression bomb, not a photo
                return None
            image = ImageOps.exif_transpose(image)  # a phone photo stands the right way up
            if image.mode in ("RGBA", "LA", "P"):  # transparency onto white, as a page shows it
                rgba = image.convert("RGBA")
                image = Image.new("RGB", rgba.size, "#ffffff")
                image.paste(rgba, mask=rgba.getchannel("A"))
            image = image.convert("RGB")
            image.thumbnail((SIDE, SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=QUALITY, optimize=True)
            return out.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
