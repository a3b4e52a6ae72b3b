"""JSON Resume (``resume.json``, schema v1.0.0 and the drafts before it) → a ``Draft``.

Where each part goes: ``basics`` → name, identity (``label``), about (``summary``),
contacts, links (``profiles``), site address (``url``), location; the current ``work``
entry → role, organization, now; ``skills`` → strengths; ``projects`` → portfolio items;
``languages`` → ``lang``. Everything else is listed at the end of the profile. Notes are
located by JSON pointer (``/basics/profiles/2/url``).
"""

from __future__ import annotations

import json

from brandkit.errors import BrandkitError
from brandkit.importer import draft as clean
from brandkit.importer.draft import Draft, Item
from brandkit.messages import say
from brandkit.text.ja import is_japanese

# Top-level keys of JSON Resume (v1.0.0 and earlier drafts): a file with none of them
# is something else.
KNOWN = ("basics", "work", "volunteer", "education", "awards", "certificates",
         "publications", "skills", "languages", "interests", "references", "projects", "meta")
# Sections brandkit has no place for: listed, never dropped silently.
_ELSEWHERE = {"education": ("institution", "area", "studyType"),
              "volunteer": ("organization", "position"),
              "awards": ("title", "awarder"), "certificates": ("name", "issuer"),
              "publications": ("name", "publisher"), "interests": ("name",),
              "references": ("name",)}
# Private fields of basics.location: a street address never goes in a profile.
_PRIVATE_PLACE = ("address", "postalCode")


def read(data: bytes, source: str) -> Draft:
    try:
        resume = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BrandkitError(f"{source}: {say('import_not_utf8', detail=exc.reason)}") from None
    except json.JSONDecodeError as exc:
        raise BrandkitError(f"{source}:{exc.lineno}:{exc.colno}: "
                            + say("import_not_json", detail=exc.msg)) from None
    if not isinstance(resume, dict) or not any(key in resume for key in KNOWN):
        raise BrandkitError(f"{source}: {say('import_not_resume')}")
    return convert(resume, source)


