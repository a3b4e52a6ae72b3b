"""The sentences of a self-introduction, in Japanese (です・ます, family name first) and
English, built from the profile's own words.

Each builder returns ``Part``s in speaking order — name, keyword, current work, why I
came, what I want to take on next, what I can offer, who I'd like to meet, and a closing
that repeats the keyword — each with wordings from richest to plainest. ``scripts.py``
picks the wordings that fit a slot. Nothing here cuts a sentence: a part is shortened by
taking its first sentence or a plainer wording, or left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from brandkit.profile.model import Event, Profile, Text
from brandkit.record import record
from brandkit.text.ja import is_japanese
from brandkit.text.limits import Part
from brandkit.text.markdown import markdown_to_plain
from brandkit.text.speech import sentences

# Priorities: what a short slot keeps longest. Name and thanks are never left out by
# choice; the keyword comes next, then why I came (it is what makes a kit event-specific).
NAME, THANKS, KEYWORD, WHY, NOW, OFFER, NEXT, REPEAT, MEET, STRENGTH, ABOUT = (
    100, 95, 90, 80, 70, 65, 60, 55, 50, 35, 30)

# Which parts each length may use at all (a 15 s intro has no room for offers).
PARTS_BY_LENGTH = {
    "15s": {"name", "keyword", "now", "why", "next", "thanks"},
    "30s": {"name", "keyword", "now", "why", "next", "repeat", "thanks"},
    "60s": {"name", "keyword", "now", "why", "next", "offer", "meet", "repeat", "thanks",
            "strength1"},
    "3min": {"name", "keyword", "about", "now", "strengths", "why", "next", "offer", "meet",
             "repeat", "thanks"},
}


@record
class Source:
    """The profile's words for one language (missing ones are "")."""

    lang: str
    profile: Profile
    event: Event | None

    def get(self, value: Text | None) -> str:
        """``value`` in this language only — never the other language's text."""
        if value is None:
            return ""
        if self.lang in value:
            return value[self.lang].strip()
        # One string for every language is the user's choice; a text given per language
        # but not in this one is left out rather than spoken in the other language.
        return value["*"].strip() if "*" in value else ""

    @property
    def type(self) -> str:
        return self.event.type if self.event else ""


# A hobby or volunteer community hears your personal motivation, not your job.
NOT_AT = {"community": {"about", "now", "next", "offer", "meet", "strengths", "strength1"}}


def _allowed(parts: list[tuple[str, Part]], length: str, kind: str) -> list[tuple[str, Part]]:
    allowed = PARTS_BY_LENGTH[length] - NOT_AT.get(kind, set())
    return [(key, part) for key, part in parts if key in allowed]


# --- small text helpers -------------------------------------------------------------------

_JA_END = tuple("。！？」』）")
_EN_END = tuple(".!?\"'”’)")


def ja_sentence(text: str) -> str:
    text = text.strip().rstrip("、,")
    return text if not text or text.endswith(_JA_END) else text + "。"


def en_sentence(text: str) -> str:
    text = text.strip().rstrip(",;:")
    return text if not text or text.endswith(_EN_END) else text + "."


def en_end(text: str) -> str:
    """``text`` + "." unless it already ends with one ("Manabi Lab Inc." stays as it is)."""
    return text if text.endswith(".") else text + "."


@lru_cache(maxsize=64)
def plain_sentences(markdown: str) -> list[str]:
    """The sentences of a Markdown paragraph, as plain text (parsed once per text)."""

    return sentences(markdown_to_plain(markdown))


def first(text: str) -> str:
    found = sentences(text)
    return found[0] if found else ""


def lower_first(text: str) -> str:
    """"Teachers, researchers…" → "teachers, researchers…"; "I want", "AI tools",
    "EdTech" and other names keep their capitals."""
    word = re.match(r"[A-Za-z]+", text)
    if not word or len(word.group()) < 2 or not word.group()[1:].islower() or word.group() == "I":
        return text
    return text[0].lower() + text[1:]


def starts_with_i(text: str) -> bool:
    return bool(re.match(r"I(?:'|’|\s)", text))


def ja_full_name(profile: Profile) -> str:
    name = profile.name
    if name.family and name.given and is_japanese(name.family + name.given):
        return name.family + name.given  # family name first, no space, as Japanese writes it
    return name.display("ja")


def ja_short_name(profile: Profile) -> str:
    name = profile.name
    return name.family if name.family and is_japanese(name.family) else ja_full_name(profile)


def en_full_name(profile: Profile) -> str:
    return profile.name.display("en")


def en_short_name(profile: Profile) -> str:
    name = profile.name
    if name.latin:
        return name.latin.split()[0]
    if name.given and not is_japanese(name.given):
        return name.given
    return en_full_name(profile)


def ja_modifier(identity: str) -> str:
    """The keyword as a phrase before a name: 〜をしています → 〜をしている (山田でした)."""
    text = identity.strip().rstrip("。")
    if re.search(r"[てで]います$", text):
        return text[:-3] + "いる"
    if text.endswith("です"):
        return text[:-2] + "、"
    return f"「{text}」の"


