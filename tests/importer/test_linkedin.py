"""``brandkit import`` of LinkedIn's data export (the ZIP, or the folder it unpacks to).

The CSV files here are written by hand to match the column headers LinkedIn documents
for "Get a copy of your data" (Settings → Data privacy), as listed in the product brief
(/work/shared/BRIEF.md, "Formats people already have"): Profile.csv (First Name, Last
Name, Maiden Name, Address, Birth Date, Headline, Summary, Industry, Zip Code, Geo
Location, Twitter Handles, Websites, Instant Messengers), Positions.csv (Company Name,
Title, Description, Location, Started On, Finished On), Skills.csv (Name); and, as found
in real exports, Email Addresses.csv (Email Address, Confirmed, Primary, Updated On),
Languages.csv (Name, Proficiency) and Projects.csv (Title, Description, Url, Started On,
Finished On). The values are invented.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from brandkit.build import build, check
from brandkit.cli import main
from brandkit.errors import BrandkitError
from brandkit.importer import MAX_CSV, import_site
from brandkit.profile import load_site

PROFILE_COLUMNS = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                   "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
                   "Instant Messengers"]
POSITION_COLUMNS = ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]


def table(columns: list[str], *rows: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as LinkedIn writes them
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def export_files(**changes: str) -> dict[str, bytes]:
    """A LinkedIn export of 山田 花子; Profile.csv with Excel's BOM, the others without."""
    files = {
        "Profile.csv": "\ufeff" + table(PROFILE_COLUMNS, [
            "花子", "山田", "", "東京都千代田区1-1-1", "Jan 1, 1990",
            "AIと教育を掛け合わせる仕事をしています",
            "元・中学校の数学教員です。\n生成AIで一人ひとりに合った学びを届けています。",
            "E-Learning", "100-0001", "Tokyo, Japan", "[hanako_manabi]",
            "[PERSONAL:hanako.example.com,BLOG:https://note.com/hanako_manabi]", "[SKYPE:hanako]"]),
        "Positions.csv": table(POSITION_COLUMNS,
                               ["株式会社まなびラボ", "プロダクトマネージャー",
                                "中高生向けAIチューターを開発しています。", "東京", "Apr 2021", ""],
                               ["市立中学校", "数学教員", "", "東京", "Apr 2012", "Mar 2021"]),
        "Skills.csv": table(["Name"], *[[s] for s in ("生成AI", "教員研修", "プロダクトマネジメント",
                                                       "数学教育", "データ分析", "Python")]),
        "Email Addresses.csv": table(["Email Address", "Confirmed", "Primary", "Updated On"],
                                     ["old@example.com", "Yes", "No", "1/1/20, 10:00 AM"],
                                     ["hanako@example.com", "Yes", "Yes", "1/1/24, 10:00 AM"]),
        "Languages.csv": table(["Name", "Proficiency"], ["Japanese", "Native or bilingual proficiency"],
                               ["English", "Professional working proficiency"]),
        "Projects.csv": table(["Title", "Description", "Url", "Started On", "Finished On"],
                              ["Manabi AI tutor", "A maths tutor that gives hints", "manabi.example.com",
                               "Sep 2025", ""]),
    }
    files.update(changes)
    return {name: text.encode("utf-8") for name, text in files.items()}


def as_folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "Basic_LinkedInDataExport"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def as_zip(tmp_path: Path, files: dict[str, bytes], prefix: str = "") -> Path:
    path = tmp_path / "Basic_LinkedInDataExport_12-01-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(prefix + name, data)
    return path


