"""Faults and rivals: no fault loses the last good site or prints a traceback (issue 13).

* concurrency (items 1): two real ``python -m brandkit build`` processes, and a watch's
  ``Builder`` against one, at many start offsets. The first is paused at a chosen point
  (its n-th staged file, its swap) through pipes, the second started then, and the first
  let go only once the second has said it waits — no sleeps, no clocks;
* kill and fault at every rename of the swap (item 9): SIGKILL in a real build at each
  rename (or the exchange that replaces them), then the next build, check or watch puts
  the site back and says so; an error at each rename leaves the last good site;
* a full disk and a read-only or forbidden output folder (item 6): located errors,
  exit 1, the last good site untouched, no staging folder left;
* an untrusted manifest (item 8): nothing under ``.git``, no dot-file, nothing outside.

Every count here is fixed (trials, offsets); the only timeout is a guard against a hang.
"""

from __future__ import annotations

import errno
import json
import os
import selectors
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from brandkit import files as disk
from brandkit.build import Builder, build
from brandkit.cli import main
from brandkit.errors import BrandkitError
from brandkit.output import Staging
from brandkit.output import swap as swapping
from tests.conftest import FIXED_EPOCH, REPO, copy_example, edit, snapshot

GUARD = 120  # seconds: only so that a bug hangs no CI run; never reached when all is well

