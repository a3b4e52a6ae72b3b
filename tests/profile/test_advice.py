"""`brandkit check` advice: each rule fires where the brief says, located, and only then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brandkit.build import check

BASE = """\
lang: [ja, en]
name: {family: 山田, given: 花子, reading: やまだ はなこ}
identity: {ja: AIと教育を掛け合わせる仕事をしています, en: I combine AI and education}
strengths: [A, B, C]
offers: [Code review]
"""


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


def advice(tmp_path: Path, text: str, chdir: pytest.MonkeyPatch) -> list[str]:
    """The advice for a profile, except that its drafted scripts are thin (these profiles
    are a few lines; tests/render/test_kit_check.py tests that advice)."""
    site = tmp_path / "s"
    site.mkdir(exist_ok=True)
    (site / "profile.yaml").write_text(text, encoding="utf-8")
    chdir.chdir(tmp_path)
    return [str(p) for p in check(Path("s"))
            if " are thin: " not in str(p) and "短すぎます" not in str(p)]


def test_good_profile_gets_no_advice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert advice(tmp_path, BASE, monkeypatch) == []


def test_example_site_gets_no_advice(tmp_path: Path) -> None:
    # A copy outside git: inside brandkit's repository its demo phone is (rightly) flagged
    # as a private value git tracks (tests/profile/test_private.py).
    example = Path(__file__).resolve().parents[2] / "example-site"
    copy = shutil.copytree(example, tmp_path / "example", ignore=shutil.ignore_patterns("_site", "_card"))
    assert check(copy) == []


@pytest.mark.parametrize("identity, expected", [
    ("{ja: IT企業で働いています, en: I combine AI and education}",
     "s/profile.yaml:3:16: warning: identity.ja: the identity is generic; say what you combine "
     "or who you help, e.g. \"I combine AI and education\" (got \"IT企業で働いています\")"),
    ("{ja: AIと教育を掛け合わせる仕事をしています, en: I work in IT}",
     "s/profile.yaml:3:42: warning: identity.en: the identity is generic; say what you combine "
     "or who you help, e.g. \"I combine AI and education\" (got \"I work in IT\")"),
    ("{ja: 人工知能と教育工学と認知科学を掛け合わせて新しい学びの形をつくる仕事をしています, en: I combine AI and education}",
     "s/profile.yaml:3:16: warning: identity.ja: the identity is 40 characters; aim for about "
     "25 or fewer so it sticks (got \"人工知能と教育工学と認知科学を掛け合わせて新しい学びの形をつくる仕事をしています\")"),
    ("{ja: AIと教育, en: I combine artificial intelligence and education for teachers in every school}",
     "s/profile.yaml:3:27: warning: identity.en: the identity is 11 words; aim for 8 or fewer "
     "so it sticks (got \"I combine artificial intelligence and education for teacher…\")"),
])
def test_identity_advice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, identity: str,
                         expected: str) -> None:
    text = BASE.replace(BASE.splitlines()[2], f"identity: {identity}")
    assert advice(tmp_path, text, monkeypatch) == [expected]


def test_offers_strengths_reading_contrast_alt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "s" / "assets").mkdir(parents=True)
    (tmp_path / "s" / "assets" / "me.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 24)
    text = """\
