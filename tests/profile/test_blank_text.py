"""Text that is only white space, in every text field of the profile and of a portfolio
file: ``brandkit check`` reports it (located), or the site renders — never a traceback.

`name.latin: " "` once passed `check` and crashed `build` in the English short name.
The fields are found by walking the model (``brandkit/profile/model.py``), so a field
added later is covered without editing this file.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import typing
from datetime import date
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandkit.build import check
from brandkit.errors import ProfileError
from brandkit.profile.fields import _hints, public_fields, yaml_key
from brandkit.profile.model import PortfolioItem, Profile
from brandkit.render import render
from brandkit.render.page import Options
from brandkit.scaffold import init

WHITE = " \t\u3000\u00a0\n"  # ASCII space, tab, ideographic space, no-break space, line break
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def text_paths(cls: type, prefix: tuple = ()) -> list[tuple]:
    """Every place in ``cls`` that holds text (a string, a text per language, a choice),
    as a path of YAML keys and list indexes; a class with a shorthand is one too."""
    paths = [prefix] if prefix and getattr(cls, "__shorthand__", None) else []
    for f in public_fields(cls):
        at = prefix + (yaml_key(f),)
        if f.metadata.get("convert") == "links":
            paths += [at + ("github",), at + ("website",)]
            continue
        hint = _hints(cls)[f.name]
        if get_origin(hint) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            hint = next(a for a in get_args(hint) if a is not type(None))
        if get_origin(hint) is list:
            hint, at = get_args(hint)[0], at + (0,)
        if dataclasses.is_dataclass(hint):
            paths += text_paths(hint, at)
        elif hint not in (int, bool, date):  # text, a marked string, a choice
            paths.append(at)
    return paths


PROFILE_PATHS = text_paths(Profile)
ITEM_PATHS = text_paths(PortfolioItem)


def test_the_walk_finds_the_fields_that_matter() -> None:
    for path in [("name", "latin"), ("identity",), ("events", 0, "url"),
                 ("events", 0, "scripts", "15s"), ("contacts", "email", "value"),
                 ("offers", 0, "title"), ("site", "url"), ("links", "github")]:
        assert path in PROFILE_PATHS
    assert ("links", 0, "url") in ITEM_PATHS and ("tags", 0) in ITEM_PATHS
    assert len(PROFILE_PATHS) > 60


def put(data: Any, path: tuple, value: Any) -> None:
    """Set ``value`` at ``path``, making the mappings and lists on the way."""
    for key, following in itertools.pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(key, int):
            while len(data) <= key:
                data.append(empty)
            if not isinstance(data[key], (dict, list)):  # `- Classroom instinct`: a shorthand
                data[key] = {}
        elif not isinstance(data.get(key), (dict, list)):
            data[key] = {} if not isinstance(following, int) else []
        data = data[key]
    if isinstance(path[-1], int):
        while len(data) <= path[-1]:
            data.append(None)
    data[path[-1]] = value


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, str]:
    """The site `brandkit init` writes (ja, en), and its profile and portfolio file."""
    folder = tmp_path_factory.mktemp("blank") / "site"
    init(folder, ["ja", "en"])
    profile = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
    item = (folder / "portfolio" / "first-project.md").read_text(encoding="utf-8")
    return folder, profile, item


def check_or_render(folder: Path) -> None:
    """``brandkit check`` fails with located problems, or it passes and the site renders."""
    try:
        check(folder)
    except ProfileError as exc:
        for problem in exc.problems:
            assert problem.file.endswith((".yaml", ".md")) and problem.line > 0, problem
            assert problem.message, problem
        return
    from brandkit.profile import load_site

    render(load_site(folder), Options(base_url="https://example.com/",
                                      build_date=date(2026, 12, 1)), fork=False)


def write_profile(folder: Path, base: dict, path: tuple, value: Any) -> None:
    data = copy.deepcopy(base)
    put(data, path, value)
    (folder / "profile.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")


whitespace = st.text(alphabet=WHITE, min_size=1, max_size=4)


@SETTINGS
@given(path=st.sampled_from(PROFILE_PATHS), white=whitespace, per_lang=st.booleans())
def test_blank_profile_text_is_reported_or_builds(sample: tuple[Path, dict, str], path: tuple,
                                                  white: str, per_lang: bool) -> None:
    folder, base, _ = sample
    write_profile(folder, base, path, {"ja": white, "en": "Tokyo"} if per_lang else white)
    check_or_render(folder)


@pytest.mark.parametrize("path", PROFILE_PATHS, ids=lambda p: ".".join(map(str, p)))
def test_every_profile_field_blank(sample: tuple[Path, dict, str], path: tuple) -> None:
    """Each field once with every kind of white space in it, whatever hypothesis picks."""
    folder, base, _ = sample
    write_profile(folder, base, path, WHITE)
    check_or_render(folder)


@SETTINGS
@given(path=st.sampled_from(ITEM_PATHS), white=whitespace)
def test_blank_portfolio_text_is_reported_or_builds(sample: tuple[Path, dict, str], path: tuple,
                                                    white: str) -> None:
    folder, base, item = sample
    write_profile(folder, base, ("lang",), ["ja", "en"])
    front, body = item.split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    put(data, path, white)
    page = folder / "portfolio" / "first-project.md"
    try:
        page.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body,
                        encoding="utf-8")
        check_or_render(folder)
    finally:
        page.write_text(item, encoding="utf-8")


@pytest.mark.parametrize(("yaml_text", "en", "ja"), [
    ('name:\n  latin: " "\nidentity: x\n', "name.family: required field is missing",
     "name.family: 必須の項目がありません"),
    ('name: "\u3000"\n', "name: must not be empty", "name: 空にはできません"),
    ('name: Hanako Yamada\nidentity: "\\t "\n', "identity: must not be empty",
     "identity: 空にはできません"),
    ('name: Hanako Yamada\nidentity: x\nstrengths:\n  - "\u00a0"\n',
     "strengths[0]: must not be empty", "strengths[0]: 空にはできません"),
])
def test_blank_required_text_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        yaml_text: str, en: str, ja: str) -> None:
    (tmp_path / "profile.yaml").write_text(yaml_text, encoding="utf-8")
    for lang, expected in (("en", en), ("ja", ja)):
        monkeypatch.setenv("BRANDKIT_LANG", lang)
        with pytest.raises(ProfileError) as caught:
            check(tmp_path)
        assert expected in str(caught.value)


def test_blank_optional_text_is_as_if_not_written(tmp_path: Path) -> None:
    from brandkit.profile import load_site

    (tmp_path / "profile.yaml").write_text(
        'name:\n  family: 山田\n  given: 花子\n  latin: "\u3000"\nidentity: x\n'
        'role: {ja: " ", en: "\\t"}\nsite:\n  url: "\u00a0"\n'
        'events:\n  - name: Meetup\n    date: 2026-12-05\n    type: meetup\n    url: " "\n',
        encoding="utf-8")
    profile = load_site(tmp_path).profile
    assert profile.name.latin is None and profile.role is None and profile.site.url is None
    assert profile.events[0].url is None
