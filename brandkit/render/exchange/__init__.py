"""The exchange kit: what you hand over when you meet someone, from the same profile.

Today the site's ``contact.vcf`` (the vCard its *Save contact* button downloads; see
brandkit/render/vcard.py, which the card's QR code also uses). The rest of what is shown
and shared at the moment of meeting — a vCard per language, share images, the phone's
"show my QR" page, backgrounds for online events, badges — belongs here too. Share images
and virtual backgrounds: pictures.py.
"""

from __future__ import annotations

from brandkit.render.exchange import pictures
from brandkit.render.renderer import Renderer
from brandkit.render.units import Family, Unit
from brandkit.render.vcard import VCARD_FILE, vcard


def units(r: Renderer) -> list[Unit]:
    found = [Unit("exchange:vcard", 0.5, _vcard)]
    if r.options.pictures and r.base_url:
        # In the build's own process, as the card's PDFs: WeasyPrint's warnings are
        # logged where the caller listens. ~60 ms a picture not in the cache.
        found.append(Unit("exchange:pictures", 60.0 * len(pictures.pictures(r.site.profile)),
                          pictures.render, here=True))
    return found


def _vcard(r: Renderer) -> None:
    r.add(VCARD_FILE, vcard(r.site.profile, r.base_url).encode("utf-8"))


FAMILY = Family("exchange", units)
