"""What an import found, before it is written: the profile's data in the order it will
be written, the portfolio items, what has no place in brandkit, and every note about the
source (what was fixed, what was left out) located in it.

The clean-up rules live here, shared by both sources: empty strings are absent, a URL
without a scheme gets ``https://``, a partial date gets its first day, text longer than
the profile allows is shortened — each one said, never silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from brandkit.errors import Problem
from brandkit.messages import say

# The profile's own patterns: what the import keeps, check accepts.
from brandkit.profile.fields import _EMAIL, _PHONE, SERVICES, Invalid, check_url
from brandkit.profile.sizes import TEXTS

# A bare host and path, as people paste them: example.com/x, www.example.co.jp.
_BARE = re.compile(r"^(?:www\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}(?:[/?#]\S*)?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_STRENGTHS = 5  # what brandkit check advises (3 to 5); the rest are listed, not lost
# What people write in JSON Resume's `languages` (or LinkedIn's): brandkit's languages.
LANGUAGES = {"japanese": "ja", "日本語": "ja", "ja": "ja", "nihongo": "ja",
             "english": "en", "英語": "en", "en": "en"}
# Network names that are another spelling of one of brandkit's services.
NETWORKS = {"twitter": "x", "x (twitter)": "x", "twitter/x": "x", "linked in": "linkedin",
            "note.com": "note", "youtube channel": "youtube"}


@dataclass
class Item:
    """One portfolio file: its slug, front matter (in order) and Markdown body."""

    slug: str
    front: dict
    body: str


@dataclass
class Draft:
    source: str  # the file as the user named it, for the notes
    profile: dict = field(default_factory=dict)
    private: dict = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # "section: what", one per line
    notes: list[Problem] = field(default_factory=list)

    def fixed(self, where: str, message: str, value: object = None, file: str | None = None,
              line: int = 0, col: int = 0) -> None:
        """Something unambiguous put right: a warning, the value is imported."""
        self.notes.append(Problem(file or self.source, line, col, where, message, value,
                                  warning=True))

    def problem(self, where: str, message: str, value: object = None, file: str | None = None,
                line: int = 0, col: int = 0, hint: str = "") -> None:
        """Something that could not be imported: left out, said."""
        self.notes.append(Problem(file or self.source, line, col, where, message, value, hint))


def text(value: object, draft: Draft, where: str, limit_key: str | None = None,
         **at: Any) -> str | None:
    """A string value, trimmed; None when absent or empty; shortened (and said) past
    the profile's limit for ``limit_key``."""
    if value is None:
        return None
    if not isinstance(value, str):
        draft.problem(where, say("import_want_text"), value, **at)
        return None
    value = value.strip().replace("\r\n", "\n")
    if not value:
        return None
    if any("\ud800" <= c <= "\udfff" for c in value):  # JSON's "\ud800": no character at all
        value = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)
        draft.fixed(where, say("import_replaced_char"), value, **at)
    limit = TEXTS.get(limit_key or "")
    if limit and len(value) > limit:
        draft.fixed(where, say("import_shortened", limit=limit), value, **at)
        value = value[: limit - 1].rstrip() + "…"
    return value


def url(value: object, draft: Draft, where: str, **at: Any) -> str | None:
    """An http(s) address; a bare ``example.com/x`` gets ``https://`` (and a note)."""
    found = text(value, draft, where, **at)
    if found is None:
        return None
    if _BARE.match(found):
        fixed = "https://" + found
        draft.fixed(where, say("import_url_scheme", url=fixed), found, **at)
        found = fixed
    try:
        return check_url(found, absolute=True)
    except Invalid as exc:
        draft.problem(where, say("import_left_out", why=exc.message), found, **at)
        return None


def email(value: object, draft: Draft, where: str, **at: Any) -> str | None:
    found = text(value, draft, where, **at)
    if found is not None and not _EMAIL.match(found):
        draft.problem(where, say("import_left_out", why=say("bad_email")), found, **at)
        return None
    return found


def phone(value: object, draft: Draft, where: str, **at: Any) -> str | None:
    found = text(value, draft, where, **at)
    if found is not None and not _PHONE.match(found):
        draft.problem(where, say("import_left_out", why=say("bad_phone")), found, **at)
        return None
    return found


def day(value: object, draft: Draft, where: str, **at: Any) -> date | None:
    """A date written ``2016``, ``2016-08`` or ``2016-08-24``; a partial one is its first
    day, said."""
    found = text(value, draft, where, **at)
    if found is None:
        return None
    match = _DATE.match(found)
    try:
        if not match:
            raise ValueError
        year, month, dom = int(match[1]), int(match[2] or 1), int(match[3] or 1)
        result = date(year, month, dom)
    except ValueError:
        draft.problem(where, say("import_bad_date"), found, **at)
        return None
    if not match[3]:
        draft.fixed(where, say("import_partial_date", date=result.isoformat()), found, **at)
    return result


def split_name(full: str) -> dict:
    """A name as brandkit's ``name:``: family and given when the split is certain (two
    parts: Japanese family first, Latin given first), else the whole as ``full``."""
    from brandkit.text.ja import is_japanese

    parts = full.split()
    if len(parts) == 2:
        if is_japanese(full):
            return {"family": parts[0], "given": parts[1]}
        return {"given": parts[0], "family": parts[1]}
    return {"full": full}


def link_entry(network: str, username: str | None, address: str | None) -> tuple[str, object]:
    """A ``links:`` entry: (key, handle or URL or {url, label})."""
    key = network.strip()
    service = NETWORKS.get(key.lower(), key.lower())
    known = SERVICES.get(service)
    if known is not None:
        pattern = known[1]
        handle = (username or "").strip().lstrip("@")
        # The handle is kept when it gives the same address, or the address is none or
        # only the service's home page (JSON Resume's own sample has "https://www.twitter.com").
        if pattern and handle and re.fullmatch(r"[A-Za-z0-9_.\-]{1,100}", handle) and \
                (address is None or address.rstrip("/") == pattern.format(handle).rstrip("/")
                 or address.split("//", 1)[-1].strip("/").count("/") == 0):
            return service, handle
        return service, address or ""
    return key, address or ""


def slug_for(name: str, taken: set[str]) -> str:
    """A portfolio file name from a project's name: ASCII words joined by hyphens;
    ``project`` when none (a Japanese name); ``-2``, ``-3``… when taken."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    base = "-".join(words)[:60].strip("-") or "project"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