# --- Japanese ------------------------------------------------------------------------------


def ja_parts(src: Source, length: str) -> list[tuple[str, Part]]:
    p, kind = src.profile, src.type
    full, short = ja_full_name(p), ja_short_name(p)
    org, role = src.get(p.organization), src.get(p.role)
    identity, now, nxt = src.get(p.identity), src.get(p.now), src.get(p.next)
    meet, why = src.get(p.looking_for), src.get(src.event.why) if src.event else ""
    selling = kind not in ("community", "reading_club")
    parts: list[tuple[str, Part]] = []

    names = [f"{org}の{full}です。" if org and selling else "", f"{full}です。"]
    hello = "はじめまして、" if src.event else ""
    parts.append(("name", Part.of(*(hello + n for n in names if n), *names, priority=NAME)))
    if identity:
        keyword = ja_sentence(identity) if re.search(r"(?:ます|です)。?$", identity) \
            else f"「{identity.rstrip('。')}」がキーワードです。"
        parts.append(("keyword", Part.of(keyword, "", priority=KEYWORD)))
    if p.about:
        about = plain_sentences(src.get(p.about))
        parts.append(("about", Part.of("".join(about[:2]), "".join(about[:1]), "", priority=ABOUT)))
    doing = [ja_sentence(now), ja_sentence(first(now))] if now else []
    if role:
        doing.append(f"現在は{role}として働いています。")
    parts.append(("now", Part.of(*doing, "", priority=NOW - (25 if kind == "mixer" else 0))))
    strengths = [(src.get(s.title), src.get(s.detail)) for s in p.strengths if src.get(s.title)]
    if strengths and kind in ("", "meetup", "seminar", "online"):
        told = [f"{'強みは' if n == 0 else 'もう一つの強みは' if n == 1 else 'さらに'}「{t}」"
                f"{'です' if n < 2 else 'も強みです'}。{ja_sentence(d)}"
                for n, (t, d) in enumerate(strengths[:3])]
        titles = "」と「".join(t for t, _ in strengths[:2])
        parts.append(("strengths", Part.of("".join(told), "".join(told[:2]), told[0],
                                           f"強みは「{titles}」です。", "", priority=STRENGTH)))
        parts.append(("strength1", Part.of(told[0], f"強みは「{strengths[0][0]}」です。", "",
                                           priority=STRENGTH + 20 * (kind == "meetup"))))
    book = src.get(src.event.book) if src.event else ""
    if book:
        title = book if book.startswith("『") else f"『{book}』"
        parts.append(("why", Part.of(f"今日は{title}を持ってきました。", priority=WHY + 5)))
    if why:
        lead = "今日参加したのは、" if re.search(r"(?:から|ため)(?:です)?。?$", why) else ""
        parts.append(("why", Part.of(lead + ja_sentence(why), lead + first(why), "",
                                     priority=WHY + 5 * (kind == "community"))))
    elif meet and not book:
        parts.append(("why", Part.of("今日は、" + ja_sentence(meet), "", priority=WHY)))
        meet = ""  # said already
    if nxt:
        lead = "" if nxt.startswith(("これから", "今後", "次は")) else "これからは、"
        parts.append(("next", Part.of(lead + ja_sentence(nxt), lead + first(nxt), "",
                                      priority=NEXT - 25 * (not selling))))
    offers = [(src.get(o.title), src.get(o.detail)) for o in p.offers if src.get(o.title)]
    if offers and selling:
        quoted = "".join(f"「{t}」" for t, _ in offers[:2])
        details = [ja_sentence(d) for _, d in offers if d]
        if kind == "meetup":
            share = f"「{offers[0][0]}」など、私からお話しできることもありますので、気軽に声をかけてください。"
            parts.append(("offer", Part.of(share, f"「{offers[0][0]}」でお役に立てます。", "",
                                           priority=OFFER + 5)))
        else:
            rich = ("お手伝いできることとして、" + "".join(details[:3])) if details else ""
            parts.append(("offer", Part.of(rich, f"お手伝いできることは{quoted}です。",
                                           f"「{offers[0][0]}」でお役に立てます。", "",
                                           priority=OFFER)))
    if meet and selling:
        parts.append(("meet", Part.of(ja_sentence(meet), first(meet), "",
                                      priority=MEET + 25 * (kind == "mixer"))))
    if identity:
        parts.append(("repeat", Part.of(f"{ja_modifier(identity)}{short}でした。", "",
                                        priority=REPEAT)))
    parts.append(("thanks", Part.of("どうぞよろしくお願いします。", "よろしくお願いします。",
                                    priority=THANKS)))
    return _allowed(parts, length, kind)


# --- English -------------------------------------------------------------------------------


