"""The importer's clean-up rules, for any input: a URL comes out http(s) or not at all,
a date in any of JSON Resume's three forms is its first possible day, text never
outgrows the profile's limit, and every fix or refusal is said."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.importer import draft as clean
from brandkit.importer.draft import Draft
from brandkit.profile.sizes import TEXTS


@settings(max_examples=300)
@given(st.text(max_size=120))
def test_a_url_is_http_or_nothing_and_refusals_are_said(value: str) -> None:
    d = Draft("resume.json")
    found = clean.url(value, d, "/basics/url")
    if found is None:
        assert not value.strip() or any(not n.warning for n in d.notes)
    else:
        assert found.startswith(("http://", "https://"))
        assert found == value.strip() or [n.message for n in d.notes] == [
            f"no scheme: read as {found}"]


@settings(max_examples=300)
@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_partial_dates_are_their_first_day(day: date, form: str) -> None:
    text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}",
            "day": day.isoformat()}[form]
    d = Draft("resume.json")
    found = clean.day(text, d, "/projects/0/startDate")
    expected = {"year": date(day.year, 1, 1), "month": date(day.year, day.month, 1), "day": day}[form]
    assert found == expected
    assert [n.warning for n in d.notes] == ([] if form == "day" else [True])


@settings(max_examples=300)
@given(st.text(max_size=20))
def test_anything_else_is_not_a_date(text: str) -> None:
    d = Draft("resume.json")
    found = clean.day(text, d, "/projects/0/startDate")
    assert found is None or len(text.strip()) in (4, 7, 10)
    if found is None and text.strip():
        assert [n.warning for n in d.notes] == [False]


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=400), st.sampled_from(["identity", "role", "strengths.*.title"]))
def test_text_never_outgrows_its_field(value: str, key: str) -> None:
    d = Draft("resume.json")
    found = clean.text(value, d, "/basics/label", key)
    assert found is None or len(found) <= TEXTS[key]
    assert found is None or not any("\ud800" <= c <= "\udfff" for c in found)
    if found is not None and len(value.strip()) > TEXTS[key]:
        assert any(n.message.startswith("longer than") for n in d.notes)


def test_a_broken_escape_is_replaced_and_said() -> None:
    d = Draft("resume.json")
    value = json.loads('"ab\\ud800c"')
    assert clean.text(value, d, "/basics/name") == "ab\ufffdc"
    assert [n.path for n in d.notes] == ["/basics/name"]


@settings(max_examples=200)
@given(st.text(max_size=80), st.sets(st.text(max_size=10), max_size=5))
def test_slugs_are_safe_file_names_and_unique(name: str, taken: set[str]) -> None:
    before = set(taken)
    slug = clean.slug_for(name, taken)
    assert slug not in before and slug in taken
    assert slug and all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert not slug.startswith("-") and ".." not in slug
