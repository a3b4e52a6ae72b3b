"""The profile as JSON Resume (https://jsonresume.org/schema, v1.0.0): one file per
language, since JSON Resume has no translations — ``resume.json`` in the primary
language, ``resume.<lang>.json`` for each other one.

Only what the public site shows goes in: contacts allowed on the site, links, the
portfolio. A phone kept for the card, ``private.yaml`` and event notes never do.
``brandkit/importer`` reads these files back into the same profile (``import`` of an
exported file, exported again, gives the same bytes).
"""

from __future__ import annotations

import json

from brandkit.profile.model import Link, Profile, Site, Text

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
# JSON Resume's `languages` names them in English; the importer maps these (and more) back.
LANGUAGE_NAMES = {"ja": "Japanese", "en": "English"}


def file_name(lang: str, primary: str) -> str:
    return "resume.json" if lang == primary else f"resume.{lang}.json"


def resume_files(site: Site) -> dict[str, bytes]:
    """Every language's file: name → UTF-8 JSON bytes."""
    profile = site.profile
    return {file_name(lang, profile.primary): to_json(resume(site, lang))
            for lang in profile.lang}


def to_json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _text(value: Text | None, lang: str) -> str | None:
    # A YAML block's last line break is no part of the text (and would not come back).
    return value.text(lang).strip() if value else None


def _put(target: dict, key: str, value: object) -> None:
    # The schema allows every field to be absent; an empty string would only be noise.
    if value not in (None, "", [], {}):
        target[key] = value


def resume(site: Site, lang: str) -> dict:
    """One language's resume as a JSON-ready dict."""
    profile = site.profile
    data: dict = {"$schema": SCHEMA_URL, "basics": _basics(profile, lang)}
    work: dict = {}
    _put(work, "name", _text(profile.organization, lang))
    _put(work, "position", _text(profile.role, lang))
    _put(work, "summary", _text(profile.now, lang))
    if work:
        data["work"] = [work]
    _put(data, "skills", [{"name": s.title.text(lang)} for s in profile.strengths])
    _put(data, "languages", [{"language": LANGUAGE_NAMES[code]} for code in profile.lang])
    projects = []
    for item in site.portfolio:
        project: dict = {"name": item.title.text(lang)}
        _put(project, "description", _text(item.summary, lang))
        if item.date is not None:
            project["startDate"] = item.date.isoformat()
        urls = [link.url for link in item.links if link.url.startswith(("http://", "https://"))]
        _put(project, "url", urls[0] if urls else None)
        _put(project, "keywords", list(item.tags_for(lang)))
        projects.append(project)
    _put(data, "projects", projects)
    return data


def _basics(profile: Profile, lang: str) -> dict:
    basics: dict = {"name": profile.name.display(lang)}
    _put(basics, "label", profile.identity.text(lang))
    _put(basics, "summary", _text(profile.about, lang))
    shown = profile.contacts.shown("site")  # never what is kept for the card alone
    if "email" in shown:
        basics["email"] = shown["email"].value
    if "phone" in shown:
        basics["phone"] = shown["phone"].value
    url = profile.site.url
    _put(basics, "url", url)
    if url and profile.photo is not None:  # the build publishes the photo at its path
        basics["image"] = url.rstrip("/") + "/" + profile.photo.src
    if "location" in shown:
        basics["location"] = {"city": shown["location"].value.text(lang)}
    _put(basics, "profiles", [_profile(link) for link in profile.links
                              if link.url.startswith(("http://", "https://"))])
    return basics


def _profile(link: Link) -> dict:
    item = {"network": link.label}
    if link.handle:
        item["username"] = link.handle
    item["url"] = link.url
    return item
