"""``brandkit check`` on the drafted scripts: a draft that fills under 60 % of its slot is
flagged, with the fields that would give it material (the drafts aim for 75–90 %)."""

from __future__ import annotations

from typing import Any

from brandkit.errors import Problem
from brandkit.messages import language, say
from brandkit.profile.model import Event, Profile
from brandkit.render.kit.scripts import scripts_for

SHORT = 0.6  # share of a slot below which a draft sounds thin
CHECKED = ("15s", "30s", "60s", "3min")
# Where more material for a draft comes from, by event type: (profile fields, event fields).
# A reading club's 3 min is a book talk, a community's a personal story.
MATERIAL = {"reading_club": ((), ("book_why", "book_takeaway", "why")),
            "community": ((), ("motive", "why")),
            "": (("about", "next", "strengths", "offers"), ("why",))}
LANGS = {"en": {"ja": "Japanese", "en": "English"}, "ja": {"ja": "日本語", "en": "英語"}}


def advice(profile: Profile, doc: Any) -> list[Problem]:
    """One warning per language and event listing its thin drafts, at the event (or at the
    profile's ``about`` for the drafts without an event)."""
    shown = language()
    out = []
    events = [(None, ("about",) if "about" in doc.data else ())]
    events += [(event, ("events", i)) for i, event in enumerate(profile.events)]
    for event, path in events:
        for lang in profile.lang:
            thin = [f"{s.key} {round(100 * s.seconds / s.slot)} %"
                    for s in scripts_for(profile, lang, event)
                    if not s.own and s.key in CHECKED and s.seconds < SHORT * s.slot]
            if not thin:
                continue
            name = event.name.text(shown) if event else ""
            where = (f"（{name}）" if shown == "ja" else f" for {name}") if name else ""
            out.append(doc.problem(path, say(
                "advice_script_short", lang=LANGS[shown][lang], event=where,
                which=", ".join(thin), fields=", ".join(material(profile, event))),
                warning=True))
    return out


def material(profile: Profile, event: Event | None) -> list[str]:
    """The fields that would give a thin draft more to say: the missing ones first (a
    profile without ``next`` is told to add it), then the ones to write more in."""
    mine, its = MATERIAL.get(event.type if event else "", MATERIAL[""])
    fields = [(name, getattr(profile, name)) for name in mine]
    if event:
        fields += [(name, getattr(event, name)) for name in its]
    missing = [name for name, value in fields if not value]
    return missing + [name for name, value in fields if value]
