"""YAML written as text for people: keys in the order given, a comment where one helps,
and every string quoted so that it reads back exactly as it was (``: ``, ``#``, a
leading ``-``, ``yes``, ``2016-08``, Japanese text, line breaks).

PyYAML's dumper could quote, but not keep comments; this writes the few shapes a
profile needs — mappings, lists, strings, numbers, booleans — and nothing else.
"""

from __future__ import annotations

from datetime import date

# Characters YAML will not take raw in a double-quoted string (PyYAML's reader refuses
# C0/C1 controls, and reads U+0085, U+2028 and U+2029 as line breaks, which it folds):
# written as escapes. U+FEFF is escaped too so that no invisible mark survives.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF) or \
            0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def quote(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that loads back to the same string."""
    return '"' + "".join(_escaped(c) for c in text) + '"'


def _block_ok(text: str) -> bool:
    """Whether ``text`` can be a literal block (``|-``): several lines, nothing a block
    scalar would change (leading spaces on the first line, trailing spaces, tabs, a
    trailing line break, characters that need escapes)."""
    if "\n" not in text or text.endswith("\n") or text.startswith((" ", "\n")):
        return False
    return all(line == line.rstrip(" ") and "\t" not in line and
               all(_escaped(c) == c or c in '"\\' for c in line)
               for line in text.split("\n")) and "\r" not in text


def scalar(value: object, indent: int = 0) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if _block_ok(value):
            pad = " " * (indent + 2)
            return "|-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
        return quote(value)
    raise TypeError(f"no YAML for {type(value).__name__}")


def dump(data: dict, indent: int = 0, comments: dict[str, str] | None = None) -> str:
    """A mapping as YAML lines. ``comments``: key → a comment line written above it."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        if comments and key in comments:
            lines.append(f"{pad}# {one_line(comments[key])}")
        name = key if _plain_key(key) else quote(key)
        if isinstance(value, dict):
            if not value:
                lines.append(f"{pad}{name}: {{}}")
                continue
            lines.append(f"{pad}{name}:")
            lines.append(dump(value, indent + 2).rstrip("\n"))
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{name}: []")
                continue
            lines.append(f"{pad}{name}:")
            lines.extend(_items(value, indent + 2))
        else:
            lines.append(f"{pad}{name}: {scalar(value, indent)}")
    return "\n".join(lines) + "\n"


def _items(values: list, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for value in values:
        if isinstance(value, dict) and value:
            body = dump(value, indent + 2).rstrip("\n").split("\n")
            lines.append(f"{pad}- {body[0].lstrip()}")
            lines.extend(body[1:])
        elif isinstance(value, (dict, list)):
            raise TypeError("nested lists are not written")
        else:
            lines.append(f"{pad}- {scalar(value, indent)}")
    return lines


def _plain_key(key: str) -> bool:
    # The profile's own keys: lower-case words. Anything else (a service name the user
    # brought) is quoted.
    return key.replace("_", "").isalnum() and key.isascii() and key[:1].isalpha() and \
        key.lower() == key and key not in ("yes", "no", "on", "off", "true", "false", "null", "y", "n")


def one_line(text: str) -> str:
    """Text fit for a comment: one line, no control characters."""
    flat = " ".join(text.split())
    return "".join(c for c in flat if c.isprintable())
