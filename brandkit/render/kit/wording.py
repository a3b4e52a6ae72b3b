"""The sentences of a self-introduction, in Japanese (です・ます, family name first) and
English, built from the profile's own words.

Each event type has its own template (the order of its parts, from the networking
articles: current work → why I came → what I want to take on next, with a book at a
reading club and a personal motive at a community event). ``intro_ja`` and ``intro_en``
say each part in their language, every field wrapped for its slot by
``brandkit.text.sentence``; each part has wordings from richest to plainest and
``scripts.py`` picks the wordings that fit a slot. Nothing here cuts a sentence: a part is
shortened by a plainer wording, or left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from brandkit.profile.model import Event, Offer, Profile, Text
from brandkit.record import record
from brandkit.text.ja import is_japanese
from brandkit.text.limits import Part
from brandkit.text.markdown import markdown_to_plain
from brandkit.text.plain import plain
from brandkit.text.sentence import en as spoken_en
from brandkit.text.speech import sentences

# Priorities: what a short slot keeps longest. Name and thanks are never left out by
# choice; then the keyword and what you do (a listener must learn both), then why I came
# (it is what makes a kit event-specific).
NAME, THANKS, KEYWORD, NOW, WHY, OFFER, NEXT, REPEAT, MEET, CALL, STRENGTH, ABOUT, ASK = (
    100, 95, 90, 85, 80, 65, 60, 55, 50, 40, 35, 30, 25)
# Turning to the room (an event's question, only in a 3 min) is worth more than telling
# the offers in detail: it is what makes a long intro a conversation.
QUESTION = OFFER + 6

# The template of each event type: its parts in speaking order.
_WORK = ["name", "keyword", "about", "now", "strengths", "strength1", "why", "next", "offer",
         "ask", "meet", "call", "site", "repeat", "thanks"]
TEMPLATES: dict[str, list[str]] = {
    "": _WORK, "meetup": _WORK, "seminar": _WORK, "online": _WORK,
    # Cross-industry: what I do in plain words, why I came, who I'd like to meet; no detail.
    "mixer": ["name", "keyword", "about", "now", "strengths", "why", "next", "offer", "ask",
              "meet", "call", "site", "repeat", "thanks"],
    # No selling: the book, why I chose it and what it gave me, then listening.
    "reading_club": ["name", "about", "book", "book_why", "takeaway", "why", "work", "ask",
                     "listen", "thanks"],
    # A personal motive, not the job keyword; the job at most as one line.
    "community": ["name", "about", "motive", "why", "work", "ask", "contribute", "thanks"],
}

# Which parts each length may use at all: the keyword is said again only at 60 s and
# longer (twenty seconds apart it sounds like a loop).
PARTS_BY_LENGTH = {
    # ``about`` is offered from its first sentence up: "a former maths teacher" fits 15 s.
    "15s": {"name", "keyword", "about", "now", "why", "book", "motive", "thanks"},
    "30s": {"name", "keyword", "about", "now", "why", "next", "book", "book_why", "motive",
            "meet", "listen", "contribute", "thanks"},
    "60s": {"name", "keyword", "about", "now", "why", "next", "offer", "meet", "repeat",
            "thanks", "strength1", "book", "book_why", "takeaway", "motive", "work", "listen",
            "contribute", "call"},
    # A 3 min has room to turn to the listeners: one of the event's prepared questions.
    "3min": {"name", "keyword", "about", "now", "strengths", "why", "next", "offer", "meet",
             "ask", "call", "site", "repeat", "thanks", "book", "book_why", "takeaway", "motive",
             "work", "listen", "contribute"},
}


# Listeners outside your field: jargon is swapped for plain words (brandkit.text.plain).
PLAIN_TYPES = ("mixer", "reading_club", "community")


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
            text = (value[self.lang] or "").strip()
        else:
            # One string for every language is the user's choice; a text given per language
            # but not in this one is left out rather than spoken in the other language.
            text = (value["*"] or "").strip() if "*" in value else ""
        if text and self.type in PLAIN_TYPES and not self._proper(value):
            return plain(text, self.lang, ((w.word, w.plain) for w in self.profile.plain_words))
        return text

    def _proper(self, value: Text) -> bool:
        """Names are said as they are, plain words or not: the company (株式会社DXラボ), the
        job title, the keyword (your own phrase), the event, its book and its place."""
        p, e = self.profile, self.event
        names = (p.organization, p.role, p.identity, *((e.name, e.book, e.place) if e else ()))
        return any(value is name for name in names)

    def event_get(self, name: str) -> str:
        return self.get(getattr(self.event, name, None)) if self.event else ""

    @property
    def type(self) -> str:
        return self.event.type if self.event else ""

    @property
    def offers(self) -> list[Offer]:
        """The offers to say at this event, in the order to say them (``event_offers``)."""
        return event_offers(self.profile, self.event)

    @property
    def selling(self) -> bool:
        """Whether the people met are prospects: a reading club or a community met a
        person, so no pitch, no offers, no call is proposed."""
        return self.type not in ("community", "reading_club")


def event_offers(profile: Profile, event: Event | None) -> list[Offer]:
    """The offers that suit ``event``'s people, first said first: the ones the event names
    (``offers: [3, 1]``), else every offer, those that share words with the event (its
    name, why and questions) first — a cross-industry mixer about staff training hears
    the talk on AI before the advice on lessons."""
    offers = list(profile.offers)
    if event is None:
        return offers
    if event.offers:
        return [offers[n - 1] for n in dict.fromkeys(event.offers) if 0 < n <= len(offers)]
    said = " ".join(value for text in (event.name, event.why, *event.questions)
                    for value in _texts(text))
    words = _content(_FORMATS.sub(" ", said))
    scores = [len(words & _content(" ".join(_texts(o.title) + _texts(o.detail))))
              for o in offers]
    order = sorted(range(len(offers)), key=lambda i: -scores[i])  # stable: ties keep yours
    return [offers[i] for i in order]


def _texts(value: Text | None) -> list[str]:
    return [text for text in (value or {}).values() if text] if value is not None else []


# What kind of event it is says nothing about its people ("EdTech勉強会" would match an
# offer of talks at study groups): left out of the event's words.
_FORMATS = re.compile(r"勉強会|交流会|異業種|読書会|座談会|懇親会|セミナー|オンライン|ミートアップ|"
                      r"イベント|study group|meetup|mixer|seminar|roundtable|online|reading club|"
                      r"book club|event", re.IGNORECASE)
_RUN = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaff々]{2,}")  # kanji, katakana
_STOP = frozenset(["about", "with", "from", "that", "this", "your", "their", "them", "they",
                   "what", "when", "which", "would", "into", "have", "more", "some", "other",
                   "than", "there", "these", "those", "will", "just", "like", "want",
                   "here", "today", "because", "whether", "people", "work"])


def _content(text: str) -> set[str]:
    """The words that carry meaning: English words of four letters and more (not the
    common ones), and pairs of kanji or katakana in Japanese (hiragana is grammar: です,
    して would match any two sentences)."""
    found = {w for w in re.findall(r"[a-z][a-z-]{3,}", text.lower()) if w not in _STOP}
    for run in _RUN.findall(text):
        found.update(run[i:i + 2] for i in range(len(run) - 1))
    return found


# --- small text helpers -------------------------------------------------------------------

_JA_END = tuple("。！？」』）")
_EN_END = tuple(".!?\"'”’)")


def ja_sentence(text: str) -> str:
    text = text.strip().rstrip("、,")
    return text if not text or text.endswith(_JA_END) else text + "。"


def en_sentence(text: str) -> str:
    text = text.strip().rstrip(",;:")
    return text if not text or text.endswith(_EN_END) else text + "."


en_end = spoken_en.en_end
lower_first = spoken_en.lower_first


@lru_cache(maxsize=64)
def plain_sentences(markdown: str) -> list[str]:
    """The sentences of a Markdown paragraph, as plain text (parsed once per text)."""

    return sentences(markdown_to_plain(markdown))


def first(text: str) -> str:
    found = sentences(text)
    return found[0] if found else ""


def split(text: str) -> tuple[str, list[str]]:
    """A field's first sentence and the rest."""
    found = sentences(text)
    return (found[0], found[1:]) if found else ("", [])


