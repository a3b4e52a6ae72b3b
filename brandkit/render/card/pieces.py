"""A card text as the templates take it: the text, its real language, its HTML with
Japanese lines breaking only between phrases. Shared by the card and the name badge."""

from __future__ import annotations

from typing import Any

from brandkit.profile.model import Text
from brandkit.text.ja import is_japanese, phrases


def piece(value: Text | str | None, lang: str) -> dict[str, Any] | None:
    """A text to show in ``lang``, with the language it really is in (for ``lang=``)."""

    if value is None:
        return None
    if isinstance(value, Text):
        text, shown = value.pick(lang)
    else:
        text = str(value)
        shown = "ja" if is_japanese(text) else lang
    if not text:
        return None
    return {"text": text, "lang": shown, "html": kept_phrases(text)}


def kept_phrases(text: str) -> Any:
    """Japanese text whose lines break only between phrases, in WeasyPrint too: each
    phrase is a no-wrap span (card.css ``.ph``), the <wbr> between them the only breaks.
    (WeasyPrint has no ``word-break: keep-all``; without this the PDF broke 「サービ｜ス」.)"""
    from markupsafe import Markup

    html = phrases(text)
    if "<wbr>" not in html:
        return html
    return Markup("<wbr>").join(Markup('<span class="ph">') + Markup(piece) + Markup("</span>")
                                for piece in html.split("<wbr>"))
