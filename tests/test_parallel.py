"""brandkit.parallel: work shared with a forked child comes back as one process would do it,
and a build on two processes writes what one process writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from brandkit.build import build
from brandkit import parallel

EXAMPLE = Path(__file__).resolve().parents[1] / "example-site"


def _need_fork() -> None:
    # A build forks only in a process with one thread. Later in a full run, earlier tests
    # (the browser's) have left threads behind: then test_in_a_fresh_process runs this
    # whole file again in a new interpreter, where these tests do run.
    if not parallel.can_fork():
        pytest.skip("this process has threads; run by test_in_a_fresh_process")


def test_in_a_fresh_process() -> None:
    import subprocess
    import sys

    if parallel.can_fork():
        pytest.skip("the tests of this file run in this process")
    result = subprocess.run([sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider",
                             "-k", "not test_in_a_fresh_process"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " skipped" not in result.stdout.splitlines()[-1], result.stdout[-2000:]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children os.fork starts from here on (their pids)."""
    started: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting_fork)
    return started


def test_two_processes_build_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            forks: list[int]) -> None:
    _need_fork()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    built = {}
    for jobs in ("1", "2"):
        site = tmp_path / jobs
        shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site", "_card"))
        monkeypatch.setenv("BRANDKIT_JOBS", jobs)
        build(site, pdf=False)
        built[jobs] = (_files(site / "_site"), _files(site / "_card"))
        assert len(forks) == (0 if jobs == "1" else 1)
    assert built["1"] == built["2"]


def _many_items(site: Path, count: int = 140) -> None:
    for i in range(count):  # enough files to share out (parallel.map's threshold)
        (site / "portfolio" / f"item-{i:03}.md").write_text(
            f"---\ntitle: Item {i}\ndate: 2025-01-{i % 28 + 1:02}\ntags: [a, b]\n---\nBody {i}\n",
            encoding="utf-8")


def test_large_site_reads_and_renders_on_two_processes(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      forks: list[int]) -> None:
    """Two forks: one reads items while the templates compile, one renders."""
    from brandkit.errors import BrandkitError

    _need_fork()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    built, errors = {}, {}
    for jobs in ("1", "2"):
        site = tmp_path / jobs
        shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site", "_card"))
        _many_items(site)
        monkeypatch.setenv("BRANDKIT_JOBS", jobs)
        build(site, pdf=False)
        built[jobs] = (_files(site / "_site"), _files(site / "_card"))
        assert len(forks) == (0 if jobs == "1" else 2)
        # A template mistake is found and reported as from one process.
        (site / "templates").mkdir()
        (site / "templates" / "portfolio.html").write_text(
            '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n',
            encoding="utf-8")
        with pytest.raises(BrandkitError) as caught:
            build(site, pdf=False)
        errors[jobs] = str(caught.value).replace(str(site), "SITE")
        assert _files(site / "_site") == built[jobs][0]  # the last good site stays
    assert built["1"] == built["2"]
    assert errors["1"] == errors["2"] and "portfolio.html:3" in errors["1"]


def _page(name: str, fail_in_child: bool = False, parent: int = os.getpid()) -> Any:
    """A piece of work that makes one file named ``name`` (its content: the pid)."""
    def work(_: Any) -> tuple[str, bytes]:
        if fail_in_child and os.getpid() != parent:
            raise RuntimeError("only in the child")
        return name, name.encode()
    return work


def _run(item: Any) -> Any:
    return item(None)


@pytest.fixture
def two_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_JOBS", "2")
    _need_fork()


def test_results_keep_the_order_of_the_items(two_jobs: None, forks: list[int]) -> None:
    pages = [_page(f"page-{i}") for i in range(6)]
    assert parallel.map(_run, pages, 30.0) == [(f"page-{i}", f"page-{i}".encode()) for i in range(6)]
    assert len(forks) == 1


def test_thousands_of_items_share_one_small_queue(two_jobs: None) -> None:
    results = parallel.map(lambda i: i * 2, list(range(5000)), 1.0)
    assert results == [i * 2 for i in range(5000)]


