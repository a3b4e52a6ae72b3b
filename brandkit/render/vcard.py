"""vCard 3.0 — the version Android and iOS contacts import — with Japanese readings.

One vCard per language of the site: ``contact.vcf`` in the primary language, and
``<lang>/contact.vcf`` beside each other language's pages (the English page's *Save
contact* saves the Latin name, the English title and organisation). The published ones
may carry the photo; the card's QR code carries the primary one without it.
"""

from __future__ import annotations

import base64

from brandkit.profile.model import Profile
from brandkit.text.fold import fold

VCARD_FILE = "contact.vcf"  # on the site; the card's QR may carry the same vCard


def vcard_path(lang: str, primary: str) -> str:
    """Where the vCard in ``lang`` is published: beside that language's home page."""
    return VCARD_FILE if lang == primary else f"{lang}/{VCARD_FILE}"


def _escape(value: str) -> str:
    # Every line break a profile can hold (CRLF, CR, LF, and Unicode's) becomes "\\n":
    # a raw CR would let profile text start a new property (`x\rTEL:…`).
    value = value.replace("\r\n", "\n")
    for brk in ("\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"):
        value = value.replace(brk, "\n")
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))


def name_parts(profile: Profile, lang: str) -> tuple[str, str]:
    """(family, given) as the vCard's ``N`` holds them in ``lang``: the Latin spelling
    ("Hanako Yamada": given first) for a language other than Japanese, when there is one."""
    name = profile.name
    if lang != "ja" and name.latin:
        parts = name.latin.rsplit(" ", 1)
        return (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")
    family, given = name.family or "", name.given or ""
    if not (family or given):
        parts = (name.full or name.latin or "").rsplit(" ", 1)
        given, family = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")
    return family, given


def vcard(profile: Profile, url: str | None = None, public: bool = True,
          lang: str | None = None, photo: bytes | None = None) -> str:
    """The contact card for ``profile`` in ``lang`` (default the primary language), with
    only the contacts marked ``vcard``; ``photo``: a small JPEG to embed.

    ``public``: the file is published on the site, so a contact must also be allowed on
    the ``site`` (a phone marked card + vcard stays off the web; the card's QR, which is
    handed over in person, uses ``public=False``).
    """
    lang = lang or profile.primary
    name = profile.name
    family, given = name_parts(profile, lang)
    lines = ["BEGIN:VCARD", "VERSION:3.0",
             f"N:{_escape(family)};{_escape(given)};;;",
             f"FN:{_escape(name.display(lang))}"]
    readings = name.readings
    # Readings help a Japanese address book sort and say the name; an English one
    # holds the Latin spelling, which needs none.
    if readings and name.display(lang) != name.latin:
        lines.append(f"X-PHONETIC-LAST-NAME:{_escape(readings[0])}")
        if readings[1]:
            lines.append(f"X-PHONETIC-FIRST-NAME:{_escape(readings[1])}")
        lines.append(f"SORT-STRING:{_escape(name.reading or '')}")
    if name.latin and name.latin != name.display(lang):
        lines.append(f"NICKNAME:{_escape(name.latin)}")
    if profile.organization:
        lines.append(f"ORG:{_escape(profile.organization.text(lang))}")
    if profile.role:
        lines.append(f"TITLE:{_escape(profile.role.text(lang))}")
    shown = profile.contacts.shown("vcard")
    if public:
        site = profile.contacts.shown("site")
        shown = {kind: contact for kind, contact in shown.items() if kind in site}
    if "email" in shown:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(shown['email'].value)}")
    if "phone" in shown:
        lines.append(f"TEL;TYPE=CELL:{_escape(shown['phone'].value)}")
    if "location" in shown:
        place = shown["location"].value
        text = place.text(lang) if hasattr(place, "text") else str(place)
        lines.append(f"ADR;TYPE=WORK:;;;{_escape(text)};;;")
    if url:
        lines.append(f"URL:{_escape(url)}")
    for link in profile.links:
        lines.append(f"X-SOCIALPROFILE;TYPE={_escape(link.service)}:{_escape(link.url)}")
    lines.append(f"NOTE:{_escape(profile.identity.text(lang))}")
    if photo:
        lines.append("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(photo).decode("ascii"))
    lines.append("END:VCARD")
    return "\r\n".join(part for line in lines for part in fold(line)) + "\r\n"
