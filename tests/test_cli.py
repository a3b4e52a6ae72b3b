"""brandkit.cli: exit codes (0 ok, 1 user error, 2 usage error), tracebacks, init/build/check."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brandkit.cli import main
from brandkit.errors import ProfileError

REPO = Path(__file__).resolve().parents[1]
BAD_PROFILE = "name: Hanako Yamada\nidentity: I help teachers use AI\ncontacts:\n  email: bob@\n"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "example-site", tmp_path / "example-site",
                                ignore=shutil.ignore_patterns("_site")))


@pytest.fixture
def bad_site(tmp_path: Path) -> Path:
    site = tmp_path / "bad"
    site.mkdir()
    (site / "profile.yaml").write_text(BAD_PROFILE, encoding="utf-8")
    return site


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRANDKIT_LANG": "en", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "brandkit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_build_ok_exits_0(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(example)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Built ")
    assert err == ""
    assert (example / "_site" / "index.html").is_file()


def test_summaries_speak_japanese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    site = tmp_path / "site"
    assert main(["init", str(site), "--lang", "ja"]) == 0
    assert main(["build", str(site)]) == 0
    assert main(["check", str(site)]) in (0, 1)
    out = capsys.readouterr().out
    assert "  作成: " in out and "次は " in out
    assert "個のファイルを" in out and "(書き込み " in out
    assert "Built " not in out and "created " not in out and "Next: " not in out


def test_user_error_exits_1_without_traceback(bad_site: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(bad_site)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "contacts.email: not an email address" in err
    assert "Traceback" not in err
    assert not (bad_site / "_site").exists()


def test_missing_site_folder_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "nowhere")]) == 1
    assert "no site folder" in capsys.readouterr().err


def test_missing_profile_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "brandkit init" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--bogus"], ["build", "--bogus"], ["frobnicate"],
                                  ["init"], ["init", "x", "--lang"]])
def test_usage_error_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage: brandkit" in capsys.readouterr().err


def test_no_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: brandkit" in capsys.readouterr().out


def test_debug_raises_in_process(bad_site: Path) -> None:
    with pytest.raises(ProfileError):
        main(["--debug", "build", str(bad_site)])


@pytest.mark.parametrize("debug", [["--debug", "build", "bad"], ["build", "bad", "--debug"]])
def test_debug_shows_traceback(bad_site: Path, debug: list[str]) -> None:
    plain = run("build", "bad", cwd=bad_site.parent)
    assert plain.returncode == 1
    assert "Traceback" not in plain.stderr
    assert plain.stderr.startswith("bad/profile.yaml:4:10: contacts.email: ")
    loud = run(*debug, cwd=bad_site.parent)
    assert loud.returncode == 1
    assert "Traceback (most recent call last)" in loud.stderr
    assert "ProfileError" in loud.stderr


def test_check_example(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(example)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    last = out.strip().splitlines()[-1]
    assert last == "OK" or last.endswith("suggestion(s).")
    assert not (example / "_site").exists()  # check writes nothing


def test_check_user_error_exits_1(bad_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(bad_site)]) == 1
    assert "not an email address" in capsys.readouterr().err


@pytest.mark.parametrize("langs", ["ja,en", "en", "ja"])
def test_init_then_build_and_check(langs: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--lang", langs]) == 0
    assert (site / "profile.yaml").is_file()
    capsys.readouterr()
    assert main(["build", str(site)]) == 0
    assert (site / "_site" / "index.html").is_file()
    notes = [line for line in capsys.readouterr().out.splitlines() if "sample value(s)" in line]
    assert len(notes) == 1 and notes[0].startswith("Note: ")  # said once, not per value
    assert main(["check", str(site)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    *advice, last = out.strip().splitlines()
    # The only advice on a fresh profile: the samples it still holds
    # (tests/profile/test_samples.py), and that the drafted 60 s / 3 min scripts need more
    # material (tests/render/test_kit_check.py): the starter profile is short on purpose.
    assert advice and all("still the sample `brandkit init` wrote" in line or " are thin: " in line
                          for line in advice)
    assert last == f"{len(advice)} suggestion(s)."
    assert main(["check", str(site), "--strict"]) == 1


def test_init_bad_lang_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["init", str(tmp_path / "site"), "--lang", "fr"])
    assert exc.value.code == 2  # a command-line error, as the README promises
    assert "fr" in capsys.readouterr().err
    assert not (tmp_path / "site" / "profile.yaml").exists()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    mine = "# my own profile, hours of work\nname: Hanako\n"
    (site / "profile.yaml").write_text(mine, encoding="utf-8")
    assert main(["init", str(site)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (site / "profile.yaml").read_text(encoding="utf-8") == mine
    assert sorted(p.name for p in site.iterdir()) == ["profile.yaml"]


def test_help_as_subprocess(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "usage: brandkit" in result.stdout
    for command in ("init", "build", "check", "schema"):
        assert command in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("command", [None, "init", "build", "check", "watch", "serve", "schema", "bild"])
def test_parser_for_one_command_says_what_the_whole_one_says(command: str | None) -> None:
    # main() sets up only the named sub-command's arguments (--help is faster for it).
    from brandkit.cli import ALL, _parser

    def sub_help(parser: argparse.ArgumentParser, name: str) -> str:
        return parser._subparsers._group_actions[0].choices[name].format_help()  # type: ignore[union-attr]

    lazy, whole = _parser(command), _parser(ALL)
    assert lazy.format_help() == whole.format_help()
    if command not in (None, "bild"):
        assert sub_help(lazy, command) == sub_help(whole, command)
        assert "--debug" in sub_help(lazy, command) or command == "schema"


# --- command-line values: a wrong one is a usage error (exit 2), in both languages -------

BASE_URL = (('argument --base-url: expected a full http(s) address such as '
             'https://hanako.github.io/ (got "{}")'),
            ('argument --base-url: https://hanako.github.io/ のような http(s) の完全な URL を'
             '指定してください (値 "{}")'))
LANG = ("argument --lang: unsupported language ({}); expected one of: ja, en, ja,en, en,ja",
        ("argument --lang: 対応していない言語です ({})。ja, en, ja,en, en,ja のいずれかを"
         "指定してください"))
PORT = ('argument --port: expected a port number from 0 to 65535 (got "{}")',
        'argument --port: 0 から 65535 までのポート番号を指定してください (値 "{}")')
DEBOUNCE = ("argument --debounce: --debounce takes milliseconds from 0 to 10000 (got {})",
            "argument --debounce: --debounce には 0〜10000 のミリ秒を指定してください (値 {})")


@pytest.mark.parametrize(("argv", "message", "value", "hint"), [
    (["build", "--base-url", "/"], BASE_URL, "/", ("", "")),
    (["watch", "--base-url", "hanako.github.io"], BASE_URL, "hanako.github.io",
     ("; did you mean `https://hanako.github.io`?", "; `https://hanako.github.io` のことですか?")),
    (["build", "--base-url", "javascript:alert(1)"], BASE_URL, "javascript:alert(1)", ("", "")),
    (["init", "site", "--lang", "jp"], LANG, "jp", ("", "")),
    (["init", "site", "--lang", "ja,ja"], LANG, "ja,ja", ("", "")),
    (["serve", "--port", "99999"], PORT, "99999", ("", "")),
    (["serve", "--port", "http"], PORT, "http", ("", "")),
    (["watch", "--debounce", "-5"], DEBOUNCE, "-5", ("", "")),
])
def test_bad_command_line_value_exits_2_in_both_languages(
        argv: list[str], message: tuple[str, str], value: str, hint: tuple[str, str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for i, lang in enumerate(("en", "ja")):
        expected = message[i].format(value) + hint[i]
        monkeypatch.setenv("BRANDKIT_LANG", lang)
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert "usage: brandkit" in err
        assert err.rstrip("\n").endswith(expected)
    assert list(tmp_path.iterdir()) == []  # nothing started


def test_base_url_is_taken_as_given(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(example), "-q", "--base-url", "https://hanako.github.io/kit/"]) == 0
    page = (example / "_site" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://hanako.github.io/kit/"' in page


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_missing_profile_names_the_folder_as_typed(tmp_path: Path, lang: str,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`brandkit check FOLDER`: the fix to copy is `brandkit init FOLDER`, even when FOLDER
    is a link or the folder we are in (it once said `brandkit init .`)."""
    (tmp_path / "real").mkdir()
    (tmp_path / "my site").symlink_to("real")
    monkeypatch.chdir(tmp_path / "real")
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    assert main(["check", "../my site"]) == 1
    assert capsys.readouterr().err == {
        "en": "brandkit: ../my site/profile.yaml: no profile.yaml here; "
              "run `brandkit init '../my site'` to create one\n",
        "ja": "brandkit: ../my site/profile.yaml: profile.yaml がありません; "
              "`brandkit init '../my site'` で作成できます\n"}[lang]


@pytest.mark.parametrize(("branch", "lang", "expected"), [
    ("a b", "en", "brandkit: a b is not a valid branch name\n"),
    ("a..b", "en", "brandkit: a..b is not a valid branch name\n"),  # one only git refuses
    ("a b", "ja", "brandkit: a b はブランチ名として使えません\n"),
])
def test_deploy_bad_branch_is_a_usage_error(example: Path, branch: str, lang: str,
                                            expected: str, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    assert main(["deploy", str(example), "--branch", branch, "--no-push"]) == 2
    assert capsys.readouterr().err == expected
    assert not (example / "_site").exists()  # refused before building
