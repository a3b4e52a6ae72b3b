"""brandkit.output: the one module that writes files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from brandkit import files
from brandkit.errors import BrandkitError
from brandkit.output import (
    MANIFEST,
    check_output_folder,
    swap,
    write_new_files,
    write_site,
)

SITE_FILES = {
    "index.html": b"<h1>Hanako</h1>",
    "en/index.html": b"<h1>Hanako (en)</h1>",
    "en/portfolio/x/index.html": b"<p>x</p>",
    ".nojekyll": b"",
}


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "profile.yaml").write_text("name: Hanako\n")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes | str, int, int]]:
    """Every entry under ``folder``: content (or link target), inode, mtime."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            content: bytes | str = "-> " + os.readlink(path)
        elif path.is_dir():
            content = "<dir>"
        else:
            content = path.read_bytes()
        found[path.relative_to(folder).as_posix()] = (content, info.st_ino, info.st_mtime_ns)
    return found


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


# --- write_site ----------------------------------------------------------------------


def test_first_build_writes_files_and_manifest(site: Path) -> None:
    out = site / "_site"
    report = write_site(out, site, SITE_FILES)
    assert report.written == sorted(SITE_FILES)
    assert report.unchanged == report.removed == []
    assert report.out == out.resolve()
    for rel, data in SITE_FILES.items():
        assert (out / rel).read_bytes() == data
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert manifest == {"format": 1, "files": sorted(SITE_FILES)}
    assert leftovers(out) == []


def test_rebuild_rewrites_only_what_changed(site: Path) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    before = snapshot(out)
    report = write_site(out, site, {**SITE_FILES, "en/index.html": b"<h1>changed</h1>"})
    after = snapshot(out)
    assert report.written == ["en/index.html"]
    assert report.unchanged == sorted(set(SITE_FILES) - {"en/index.html"})
    assert after["en/index.html"][0] == b"<h1>changed</h1>"
    for rel in report.unchanged + [MANIFEST]:
        assert after[rel] == before[rel], rel  # same bytes, inode and mtime
    assert leftovers(out) == []


def test_many_files_keep_the_same_promises(site: Path) -> None:
    files = {f"portfolio/item-{i}/index.html": f"<p>{i}</p>".encode() for i in range(120)}
    files.update({f"en/portfolio/item-{i}/index.html": b"en" for i in range(40)})
    out = site / "_site"
    write_site(out, site, {"index.html": b"-"})
    (out / "keep").mkdir()  # a user's folder, inside an output folder of ours
    (out / "keep" / "mine.txt").write_text("mine")
    first = write_site(out, site, files)
    assert sorted(first.written) == sorted(files) and first.removed == ["index.html"]
    before = snapshot(out)
    files["portfolio/item-7/index.html"] = b"changed"
    del files["portfolio/item-9/index.html"]
    report = write_site(out, site, files)
    after = snapshot(out)
    assert report.written == ["portfolio/item-7/index.html"]
    assert report.removed == ["portfolio/item-9/index.html"]
    assert after["portfolio/item-8/index.html"] == before["portfolio/item-8/index.html"]  # inode, mtime
    assert after["keep/mine.txt"][0] == b"mine"
    assert {rel for rel in after if not rel.startswith("keep") and after[rel][0] != "<dir>"} \
        == set(files) | {MANIFEST}
    assert not (out / "portfolio" / "item-9").exists() and leftovers(out) == []


def test_removed_file_is_dropped(site: Path) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    files = {k: v for k, v in SITE_FILES.items() if k != "en/portfolio/x/index.html"}
    report = write_site(out, site, files)
    assert report.removed == ["en/portfolio/x/index.html"]
    assert not (out / "en/portfolio").exists()  # folders that held only its files go too
    assert json.loads((out / MANIFEST).read_text())["files"] == sorted(files)


@pytest.mark.parametrize("in_place", [False, True])
def test_kept_files_stay_as_they_were_and_stay_brandkits(site: Path, in_place: bool) -> None:
    # A watch rebuild does not make the card's PDFs; the ones a build made stay, with
    # their inode, and in the manifest (so the next build replaces them as its own).
    from brandkit.output import update_site

    out = site / "_site"
    write_site(out, site, {**SITE_FILES, "card-print.pdf": b"%PDF-1.7", "old.pdf": b"%PDF"})
    before = snapshot(out)["card-print.pdf"]
    kept = frozenset({"card-print.pdf", "missing.pdf"})
    changed = {**SITE_FILES, "index.html": b"<h1>Hanako!</h1>"}
    if in_place:  # as a watch's second rebuild: what it wrote last time is known
        report = update_site(out, site, SITE_FILES, {}, kept)
        report = update_site(out, site, changed, SITE_FILES, kept)
        assert report.written == ["index.html"]
    else:
        report = write_site(out, site, changed, kept)
    assert snapshot(out)["card-print.pdf"] == before
    assert not (out / "old.pdf").exists() and not (out / "missing.pdf").exists()
    assert "card-print.pdf" not in report.written + report.unchanged + report.removed
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert "card-print.pdf" in listed and "missing.pdf" not in listed and "old.pdf" not in listed


