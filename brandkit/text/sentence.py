"""Spoken sentences from what people type: a profile field, read for how it ends, wrapped
for the slot it fills in a self-introduction.

Users write ``now`` as a noun phrase (導入提案と立ち上げ支援), a です・ます sentence, a plain
form (提案している), a wish (〜たい) or a reason (〜ので, 〜ため); English as a noun phrase,
an "-ing" phrase or a full sentence. Read aloud, a sentence must not end on a bare noun,
ので or ため, nor carry a bracket, a "Label:" or a lead said twice (今日は、今日は).
Pure string functions: no profile, no slots' timing.
"""

from __future__ import annotations

import re

# --- Japanese: how a field ends ---------------------------------------------------------

POLITE, WISH, WISH_TE, REASON, PLAIN, NOUN = "polite", "wish", "wish_te", "reason", "plain", "noun"

_JA_STOP = "。．.！？!?、,　 "
# Leads a field may start with; the slot adds its own, so the field's is taken off.
_JA_LEADS = re.compile(r"^(?:今日は|本日は|今回は|今日、|これからは|これから|今後は|今後|将来は|将来|"
                       r"次は|現在は|現在|いまは|今は|普段は|主に)[、,]?\s*")
_POLITE_END = re.compile(r"(?:ます|ました|ません|ましょう|です|でした|でしょう|ください)$")
_REASON_END = re.compile(r"(?:ので|ため|ために|から|からです|ためです|のでです)$")
_PLAIN_END = re.compile(r"(?:[うくぐすつぬぶむるいた]|だ|ない|ている|でいる|てる)$")
_PARTICLE_END = re.compile(r"(?:[をにがはでとへもや]|から|まで|より|について|など|…|‥)$")


def ja_core(text: str) -> str:
    """``text`` without surrounding space, its final 。 and its own lead (今日は、…)."""
    text = text.strip().rstrip(_JA_STOP)
    return _JA_LEADS.sub("", text, count=1).strip()


def ja_shape(text: str) -> str:
    """How a Japanese field ends: polite, wish (〜たい), wish_te (〜たくて), reason (〜ので,
    〜ため, 〜から), plain (a dictionary or past form) or noun (anything else)."""
    core = ja_core(text)
    if re.search(r"たい(?:です|と(?:思|考)って(?:い|お)ます)$", core) or core.endswith("たい"):
        return WISH
    if core.endswith("たくて"):
        return WISH_TE
    if _REASON_END.search(core):
        return REASON
    if _POLITE_END.search(core):
        return POLITE
    if _PLAIN_END.search(core):
        return PLAIN
    return NOUN


def ja_unsayable(text: str) -> bool:
    """True when no slot can make ``text`` into a sentence: it stops on a particle or "…"."""
    return bool(_PARTICLE_END.search(ja_core(text)))


# Plain endings that have one polite form; anything else is turned into 〜こと.
_PLAIN_TO_POLITE = (("ている", "ています"), ("でいる", "でいます"), ("てる", "ています"),
                    ("している", "しています"), ("した", "しました"), ("する", "します"),
                    ("できる", "できます"), ("いる", "います"), ("ある", "あります"),
                    ("なる", "なります"), ("ない", "ません"), ("だ", "です"), ("たい", "たいです"))


def ja_polite(text: str) -> str:
    """A plain ending made です・ます where one form is sure (している → しています);
    "" when it is not."""
    core = ja_core(text)
    if _POLITE_END.search(core):
        return core
    for plain, polite in sorted(_PLAIN_TO_POLITE, key=lambda p: -len(p[0])):
        if core.endswith(plain):
            return core[: -len(plain)] + polite
    return ""


def ja_brackets(text: str) -> str:
    """Bracketed words moved before their noun, as one says them:
    プロダクトマネージャー（AI学習サービス） → AI学習サービスのプロダクトマネージャー."""
    found = re.search(r"([^\s、。（(）)]+)[（(]([^（()）]+)[)）]", text)
    if not found:
        return text
    head, inner = found.group(1), found.group(2).strip()
    moved = f"{inner}の{head}" if inner else head
    return ja_brackets(text[: found.start()] + moved + text[found.end():])


def _te_from_wish(core: str) -> str:
    """〜たい, 〜たいです, 〜たいと考えています → 〜たくて (the reason you came)."""
    return re.sub(r"たい(?:です|と(?:思|考)って(?:い|お)ます)?$", "たくて", core)


