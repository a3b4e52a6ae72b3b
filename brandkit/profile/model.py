"""The typed profile: what a user writes in ``profile.yaml`` and ``portfolio/*.md``.

These dataclasses are the single source of truth: ``fields.py`` converts YAML data into
them (with located errors) and generates the JSON Schema from the same type hints.
Field ``metadata["doc"]`` becomes the schema description editors show on hover.
A class with ``__shorthand__`` also accepts a bare value for that one field
(``offers: ["Code review"]`` is ``offers: [{title: "Code review"}]``).
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Any, Literal

from brandkit.record import record
from brandkit.text.ja import is_japanese

LANGS = ("ja", "en")
EVENT_TYPES = ("meetup", "mixer", "reading_club", "seminar", "online", "community")
PLACES = ("site", "card", "vcard")



class Text(dict):
    """Text in one or more languages: ``{"ja": …, "en": …}``; a plain string is ``{"*": …}``."""

    def pick(self, lang: str, order: tuple[str, ...] = LANGS) -> tuple[str, str]:
        """The text for ``lang`` (else the first language that has one) and its language."""
        if lang in self:
            return self[lang], lang
        if "*" in self:
            value = self["*"]
            return value, ("ja" if is_japanese(value) else lang)
        for other in order:
            if other in self:
                return self[other], other
        value = next(iter(self.values()), "")
        return value, lang

    def text(self, lang: str) -> str:
        return self.pick(lang)[0]


# Marker types: plain strings with a specific check (see fields.CHECKS).
class Url(str): """A link: http, https, mailto or tel; or a path relative to the site."""
class AbsUrl(str): """A full http(s) address."""
class Email(str): """An email address."""
class Phone(str): """A phone number."""
class Color(str): """A colour as #rgb or #rrggbb."""
class Slug(str): """Lower-case letters, digits and hyphens."""
class LocalPath(str): """A file path relative to the site folder, never leading out of it."""
class Domain(str): """A host name such as hanako.dev."""
class Evidence(str): """A URL, or the slug of a portfolio item."""
class FontName(str): """A font family name: letters, digits, spaces and hyphens."""


def _doc(text: str, **more: object) -> dict:
    return {"doc": text, **more}


@record
class Name:
    """Your name; readings are typed by you, never guessed."""

    __shorthand__ = "full"
    family: str | None = field(default=None, metadata=_doc("Family name, e.g. 山田"))
    given: str | None = field(default=None, metadata=_doc("Given name, e.g. 花子"))
    reading: str | None = field(default=None, metadata=_doc(
        "Reading in kana, family then given, separated by a space: やまだ はなこ"))
    latin: str | None = field(default=None, metadata=_doc(
        "Latin spelling shown on English pages: Hanako Yamada"))
    full: str | None = field(default=None, metadata=_doc(
        "Your name as one string, when family/given do not apply"))

    def display(self, lang: str) -> str:
        if lang != "ja" and self.latin:
            return self.latin
        if self.family and self.given:
            native = is_japanese(self.family + self.given)
            if native or lang == "ja":
                return f"{self.family} {self.given}" if native else f"{self.given} {self.family}"
            return f"{self.given} {self.family}"
        return self.full or self.latin or ""

    @property
    def readings(self) -> tuple[str, str] | None:
        if not self.reading:
            return None
        parts = self.reading.split()
        return (parts[0], " ".join(parts[1:])) if len(parts) > 1 else (parts[0], "")

    @property
    def is_japanese(self) -> bool:
        return is_japanese(" ".join(filter(None, (self.family, self.given, self.full))))


@record
class Image:
    """An image file in the site folder, with a description for people who cannot see it."""

    __shorthand__ = "src"
    src: LocalPath = field(metadata=_doc("Path relative to the site folder, e.g. assets/photo.jpg"))
    alt: Text | None = field(default=None, metadata=_doc("What the image shows (alt text)"))


