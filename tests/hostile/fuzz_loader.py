"""Fuzz the profile loader: whatever a site folder holds, ``load_site`` gives a ``Site`` or
a ``ProfileError`` whose problems are located — never a traceback — and a site that loads
renders (site, card, event kit) without one.

The long run is its own command, random and bounded by time (docs/testing.md):

    python tests/hostile/fuzz_loader.py --minutes 10

tests/hostile/test_fuzz_loader.py runs every kind of input for a fixed number of
examples instead (``fuzz_examples``), under the suite's hypothesis profile.
Inputs come from hypothesis: raw bytes and text, YAML-shaped lines, profiles made of the
model's own keys with odd values, the example profile with one node changed, portfolio
front matter and Markdown bodies, all with the hostile payloads mixed in, and BOMs and
CRLF line endings on the files.
"""

from __future__ import annotations

import argparse
import copy
import functools
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(HERE), str(HERE.parents[1])) if p not in sys.path]

from hostile_sites import EXAMPLE, HOSTILE_MARKDOWN, PAYLOADS  # noqa: E402

FIXED_DATE = date(2026, 1, 1)

# --- what a site folder may hold ---------------------------------------------------------

KEYS = ["name", "family", "given", "reading", "latin", "full", "identity", "lang", "role",
        "organization", "photo", "src", "alt", "about", "now", "next", "looking_for",
        "strengths", "title", "detail", "evidence", "offers", "contacts", "email", "phone",
        "location", "value", "show", "label", "links", "linkedin", "x", "github", "website",
        "brand", "color", "theme", "font", "site", "url", "domain", "output", "events",
        "date", "type", "why", "questions", "place", "slug", "card", "size", "back_lang",
        "ja", "en", "fr", "summary", "tags", "image", "<<", "?"]
ODD = ["", " ", ":", "- ", "#", "&a", "*a", "!!python/object/apply:os.system ['id']",
       "!!binary aGk=", "!!set {a}", "!foo x", "[", "{", "'", '"', "|", ">", "---", "...",
       "%YAML 1.1", "\t", "~", "null", "yes", "no", "0x1F", "1e999", ".nan", "-.inf",
       "2026-02-31", "2026-12-05", "2026-12-05T10:00:00+09:00", "12:30:00", "#0b6e6e",
       "#GGG", "ja", "en", "site", "card", "vcard", "meetup", "default", "sidebar",
       "assets/photo.jpg", "../profile.yaml", "/etc/passwd", "~/x", "C:\\x", "portfolio",
       "ai-tutor", "hanako@example.com", "+81 90-1234-5678", "https://example.com/",
       "//evil.example", "\x00", "\x1b[31m", "\ufeff", "\u2028", "\ud7ff", "\U0010ffff",
       "日本語", "ｶﾀｶﾅ"] + list(PAYLOADS.values())

scalars = st.one_of(st.sampled_from(ODD), st.text(max_size=30), st.integers(),
                    st.floats(allow_nan=True), st.booleans(), st.none(), st.dates(),
                    st.lists(st.sampled_from(ODD), max_size=3).map("".join))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5)),
    max_leaves=10)

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1 << 20)


@st.composite
def yaml_lines(draw: st.DrawFn) -> str:
    """Loosely YAML: `key: value`, list items, block scalars, flow collections, any indent."""
    lines = []
    for _ in range(draw(st.integers(1, 30))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 4, 4, 6]))
        dash = draw(st.sampled_from(["", "", "- "]))
        key, odd = draw(st.sampled_from(KEYS)), draw(st.sampled_from(ODD))
        shape = draw(st.integers(0, 4))
        line = [f"{key}:", f"{key}: {odd}", odd, f"{key}: [{odd}, {odd}]",
                f"{key}: {draw(st.sampled_from(['|', '>-', '&a', '*a', '!!map', '{}']))}"][shape]
        lines.append(indent + dash + line)
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=1)
def _example_data() -> dict:
    return yaml.load((EXAMPLE / "profile.yaml").read_text(encoding="utf-8"), Loader=_LOADER)


@functools.lru_cache(maxsize=1)
def _example_nodes() -> tuple[tuple, ...]:
    return tuple(_nodes(_example_data()))


