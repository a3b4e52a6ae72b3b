"""The built home pages read back by real consumers of their formats: the h-card by
mf2py (the microformats2 parser IndieWeb tools use), JSON-LD and Open Graph by extruct
(Scrapinghub's structured-data extractor). What they read must equal the profile.
(The vCard's reader test is in tests/render/test_vcard*.py; resume.json's are in
tests/importer/test_export.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brandkit.build import build
from brandkit.profile import load_site
from tests.conftest import FIXED_EPOCH, copy_example, edit

mf2py = pytest.importorskip("mf2py", reason="pip install -e .[test] (mf2py)")
extruct = pytest.importorskip("extruct", reason="pip install -e .[test] (extruct)")

PAGES = {"ja": "index.html", "en": "en/index.html"}


@pytest.fixture(scope="module", params=["default", "sidebar"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The example site (in each theme) built, and its profile as loaded."""
    site = copy_example(tmp_path_factory.mktemp("readers") / "site")
    if request.param != "default":
        edit(site / "profile.yaml", "theme: default", f"theme: {request.param}")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    patch.setenv("BRANDKIT_LANG", "en")
    try:
        out = build(site).out
    finally:
        patch.undo()
    yield load_site(site), out
    shutil.rmtree(site, ignore_errors=True)


def _page_url(base: str, lang: str) -> str:
    return base + ("" if lang == "ja" else "en/")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_h_card_is_the_profile(built, lang: str) -> None:
    site, out = built
    profile = site.profile
    base = profile.site.url
    html = (out / PAGES[lang]).read_text(encoding="utf-8")
    parsed = mf2py.parse(doc=html, url=_page_url(base, lang))
    cards = [item for item in parsed["items"] if "h-card" in item["type"]]
    assert len(cards) == 1, "one h-card for the person on the home page"
    card = cards[0]["properties"]
    assert card["name"] == [profile.name.display(lang)]
    assert card["note"] == [profile.identity.text(lang)]
    assert card["photo"][0]["value"] == base + profile.photo.src
    assert card["photo"][0]["alt"] == profile.photo.alt.text(lang)
    assert card["uid"] == [base]
    # u-url: the person's own address first, then every link (rel="me"), in order.
    assert card["url"] == [base] + [link.url for link in profile.links]
    assert card["job-title"] == [profile.role.text(lang)]
    assert card["org"] == [profile.organization.text(lang)]
    rels = parsed["rels"].get("me", [])
    assert rels == [link.url for link in profile.links]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_json_ld_person_and_open_graph_are_the_profile(built, lang: str) -> None:
    site, out = built
    profile = site.profile
    base = profile.site.url
    html = (out / PAGES[lang]).read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=_page_url(base, lang),
                           syntaxes=["json-ld", "opengraph"], uniform=True)
    people = [item["mainEntity"] for item in data["json-ld"] if item.get("@type") == "ProfilePage"]
    assert len(people) == 1
    person = people[0]
    assert person["@type"] == "Person"
    assert person["name"] == profile.name.display(lang)
    assert person["description"] == profile.identity.text(lang)
    assert person["image"] == base + profile.photo.src
    assert person["url"] == base
    assert person["sameAs"] == [link.url for link in profile.links]
    assert person["knowsAbout"] == [s.title.text(lang) for s in profile.strengths]
    assert person["jobTitle"] == profile.role.text(lang)
    assert person["worksFor"]["name"] == profile.organization.text(lang)

    graph = data["opengraph"]
    assert len(graph) == 1
    og = graph[0]
    for key in ("og:title", "og:description", "og:image", "og:url"):
        assert og.get(key), f"{key} missing"
    assert profile.name.display(lang) in og["og:title"]
    assert profile.identity.text(lang) in og["og:description"]
    assert og["og:url"] == _page_url(base, lang)
    assert og["og:image"] == base + profile.photo.src
    for key in ("og:image", "og:url"):
        assert og[key].startswith("https://"), f"{key} must be absolute"


def test_readers_see_nothing_private(built) -> None:
    """The card-only phone (private.yaml's, or shown: [card]) is in no reader's view."""
    site, out = built
    phone = site.profile.contacts.phone
    assert phone is not None and "site" not in (phone.show or ("card", "vcard"))
    for page in PAGES.values():
        html = (out / page).read_text(encoding="utf-8")
        parsed = mf2py.parse(doc=html, url=site.profile.site.url)
        data = extruct.extract(html, base_url=site.profile.site.url, uniform=True)
        digits = "".join(c for c in phone.value if c.isdigit())
        for text in (str(parsed), str(data)):
            assert digits[-8:] not in "".join(c for c in text if c.isdigit())


def test_readers_really_read(tmp_path: Path) -> None:
    """The readers are not empty-handed by default: a page without the markup gives
    nothing, so the tests above cannot pass on a page that lost it."""
    html = "<!doctype html><html><head><title>x</title></head><body><p>x</p></body></html>"
    assert not [i for i in mf2py.parse(doc=html)["items"] if "h-card" in i["type"]]
    data = extruct.extract(html, base_url="https://example.com/", syntaxes=["json-ld", "opengraph"],
                           uniform=True)
    assert data["json-ld"] == [] and data["opengraph"] == []
