"""The UI string table: Japanese typesetting rules every Japanese string keeps, the
English fallback, and dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.render.ui import UI, day, ui

# A counter (枚, ページ, 日, 字 …) after a number or a {placeholder}: Japanese sets them
# together ("1枚", "{days}日後"); "1 枚" reads as typed by an English keyboard.
SPACED_COUNTER = re.compile(r"[0-9０-９}]\s+(?:枚|ページ|日|字|語|分|秒|回|件|面|時間|か月|年|月|人|mm)")
# A space between a {placeholder} and the particle after it ("{event} の準備"). A URL is
# the exception: set solid against kana, a long address is hard to find the end of.
SPACED_PARTICLE = re.compile(r"(?<!\{url)\}\s+[のをにでとはがへ用]")


def japanese_strings() -> list[tuple[str, str]]:
    return [(key, words["ja"]) for key, words in UI.items() if "ja" in words]


def test_every_string_has_both_languages() -> None:
    missing = [key for key, words in UI.items() if set(words) != {"ja", "en"}]
    assert not missing


def test_no_latin_brackets_or_colons_in_japanese_ui() -> None:
    bad = [(key, text) for key, text in japanese_strings()
           if re.search(r"[():]", text)]
    assert not bad, "use （ ） and ： in Japanese UI text: " + repr(bad)


def test_no_space_before_a_counter_in_japanese_ui() -> None:
    bad = [(key, text) for key, text in japanese_strings()
           if SPACED_COUNTER.search(text) or SPACED_PARTICLE.search(text)]
    assert not bad, repr(bad)


def test_the_rule_catches_what_it_is_for() -> None:
    # The two regular expressions above must match the defects the design review found.
    assert SPACED_COUNTER.search("1 枚") and SPACED_COUNTER.search("2 ページ目")
    assert SPACED_COUNTER.search("{days} 日後") and not SPACED_COUNTER.search("1枚")
    assert SPACED_PARTICLE.search("{event} の準備") and not SPACED_PARTICLE.search("{event}の準備")
    assert not SPACED_PARTICLE.search("読み取ると {url} が開きます。")


def test_an_empty_japanese_string_is_not_replaced_by_english() -> None:
    # The landing page once greeted "Nice to meet you at …でお会いできてうれしいです".
    assert ui("kit_landing_before", "ja") == ""
    assert ui("kit_landing_before", "en") == "Nice to meet you at "
    assert ui("kit_landing_after", "en") == ""
    assert ui("offers", "fr") == UI["offers"]["en"]  # no entry at all: English


def test_japanese_dates_carry_the_weekday() -> None:
    assert day(date(2026, 12, 5), "ja") == "12月5日（土）"
    assert day(date(2026, 12, 5), "en") == "Sat 5 Dec"


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=3650))
def test_weekday_matches_the_calendar(offset: int) -> None:
    value = date(2024, 1, 1) + timedelta(days=offset)  # 2024-01-01 was a Monday
    ja = day(value, "ja")
    assert ja.endswith(f"（{'月火水木金土日'[offset % 7]}）")
    assert ja.startswith(f"{value.month}月{value.day}日")
    assert day(value, "en").split()[0] == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[offset % 7]


def test_months_are_written_the_way_each_language_writes_them() -> None:
    from brandkit.render.ui import month

    assert month(date(2025, 9, 1), "ja") == "2025年9月"
    assert month(date(2025, 9, 1), "en") == "Sep 2025"
