"""Issue 13, item 7: every text and list of a profile has a limit that fits its use
(brandkit/profile/sizes.py), reported located, in both languages, with the limit and the
length; and the largest valid profile (every field at its limit) builds with bounded work.

``python tests/profile/test_sizes.py <folder>`` writes that largest site, to time it:
``time python -m brandkit build <folder>`` (docs/profile.md gives the figure).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from brandkit.errors import ProfileError
from brandkit.profile import load_site, sizes
from brandkit.profile.yamlload import MAX_BYTES

REPO = Path(__file__).resolve().parents[2]
T = sizes.TEXTS
C = sizes.COUNTS


def words(limit: int, lang: str, seed: str = "") -> str:
    """Text of exactly ``limit`` characters: Japanese phrases, or English words."""
    unit = "学びをつなぐ仕組みをつくる、" if lang == "ja" else "learning that sticks, "
    text = (seed + unit * (limit // len(unit) + 2))[:limit]
    return text[:-1] + "。" if lang == "ja" else text[:-1] + "."


def both(key: str, seed: str = "") -> dict[str, str]:
    return {"ja": words(T[key], "ja", seed), "en": words(T[key], "en", seed)}


def url(limit: int, seed: str = "") -> str:
    head = f"https://example.com/{seed}"
    return head + "a" * (limit - len(head))


def scripts() -> dict:
    return {key: both(f"scripts.{key}") for key in
            ("keyword", "10s", "15s", "30s", "60s", "3min", "chat")}


def largest_profile() -> dict:
    """Every field of a profile at its limit (texts in both languages, every list full)."""
    return {
        "lang": ["ja", "en"],
        "name": {"family": "山" * T["name.family"], "given": "花" * T["name.given"],
                 "reading": "や" * 99 + " " + "は" * 100, "latin": "H" * T["name.latin"],
                 "full": "F" * T["name.full"]},
        "identity": both("identity"),
        "role": both("role"), "organization": both("organization"),
        "photo": {"src": "assets/photo.jpg", "alt": both("photo.alt")},
        "about": both("about"), "now": both("now"), "next": both("next"),
        "looking_for": both("looking_for"),
        "strengths": [{"title": both("strengths.*.title", f"{i}"),
                       "detail": both("strengths.*.detail"),
                       "evidence": url(T["strengths.*.evidence"], f"{i}/")}
                      for i in range(C["strengths"])],
        "offers": [{"title": both("offers.*.title", f"{i}"), "detail": both("offers.*.detail")}
                   for i in range(C["offers"])],
        "contacts": {"email": {"value": "h" * 240 + "@example.com", "label": both(
                         "contacts.email.label"), "show": ["site", "card", "vcard"]},
                     "phone": {"value": "+81 90-1234-5678", "label": both("contacts.phone.label"),
                               "show": ["site", "card", "vcard"]},
                     "location": {"value": both("contacts.location.value"),
                                  "label": both("contacts.location.label"),
                                  "show": ["site", "card", "vcard"]}},
        "links": {f"service{i}": {"url": url(T["links.*.url"], f"{i}/"),
                                  "label": "L" * T["links.*.label"]}
                  for i in range(C["links"])},
        "brand": {"color": "#0b6e6e", "theme": "default", "font": "F" * T["brand.font"]},
        "site": {"url": "https://" + "h" * (T["site.url"] - 13) + ".dev/",
                 "domain": "h" * 60 + ".dev"},
        "card": {"back_lang": "en"},
        "scripts": scripts(),
        "followup": {"reminders": list(range(1, C["followup.reminders"] + 1))},
        "events": [{
            "name": both("events.*.name", f"{i} "), "date": f"2026-12-{1 + i % 28:02d}",
            "type": ("meetup", "mixer", "reading_club", "seminar", "online", "community")[i % 6],
            "url": url(T["events.*.url"], f"{i}/"), "why": both("events.*.why"),
            "questions": [both("events.*.questions.*", f"{q}") for q in
                          range(C["events.*.questions"])],
            "place": both("events.*.place"), "slug": f"e{i}-" + "x" * (T["events.*.slug"] - 5),
            "book": both("events.*.book"), "promise": both("events.*.promise"),
            "book_why": both("events.*.book_why"), "motive": both("events.*.motive"),
            "book_takeaway": both("events.*.book_takeaway"),
            "scripts": scripts()} for i in range(C["events"])],
    }


def unquote_dates(text: str) -> str:
    """JSON is YAML, but a quoted date is text: unquoted, YAML reads it as a date."""
    return re.sub(r'"date": ?"([0-9-]+)"', r'"date": \1', text)


def as_yaml(profile: dict) -> str:
    """``profile`` as compact JSON, which is YAML, with its dates unquoted."""
    return unquote_dates(json.dumps(profile, ensure_ascii=False, separators=(",", ":")))


def largest_item(i: int) -> str:
    front: dict = {"title": both("title", f"{i} "), "date": f"2026-0{1 + i % 9}-01",
             "summary": both("summary"), "tags": [f"{t}" + "t" * (T["tags.*:item"] - 2)
                                                 for t in range(10, 10 + C["tags:item"])],
             "image": {"src": "assets/photo.jpg", "alt": both("image.alt")},
             "links": [{"url": url(sizes.URL, f"{i}/{n}/"), "label": both("links.*.label:item")}
                       for n in range(C["links:item"])]}
    paragraph = words(499, "en") + "\n\n"
    body = (paragraph * (sizes.BODY // len(paragraph) + 1))[:sizes.BODY]
    # JSON is YAML: the front matter written without a YAML library.
    return "---\n" + unquote_dates(json.dumps(front, ensure_ascii=False, indent=1)) + "\n---\n" + body


ITEMS = 3


def write_largest(folder: Path) -> Path:
    (folder / "portfolio").mkdir(parents=True)
    (folder / "assets").mkdir()
    shutil.copy(REPO / "example-site" / "assets" / "photo.jpg", folder / "assets" / "photo.jpg")
    (folder / "profile.yaml").write_text(as_yaml(largest_profile()), encoding="utf-8")
    for i in range(ITEMS):
        (folder / "portfolio" / f"item-{i}.md").write_text(largest_item(i), encoding="utf-8")
    return folder


def test_the_largest_profile_is_valid(tmp_path: Path) -> None:
    """Every field at its limit fits in the 1 MiB a profile file may hold, and loads."""
    folder = write_largest(tmp_path / "site")
    assert (folder / "profile.yaml").stat().st_size <= MAX_BYTES
    site = load_site(folder)
    assert len(site.profile.events) == C["events"]
    assert len(site.portfolio) == ITEMS


def test_every_field_has_its_own_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No text or list of the largest profile (every field filled) falls back to the
    default limits: each has one chosen for its use."""
    missing = []
    lookup = sizes._lookup

    def recorded(table: dict[str, int], path: tuple, kind: str) -> int | None:
        found = lookup(table, path, kind)
        if found is None:
            missing.append(sizes._pattern(path) + kind)
        return found

    monkeypatch.setattr(sizes, "_lookup", recorded)
    load_site(write_largest(tmp_path / "site"))
    assert missing == []


