"""load → validate → render → write. ``watch`` and ``serve`` call this too."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from brandkit.errors import Problem


@dataclass
class BuildReport:
    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.written) + len(self.unchanged)


def build_date() -> date:
    """Today, or ``SOURCE_DATE_EPOCH`` for reproducible builds (golden tests use it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def output_folder(site_folder: Path, configured: str, out: Path | None) -> Path:
    return out if out is not None else site_folder / configured


def build(site_folder: Path, out: Path | None = None, base_url: str | None = None) -> BuildReport:
    """Build the site in ``site_folder``; raise ``ProfileError``/``BrandkitError`` on bad input.

    Everything is rendered in memory first, so bad input never touches the last good output.
    """
    from brandkit.output import check_output_folder, write_site
    from brandkit.profile import load_site
    from brandkit.render.site import Options, render_site

    site = load_site(site_folder)
    target = output_folder(Path(site.folder), site.profile.site.output, out)
    check_output_folder(target, Path(site.folder))  # refuse before rendering anything
    files = render_site(site, Options(base_url=base_url, build_date=build_date()))
    written = write_site(target, Path(site.folder), files)
    return BuildReport(written.out, written.written, written.unchanged, written.removed)


def check(site_folder: Path) -> list[Problem]:
    """Validate (raising on errors) and return advice; writes nothing."""
    from brandkit.profile import load_site
    from brandkit.profile.advice import advise

    docs: dict = {}
    site = load_site(site_folder, docs)
    return advise(site, docs)
