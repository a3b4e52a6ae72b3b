"""What the built example site promises: metadata, privacy, relative links, languages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandkit.profile import load_site
EXAMPLE = Path(__file__).resolve().parents[2] / "example-site"

BASE = "https://hanako-yamada.github.io/"


class _Collect(HTMLParser):
    """Every tag with its attributes, plus the JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        self._in_jsonld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def parse(path: Path) -> _Collect:
    collector = _Collect()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


@pytest.fixture(scope="module")
def profile():
    return load_site(EXAMPLE).profile


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_pages_exist_for_each_language(example_build: Path) -> None:
    for path in ("index.html", "en/index.html", "404.html", "sitemap.xml", "robots.txt",
                 "favicon.svg", "contact.vcf", ".nojekyll", "assets/style.css",
                 "portfolio/ai-tutor/index.html", "en/portfolio/ai-tutor/index.html"):
        assert (example_build / path).is_file(), path
    assert not (example_build / "CNAME").exists()  # no custom domain in the example


def test_lang_on_every_page(example_build: Path) -> None:
    for page in html_files(example_build):
        html = parse(page).tags[0]
        assert html[0] == "html"
        rel = page.relative_to(example_build).as_posix()
        assert html[1]["lang"] == ("en" if rel.startswith("en/") else "ja"), rel


def test_jsonld_person_same_as_links(example_build: Path, profile) -> None:
    for page, lang in (("index.html", "ja"), ("en/index.html", "en")):
        blocks = parse(example_build / page).jsonld
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@type"] == "ProfilePage"
        person = data["mainEntity"]
        assert person["@type"] == "Person"
        assert person["sameAs"] == [link.url for link in profile.links]
        assert person["knowsAbout"] == [s.title.text(lang) for s in profile.strengths]
        assert person["description"] == profile.identity.text(lang)
        assert person["image"] == BASE + "assets/photo.jpg"
        assert person["url"] == BASE
        assert "やまだはなこ" in person["alternateName"]
    assert json.loads(parse(example_build / "en/index.html").jsonld[0])["mainEntity"]["name"] \
        == "Hanako Yamada"


def test_hcard_on_visible_markup(example_build: Path) -> None:
    classes = " ".join(a.get("class", "") for _, a in parse(example_build / "index.html").tags)
    for name in ("h-card", "p-name", "p-family-name", "p-given-name", "u-photo", "p-note",
                 "u-url", "p-job-title", "p-org", "p-locality"):
        assert re.search(rf"(^|\s){name}(\s|$)", classes), name


def test_links_have_rel_me_and_names(example_build: Path, profile) -> None:
    tags = parse(example_build / "index.html").tags
    anchors = {a["href"]: a for tag, a in tags if tag == "a" and "href" in a}
    for link in profile.links:
        assert "me" in anchors[link.url]["rel"].split()
    text = (example_build / "index.html").read_text(encoding="utf-8")
    assert ">LinkedIn <span class=\"handle\">@hanako-yamada-edtech</span></a>" in text


def test_email_not_in_plain_text(example_build: Path) -> None:
    for path in example_build.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json"):
            assert "hanako@example.com" not in path.read_text(encoding="utf-8"), path
    text = (example_build / "index.html").read_text(encoding="utf-8")
    assert 'data-email="moc.elpmaxe@okanah"' in text


def test_phone_never_on_the_public_site(example_build: Path) -> None:
    for path in example_build.rglob("*"):
        if path.is_file() and path.suffix not in (".jpg", ".png"):
            data = path.read_text(encoding="utf-8")
            digits = re.sub(r"\D", "", data)
            assert "1234-5678" not in data and "9012345678" not in digits, path


def test_vcard(example_build: Path) -> None:
    raw = (example_build / "contact.vcf").read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and text.endswith("END:VCARD\r\n")
    assert "\nN:山田;花子;;;\r\n" in text
    assert "\nFN:山田 花子\r\n" in text
    assert "\nX-PHONETIC-LAST-NAME:やまだ\r\n" in text
    assert "\nX-PHONETIC-FIRST-NAME:はなこ\r\n" in text
    assert "\nEMAIL;TYPE=INTERNET:hanako@example.com\r\n" in text
    assert "TEL" not in text  # phone is card + vCard only: the site's vCard is public
    assert "\nURL:https://hanako-yamada.github.io/\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_every_link_is_relative_or_the_users_own(example_build: Path, profile) -> None:
    """Links between pages are relative; absolute URLs only where formats demand them."""
    site = load_site(EXAMPLE)
    own = {link.url for link in profile.links}
    own |= {s.evidence for s in profile.strengths if s.evidence and ":" in s.evidence}
    own |= {str(link.url) for item in site.portfolio for link in item.links}
    own |= {str(e.url) for e in profile.events if e.url}
    # The email signature on the scripts page links the site by its full address (a mail
    # is read far from the site).
    own |= {BASE, BASE + "en/"}
    metadata = {"canonical", "alternate"}
    for page in html_files(example_build):
        is_404 = page.name == "404.html"
        for tag, attrs in parse(page).tags:
            for name in ("href", "src"):
                url = attrs.get(name)
                if url is None or url.startswith(("#", "mailto:", "tel:")):
                    continue
                if tag == "link" and attrs.get("rel") in metadata:
                    assert url.startswith(BASE), (page, url)
                elif urlsplit(url).scheme:
                    # The h-card's u-url/u-uid is the person's address: readers take it as is.
                    uid = "u-uid" in (attrs.get("class") or "").split() and url == BASE
                    assert url in own or uid or (is_404 and url.startswith(BASE)) or \
                        (is_404 and url.startswith("data:image/svg+xml,")), (page, url)
                else:
                    assert not url.startswith("/"), (page, url)
                    if not is_404:
                        target = (page.parent / url.split("#")[0]).resolve()
                        assert target.is_file(), (page, url)