def _object(value: object, d: Draft, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        d.problem(where, say("import_want_object"), value)
        return {}
    return value


def _list(value: object, d: Draft, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        d.problem(where, say("import_want_list"), value)
        return []
    return value


def convert(resume: dict, source: str) -> Draft:
    d = Draft(source)
    basics = _object(resume.get("basics"), d, "/basics")
    if "basics" not in resume:
        d.problem("/basics", say("import_no_basics"))
    p = d.profile
    langs = _langs(resume, d)
    name = clean.text(basics.get("name"), d, "/basics/name", "name.full")
    label = clean.text(basics.get("label"), d, "/basics/label", "identity")
    about = clean.text(basics.get("summary"), d, "/basics/summary", "about")
    current, past = _work(resume, d)
    p["lang"] = langs or ["ja" if is_japanese(" ".join(filter(None, (name, label, about))))
                          else "en"]
    if name:
        p["name"] = clean.split_name(name)
    else:
        d.problem("/basics/name", say("import_no_name"))
    # The label is the identity; a role comes only from a current position, so that an
    # exported resume.json imports to a profile that exports to the same file.
    role = current.get("role")
    identity = label or role or name
    if identity:
        p["identity"] = identity
    if not label:
        d.problem("/basics/label", say("import_no_identity"))
    if role:
        p["role"] = role
    for key in ("organization",):
        if current.get(key):
            p[key] = current[key]
    if about:
        p["about"] = about
    if current.get("now"):
        p["now"] = current["now"]
    p.update(_skills(resume, d))
    contacts = _contacts(basics, d)
    if contacts:
        p["contacts"] = contacts
    links = _links(basics, d)
    if links:
        p["links"] = links
    site_url = clean.url(basics.get("url") or basics.get("website"), d, "/basics/url")
    if site_url:
        p["site"] = {"url": site_url if site_url.count("/") > 2 else site_url + "/"}
    phone = clean.phone(basics.get("phone"), d, "/basics/phone")
    if phone:  # the phone goes to private.yaml: printed on the card, never published
        d.private["contacts"] = {"phone": phone}
    image = clean.text(basics.get("image") or basics.get("picture"), d, "/basics/image")
    if image:
        d.leftovers.append(f"basics.image: {image}  ({say('import_image_hint')})")
    d.items = _projects(resume, d)
    d.leftovers += past
    for section, keys in _ELSEWHERE.items():
        for i, entry in enumerate(_list(resume.get(section), d, f"/{section}")):
            if isinstance(entry, dict):
                words = [str(entry[k]) for k in keys if isinstance(entry.get(k), (str, int)) and entry.get(k)]
                dates = [str(entry[k]) for k in ("startDate", "endDate", "date", "releaseDate")
                         if isinstance(entry.get(k), str) and entry.get(k)]
                if words or dates:
                    d.leftovers.append(f"{section}[{i}]: {', '.join(words)}"
                                       + (f" ({' – '.join(dates)})" if dates else ""))
    return d


def _langs(resume: dict, d: Draft) -> list[str]:
    found: list[str] = []
    for i, entry in enumerate(_list(resume.get("languages"), d, "/languages")):
        name = entry.get("language") if isinstance(entry, dict) else entry
        code = clean.LANGUAGES.get(str(name).strip().lower()) if isinstance(name, str) else None
        if code and code not in found:
            found.append(code)
        elif isinstance(name, str) and name.strip() and not code:
            d.leftovers.append(f"languages[{i}]: {name}")
    return found


def _work(resume: dict, d: Draft) -> tuple[dict, list[str]]:
    """The current position (the first without an end date) and the rest, as lines."""
    current: dict = {}
    past: list[str] = []
    for i, entry in enumerate(_list(resume.get("work"), d, "/work")):
        if not isinstance(entry, dict):
            d.problem(f"/work/{i}", say("import_want_object"), entry)
            continue
        at = f"/work/{i}"
        org = clean.text(entry.get("name") or entry.get("company"), d, at + "/name", "organization")
        role = clean.text(entry.get("position"), d, at + "/position", "role")
        ended = clean.text(entry.get("endDate"), d, at + "/endDate")
        if not current and not ended and (org or role):
            summary = clean.text(entry.get("summary"), d, at + "/summary", "now")
            current = {"organization": org, "role": role, "now": summary}
            continue
        started = clean.text(entry.get("startDate"), d, at + "/startDate")
        span = " – ".join(filter(None, (started, ended)))
        past.append(f"work[{i}]: {', '.join(filter(None, (role, org)))}" + (f" ({span})" if span else ""))
    return current, past


def _skills(resume: dict, d: Draft) -> dict:
    titles = []
    for i, entry in enumerate(_list(resume.get("skills"), d, "/skills")):
        name = entry.get("name") if isinstance(entry, dict) else entry
        title = clean.text(name, d, f"/skills/{i}/name", "strengths.*.title")
        if title:
            titles.append(title)
    for title in titles[clean.MAX_STRENGTHS:]:
        d.leftovers.append(f"skills: {title}  ({say('import_more_strengths')})")
    return {"strengths": titles[: clean.MAX_STRENGTHS]} if titles else {}


def _contacts(basics: dict, d: Draft) -> dict:
    contacts: dict = {}
    email = clean.email(basics.get("email"), d, "/basics/email")
    if email:
        contacts["email"] = email
    place = _object(basics.get("location"), d, "/basics/location")
    parts = [clean.text(place.get(key), d, f"/basics/location/{key}")
             for key in ("city", "region", "countryCode")]
    where = ", ".join(dict.fromkeys(filter(None, parts)))
    if where:
        contacts["location"] = where[:100]
    for key in _PRIVATE_PLACE:
        if isinstance(place.get(key), str) and place[key].strip():
            d.fixed(f"/basics/location/{key}", say("import_private_left_out"))
    return contacts


def _links(basics: dict, d: Draft) -> dict:
    links: dict = {}
    for i, entry in enumerate(_list(basics.get("profiles"), d, "/basics/profiles")):
        at = f"/basics/profiles/{i}"
        if not isinstance(entry, dict):
            d.problem(at, say("import_want_object"), entry)
            continue
        before = len(d.notes)
        network = clean.text(entry.get("network"), d, at + "/network")
        username = clean.text(entry.get("username"), d, at + "/username")
        address = clean.url(entry.get("url"), d, at + "/url")
        if not network:
            network = "website" if address else None
        if not network or not (address or username):
            if (network or address or username) and len(d.notes) == before:  # else said
                d.problem(at, say("import_link_incomplete"), network or username or address)
            continue
        key, value = clean.link_entry(network, username, address)
        if not value:
            d.problem(at + "/url", say("import_link_incomplete"), network)
            continue
        if key in links:
            key = f"{key}-{i}"
        links[key] = value
    return links


def _projects(resume: dict, d: Draft) -> list[Item]:
    items: list[Item] = []
    taken: set[str] = set()
    for i, entry in enumerate(_list(resume.get("projects"), d, "/projects")):
        at = f"/projects/{i}"
        if not isinstance(entry, dict):
            d.problem(at, say("import_want_object"), entry)
            continue
        title = clean.text(entry.get("name"), d, at + "/name", "title")
        if not title:
            d.problem(at + "/name", say("import_no_title"))
            continue
        front: dict = {"title": title}
        started = clean.day(entry.get("startDate"), d, at + "/startDate")
        if started:
            front["date"] = started
        summary = clean.text(entry.get("description"), d, at + "/description", "summary")
        if summary:
            front["summary"] = summary
        tags = [t for j, k in enumerate(_list(entry.get("keywords"), d, at + "/keywords"))
                if (t := clean.text(k, d, f"{at}/keywords/{j}"))]
        if tags:
            front["tags"] = [tag[:100] for tag in tags[:20]]
        address = clean.url(entry.get("url"), d, at + "/url")
        if address:
            front["links"] = [{"url": address}]
        highlights = [h for j, k in enumerate(_list(entry.get("highlights"), d, at + "/highlights"))
                      if (h := clean.text(k, d, f"{at}/highlights/{j}"))]
        body = "".join(f"- {h}\n" for h in highlights)
        items.append(Item(clean.slug_for(title, taken), front, body))
    return items
