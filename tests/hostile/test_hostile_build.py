"""Hostile and odd profiles at build time: every payload in every field either builds into
a site where it is only text, or is refused with located problems — never a traceback,
never markup. (What a browser does with the result: tests/browser/test_hostile_browser.py.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from brandkit.build import build
from brandkit.errors import Problem, ProfileError
from hostile_sites import (OVER_LIMITS, PAYLOADS, REPO_ROOT, SCRIPT_URLS, TOO_LARGE, VISIBLE,
                           WITHIN_LIMITS, active_content, dump, item_data, page_text,
                           profile_data, write_site)

FIXED_EPOCH = "1767225600"


@pytest.fixture(autouse=True)
def fixed_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("BRANDKIT_LANG", "en")


def shaped(name: str) -> dict[str, bool]:
    """Payloads about the file itself also shape the file: CRLF endings, a leading BOM."""
    return {"crlf": name == "windows-line-endings", "bom": name == "byte-order-mark"}


def assert_located(problems: list[Problem]) -> None:
    """Each problem names its file, line and column, and reads as words, not a repr."""
    assert problems
    for problem in problems:
        assert problem.file.endswith((".yaml", ".md")), problem
        if problem.path or problem.line:  # else about the whole file (too large, empty)
            assert problem.line >= 1 and problem.col >= 1, f"not located: {problem}"
        text = str(problem)
        assert "<class" not in text and "Traceback" not in text, text


# Raw control, bidi-override, isolate and zero-width characters would scramble the line
# a user reads in their terminal; brandkit shows them as \uXXXX.
UNSAFE_FOR_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
MAX_MESSAGE = 400


def message_faults(problem: Problem) -> list[str]:
    text, faults = str(problem), []
    if UNSAFE_FOR_TERMINAL.search(text):
        faults.append(f"raw control/bidi character: {text[:120]!r}")
    if len(text) > MAX_MESSAGE:
        faults.append(f"{len(text)} characters long: {text[:120]!r}…")
    return faults


def html_files(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*.html"))}


@lru_cache(maxsize=None)
def _harmless(root: str) -> dict[str, dict]:
    site = write_site(Path(root) / "harmless", "Hanako harmless text")
    out = build(site, pdf=False).out
    return {path: active_content(html) for path, html in html_files(out).items()}


@pytest.fixture(scope="module")
def harmless(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Active content of each page for a profile with plain text in the same fields."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    return _harmless(str(tmp_path_factory.mktemp("harmless")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``built(name)``: the site with that payload in every text field, built once for the
    tests that read it (free text is valid text: the build must succeed)."""
    outs: dict[str, Path] = {}

    def out(name: str) -> Path:
        if name not in outs:
            site = write_site(tmp_path_factory.mktemp("payload") / "site", PAYLOADS[name],
                              **shaped(name))
            outs[name] = build(site, pdf=False).out
        return outs[name]

    return out


@pytest.mark.parametrize("name", WITHIN_LIMITS)
def test_payload_in_every_text_field_stays_text(built: Callable[[str], Path],
                                                harmless: dict[str, dict], name: str) -> None:
    text = PAYLOADS[name]
    out = built(name)

    pages = html_files(out)
    assert set(pages) == set(harmless), "the payload changed which pages exist"
    for path, html in pages.items():
        assert active_content(html) == harmless[path], f"{path}: the payload became markup"

    home = pages["index.html"]
    if name in VISIBLE:
        assert text in page_text(home), f"{name!r} is not shown as typed on the home page"

    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S)
    assert ld, "no JSON-LD on the home page"
    person = json.loads(ld.group(1))["mainEntity"]
    assert person["description"] in (text, text.replace("\r\n", "\n"))


@pytest.mark.parametrize("name", WITHIN_LIMITS)
def test_vcard_lines_cannot_be_injected(built: Callable[[str], Path], name: str) -> None:
    """A payload with line breaks must not start a new vCard property (a bare CR or LF
    would let `x\\rTEL:…` add a phone number to a visitor's contacts)."""
    data = (built(name) / "contact.vcf").read_bytes()
    assert re.search(rb"\r(?!\n)|(?<!\r)\n", data) is None, "bare CR or LF in the vCard"
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in unfolded if line]
    assert names.count("TEL") == 0  # the phone is card/vCard-only: not in the public file
    assert names.count("BEGIN") == names.count("END") == 1


@pytest.mark.parametrize("name", OVER_LIMITS)
def test_payload_over_the_limits_is_refused_in_each_field(tmp_path: Path, name: str) -> None:
    """Issue 13, item 7: a 10,000-character text is refused where it is, never built."""
    site = write_site(tmp_path / "site", PAYLOADS[name], **shaped(name))
    with pytest.raises(ProfileError) as refused:
        build(site, pdf=False)
    assert_located(refused.value.problems)
    too_long = {p.path for p in refused.value.problems if p.message.startswith("too long: ")}
    assert {"identity.ja", "identity.en", "name.family", "about", "strengths[0].title",
            "events[0].questions[0]", "scripts.60s", "title"} <= too_long