# Run brandkit's command line with a fault or a pause at one point of the build's own
# process (a forked helper process is left alone). BK_AT says where:
#   put:N  the N-th file staged     swap  the swap     rename:N  the N-th os.rename
#   exchange  the exchange (renameat2)  (BK_NO_EXCHANGE=1: the two-rename fallback)
# and BK_DO what: "pause" (write a byte to BK_READY, read one from BK_GO), "kill"
# (SIGKILL itself before the call), "kill-after" (after it).
HOOKED = r"""
import os, signal, sys
from brandkit.output import staging
where, what = os.environ["BK_AT"], os.environ["BK_DO"]
kind, _, nth = where.partition(":")
main, count = os.getpid(), [0]

def stop():
    if what == "pause":
        os.write(int(os.environ["BK_READY"]), b"p")
        os.read(int(os.environ["BK_GO"]), 1)
    else:
        os.kill(os.getpid(), signal.SIGKILL)

def hook(real, name):
    def call(*args):
        if os.getpid() == main and name == kind:
            count[0] += 1
            if count[0] == int(nth or 1) and what != "kill-after":
                stop()
            done = real(*args)
            if count[0] == int(nth or 1) and what == "kill-after":
                stop()
            return done
        return real(*args)
    return call

staging.Staging.put = hook(staging.Staging.put, "put")
staging.swap = hook(staging.swap, "swap")
os.rename = hook(os.rename, "rename")
from brandkit.output import swap
if os.environ.get("BK_NO_EXCHANGE"):
    swap.exchange = lambda a, b: False
else:
    swap.exchange = hook(swap.exchange, "exchange")
from brandkit.cli import main as cli_main
sys.exit(cli_main(sys.argv[1:]))
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "BRANDKIT_LANG": "en", "SOURCE_DATE_EPOCH": FIXED_EPOCH,
            "PYTHONPATH": str(REPO), **extra}


def _brandkit(*args: str, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "brandkit", *args], env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


class Paused:
    """A ``brandkit build`` held at ``at`` until ``go``; ``paused`` says whether it got there."""

    def __init__(self, site: Path, at: str, *args: str):
        ready_r, ready_w = os.pipe()
        self._go_r, self._go_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOOKED, "build", str(site), *args], text=True,
            env=_env(BK_AT=at, BK_DO="pause", BK_READY=str(ready_w), BK_GO=str(self._go_r)),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(ready_w, self._go_r))
        os.close(ready_w)
        os.close(self._go_r)
        with os.fdopen(ready_r, "rb") as ready:
            self.paused = _ready(ready) == b"p"  # b"": it finished without getting there

    def go(self) -> tuple[int, str, str]:
        try:
            os.write(self._go_w, b"g")
        except BrokenPipeError:  # it has ended already
            pass
        os.close(self._go_w)
        out, err = self.proc.communicate(timeout=GUARD)
        return self.proc.returncode, out, err


def _ready(stream: object) -> bytes:
    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        assert sel.select(GUARD), "hang guard"
    return stream.read(1)  # type: ignore[attr-defined]


def _first_line(proc: subprocess.Popen[str]) -> str:
    """The first line on ``proc``'s stderr: its waiting message, or "" when it ended without one."""
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stderr, selectors.EVENT_READ)  # type: ignore[arg-type]
        assert sel.select(GUARD), "hang guard"
    return proc.stderr.readline()  # type: ignore[union-attr]


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def assert_complete(site: Path, reference: dict[str, set[str]]) -> None:
    """Both outputs whole: the files a build from scratch makes (a watch keeps its PDFs)."""
    assert (site / "_site" / "index.html").is_file()
    assert files_of(site / "_site") == reference["site"]
    assert files_of(site / "_card") == reference["card"]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once from scratch."""
    site = copy_example(tmp_path_factory.mktemp("scratch") / "site")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    try:
        build(site)
    finally:
        patch.undo()
    return site


@pytest.fixture(scope="module")
def reference(scratch: Path) -> dict[str, set[str]]:
    """The files a build from scratch makes."""
    return {"site": files_of(scratch / "_site"), "card": files_of(scratch / "_card")}


@pytest.fixture
def built(tmp_path: Path, fixed_date: None, scratch: Path) -> Path:
    """A copy of the example site with its outputs (the last good site)."""
    return Path(shutil.copytree(scratch, tmp_path / "site", symlinks=True))


# --- item 1: two builds of one site at once -------------------------------------------

# Where the first build is held while the second starts: early, amid, late in staging,
# and at the swap. Five offsets, one trial each, with a site built before (and one not).
OFFSETS = ["put:1", "put:4", "put:12", "put:30", "swap"]


@pytest.mark.parametrize("at", OFFSETS)
def test_two_builds_at_once_end_with_a_complete_site(built: Path, at: str,
                                                     reference: dict[str, set[str]]) -> None:
    first = Paused(built, at)
    assert first.paused, first.go()
    second = _brandkit("build", str(built))
    try:
        waiting = _first_line(second)
    finally:
        code, out, err = first.go()
    out2, err2 = second.communicate(timeout=GUARD)
    assert "Traceback" not in err + waiting + err2, err + waiting + err2
    assert (code, second.returncode) == (0, 0), (err, err2)
    assert "Built" in out and "Built" in out2
    assert_complete(built, reference)
    assert leftovers(built) == []
    assert "Waiting for another build of this site to finish writing" in waiting, (waiting, err2)


def test_two_first_builds_at_once(site: Path, fixed_date: None, reference: dict[str, set[str]]) -> None:
    first = Paused(site, "put:2")
    assert first.paused
    second = _brandkit("build", str(site))
    try:
        waiting = _first_line(second)
    finally:
        code, _, err = first.go()
    _, err2 = second.communicate(timeout=GUARD)
    assert "Waiting" in waiting
    assert (code, second.returncode) == (0, 0), (err, err2)
    assert_complete(site, reference)


def test_no_wait_fails_at_once_and_clearly(built: Path, reference: dict[str, set[str]]) -> None:
    first = Paused(built, "put:3")
    assert first.paused
    second = _brandkit("build", str(built), "--no-wait")
    try:
        _, err2 = second.communicate(timeout=GUARD)  # while the first is still held
    finally:
        code, _, err = first.go()
    assert second.returncode == 1
    assert err2.startswith("brandkit: another brandkit build is writing ") and "--no-wait" in err2
    assert "Traceback" not in err2
    assert code == 0, err
    assert_complete(built, reference)


@pytest.mark.parametrize("at", ["put:1", "put:10"])
def test_watch_rebuild_holds_a_build_off(built: Path, at: str, reference: dict[str, set[str]],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A watch's (first) build writing while ``brandkit build`` starts: the build waits."""
    builder = Builder(built)
    paused, go = threading.Event(), threading.Event()
    real, count, nth = Staging.put, [0], int(at.partition(":")[2])

    def put(self: Staging, rel: str, data: bytes) -> bool:
        count[0] += 1
        if count[0] == nth:
            paused.set()
            go.wait()
        return real(self, rel, data)

    monkeypatch.setattr(Staging, "put", put)
    _build_while_the_watch_writes(builder, built, reference, paused, go)
    assert leftovers(built) == []


