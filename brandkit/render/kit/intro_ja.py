"""The parts of a Japanese self-introduction (です・ます, family name first), each field
wrapped for its slot: a noun ``now`` becomes 〜を担当しています, a ``why`` ending 〜たい
becomes 今日は、〜たくて参加しました, offers join with や and end 〜ができます."""

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
    first,
    ja_full_name,
    ja_short_name,
    offer_parts,
    overlap,
    plain_sentences,
    split,
    story,
)
from brandkit.text.limits import Part
from brandkit.text.sentence import ja as say
from brandkit.text.sentence import short_organization


def _field(text: str, wrap) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(the whole field, its first sentence), the first wrapped for its slot and the rest
    said in です・ます; ("", "") when the field cannot be said (``check`` advises)."""
    head, rest = split(text)
    if not head or say.ja_unsayable(head):
        return "", ""
    opening = wrap(head)
    return opening + "".join(say.ja_rest(s) for s in rest), opening


def parts(src: Source) -> dict[str, Part]:
    p, kind = src.profile, src.type
    full, short = ja_full_name(p), ja_short_name(p)
    org = short_organization(src.get(p.organization))
    role = say.ja_brackets(say.ja_core(src.get(p.role)))
    identity, meet = src.get(p.identity), src.get(p.looking_for)
    selling = src.selling
    out: dict[str, Part] = {}
    met = False  # who I'd like to meet said as the reason I came

    names = ([f"{org}の{full}です。"] if org and selling else []) + [f"{full}です。"]
    hello = "はじめまして、" if src.event else ""
    out["name"] = Part.of(*(hello + n for n in names), *names, priority=NAME)
    if identity and not say.ja_unsayable(identity):
        out["keyword"] = Part.of(say.ja_keyword(identity), "", priority=KEYWORD)
        out["repeat"] = Part.of(say.ja_closing(identity, short), "", priority=REPEAT)

    whole, opening = _field(src.get(p.now), say.ja_now)
    doing = [whole, opening] if kind != "mixer" else [opening]  # a mixer hears one plain line
    if role:
        doing.append(f"現在は{role}として働いています。")
    out["now"] = Part.of(*doing, "", priority=NOW)

    about = [say.ja_rest(s) for s in plain_sentences(src.get(p.about))] if p.about else []
    if not selling:
        about = _who(about, org)
    about = [s for s in about if s]
    if about:
        out["about"] = Part.of(*("".join(about[:n]) for n in range(len(about), 0, -1)), "",
                               priority=ABOUT)
    _strengths(src, out)

    why, why_first = _field(src.event_get("why"), say.ja_why)
    if why:
        # At an event, why I came outranks the detail of my work: it is what makes the
        # intro this event's (the keyword has said what I do).
        out["why"] = Part.of(why, why_first, "", priority=NOW + 5)
    elif meet and selling:
        lead = "今日は、" if src.event else ""
        said, said_first = _field(meet, lambda s: say.ja_meet(s, lead))
        out["why"] = Part.of(said, said_first, "", priority=WHY)
        meet, met = "", True  # said already
    nxt, nxt_first = _field(src.get(p.next), say.ja_next)
    if nxt and selling and overlap(nxt, why) < SAME:  # the same point twice is said once
        out["next"] = Part.of(nxt, nxt_first, "", priority=NEXT)
    if selling:
        _offers(src, out)
    if meet and selling:
        said, said_first = _field(meet, say.ja_meet)
        if overlap(said, why) < SAME:
            out["meet"] = Part.of(said, said_first, "", priority=MEET + 25 * (kind == "mixer"))
    if selling:
        # The articles' call to action ends a long intro: who should come and talk to me.
        later = "このあと" if src.event else ""
        # Who I'd like to meet was said long before (as why I'm here): name both again.
        call = (f"当てはまる方は、ぜひ{later}声をかけてください。" if "meet" in out else
                f"お話ししたい方に当てはまる方や、お役に立てそうなことがあった方は、ぜひ{later}"
                "声をかけてください。" if met else f"{later}ぜひ気軽に声をかけてください。")
        # The plain call second: ``scripts.call_fits`` says it when who I'd like to meet
        # did not fit the slot (a bare 「当てはまる方は」 would point at nothing).
        out["call"] = Part.of(call, f"{later}ぜひ気軽に声をかけてください。", "", priority=CALL)
    if selling and p.site.url:  # one place to follow up: the site the card's QR opens
        out["site"] = Part.of("名刺のQRコードから、私のプロフィールと連絡先をすぐにご覧いただけます。"
                              if src.event else "詳しいことはウェブサイトにまとめていますので、"
                              "名刺のQRコードからぜひのぞいてみてください。", "", priority=ASK)
    asked = [q for q, _ in questions(src.event, "ja")] if src.event else []
    if asked:
        two = [f"皆さんにも伺いたいことが二つあります。{asked[0]}もう一つ、{asked[1]}"] \
            if len(asked) > 1 else []
        out["ask"] = Part.of(*two, f"皆さんにも一つ伺いたいです。{asked[0]}", "",
                             priority=QUESTION)
    _event_parts(src, role, out)
    # At an event, 「今日は」 once: ``scripts.today_once`` drops it when another part says it.
    today = ["今日はどうぞよろしくお願いします。"] if src.event else []
    out["thanks"] = Part.of(*today, "どうぞよろしくお願いします。", "よろしくお願いします。",
                            priority=THANKS)
    return out


def _strengths(src: Source, out: dict[str, Part]) -> None:
    if not src.selling:
        return
    told = []
    for strength in src.profile.strengths:
        title = say.ja_brackets(say.ja_core(first(src.get(strength.title))))  # one phrase
        if not title or say.ja_shape(title) != say.NOUN or say.ja_unsayable(title):
            continue
        n = len(told)
        head = (f"強みは、{title}です。", f"もう一つの強みは、{title}です。",
                f"さらに、{title}も強みです。", f"それから、{title}も得意です。")[n]
        detail = "".join(say.ja_rest(s) for s in split(src.get(strength.detail))[:1] if s)
        told.append((head, detail))
        if n == 3:  # four is what a 3 min has room for (check advises three to five)
            break
    if not told:
        return
    said = [h + d for h, d in told]
    out["strengths"] = Part.of(*("".join(said[:n]) for n in range(len(said), 0, -1)),
                               "".join(h for h, _ in told), "", priority=STRENGTH)
    out["strength1"] = Part.of(said[0], told[0][0], "",
                               priority=STRENGTH + 20 * (src.type == "meetup"))


def _offers(src: Source, out: dict[str, Part]) -> None:
    offers = [(src.get(o.title), src.get(o.detail)) for o in src.offers]
    offers = [(t, d) for t, d in offers if t and not say.ja_unsayable(t)]
    if not offers:
        return
    titles = [t for t, _ in offers]
    # With details: each offer said once, by its detail (titles, then the same offers again
    # in detail, sounded like a list read twice).
    told, named = [], []
    for title, detail in offers[:3]:
        said = say.ja_rest(split(detail)[0]) if detail else ""
        if not said:
            named.append(title)
        elif say.ja_shape(first(title)) == say.NOUN and overlap(title, said) < SAME:
            # A detail that does not name its offer: 「無料の現地診断では、工場を…挙げます。」
            told.append(f"{say.ja_brackets(say.ja_core(first(title)))}では、{said}")
        else:
            told.append(said)
    detailed = bool(told)
    if named:  # the rest in one sentence: 「ほかに、AやBもできます。」
        rest = say.ja_offers(named)
        told.append(("ほかに、" + rest.replace("ができます。", "もできます。", 1)) if told else rest)
    lead = {2: "お手伝いできることが二つあります。", 3: "お手伝いできることが三つあります。"}
    rich = ([lead.get(len(offers[:3]), "") + "".join(told)]
            if detailed and src.type != "mixer" else [])
    plain = [say.ja_offers(titles[:n]) for n in (3, 2, 1)]
    offer_parts(src, out, rich, plain, door="いつでも聞いてください。")


def _event_parts(src: Source, role: str, out: dict[str, Part]) -> None:
    """A reading club's book and a community's motive; the job as one line at most."""
    book = src.event_get("book")
    if book:
        title = book if book.startswith("『") else f"『{book}』"
        out["book"] = Part.of(f"持ってきた本は、{title}です。", priority=WHY + 5)
    reason, reason_first = _field(src.event_get("book_why"), say.ja_book_why)
    if reason:
        out["book_why"] = Part.of(reason, reason_first, "", priority=WHY)
    gave = story(src.event_get("book_takeaway"), say.ja_takeaway, say.ja_unsayable,
                 say.ja_rest, "")
    if gave:
        out["takeaway"] = Part.of(*gave, "", priority=STRENGTH)
    motive = story(src.event_get("motive"), say.ja_motive, say.ja_unsayable,
                   say.ja_rest, "")
    if motive:
        out["motive"] = Part.of(*motive, "", priority=WHY + 5)
    # The title, not the company: a community or a reading club hears no pitch.
    work = f"普段は{role}をしています。" if role else ""
    if work:
        out["work"] = Part.of(work, "", priority=CALL - 5)
    out["listen"] = Part.of("皆さんの感想も、ぜひ聞かせてください。", "", priority=CALL)
    out["contribute"] = Part.of("まずは自分にできることから、お手伝いしたいと思っています。", "",
                                priority=CALL)



def _who(told: list[str], org: str) -> list[str]:
    """A reading club or a community hears the person, not the career: the story's first
    sentence (who I am), unless it already names the company."""
    return told[:1] if told and not (org and org in told[0]) else []