def en_parts(src: Source, length: str) -> list[tuple[str, Part]]:
    p, kind = src.profile, src.type
    full, short = en_full_name(p), en_short_name(p)
    org, role = src.get(p.organization), src.get(p.role)
    identity, now, nxt = src.get(p.identity), src.get(p.now), src.get(p.next)
    meet, why = src.get(p.looking_for), src.get(src.event.why) if src.event else ""
    selling = kind not in ("community", "reading_club")
    parts: list[tuple[str, Part]] = []

    hello = "Hi, I'm" if src.event else "I'm"
    names = []
    if selling and role and org:
        names.append(en_end(f"{hello} {full}, {role} at {org}"))
    if selling and org:
        names.append(en_end(f"{hello} {full} from {org}"))
    names += [en_end(f"{hello} {full}"), en_end(f"I'm {full}")]
    parts.append(("name", Part.of(*names, priority=NAME)))
    if identity:
        keyword = en_sentence(identity) if starts_with_i(identity) or identity.startswith("My ") \
            else f"In one phrase: {en_sentence(identity)}"
        parts.append(("keyword", Part.of(keyword, "", priority=KEYWORD)))
    if p.about:
        about = plain_sentences(src.get(p.about))
        parts.append(("about", Part.of(" ".join(about[:2]), " ".join(about[:1]), "",
                                       priority=ABOUT)))
    # No "I work as …" fallback: the name line already says the role.
    doing = [en_sentence(now), en_sentence(first(now))] if now else []
    parts.append(("now", Part.of(*doing, "", priority=NOW - (25 if kind == "mixer" else 0))))
    strengths = [(src.get(s.title), src.get(s.detail)) for s in p.strengths if src.get(s.title)]
    if strengths and kind in ("", "meetup", "seminar", "online"):
        told = [f"{('One of my strengths', 'Another', 'And a third')[n]}: {lower_first(t)}. "
                f"{en_sentence(d)}".strip() for n, (t, d) in enumerate(strengths[:3])]
        titles = " and ".join(lower_first(t) for t, _ in strengths[:2])
        parts.append(("strengths", Part.of(" ".join(told), " ".join(told[:2]), told[0],
                                           f"My strengths: {titles}.", "", priority=STRENGTH)))
        parts.append(("strength1", Part.of(told[0], f"My strength: {lower_first(strengths[0][0])}.",
                                           "", priority=STRENGTH + 20 * (kind == "meetup"))))
    book = src.get(src.event.book) if src.event else ""
    if book:
        parts.append(("why", Part.of(f"Today I brought {book}.", priority=WHY + 5)))
    if why:
        if starts_with_i(why):
            lead = "I'm here today because " + why
        elif why.lower().startswith("to ") or why.lower().startswith("because "):
            lead = "I'm here today " + lower_first(why)
        else:
            lead = "Why I came: " + why
        parts.append(("why", Part.of(en_sentence(lead), first(en_sentence(lead)), "",
                                     priority=WHY + 5 * (kind == "community"))))
    elif meet and not book:
        lead = "Today, " + meet if starts_with_i(meet) else "Today I'd like to meet " + lower_first(meet)
        parts.append(("why", Part.of(en_sentence(lead), "", priority=WHY)))
        meet = ""
    if nxt:
        lead = "Next, " + nxt if starts_with_i(nxt) else "Next, I want to take on " + lower_first(nxt)
        parts.append(("next", Part.of(en_sentence(lead), first(en_sentence(lead)), "",
                                      priority=NEXT - 25 * (not selling))))
    offers = [(src.get(o.title), src.get(o.detail)) for o in p.offers if src.get(o.title)]
    if offers and selling:
        titles = [lower_first(t) for t, _ in offers]
        listed = titles[0] if len(titles) == 1 else f"{titles[0]} and {titles[1]}"
        if kind == "meetup":
            share = f"I'm happy to share what I know: {titles[0]}. Come and say hi."
            parts.append(("offer", Part.of(share, f"I can help with {titles[0]}.", "",
                                           priority=OFFER + 5)))
        else:
            details = " ".join(f"{en_sentence(t)} {en_sentence(d)}".strip() for t, d in offers[:3])
            parts.append(("offer", Part.of(f"How I can help: {details}", f"I can help with {listed}.",
                                           f"I can help with {titles[0]}.", "", priority=OFFER)))
    if meet and selling:
        line = meet if starts_with_i(meet) else f"I'd love to meet {lower_first(meet)}"
        parts.append(("meet", Part.of(en_sentence(line), first(en_sentence(line)), "",
                                      priority=MEET + 25 * (kind == "mixer"))))
    if identity:
        again = f"I'm {short}, and {identity}" if starts_with_i(identity) \
            else f"I'm {short}: {identity}"
        parts.append(("repeat", Part.of(en_sentence(again), "", priority=REPEAT)))
    parts.append(("thanks", Part.of("Thank you, and nice to meet you!" if src.event else
                                    "Thank you!", "Thank you!", priority=THANKS)))
    return _allowed(parts, length, kind)
