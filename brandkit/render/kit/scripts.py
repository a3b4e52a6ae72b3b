"""Self-introduction scripts and SNS bios: pure functions, profile in, text out.

For each language: the keyword line and 15 s, 30 s, 60 s and 3 min introductions, plus
per event type a 10 s seminar Q&A line or an online chat intro. Generated text is a
draft that always fits its slot at the standard pace; anything the user writes under
``scripts:`` (the profile's, or an event's) replaces it and is timed the same way.
"""

from __future__ import annotations

from functools import cached_property

from brandkit.profile.model import Event, Profile, Text
from brandkit.record import record
from brandkit.render.kit import intro_en, intro_ja, wording
from brandkit.render.kit.eventtypes import questions
from brandkit.text import limits, speech
from brandkit.text.ja import is_japanese
from brandkit.text.limits import Part, fit, fit_choices
from brandkit.text.sentence import en as spoken_en
from brandkit.text.sentence import ja as spoken_ja
from brandkit.text.sentence import short_organization

LENGTHS = ("keyword", "15s", "30s", "60s", "3min")
EXTRA = {"seminar": ("10s",), "online": ("chat",)}
# YAML key → field of ``Scripts``
FIELDS = {"keyword": "keyword", "10s": "s10", "15s": "s15", "30s": "s30", "60s": "s60",
          "3min": "min3", "chat": "chat"}


@record
class Script:
    key: str  # keyword | 10s | 15s | 30s | 60s | 3min | chat
    lang: str
    text: str
    own: bool = False  # the user's words (an override), not a generated draft
    note: str = ""  # e.g. the question to ask after a 10 s line that had no room for it

    @property
    def spoken(self) -> bool:
        return self.key != "chat"

    @property
    def slot(self) -> int:
        return speech.SLOTS.get(self.key, 0)

    @property
    def limit(self) -> int:
        """Characters allowed (chat intros only)."""
        return limits.CHAT[self.lang] if self.key == "chat" else 0

    @cached_property
    def count(self) -> speech.Count:
        return speech.count(self.text)

    @property
    def seconds(self) -> float:
        return self.count.seconds()

    @property
    def budget(self) -> float:
        return speech.budget(self.slot)

    @property
    def overrun(self) -> speech.Overrun | None:
        return speech.overrun(self.text, self.slot) if self.spoken else None

    @property
    def length(self) -> int:
        return limits.plain_length(self.text)

    @property
    def fits(self) -> bool:
        if self.spoken:
            return self.overrun is None
        return self.length <= self.limit

    @property
    def sentences(self) -> list[str]:
        return speech.sentences(self.text)

    @property
    def budget_units(self) -> tuple[int, int]:
        return speech.budget_units(self.slot)

    @property
    def thresholds(self) -> tuple[float, float, float]:
        """When the rehearsal timer turns green, yellow and red: ⅔, ⅚ and all of the slot."""
        return (self.slot * 2 / 3, self.slot * 5 / 6, float(self.slot))


# The intros an event drafts from its own template (a greeting, why I came, the type's
# parts): the profile's own wording of these is the general intro, not this event's.
BY_EVENT = ("15s", "30s", "60s", "3min")


def override(profile: Profile, event: Event | None, key: str, lang: str) -> str | None:
    """The user's own script for ``key`` in ``lang``: the event's, else the profile's (the
    profile's 15 s – 3 min only without an event: an event's intro follows its type)."""
    name = FIELDS[key]
    general = profile.scripts if event is None or key not in BY_EVENT else None
    for scripts in ((event.scripts if event else None), general):
        value: Text | None = getattr(scripts, name, None) if scripts else None
        if not value:
            continue
        if lang in value:
            return value[lang].strip()
        # One string for every language is in one language: use it only there.
        if "*" in value and is_japanese(value["*"]) == (lang == "ja"):
            return value["*"].strip()
    return None


