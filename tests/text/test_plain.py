"""Plain words for listeners outside your field (brandkit.text.plain)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from brandkit.text.plain import EN, JA, plain


def test_japanese_jargon_becomes_plain_noun_phrases() -> None:
    assert plain("生成AIを授業や校務にどう取り入れるか", "ja") == "生成AIを授業や学校の事務仕事にどう取り入れるか"
    assert plain("ヒアリングに協力してくださる先生", "ja") == "聞き取りに協力してくださる先生"
    assert plain("全国12校での実証導入を進めています。", "ja") == "全国12校での試験導入を進めています。"
    assert plain("学習科学や教育データの研究者", "ja") == "学びの科学や教育データの研究者"
    assert plain("ICTが苦手な先生でも", "ja") == "デジタル機器が苦手な先生でも"


def test_only_whole_words_are_swapped() -> None:
    # The アサイン inside a longer katakana word, the 校務 inside a longer run of kanji and
    # the "pilot" inside "autopilot" stay as they are.
    assert plain("アサインメント", "ja") == "アサインメント"
    assert plain("高校務", "ja") == "高校務"
    assert plain("the autopilot", "en") == "the autopilot"


def test_english_keeps_the_sentence_capital() -> None:
    assert plain("Pilots in 12 schools. I am running pilots.", "en") == \
        "Trials in 12 schools. I am running trials."
    assert plain("I give talks on EdTech and AI.", "en") == \
        "I give talks on education technology and AI."
    assert plain("EdTech is my field.", "en") == "Education technology is my field."
    assert plain("teachers for user interviews", "en") == "teachers for interviews with users"


def test_the_users_own_words_come_first() -> None:
    own = [("校務", "学校の事務"), ("PBL", "課題解決型の授業")]
    assert plain("校務とPBL", "ja", own) == "学校の事務と課題解決型の授業"
    assert plain("Our PBL course", "en", [("PBL", "project-based learning")]) == \
        "Our project-based learning course"
    assert plain("校務", "ja", [("  ", "x"), ("校務", " ")]) == "学校の事務仕事"  # blanks ignored


words = st.sampled_from(sorted(JA) + ["です", "。", "、", "授業", "ア", "メント", "高", " "])


@given(st.lists(words, max_size=12).map("".join))
def test_swapping_twice_changes_nothing_more(text: str) -> None:
    once = plain(text, "ja")
    assert plain(once, "ja") == once


@given(st.text(alphabet="あいうえおかきくけこ。、 abc", max_size=40))
def test_text_without_jargon_is_left_alone(text: str) -> None:
    assert plain(text, "ja") == text and plain(text, "en") == text


@given(st.lists(st.sampled_from(sorted(EN) + ["the", "and", ".", " "]), max_size=10)
       .map(" ".join))
def test_no_english_jargon_is_left(text: str) -> None:
    said = plain(text, "en").lower()
    for word in EN:
        assert f" {word.lower()} " not in f" {said} "
