"""The sample values ``brandkit init`` writes, and how to find them left in a profile.

One table for both: ``scaffold.py`` writes its template from it, and ``brandkit check``
advises on every sample value still there (`--strict` fails on them; a build says once
that some remain). A sample left in is worse than a blank: the printed card's QR code
would lead to ``your-handle.github.io``. tests/profile/test_samples.py holds every value
``init`` writes, in each language, to being recognised here.

The samples are a fictional person unlike the example site's, so that the example (and a
profile that borrows its wording) is not taken for an untouched ``init``. A few values
are settings, not samples: a colour, the theme, the event's type and dates are fine
choices to keep (``SETTINGS``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Texts, in both languages; the chosen languages decide what init writes.
TEXTS: dict[str, dict[str, str]] = {
    "identity": {"ja": "医療の現場とデザインをつなぐ仕事をしています",
                 "en": "I bring design into hospitals"},
    "role": {"ja": "UXデザイナー", "en": "UX designer"},
    "about": {"ja": "元・看護師です。医療スタッフが迷わず使える業務アプリをデザインしています。",
              "en": "A former nurse, now designing apps that hospital staff can use without training."},
    "now": {"ja": "病棟で使う記録アプリの画面設計を進めています。",
            "en": "I am designing a charting app for hospital wards."},
    "next": {"ja": "患者さん自身が使う医療アプリにも関わりたいです。",
             "en": "I want to work on apps that patients use themselves."},
    "looking_for": {"ja": "医療現場で働く方や、ヘルスケア分野のエンジニアとお話ししたいです。",
                    "en": "People who work in hospitals, and engineers in healthcare."},
    "strength1": {"ja": "医療現場の実体験", "en": "Hands-on hospital experience"},
    "strength1_detail": {"ja": "看護師の経験から、忙しい現場で使える画面かどうかを判断できます。",
                         "en": "Years on the wards tell me whether a screen survives a busy shift."},
    "strength2": {"ja": "現場スタッフと回す短期の試作", "en": "Quick prototypes, tested with staff"},
    "strength3": {"ja": "専門用語をやさしく伝える力", "en": "Plain words for medical jargon"},
    "offer1": {"ja": "医療アプリの画面レビュー (30分・無料)", "en": "A free 30-minute UX review"},
    "offer2": {"ja": "現役の看護師をご紹介します", "en": "Introductions to working nurses"},
    # Not a real place: a real one would be flagged for everyone who lives there.
    "location": {"ja": "〇〇市", "en": "Your city"},
    "event": {"ja": "UXデザイン勉強会", "en": "UX design study group"},
    "why": {"ja": "医療アプリの使いやすさについて、つくり手の方と話したいからです。",
            "en": "I want to talk about usability with people who build health apps."},
    "question": {"ja": "現場の声をどのように集めていますか？",
                 "en": "How do you collect feedback from staff?"},
    "title": {"ja": "はじめてのプロジェクト", "en": "My first project"},
    "summary": {"ja": "何をつくり、誰の役に立ったかを一文で。",
                "en": "What you made and who it helped, in one sentence."},
    "body": {"ja": "ここに本文を Markdown で書きます。\n\n- 目的\n- 自分の役割\n- 結果\n",
             "en": "Write the story here in Markdown.\n\n- The goal\n- Your part\n- The result\n"},
}
# The name: family and given are common on their own (a real 山田 is not a sample), so
# they count only together; the full readings and spellings count alone.
NAME = {"ja": {"family": "山田", "given": "太郎", "reading": "やまだ たろう",
               "latin": "Taro Yamada"},
        "en": {"given": "Taro", "family": "Yamada"}}
EMAIL = "you@example.com"
HANDLE = "your-handle"
SITE_URL = f"https://{HANDLE}.github.io/"
LINK = "https://example.com/"  # the portfolio item's related link
SLUG = "first-project"  # the portfolio item (portfolio/first-project.md), a strength's evidence
TAGS = ["AI", "EdTech"]  # common words: a sample only as the whole list
PHOTO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320" width="320" height="320">
<title>Placeholder photo</title>
<rect width="320" height="320" fill="#e3f1f1"/>
<circle cx="160" cy="128" r="58" fill="#0b6e6e"/>
<path d="M52 320c8-70 52-112 108-112s100 42 108 112z" fill="#0b6e6e"/>
</svg>
"""
# Choices init makes that are fine to keep (dotted paths, "*" for any list item).
SETTINGS = frozenset({"lang", "brand.color", "brand.theme", "events.*.type", "events.*.date",
                      "date", "photo.src"})

_STRINGS = frozenset({value.strip() for texts in TEXTS.values() for value in texts.values()}
                     | {NAME["ja"]["reading"], NAME["ja"]["latin"], "山田 太郎", EMAIL, HANDLE,
                        "@" + HANDLE, SITE_URL, SITE_URL.rstrip("/"), LINK, SLUG})


def is_sample_text(value: object) -> bool:
    """``value`` is one of the sample strings (surrounding white space aside)."""
    return isinstance(value, str) and value.strip() in _STRINGS


def is_sample_photo(data: bytes) -> bool:
    return data.replace(b"\r\n", b"\n").strip() == PHOTO.encode("utf-8").strip()


def found(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Each sample value left in ``data`` (a profile or a portfolio file's front matter,
    as loaded): its path and the value, in the order written."""
    if isinstance(data, dict):
        if path == ("name",):
            yield from _name(data)
            return
        for key, value in data.items():
            yield from found(value, path + (key,))
    elif isinstance(data, list):
        if path[-1:] == ("tags",) and [str(v) for v in data] == TAGS:
            yield path, ", ".join(TAGS)
            return
        for i, value in enumerate(data):
            yield from found(value, path + (i,))
    elif is_sample_text(data):
        yield path, data.strip()


def _name(name: dict) -> Iterator[tuple[tuple, str]]:
    for sample in NAME.values():
        if name.get("family") == sample["family"] and name.get("given") == sample["given"]:
            yield from ((("name", key), name[key]) for key in name if key in ("family", "given"))
            break
    for key in ("reading", "latin", "full"):
        if is_sample_text(name.get(key)):
            yield ("name", key), name[key].strip()