def scripts_for(profile: Profile, lang: str, event: Event | None = None,
                url: str | None = None) -> list[Script]:
    """Every script for ``lang``: the five lengths, then the event type's extras.

    ``url`` is the address to paste in an online event's chat (the event landing page).
    """
    src = wording.Source(lang, profile, event)
    keys = list(LENGTHS) + list(EXTRA.get(event.type, ()) if event else ())
    said: dict[str, Part] = {}  # every part of the intros, worked out once for all lengths
    found = []
    for key in keys:
        own = override(profile, event, key, lang)
        if own:
            found.append(Script(key, lang, own, own=True))
        elif key == "keyword":
            found.append(Script(key, lang, keyword_line(src)))
        elif key == "10s":
            found.append(qa_line(src))
        elif key == "chat":
            found.append(Script(key, lang, chat_intro(src, url)))
        else:
            if not said:
                said = (intro_ja if lang == "ja" else intro_en).parts(src)
            found.append(Script(key, lang, introduction(src, key, said)))
    return found


def keyword_line(src: wording.Source) -> str:
    identity = src.get(src.profile.identity)
    if not identity:
        return ""
    if src.lang == "ja":
        return spoken_ja.ja_keyword(identity) if not spoken_ja.ja_unsayable(identity) \
            else wording.ja_sentence(identity)
    return spoken_en.en_keyword(identity) if not spoken_en.en_unsayable(identity) \
        else wording.en_sentence(identity)


def intro_parts(src: wording.Source, length: str,
                said: dict[str, Part] | None = None) -> list[tuple[str, Part]]:
    """The parts of a ``length`` intro for ``src``'s event type, in speaking order
    (``said``: every part, when worked out already)."""
    if said is None:
        said = (intro_ja if src.lang == "ja" else intro_en).parts(src)
    allowed = wording.PARTS_BY_LENGTH[length]
    if length == "3min" and "offers_told" in said:
        # Three offers in detail fill a 3 min; in a 60 s they would crowd out what I do.
        said = {**said, "offer": said["offers_told"]}
    return [(key, said[key]) for key in wording.TEMPLATES[src.type]
            if key in allowed and key in said]


def introduction(src: wording.Source, length: str,
                 said: dict[str, Part] | None = None) -> str:
    keyed = intro_parts(src, length, said)
    joiner = "" if src.lang == "ja" else " "
    budget = speech.budget(speech.SLOTS[length])
    chosen = thanks_last(keyed, budget, joiner)
    chosen = call_fits(keyed, today_once(keyed, role_once(src, keyed, chosen)))
    said = {key for (key, _), text in zip(keyed, chosen) if text}
    if not said - {"name", "keyword", "repeat", "thanks"}:
        # Nothing came between the keyword and its repeat: saying it twice in a row is odd.
        chosen = [text for (key, _), text in zip(keyed, chosen) if key != "repeat"]
    # A sentence two fields share (a field written twice) is said once.
    told: list[str] = []
    for text in chosen:
        for said in speech.sentences(text):
            if said not in told:
                told.append(said)
    return joiner.join(told)


OPEN_DOORS = ("いつでも聞いてください。", "Just come and ask.")


def call_fits(keyed: list[tuple[str, Part]], chosen: list[str]) -> list[str]:
    """The call to come and talk as the slot says it: "If that sounds like you…" only after
    who I'd like to meet; else the plain call, or none after an offer that ends on an open
    door already (a meetup's 「いつでも聞いてください」)."""
    keys = [key for key, _ in keyed]
    if "call" not in keys or "meet" not in keys:
        return chosen
    at, meet = keys.index("call"), keys.index("meet")
    part = keyed[at][1]
    if not chosen[at] or chosen[meet] or chosen[at] != part.choices[0] or len(part.choices) < 3:
        return chosen
    offer = chosen[keys.index("offer")] if "offer" in keys else ""
    plain = "" if offer.endswith(OPEN_DOORS) else part.choices[1]
    return [plain if n == at else text for n, text in enumerate(chosen)]


