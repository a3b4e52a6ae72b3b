"""Load a site folder: profile.yaml + portfolio/*.md → validated ``Site`` or ``ProfileError``."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from brandkit import files, parallel
from brandkit.errors import BrandkitError, Problem, ProfileError, shown_path
from brandkit.messages import say
from brandkit.profile import model, sizes
from brandkit.profile.fields import Ctx, convert
from brandkit.profile.model import PortfolioItem, Profile, Site, Text
from brandkit.profile.private import PRIVATE_FILE, merge
from brandkit.profile.validate import check_item, check_site
from brandkit.profile.yamlload import MAX_BYTES, Doc, decode, load_text

PROFILE_NAMES = ("profile.yaml", "profile.yml")


def find_profile(folder: Path, given: Path | None = None) -> Path:
    """The profile in ``folder``; ``given`` is the folder as the user typed it (before
    symlinks were resolved): the hint to create one names it, not where it leads."""
    given = folder if given is None else given
    if not folder.is_dir():
        raise BrandkitError(say("site_missing", path=shown_path(given)))
    for name in PROFILE_NAMES:
        # Anything by that name: a FIFO or a link out is refused, located, when it is read.
        if os.path.lexists(folder / name) and not (folder / name).is_dir():
            return folder / name
    import shlex  # the command to copy: `brandkit init 'my site'`, as typed

    raise BrandkitError(str(given / PROFILE_NAMES[0]) + ": "
                        + say("missing_file", name=PROFILE_NAMES[0]) + "; "
                        + say("missing_file_hint", folder=shlex.quote(str(given))))


def _read(path: Path, root: Path, problems: list[Problem]) -> str | None:
    """The text of ``path``, a file in the site folder ``root`` (brandkit/files.py: read)."""
    try:
        data = files.read(path, root, MAX_BYTES)
    except files.Unreadable as exc:
        message = exc.message
        if exc.kind == "too_big" and path.name in PROFILE_NAMES:
            message = say("file_too_big", size=exc.size // 1024)
        problems.append(Problem(shown_path(path), 0, 0, "", message, hint=exc.hint))
        return None
    text, found = decode(data, shown_path(path))
    problems += found
    return text


def load_site(folder: Path, docs: dict[str, Doc] | None = None,
              meanwhile: Callable[[Profile, Path], None] | None = None) -> Site:
    """Load and validate everything; raise ``ProfileError`` with every problem found.

    ``docs`` (when given) receives each loaded file's ``Doc`` so that ``brandkit check``
    can locate its advice. ``meanwhile(profile, folder)`` is work this process may do while
    another reads the portfolio (see ``parallel.map``); it must not raise.
    """

    given, folder = folder, folder.resolve()
    problems: list[Problem] = []
    profile_path = find_profile(folder, given)
    profile, doc = _load_profile(profile_path, folder, problems)
    portfolio: list[PortfolioItem] = []
    if docs is not None and doc is not None:
        docs["profile"] = doc
    if profile is not None:
        portfolio = _load_portfolio(folder / "portfolio", tuple(profile.lang), problems, docs,
                                    (lambda: meanwhile(profile, folder)) if meanwhile else None)
    if profile is not None and doc is not None:
        site = Site(str(folder), profile, portfolio, doc)  # doc: locates what rendering refuses
        problems += check_site(site, doc)
    if problems:
        raise ProfileError(problems)
    return site


def _langs(data: dict) -> tuple[str, ...]:
    """The languages to validate texts against (``lang`` itself is reported by ``convert``)."""
    if "lang" not in data:
        return ("en",)  # the default
    value = data["lang"]
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):  # `ｊａ` is reported, but means `ja` for the texts
        half = [unicodedata.normalize("NFKC", v).lower() for v in value if isinstance(v, str)]
        langs = tuple(dict.fromkeys(v for v in half if v in model.LANGS))
        if langs:
            return langs
    # `lang` is wrong and reported; do not also flag every `ja:`/`en:` text in the file.
    return model.LANGS


def _several_langs(value: object) -> list[str]:
    """``["ja", "en"]`` for `lang: ja, en` (or `ja en`, `ja、en`): the list it is meant to
    be; [] for anything else."""
    if not isinstance(value, str):
        return []
    parts = [p for p in re.split(r"[\s,、;/]+", unicodedata.normalize("NFKC", value).lower()) if p]
    return parts if len(parts) > 1 and all(p in model.LANGS for p in parts) else []


def _load_profile(path: Path, root: Path,
                  problems: list[Problem]) -> tuple[Profile | None, Doc | None]:
    text = _read(path, root, problems)
    if text is None:
        return None, None
    doc, found = load_text(text, shown_path(path))
    problems += found
    if doc is None:
        return None, None
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), say("not_mapping_top")))
        return None, doc
    private_path = path.parent / PRIVATE_FILE
    if os.path.lexists(private_path):
        private = _load_private(private_path, root, problems)
        if private is None:
            return None, doc
        merge(doc, private)
    lang = doc.data.get("lang")
    several = _several_langs(lang)
    if isinstance(lang, str):  # `lang: ja` is a fine way to say one language
        doc.data["lang"] = several or [lang]
    ctx = Ctx(doc, _langs(doc.data))
    if several:  # reported, and the texts checked against the languages meant
        ctx.report(("lang",), say("lang_as_text"), lang,
                   say("lang_as_text_hint", langs=", ".join(several)))
    ctx.problems += sizes.cut_lists(doc)
    profile = convert(Profile, doc.data, (), ctx)
    if profile is not None and not profile.lang:  # `lang: []`, or no item was a language
        if doc.data.get("lang") == []:
            ctx.report(("lang",), say("empty_text"))
        profile.lang = list(ctx.langs)  # reported: keep checking the rest, never build
    if profile is not None:
        ctx.problems += sizes.check_profile(profile, doc)
    problems += ctx.problems
    return profile, doc


def _load_private(path: Path, root: Path, problems: list[Problem]) -> Doc | None:
    """``private.yaml``, loaded like the profile; None (problems reported) when unusable."""
    text = _read(path, root, problems)
    if text is None:
        return None
    doc, found = load_text(text, shown_path(path), empty_ok=True)
    problems += found
    if doc is None or found:
        return None
    if doc.data is None:  # nothing private yet
        doc.data = {}
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), say("not_mapping_top")))
        return None
    return doc


def split_front_matter(text: str) -> tuple[str, str] | None:
    """``---`` YAML ``---`` body → (yaml padded to keep line numbers, body); None if absent."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n" + "\n".join(lines[1:i]), "\n".join(lines[i + 1:])
    return "", ""  # opened, never closed


