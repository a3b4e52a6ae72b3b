"""The exchange kit: what you hand over when you meet someone, from the same profile.

- a vCard per language (``contact.vcf``, ``en/contact.vcf``…: brandkit/render/vcard.py),
  with a small photo when Pillow is installed (``photo.py``) — what *Save contact* saves;
- "show my QR" (``qr/``, ``en/qr/``: ``qrpage.py``), a phone page that shows one large QR
  code at a time and works offline; its private twin with the vCard's QR code goes to
  ``_card/qr.html``, never into the site;
- share images beside the home and landing pages, and virtual backgrounds for online
  events (``pictures.py``), drawn with the card's PDFs.
"""

from __future__ import annotations

import functools

from brandkit import files
from brandkit.profile.model import Profile
from brandkit.render.exchange import photo, pictures, qrpage
from brandkit.render.renderer import Renderer
from brandkit.render.units import Family, Unit
from brandkit.render.vcard import vcard, vcard_path


def units(r: Renderer) -> list[Unit]:
    langs = len(r.site.profile.lang)
    found = [Unit("exchange:vcard", 0.5 * langs, _vcards),
             Unit("exchange:qr", 4.0 * langs, qrpage.render)]
    if r.options.pictures and r.base_url:
        # A few units, so both processes of a build draw: ~55 ms a PNG not in the cache.
        for key, chosen in pictures.groups(r.site.profile).items():
            found.append(Unit("exchange:pictures:" + key,
                              55.0 * sum(len(p.outputs) for p in chosen),
                              functools.partial(pictures.render, chosen=chosen)))
    return found


def _vcards(r: Renderer) -> None:
    profile = r.site.profile
    jpeg = vcard_jpeg(r)
    for lang in profile.lang:
        text = vcard(profile, r.base_url, lang=lang, photo=jpeg)
        r.add(vcard_path(lang, profile.primary), text.encode("utf-8"))


def vcard_jpeg(r: Renderer) -> bytes | None:
    """The profile's photo, small, for the published vCards (None without Pillow)."""
    image = r.site.profile.photo
    if image is None:
        return None
    if image.src not in r.out.images:  # a watch makes the vCards again when it changes
        r.out.images.append(image.src)
    try:
        data = r.image_bytes(image.src)
    except files.Unreadable:
        return None  # the home page shows the photo, and the build reports it there
    return r.memo(("vcard-photo", data), lambda: photo.vcard_photo(data))


def build_notes(profile: Profile) -> list[str]:
    """What the build says about the exchange kit: no photo in the vCards without Pillow."""
    return photo.build_notes(profile.photo is not None)


FAMILY = Family("exchange", units, inlined=qrpage.INLINED)