def test_the_largest_profile_builds_in_bounded_work(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What the build makes, and so its work, is bounded: files and bytes counted.

    Without the card's PDFs (WeasyPrint lays out the same card pages, ~0.3 s a card, one
    card per event: the events' limit bounds them; docs/profile.md has the full time)."""
    from brandkit.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = write_largest(tmp_path / "site")
    build(site, pdf=False)
    made = [p for p in site.rglob("*") if p.is_file() and p.parts[len(site.parts)] in
            ("_site", "_card")]
    size = sum(p.stat().st_size for p in made)
    # Per event: a kit of pages, scripts, follow-up drafts and a calendar file.
    assert len(made) < 40 + 20 * C["events"]
    assert size < 32 << 20, size  # ~10 MB; never the gigabytes of issue 13


# --- each limit, located, in both languages ------------------------------------------

BASE = "name: Hanako Yamada\nidentity: I combine AI and education\n"


def _problems(tmp_path: Path, profile: str, item: str | None = None) -> str:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "profile.yaml").write_text(profile, encoding="utf-8")
    if item is not None:
        (site / "portfolio").mkdir(exist_ok=True)
        (site / "portfolio" / "x.md").write_text(item, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_site(site)
    return str(caught.value)


def test_a_long_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    text = "I combine AI and education " * 38_000  # ~1 MiB: 212 s to build before
    profile = f"name: Hanako Yamada\nidentity: {text}\n"
    assert _problems(tmp_path, profile) == (
        f"site/profile.yaml:2:11: identity: too long: {len(text.strip())} characters, at most "
        f'200 (got "I combine AI and education I combine AI and education I com…"); '
        "shorten it: the limit is what fits where it is shown\n1 problem(s) found.")
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    assert f"identity: 長すぎます: {len(text.strip())} 文字 (上限 200 文字)" in _problems(tmp_path, profile)


def test_many_strengths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    profile = BASE + "strengths:\n" + "  - Teaching\n" * 60_000  # 118 s and 790 MB before
    assert _problems(tmp_path, profile) == (
        "site/profile.yaml:4:3: strengths: too many: 60000 items, at most 10; "
        "keep the ones that matter most\n1 problem(s) found.")
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    profile = BASE + "strengths:\n" + "  - Teaching\n" * 11
    assert "strengths: 多すぎます: 11 件 (上限 10 件)" in _problems(tmp_path, profile)


def test_every_problem_at_once_each_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    profile = BASE + ("lang: [ja, en]\n" f"role: {{ja: {'役' * 101}, en: Teacher}}\n"
                      "offers:\n  - title: Help\n    detail: " + "x" * 501 + "\n"
                      "events:\n  - name: Night\n    date: 2026-12-05\n    type: meetup\n"
                      "    questions: [" + ", ".join(["Why?"] * 11) + "]\n"
                      "    scripts: {15s: " + "y" * 501 + "}\n"
                      "links:\n  github: {url: https://github.com/h, label: " + "z" * 101 + "}\n")
    item = ("---\ntitle: " + "t" * 201 + "\ntags: [" + ", ".join(["a"] * 21) + "]\n---\n"
            + "b" * (sizes.BODY + 1))
    lines = _problems(tmp_path, profile, item).splitlines()
    assert [line.split(" (got")[0].split("; ")[0] for line in lines] == [
        "site/portfolio/x.md:2:8: title: too long: 201 characters, at most 200",
        "site/portfolio/x.md:3:7: tags: too many: 21 items, at most 20",
        "site/portfolio/x.md:5:1: the text is too long: 50001 characters, at most 50000",
        "site/profile.yaml:4:12: role.ja: too long: 101 characters, at most 100",
        "site/profile.yaml:7:13: offers[0].detail: too long: 501 characters, at most 500",
        "site/profile.yaml:12:16: events[0].questions: too many: 11 items, at most 10",
        "site/profile.yaml:13:20: events[0].scripts.15s: too long: 501 characters, at most 300",
        "site/profile.yaml:15:46: links.github.label: too long: 101 characters, at most 100",
        "8 problem(s) found."]


def test_the_example_site_keeps_within_every_limit() -> None:
    load_site(REPO / "example-site")


if __name__ == "__main__":
    print(write_largest(Path(sys.argv[1])))
