"""Plain words for listeners outside your field: a cross-industry mixer, a reading club or
a volunteer group hears 「学校の事務仕事」 where a study group would hear 「校務」.

A word is swapped only as a whole word: a katakana word not inside a longer katakana word
(コミット, not the コミット of コミットメント), a kanji word not inside a longer run of kanji,
an English word between word boundaries. Each replacement is a noun phrase for a noun
phrase, so the sentence around it still reads (「校務にどう取り入れるか」 →
「学校の事務仕事にどう取り入れるか」). The user's own pairs (``plain_words`` in the profile)
come first and may override these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Jargon a listener from another industry stumbles on, with a plain noun phrase each.
JA = {
    "校務": "学校の事務仕事",
    "実証導入": "試験導入",
    "学習科学": "学びの科学",
    "ヒアリング": "聞き取り",
    "ソリューション": "解決策",
    "エビデンス": "根拠",
    "アサイン": "割り当て",
    "リソース": "人手や時間",
    "スキーム": "仕組み",
    "ナレッジ": "知見",
    "インサイト": "気づき",
    "アジェンダ": "議題",
    "マネタイズ": "収益化",
    "ローンチ": "公開",
    "ペルソナ": "想定する利用者",
    "KPI": "目標の数字",
    "PoC": "試験導入",
    "ROI": "費用対効果",
    "DX": "デジタル化",
    "ICT": "デジタル機器",
    "EdTech": "教育テクノロジー",
}
EN = {
    "EdTech": "education technology",
    "learning science": "the science of learning",
    "user interviews": "interviews with users",
    "pilots": "trials",
    "pilot": "trial",
    "stakeholders": "the people involved",
    "leverage": "use",
    "synergy": "working together",
    "onboarding": "getting started",
    "proof of concept": "trial",
    "PoC": "trial",
    "KPIs": "targets",
    "KPI": "target",
    "ROI": "return on investment",
    "DX": "going digital",
    "ICT": "digital tools",
}

_KATAKANA = "\u30a0-\u30ff"
_KANJI = "\u3400-\u9fff\uf900-\ufaff々"


def plain(text: str, lang: str, own: Iterable[tuple[str, str]] = ()) -> str:
    """``text`` with each jargon word swapped for its plain words (``own`` pairs first)."""
    if not text:
        return text
    pattern, table = _compiled(lang, tuple(own))
    if pattern is None:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        said = table[word.lower() if lang != "ja" else word]
        # A capital at the start of an English sentence stays there.
        if lang != "ja" and word[:1].isupper() and said[:1].islower() and _starts(match):
            return said[:1].upper() + said[1:]
        return said

    return pattern.sub(swap, text)


def _starts(match: re.Match[str]) -> bool:
    before = match.string[:match.start()].rstrip()
    return not before or before.endswith((".", "!", "?"))


@lru_cache(maxsize=32)
def _compiled(lang: str, own: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, dict]:
    english = lang != "ja"
    table: dict[str, str] = {}
    # The user's own first: they win over the built-in ones. English matches any case
    # ("Pilots" at the start of a sentence), so its table is keyed in lower case.
    for word, said in (*own, *(JA if lang == "ja" else EN).items()):
        word, said = word.strip(), said.strip()
        if word and said:
            table.setdefault(word.lower() if english else word, said)
    if not table:
        return None, table
    words = sorted(table, key=len, reverse=True)  # the longest first: 学習科学 before 科学
    return re.compile("|".join(_bounded(w) for w in words),
                      re.IGNORECASE if english else 0), table


def _bounded(word: str) -> str:
    """``word`` as a whole word: not inside a longer run of its own kind of characters."""
    body = re.escape(word)
    first, last = word[0], word[-1]
    return _edge(first, before=True) + body + _edge(last, before=False)


def _edge(ch: str, before: bool) -> str:
    if re.match(f"[{_KATAKANA}]", ch):
        kind = _KATAKANA
    elif re.match(f"[{_KANJI}]", ch):
        kind = _KANJI
    elif ch.isascii() and ch.isalnum():
        kind = "A-Za-z0-9"
    else:
        return ""
    return f"(?<![{kind}])" if before else f"(?![{kind}])"
