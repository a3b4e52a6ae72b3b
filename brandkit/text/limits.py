"""Platform length limits, counted the way each platform counts.

X weighs characters (twitter-text v3): most Latin, Greek, Cyrillic and general
punctuation count 1, everything else — kana, kanji, emoji — counts 2, so a bio of 160
holds 80 Japanese characters. LinkedIn and Instagram count characters (code points).
Text is shortened only by dropping whole parts, never by cutting inside a word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from brandkit.record import record

X_BIO = 160
LINKEDIN_HEADLINE = 220
INSTAGRAM_BIO = 150
LINKEDIN_NOTE = 200
CHAT = {"ja": 140, "en": 280}  # an online event's chat intro

# twitter-text v3 ranges that weigh 1; every other code point weighs 2.
_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


def _weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in _LIGHT) else 2


def x_length(text: str) -> int:
    """Length as X counts it (a CJK character or an emoji counts 2)."""
    return sum(_weight(c) for c in unicodedata.normalize("NFC", text))


def plain_length(text: str) -> int:
    """Length in characters (code points), as LinkedIn and Instagram count."""
    return len(unicodedata.normalize("NFC", text))


Counter = Callable[[str], int]

PLATFORMS: dict[str, tuple[int, Counter]] = {
    "x": (X_BIO, x_length),
    "linkedin": (LINKEDIN_HEADLINE, plain_length),
    "instagram": (INSTAGRAM_BIO, plain_length),
    "linkedin_note": (LINKEDIN_NOTE, plain_length),
}


@record(frozen=True)
class Part:
    """One piece of a text: its wordings from richest to plainest ("" leaves it out)."""

    choices: tuple[str, ...]
    priority: int = 50  # what is shortened first: the lowest priority

    @classmethod
    def of(cls, *choices: str, priority: int = 50) -> Part:
        unique = tuple(dict.fromkeys(c for c in choices if c is not None))
        return cls(unique or ("",), priority)


def fit(parts: Sequence[Part], limit: float, measure: Callable[[str], float],
        joiner: str = " ") -> str:
    """The text of ``fit_choices``: the chosen wordings joined."""
    return joiner.join(c for c in fit_choices(parts, limit, measure, joiner) if c)


def fit_choices(parts: Sequence[Part], limit: float, measure: Callable[[str], float],
                joiner: str = " ") -> list[str]:
    """One wording per part ("" when left out) so that the joined text is within ``limit``.

    Lowest-priority parts are shortened (then left out) first; a part is never cut inside,
    so no word is ever split. If even the plainest wordings are too long, parts are left out
    entirely, lowest priority first — the result may be "", never over the limit. Then any
    part that can grow back within the limit does, highest priority first.
    """
    # Measuring each wording once and adding up is fast, and exact for the measures used
    # here (speaking time, characters); the result is checked with the real measure, and
    # worked out again with it in the rare case the sum was wrong.
    sizes: dict[str, float] = {}

    def summed(text: str) -> float:
        if text not in sizes:
            sizes[text] = measure(text)
        return sizes[text]

    glue = measure(joiner) if joiner else 0.0

    def estimate(pieces: list[str]) -> float:
        shown = [piece for piece in pieces if piece]
        return sum(summed(piece) for piece in shown) + glue * max(0, len(shown) - 1)

    chosen = _choose(parts, limit, estimate)
    if measure(joiner.join(c for c in chosen if c)) <= limit:
        return chosen
    return _choose(parts, limit, lambda pieces: measure(joiner.join(p for p in pieces if p)))


def _choose(parts: Sequence[Part], limit: float,
            size: Callable[[list[str]], float]) -> list[str]:
    index = [0] * len(parts)
    kept = [True] * len(parts)

    def pieces(choice: list[int] | None = None) -> list[str]:
        choice = choice or index
        return [p.choices[i] if k else "" for p, i, k in zip(parts, choice, kept)]

    # Ties go to the later part: the end of a text is what a listener misses least.
    order = sorted(range(len(parts)), key=lambda n: (parts[n].priority, -n))
    while size(pieces()) > limit:
        shorter = [n for n in order if index[n] < len(parts[n].choices) - 1]
        if not shorter:
            break
        index[shorter[0]] += 1
    for n in order:
        if size(pieces()) <= limit:
            break
        kept[n] = False
    for n in reversed(order):
        if not kept[n]:
            continue
        for richer in range(index[n]):
            trial = list(index)
            trial[n] = richer
            if size(pieces(trial)) <= limit:
                index[n] = richer
                break
    return pieces()
