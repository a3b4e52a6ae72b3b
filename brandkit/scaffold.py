"""``brandkit init``: a new site folder with a filled-in profile to edit.

Writes through ``output.write_new_files``, which refuses to overwrite anything.
"""

from __future__ import annotations

from pathlib import Path

from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.output import write_new_files
from brandkit.profile import samples
from brandkit.profile.model import LANGS
from brandkit.profile.schema import schema_text
from brandkit.workflow import WORKFLOW_FILE, installed_workflow


def _text(key: str, langs: list[str], indent: int) -> str:
    """A YAML value: a plain string for one language, `ja:`/`en:` lines for two."""
    values = samples.TEXTS[key]
    if len(langs) == 1:
        return " " + _quote(values[langs[0]])
    pad = " " * indent
    return "".join(f"\n{pad}{lang}: {_quote(values[lang])}" for lang in langs)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def profile_yaml(langs: list[str]) -> str:
    def t(key: str, indent: int = 2) -> str:
        return _text(key, langs, indent)

    sample = samples.NAME["ja" if "ja" in langs else "en"]
    name = "name:\n" + "".join(
        f"  {key}: {value}" + ("   # family then given, typed by you" if key == "reading" else "")
        + "\n" for key, value in sample.items())
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
    evidence: {samples.SLUG}
  - title:{t("strength3", 6)}

# Give first: how you can help the people you meet.
offers:
  - title:{t("offer1", 6)}
  - title:{t("offer2", 6)}

# show: where a contact may appear (site, card, vcard).
# Defaults: email everywhere; phone on the card and vCard only, never on the site.
contacts:
  email: {samples.EMAIL}
  # Your phone goes in private.yaml (never published, kept out of git).
  location:
    value:{t("location", 6)}

# Service name → handle or full URL.
links:
  github: {samples.HANDLE}
  # linkedin: {samples.HANDLE}
  # x: your_handle

brand:
  color: "#0b6e6e"
  theme: default

site:
  url: {samples.SITE_URL}
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
        return f"---\ntitle: {_quote(samples.TEXTS['title'][lang])}\n---\n{samples.TEXTS['body'][lang]}"
    return (f"---\ntitle:{_text('title', langs, 2)}\ndate: 2026-01-15\n"
            f"summary:{_text('summary', langs, 2)}\ntags: [{', '.join(samples.TAGS)}]\n"
            f"links:\n  - url: {samples.LINK}\n---\n{samples.TEXTS['body'][lang]}")


PRIVATE_HEAD = """\
# private.yaml: what must never be published. brandkit merges it over profile.yaml (the
# same field names); it is in .gitignore, so git never pushes it.
# Your phone: printed on your business card and saved in its vCard, never on the site.
"""
PRIVATE = PRIVATE_HEAD + """\
contacts:
  # phone: "+81 90-0000-0000"
"""
# What never goes to git: the private values, the card (it prints them), the site build
# (published by `brandkit deploy` or the workflow, not committed). .*.lock: a build's
# lock (output/lock.py).
GITIGNORE = "private.yaml\n_card/\n_site/\n._site.lock\n._card.lock\n"


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
        f"portfolio/{samples.SLUG}.md": portfolio_md(langs[0], langs),
        "assets/photo.svg": samples.PHOTO,
        "private.yaml": PRIVATE,
        ".gitignore": GITIGNORE,
    }
    for lang in langs[1:]:
        files[f"portfolio/{samples.SLUG}.{lang}.md"] = portfolio_md(lang, langs)
    if ci:
        files[WORKFLOW_FILE] = installed_workflow("_site")[1]
    return write_new_files(folder, {k: v.encode("utf-8") for k, v in files.items()})