def test_users_own_files_are_kept(site: Path) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    (out / ".git/objects").mkdir(parents=True)
    (out / ".git/HEAD").write_bytes(b"ref: refs/heads/main\n")
    (out / "CNAME").write_bytes(b"hanako.dev\n")
    (out / "en/notes.txt").write_bytes(b"mine")  # inside a folder brandkit also writes to
    (out / "latest").symlink_to("en/index.html")
    mine = {k: v for k, v in snapshot(out).items()
            if k.startswith(".git") or k in ("CNAME", "en/notes.txt", "latest")}

    report = write_site(out, site, {"index.html": b"new"})

    after = snapshot(out)
    for rel, (content, _, _) in mine.items():
        assert after[rel][0] == content, rel
    for rel in ("CNAME", "en/notes.txt", ".git/HEAD"):
        assert after[rel][1:] == mine[rel][1:], rel  # not rewritten either
    assert report.removed == sorted(set(SITE_FILES) - {"index.html"})
    assert not (out / "en/index.html").exists()
    assert json.loads((out / MANIFEST).read_text())["files"] == ["index.html"]


def test_users_file_in_the_way_is_refused(site: Path) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    (out / "CNAME").write_bytes(b"hanako.dev\n")
    before = snapshot(out)
    with pytest.raises(BrandkitError) as caught:
        write_site(out, site, {**SITE_FILES, "CNAME": b"other.dev\n"})
    assert str(caught.value) == (
        f"{out / 'CNAME'} is your own file (not made by brandkit), but brandkit now writes a file there; "
        "move it out of the output folder, then build again")
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_out_outside_site_with_missing_parents(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "deploy" / "public"
    write_site(out, site, SITE_FILES)
    assert (out / "index.html").read_bytes() == SITE_FILES["index.html"]


def test_empty_foreign_folder_is_accepted(site: Path) -> None:
    out = site / "_site"
    out.mkdir()
    write_site(out, site, SITE_FILES)
    assert (out / MANIFEST).is_file()


# --- refusing a dangerous output folder ------------------------------------------------


def test_refuses_site_folder(site: Path) -> None:
    with pytest.raises(BrandkitError) as caught:
        write_site(site, site, SITE_FILES)
    assert str(caught.value) == (
        f"the output folder {site} is the site folder itself; brandkit would delete your files")
    assert sorted(p.name for p in site.iterdir()) == ["profile.yaml"]


def test_refuses_site_folder_spelled_differently(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)
    with pytest.raises(BrandkitError, match="is the site folder itself"):
        check_output_folder(Path("_site/.."), Path("."))


def test_refuses_parent_of_site(site: Path) -> None:
    with pytest.raises(BrandkitError) as caught:
        check_output_folder(site.parent, site)
    assert str(caught.value) == f"the output folder {site.parent} contains the site folder"


def test_refuses_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "site").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    with pytest.raises(BrandkitError) as caught:
        check_output_folder(home, home / "site")
    assert str(caught.value) == f"the output folder {home} is your home folder"


def test_refuses_root(site: Path) -> None:
    root = Path(site.anchor)
    with pytest.raises(BrandkitError) as caught:
        check_output_folder(root, site)
    assert str(caught.value) == f"the output folder {root} is the root of the file system"


def test_refuses_foreign_folder(site: Path) -> None:
    out = site / "public"
    out.mkdir()
    (out / "photo.jpg").write_bytes(b"precious")
    with pytest.raises(BrandkitError) as caught:
        write_site(out, site, SITE_FILES)
    assert str(caught.value) == (
        f"the output folder {out} is not empty and was not made by brandkit; "
        "choose another folder with --out, or empty this one yourself")
    assert sorted(p.name for p in out.iterdir()) == ["photo.jpg"]


def test_refuses_folder_with_unreadable_manifest(site: Path) -> None:
    out = site / "_site"
    out.mkdir()
    (out / MANIFEST).write_text("{not json")
    with pytest.raises(BrandkitError, match="was not made by brandkit"):
        check_output_folder(out, site)


def test_refuses_a_file(site: Path) -> None:
    out = site / "_site"
    out.write_bytes(b"not a folder")
    with pytest.raises(BrandkitError) as caught:
        write_site(out, site, SITE_FILES)
    assert str(caught.value) == f"the output path {out} is a file, not a folder"
    assert out.read_bytes() == b"not a folder"


