"""How long a script takes to say: Japanese ~300 characters/min, English ~150 words/min.

Japanese is counted by the characters a speaker voices — kana, kanji, 々, ー — plus
full-width punctuation, which stands for the short pauses between phrases. English is
counted in words (Latin letters or digits, with inner apostrophes and hyphens). Mixed
text adds both: "AIと教育" is one English word and three Japanese characters.

A script fits its slot when it takes at most 90 % of it, which leaves room to breathe:
15 s = 67 characters or 33 words, 30 s = 135 / 67, 60 s = 270 / 135, 3 min = 810 / 405.
"""

from __future__ import annotations

import functools
import math
import re

from brandkit.record import record

JA_PER_MINUTE = 300  # characters
EN_PER_MINUTE = 150  # words
FILL = 0.9  # share of a slot a script may take

# Slots in seconds, by script length; "keyword" is the one-line keyword identity.
SLOTS: dict[str, int] = {"keyword": 6, "10s": 10, "15s": 15, "30s": 30, "60s": 60, "3min": 180}

# What a Japanese speaker says as one beat, as (first, last) characters: kana, kanji,
# Japanese punctuation, full-width forms. Compared as strings: as a regular expression
# this class took ~5 ms to compile, in every run of the command.
_JA_CHAR = (
    ("\u3001", "\u3003"), ("\u3005", "\u3011"),  # 、。〃 々〆〇 brackets 「」『』【】
    ("\u3014", "\u301f"),  # more brackets, 〜
    ("\u3041", "\u3096"), ("\u309d", "\u309e"),  # hiragana (with ゝゞ)
    ("\u30a1", "\u30fa"), ("\u30fb", "\u30fe"),  # katakana, ・, ー, ヽヾ
    ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"),  # kanji
    ("\uff01", "\uff5e"),  # full-width punctuation, digits and letters (！？（）０-９Ａ-Ｚ)
    ("\uff61", "\uff9f"),  # half-width katakana and its punctuation
    ("\U00020000", "\U0003134f"),  # rare kanji (extensions B–G)
)


def _ja_chars(text: str) -> int:
    if text.isascii():
        return 0
    return sum(1 for ch in text if ch >= "\u3001" and any(a <= ch <= b for a, b in _JA_CHAR))


# A word: letters/digits (Latin, with accents) joined by apostrophes or hyphens inside it.
_EN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’\-][A-Za-z0-9\u00c0-\u024f]+)*")


@record(frozen=True)
class Count:
    """What a text asks of a speaker: Japanese characters and English words."""

    ja: int
    en: int

    def seconds(self, ja_rate: float = JA_PER_MINUTE, en_rate: float = EN_PER_MINUTE) -> float:
        return 60.0 * (self.ja / ja_rate + self.en / en_rate)

    def __add__(self, other: Count) -> Count:
        return Count(self.ja + other.ja, self.en + other.en)


@functools.lru_cache(maxsize=4096)  # scripts weigh the same sentences many times over
def count(text: str) -> Count:
    """Japanese characters and English words in ``text`` (see the module docstring)."""
    ja = _ja_chars(text)
    en = len(_EN_WORD.findall(text))
    return Count(ja, en)


def seconds(text: str, ja_rate: float = JA_PER_MINUTE, en_rate: float = EN_PER_MINUTE) -> float:
    """Estimated speaking time of ``text`` in seconds."""
    return count(text).seconds(ja_rate, en_rate)


def budget(slot: float) -> float:
    """The seconds a script may take in a slot of ``slot`` seconds."""
    return slot * FILL


def budget_units(slot: float) -> tuple[int, int]:
    """The slot's budget as (Japanese characters, English words): 30 s → (135, 67)."""
    allowed = budget(slot)
    # Rounded to 9 places first: 0.9 × 30 is 27.000000000000004 in floating point.
    return (math.floor(round(allowed * JA_PER_MINUTE / 60, 9)),
            math.floor(round(allowed * EN_PER_MINUTE / 60, 9)))


def fits(text: str, slot: float) -> bool:
    return seconds(text) <= budget(slot) + 1e-9


@record(frozen=True)
class Overrun:
    """How far a script runs over its budget, and what to cut, in its main language."""

    seconds: float  # estimated time of the whole script
    allowed: float  # the budget (90 % of the slot)
    cut: int  # characters (Japanese) or words (English) to remove
    unit: str  # "ja" (characters) or "en" (words)


def overrun(text: str, slot: float) -> Overrun | None:
    """None when ``text`` fits ``slot``; else how much to cut, counted in the language that
    takes most of its time (characters for Japanese, words for English)."""
    found = count(text)
    spoken = found.seconds()
    allowed = budget(slot)
    excess = spoken - allowed
    if excess <= 1e-9:
        return None
    ja_time = found.seconds(en_rate=math.inf)
    if ja_time * 2 >= spoken:
        return Overrun(spoken, allowed, math.ceil(round(excess * JA_PER_MINUTE / 60, 9)), "ja")
    return Overrun(spoken, allowed, math.ceil(round(excess * EN_PER_MINUTE / 60, 9)), "en")


# Sentence ends: Japanese 。！？ (and a closing bracket after them), or Latin .!? before a
# space. "e.g. " and "Mr. " would split a sentence in two: harmless for pacing.
_SENTENCE = re.compile(r"(?<=[。！？!?])[」』）)]*\s*|(?<=[.!?])[\"'”’)]*\s+|\n+")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences, each keeping its punctuation; blank ones dropped."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE.finditer(text):
        end = match.end()
        quoted = match.group().strip()  # a closing bracket after the sentence mark
        if end <= start or (quoted and end < len(text) and "\u3041" <= text[end] <= "\u3096"):
            continue  # 「本当？」と聞かれました: a quotation inside the sentence
        parts.append(text[start:end].strip())
        start = end
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def clock(value: float, lang: str = "en") -> str:
    """Seconds as a short label: 8 s, 1:05 · 8秒, 1分5秒, 3分 (one style in a Japanese line,
    not 「30秒」 beside 「1:00」)."""
    whole = int(round(value))
    minutes, seconds = divmod(whole, 60)
    if lang == "ja":
        if not minutes:
            return f"{seconds}秒"
        return f"{minutes}分{seconds}秒" if seconds else f"{minutes}分"
    return f"{whole} s" if not minutes else f"{minutes}:{seconds:02d}"
