"""``brandkit check`` advice: what the networking articles say makes a profile memorable.

Advice is a warning, never an error: the build still works. Each item is located.
"""

from __future__ import annotations

import re
from pathlib import Path

from brandkit import files
from brandkit.errors import Problem, shown_path
from brandkit.messages import say
from brandkit.profile import samples
from brandkit.profile.fields import _SCHEME, public_fields, web_address, yaml_key
from brandkit.profile.model import Event, Profile, Scripts, Site, Text
from brandkit.profile.theme import find_theme
from brandkit.profile.yamlload import Doc
from brandkit.text import limits, speech
from brandkit.text.color import contrast_ratio
from brandkit.text.ja import is_japanese
from brandkit.text.sentence import en as spoken_en
from brandkit.text.sentence import ja as spoken_ja

IDENTITY_MAX_JA = 25  # characters
IDENTITY_MAX_EN = 8  # words
IDENTITY_MIN_EN = 2  # words: fewer reads like a job title (JSON Resume's `label`)
STRENGTHS = (3, 5)

# Identities that say where you sit, not what you do: nobody remembers them.
_GENERIC = [re.compile(p, re.IGNORECASE) for p in (
    r"^\s*(?:IT|ＩＴ)(?:企業|会社|系)(?:で|に)(?:働いて|勤めて|勤務して)",
    r"^\s*(?:会社員|サラリーマン|エンジニア|営業|公務員)(?:です|をしています)?[。.]?\s*$",
    r"^\s*(?:普通の|一般の)?(?:会社|企業)(?:で|に)(?:働いて|勤めて|勤務して)",
    (r"^\s*i\s+(?:work|am working)\s+(?:in|at|for)\s+(?:an?\s+)?(?:it|tech|software)"
     r"(?:\s+(?:company|firm|industry|sector))?\s*\.?\s*$"),
    r"^\s*i(?:'m| am)\s+an?\s+(?:engineer|employee|office worker|developer|consultant)\s*\.?\s*$",
)]


def _identity(text: str) -> list[str]:
    notes = []
    if any(p.search(text) for p in _GENERIC):
        notes.append(say("advice_identity_generic"))
    if is_japanese(text):
        count = len(re.sub(r"\s", "", text))
        if count > IDENTITY_MAX_JA:
            notes.append(say("advice_identity_long_ja", count=count))
    else:
        count = len(text.split())
        if count > IDENTITY_MAX_EN:
            notes.append(say("advice_identity_long_en", count=count))
        elif count <= IDENTITY_MIN_EN and not notes:  # "Programmer": a title, not an identity
            notes.append(say("advice_identity_title"))
    return notes


def advise(site: Site, docs: dict[str, Doc]) -> list[Problem]:
    profile = site.profile
    doc = docs["profile"]
    out: list[Problem] = []

    def warn(path: tuple, message: str, value: object = None, at: Doc = doc,
             hint: str = "") -> None:
        out.append(at.problem(path, message, value, hint, warning=True))

    for lang, text in _texts(profile.identity, profile.lang):
        path = ("identity", lang) if lang != "*" else ("identity",)
        for note in _identity(text):
            warn(path, note, text)
    if profile.role is not None:  # an imported résumé's label is often the job title
        for lang, text in _texts(profile.identity, profile.lang):
            if text.strip().lower() == profile.role.text(lang).strip().lower():
                warn(("identity", lang) if lang != "*" else ("identity",),
                     say("advice_identity_is_role"), text)
    if not profile.offers:
        warn(("offers",) if "offers" in doc.data else (), say("advice_no_offers"))
    count = len(profile.strengths)
    if count < STRENGTHS[0]:
        warn(("strengths",) if "strengths" in doc.data else (),
             say("advice_few_strengths", count=count))
    elif count > STRENGTHS[1]:
        warn(("strengths",), say("advice_many_strengths", count=count))

    theme = find_theme(profile.brand.theme, Path(site.folder))
    ratio = contrast_ratio(profile.brand.color, theme.background)
    if ratio < 4.5:
        warn(("brand", "color"), say("advice_contrast", color=profile.brand.color,
                                     ratio=f"{ratio:.2f}", theme=theme.name,
                                     background=theme.background))
    if profile.name.is_japanese and not profile.name.reading:
        warn(("name",), say("advice_no_reading"))
    if profile.photo is not None and not profile.photo.alt:
        warn(("photo",), say("advice_no_alt"), profile.photo.src)

    out += _script_advice(profile, doc)
    out += _translation_advice(profile, profile.lang, doc)
    for lang, text in _texts(profile.about, profile.lang) if profile.about else []:
        for _, href, guess in markdown_links(text):  # Markdown: shown as a link, not checked
            warn(("about", lang) if lang != "*" else ("about",), say("url_no_scheme"), href,
                 hint=say("did_you_mean", name=guess))
    out += sample_advice(site, doc)
    out += _field_advice(profile, doc)
    for item in site.portfolio:
        item_doc = docs.get(shown_path(Path(item.source)))
        if item_doc is None:
            continue
        if item.image is not None and not item.image.alt:
            warn(("image",), say("advice_no_alt"), item.image.src, at=item_doc)
        out += _translation_advice(item, profile.lang, item_doc)
        for lang, body in item.body.items():  # the original's, and each translation file's
            source = Path(item.source)
            if lang != profile.lang[0]:
                source = source.with_name(f"{item.slug}.{lang}.md")
            links = markdown_links(body)
            sample = samples.is_sample_text(body)
            start = _body_line(source) if sample or links else 0  # the file read once, if need be
            if sample:
                out.append(Problem(shown_path(source), start, 1, "",
                                   say("advice_placeholder"), warning=True))
            for line, href, guess in links:
                out.append(Problem(shown_path(source), start + line, 1, "",
                                   say("url_no_scheme"), href, say("did_you_mean", name=guess),
                                   warning=True))
    for name, item_doc in docs.items():  # front matter: the originals and the translations
        if name != "profile":
            out += [item_doc.problem(path, say("advice_placeholder"), value, warning=True)
                    for path, value in samples.found(item_doc.data)]
    return sorted(out, key=lambda p: (p.file != doc.file, p.file, p.line, p.col))


