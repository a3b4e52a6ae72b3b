"""An iCalendar file (RFC 5545) per event: the event day and follow-up reminders.

Reminders are all-day events on the day they are due (by default the next day: follow
up; after 3 months: keep in touch; within a year: meet again), each with an alarm at
09:00 that day. Lines end in CRLF and fold at 75 octets without splitting a UTF-8
character. DTSTAMP is the build date, so a rebuild with SOURCE_DATE_EPOCH is identical.
"""

from __future__ import annotations

from datetime import date, timedelta

from brandkit import __version__
from brandkit.profile.model import Event, Profile
from brandkit.text.fold import fold

# (at most this many days after the event, language → summary)
KINDS = [
    (7, {"ja": "お礼の連絡: {event}", "en": "Follow up: {event}"}),
    (200, {"ja": "近況を伝える: {event}で会った方へ", "en": "Keep in touch: people from {event}"}),
    (None, {"ja": "また会う約束を: {event}で会った方と", "en": "Meet again: people from {event}"}),
]
DETAILS = {
    "ja": {"followup": "お礼メールとLinkedInのメッセージの下書き: {url}",
           "keep": "近況を一言伝えましょう(3か月に1度のメール、月に1度の「いいね」)。",
           "meet": "年に1〜2回は会う機会をつくりましょう。",
           "event": "参加する理由: {why}"},
    "en": {"followup": "Drafts of your thank-you mail and LinkedIn note: {url}",
           "keep": "Send a short update (a mail every quarter, a like every month).",
           "meet": "Meet in person once or twice a year.",
           "event": "Why I'm going: {why}"},
}


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def calendar(profile: Profile, event: Event, stamp: date, host: str,
             prep_url: str | None = None) -> str:
    """The .ics text for ``event``; ``host`` makes UIDs unique (the site's domain)."""
    lang = profile.primary
    name = event.name.text(lang)
    dtstamp = stamp.strftime("%Y%m%dT000000Z")
    words = DETAILS[lang]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//brandkit//brandkit {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]

    def vevent(uid: str, start: date, summary: str, description: str, alarm: bool,
               more: list[str] = ()) -> None:
        lines.extend(["BEGIN:VEVENT", f"UID:{uid}@{host}", f"DTSTAMP:{dtstamp}",
                      f"DTSTART;VALUE=DATE:{_date(start)}",
                      f"DTEND;VALUE=DATE:{_date(start + timedelta(days=1))}",
                      f"SUMMARY:{escape(summary)}"])
        if description:
            lines.append(f"DESCRIPTION:{escape(description)}")
        lines.extend(more)
        if alarm:
            lines.append("TRANSP:TRANSPARENT")  # a reminder does not make you busy
            lines.extend(["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(summary)}",
                          "TRIGGER;RELATED=START:PT9H", "END:VALARM"])
        lines.append("END:VEVENT")

    more = []
    if event.place:
        more.append(f"LOCATION:{escape(event.place.text(lang))}")
    if event.url and event.url.startswith(("http:", "https:")):
        more.append(f"URL:{event.url}")
    why = event.why.text(lang) if event.why else ""
    vevent(f"{event.slug}", event.date, name,
           words["event"].format(why=why) if why else "", alarm=False, more=more)
    for days in sorted(set(profile.followup.reminders)):
        summary, detail = _kind(days, lang, name, words, prep_url)
        vevent(f"{event.slug}-{days}d", event.date + timedelta(days=days), summary, detail,
               alarm=True)
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))


def _kind(days: int, lang: str, name: str, words: dict[str, str],
          prep_url: str | None) -> tuple[str, str]:
    for limit, summaries in KINDS:
        if limit is None or days <= limit:
            summary = summaries[lang].format(event=name)
            break
    if days <= 7:
        detail = words["followup"].format(url=prep_url) if prep_url else ""
    elif days <= 200:
        detail = words["keep"]
    else:
        detail = words["meet"]
    return summary, detail
