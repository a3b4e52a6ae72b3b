"""``brandkit deploy`` against real git repositories on disk: a source repository and a
bare remote. The branch holds exactly the built site, one commit a deploy, and nothing
else of the user's repository changes; the phone number never reaches the remote."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from brandkit.cli import main
from brandkit.deploy import pages_url
from tests.conftest import REPO

PHONE_DIGITS = "9012345678"  # the example's phone, card-only: "+81 90-1234-5678"
GIT_ENV = {"GIT_AUTHOR_NAME": "Hanako", "GIT_AUTHOR_EMAIL": "hanako@example.com",
           "GIT_COMMITTER_NAME": "Hanako", "GIT_COMMITTER_EMAIL": "hanako@example.com"}


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout.strip()


@pytest.fixture
def repos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(the user's repository, holding the example site and its profile; a bare remote)."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    source = shutil.copytree(REPO / "example-site", tmp_path / "site",
                             ignore=shutil.ignore_patterns("_site", "_card"))
    (source / ".gitignore").write_text("_site/\n_card/\n._site.lock\n._card.lock\n", encoding="utf-8")  # as init writes
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "my site")
    git(source, "remote", "add", "origin", str(remote))
    return source, remote


def _state(repo: Path) -> tuple:
    """What the user has: working tree status, the index, every ref but the deploy's."""
    refs = [line for line in git(repo, "for-each-ref", "--format=%(refname) %(objectname)").splitlines()
            if "gh-pages" not in line]
    return (git(repo, "status", "--porcelain"), (repo / ".git" / "index").read_bytes(),
            refs, git(repo, "symbolic-ref", "HEAD"),
            {p.relative_to(repo).as_posix(): p.read_bytes() for p in repo.rglob("*")
             if p.is_file() and ".git" not in p.parts and "_site" not in p.parts and "_card" not in p.parts
             and not p.name.endswith(".lock")})  # the build's locks (ignored, as init's .gitignore says)


