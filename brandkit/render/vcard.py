"""vCard 3.0 — the version Android and iOS contacts import — with Japanese readings."""

from __future__ import annotations

from brandkit.profile.model import Profile
from brandkit.text.fold import fold

VCARD_FILE = "contact.vcf"  # on the site; the card's QR may carry the same vCard


def _escape(value: str) -> str:
    # Every line break a profile can hold (CRLF, CR, LF, and Unicode's) becomes "\\n":
    # a raw CR would let profile text start a new property (`x\rTEL:…`).
    value = value.replace("\r\n", "\n")
    for brk in ("\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"):
        value = value.replace(brk, "\n")
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))


def vcard(profile: Profile, url: str | None = None, public: bool = True) -> str:
    """The contact card for ``profile``, with only the contacts marked ``vcard``.

    ``public``: the file is published on the site, so a contact must also be allowed on
    the ``site`` (a phone marked card + vcard stays off the web; the card's QR, which is
    handed over in person, uses ``public=False``).
    """
    lang = profile.primary
    name = profile.name
    family = name.family or ""
    given = name.given or ""
    if not (family or given):
        parts = (name.full or name.latin or "").rsplit(" ", 1)
        given, family = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")
    lines = ["BEGIN:VCARD", "VERSION:3.0",
             f"N:{_escape(family)};{_escape(given)};;;",
             f"FN:{_escape(name.display(lang))}"]
    readings = name.readings
    if readings:
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
    lines.append("END:VCARD")
    return "\r\n".join(part for line in lines for part in fold(line)) + "\r\n"
