"""Follow-up drafts for after an event: a Japanese お礼メール, an English email and a
LinkedIn connection note (200 characters at most).

Within 24–48 hours, say where you met, one concrete point from the conversation, what you
promised, what you can offer and a next step. What only the sender knows (their name,
the topic) is left as a placeholder in 〔…〕 / […], never guessed.
"""

from __future__ import annotations

import re
from datetime import date

from brandkit.profile.model import Event, Profile
from brandkit.record import record
from brandkit.render.kit import wording
from brandkit.text import limits
from brandkit.text.limits import Part, fit
from brandkit.text.sentence import en as spoken_en
from brandkit.text.sentence import ja as spoken_ja

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@record
class Draft:
    kind: str  # mail | note
    lang: str
    subject: str
    body: str
    limit: int = 0  # characters, for a LinkedIn note

    @property
    def size(self) -> int:
        return limits.plain_length(self.body)


def day(value: date, lang: str) -> str:
    return f"{value.month}月{value.day}日" if lang == "ja" else f"{value.day} {MONTHS[value.month - 1]}"


def drafts(profile: Profile, event: Event, urls: dict[str, str | None]) -> list[Draft]:
    """The drafts for each language of the profile: a mail, then a LinkedIn note.
    ``urls``: the address to sign with, by language (the event's landing page)."""
    found = []
    for lang in profile.lang:
        src = wording.Source(lang, profile, event)
        url = urls.get(lang)
        found.append(mail_ja(src, url) if lang == "ja" else mail_en(src, url))
        found.append(note(src))
    return found


def _event_name(src: wording.Source) -> str:
    return src.get(src.event.name) or src.event.name.text(src.lang)


# A promised document is attached; anything else is a task the sender names a date for.
_DOCUMENT = re.compile(r"PDF|資料|スライド|レポート|ファイル|データ|リンク|URL|slides?|deck|report|"
                       r"file|document|link|paper|notes", re.IGNORECASE)


def public_email(p: Profile) -> str:
    """The email for the signature, only where the profile shows it on the site: these
    drafts are on the (unlisted) prep pages."""
    email = p.contacts.shown("site").get("email")
    return email.value if email is not None else ""


def promised_ja(promise: str) -> str:
    """What you promised, delivered: a document is attached, a task gets a date."""
    core = spoken_ja.ja_core(promise)
    if not core:
        return "お約束していた〔資料〕を添付いたします。"
    if spoken_ja.ja_shape(core) != spoken_ja.NOUN:
        polite = spoken_ja.ja_polite(core)
        return f"お約束どおり、{polite}。" if polite else f"お約束していた{core}の件、ご連絡いたします。"
    if _DOCUMENT.search(core):
        return f"お約束していた{core}を添付いたします。"
    return f"お約束していた{core}の件は、〔日付〕までにあらためてご連絡いたします。"


def promised_en(promise: str) -> str:
    core = spoken_en.en_core(promise)
    if not core:
        return "As promised, I've attached [what I promised to send]."
    if spoken_en.en_shape(core) == spoken_en.SENTENCE:
        return wording.en_end(core)
    low = wording.lower_first(core)
    if _DOCUMENT.search(core):
        return wording.en_end(f"As promised, I've attached {low}")
    return wording.en_end(f"As promised, I'll follow up on {low} by [date]")


