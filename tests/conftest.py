"""Shared fixtures: the example site built once per session with a fixed date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "example-site"
FIXED_EPOCH = "1767225600"  # 2026-01-01: golden files must not change with the calendar


def copy_example(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_site", ".*.tmp-*", ".*.old-*"))
    return target


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site's output folder (`_site`), built in-process."""
    from brandkit.build import build

    site = copy_example(tmp_path_factory.mktemp("example") / "example-site")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    patch.setenv("BRANDKIT_LANG", "en")
    try:
        report = build(site)
    finally:
        patch.undo()
    return report.out