@record
class Strength:
    __shorthand__ = "title"
    title: Text = field(metadata=_doc("The strength in a few words"))
    detail: Text | None = field(default=None, metadata=_doc("One or two sentences"))
    evidence: Evidence | None = field(default=None, metadata=_doc(
        "A URL, or the slug of a portfolio item that proves it"))


@record
class PlainWord:
    """A word of your field and what to say instead to listeners outside it."""

    word: str = field(metadata=_doc("A word of your field, e.g. 校務 or onboarding"))
    plain: str = field(metadata=_doc("What to say instead: a noun phrase, e.g. 学校の事務仕事"))


@record
class Offer:
    __shorthand__ = "title"
    title: Text = field(metadata=_doc("What you can give others"))
    detail: Text | None = field(default=None, metadata=_doc("How, for whom"))


@record
class Contact:
    """One contact; ``show`` says where it may appear."""

    __shorthand__ = "value"
    value: str = field(metadata=_doc("The contact itself"))
    show: list[Literal["site", "card", "vcard"]] | None = field(default=None, metadata=_doc(
        "Where it may appear: site (public web page), card, vcard"))
    label: Text | None = field(default=None, metadata=_doc("Label shown next to it"))


@record
class EmailContact(Contact):
    __default_show__ = ("site", "card", "vcard")
    value: Email = field(metadata=_doc("Email address"))


@record
class PhoneContact(Contact):
    # A phone number on a public page invites spam calls: card and vCard only by default.
    __default_show__ = ("card", "vcard")
    value: Phone = field(metadata=_doc("Phone number, e.g. +81 90-1234-5678"))


@record
class PlaceContact(Contact):
    __default_show__ = ("site", "card", "vcard")
    value: Text = field(metadata=_doc("City or area, e.g. 東京 / Tokyo"))  # type: ignore[assignment]


@record
class Contacts:
    email: EmailContact | None = field(default=None, metadata=_doc(
        "Email; default shown on site, card and vCard"))
    phone: PhoneContact | None = field(default=None, metadata=_doc(
        "Phone; default card and vCard only, never the public site"))
    location: PlaceContact | None = field(default=None, metadata=_doc("Where you are based"))

    def shown(self, place: str) -> dict[str, Contact]:
        """The contacts allowed in ``place`` (site, card or vcard)."""
        result = {}
        for kind in ("email", "phone", "location"):
            contact = getattr(self, kind)
            if contact is None:
                continue
            show = contact.show if contact.show is not None else type(contact).__default_show__
            if place in show:
                result[kind] = contact
        return result


@record
class Link:
    """A profile on another service; built from ``links:`` (service name → handle or URL)."""

    service: str
    url: str
    label: str
    handle: str | None = None


@record
class Brand:
    color: Color = field(default=Color("#1f6feb"), metadata=_doc(
        "Your one brand colour, used on site, card and scripts"))
    theme: str = field(default="default", metadata=_doc("Theme name: default or sidebar"))
    font: FontName | None = field(default=None, metadata=_doc(
        "A font family to put first (installed fonts only; no web fonts are fetched)"))


@record
class SiteConfig:
    url: AbsUrl | None = field(default=None, metadata=_doc(
        "The site's public address, e.g. https://hanako.github.io/ (canonical, Open Graph, QR)"))
    domain: Domain | None = field(default=None, metadata=_doc(
        "Custom domain for GitHub Pages (writes CNAME), e.g. hanako.dev"))
    output: str = field(default="_site", metadata=_doc("Output folder inside the site folder"))