def thanks_last(keyed: list[tuple[str, Part]], budget: float, joiner: str) -> list[str]:
    """The wordings that fit ``budget``, the thanks' warmest wording (「今日はどうぞ…」, "Thank
    you, and nice to meet you!") only where it costs no part above the background story: it
    outranks every part by priority, but a longer thanks is never worth what I do."""
    parts = [part for _, part in keyed]
    at = next((n for n, (key, _) in enumerate(keyed) if key == "thanks"), None)
    warm = parts[at].choices[0] if at is not None and len(parts[at].choices) > 1 else ""
    if warm:
        parts[at] = Part(parts[at].choices[1:], parts[at].priority)
    chosen = fit_choices(parts, budget, speech.seconds, joiner)
    if warm and chosen[at]:
        # Warmth is worth more than the background story (``about``), never a part above it.
        forced = [*parts[:at], Part((warm,), parts[at].priority), *parts[at + 1:]]
        trial = fit_choices(forced, budget, speech.seconds, joiner)
        if trial[at] == warm and all(trial[n] == chosen[n] for n, part in enumerate(parts)
                                     if n != at and part.priority > wording.ABOUT):
            return trial
    return chosen


def today_once(keyed: list[tuple[str, Part]], chosen: list[str]) -> list[str]:
    """「今日はどうぞよろしくお願いします。」 only when no other part has said 今日 (a plainer
    thanks is shorter, so the script still fits)."""
    if not chosen or keyed[-1][0] != "thanks" or not chosen[-1].startswith("今日は"):
        return chosen
    if not any("今日" in text for text in chosen[:-1]):
        return chosen
    choices = keyed[-1][1].choices
    return [*chosen[:-1], choices[min(choices.index(chosen[-1]) + 1, len(choices) - 1)]]


def role_once(src: wording.Source, keyed: list[tuple[str, Part]], chosen: list[str]) -> list[str]:
    """"Hi, I'm Hanako, a product manager at Manabi Lab." only when no later sentence says
    "product manager" again; else the name line one step plainer (which is shorter)."""
    role = spoken_en.en_role(src.get(src.profile.role)).lower() if src.lang == "en" else ""
    if not role or not chosen or keyed[0][0] != "name" or role not in chosen[0].lower():
        return chosen
    if not any(role in text.lower() for text in chosen[1:]):
        return chosen
    choices = keyed[0][1].choices
    plainer = choices[min(choices.index(chosen[0]) + 1, len(choices) - 1)]
    return [plainer, *chosen[1:]]


def qa_line(src: wording.Source) -> Script:
    """Seminar Q&A in 10 s: affiliation + name, thanks for the talk, the question. When the
    question does not fit, the line asks to put one and the question is its note."""
    p, ja = src.profile, src.lang == "ja"
    org = short_organization(src.get(p.organization))
    full = wording.ja_full_name(p) if ja else wording.en_full_name(p)
    short = wording.ja_short_name(p) if ja else full  # 「東和精機の佐藤です」 is as polite
    if ja:
        names = [f"{org}の{full}です。", f"{org}の{short}です。"] if org else [f"{full}です。"]
        thanks = ["貴重なお話をありがとうございました。", "ありがとうございました。"]
        ask, joiner = "一つ質問させてください。", ""
    else:
        names = [f"I'm {full} from {org}."] if org else [f"I'm {full}."]
        thanks = ["Thank you for the talk.", "Thank you."]
        ask, joiner = "I have one question.", " "
    found = questions(src.event, src.lang) if src.event else []
    # The user's own questions when there are any (a shorter default is not what they
    # came to ask); else the type's defaults.
    asked = [q for q, default in found if not default] or [q for q, _ in found]
    budget = speech.budget(speech.SLOTS["10s"])
    # The company, the name and the thanks are what a speaker and the room note down:
    # never traded for the question, which then follows the line (the script's note).
    for question in asked:
        for name in dict.fromkeys(names):
            for thank in thanks:
                line = joiner.join((name, thank, question))
                if speech.seconds(line) <= budget:
                    return Script("10s", src.lang, line)
    line = fit([Part.of(*names, priority=100), Part.of(*thanks, priority=80),
                Part.of(ask, priority=90)], budget, speech.seconds, joiner)
    return Script("10s", src.lang, line, note=asked[0] if asked else "")


