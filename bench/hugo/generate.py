#!/usr/bin/env python3
"""Write the same N-item portfolio as a brandkit site and as a Hugo site.

    python bench/hugo/generate.py 1000 /tmp/scale   # → /tmp/scale/brandkit, /tmp/scale/hugo

Both get one English home page (hero, offers, strengths, a card per item), a page per
item (title, date, summary, tags, Markdown body, links), a 404 page, sitemap.xml and
robots.txt. Hugo uses the hand-written layout in ``bench/hugo/layouts`` (no theme) with
taxonomies and RSS off, so neither side renders pages the other does not.
"""

from __future__ import annotations

import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = ("learning students teachers prototype research classroom data workshop reading "
         "club maths hints feedback survey pilot schools product design evaluation tutor "
         "notes community volunteer study group questions answers lesson homework").split()

PROFILE = """\
name: Hanako Yamada
identity: I combine AI and education
lang: [en]
role: Product Manager, AI Learning
organization: Manabi Lab Inc.
about: |
  I used to teach maths at a public junior high school. I joined **Manabi Lab** in 2021
  to build personalised learning with generative AI.
now: Running pilots of an AI tutor in 12 schools.
next: Measuring whether conversations with AI help students learn.
looking_for: Teachers and researchers in learning science.
strengths:
  - title: Classroom instinct
    detail: Seven years of teaching tell me whether a tool survives a real lesson.
  - title: Rapid generative AI prototypes
    detail: I turn an idea into something teachers can try within a week.
  - title: Making sense of learning data
    detail: I find where students get stuck and turn that into better materials.
offers:
  - title: Advice on AI in the classroom
    detail: Free 30-minute online chats.
  - title: A first prototype review
    detail: I will look at your EdTech prototype with a teacher's eyes.
contacts:
  email: hanako@example.com
  location: Tokyo
links:
  github: hanako-yamada
  linkedin: hanako-yamada
site:
  url: https://hanako.example.com/
"""

HUGO_CONFIG = """\
baseURL = "https://hanako.example.com/"
languageCode = "en"
title = "Hanako Yamada"
disableKinds = ["taxonomy", "term", "rss", "section"]
enableRobotsTXT = true
[params]
identity = "I combine AI and education"
role = "Product Manager, AI Learning"
organization = "Manabi Lab Inc."
about = "I used to teach maths at a public junior high school. I joined **Manabi Lab** in 2021 to build personalised learning with generative AI."
now = "Running pilots of an AI tutor in 12 schools."
next = "Measuring whether conversations with AI help students learn."
looking_for = "Teachers and researchers in learning science."
email = "hanako@example.com"
location = "Tokyo"
[[params.strengths]]
title = "Classroom instinct"
detail = "Seven years of teaching tell me whether a tool survives a real lesson."
[[params.strengths]]
title = "Rapid generative AI prototypes"
detail = "I turn an idea into something teachers can try within a week."
[[params.strengths]]
title = "Making sense of learning data"
detail = "I find where students get stuck and turn that into better materials."
[[params.offers]]
title = "Advice on AI in the classroom"
detail = "Free 30-minute online chats."
[[params.offers]]
title = "A first prototype review"
detail = "I will look at your EdTech prototype with a teacher's eyes."
[[params.links]]
name = "GitHub"
url = "https://github.com/hanako-yamada"
[[params.links]]
name = "LinkedIn"
url = "https://www.linkedin.com/in/hanako-yamada"
"""


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def items(n: int, seed: int = 5) -> list[dict]:
    """N items with the same text for both generators."""
    rng = random.Random(seed)
    start = date(2026, 1, 1)
    out = []
    for i in range(n):
        paragraphs = [" ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(4))
                      for _ in range(3)]
        bullets = [_sentence(rng, 6) for _ in range(3)]
        out.append({
            "slug": f"work-{i:05d}",
            "title": f"Work {i}: {_sentence(rng, 4)[:-1]}",
            "date": (start - timedelta(days=i)).isoformat(),
            "summary": _sentence(rng, 14),
            "tags": sorted({rng.choice(WORDS) for _ in range(3)}),
            "body": "\n\n".join(paragraphs) + "\n\n" + "\n".join(f"- {b}" for b in bullets)
                    + f"\n\nSee **the {rng.choice(WORDS)} notes** and `code` for details.\n",
            "link": f"https://example.com/works/{i}",
        })
    return out


def _front_matter(item: dict) -> str:
    tags = ", ".join(f'"{t}"' for t in item["tags"])
    return (f'---\ntitle: "{item["title"]}"\ndate: {item["date"]}\n'
            f'summary: "{item["summary"]}"\ntags: [{tags}]\n'
            f'links:\n  - url: {item["link"]}\n    label: "Project page"\n---\n')


def write_brandkit(folder: Path, data: list[dict]) -> Path:
    (folder / "portfolio").mkdir(parents=True)
    (folder / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    for item in data:
        (folder / "portfolio" / f"{item['slug']}.md").write_text(
            _front_matter(item) + item["body"], encoding="utf-8")
    return folder


def write_hugo(folder: Path, data: list[dict]) -> Path:
    (folder / "content" / "portfolio").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    shutil.copytree(HERE / "layouts", folder / "layouts")
    # The same stylesheet and script brandkit's default theme ships, as static files.
    shutil.copytree(HERE.parents[1] / "themes" / "default" / "assets", folder / "static" / "assets")
    (folder / "content" / "_index.md").write_text("---\ntitle: Hanako Yamada\n---\n", encoding="utf-8")
    for item in data:
        # Hugo reads `links` from front matter the same way; `url` would be a Hugo keyword.
        fm = _front_matter(item).replace("links:\n  - url:", "links:\n  - href:")
        (folder / "content" / "portfolio" / f"{item['slug']}.md").write_text(
            fm + item["body"], encoding="utf-8")
    return folder


def generate(n: int, root: Path) -> tuple[Path, Path]:
    data = items(n)
    return write_brandkit(root / "brandkit", data), write_hugo(root / "hugo", data)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(*generate(int(sys.argv[1]), Path(sys.argv[2])), sep="\n")