def test_watch_in_place_update_holds_a_build_off(built: Path, reference: dict[str, set[str]],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    builder = Builder(built)
    builder.build()
    edit(built / "portfolio" / "ai-tutor.en.md", "An AI tutor", "A new AI tutor")  # one save
    paused, go = threading.Event(), threading.Event()
    real = disk.replace

    def replace(*args: object, **kwargs: object) -> None:
        paused.set()
        go.wait()
        real(*args, **kwargs)

    monkeypatch.setattr(disk, "replace", replace)
    _build_while_the_watch_writes(builder, built, reference, paused, go)


@pytest.mark.parametrize("at", ["put:2", "swap"])
def test_build_holds_a_watch_rebuild_off(built: Path, at: str, reference: dict[str, set[str]]) -> None:
    """``brandkit build`` writing while the watch rebuilds: the rebuild waits, then writes."""
    waited = threading.Event()
    builder = Builder(built, on_wait=lambda out: waited.set())
    first = Paused(built, at)
    assert first.paused
    watch, errors = _rebuild_on_a_thread(builder, then=waited)
    try:
        waited.wait()
    finally:
        code, _, err = first.go()
        watch.join()
    assert errors == []
    assert code == 0, err
    assert builder.target is not None
    assert_complete(built, reference)  # with the build's PDFs: the watch leaves them be
    assert leftovers(built) == []


# --- item 9: killed or failing at each rename of the swap ------------------------------


def _killed(site: Path, at: str, do: str = "kill", fallback: bool = False) -> int:
    extra = {"BK_NO_EXCHANGE": "1"} if fallback else {}
    done = subprocess.run([sys.executable, "-c", HOOKED, "build", str(site)], text=True,
                          env=_env(BK_AT=at, BK_DO=do, **extra), capture_output=True,
                          timeout=GUARD, check=False)
    return done.returncode


# (where, what, the two-rename fallback?) — every rename a swap makes, killed before and
# after: the exchange, and the fallback's first and second renames.
KILLS = [("exchange", "kill", False), ("exchange", "kill-after", False),
         ("rename:1", "kill", True), ("rename:1", "kill-after", True),
         ("rename:2", "kill", True), ("rename:2", "kill-after", True)]


@pytest.mark.parametrize(("at", "do", "fallback"), KILLS)
def test_killed_at_each_rename_leaves_a_site_or_its_way_back(
        built: Path, at: str, do: str, fallback: bool, reference: dict[str, set[str]]) -> None:
    (built / "_site" / "CNAME").write_bytes(b"hanako.dev\n")  # the user's, carried over
    assert _killed(built, at, do, fallback) == -9
    gap = fallback and (at, do) in {("rename:1", "kill-after"), ("rename:2", "kill")}
    if not gap:  # the old site or the new one, whole
        assert_complete_with_cname(built, reference)
        return
    assert not (built / "_site").exists()  # between the two renames: the old site is aside
    # The next command puts it back first, and says so.
    code = main(["check", str(built)])
    assert code == 0
    assert_complete_with_cname(built, reference)


def assert_complete_with_cname(site: Path, reference: dict[str, set[str]]) -> None:
    assert (site / "_site" / "CNAME").read_bytes() == b"hanako.dev\n"
    assert files_of(site / "_site") == reference["site"] | {"CNAME"}
    assert (site / "_site" / "index.html").is_file()


def _gap(site: Path) -> None:
    """A build killed between the two renames (no exchange): ``_site`` is aside as ``.old``."""
    assert _killed(site, "rename:2", "kill", fallback=True) == -9
    assert not (site / "_site").exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_next_command_puts_the_site_back_and_says_so(built: Path, command: str,
                                                     reference: dict[str, set[str]],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _gap(built)
    assert main([command, str(built)]) == 0
    err = capsys.readouterr().err
    assert f"Restored {built / '_site'}: the last run stopped while swapping it in" in err
    assert_complete(built, reference)
    if command == "build":
        assert leftovers(built) == []


def test_watch_start_puts_the_site_back(built: Path, reference: dict[str, set[str]]) -> None:
    _gap(built)
    report = Builder(built).build()
    assert report.restored == [built / "_site"]
    assert_complete(built, reference)  # the card's PDFs too: watch keeps what build made
    assert leftovers(built) == []


def test_the_swap_is_one_exchange_where_linux_offers_it(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No moment without ``_site``: the swap makes no rename at all when it can exchange."""
    if swapping._renameat2() is None:
        pytest.skip("no renameat2 here")
    renames: list[object] = []
    real = os.rename
    monkeypatch.setattr(os, "rename", lambda *args: (renames.append(args), real(*args)))
    edit(built / "portfolio" / "ai-tutor.en.md", "An AI tutor", "A new AI tutor")
    build(built)
    assert renames == []


@pytest.mark.parametrize("code", [errno.ENOSYS, errno.EINVAL])
def test_exchange_refused_falls_back_to_two_renames(built: Path, code: int,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   reference: dict[str, set[str]]) -> None:
    import ctypes

    def refused(*args: object) -> int:
        ctypes.set_errno(code)
        return -1

    monkeypatch.setattr(swapping, "_renameat2", lambda: refused)
    (built / "_site" / "CNAME").write_bytes(b"hanako.dev\n")
    build(built)
    assert_complete_with_cname(built, reference)
    assert leftovers(built) == []


@pytest.mark.parametrize(("at", "fallback"), [("exchange", False), ("rename:1", True), ("rename:2", True)])
def test_an_error_at_each_rename_keeps_the_last_good_site(built: Path, at: str, fallback: bool,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(built / "_site")
    edit(built / "portfolio" / "ai-tutor.en.md", "An AI tutor", "A new AI tutor")
    count = [0]
    real_rename = os.rename

    def rename(*args: object) -> None:
        count[0] += 1
        if f"rename:{count[0]}" == at:
            raise OSError(errno.EIO, "Input/output error")
        real_rename(*args)

    def exchange(a: Path, b: Path) -> bool:
        if fallback:
            return False
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(swapping, "exchange", exchange)
    assert main(["build", str(built)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"brandkit: cannot write the output folder {built / '_site'} (Input/output error)")
    assert "Traceback" not in err
    assert snapshot(built / "_site") == before
    assert leftovers(built) == []


# --- item 6: a full disk, a read-only or forbidden output folder -----------------------


class Disk:
    """Make the disk under ``root`` full or read-only: os.open and os.mkdir of a path
    there raise (``open_error``), or os.write to a file opened there does (``write_error``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path):
        self.root, self.fds = str(root), set()
        self.open_error: int | None = None
        self.write_error: int | None = None
        real_open, real_write, real_mkdir = os.open, os.write, os.mkdir

        def opened(path: object, flags: int, *args: object, **kwargs: object) -> int:
            mine = str(path).startswith(self.root) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            if mine and self.open_error is not None:
                raise OSError(self.open_error, os.strerror(self.open_error), str(path))
            fd = real_open(path, flags, *args, **kwargs)
            if mine:
                self.fds.add(fd)
            return fd

        def write(fd: int, data: object) -> int:
            if fd in self.fds and self.write_error is not None:
                raise OSError(self.write_error, os.strerror(self.write_error))
            return real_write(fd, data)

        def mkdir(path: object, *args: object, **kwargs: object) -> None:
            if str(path).startswith(self.root) and self.open_error is not None:
                raise OSError(self.open_error, os.strerror(self.open_error), str(path))
            real_mkdir(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", opened)
        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "mkdir", mkdir)


FULL_OR_READ_ONLY = [
    ("write", errno.ENOSPC, "no space left on the disk to write the output folder", "free some space"),
    ("write", errno.EDQUOT, "no space left on the disk to write the output folder", "free some space"),
    ("open", errno.EROFS, "cannot write the output folder", "choose a writable folder with --out"),
    ("open", errno.EACCES, "cannot write the output folder", "choose a writable folder with --out"),
]


@pytest.mark.parametrize(("how", "code", "says", "hint"), FULL_OR_READ_ONLY)
def test_full_or_read_only_disk_is_a_located_error(
        built: Path, how: str, code: int, says: str, hint: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    before = {name: snapshot(built / name) for name in ("_site", "_card")}
    edit(built / "portfolio" / "ai-tutor.en.md", "An AI tutor", "A new AI tutor")  # to write
    fault = Disk(monkeypatch, built)
    setattr(fault, f"{how}_error", code)
    assert main(["build", str(built)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"brandkit: {says} {built / '_'}"), err
    assert hint in err and "Traceback" not in err
    assert {name: snapshot(built / name) for name in ("_site", "_card")} == before
    assert leftovers(built) == []


@pytest.mark.parametrize(("how", "code"), [("write", errno.ENOSPC), ("open", errno.EROFS)])
def test_full_or_read_only_disk_under_watch(built: Path, how: str, code: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A watch's in-place update meets the fault: a located error, the site as it was."""
    builder = Builder(built)
    builder.build()
    before = snapshot(built / "_site")
    edit(built / "portfolio" / "ai-tutor.en.md", "An AI tutor", "A new AI tutor")
    fault = Disk(monkeypatch, built)
    setattr(fault, f"{how}_error", code)
    with pytest.raises(BrandkitError, match=r"output folder .*_(site|card)"):
        builder.build()
    monkeypatch.undo()
    assert snapshot(built / "_site") == before or files_of(built / "_site") == set(before)
    assert leftovers(built) == []


# --- item 8: the manifest is not trusted ----------------------------------------------


def test_a_manifest_cannot_make_brandkit_delete_the_users_files(built: Path, tmp_path: Path) -> None:
    out = built / "_site"
    outside = tmp_path / "outside.txt"
    outside.write_text("mine")
    user = {".git/HEAD": "ref: refs/heads/main\n", ".git/config": "[core]\n", ".env": "SECRET=1\n",
            "notes/.hidden/a.txt": "a", ".well-known/x": "x"}
    for rel, text in user.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    (out / "link.html").symlink_to(outside)
    (out / "folder.html").mkdir()
    manifest = json.loads((out / ".brandkit-manifest.json").read_text())
    manifest["files"] += [*user, "../outside.txt", str(outside), "link.html", "folder.html",
                          "a/../../outside.txt"]
    (out / ".brandkit-manifest.json").write_text(json.dumps(manifest))
    build(built)
    for rel, text in user.items():
        assert (out / rel).read_text() == text, rel
    assert (out / "link.html").is_symlink() and (out / "folder.html").is_dir()
    assert outside.read_text() == "mine"
    assert (out / ".nojekyll").is_file()  # brandkit's own dot-file is still its own
    listed = json.loads((out / ".brandkit-manifest.json").read_text())["files"]
    assert not any(rel in listed for rel in user)


def test_stale_outputs_listed_in_the_manifest_still_go(built: Path) -> None:
    out = built / "_site"
    (out / "old-page.html").write_text("stale")
    manifest = json.loads((out / ".brandkit-manifest.json").read_text())
    manifest["files"].append("old-page.html")
    (out / ".brandkit-manifest.json").write_text(json.dumps(manifest))
    report = build(built)
    assert "old-page.html" in report.removed and not (out / "old-page.html").exists()


def test_every_output_is_one_brandkit_could_have_written(reference: dict[str, set[str]]) -> None:
    """A new output in a dot-folder (``.well-known/…``) must be added to folder.py's
    _OWN_DOT_FILES, or the next build would take it for the user's file."""
    from brandkit.output.folder import MANIFEST, could_be_ours

    for rel in (reference["site"] | reference["card"]) - {MANIFEST}:
        assert could_be_ours(rel), rel


def test_an_interrupted_runs_leftovers_are_removed(built: Path) -> None:
    """What an interrupted run left beside the site is removed by the next build."""
    (built / "._site.tmp-dead0001").mkdir()
    (built / "._site.old-dead0002").mkdir()
    build(built)
    assert leftovers(built) == []


def test_the_lock_sits_beside_the_output_and_sets_off_no_rebuild(built: Path) -> None:
    from brandkit.changes import classify

    out = built / "build" / "public"
    build(built, out=out)
    lock = built / "build" / ".public.lock"
    assert lock.is_file() and (built / "._card.lock").is_file()
    assert not any(p.name.endswith(".lock") for p in out.rglob("*"))
    assert classify(lock, built.resolve(), [out.resolve()], []) is None


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_wait_in_either_language(built: Path, lang: str, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Another holder of the lock (here this test, through a second open of the lock file)."""
    from brandkit.output import hold

    monkeypatch.setenv("BRANDKIT_LANG", lang)
    before = snapshot(built / "_site")
    with hold([built / "_site"]):
        assert main(["build", str(built), "--no-wait"]) == 1
    err = capsys.readouterr().err
    expected = {"en": "another brandkit build is writing", "ja": "別の brandkit のビルドが今"}[lang]
    assert err.startswith(f"brandkit: {expected}") and "--no-wait" in err
    assert snapshot(built / "_site") == before


# Both builds started together, no pause: whichever locks first, the other waits. Real
# races, so the interleaving differs run to run; the count of trials does not.
@pytest.mark.parametrize("trial", range(3))
def test_two_builds_started_together(built: Path, trial: int, reference: dict[str, set[str]]) -> None:
    edit(built / "portfolio" / "ai-tutor.en.md", "An AI tutor", f"An AI tutor ({trial})")
    both = [_brandkit("build", str(built)), _brandkit("build", str(built))]
    results = [proc.communicate(timeout=GUARD) for proc in both]
    assert [proc.returncode for proc in both] == [0, 0], results
    assert not any("Traceback" in err for _, err in results)
    assert_complete(built, reference)
    assert leftovers(built) == []


def test_a_filesystem_without_locks_builds_unlocked(built: Path, monkeypatch: pytest.MonkeyPatch,
                                                    reference: dict[str, set[str]]) -> None:
    import fcntl

    def no_locks(fd: int, how: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    assert main(["build", str(built)]) == 0
    assert_complete(built, reference)


def _build_while_the_watch_writes(builder: Builder, built: Path, reference: dict[str, set[str]],
                                  paused: threading.Event, go: threading.Event) -> None:
    """Start the watch's rebuild on a thread; once it is paused mid-write, start a build,
    which must say it waits; let the watch go: both end well, the site complete."""
    watch, errors = _rebuild_on_a_thread(builder, then=paused)
    paused.wait()
    second = _brandkit("build", str(built))
    try:
        waiting = _first_line(second)
    finally:
        go.set()
        watch.join()
    _, err2 = second.communicate(timeout=GUARD)
    assert errors == []
    assert "Waiting" in waiting, err2
    assert second.returncode == 0, err2
    assert_complete(built, reference)


def _rebuild_on_a_thread(builder: Builder, then: threading.Event
                         ) -> tuple[threading.Thread, list[BaseException]]:
    """The watch's rebuild, started on a thread; ``then`` is set when it ends, however it
    ends; what it raised lands in the list, for the test to assert on."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            builder.build()
        except BaseException as exc:  # noqa: BLE001 - reported by the test, on its thread
            errors.append(exc)
        then.set()

    watch = threading.Thread(target=run)
    watch.start()
    return watch, errors