lang: [ja]
name: {family: 山田, given: 花子}
identity: AIと教育を掛け合わせる
photo: assets/me.png
strengths: [A, B]
brand: {color: "#ffcc00"}
"""
    assert advice(tmp_path, text, monkeypatch) == [
        "s/profile.yaml:1:1: warning: no offers: say how you can help others (give first)",
        "s/profile.yaml:2:7: warning: name: a Japanese name without a reading; add `reading:` "
        "(people will not guess it right)",
        "s/profile.yaml:4:8: warning: photo: image without alt text; add `alt:` describing it "
        "(got \"assets/me.png\")",
        "s/profile.yaml:5:12: warning: strengths: 2 strengths; 3 to 5 are easier to remember",
        "s/profile.yaml:6:16: warning: brand.color: brand colour #ffcc00 has contrast 1.51:1 "
        "against the default background #ffffff; WCAG AA needs 4.5:1",
    ]


def test_too_many_strengths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = BASE.replace("strengths: [A, B, C]", "strengths: [A, B, C, D, E, F]")
    assert advice(tmp_path, text, monkeypatch) == [
        "s/profile.yaml:4:12: warning: strengths: 6 strengths; pick your best 3 to 5"]


def test_advice_in_japanese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    text = BASE.replace("offers: [Code review]\n", "")
    assert advice(tmp_path, text, monkeypatch) == [
        "s/profile.yaml:1:1: 提案: offers がありません。相手に提供できること (ギブ) を書きましょう"]


@pytest.mark.parametrize("identity, role, expected", [
    # JSON Resume's `label` is often the job title: imported as the identity, check says so.
    ("Programmer", None, "s/profile.yaml:1:11: warning: identity: one or two words read like "
     "a job title: say what you combine, or who you help (got \"Programmer\")"),
    ("Data engineer at a bank", "data engineer at a bank",
     "s/profile.yaml:1:11: warning: identity: your identity only repeats your role: say what you "
     "combine, or who you help (got \"Data engineer at a bank\")"),
    ("プロダクトマネージャー", "プロダクトマネージャー",
     "s/profile.yaml:1:11: warning: identity: your identity only repeats your role: say what you "
     "combine, or who you help (got \"プロダクトマネージャー\")"),
    ("I combine AI and education", "Product manager", None),
])
def test_identity_that_is_only_a_job_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           identity: str, role: str | None, expected: str | None) -> None:
    text = (f"identity: {identity}\nname: Jane Doe\nstrengths: [A, B, C]\noffers: [Code review]\n"
            + (f"role: {role}\n" if role else ""))
    assert advice(tmp_path, text, monkeypatch) == ([expected] if expected else [])
# --- a missing translation: the page in that language would show another's text --------

@pytest.mark.parametrize(("lang", "expected"), [
    ("en", [("s/profile.yaml:7:12: warning: offers[1].title: no en text: the en pages show the ja "
            "text instead; add `en:` to it"),
            ("s/profile.yaml:8:7: warning: role: no ja text: the ja pages show the en text "
            "instead; add `ja:` to it")]),
    ("ja", [("s/profile.yaml:7:12: 提案: offers[1].title: en の文章がありません。en のページには "
            "ja の文章がそのまま表示されます; `en:` を書き足してください"),
            ("s/profile.yaml:8:7: 提案: role: ja の文章がありません。ja のページには en の文章"
            "がそのまま表示されます; `ja:` を書き足してください")]),
])
def test_missing_translation_is_advised_per_field_and_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: list[str]) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    text = BASE.replace("offers: [Code review]\n",
                        "offers:\n  - Code review\n  - title: {ja: 授業づくりの相談}\n"
                        "role: {en: Product manager}\n")
    assert advice(tmp_path, text, monkeypatch) == expected


def test_one_string_for_every_language_and_drafted_texts_are_not_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain string is meant for every language; scripts are drafted per language and
    questions filled with the event type's defaults, never borrowed from another."""
    text = BASE + ("role: Product manager\nscripts:\n  30s: {ja: 山田です。}\n"
                   "events:\n  - name: {ja: 勉強会, en: Study group}\n    date: 2026-12-05\n"
                   "    type: meetup\n    questions:\n      - {ja: 最近の課題は？}\n")
    assert advice(tmp_path, text, monkeypatch) == []


def test_missing_translation_in_a_portfolio_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "s" / "portfolio").mkdir(parents=True)
    (tmp_path / "s" / "portfolio" / "tutor.md").write_text(
        "---\ntitle: {ja: AIチューター, en: AI tutor}\nsummary: {ja: 12校で実証中}\n---\n本文\n",
        encoding="utf-8")
    assert advice(tmp_path, BASE, monkeypatch) == [
        ("s/portfolio/tutor.md:3:10: warning: summary: no en text: the en pages show the ja "
        "text instead; add `en:` to it")]
    # A translation file gives the title in English: no advice for it.
    (tmp_path / "s" / "portfolio" / "tutor.en.md").write_text(
        "---\nsummary: Piloted in 12 schools\n---\nBody\n", encoding="utf-8")
    assert advice(tmp_path, BASE, monkeypatch) == []


@pytest.mark.parametrize(("lang", "message", "hint"), [
    ("en", ("a web address needs https:// in front: without it, it is read as a path on your "
            "own site (a broken link)"), "did you mean `https://github.com/kenta/x`?"),
    ("ja", ("Web アドレスの先頭には https:// が必要です (ないとサイト内のパスとして扱われ、"
            "リンク切れになります)"), "`https://github.com/kenta/x` のことですか?"),
])
def test_markdown_link_without_scheme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      lang: str, message: str, hint: str) -> None:
    """Markdown (`about`, a portfolio body) becomes links as written: one to
    `github.com/kenta/x` would lead to a missing page of the site itself."""
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    warning, got = {"en": ("warning", "got"), "ja": ("提案", "値")}[lang]
    (tmp_path / "s" / "portfolio").mkdir(parents=True)
    (tmp_path / "s" / "portfolio" / "tutor.md").write_text(
        "---\ntitle: AI tutor\n---\nIntro.\n\nThe [code](github.com/kenta/x), the "
        "[slides](assets/slides.pdf), [mail](mailto:t@example.com).\n", encoding="utf-8")
    text = BASE + 'about: "Code at [GitHub](github.com/kenta/x)."\n'
    assert advice(tmp_path, text, monkeypatch) == [
        f's/profile.yaml:6:8: {warning}: about: {message} ({got} "github.com/kenta/x"); {hint}',
        f's/portfolio/tutor.md:6:1: {warning}: {message} ({got} "github.com/kenta/x"); {hint}']
