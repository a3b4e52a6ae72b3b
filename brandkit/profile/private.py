"""``private.yaml``: what must never be published, beside ``profile.yaml``.

Card-only contacts (the phone), notes such as an event's ``promise``: the same field
names as ``profile.yaml``, in a file the user keeps out of git (``brandkit init`` lists it
in ``.gitignore``). It is merged over the profile as it is read, so everything after —
validation, the card, the vCard — sees one profile, and a problem in a value that came
from it is located in it (file, line, column).

Merging: mappings key by key, all the way down; lists of mappings item by item, in order
(``events:`` in private.yaml adds notes to the profile's first events); anything else —
a text, a list of texts — replaces what the profile says.
"""

from __future__ import annotations

import os
from typing import Any

from brandkit import files
from brandkit.messages import say
from brandkit.profile.yamlload import MAX_BYTES, Doc, Path, load_text

PRIVATE_FILE = "private.yaml"


def expected_but_missing(folder: Any) -> bool:
    """Whether the site keeps a private.yaml (its .gitignore names it) that is not here:
    a fresh clone, a CI runner. The public site is the same; the card lacks its contacts."""
    if os.path.lexists(os.path.join(folder, PRIVATE_FILE)):
        return False
    text = _text(os.path.join(folder, ".gitignore"), folder)
    return text is not None and PRIVATE_FILE in {line.strip().lstrip("/") for line in text.splitlines()}


def _text(path: Any, folder: Any) -> str | None:
    """A user's file as text, read the one safe way (files.read); None when it cannot be."""
    try:
        return files.read(path, folder, MAX_BYTES).decode("utf-8", "replace")
    except files.Unreadable:
        return None


def merge(doc: Doc, private: Doc) -> None:
    """Merge ``private`` over ``doc`` (both loaded mappings), in place."""
    doc.data = _merge(doc, private, doc.data, private.data, ())


def _merge(doc: Doc, private: Doc, base: Any, over: Any, path: Path) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        for key, value in over.items():
            if value is None:  # `contacts:` with everything under it commented out
                continue
            child = (*path, key)
            if key in base:
                base[key] = _merge(doc, private, base[key], value, child)
            else:
                base[key] = _take(doc, private, value, child)
        return base
    if (isinstance(base, list) and isinstance(over, list) and over
            and all(isinstance(item, dict) for item in (*base, *over))):
        for index, value in enumerate(over):
            child = (*path, index)
            if index < len(base):
                base[index] = _merge(doc, private, base[index], value, child)
            else:
                base.append(_take(doc, private, value, child))
        return base
    return _take(doc, private, over, path)


def _take(doc: Doc, private: Doc, value: Any, path: Path) -> Any:
    """``value`` (from ``private`` at ``path``) replaces what ``doc`` had there: its marks
    and raw texts come along, the old ones go."""
    for table, source in ((doc.marks, private.marks), (doc.key_marks, private.key_marks),
                          (doc.raw, private.raw)):
        for old in [p for p in table if p[:len(path)] == path]:
            del table[old]
        table.update((p, v) for p, v in source.items() if p[:len(path)] == path)
    for old in [p for p in doc.files if p[:len(path)] == path]:
        del doc.files[old]
    doc.files[path] = private.file
    return value


def tracked_private_values(profile: Any, folder: Any, files: list[Any]) -> list[Any]:
    """Warnings for values that must stay private (contacts shown only on the card or in
    the vCard, events' ``promise`` notes) written in one of ``files`` (the profile, the
    private file) that git tracks: pushed, they are public — even where private.yaml
    gives another value. Nothing outside a git repository or without git."""
    import subprocess  # only `check` asks this: no start-up cost for a build

    paths: list[Path] = []
    for kind in ("email", "phone", "location"):
        if getattr(profile.contacts, kind, None) is not None and kind not in profile.contacts.shown("site"):
            paths.append(("contacts", kind))
    paths += [("events", i, "promise") for i, event in enumerate(profile.events) if event.promise]
    names = {_relative(str(file), folder): file for file in files}
    if not paths or not names:
        return []
    try:
        done = subprocess.run(["git", "ls-files", "--", *names], cwd=folder, capture_output=True,
                              text=True, check=False, stdin=subprocess.DEVNULL)
    except OSError:  # no git
        return []
    if done.returncode != 0:  # not a repository
        return []
    found = []
    for name in done.stdout.splitlines():
        file = names.get(name)
        if file is None:
            continue
        text = _text(file, folder)
        doc = None if text is None else load_text(text, str(file), empty_ok=True)[0]
        if doc is None:
            continue
        found += [doc.problem(path, say("private_tracked"), warning=True)
                  for path in paths if _has(doc.data, path)]
    return found


def _has(data: Any, path: Path) -> bool:
    for part in path:
        if ((isinstance(data, dict) and part in data)
                or (isinstance(data, list) and isinstance(part, int) and part < len(data))):
            data = data[part]
        else:
            return False
    return data is not None


def _relative(file: str, folder: Any) -> str:
    """A loaded file's name (as shown: relative to the working folder) relative to ``folder``."""
    return os.path.relpath(os.path.abspath(file), folder).replace(os.sep, "/")
