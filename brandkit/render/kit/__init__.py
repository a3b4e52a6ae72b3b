"""The event kit: scripts, rehearsal pages, per-event prep pages, cue cards, landing pages,
follow-up drafts and calendar reminders, from the profile and its events.

Prep material — scripts, rehearsal, the event prep pages and cue cards — is published
with the site (so it is on your phone at the event) but kept out of search: ``noindex``
and not in the sitemap. Only the event landing pages (``e/<slug>/``, where the card's QR
points) are public pages with a canonical address.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from brandkit.profile.model import Event
from brandkit.render.kit import eventtypes, followup, ics, signature, wording
from brandkit.render.kit.scripts import LENGTHS, Script, bios, scripts_for
from brandkit.render.meta import json_for_html
from brandkit.render.page import Page, background_paths, lang_prefix, pretty, relative
from brandkit.render.renderer import Renderer
from brandkit.render.ui import day, ui
from brandkit.render.units import Family, Unit
from brandkit.text import speech

# kind → path below the language prefix ({slug} for event pages)
PATHS = {
    "scripts": "scripts/index.html",
    "rehearse": "rehearse/index.html",
    "event": "events/{slug}/index.html",
    "event-rehearse": "events/{slug}/rehearse/index.html",
    "cards": "events/{slug}/cards/index.html",
    "landing": "e/{slug}/index.html",
}
PUBLIC = {"landing"}
CUE_CARD = {"ja": 220, "en": 80}  # characters / words on one 3×5 in cue card


def kit_path(kind: str, lang: str, primary: str, slug: str = "") -> str:
    return lang_prefix(lang, primary) + PATHS[kind].format(slug=slug)


def units(r: Renderer) -> list[Unit]:
    """The scripts and rehearsal pages, then each event's pages (estimated ms: they
    balance a build's two processes)."""
    langs = len(r.site.profile.lang)
    found = [Unit("kit", 10.0 * langs, _general)]
    for event in r.site.profile.events:
        found.append(Unit(f"kit:event:{event.slug}", 8.0 * langs,
                          lambda r, event=event: _event(r, event)))
    return found


FAMILY = Family("kit", units)


def _general(r: Renderer) -> None:
    for lang in r.site.profile.lang:
        _general_in(r, lang)


def _event(r: Renderer, event: Event) -> None:
    profile = r.site.profile
    for lang in profile.lang:
        _event_in(r, event, lang)
    # The landing pages are the kit's only public pages, so its only sitemap entries.
    r.add_to_sitemap(r.alternate_urls({lang: kit_path("landing", lang, profile.primary,
                                                      event.slug) for lang in profile.lang}))
    prep = r.base_url + pretty(kit_path("event", profile.primary, profile.primary,
                                        event.slug)) if r.base_url else None
    host = (r.base_url or "").split("//", 1)[-1].split("/", 1)[0] or "brandkit.invalid"
    r.add(f"events/{event.slug}/reminders.ics",
          ics.calendar(profile, event, r.options.build_date, host, prep).encode("utf-8"))


def _page(r: Renderer, kind: str, lang: str, event: Event | None) -> Page:
    profile = r.site.profile
    name = profile.name.display(lang)
    slug = event.slug if event else ""
    event_name = event.name.text(lang) if event else ""
    titles = {
        "scripts": ui("kit_scripts_title", lang),
        "rehearse": ui("kit_rehearse_title", lang),
        "event": ui("kit_event_title", lang, event=event_name),
        "event-rehearse": f"{ui('kit_rehearse_title', lang)}: {event_name}",
        "cards": ui("kit_cards_title", lang, event=event_name),
        "landing": ui("kit_landing_title", lang, event=event_name),
    }
    description = profile.identity.text(lang)
    return Page(kind, lang, kit_path(kind, lang, profile.primary, slug),
                f"{titles[kind]} — {name}", description)


def _general_in(r: Renderer, lang: str) -> None:
    """The scripts and rehearsal pages in ``lang``, and the scripts as Markdown."""
    # The language's scripts are worked out once and shared by the pages that show them.
    sig = signature.signature(r.site.profile, lang, r.base_url, r.brand["text"])
    data = {"scripts": scripts_for(r.site.profile, lang), "bios": bios(r.site.profile, lang),
            "signature": sig}
    for kind in ("scripts", "rehearse"):
        _pages(r, kind, None, lang, data)
    # Beside the scripts page, to open and copy (or to give a mail program as a file).
    title = f"{ui('signature', lang)} — {r.site.profile.name.display(lang)}"
    folder = kit_path("scripts", lang, r.site.profile.primary).rsplit("/", 1)[0]
    r.add(f"{folder}/signature.html", signature.document(sig, lang, title).encode("utf-8"))
    r.add(f"{folder}/signature.txt", sig.text.encode("utf-8"))
    r.add(f"scripts/{lang}.md", r.render("kit/scripts.md", _page(r, "scripts", lang, None),
                                         **data, **helpers(lang, _email(r))))