@record
class Scripts:
    """Your own wording for any self-introduction script; brandkit drafts the rest."""

    keyword: Text | None = field(default=None, metadata=_doc("The keyword line (6 s slot)"))
    s10: Text | None = field(default=None, metadata=_doc(
        "Seminar Q&A: affiliation + name + question (10 s slot)", key="10s"))
    s15: Text | None = field(default=None, metadata=_doc("15-second introduction", key="15s"))
    s30: Text | None = field(default=None, metadata=_doc("30-second introduction", key="30s"))
    s60: Text | None = field(default=None, metadata=_doc("60-second introduction", key="60s"))
    min3: Text | None = field(default=None, metadata=_doc("3-minute introduction", key="3min"))
    chat: Text | None = field(default=None, metadata=_doc(
        "Online events: an intro to paste in the chat (140 Japanese / 280 English characters)"))


@record
class FollowUp:
    reminders: list[int] = field(default_factory=lambda: [1, 90, 365], metadata=_doc(
        "Calendar reminders, in days after each event: follow up (1), keep in touch (90), "
        "meet again (365); [] for none"))


@record
class Card:
    """The printed business card (``card/`` in the output)."""

    size: Literal["jp", "us", "eu"] = field(default="jp", metadata=_doc(
        "jp: 91 × 55 mm (Japan), us: 3.5 × 2 in, eu: 85 × 55 mm"))
    orientation: Literal["landscape", "portrait"] = field(default="landscape", metadata=_doc(
        "landscape or portrait"))
    back_lang: Literal["ja", "en"] | None = field(default=None, metadata=_doc(
        "Language of the back; the front uses your first language. With lang: [ja, en], "
        "back_lang: en gives a Japanese front and an English back"))
    qr: Literal["url", "vcard"] = field(default="url", metadata=_doc(
        "What the QR code holds: url (your site) or vcard (your contact, to save in one scan)"))
    design: Literal["bar", "classic", "minimal"] = field(default="bar", metadata=_doc(
        "bar: a brand-colour bar and a brand-colour back; classic: centred, in the Japanese "
        "manner; minimal: white, the brand colour only in the text"))


@record
class Event:
    name: Text = field(metadata=_doc("Event name"))
    date: date = field(metadata=_doc("YYYY-MM-DD"))
    type: Literal["meetup", "mixer", "reading_club", "seminar", "online", "community"] = field(
        metadata=_doc("meetup: same-profession meetup or study group; mixer: cross-industry "
                      "mixer; reading_club; seminar; online; community: hobby or volunteer"))
    url: Url | None = field(default=None, metadata=_doc("Event page (Peatix, connpass…)"))
    why: Text | None = field(default=None, metadata=_doc("Why you are going"))
    questions: list[Text] = field(default_factory=list, metadata=_doc("Questions to ask"))
    place: Text | None = field(default=None, metadata=_doc("Venue or city"))
    slug: Slug | None = field(default=None, metadata=_doc("Folder name; default from date"))
    book: Text | None = field(default=None, metadata=_doc("Reading club: the book you bring"))
    book_why: Text | None = field(default=None, metadata=_doc(
        "Reading club: why you chose the book"))
    book_takeaway: Text | None = field(default=None, metadata=_doc(
        "Reading club: what the book gave you (an idea or a passage, and what you did with it)"))
    motive: Text | None = field(default=None, metadata=_doc(
        "Hobby or volunteer community: what personally draws you to it"))
    promise: Text | None = field(default=None, metadata=_doc(
        "What you promised to send or do (goes into the follow-up drafts)"))
    offers: list[int] = field(default_factory=list, metadata=_doc(
        "Which of your offers suit this event's people: their numbers in `offers` (1 = the "
        "first), in the order to say them; default: those sharing words with the event first"))
    scripts: Scripts | None = field(default=None, metadata=_doc(
        "Your own scripts for this event (over the profile's `scripts`)"))
    background: bool | None = field(default=None, metadata=_doc(
        "Make virtual backgrounds for a video call (online events get them unless false)"))

    @property
    def wants_background(self) -> bool:
        return self.background if self.background is not None else self.type == "online"