def _load_portfolio(folder: Path, langs: tuple[str, ...], problems: list[Problem],
                    wanted: dict[str, Doc] | None,
                    meanwhile: Callable[[], None] | None) -> list[PortfolioItem]:
    """The items in ``folder``, checked; each file's ``Doc`` goes into ``wanted`` if given
    (``brandkit check`` locates its advice with them; a build lets them go: at 1,000
    items they were a tenth of its memory)."""
    if not folder.is_dir():
        return []
    root = folder.parent
    if not files.inside(folder, root):  # `portfolio/` itself a link out of the site
        problems.append(Problem(shown_path(folder), 0, 0, "", say("read_outside"),
                                hint=say("read_outside_hint")))
        return []

    docs: dict[str, Doc] = {}  # the translation files' (their originals' when wanted)

    items: dict[str, PortfolioItem] = {}
    translations: list[tuple[Path, str, str]] = []
    originals: list[Path] = []
    # What folder.glob("*.md") lists, in the same order, without sorting Path objects
    # (~5 ms at 1,000 files).
    for name in sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".md")):
        path = folder / name
        stem = name[:-3]
        slug, _, lang = stem.rpartition(".")
        if slug and lang in model.LANGS:
            translations.append((path, slug, lang))
        else:
            originals.append(path)

    def load(path: Path) -> tuple[PortfolioItem | None, list[Problem], dict[str, Doc]]:
        found: list[Problem] = []
        seen: dict[str, Doc] = {}
        item = _load_item(path, root, langs, found, seen, base=None)
        if item is not None:
            item.slug = path.name[:-3]
            for doc in seen.values():
                found += check_item(item, folder.parent, doc)
        return item, found, seen if wanted is not None else {}

    # Reading and checking a file takes ~0.3–0.4 ms: a site with hundreds shares them out.
    # The child also pickles what it read back to this process: worth it from twice the
    # usual amount of work.
    loaded = parallel.map(load, originals, 0.4, min_ms=2 * parallel.WORTH_FORKING_MS,
                          meanwhile=meanwhile)
    for path, (item, found, seen) in zip(originals, loaded):
        problems += found
        docs.update(seen)
        stem = path.name[:-3]
        if item is not None:
            item.body = Text({langs[0]: item.body["*"]})
            items[stem] = item
    for path, slug, lang in translations:
        base = items.get(slug)
        if base is None:
            continue  # the primary file had problems, or the slug check reports it
        extra = _load_item(path, root, langs, problems, docs, base=base)
        if extra is not None and lang in langs:
            given = docs[shown_path(path)].data or {}
            for name in ("title", "summary"):
                value = getattr(extra, name)
                if name in given and value is not None:
                    merged = Text(getattr(base, name) or {})
                    merged[lang] = value.text(lang)
                    setattr(base, name, merged)
            if "tags" in given:
                base.translated_tags[lang] = extra.tags
            base.body[lang] = extra.body["*"]
    if wanted is not None:
        wanted.update(docs)
    return sorted(items.values(), key=lambda i: (i.date is None, -(i.date.toordinal()
                                                                     if i.date else 0), i.slug))


def _load_item(path: Path, root: Path, langs: tuple[str, ...], problems: list[Problem],
               docs: dict[str, Doc], base: PortfolioItem | None) -> PortfolioItem | None:
    text = _read(path, root, problems)
    if text is None:
        return None
    name = shown_path(path)
    parts = split_front_matter(text)
    if parts is None:
        problems.append(Problem(name, 1, 1, "", say("front_matter_missing")))
        return None
    front, body = parts
    if not front and not body and text.strip() != "---":
        problems.append(Problem(name, 1, 1, "", say("front_matter_unclosed")))
        return None
    data: dict = {}
    doc = Doc(name, data)
    if front.strip():
        loaded, found = load_text(front, name)
        problems += found
        if loaded is None:
            return None
        doc = loaded
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), say("want_mapping")))
            return None
        data = doc.data
    docs[name] = doc
    if base is not None:
        # A translation file only carries what differs: borrow the rest from the original.
        data = {"title": "-", **data}
    ctx = Ctx(doc, langs)
    ctx.problems += sizes.cut_lists(doc, item=True)
    item = convert(PortfolioItem, data, (), ctx)
    problems += ctx.problems
    if item is not None:
        line = text.count("\n") - body.count("\n") + 1  # where the body starts
        problems += sizes.check_item(item, body, line, doc)
        item.body = Text({"*": body})
        item.source = str(path)
    return item
