"""brandkit.render.reuse and the watch's Builder: a rebuild renders again what a change
can reach, reuses the rest, and always equals a build from scratch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from brandkit.build import Builder, build_date
from tests.conftest import REPO
from tests.conftest import edit as _edit
from tests.conftest import snapshot as _snapshot

pytestmark = pytest.mark.usefixtures("fixed_date")  # dated 2026-01-01, messages in English


def _rebuild(builder: Builder):  # type: ignore[no-untyped-def]
    return builder.build()


def _rendered(builder: Builder) -> list[str]:
    """The units the last rebuild rendered again (not reused)."""
    return sorted(builder.rendered)


# --- what a rebuild renders again ----------------------------------------------------


def test_portfolio_edit_renders_its_pages_and_the_pages_that_list_it(site: Path) -> None:
    builder = Builder(site)
    first = builder.build()
    before = _snapshot(first.out)

    _edit(site / "portfolio" / "ai-tutor.en.md", "An AI tutor", "A patient AI tutor")
    report = _rebuild(builder)

    # The item's pages, and the home pages, whose template lists the portfolio: not the
    # other items' pages (the default theme's portfolio page shows one item), not the
    # card or the event kit.
    assert _rendered(builder) == ["site:home", "site:item:ai-tutor"]
    assert sorted(report.pages or []) == ["en/index.html", "en/portfolio/ai-tutor/index.html",
                                          "index.html", "portfolio/ai-tutor/index.html"]
    # Only what differs is written; everything else keeps its bytes, mtime and inode.
    assert report.written == ["en/portfolio/ai-tutor/index.html"]
    after = _snapshot(report.out)
    for rel, (data, mtime, inode) in before.items():
        if rel not in report.written and rel != ".brandkit-manifest.json":
            assert after[rel] == (data, mtime, inode), f"{rel} was rewritten"
    assert "A patient AI tutor" in (report.out / "en/portfolio/ai-tutor/index.html").read_text()


def test_a_theme_that_lists_every_item_on_each_item_page_renders_them_all(site: Path) -> None:
    _edit(site / "profile.yaml", "theme: default", "theme: sidebar")
    builder = Builder(site)
    builder.build()
    _edit(site / "portfolio" / "teacher-workshop.md", "title:\n  ja: ", "title:\n  ja: 新・")
    _rebuild(builder)
    assert _rendered(builder) == ["site:home", "site:item:ai-tutor", "site:item:reading-club-app",
                                  "site:item:teacher-workshop"]


def test_title_change_reaches_the_home_pages(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    _edit(site / "portfolio" / "teacher-workshop.md", "title:\n  ja: ", "title:\n  ja: 新・")
    report = builder.build()
    assert "index.html" in report.written
    assert "新・" in (report.out / "index.html").read_text()


def test_profile_edit_renders_everything_writes_what_differs(site: Path) -> None:
    builder = Builder(site)
    out = builder.build().out
    before = _snapshot(out)
    # Why you go to the first event, in English: every unit renders again (the profile
    # changed), but only that event's English kit pages differ, so only they are written.
    _edit(site / "profile.yaml", "      en: I want to think through", "      en: I hope to think through")
    report = _rebuild(builder)
    assert builder.site is not None
    first = builder.site.profile.events[0].slug
    assert "card" in _rendered(builder) and "site:home" in _rendered(builder)
    assert report.written and all(
        path.startswith((f"en/events/{first}/", f"events/{first}/en.md")) for path in report.written)
    after = _snapshot(out)
    for rel in ["index.html", "en/index.html", "portfolio/ai-tutor/index.html", "404.html",
                "en/scripts/index.html", "sitemap.xml"]:
        assert after[rel] == before[rel], f"{rel} was rewritten"  # bytes, mtime, inode


def test_asset_change_renders_again_and_copies_one_file(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    (site / "assets" / "notes.txt").write_text("hello", encoding="utf-8")
    report = builder.build()
    assert report.written == ["assets/notes.txt"]

    (site / "assets" / "notes.txt").unlink()
    report = builder.build()
    assert report.written == [] and report.removed == ["assets/notes.txt"]
    assert not (report.out / "assets" / "notes.txt").exists()


def test_stylesheet_change_reaches_the_page_that_inlines_it(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    css = (REPO / "themes" / "default" / "assets" / "style.css").read_text(encoding="utf-8")
    (site / "assets" / "style.css").write_text(css + "\n.x { color: red }\n", encoding="utf-8")
    report = builder.build()
    assert report.written == ["404.html", "assets/style.css"]  # 404.html carries it inline


def test_image_change_renders_the_pages_that_show_it(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    image = site / "portfolio" / "images" / "teacher-workshop.svg"
    assert builder.uses(image) and not builder.uses(site / "profile.yaml")
    image.write_text(image.read_text(encoding="utf-8").replace('width="', 'width="1', 1),
                     encoding="utf-8")
    report = _rebuild(builder)
    assert _rendered(builder) == ["site:home", "site:item:teacher-workshop"]
    assert "portfolio/images/teacher-workshop.svg" in report.written


def test_template_change_renders_everything_writes_what_differs(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    (site / "templates").mkdir()
    (site / "templates" / "home.html").write_text(
        '{% extends "theme:home.html" %}{% block main %}<p class="banner">Hi</p>{{ super() }}'
        '{% endblock %}', encoding="utf-8")
    report = builder.build()
    assert len(report.pages or []) == 9  # every site page: two homes, six item pages, the 404
    assert report.written == ["en/index.html", "index.html"]
    assert '<p class="banner">Hi</p>' in (report.out / "index.html").read_text()


def test_templates_are_read_once_after_the_build_not_on_the_next_save(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.render import reuse

    parsed: list[str] = []
    real = reuse.facts
    monkeypatch.setattr(reuse, "facts", lambda env, name, source: parsed.append(name) or real(env, name, source))
    builder = Builder(site)
    builder.build()
    assert "home.html" in parsed and "base.html" in parsed  # after the first build's files
    parsed.clear()
    _edit(site / "portfolio" / "ai-tutor.en.md", "An AI tutor", "A patient AI tutor")
    builder.build()
    assert _rendered(builder) == ["site:home", "site:item:ai-tutor"]
    assert parsed == []  # the save itself parses nothing
    # A template edit: the theme's templates are compiled again, but only the new
    # template's source is parsed for what it reads.
    (site / "templates").mkdir()
    (site / "templates" / "home.html").write_text(
        '{% extends "theme:home.html" %}{% block main %}<p>Hi</p>{{ super() }}{% endblock %}',
        encoding="utf-8")
    builder.build()
    assert parsed == ["home.html"]


def test_new_and_deleted_items(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    (site / "portfolio" / "zine.md").write_text("---\ntitle: Zine\n---\nA zine.\n", encoding="utf-8")
    report = builder.build()
    assert {"portfolio/zine/index.html", "en/portfolio/zine/index.html", "index.html"} <= set(report.written)

    (site / "portfolio" / "zine.md").unlink()
    report = builder.build()
    assert report.removed == ["en/portfolio/zine/index.html", "portfolio/zine/index.html"]
    assert not (report.out / "portfolio" / "zine").exists()


def test_failed_rebuild_changes_neither_memory_nor_disk(site: Path) -> None:
    builder = Builder(site)
    out = builder.build().out
    before, results = _snapshot(out), dict(builder.reuse.results)
    (site / "templates").mkdir()
    (site / "templates" / "portfolio.html").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(Exception, match="portfolio.html"):
        builder.build()
    assert _snapshot(out) == before and builder.reuse.results == results


# --- every edit, one after another, equals a build from scratch ----------------------


def _fresh(site: Path) -> dict[str, bytes]:
    """Every output (site and card) of a build from scratch, with nothing reused."""
    from brandkit.profile import load_site
    from brandkit.render import render_files
    from brandkit.render.page import Options

    # As watch renders: no PDFs, left to ``brandkit build`` (none made here).
    return render_files(load_site(site), Options(build_date=build_date(), pdf=False,
                                                 pdfs_from_build=frozenset()))


# Profile edits, applied one after another: after each, a watch rebuild must equal a
# build from scratch, however little it rendered again.
PROFILE_EDITS = [
    ("en: I combine AI and education", "en: I combine AI and play"),
    ("ja: AIと教育を掛け合わせる仕事をしています", "ja: AIと遊びを掛け合わせる仕事をしています"),
    ("  en: |\n    I used to teach", "  en: |\n    Long ago, I used to teach"),
    ("role:\n  ja: プロダクトマネージャー（AI学習サービス）\n  en: Product Manager, AI Learning\n", ""),
    ("organization:", "role: Product Manager\norganization:"),
    ("role: Product Manager\n", "role:\n  en: Product Manager\n"),  # one language only
    ("      en: I want to think through", "      en: I hope to think through"),
    ("en: I'm Hanako Yamada from Manabi Lab.", "en: I'm Hanako from Manabi Lab."),
    ("email: hanako@example.com", "email: hanako@example.org"),
    ("  x: hanako_manabi\n", ""),
    ("latin: Hanako Yamada", "latin: Hana Yamada"),
    ("en: Profile picture of Hanako Yamada", "en: A picture of Hanako Yamada"),
    ("back_lang: en", "back_lang: ja"),
    ("      en: Classroom instinct", "      en: A feel for the classroom"),
    ("      en: Talks at your study group", "      en: Talks at your meetup"),
    ("looking_for:\n  ja: ", "looking_for:\n  ja: ぜひ、"),
    ("card:\n", "followup:\n  reminders: [2, 30]\ncard:\n"),
    ("    date: 2026-12-17", "    date: 2026-12-18"),
    ("        en: When do you feel students", "        en: When do you think students"),
    ("        en: How do you make time to learn new things at work?\n",
     ("        en: How do you make time to learn new things at work?\n"
      "  - name: Book night\n    date: 2027-01-10\n    type: reading_club\n")),  # a third event
    ("    evidence: ai-tutor\n", ""),
    ("      en: the PDF of our learning-log report", "      en: our report"),
    ("color: \"#0b6e6e\"", "color: \"#6e0b6e\""),
    ("lang: [ja, en]", "lang: [en, ja]"),
]


# The same for portfolio items: (file, old, new), one after another.
PORTFOLIO_EDITS = [
    ("ai-tutor.en.md", "An AI tutor that", "A patient AI tutor that"),
    ("teacher-workshop.md", "  ja: 先生のための", "  ja: 全国の先生のための"),
    ("teacher-workshop.md", "  en: A 90-minute programme", "  en: A two-hour programme"),
    ("ai-tutor.en.md", "tags: [generative AI,", "tags: [AI,"),
    ("teacher-workshop.md", "date: 2025-08-20", "date: 2019-08-20"),  # moves down the list
    ("teacher-workshop.md", "    en: Illustration of teachers", "    en: A drawing of teachers"),
    ("teacher-workshop.md", "      en: Workshop slides", "      en: The workshop slides"),
    ("teacher-workshop.md", "summary:\n  ja: ICTが苦手な先生でも翌日の授業で使える、90分の研修プログラムをつくりました。\n",
     "summary:\n"),  # English only
    ("zine.md", "", "---\ntitle: Zine\ndate: 2026-01-01\n---\nA zine.\n"),  # a new item
    ("zine.md", "A zine.", "A small zine."),
]


@pytest.mark.parametrize("theme", ["default", "sidebar"])
def test_every_edit_matches_a_build_from_scratch(site: Path, theme: str) -> None:
    _edit(site / "profile.yaml", "theme: default", f"theme: {theme}")
    builder = Builder(site)
    builder.build()
    profile = site / "profile.yaml"
    edits = [(profile, old, new) for old, new in PROFILE_EDITS]
    edits[3:3] = [(site / "portfolio" / name, old, new) for name, old, new in PORTFOLIO_EDITS]
    edits.append((site / "portfolio" / "zine.md", None, None))  # deleted again
    for path, old, new in edits:
        if old is None:
            path.unlink()
        elif old == "":
            path.write_text(new, encoding="utf-8")
        else:
            _edit(path, old, new)
        builder.build()
        fresh, kept = _fresh(site), builder.files
        assert kept.keys() == fresh.keys(), (old, new)
        wrong = [path for path, data in fresh.items() if kept[path] != data]
        assert wrong == [], f"after {new!r}, {wrong} differ from a build from scratch"


# --- the parts ----------------------------------------------------------------------


def test_which_templates_use_a_variable() -> None:
    import jinja2

    from brandkit.render.reuse import uses

    env = jinja2.Environment(loader=jinja2.DictLoader({
        "list.html": "{% for item in portfolio %}{{ item }}{% endfor %}",
        "child.html": '{% extends "list.html" %}',
        "page.html": "{% import 'macros.html' as m with context %}{{ m.show() }}",
        "macros.html": "{% macro show() %}{{ portfolio|length }}{% endmacro %}",
        "own.html": "{% set portfolio = [] %}{{ portfolio }}{% include 'plain.html' %}",
        "plain.html": "{{ profile.name }}",
        "dynamic.html": "{% include name %}",
        "broken.html": "{% if %}",
    }))
    assert uses(env, "list.html", "portfolio")
    assert uses(env, "child.html", "portfolio")  # through what it extends
    assert uses(env, "page.html", "portfolio")  # through a macro it imports
    assert not uses(env, "own.html", "portfolio")  # its own variable, and an include
    assert not uses(env, "plain.html", "portfolio")
    assert uses(env, "dynamic.html", "portfolio")  # a template named at run time: unsure
    assert uses(env, "broken.html", "portfolio")
    assert uses(env, "missing.html", "portfolio")


def test_the_built_in_themes_list_the_portfolio_where_expected() -> None:
    from brandkit.render.reuse import uses
    from brandkit.render.templates import environment

    default = environment("default", REPO / "example-site")
    sidebar = environment("sidebar", REPO / "example-site")
    assert uses(default, "home.html", "portfolio") and uses(sidebar, "home.html", "portfolio")
    assert not uses(default, "portfolio.html", "portfolio")
    assert uses(sidebar, "portfolio.html", "portfolio")
    for name in ("card/index.html", "kit/scripts.html", "kit/event.html", "404.html"):
        assert not uses(default, name, "portfolio"), name


def test_what_an_edit_changed(site: Path) -> None:
    from brandkit.profile import load_site
    from brandkit.render.page import Options
    from brandkit.render.reuse import Reuse

    options = Options(build_date=build_date())
    reuse = Reuse()
    first = load_site(site)
    assert reuse.begin(first, options).changed is None  # nothing to reuse yet
    reuse.commit(reuse.begin(first, options), first, options, [])
    assert reuse.begin(load_site(site), options).changed == frozenset()
    _edit(site / "portfolio" / "ai-tutor.md", "date: 20", "date: 19")
    assert reuse.begin(load_site(site), options).changed == {"portfolio", "item:ai-tutor"}
    _edit(site / "profile.yaml", "en: I combine AI and education", "en: I combine AI and play")
    assert reuse.begin(load_site(site), options).changed is None  # the profile: everything
    assert reuse.begin(first, Options(build_date=build_date(), pdf=True)).changed is None


def test_memo_recomputes_only_when_its_key_changes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """How the card's QR is kept: made again only when its payload changed."""
    import qrcode
    import qrcode.image.svg

    from brandkit import render
    from brandkit.render.units import Family, Unit

    made: list[str] = []

    def qr(payload: str) -> bytes:
        made.append(payload)
        image = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathFillImage)
        return image.to_string()

    def card(r) -> None:  # type: ignore[no-untyped-def]
        payload = r.base_url or "-"
        r.add("qr.svg", r.memo(("qr", payload), lambda: qr(payload)))

    family = Family("test", lambda r: [Unit("test", 1.0, card)])
    monkeypatch.setattr(render, "FAMILIES", (*render.FAMILIES[:1], family))

    builder = Builder(site)
    builder.build()
    _edit(site / "portfolio" / "ai-tutor.en.md", "An AI tutor", "An AI helper")
    builder.build()
    _edit(site / "profile.yaml", "en: I combine AI and education", "en: I join AI and education")
    builder.build()
    assert len(made) == 1  # the payload (the site's address) never changed
    _edit(site / "profile.yaml", "url: https://", "url: https://www.")
    report = builder.build()
    assert len(made) == 2 and "qr.svg" in report.written
    assert sys.modules["qrcode"] is qrcode
