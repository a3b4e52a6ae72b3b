"""The example site, built with a fixed date, equals the reviewed reference in tests/golden/.

Refresh after an intended change with `BRANDKIT_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`, then review `git diff tests/golden` like any other change.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "example-site"
TEXT = {".html", ".css", ".js", ".xml", ".txt", ".svg", ".vcf", ".json", ".md", ".ics", ""}
HASHES = "binary-files.sha256"


# Share images and backgrounds are drawn by pdfium, whose anti-aliasing may change from
# one release to the next: tests/render/test_exchange_pictures.py checks them by what
# they show (size, QR code, font) instead of by their bytes.
PICTURES = ("share.png", "background.png", "background-720p.png", "background-plain.png",
            "background-plain-720p.png")


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in PICTURES}


def _expected_view(files: dict[str, bytes]) -> dict[str, bytes]:
    """Text files as they are; binary files as one list of hashes (reviewable in a diff)."""
    view = {path: data for path, data in files.items() if Path(path).suffix in TEXT}
    hashes = "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n"
                     for path, data in files.items() if Path(path).suffix not in TEXT)
    view[HASHES] = hashes.encode()
    return view


def test_example_site_matches_golden(example_build: Path) -> None:
    actual = _expected_view(_outputs(example_build))
    if os.environ.get("BRANDKIT_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, data in actual.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
    expected = _outputs(GOLDEN)
    assert sorted(actual) == sorted(expected), "files differ; refresh with BRANDKIT_UPDATE_GOLDEN=1"
    for path in expected:
        assert actual[path].decode("utf-8") == expected[path].decode("utf-8"), (
            f"{path} differs from tests/golden; if intended, refresh with "
            "BRANDKIT_UPDATE_GOLDEN=1 and review the diff")