def _texts(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Paths of the example's text values (where a payload keeps the profile valid)."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _texts(value, prefix + (key,))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _texts(value, prefix + (i,))]
    return [prefix] if isinstance(data, str) else []


def _nodes(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _nodes(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _nodes(value, prefix + (i,))
    return found


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    """The example profile with payloads in some of its texts (it stays valid), and maybe
    a node replaced by an odd value or deleted (it usually does not)."""
    data = copy.deepcopy(_example_data())
    texts = _texts(data)
    for path in draw(st.lists(st.sampled_from(texts), max_size=6, unique=True)):
        *parents, last = path
        holder = data
        for part in parents:
            holder = holder[part]
        holder[last] = draw(st.sampled_from(ODD[-len(PAYLOADS):] + ["x", "日本語"]))
    if draw(st.booleans()):
        *parents, last = draw(st.sampled_from(_example_nodes()))
        holder = data
        try:
            for part in parents:
                holder = holder[part]
            if draw(st.booleans()):
                holder[last] = draw(values)
            else:
                del holder[last]
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed the way there
    return dump(data)


@st.composite
def profile_from_keys(draw: st.DrawFn) -> str:
    data = draw(st.dictionaries(st.sampled_from(KEYS), values, min_size=1, max_size=12))
    if draw(st.booleans()):
        data = {"name": draw(values), "identity": draw(values), **data}
    return dump(data)


@st.composite
def portfolio_file(draw: st.DrawFn) -> str:
    front = draw(st.one_of(
        st.dictionaries(st.sampled_from(["title", "date", "summary", "tags", "image", "links",
                                         "slug", "body"]), values, max_size=6),
        st.just({"title": "Work", "links": [{"url": draw(st.sampled_from(ODD))}]})))
    head = draw(st.sampled_from(["---\n", "---\r\n", "", "--- \n", "\ufeff---\n"]))
    tail = draw(st.sampled_from(["---\n", "...\n", "", "---"]))
    body = draw(st.one_of(st.just(HOSTILE_MARKDOWN), st.text(max_size=200),
                          st.sampled_from(list(PAYLOADS.values()))))
    return head + dump(front) + tail + body


@dataclass
class Case:
    profile: bytes
    portfolio: dict[str, bytes] = field(default_factory=dict)


def _shape(text: str, crlf: bool, bom: bool) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", errors="surrogatepass")


# The kinds of input, each from its own generator; the long run draws the example
# profile's mutations three times as often as the others.
KINDS = ("bytes", "text", "lines", "keys", "example", "portfolio")


@st.composite
def cases(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS + ("example", "example")) -> Case:
    kind = draw(st.sampled_from(kinds))
    crlf, bom = draw(st.booleans()), draw(st.booleans())
    if kind == "bytes":
        return Case(draw(st.binary(max_size=600)))
    source = {"text": st.text(max_size=400), "lines": yaml_lines(), "keys": profile_from_keys(),
              "example": mutated_example(), "portfolio": st.just(
                  (EXAMPLE / "profile.yaml").read_text(encoding="utf-8"))}[kind]
    case = Case(_shape(draw(source), crlf, bom))
    if kind in ("portfolio", "example") and draw(st.booleans()):
        names = draw(st.lists(st.sampled_from(["ai-tutor.md", "ai-tutor.en.md", "x.md",
                                               "Bad Name.md", "a.fr.md", "ai-tutor.ja.md"]),
                              min_size=1, max_size=3, unique=True))
        case.portfolio = {n: _shape(draw(portfolio_file()), crlf, bom) for n in names}
    return case


# --- running one input -------------------------------------------------------------------

@dataclass
class Tally:
    inputs: int = 0
    loaded: int = 0  # valid sites (then rendered)
    refused: int = 0  # ProfileError / BrandkitError with located problems
    problems: int = 0  # located problems reported in all
    failures: list[str] = field(default_factory=list)


def check_one(folder: Path, case: Case, tally: Tally) -> None:
    """Write ``case`` into ``folder``, load and (if valid) render it; raise on a traceback."""
    from brandkit.errors import BrandkitError, ProfileError
    from brandkit.profile import load_site
    from brandkit.render import render_files as render_site
    from brandkit.render.page import Options

    tally.inputs += 1
    (folder / "profile.yaml").write_bytes(case.profile)
    portfolio = folder / "portfolio"
    for old in portfolio.glob("*.md"):
        old.unlink()
    # The example's items (the example profile's evidence points at one), and the case's.
    for name, data in {**_example_items(), **case.portfolio}.items():
        (portfolio / name).write_bytes(data)
    try:
        site = load_site(folder)
    except ProfileError as error:
        tally.refused += 1
        tally.problems += len(error.problems)
        for problem in error.problems:
            assert problem.file.endswith((".yaml", ".yml", ".md")), problem
            assert problem.line >= 0 and problem.col >= 0, problem
            text = str(problem)
            assert "Traceback" not in text and "<class" not in text, text
        return
    except BrandkitError:
        tally.refused += 1
        return
    tally.loaded += 1
    try:
        render_site(site, Options(build_date=FIXED_DATE))
    except BrandkitError:  # e.g. a card whose QR code cannot fit: a plain user error
        tally.refused += 1


@functools.lru_cache(maxsize=1)
def _example_items() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (EXAMPLE / "portfolio").glob("*.md")}


def site_folder() -> Path:
    """A scratch site folder with the example's images, so image paths can resolve."""
    root = Path(tempfile.mkdtemp(prefix="brandkit-fuzz-"))
    shutil.copytree(EXAMPLE / "assets", root / "assets")
    shutil.copytree(EXAMPLE / "portfolio" / "images", root / "portfolio" / "images")
    return root


def _batch(folder: Path, tally: Tally, the_settings: settings, kinds: tuple[str, ...]) -> None:
    """One hypothesis run of ``cases(kinds)``; a failing input (shrunk by hypothesis) ends
    it, and the traceback of the smallest one is kept in ``Tally.failures``."""
    @the_settings
    @given(case=cases(kinds))
    def run(case: Case) -> None:
        check_one(folder, case, tally)

    try:
        run()
    except Exception:  # noqa: BLE001 - the point is to catch any of them
        tally.failures.append(traceback.format_exc())


@contextmanager
def _scratch() -> Iterator[Path]:
    """A scratch site folder, English messages; both undone afterwards."""
    saved_lang = os.environ.get("BRANDKIT_LANG")
    os.environ["BRANDKIT_LANG"] = "en"
    folder = site_folder()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if saved_lang is None:
            os.environ.pop("BRANDKIT_LANG", None)
        else:
            os.environ["BRANDKIT_LANG"] = saved_lang


def fuzz_examples(budgets: dict[str, int]) -> dict[str, Tally]:
    """``budgets[kind]`` examples of each kind of input, under the current hypothesis
    profile (the suite's: derandomised in CI, so the same inputs every run). A fixed
    amount of work, whatever the machine's speed; each kind's tally."""
    tallies = {kind: Tally() for kind in budgets}
    with _scratch() as folder:
        for kind, examples in budgets.items():
            the_settings = settings(max_examples=examples, phases=[Phase.generate, Phase.shrink],
                                    suppress_health_check=list(HealthCheck))
            _batch(folder, tallies[kind], the_settings, (kind,))
    return tallies


def fuzz(seconds: float, batch: int = 200, on_batch: Any = None) -> Tally:
    """Run batches of random hypothesis examples until ``seconds`` have passed (by hand:
    the suite runs ``fuzz_examples``). A failing input stops the run."""
    tally = Tally()
    deadline = time.monotonic() + seconds
    the_settings = settings(max_examples=batch, database=None, deadline=None, derandomize=False,
                            phases=[Phase.generate, Phase.shrink], print_blob=True,
                            suppress_health_check=list(HealthCheck))
    with _scratch() as folder:
        while time.monotonic() < deadline and not tally.failures:
            _batch(folder, tally, the_settings, KINDS + ("example", "example"))
            if on_batch:
                on_batch(tally)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--minutes", type=float, default=5.0, help="how long (default 5)")
    budget.add_argument("--seconds", type=float, help="how long, in seconds")
    args = parser.parse_args()
    started = time.monotonic()

    def progress(t: Tally) -> None:
        print(f"\r{time.monotonic() - started:6.0f}s  {t.inputs} inputs, {t.loaded} valid "
              f"sites rendered, {t.refused} refused", end="", file=sys.stderr, flush=True)

    seconds = args.seconds if args.seconds is not None else args.minutes * 60
    tally = fuzz(seconds, on_batch=progress)
    elapsed = time.monotonic() - started
    print(file=sys.stderr)
    print(f"fuzz_loader: {tally.inputs} inputs in {elapsed:.0f} s; {tally.loaded} valid sites "
          f"rendered; {tally.refused} refused with {tally.problems} located problems; "
          f"{len(tally.failures)} tracebacks")
    for failure in tally.failures:
        print(failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
