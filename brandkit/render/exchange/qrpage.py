""""Show my QR": a phone page for the moment you swap contacts.

One large QR code at a time, full screen, black on white with its quiet zone whatever
the theme: your site, the next event's landing page, then every link of the profile, in
the order you listed them. Tap, swipe or press an arrow key for the next. The codes are
inline SVG made at build time (brandkit/render/qr.py), so the page needs nothing but
itself, its CSS and its JS; a small service worker (``sw.js``, beside the page so its
scope is the page's folder) keeps those for offline use, and a web app manifest lets it
be added to the home screen.

``qr/`` and ``<lang>/qr/`` are published; ``_card/qr.html`` is the private twin that
starts with your vCard (the card's, which may carry your phone number) and inlines its
CSS and JS, as a single file to copy to a phone.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from brandkit.profile.model import Event, Profile
from brandkit.record import record
from brandkit.render.page import Page, lang_prefix, qr_path, short_url
from brandkit.render.qr import TooBig, inline_svg, qr_code
from brandkit.render.renderer import Renderer
from brandkit.render.ui import ui
from brandkit.render.vcard import vcard

PRIVATE_PAGE = "card/qr.html"  # "card/…" goes to _card/, beside the site
STYLE, SCRIPT, WORKER = "assets/qr.css", "assets/qr.js", "assets/sw.js"
# The worker is published beside each page (its scope is its folder), never in assets/.
INLINED = (WORKER,)


@record(frozen=True)
class Code:
    """One code of the page: what it is called, and what it holds."""

    label: str
    payload: str
    shown: str  # the address under the code (a vCard: its label again)


def next_event(profile: Profile, today: date) -> Event | None:
    """The first event from today on (the one to show a landing page for)."""
    coming = [event for event in profile.events if event.date >= today]
    return min(coming, key=lambda event: event.date) if coming else None


def codes(profile: Profile, lang: str, base_url: str | None, today: date) -> list[Code]:
    """The public codes in ``lang``: the site, the next event's page, every link."""
    found = []
    prefix = lang_prefix(lang, profile.primary)
    if base_url:
        found.append(Code(ui("qr_site", lang), base_url + prefix, short_url(base_url + prefix)))
        event = next_event(profile, today)
        if event is not None:
            url = f"{base_url}{prefix}e/{event.slug}/"
            found.append(Code(ui("qr_event", lang, event=event.name.text(lang)), url, short_url(url)))
    for link in profile.links:
        found.append(Code(link.label, link.url, short_url(link.url)))
    unique: dict[str, Code] = {}
    for code in found:  # a link to the site itself is shown once
        unique.setdefault(code.payload, code)
    return list(unique.values())


def private_codes(profile: Profile, base_url: str | None, today: date) -> list[Code]:
    """The private page's codes: the vCard in each language (as the card's QR holds it,
    phone and card-only contacts included, no photo), then the public ones."""
    found = []
    for lang in profile.lang:
        label = ui("qr_vcard", lang)
        found.append(Code(label, vcard(profile, base_url, public=False, lang=lang), label))
    return found + codes(profile, profile.primary, base_url, today)


def render(r: Renderer) -> None:
    profile = r.site.profile
    today = r.options.build_date
    for lang in profile.lang:
        _public(r, lang, codes(profile, lang, r.base_url, today))
    lang = profile.primary
    page = Page("qr", lang, PRIVATE_PAGE, _title(profile, lang), "")
    r.add(page.path, r.render("exchange/qr.html", page, codes=_shown(r, private_codes(
        profile, r.base_url, today), lang), private=True, site_link=r.base_url))


def _title(profile: Profile, lang: str) -> str:
    return f"{ui('qr_title', lang)} — {profile.name.display(lang)}"


def _shown(r: Renderer, found: list[Code], lang: str) -> list[dict[str, Any]]:
    """Each code with its SVG (kept in memory by watch and serve, like the card's)."""
    from markupsafe import Markup

    shown = []
    for number, code in enumerate(found, 1):
        payload = code.payload.encode("utf-8")
        try:
            made = r.memo(("qr", payload), lambda payload=payload: qr_code(payload))
        except TooBig:  # a vCard of a very full profile: the page says so instead
            shown.append({"id": f"code-{number}", "label": code.label,
                          "shown": ui("qr_too_big", lang), "svg": None})
            continue
        alt = f"{code.label}: {code.shown}" if code.shown != code.label else code.label
        shown.append({"id": f"code-{number}", "label": code.label, "shown": code.shown,
                      "svg": Markup(inline_svg(made, ui("qr_alt", lang, what=alt)))})
    return shown


def _public(r: Renderer, lang: str, found: list[Code]) -> None:
    profile = r.site.profile
    path = qr_path(lang, profile.primary)
    folder = path.rsplit("/", 1)[0] + "/"
    page = Page("qr", lang, path, _title(profile, lang), profile.identity.text(lang))
    html = r.render("exchange/qr.html", page, codes=_shown(r, found, lang), private=False,
                    site_link=None)
    r.add(path, html)
    up = "../" * folder.count("/")
    manifest = {
        "name": page.title, "short_name": ui("qr_short", lang), "lang": lang,
        "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#ffffff",
        "icons": [{"src": up + "favicon.svg", "sizes": "any", "type": "image/svg+xml"}],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    r.add(folder + "manifest.webmanifest", manifest_bytes)
    # What the worker keeps: the page under both its names, what it links to. Its cache
    # is named after their bytes, so a rebuild that changes any of them replaces it.
    keep = ["./", "index.html", "manifest.webmanifest", up + STYLE, up + SCRIPT,
            up + "favicon.svg"]
    digest = hashlib.sha256(html + manifest_bytes + r.assets[STYLE] + r.assets[SCRIPT]
                            + r.assets["favicon.svg"]).hexdigest()[:16]
    worker = (r.assets[WORKER].decode("utf-8")
              .replace('"__CACHE__"', json.dumps(f"brandkit-qr-{lang}-{digest}"))
              .replace('["__FILES__"]', json.dumps(keep)))
    r.add(folder + "sw.js", worker.encode("utf-8"))
