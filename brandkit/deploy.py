"""``brandkit deploy``: build here, commit exactly the built site to a branch, push it.

The convention of ``mkdocs gh-deploy`` (ghp-import), with plain ``git`` commands: the
site folder's files become a tree through a throw-away index (``GIT_INDEX_FILE``), the
tree a commit on top of the branch, the branch is moved and pushed. The user's working
tree, index and other branches are never touched, and nothing but the built site reaches
the branch: not ``profile.yaml``, not the card (``_card/``, private contacts), not
brandkit's manifest. Outside a repository (``--remote URL`` only) the commit is made in
a temporary repository that fetches the branch first.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from brandkit.build import build
from brandkit.errors import BrandkitError, UsageError
from brandkit.messages import say
from brandkit.output.folder import MANIFEST

# Never published, whatever the output folder holds: brandkit's own bookkeeping.
_LEFT_OUT = (MANIFEST,)
_IDENTITY = {"GIT_AUTHOR_NAME": "brandkit", "GIT_AUTHOR_EMAIL": "brandkit@localhost",
             "GIT_COMMITTER_NAME": "brandkit", "GIT_COMMITTER_EMAIL": "brandkit@localhost"}


@dataclass
class DeployReport:
    branch: str
    commit: str | None  # the new commit; None when the site had not changed
    pushed_to: str | None  # the remote, or None with --no-push
    url: str | None  # the address GitHub Pages will serve, when it can be told
    files: int


def pages_url(remote_url: str, domain: str | None = None) -> str | None:
    """The GitHub Pages address of a repository: the custom domain, else
    ``https://USER.github.io/REPO/`` (``https://USER.github.io/`` for the user site)."""
    if domain:
        return f"https://{domain}/"
    found = re.match(r"^(?:https?://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:)"
                     r"([^/]+)/([^/]+?)(?:\.git)?/?$", remote_url)
    if not found:
        return None
    user, repo = found.groups()
    if repo.lower() == f"{user.lower()}.github.io":
        return f"https://{user.lower()}.github.io/"
    return f"https://{user.lower()}.github.io/{repo}/"


def deploy(folder: Path, remote: str | None = None, branch: str = "gh-pages",
           message: str | None = None, push: bool = True) -> DeployReport:
    folder = Path(folder)
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or _git(folder, "check-ref-format",
                                                               "--branch", branch, check=False)[0]:
        raise UsageError(say("deploy_bad_branch", branch=branch))  # `--branch`
    code, _ = _git(folder, "rev-parse", "--show-toplevel", check=False)
    in_repo = code == 0
    if not in_repo and not remote:
        raise BrandkitError(say("deploy_no_repo", folder=str(folder)))
    remote = remote or "origin"
    if in_repo:
        code, head = _git(folder, "symbolic-ref", "-q", "HEAD", check=False)
        if code == 0 and head == f"refs/heads/{branch}":
            raise BrandkitError(say("deploy_on_branch", branch=branch))
    remote_url = remote if _looks_like_url(remote) else ""
    if in_repo and not remote_url:
        code, named = _git(folder, "remote", "get-url", remote, check=False)
        if code and push:
            raise BrandkitError(say("deploy_no_remote", remote=remote))
        remote_url = named if code == 0 else ""

    report = build(folder)  # a failed build raises: nothing is committed or pushed
    # The custom domain as Pages will see it: the CNAME the build wrote (site.domain),
    # or one the user keeps in the output folder.
    cname = report.out / "CNAME"
    domain = cname.read_text(encoding="utf-8").strip() if cname.is_file() else None
    with tempfile.TemporaryDirectory(prefix="brandkit-deploy-") as scratch:
        if in_repo:
            git_dir = Path(_git(folder, "rev-parse", "--absolute-git-dir")[1])
        else:
            git_dir = Path(scratch) / "repo.git"
            _git(folder, "init", "-q", "--bare", str(git_dir))
        run = _Repo(git_dir, Path(scratch) / "index")
        parent = run.tip(branch)
        if parent is None and push:  # the branch may live only on the remote so far
            parent = run.fetch(remote, branch)
        tree = run.tree(report.out)
        files = run.count(tree)
        commit = None
        if parent is None or run.tree_of(parent) != tree:
            text = message or say("deploy_message", branch=branch)
            commit = run.commit(tree, parent, text)
            if in_repo:
                run.move(branch, commit, parent)
        pushed = None
        if push:
            what = commit or parent
            run.push(remote, what, branch)
            pushed = remote
    return DeployReport(branch, commit, pushed, pages_url(remote_url, domain), files)


def _looks_like_url(remote: str) -> bool:
    return "://" in remote or remote.startswith("git@") or os.path.isabs(remote)


class _Repo:
    """git plumbing on one repository, with an index of its own."""

    def __init__(self, git_dir: Path, index: Path):
        self.env = {"GIT_DIR": str(git_dir), "GIT_INDEX_FILE": str(index)}

    def run(self, *args: str, check: bool = True, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> str:
        code, out = _git(cwd, *args, env={**self.env, **(env or {})}, check=check)
        return out if code == 0 else ""

    def tip(self, branch: str) -> str | None:
        return self.run("rev-parse", "-q", "--verify", f"refs/heads/{branch}^{{commit}}", check=False) or None

    def fetch(self, remote: str, branch: str) -> str | None:
        """The branch's tip on ``remote`` (fetched), or None when it has no such branch."""
        code, _ = _git(None, "fetch", "-q", remote, f"refs/heads/{branch}", env=self.env, check=False)
        if code != 0:
            return None
        return self.run("rev-parse", "-q", "--verify", "FETCH_HEAD^{commit}", check=False) or None

    def tree(self, site: Path) -> str:
        env = {"GIT_WORK_TREE": str(site)}
        self.run("read-tree", "--empty", env=env)
        self.run("add", "-A", "--force", "--", ".", *(f":(exclude){name}" for name in _LEFT_OUT),
                 env=env, cwd=site)
        return self.run("write-tree")

    def tree_of(self, commit: str) -> str:
        return self.run("rev-parse", f"{commit}^{{tree}}")

    def count(self, tree: str) -> int:
        return len(self.run("ls-tree", "-r", "--name-only", tree).splitlines())

    def commit(self, tree: str, parent: str | None, message: str) -> str:
        identity = {} if self.run("config", "user.email", check=False) else _IDENTITY
        return self.run("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message,
                        env=identity)

    def move(self, branch: str, commit: str, old: str | None) -> None:
        self.run("update-ref", "-m", "brandkit deploy", f"refs/heads/{branch}", commit,
                 old or "0" * 40)

    def push(self, remote: str, commit: str | None, branch: str) -> None:
        if commit is None:
            return
        code, out = _git(None, "push", "-q", remote, f"{commit}:refs/heads/{branch}",
                         env=self.env, check=False)
        if code != 0:
            raise BrandkitError(say("deploy_push_failed", remote=remote, detail=out.strip()))


def _git(cwd: Path | None, *args: str, env: dict[str, str] | None = None,
         check: bool = True) -> tuple[int, str]:
    """Run git; (exit code, its output: stdout, or stderr when it failed)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                              stdin=subprocess.DEVNULL,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})})
    except FileNotFoundError:
        raise BrandkitError(say("deploy_no_git")) from None
    if done.returncode and check:
        raise BrandkitError(say("deploy_git_failed", command="git " + args[0], detail=done.stderr.strip()))
    return done.returncode, (done.stdout if done.returncode == 0 else done.stderr).strip()