def _branch_files(remote: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    names = git(remote, "ls-tree", "-r", "--name-only", branch).splitlines()
    return {name: subprocess.run(["git", "cat-file", "blob", f"{branch}:{name}"], cwd=remote,
                                 capture_output=True, check=True).stdout for name in names}


def test_deploy_publishes_exactly_the_built_site(repos: tuple[Path, Path], capsys) -> None:
    source, remote = repos
    before = _state(source)
    assert main(["deploy", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Committed" in out and "Pushed gh-pages to origin" in out
    site = source / "_site"
    built = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
             if p.is_file() and p.name != ".brandkit-manifest.json"}
    assert _branch_files(remote) == built  # file for file, byte for byte
    assert ".nojekyll" in built
    assert not any(name.startswith(("_card", "profile.yaml", "portfolio/")) and name.endswith((".yaml", ".md"))
                   for name in built)
    assert _state(source) == before  # working tree, index, HEAD and other branches untouched
    assert int(git(remote, "rev-list", "--count", "gh-pages")) == 1


def test_no_object_on_the_published_branch_holds_the_phone(repos: tuple[Path, Path]) -> None:
    source, remote = repos
    assert PHONE_DIGITS in "".join(filter(str.isdigit, (source / "profile.yaml").read_text(encoding="utf-8")))
    assert main(["deploy", str(source)]) == 0
    objects = git(remote, "rev-list", "--objects", "--all").splitlines()
    assert objects
    for line in objects:
        sha = line.split()[0]
        kind = git(remote, "cat-file", "-t", sha)
        data = subprocess.run(["git", "cat-file", kind, sha], cwd=remote, capture_output=True,
                              check=True).stdout
        digits = bytes(ch for ch in data if 48 <= ch <= 57)
        assert PHONE_DIGITS.encode() not in digits, line
    names = _branch_files(remote)
    sources = {p.relative_to(source).as_posix() for p in (source / "portfolio").glob("*.md")}
    assert not [name for name in names
                if name.split("/")[-1] == "profile.yaml" or name.startswith("_card/") or name in sources]


def test_nothing_changed_makes_no_commit_and_a_change_makes_one_on_top(repos: tuple[Path, Path], capsys) -> None:
    source, remote = repos
    assert main(["deploy", str(source)]) == 0
    first = git(remote, "rev-parse", "gh-pages")
    capsys.readouterr()
    assert main(["deploy", str(source)]) == 0
    assert "has not changed" in capsys.readouterr().out
    assert git(remote, "rev-parse", "gh-pages") == first
    profile = source / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("AIと教育を掛け合わせる", "AIと学びを掛け合わせる"),
                       encoding="utf-8")
    assert main(["deploy", str(source), "--message", "new identity"]) == 0
    assert git(remote, "rev-list", "--count", "gh-pages") == "2"  # history kept
    assert git(remote, "rev-parse", "gh-pages^") == first
    assert git(remote, "log", "-1", "--format=%s", "gh-pages") == "new identity"
    assert "AIと学び".encode() in _branch_files(remote)["index.html"]


def test_a_rejected_push_says_why_and_exits_1(repos: tuple[Path, Path], tmp_path: Path, capsys) -> None:
    source, remote = repos
    # Someone else's gh-pages is already on the remote, unrelated to ours.
    other = tmp_path / "other"
    git(tmp_path, "init", "-q", "-b", "gh-pages", str(other))
    (other / "index.html").write_text("theirs", encoding="utf-8")
    git(other, "add", "-A")
    git(other, "commit", "-q", "-m", "theirs")
    git(other, "push", "-q", str(remote), "gh-pages")
    git(source, "branch", "gh-pages", git(source, "commit-tree", git(source, "write-tree"), "-m", "mine"))
    theirs = git(remote, "rev-parse", "gh-pages")
    assert main(["deploy", str(source)]) == 1
    err = capsys.readouterr().err
    assert "rejected" in err and ("non-fast-forward" in err or "fetch first" in err)
    assert git(remote, "rev-parse", "gh-pages") == theirs  # the remote did not change


def test_no_push_commits_locally_only(repos: tuple[Path, Path], capsys) -> None:
    source, remote = repos
    assert main(["deploy", str(source), "--no-push"]) == 0
    assert "git push origin gh-pages" in capsys.readouterr().out
    assert git(source, "rev-list", "--count", "gh-pages") == "1"
    assert git(remote, "for-each-ref") == ""  # nothing reached the remote


def test_outside_a_repository_it_needs_a_remote(tmp_path: Path, capsys, monkeypatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    site = shutil.copytree(REPO / "example-site", tmp_path / "site",
                           ignore=shutil.ignore_patterns("_site", "_card"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above
    assert main(["deploy", str(site)]) == 1
    assert "not in a git repository" in capsys.readouterr().err
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    assert main(["deploy", str(site), "--remote", str(remote)]) == 0
    assert "index.html" in _branch_files(remote)
    assert main(["deploy", str(site), "--remote", str(remote)]) == 0  # fetched, unchanged
    assert git(remote, "rev-list", "--count", "gh-pages") == "1"


def test_a_failed_build_commits_nothing(repos: tuple[Path, Path]) -> None:
    source, remote = repos
    (source / "profile.yaml").write_text("name: [", encoding="utf-8")
    assert main(["deploy", str(source)]) == 1
    assert git(remote, "for-each-ref") == ""
    assert subprocess.run(["git", "rev-parse", "-q", "--verify", "gh-pages"], cwd=source,
                          capture_output=True, check=False).returncode != 0


def test_refused_on_the_branch_itself(repos: tuple[Path, Path], capsys) -> None:
    source, _ = repos
    git(source, "checkout", "-q", "-b", "gh-pages")
    assert main(["deploy", str(source)]) == 1
    assert "switch to your source branch" in capsys.readouterr().err


def test_messages_in_japanese(repos: tuple[Path, Path], capsys, monkeypatch) -> None:
    source, _ = repos
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    assert main(["deploy", str(source), "--no-push"]) == 0
    assert "個のファイルを gh-pages にコミットしました" in capsys.readouterr().out


@pytest.mark.parametrize(("remote", "url"), [
    ("https://github.com/hanako/site.git", "https://hanako.github.io/site/"),
    ("git@github.com:Hanako/site.git", "https://hanako.github.io/site/"),
    ("ssh://git@github.com/hanako/hanako.github.io.git", "https://hanako.github.io/"),
    ("https://gitlab.com/hanako/site.git", None),
    ("/srv/git/site.git", None),
])
def test_the_pages_address_from_the_remote(remote: str, url: str | None) -> None:
    assert pages_url(remote) == url
    assert pages_url(remote, "hanako.dev") == "https://hanako.dev/"


def test_a_custom_domain_is_the_address_printed(repos: tuple[Path, Path], capsys) -> None:
    source, remote = repos
    profile = source / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("site:\n", "site:\n  domain: hanako.dev\n", 1),
                       encoding="utf-8")
    assert main(["deploy", str(source)]) == 0
    assert "https://hanako.dev/" in capsys.readouterr().out
    assert _branch_files(remote)["CNAME"] == b"hanako.dev\n"
