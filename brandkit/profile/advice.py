"""``brandkit check`` advice: what the networking articles say makes a profile memorable.

Advice is a warning, never an error: the build still works. Each item is located.
"""

from __future__ import annotations

import re

from brandkit.errors import Problem, shown_path
from brandkit.messages import say
from brandkit.profile.fields import yaml_key
from brandkit.profile.model import Profile, Scripts, Site, Text
from brandkit.profile.theme import find_theme
from brandkit.profile.yamlload import Doc
from brandkit.text import limits, speech
from brandkit.text.color import contrast_ratio
from brandkit.text.ja import is_japanese
from brandkit.text.sentence import en as spoken_en
from brandkit.text.sentence import ja as spoken_ja

IDENTITY_MAX_JA = 25  # characters
IDENTITY_MAX_EN = 8  # words
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
    return notes


def advise(site: Site, docs: dict[str, Doc]) -> list[Problem]:
    from pathlib import Path


    profile = site.profile
    doc = docs["profile"]
    out: list[Problem] = []

    def warn(path: tuple, message: str, value: object = None, at: Doc = doc) -> None:
        out.append(at.problem(path, message, value, warning=True))

    for lang, text in _texts(profile.identity, profile.lang):
        path = ("identity", lang) if lang in profile.identity else ("identity",)
        for note in _identity(text):
            warn(path, note, text)
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
    out += _field_advice(profile, doc)
    for item in site.portfolio:
        item_doc = docs.get(shown_path(Path(item.source)))
        if item.image is not None and not item.image.alt and item_doc is not None:
            warn(("image",), say("advice_no_alt"), item.image.src, at=item_doc)
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
                   for name in ("why", "book_why", "motive")]
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
