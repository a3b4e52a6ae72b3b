"""The loader fuzz (tests/hostile/fuzz_loader.py) on a fixed budget: a number of examples
of every kind of input, never a number of seconds, so the suite does the same work on
any machine — and, derandomised in CI, the same inputs every run. No input may end in a
traceback. The long, random, time-bounded run is its own command (docs/testing.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fuzz_loader import KINDS, Tally, fuzz_examples

# Examples per kind of input. Each kind has its own generator; "example" (the example
# profile with payloads and one node changed) gets more, as in the long run.
BUDGETS = {"bytes": 20, "text": 20, "lines": 25, "keys": 25, "example": 60, "portfolio": 30}
ARTIFACTS = Path(os.environ.get("BRANDKIT_ARTIFACTS", Path(__file__).resolve().parents[2]
                                / "artifacts"))


def test_loader_fuzz_every_kind_of_input() -> None:
    assert set(BUDGETS) == set(KINDS)
    tallies = fuzz_examples(BUDGETS)
    total = Tally(inputs=sum(t.inputs for t in tallies.values()),
                  loaded=sum(t.loaded for t in tallies.values()),
                  refused=sum(t.refused for t in tallies.values()),
                  problems=sum(t.problems for t in tallies.values()),
                  failures=[f for t in tallies.values() for f in t.failures])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "fuzz-loader.json").write_text(json.dumps(
        {"examples_per_kind": BUDGETS, "inputs": total.inputs,
         "valid_sites_rendered": total.loaded, "refused": total.refused,
         "located_problems": total.problems, "tracebacks": len(total.failures),
         "by_kind": {kind: {"inputs": t.inputs, "valid_sites_rendered": t.loaded,
                            "refused": t.refused} for kind, t in tallies.items()}},
        indent=2) + "\n", encoding="utf-8")
    assert not total.failures, total.failures[0]
    # Every generator ran, and both paths did: inputs refused with located problems, and
    # valid sites rendered.
    assert all(t.inputs > 0 for t in tallies.values()), tallies
    assert total.refused > 0 and total.loaded > 0, total
