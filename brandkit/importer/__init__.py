"""``brandkit import``: a new site folder from what people already have — a JSON Resume
``resume.json``, or LinkedIn's data export (its ZIP, or the folder it unpacks to).

Read (with size limits; a ZIP's members are read in memory, never extracted, and only
the CSV files brandkit knows) → a ``Draft`` (``jsonresume.py``, ``linkedin.py``) →
``profile.yaml``, ``private.yaml``, ``portfolio/*.md`` and ``init``'s support files,
written by ``output.write_new_files``: nothing existing is overwritten, nothing is
written outside the folder. What could not be imported comes back as located notes.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from brandkit import files
from brandkit.errors import BrandkitError, Problem, shown_path
from brandkit.importer import jsonresume, linkedin
from brandkit.importer.draft import Draft
from brandkit.importer.yamltext import dump, one_line
from brandkit.messages import say
from brandkit.output import write_new_files
from brandkit.profile.schema import schema_text
from brandkit.scaffold import GITIGNORE, PRIVATE, PRIVATE_HEAD

MAX_JSON = 5 * 1024 * 1024  # a resume.json is a few KiB; a 5 MiB one is not a resume
MAX_CSV = 2 * 1024 * 1024  # per CSV file (Profile.csv is one row)
MAX_MEMBERS = 10_000  # a ZIP's directory: LinkedIn's has a few dozen entries


@dataclass
class ImportReport:
    kind: str  # "jsonresume" or "linkedin"
    written: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # fixed (warnings) and left out


def import_site(source: Path, folder: Path) -> ImportReport:
    """Read ``source``, write a new site folder at ``folder``; every note at once."""
    if not os.path.lexists(source):
        raise BrandkitError(say("import_no_source", path=shown_path(source)))
    if os.path.islink(source):
        raise BrandkitError(f"{shown_path(source)}: {say('import_symlink')}")
    if source.is_dir():
        kind, d = "linkedin", _linkedin_folder(source)
    elif zipfile.is_zipfile(source):
        kind, d = "linkedin", _linkedin_zip(source)
    else:
        try:
            data = files.read(source, source.resolve().parent, MAX_JSON)
        except files.Unreadable as exc:
            raise BrandkitError(f"{shown_path(source)}: {exc.message}") from None
        kind, d = "jsonresume", jsonresume.read(data, shown_path(source))
    written = write_new_files(folder, {k: v.encode("utf-8") for k, v in site_files(d).items()})
    return ImportReport(kind, written, sorted(d.notes, key=_where))


def _where(note: Problem) -> tuple:
    """File order: by file, CSV line and column, then JSON pointer (/work/10 after /work/2)."""
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                  for part in note.path.split("/"))
    return note.file, note.line, note.col, parts


def site_files(d: Draft) -> dict[str, str]:
    """The new folder's files, as text."""
    out = {"profile.yaml": profile_text(d), "profile.schema.json": schema_text(),
           "private.yaml": (PRIVATE_HEAD + dump(d.private)) if d.private else PRIVATE,
           ".gitignore": GITIGNORE}
    for item in d.items:
        out[f"portfolio/{item.slug}.md"] = "---\n" + dump(item.front) + "---\n" + item.body
    return out


def profile_text(d: Draft) -> str:
    comments = {"identity": say("import_comment_identity"), "links": say("import_comment_links"),
                "strengths": say("import_comment_strengths")}
    text = ("# yaml-language-server: $schema=profile.schema.json\n"
            f"# {one_line(say('import_comment_head', source=d.source))}\n\n"
            + dump(d.profile, comments=comments))
    text += f"\n# {one_line(say('import_comment_offers'))}\n# offers:\n#   - title: \"…\"\n"
    if d.leftovers:
        text += f"\n# {one_line(say('import_comment_leftovers'))}\n"
        text += "".join(f"#   {one_line(line)}\n" for line in d.leftovers)
    return text


# --- LinkedIn: which files, read safely --------------------------------------------------


def _linkedin_folder(folder: Path) -> Draft:
    found: dict[str, bytes] = {}
    shown: dict[str, str] = {}
    problems: list[Problem] = []
    for name in linkedin.WANTED:
        path = folder / name
        if not os.path.lexists(path):
            continue
        shown[name] = shown_path(path)
        if os.path.islink(path):
            problems.append(Problem(shown[name], 0, 0, "", say("import_symlink")))
            continue
        try:
            found[name] = files.read(path, folder, MAX_CSV)
        except files.Unreadable as exc:
            problems.append(Problem(shown[name], 0, 0, "", exc.message, hint=exc.hint))
    return _linkedin(found, shown, shown_path(folder), problems)


def _linkedin_zip(path: Path) -> Draft:
    found: dict[str, bytes] = {}
    shown: dict[str, str] = {}
    problems: list[Problem] = []
    where = shown_path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise BrandkitError(f"{where}: {say('import_zip_bad', detail=len(members))}")
            for info in members:
                name = info.filename.replace("\\", "/")
                base = name.rsplit("/", 1)[-1]
                # Only the export's own CSV files, at its top or in one folder; a name
                # leading anywhere else (`../`, `/etc/…`) is never a LinkedIn file.
                if base not in linkedin.WANTED or base in found or name.count("/") > 1 \
                        or name.startswith("/") or ".." in name.split("/"):
                    continue
                shown[base] = f"{where}:{name}"
                why = _unsafe(info)
                if why:
                    problems.append(Problem(shown[base], 0, 0, "", why))
                    continue
                with archive.open(info) as member:
                    data = member.read(MAX_CSV + 1)  # the header's size may lie
                if len(data) > MAX_CSV:
                    problems.append(Problem(shown[base], 0, 0, "", say(
                        "read_too_big", size=f"{info.file_size / 1024:.0f}", limit=MAX_CSV // 1024)))
                    continue
                found[base] = data
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise BrandkitError(f"{where}: {say('import_zip_bad', detail=exc)}") from None
    return _linkedin(found, shown, where, problems)


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return say("import_symlink")
    if info.flag_bits & 0x1:
        return say("import_zip_encrypted")
    if info.file_size > MAX_CSV:
        return say("read_too_big", size=f"{info.file_size / 1024:.0f}", limit=MAX_CSV // 1024)
    return None


def _linkedin(found: dict[str, bytes], shown: dict[str, str], source: str,
              problems: list[Problem]) -> Draft:
    if "Profile.csv" not in found:
        if "Profile.csv" in shown:  # there, but refused: say why, as the one error
            raise BrandkitError("\n".join(str(p) for p in problems))
        raise BrandkitError(f"{source}: {say('import_not_linkedin')}")
    d = linkedin.convert(found, shown, source)
    d.notes[:0] = problems
    return d
