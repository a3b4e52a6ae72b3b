"""Shared fixtures: the example site built once per session with a fixed date; and the
one hypothesis profile every property test runs under (docs/testing.md)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "example-site"
FIXED_EPOCH = "1767225600"  # 2026-01-01: golden files must not change with the calendar

# Property tests count examples, never seconds: no deadline, and no health check that
# times the generator (a busy machine would trip both). Under CI=true the examples are
# derandomised (the same ones every run, chosen per test) and nothing is saved between
# runs; "dev" explores new examples each run and keeps failing ones in .hypothesis/.
# HYPOTHESIS_PROFILE=ci|dev overrides the choice. Budgets are each test's max_examples.
settings.register_profile("dev", deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", settings.get_profile("dev"), derandomize=True, database=None)
IN_CI = os.environ.get("CI", "").lower() in {"true", "1"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))


def pytest_configure(config: pytest.Config) -> None:
    # Builds under test (and the brandkit processes they start) keep QR codes, PDFs and
    # compiled templates in a cache of this run's own, never in the user's ~/.cache.
    # A test that needs an empty cache sets XDG_CACHE_HOME to one of its own.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="brandkit-tests-cache-")
    config.stash[_CACHE] = os.environ["XDG_CACHE_HOME"]


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash.get(_CACHE, ""), ignore_errors=True)


_CACHE = pytest.StashKey[str]()


def copy_example(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_site", "_card", ".*.tmp-*", ".*.old-*", "._*.lock"))
    return target


@pytest.fixture
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds dated 2026-01-01, messages in English."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("BRANDKIT_LANG", "en")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site to change (a test module may define its own ``site``)."""
    return copy_example(tmp_path / "site")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site's output folder (`_site`), built in-process."""
    from brandkit.build import build

    site = copy_example(tmp_path_factory.mktemp("example") / "example-site")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    patch.setenv("BRANDKIT_LANG", "en")
    try:
        report = build(site)
    finally:
        patch.undo()
    return report.out


def snapshot(out: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under ``out``: bytes, mtime and inode (a rewrite changes the last two)."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            info = path.stat()
            found[path.relative_to(out).as_posix()] = (path.read_bytes(), info.st_mtime_ns, info.st_ino)
    return found


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` with ``new`` (a save in an editor)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