@record
class Profile:
    """A brandkit profile (profile.yaml)."""

    name: Name = field(metadata=_doc("Your name"))
    identity: Text = field(metadata=_doc(
        "Your one-line keyword identity, e.g. AIと教育を掛け合わせる仕事をしています"))
    lang: list[Literal["ja", "en"]] = field(default_factory=lambda: ["en"], metadata=_doc(
        "Languages, primary first: [ja, en]"))
    role: Text | None = field(default=None, metadata=_doc("Job title"))
    organization: Text | None = field(default=None, metadata=_doc("Company or group"))
    photo: Image | None = field(default=None, metadata=_doc("Your photo"))
    about: Text | None = field(default=None, metadata=_doc("A short paragraph (Markdown)"))
    now: Text | None = field(default=None, metadata=_doc("What you work on now"))
    next: Text | None = field(default=None, metadata=_doc("What you want to take on next"))
    looking_for: Text | None = field(default=None, metadata=_doc("Who you would like to meet"))
    strengths: list[Strength] = field(default_factory=list, metadata=_doc("3 to 5 strengths"))
    offers: list[Offer] = field(default_factory=list, metadata=_doc("How you can help others"))
    plain_words: list[PlainWord] = field(default_factory=list, metadata=_doc(
        "Your field's words and plain ones, said at mixers, reading clubs and community "
        "events (common ones are built in: 校務, ヒアリング, KPI, pilots…)"))
    contacts: Contacts = field(default_factory=Contacts, metadata=_doc("Email, phone, location"))
    links: list[Link] = field(default_factory=list, metadata=_doc(
        "Service name → handle or URL: linkedin, x, facebook, instagram, peatix, line, "
        "github, note, website, or any name with a full URL", convert="links"))
    brand: Brand = field(default_factory=Brand, metadata=_doc("Colour, theme, font"))
    site: SiteConfig = field(default_factory=SiteConfig, metadata=_doc("Address and output"))
    events: list[Event] = field(default_factory=list, metadata=_doc("Upcoming events"))
    card: Card = field(default_factory=Card, metadata=_doc(
        "Business card: size, orientation, back language, QR content, design"))
    scripts: Scripts = field(default_factory=Scripts, metadata=_doc(
        "Your own self-introduction scripts: keyword, 15s, 30s, 60s, 3min, 10s, chat (your "
        "15s–3min are the intro without an event: an event drafts its own from its type)"))
    followup: FollowUp = field(default_factory=FollowUp, metadata=_doc(
        "Follow-up after events: calendar reminders"))

    @property
    def primary(self) -> str:
        return self.lang[0]


@record
class PortfolioLink:
    __shorthand__ = "url"
    url: Url = field(metadata=_doc("Address"))
    label: Text | None = field(default=None, metadata=_doc("Link text"))


@record
class PortfolioItem:
    """Front matter of ``portfolio/<slug>.md``; the Markdown body follows it."""

    title: Text = field(metadata=_doc("Title"))
    date: date | None = field(default=None, metadata=_doc("YYYY-MM-DD"))
    summary: Text | None = field(default=None, metadata=_doc("One sentence for the home page"))
    tags: list[str] = field(default_factory=list, metadata=_doc("Keywords"))
    image: Image | None = field(default=None, metadata=_doc("Cover image"))
    links: list[PortfolioLink] = field(default_factory=list, metadata=_doc("Related links"))
    slug: str = field(default="", metadata={"internal": True})
    # Tags from a translation file (`<slug>.en.md`), by language; others use `tags`.
    translated_tags: dict = field(default_factory=dict, metadata={"internal": True})
    body: Text = field(default_factory=Text, metadata={"internal": True})
    source: str = field(default="", metadata={"internal": True})

    def tags_for(self, lang: str) -> list[str]:
        return self.translated_tags.get(lang, self.tags)


@record
class Site:
    """Everything loaded from one site folder, validated."""

    folder: str
    profile: Profile
    portfolio: list[PortfolioItem]
    # profile.yaml's Doc (values with their lines): what only rendering can refuse (the
    # card's QR code) is located with it; None for a Site made by hand.
    doc: Any = None
