"""``brandkit export``: the profile as JSON Resume files (``render/resume.py``), written
beside ``profile.yaml`` or into ``--out``. Only what the public site shows goes in, so
the files are safe to publish (a JSON Resume theme, the JSON Resume registry)."""

from __future__ import annotations

from pathlib import Path

from brandkit.output import replace_file
from brandkit.profile import load_site
from brandkit.render.resume import resume_files


def export(site_folder: Path, out: Path | None = None) -> list[Path]:
    """Write ``resume.json`` (primary language) and ``resume.<lang>.json``; their paths."""
    site = load_site(site_folder)
    target = out if out is not None else Path(site.folder)
    written = []
    for name, data in resume_files(site).items():
        replace_file(target, name, data)
        written.append(target / name)
    return written
