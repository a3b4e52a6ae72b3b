"""``brandkit init``'s sample values: every one it writes, in each language, is known to
``samples.py`` (the one table scaffold.py writes from), so ``check`` advises on each left
in, ``--strict`` fails, and a build says so once. A profile of one's own gets none of it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from brandkit.build import check
from brandkit.cli import main
from brandkit.profile import samples, split_front_matter
from brandkit.profile.yamlload import dotted
from brandkit.scaffold import init

REPO = Path(__file__).resolve().parents[2]
LANGS = [["ja", "en"], ["en", "ja"], ["ja"], ["en"]]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


def leaves(data: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every value written in ``data``, with its path (a list of words is one value)."""
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in leaves(value, path + (key,))]
    if isinstance(data, list) and not all(isinstance(v, str) and len(v) < 10 for v in data):
        return [leaf for i, value in enumerate(data) for leaf in leaves(value, path + (i,))]
    return [(path, data)]


def is_setting(path: tuple) -> bool:
    return ".".join("*" if isinstance(p, int) else str(p) for p in path) in samples.SETTINGS \
        or any(".".join("*" if isinstance(p, int) else str(p) for p in path[:n]) + ".*"
               in samples.SETTINGS for n in range(1, len(path)))


def front_matters(folder: Path) -> dict[str, tuple[dict, str]]:
    found = {}
    for path in sorted((folder / "portfolio").glob("*.md")):
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        found[path.name] = (yaml.safe_load(front) or {}, body)
    return found


@pytest.mark.parametrize("langs", LANGS, ids=",".join)
def test_every_value_init_writes_is_a_known_sample(tmp_path: Path, langs: list[str]) -> None:
    """A sample value added to the template but not to samples.py fails here."""
    init(tmp_path / "site", langs)
    profile = yaml.safe_load((tmp_path / "site" / "profile.yaml").read_text(encoding="utf-8"))
    flagged = {path for path, _ in samples.found(profile)}
    for path, value in leaves(profile):
        assert path in flagged or is_setting(path), f"profile.yaml {dotted(path)}: {value!r}"
    for name, (front, body) in front_matters(tmp_path / "site").items():
        flagged = {path for path, _ in samples.found(front)}
        for path, value in leaves(front):
            assert path in flagged or is_setting(path), f"{name} {dotted(path)}: {value!r}"
        assert samples.is_sample_text(body), name
    assert samples.is_sample_photo((tmp_path / "site" / "assets" / "photo.svg").read_bytes())


def test_settings_listed_are_ones_init_writes() -> None:
    """No stale entry in SETTINGS hides a sample from the test above."""
    written = set()
    for langs in LANGS:
        text = yaml.safe_load(_init_text(langs))
        written |= {".".join("*" if isinstance(p, int) else str(p) for p in path)
                    for path, _ in leaves(text)}
    written.add("date")  # the portfolio file's
    assert samples.SETTINGS <= written


def _init_text(langs: list[str]) -> str:
    from brandkit.scaffold import profile_yaml
    return profile_yaml(langs)


def test_check_advises_on_each_sample_and_strict_fails(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    init(Path("site"), ["ja", "en"])
    lines = [str(p) for p in check(Path("site"))]
    assert "site/profile.yaml:67:10: warning: contacts.email: still the sample `brandkit init` " \
           "wrote: put your own here (got \"you@example.com\")" in lines
    assert "site/profile.yaml:85:8: warning: site.url: still the sample `brandkit init` wrote: " \
           "put your own here (got \"https://your-handle.github.io/\")" in lines
    assert "site/profile.yaml:76:11: warning: links.github: still the sample `brandkit init` " \
           "wrote: put your own here (got \"your-handle\")" in lines
    assert "site/profile.yaml:21:8: warning: photo.src: still the sample `brandkit init` " \
           "wrote: put your own here (got \"assets/photo.svg\")" in lines
    assert "site/portfolio/first-project.md:13:1: warning: still the sample `brandkit init` " \
           "wrote: put your own here" in lines
    assert "site/portfolio/first-project.en.md:2:8: warning: title: still the sample " \
           "`brandkit init` wrote: put your own here (got \"My first project\")" in lines
    # Besides the samples, only that the starter's drafted scripts are thin
    # (tests/render/test_kit_check.py): a fresh profile is short on purpose.
    samples = [line for line in lines if "still the sample" in line]
    assert all(" are thin: " in line for line in lines if line not in samples)
    assert len(samples) == 52
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    assert "site/profile.yaml:67:10: 提案: contacts.email: `brandkit init` の記入例のままです。" \
           "ご自身の内容に書き換えてください (値 \"you@example.com\")" in [
               str(p) for p in check(Path("site"))]
    capsys.readouterr()
    assert main(["check", "site", "--strict"]) == 1
    assert capsys.readouterr().out.endswith(f"{len(lines)} 件の提案があります。\n")


@pytest.mark.parametrize(("lang", "note"), [
    ("en", ("Note: 29 sample value(s) from `brandkit init` are still in your files (first: "
           "name.given); `brandkit check` lists them")),
    ("ja", ("注意: `brandkit init` の記入例が 29 か所残っています (最初は name.given)。"
           "`brandkit check` で一覧できます")),
])
def test_build_says_once_that_samples_remain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str], lang: str,
                                             note: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    init(Path("site"), ["en"])
    capsys.readouterr()
    assert main(["build", "site"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out.count(note) == 1
    # The same count as `check` lists (its other advice: the starter's thin drafts).
    assert len([p for p in check(Path("site")) if "sample" in p.message or "記入例" in p.message]) == 29


def test_edited_values_are_no_longer_samples(tmp_path: Path) -> None:
    init(tmp_path / "site", ["ja", "en"])
    profile = tmp_path / "site" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    for old, new in [("you@example.com", "taro@hospital-ux.jp"),
                     ("https://your-handle.github.io/", "https://taro-ux.github.io/"),
                     ("github: your-handle", "github: taro-ux"),
                     ("given: 太郎", "given: 次郎"), ("latin: Taro Yamada", "latin: Jiro Yamada"),
                     ("reading: やまだ たろう", "reading: やまだ じろう")]:
        assert old in text
        text = text.replace(old, new)
    profile.write_text(text, encoding="utf-8")
    paths = {p.path for p in check(tmp_path / "site")}
    for edited in ("contacts.email", "site.url", "links.github", "name.family", "name.given",
                   "name.reading", "name.latin"):
        assert edited not in paths
    assert "identity.ja" in paths  # untouched


def test_own_profiles_are_not_samples(tmp_path: Path) -> None:
    """The example site (a 山田 too, and Tokyo) gets no sample advice."""
    example = shutil.copytree(REPO / "example-site", tmp_path / "example",
                              ignore=shutil.ignore_patterns("_site", "_card"))
    assert not [p for p in check(example) if "sample" in p.message]
    assert list(samples.found({"name": {"family": "山田", "given": "花子"},
                               "contacts": {"location": {"value": "東京"}},
                               "tags": ["AI", "EdTech", "UX"]})) == []
