"""Phone numbers as each face of a card writes them.

A Japanese face writes a Japanese number in domestic form (090-1234-5678, 03-1234-5678);
an English face writes it in international form (+81 90-1234-5678: the trunk 0 dropped).
Only Japanese numbers are rewritten: any other number is shown as the profile has it, as
a domestic form is only meaningful where you dial it from.
"""

from __future__ import annotations

import re

_JAPAN = re.compile(r"^\+\s*81[\s\-.]*(?:\(0\)[\s\-.]*)?0?(?=\d)")
_DOMESTIC = re.compile(r"^0(?=[1-9])")


def domestic(number: str) -> str:
    """``+81 90-1234-5678`` → ``090-1234-5678``; every other number unchanged."""
    text = number.strip()
    match = _JAPAN.match(text)
    if match is None:
        return text
    return "0" + text[match.end():]


def international(number: str, japanese: bool) -> str:
    """``090-1234-5678`` → ``+81 90-1234-5678`` when the number is Japanese (``japanese``:
    the person's card is Japanese first); a number with a country code is kept as it is."""
    text = number.strip()
    if _JAPAN.match(text):
        return "+81 " + domestic(text)[1:]
    if japanese and _DOMESTIC.match(text):
        return "+81 " + text[1:]
    return text