def _script_advice(profile: Profile, doc: Doc) -> list[Problem]:
    """Scripts the user wrote (``scripts:``) that run over their slot at the standard pace,
    with what to cut; generated scripts always fit, so only the user's are checked."""
    import dataclasses


    out = []
    owners = [(("scripts",), profile.scripts)]
    owners += [(("events", i, "scripts"), e.scripts) for i, e in enumerate(profile.events)]
    for prefix, scripts in owners:
        if scripts is None:
            continue
        for f in dataclasses.fields(Scripts):
            value, key = getattr(scripts, f.name), yaml_key(f)
            for lang, text in _texts(value, profile.lang) if value else []:
                at = prefix + ((key, lang) if lang != "*" else (key,))
                if key == "chat":
                    limit = limits.CHAT["ja" if is_japanese(text) else "en"]
                    size = limits.plain_length(text)
                    if size > limit:
                        out.append(doc.problem(at, say("advice_chat_long", size=size, limit=limit,
                                                       cut=size - limit), warning=True))
                    continue
                over = speech.overrun(text, speech.SLOTS[key])
                if over is not None:
                    out.append(doc.problem(at, say(
                        f"advice_script_long_{over.unit}", seconds=f"{over.seconds:.1f}",
                        slot=speech.SLOTS[key], allowed=f"{over.allowed:g}", cut=over.cut),
                        warning=True))
    return out


# field → how the scripts say it (Japanese, English); the suggestion uses the same wrapper.
_SAID = {"identity": (spoken_ja.ja_keyword, spoken_en.en_keyword),
         "now": (spoken_ja.ja_now, spoken_en.en_now),
         "next": (spoken_ja.ja_next, spoken_en.en_next),
         "looking_for": (spoken_ja.ja_meet, spoken_en.en_meet),
         "why": (spoken_ja.ja_why, spoken_en.en_why),
         "book_why": (spoken_ja.ja_book_why, spoken_en.en_book_why),
         "book_takeaway": (spoken_ja.ja_takeaway, spoken_en.en_takeaway),
         "motive": (spoken_ja.ja_motive, spoken_en.en_motive),
         "title": (lambda t: spoken_ja.ja_offers([t]), lambda t: spoken_en.en_offers([t]))}
_DANGLING_JA = re.compile(r"(?:[をにがはでとへもや]|から|まで|より|について|など|…|‥)$")
_DANGLING_EN = re.compile(r"\s*(?:\b(?:and|or|of|to|for|with|in|on|at|the|a)|…|\.\.\.)\s*$",
                          re.IGNORECASE)


def _field_advice(profile: Profile, doc: Doc) -> list[Problem]:
    """Fields the scripts cannot say as a sentence (they stop on a particle or "and"), and a
    ``now`` that gives a reason instead of the work, each with a suggested rewrite."""
    fields: list[tuple[tuple, str, Text | None]] = [
        ((name,), name, getattr(profile, name)) for name in ("identity", "now", "next",
                                                             "looking_for")]
    fields += [(("offers", i, "title"), "title", o.title) for i, o in enumerate(profile.offers)]
    for i, event in enumerate(profile.events):
        fields += [(("events", i, name), name, getattr(event, name))
                   for name in ("why", "book_why", "book_takeaway", "motive")]
    out = []
    for path, name, value in fields:
        for lang, text in _texts(value, profile.lang) if value else []:
            at = path + ((lang,) if lang != "*" else ())
            message = _unspoken(name, text)
            if message:
                out.append(doc.problem(at, message, text, warning=True))
    return out


