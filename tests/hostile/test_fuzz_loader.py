"""The loader fuzz (tests/hostile/fuzz_loader.py) for a short, fixed CI budget: no input
may end in a traceback. Run the script by hand for a long budget."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fuzz_loader import fuzz

SECONDS = float(os.environ.get("BRANDKIT_FUZZ_SECONDS", "60"))
ARTIFACTS = Path(os.environ.get("BRANDKIT_ARTIFACTS", Path(__file__).resolve().parents[2]
                                / "artifacts"))


def test_loader_fuzz_for_a_fixed_time() -> None:
    tally = fuzz(SECONDS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "fuzz-loader.json").write_text(json.dumps(
        {"seconds": SECONDS, "inputs": tally.inputs, "valid_sites_rendered": tally.loaded,
         "refused": tally.refused, "located_problems": tally.problems,
         "tracebacks": len(tally.failures)}, indent=2) + "\n", encoding="utf-8")
    assert not tally.failures, tally.failures[0]
    # Both paths ran: inputs refused with located problems, and valid sites rendered.
    assert tally.inputs >= 100 and tally.refused > 0 and tally.loaded > 0, tally
