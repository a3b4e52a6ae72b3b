"""theme.yaml is checked like the profile: each mistake, in a theme made in ``tmp_path``,
is paired with the exact message it must give, in English and in Japanese; the commands
exit 1 with it and no traceback, and keep the last good output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandkit.build import Builder, build
from brandkit.errors import BrandkitError, ProfileError
from brandkit.profile import load_site
from brandkit.profile.theme import KEYS, check_chain, find_theme, theme_chain
from brandkit.text.color import contrast_ratio

REPO = Path(__file__).resolve().parents[2]
PROFILE = """\
name: {full: Hanako Yamada}
identity: I help teachers use AI
brand:
  theme: %s
"""
MINE = "site/themes/mine/theme.yaml"
OTHER = "site/themes/other/theme.yaml"


def make_site(root: Path, themes: dict[str, str | bytes | None], theme: str = "mine") -> Path:
    """A site in ``root/site`` using ``theme``; each of ``themes`` gets ``templates/`` and,
    unless None, the given theme.yaml."""
    site = root / "site"
    site.mkdir()
    (site / "profile.yaml").write_text(PROFILE % theme, encoding="utf-8")
    for name, text in themes.items():
        folder = site / "themes" / name
        (folder / "templates").mkdir(parents=True)
        if isinstance(text, bytes):
            (folder / "theme.yaml").write_bytes(text)
        elif text is not None:
            (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return site


def load_error(site: Path) -> str:
    with pytest.raises(ProfileError) as caught:
        load_site(site)
    return str(caught.value)


@pytest.fixture(autouse=True)
def _english_from_the_site_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")
    monkeypatch.chdir(tmp_path)  # messages name `site/themes/…`, as the user would type it


# (case, themes, theme in use, [(English, Japanese)] one pair per problem, in file order)
CASES = [
    ("unknown-key-typo", {"mine": 'backgrund: "#ffffff"\n'}, "mine", [(
        f"{MINE}:1:1: backgrund: unknown field; did you mean `background`?",
        f"{MINE}:1:1: backgrund: 不明な項目です; `background` のことですか?")]),
    ("unknown-key", {"mine": "colour: teal\n"}, "mine", [(
        f"{MINE}:1:1: colour: unknown field; expected one of: parent, background, background_dark",
        f"{MINE}:1:1: colour: 不明な項目です; 使える項目: parent, background, background_dark")]),
    ("parent-list", {"mine": "parent: [default, sidebar]\n"}, "mine", [(
        f"{MINE}:1:9: parent: expected text (got a list)",
        f"{MINE}:1:9: parent: 文字列を書いてください (値 リスト)")]),
    ("background-bool", {"mine": "background: true\n"}, "mine", [(
        f'{MINE}:1:13: background: expected text (got "true")',
        f'{MINE}:1:13: background: 文字列を書いてください (値 "true")')]),
    ("bad-colour", {"mine": 'background_dark: "#12345"\n'}, "mine", [(
        f'{MINE}:1:18: background_dark: not a colour in hex form (got "#12345"); '
        'write it like "#1a73e8"',
        f'{MINE}:1:18: background_dark: 16 進数のカラーコードではありません (値 "#12345"); '
        '"#1a73e8" のように書いてください')]),
    ("colour-read-as-comment", {"mine": "background: #fafafa\n"}, "mine", [(
        f'{MINE}:1:12: background: must not be empty; put the colour in quotes, like "#1a73e8": '
        "an unquoted # starts a comment",
        f'{MINE}:1:12: background: 空にはできません; "#1a73e8" のように引用符で囲んでください '
        "(囲まないと # から後はコメントになります)")]),
    ("parent-typo", {"mine": "parent: sidebr\n"}, "mine", [(
        f'{MINE}:1:9: parent: no such theme (got "sidebr"); did you mean `sidebar`?',
        f'{MINE}:1:9: parent: そのテーマはありません (値 "sidebr"); `sidebar` のことですか?')]),
    ("parent-unknown", {"mine": "parent: fancy\n"}, "mine", [(
        f'{MINE}:1:9: parent: no such theme (got "fancy"); expected one of: default, mine, sidebar',
        f'{MINE}:1:9: parent: そのテーマはありません (値 "fancy"); 使える項目: default, mine, sidebar')]),
    ("parent-empty", {"mine": 'parent: ""\n'}, "mine", [(
        f'{MINE}:1:9: parent: must not be empty (got "")',
        f'{MINE}:1:9: parent: 空にはできません (値 "")')]),
    ("parent-blank", {"mine": "parent:\n"}, "mine", [(
        f"{MINE}:1:8: parent: must not be empty",
        f"{MINE}:1:8: parent: 空にはできません")]),
    ("parent-itself", {"mine": "parent: mine\n"}, "mine", [(
        f'{MINE}:1:9: parent: a theme cannot be its own parent (got "mine"); '
        "name another theme, or leave `parent:` out to extend `default`",
        f'{MINE}:1:9: parent: テーマ自身を親テーマにはできません (値 "mine"); '
        "別のテーマを書くか、`parent:` を省いて `default` を引き継いでください")]),
    ("parent-itself-shadowing-builtin", {"sidebar": "parent: sidebar\n"}, "sidebar", [(
        'site/themes/sidebar/theme.yaml:1:9: parent: a theme cannot be its own parent '
        '(got "sidebar"); your theme `sidebar` replaces the built-in one of that name; '
        "give your folder another name to extend it",
        'site/themes/sidebar/theme.yaml:1:9: parent: テーマ自身を親テーマにはできません '
        '(値 "sidebar"); サイトのテーマ `sidebar` は同じ名前の組み込みテーマを置き換えます。'
        "引き継ぐにはフォルダ名を変えてください")]),
    ("parent-loop", {"mine": "parent: other\n", "other": "parent: mine\n"}, "mine", [(
        f'{OTHER}:1:9: parent: the parents go round in a circle: mine → other → mine '
        '(got "mine"); one of these themes must name another parent (or leave `parent:` out)',
        f'{OTHER}:1:9: parent: 親テーマが循環しています: mine → other → mine (値 "mine"); '
        "どれかのテーマで別の親テーマを書いてください (または `parent:` を省いてください)")]),
    ("parent-loop-beyond-the-theme",
     {"mine": "parent: other\n", "other": "parent: third\n", "third": "parent: other\n"}, "mine", [(
         'site/themes/third/theme.yaml:1:9: parent: the parents go round in a circle: '
         'other → third → other (got "other"); '
         "one of these themes must name another parent (or leave `parent:` out)",
         'site/themes/third/theme.yaml:1:9: parent: 親テーマが循環しています: '
         'other → third → other (値 "other"); '
         "どれかのテーマで別の親テーマを書いてください (または `parent:` を省いてください)")]),
    ("mistake-in-a-parent", {"mine": "parent: other\n", "other": "background: teal\n"}, "mine", [(
        f'{OTHER}:1:13: background: not a colour in hex form (got "teal"); write it like "#1a73e8"',
        f'{OTHER}:1:13: background: 16 進数のカラーコードではありません (値 "teal"); '
        '"#1a73e8" のように書いてください')]),
    ("list-not-mapping", {"mine": "- parent: default\n"}, "mine", [(
        f"{MINE}:1:1: theme.yaml must be a mapping of settings (parent:, background:, background_dark:)",
        f"{MINE}:1:1: theme.yaml は「項目名: 値」の形で書いてください (parent:, background:, background_dark:)")]),
    ("text-not-mapping", {"mine": "default\n"}, "mine", [(
        f"{MINE}:1:1: theme.yaml must be a mapping of settings (parent:, background:, background_dark:)",
        f"{MINE}:1:1: theme.yaml は「項目名: 値」の形で書いてください (parent:, background:, background_dark:)")]),
    ("yaml-syntax", {"mine": "parent: [default\n"}, "mine", [(
        (f"{MINE}:1:9: the `[` that starts here is never closed with `]`; "
         "separate the items with `,` and end with `]` on the same line"),
        (f"{MINE}:1:9: ここで始まる「[」が「]」で閉じていません; "
         "項目を「,」で区切り、同じ行の終わりを「]」で閉じてください"))]),
    # The loader's words, not PyYAML's ScannerError naming "<unicode string>" (issue 15).
    ("yaml-tab", {"mine": "parent: default\n\tbackground: '#fff'\n"}, "mine", [(
        f"{MINE}:2:1: tabs cannot be used for indentation: use spaces",
        f"{MINE}:2:1: インデントにタブは使えません。半角スペースにしてください")]),
    ("full-width-colon", {"mine": "parent： default\nbackground: '#fff'\n"}, "mine", [(
        f"{MINE}:1:7: a full-width colon `：`: type `:`",
        f"{MINE}:1:7: 全角のコロン「：」は半角「:」にしてください")]),
    ("full-width-indent", {"mine": "parent: default\n\u3000background: '#fff'\n"}, "mine", [(
        f"{MINE}:2:1: a full-width space in the indentation: indent with half-width spaces",
        f"{MINE}:2:1: 字下げに全角スペースが使われています。半角スペースにしてください")]),
    ("duplicate-key", {"mine": "parent: default\nparent: sidebar\n"}, "mine", [(
        f"{MINE}:2:1: parent: duplicate key (first written on line 1)",
        f"{MINE}:2:1: parent: キーが重複しています (1 行目が最初)")]),
    ("python-tag", {"mine": "background: !!python/object/apply:os.system [echo hi]\n"}, "mine", [(
        f"{MINE}:1:13: background: the YAML tag !!python/object/apply:os.system is not allowed; "
        "brandkit reads plain YAML only (safe loading)",
        f"{MINE}:1:13: background: YAML タグ !!python/object/apply:os.system は使えません; "
        "brandkit は安全のため標準の YAML だけを読みます")]),
    ("not-utf8", {"mine": b'parent: default\nbackground: "\xff"\n'}, "mine", [(
        f"{MINE}:2:14: the file is not UTF-8 text; save it as UTF-8 in your editor",
        f"{MINE}:2:14: ファイルが UTF-8 のテキストではありません; エディタで UTF-8 として保存してください")]),
    ("too-big", {"mine": "# " + "x" * (1 << 20) + "\n"}, "mine", [(
        f"{MINE}: the file is too large (1024 KiB; a theme.yaml needs a few lines)",
        f"{MINE}: ファイルが大きすぎます (1024 KiB。theme.yaml は数行で足ります)")]),
    ("every-problem-at-once",
     {"mine": 'parent: fancy\nbackground: "#ggg"\nbackground_drak: "#000"\n'}, "mine", [
         (f'{MINE}:1:9: parent: no such theme (got "fancy"); expected one of: default, mine, sidebar',
          f'{MINE}:1:9: parent: そのテーマはありません (値 "fancy"); 使える項目: default, mine, sidebar'),
         (f'{MINE}:2:13: background: not a colour in hex form (got "#ggg"); write it like "#1a73e8"',
          f'{MINE}:2:13: background: 16 進数のカラーコードではありません (値 "#ggg"); '
          '"#1a73e8" のように書いてください'),
         (f"{MINE}:3:1: background_drak: unknown field; did you mean `background_dark`?",
          f"{MINE}:3:1: background_drak: 不明な項目です; `background_dark` のことですか?")]),
]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case, themes, theme, expected", CASES, ids=[c[0] for c in CASES])
def test_theme_mistake_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
                                  case: str, themes: dict, theme: str, expected: list) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    site = make_site(tmp_path, themes, theme)
    lines = [pair[lang == "ja"] for pair in expected]
    count = f"{len(lines)} problem(s) found." if lang == "en" else f"{len(lines)} 件の問題があります。"
    assert load_error(site) == "\n".join(lines + [count])


def test_theme_yaml_that_is_not_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, {"mine": None})
    (site / "themes" / "mine" / "theme.yaml").mkdir()
    assert load_error(site) == f"{MINE}: theme.yaml is not a file\n1 problem(s) found."
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    assert load_error(site) == f"{MINE}: theme.yaml がファイルではありません\n1 件の問題があります。"


def test_theme_problems_come_with_the_profile_ones(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"mine": "parent: sidebr\n"})
    profile = site / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "contacts:\n  email: bob@\n",
                       encoding="utf-8")
    assert load_error(site) == "\n".join([
        'site/profile.yaml:6:10: contacts.email: not an email address (got "bob@")',
        f'{MINE}:1:9: parent: no such theme (got "sidebr"); did you mean `sidebar`?',
        "2 problem(s) found."])


@pytest.mark.parametrize("text", [None, "", "\n\n", "# only a comment\n", "---\n", "{}\n",
                                  'parent: default\nbackground: "#FAFAFA"\n',
                                  "parent: sidebar\nbackground_dark: '#000'\n"])
def test_valid_theme_yaml_loads(tmp_path: Path, text: str | None) -> None:
    site = make_site(tmp_path, {"mine": text})
    load_site(site)
    chain = theme_chain("mine", site.resolve())
    assert chain[-1].name == "default" and chain[0].name == "mine"
    assert chain[0].background in ("#ffffff", "#fafafa")


@pytest.mark.parametrize("name, parent, background, background_dark", [
    ("default", "", "#ffffff", "#1b1f24"), ("sidebar", "default", "#f3f4f6", "#1c1f24")])
def test_builtin_themes_pass_and_say_what_they_said(tmp_path: Path, name: str, parent: str,
                                                    background: str, background_dark: str) -> None:
    site = make_site(tmp_path, {}, name)
    assert check_chain(name, site) == []
    theme = find_theme(name, site)
    assert (theme.parent, theme.background, theme.background_dark) == (
        parent, background, background_dark)
    assert theme.problems == ()


def test_find_theme_and_theme_chain_never_raise_key_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"mine": "parent: other\n", "other": "parent: mine\n",
                                "lost": "parent: nowhere\n", "bad": "- [\n"})
    with pytest.raises(BrandkitError, match=r"^no theme named `nope` \(themes: bad, default, "
                                            r"lost, mine, other, sidebar\)$"):
        find_theme("nope", site)
    with pytest.raises(BrandkitError):  # a name, never a path out of the themes folder
        find_theme("../site/themes/mine", site)
    # Unchecked (as while the portfolio is read), a broken chain ends early, quietly.
    assert [t.name for t in theme_chain("mine", site)] == ["mine", "other"]
    assert [t.name for t in theme_chain("lost", site)] == ["lost"]
    assert [t.name for t in theme_chain("bad", site)] == ["bad", "default"]


# --- the commands ---------------------------------------------------------------------

def run(*args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRANDKIT_LANG": lang, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "brandkit", *args], cwd=cwd, env=env,
                           capture_output=True, text=True, timeout=120)


BROKEN = {"mine": "parent: sidebr\nbackground: #fff\n"}
BROKEN_EN = (f'{MINE}:1:9: parent: no such theme (got "sidebr"); did you mean `sidebar`?\n'
             f'{MINE}:2:12: background: must not be empty; put the colour in quotes, '
             'like "#1a73e8": an unquoted # starts a comment\n2 problem(s) found.\n')


@pytest.mark.parametrize("command", ["build", "check"])
def test_command_exits_1_with_located_messages(tmp_path: Path, command: str) -> None:
    make_site(tmp_path, BROKEN)
    result = run(command, "site", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", BROKEN_EN)
    assert not (tmp_path / "site" / "_site").exists()


def test_command_speaks_japanese(tmp_path: Path) -> None:
    make_site(tmp_path, BROKEN)
    result = run("check", "site", cwd=tmp_path, lang="ja")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == (
        f'{MINE}:1:9: parent: そのテーマはありません (値 "sidebr"); `sidebar` のことですか?\n'
        f'{MINE}:2:12: background: 空にはできません; "#1a73e8" のように引用符で囲んでください '
        "(囲まないと # から後はコメントになります)\n2 件の問題があります。\n")


def _files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_broken_theme_keeps_the_last_good_output(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"mine": 'parent: sidebar\nbackground: "#f3f4f6"\n'})
    out = build(site).out
    before = _files(out)
    (site / "themes" / "mine" / "theme.yaml").write_text("parent: [\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"theme\.yaml:1:9: the `\[` that starts here is never closed"):
        build(site)
    assert _files(out) == before


def test_watch_rebuild_with_a_broken_theme_keeps_the_site(tmp_path: Path) -> None:
    """watch and serve rebuild through Builder: the same one error, nothing written."""
    site = make_site(tmp_path, {"mine": "parent: sidebar\n"})
    builder = Builder(site)
    out = builder.build().out
    before = _files(out)
    theme = site / "themes" / "mine" / "theme.yaml"
    theme.write_text("parent: mine\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="a theme cannot be its own parent"):
        builder.build()
    assert _files(out) == before
    theme.write_text("parent: default\n", encoding="utf-8")
    assert builder.build().written  # fixed: the default theme's layout this time


# --- any text as theme.yaml -----------------------------------------------------------

WORDS = [*KEYS, "backgrund", "<<", "parent: parent", "mine", "default", "sidebar", "nowhere",
         "../mine", '"#fff"', "'#ABCDEF'", "#fff", '"#12"', "teal", "~", "null", "yes", "12",
         "[a, b]", "{a: 1}", "&a x", "*a", "!!python/object/apply:os.system", "!!binary", "|",
         ">", "---", "...", "\t", "- ", "? ", '"', "'", "日本語", "\u202e", "\ufeff", "\x00"]


@st.composite
def theme_yaml(draw: st.DrawFn) -> str:
    """Lines of `key: value` made mostly of theme.yaml's own keys and values."""
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2]))
        key = draw(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)))
        value = draw(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)))
        lines.append(f"{indent}{key}: {value}" if draw(st.booleans()) else indent + value)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("theme-fuzz")
    for name in ("mine", "other"):
        (site / "themes" / name / "templates").mkdir(parents=True)
    (site / "themes" / "other" / "theme.yaml").write_text("parent: mine\n", encoding="utf-8")
    return site


