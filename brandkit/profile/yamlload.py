"""Safe YAML loading that remembers where every value came from.

We compose the YAML into nodes with libyaml (fast, never runs constructors for tags),
then convert the node tree ourselves so that we can:

* refuse anchors/aliases without ever expanding them (alias bombs cost nothing);
* refuse every non-standard tag (``!!python/object`` and friends) — safe loading only;
* report duplicate keys, which PyYAML silently lets the last one win;
* keep the line and column of every key and value for located error messages.

A file that does not parse is reported in brandkit's words, where the user must edit:
full-width `：` `　` `－` `＃` typed with an input method first (``fullwidth.py``), then
PyYAML's syntax errors (``syntax.py``).
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

import yaml

from brandkit.errors import Problem
from brandkit.messages import say
from brandkit.profile.fullwidth import fullwidth_problems
from brandkit.profile.syntax import reader_problem, syntax_problem
from brandkit.record import record

try:  # libyaml is ~10x faster; the pure-Python composer gives the same nodes.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 1 << 20  # a profile is a page of text; anything bigger is a mistake or an attack
MAX_DEPTH = 40

Path = tuple  # ("strengths", 0, "title")

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR_TAG = f"{_STANDARD}str"
_SEQ_TAG = f"{_STANDARD}seq"
_MAP_TAG = f"{_STANDARD}map"
_MERGE_TAG = f"{_STANDARD}merge"  # `<<`, refused below like the aliases it merges


@record
class Doc:
    """A loaded YAML document: plain Python data plus where each piece was written."""

    file: str
    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)  # scalars as typed, e.g. "0901234"
    # Parts merged in from another file (private.yaml): path → that file's name.
    files: dict[Path, str] = field(default_factory=dict)

    def file_of(self, path: Path) -> str:
        """The file ``path`` was written in: this one, unless merged in from another."""
        while path:
            if path in self.files:
                return self.files[path]
            path = path[:-1]
        return self.file

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` (its key when ``key``), else of the nearest parent."""
        table = self.key_marks if key else self.marks
        while path:
            if path in table:
                return table[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: Path, message: str, value: object = None, hint: str = "",
                key: bool = False, warning: bool = False) -> Problem:
        line, col = self.where(path, key)
        return Problem(self.file_of(path), line, col, dotted(path), message, value, hint, warning)


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes → text, refusing what a profile must not be: not UTF-8. (Too big is refused
    before it is read: files.read with ``MAX_BYTES``, by every caller.)"""
    try:
        text = data.decode("utf-8-sig")  # a BOM from Windows editors is harmless
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(file, line, col, "", say("not_utf8"), hint=say("not_utf8_hint"))]
    return text.replace("\r\n", "\n"), []


def load_text(text: str, file: str, empty_ok: bool = False) -> tuple[Doc | None, list[Problem]]:
    """Parse YAML text into a ``Doc``; on failure return every problem found.

    ``empty_ok``: a file with no document (blank, comments only) is a ``Doc`` whose data
    is None rather than a problem (a theme.yaml may say nothing; a profile may not).
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return _empty(file, empty_ok)
    # Full-width `：`, `　`, `－`, `＃` typed with an input method: PyYAML would blame
    # the next line, or read the line as text. Reported where they are, with any other
    # mistake found once they are read as what they stand for.
    typed, twins = fullwidth_problems(text, file)
    if typed:
        return None, typed + _other_mistakes(twins, file, typed)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, file)]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        return None, [reader_problem(exc, text, file)]
    if node is None:  # no document at all, e.g. a second BOM and nothing else
        return _empty(file, empty_ok)
    aliases = _alias_marks(text) if "*" in text else {}  # no alias without a star
    problems = [Problem(file, line, col, "", say("alias"), hint=say("alias_hint"))
                for line, col in aliases.items()]
    doc = Doc(file, None)
    doc.data = _convert(node, (), doc, problems, set(), 0, aliases)
    return doc, problems


