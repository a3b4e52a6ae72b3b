"""`brandkit check` on scripts: the user's own scripts that run over their slot are
flagged with how much to cut; generated drafts never are."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandkit.build import check
from brandkit.errors import ProfileError

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


def advice(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch,
           thin: bool = False) -> list[str]:
    """The advice for a profile; drafts too thin for their slot only when ``thin`` (the
    profiles here are a few lines: every draft is thin)."""
    site = tmp_path / "s"
    site.mkdir(exist_ok=True)
    (site / "profile.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = [str(p) for p in check(Path("s"))]
    return found if thin else [a for a in found if " are thin: " not in a and "短すぎます" not in a]


def test_scripts_within_their_slot_get_no_advice(tmp_path: Path, monkeypatch) -> None:
    text = BASE + "scripts:\n  30s: {ja: " + "あ" * 135 + ", en: " + "word " * 67 + "}\n"
    assert advice(tmp_path, text, monkeypatch) == []


def test_over_time_scripts_say_what_to_cut(tmp_path: Path, monkeypatch) -> None:
    text = BASE + ("scripts:\n"
                   "  30s:\n"
                   "    ja: " + "あ" * 150 + "\n"
                   "    en: " + "word " * 80 + "\n"
                   "events:\n"
                   "  - name: Seminar\n"
                   "    date: 2026-12-01\n"
                   "    type: seminar\n"
                   "    scripts:\n"
                   # 50 characters + 1 word (AI) = 10.4 s: 1.4 s over = 7 characters
                   "      10s: 株式会社まなびラボの山田花子です。生成AIで学習の成果をどう評価すればよいか、現場の先生に伺いたいです。\n"
                   "      chat: \"" + "い" * 150 + "\"\n")
    assert advice(tmp_path, text, monkeypatch) == [
        "s/profile.yaml:8:9: warning: scripts.30s.ja: this script takes about 30.0 s at 300 "
        "characters a minute; a 30 s slot leaves 27 s (90 %, room to breathe): cut about 15 characters",
        "s/profile.yaml:9:9: warning: scripts.30s.en: this script takes about 32.0 s at 150 "
        "words a minute; a 30 s slot leaves 27 s (90 %, room to breathe): cut about 13 words",
        "s/profile.yaml:15:12: warning: events[0].scripts.10s: this script takes about 10.4 s at "
        "300 characters a minute; a 10 s slot leaves 9 s (90 %, room to breathe): cut about 7 characters",
        "s/profile.yaml:16:13: warning: events[0].scripts.chat: the chat intro has 150 characters; "
        "the limit is 140: cut 10",
    ]


def test_japanese_messages(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    text = BASE + "scripts:\n  15s: " + "あ" * 70 + "\n"
    assert advice(tmp_path, text, monkeypatch) == [
        "s/profile.yaml:7:8: 提案: scripts.15s: この台本は約14.0秒かかります (1分300字で計算)。"
        "15秒の枠に余裕を持って収める(13.5秒まで) には、約3字削ってください"]


def test_script_keys_are_checked(tmp_path: Path, monkeypatch) -> None:
    text = BASE + "scripts:\n  30sec: hello\nfollowup: {reminders: [1, -3]}\n"
    with pytest.raises(ProfileError) as caught:
        advice(tmp_path, text, monkeypatch)
    lines = str(caught.value).splitlines()
    assert lines[0] == ("s/profile.yaml:7:3: scripts.30sec: unknown field; did you mean `30s`?")
    assert lines[1] == ("s/profile.yaml:8:27: followup.reminders[1]: expected a whole number "
                        "from 0 to 10000 (got \"-3\")")


# --- drafts and fields the scripts cannot say well ----------------------------------------


def test_thin_drafts_are_flagged_per_language_and_event(tmp_path: Path, monkeypatch) -> None:
    text = BASE + ("events:\n"
                   "  - {name: Book club, date: 2026-12-03, type: reading_club, book: Momo,\n"
                   "     why: {ja: 本の話がしたいので, en: I want to talk about books}}\n")
    found = [a for a in advice(tmp_path, text, monkeypatch, thin=True) if " are thin: " in a]
    assert found[0].startswith("s/profile.yaml:1:1: warning: the Japanese drafts are thin: 15s ")
    assert found[2].startswith("s/profile.yaml:7:5: warning: events[0]: the Japanese drafts for "
                               "Book club are thin: 30s ")
    # The fields to add come first (no book_why, no book_takeaway yet), then those to lengthen.
    assert found[2].endswith("of the slot (aim for 75-90 %); add or lengthen book_why, "
                             "book_takeaway, why, or write your own under scripts:")
    # Without an event: a profile with no `next` is told to add it first.
    assert found[0].endswith("; add or lengthen about, next, strengths, offers, or write your "
                             "own under scripts:")
    assert len(found) == 4  # Japanese and English, for the event and without one


def test_thin_drafts_are_flagged_in_japanese(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    text = BASE + ("events:\n"
                   "  - {name: 清掃ボランティア, date: 2026-12-03, type: community,\n"
                   "     motive: {ja: 川が好き, en: I love the river}}\n")
    found = [a for a in advice(tmp_path, text, monkeypatch, thin=True) if "清掃" in a]
    assert found[0].startswith("s/profile.yaml:7:5: 提案: events[0]: 日本語の下書き（清掃ボランティア）"
                               "が短すぎます: 枠に対して 15s ")
    assert found[0].endswith("(目安は 75〜90 %)。why, motive を書き足すか、scripts: に自分の台本を"
                             "書いてください")


def test_the_example_drafts_are_not_thin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert not [p for p in check(Path("example-site")) if " are thin: " in str(p)]


def test_a_reading_club_3_min_is_a_book_talk_to_fill(tmp_path: Path, monkeypatch) -> None:
    text = BASE + ("events:\n"
                   "  - {name: Book club, date: 2026-12-03, type: reading_club, book: Momo}\n")
    found = [a for a in advice(tmp_path, text, monkeypatch, thin=True) if "Book club" in a]
    assert found and all("3min" in a and "book_takeaway" in a for a in found)


def test_fields_a_script_cannot_say_get_a_rewrite(tmp_path: Path, monkeypatch) -> None:
    text = BASE + ("now: {ja: 新しい業界の人とつながりたいので, en: Proposals for line automation and}\n"
                   "next: {ja: 営業技術部へ, en: Overseas plants}\n")
    reason = ('s/profile.yaml:6:11: warning: now.ja: this reads as a reason ("ので"), not as '
              'what you do; the scripts say "新しい業界の人とつながりたいので、いまの仕事に取り組んで'
              'います。" — say what you do instead, e.g. "製造ラインの自動化提案を担当しています" '
              '(got "新しい業界の人とつながりたいので")')
    dangling_en = ('s/profile.yaml:6:33: warning: now.en: the scripts cannot say this as a '
                   'sentence (it stops on "and"), so they leave it out; write it as a whole '
                   'phrase, e.g. "I work on proposals for line automation." (got "Proposals for '
                   'line automation and")')
    dangling_ja = ('s/profile.yaml:7:12: warning: next.ja: the scripts cannot say this as a '
                   'sentence (it stops on "へ"), so they leave it out; write it as a whole phrase, '
                   'e.g. "これからは、営業技術部に挑戦したいです。" (got "営業技術部へ")')
    assert advice(tmp_path, text, monkeypatch) == [reason, dangling_en, dangling_ja]
    monkeypatch.setenv("BRANDKIT_LANG", "ja")
    assert advice(tmp_path, text, monkeypatch)[2] == (
        "s/profile.yaml:7:12: 提案: next.ja: 文の途中 (「へ」) で終わっているため、台本では使えず"
        "省いています。言い切る形にしましょう (例:「これからは、営業技術部に挑戦したいです。」) "
        "(値 \"営業技術部へ\")")
