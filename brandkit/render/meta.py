"""Machine-readable files about the person: JSON-LD, sitemap, robots.txt, favicon."""

from __future__ import annotations

import json
from datetime import date
from html import escape as _escape

from brandkit.profile.model import Profile
from brandkit.text.ja import is_japanese


def xml_escape(text: str) -> str:
    # html.escape, not xml.sax.saxutils: the latter imports urllib (25 ms per build).
    return _escape(text, quote=True)


def json_for_html(data: object, indent: int | None = 1) -> str:
    """JSON that is safe inside <script>: no `</script>`, no `<!--`, no U+2028 surprises.

    ``indent=None`` for data only scripts read: compact, and json's C encoder (the
    indented form is written in Python, ~5× slower).
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=False,
                      separators=None if indent is not None else (",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def person(profile: Profile, lang: str, base_url: str | None, photo_path: str | None) -> dict:
    """schema.org Person: sameAs = every link, knowsAbout = the strengths."""
    name = profile.name
    data: dict = {"@type": "Person", "name": name.display(lang)}
    if base_url:
        data["@id"] = base_url + "#person"
        data["url"] = base_url
    alternate = [n for n in (name.reading and name.reading.replace(" ", ""),
                             name.latin, name.display("ja")) if n and n != data["name"]]
    if alternate:
        data["alternateName"] = list(dict.fromkeys(alternate))
    if name.family and name.given:
        data["familyName"], data["givenName"] = name.family, name.given
    data["description"] = profile.identity.text(lang)
    if photo_path and base_url:
        data["image"] = base_url + photo_path
    if profile.role:
        data["jobTitle"] = profile.role.text(lang)
    if profile.organization:
        data["worksFor"] = {"@type": "Organization", "name": profile.organization.text(lang)}
    shown = profile.contacts.shown("site")
    if "location" in shown:
        data["homeLocation"] = {"@type": "Place", "name": shown["location"].value.text(lang)}
    data["sameAs"] = [link.url for link in profile.links if link.url.startswith("http")]
    data["knowsAbout"] = [s.title.text(lang) for s in profile.strengths]
    return data


def profile_page(profile: Profile, lang: str, page_url: str | None, base_url: str | None,
                 photo_path: str | None, modified: date) -> str:
    data: dict = {"@context": "https://schema.org", "@type": "ProfilePage",
                  "inLanguage": lang, "dateModified": modified.isoformat()}
    if page_url:
        data["url"] = page_url
    data["mainEntity"] = person(profile, lang, base_url, photo_path)
    return json_for_html(data)


def sitemap(entries: list[tuple[str, dict[str, str]]], modified: date) -> str:
    """``entries``: (absolute URL, {lang: absolute URL of each language version})."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for url, alternates in entries:
        lines.append("  <url>")
        lines.append(f"    <loc>{xml_escape(url)}</loc>")
        lines.append(f"    <lastmod>{modified.isoformat()}</lastmod>")
        for lang, alt in alternates.items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" '
                         f'href="{xml_escape(alt)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(base_url: str | None) -> str:
    text = "User-agent: *\nAllow: /\n"
    if base_url:
        text += f"Sitemap: {base_url}sitemap.xml\n"
    return text


def initials(profile: Profile) -> str:
    """Two Latin initials (Hanako Yamada → HY), else the first character of the name."""
    name = profile.name
    latin = name.latin or ("" if is_japanese(name.display("en")) else name.display("en"))
    words = [w for w in latin.replace("-", " ").split() if w[:1].isalpha()]
    if words:
        return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
    return (name.family or name.full or "?")[:1]


def favicon(profile: Profile, color: str, on_color: str) -> str:
    letters = xml_escape(initials(profile))
    size = 30 if len(letters) > 1 else 38
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{color}"/>'
        f'<text x="32" y="33" dominant-baseline="central" text-anchor="middle" '
        f'font-family="system-ui, -apple-system, \'Segoe UI\', \'Noto Sans JP\', sans-serif" '
        f'font-size="{size}" font-weight="700" fill="{on_color}">{letters}</text></svg>\n'
    )
