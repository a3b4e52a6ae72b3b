"""YAML data → model dataclasses, and the JSON Schema, both from the same type hints.

``convert(cls, data, path, ctx)`` walks a dataclass's fields, collects every problem
(never stops at the first) and returns an instance, or ``None`` when the value was
unusable. ``json_schema(cls)`` describes the same classes for editors.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import field
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, get_args, get_origin, get_type_hints

from brandkit.errors import Problem
from brandkit.messages import say
from brandkit.profile import model
from brandkit.profile.model import (
    AbsUrl,
    Color,
    Domain,
    Email,
    Evidence,
    FontName,
    Link,
    LocalPath,
    Phone,
    Slug,
    Text,
    Url,
)
from brandkit.profile.paths import hidden_char, link_text_problem, local_path_problem
from brandkit.profile.yamlload import Doc, Path
from brandkit.profile.yamlload import dotted as _dotted
from brandkit.record import record


class Invalid(Exception):
    """A value failed its check: message, plus an optional hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@record
class Ctx:
    doc: Doc
    langs: tuple[str, ...]
    problems: list[Problem] = field(default_factory=list)
    unlisted: set[str] = field(default_factory=set)  # languages already reported missing

    def report(self, path: Path, message: str, value: object = None, hint: str = "",
               key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, value, hint, key))


# --- checks for the marker string types -------------------------------------------------

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_PHONE = re.compile(r"^\+?\(?[0-9][0-9 \-().]{5,22}[0-9]$")  # (090) 1234 5678 too
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Goes into CSS: no quotes, semicolons or braces, so a font name cannot end the rule.
_FONT = re.compile(r"^[\w][\w \-]{0,62}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$")
# Invisible characters that could disguise a URL (bidi overrides, zero-width, controls).
_HIDDEN = re.compile(r"[\x00-\x20\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
SAFE_SCHEMES = ("http", "https", "mailto", "tel")


# A last label that names a file type, not a top-level domain: `slides.pdf` is a file.
_FILE_TYPES = frozenset(("html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp",
                         "avif", "md", "txt", "csv", "json", "xml", "ics", "vcf", "zip", "mp3",
                         "mp4", "css", "js"))


def web_address(value: str) -> str:
    """``https://`` + ``value`` when ``value`` is a web address written without its scheme
    (`peatix.com/event/1`, `www.example.com`, `//example.com/x`): as an href it would be a
    broken link to a file of the site. "" when it reads as a path (`assets/cv.pdf`)."""
    rest = value.removeprefix("//")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].lower()
    name = host.rsplit(":", 1)[0] if re.fullmatch(r"[^:]+:[0-9]{1,5}", host) else host
    if not _DOMAIN.match(name):
        return ""
    if value.startswith("//") or len(rest) > len(host) or name.startswith("www.") \
            or name.rsplit(".", 1)[-1] not in _FILE_TYPES:
        return "https://" + rest
    return ""


def check_url(value: str, absolute: bool = False) -> str:
    """A link brandkit will put in an href: http(s)/mailto/tel, or a relative path.
    Every field that takes an address checks it here (and ``--base-url`` too)."""
    if _HIDDEN.search(value) or hidden_char(value) or "\\" in value:
        raise Invalid(*link_text_problem(value))
    match = _SCHEME.match(value)
    if not match:
        guess = web_address(value)
        if guess:
            raise Invalid(say("url_no_scheme"), say("did_you_mean", name=guess))
        if absolute or value.startswith("//"):
            raise Invalid(say("want_absolute_url") if absolute else say("bad_url"))
        return value
    scheme = match.group(1).lower()
    if scheme not in SAFE_SCHEMES:
        raise Invalid(say("bad_url_scheme"))
    if absolute and scheme not in ("http", "https"):
        raise Invalid(say("want_absolute_url"))
    if scheme in ("http", "https"):
        rest = value[len(scheme) + 1:]
        host = rest[2:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0] if rest.startswith("//") else ""
        if not _HOST.match(host.rsplit("@", 1)[-1]):
            raise Invalid(say("bad_url"))
    return value


