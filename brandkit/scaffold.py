"""``brandkit init``: a new site folder with a filled-in profile to edit.

Writes through ``output.write_new_files``, which refuses to overwrite anything.
"""

from __future__ import annotations

from pathlib import Path

from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.output import write_new_files
from brandkit.profile.model import LANGS
from brandkit.profile.schema import schema_text
from brandkit.workflow import WORKFLOW_FILE, installed_requirement, workflow

# Example texts, in both languages; the chosen languages decide what is written.
_EXAMPLE = {
    "identity": {"ja": "AIと教育を掛け合わせる仕事をしています", "en": "I combine AI and education"},
    "role": {"ja": "プロダクトマネージャー", "en": "Product manager"},
    "about": {"ja": "元・中学校の数学教員です。生成AIで一人ひとりに合った学びを届ける仕組みをつくっています。",
              "en": "A former maths teacher, now building personalised learning with generative AI."},
    "now": {"ja": "中高生向けAIチューターの企画と開発を進めています。",
            "en": "I lead an AI tutor for secondary school students."},
    "next": {"ja": "AIとの対話が学びにつながっているかを測る仕組みをつくりたいです。",
             "en": "I want to measure whether talking with AI really helps students learn."},
    "looking_for": {"ja": "現役の先生や、学習データの研究者の方とお話ししたいです。",
                    "en": "Teachers, and researchers who work with learning data."},
    "strength1": {"ja": "教室の現場感覚", "en": "Classroom instinct"},
    "strength1_detail": {"ja": "教員経験から、道具が実際の授業で使えるかを判断できます。",
                         "en": "Years of teaching tell me whether a tool survives a real lesson."},
    "strength2": {"ja": "生成AIのすばやい試作", "en": "Rapid AI prototypes"},
    "strength3": {"ja": "先生に伝わる研修づくり", "en": "Training that works for teachers"},
    "offer1": {"ja": "授業でのAI活用のご相談 (30分・無料)", "en": "A free 30-minute chat on AI in class"},
    "offer2": {"ja": "現役の先生をご紹介します", "en": "Introductions to working teachers"},
    "location": {"ja": "東京", "en": "Tokyo"},
    "event": {"ja": "EdTech勉強会", "en": "EdTech study group"},
    "why": {"ja": "AIと学習評価について、現場の方と話したいからです。",
            "en": "I want to talk about AI and assessment with people in schools."},
    "question": {"ja": "生徒がAIに頼りすぎていると感じるのはどんな場面ですか？",
                 "en": "When do you feel students lean on AI too much?"},
    "title": {"ja": "はじめてのプロジェクト", "en": "My first project"},
    "summary": {"ja": "何をつくり、誰の役に立ったかを一文で。",
                "en": "What you made and who it helped, in one sentence."},
    "body": {"ja": "ここに本文を Markdown で書きます。\n\n- 目的\n- 自分の役割\n- 結果\n",
             "en": "Write the story here in Markdown.\n\n- The goal\n- Your part\n- The result\n"},
}