def test_child_failure_is_redone_here(two_jobs: None) -> None:
    import select

    parent = os.getpid()
    took, told = os.pipe()  # the child says when it has taken an item (and fails)
    redone: list[int] = []

    def page(i: int) -> Any:
        def work(_: Any) -> tuple[str, bytes]:
            if os.getpid() != parent:
                os.write(told, b".")
                raise RuntimeError("only in the child")
            return f"page-{i}", b""
        return work

    def meanwhile() -> None:  # this process starts only once the child has failed one
        assert select.select([took], [], [], 30)[0], "the child took nothing"

    try:
        results = parallel.map(_run, [page(i) for i in range(4)], 30.0, meanwhile=meanwhile,
                               redo=lambda: redone.append(os.getpid()))
    finally:
        os.close(took)
        os.close(told)
    assert [name for name, _ in results] == [f"page-{i}" for i in range(4)]
    assert redone == [parent]  # told once, here, before redoing


def test_error_here_stops_the_child_and_raises(two_jobs: None) -> None:
    def broken(_: Any) -> None:
        raise KeyError("template")

    with pytest.raises(KeyError):
        parallel.map(_run, [broken, _page("other")], 30.0, pinned=[True, False])
    with pytest.raises(ChildProcessError):  # the child was reaped: no zombie left
        os.waitpid(-1, os.WNOHANG)


def test_pinned_work_stays_here(two_jobs: None) -> None:
    here = os.getpid()
    results = parallel.map(lambda _: os.getpid(), ["pinned", "a"], 100.0, pinned=[True, False])
    assert results[0] == here