def _check_string(kind: type, value: str) -> str:
    if kind is Url:
        return check_url(value)
    if kind is AbsUrl:
        return check_url(value, absolute=True)
    if kind is Email:
        if not _EMAIL.match(value):
            raise Invalid(say("bad_email"))
    elif kind is Phone:
        if not _PHONE.match(value):
            raise Invalid(say("bad_phone"), say("bad_phone_hint"))
    elif kind is Color:
        if not _COLOR.match(value):
            raise Invalid(say("bad_color"), say("bad_color_hint"))
        return value.lower()
    elif kind is FontName:
        if not _FONT.match(value):
            raise Invalid(say("bad_font"))
    elif kind is Slug:
        if not _SLUG.match(value):
            raise Invalid(say("bad_slug"))
    elif kind is Domain:
        if not _DOMAIN.match(value):
            raise Invalid(say("bad_domain"), say("bad_domain_hint"))
    elif kind is Evidence:
        if _SCHEME.match(value) or web_address(value):
            return check_url(value)
        if not _SLUG.match(value):
            raise Invalid(say("bad_evidence"))
    elif kind is LocalPath:
        wrong = local_path_problem(value)
        if wrong:
            raise Invalid(*wrong)
    return value


# Whole numbers in a profile are counts of days: never negative, and small enough that
# adding them to a date cannot overflow (date.max is the year 9999).
MAX_INT = 10000

_MARKERS = (Url, AbsUrl, Email, Phone, Color, Slug, Domain, Evidence, LocalPath, FontName)

# --- the converter ----------------------------------------------------------------------


def convert(hint: Any, value: Any, path: Path, ctx: Ctx) -> Any:
    """Convert ``value`` at ``path`` to type ``hint``; report and return None when it can't."""
    try:
        return _convert(hint, value, path, ctx)
    except Invalid as exc:
        ctx.report(path, exc.message, value, exc.hint)
        return None


