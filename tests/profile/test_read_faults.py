"""Issue 13, items 4 and 5: every file brandkit reads stays inside the site folder (a
symlink leading out is refused, located), and is a regular file whose size is checked
before it is read (a FIFO never hangs a build, /dev/zero never fills the memory, a
2 GiB sparse file is never read).

A FIFO that is read would block forever: those builds run in a child process with a
timeout generous enough to stop only a hang, never a slow machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from brandkit import files
from brandkit.cli import main
from brandkit.errors import ProfileError
from brandkit.profile import load_site

REPO = Path(__file__).resolve().parents[2]
SECRET = "TOP-SECRET-0123456789"
HANG = 300  # seconds: only a hang takes this long (a build here takes about one)

PROFILE = """\
name: Hanako Yamada
identity: I combine AI and education
site:
  url: https://example.com/
"""
ITEM = "---\ntitle: Item\n---\nBody text.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small site in ``tmp_path/site`` with one portfolio item; a private file beside it
    (``tmp_path/outside``), messages in English, run from ``tmp_path``."""
    folder = tmp_path / "site"
    (folder / "portfolio").mkdir(parents=True)
    (folder / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (folder / "portfolio" / "item.md").write_text(ITEM, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
    (outside / "templates").mkdir()
    (outside / "templates" / "home.html").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    return folder


def _build(site: Path, capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["build", str(site.name), *args])
    out, err = capfd.readouterr()
    assert "Traceback" not in err
    assert SECRET not in out + err
    return code, err


def _published(tmp_path: Path) -> str:
    """Every byte under the site folder's outputs, as text (empty if none was made)."""
    found = ""
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and path.parts[len(tmp_path.parts) + 1] in ("_site", "_card"):
            found += path.read_bytes().decode("utf-8", "replace")
    return found


# --- item 4: symlinks leading out of the site folder ---------------------------------

LINKED_OUT = "the file is a link that leads outside the site folder; brandkit reads only files inside it; copy the file into the site folder instead of linking to it"


def test_a_portfolio_file_linked_out_is_refused(site: Path, tmp_path: Path,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    (site / "portfolio" / "leak.md").symlink_to(tmp_path / "outside" / "secret.md")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == f"site/portfolio/leak.md: {LINKED_OUT}\n1 problem(s) found.\n"
    assert SECRET not in _published(tmp_path)


def test_the_portfolio_folder_linked_out_is_refused(site: Path, tmp_path: Path,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    for path in (site / "portfolio").iterdir():
        path.unlink()
    (site / "portfolio").rmdir()
    (site / "portfolio").symlink_to(tmp_path / "outside")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == f"site/portfolio: {LINKED_OUT}\n1 problem(s) found.\n"


def test_the_profile_linked_out_is_refused(site: Path, tmp_path: Path,
                                           capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "outside" / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (site / "profile.yaml").unlink()
    (site / "profile.yaml").symlink_to(tmp_path / "outside" / "profile.yaml")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == f"site/profile.yaml: {LINKED_OUT}\n1 problem(s) found.\n"


def test_a_site_template_linked_out_is_refused(site: Path, tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    (site / "templates").mkdir()
    (site / "templates" / "home.html").symlink_to(tmp_path / "outside" / "templates" / "home.html")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == f"site/templates/home.html: {LINKED_OUT}\n1 problem(s) found.\n"
    assert SECRET not in _published(tmp_path)


def test_the_templates_folder_linked_out_is_refused(site: Path, tmp_path: Path,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    (site / "templates").symlink_to(tmp_path / "outside" / "templates")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == f"site/templates/home.html: {LINKED_OUT}\n1 problem(s) found.\n"


def test_site_assets_linked_out_are_refused_all_at_once(site: Path, tmp_path: Path,
                                                        capfd: pytest.CaptureFixture[str]) -> None:
    (site / "assets").mkdir()
    (site / "assets" / "leak.txt").symlink_to(tmp_path / "outside" / "secret.md")
    (site / "assets" / "also.txt").symlink_to(tmp_path / "outside" / "secret.md")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == (f"site/assets/also.txt: {LINKED_OUT}\nsite/assets/leak.txt: {LINKED_OUT}\n"
                   "2 problem(s) found.\n")
    assert SECRET not in _published(tmp_path)


def test_a_site_theme_linked_out_is_refused(site: Path, tmp_path: Path,
                                            capfd: pytest.CaptureFixture[str]) -> None:
    (site / "themes").mkdir()
    (site / "themes" / "mine").symlink_to(tmp_path / "outside")
    profile = site / "profile.yaml"
    profile.write_text(PROFILE + "brand:\n  theme: mine\n", encoding="utf-8")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == f"site/themes/mine: {LINKED_OUT}\n1 problem(s) found.\n"


def test_a_theme_yaml_linked_out_is_refused(site: Path, tmp_path: Path,
                                            capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "outside" / "theme.yaml").write_text("parent: default\n", encoding="utf-8")
    (site / "themes" / "mine" / "templates").mkdir(parents=True)
    (site / "themes" / "mine" / "theme.yaml").symlink_to(tmp_path / "outside" / "theme.yaml")
    (site / "profile.yaml").write_text(PROFILE + "brand:\n  theme: mine\n", encoding="utf-8")
    code, err = _build(site, capfd)
    assert code == 1
    assert err == f"site/themes/mine/theme.yaml: {LINKED_OUT}\n1 problem(s) found.\n"


def test_links_that_stay_inside_the_site_are_fine(site: Path, tmp_path: Path,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    (site / "drafts").mkdir()
    (site / "drafts" / "other.md").write_text(ITEM.replace("Item", "Linked item"), encoding="utf-8")
    (site / "portfolio" / "other.md").symlink_to(Path("..") / "drafts" / "other.md")
    (site / "assets").mkdir()
    (site / "assets" / "note.txt").write_text("hello", encoding="utf-8")
    (site / "assets" / "same.txt").symlink_to("note.txt")
    code, err = _build(site, capfd)
    assert code == 0, err
    assert "Linked item" in (site / "_site" / "portfolio" / "other" / "index.html").read_text(encoding="utf-8")
    assert (site / "_site" / "assets" / "same.txt").read_text(encoding="utf-8") == "hello"


def test_japanese_message(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    (site / "portfolio" / "leak.md").symlink_to(tmp_path / "outside" / "secret.md")
    with pytest.raises(ProfileError) as caught:
        load_site(site)
    assert str(caught.value) == (
        "site/portfolio/leak.md: サイトフォルダの外を指すリンクです。brandkit はサイトフォルダ内の"
        "ファイルだけを読みます; リンクではなく、ファイルそのものをサイトフォルダにコピーしてください\n"
        "1 件の問題があります。")


# --- item 5: special and huge files --------------------------------------------------

NOT_A_FILE = "not an ordinary file (a folder, FIFO or device); replace it with an ordinary file, or remove it"


def _run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m brandkit <args> site`` in a child process: a hang fails, never blocks."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRANDKIT_LANG": "en"}
    try:
        return subprocess.run([sys.executable, "-m", "brandkit", *args, site.name],
                              cwd=site.parent, env=env, capture_output=True, text=True, check=False,
                              timeout=HANG)
    except subprocess.TimeoutExpired:
        pytest.fail(f"brandkit {' '.join(args)} hung on a special file")


@pytest.mark.parametrize("where", ["portfolio/x.md", "profile.yaml", "templates/home.html",
                                   "assets/pipe.css", "themes/mine/theme.yaml"])
def test_a_fifo_is_refused_never_read(site: Path, where: str) -> None:
    (site / "themes" / "mine" / "templates").mkdir(parents=True)
    if where != "profile.yaml":
        (site / "profile.yaml").write_text(PROFILE + "brand:\n  theme: mine\n", encoding="utf-8")
    fifo = site / where
    fifo.parent.mkdir(parents=True, exist_ok=True)
    if fifo.exists():
        fifo.unlink()
    os.mkfifo(fifo)
    for command in ("build", "check"):
        if command == "check" and where.startswith(("templates", "assets")):
            continue  # check reads no template or asset
        done = _run(site, command)
        expected = (f"site/{where}: theme.yaml is not a file" if where.endswith("theme.yaml")
                    else f"site/{where}: {NOT_A_FILE}")
        assert (done.returncode, done.stderr) == (1, f"{expected}\n1 problem(s) found.\n")


def test_a_fifo_gitignore_never_hangs(site: Path) -> None:
    """`.gitignore` is read to know whether a private.yaml is missing (profile/private.py)."""
    os.mkfifo(site / ".gitignore")
    for command in ("build", "check"):
        assert _run(site, command).returncode == 0


def test_a_link_to_dev_zero_is_refused(site: Path) -> None:
    (site / "portfolio" / "zero.md").symlink_to("/dev/zero")
    done = _run(site, "build")
    assert done.returncode == 1
    assert done.stderr == f"site/portfolio/zero.md: {LINKED_OUT}\n1 problem(s) found.\n"


def test_devices_and_fifos_are_not_files_even_inside_the_root(tmp_path: Path) -> None:
    with pytest.raises(files.Unreadable) as caught:
        files.read("/dev/zero", "/", 1 << 20)
    assert caught.value.kind == "not_file"
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(files.Unreadable) as caught:  # opened without blocking, never read
        files.read(tmp_path / "pipe", tmp_path, 1 << 20)
    assert caught.value.kind == "not_file"


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sizes: list[int] = []
    real = os.read

    def counted(fd: int, size: int) -> bytes:
        data = real(fd, size)
        sizes.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counted)
    return sizes


@pytest.mark.parametrize("where, limit", [("portfolio/big.md", "1,024"),
                                          ("profile.yaml", "1,024"),
                                          ("templates/home.html", "1,024"),
                                          ("assets/big.bin", "32,768")])
def test_a_huge_sparse_file_is_refused_unread(site: Path, tmp_path: Path, where: str, limit: str,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    big = site / where
    big.parent.mkdir(parents=True, exist_ok=True)
    with open(big, "wb") as handle:  # 2 GiB of holes: no disk space used
        handle.truncate(2 << 30)
    reads = _count_reads(monkeypatch)
    tracemalloc.start()
    try:
        code, err = _build(site, capfd)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 1
    assert sum(reads) < 1 << 20  # not one byte of it: only the small files were read
    assert peak < 256 << 20  # nor by another way: it was never in memory
    if where == "profile.yaml":
        expected = "the file is too large (2097152 KiB; a profile should be a few KiB)"
    else:
        expected = f"the file is too large (2,097,152 KiB; at most {limit} KiB)"
    assert err == f"site/{where}: {expected}\n1 problem(s) found.\n"


def test_a_file_read_stops_one_byte_past_the_limit(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows after its size was checked is still read only to the limit + 1."""
    path = tmp_path / "growing.md"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result(
        (*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))  # it says 0 bytes; it has 10
    reads = _count_reads(monkeypatch)
    with pytest.raises(files.Unreadable) as caught:
        files.read(path, tmp_path, 4)
    assert caught.value.kind == "too_big" and sum(reads) == 5
    assert files.read(path, tmp_path, 4, head=True) == b"xxxx"
