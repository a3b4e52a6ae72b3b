"""The exchange kit: what you hand over when you meet someone, from the same profile.

Today the site's ``contact.vcf`` (the vCard its *Save contact* button downloads; see
brandkit/render/vcard.py, which the card's QR code also uses). The rest of what is shown
and shared at the moment of meeting — a vCard per language, share images, the phone's
"show my QR" page, backgrounds for online events, badges — belongs here too.
"""

from __future__ import annotations

from brandkit.render.renderer import Renderer
from brandkit.render.units import Family, Unit
from brandkit.render.vcard import VCARD_FILE, vcard


def units(r: Renderer) -> list[Unit]:
    return [Unit("exchange:vcard", 0.5, _vcard)]


def _vcard(r: Renderer) -> None:
    r.add(VCARD_FILE, vcard(r.site.profile, r.base_url).encode("utf-8"))


FAMILY = Family("exchange", units)
