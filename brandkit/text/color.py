"""Colour contrast (WCAG 2.x) so a brand colour stays readable in light and dark mode."""

from __future__ import annotations

import re

WHITE = "#ffffff"
# Not pure black: #111111 is the theme's text colour and reads softer on white.
DARK = "#111111"
AA = 4.5  # WCAG AA for body text

_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})", re.IGNORECASE)
# Steps along the line to black or white; 1024 is finer than one 8-bit channel step.
_STEPS = 1024


def parse_hex(color: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` (any case) as an (r, g, b) tuple of 0–255 ints."""
    match = _HEX.fullmatch(color)
    if not match:
        raise ValueError(f'not a colour like "#1a2b3c" or "#abc" (got "{color}")')
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(rgb: tuple[int, int, int]) -> str:
    """An (r, g, b) tuple as lower-case ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(color: str) -> float:
    """WCAG relative luminance, 0.0 (black) to 1.0 (white)."""
    r, g, b = (_linear(c) for c in parse_hex(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _linear(channel: int) -> float:
    # The sRGB curve; WCAG 2.0 printed 0.03928 here, which no 8-bit value can tell apart.
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio of two colours: 1.0 (same) to 21.0 (black on white)."""
    la, lb = luminance(a), luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(color: str) -> str:
    """``#ffffff`` or ``#111111``, whichever contrasts more with ``color`` (dark on a tie).

    On mid tones (``#777777``) neither reaches AA; pure black always does there (≥ 4.58:1).
    """
    on_white, on_dark = contrast_ratio(WHITE, color), contrast_ratio(DARK, color)
    best, ratio = (WHITE, on_white) if on_white > on_dark else (DARK, on_dark)
    if ratio >= AA:
        return best
    return WHITE if on_white >= contrast_ratio("#000000", color) else "#000000"


def darken_to_contrast(color: str, background: str, target: float = AA) -> str:
    """``color``, or the nearest colour towards black/white that reaches ``target``.

    Light backgrounds move the colour towards black, dark ones towards white, so the
    hue is kept as far as it can be. The answer is lower-case ``#rrggbb``. When even
    black or white misses ``target`` (a mid-grey background), that extreme is returned:
    it is the best there is.
    """
    start = parse_hex(color)
    if contrast_ratio(color, background) >= target:
        return to_hex(start)
    towards_black = contrast_ratio("#000000", background) >= contrast_ratio(WHITE, background)
    end = (0, 0, 0) if towards_black else (255, 255, 255)

    def step(k: int) -> str:
        r, g, b = (round(s + (e - s) * k / _STEPS) for s, e in zip(start, end))
        return to_hex((r, g, b))

    # Luminance moves one way along the line, and the start misses the target, so the
    # steps that reach it form one run ending at the extreme: bisect for its start.
    low, high = 0, _STEPS
    while low < high:
        mid = (low + high) // 2
        if contrast_ratio(step(mid), background) >= target:
            high = mid
        else:
            low = mid + 1
    return step(low)
