"""Scripts that sound like a person, for any reasonable profile: properties over generated
profiles whose fields take every common shape (noun phrase, です・ます, plain form, 〜たい,
〜ので/〜ため, English noun phrase, "-ing", full sentence), then the second fixture profile
(a sales engineer: noun phrases, plain forms, no ``next``)."""

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
    Event,
    Name,
    Offer,
    Profile,
    Strength,
    Text,
)
from brandkit.render.kit import intro_en, intro_ja, wording
from brandkit.render.kit.scripts import Script, intro_parts, scripts_for
from brandkit.text import speech
from brandkit.text.sentence import ja as spoken_ja

SALES = Path(__file__).resolve().parent / "fixtures" / "sales-engineer"
EXAMPLE = Path(__file__).resolve().parents[2] / "example-site"
SPOKEN = ("15s", "30s", "60s", "3min")

_JA_END = re.compile(r"(?:です|ます|ません|でした|ました|ください|か)[。？]$")
_STACKED = ("今日参加したのは、今日", "今日は、今日", "これからは、これから", "これからは、将来",
            "これからは、今後", "これからは、次は")
_LABEL = re.compile(r"(?:^|[.!?] )[A-Z][A-Za-z ]{0,30}: ")


def problems(script: Script, identity: str) -> list[str]:
    """What a listener would notice in a drafted script, in plain words ([] when none)."""
    found = []
    told = script.sentences
    if len(set(told)) != len(told):
        found.append("a sentence said twice")
    if script.lang == "ja":
        found += [f"ends badly: {s}" for s in told if not _JA_END.search(s)]
        found += [f"stacked lead {lead}" for lead in _STACKED if lead in script.text]
        if "「「" in script.text or "」です" in script.text:
            found.append("a quoted title or nested brackets")
        if script.text.count("今日は") > 1:
            found.append("今日は said twice")
        keyword = spoken_ja.ja_core(identity)
    else:
        found += [f"a label: {s}" for s in told if _LABEL.search(s)]
        found += [f"no sentence end: {s}" for s in told if not s.endswith((".", "!", "?"))]
        keyword = identity.strip().rstrip(".").lower()
    if script.slot < 60 and keyword and script.text.lower().count(keyword.lower()) > 1:
        found.append("the keyword twice in a script under 60 s")
    return found


# --- generated profiles ----------------------------------------------------------------------

_NOUN_JA = ["搬送ライン自動化の導入提案", "海外工場への展開", "中小企業のDX支援", "社員研修の設計",
            "地域の子どもの学び", "AIと教育"]
_NOUN_EN = ["line automation proposals", "overseas plants", "digital support for small firms",
            "training design", "children's learning"]


@st.composite
def ja_field(draw: st.DrawFn) -> str:
    noun = draw(st.sampled_from(_NOUN_JA))
    return draw(st.sampled_from([
        noun, f"{noun}を進めています。", f"{noun}に取り組んでいる", f"{noun}に関わりたい",
        f"{noun}に関わりたいので", f"{noun}を学ぶため", f"{noun}を知りたくて",
        f"今日は、{noun}について話したい", f"これからは、{noun}", f"{noun}。{noun}を担当。"]))


@st.composite
def en_field(draw: st.DrawFn) -> str:
    noun = draw(st.sampled_from(_NOUN_EN))
    return draw(st.sampled_from([
        noun.capitalize(), f"Working on {noun}", f"I work on {noun}.", f"to learn about {noun}",
        f"Why I came: {noun}", f"Moved to {noun} in 2020", f"I want to help with {noun}."]))


@st.composite
def text(draw: st.DrawFn, optional: bool = True) -> Text | None:
    if optional and draw(st.integers(0, 4)) == 0:
        return None
    return Text({"ja": draw(ja_field()), "en": draw(en_field())})


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    events = [Event(Text({"ja": f"会{i}", "en": f"Event {i}"}), date(2026, 12, 1 + i), kind,
                    why=draw(text()), book=Text({"ja": "ザ・ゴール", "en": "The Goal"}),
                    book_why=draw(text()), motive=draw(text()), slug=f"e{i}")
              for i, kind in enumerate(EVENT_TYPES)]
    return Profile(
        name=Name(family="佐藤", given="健一", latin="Kenichi Sato"),
        identity=Text({"ja": draw(st.sampled_from(["製造業の現場を自動化でつなぐエンジニア",
                                                    "AIと教育を掛け合わせる仕事をしています",
                                                    "学習データ分析が専門です"])),
                       "en": draw(st.sampled_from(["Sales engineer for factory automation",
                                                   "I combine AI and education",
                                                   "Connecting factories and software"]))}),
        lang=["ja", "en"], role=Text({"ja": "セールスエンジニア（FA機器）",
                                      "en": "Sales Engineer, Factory Automation"}),
        organization=Text({"ja": "株式会社東和精機", "en": "Towa Seiki Co., Ltd."}),
        now=draw(text()), next=draw(text()), looking_for=draw(text()), about=draw(text()),
        strengths=[Strength(draw(text(False)), draw(text())) for _ in range(draw(st.integers(0, 3)))],
        offers=[Offer(draw(text(False)), draw(text())) for _ in range(draw(st.integers(0, 3)))],
        events=events)