def _other_mistakes(twins: list[str], file: str, typed: list[Problem]) -> list[Problem]:
    """A syntax error left in the file once its full-width characters are read as ASCII
    (``twins``, see ``fullwidth_problems``) on a line that has none of them, else nothing."""
    lines = {p.line for p in typed}
    found: list[Problem] = []
    for twin in twins:
        try:
            yaml.compose(twin, Loader=_Loader)
            return []  # the full-width characters were all that was wrong
        except yaml.MarkedYAMLError as exc:
            found.append(syntax_problem(exc, twin, file))
        except yaml.YAMLError as exc:  # a control character
            found.append(reader_problem(exc, twin, file))
    # The reading that got further took the full-width spaces as the user meant them.
    last = max(found, key=lambda p: (p.line, p.col))
    return [last] if last.line not in lines else []


def _empty(file: str, empty_ok: bool) -> tuple[Doc | None, list[Problem]]:
    if empty_ok:
        return Doc(file, None), []
    return None, [Problem(file, 0, 0, "", say("empty_file"), hint=say("empty_file_hint"))]


def _alias_marks(text: str) -> dict[int, int]:
    """Line → column of the first alias (``*name``) on each line that has one.

    The composed node of an alias is the anchored node itself, so only the event stream
    knows where the alias was written. One problem per line keeps a billion-laughs file
    to a few lines of output.
    """
    found: dict[int, int] = {}
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            found.setdefault(event.start_mark.line + 1, event.start_mark.column + 1)
    return found


def _convert(node: yaml.Node, path: Path, doc: Doc, problems: list[Problem],
             seen: set[int], depth: int, aliases: dict[int, int]) -> Any:
    if id(node) in seen:  # an alias (*name) pointing at a node we converted: never expand it
        # Reported at the alias by load_text; problems that follow point at the key.
        doc.marks[path] = doc.key_marks.get(path, _mark(node))
        return None
    doc.marks[path] = _mark(node)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        problems.append(doc.problem(path, say("too_deep", depth=MAX_DEPTH)))
        return None
    tag = node.tag or ""
    if isinstance(node, yaml.ScalarNode):
        if tag not in _SCALAR_TAGS:
            problems.append(doc.problem(path, say("bad_tag", tag=_short_tag(tag)),
                                        hint=say("bad_tag_hint")))
            return None
        doc.raw[path] = node.value
        return scalar_value(tag, node.value)
    if tag not in (_SEQ_TAG, _MAP_TAG):
        problems.append(doc.problem(path, say("bad_tag", tag=_short_tag(tag)),
                                    hint=say("bad_tag_hint")))
        return None
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, problems, seen, depth + 1, aliases)
                for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE_TAG:
            key_node = yaml.ScalarNode(f"{_STANDARD}str", "<<", key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
            doc.marks[path + ("?",)] = _mark(key_node)
            problems.append(doc.problem(path + ("?",), say("bad_key")))
            continue
        key = key_node.value
        child = path + (key,)
        if key in result or child in doc.key_marks:
            first = doc.key_marks[child][0]
            doc.marks[child + ("dup",)] = _mark(key_node)
            problems.append(Problem(doc.file, *_mark(key_node), dotted(child),
                                    say("duplicate_key", line=first)))
            continue
        doc.key_marks[child] = _mark(key_node)
        if key == "<<":  # a merge key; `<<: *base` is already reported at its alias
            if _mark(key_node)[0] not in aliases:
                problems.append(doc.problem(child, say("alias"), hint=say("alias_hint"),
                                            key=True))
            continue
        result[key] = _convert(value_node, child, doc, problems, seen, depth + 1, aliases)
    return result


def scalar_value(tag: str, value: str) -> Any:
    """The value of a scalar with a standard ``tag``."""
    if tag == _STR_TAG:  # most values: what the constructor would return, sooner
        return value
    try:
        return yaml.constructor.SafeConstructor().construct_object(yaml.ScalarNode(tag, value))
    except (yaml.YAMLError, ValueError, OverflowError):  # e.g. date 2026-02-31
        return value  # as text: a date field reports it, a text field keeps it


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STANDARD):] if tag.startswith(_STANDARD) else tag
