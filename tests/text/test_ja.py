"""Japanese phrase breaks: hand-checked headings and the invariants every input keeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from brandkit.text.ja import NAME_MAX, keep_names, names, phrases


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("AIと教育を掛け合わせる仕事をしています", "AIと<wbr>教育を<wbr>掛け合わせる<wbr>仕事をしています"),
        ("こんにちは、世界。", "こんにちは、<wbr>世界。"),
        ("東京都在住のエンジニアです", "東京都在住の<wbr>エンジニアです"),
        ("私は「ブランド」を作ります", "私は<wbr>「ブランド」を<wbr>作ります"),
        ("AI（人工知能）と教育", "AI<wbr>（人工知能）と<wbr>教育"),
        ("デザイン・開発", "デザイン・<wbr>開発"),
        ("Pythonで、データ分析。", "Pythonで、<wbr>データ分析。"),
        ("3月に東京で", "3月に<wbr>東京で"),
        # One okurigana or prefix kana stays inside its word.
        ("お問い合わせはこちら", "お問い合わせはこちら"),
        ("ご確認ください", "ご確認ください"),
        # A short name in 「」 stays whole (the portfolio title once broke as 「まなび / AI」).
        ("中高生向けAIチューター「まなびAI」", "中高生向けAIチューター<wbr>「まなびAI」"),
        ("読書会アプリ『よみあい』です", "読書会アプリ<wbr>『よみあい』です"),
        # Spaces already allow a break, so none is added next to them.
        ("日本語 と English の mix", "日本語 と English の mix"),
        # Escaping happens piece by piece, so markup in the text stays text.
        ("<b>AIと教育</b>", "&lt;b&gt;AIと<wbr>教育&lt;/b&gt;"),
    ],
)
def test_examples(text: str, html: str) -> None:
    result = phrases(text)
    assert isinstance(result, Markup)
    assert result == html


@pytest.mark.parametrize(
    "text",
    ["Hanako Yamada", "Building tools for teachers", "Tom & Jerry <3", "", "   ", "café déjà-vu"],
)
def test_non_japanese_passes_through_escaped(text: str) -> None:
    assert phrases(text) == escape(text)


JAPANESE_MIX = (
    "あいうえおかがきくけこさしすせそたちつてとなにぬねのはばひふへほまみむめもやゆよらりるれろわをん"
    "ぁぃぅぇぉっゃゅょゝゞー々〜"
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンッャュョ"
    "教育仕事掛合東京都在住私作見出本文日語"
    "、。・！？「」『』（）【】ｱｲｳｰ"
    "abcXYZ0189 -_<>&\"'"
)


@given(st.one_of(st.text(), st.text(alphabet=JAPANESE_MIX)))
def test_removing_wbr_gives_the_escaped_text(text: str) -> None:
    result = phrases(text)
    assert result.replace("<wbr>", "") == escape(text)
    assert "<wbr><wbr>" not in result
    assert not result.startswith("<wbr>") and not result.endswith("<wbr>")


@given(st.text(alphabet=JAPANESE_MIX, min_size=1))
def test_never_breaks_inside_latin_words_or_next_to_spaces(text: str) -> None:
    pieces = [Markup(piece).unescape() for piece in phrases(text).split("<wbr>")]
    assert all(pieces)  # no empty phrase, so no two <wbr> in a row
    for left, right in zip(pieces, pieces[1:]):
        a, b = left[-1], right[0]
        assert not (a.isascii() and a.isalnum() and b.isascii() and b.isalnum())
        assert not a.isspace() and not b.isspace()
        assert b not in "、。」』）ーっゃゅょ"


@given(st.text(alphabet="abcdefXYZ0123 .,!?'-&<>"))
def test_latin_text_is_untouched(text: str) -> None:
    assert phrases(text) == escape(text)


def test_keep_names_wraps_short_quoted_names_only() -> None:
    assert keep_names("新しく「まなびAI」を作りました") == (
        '新しく<span class="nobr">「まなびAI」</span>を作りました')
    long_quote = "「" + "あ" * (NAME_MAX + 1) + "」"
    assert keep_names(long_quote) == long_quote  # a quoted sentence may wrap
    assert keep_names("Say 「hi」 & <go>") == escape("Say 「hi」 & <go>")  # not Japanese


@settings(max_examples=300)
@given(st.text(alphabet=JAPANESE_MIX))
def test_keep_names_changes_only_markup(text: str) -> None:
    html = str(keep_names(text))
    assert html.replace('<span class="nobr">', "").replace("</span>", "") == escape(text)


@settings(max_examples=300)
@given(st.text(alphabet=JAPANESE_MIX))
def test_no_phrase_break_inside_a_name(text: str) -> None:
    # Where each <wbr> falls in the plain text: never strictly inside a quoted name.
    cuts, at = set(), 0
    for piece in str(phrases(text)).split("<wbr>")[:-1]:
        at += len(Markup(piece).unescape())
        cuts.add(at)
    inside = {i for first, end in names(text) for i in range(first + 1, end)}
    assert not cuts & inside
