"""Checks that span fields or touch the disk: names, paths, slugs, themes, evidence."""

from __future__ import annotations

import re
from pathlib import Path

from brandkit.errors import Problem
from brandkit.messages import say
from brandkit.profile.fields import _SLUG as SLUG
from brandkit.profile.fields import close_match
from brandkit.profile.model import Image, PortfolioItem, Site
from brandkit.profile.paths import (
    CARD_OUTPUT,
    image_place_problem,
    image_type_problem,
    overlaps,
    path_text_problem,
)
from brandkit.profile.theme import check_chain, theme_names
from brandkit.profile.yamlload import Doc


def check_site(site: Site, doc: Doc) -> list[Problem]:
    profile, folder = site.profile, Path(site.folder)
    problems: list[Problem] = []
    add = problems.append

    if len(set(profile.lang)) != len(profile.lang):
        add(doc.problem(("lang",), say("dup_lang"), ", ".join(profile.lang)))
    name = profile.name
    if not (name.full or (name.family and name.given) or name.latin):
        missing = "given" if name.family else "family"
        add(doc.problem(("name", missing), say("required"),
                        hint=say("required_hint", name=missing)))
    if name.reading and name.family and name.given and len(name.reading.split()) < 2:
        add(doc.problem(("name", "reading"), say("reading_parts"), name.reading))

    slugs = {item.slug for item in site.portfolio}
    for i, strength in enumerate(profile.strengths):
        evidence = strength.evidence
        if evidence and ":" not in evidence and evidence not in slugs:
            add(doc.problem(("strengths", i, "evidence"), say("no_portfolio_item", slug=evidence),
                            hint=close_match(evidence, sorted(slugs))))

    output = profile.site.output
    outputs = (CARD_OUTPUT,)  # folders no image may come from
    wrong = path_text_problem(output)
    if wrong:
        add(doc.problem(("site", "output"), wrong[0], output, hint=wrong[1]))
    elif (not output or output.startswith(("/", "~")) or "\\" in output
            or ".." in output.split("/") or Path(output) == Path(".")):
        add(doc.problem(("site", "output"), say("bad_output"), output))
    elif overlaps(folder / output, folder / CARD_OUTPUT):
        add(doc.problem(("site", "output"), say("bad_output_card", card=CARD_OUTPUT), output,
                        hint=say("bad_output_card_hint")))
    else:
        outputs = (output, CARD_OUTPUT)
    if profile.photo is not None:
        problems += check_image(profile.photo, folder, doc, ("photo",), outputs)

    names = theme_names(folder)
    if profile.brand.theme not in names:
        add(doc.problem(("brand", "theme"), say("bad_theme"), profile.brand.theme,
                        hint=close_match(profile.brand.theme, names)
                        or say("known_keys", names=", ".join(names))))
    else:  # its theme.yaml and its parents': the renderers rely on a valid chain
        problems += check_chain(profile.brand.theme, folder)

    back = profile.card.back_lang
    if back and back not in profile.lang:  # the back would quietly fall back to another language
        add(doc.problem(("card", "back_lang"), say("card_back_lang", lang=back,
                                                   langs=", ".join(profile.lang)),
                        back, hint=say("add_lang_hint", lang=back)))

    seen: dict[str, int] = {}
    for i, event in enumerate(profile.events):
        if event.slug is None:
            event.slug = event_slug(event.date.isoformat(), event.name.text("en"))
        if event.slug in seen:
            add(doc.problem(("events", i, "slug" if "slug" in raw_event(doc, i) else "name"),
                            say("dup_slug", slug=event.slug),
                            hint=say("dup_slug_hint", other=f"events[{seen[event.slug]}]")))
        seen[event.slug] = i
        # From the YAML list itself: an item that was not a number is reported already,
        # and the model's list, without it, would point at the wrong line.
        raw = raw_event(doc, i).get("offers") if event.offers else None
        for j, number in enumerate(raw if isinstance(raw, list) else ()):
            if isinstance(number, int) and not 1 <= number <= len(profile.offers):
                add(doc.problem(("events", i, "offers", j),
                                say("event_offer_number", count=len(profile.offers)), number,
                                hint=say("event_offer_number_hint")))

    return problems


def raw_event(doc: Doc, i: int) -> dict:
    """The YAML mapping of ``events[i]``, or {} when the model's events no longer line up
    with the file's (an item that was not an event is reported already and left out)."""
    events = doc.data.get("events") if isinstance(doc.data, dict) else None
    if not isinstance(events, list) or any(not isinstance(e, dict) for e in events):
        return {}
    return events[i] if i < len(events) else {}


def check_item(item: PortfolioItem, folder: Path, doc: Doc) -> list[Problem]:
    """What a portfolio file needs beyond its own fields: a usable slug, an image that
    exists inside the site ``folder``. Checked as each file is read."""
    problems = []
    if not SLUG.match(item.slug):  # the rule `slug:` fields are checked with
        problems.append(Problem(doc.file, 1, 1, "", say("bad_slug"), item.slug))
    if item.image is not None:
        problems += check_image(item.image, folder, doc, ("image",))
    return problems


def event_slug(day: str, name: str) -> str:
    """``2026-12-05`` + "EdTech Study Night" → ``2026-12-05-edtech-study-night``."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    tail = "-".join(words)[:40].strip("-")
    return f"{day}-{tail}" if tail else day


def check_image(image: Image, folder: Path, doc: Doc, path: tuple,
                outputs: tuple[str, ...] = (CARD_OUTPUT,)) -> list[Problem]:
    """The file exists, stays inside the site folder (even through symlinks) and is an
    image that may be published: not a dot-file, the profile, the private file or a file
    in an output folder (``outputs``, or any with brandkit's manifest), and its content
    is of the type its name says."""
    # `photo: x.jpg` is reported as `photo`, `photo: {src: x.jpg}` as `photo.src`.
    at = path + ("src",) if isinstance(doc.data.get(path[0]), dict) else path
    target = folder / image.src
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return [doc.problem(at, say("path_missing"), image.src)]
    if not resolved.is_relative_to(folder):
        return [doc.problem(at, say("path_symlink_out"), image.src)]
    # As written and where it leads: `assets/me.png` may be a link into `_card/`.
    for rel in (image.src, resolved.relative_to(folder).as_posix()):
        wrong = image_place_problem(rel, folder, outputs)
        if wrong:
            return [doc.problem(at, wrong, image.src)]
    if not resolved.is_file():  # a folder, a FIFO, a device: never opened
        return [doc.problem(at, say("path_missing"), image.src)]
    found = image_type_problem(resolved, image.src)
    if found:
        return [doc.problem(at, found[0], image.src, hint=found[1])]
    return []
