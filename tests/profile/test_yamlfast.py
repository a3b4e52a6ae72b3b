"""The YAML fast path gives exactly the ``Doc`` the libyaml path gives, or steps aside.

Each property compares ``compose_simple`` with ``load_text``'s libyaml path on generated
text: data (types included), marks, key marks and raw text. A bigger run, by hand:
``YAMLFAST_EXAMPLES=20000 python -m pytest tests/profile/test_yamlfast.py -q -p no:cacheprovider``.
"""

from __future__ import annotations

import importlib.util
import math
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandkit.profile import split_front_matter, yamlfast
from brandkit.profile.yamlfast import compose_simple
from brandkit.profile.yamlload import Doc, load_text

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example-site"
SETTINGS = settings(max_examples=int(os.environ.get("YAMLFAST_EXAMPLES", "200")),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def libyaml(text: str) -> tuple[Doc | None, list]:
    with mock.patch.object(yamlfast, "compose_simple", lambda text, file: None):
        return load_text(text, "f.yaml")


def typed(value: Any) -> Any:
    """``value`` with every type spelled out: 1, 1.0 and True differ; NaN equals NaN."""
    if isinstance(value, dict):
        return "dict", [(typed(k), typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return "list", [typed(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return "float", "nan"
    return type(value).__name__, value


def same_as_libyaml(text: str) -> bool:
    """Whether the fast path took ``text``; when it did, its Doc must be libyaml's."""
    fast = compose_simple(text, "f.yaml")
    if fast is None:
        return False
    doc, problems = libyaml(text)
    assert problems == [], (text, problems)
    assert doc is not None
    assert typed(fast.data) == typed(doc.data), text
    assert fast.marks == doc.marks, text
    assert fast.key_marks == doc.key_marks, text
    assert fast.raw == doc.raw, text
    assert fast.file == doc.file
    hooked, found = load_text(text, "f.yaml")
    assert found == [] and hooked is not None and typed(hooked.data) == typed(fast.data)
    return True


# --- structured documents, shaped like profiles and portfolio items --------------------

KEYS = st.sampled_from(["title", "ja", "en", "date", "url", "label", "tags", "links", "name",
                        "a-b", "a_b", "15s", "yes", "null", "1", "x", "y"])
ODD_KEYS = st.sampled_from(["<<", "two words", "名前", "-a", "a:b", "x" * 300, '"q"', "=", "~"])
WORDS = st.sampled_from(
    ["Hanako", "AIと教育", "生成AI", "東京・渋谷", "a b", "a  b", "x:y", "a#b", "it's", 'say "hi"',
     "https://example.com/a?b=1#c", "x]", "{x}", "a, b", "-x", "--", "~x", "a\\b", "x\u00a0",
     "yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False", "null", "Null", "~",
     "1", "-1", "+1", "012", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30", "1.5",
     "1e3", "1.5e3", "-.inf", ".inf", ".nan", ".NaN", "2026-01-01", "2026-02-31", "2026-1-1",
     "2026-01-01 10:00:00", "2026-01-01T10:00:00Z", "2026-01-01t10:00:00.5+09:00", "é", "😀"])
# Words that are not plain scalars, or not on their own, or not for the fast path.
ODD_WORDS = st.sampled_from(
    ["a: b", "a:", "a #b", "[x]", "- x", "-", "?x", ":x", "!x", "&x", "*x", "%x", "@x", "`x",
     "|", ">", "=", "<<", "  ", "", "\u3000x", "a\tb", "a\rb", "\ufeff", "x\u2028y", "\x85",
     "\x07", "---", "..."])
TRAILERS = st.sampled_from(["", "", "", "", "", "", " ", "  ", " # note", "  # a: b", " #"])
RARELY = st.sampled_from([False] * 19 + [True])  # not integers(0, 19) == 0: hypothesis likes 0


def word(draw: st.DrawFn) -> str:
    return draw(ODD_WORDS if draw(RARELY) else WORDS)


def quoted(draw: st.DrawFn) -> str:
    text = " ".join(word(draw) for _ in range(draw(st.integers(0, 3))))
    if draw(st.booleans()):
        return '"' + text.replace('"', draw(st.sampled_from(['\\"', "'", '"']))) + '"'
    return "'" + text.replace("'", draw(st.sampled_from(["''", '"', "'"]))) + "'"


def scalar(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["plain", "plain", "words", "quoted", "flow"]))
    if kind == "plain":
        return word(draw)
    if kind == "words":
        return " ".join(word(draw) for _ in range(draw(st.integers(1, 4))))
    if kind == "quoted":
        return quoted(draw)
    items = [quoted(draw) if draw(st.booleans()) else word(draw)
             for _ in range(draw(st.integers(0, 4)))]
    gap = draw(st.sampled_from([", ", ",", " , ", ",  "]))
    inner = gap.join(items)
    return "[" + draw(st.sampled_from(["", " "])) + inner + draw(st.sampled_from(["", " "])) + "]"


def filler(draw: st.DrawFn) -> list[str]:
    """Blank lines and comments, which may sit anywhere between nodes."""
    return draw(st.lists(st.sampled_from(["", "  ", "# comment", "  # indented: comment",
                                          "#", "    "]), max_size=1))


def literal(draw: st.DrawFn, indent: int) -> list[str]:
    """The lines of a block scalar whose key is indented ``indent``."""
    step = draw(st.sampled_from([1, 2, 2, 3, 4, 0, -1]))  # mostly deeper than the key
    lines = []
    for _ in range(draw(st.integers(0, 3))):
        extra = draw(st.sampled_from(["", "", "  ", " "]))
        words = draw(st.sampled_from(["text", "**bold** 日本語", "# not a comment", "a: b",
                                      "", "   ", "- x", "trailing  "]))
        lines.append(" " * max(indent + step, 0) + extra + words)
    return lines


def mapping(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    names = draw(st.lists(KEYS, min_size=1, max_size=4, unique=True))
    if draw(RARELY):
        names.append(draw(st.sampled_from(names)) if draw(st.booleans()) else draw(ODD_KEYS))
    for name in names:
        lines += filler(draw)
        pad = " " * indent
        kinds = ["scalar", "scalar", "scalar", "empty", "literal"]
        kinds += ["map", "seq", "seq"] if depth < 4 else []
        kind = draw(st.sampled_from(kinds))
        if kind == "scalar":
            space = "" if draw(RARELY) else draw(st.sampled_from([" ", " ", "  "]))
            lines.append(f"{pad}{name}:{space}{scalar(draw)}{draw(TRAILERS)}")
        elif kind == "empty":
            lines.append(f"{pad}{name}:{'# x' if draw(RARELY) else draw(TRAILERS)}")
        elif kind == "literal":
            header = draw(st.sampled_from(["|", "|", "|", "|-", "|  ", "| # c", "|+", "|2", ">"]))
            lines.append(f"{pad}{name}: {header}")
            lines += literal(draw, indent)
        elif kind == "map":
            lines.append(f"{pad}{name}:{draw(TRAILERS)}")
            lines += mapping(draw, indent + draw(st.integers(1, 4)), depth + 1)
        else:  # a sequence, indented under its key or not
            lines.append(f"{pad}{name}:")
            lines += sequence(draw, indent + draw(st.sampled_from([0, 0, 2, 2, 1, 4])), depth + 1)
    return lines


def sequence(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        lines += filler(draw)
        pad, gap = " " * indent, "" if draw(RARELY) else draw(st.sampled_from([" ", " ", "  "]))
        kind = draw(st.sampled_from(["scalar"] * 3 + ["map"] * 3 + ["empty"]
                                    + (["seq"] if depth < 4 else [])))
        if kind == "scalar":
            lines.append(f"{pad}-{gap}{scalar(draw)}{draw(TRAILERS)}")
        elif kind == "empty":
            lines.append(f"{pad}-{draw(TRAILERS)}")
        elif kind == "seq":
            lines.append(f"{pad}-{gap}- {scalar(draw)}")
        else:  # `- url: …` with the rest of the mapping lined up under `url`
            inner = mapping(draw, indent + 1 + len(gap), depth + 1)
            first = next(k for k, line in enumerate(inner) if line.strip() and
                         not line.lstrip().startswith("#"))
            inner[first] = f"{pad}-{gap}{inner[first].lstrip(' ')}"
            lines += inner
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    indent = draw(st.sampled_from([0, 0, 0, 0, 1, 2]))
    body = sequence(draw, indent, 0) if draw(st.integers(0, 9)) == 0 else mapping(draw, indent, 0)
    lines = filler(draw) + body + filler(draw)
    start = draw(st.sampled_from(["", "\n", "# header\n"]))  # front matter starts with "\n"
    return start + "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@SETTINGS
@given(documents())
def test_structured_documents_agree(text: str) -> None:
    same_as_libyaml(text)


# --- tricky text from YAML's own characters --------------------------------------------

PIECES = st.sampled_from(["a", "b", "1", ":", ": ", "-", "- ", " ", "  ", "#", " #", '"', "'",
                          "[", "]", ",", ", ", "{", "}", "|", ">", "&", "*", "!", "?", "%",
                          "@", "`", "~", "\\", "\t", "\r", "\u00a0", "日", "---", "...",
                          "<<", "=", "2026-01-01", "yes", "null", ".5", "\n", "\n  "])
STARTS = st.sampled_from(["a:", "a: ", "b: ", "a: |", "- ", "-", "- a: ", "  b: ", "#", ""])


@st.composite
def tricky(draw: st.DrawFn) -> str:
    """Lines that mostly look like keys and items, with YAML's characters after them."""
    lines = [" " * draw(st.sampled_from([0, 0, 1, 2, 4])) + draw(STARTS)
             + "".join(draw(st.lists(st.one_of(PIECES, st.sampled_from(["a", "b c", "1", " "])),
                                     max_size=5)))
             for _ in range(draw(st.integers(1, 6)))]
    return "\n".join(lines)


@SETTINGS
@given(tricky())
def test_tricky_text_agrees(text: str) -> None:
    same_as_libyaml(text)


@SETTINGS
@given(st.one_of(st.text(max_size=80),
                 st.lists(st.text(max_size=30).map("a: {}".format), min_size=1, max_size=3)
                 .map("\n".join)))
def test_arbitrary_text_agrees(text: str) -> None:
    """Any text at all, and any text as a value."""
    same_as_libyaml(text)


# --- the files brandkit really reads take the fast path ---------------------------------

def _generate() -> Any:
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "hugo" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _front(text: str) -> str:
    parts = split_front_matter(text)
    assert parts is not None
    return parts[0]


REAL = {
    "example-site/profile.yaml": (EXAMPLE / "profile.yaml").read_text(encoding="utf-8"),
    **{f"example-site/portfolio/{path.name}": _front(path.read_text(encoding="utf-8"))
       for path in sorted((EXAMPLE / "portfolio").glob("*.md"))},
    "bench profile": _generate().PROFILE,
    **{f"bench {item['slug']}": _front(_generate()._front_matter(item) + item["body"])
       for item in _generate().items(5)},
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_files_take_the_fast_path(name: str) -> None:
    assert same_as_libyaml(REAL[name])


# --- by hand ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                      # duplicate key
    "a: &x 1\nb: *x\n",                  # anchor, alias
    "a: !!str 1\n", "a: !x y\n",         # tags
    "<<: {a: 1}\n", "a: =\n",            # merge key, !!value
    "a:\t1\n", "\ta: 1\n", "a: 1\r\nb: 2\n",
    "a: one\n  two\n", "a: 'one\n  two'\n", 'a: "x\\ny"\n',  # continuation lines, an escape
    "a: >\n  folded\n", "a: |+\n  kept\n\n", "a: |2\n   x\n",  # block scalars not read
    "a: {b: 1}\n", "a: [b, [c]]\n", "a: [b,\n  c]\n",  # flow mappings, nesting, lines
    "? a\n: 1\n", "---\na: 1\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n",
    "a b: 1\n", '"a": 1\n', "a : 1\n",  # keys that need more than the fast path knows
    "a: b: c\n", "- a\nb: 1\n", "a: 1\n b: 2\n", "plain\n", "\ufeffa: 1\n", "a: x\u2028y\n",
])
def test_bails_out(text: str) -> None:
    assert compose_simple(text, "f.yaml") is None


def test_problems_still_come_from_libyaml() -> None:
    _, problems = load_text("a: 1\na: 2\n", "f.yaml")
    assert [p.line for p in problems] == [2]


def test_values_resolve_as_yaml_1_1() -> None:
    text = ("\nint: 12\nhex: 0x1F\nfloat: 1.5\ninf: -.inf\nyes: yes\noff: off\ntrue: True\n"
            "null: null\ntilde: ~\nempty:\ndate: 2026-01-01\nbad_date: 2026-02-31\n"
            "stamp: 2026-01-01 10:00:00\nquoted: '12'\nflow: [1, no, ~, '1', 2026-01-01]\n"
            "text: |\n  two\n  lines\n")
    doc = compose_simple(text, "f.yaml")
    assert doc is not None and same_as_libyaml(text)
    assert typed(doc.data) == typed({
        "int": 12, "hex": 31, "float": 1.5, "inf": float("-inf"), "yes": True, "off": False,
        "true": True, "null": None, "tilde": None, "empty": None, "date": date(2026, 1, 1),
        "bad_date": "2026-02-31", "stamp": datetime(2026, 1, 1, 10), "quoted": "12",
        "flow": [1, False, None, "1", date(2026, 1, 1)], "text": "two\nlines\n"})
    assert doc.marks[("empty",)] == (11, 7)  # just after the colon, as libyaml marks it
    assert doc.raw[("int",)] == "12" and doc.raw[("empty",)] == ""