def ja_now(text: str) -> str:
    """What you do now: noun → 〜を担当しています; plain → polite; a wish stays a wish."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN:
        return f"{core}として働いています。" if ja_is_role(core) else f"{core}を担当しています。"
    if shape in (POLITE, PLAIN):
        return (ja_polite(core) or f"{core}ことが、いまの仕事です") + "。"
    if shape == WISH:
        return ja_polite(core) + "。"
    if shape == WISH_TE:
        return f"{core}、いまの仕事をしています。"
    return f"{_reason_stem(core)}、いまの仕事に取り組んでいます。"


def _reason_stem(core: str) -> str:
    """〜ので / 〜ため / 〜から (です) → the clause a reason-led sentence starts with."""
    core = re.sub(r"(?:です)$", "", core)
    if core.endswith(("ため", "ために")):
        stem = core.removesuffix("に").removesuffix("ため")
        return stem + ("のために" if _ends_in_noun(stem) else "ために")
    if core.endswith("ので"):
        return core
    return core.removesuffix("から") + ("ので" if not _ends_in_noun(core[:-2]) else "なので")


_JA_ROLES = ("エンジニア", "マネージャー", "マネジャー", "デザイナー", "営業", "担当", "担当者",
             "教員", "教師", "研究者", "代表", "コンサルタント", "ディレクター", "リーダー", "講師",
             "社長", "医師", "看護師", "職員", "会社員", "ライター", "編集者", "店長", "責任者")


def ja_is_role(noun: str) -> bool:
    """A noun phrase that names a job (〜エンジニア, 〜の営業): said 〜として働いています."""
    return noun.endswith(_JA_ROLES)


def _ends_in_noun(text: str) -> bool:
    return not re.search(r"[ぁ-ゖ]$", text) or text.endswith(("こと", "もの"))


def ja_why(text: str) -> str:
    """Why you came, said once with 今日: 〜たい / 〜ため / 〜ので → 〜て参加しました."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape in (WISH, WISH_TE):
        return f"今日は、{_te_from_wish(core)}参加しました。"
    if shape == REASON:
        stem = core.removesuffix("です")
        if re.search(r"たい(?:から|ので|ため)$", stem):
            return f"今日は、{re.sub(r'たい(?:から|ので|ため)$', 'たくて', stem)}参加しました。"
        return f"今日は、{_reason_stem(core)}参加しました。"
    if shape == NOUN:
        return f"今日は、{core}に関心があって参加しました。"
    polite = ja_polite(core)
    return f"今日は、{polite}。" if polite else f"今日は、{core}ことを楽しみに参加しました。"


def ja_next(text: str) -> str:
    """What you want next: noun → これからは、〜に挑戦したいです; a wish kept as it is."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN:
        return f"これからは、{core}に挑戦したいです。"
    if shape == WISH_TE:
        return f"これからは、{core.removesuffix('たくて')}たいです。"
    if shape == WISH:
        return f"これからは、{ja_polite(core)}。"
    if shape == REASON:
        return f"これからは、{_reason_stem(core)}、新しいことに挑戦したいです。"
    if shape == PLAIN and re.search(r"[うくぐすつぬぶむる]$", core) and not re.search(
            r"(?:て|で)いる$", core):
        return f"これからは、{core}ことに挑戦したいです。"
    return f"これからは、{ja_polite(core) or core}。"


def ja_meet(text: str, lead: str = "") -> str:
    """Who you would like to meet: noun → 〜の方とお話ししたいです."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN:
        said = f"{core}とお話ししたいです。"
    elif shape == WISH_TE:
        said = f"{core.removesuffix('たくて')}たいです。"
    elif shape == REASON:
        said = f"{_reason_stem(core)}、いろいろな方とお話ししたいです。"
    else:
        said = (ja_polite(core) or f"{core}方とお話ししたいです") + "。"
    return lead + said


