"""Spoken sentences from what people type: a profile field, read for how it ends, wrapped
for the slot it fills in a self-introduction.

Users write ``now`` as a noun phrase (導入提案と立ち上げ支援), a です・ます sentence, a plain
form (提案している), a wish (〜たい) or a reason (〜ので, 〜ため); English as a noun phrase,
an "-ing" phrase or a full sentence. Read aloud, a sentence must not end on a bare noun,
ので or ため, nor carry a bracket, a "Label:" or a lead said twice (今日は、今日は).
Pure string functions: no profile, no slots' timing. ``ja`` and ``en`` hold each
language's rules; what both share is here.
"""

from __future__ import annotations

import re

_LEGAL_JA = re.compile(r"^(?:株式会社|有限会社|合同会社|一般社団法人|（株）|\(株\))\s*|"
                       r"\s*(?:株式会社|有限会社|合同会社|（株）|\(株\))$")
_LEGAL_EN = re.compile(r",?\s+(?:Inc\.?|Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|LLC|Corp\.?|K\.K\.|GmbH|"
                       r"Corporation|Limited|Incorporated)$", re.IGNORECASE)


def short_organization(name: str) -> str:
    """The organisation as said aloud: 株式会社まなびラボ → まなびラボ, Manabi Lab Inc. →
    Manabi Lab."""
    return _LEGAL_EN.sub("", _LEGAL_JA.sub("", name.strip())).strip() or name.strip()