def _event_in(r: Renderer, event: Event, lang: str) -> None:
    """One event's pages in ``lang``, and its prep notes as Markdown."""
    data = _event_context(r, lang, event)
    for kind in ("event", "event-rehearse", "cards", "landing"):
        _pages(r, kind, event, lang, data)
    page = _page(r, "event", lang, event)
    r.add(f"events/{event.slug}/{lang}.md",
          r.render("kit/event.md", page, **data, **helpers(lang, _email(r))))


def _pages(r: Renderer, kind: str, event: Event | None, lang: str, data: dict[str, Any]) -> None:
    """The page of ``kind`` in ``lang``, linked to its other languages; only public kinds
    get canonical URLs (and sitemap entries, see ``_event``)."""
    profile = r.site.profile
    slug = event.slug if event else ""
    paths = {other: kit_path(kind, other, profile.primary, slug) for other in profile.lang}
    urls = r.alternate_urls(paths) if kind in PUBLIC else {}
    page = _page(r, kind, lang, event)
    r.link_alternates(page, paths, urls)
    template = {"scripts": "kit/scripts.html", "rehearse": "kit/rehearse.html",
                "event": "kit/event.html", "event-rehearse": "kit/rehearse.html",
                "cards": "kit/cards.html", "landing": "kit/landing.html"}[kind]
    extra = dict(data)
    if kind == "rehearse":
        extra.update(_rehearse_context(r, page, extra["scripts"], None))
    elif event is not None:
        if kind == "event-rehearse":
            extra.update(_rehearse_context(r, page, extra["scripts"], event))
        elif kind == "cards":
            extra["cue_cards"] = cue_cards(extra["scripts"])
    extra["kit_links"] = _links(r, page, event)
    r.add(page.path, r.render(template, page, **extra, **helpers(lang, _email(r))))


_PLACEHOLDER = re.compile(r"(〔[^〔〕\n]*〕|\[[^\[\]\n]*\])")


def _email(r: Renderer) -> str:
    return followup.public_email(r.site.profile)


def helpers(lang: str, email: str = "") -> dict[str, Any]:
    """Template helpers the kit pages add to the Renderer's context. ``email`` (the
    follow-up drafts' signature) is never published as plain text, as on the site: a
    page shows it reversed for site.js to turn into a mailto: link, Markdown as
    "user (at) host"."""
    from markupsafe import Markup, escape

    user, _, host = email.rpartition("@")
    spelled = f"{user} {ui('email_at', lang)} {host}" if email else ""

    def shown(part: str) -> Markup:
        if not email or email not in part:
            return escape(part)
        link = Markup('<a class="email" href="#" data-email="{}">{}</a>').format(email[::-1], spelled)
        return link.join(escape(piece) for piece in part.split(email))

    def mark_placeholders(text: str) -> Markup:
        """〔…〕 and […] — what the sender fills in — shown as <mark>."""
        return Markup("").join(Markup("<mark>{}</mark>").format(part) if n % 2 else shown(part)
                               for n, part in enumerate(_PLACEHOLDER.split(text)))

    def hide_email(text: str) -> str:
        return text.replace(email, spelled) if email else text

    return {
        "clock": lambda value: speech.clock(value, lang),
        "mark_placeholders": mark_placeholders,
        "hide_email": hide_email,
        "ui_in": lambda other, key, **values: ui(key, other, **values),
        "md_quote": lambda text: "\n".join("> " + line if line else ">"
                                           for line in text.splitlines()),
    }


def _links(r: Renderer, page: Page, event: Event | None) -> dict[str, str]:
    """Relative links from ``page`` to the other kit pages in its language."""
    import posixpath


    here = posixpath.dirname(page.path) or "."
    primary = r.site.profile.primary

    def rel(kind: str, slug: str = "") -> str:
        return relative(kit_path(kind, page.lang, primary, slug), here)

    links = {"scripts": rel("scripts"), "rehearse": rel("rehearse")}
    if event:
        for kind in ("event", "event-rehearse", "cards", "landing"):
            links[kind] = rel(kind, event.slug)
        links["ics"] = relative(f"events/{event.slug}/reminders.ics", here)
        links["md"] = relative(f"events/{event.slug}/{page.lang}.md", here)
    else:
        links["md"] = relative(f"scripts/{page.lang}.md", here)
        for kind in ("html", "txt"):  # beside the scripts page
            links[f"signature_{kind}"] = f"signature.{kind}"
    links["events"] = {e.slug: rel("event", e.slug) for e in r.site.profile.events}
    return links


def _landing_url(r: Renderer, lang: str, event: Event) -> str | None:
    if not r.base_url:
        return None
    return r.base_url + pretty(kit_path("landing", lang, r.site.profile.primary, event.slug))


