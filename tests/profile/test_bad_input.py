"""Bad input: each ``fixtures/bad/<case>/`` site is paired with the exact stderr it must give.

Refresh the expectations with ``BRANDKIT_UPDATE_GOLDEN=1 python -m pytest
tests/profile/test_bad_input.py`` and review the diff by eye: every message must be
correct, located and helpful. When one is not, fix brandkit, not ``expected.txt``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from brandkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
UPDATE = os.environ.get("BRANDKIT_UPDATE_GOLDEN") == "1"


def _symlink_out(root: Path, site: Path) -> None:
    # Made here, not committed: a symlink in the repo would point at the tester's disk.
    (root / "outside.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    (site / "assets").mkdir()
    (site / "assets" / "photo.jpg").symlink_to(Path("..") / ".." / "outside.jpg")


def _card_built(root: Path, site: Path) -> None:
    # The private card folder as a build leaves it (`_card/` is ignored by git).
    card = site / "_card"
    card.mkdir()
    (card / ".brandkit-manifest.json").write_text('{"format": 1, "files": ["card.html", "index.html"]}')
    for name in ("card.html", "index.html"):
        (card / name).write_text("<p>tel: 090-1234-5678</p>\n", encoding="utf-8")


# Cases that need more than the committed files.
SETUP: dict[str, Callable[[Path, Path], None]] = {"photo-symlink-out": _symlink_out,
                                                  "image-in-card-folder": _card_built}
# Cases whose Japanese messages are checked too (`expected.ja.txt`).
JA_CASES = sorted(case for case in CASES if (FIXTURES / case / "expected.ja.txt").is_file())


def build_case(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               capfd: pytest.CaptureFixture[str], lang: str = "en") -> tuple[int, str, str]:
    """Copy the case into ``tmp_path`` and run ``brandkit build <case>`` from there."""
    site = tmp_path / case
    shutil.copytree(FIXTURES / case, site, symlinks=True,
                    ignore=shutil.ignore_patterns("expected*.txt"))
    if case in SETUP:
        SETUP[case](tmp_path, site)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    code = main(["build", case])
    out, err = capfd.readouterr()  # capfd, not capsys: a shell command run by a tag would show
    return code, out, err


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = build_case(case, tmp_path, monkeypatch, capfd)
    assert code == 1, err
    assert out == ""
    assert not (tmp_path / case / "_site").exists()
    assert "Traceback" not in err
    expected = FIXTURES / case / "expected.txt"
    if UPDATE:
        expected.write_text(err, encoding="utf-8")
        return
    assert expected.is_file(), f"no {expected}; run with BRANDKIT_UPDATE_GOLDEN=1 and review it"
    assert err == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", JA_CASES)
def test_bad_input_in_japanese(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = build_case(case, tmp_path, monkeypatch, capfd, lang="ja")
    assert (code, out) == (1, "")
    expected = FIXTURES / case / "expected.ja.txt"
    if UPDATE:
        expected.write_text(err, encoding="utf-8")
        return
    assert err == expected.read_text(encoding="utf-8")


def test_every_problem_has_a_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capfd: pytest.CaptureFixture[str]) -> None:
    """Each problem line starts with the case's own file; the last line counts them."""
    for case in CASES:
        root = tmp_path / case
        root.mkdir()
        _, _, err = build_case(case, root, monkeypatch, capfd)
        *lines, total = err.rstrip("\n").split("\n")
        assert total == f"{len(lines)} problem(s) found.", case
        for line in lines:
            assert line.startswith(f"{case}/"), line


def test_several_errors_all_reported_in_line_order() -> None:
    lines = (FIXTURES / "many-errors" / "expected.txt").read_text(encoding="utf-8").splitlines()
    located = [tuple(map(int, line.split(":")[1:3])) for line in lines[:-1]]
    assert len(located) >= 6
    assert located == sorted(located)


def test_alias_bomb_is_refused_not_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = build_case("alias-bomb", tmp_path, monkeypatch, capfd)
    assert code == 1
    assert "aliases" in err
    assert "lol" not in err
    assert len(err.splitlines()) < 20  # one message per alias would bury the point


def test_python_tag_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capfd: pytest.CaptureFixture[str]) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    code, out, err = build_case("python-tag", tmp_path, monkeypatch, capfd)
    assert code == 1
    assert calls == []
    assert "hi" not in out
    assert "!!python/object/apply:os.system" in err


def test_messages_follow_brandkit_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = build_case("bad-email", tmp_path, monkeypatch, capfd, lang="ja")
    assert code == 1
    assert err == ('bad-email/profile.yaml:4:10: contacts.email: メールアドレスではありません'
                   ' (値 "bob@")\n1 件の問題があります。\n')
