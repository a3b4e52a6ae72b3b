"""Phone numbers in domestic form on a Japanese face, international on an English one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.text.phone import domestic, international


def test_japanese_number_both_ways() -> None:
    assert domestic("+81 90-1234-5678") == "090-1234-5678"
    assert domestic("+81-3-1234-5678") == "03-1234-5678"
    assert domestic("+81 (0)3-1234-5678") == "03-1234-5678"
    assert domestic("+81 090-1234-5678") == "090-1234-5678"  # a stray trunk 0, kept once
    assert international("090-1234-5678", japanese=True) == "+81 90-1234-5678"
    assert international("+81 90-1234-5678", japanese=True) == "+81 90-1234-5678"
    assert international("+81-3-1234-5678", japanese=False) == "+81 3-1234-5678"


def test_other_numbers_are_kept() -> None:
    assert domestic("+1 415-555-0100") == "+1 415-555-0100"
    assert domestic("+44 20 7946 0958") == "+44 20 7946 0958"
    # Without a Japanese front a leading 0 may be any country's trunk prefix.
    assert international("020 7946 0958", japanese=False) == "020 7946 0958"
    assert international("+44 20 7946 0958", japanese=True) == "+44 20 7946 0958"


JP = st.builds(lambda a, b, c: f"0{a}-{b}-{c}",
               st.integers(1, 99), st.integers(10, 9999), st.integers(1000, 9999))


@settings(max_examples=200)
@given(JP)
def test_domestic_and_international_round_trip(number: str) -> None:
    wide = international(number, japanese=True)
    assert wide.startswith("+81 ") and "+81 0" not in wide
    assert domestic(wide) == number
    assert international(wide, japanese=True) == wide  # already international: unchanged


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_only_japanese_numbers_change(number: str) -> None:
    text = number.strip()
    short = domestic(number)
    assert short == text or (text.startswith("+") and short.startswith("0")
                             and short[1:].lstrip("0") and text.endswith(short[1:]))
    wide = international(number, japanese=False)
    assert wide == text or (wide.startswith("+81 ") and text.startswith("+"))