def _scalar_text(value: Any, path: Path, ctx: Ctx) -> str:
    """A scalar as the user typed it: `phone: 0312345678` stays "0312345678"."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        return ctx.doc.raw.get(path, str(value))
    raise Invalid(say("want_text"))


@cache
def _shape(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """``hint``'s origin and arguments, the optional's inner type for ``X | None``."""
    origin = get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return typing.Union, tuple(a for a in get_args(hint) if a is not type(None))
    return origin, get_args(hint)


def _convert(hint: Any, value: Any, path: Path, ctx: Ctx) -> Any:
    origin, args = _shape(hint)
    if origin is typing.Union:
        return None if value is None else _convert(args[0], value, path, ctx)
    if value is None:
        raise Invalid(say("empty_text"))  # `key:` written with no value: present, but blank
    if origin is list:
        if not isinstance(value, list):
            raise Invalid(say("want_list"))
        (item,) = args
        items = [convert(item, v, path + (i,), ctx) for i, v in enumerate(value)]
        return [v for v in items if v is not None]
    if origin is Literal:
        choices = args
        if value not in choices:
            raise Invalid(say("want_choice", choices=", ".join(choices)),
                          close_match(value, choices))
        return value
    if hint is Text:
        return _text(value, path, ctx)
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint, value, path, ctx)
    if hint is bool:
        if not isinstance(value, bool):
            raise Invalid(say("want_bool"))
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_INT:
            raise Invalid(say("want_count", max=MAX_INT))
        return value
    if hint is date:
        if isinstance(value, datetime):
            return value.date()
        if not isinstance(value, date):
            raise Invalid(say("bad_date"), say("bad_date_hint"))
        return value
    if hint in _MARKERS:
        return hint(_check_string(hint, _nonempty(_scalar_text(value, path, ctx)).strip()))
    if hint is str:
        return _nonempty(_scalar_text(value, path, ctx))
    raise TypeError(f"no converter for {hint!r}")  # a bug in the model, not user input


def _text(value: Any, path: Path, ctx: Ctx) -> Text | None:
    if isinstance(value, dict):
        text = Text()
        for lang, item in value.items():
            if lang not in model.LANGS:
                ctx.report(path + (lang,), say("bad_lang"), None,
                           say("known_keys", names=", ".join(ctx.langs)), key=True)
            elif lang not in ctx.langs:
                # One report per language: a profile written for [ja, en] without `lang:`
                # would otherwise get one error for every text in it.
                if lang not in ctx.unlisted:
                    ctx.unlisted.add(lang)
                    ctx.report(path + (lang,), say("lang_not_listed", lang=lang,
                                                   langs=", ".join(ctx.langs)),
                               hint=say("add_lang_hint", lang=lang), key=True)
            elif not blank(item):  # `en: " "`: a translation not written yet (advice says so)
                try:
                    text[lang] = _scalar_text(item, path + (lang,), ctx)
                except Invalid as exc:
                    ctx.report(path + (lang,), exc.message, item, exc.hint)
        if not value:
            raise Invalid(say("want_text_lang", langs=", ".join(ctx.langs)))
        if blank(value):  # reported without its value: "(got a mapping)" says nothing
            ctx.report(path, say("empty_text"))
            return None
        return text
    if isinstance(value, list):
        raise Invalid(say("want_text_lang", langs=", ".join(ctx.langs)))
    return Text({"*": _nonempty(_scalar_text(value, path, ctx))})


def _nonempty(text: str) -> str:
    if not text.strip():
        raise Invalid(say("empty_text"))
    return text


def blank(value: Any) -> bool:
    """Text that is only white space (spaces, tabs, U+3000, NBSP, line breaks), or a text
    per language with nothing but that in every language: a field left empty, as `key:` is.
    Renderers never see it (`name.latin: " "` once crashed the English short name)."""
    if isinstance(value, str):
        return not value.strip()
    return (isinstance(value, dict) and bool(value) and all(k in model.LANGS for k in value)
            and all(isinstance(v, str) and not v.strip() for v in value.values()))


@cache
def _hints(cls: type) -> dict[str, Any]:
    # Pass the module as locals too: a field named `date` must not hide the `date` type.
    return get_type_hints(cls, vars(model), vars(model))


def public_fields(cls: type) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]


def yaml_key(f: dataclasses.Field) -> str:
    """The key a user writes: the field name, or ``metadata["key"]`` (``30s`` → ``s30``)."""
    return f.metadata.get("key", f.name)


@cache
def _plan(cls: type) -> tuple[tuple[tuple[dataclasses.Field, str, bool, Any], ...], tuple[str, ...]]:
    """Each public field of ``cls`` as (field, YAML key, required, type), and the keys:
    worked out once per class, not once per portfolio item."""
    hints = _hints(cls)
    plan = tuple((f, yaml_key(f),
                  f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
                  hints[f.name]) for f in public_fields(cls))
    return plan, tuple(key for _, key, _, _ in plan)


def _dataclass(cls: type, value: Any, path: Path, ctx: Ctx) -> Any:
    shorthand = getattr(cls, "__shorthand__", None)
    bare = bool(shorthand) and not isinstance(value, (dict, list))
    if bare:
        if blank(value):  # `name: " "`: the whole thing is empty, not just its shorthand
            raise Invalid(say("empty_text"))
        value = {shorthand: value}
    if not isinstance(value, dict):
        raise Invalid(say("want_mapping"))
    plan, names = _plan(cls)
    for key in value:
        if key not in names:
            ctx.report(path + (key,), say("unknown_key"), None,
                       close_match(key, names) or say("known_keys", names=", ".join(names)),
                       key=True)
    kwargs: dict[str, Any] = {}
    ok = True
    for f, key, required, hint in plan:
        if key not in value:
            if required:
                line, col = ctx.doc.where(path)
                ctx.problems.append(Problem(ctx.doc.file, line, col, _dotted(path + (key,)),
                                            say("required"),
                                            hint=say("required_hint", name=key)))
                ok = False
            continue
        if not required and blank(value[key]):  # optional and left empty: as if not written
            continue
        custom = f.metadata.get("convert")
        # `email: bob@` is reported as `contacts.email`, as written, not `contacts.email.value`.
        at = path if bare and f.name == shorthand else path + (key,)
        result = (CUSTOM[custom][0](value[key], at, ctx) if custom
                  else convert(hint, value[key], at, ctx))
        if result is None:
            ok = ok and not required
            continue
        kwargs[f.name] = result
    return cls(**kwargs) if ok else None




def close_match(word: object, choices: typing.Iterable[str]) -> str:
    """'did you mean `x`?' for the choice closest to ``word``, or "" when none is close."""
    if not isinstance(word, str):
        return ""
    import difflib  # only when something is misspelt
    import unicodedata

    choices = list(choices)
    # `ｒｏｌｅ` typed with an input method on is `role` once its letters are half-width.
    half = unicodedata.normalize("NFKC", word)
    plain = half.strip().lower()
    if half != word and plain in choices:
        return say("fw_key_hint", name=plain)
    match = difflib.get_close_matches(plain, choices, n=1, cutoff=0.6)
    return say("did_you_mean", name=match[0]) if match else ""


# --- JSON Schema ------------------------------------------------------------------------

_STRING_FORMATS: dict[type, dict] = {
    # A relative path, but not a web address without its scheme (web_address): editors
    # flag `peatix.com/event/1` as brandkit does, and let `slides.pdf` be.
    Url: {"type": "string", "pattern": (
        r"^(?:(?:https?|mailto|tel):|(?![A-Za-z][A-Za-z0-9+.\-]*:)(?!//)"
        r"(?!(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}(?::[0-9]{1,5})?[/?#])(?!www\.)"
        r"(?!(?:[A-Za-z0-9-]+\.)+(?!(?:" + "|".join(sorted(_FILE_TYPES)) + r")$)[A-Za-z]{2,63}"
        r"(?::[0-9]{1,5})?$))")},
    AbsUrl: {"type": "string", "pattern": r"^https?://", "format": "uri"},
    Email: {"type": "string", "format": "email"},
    Phone: {"type": "string", "pattern": _PHONE.pattern},
    Color: {"type": "string", "pattern": _COLOR.pattern},
    Slug: {"type": "string", "pattern": _SLUG.pattern},
    Domain: {"type": "string", "pattern": _DOMAIN.pattern},
    Evidence: {"type": "string"},
    # JSON Schema regexes are ECMA-262, where \w is ASCII only: forbid the dangerous
    # characters instead, so 游ゴシック passes in editors as it does in brandkit.
    FontName: {"type": "string", "pattern": r"^[^\"';:{}<>\\/]{1,63}$"},
    LocalPath: {"type": "string", "pattern": r"^(?![/~])(?!.*(?:^|/)\.\.(?:/|$))"},
}


def json_schema(root: type) -> dict:
    """The JSON Schema (draft 2020-12) for ``root`` and everything it contains."""
    defs: dict[str, dict] = {}
    schema = _schema_of(root, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": root.__name__, **defs.pop(root.__name__), "$defs": defs} if "$ref" in schema \
        else schema


def _schema_of(hint: Any, defs: dict[str, dict]) -> dict:
    origin = get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        inner = [a for a in get_args(hint) if a is not type(None)]
        return _schema_of(inner[0], defs)
    if origin is list:
        return {"type": "array", "items": _schema_of(get_args(hint)[0], defs)}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if hint is Text:
        defs.setdefault("Text", {
            "description": "Text, or text per language",
            "anyOf": [{"type": ["string", "number"]},
                      {"type": "object", "additionalProperties": False, "minProperties": 1,
                       "properties": {lang: {"type": ["string", "number"]} for lang in model.LANGS}}]})
        return {"$ref": "#/$defs/Text"}
    if hint is date:
        return {"type": "string", "format": "date"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer", "minimum": 0, "maximum": MAX_INT}
    if hint in _STRING_FORMATS:
        return dict(_STRING_FORMATS[hint])
    if hint is str:
        return {"type": ["string", "number"]}
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder stops recursion
            props = {}
            for f in public_fields(hint):
                custom = f.metadata.get("convert")
                sub = CUSTOM[custom][1]() if custom else _schema_of(_hints(hint)[f.name], defs)
                if f.metadata.get("doc"):
                    sub = {**sub, "description": f.metadata["doc"]}
                props[yaml_key(f)] = sub
            required = [yaml_key(f) for f in public_fields(hint)
                        if f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING]
            obj = {"type": "object", "additionalProperties": False, "properties": props}
            if required:
                obj["required"] = required
            if hint.__doc__ and not hint.__doc__.startswith(name + "("):
                obj["description"] = hint.__doc__.strip().splitlines()[0]
            shorthand = getattr(hint, "__shorthand__", None)
            if shorthand:
                short = _schema_of(_hints(hint)[shorthand], defs)
                defs[name] = {"anyOf": [short, obj]}
            else:
                defs[name] = obj
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no schema for {hint!r}")


# --- links: service name → handle or URL ------------------------------------------------

# service: (label, URL pattern for a handle). A full URL is always accepted instead.
SERVICES: dict[str, tuple[str, str | None]] = {
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "x": ("X", "https://x.com/{}"),
    "twitter": ("X", "https://x.com/{}"),
    "facebook": ("Facebook", "https://www.facebook.com/{}"),
    "instagram": ("Instagram", "https://www.instagram.com/{}/"),
    "peatix": ("Peatix", "https://peatix.com/user/{}"),
    # The add-friend link's ID; "~id" for a LINE ID, "@id" for an official account.
    "line": ("LINE", "https://line.me/ti/p/{}"),
    "github": ("GitHub", "https://github.com/{}"),
    "note": ("note", "https://note.com/{}"),
    "youtube": ("YouTube", "https://www.youtube.com/@{}"),
    "connpass": ("connpass", "https://connpass.com/user/{}/"),
    "qiita": ("Qiita", "https://qiita.com/{}"),
    "zenn": ("Zenn", "https://zenn.dev/{}"),
    "website": ("Website", None),
}
_HANDLE = re.compile(r"^@?[A-Za-z0-9_.\-]{1,100}$")
_LINE_HANDLE = re.compile(r"^[~@]?[A-Za-z0-9_.\-]{1,100}$")


def convert_links(value: Any, path: Path, ctx: Ctx) -> list[Link] | None:
    if not isinstance(value, dict):
        ctx.report(path, say("want_mapping"), value)
        return None
    links = []
    for service, item in value.items():
        at = path + (service,)
        label = None
        if isinstance(item, dict):
            for key in item:
                if key not in ("url", "label"):
                    ctx.report(at + (key,), say("unknown_key"), None,
                               close_match(key, ("url", "label")), key=True)
            label = item.get("label")
            at, item = at + ("url",), item.get("url")
            if not isinstance(label, (str, type(None))):
                ctx.report(path + (service, "label"), say("want_text"), label)
                label = None
        if not isinstance(item, str) or not item.strip():
            ctx.report(at, say("want_text"), item)
            continue
        item = item.strip()
        known = SERVICES.get(service.lower())
        try:
            if _SCHEME.match(item) or item.startswith("//"):
                url = check_url(item, absolute=True)
                handle = None
            elif service.lower() == "line" and _LINE_HANDLE.match(item):
                handle = item
                url = (f"https://line.me/R/ti/p/{item}" if item.startswith("@")
                       else known[1].format(item))
            elif known and known[1] and _HANDLE.match(item):
                handle = item.lstrip("@")
                url = known[1].format(handle)
            elif web_address(item):  # `github.com/hanako`: did you mean https://…?
                url = check_url(item, absolute=True)
            elif known:
                raise Invalid(say("bad_handle", service=known[0]))
            else:
                raise Invalid(say("link_needs_url"), close_match(service, SERVICES))
        except Invalid as exc:
            ctx.report(at, exc.message, item, exc.hint)
            continue
        name = service.lower() if known else service
        links.append(Link(name, url, label or (known[0] if known else service), handle))
    return links


def links_schema() -> dict:
    handle_or_url = {"type": "string"}
    return {"type": "object",
            "properties": {name: handle_or_url for name in SERVICES},
            "additionalProperties": {"anyOf": [
                {"type": "string", "pattern": "^(?:https?|mailto|tel):"},
                {"type": "object", "additionalProperties": False,
                 "properties": {"url": {"type": "string"}, "label": {"type": "string"}}}]}}


CUSTOM = {"links": (convert_links, links_schema)}
