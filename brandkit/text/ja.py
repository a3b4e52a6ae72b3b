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
* A short quotation in 「」 or 『』 is a name (「まなびAI」, 『よみあい』): no break inside it.

Breaks therefore only follow Japanese characters, so Latin words are never split.

``keep_names`` is the running-text counterpart: body text may break anywhere, as Japanese
does, except inside those short quoted names, which it wraps in ``<span class="nobr">``.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WBR = Markup("<wbr>")
NOBR = Markup('<span class="nobr">{}</span>')
# Quotes that mark a name or title, and the longest such name kept on one line: longer
# quotations are sentences and may wrap.
NAME_QUOTES = {"「": "」", "『": "』"}
NAME_MAX = 16

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


def names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each short quoted name, quotes included: text[start:end] == 「…」."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        close = NAME_QUOTES.get(text[i])
        if close is not None:
            end = text.find(close, i + 1, i + 2 + NAME_MAX)
            inner = text[i + 1:end] if end > 0 else ""
            if inner and not any(ch in NAME_QUOTES or ch.isspace() for ch in inner):
                found.append((i, end + 1))
                i = end + 1
                continue
        i += 1
    return found


def keep_names(text: str) -> Markup:
    """``text`` HTML-escaped, each short quoted name wrapped so a line never breaks in it."""
    spans = names(text) if is_japanese(text) else []
    pieces: list[Markup] = []
    start = 0
    for first, end in spans:
        pieces += [escape(text[start:first]), NOBR.format(text[first:end])]
        start = end
    pieces.append(escape(text[start:]))
    return Markup("").join(pieces)


def _boundaries(text: str) -> list[int]:
    """Indexes ``i`` (0 < i < len) where a phrase starts at ``text[i]``."""
    found: list[int] = []
    inside = {i for first, end in names(text) for i in range(first + 1, end)}
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after.isspace() or before.isspace() or after in _NO_BREAK_BEFORE or i in inside:
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