def test_no_url_to_other_hosts(example_build: Path, profile) -> None:
    site = load_site(EXAMPLE)
    hosts = {urlsplit(BASE).hostname}
    hosts |= {urlsplit(link.url).hostname for link in profile.links}
    hosts |= {urlsplit(str(link.url)).hostname for item in site.portfolio for link in item.links}
    hosts |= {urlsplit(s.evidence).hostname for s in profile.strengths
              if s.evidence and ":" in s.evidence}
    hosts |= {urlsplit(str(e.url)).hostname for e in profile.events if e.url}  # event prep pages
    identifiers = {"schema.org", "www.sitemaps.org", "www.w3.org"}  # names, never fetched
    for path in example_build.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".css", ".js", ".svg", ".vcf"):
            for url in re.findall(r"https?://[^\s\"'<>)]+", path.read_text(encoding="utf-8")):
                host = urlsplit(url).hostname
                assert host in hosts or host in identifiers, (path, url)


def test_open_graph_and_canonical(example_build: Path) -> None:
    tags = parse(example_build / "en/index.html").tags
    meta = {a.get("property") or a.get("name"): a.get("content") for t, a in tags if t == "meta"}
    links = [(a.get("rel"), a.get("hreflang"), a.get("href")) for t, a in tags if t == "link"]
    assert meta["og:url"] == BASE + "en/"
    # The share image when the build drew it (WeasyPrint and pdfium installed), else the
    # photo (tests/render/test_exchange_pictures.py checks both ways).
    if (example_build / "en/share.png").exists():
        assert meta["og:image"] == BASE + "en/share.png"
        assert meta["twitter:card"] == "summary_large_image"
    else:
        assert meta["og:image"] == BASE + "assets/photo.jpg"
        assert meta["twitter:card"] == "summary"
    assert meta["og:locale"] == "en_US" and meta["og:locale:alternate"] == "ja_JP"
    assert meta["description"] == ("I combine AI and education — I used to teach maths at a "
                                   "public junior high school.")
    assert ("canonical", None, BASE + "en/") in links
    assert ("alternate", "ja", BASE) in links and ("alternate", "x-default", BASE) in links


def test_sitemap_and_robots(example_build: Path) -> None:
    sitemap = (example_build / "sitemap.xml").read_text(encoding="utf-8")
    # (home + 3 portfolio items + 5 event landing pages) × 2 languages, each version its own
    # <url> with every version as an alternate. Event prep pages (scripts, rehearsal, cue
    # cards) are noindex and stay out.
    assert sitemap.count("<url>") == 18
    assert f"<loc>{BASE}portfolio/ai-tutor/</loc>" in sitemap
    assert f"<loc>{BASE}en/portfolio/ai-tutor/</loc>" in sitemap
    assert f'hreflang="en" href="{BASE}en/portfolio/ai-tutor/"' in sitemap
    assert "<lastmod>2026-01-01</lastmod>" in sitemap
    assert (example_build / "robots.txt").read_text() == \
        f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"


def test_favicon_from_initials(example_build: Path) -> None:
    svg = (example_build / "favicon.svg").read_text(encoding="utf-8")
    assert ">HY</text>" in svg and 'fill="#0b6e6e"' in svg


def test_identity_broken_only_between_phrases(example_build: Path) -> None:
    home = (example_build / "index.html").read_text(encoding="utf-8")
    assert 'class="hero-identity p-note">AIと<wbr>教育を<wbr>掛け合わせる<wbr>仕事をしています<' in home


_SEGMENT = st.sampled_from(["en", "ja", "portfolio", "events", "e", "a-b", "index.html", "x.ics"])


@given(st.lists(_SEGMENT, min_size=1, max_size=5), st.lists(_SEGMENT, max_size=4))
def test_relative_links_match_relpath(target: list[str], here: list[str]) -> None:
    import posixpath

    from brandkit.render.page import relative

    to, start = "/".join(target), "/".join(here) or "."
    assert relative(to, start) == posixpath.relpath(to, start)
