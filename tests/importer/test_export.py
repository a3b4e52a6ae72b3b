"""``brandkit export``: resume.json per language, read back by its real consumers — the
official JSON Resume schema (from npm ``@jsonresume/schema``, validated with
``jsonschema``) and a JSON Resume theme rendered by the ``resumed`` CLI — and imported
back to the same file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from brandkit.cli import main
from brandkit.export import export
from brandkit.importer import import_site
from brandkit.profile import load_site
from brandkit.render.resume import resume_files
from tests.conftest import copy_example, edit
from tests.importer.conftest import REPO, resume_samples, schema_package

RESUMED = REPO / "node_modules" / ".bin" / "resumed"
THEME = "jsonresume-theme-even"


def validator() -> jsonschema.Draft7Validator:
    schema = json.loads((schema_package() / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "example-site")


def test_the_schema_is_really_checking() -> None:
    """The official sample passes; a broken copy fails: the validator is not empty."""
    check = validator()
    sample = json.loads((schema_package() / "sample.resume.json").read_text(encoding="utf-8"))
    assert list(check.iter_errors(sample)) == []
    sample["basics"]["profiles"] = "not a list"
    sample["projects"][0]["startDate"] = "August 2016"
    assert len(list(check.iter_errors(sample))) == 2


def test_the_example_site_exports_valid_resumes(example: Path) -> None:
    written = export(example)
    assert [p.name for p in written] == ["resume.json", "resume.en.json"]
    check = validator()
    ja = json.loads((example / "resume.json").read_text(encoding="utf-8"))
    en = json.loads((example / "resume.en.json").read_text(encoding="utf-8"))
    for data in (ja, en):
        assert [e.message for e in check.iter_errors(data)] == []
    profile = load_site(example).profile
    assert (ja["basics"]["name"], en["basics"]["name"]) == ("山田 花子", "Hanako Yamada")
    assert (ja["basics"]["label"], en["basics"]["label"]) == (profile.identity.text("ja"),
                                                              profile.identity.text("en"))
    assert [p["url"] for p in en["basics"]["profiles"]] == [link.url for link in profile.links]
    assert en["basics"]["image"] == profile.site.url + profile.photo.src
    assert [s["name"] for s in en["skills"]] == [s.title.text("en") for s in profile.strengths]
    assert en["languages"] == [{"language": "Japanese"}, {"language": "English"}]
    assert len(en["projects"]) == 3


def test_private_values_never_go_in(example: Path) -> None:
    """The example's phone (card and vCard only) and its events' notes are not exported;
    a phone the user shows on the site is."""
    profile_text = (example / "profile.yaml").read_text(encoding="utf-8")
    assert "+81 90-1234-5678" in profile_text and "promise:" in profile_text
    for data in resume_files(load_site(example)).values():
        assert b"90-1234-5678" not in data and b'"phone"' not in data
        for event in load_site(example).profile.events:
            if event.promise:
                assert event.promise.text("ja").encode() not in data
    edit(example / "profile.yaml", 'phone: "+81 90-1234-5678"',
         'phone: {value: "+81 90-1234-5678", show: [site, card]}')
    assert b'"phone": "+81 90-1234-5678"' in resume_files(load_site(example))["resume.json"]


def test_round_trip_gives_the_same_file(example: Path, tmp_path: Path) -> None:
    """import(export(profile)) exports byte for byte what was exported."""
    files = resume_files(load_site(example))
    for name, data in files.items():
        source = tmp_path / name
        source.write_bytes(data)
        again = import_site(source, tmp_path / f"from-{name}")
        assert all(note.warning for note in again.notes), [str(n) for n in again.notes]
        site = load_site(tmp_path / f"from-{name}")
        # The photo cannot come back (an address, not a file): everything else does.
        exported = json.loads(resume_files(site)["resume.json"])
        original = json.loads(data)
        original["basics"].pop("image")
        assert exported == original
        assert resume_files(site)["resume.json"] == (json.dumps(original, ensure_ascii=False, indent=2)
                                                     + "\n").encode()


@pytest.mark.parametrize("source", resume_samples(), ids=lambda p: p.name)
def test_official_files_survive_a_second_round_trip(source: Path, tmp_path: Path) -> None:
    """From JSON Resume's own files: import → export is a fixed point after one trip."""
    import_site(source, tmp_path / "one")
    first = resume_files(load_site(tmp_path / "one"))["resume.json"]
    (tmp_path / "first.json").write_bytes(first)
    assert [e.message for e in validator().iter_errors(json.loads(first))] == []
    import_site(tmp_path / "first.json", tmp_path / "two")
    assert resume_files(load_site(tmp_path / "two"))["resume.json"] == first


def _resumed() -> Path:
    if shutil.which("node") is None or not RESUMED.exists() or not (REPO / "node_modules" / THEME).is_dir():
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail("resumed / jsonresume-theme-even missing: `bash scripts/test` installs them")
        pytest.skip("resumed / jsonresume-theme-even missing: run `bash scripts/test` (npm ci)")
    return RESUMED


@pytest.mark.parametrize("name", ["resume.json", "resume.en.json"])
def test_a_json_resume_theme_renders_the_export(example: Path, tmp_path: Path, name: str) -> None:
    resumed = _resumed()
    export(example, out=tmp_path)
    html = tmp_path / f"{name}.html"
    done = subprocess.run([str(resumed), "render", str(tmp_path / name), "--theme", THEME,
                           "--output", str(html)], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    page = html.read_text(encoding="utf-8")
    expected = "山田 花子" if name == "resume.json" else "Hanako Yamada"
    assert expected in page
    assert "AIと教育を掛け合わせる仕事をしています" in page or "I combine AI and education" in page


def test_the_theme_fails_on_a_broken_file(tmp_path: Path) -> None:
    """resumed is really reading: a file that is not JSON makes it fail."""
    resumed = _resumed()
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    done = subprocess.run([str(resumed), "render", str(tmp_path / "broken.json"), "--theme", THEME,
                           "--output", str(tmp_path / "out.html")], cwd=REPO, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode != 0


def test_cli_export(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "example-site", "--out", "out"]) == 0
    assert capsys.readouterr().out == "wrote out/resume.json\nwrote out/resume.en.json\n"
    assert main(["export", "example-site"]) == 0  # beside profile.yaml; again: replaced
    assert main(["export", "example-site"]) == 0
    assert capsys.readouterr().out.count("wrote example-site/resume.json") == 2
    assert (example / "resume.json").read_bytes() == (tmp_path / "out" / "resume.json").read_bytes()
