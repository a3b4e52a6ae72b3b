"""private.yaml: merged over profile.yaml, located in its own file, never published;
`check` warns when a private value sits in a file git tracks; `init` sets it up."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from brandkit.build import build, check
from brandkit.changes import PROFILE, classify
from brandkit.errors import ProfileError
from brandkit.profile import load_site
from brandkit.scaffold import init
from tests.conftest import REPO

PHONE = "+81 90-1234-5678"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


@pytest.fixture
def split(tmp_path: Path) -> Path:
    """The example site with its phone moved from profile.yaml to private.yaml."""
    site = shutil.copytree(REPO / "example-site", tmp_path / "site",
                           ignore=shutil.ignore_patterns("_site", "_card"))
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert f'  phone: "{PHONE}"\n' in text
    profile.write_text(text.replace(f'  phone: "{PHONE}"\n', ""), encoding="utf-8")
    (site / "private.yaml").write_text(f'contacts:\n  phone: "{PHONE}"\n', encoding="utf-8")
    return site


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != ".brandkit-manifest.json"}


def test_the_private_file_gives_the_same_build_as_one_profile(split: Path, tmp_path: Path,
                                                              fixed_date: None) -> None:
    whole = shutil.copytree(REPO / "example-site", tmp_path / "whole",
                            ignore=shutil.ignore_patterns("_site", "_card"))
    assert _files(build(split).out) == _files(build(whole).out)
    assert _files(split / "_card") == _files(whole / "_card")
    assert "1234-5678" in (split / "_card" / "index.html").read_text(encoding="utf-8")
    assert load_site(split).profile.contacts.phone.value == PHONE


def test_a_mistake_in_it_is_located_in_it(split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(split)
    (split / "private.yaml").write_text('contacts:\n  phone: "call me"\n', encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_site(Path("."))
    assert [str(p).split(": ", 1)[0] for p in caught.value.problems] == ["private.yaml:2:10"]
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    with pytest.raises(ProfileError, match="private.yaml:2:10: contacts.phone: 電話番号"):
        load_site(Path("."))
    (split / "private.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="private.yaml:1:1"):
        load_site(Path("."))


def test_merging_rules(split: Path) -> None:
    (split / "private.yaml").write_text(
        "contacts:\n"
        "  # phone: commented out, as init writes it\n"
        "events:\n"
        "  - promise:\n"
        "      ja: スライドのPDF\n"
        "      en: the slides as a PDF\n", encoding="utf-8")
    profile = load_site(split).profile
    assert profile.contacts.email is not None  # `contacts:` with nothing under it removes nothing
    assert profile.contacts.phone is None
    assert profile.events[0].promise["en"] == "the slides as a PDF"  # the first event, item by item
    assert profile.events[0].name["en"]  # the rest of the event is the profile's


def test_a_build_without_it_says_so_when_gitignore_names_it(split: Path, fixed_date: None) -> None:
    with_it = _files(build(split).out)
    (split / "private.yaml").unlink()
    assert _files(build(split).out) == with_it  # a CI runner publishes the same site
    assert not any("private.yaml" in note for note in build(split).notes)  # never set up: quiet
    (split / ".gitignore").write_text("private.yaml\n_card/\n_site/\n", encoding="utf-8")
    notes = [note for note in build(split).notes if "private.yaml" in note]
    assert len(notes) == 1 and "without its contacts" in notes[0]
    assert "1234-5678" not in (split / "_card" / "index.html").read_text(encoding="utf-8")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def test_check_warns_of_a_private_value_in_a_file_git_tracks(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    site = shutil.copytree(REPO / "example-site", tmp_path / "site",
                           ignore=shutil.ignore_patterns("_site", "_card"))
    assert check(site) == []  # outside git: nothing to say
    _git(site, "init", "-q")
    assert check(site) == []  # untracked
    _git(site, "add", "profile.yaml")
    monkeypatch.chdir(site)
    lines = [str(p) for p in check(Path("."))]
    phone_line = next(i for i, line in enumerate(
        (site / "profile.yaml").read_text(encoding="utf-8").splitlines(), 1) if "phone:" in line)
    assert lines[0] == (f"profile.yaml:{phone_line}:10: warning: contacts.phone: a private value (card or "
                        "vCard only, or a note) in a file git tracks: move it to private.yaml, which stays "
                        "out of git — anything pushed to a public repository is public")
    assert any(".promise" in line for line in lines)  # the example's event note
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    assert [str(p) for p in check(Path("."))][0] == (
        f"profile.yaml:{phone_line}:10: 提案: contacts.phone: 非公開の値 (名刺・vCard だけに載せる値やメモ) が "
        "git で管理されているファイルにあります。git の管理外の private.yaml に移してください。"
        "公開リポジトリに push したものはすべて公開されます")


def test_check_flags_the_profile_even_when_private_yaml_overrides(split: Path) -> None:
    _git(split, "init", "-q")
    profile = split / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "contacts:\n", 'contacts:\n  phone: "+81 80-0000-1111"\n', 1), encoding="utf-8")
    _git(split, "add", "profile.yaml", "private.yaml")
    flagged = {(p.file.rsplit("/", 1)[-1], p.path) for p in check(split) if p.warning}
    assert ("profile.yaml", "contacts.phone") in flagged  # pushed, though not the one used
    assert ("private.yaml", "contacts.phone") in flagged  # and private.yaml itself is tracked


def test_init_keeps_the_phone_apart(tmp_path: Path) -> None:
    init(tmp_path / "s", ["ja", "en"])
    site = tmp_path / "s"
    assert (site / ".gitignore").read_text(encoding="utf-8").splitlines()[:3] == ["private.yaml", "_card/", "_site/"]
    private = (site / "private.yaml").read_text(encoding="utf-8")
    assert 'phone: "+81 90-0000-0000"' in private
    assert "phone:" not in (site / "profile.yaml").read_text(encoding="utf-8")
    (site / "private.yaml").write_text(private.replace("  # phone:", "  phone:"), encoding="utf-8")
    assert load_site(site).profile.contacts.phone.value == "+81 90-0000-0000"


def test_a_save_of_it_is_a_profile_change(tmp_path: Path) -> None:
    change = classify(tmp_path / "private.yaml", tmp_path, [], [])
    assert change is not None and change.kind == PROFILE
