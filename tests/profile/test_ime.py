"""The mistakes of someone typing YAML with a Japanese input method on, and YAML's own
syntax errors, in brandkit's words (issue 15).

Each ``fixtures/ime/<case>/`` site is paired with the exact stderr it must give in English
(``expected.txt``) and in Japanese (``expected.ja.txt``). Refresh them with
``BRANDKIT_UPDATE_GOLDEN=1 python -m pytest tests/profile/test_ime.py`` and read the diff:
when a message is wrong, fix brandkit, not the file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from brandkit.cli import main
from brandkit.errors import BrandkitError, ProfileError
from brandkit.messages import MESSAGES, language, language_warning
from brandkit.profile import load_site
from brandkit.profile.fullwidth import DASHES
from brandkit.profile.yamlload import load_text

FIXTURES = Path(__file__).parent / "fixtures" / "ime"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
UPDATE = os.environ.get("BRANDKIT_UPDATE_GOLDEN") == "1"
EXAMPLE = Path(__file__).resolve().parents[2] / "example-site" / "profile.yaml"
# PyYAML's own words: none may reach a user, in either language.
PYYAML_WORDS = ("while scanning", "while parsing", "cannot start any token", "<unicode string>",
                "mapping values are not allowed", "could not find expected", "<block end>")


def build(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          capfd: pytest.CaptureFixture[str], lang: str) -> tuple[int, str, str]:
    shutil.copytree(FIXTURES / case, tmp_path / case,
                    ignore=shutil.ignore_patterns("expected*.txt"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    code = main(["build", case])
    out, err = capfd.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case", CASES)
def test_mistake_gives_its_exact_message(case: str, lang: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = build(case, tmp_path, monkeypatch, capfd, lang)
    assert (code, out) == (1, ""), err
    assert not (tmp_path / case / "_site").exists()
    assert "Traceback" not in err
    if case != "yaml-other":  # the one kept in PyYAML's words, inside a sentence of ours
        assert not [w for w in PYYAML_WORDS if w in err], err
    expected = FIXTURES / case / ("expected.txt" if lang == "en" else "expected.ja.txt")
    if UPDATE:
        expected.write_text(err, encoding="utf-8")
        return
    assert err == expected.read_text(encoding="utf-8")


def test_full_width_characters_in_values_are_text(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`：`, `　`, `＃` and `－` inside values, quotes and block scalars are the user's
    words: the profile builds, and keeps them."""
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    site = tmp_path / "site"
    site.mkdir()
    (site / "profile.yaml").write_text(
        "lang: [ja, en]\n"
        "name:\n  family: 佐藤\n  given: 花子\n"
        "identity: 講師：AIと教育\n"
        "role: \"ｒｏｌｅ： 講師\"\n"
        "organization: まなびラボ　研究室\n"
        "about: |\n  　元・数学教員です：毎日\n  ＃AI\n  － 箇条書き風\n"
        "now: >\n  　実証導入を\n  進めています\n"
        "strengths:\n  - 日時： 毎週\n  - ＃EdTech\n  - －1 から始める\n  - AI： 教育の現場\n"
        "next: 評価の\n  　仕組みづくり\n", encoding="utf-8")
    profile = load_site(site).profile
    assert profile.identity.text("ja") == "講師：AIと教育"
    assert profile.role.text("ja") == "ｒｏｌｅ： 講師"
    assert profile.about.text("ja") == "　元・数学教員です：毎日\n＃AI\n－ 箇条書き風\n"
    assert [s.title.text("ja") for s in profile.strengths] == ["日時： 毎週", "＃EdTech",
                                                               "－1 から始める", "AI： 教育の現場"]
    assert profile.next.text("ja") == "評価の 　仕組みづくり"


