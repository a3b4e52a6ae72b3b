"""Colour contrast: WCAG reference values by hand, and the guarantees for any colour."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandkit.text.color import contrast_ratio, darken_to_contrast, parse_hex, readable_on


@pytest.mark.parametrize(
    ("color", "rgb"),
    [
        ("#000", (0, 0, 0)),
        ("#FFF", (255, 255, 255)),
        ("#1a2B3c", (26, 43, 60)),
        ("#abc", (170, 187, 204)),
        ("#E60012", (230, 0, 18)),
    ],
)
def test_parse_hex(color: str, rgb: tuple[int, int, int]) -> None:
    assert parse_hex(color) == rgb


@pytest.mark.parametrize("color", ["", "fff", "#ff", "#ffff", "#12345", "#1234567", "#ggg", " #fff", "#fff ", "red"])
def test_parse_hex_rejects(color: str) -> None:
    with pytest.raises(ValueError, match="not a colour"):
        parse_hex(color)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),  # the classic "just misses AA" grey
        ("#767676", "#ffffff", 4.54),  # …and the one that makes it
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.00),
        ("#111111", "#ffffff", 18.88),
    ],
)
def test_contrast_reference_values(a: str, b: str, ratio: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.005)


@pytest.mark.parametrize(
    ("color", "text"),
    [("#ffcc00", "#111111"), ("#ffffff", "#111111"), ("#003366", "#ffffff"), ("#e60012", "#ffffff"), ("#000", "#ffffff")],
)
def test_readable_on(color: str, text: str) -> None:
    assert readable_on(color) == text


@pytest.mark.parametrize(
    ("color", "background", "result"),
    [
        ("#0066cc", "#ffffff", "#0066cc"),  # already AA: unchanged
        ("#FFCC00", "#111111", "#ffcc00"),  # unchanged, but normalised
        ("#fc0", "#111111", "#ffcc00"),
        ("#ff6600", "#ffffff", "#c95100"),  # orange → darker orange on white
        ("#0066cc", "#111111", "#277ed4"),  # blue → lighter blue on dark
        ("#ffffff", "#ffffff", "#767676"),  # white on white becomes the AA grey
    ],
)
def test_darken_to_contrast_examples(color: str, background: str, result: str) -> None:
    assert darken_to_contrast(color, background) == result


def test_darken_to_contrast_gives_the_extreme_when_target_is_unreachable() -> None:
    # On mid grey neither black (4.68) nor white reaches 7:1, so black is the best there is.
    assert darken_to_contrast("#ff0000", "#777777", target=7) == "#000000"


colors = st.one_of(
    st.tuples(*[st.integers(0, 255)] * 3).map(lambda rgb: "#{:02x}{:02x}{:02x}".format(*rgb)),
    st.from_regex(r"#[0-9a-fA-F]{3}", fullmatch=True),
    st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True),
)


@given(colors, colors)
def test_contrast_is_symmetric_and_bounded(a: str, b: str) -> None:
    ratio = contrast_ratio(a, b)
    assert ratio == contrast_ratio(b, a)
    assert 1.0 <= ratio <= 21.0 + 1e-9
    assert contrast_ratio(a, a) == 1.0


@given(colors)
def test_readable_on_picks_the_better_text_colour(color: str) -> None:
    chosen = readable_on(color)
    assert contrast_ratio(chosen, color) >= max(contrast_ratio("#111111", color),
                                                 contrast_ratio("#ffffff", color)) or \
        contrast_ratio(chosen, color) >= 4.5


@given(colors)
def test_text_on_any_brand_colour_reaches_aa(color: str) -> None:
    assert contrast_ratio(readable_on(color), color) >= 4.5


@given(colors, st.sampled_from(["#ffffff", "#111111", "#fafafa", "#1e1e1e"]), st.sampled_from([3.0, 4.5, 7.0]))
def test_darken_to_contrast_reaches_target(color: str, background: str, target: float) -> None:
    result = darken_to_contrast(color, background, target)
    assert result == result.lower() and len(result) == 7
    assert contrast_ratio(result, background) >= target
    if contrast_ratio(color, background) >= target:
        assert parse_hex(result) == parse_hex(color)
    else:
        # It stays on the line from the colour towards black or white: every channel
        # moves the same way, so the hue is kept as far as it can be.
        moved = [r - c for r, c in zip(parse_hex(result), parse_hex(color))]
        assert all(d <= 0 for d in moved) or all(d >= 0 for d in moved)
