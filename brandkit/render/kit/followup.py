"""Follow-up drafts for after an event: a Japanese お礼メール, an English email and a
LinkedIn connection note (200 characters at most).

Within 24–48 hours, say where you met, one concrete point from the conversation, what you
promised, what you can offer and a next step. What only the sender knows (their name,
the topic) is left as a placeholder in 〔…〕 / […], never guessed.
"""

from __future__ import annotations

from datetime import date

from brandkit.profile.model import Event, Profile
from brandkit.record import record
from brandkit.render.kit import wording
from brandkit.text import limits
from brandkit.text.limits import Part, fit

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


def mail_ja(src: wording.Source, url: str | None) -> Draft:
    p, event = src.profile, src.event
    full, name = wording.ja_full_name(p), _event_name(src)
    org, role = src.get(p.organization), src.get(p.role)
    place = src.get(event.place)
    promise = src.get(event.promise)
    offers = [src.get(o.title) for o in p.offers if src.get(o.title)]
    lines = ["〔お相手のお名前〕様", "",
             f"{org}の{full}です。" if org else f"{full}です。",
             f"{day(event.date, 'ja')}の{name}" + (f"（{place}）" if place else "")
             + "では、お話しさせていただきありがとうございました。", "",
             "〔お話しした具体的な話題〕のお話が、とても印象に残っています。", ""]
    if promise:
        lines.append(f"お約束していた{promise.rstrip('。')}について、ご連絡いたします。")
    else:
        lines.append("お約束していた〔資料の送付・ご紹介など〕について、ご連絡いたします。")
    if offers:
        lines.append(f"また、「{offers[0]}」など、私にお手伝いできることがあれば、お気軽にお声がけください。")
    lines += ["", "よろしければ、〔来月〕にあらためて30分ほどお話しできませんか。"
                  "ご都合のよい日時を教えていただけましたら幸いです。", "",
              "今後ともどうぞよろしくお願いいたします。", "", "――――",
              full + (f"（{p.name.reading}）" if p.name.reading else "")]
    work = " ".join(filter(None, (org, role)))
    if work:
        lines.append(work)
    if url:
        lines.append(url)
    subject = f"【御礼】{name}でお話しした{full}です"
    return Draft("mail", "ja", subject, "\n".join(lines) + "\n")


def mail_en(src: wording.Source, url: str | None) -> Draft:
    p, event = src.profile, src.event
    full, name = wording.en_full_name(p), _event_name(src)
    org, role = src.get(p.organization), src.get(p.role)
    place = src.get(event.place)
    promise = src.get(event.promise)
    offers = [src.get(o.title) for o in p.offers if src.get(o.title)]
    met = f"It was great to meet you at {name} on {day(event.date, 'en')}" + (
        f" in {place}" if place else "")
    lines = ["Hi [their name],", "",
             wording.en_end(met) + " Thank you for the conversation about [the topic we "
             "talked about]; it has stayed with me.", ""]
    if promise:
        lines.append(wording.en_end(f"As promised: {promise.rstrip('.')}"))
    else:
        lines.append("As promised, [what I promised to send or do].")
    if offers:
        offer = f"If it is ever useful, I'm glad to help with {wording.lower_first(offers[0])}"
        lines.append(wording.en_end(offer))
    lines += ["", "Would you be up for a 30-minute call [next month]? Let me know a time "
                  "that suits you.", "", "Best regards,", full]
    work = ", ".join(filter(None, (role, org)))
    if work:
        lines.append(work)
    if url:
        lines.append(url)
    return Draft("mail", "en", f"Great to meet you at {name}", "\n".join(lines) + "\n")


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
                 Part.of("ぜひつながらせてください。", priority=95)]
        text = fit(parts, limits.LINKEDIN_NOTE, limits.plain_length, "\n")
    else:
        first = wording.en_short_name(p)
        parts = [Part.of("Hi [name],", priority=100),
                 Part.of(f"great to meet you at {name} on {day(event.date, 'en')}.",
                         f"great to meet you on {day(event.date, 'en')}.", priority=90),
                 Part.of("Thanks for the chat about [topic].", "", priority=60),
                 Part.of("I'd love to stay in touch.", priority=95),
                 Part.of(f"— {first}", "", priority=50)]
        text = fit(parts, limits.LINKEDIN_NOTE, limits.plain_length, " ")
    return Draft("note", src.lang, "", text, limits.LINKEDIN_NOTE)