@pytest.mark.parametrize("shape", ["folder", "zip", "zip in a folder"])
def test_a_linkedin_export_imports_checks_and_builds(tmp_path: Path, shape: str) -> None:
    files = export_files()
    source = (as_folder(tmp_path, files) if shape == "folder" else
              as_zip(tmp_path, files, "" if shape == "zip" else "Basic_LinkedInDataExport/"))
    report = import_site(source, tmp_path / "site")
    assert report.kind == "linkedin"
    site = load_site(tmp_path / "site")
    p = site.profile
    assert p.lang == ["ja", "en"]
    assert (p.name.family, p.name.given) == ("山田", "花子")
    assert p.identity.text("ja") == "AIと教育を掛け合わせる仕事をしています"
    assert (p.role.text("ja"), p.organization.text("ja")) == ("プロダクトマネージャー", "株式会社まなびラボ")
    assert p.now.text("ja") == "中高生向けAIチューターを開発しています。"
    assert p.about.text("ja") == "元・中学校の数学教員です。\n生成AIで一人ひとりに合った学びを届けています。"
    assert [s.title.text("ja") for s in p.strengths] == ["生成AI", "教員研修", "プロダクトマネジメント",
                                                         "数学教育", "データ分析"]
    assert p.contacts.email.value == "hanako@example.com"  # the primary one
    assert p.contacts.location.value.text("ja") == "Tokyo, Japan"
    assert [(link.service, link.url) for link in p.links] == [
        ("website", "https://hanako.example.com"), ("blog", "https://note.com/hanako_manabi"),
        ("x", "https://x.com/hanako_manabi")]
    [item] = site.portfolio
    assert (item.slug, item.date.isoformat()) == ("manabi-ai-tutor", "2025-09-01")
    assert [link.url for link in item.links] == ["https://manabi.example.com"]
    text = (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8")
    # Private columns are said, never copied: not even into a comment.
    for private in ("千代田区", "1990", "100-0001", "SKYPE"):
        assert private not in text
    assert "#   Positions: 数学教員, 市立中学校 (Apr 2012 – Mar 2021)" in text
    assert "#   Skills: Python (more than 5: pick the ones that matter)" in text
    assert "#   Industry: E-Learning" in text
    notes = [(n.file.rsplit("/", 1)[-1].rsplit(":", 1)[-1], n.line, n.col, n.path, n.warning)
             for n in report.notes]
    assert notes == [
        ("Profile.csv", 2, 4, "Address", True), ("Profile.csv", 2, 5, "Birth Date", True),
        ("Profile.csv", 2, 9, "Zip Code", True), ("Profile.csv", 2, 12, "Websites", True),
        ("Profile.csv", 2, 13, "Instant Messengers", True),
        ("Projects.csv", 2, 3, "Url", True), ("Projects.csv", 2, 4, "Started On", True)]
    advice = [(a.path, a.message) for a in check(tmp_path / "site")]
    # What a LinkedIn export cannot supply: check asks for it.
    assert advice[:2] == [("", "no offers: say how you can help others (give first)"),
                          ("name", ("a Japanese name without a reading; add `reading:` (people "
                                    "will not guess it right)"))]
    # And that the drafted scripts lack material (no offers, no `now`): the thin drafts.
    assert advice[2:] and all(path == "about" and " drafts are thin: " in message
                              for path, message in advice[2:])
    out = build(tmp_path / "site").out
    assert "AIと教育を掛け合わせる仕事をしています" in (out / "index.html").read_text(encoding="utf-8")


def test_only_profile_csv_is_needed_and_notes_are_located(tmp_path: Path) -> None:
    profile = table(PROFILE_COLUMNS, ["Jane", "Doe", "", "", "", "", "", "", "", "", "",
                                      "[PERSONAL:not a url]", ""])
    source = as_folder(tmp_path, {"Profile.csv": profile.encode()})
    report = import_site(source, tmp_path / "site")
    shown = [str(n).split("Basic_LinkedInDataExport/", 1)[-1] for n in report.notes]
    assert shown == [
        ("Profile.csv:2:6: Headline: no headline to use as your identity: your role (or name) was put "
        "there; write one line people remember you by"),
        'Profile.csv:2:12: Websites: not a web address; left out (got "not a url")']
    p = load_site(tmp_path / "site").profile
    assert (p.name.given, p.name.family, p.identity.text("en"), p.lang) == ("Jane", "Doe", "Jane Doe", ["en"])


def test_zip_members_outside_or_linked_are_never_read(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    good = export_files()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../Profile.csv", good["Profile.csv"])  # zip-slip: not LinkedIn's
        archive.writestr("/etc/Profile.csv", good["Profile.csv"])
        archive.writestr("a/b/Profile.csv", good["Profile.csv"])  # deeper than the export's
    with pytest.raises(BrandkitError, match="not a LinkedIn data export: no Profile.csv"):
        import_site(path, tmp_path / "site")
    assert not (tmp_path / "site").exists()

    link = zipfile.ZipInfo("Profile.csv")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(BrandkitError, match="Profile.csv: a symbolic link"):
        import_site(path, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_a_linked_csv_in_a_folder_is_refused(tmp_path: Path) -> None:
    folder = as_folder(tmp_path, {"Skills.csv": b"Name\nx\n"})
    secret = tmp_path / "secret.csv"
    secret.write_text("First Name,Last Name\nSecret,Person\n", encoding="utf-8")
    os.symlink(secret, folder / "Profile.csv")
    with pytest.raises(BrandkitError, match="a symbolic link"):
        import_site(folder, tmp_path / "site")
    os.symlink(folder, tmp_path / "linked-export")
    with pytest.raises(BrandkitError, match="a symbolic link"):
        import_site(tmp_path / "linked-export", tmp_path / "site")


def test_an_oversized_csv_is_skipped_and_the_rest_imported(tmp_path: Path) -> None:
    # ~3 MiB of skills that deflate to a few KiB: read no further than the limit.
    huge = table(["Name"], *[["x" * 60] for _ in range(MAX_CSV // 60 + 1000)])
    source = as_zip(tmp_path, export_files(**{"Skills.csv": huge}))
    report = import_site(source, tmp_path / "site")
    [skipped] = [n for n in report.notes if n.file.endswith("Skills.csv")]
    assert "too large" in skipped.message and not skipped.warning
    assert load_site(tmp_path / "site").profile.strengths == []


@pytest.mark.parametrize("make", ["empty zip", "folder", "not a zip"])
def test_not_a_linkedin_export_is_one_clear_error(tmp_path: Path, make: str,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    if make == "empty zip":
        with zipfile.ZipFile("export.zip", "w") as archive:
            archive.writestr("Connections.csv", "First Name\n")
        source, expected = "export.zip", "brandkit: export.zip: not a LinkedIn data export: no Profile.csv in it\n"
    elif make == "folder":
        Path("export").mkdir()
        source, expected = "export", "brandkit: export: not a LinkedIn data export: no Profile.csv in it\n"
    else:
        Path("export.zip").write_bytes(b"PK\x03\x04 truncated")
        source, expected = "export.zip", "brandkit: export.zip:1:1: not JSON: Expecting value"
    assert main(["import", source, "site"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected) and "Traceback" not in err
    assert not Path("site").exists()


def test_csv_that_is_not_utf8_is_said(tmp_path: Path) -> None:
    source = as_folder(tmp_path, export_files(**{"Skills.csv": ""}) | {
        "Skills.csv": "Name\n生成AI\n".encode("shift_jis")})
    report = import_site(source, tmp_path / "site")
    [note] = [n for n in report.notes if n.file.endswith("Skills.csv")]
    assert note.message.startswith("not UTF-8 text")
