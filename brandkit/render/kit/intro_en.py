"""The parts of an English self-introduction, each field wrapped for its slot: a noun
``now`` becomes "I work on …", a job title "I'm a …", offers one list ("I can offer a, b
and c"), and no "Label:" is ever spoken."""

from __future__ import annotations

from brandkit.render.kit.eventtypes import questions
from brandkit.render.kit.wording import (
    ABOUT,
    ASK,
    CALL,
    KEYWORD,
    MEET,
    NAME,
    NEXT,
    NOW,
    QUESTION,
    REPEAT,
    SAME,
    STRENGTH,
    THANKS,
    WHY,
    Source,
    en_full_name,
    en_short_name,
    first,
    offer_parts,
    overlap,
    plain_sentences,
    split,
    story,
)
from brandkit.text.limits import Part
from brandkit.text.sentence import en as say
from brandkit.text.sentence import short_organization


def _field(text: str, wrap) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(the whole field, its first sentence), the first wrapped for its slot; ("", "")
    when the field stops mid-phrase (``check`` advises)."""
    head, rest = split(text)
    if not head or say.en_unsayable(head):
        return "", ""
    opening = wrap(head)
    return " ".join([opening, *filter(None, (say.en_rest(s) for s in rest))]), opening


def parts(src: Source) -> dict[str, Part]:
    p, kind = src.profile, src.type
    full, short = en_full_name(p), en_short_name(p)
    org = short_organization(src.get(p.organization))
    role = say.en_role(src.get(p.role)) if src.get(p.role) else ""
    identity, now, meet = src.get(p.identity), src.get(p.now), src.get(p.looking_for)
    selling = src.selling
    out: dict[str, Part] = {}
    met = False  # who I'd like to meet said as the reason I came

    hello = "Hi, I'm" if src.event else "I'm"
    names = []
    # With the role when the rest does not say it (``scripts.role_once`` checks).
    if selling and role and org:
        names.append(f"{hello} {full}, {say.article(role)} {role} at {org}.")
    if selling and org:
        names.append(f"{hello} {full} from {org}.")
    names += [f"{hello} {full}.", f"I'm {full}."]
    out["name"] = Part.of(*names, priority=NAME)
    if identity and not say.en_unsayable(identity):
        out["keyword"] = Part.of(say.en_keyword(identity), "", priority=KEYWORD)
        # The full name once more after a long intro (a name heard once is soon lost).
        out["repeat"] = Part.of(say.en_closing(identity, full), say.en_closing(identity, short),
                                "", priority=REPEAT)

    whole, opening = _field(now, say.en_now)
    # No "I work as …" line: the name line says the role when nothing else does.
    doing = [whole, opening] if kind != "mixer" else [opening]  # a mixer hears one plain line
    out["now"] = Part.of(*doing, "", priority=NOW)
    about = [say.en_rest(s) for s in plain_sentences(src.get(p.about))] if p.about else []
    if not selling:
        about = _who(about, org)
    about = [s for s in about if s]
    if about:
        out["about"] = Part.of(*(" ".join(about[:n]) for n in range(len(about), 0, -1)), "",
                               priority=ABOUT)
    _strengths(src, out)

    why, why_first = _field(src.event_get("why"), say.en_why)
    if why:
        # At an event, why I came outranks the detail of my work: it is what makes the
        # intro this event's (the keyword has said what I do).
        out["why"] = Part.of(why, why_first, "", priority=NOW + 5)
    elif meet and selling:
        said, said_first = _field(meet, say.en_meet)
        if src.event:
            said, said_first = (f"Today, {say.lower_first(t)}" if t.startswith("I") else t
                                for t in (said, said_first))
        out["why"] = Part.of(said, said_first, "", priority=WHY)
        meet, met = "", True  # said already
    nxt, nxt_first = _field(src.get(p.next), say.en_next)
    if nxt and selling and overlap(nxt, why) < SAME:
        out["next"] = Part.of(nxt, nxt_first, "", priority=NEXT)
    if selling:
        _offers(src, out)
    if meet and selling:
        said, said_first = _field(meet, say.en_meet)
        if overlap(said, why) < SAME:
            out["meet"] = Part.of(said, said_first, "", priority=MEET + 25 * (kind == "mixer"))
    if selling:
        # The articles' call to action ends a long intro: who should come and talk to me.
        later = " after this" if src.event else ""
        # Who I'd like to meet was said long before (as why I'm here): name both again.
        call = (f"If that sounds like you, please come and say hi{later}." if "meet" in out else
                f"If you're one of the people I'd love to meet, or any of this could help you, "
                f"please come and say hi{later}." if met else f"Please come and say hi{later}.")
        # The plain call second: ``scripts.call_fits`` says it when who I'd like to meet
        # did not fit the slot (a bare "If that sounds like you" would point at nothing).
        out["call"] = Part.of(call, f"Please come and say hi{later}.", "", priority=CALL)
    if selling and p.site.url:  # one place to follow up: the site the card's QR opens
        out["site"] = Part.of("The QR code on my card opens my profile, and you can save my "
                              "contact details from there." if src.event else
                              "There's more about my work and projects on my website, and the "
                              "QR code on my card takes you straight there, so please have a "
                              "look.", "", priority=ASK)
    asked = [q for q, _ in questions(src.event, "en")] if src.event else []
    if asked:
        two = [(f"I'd like to ask you all two things. {asked[0]} And "
                f"{say.lower_first(asked[1])}")] if len(asked) > 1 else []
        out["ask"] = Part.of(*two, f"I'd like to ask you all something, too. {asked[0]}", "",
                             priority=QUESTION)
    _event_parts(src, role, out)
    out["thanks"] = Part.of("Thank you, and nice to meet you!" if src.event else "Thank you!",
                            "Thank you!", priority=THANKS)
    return out


def _strengths(src: Source, out: dict[str, Part]) -> None:
    if not src.selling:
        return
    told = []
    for strength in src.profile.strengths:
        title = say.lower_first(say.en_core(first(src.get(strength.title))))  # one phrase
        if not title or say.en_unsayable(title):
            continue
        n = len(told)
        head = ("One of my strengths is {}.", "Another is {}.", "A third is {}.",
                "And a fourth is {}.")[n].format(title)
        detail = " ".join(say.en_rest(s) for s in split(src.get(strength.detail))[:1] if s)
        told.append((head, detail))
        if n == 3:  # four is what a 3 min has room for (check advises three to five)
            break
    if not told:
        return
    said = [f"{h} {d}".strip() for h, d in told]
    out["strengths"] = Part.of(*(" ".join(said[:n]) for n in range(len(said), 0, -1)),
                               " ".join(h for h, _ in told), "", priority=STRENGTH)
    out["strength1"] = Part.of(said[0], told[0][0], "",
                               priority=STRENGTH + 20 * (src.type == "meetup"))


def _offers(src: Source, out: dict[str, Part]) -> None:
    offers = [(src.get(o.title), src.get(o.detail)) for o in src.offers]
    offers = [(t, d) for t, d in offers if t and not say.en_unsayable(t)]
    if not offers:
        return
    titles = [t for t, _ in offers]
    # With details: each offer said once, by its detail (titles, then the same offers again
    # in detail, sounded like a list read twice).
    told, named = [], []
    for title, detail in offers[:3]:
        opening = split(detail)[0] if detail else ""
        if not opening or say.en_unsayable(opening):
            named.append(title)
        elif say.en_shape(opening) == say.NOUN and say.en_shape(title) in (say.NOUN, say.ING):
            # A fragment that does not name its offer: "I can offer a free on-site check —
            # one hour walking your plant, and three processes you could automate."
            told.append(say.en_end(f"{say.en_offers([title]).rstrip('.')} — "
                                   f"{say.lower_first(say.en_core(opening))}"))
        else:
            told.append(say.en_offer_detail(opening))
    detailed = bool(told)
    if named:  # the rest in one sentence: "I can also offer a and b."
        rest = say.en_offers(named)
        told.append(rest.replace("I can offer", "I can also offer", 1) if told else rest)
    lead = {2: "There are two ways I can help.", 3: "There are three ways I can help."}
    rich = ([" ".join(filter(None, (lead.get(len(offers[:3])), *told)))]
            if detailed and src.type != "mixer" else [])
    plain = [say.en_offers(titles[:n]) for n in (3, 2, 1)]
    offer_parts(src, out, rich, plain, door=" Just come and ask.")


def _event_parts(src: Source, role: str, out: dict[str, Part]) -> None:
    book = src.event_get("book")
    if book:
        out["book"] = Part.of(f"The book I brought is {book}.", priority=WHY + 5)
    reason, reason_first = _field(src.event_get("book_why"), say.en_book_why)
    if reason:
        out["book_why"] = Part.of(reason, reason_first, "", priority=WHY)
    gave = story(src.event_get("book_takeaway"), say.en_takeaway, say.en_unsayable,
                 say.en_rest, " ")
    if gave:
        out["takeaway"] = Part.of(*gave, "", priority=STRENGTH)
    motive = story(src.event_get("motive"), say.en_motive, say.en_unsayable,
                   say.en_rest, " ")
    if motive:
        out["motive"] = Part.of(*motive, "", priority=WHY + 5)
    work = f"In my day job, I'm {say.article(role)} {role}." if role else ""
    if work:
        out["work"] = Part.of(work, "", priority=CALL - 5)
    out["listen"] = Part.of("I'd love to hear what everyone else took from their books.", "",
                            priority=CALL)
    out["contribute"] = Part.of("I'd like to start by helping out wherever I can.", "",
                                priority=CALL)



def _who(told: list[str], org: str) -> list[str]:
    """A reading club or a community hears the person, not the career: the story's first
    sentence (who I am), unless it already names the company."""
    return told[:1] if told and not (org and org in told[0]) else []
