"""The event kit in the built example site: which pages exist, what search engines see,
the follow-up drafts, and a calendar file a strict parser accepts."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from brandkit.build import build, check
from brandkit.profile import load_site

EXAMPLE = Path(__file__).resolve().parents[2] / "example-site"
BASE = "https://hanako-yamada.github.io/"


@pytest.fixture(scope="module")
def site():
    return load_site(EXAMPLE)


@pytest.fixture(scope="module")
def slugs(site) -> list[str]:
    return [event.slug for event in site.profile.events]


def kit_pages(slugs: list[str]) -> list[str]:
    pages = []
    for prefix in ("", "en/"):
        pages += [f"{prefix}scripts/index.html", f"{prefix}rehearse/index.html"]
        for slug in slugs:
            pages += [f"{prefix}events/{slug}/index.html", f"{prefix}events/{slug}/rehearse/index.html",
                      f"{prefix}events/{slug}/cards/index.html"]
    return pages


def test_kit_files_exist(example_build: Path, slugs: list[str]) -> None:
    expected = kit_pages(slugs) + ["scripts/ja.md", "scripts/en.md"]
    for slug in slugs:
        expected += [f"e/{slug}/index.html", f"en/e/{slug}/index.html", f"events/{slug}/ja.md",
                     f"events/{slug}/en.md", f"events/{slug}/reminders.ics"]
    for path in expected:
        assert (example_build / path).is_file(), path


def test_prep_pages_are_noindex_and_out_of_the_sitemap(example_build: Path, slugs: list[str]) -> None:
    sitemap = (example_build / "sitemap.xml").read_text(encoding="utf-8")
    for path in kit_pages(slugs):
        html = (example_build / path).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html, path
        assert 'rel="canonical"' not in html, path
        assert path.replace("index.html", "") not in sitemap
    assert "scripts/" not in sitemap and "events/" not in sitemap and "rehearse" not in sitemap


def test_landing_pages_are_public(example_build: Path, slugs: list[str]) -> None:
    sitemap = (example_build / "sitemap.xml").read_text(encoding="utf-8")
    for slug in slugs:
        assert f"<loc>{BASE}e/{slug}/</loc>" in sitemap
        assert f'hreflang="en" href="{BASE}en/e/{slug}/"' in sitemap
        html = (example_build / f"e/{slug}/index.html").read_text(encoding="utf-8")
        assert "noindex" not in html
        assert f'<link rel="canonical" href="{BASE}e/{slug}/">' in html
        assert "でお会いした方へ" in html and 'href="../../contact.vcf"' in html
        assert "h-card" in html and 'rel="me noopener"' in html
        english = (example_build / f"en/e/{slug}/index.html").read_text(encoding="utf-8")
        assert "Nice to meet you at " in english and "Save contact (vCard)" in english


def _greeting(html: str) -> str:
    """The text of the landing page's greeting line, tags dropped."""
    match = re.search(r'<p class="landing-greeting">(.*?)</p>', html, re.DOTALL)
    assert match, "no greeting line on the landing page"
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_landing_greeting_is_in_the_pages_language(example_build: Path, slugs: list[str]) -> None:
    from brandkit.render.ui import UI
    from brandkit.text.ja import is_japanese

    english_ui = [w["en"] for w in UI.values() if len(w["en"].strip()) > 3 and w["en"] != w["ja"]]
    for slug in slugs:
        ja = (example_build / f"e/{slug}/index.html").read_text(encoding="utf-8")
        greeting = _greeting(ja)
        assert greeting.endswith("でお会いした方へ"), greeting
        assert not [s for s in english_ui if s.strip() in greeting], greeting
        assert not re.search(r"[A-Za-z]{4,} (?:to|at|you) ", greeting), greeting
        en = (example_build / f"en/e/{slug}/index.html").read_text(encoding="utf-8")
        greeting = _greeting(en)
        assert greeting.startswith("Nice to meet you at ") and not is_japanese(greeting), greeting
        # Quiet line above the name, which is the page's one heading.
        assert ja.index('class="landing-greeting"') < ja.index("<h1") < ja.index('class="p-name"')


def test_rehearse_pages_are_self_contained(example_build: Path, slugs: list[str]) -> None:
    for path in ["rehearse/index.html", "en/rehearse/index.html"] + [
            f"events/{slug}/rehearse/index.html" for slug in slugs]:
        html = (example_build / path).read_text(encoding="utf-8")
        assert "<script src" not in html and 'rel="stylesheet"' not in html, path
        assert 'id="rehearse-data"' in html and "__brandkitRehearse" in html
        assert not re.search(r"""(?:src|href)=["']https?://""", html), path
        assert html.count("<h1") == 1


def test_one_h1_and_lang_on_kit_pages(example_build: Path, slugs: list[str]) -> None:
    for path in kit_pages(slugs) + [f"e/{slug}/index.html" for slug in slugs]:
        html = (example_build / path).read_text(encoding="utf-8")
        assert html.count("<h1") == 1, path
        assert f'<html lang="{"en" if path.startswith("en/") else "ja"}"' in html


