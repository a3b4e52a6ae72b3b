"""Differential fuzz of the Markdown fast path (brandkit/text/markdown_fast.py) against
markdown-it-py as brandkit configures it (brandkit/text/markdown.py).

The fast path promises byte-identity: whenever ``blocks`` takes a document, the HTML and
the plain text brandkit makes from it must equal what markdown-it makes. The documents
here lean on what breaks that promise: runs of ``*``, ``_``, ``~`` and backticks of every
length next to letters, Japanese, punctuation and spaces; escapes; entities; links; and
the line starts of lists and headings. The generator is ``random.Random(seed)``, so one
seed and budget always try the same documents.

    python tests/hostile/fuzz_markdown.py --examples 1000000 [--seed 1]

prints progress on stderr, then one line (documents tried, how many the fast path took,
mismatches) and the first mismatches; it exits 1 when there is one. Keep a mismatch as an
example in tests/text/test_markdown.py. tests/hostile/test_fuzz_markdown.py runs a small
fixed budget in the default suite.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import patch

HERE = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(HERE.parents[1]),) if p not in sys.path]

from brandkit.text import markdown, markdown_fast

WORDS = ["a", "b", "x", "word", "AI", "1", "2024", "教育", "株式会社まなびラボ", "です", "ー",
         "日本語", "Ａ", "é"]
PUNCTUATION = ["。", "、", "「", "」", "（", "）", ".", ",", "!", "?", ":", "(", ")", "-", "'", '"',
               "/", "#", "=", "+"]
SPACES = [" ", " ", " ", "  ", "\u3000", "\u00a0", "\n"]
ESCAPES = ["\\*", "\\_", "\\`", "\\\\", "\\", "\\~", "&amp;", "&#42;", "&", "&x", "<", ">"]
LINKS = ["[a](http://a.example)", "[x]", "](", "<http://a.example>", "![i](a.png)", "|"]
LINE_STARTS = ["", "", "", "", "- ", "* ", "+ ", "# ", "## ", "1. ", "> ", "    ", "---", "***"]


def _delimiter_run(rng: random.Random) -> str:
    # ``**`` (what the fast path reads) most often; every other length and kind too.
    char = rng.choice("******__~`")
    if char == "*":
        return "*" * rng.choice([2, 2, 2, 4, 4, 1, 3, 5, 6])
    return char * rng.choice([1, 1, 2, 2, 3])


def _piece(rng: random.Random, near: bool) -> str:
    # ``near``: the narrow alphabet of text the fast path reads inline itself (words,
    # spaces, punctuation, ``**`` and code) with a rare other mark, where a wrong reading
    # of a delimiter run would show; otherwise every kind of mark.
    roll = rng.random()
    if near:
        if roll < 0.3:
            return rng.choice(WORDS)
        if roll < 0.55:  # a bold run; two in a row make a run of four
            inner = "".join(rng.choice(WORDS + WORDS + SPACES[:3] + PUNCTUATION[:6])
                            for _ in range(rng.randint(1, 3)))
            return "**" + inner + "**"
        if roll < 0.65:
            return rng.choice(["**", "****", "******", "***", "*"])
        if roll < 0.75:
            return rng.choice(SPACES)
        if roll < 0.9:
            return rng.choice(PUNCTUATION)
        if roll < 0.97:
            return "`" + rng.choice(WORDS + ["**", "****"]) + "`"
        return _delimiter_run(rng)
    if roll < 0.35:
        return rng.choice(WORDS)
    if roll < 0.62:
        return _delimiter_run(rng)
    if roll < 0.72:
        return rng.choice(SPACES)
    if roll < 0.84:
        return rng.choice(PUNCTUATION)
    if roll < 0.90:
        return "`" + rng.choice(WORDS + ["**", " a ", "***", "a b"]) + "`"
    if roll < 0.97:
        return rng.choice(ESCAPES)
    return rng.choice(LINKS)


def _line(rng: random.Random, near: bool) -> str:
    return rng.choice(LINE_STARTS) + "".join(_piece(rng, near) for _ in range(rng.randint(1, 9)))


def document(rng: random.Random) -> str:
    """One document: a few lines, sometimes blank ones between them."""
    near = rng.random() < 0.6
    lines = [_line(rng, near) if rng.random() < 0.85 else "" for _ in range(rng.randint(1, 4))]
    return "\n".join(lines)


@dataclass
class Tally:
    documents: int = 0
    fast: int = 0  # taken by markdown_fast.blocks
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)  # (source, fast, markdown-it)


def check(source: str, tally: Tally) -> None:
    """Compare brandkit's HTML and plain text of ``source`` with markdown-it's."""
    tally.documents += 1
    if markdown_fast.blocks(source) is None:
        return  # both sides are markdown-it
    tally.fast += 1
    parser = markdown._parser()
    fast_html, reference_html = str(markdown.render_markdown(source)), parser.render(source)
    if fast_html != reference_html:
        tally.mismatches.append((source, fast_html, reference_html))
        return
    fast_plain = markdown.markdown_to_plain(source)
    with patch.object(markdown_fast, "blocks", lambda source: None):
        reference_plain = markdown.markdown_to_plain(source)
    if fast_plain != reference_plain:
        tally.mismatches.append((source, fast_plain, reference_plain))


def fuzz(examples: int, seed: int = 0, progress: bool = False) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    started = time.monotonic()
    for n in range(examples):
        check(document(rng), tally)
        if progress and n and n % 50_000 == 0:
            print(f"{n:,} documents, {tally.fast:,} fast, {len(tally.mismatches)} mismatches, "
                  f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="documents to try")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    tally = fuzz(args.examples, args.seed, progress=True)
    print(f"{tally.documents:,} documents (seed {args.seed}), {tally.fast:,} taken by the fast "
          f"path, {len(tally.mismatches)} mismatches")
    for source, fast, reference in tally.mismatches[:10]:
        print(f"\n{source!r}\n  fast:        {fast!r}\n  markdown-it: {reference!r}")
    return 1 if tally.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