def test_small_work_is_not_forked(two_jobs: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked for 2 ms of work"))
    assert parallel.map(lambda i: -i, [1, 2], 1.0) == [-1, -2]
    assert parallel.map(lambda i: -i, [1, 2], 30.0, fork=False) == [-1, -2]


def test_each_runs_where_the_work_was_done(two_jobs: None) -> None:
    """What ``each`` returns is what comes back: the build writes there, sends back less."""
    here = os.getpid()
    results = parallel.map(lambda i: (i, os.getpid()), list(range(200)), 1.0,
                           each=lambda done: done[1] == os.getpid())
    assert all(results)
    assert parallel.map(lambda i: i, [1], 1.0, each=lambda done: (done, os.getpid())) == [(1, here)]


def test_map_shares_the_items_and_does_meanwhile_here(two_jobs: None) -> None:
    import select

    here = os.getpid()
    took, told = os.pipe()  # the child says when it has taken an item
    ran: list[int] = []

    def square(i: int) -> tuple[int, int]:
        if os.getpid() != here:
            os.write(told, b".")
        return i * i, os.getpid()

    def meanwhile() -> None:
        ran.append(os.getpid())
        assert select.select([took], [], [], 30)[0], "the child took nothing"

    try:
        results = parallel.map(square, list(range(300)), 1.0, meanwhile=meanwhile)
    finally:
        os.close(took)
        os.close(told)
    assert [value for value, _ in results] == [i * i for i in range(300)]
    assert ran == [here]  # once, here, not in the child
    assert {pid for _, pid in results} != {here}  # the child did its share


def test_map_redoes_here_what_the_child_failed(two_jobs: None) -> None:
    here = os.getpid()

    def square(i: int) -> int:
        if os.getpid() != here:
            raise RuntimeError("the child fails")
        return i * i

    assert parallel.map(square, list(range(300)), 1.0) == [i * i for i in range(300)]


def test_map_meanwhile_failing_stops_the_child_and_raises(two_jobs: None) -> None:
    def meanwhile() -> None:
        raise KeyError("warm-up")

    with pytest.raises(KeyError):
        parallel.map(lambda i: i, list(range(300)), 1.0, meanwhile=meanwhile)
    with pytest.raises(ChildProcessError):  # the child was reaped: no zombie left
        os.waitpid(-1, os.WNOHANG)


def test_portfolio_read_on_two_processes_reports_the_same(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          forks: list[int]) -> None:
    from brandkit.errors import ProfileError
    from brandkit.profile import load_site

    _need_fork()
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_site", "_card"))
    _many_items(site)
    loaded = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("BRANDKIT_JOBS", jobs)
        loaded[jobs] = load_site(site)
    assert len(forks) == 1 and loaded["1"] == loaded["2"]

    # Mistakes in both halves come back together, in file order, as from one process.
    (site / "portfolio" / "item-003.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (site / "portfolio" / "item-130.md").write_text("---\ndate: soon\n---\n", encoding="utf-8")
    messages = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("BRANDKIT_JOBS", jobs)
        with pytest.raises(ProfileError) as caught:
            load_site(site)
        messages[jobs] = str(caught.value)
    assert messages["1"] == messages["2"]
    assert messages["1"].index("item-003.md") < messages["1"].index("item-130.md")


# --- the write loop on two processes (output.Outputs through parallel.map's ``each``) ---


def _staged(tmp_path: Path) -> Any:
    from brandkit.output import Outputs, Staging

    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    return Outputs({"site": Staging(site / "_site", site)}, lambda path: ("site", path))


def _write_all(outputs: Any, pages: list[Any], meanwhile: Any = None) -> Any:
    """What build() does: write in whichever process rendered, note here, commit."""
    for puts in parallel.map(_run, pages, 30.0, each=lambda file: outputs.write([file]),
                             meanwhile=meanwhile, redo=outputs.redo):
        outputs.note(puts)
    return outputs.commit()["site"]


def _signal() -> tuple[Any, Any, Any]:
    """(tell, wait, close): the child tells, this process waits until it has."""
    import select

    took, told = os.pipe()

    def wait() -> None:
        assert select.select([took], [], [], 30)[0], "the child did nothing"

    def close() -> None:
        os.close(took)
        os.close(told)
    return (lambda: os.write(told, b".")), wait, close


def test_both_processes_write_into_one_staging_folder(two_jobs: None, tmp_path: Path) -> None:
    parent = os.getpid()
    tell, wait, close = _signal()  # the child has a page
    answer, wait_here, close_here = _signal()  # this process has one too
    started: list[int] = []

    def page(name: str) -> Any:
        def work(_: Any) -> tuple[str, bytes]:
            if os.getpid() != parent and not started:
                started.append(1)
                tell()
                wait_here()  # so that each process takes at least one page
            elif os.getpid() == parent:
                answer()
            return name, str(os.getpid()).encode()
        return work

    try:
        report = _write_all(_staged(tmp_path), [page(f"page-{i}/index.html") for i in range(8)],
                            meanwhile=wait)
    finally:
        close()
        close_here()
    out = tmp_path / "site" / "_site"
    assert report.written == sorted(f"page-{i}/index.html" for i in range(8))
    pids = {(out / rel).read_text() for rel in report.written}
    assert len(pids) == 2 and str(parent) in pids  # each process wrote its own pages


def test_child_failing_after_writing_is_redone_here(two_jobs: None, tmp_path: Path) -> None:

    parent = os.getpid()
    tell, wait, close = _signal()
    done_in_child: list[int] = []
    out = tmp_path / "site" / "_site"

    def page(i: int) -> Any:
        def work(_: Any) -> tuple[str, bytes]:
            if os.getpid() != parent:
                if done_in_child:  # its earlier page is in the staging folder already
                    tell()
                    raise RuntimeError("only in the child")
                done_in_child.append(i)
            return f"page-{i}.html", b"page %d" % i
        return work

    try:  # this process starts once the child has written one page and failed the next
        report = _write_all(_staged(tmp_path), [page(i) for i in range(8)], meanwhile=wait)
    finally:
        close()
    assert report.written == sorted(f"page-{i}.html" for i in range(8))
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == \
        {f"page-{i}.html": b"page %d" % i for i in range(8)}


def test_two_outputs_for_one_path_across_processes_is_refused(two_jobs: None, tmp_path: Path) -> None:
    outputs = _staged(tmp_path)
    with pytest.raises(ValueError, match="two outputs claim same.html"):
        _write_all(outputs, [_page("same.html"), _page("same.html")])
    outputs.abort()
    assert [p.name for p in (tmp_path / "site").iterdir()] == []