def mail_ja(src: wording.Source, url: str | None) -> Draft:
    p, event = src.profile, src.event
    full, name = wording.ja_full_name(p), _event_name(src)
    org, role = src.get(p.organization), src.get(p.role)
    offers = [spoken_ja.ja_core(src.get(o.title)) for o in src.offers if src.get(o.title)]
    nouns = [o for o in offers if spoken_ja.ja_shape(o) == spoken_ja.NOUN]
    lines = ["〔お相手のお名前〕様", "",
             f"{org}の{full}です。" if org else f"{full}です。",
             f"{day(event.date, 'ja')}の{name}では、お話しさせていただきありがとうございました。", "",
             "〔お話しした具体的な話題〕のお話が、とても印象に残っています。", "",
             promised_ja(src.get(event.promise))]
    if src.selling:
        if nouns:
            lines.append(f"また、{nouns[0]}など、私にお手伝いできることがあれば、お気軽にお声がけください。")
        lines += ["", "よろしければ、〔来月〕にあらためて30分ほどお話しできませんか。",
                  "ご都合のよい日時を教えていただけましたら幸いです。"]
    else:
        lines += ["", "また次回の会でお会いできるのを楽しみにしています。"]
    lines += ["", "今後ともどうぞよろしくお願いいたします。", "", "――――",
              full + (f"（{p.name.reading}）" if p.name.reading else "")]
    lines += [line for line in (" ".join(filter(None, (org, role))), public_email(p), url or "")
              if line]
    subject = f"【御礼】{name}でお話しした{full}です"
    return Draft("mail", "ja", subject, "\n".join(lines) + "\n")


def _the(name: str) -> str:
    """An event's name as a sentence says it: "the EdTech Study Group #24"."""
    return name if re.match(r"(?:the|a|an)\s", name, re.IGNORECASE) else f"the {name}"


def mail_en(src: wording.Source, url: str | None) -> Draft:
    p, event = src.profile, src.event
    full, name = wording.en_full_name(p), _event_name(src)
    org, role = src.get(p.organization), src.get(p.role)
    place = src.get(event.place)
    offers = [src.get(o.title) for o in src.offers if src.get(o.title)]
    met = f"It was great to meet you at {_the(name)} on {day(event.date, 'en')}" + (
        f" in {place}" if place else "")
    lines = ["Hi [their name],", "",
             wording.en_end(met) + " Thank you for the conversation about [the topic we "
             "talked about]; it has stayed with me.", "", promised_en(src.get(event.promise))]
    if src.selling:
        if offers:
            offer = f"If it is ever useful, I'm glad to help with {wording.lower_first(offers[0])}"
            lines.append(wording.en_end(offer))
        lines += ["", ("Would you be up for a 30-minute call [next month]? Let me know a time "
                       "that suits you.")]
    else:
        lines += ["", "I look forward to seeing you at the next one."]
    lines += ["", "Best regards,", full]
    lines += [line for line in (", ".join(filter(None, (role, org))), public_email(p), url or "")
              if line]
    return Draft("mail", "en", f"Great to meet you at {_the(name)}", "\n".join(lines) + "\n")


def note(src: wording.Source) -> Draft:
    """A LinkedIn connection request note, within 200 characters (parts dropped to fit)."""
    p, event = src.profile, src.event
    name = _event_name(src)
    if src.lang == "ja":
        full = wording.ja_full_name(p)
        parts = [Part.of("〔お名前〕様", priority=100),
                 Part.of(f"{day(event.date, 'ja')}の{name}でお話しした{full}です。",
                         f"{day(event.date, 'ja')}のイベントでお話しした{full}です。", priority=90),
                 Part.of("〔話題〕のお話、ありがとうございました。", "", priority=60),
                 Part.of("よろしければ、つながっていただけますと幸いです。", priority=95)]
        text = fit(parts, limits.LINKEDIN_NOTE, limits.plain_length, "\n")
    else:
        first = wording.en_short_name(p)
        parts = [Part.of("Hi [name],", priority=100),
                 Part.of(f"great to meet you at {_the(name)} on {day(event.date, 'en')}.",
                         f"great to meet you on {day(event.date, 'en')}.", priority=90),
                 Part.of("Thanks for the chat about [topic].", "", priority=60),
                 Part.of("I'd love to stay in touch.", priority=95),
                 Part.of(f"— {first}", "", priority=50)]
        text = fit(parts, limits.LINKEDIN_NOTE, limits.plain_length, " ")
    return Draft("note", src.lang, "", text, limits.LINKEDIN_NOTE)