def test_message_in_japanese(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    with pytest.raises(BrandkitError, match="サイトフォルダそのもの"):
        check_output_folder(site, site)


# --- failures leave the last good site -------------------------------------------------


def test_failure_while_writing_keeps_previous_output(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    (out / "CNAME").write_bytes(b"hanako.dev\n")
    before = snapshot(out)
    real_write = files.create
    calls = []

    def failing_write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(files, "create", failing_write)
    changed = {rel: data + b"!" for rel, data in SITE_FILES.items()}
    with pytest.raises(BrandkitError, match="no space left on the disk to write the output folder .*_site"):
        write_site(out, site, changed)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_failure_while_linking_keeps_previous_output(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    before = snapshot(out)

    def broken(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", broken)
    monkeypatch.setattr(shutil, "copy2", broken)
    with pytest.raises(BrandkitError, match="cannot write the output folder .*Permission denied"):
        write_site(out, site, {**SITE_FILES, "index.html": b"changed"})
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_failure_during_swap_puts_old_site_back(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    before = snapshot(out)
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if ".tmp-" in str(src):
            raise OSError(16, "Device or resource busy")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)  # the two-rename fallback
    with pytest.raises(BrandkitError, match="busy"):
        write_site(out, site, {**SITE_FILES, "index.html": b"changed"})
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_stale_temporary_folders_are_cleaned(site: Path) -> None:
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    (site / "._site.tmp-dead0001").mkdir()
    (site / "._site.tmp-dead0001" / "index.html").write_bytes(b"half")
    (site / "._site.old-dead0002").mkdir()
    write_site(out, site, SITE_FILES)
    assert leftovers(out) == []


def test_interrupted_swap_is_recovered(site: Path) -> None:
    """A run that stopped between its two renames left the last good site as ``.old``."""
    out = site / "_site"
    write_site(out, site, SITE_FILES)
    (out / "CNAME").write_bytes(b"hanako.dev\n")
    out.rename(site / "._site.old-dead0001")
    (site / "._site.tmp-dead0002").mkdir()
    report = write_site(out, site, SITE_FILES)
    assert (out / "CNAME").read_bytes() == b"hanako.dev\n"
    assert report.written == []
    assert leftovers(out) == []


# --- paths are validated -------------------------------------------------------------


@pytest.mark.parametrize("bad", [
    "", "/etc/passwd", "../escape.html", "a/../../b", "a//b", "a/", "./a", "a\\b",
    "nul\0.html", "C:/x.html", MANIFEST,
])
def test_invalid_paths_raise_value_error(site: Path, bad: str) -> None:
    out = site / "_site"
    with pytest.raises(ValueError):
        write_site(out, site, {"index.html": b"ok", bad: b"x"})
    with pytest.raises(ValueError):
        write_new_files(site / "new", {bad: b"x"})
    assert not out.exists() and not (site / "new").exists()


def test_file_and_folder_at_one_path_is_a_bug(site: Path) -> None:
    with pytest.raises(ValueError, match="both a file and a folder"):
        write_site(site / "_site", site, {"en": b"x", "en/index.html": b"y"})


# --- write_new_files -----------------------------------------------------------------


def test_write_new_files_creates_folder_and_files(tmp_path: Path) -> None:
    folder = tmp_path / "my-site"
    files = {"profile.yaml": b"name: Hanako\n", "portfolio/first.md": b"---\n---\n"}
    assert write_new_files(folder, files) == ["portfolio/first.md", "profile.yaml"]
    for rel, data in files.items():
        assert (folder / rel).read_bytes() == data


def test_write_new_files_refuses_existing_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "my-site"
    (folder / "portfolio").mkdir(parents=True)
    (folder / "portfolio/first.md").write_bytes(b"my own work")
    files = {"profile.yaml": b"name: Hanako\n", "portfolio/first.md": b"example", "z.txt": b"z"}
    with pytest.raises(BrandkitError) as caught:
        write_new_files(folder, files)
    assert str(caught.value) == (
        f"{folder / 'portfolio/first.md'} already exists; brandkit init never overwrites a file")
    assert (folder / "portfolio/first.md").read_bytes() == b"my own work"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "portfolio", "portfolio/first.md"]


def test_write_new_files_refuses_file_where_folder_goes(tmp_path: Path) -> None:
    folder = tmp_path / "my-site"
    folder.mkdir()
    (folder / "portfolio").write_bytes(b"a file")
    with pytest.raises(BrandkitError, match="already exists"):
        write_new_files(folder, {"a.txt": b"a", "portfolio/first.md": b"x"})
    assert sorted(p.name for p in folder.iterdir()) == ["portfolio"]


def test_write_new_files_failure_removes_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "my-site"
    real_write = files.create

    def failing_write(path: Path, data: bytes) -> None:
        if path.name == "b.txt":
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(files, "create", failing_write)
    with pytest.raises(OSError):
        write_new_files(folder, {"a.txt": b"a", "b.txt": b"b"})
    assert list(folder.iterdir()) == []
