"""Lighthouse on the example's home page, mobile and desktop presets: Accessibility, Best
Practices and SEO 100, Performance at least 95. Each JSON report is kept for CI at
``artifacts/lighthouse-home.json`` (mobile) and ``artifacts/lighthouse-home-desktop.json``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import gate
import pytest

pytestmark = pytest.mark.browser

REPORTS = {"mobile": "lighthouse-home.json", "desktop": "lighthouse-home-desktop.json"}
EXACT = {"accessibility": 100, "best-practices": 100, "seo": 100}
PERFORMANCE_MIN = 95
# Performance is a timing measurement; on two shared CI cores one run can be slowed by
# a neighbour. Up to three runs, best kept — the other categories must be 100 in each.
ATTEMPTS = 3


@pytest.fixture(scope="module")
def home_server() -> Iterator[gate.SiteServer]:
    """Served at the origin's root: Lighthouse reads /robots.txt there."""
    gate.require(gate.missing_tools())
    harness = gate.harness()
    if not harness.CHROMIUM.is_file():
        gate.require([f"{harness.CHROMIUM} (Debian package `chromium`)"])
    with gate.SiteServer(gate.example_build("default"), "/") as server:
        yield server


@pytest.mark.parametrize("preset", REPORTS)
def test_lighthouse_home(home_server: gate.SiteServer, preset: str, tmp_path: Path) -> None:
    harness = gate.harness()
    runs: list[tuple[dict[str, float], Path]] = []
    for attempt in range(ATTEMPTS):
        report = tmp_path / f"{preset}-{attempt}.json"
        scores = gate.run_lighthouse(home_server.base, report, preset, harness.CHROMIUM,
                                     harness.CHROMIUM_ARGS)
        runs.append((scores, report))
        below = {k: v for k, v in scores.items() if k in EXACT and v < EXACT[k]}
        assert not below, (f"Lighthouse {preset}: {below} (run {attempt + 1})\n  "
                           + "\n  ".join(gate.lighthouse_failures(report)))
        if scores["performance"] >= PERFORMANCE_MIN:
            break
    scores, report = max(runs, key=lambda run: run[0]["performance"])
    kept = gate.ARTIFACTS / REPORTS[preset]
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(report, kept)
    gate.record("lighthouse", preset, {**scores, "runs": len(runs),
                                       "all_performance": [r[0]["performance"] for r in runs]})
    assert scores["performance"] >= PERFORMANCE_MIN, (
        f"Lighthouse {preset} performance {[r[0]['performance'] for r in runs]} "
        f"< {PERFORMANCE_MIN} (report: {kept})\n  " + "\n  ".join(gate.lighthouse_failures(kept)))
