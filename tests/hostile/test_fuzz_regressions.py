"""Inputs the loader fuzz (fuzz_loader.py) once turned into a traceback, kept as tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brandkit.errors import ProfileError
from brandkit.profile import load_site
from fuzz_loader import Case, Tally, check_one, site_folder

FOUND = {
    # Two BOMs: decoding drops the first, YAML reads the second as no document at all.
    "profile: BOM BOM newline": Case(b"\xef\xbb\xbf\xef\xbb\xbf\n"),
    "profile: BOM BOM": Case(b"\xef\xbb\xbf\xef\xbb\xbf"),
    "front matter: a BOM only": Case(
        (Path(__file__).resolve().parents[2] / "example-site" / "profile.yaml").read_bytes(),
        {"x.md": "---\n\ufeff\n---\nbody\n".encode()}),
}


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


@pytest.mark.parametrize("name", FOUND)
def test_found_input_is_a_located_problem(name: str) -> None:
    folder = site_folder()
    tally = Tally()
    try:
        check_one(folder, FOUND[name], tally)  # raises on a traceback
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert tally.inputs == 1 and tally.refused + tally.loaded == 1


def test_double_bom_reads_as_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf\n")
    with pytest.raises(ProfileError) as refused:
        load_site(tmp_path)
    assert [p.message for p in refused.value.problems] == ["the file is empty"]