def offer_parts(src: Source, out: dict[str, Part], rich: list[str], titles: list[str],
                door: str) -> None:
    """The offers as parts: named by title (``offer``), and told in detail for a 3 min
    (``offers_told``, see ``scripts.intro_parts``); a meetup's peers hear two titles at
    most and an open door (``door``: 「いつでも聞いてください」)."""
    if src.type == "meetup":
        rich = [r + door for r in rich]
        titles = [t + door for t in titles[1:]]
    priority = OFFER + 5 if src.type == "meetup" else OFFER
    out["offer"] = Part.of(*titles, "", priority=priority)
    if rich:
        out["offers_told"] = Part.of(*rich, *titles, "", priority=priority)


def story(text: str, wrap: Callable[[str], str], unsayable: Callable[[str], bool],
          rest: Callable[[str], str], joiner: str) -> list[str]:
    """A long field (a motive, what a book gave me) from all its sentences down to its
    first, each said in its language (``wrap`` the first, ``rest`` the others): a slot keeps
    as much of the story as it has room for, in the teller's order."""
    head, others = split(text)
    if not head or unsayable(head):
        return []
    said = [wrap(head), *filter(None, (rest(s) for s in others))]
    return [joiner.join(said[:n]) for n in range(len(said), 0, -1)]


def overlap(a: str, b: str) -> float:
    """How much two texts say the same: shared character pairs (Japanese) or words
    (English) over the shorter text's; 0 to 1."""
    def pieces(text: str) -> set[str]:
        if is_japanese(text):
            core = "".join(ch for ch in text if ch.isalnum())
            return {core[i:i + 2] for i in range(len(core) - 1)}
        words = (w.lower().strip(".,;:!?\"'") for w in text.split())
        return {_stem(w) for w in words if len(w) > 3 and w not in _STOP}

    left, right = pieces(a), pieces(b)
    return len(left & right) / min(len(left), len(right)) if left and right else 0.0


def _stem(word: str) -> str:
    """"conversations" and "conversation", "learning" and "learn" count as one word."""
    for end in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


SAME = 0.5  # above this, two parts say the same thing and the later one is dropped


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
    words = (name.latin or "").split()
    if words:
        return words[0]
    if name.given and not is_japanese(name.given):
        return name.given
    return en_full_name(profile)
