"""How long each text and how long each list in a profile or portfolio file may be.

A file may hold up to 1 MiB (``yamlload.MAX_BYTES``), but no field needs that much, and
some cost far more than their size: the card lays its texts out, every event becomes a
kit of pages and scripts, every strength is fitted onto the card's back. Each limit fits
the field's use (an identity is one line; a card has room for a few strengths), with room
to spare: what reads best is ``brandkit check``'s advice (advice.py), well below these.
With every field at its limit a build still takes a few seconds
(tests/profile/test_sizes.py builds that profile).

A list over its limit is reported once and cut to it, so that the checks after this one
do bounded work on a file that will not build anyway.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from brandkit.errors import Problem
from brandkit.messages import say
from brandkit.profile.fields import public_fields, yaml_key
from brandkit.profile.model import Link, PortfolioItem, Profile, Text
from brandkit.profile.yamlload import Doc

URL = 1000  # far past any real link (browsers keep 2,000)
ALT = 500

# Characters (code points) in each language of a text; "*" stands for any list item.
# `events.*.scripts.<key>` has the limit of `scripts.<key>`.
TEXTS: dict[str, int] = {
    "name.family": 100, "name.given": 100, "name.reading": 200, "name.latin": 100,
    "name.full": 100,
    "identity": 200,  # one line; advice: ~25 Japanese characters or 8 English words
    "role": 100, "organization": 100,
    "photo.src": 500, "photo.alt": ALT,
    "about": 5000, "now": 1000, "next": 1000, "looking_for": 1000,
    "strengths.*.title": 100, "strengths.*.detail": 500, "strengths.*.evidence": URL,
    "offers.*.title": 100, "offers.*.detail": 500,
    "plain_words.*.word": 50, "plain_words.*.plain": 100,
    "contacts.email.value": 254, "contacts.phone.value": 40, "contacts.location.value": 100,
    "contacts.email.label": 100, "contacts.phone.label": 100, "contacts.location.label": 100,
    "links.*.url": URL, "links.*.label": 100,
    "brand.theme": 100, "brand.color": 7, "brand.font": 63,
    "site.url": 200, "site.output": 200, "site.domain": 253,  # site.url goes in the QR code
    "events.*.name": 200, "events.*.url": URL, "events.*.why": 500,
    "events.*.questions.*": 200, "events.*.place": 200, "events.*.slug": 100,
    "events.*.book": 200, "events.*.book_why": 500, "events.*.motive": 1000,
    # A reading club's 3 min is a book talk: what the book gave you has room for it.
    "events.*.book_takeaway": 1000,
    "events.*.promise": 500,
    # A script is timed (advice: 15 s = 67 Japanese characters or 33 English words,
    # 3 min = 810 or 405); these limits leave room past the slot, never a speech.
    "scripts.keyword": 100, "scripts.10s": 200, "scripts.15s": 300, "scripts.30s": 600,
    "scripts.60s": 1000, "scripts.3min": 3000, "scripts.chat": 500,
    # one of a few words (`lang: ja`, `type: meetup`, `show: [card]`, `size: jp`)
    "lang.*": 2, "events.*.type": 12, "contacts.email.show.*": 5,
    "contacts.phone.show.*": 5, "contacts.location.show.*": 5, "card.size": 2,
    "card.orientation": 9, "card.back_lang": 2, "card.qr": 5, "card.design": 7,
    # portfolio/*.md
    "title": 200, "summary": 500, "tags.*:item": 100, "image.src": 500, "image.alt": ALT,
    "links.*.label:item": 200,
}
# Items in each list.
COUNTS: dict[str, int] = {
    "lang": 10, "strengths": 10, "offers": 10, "plain_words": 30, "links": 30, "events": 10,
    "events.*.questions": 10, "events.*.offers": 10, "contacts.email.show": 3, "contacts.phone.show": 3,
    "contacts.location.show": 3, "followup.reminders": 10,
    "tags:item": 20, "links:item": 20,  # portfolio/*.md
}
BODY = 50_000  # characters of a portfolio item's Markdown (a long article is ~20,000)
# A field this table forgot still has a limit (tests/profile/test_sizes.py lists none).
DEFAULT_TEXT, DEFAULT_COUNT = 1000, 10


def cut_lists(doc: Doc, item: bool = False) -> list[Problem]:
    """A located problem for each list in ``doc`` (a profile, or a portfolio file's front
    matter when ``item``) longer than its limit, cut to it before it is converted: 60,000
    strengths are refused, not first made into 60,000 objects."""
    problems: list[Problem] = []
    for key, limit in COUNTS.items():
        if key.endswith(":item") != item:
            continue
        for value, path in _lists(doc.data, key.removesuffix(":item").split("."), ()):
            if len(value) > limit:
                problems.append(doc.problem(path, say("limit_too_many", count=len(value),
                                                      limit=limit), hint=say("limit_few_hint")))
                for extra in list(value)[limit:] if isinstance(value, dict) else ():
                    del value[extra]  # `links:` is a mapping
                if isinstance(value, list):
                    del value[limit:]
    return problems


def _lists(value: Any, parts: list[str], path: tuple) -> Any:
    """(each list or mapping at the dotted ``parts``, its path) in raw YAML data."""
    if not parts:
        if isinstance(value, (list, dict)):
            yield value, path
        return
    if parts[0] == "*" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _lists(item, parts[1:], path + (i,))
    elif isinstance(value, dict) and parts[0] in value:
        yield from _lists(value[parts[0]], parts[1:], path + (parts[0],))


def check_profile(profile: Profile, doc: Doc) -> list[Problem]:
    """A located problem for each text or list of ``profile`` over its limit."""
    problems: list[Problem] = []
    _walk(profile, (), "", doc, problems)
    return problems


def check_item(item: PortfolioItem, body: str, line: int, doc: Doc) -> list[Problem]:
    """The same for a portfolio file's front matter, and its Markdown ``body`` (which
    starts on ``line``)."""
    problems: list[Problem] = []
    _walk(item, (), ":item", doc, problems)
    if len(body) > BODY:
        problems.append(Problem(doc.file, line, 1, "", say("limit_body", size=len(body),
                                                           limit=BODY), hint=say("limit_hint")))
    return problems


def _pattern(path: tuple) -> str:
    parts = ["*" if isinstance(p, int) else str(p) for p in path]
    if parts[:3] == ["events", "*", "scripts"]:
        parts = parts[2:]
    return ".".join(parts)


def _walk(value: Any, path: tuple, kind: str, doc: Doc, problems: list[Problem]) -> None:
    if isinstance(value, Text):
        limit = _limit(TEXTS, path, kind)
        for lang, text in value.items():
            if len(text) > limit:
                at = path + (lang,) if lang != "*" else path
                problems.append(doc.problem(at, say("limit_too_long", size=len(text),
                                                    limit=limit), text, say("limit_hint")))
    elif isinstance(value, str):
        limit = _limit(TEXTS, path, kind)
        if len(value) > limit:
            problems.append(doc.problem(path, say("limit_too_long", size=len(value),
                                                  limit=limit), value, say("limit_hint")))
    elif isinstance(value, list):
        limit = _limit(COUNTS, path, kind)
        if len(value) > limit:
            problems.append(doc.problem(path, say("limit_too_many", count=len(value),
                                                  limit=limit), hint=say("limit_few_hint")))
            del value[limit:]  # reported: the checks after this one need see no more
        for i, item in enumerate(value):
            if isinstance(item, Link):  # `links:` is a mapping: service → handle or URL
                _walk(item.url, path + (item.service, "url"), kind, doc, problems)
                _walk(item.label, path + (item.service, "label"), kind, doc, problems)
            else:
                _walk(item, path + (i,), kind, doc, problems)
    elif dataclasses.is_dataclass(value):
        for f in public_fields(type(value)):
            _walk(getattr(value, f.name), path + (yaml_key(f),), kind, doc, problems)


def _limit(table: dict[str, int], path: tuple, kind: str) -> int:
    found = _lookup(table, path, kind)
    if found is None:
        return DEFAULT_COUNT if table is COUNTS else DEFAULT_TEXT
    return found


def _lookup(table: dict[str, int], path: tuple, kind: str) -> int | None:
    pattern = _pattern(path)
    if pattern.startswith("links.") and not isinstance(path[1], int):
        pattern = "links.*." + pattern.split(".", 2)[2]  # links: service → handle or URL
    return table.get(pattern + kind, table.get(pattern))