def material(p: Profile, lang: str, event: Event | None, length: str) -> float:
    """Seconds the profile gives a ``length`` intro to work with: every part at its richest."""
    src = wording.Source(lang, p, event)
    return sum(speech.seconds(part.choices[0]) for _, part in intro_parts(src, length))


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_profile_sounds_like_a_person(p: Profile) -> None:
    for lang in p.lang:
        identity = p.identity[lang]
        for event in [None, *p.events]:
            for script in scripts_for(p, lang, event):
                if script.key not in SPOKEN:
                    continue
                assert problems(script, identity) == [], (lang, event and event.type, script.text)
                assert script.fits
                # Enough material (twice the slot's budget at the richest): at least 60 %.
                if material(p, lang, event, script.key) >= 2 * script.budget:
                    assert script.seconds >= 0.6 * script.slot, (lang, event and event.type,
                                                                 script.key, script.text)


def test_every_event_type_has_its_own_template() -> None:
    assert set(wording.TEMPLATES) == {"", *EVENT_TYPES}
    # A reading club and a community hear no pitch: no offers, no keyword, no company.
    for kind in ("reading_club", "community"):
        assert not {"offer", "keyword", "strengths", "next"} & set(wording.TEMPLATES[kind])
    # A mixer starts from the current work (the articles' first step).
    mixer = wording.TEMPLATES["mixer"]
    assert mixer.index("now") < mixer.index("why") < mixer.index("next")
    assert intro_ja.parts and intro_en.parts


# --- the second fixture: a sales engineer ---------------------------------------------------


@pytest.fixture(scope="module")
def sales() -> Profile:
    return load_site(SALES).profile


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("folder", [SALES, EXAMPLE], ids=["sales-engineer", "example"])
def test_fixture_scripts_sound_like_a_person(folder: Path, lang: str) -> None:
    profile = dataclasses.replace(load_site(folder).profile, scripts=None)  # drafts only
    for event in [None, *profile.events]:
        for script in scripts_for(profile, lang, event):
            if script.key in SPOKEN:
                assert problems(script, profile.identity[lang]) == [], script.text
                assert script.fits


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_sales_engineer_short_scripts_fill_their_slot(sales: Profile, lang: str) -> None:
    for event in [None, *sales.events]:
        kind = event.type if event else ""
        for script in scripts_for(sales, lang, event):
            # 3 min, and 60 s at a reading club or a community, need more than this
            # profile gives: `check` says so (test_kit_check).
            if script.key in ("15s", "30s") or (script.key == "60s" and kind not in (
                    "reading_club", "community")):
                assert 0.6 * script.slot <= script.seconds <= 0.9 * script.slot, (
                    kind, script.key, script.seconds, script.text)


def test_sales_engineer_30s(sales: Profile) -> None:
    ja = {s.key: s for s in scripts_for(sales, "ja")}["30s"].text
    assert ja == ("東和精機の佐藤健一です。製造業の現場を自動化でつなぐセールスエンジニアです。"
                  "中小製造業向けの搬送ライン自動化の導入提案と立ち上げ支援を担当しています。"
                  "工場の省人化や人手不足に悩む製造業の経営者・工場長とお話ししたいです。"
                  "どうぞよろしくお願いします。")
    mixer = sales.events[0]
    en = {s.key: s for s in scripts_for(sales, "en", mixer)}["30s"].text
    assert en == ("Hi, I'm Kenichi Sato from Towa Seiki. I'm a sales engineer connecting factory "
                  "floors through automation. I work on proposals and start-up support for "
                  "conveyor automation at small manufacturers. I came today because I'm "
                  "interested in learning how other industries automate. I'd love to meet "
                  "owners and plant managers of manufacturers struggling with labour shortages. "
                  "Thank you, and nice to meet you!")


def test_a_volunteer_group_hears_who_i_am_not_my_career(sales: Profile) -> None:
    cleanup = sales.events[4]
    ja = {s.key: s for s in scripts_for(sales, "ja", cleanup)}["60s"].text
    assert ja.startswith("はじめまして、佐藤健一です。大学で機械工学を専攻しました。参加しているのは、")
    assert "営業技術部" not in ja and "自動化を支援" not in ja
    en = {s.key: s for s in scripts_for(sales, "en", cleanup)}["60s"].text
    assert en.startswith("Hi, I'm Kenichi Sato. I studied mechanical engineering. I love giving "
                         "back to the river I played in as a child.")
    assert "equipment maintenance" not in en