def test_prep_page_has_scripts_questions_offers_and_drafts(example_build: Path, site, slugs) -> None:
    html = (example_build / f"events/{slugs[0]}/index.html").read_text(encoding="utf-8")
    for key in ("keyword", "15s", "30s", "60s", "3min"):
        assert f'id="script-{key}"' in html
    assert html.count("<li>", html.index('class="kit-questions"')) >= 3
    assert "生徒がAIに頼りすぎていると感じるのは" in html  # the profile's own question
    assert "【御礼】EdTech勉強会 #24「生成AIと学習評価」でお話しした山田花子です" in html
    assert "Great to meet you at the EdTech Study Group #24" in html
    assert "<mark>〔お話しした具体的な話題〕</mark>" in html
    # The second event has only two questions of its own: a default tops it up to three.
    mixer = (example_build / f"events/{slugs[1]}/index.html").read_text(encoding="utf-8")
    questions = mixer[mixer.index('class="kit-questions"'):]
    assert questions[:questions.index("</ol>")].count("<li>") == 3
    assert "説明が必要かもしれない言葉" in mixer  # no jargon at a cross-industry mixer


def test_markdown_per_language(example_build: Path) -> None:
    ja = (example_build / "scripts/ja.md").read_text(encoding="utf-8")
    en = (example_build / "scripts/en.md").read_text(encoding="utf-8")
    assert ja.startswith("# 自己紹介の台本 — 山田 花子\n") and "## 30秒\n" in ja
    assert en.startswith("# Self-introduction scripts — Hanako Yamada\n") and "## 3 minutes\n" in en
    assert "> I combine AI and education." in en
    assert "# SNS bios" in en and "_138/160" in en


def test_linkedin_notes_within_200(example_build: Path, slugs: list[str]) -> None:
    from brandkit.render.kit.followup import drafts

    profile = load_site(EXAMPLE).profile
    for event in profile.events:
        notes = [d for d in drafts(profile, event, {"ja": BASE, "en": BASE}) if d.kind == "note"]
        assert {d.lang for d in notes} == {"ja", "en"}
        assert all(0 < d.size <= 200 for d in notes)


# --- the calendar ------------------------------------------------------------------------


def test_ics_passes_a_strict_parser(example_build: Path, site, slugs: list[str]) -> None:
    event = site.profile.events[0]
    raw = (example_build / f"events/{slugs[0]}/reminders.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and "brandkit" in str(calendar["PRODID"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4  # the event itself + follow up, keep in touch, meet again
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 4 and all(u.endswith("@hanako-yamada.github.io") for u in uids)
    assert all(e.decoded("DTSTAMP") == datetime(2026, 1, 1, tzinfo=e.decoded("DTSTAMP").tzinfo)
               for e in events)
    starts = [e.decoded("DTSTART") for e in events]
    assert starts == [event.date + timedelta(days=d) for d in (0, 1, 90, 365)]
    assert str(events[0]["SUMMARY"]) == "EdTech勉強会 #24「生成AIと学習評価」"
    assert str(events[0]["LOCATION"]) == "東京・渋谷"
    assert str(events[1]["SUMMARY"]).startswith("お礼の連絡: EdTech勉強会")
    assert f"{BASE}events/{slugs[0]}/" in str(events[1]["DESCRIPTION"])
    alarms = list(calendar.walk("VALARM"))
    assert len(alarms) == 3
    assert all(a["ACTION"] == "DISPLAY" and a.decoded("TRIGGER") == timedelta(hours=9)
               for a in alarms)


def test_reminders_are_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "profile.yaml").write_text(
        "name: Ann Lee\nidentity: I help teams learn\nfollowup: {reminders: [2, 30]}\n"
        "events:\n  - {name: 'Meetup; with, commas', date: 2026-05-01, type: meetup, slug: m}\n",
        encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = build(folder).out
    calendar = icalendar.Calendar.from_ical((out / "events/m/reminders.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [date(2026, 5, 1), date(2026, 5, 3),
                                                      date(2026, 5, 31)]
    assert str(events[0]["SUMMARY"]) == "Meetup; with, commas"  # escaped and read back
    assert all(str(e["UID"]).endswith("@brandkit.invalid") for e in events)  # no site URL
    # [] turns the reminders off; the event day stays.
    (folder / "profile.yaml").write_text(
        (folder / "profile.yaml").read_text(encoding="utf-8").replace("[2, 30]", "[]"),
        encoding="utf-8")
    out = build(folder).out
    calendar = icalendar.Calendar.from_ical((out / "events/m/reminders.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 1 and not list(calendar.walk("VALARM"))


def test_fold_never_splits_a_character() -> None:
    from brandkit.render.kit.ics import fold

    line = "SUMMARY:" + "あ" * 60
    parts = fold(line)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)


def test_draft_signatures_never_show_the_email_as_plain_text(example_build: Path, slugs) -> None:
    """The follow-up drafts sign with the public email, the way the site shows it: reversed
    for site.js to make a mailto: link, "user [at] host" in the Japanese Markdown."""
    html = (example_build / f"events/{slugs[0]}/index.html").read_text(encoding="utf-8")
    assert html.count('<a class="email" href="#" data-email="moc.elpmaxe@okanah">'
                      'hanako [at] example.com</a>') == 2  # the Japanese and the English mail
    md = (example_build / f"events/{slugs[0]}/ja.md").read_text(encoding="utf-8")
    assert "hanako [at] example.com" in md and "hanako@example.com" not in md
