"""What a path in the profile may name: no hidden characters, no output folder, and an
image only when it is one.

A path the user wrote ends up in a folder name or in the published site. Control and
bidi characters would hide what it really is; an image path naming the profile, the
private card folder or a dot-file would publish what must stay private (issue 13).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from brandkit.errors import BrandkitError, shown_path
from brandkit.messages import say

CARD_OUTPUT = "_card"  # the card's private folder in the site folder (render/card uses it)
MANIFEST = ".brandkit-manifest.json"  # in every folder brandkit writes (output/folder.py)
# Never an image: the profile, and the private file a later version may keep beside it.
PRIVATE_NAMES = ("profile.yaml", "profile.yml", "private.yaml", "private.yml")
IMAGE_TYPES = ("jpg", "jpeg", "png", "webp", "gif", "svg", "avif")

# C0/C1 controls (Cc), format characters (Cf: bidi embeddings, overrides and isolates,
# U+200E/F marks, zero-width characters, the BOM) and line/paragraph separators.
_HIDDEN_CATEGORIES = ("Cc", "Cf", "Zl", "Zp")


def hidden_char(text: str) -> str | None:
    """The first control or invisible (bidi, zero-width) character in ``text``, as U+XXXX."""
    for char in text:
        if unicodedata.category(char) in _HIDDEN_CATEGORIES:
            return f"U+{ord(char):04X}"
    return None


def path_text_problem(text: str) -> tuple[str, str] | None:
    """(message, hint) when a path's text hides something: a control or bidi character,
    or white space at either end."""
    char = hidden_char(text)
    if char:
        return say("path_hidden_char", char=char), say("path_hidden_char_hint")
    if text != text.strip():
        return say("path_space_ends"), say("path_space_ends_hint")
    return None


def link_text_problem(value: str) -> tuple[str, str]:
    """Why a link with a hidden character (or a backslash) is refused: a link to a file
    in the site is a path and told so; anything else is not a web address."""
    wrong = None if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", value) else path_text_problem(value)
    return wrong or (say("bad_url"), "")


def local_path_problem(value: str) -> tuple[str, str] | None:
    """(message, hint) unless ``value`` is a plain relative path inside the site folder."""
    if value.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", value) or "\\" in value:
        return say("path_absolute"), ""
    wrong = path_text_problem(value)
    if wrong:
        return wrong
    if " " in value:  # it goes into src="…" and sitemaps as it is
        return say("path_space"), say("path_space_hint")
    if ".." in value.split("/"):
        return say("path_outside"), ""
    return None


# --- output folders ---------------------------------------------------------------------


def overlaps(a: Path, b: Path) -> bool:
    """Whether one folder is, holds or sits inside the other (after symlinks; case-blind,
    as on macOS and Windows)."""
    first = [part.casefold() for part in a.resolve().parts]
    second = [part.casefold() for part in b.resolve().parts]
    shorter = min(len(first), len(second))
    return first[:shorter] == second[:shorter]


def check_apart(site_out: Path, card_out: Path) -> None:
    """Raise BrandkitError when the site's output folder overlaps the private card folder:
    the card (phone included) would be published, or the site would replace the card."""
    if overlaps(site_out, card_out):
        raise BrandkitError(say("out_is_card", path=shown_path(site_out),
                                card=shown_path(card_out)) + "; " + say("out_is_card_hint"))


# --- images -----------------------------------------------------------------------------


def image_place_problem(rel: str, folder: Path, outputs: tuple[str, ...]) -> str | None:
    """Why the file at ``rel`` (relative to the site ``folder``) may not be an image:
    a dot-file or dot-folder, the profile or private file, or inside an output folder
    (``outputs``, or any folder holding brandkit's manifest). None when it may."""
    parts = [part for part in rel.split("/") if part not in ("", ".")]
    if any(part.startswith(".") for part in parts):
        return say("image_dot")
    if parts and parts[-1].casefold() in PRIVATE_NAMES:
        return say("image_private")
    target = folder.joinpath(*parts)
    for out in outputs:
        if overlaps(target, folder / out):
            return say("image_in_output", folder=out)
    for depth in range(1, len(parts)):
        if os.path.lexists(folder.joinpath(*parts[:depth], MANIFEST)):
            return say("image_in_output", folder="/".join(parts[:depth]))
    return None


def image_type_problem(path: Path, name: str) -> tuple[str, str] | None:
    """(message, hint) when ``name``'s extension is not an image type, or the content of
    the regular file ``path`` does not match it. None for a real image."""
    ext = name.rsplit(".", 1)[-1].casefold() if "." in name.rsplit("/", 1)[-1] else ""
    types = ", ".join(IMAGE_TYPES)
    if ext not in IMAGE_TYPES:
        return say("image_ext", types=types), say("image_ext_hint", types=types)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            if ext == "svg":
                return _svg_problem(head, handle)
    except OSError as exc:
        return say("read_error", detail=exc.strerror), ""
    if not _MAGIC[ext](head):
        return say("image_content", ext=ext), say("image_content_hint")
    return None


def _avif(head: bytes) -> bool:
    if head[4:8] != b"ftyp":
        return False
    size = min(int.from_bytes(head[:4], "big"), len(head))
    brands = [head[8:12]] + [head[i:i + 4] for i in range(16, size - 3, 4)]
    return any(brand in (b"avif", b"avis") for brand in brands)


_MAGIC = {
    "jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "gif": lambda head: head[:6] in (b"GIF87a", b"GIF89a"),
    "webp": lambda head: head.startswith(b"RIFF") and head[8:12] == b"WEBP",
    "avif": _avif,
}

# Before the root element: an XML declaration, comments, processing instructions and a
# DOCTYPE without an internal subset (entities), in any order, with white space between.
_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^\[>]*>)*",
                     re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]")
# What runs when the file is opened on its own: scripts, event handlers, javascript:
# links. XML quotes every attribute value, so text such as "only = 3" or "javascript:
# the basics" in a <desc> is not mistaken for one.
_ACTIVE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?script\b|\son[a-z]+\s*=\s*[\"']"
                     rb"|=\s*[\"']\s*javascript\s*:", re.IGNORECASE)
_CHUNK = 1 << 20
_OVERLAP = 64  # longer than any match of _ACTIVE that matters (`javascript :` and kin)


def _svg_problem(head: bytes, handle: object) -> tuple[str, str] | None:
    """An SVG is UTF-8 XML whose root is <svg>, with nothing in it that runs."""
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() if prolog else 0:]
    if not _ROOT.match(rest):
        return say("image_content", ext="svg"), say("image_content_hint")
    window = head
    while True:  # the whole file, a chunk at a time: an SVG may be large
        if _ACTIVE.search(window):
            return say("image_svg_active"), say("image_svg_active_hint")
        more = handle.read(_CHUNK)  # type: ignore[attr-defined]
        if not more:
            return None
        window = window[-_OVERLAP:] + more