# A budget of examples, not of time. No per-example deadline (as in the other property
# tests): on a shared machine one example stalled 314 ms, over Hypothesis's 200 ms default.
FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def valid_or_located(site: Path) -> None:
    """Problems, each in a theme.yaml with a line and column; or a chain the renderers
    can use: every theme found, ``default`` last, backgrounds that are colours."""
    problems = check_chain("mine", site)
    for problem in problems:
        assert problem.file.endswith("theme.yaml") and problem.line >= 0 and problem.col >= 0
        assert str(problem)
    find_theme.cache_clear()  # as watch does before each build
    chain = theme_chain("mine", site)
    if not problems:
        assert [t.name for t in chain][-1] == "default"
        for theme in chain:
            contrast_ratio(theme.background, theme.background_dark)


@FUZZ
@given(text=st.one_of(st.text(), theme_yaml()))
def test_any_text_gives_a_theme_or_located_problems(fuzz_site: Path, text: str) -> None:
    path = fuzz_site / "themes" / "mine" / "theme.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    valid_or_located(fuzz_site)


@FUZZ
@given(data=st.binary(max_size=200))
def test_any_bytes_give_a_theme_or_located_problems(fuzz_site: Path, data: bytes) -> None:
    (fuzz_site / "themes" / "mine" / "theme.yaml").write_bytes(data)
    valid_or_located(fuzz_site)
