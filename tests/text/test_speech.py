"""Speaking time: Japanese ~300 characters/min, English ~150 words/min, mixed adds both.

Hand-counted examples in both languages, the budgets the brief gives, and the invariants
every text keeps (hypothesis)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandkit.text import speech
from brandkit.text.speech import Count, budget_units, count, fits, overrun, seconds, sentences


@pytest.mark.parametrize(("text", "ja", "en"), [
    # 18 kana/kanji + "AI" as one English word.
    ("AIと教育を掛け合わせる仕事をしています", 18, 1),
    ("I combine AI and education", 0, 5),
    # 々, ー and full-width punctuation count; half-width spaces do not.
    ("人々のデータ、ありがとう！", 13, 0),
    ("「はい」。", 5, 0),
    # Contractions and hyphenated words are one word; numbers are words too.
    ("It's a well-known fact, isn't it?", 0, 6),
    ("12校で実証中", 5, 1),
    # Full-width digits are read aloud like kana.
    ("１２校", 3, 0),
    ("", 0, 0),
    ("   \n", 0, 0),
    ("— … !!", 0, 0),
    ("Café résumé", 0, 2),
])
def test_counts(text: str, ja: int, en: int) -> None:
    assert count(text) == Count(ja, en)


def test_hand_checked_seconds() -> None:
    # 300 Japanese characters take one minute; 150 English words take one minute.
    assert seconds("あ" * 300) == pytest.approx(60)
    assert seconds(" ".join(["word"] * 150)) == pytest.approx(60)
    # 18 characters (3.6 s) + 1 word (0.4 s).
    assert seconds("AIと教育を掛け合わせる仕事をしています") == pytest.approx(4.0)
    # 5 words at 150/min.
    assert seconds("I combine AI and education") == pytest.approx(2.0)
    # A personal pace replaces the standard one.
    assert seconds("あ" * 100, ja_rate=200) == pytest.approx(30)


def test_budgets_match_the_brief() -> None:
    """Budgets at 90 % of the slot: 15 s = 67 / 33, 30 s = 135 / 67, 60 s = 270 / 135,
    3 min = 810 / 405 (Japanese characters / English words)."""
    assert budget_units(15) == (67, 33)
    assert budget_units(30) == (135, 67)
    assert budget_units(60) == (270, 135)
    assert budget_units(180) == (810, 405)
    for slot in (15, 30, 60, 180):
        chars, words = budget_units(slot)
        assert fits("あ" * chars, slot) and not fits("あ" * (chars + 1), slot)
        assert fits(" ".join(["go"] * words), slot)
        assert not fits(" ".join(["go"] * (words + 1)), slot)


def test_overrun_says_what_to_cut() -> None:
    assert overrun("あ" * 135, 30) is None
    over = overrun("あ" * 150, 30)
    assert over is not None and (over.unit, over.cut) == ("ja", 15)
    assert over.seconds == pytest.approx(30) and over.allowed == pytest.approx(27)
    over = overrun(" ".join(["word"] * 80), 30)
    assert over is not None and (over.unit, over.cut) == ("en", 13)
    # Mixed text is counted in the language that takes most of the time.
    over = overrun("あ" * 140 + " one two", 30)
    # 140 characters (28 s) + 2 words (0.8 s) = 28.8 s: 1.8 s over = 9 characters.
    assert over is not None and over.unit == "ja" and over.cut == 9


@given(st.text(max_size=400), st.text(max_size=400))
def test_mixed_text_adds_both(a: str, b: str) -> None:
    # Joined with a space, no word or character is created or lost.
    assert count(a + " " + b) == count(a) + count(b)
    assert seconds(a + " " + b) == pytest.approx(seconds(a) + seconds(b))


@given(st.text(max_size=300))
def test_seconds_never_negative_and_monotone(text: str) -> None:
    assert seconds(text) >= 0
    assert seconds(text + " 追加") >= seconds(text)


@given(st.text(max_size=600), st.sampled_from([6, 10, 15, 30, 60, 180]))
def test_cutting_what_overrun_says_makes_it_fit(text: str, slot: int) -> None:
    over = overrun(text, slot)
    if over is None:
        assert fits(text, slot)
        return
    rate = speech.JA_PER_MINUTE if over.unit == "ja" else speech.EN_PER_MINUTE
    assert over.cut >= 1
    # Removing `cut` units of the main language saves enough time, and one fewer would not.
    assert over.seconds - over.cut * 60 / rate <= over.allowed + 1e-6
    assert over.seconds - (over.cut - 1) * 60 / rate > over.allowed - 1e-6
    assert math.isclose(over.allowed, slot * 0.9)


@pytest.mark.parametrize(("text", "expected"), [
    ("はじめまして。山田です！よろしく", ["はじめまして。", "山田です！", "よろしく"]),
    ("「本当？」と聞かれました。はい。", ["「本当？」と聞かれました。", "はい。"]),
    ("Hi there. I'm Hanako! Version 3.5 is out", ["Hi there.", "I'm Hanako!", "Version 3.5 is out"]),
    ("", []),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@given(st.text(max_size=300))
def test_sentences_keep_every_character(text: str) -> None:
    # Only whitespace between sentences is dropped; nothing else is lost or added.
    assert "".join("".join(sentences(text)).split()) == "".join(text.split())


def test_clock_labels() -> None:
    assert speech.clock(8.2, "en") == "8 s" and speech.clock(8.2, "ja") == "8秒"
    assert speech.clock(65, "en") == "1:05" and speech.clock(162, "ja") == "2分42秒"
    assert speech.clock(180, "ja") == "3分" and speech.clock(60.2, "en") == "1:00"


# The character classes as the regular expressions they replaced (too slow to compile at
# every start): the string comparisons must agree with them on any text.
_JA_CHAR_PATTERN = re.compile(
    "[\u3005\u3006\u3007\u3001-\u3003\u3008-\u3011\u3014-\u301f\u30fb\u3041-\u3096\u309d\u309e"
    "\u30a1-\u30fa\u30fc-\u30fe\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e\uff61-\uff9f"
    "\U00020000-\U0003134f]")
_JAPANESE_PATTERN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005\u30fc\uff66-\uff9f]")
near_japanese = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x2ff0, max_codepoint=0x3110),
    st.characters(min_codepoint=0xff00, max_codepoint=0xffa0),
    st.sampled_from("\u3004\u3013\u3020\u3097\u309c\u309f\u30a0\u33ff\u3400\u4dbf\u4dc0\u4e00"
                    "\u9fff\ua000\uf8ff\uf900\ufaff\ufb00\U0001ffff\U00020000\U0003134f\U00031350aZ—é"),
    st.characters()))


@given(st.one_of(near_japanese, st.text()))
def test_japanese_characters_as_the_old_classes_counted(text: str) -> None:
    from brandkit.text.ja import is_japanese
    from brandkit.text.speech import _ja_chars

    assert _ja_chars(text) == len(_JA_CHAR_PATTERN.findall(text))
    assert is_japanese(text) == bool(_JAPANESE_PATTERN.search(text))