@pytest.mark.parametrize("name", PAYLOADS)
def test_payload_in_every_field_is_refused_with_located_problems(tmp_path: Path,
                                                                 name: str) -> None:
    site = write_site(tmp_path / "site", PAYLOADS[name], validated=True, **shaped(name))
    with pytest.raises(ProfileError) as refused:
        build(site, pdf=False)
    assert_located(refused.value.problems)
    paths = {p.path for p in refused.value.problems}
    for field in ("contacts.email.value", "brand.color", "site.url", "events[0].date"):
        assert field in paths, f"{field} not reported: {sorted(paths)}"
    faults = [fault for problem in refused.value.problems for fault in message_faults(problem)]
    assert not faults, "\n".join(faults)


def _refused(tmp_path: Path, change: dict) -> list[Problem]:
    site = write_site(tmp_path / "site", "Hanako")
    data = profile_data("Hanako")
    for key, value in change.items():
        data[key].update(value)
    (site / "profile.yaml").write_text(dump(data), encoding="utf-8")
    with pytest.raises(ProfileError) as refused:
        build(site, pdf=False)
    assert_located(refused.value.problems)
    return refused.value.problems


@pytest.mark.parametrize("name", ["rtl-override", "windows-line-endings", "long-10000"])
def test_unknown_theme_message_is_terminal_safe(tmp_path: Path, name: str) -> None:
    problems = _refused(tmp_path, {"brand": {"theme": PAYLOADS[name]}})
    assert [fault for p in problems for fault in message_faults(p)] == []


def test_long_field_path_is_shortened(tmp_path: Path) -> None:
    problems = _refused(tmp_path, {"links": {PAYLOADS["long-10000"]: "not a url"}})
    assert [fault for p in problems for fault in message_faults(p)] == []


@pytest.mark.parametrize("name", TOO_LARGE)
def test_huge_profile_is_refused_whole(tmp_path: Path, name: str) -> None:
    site = write_site(tmp_path / "site", TOO_LARGE[name])
    with pytest.raises(ProfileError) as refused:
        build(site, pdf=False)
    assert_located(refused.value.problems)
    messages = [p.message for p in refused.value.problems if p.file.endswith("profile.yaml")]
    assert len(messages) == 1
    assert re.fullmatch(r"the file is too large \(1\d\d\d KiB; a profile should be a few KiB\)",
                        messages[0]), messages


@pytest.mark.parametrize("name", ["script-tag", "long-10000", "rtl-override",
                                  "windows-line-endings"])
def test_cli_reports_refusals_without_traceback(tmp_path: Path, name: str) -> None:
    site = write_site(tmp_path / "site", PAYLOADS[name], validated=True, **shaped(name))
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run([sys.executable, "-m", "brandkit", "build", str(site)],
                            capture_output=True, text=True, env=env, timeout=120,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"profile\.yaml:\d+:\d+: contacts\.email\.value: ", result.stderr)
    assert not (site / "_site").exists()
    # Values are cut at 60 characters and field paths (keys are user text too) at 120.
    assert "W" * 120 not in result.stderr, "a 10,000-character value must be shortened"


URL_FIELDS = {
    # dotted path in the problem → how to put a URL there
    "links.website.url": lambda d, u: d["links"].__setitem__("website", {"url": u}),
    "links.blog": lambda d, u: d["links"].__setitem__("blog", u),
    "strengths[1].evidence": lambda d, u: d["strengths"][1].__setitem__("evidence", u),
    "events[0].url": lambda d, u: d["events"][0].__setitem__("url", u),
    "site.url": lambda d, u: d["site"].__setitem__("url", u),
    "photo.src": lambda d, u: d["photo"].__setitem__("src", u),
}


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_script_urls_are_refused_where_written(tmp_path: Path, url: str) -> None:
    site = write_site(tmp_path / "site", "Hanako")
    data = profile_data("Hanako")
    for put in URL_FIELDS.values():
        put(data, url)
    (site / "profile.yaml").write_text(dump(data), encoding="utf-8")
    item = item_data("Work")
    item["links"] = [{"url": url, "label": "x"}]
    (site / "portfolio" / "ai-tutor.md").write_text(f"---\n{dump(item)}---\nBody\n",
                                                    encoding="utf-8")
    with pytest.raises(ProfileError) as refused:
        build(site, pdf=False)
    assert_located(refused.value.problems)
    where = {(Path(p.file).name, p.path) for p in refused.value.problems}
    expected = {("profile.yaml", path) for path in URL_FIELDS} | {("ai-tutor.md", "links[0].url")}
    assert expected <= where, f"not refused: {sorted(expected - where)}"


def test_payload_files_are_what_they_claim(tmp_path: Path) -> None:
    """The fixtures really carry what the tests above rely on."""
    site = write_site(tmp_path / "crlf", PAYLOADS["windows-line-endings"], crlf=True, bom=True)
    raw = (site / "profile.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    data = yaml.safe_load(raw.decode("utf-8-sig"))
    assert data["identity"]["en"] == PAYLOADS["windows-line-endings"]
    assert len(PAYLOADS["long-10000"]) == 10_000