def _text(key: str, langs: list[str], indent: int) -> str:
    """A YAML value: a plain string for one language, `ja:`/`en:` lines for two."""
    values = _EXAMPLE[key]
    if len(langs) == 1:
        return " " + _quote(values[langs[0]])
    pad = " " * indent
    return "".join(f"\n{pad}{lang}: {_quote(values[lang])}" for lang in langs)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def profile_yaml(langs: list[str]) -> str:
    def t(key: str, indent: int = 2) -> str:
        return _text(key, langs, indent)

    name = ("name:\n  family: 山田\n  given: 花子\n  reading: やまだ はなこ   # family then given, "
            "typed by you\n  latin: Hanako Yamada\n") if "ja" in langs else \
        "name:\n  given: Hanako\n  family: Yamada\n"
    return f"""# yaml-language-server: $schema=profile.schema.json
# Your brandkit profile. Build with `brandkit build`, check with `brandkit check`.
# Any text may be one string or one per language ({", ".join(f"{l}: …" for l in langs)}).

lang: [{", ".join(langs)}]   # first is the primary language (the site root)

{name}
# One line people remember you by: what you combine, or who you help.
identity:{t("identity")}
role:{t("role")}
photo:
  src: assets/photo.svg
  alt:{t("identity", 4)}

about:{t("about")}
now:{t("now")}
next:{t("next")}
looking_for:{t("looking_for")}

# 3 to 5 strengths; evidence is a URL or the slug of a portfolio item.
strengths:
  - title:{t("strength1", 6)}
    detail:{t("strength1_detail", 6)}
  - title:{t("strength2", 6)}
    evidence: first-project
  - title:{t("strength3", 6)}

# Give first: how you can help the people you meet.
offers:
  - title:{t("offer1", 6)}
  - title:{t("offer2", 6)}

# show: where a contact may appear (site, card, vcard).
# Defaults: email everywhere; phone on the card and vCard only, never on the site.
contacts:
  email: you@example.com
  # Your phone goes in private.yaml (never published, kept out of git).
  location:
    value:{t("location", 6)}

# Service name → handle or full URL.
links:
  github: your-handle
  # linkedin: your-handle
  # x: your_handle

brand:
  color: "#0b6e6e"
  theme: default

site:
  url: https://your-handle.github.io/
  # domain: example.com     # a custom domain for GitHub Pages (writes CNAME)

events:
  - name:{t("event", 6)}
    date: 2026-12-05
    type: meetup   # meetup, mixer, reading_club, seminar, online, community
    why:{t("why", 6)}
    questions:
      -{t("question", 8)}
"""


def portfolio_md(lang: str, langs: list[str]) -> str:
    if lang != langs[0]:  # a translation carries only what differs
        return f"---\ntitle: {_quote(_EXAMPLE['title'][lang])}\n---\n{_EXAMPLE['body'][lang]}"
    return (f"---\ntitle:{_text('title', langs, 2)}\ndate: 2026-01-15\n"
            f"summary:{_text('summary', langs, 2)}\ntags: [AI, EdTech]\n"
            f"links:\n  - url: https://example.com/\n---\n{_EXAMPLE['body'][lang]}")


PRIVATE_HEAD = """\
# private.yaml: what must never be published. brandkit merges it over profile.yaml (the
# same field names); it is in .gitignore, so git never pushes it.
# Your phone: printed on your business card and saved in its vCard, never on the site.
"""
_PRIVATE = PRIVATE_HEAD + """\
contacts:
  # phone: "+81 90-0000-0000"
"""
# What never goes to git: the private values, the card (it prints them), the site build
# (published by `brandkit deploy` or the workflow, not committed). .*.lock: a build's
# lock (output/lock.py).
GITIGNORE = "private.yaml\n_card/\n_site/\n._site.lock\n._card.lock\n"

_PHOTO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320" width="320" height="320">
<title>Placeholder photo</title>
<rect width="320" height="320" fill="#e3f1f1"/>
<circle cx="160" cy="128" r="58" fill="#0b6e6e"/>
<path d="M52 320c8-70 52-112 108-112s100 42 108 112z" fill="#0b6e6e"/>
</svg>
"""

def init(folder: Path, langs: list[str], ci: bool = False) -> list[str]:
    """Write a new site folder; with ``ci``, GitHub Pages' workflow too (``workflow.py``:
    refused, before anything is written, when GitHub could not install this brandkit)."""
    bad = [lang for lang in langs if lang not in LANGS] or (langs if len(set(langs)) != len(langs) else [])
    if bad or not langs:
        raise BrandkitError(f"--lang: {say('bad_lang')} ({', '.join(bad) or '-'}); "
                            + say("known_keys", names="ja, en, ja,en, en,ja"))
    files = {
        "profile.yaml": profile_yaml(langs),
        "profile.schema.json": schema_text(),
        "portfolio/first-project.md": portfolio_md(langs[0], langs),
        "assets/photo.svg": _PHOTO,
        "private.yaml": _PRIVATE,
        ".gitignore": GITIGNORE,
    }
    for lang in langs[1:]:
        files[f"portfolio/first-project.{lang}.md"] = portfolio_md(lang, langs)
    if ci:
        files[WORKFLOW_FILE] = workflow(installed_requirement(), "_site")
    return write_new_files(folder, {k: v.encode("utf-8") for k, v in files.items()})
