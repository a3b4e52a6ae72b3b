"""LinkedIn's data export (Settings → Data privacy → Get a copy of your data): the ZIP,
or a folder of its CSV files → a ``Draft``.

Read: ``Profile.csv`` (name, headline → identity, summary, websites, Twitter handles,
location), ``Positions.csv`` (the current role), ``Skills.csv`` (strengths) and, when
present, ``Email Addresses.csv``, ``Languages.csv`` and ``Projects.csv``. Nothing else in
the export is opened. Private columns (address, birth date, zip code, instant messengers)
are never copied. Notes are located by file, CSV line and column.
"""

from __future__ import annotations

import csv
import io
import re

from brandkit.importer import draft as clean
from brandkit.importer.draft import Draft, Item
from brandkit.messages import say
from brandkit.text.ja import is_japanese

WANTED = ("Profile.csv", "Positions.csv", "Skills.csv", "Email Addresses.csv",
          "Languages.csv", "Projects.csv")
_PRIVATE = ("Address", "Birth Date", "Zip Code", "Instant Messengers", "Maiden Name")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"), 1)}
# Websites: "[PERSONAL:example.com,COMPANY:https://corp.example]"; kinds → link names.
_SITE_KIND = re.compile(r"(?:^|,)\s*([A-Za-z_]+)\s*:")
_KINDS = {"personal": "website", "portfolio": "portfolio", "blog": "blog", "company": "company",
          "rss": "rss", "other": "other"}


class Csv:
    """One CSV file's rows, each with its line, and where a column is."""

    def __init__(self, name: str, data: bytes, d: Draft):
        self.name = name
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.columns: dict[str, int] = {}
        try:
            text = data.decode("utf-8-sig")  # with or without the BOM Excel adds
        except UnicodeDecodeError as exc:
            d.problem("", say("import_not_utf8", detail=exc.reason), file=name)
            return
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            header = next(reader, [])
            self.columns = {h.strip().lower(): i for i, h in enumerate(header)}
            start = reader.line_num + 1  # a row's first line: a cell may hold line breaks
            for row in reader:
                line, start = start, reader.line_num + 1
                if any(cell.strip() for cell in row):
                    self.rows.append((line, {
                        h.strip().lower(): (row[i] if i < len(row) else "") for i, h in enumerate(header)}))
        except csv.Error as exc:
            d.problem("", say("import_bad_csv", detail=str(exc)), file=name)

    def at(self, line: int, column: str) -> dict:
        """Where a cell is, for a note: file, line, column (1-based)."""
        return {"file": self.name, "line": line, "col": self.columns.get(column.lower(), -1) + 1}


def convert(found: dict[str, bytes], shown: dict[str, str], source: str) -> Draft:
    """``found``: the wanted files' bytes by name; ``shown``: how to name each in notes."""
    d = Draft(source)
    tables = {name: Csv(shown[name], data, d) for name, data in found.items()}
    p = d.profile
    profile_rows = tables["Profile.csv"].rows
    table = tables["Profile.csv"]
    line, row = profile_rows[0] if profile_rows else (0, {})

    def cell(column: str, limit: str | None = None) -> str | None:
        return clean.text(row.get(column.lower()), d, column, limit, **table.at(line, column))

    given, family = cell("First Name", "name.given"), cell("Last Name", "name.family")
    headline, summary = cell("Headline", "identity"), cell("Summary", "about")
    current, past = _positions(tables.get("Positions.csv"), d)
    langs = _languages(tables.get("Languages.csv"), d)
    everything = " ".join(filter(None, (family, given, headline, summary)))
    p["lang"] = langs or ["ja" if is_japanese(everything) else "en"]
    if given or family:
        p["name"] = {k: v for k, v in (("family", family), ("given", given)) if v} \
            if (given and family) else {"full": given or family}
    else:
        d.problem("First Name", say("import_no_name"), **table.at(line, "First Name"))
    identity = headline or current.get("role") or (f"{given or ''} {family or ''}".strip() or None)
    if identity:
        p["identity"] = identity
    if not headline:
        d.problem("Headline", say("import_no_identity"), **table.at(line, "Headline"))
    for key in ("role", "organization"):
        if current.get(key):
            p[key] = current[key]
    if summary:
        p["about"] = summary
    if current.get("now"):
        p["now"] = current["now"]
    strengths = _skills(tables.get("Skills.csv"), d)
    if strengths:
        p["strengths"] = strengths
    contacts: dict = {}
    address = _email(tables.get("Email Addresses.csv"), d)
    if address:
        contacts["email"] = address
    place = cell("Geo Location", "contacts.location.value")
    if place:
        contacts["location"] = place
    if contacts:
        p["contacts"] = contacts
    links = _websites(cell("Websites"), d, table.at(line, "Websites"))
    for handle in _bracketed(cell("Twitter Handles")):
        links.setdefault("x", handle.lstrip("@"))
    if links:
        p["links"] = links
    for column in _PRIVATE:
        if (row.get(column.lower()) or "").strip():
            d.fixed(column, say("import_private_left_out"), **table.at(line, column))
    industry = cell("Industry")
    if industry:
        d.leftovers.append(f"Industry: {industry}")
    d.leftovers += past
    d.items = _projects(tables.get("Projects.csv"), d)
    return d


