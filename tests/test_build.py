"""build(): options, themes, overrides and refusals on small throw-away sites."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from brandkit.build import build
from brandkit.errors import BrandkitError

PROFILE = """\
lang: [en, ja]
name: {given: Alex, family: Smith}
identity: AIと教育を掛け合わせる
contacts:
  email: alex@example.com
  phone: {value: "+44 20 7946 0000", show: [card]}
site:
  url: https://alex.example.com
  domain: alex.example.com
brand:
  color: "#1f6feb"
  theme: %s
"""


def make_site(tmp_path: Path, theme: str = "default", extra: str = "") -> Path:
    site = tmp_path / "site"
    site.mkdir(parents=True)
    (site / "profile.yaml").write_text(PROFILE % theme + extra, encoding="utf-8")
    return site


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


def test_japanese_text_on_english_page_is_marked(tmp_path: Path) -> None:
    out = build(make_site(tmp_path)).out
    english = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english
    assert 'class="hero-identity p-note" lang="ja">AIと<wbr>教育を<wbr>掛け合わせる<' in english
    assert (out / "ja" / "index.html").is_file()


def test_cname_and_base_url_override(tmp_path: Path) -> None:
    out = build(make_site(tmp_path), base_url="https://alex.github.io/site").out
    assert (out / "CNAME").read_text() == "alex.example.com\n"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://alex.github.io/site/">' in home
    assert "+44" not in home and "7946" not in (out / "contact.vcf").read_text()


def test_site_template_extends_the_one_it_replaces(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "home.html").write_text(textwrap.dedent("""\
        {% extends "theme:home.html" %}
        {% block main %}<p class="banner">Speaking on 5 Dec</p>{{ super() }}{% endblock %}
        """), encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "style.css").write_text("body{color:red}", encoding="utf-8")
    out = build(site).out
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<p class="banner">Speaking on 5 Dec</p>' in home and "hero-identity" in home
    assert (out / "assets" / "style.css").read_text() == "body{color:red}"


def test_template_mistake_is_located(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "home.html").write_text(
        '{% extends "theme:home.html" %}\n{% block main %}\n{{ profile.nope }}\n{% endblock %}\n',
        encoding="utf-8")
    with pytest.raises(BrandkitError, match=r"templates/home\.html:3: template error: .*nope"):
        build(site)
    assert not (site / "_site").exists()


@pytest.mark.parametrize("theme", ["default", "sidebar"])
def test_builtin_themes_build(tmp_path: Path, theme: str) -> None:
    out = build(make_site(tmp_path, theme)).out
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "h-card" in home and 'rel="me' not in home  # no links in this profile
    assert home.count("<h1") == 1


def test_themes_differ_in_layout(tmp_path: Path) -> None:
    default = build(make_site(tmp_path / "a", "default")).out / "index.html"
    sidebar = build(make_site(tmp_path / "b", "sidebar")).out / "index.html"
    assert default.read_text(encoding="utf-8") != sidebar.read_text(encoding="utf-8")


def test_refuses_output_that_is_the_site_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    with pytest.raises(BrandkitError, match="is the site folder itself"):
        build(site, out=site)
    assert sorted(p.name for p in site.iterdir()) == ["profile.yaml"]


def test_failed_build_keeps_last_good_output(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    out = build(site).out
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (site / "profile.yaml").write_text("name: [\n", encoding="utf-8")
    with pytest.raises(BrandkitError):
        build(site)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_rebuild_keeps_unchanged_files(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    out = build(site).out
    stamp = (out / "assets" / "style.css").stat().st_mtime_ns
    report = build(site)
    assert report.written == [] and (out / "assets" / "style.css").stat().st_mtime_ns == stamp


def test_watch_builder_keeps_the_card_out_of_the_site(tmp_path: Path) -> None:
    """watch/serve rebuild through Builder: the private card must land in _card/, not _site/."""
    from brandkit.build import Builder

    site = make_site(tmp_path)
    (site / "profile.yaml").write_text(
        (site / "profile.yaml").read_text(encoding="utf-8").replace(
            'show: [card]', 'show: [card, vcard]'), encoding="utf-8")
    builder = Builder(site)
    report = builder.build()
    assert not any(p.startswith("card") for p in report.written)
    assert (site / "_card" / "index.html").is_file()
    for path in (site / "_site").rglob("*"):
        if path.is_file():
            assert b"7946" not in path.read_bytes(), path
    assert b"7946" in (site / "_card" / "index.html").read_bytes()
    builder.build()  # a second, incremental build keeps the split too
    assert not (site / "_site" / "card").exists()


def test_build_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    """brandkit is a library too: a build, good or failed, leaves the caller's cycle
    collector on and nothing frozen (the build no longer pauses or freezes it)."""
    import gc

    site = make_site(tmp_path)
    build(site)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    (site / "templates").mkdir()
    (site / "templates" / "home.html").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(BrandkitError):
        build(site)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    (site / "profile.yaml").write_text("name: [", encoding="utf-8")
    with pytest.raises(BrandkitError):
        build(site)
    assert gc.isenabled() and gc.get_freeze_count() == 0
