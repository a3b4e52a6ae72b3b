"""Properties of the loader: whatever the input, ``load_site`` returns a ``Site`` or raises
``ProfileError`` with located problems — never any other exception."""

from __future__ import annotations

import copy
import functools
import operator
import shutil
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandkit.errors import ProfileError
from brandkit.profile import load_site, split_front_matter
from brandkit.profile.model import Profile
from brandkit.profile.fields import public_fields

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example-site"
SETTINGS = settings(max_examples=300,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("empty-site")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path_factory.mktemp("example") / "site",
                                ignore=shutil.ignore_patterns("_site")))


def load_or_problems(folder: Path) -> None:
    """Load; a ``ProfileError`` is fine when every problem is located in a named file."""
    try:
        load_site(folder)
    except ProfileError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file and problem.file.endswith((".yaml", ".md")), problem
            assert problem.line >= 0 and problem.col >= 0, problem
            assert str(problem)  # renders without raising


# --- (a) arbitrary text and bytes as profile.yaml ---------------------------------------

FIELD_NAMES = sorted({f.name for f in public_fields(Profile)}
                     | {"family", "given", "reading", "latin", "full", "src", "alt", "title",
                        "detail", "evidence", "value", "show", "label", "email", "phone",
                        "location", "color", "theme", "font", "url", "domain", "output", "date",
                        "type", "why", "questions", "place", "slug", "ja", "en", "fr", "<<"})
SPECIAL = ["", ":", ": ", "#", " # c", "&a", "*a", "&a x", "*b", "!!python/object/apply:os.system",
           "!!str", "!!binary", "!foo", "[", "]", "{", "}", "[a, b]", "{a: 1}", "\"", "'", "|",
           ">", "---", "...", "%YAML 1.1", "\t", "-", "- ", "?", "@", "`", "~", "null", "yes",
           "2026-02-31", "2026-12-05", "12:30", "0x1F", "1e999", ".nan", "#0b6e6e", "teal",
           "javascript:alert(1)", "https://example.com/", "../x", "/etc/passwd", "bob@",
           "日本語", "\u202e", "\x00", "\ufeff", "\r", "\\"]

scalar_text = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=12),
                        st.lists(st.sampled_from(SPECIAL), max_size=4).map(" ".join))
key_text = st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(SPECIAL), st.text(max_size=6))


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    """Lines of `key: value`, `- item`, block scalars and flow collections, at any indent."""
    lines = []
    for _ in range(draw(st.integers(1, 25))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 4, 4, 6, 8]))
        dash = draw(st.sampled_from(["", "", "", "- "]))
        kind = draw(st.integers(0, 4))
        if kind == 0:
            line = f"{draw(key_text)}:"
        elif kind == 1:
            line = f"{draw(key_text)}: {draw(scalar_text)}"
        elif kind == 2:
            line = draw(scalar_text)
        elif kind == 3:
            items = draw(st.lists(scalar_text, max_size=4))
            line = f"{draw(key_text)}: [{', '.join(items)}]"
        else:
            line = f"{draw(key_text)}: {draw(st.sampled_from(['|', '>', '|-', '&a', '*a', '!!map']))}"
        lines.append(indent + dash + line)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


TAME = ["Hanako Yamada", "I help teachers use AI", '"quoted: text"', "2026-12-05", "2026-02-31",
        "#0b6e6e", "teal", "https://example.com/", "javascript:alert(1)", "bob@",
        "hanako@example.com", "+81 90-1234-5678", "ja", "en", "[ja, en]", "meetup", "mixr",
        "assets/photo.jpg", "../x.jpg", "/etc/passwd", "true", "12", "~", "日本語", "default",
        "ai-tutor", "_site", "../out", "{}", "[]", "''"]
# A word-ish text, /[A-Za-z][A-Za-z0-9 .-]{0,12}/ (built, not st.from_regex: the same
# strings for a quarter of the time; this is drawn dozens of times per example).
tame_text = st.one_of(st.sampled_from(TAME), st.builds(
    operator.add, st.sampled_from(string.ascii_letters),
    st.text(alphabet=string.ascii_letters + string.digits + " .-", max_size=12)))