def _bracketed(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.strip().strip("[]").split(",") if part.strip()]


def _websites(value: str | None, d: Draft, at: dict) -> dict:
    links: dict = {}
    if not value:
        return links
    inner = value.strip().strip("[]")
    kinds = list(_SITE_KIND.finditer(inner))
    pieces = [(m[1], inner[m.end(): kinds[i + 1].start() if i + 1 < len(kinds) else len(inner)])
              for i, m in enumerate(kinds)] or [("personal", inner)]
    for kind, address in pieces:
        name = _KINDS.get(kind.lower(), kind.lower())
        found = clean.url(address.strip(), d, "Websites", **at)
        if found:
            key, n = name, 2
            while key in links:
                key, n = f"{name}{n}", n + 1
            # "website" is one of brandkit's services (a URL); the others are named URLs.
            links[key] = found if key == "website" else {"url": found, "label": kind.title()}
    return links


def _positions(table: Csv | None, d: Draft) -> tuple[dict, list[str]]:
    current: dict = {}
    past: list[str] = []
    for line, row in table.rows if table else []:
        def cell(column: str, limit: str | None = None, line: int = line, row: dict = row) -> str | None:
            return clean.text(row.get(column.lower()), d, column, limit, **table.at(line, column))

        org, role = cell("Company Name", "organization"), cell("Title", "role")
        ended = cell("Finished On")
        if not current and not ended and (org or role):
            current = {"organization": org, "role": role, "now": cell("Description", "now")}
            continue
        span = " – ".join(filter(None, (cell("Started On"), ended)))
        past.append(f"Positions: {', '.join(filter(None, (role, org)))}" + (f" ({span})" if span else ""))
    return current, past


def _skills(table: Csv | None, d: Draft) -> list[str]:
    titles = [t for line, row in (table.rows if table else [])
              if (t := clean.text(row.get("name"), d, "Name", "strengths.*.title", **table.at(line, "Name")))]
    for title in titles[clean.MAX_STRENGTHS:]:
        d.leftovers.append(f"Skills: {title}  ({say('import_more_strengths')})")
    return titles[: clean.MAX_STRENGTHS]


def _email(table: Csv | None, d: Draft) -> str | None:
    rows = table.rows if table else []
    # The primary address first, else the first one listed.
    rows = sorted(rows, key=lambda r: (r[1].get("primary", "").strip().lower() != "yes"))
    for line, row in rows[:1]:
        return clean.email(row.get("email address"), d, "Email Address",
                           **table.at(line, "Email Address"))  # type: ignore[union-attr]
    return None


def _languages(table: Csv | None, d: Draft) -> list[str]:
    found: list[str] = []
    for _, row in table.rows if table else []:
        code = clean.LANGUAGES.get((row.get("name") or "").strip().lower())
        if code and code not in found:
            found.append(code)
    return found


def _month(value: str | None) -> str | None:
    """LinkedIn writes dates as ``Aug 2016`` (or ``2016``): as ``2016-08``."""
    match = re.fullmatch(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", (value or "").strip())
    if match and match[1].lower() in _MONTHS:
        return f"{match[2]}-{_MONTHS[match[1].lower()]:02d}"
    return value


def _projects(table: Csv | None, d: Draft) -> list[Item]:
    items: list[Item] = []
    taken: set[str] = set()
    for line, row in table.rows if table else []:
        def at(column: str, line: int = line) -> dict:
            return table.at(line, column)  # type: ignore[union-attr]

        title = clean.text(row.get("title"), d, "Title", "title", **at("Title"))
        if not title:
            d.problem("Title", say("import_no_title"), **at("Title"))
            continue
        front: dict = {"title": title}
        started = clean.day(_month(row.get("started on")), d, "Started On", **at("Started On"))
        if started:
            front["date"] = started
        summary = clean.text(row.get("description"), d, "Description", "summary", **at("Description"))
        if summary:
            front["summary"] = summary
        address = clean.url(row.get("url"), d, "Url", **at("Url"))
        if address:
            front["links"] = [{"url": address}]
        items.append(Item(clean.slug_for(title, taken), front, ""))
    return items
