"""``brandkit import resume.json``: JSON Resume's own sample and examples import into a
folder that passes ``check`` and builds; messy files are fixed where the fix is certain
and every other problem is located by JSON pointer, all at once; what is not JSON
Resume is one clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from brandkit.build import build, check
from brandkit.cli import main
from brandkit.errors import BrandkitError, shown_path
from brandkit.importer import import_site
from brandkit.profile import load_site
from tests.importer.conftest import resume_samples, schema_package

SAMPLES = resume_samples()


def write(tmp_path: Path, data: object, name: str = "resume.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_official_sample_imports_checks_and_builds(tmp_path: Path) -> None:
    source = schema_package() / "sample.resume.json"
    report = import_site(source, tmp_path / "site")
    assert report.kind == "jsonresume"
    assert report.written == [".gitignore", "portfolio/miss-direction.md", "private.yaml",
                              "profile.schema.json", "profile.yaml"]
    site = load_site(tmp_path / "site")
    p = site.profile
    assert (p.name.given, p.name.family) == ("Richard", "Hendriks")
    assert p.identity.text("en") == "Programmer"
    assert p.about.text("en").startswith("Richard hails from Tulsa.")
    assert [s.title.text("en") for s in p.strengths] == ["Web Development", "Compression"]
    assert p.contacts.email.value == "richard.hendriks@mail.com"
    assert p.contacts.location.value["*"] == "San Francisco, California, US"
    # Twitter's network is brandkit's `x`; the sample's URL is only the home page, so
    # the user name makes the link. An unknown network stays a named URL.
    assert [(link.service, link.url) for link in p.links] == [
        ("x", "https://x.com/neutralthoughts"),
        ("SoundCloud", "https://soundcloud.example.com/dandymusicnl")]
    assert p.site.url == "http://richardhendricks.example.com/"
    assert p.lang == ["en"]
    # The phone goes to private.yaml: the card prints it, the site never shows it.
    assert "912" not in (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8")
    assert p.contacts.phone.value == "(912) 555-4321"
    assert "site" not in p.contacts.shown("site") and "phone" not in p.contacts.shown("site")
    [item] = site.portfolio
    assert (item.slug, item.title.text("en"), item.date.isoformat()) == ("miss-direction", "Miss Direction", "2016-08-24")
    assert item.tags == ["GoogleMaps", "Chrome Extension", "Javascript"]
    assert [link.url for link in item.links] == ["http://missdirection.example.com"]
    assert item.body.text("en").startswith("- Won award at AIHacks 2016\n")
    # Nothing is dropped silently: the sections with no home are listed as comments.
    text = (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8")
    for line in ("#   work[0]: CEO/President, Pied Piper (2013-12-01 – 2014-12-01)",
                 "#   education[0]: University of Oklahoma, Information Technology, Bachelor",
                 "#   volunteer[0]: CoderDojo, Teacher", "#   awards[0]: Digital Compression Pioneer Award",
                 "#   publications[0]: Video compression for 3d media", "#   references[0]: Erlich Bachman"):
        assert line in text
    # The street address is private: said, never copied.
    assert [(n.file, n.path, n.message, n.warning) for n in report.notes] == [
        (shown_path(source), f"/basics/location/{key}", "private: not copied into the profile", True)
        for key in ("address", "postalCode")]
    assert "2712 Broadway" not in text
    advice = [f"{a.path}: {a.message}" for a in check(tmp_path / "site")]
    # What the import could not supply, check asks for.
    assert advice == [
        ": no offers: say how you can help others (give first)",
        "identity: one or two words read like a job title: say what you combine, or who you help",
        "about: the English drafts are thin: 30s 55 %, 3min 30 % of the slot (aim for 75-90 %); "
        "add or lengthen next, offers, about, strengths, or write your own under scripts:",
        "strengths: 2 strengths; 3 to 5 are easier to remember"]
    out = build(tmp_path / "site").out
    assert "Richard Hendriks" in (out / "index.html").read_text(encoding="utf-8")
    assert "912" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SAMPLES[1:], ids=lambda p: p.name)
def test_the_official_examples_import_and_pass_check(tmp_path: Path, source: Path) -> None:
    report = import_site(source, tmp_path / "site")
    assert all(note.warning for note in report.notes), [str(n) for n in report.notes]
    assert all(not a.message.startswith("required") for a in check(tmp_path / "site"))
    data = json.loads(source.read_text(encoding="utf-8"))
    profile = load_site(tmp_path / "site").profile
    assert profile.name.display("en") == data["basics"]["name"]
    assert profile.identity["*"] == data["basics"]["label"]


def test_the_current_position_is_role_organization_and_now(tmp_path: Path) -> None:
    source = write(tmp_path, {
        "basics": {"name": "山田 花子", "label": "AIと教育を掛け合わせる仕事をしています"},
        "work": [{"name": "株式会社まなびラボ", "position": "プロダクトマネージャー",
                  "startDate": "2021-04", "summary": "中高生向けAIチューターを開発しています。"},
                 {"name": "市立中学校", "position": "数学教員", "startDate": "2012", "endDate": "2021-03"}],
        "languages": [{"language": "Japanese"}, {"language": "英語"}, {"language": "Klingon"}]})
    import_site(source, tmp_path / "site")
    p = load_site(tmp_path / "site").profile
    assert (p.name.family, p.name.given) == ("山田", "花子")
    assert (p.role["*"], p.organization["*"]) == ("プロダクトマネージャー", "株式会社まなびラボ")
    assert p.now["*"] == "中高生向けAIチューターを開発しています。"
    assert p.lang == ["ja", "en"]
    text = (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8")
    assert "#   work[1]: 数学教員, 市立中学校 (2012 – 2021-03)" in text
    assert "#   languages[2]: Klingon" in text
    # A Japanese name without readings: check asks for them (they cannot be guessed).
    assert any("reading" in a.message for a in check(tmp_path / "site"))


MESSY = {
    "basics": {
        "name": "Jane Doe", "label": "I help teams ship accessible software",
        "email": "jane@", "phone": "call me", "url": "janedoe.example.com",
        "image": "", "summary": "",
        "location": {"city": "Berlin", "countryCode": "", "region": None},
        "profiles": [
            {"network": "GitHub", "username": "jane-doe", "url": ""},
            {"network": "LinkedIn", "username": "", "url": "linkedin.com/in/jane"},
            {"network": "Blog", "url": "javascript:alert(1)"},
            {"network": "", "username": "", "url": ""},
            "not an object",
        ],
    },
    "work": {"not": "a list"},
    "skills": [{"name": "Accessibility"}, {"name": ""}, {"name": 42}],
    "projects": [
        {"name": "Screen reader tests", "startDate": "2016-08", "url": "example.com/sr",
         "keywords": ["a11y", ""]},
        {"name": "Year only", "startDate": "2016"},
        {"name": "Bad date", "startDate": "August 2016"},
        {"description": "no name"},
    ],
    "education": [{"institution": "TU Berlin", "area": "Computer Science", "startDate": "2010"}],
}


def test_messy_data_fixed_where_certain_and_every_problem_located(tmp_path: Path) -> None:
    source = write(tmp_path, MESSY)
    report = import_site(source, tmp_path / "site")
    shown = [str(note) for note in report.notes]
    s = str(source)
    assert shown == [
        f'{s}: /basics/email: not an email address; left out (got "jane@")',
        f'{s}: /basics/phone: not a phone number; left out (got "call me")',
        f'{s}: warning: /basics/profiles/1/url: no scheme: read as https://linkedin.com/in/jane (got "linkedin.com/in/jane")',
        f'{s}: /basics/profiles/2/url: links may only use http, https, mailto or tel; left out (got "javascript:alert(1)")',
        f'{s}: /basics/profiles/4: expected an object {{…}}; left out (got "not an object")',
        f'{s}: warning: /basics/url: no scheme: read as https://janedoe.example.com (got "janedoe.example.com")',
        f'{s}: warning: /projects/0/startDate: a partial date: read as 2016-08-01 (got "2016-08")',
        f'{s}: warning: /projects/0/url: no scheme: read as https://example.com/sr (got "example.com/sr")',
        f'{s}: warning: /projects/1/startDate: a partial date: read as 2016-01-01 (got "2016")',
        f'{s}: /projects/2/startDate: not a date (YYYY, YYYY-MM or YYYY-MM-DD); left out (got "August 2016")',
        f'{s}: /projects/3/name: a project without a name; left out',
        f'{s}: /skills/2/name: expected text; left out (got "42")',
        f'{s}: /work: expected a list […]; left out (got a mapping)',
    ]
    # What could be imported was written, and it loads.
    site = load_site(tmp_path / "site")
    p = site.profile
    assert [(link.service, link.url) for link in p.links] == [
        ("github", "https://github.com/jane-doe"), ("linkedin", "https://linkedin.com/in/jane")]
    assert p.site.url == "https://janedoe.example.com/"
    assert p.contacts.email is None and p.contacts.phone is None
    assert p.contacts.location.value["*"] == "Berlin"
    assert [s.title.text("en") for s in p.strengths] == ["Accessibility"]
    assert sorted((i.slug, i.date and i.date.isoformat()) for i in site.portfolio) == [
        ("bad-date", None), ("screen-reader-tests", "2016-08-01"), ("year-only", "2016-01-01")]
    assert "#   education[0]: TU Berlin, Computer Science (2010)" in \
        (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8")


def test_japanese_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    source = write(tmp_path, {"basics": {"name": "山田 花子", "label": "AIと教育", "url": "example.com"}})
    report = import_site(source, tmp_path / "site")
    assert [str(n) for n in report.notes] == [
        f'{source}: 提案: /basics/url: スキームがないため https://example.com として読み込みました (got "example.com")'
        .replace("(got", "(" + __import__("brandkit.messages").messages.say("got"))]
    text = (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8")
    assert "# ギブ・ファースト" in text


def test_a_missing_basics_is_said_and_the_rest_imported(tmp_path: Path) -> None:
    source = write(tmp_path, {"skills": [{"name": "Rust"}], "projects": [{"name": "ripgrep"}]})
    report = import_site(source, tmp_path / "site")
    assert [f"{n.path}: {n.message}" for n in report.notes] == [
        "/basics: no `basics`: your name, identity and contacts must be filled in by hand",
        ("/basics/label: no headline to use as your identity: your role (or name) was put there; "
        "write one line people remember you by"),
        "/basics/name: no name: write `name:` in profile.yaml"]
    assert (tmp_path / "site" / "portfolio" / "ripgrep.md").is_file()
    data = yaml.safe_load((tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8"))
    assert data == {"lang": ["en"], "strengths": ["Rust"]}


@pytest.mark.parametrize("content, expected", [
    (b'{"basics": {"name": "x",}}', "resume.json:1:25: not JSON: Expecting property name enclosed in double quotes"),
    (b"[1, 2, 3]", "resume.json: not a JSON Resume file"),
    (b'{"name": "brandkit", "version": "1.0.0"}', "resume.json: not a JSON Resume file"),
    (b"\xff\xfe{}", "resume.json: not UTF-8 text"),
    (b"name: Hanako\nidentity: x\n", "resume.json:1:1: not JSON"),
])
def test_not_json_resume_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str], content: bytes,
                                            expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resume.json").write_bytes(content)
    with pytest.raises(BrandkitError) as caught:
        import_site(Path("resume.json"), Path("site"))
    assert str(caught.value).startswith(expected)
    assert not (tmp_path / "site").exists()
    assert main(["import", "resume.json", "site"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("brandkit: " + expected) and "Traceback" not in err


def test_never_overwrites_and_never_writes_outside(tmp_path: Path) -> None:
    source = write(tmp_path, {"basics": {"name": "A B", "label": "I help teams"},
                              "projects": [{"name": "../../escape"}, {"name": "/etc/passwd"}]})
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "profile.yaml").write_text("mine\n", encoding="utf-8")
    with pytest.raises(BrandkitError, match="already exists"):
        import_site(source, tmp_path / "site")
    assert (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["profile.yaml"]
    report = import_site(source, tmp_path / "other")
    assert sorted(report.written) == [".gitignore", "portfolio/escape.md", "portfolio/etc-passwd.md",
                                      "private.yaml", "profile.schema.json", "profile.yaml"]
    inside = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert inside == {"resume.json", "site/profile.yaml", *(f"other/{w}" for w in report.written)}


def test_cli_import_prints_notes_and_next_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"basics": {"name": "Jane Doe", "label": "I help teams ship", "url": "jane.dev"}})
    assert main(["import", "resume.json", "jane"]) == 0
    out, err = capsys.readouterr()
    assert err == 'resume.json: warning: /basics/url: no scheme: read as https://jane.dev (got "jane.dev")\n'
    assert out == ("imported JSON Resume into jane: 4 files\n1 fixed, 0 left out (above)\n"
                   "next: edit jane/profile.yaml, then `brandkit check jane` and `brandkit build jane`\n")


def test_an_older_draft_of_the_schema_imports(tmp_path: Path) -> None:
    """Before v1.0.0, JSON Resume said `website`, `picture` and `company`: read the same."""
    source = write(tmp_path, {
        "basics": {"name": "Jane Doe", "label": "I help small teams ship accessible software",
                   "website": "https://jane.example.com", "picture": "https://jane.example.com/me.jpg"},
        "work": [{"company": "Acme", "position": "Staff engineer", "website": "https://acme.example"}]})
    report = import_site(source, tmp_path / "site")
    assert report.notes == []
    p = load_site(tmp_path / "site").profile
    assert (p.organization.text("en"), p.role.text("en")) == ("Acme", "Staff engineer")
    assert p.site.url == "https://jane.example.com/"
    text = (tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8")
    assert "#   basics.image: https://jane.example.com/me.jpg (copy the photo into assets/" in text
