"""The YAML the importer writes reads back exactly (PyYAML's safe loader, as
``brandkit/profile/yamlload.py`` uses): any text, any key, in mappings and lists."""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.importer.yamltext import dump, one_line, quote, scalar

# Every code point Python can encode to UTF-8 (no lone surrogates: the importer's input
# is decoded UTF-8 or JSON, which cannot carry them into a str that is written).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
TRICKY = ["a: b", "# not a comment", "- item", "yes", "no", "null", "~", "2016-08", "2016",
          "12:30", "@handle", "`x`", "'quoted'", '"double"', "key: value # c", "line\nbreak",
          " leading space", "trailing space ", "tab\there", "山田 花子", "AIと教育を掛け合わせる",
          "\u2028", "\x85", "\ufeff", "\x7f", "{a: 1}", "[1, 2]", "!tag", "&anchor", "*alias",
          "%directive", "|", ">", "first\n\nthird", "ends with newline\n", "\n", ""]


def load(text: str) -> object:
    return yaml.safe_load(text)


def test_tricky_values_read_back() -> None:
    for value in TRICKY:
        assert load("v: " + scalar(value)) == {"v": value}, value
        assert load(dump({"v": value})) == {"v": value}, value
        assert load(dump({"list": [value, {"title": value}]})) == {"list": [value, {"title": value}]}


def test_multi_line_text_is_a_readable_block() -> None:
    text = dump({"about": "First line: with a colon.\n\n- not a list\n# not a comment"})
    assert text.startswith("about: |-\n  First line")
    assert load(text) == {"about": "First line: with a colon.\n\n- not a list\n# not a comment"}


def test_dates_numbers_and_booleans_keep_their_type() -> None:
    data = {"date": date(2016, 8, 1), "count": 3, "flag": True, "empty": [], "nested": {"a": "b"}}
    assert load(dump(data)) == data


@settings(max_examples=400)
@given(TEXT)
def test_any_text_reads_back(value: str) -> None:
    assert load("v: " + quote(value)) == {"v": value}
    assert load(dump({"v": value, "items": [value, {"title": value, "detail": value}]})) == {
        "v": value, "items": [value, {"title": value, "detail": value}]}


@settings(max_examples=200)
@given(st.dictionaries(TEXT.filter(bool), TEXT, max_size=5))
def test_any_keys_read_back(data: dict) -> None:
    assert load(dump(data) if data else "{}") == data


@settings(max_examples=200)
@given(TEXT)
def test_a_comment_stays_one_comment(value: str) -> None:
    text = f"# {one_line(value)}\nv: 1\n"
    assert load(text) == {"v": 1}
    assert text.count("\n") == 2
