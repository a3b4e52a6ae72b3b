"""Content lines folded as vCard (RFC 2425 §5.8.1) and iCalendar (RFC 5545 §3.1) want."""

from __future__ import annotations


def fold(line: str, octets: int = 75) -> list[str]:
    """``line`` in pieces of at most ``octets`` UTF-8 bytes, never splitting a character;
    each continuation starts with one space."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > octets:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return out
