"""The example's business card (HTML pages and QR SVGs) equals the reviewed reference.

Refresh after an intended change with `BRANDKIT_UPDATE_GOLDEN=1 python -m pytest
tests/render/test_card_golden.py`, then review `git diff tests/golden/example-card`.
PDFs are left out: their bytes depend on the fonts installed (their content is checked
in test_card_pdf.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXED_EPOCH, copy_example

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "example-card"


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.suffix in (".html", ".svg")}


def test_example_card_matches_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    site = copy_example(tmp_path / "example-site")
    build(site, pdf=False)
    actual = _files(site / "_card")
    if os.environ.get("BRANDKIT_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in actual.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    expected = _files(GOLDEN)
    assert sorted(actual) == sorted(expected), "files differ; refresh with BRANDKIT_UPDATE_GOLDEN=1"
    for path in expected:
        assert actual[path] == expected[path], (
            f"{path} differs from tests/golden/example-card; if intended, refresh with "
            "BRANDKIT_UPDATE_GOLDEN=1 and review the diff")