def chat_intro(src: wording.Source, url: str | None) -> str:
    """An intro to paste into an online event's chat, within 140 / 280 characters; the
    profile address goes on a line of its own, so the chat links only the address."""
    p, ja = src.profile, src.lang == "ja"
    org = short_organization(src.get(p.organization))
    identity, meet = src.get(p.identity), src.get(p.looking_for)
    why = wording.first(src.event_get("why"))
    say = spoken_ja if ja else spoken_en
    unsayable = say.ja_unsayable if ja else say.en_unsayable

    def said(text: str, wrap) -> str:  # type: ignore[no-untyped-def]
        return wrap(text) if text and not unsayable(text) else ""

    if ja:
        full = wording.ja_full_name(p)
        parts = [Part.of(f"{org}の{full}です。" if org else "", f"{full}です。", priority=100),
                 Part.of(said(identity, say.ja_keyword), "", priority=90),
                 Part.of(said(why, say.ja_why), "", priority=70),
                 Part.of(said(wording.first(meet), say.ja_meet), "", priority=60)]
        link, joiner = f"プロフィール: {url}", ""
    else:
        full = wording.en_full_name(p)
        parts = [Part.of(f"Hi, I'm {full} from {org}." if org else "", f"Hi, I'm {full}.",
                         priority=100),
                 Part.of(said(identity, say.en_keyword), "", priority=90),
                 Part.of(said(why, say.en_why), "", priority=70),
                 Part.of(said(wording.first(meet), say.en_meet), "", priority=60)]
        link, joiner = f"Profile: {url}", " "
    limit = limits.CHAT[src.lang]
    if url and limits.plain_length(link) + 1 < limit:
        head = fit(parts, limit - limits.plain_length(link) - 1, limits.plain_length, joiner)
        if head:
            return f"{head}\n{link}"
    return fit(parts, limit, limits.plain_length, joiner)


# --- SNS bios -----------------------------------------------------------------------------


@record
class Bio:
    platform: str  # x | linkedin | instagram
    text: str
    size: int  # as the platform counts
    limit: int


def bios(profile: Profile, lang: str) -> list[Bio]:
    """Bios for X (160, CJK counts 2), the LinkedIn headline (220) and Instagram (150)."""
    src = wording.Source(lang, profile, None)
    ja = lang == "ja"
    identity = src.get(profile.identity).rstrip("。.")
    org, role = src.get(profile.organization), src.get(profile.role)
    strengths = [src.get(s.title) for s in profile.strengths if src.get(s.title)]
    offers = [src.get(o.title) for o in profile.offers if src.get(o.title)]
    place = profile.contacts.location
    where = src.get(place.value) if place is not None and "site" in (
        place.show or type(place).__default_show__) else ""
    dot = "・" if ja else " · "
    work = [f"{org} {role}" if ja and org and role else
            f"{role} at {org}" if org and role else "", role, org, ""]
    listed = [dot.join(strengths[:n]) for n in range(min(3, len(strengths)), 0, -1)] + [""]
    offered = [(f"{offers[0]}承ります" if ja else f"Ask me about {wording.lower_first(offers[0])}")
               if offers else "", ""]
    bar = "｜" if ja else " | "
    found = []
    for platform in ("x", "linkedin", "instagram"):
        limit, counter = limits.PLATFORMS[platform]
        if platform == "linkedin":  # a headline leads with the job
            parts = [Part.of(*work, priority=80), Part.of(identity, "", priority=90),
                     Part.of(*listed, priority=40), Part.of(*offered, priority=30)]
            joiner = bar
        elif platform == "instagram":  # short lines
            parts = [Part.of(identity, "", priority=90), Part.of(*work, priority=70),
                     Part.of(where, "", priority=50), Part.of(*offered, priority=30)]
            joiner = "\n"
        else:
            parts = [Part.of(identity, "", priority=90), Part.of(*work, priority=70),
                     Part.of(*listed, priority=40), Part.of(where, "", priority=30)]
            joiner = bar
        text = fit(parts, limit, counter, joiner)
        found.append(Bio(platform, text, counter(text), limit))
    return found
