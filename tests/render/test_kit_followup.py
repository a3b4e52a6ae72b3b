"""Follow-up drafts that deliver what was promised, sign with the public email, and suit
the event: no business call after a reading club or a volunteer group."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from brandkit.profile import load_site
from brandkit.profile.model import EmailContact, Profile, Text
from brandkit.render.kit.followup import drafts, promised_en, promised_ja

EXAMPLE = Path(__file__).resolve().parents[2] / "example-site"
URLS = {"ja": "https://hanako.example/e/x/", "en": "https://hanako.example/en/e/x/"}


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_site(EXAMPLE).profile


def by_kind(profile: Profile, index: int) -> dict[tuple[str, str], str]:
    return {(d.kind, d.lang): d.body for d in drafts(profile, profile.events[index], URLS)}


@pytest.mark.parametrize(("promise", "ja", "en"), [
    (Text({"ja": "学習ログ分析レポートのPDF", "en": "the PDF of our learning-log report"}),
     "お約束していた学習ログ分析レポートのPDFを添付いたします。",
     "As promised, I've attached the PDF of our learning-log report."),
    (Text({"ja": "先生のご紹介", "en": "an introduction to a teacher"}),
     "お約束していた先生のご紹介の件は、〔日付〕までにあらためてご連絡いたします。",
     "As promised, I'll follow up on an introduction to a teacher by [date]."),
    (Text({"ja": "資料をお送りします。", "en": "I'm sending the slides today."}),
     "お約束どおり、資料をお送りします。", "I'm sending the slides today."),
])
def test_a_promise_is_delivered(promise: Text, ja: str, en: str) -> None:
    assert promised_ja(promise["ja"]) == ja
    assert promised_en(promise["en"]) == en


def test_business_mail_signs_with_the_public_email(profile: Profile) -> None:
    mails = by_kind(profile, 0)
    ja, en = mails[("mail", "ja")], mails[("mail", "en")]
    assert "お約束していた学習ログ分析レポートのPDFを添付いたします。" in ja
    assert "（東京・渋谷）" not in ja  # where you met is in the event name's day line, not bracketed
    assert ja.endswith("hanako@example.com\nhttps://hanako.example/e/x/\n")
    assert "30分ほどお話しできませんか" in ja and "30-minute call" in en
    assert "at the EdTech Study Group #24" in en
    assert en.endswith("hanako@example.com\nhttps://hanako.example/en/e/x/\n")
    note = mails[("note", "ja")]
    assert note.endswith("よろしければ、つながっていただけますと幸いです。")
    assert "つながらせてください" not in note


def test_a_card_only_email_stays_out_of_the_drafts(profile: Profile) -> None:
    hidden = dataclasses.replace(profile, contacts=dataclasses.replace(
        profile.contacts, email=EmailContact("hanako@example.com", show=["card"])))
    for body in by_kind(hidden, 0).values():
        assert "hanako@example.com" not in body


@pytest.mark.parametrize("kind", ["reading_club", "community"])
def test_no_business_call_after_a_reading_club_or_a_community(profile: Profile, kind: str) -> None:
    index = next(i for i, event in enumerate(profile.events) if event.type == kind)
    mails = by_kind(profile, index)
    assert "30分" not in mails[("mail", "ja")] and "30-minute" not in mails[("mail", "en")]
    assert "お手伝いできること" not in mails[("mail", "ja")]
    assert "また次回の会でお会いできるのを楽しみにしています。" in mails[("mail", "ja")]
    assert "I look forward to seeing you at the next one." in mails[("mail", "en")]
