"""What the importer's tests share: JSON Resume's own sample and example files, taken
from its published schema package (npm ``@jsonresume/schema``, package.json)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PACKAGE = REPO / "node_modules" / "@jsonresume" / "schema"


def schema_package() -> Path:
    if not (SCHEMA_PACKAGE / "schema.json").is_file():
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail("@jsonresume/schema missing: `bash scripts/test` installs it (npm ci)")
        pytest.skip("@jsonresume/schema missing: run `bash scripts/test` (npm ci)")
    return SCHEMA_PACKAGE


def resume_samples() -> list[Path]:
    """sample.resume.json and examples/*.resume.json, when the package is installed."""
    if not SCHEMA_PACKAGE.is_dir():
        return []
    return [SCHEMA_PACKAGE / "sample.resume.json",
            *sorted((SCHEMA_PACKAGE / "examples").glob("*.resume.json"))]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")