def _event_context(r: Renderer, lang: str, event: Event) -> dict[str, Any]:
    profile = r.site.profile
    landing = _landing_url(r, lang, event)
    scripts = scripts_for(profile, lang, event, url=landing)
    return {
        "event": event, "scripts": scripts, "type_label": eventtypes.LABELS[event.type][lang],
        "tips": eventtypes.TIPS[event.type][lang],
        "questions": eventtypes.questions(event, lang),
        "offers": wording.event_offers(profile, event),  # the ones to mention here, in order
        "drafts": followup.drafts(profile, event, {other: _landing_url(r, other, event)
                                                   for other in profile.lang}),
        "jargon": jargon(scripts) if event.type == "mixer" else [],
        "event_day": day(event.date, lang), "landing_url": landing,
        "reminders": sorted(set(profile.followup.reminders)),
        "backgrounds": _backgrounds(r, lang, event),
    }


def _backgrounds(r: Renderer, lang: str, event: Event) -> list[dict[str, str]]:
    """The virtual backgrounds beside this prep page (render/exchange/pictures.py makes
    them); the text-free ones sit in the primary language's folder only."""
    if not (r.options.pictures and r.base_url and event.wants_background):
        return []
    primary = r.site.profile.primary
    here = posixpath.dirname(kit_path("event", lang, primary, event.slug))
    return [{"href": relative(path, here), "label": ui(f"kit_background_{key}", lang)}
            for key, path in background_paths(lang, primary, event.slug).items()]


def _rehearse_context(r: Renderer, page: Page, scripts: list[Script], event: Event | None) -> dict:
    from markupsafe import Markup


    spoken = [s for s in scripts if s.spoken]
    data = {
        "lang": page.lang,
        "rates": {"ja": speech.JA_PER_MINUTE, "en": speech.EN_PER_MINUTE},
        "scripts": [{
            "key": s.key, "label": ui(f"kit_len_{s.key}", page.lang), "slot": s.slot,
            "thresholds": [round(t, 3) for t in s.thresholds], "own": s.own,
            "sentences": [{"text": text, "ja": c.ja, "en": c.en}
                          for text in s.sentences for c in [speech.count(text)]],
        } for s in spoken],
        "words": {key: ui(f"kit_js_{key}", page.lang) for key in JS_WORDS},
    }
    return {"rehearse_scripts": spoken, "rehearse_data": Markup(json_for_html(data, indent=None)),
            "rehearse_event": event}


JS_WORDS = ("play", "pause", "resume", "ready", "countdown", "playing", "paused", "done",
            "rate", "font", "mirror_on", "mirror_off", "wake_none", "rec_start", "rec_denied",
            "rec_none", "rec_take", "voice_none", "calibrate_start", "calibrate_done",
            "calibrate_bad", "calibrate_reset", "your_pace", "standard_pace", "fullscreen_none",
            "legend", "state_under", "state_green", "state_yellow", "state_red", "estimate",
            "seconds", "minutes", "minutes_even", "ready_touch", "calibrate_start_touch")

# ASCII letters only: in Japanese text an acronym runs straight into kana (AIと教育).
_JARGON = re.compile(r"(?<![A-Za-z])(?:[A-Z]{2,}s?|[A-Z][a-z]+[A-Z][A-Za-z]*)(?![A-Za-z])")


def jargon(scripts: list[Script]) -> list[str]:
    """Acronyms and CamelCase words a cross-industry listener may not know (AI, EdTech)."""
    found: dict[str, None] = {}
    for script in scripts:
        for word in _JARGON.findall(script.text):
            found.setdefault(word)
    return sorted(found)


def cue_cards(scripts: list[Script]) -> list[dict[str, Any]]:
    """The 30 s, 60 s and 3 min scripts on 3×5 in cards: as few cards as hold the script,
    filled evenly, split only between sentences."""
    import math

    cards = []
    for script in scripts:
        if script.key not in ("30s", "60s", "3min"):
            continue
        sizes = [_card_size(sentence, script.lang) for sentence in script.sentences]
        target = sum(sizes) / max(1, math.ceil(sum(sizes) / CUE_CARD[script.lang]))
        chunks: list[list[str]] = [[]]
        filled = 0
        for sentence, size in zip(script.sentences, sizes):
            if chunks[-1] and filled + size / 2 > target:
                chunks.append([])
                filled = 0
            chunks[-1].append(sentence)
            filled += size
        for i, chunk in enumerate(chunks, 1):
            cards.append({"script": script, "part": i, "parts": len(chunks), "sentences": chunk})
    return cards


def _card_size(sentence: str, lang: str) -> int:
    """Room a sentence takes on a card: characters (Japanese) or words (English)."""
    c = speech.count(sentence)
    return c.ja + c.en * 2 if lang == "ja" else c.en + c.ja // 3


__all__ = ["FAMILY", "LENGTHS", "cue_cards", "jargon", "kit_path"]
