"""Japanese phrase breaks: ``<wbr>`` where a heading may wrap under ``word-break: keep-all``.

Japanese has no spaces, so a browser would otherwise wrap anywhere, splitting words
("仕事をして / います" is fine, "仕 / 事" is not). With ``keep-all`` plus ``<wbr>`` at
phrase (文節) boundaries, a line only breaks between phrases.

The heuristic, like BudouX but without a model or dictionary:

* A phrase ends after a hiragana run (particles, okurigana, auxiliary verbs) or after
  Japanese punctuation such as 、。・！？」』） — when the next character can start a
  phrase: not hiragana, not closing punctuation, not small kana, ー, 々 or whitespace.
* Exception: a run of exactly one hiragana that is not a common particle (を, は, が, …)
  is okurigana or a prefix inside a word (掛け合わせる, お問い合わせ), so no break.
* A phrase also starts at an opening bracket (「『（…) that follows other text.
* Hiragana followed by hiragana never breaks, so "仕事をしています" stays one phrase:
  without a dictionary we cannot tell where to split it, and a missed break is harmless
  where a wrong one is ugly.

Breaks therefore only follow Japanese characters, so Latin words are never split.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WBR = Markup("<wbr>")

# Kana, kanji (with 々) and half-width katakana, as (first, last) characters. Compared as
# strings, not as a regular expression: a character class this wide takes ~4 ms to
# compile, in every run of the command.
JAPANESE = (("\u3005", "\u3005"), ("\u3040", "\u30ff"), ("\u3400", "\u9fff"),
            ("\uf900", "\ufaff"), ("\uff66", "\uff9f"))


def is_japanese(text: str) -> bool:
    """True when ``text`` holds kana or kanji (so it needs lang="ja" and a JP font)."""
    return not text.isascii() and any(
        first <= ch <= last for ch in text if ch >= "\u3005" for first, last in JAPANESE)


# Single hiragana that end a phrase on their own (case particles and the like).
PARTICLES = frozenset("をはがにでとへのもやかねよな")
SMALL_KANA = frozenset("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯ")
CLOSING = frozenset("、。，．・：；！？」』）］｝〕〉》】〙〗〟’”｠»｡､｣･!?")
OPENING = frozenset("「『（［｛〔〈《【〘〖〝‘“｟«｢")
# Characters that must stay attached to what comes before them.
_NO_BREAK_BEFORE = CLOSING | SMALL_KANA | frozenset("ー〜～…‥々〻ゝゞヽヾ゛゜ﾞﾟｰ")


def _is_hiragana(char: str) -> bool:
    # U+3041–U+309F, minus the marks that only ever follow another character.
    return "\u3041" <= char <= "\u309f" and char not in "゛゜ゝゞ"


def phrases(text: str) -> Markup:
    """``text`` HTML-escaped, with ``<wbr>`` between Japanese phrases."""
    if not is_japanese(text):
        return escape(text)
    breaks = _boundaries(text)
    pieces: list[str] = []
    start = 0
    for end in breaks:
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return WBR.join(escape(piece) for piece in pieces)


def _boundaries(text: str) -> list[int]:
    """Indexes ``i`` (0 < i < len) where a phrase starts at ``text[i]``."""
    found: list[int] = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after.isspace() or before.isspace() or after in _NO_BREAK_BEFORE:
            continue
        # A one-character phrase ("と<wbr>「") would strand a single glyph on a line.
        if found and found[-1] == i - 1:
            continue
        if after in OPENING:
            if before not in OPENING:
                found.append(i)
        elif _is_hiragana(after):
            continue  # 」を, をし: the next phrase has not started yet
        elif before in CLOSING or (_is_hiragana(before) and _ends_phrase(text, i)):
            found.append(i)
    return found


def _ends_phrase(text: str, i: int) -> bool:
    """Whether the hiragana run ending just before ``text[i]`` closes a phrase."""
    start = i - 1
    while start > 0 and _is_hiragana(text[start - 1]):
        start -= 1
    run = text[start:i]
    return len(run) > 1 or run in PARTICLES
