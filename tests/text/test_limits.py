"""Platform lengths (X counts a CJK character as 2) and fitting text by dropping whole
parts, never cutting inside one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandkit.text.limits import Part, fit, fit_choices, plain_length, x_length


@pytest.mark.parametrize(("text", "x", "plain"), [
    ("hello", 5, 5),
    ("あ" * 80, 160, 80),
    ("AIと教育", 2 + 3 * 2, 5),
    ("Café — “quoted”", 15, 15),  # Latin-1, the em dash and curly quotes weigh 1
    ("ｶﾀｶﾅ", 8, 4),  # half-width katakana is still outside the light ranges
    ("😀", 2, 1),  # an emoji weighs 2 (one code point)
    ("e\u0301", 1, 1),  # NFC: e + combining accent is one character
    ("", 0, 0),
])
def test_hand_counted(text: str, x: int, plain: int) -> None:
    assert x_length(text) == x
    assert plain_length(text) == plain


@given(st.text(max_size=200))
def test_x_weighs_each_character_1_or_2(text: str) -> None:
    n = plain_length(text)
    assert n <= x_length(text) <= 2 * n


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x30ff), max_size=100))
def test_kana_counts_double_on_x(text: str) -> None:
    assert x_length(text) == 2 * plain_length(text)


def test_fit_drops_lowest_priority_first() -> None:
    parts = [Part.of("Hanako Yamada", priority=100),
             Part.of("I combine AI and education", "", priority=90),
             Part.of("Product Manager at Manabi Lab", "Product Manager", "", priority=50)]
    assert fit(parts, 100, len) == "Hanako Yamada I combine AI and education Product Manager at Manabi Lab"
    assert fit(parts, 60, len) == "Hanako Yamada I combine AI and education Product Manager"
    assert fit(parts, 45, len) == "Hanako Yamada I combine AI and education"
    assert fit(parts, 20, len) == "Hanako Yamada"
    assert fit(parts, 5, len) == ""  # even the name is too long: nothing, never a cut name


def test_fit_grows_back_what_fits() -> None:
    # The low-priority part was shortened first; once the middle one is gone it fits again.
    parts = [Part.of("aaaa", priority=100), Part.of("bbbbbbbbbb", priority=10),
             Part.of("cccccccccccccccccccc", "", priority=5)]
    assert fit_choices(parts, 16, len, " ") == ["aaaa", "bbbbbbbbbb", ""]


words = st.text(alphabet="abcdefghijあいうえお漢字", min_size=1, max_size=12)


@given(st.lists(st.tuples(st.lists(words, min_size=1, max_size=3), st.integers(0, 100),
                          st.booleans()), max_size=6),
       st.integers(0, 120), st.sampled_from(["x", "plain"]))
def test_fit_never_exceeds_and_never_cuts(specs: list, limit: int, platform: str) -> None:
    measure = x_length if platform == "x" else plain_length
    parts = [Part.of(*choices, *([""] if droppable else []), priority=priority)
             for choices, priority, droppable in specs]
    chosen = fit_choices(parts, limit, measure, " ")
    text = " ".join(c for c in chosen if c)
    assert measure(text) <= limit
    # Every piece is one of its part's own wordings, whole.
    for part, piece in zip(parts, chosen):
        assert piece == "" or piece in part.choices
