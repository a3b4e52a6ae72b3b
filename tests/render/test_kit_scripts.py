"""Self-introduction scripts, event-type variants and SNS bios: what the drafts promise.

Generated scripts always fit their slot at the standard pace (90 % budget), follow the
template current work → why I came → what I want next, use です・ます and the family
name first in Japanese; the user's own scripts replace drafts and are timed the same way.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandkit.profile import load_site
from brandkit.profile.model import (
    EVENT_TYPES,
    Contacts,
    Event,
    Name,
    Offer,
    PlainWord,
    Profile,
    Scripts,
    Strength,
    Text,
)
from brandkit.render.kit.followup import drafts
from brandkit.render.kit.scripts import LENGTHS, bios, override, scripts_for
from brandkit.render.kit.wording import event_offers
from brandkit.text import limits, speech

EXAMPLE = Path(__file__).resolve().parents[2] / "example-site"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_site(EXAMPLE).profile


def by_key(scripts: list) -> dict:
    return {s.key: s for s in scripts}


def test_every_language_gets_the_five_lengths(profile: Profile) -> None:
    for lang in profile.lang:
        scripts = scripts_for(profile, lang)
        assert [s.key for s in scripts] == list(LENGTHS)
        assert all(s.lang == lang and s.text for s in scripts)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_generated_scripts_fit_their_slot(profile: Profile, lang: str) -> None:
    for event in [None, *profile.events]:
        for s in scripts_for(profile, lang, event):
            assert s.fits, (event and event.type, s.key, s.seconds, s.text)
            if s.spoken:  # an online event's chat line is typed, not timed
                assert s.seconds <= 0.9 * s.slot + 1e-9
    # Longer slots say more.
    sizes = [by_key(scripts_for(profile, lang))[k].seconds for k in ("15s", "30s", "60s", "3min")]
    assert sizes == sorted(sizes) and sizes[-1] > 60


def test_japanese_uses_desu_masu_and_family_name_first(profile: Profile) -> None:
    for event in [None, *profile.events]:
        for s in scripts_for(profile, "ja", event):
            if s.key == "keyword":
                continue
            assert "山田花子です" in s.text or "山田" in s.text
            assert "花子山田" not in s.text
            for sentence in s.sentences:
                assert re.search(r"(です|ます|ません|でした|ました|ください|ですか|ますか)[。！？]$", sentence), sentence
    closing = by_key(scripts_for(profile, "ja"))["3min"].text
    # The closing repeats the keyword and names the speaker by family name.
    assert closing.endswith("AIと教育を掛け合わせる仕事をしている山田でした。どうぞよろしくお願いします。")


def test_template_order_current_work_why_next(profile: Profile) -> None:
    meetup, mixer = profile.events[:2]
    text = by_key(scripts_for(profile, "ja", mixer))["3min"].text
    now, why, nxt = "全国12校での試験導入", "うかがいたくて参加しました", "これからは、"  # plain words
    assert text.index(now) < text.index(why) < text.index(nxt)
    english = by_key(scripts_for(profile, "en", mixer))["3min"].text
    assert english.index("running trials") < english.index("I'm here today because") \
        < english.index("Next, I want")
    # The 30 s script for an event keeps why I came, said as a reason for coming.
    assert "一緒に考えたくて参加しました。" in by_key(scripts_for(profile, "ja", meetup))["30s"].text
    # What I can offer and who I'd like to meet are in the 3 min script too.
    text = by_key(scripts_for(profile, "ja", meetup))["3min"].text
    assert "30分のオンライン相談を無料でお受けしています" in text and "異業種の方とお話ししたいです" in text
    # At the meetup, why I came and what I want next say nearly the same: said once.
    assert "これからは" not in text


def test_offers_suit_the_event(profile: Profile) -> None:
    mixer = next(e for e in profile.events if e.type == "mixer")
    # The example's mixer names its offer (`offers: [3]`): people from companies hear about
    # the talks, not the advice on lessons.
    assert [o.title["en"] for o in event_offers(profile, mixer)] == ["Talks at your study group"]
    text = by_key(scripts_for(profile, "ja", mixer))["60s"].text
    assert "勉強会での登壇ができます。" in text and "授業でのAI活用" not in text
    assert "I can offer talks at your study group." in by_key(scripts_for(profile, "en", mixer))["60s"].text
    # Named twice or out of range: said once, the rest left out (validation reports it).
    assert [o.title["en"] for o in event_offers(profile, dataclasses.replace(mixer, offers=[3, 3, 9]))] \
        == ["Talks at your study group"]
    # Not named: those that share words with the event (kanji pairs, English words) first.
    about_talks = dataclasses.replace(mixer, offers=[], questions=[], why=Text({
        "ja": "社内勉強会の講師を探している方と話したいからです。",
        "en": "I want to meet people who organise study group talks at work."}))
    assert event_offers(profile, about_talks)[0].title["en"] == "Talks at your study group"
    text = by_key(scripts_for(profile, "en", about_talks))["60s"].text
    assert text.index("talks at your study group") < text.index("advice on AI in the classroom")
    # Nothing in common: the profile's order.
    unrelated = dataclasses.replace(mixer, offers=[], questions=[], name=Text({"*": "Mixer"}),
                                    why=Text({"ja": "釣りの話がしたいからです。",
                                              "en": "I want to talk about fishing."}))
    assert event_offers(profile, unrelated) == profile.offers
    assert event_offers(profile, None) == profile.offers


def test_offers_with_details_are_said_once(profile: Profile) -> None:
    """Titles, then the same offers again in detail, sound like a list read twice: with
    room, each offer is said once, by its detail, after how many there are."""
    ja = by_key(scripts_for(profile, "ja"))["3min"].text
    # A detail that does not name its offer is said after it (「〜では、」, " — ").
    assert ("お手伝いできることが三つあります。授業でのAI活用のご相談では、生成AIを授業や校務にどう取り入れるか、"
            "30分のオンライン相談を無料でお受けしています。教育サービスを開発中の方に、") in ja
    assert ja.count("授業でのAI活用のご相談") == 1
    en = by_key(scripts_for(profile, "en"))["3min"].text
    assert ("There are three ways I can help. I can offer advice on AI in the classroom — free "
            "30-minute online chats on") in en
    assert en.count("advice on AI in the classroom") == 1
    # Offers without a detail: one sentence for the rest, after the told ones.
    se = load_site(FIXTURES / "sales-engineer").profile
    assert ("お手伝いできることが三つあります。無料の現地診断では、工場を1時間歩いて、自動化できる工程を3つ"
            "挙げます。ほかに、補助金活用のアドバイスや展示会へのご招待もできます。"
            in by_key(scripts_for(se, "ja"))["3min"].text)
    assert ("There are three ways I can help. I can offer a free on-site check — one hour walking "
            "your plant, and three processes you could automate. I can also offer tips on "
            "subsidies and trade-show invitations." in by_key(scripts_for(se, "en"))["3min"].text)
    # A shorter slot names them by title.
    assert "授業でのAI活用のご相談や勉強会での登壇ができます。" in by_key(scripts_for(profile, "ja"))["60s"].text


def test_the_call_points_at_what_was_said(profile: Profile) -> None:
    meetup = profile.events[0]
    # Who I'd like to meet did not fit the 60 s: no "If that sounds like you" pointing at
    # nothing, and after the meetup's open door (Just come and ask.) no second call.
    for lang, door in (("en", "Just come and ask."), ("ja", "いつでも聞いてください。")):
        text = by_key(scripts_for(profile, lang, meetup))["60s"].text
        assert door in text
        assert "If that sounds like you" not in text and "当てはまる方は" not in text
        assert "come and say hi" not in text and "声をかけてください" not in text
        # The 3 min says who, then the call that points at them.
        text = by_key(scripts_for(profile, lang, meetup))["3min"].text
        assert ("care about how children learn. If that sounds like you, please come and say hi"
                in text) if lang == "en" else ("異業種の方とお話ししたいです。当てはまる方は、" in text)


def test_why_and_next_saying_the_same_are_said_once_in_english(profile: Profile) -> None:
    meetup = profile.events[0]  # why: how to tell whether AI led to learning; next: measure it
    text = by_key(scripts_for(profile, "en", meetup))["60s"].text
    assert "I'm here today because" in text and "Next, I want" not in text


def test_mixers_hear_plain_words(profile: Profile) -> None:
    mixer = next(e for e in profile.events if e.type == "mixer")
    meetup = next(e for e in profile.events if e.type == "meetup")
    # With every offer (their details carry 校務 and ヒアリング) and a 3 min to say them in.
    every = dataclasses.replace(mixer, offers=[1, 2, 3])
    for lang, jargon, plain in (("ja", ("実証導入", "学習科学", "校務"), ("試験導入", "学びの科学")),
                                ("en", ("pilots", "learning science"), ("trials", "the science of learning"))):
        text = by_key(scripts_for(profile, lang, every))["3min"].text
        assert not [word for word in jargon if word in text], text
        assert all(word in text for word in plain), text
        # Peers at a study group keep the field's words.
        assert jargon[0] in by_key(scripts_for(profile, lang, meetup))["3min"].text
    # The user's own pairs, over the built-in ones.
    own = dataclasses.replace(profile, plain_words=[PlainWord("実証導入", "お試しの導入"),
                                                    PlainWord("Manabi AI", "our AI tutor")])
    assert "全国12校でのお試しの導入" in by_key(scripts_for(own, "ja", mixer))["60s"].text
    assert "product manager of our AI tutor" in by_key(scripts_for(own, "en", mixer))["60s"].text
    # Names are said as they are: the company, the keyword and the event keep their words.
    named = dataclasses.replace(profile, organization=Text({"ja": "株式会社DXラボ", "en": "DX Lab Inc."}),
                                identity=Text({"ja": "DXで学校を変える仕事をしています",
                                               "en": "I bring DX to schools"}))
    dx = dataclasses.replace(mixer, name=Text({"ja": "DX交流会", "en": "DX Mixer"}))
    for lang, org, keyword in (("ja", "DXラボ", "DXで学校を変える"), ("en", "DX Lab", "I bring DX to schools")):
        text = by_key(scripts_for(named, lang, dx))["30s"].text
        assert org in text and keyword in text, text
        mail = next(d for d in drafts(named, dx, {}) if d.kind == "mail" and d.lang == lang)
        assert "DX" in mail.subject and "デジタル化" not in mail.subject + mail.body


def test_type_variants(profile: Profile) -> None:
    meetup, mixer = [e for e in profile.events if e.type in ("meetup", "mixer")]
    # Same-profession meetup: an offer to share, a strength for depth.
    assert "いつでも聞いてください。" in by_key(scripts_for(profile, "ja", meetup))["60s"].text
    # Cross-industry mixer: current work first (one plain line), who I want to meet, and
    # offers by title only (their details carry jargon: 校務, ヒアリング).
    mix = by_key(scripts_for(profile, "ja", mixer))["60s"].text
    assert "異業種の方とお話ししたいです" in mix and "全国12校での試験導入" in mix
    assert "校務" not in mix and "ヒアリング" not in mix
    # Seminar: a 10 s line with affiliation, name and the question; online: a chat intro.
    seminar = Event(Text({"ja": "AIセミナー", "en": "AI seminar"}), date(2026, 12, 1), "seminar",
                    questions=[Text({"ja": "評価はどうしていますか？", "en": "How do you assess it?"})],
                    slug="s")
    qa = by_key(scripts_for(profile, "ja", seminar))["10s"]
    assert qa.text == "まなびラボの山田花子です。貴重なお話をありがとうございました。評価はどうしていますか？"
    assert qa.fits
    assert by_key(scripts_for(profile, "en", seminar))["10s"].text == \
        "I'm Hanako Yamada from Manabi Lab. Thank you for the talk. How do you assess it?"
    # A question too long for 10 s: the company, the name and the thanks stay (what the
    # room notes down); the line asks to put a question and the question is its note.
    long_question = Text({"ja": "今日のお話を現場で試すとしたら、最初の一歩は何がよいでしょうか？",
                          "en": "If we tried what you showed today in a school that has no AI "
                                "policy yet, which first step would you take and why?"})
    seminar = dataclasses.replace(seminar, questions=[long_question])
    qa = by_key(scripts_for(profile, "ja", seminar))["10s"]
    assert qa.text == "まなびラボの山田花子です。貴重なお話をありがとうございました。一つ質問させてください。"
    assert qa.note == long_question["ja"] and qa.fits
    qa = by_key(scripts_for(profile, "en", seminar))["10s"]
    assert qa.text == ("I'm Hanako Yamada from Manabi Lab. Thank you for the talk. "
                       "I have one question.")
    assert qa.note == long_question["en"] and qa.fits
    online = Event(Text({"ja": "オンライン勉強会", "en": "Online study group"}), date(2026, 12, 2),
                   "online", why=Text({"ja": "全国の先生と話したいからです。",
                                       "en": "I want to talk with teachers across Japan."}),
                   slug="o")
    for lang, limit in (("ja", 140), ("en", 280)):
        scripts = by_key(scripts_for(profile, lang, online, url="https://hanako.example/e/o/"))
        chat = scripts["chat"]
        assert not chat.spoken and chat.length <= limit == chat.limit
        assert chat.text.endswith("\n" + ("プロフィール: " if lang == "ja" else "Profile: ")
                                  + "https://hanako.example/e/o/")
        assert scripts["30s"].fits
    # Reading club: the book and why; hobby community: no selling.
    club = Event(Text({"ja": "読書会", "en": "Book club"}), date(2026, 12, 3), "reading_club",
                 book=Text({"ja": "学習する組織", "en": "The Fifth Discipline"}),
                 why=Text({"ja": "チームで学ぶことを話したいからです。", "en": "I want to talk about teams."}),
                 slug="r")
    text = by_key(scripts_for(profile, "ja", club))["60s"].text
    assert "持ってきた本は、『学習する組織』です。" in text and "できます" not in text
    assert "今日は、チームで学ぶことを話したくて参加しました。" in text
    assert "The book I brought is The Fifth Discipline." in \
        by_key(scripts_for(profile, "en", club))["30s"].text
    hobby = Event(Text({"ja": "清掃ボランティア", "en": "Clean-up"}), date(2026, 12, 4), "community",
                  why=Text({"ja": "地域の役に立ちたいからです。", "en": "I want to help my town."}),
                  slug="c")
    drafts_only = dataclasses.replace(profile, scripts=Scripts())  # the example has a 15 s of its own
    for lang in ("ja", "en"):
        for s in scripts_for(drafts_only, lang, hobby):
            assert "まなびラボ" not in s.text and "Manabi Lab" not in s.text  # no company pitch
            assert "ご相談" not in s.text and "I can offer" not in s.text


def test_overrides_replace_drafts_and_are_timed(profile: Profile) -> None:
    own = Profile(name=profile.name, identity=profile.identity, lang=["ja", "en"],
                  scripts=Scripts(s30=Text({"ja": "あ" * 150}), keyword=Text({"*": "I combine AI"})))
    event = Event(Text({"*": "Meetup"}), date(2026, 12, 1), "meetup", slug="m",
                  scripts=Scripts(s30=Text({"en": "word " * 20})))
    ja = by_key(scripts_for(own, "ja"))
    assert ja["30s"].own and ja["30s"].text == "あ" * 150
    assert not ja["30s"].fits and ja["30s"].overrun.cut == 15 and ja["30s"].overrun.unit == "ja"
    # A plain string is in one language: the English keyword is not used on Japanese pages.
    assert not ja["keyword"].own and by_key(scripts_for(own, "en"))["keyword"].own
    # An event's own script wins, in its language only; the profile's 15 s–3 min are the
    # general intro: at an event the draft greets and follows the event's template.
    assert by_key(scripts_for(own, "en", event))["30s"].text == ("word " * 20).strip()
    at_event = by_key(scripts_for(own, "ja", event))
    assert not at_event["30s"].own and at_event["30s"].text.startswith("はじめまして、山田花子です。")
    assert at_event["keyword"].text == ja["keyword"].text  # the keyword is not a template's
    assert override(own, None, "60s", "ja") is None


def test_bios_fit_each_platform(profile: Profile) -> None:
    for lang in profile.lang:
        found = {b.platform: b for b in bios(profile, lang)}
        assert set(found) == {"x", "linkedin", "instagram"}
        for bio in found.values():
            counter = limits.PLATFORMS[bio.platform][1]
            assert bio.size == counter(bio.text) <= bio.limit
            assert bio.text.startswith(("AIと教育", "I combine", "株式会社", "Product Manager"))
    x = {b.platform: b for b in bios(profile, "ja")}["x"]
    # 160 on X holds 80 Japanese characters: the bio is near the limit, not over it.
    assert 120 <= x.size <= 160 and x.size == limits.x_length(x.text)


# --- property tests: any valid profile ----------------------------------------------------

ja_text = st.text(alphabet="あいうえおかきくけこ漢字教育仕事、。AIです", min_size=1, max_size=160)
en_text = st.lists(st.sampled_from(["I", "combine", "AI", "and", "education", "teachers",
                                    "learning", "data,", "work."]),
                   min_size=1, max_size=90).map(" ".join)


@st.composite
def texts(draw: st.DrawFn, optional: bool = True) -> Text | None:
    if optional and draw(st.booleans()):
        return None
    return Text({"ja": draw(ja_text), "en": draw(en_text)})


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    events = [Event(draw(texts(False)), date(2026, 12, 1 + i), draw(st.sampled_from(EVENT_TYPES)),
                    why=draw(texts()), book=draw(texts()), slug=f"e{i}",
                    questions=draw(st.lists(texts(False), max_size=3)))
              for i in range(draw(st.integers(0, 2)))]
    return Profile(
        name=Name(family=draw(st.sampled_from(["山田", "佐藤", "Smith"])),
                  given=draw(st.sampled_from(["花子", "太郎", "Ann"])),
                  latin=draw(st.sampled_from([None, "Hanako Yamada"]))),
        identity=draw(texts(False)), lang=["ja", "en"], role=draw(texts()),
        organization=draw(texts()), now=draw(texts()), next=draw(texts()),
        looking_for=draw(texts()), about=draw(texts()),
        strengths=[Strength(t, draw(texts())) for t in draw(st.lists(texts(False), max_size=4))],
        offers=[Offer(t, draw(texts())) for t in draw(st.lists(texts(False), max_size=3))],
        contacts=Contacts(), events=events)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_profile_gets_scripts_that_fit(p: Profile) -> None:
    for lang in p.lang:
        for event in [None, *p.events]:
            for s in scripts_for(p, lang, event, url="https://example.org/e/x/"):
                if s.key == "keyword":
                    continue  # the identity itself, checked by `brandkit check`
                assert s.fits, (lang, event and event.type, s.key, s.text)
                assert s.spoken or s.length <= limits.CHAT[lang]
        for bio in bios(p, lang):
            assert bio.size <= bio.limit


def test_speech_rates_are_the_briefs() -> None:
    assert (speech.JA_PER_MINUTE, speech.EN_PER_MINUTE) == (300, 150)


# --- filling the slots (75–90 %) -----------------------------------------------------------


def test_a_3_min_tells_four_strengths_asks_two_questions_and_calls(profile: Profile) -> None:
    meetup = profile.events[0]
    ja = by_key(scripts_for(profile, "ja", meetup))["3min"].text
    assert "それから、先生に伝わる研修づくりも得意です。" in ja
    assert ("皆さんにも伺いたいことが二つあります。生徒がAIに頼りすぎていると感じるのは、どんな場面ですか？"
            "もう一つ、学習の成果を見るとき、") in ja
    assert "当てはまる方は、ぜひこのあと声をかけてください。" in ja
    en = by_key(scripts_for(profile, "en", meetup))["3min"].text
    assert "And a fourth is training that works for teachers." in en
    assert ("I'd like to ask you all two things. When do you feel students are leaning on AI too "
            "much? And apart from test scores, what signals do you look at to see learning?") in en
    assert "The QR code on my card opens my profile, and you can save my contact details " \
        "from there." in en
    assert en.endswith("I'm Hanako Yamada, and I combine AI and education. Thank you, and nice "
                       "to meet you!")


def test_without_an_event_the_3_min_points_to_the_site(profile: Profile) -> None:
    en = by_key(scripts_for(profile, "en"))["3min"].text
    # Who I'd like to meet was said long before (as the reason to talk), the offers just
    # now: the call names both, not a bare "that".
    assert ("If you're one of the people I'd love to meet, or any of this could help you, please "
            "come and say hi. There's more about my work and projects on my website, and the QR "
            "code on my card takes you straight there, so please have a look.") in en
    assert ("お話ししたい方に当てはまる方や、お役に立てそうなことがあった方は、ぜひ声をかけてください。"
            in by_key(scripts_for(profile, "ja"))["3min"].text)
    bare = dataclasses.replace(profile, scripts=Scripts(),
                               site=dataclasses.replace(profile.site, url=None))
    assert "website" not in by_key(scripts_for(bare, "en"))["3min"].text  # no site, no pointer


def test_an_event_15_s_greets_and_thanks_for_today_once(profile: Profile) -> None:
    meetup = profile.events[0]
    assert by_key(scripts_for(profile, "ja", meetup))["15s"].text == (
        "はじめまして、まなびラボの山田花子です。AIと教育を掛け合わせる仕事をしています。"
        "今日はどうぞよろしくお願いします。")
    assert by_key(scripts_for(profile, "en", meetup))["15s"].text.startswith("Hi, I'm Hanako")
    # 今日 said by the reason I came: the thanks does not say it again.
    thirty = by_key(scripts_for(profile, "ja", meetup))["30s"].text
    assert thirty.count("今日") == 1 and thirty.endswith("。どうぞよろしくお願いします。")


def test_reading_club_and_community_follow_their_template_from_15_s(profile: Profile) -> None:
    club, hobby = profile.events[3], profile.events[4]
    assert by_key(scripts_for(profile, "ja", club))["15s"].text == (
        "はじめまして、山田花子です。元・公立中学校の数学教員です。持ってきた本は、『学習する組織』です。"
        "今日はどうぞよろしくお願いします。")
    # The story stops where it turns to the company: a volunteer group hears no pitch.
    for lang in ("ja", "en"):
        for s in scripts_for(profile, lang, hobby):
            assert "まなびラボ" not in s.text and "Manabi Lab" not in s.text
    talk = by_key(scripts_for(profile, "en", club))["3min"].text
    assert "What stayed with me most is systems thinking," in talk  # book_takeaway, as written
    assert "What I took from it is what" not in talk


def test_the_example_fills_its_slots(profile: Profile) -> None:
    """75–90 % of each slot, at every event type and without one: a reading club's 3 min is
    a book talk (book_takeaway), a community's the personal story (motive)."""
    for event in (None, *profile.events):
        for lang in profile.lang:
            for s in scripts_for(profile, lang, event):
                if s.key in ("15s", "30s", "60s", "3min"):
                    share = s.seconds / s.slot
                    assert 0.75 <= share <= 0.9, (event and event.type, lang, s.key, share)