def _unspoken(name: str, text: str) -> str:
    ja = is_japanese(text)
    wrap = _SAID[name][0 if ja else 1]
    for part in speech.sentences(text):
        if ja and spoken_ja.ja_unsayable(part):
            core = spoken_ja.ja_core(part)
            end = _DANGLING_JA.search(core)
            whole = core[: end.start()] if end else core
            return say("advice_field_unsayable", end=end.group() if end else core[-1:],
                       suggestion=wrap(whole) if whole else "")
        if not ja and spoken_en.en_unsayable(part):
            end = _DANGLING_EN.search(part.strip())
            whole = part.strip()[: end.start()] if end else part
            return say("advice_field_unsayable", end=end.group().strip() if end else "",
                       suggestion=wrap(whole) if whole.strip() else "")
    if name == "now" and ja and spoken_ja.ja_shape(text) in (spoken_ja.REASON, spoken_ja.WISH_TE):
        core = spoken_ja.ja_core(text)
        end = re.search(r"(?:ので|ため(?:に)?|から(?:です)?|たくて)$", core)
        return say("advice_field_reason", end=end.group() if end else core[-2:],
                   said=spoken_ja.ja_now(text), suggestion="製造ラインの自動化提案を担当しています")
    if name == "now" and not ja and spoken_en.en_shape(text) == spoken_en.BECAUSE:
        return say("advice_field_reason", end=text.split()[0], said=spoken_en.en_now(text),
                   suggestion="I help factories automate their lines")
    return ""


def _texts(text: Text, langs: list[str]) -> list[tuple[str, str]]:
    if "*" in text:
        return [("*", text["*"])]
    return [(lang, text[lang]) for lang in langs if lang in text]


def sample_advice(site: Site, doc: Doc) -> list[Problem]:
    """Each value ``brandkit init`` wrote that is still in the profile (samples.py); the
    sample photo too, by its content (its name may well be kept for one's own photo)."""
    out = [doc.problem(path, say("advice_placeholder"), value, warning=True)
           for path, value in samples.found(doc.data)]
    photo = site.profile.photo
    if photo is not None:
        # The safe reader, and no more than the sample's size: every build asks this, and
        # a real photo (bigger) is not read at all.
        folder = Path(site.folder)
        try:
            data = files.read(folder / photo.src, folder, 2 * len(samples.PHOTO.encode()))
        except files.Unreadable:  # gone since it was validated, or bigger: not the sample
            data = b""
        if samples.is_sample_photo(data):
            at = ("photo", "src") if isinstance(doc.data.get("photo"), dict) else ("photo",)
            out.append(doc.problem(at, say("advice_placeholder"), photo.src, warning=True))
    return out


def samples_left(site: Site) -> list[str]:
    """Where ``brandkit init``'s samples remain, for a build's one note: the profile's
    fields (as ``check`` reports them), then each portfolio file's."""
    found = [p.path for p in sample_advice(site, site.doc)] if site.doc is not None else []
    for item in site.portfolio:
        texts = {"title": item.title, "summary": item.summary or Text(), "body": item.body}
        found += [f"{shown_path(item.source)} ({name})" for name, text in texts.items()
                  if any(samples.is_sample_text(value) for value in text.values())]
        found += [f"{shown_path(item.source)} (tags)"] * (item.tags == samples.TAGS)
        found += [f"{shown_path(item.source)} (links)" for link in item.links
                  if samples.is_sample_text(link.url)]
    return found


def markdown_links(source: str) -> list[tuple[int, str, str]]:
    """Each Markdown link in ``source`` written without its scheme (`[x](github.com/x)`):
    (its line, counted from 0; the address; the address with https://)."""
    if "](" not in source and "]:" not in source:  # no link: no parse
        return []
    from markdown_it import MarkdownIt

    found = []
    tokens = MarkdownIt("commonmark", {"html": False}).parse(source)
    for block in tokens:
        for token in block.children or []:
            href = str(token.attrGet("href") or "") if token.type == "link_open" else ""
            guess = web_address(href) if href and not _SCHEME.match(href) else ""
            if guess:
                found.append(((block.map or [0])[0], href, guess))
    return found


def _body_line(source: Path) -> int:
    """The line a portfolio file's Markdown body starts on (after its front matter)."""
    try:
        lines = source.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    return closing + 2


# Where a missing language is not borrowed from another: brandkit drafts the scripts in
# each language, and fills an event's questions with its type's defaults.
_OWN_PER_LANGUAGE = {(Event, "questions")}


def _translation_advice(record: object, langs: list[str], doc: Doc,
                        path: tuple = ()) -> list[Problem]:
    """Each text written per language (`{ja: …, en: …}`) that lacks one of ``langs``: the
    page in that language would quietly show another language's text."""
    import dataclasses

    out: list[Problem] = []
    if len(langs) < 2 or isinstance(record, Scripts):
        return out
    for f in public_fields(type(record)):
        value, at = getattr(record, f.name), path + (yaml_key(f),)
        if (type(record), f.name) in _OWN_PER_LANGUAGE:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            where = at if i is None else at + (i,)
            if isinstance(item, Text) and item and "*" not in item:
                present = [lang for lang in langs if lang in item]
                for lang in langs:
                    if lang not in item and present:
                        out.append(doc.problem(where, say("advice_no_translation", lang=lang,
                                                          other=present[0]),
                                               hint=say("advice_no_translation_hint", lang=lang),
                                               warning=True))
            elif dataclasses.is_dataclass(item):
                out += _translation_advice(item, langs, doc, where)
    return out
