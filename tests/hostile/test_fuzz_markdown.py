"""The Markdown differential fuzz (tests/hostile/fuzz_markdown.py) on a fixed budget and
seed: the same 3,000 documents every run, a second or two. The long run is its own
command (docs/testing.md)."""

from __future__ import annotations

import re
from unittest.mock import patch

from fuzz_markdown import fuzz

from brandkit.text import markdown_fast

BUDGET = 3_000


def test_fast_path_matches_markdown_it_on_the_fuzz_budget() -> None:
    tally = fuzz(BUDGET, seed=0)
    assert tally.documents == BUDGET
    # Both paths ran: the fast path took a good share, markdown-it the rest.
    assert BUDGET // 5 < tally.fast < BUDGET, tally.fast
    assert not tally.mismatches, tally.mismatches[:3]


def test_the_budget_finds_the_adjacent_bold_bug() -> None:
    # With the check for runs of three or more "*" switched off, the fast path reads
    # "**a****b**" as two bolds again (the bug the long fuzz found); the same budget must
    # show it, or it is too small or too far from the delimiter runs to guard anything.
    with patch.object(markdown_fast, "_LONG_RUN", re.compile(r"(?!)")):
        tally = fuzz(BUDGET, seed=0)
    assert tally.mismatches
    assert all("****" in source for source, _, _ in tally.mismatches), tally.mismatches[:3]