@st.composite
def block_yaml(draw: st.DrawFn, indent: int = 0, depth: int = 0) -> str:
    """Mostly well-formed block YAML with the model's own keys, so conversion and the
    cross-field checks run too, not only the parser."""
    pad = " " * indent
    lines = []
    keys = draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=5, unique=True))
    if depth == 0 and draw(st.booleans()):
        keys = ["name", "identity"] + [k for k in keys if k not in ("name", "identity")]
    for key in keys:
        shape = draw(st.integers(0, 3 if depth < 3 else 0))
        if shape == 0:
            lines.append(f"{pad}{key}: {draw(tame_text)}")
        elif shape == 1:
            lines.append(f"{pad}{key}:\n" + draw(block_yaml(indent + 2, depth + 1)))
        elif shape == 2:
            items = draw(st.lists(tame_text, min_size=1, max_size=3))
            lines.append(f"{pad}{key}:\n" + "\n".join(f"{pad}  - {v}" for v in items))
        else:
            lines.append(f"{pad}{key}:\n{pad}  - " + draw(block_yaml(indent + 4, depth + 1)).lstrip())
    return "\n".join(lines)


@SETTINGS
@given(text=st.one_of(st.text(), yamlish()))
def test_any_text_gives_site_or_located_problems(empty_site: Path, text: str) -> None:
    (empty_site / "profile.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    load_or_problems(empty_site)


@SETTINGS
@given(text=block_yaml())
def test_profile_shaped_yaml_gives_site_or_located_problems(empty_site: Path, text: str) -> None:
    (empty_site / "profile.yaml").write_text(text, encoding="utf-8")
    load_or_problems(empty_site)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_give_site_or_located_problems(empty_site: Path, data: bytes) -> None:
    (empty_site / "profile.yaml").write_bytes(data)
    load_or_problems(empty_site)


# --- (b) the example profile with one thing changed -------------------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                     st.dates(), st.datetimes(), st.sampled_from(SPECIAL + FIELD_NAMES))
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8),
                                  st.integers()), inner, max_size=3)),
    max_leaves=8)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, prefix + (i,))
    return found


def _mutate(data: Any, path: tuple, replace: bool, value: Any) -> None:
    *parents, last = path
    for part in parents:
        data = data[part]
    if replace:
        data[last] = value
    else:
        del data[last]


@functools.lru_cache(maxsize=None)
def _parsed(text: str) -> tuple[Any, list[tuple]]:
    """``text`` parsed once, and its paths: parsing it again for every example took half
    this module's time."""
    data = yaml.safe_load(text)
    return data, _paths(data)


def _mutated(text: str, draw: st.DrawFn) -> str:
    parsed, paths = _parsed(text)
    data = copy.deepcopy(parsed)
    path = draw(st.sampled_from(paths))
    replace = draw(st.booleans())
    _mutate(data, path, replace, draw(_values) if replace else None)
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, where built with it
PROFILE_TEXT = (EXAMPLE / "profile.yaml").read_text(encoding="utf-8")
ITEM_TEXT = (EXAMPLE / "portfolio" / "ai-tutor.md").read_text(encoding="utf-8")


@SETTINGS
@given(data=st.data())
def test_mutated_example_profile(example_site: Path, data: st.DataObject) -> None:
    (example_site / "profile.yaml").write_text(_mutated(PROFILE_TEXT, data.draw),
                                               encoding="utf-8")
    try:
        load_or_problems(example_site)
    finally:
        (example_site / "profile.yaml").write_text(PROFILE_TEXT, encoding="utf-8")


@SETTINGS
@given(data=st.data())
def test_mutated_portfolio_front_matter(example_site: Path, data: st.DataObject) -> None:
    parts = split_front_matter(ITEM_TEXT)
    assert parts is not None
    front, body = parts
    item = example_site / "portfolio" / "ai-tutor.md"
    item.write_text(f"---\n{_mutated(front, data.draw)}---\n{body}", encoding="utf-8")
    try:
        load_or_problems(example_site)
    finally:
        item.write_text(ITEM_TEXT, encoding="utf-8")


def test_example_loads(example_site: Path) -> None:
    """The unmutated example is valid, so the mutations above start from a good profile."""
    assert load_site(example_site).profile.name.latin == "Hanako Yamada"
