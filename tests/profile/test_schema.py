"""The JSON Schema: the shipped copy matches the model, and it accepts/refuses like brandkit."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from brandkit.profile.schema import schema_text

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "brandkit" / "profile.schema.json"


def _strings_for_dates(data: Any) -> Any:
    """YAML reads 2026-12-05 as a date; JSON (and so the schema) sees a string."""
    if isinstance(data, dict):
        return {k: _strings_for_dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_strings_for_dates(v) for v in data]
    if isinstance(data, (datetime.date, datetime.datetime)):
        return data.isoformat()
    return data


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(schema_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def example() -> dict:
    text = (REPO / "example-site" / "profile.yaml").read_text(encoding="utf-8")
    return _strings_for_dates(yaml.safe_load(text))


def test_example_site_schema_is_current() -> None:
    """example-site/profile.yaml points editors at its own copy; keep it current too."""
    copy_ = REPO / "example-site" / "profile.schema.json"
    assert copy_.read_text(encoding="utf-8") == schema_text(), (
        "refresh with: python -m brandkit schema > example-site/profile.schema.json")


def test_shipped_schema_is_current() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "brandkit/profile.schema.json is stale; refresh it with "
        "`python -m brandkit schema > brandkit/profile.schema.json` and review the diff")


def test_example_profile_is_valid(validator: Draft202012Validator, example: dict) -> None:
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(example)]
    assert errors == []


def _break(data: dict, where: tuple, value: Any) -> dict:
    broken = copy.deepcopy(data)
    *parents, last = where
    target = broken
    for part in parents:
        target = target[part]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return broken


_DELETE = object()


@pytest.mark.parametrize("where, value", [
    (("brand", "color"), "teal"),
    (("brand", "color"), "#12345"),
    (("strenghts",), ["Classroom instinct"]),
    (("brand", "colour"), "#0b6e6e"),
    (("identity",), _DELETE),
    (("events", 0, "type"), "mixr"),
    (("events", 0, "url"), "javascript:alert(1)"),
    (("events", 0, "url"), "peatix.com/event/4567890"),  # an address without https://
    (("events", 0, "url"), "www.example.com"),
    (("photo", "src"), "../outside.jpg"),
    (("identity", "fr"), "Je combine IA et éducation"),
    (("strengths",), "Classroom instinct"),
], ids=lambda v: "-".join(map(str, v)) if isinstance(v, tuple) else None)
def test_invalid_profiles_fail(validator: Draft202012Validator, example: dict,
                               where: tuple, value: Any) -> None:
    assert validator.is_valid(example)
    assert not validator.is_valid(_break(example, where, value))


@pytest.mark.parametrize("url", ["https://peatix.com/event/4567890", "slides.pdf",
                                 "assets/cv.pdf", "../notes/", "mailto:t@example.com"])
def test_links_brandkit_accepts_the_schema_accepts(validator: Draft202012Validator,
                                                   example: dict, url: str) -> None:
    assert validator.is_valid(_break(example, ("events", 0, "url"), url))