def ja_keyword(text: str) -> str:
    """The keyword said as a sentence: a noun phrase ends です, never 「…」がキーワードです."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN:
        return f"{core}です。"
    if shape == WISH_TE:
        return f"{core}、いまの仕事をしています。"
    if shape == REASON:
        return f"{_reason_stem(core)}、いまの仕事をしています。"
    return (ja_polite(core) or f"{core}ことを仕事にしています") + "。"


def ja_closing(text: str, name: str) -> str:
    """The keyword again with your name: 〜ている山田 / 〜が専門の山田 / noun、山田."""
    core = ja_brackets(ja_core(text))
    if re.search(r"[てで]います$", core):
        return f"{core[:-2]}る{name}でした。"
    if core.endswith("が専門です"):
        return f"{core[:-1]}の{name}でした。"
    if core.endswith("です") and _ends_in_noun(core[:-2]):
        return f"{core[:-2]}、{name}でした。"
    if ja_shape(core) == NOUN:
        return f"{core}、{name}でした。"
    if re.search(r"[てで]いる$", core):
        return f"{core}{name}でした。"
    return f"以上、{name}でした。"


def ja_offers(titles: list[str]) -> str:
    """Offer titles as one spoken sentence or two: noun titles joined with や and ending
    〜ができます; sentence titles (〜します) said as 〜することもできます."""
    nouns = [ja_brackets(ja_core(t)) for t in titles if ja_shape(t) == NOUN]
    said = [ja_core(t) for t in titles if ja_shape(t) != NOUN]
    out = []
    if nouns:
        joined = "、".join(nouns[:-1]) + ("や" if len(nouns) > 1 else "") + nouns[-1]
        out.append(f"{joined}でお役に立てます。" if len(nouns) > 2 else f"{joined}ができます。")
    for n, title in enumerate(said):
        lead = "また、" if out or n else ""
        if title.endswith("します"):
            out.append(f"{lead}{title[:-3]}することもできます。")
        elif _POLITE_END.search(title):
            out.append(f"{lead}{title}。")
        else:
            out.append(f"{lead}{ja_polite(title) or title + 'こともできます'}。")
    return "".join(out)


_LEGAL_JA = re.compile(r"^(?:株式会社|有限会社|合同会社|一般社団法人|（株）|\(株\))\s*|"
                       r"\s*(?:株式会社|有限会社|合同会社|（株）|\(株\))$")
_LEGAL_EN = re.compile(r",?\s+(?:Inc\.?|Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|LLC|Corp\.?|K\.K\.|GmbH|"
                       r"Corporation|Limited|Incorporated)$", re.IGNORECASE)


def short_organization(name: str) -> str:
    """The organisation as said aloud: 株式会社まなびラボ → まなびラボ, Manabi Lab Inc. →
    Manabi Lab."""
    return _LEGAL_EN.sub("", _LEGAL_JA.sub("", name.strip())).strip() or name.strip()


# --- English ------------------------------------------------------------------------------

SENTENCE, ING, TO, BECAUSE = "sentence", "ing", "to", "because"

_EN_SUBJECT = re.compile(r"^(?:I|I'm|I’m|I've|I’d|I'd|My|We|We're|Our|It's|This)\b")
_EN_LABEL = re.compile(r"^[A-Z][A-Za-z ]{0,30}:\s+")
_EN_LEADS = re.compile(r"^(?:Today,?|Next,?|Now,?|Currently,?|In the future,?)\s+", re.IGNORECASE)


def en_core(text: str) -> str:
    text = text.strip().rstrip(".;:,! ")
    text = _EN_LABEL.sub("", text, count=1)
    return _EN_LEADS.sub("", text, count=1).strip()


def en_shape(text: str) -> str:
    core = en_core(text)
    if _EN_SUBJECT.match(core):
        return SENTENCE
    first = core.split(" ", 1)[0].lower()
    if first == "to":
        return TO
    if first in ("because", "since", "as"):
        return BECAUSE
    if first.endswith("ing") and len(first) > 4 and first not in ("training", "thing", "spring"):
        return ING
    return NOUN


def en_unsayable(text: str) -> bool:
    """True when ``text`` stops mid-phrase: on "and", a preposition or "…"."""
    return bool(re.search(r"(?:\b(?:and|or|of|to|for|with|in|on|at|the|a)|…|\.\.\.)\s*$",
                          text.strip(), re.IGNORECASE))


def lower_first(text: str) -> str:
    """"Teachers, researchers…" → "teachers, researchers…"; "I", "AI tools", "EdTech"
    and other names keep their capitals."""
    if re.match(r"An? ", text):
        return text[0].lower() + text[1:]
    word = re.match(r"[A-Za-z]+", text)
    if not word or len(word.group()) < 2 or not word.group()[1:].islower() or word.group() == "I":
        return text
    return text[0].lower() + text[1:]


def article(noun: str) -> str:
    """ "a" or "an" before ``noun``, by how it is said (an AI tutor, a user, an SE)."""
    word = noun.split(" ", 1)[0]
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    low = word.lower()
    if low.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    return "an" if low[:1] in "aeiou" or low.startswith("hour") else "a"


def en_end(text: str) -> str:
    text = text.strip().rstrip(",;:")
    return text if not text or text.endswith((".", "!", "?", "\"", "”", ")")) else text + "."


def _said(text: str) -> str:
    """A sentence the user wrote, as is (its first letter kept)."""
    return en_end(en_core(text))


def _has_article(core: str) -> bool:
    return bool(re.match(r"(?:a|an|the|my|our)\s", core, re.IGNORECASE))


def en_now(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        return _said(text)
    if shape == ING:
        return en_end(f"I'm currently {lower_first(core)}")
    if shape == TO:
        return en_end(f"My work is {lower_first(core)}")
    if shape == BECAUSE:
        return en_end(f"I do what I do {lower_first(core)}")
    if en_is_role(core):
        low = lower_first(core)
        return en_end(f"I'm {low}" if _has_article(core) else f"I'm {article(low)} {low}")
    return en_end(f"I work on {lower_first(core)}")


_EN_ROLE = re.compile(r"(?:er|or|ist|ant|ian|ect|manager|lead|head|founder|owner|chief|"
                      r"officer|analyst|partner)$", re.IGNORECASE)


def en_is_role(noun: str) -> bool:
    """A noun phrase that names a job ("sales engineer for factory automation")."""
    head = re.split(r"\s+(?:for|at|of|in|with|on)\s+", noun, maxsplit=1)[0].strip()
    last = head.split()[-1] if head.split() else ""
    return bool(_EN_ROLE.search(last)) and not last.lower().endswith(("ers", "ors"))


def en_why(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        if re.match(r"I(?:'d like| want| would like| hope)\b", core):
            return en_end(f"I'm here today because {core}")
        return _said(text)
    if shape in (TO, BECAUSE):
        return en_end(f"I'm here today {lower_first(core)}")
    return en_end(f"I came today because I'm interested in {lower_first(core)}")


def en_next(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        return en_end(f"Next, {core}" if core.startswith("I ") else core)
    if shape == TO:
        return en_end(f"Next, I want {lower_first(core)}")
    if shape == ING:
        return en_end(f"Next, I'm looking forward to {lower_first(core)}")
    if shape == BECAUSE:
        return en_end(f"Next, I want to grow further {lower_first(core)}")
    return en_end(f"Next, I want to take on {lower_first(core)}")


def en_meet(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        said = _said(text)
    elif shape == TO:
        said = en_end(f"I'd love {lower_first(core)}")
    elif shape == ING:
        said = en_end(f"I'd love to meet people {lower_first(core)}")
    else:
        said = en_end(f"I'd love to meet {lower_first(core)}")
    return said


def en_keyword(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        return _said(text)
    if shape == ING:
        return en_end(f"I work on {lower_first(core)}")
    if shape == TO:
        return en_end(f"My work is {lower_first(core)}")
    low = lower_first(core)
    return en_end(f"I'm {low}" if _has_article(core) else f"I'm {article(low)} {low}")


def en_closing(text: str, name: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE and re.match(r"I\s", core):
        return en_end(f"I'm {name}, and {core}")
    if shape == SENTENCE:
        return en_end(f"Again, I'm {name}")
    keyword = en_keyword(text).rstrip(".")
    if keyword.startswith("I'm "):
        return en_end(f"I'm {name}, {keyword[4:]}")
    return en_end(f"I'm {name}, and {lower_first(keyword)}")


def en_offers(titles: list[str]) -> str:
    """Offer titles joined into one sentence: "I can offer a, b and c." — sentence titles
    ("I can introduce you to…") are said on their own."""
    nouns = [lower_first(en_core(t)) for t in titles if en_shape(t) in (NOUN, ING)]
    said = [_said(t) for t in titles if en_shape(t) not in (NOUN, ING)]
    out = []
    if nouns:
        joined = nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " and " + nouns[-1]
        out.append(en_end(f"I can offer {joined}"))
    out += [s if s.startswith(("I", "My", "We")) else en_end(f"I can also help with "
                                                             f"{lower_first(s.rstrip('.'))}")
            for s in said]
    return " ".join(out)


def en_role(role: str) -> str:
    """A job title as said after "a": "Product Manager, AI Learning" → "product manager"."""
    head = role.split(",", 1)[0].strip()
    words = [w if (w.isupper() or not w[1:].islower()) else w.lower() for w in head.split()]
    return " ".join(words)