@pytest.mark.parametrize("written", ["ja, en", "ja en", "ja、en", "ja,en", "ｊａ，ｅｎ", "JA / EN"])
def test_languages_written_as_text_get_the_list_hint(written: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    text = (FIXTURES / "lang-as-text" / "profile.yaml").read_text(encoding="utf-8")
    (site / "profile.yaml").write_text(text.replace("lang: ja, en", f"lang: {written}"),
                                       encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_site(site)
    # One problem: the texts in `ja:` and `en:` are checked against the languages meant.
    assert str(caught.value) == (f'site/profile.yaml:1:7: lang: 複数の言語はリストで書いてください '
                                 f'(値 "{written}"); `lang: [ja, en]` と書いてください\n'
                                 "1 件の問題があります。")


# --- any full-width character at any structural place of a real profile --------------

def _structure(text: str) -> list[tuple[str, int, int]]:
    """Where YAML itself sees structure in ``text``: (kind, line, column), 1-based. From
    PyYAML's tokens, not from the code under test."""
    rows = text.split("\n")
    spots = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        line, col = token.start_mark.line + 1, token.start_mark.column + 1
        row = rows[line - 1]
        before = row[: col - 1]
        if isinstance(token, yaml.BlockEntryToken):
            spots.append(("dash", line, col))
        elif isinstance(token, yaml.ValueToken) and before.strip(" -").isidentifier():
            spots.append(("colon", line, col))
            if row[col:col + 1] == " " and row[col + 1:col + 2].strip():
                spots.append(("space after colon", line, col + 1))
        elif isinstance(token, yaml.KeyToken) and not before.strip(" -"):
            spots.append(("indent", line, col))  # the first key on its line
    for line, row in enumerate(rows, 1):
        if row.lstrip().startswith("#") and not any(line == s[1] for s in spots):
            spots.append(("comment", line, len(row) - len(row.lstrip()) + 1))
    return spots


SOURCE = EXAMPLE.read_text(encoding="utf-8") + (
    # Full-width characters the user meant, for the test to leave alone.
    "notes:\n  - \"時間：10分\"\n  - 日時： 12月5日\n  - ＃AI\n"
    "  - text: |\n      　字下げした段落：本文\n      ＃ハッシュタグ\n      － 箇条書き風\n")
SPOTS = _structure(SOURCE)


def test_the_source_is_valid_and_has_every_kind_of_place() -> None:
    doc, problems = load_text(SOURCE, "profile.yaml")
    assert doc is not None and problems == []
    assert {kind for kind, _, _ in SPOTS} == {"dash", "colon", "space after colon", "indent",
                                               "comment"}


@settings(max_examples=300)
@given(spot=st.sampled_from(SPOTS), dash=st.sampled_from(DASHES), data=st.data())
def test_any_full_width_structural_character_is_located(spot: tuple[str, int, int], dash: str,
                                                        data: st.DataObject) -> None:
    kind, line, col = spot
    rows = SOURCE.split("\n")
    row = rows[line - 1]
    if kind == "indent":
        if col == 1:  # a top-level key: the input method's space typed before it
            row = "\u3000" + row
        else:  # one of the indentation's spaces typed full-width
            col = data.draw(st.integers(1, col - 1), label="space")
            row = row[: col - 1] + "\u3000" + row[col:]
    else:
        char = {"dash": dash, "colon": "：", "space after colon": "\u3000", "comment": "＃"}[kind]
        row = row[: col - 1] + char + row[col:]
    rows[line - 1] = row
    doc, problems = load_text("\n".join(rows), "profile.yaml")
    assert doc is None
    assert (line, col) in [(p.line, p.col) for p in problems], problems


@settings(max_examples=500)
@example("[#]")  # PyYAML reads `[#` as `[` and a comment: the `[` is never closed, on line 1
@given(st.lists(st.sampled_from(list("ab:- #'\"[]{}|>\n\t@`%,：\u3000－ー＃ｒ講") + ["\n  ", ": "]),
                max_size=60).map("".join))
def test_any_text_with_full_width_characters_loads_or_is_located(text: str) -> None:
    """Never an exception; a problem is on a line of the file, at a column of that line."""
    doc, problems = load_text(text, "profile.yaml")
    assert doc is not None or problems
    rows = text.split("\n")
    for p in problems:
        if p.line:
            assert 1 <= p.line <= len(rows) and 1 <= p.col <= len(rows[p.line - 1]) + 1, (p, text)


# --- BRANDKIT_LANG ---------------------------------------------------------------------

@pytest.mark.parametrize("value", ["ja", "jp", "JA", "JP", "ja_JP", "ja-JP", "ja_JP.UTF-8", " ja "])
def test_ways_of_writing_japanese(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", value)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert language() == "ja"
    assert language_warning() == ""


@pytest.mark.parametrize("value", ["en", "EN", "en_US", "en-GB", "en_US.UTF-8", ""])
def test_ways_of_writing_english(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", value)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert language() == "en"
    assert language_warning() == ""


def test_unknown_brandkit_lang_is_warned_once_in_both_languages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = build("lang-as-text", tmp_path, monkeypatch, capfd, lang="fr")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[:2] == [
        ("brandkit: BRANDKIT_LANG=fr is not a language brandkit speaks (en, ja); "
         "messages follow your locale"),
        ("brandkit: BRANDKIT_LANG=fr は brandkit が使える言語 (en, ja) ではありません。"
         "メッセージはロケールの言語で表示します")]
    assert sum("BRANDKIT_LANG" in line for line in lines) == 2
    assert lines[2].startswith("lang-as-text/profile.yaml:1:7: lang: ")


def test_the_library_only_reports_the_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "jpn_JP")
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")  # the locale decides, as the warning says
    monkeypatch.delenv("LC_ALL", raising=False)
    assert language() == "ja"
    monkeypatch.setenv("BRANDKIT_LANG", "jap")
    assert language() == "ja" and "BRANDKIT_LANG=jap" in language_warning()
    with pytest.raises(BrandkitError):  # no profile here: reported, never printed
        load_site(tmp_path)
    assert capfd.readouterr() == ("", "")


def test_every_new_message_has_both_languages() -> None:
    keys = [k for k in MESSAGES if k.startswith(("fw_", "yaml_", "lang_as_text", "env_lang"))]
    assert len(keys) >= 25
    for key in keys:
        en, ja = MESSAGES[key]
        assert en and ja and en != ja, key
