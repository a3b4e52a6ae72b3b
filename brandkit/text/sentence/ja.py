"""Japanese: a field read for how it ends (です・ます, 〜たい, 〜ので, plain form, noun) and
said in its slot."""

from __future__ import annotations

import re

from brandkit.text.speech import sentences

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
    core = ja_core(text)
    if _REASON_END.search(core) or core.endswith("たくて"):
        return False  # 〜ので, 〜から: a reason, which a slot can say
    return bool(_PARTICLE_END.search(core))


# Plain endings that have one polite form; anything else is turned into 〜こと.
_PLAIN_TO_POLITE = (("ている", "ています"), ("でいる", "でいます"), ("てる", "ています"),
                    ("している", "しています"), ("した", "しました"), ("する", "します"),
                    ("できる", "できます"), ("いる", "います"), ("ある", "あります"),
                    ("なる", "なります"), ("ない", "ません"), ("だ", "です"), ("たい", "たいです"))
# Verb endings whose ます form is certain: ichidan kana pairs (挙げる, 調べる, 始める, 伝える,
# 続ける, 入れる, 見せる) and godan endings (話す, 使う, 書く, つなぐ, 持つ, 学ぶ, 読む); a る
# after a kanji (帰る or 見る?) is not, and is left to the user.
_VERB_ENDS = (("げる", "げます"), ("べる", "べます"), ("める", "めます"), ("せる", "せます"),
              ("える", "えます"), ("ける", "けます"), ("れる", "れます"), ("す", "します"),
              ("う", "います"), ("く", "きます"), ("ぐ", "ぎます"), ("つ", "ちます"),
              ("ぶ", "びます"), ("む", "みます"))
_LONGEST_FIRST = sorted(_PLAIN_TO_POLITE, key=lambda p: -len(p[0]))  # している before する


def ja_polite(text: str) -> str:
    """A plain ending made です・ます where one form is sure (している → しています);
    "" when it is not."""
    core = ja_core(text)
    if _POLITE_END.search(core):
        return core
    for plain, polite in _LONGEST_FIRST:
        if core.endswith(plain):
            return core[: -len(plain)] + polite
    return ""


def _polite_verb(core: str) -> str:
    """Any verb's ます form where the ending makes it certain (挙げる → 挙げます); "" else.
    For sentences told as they are, not for a keyword, which reads better as
    「〜ことを仕事にしています」 than as a bare 〜ます."""
    # 〜よう / 〜おう is "let's" (しよう), not a verb to make polite.
    if core.endswith(("よう", "おう", "こう", "そう", "ろう")) or len(core) < 3:
        return ""
    for plain, polite in _VERB_ENDS:
        # After a kanji or kana of the verb's own stem, not after a particle (〜をう).
        if core.endswith(plain) and core[-len(plain) - 1:-len(plain)] not in "をにがはでとへも、":
            return core[: -len(plain)] + polite
    return ""


def ja_brackets(text: str) -> str:
    """Bracketed words moved before their noun, as one says them:
    プロダクトマネージャー（AI学習サービス） → AI学習サービスのプロダクトマネージャー."""
    found = re.search(r"([^\s、。（(）)]+)[ \u3000]*[（(]([^（()）]+)[)）]", text)
    if not found:
        return text
    head, inner = found.group(1), found.group(2).strip()
    moved = f"{inner}の{head}" if inner else head
    return ja_brackets(text[: found.start()] + moved + text[found.end():])


def _te_from_wish(core: str) -> str:
    """〜たい, 〜たいです, 〜たいと考えています → 〜たくて (the reason you came)."""
    return re.sub(r"たい(?:です|と(?:思|考)って(?:い|お)ます)?$", "たくて", core)


# Nouns that name an action (する-verbs): after an object with を, a noun ending in one is
# résumé shorthand for a verb (申請をサポート → サポートしました / しています).
_ACTIONS = ("専攻", "担当", "支援", "開発", "導入", "提案", "設計", "勤務", "卒業", "入社", "転職",
            "異動", "参加", "運営", "企画", "管理", "研究", "販売", "製造", "経験", "サポート",
            "マネジメント", "コンサルティング", "立ち上げ", "構築", "改善", "推進", "指導", "執筆")


def _is_action(core: str) -> bool:
    """〜を + an action noun at the end: 機械工学を専攻, 申請を20件以上サポート."""
    return core.endswith(_ACTIONS) and ("を" in core or "で" in core)


def ja_now(text: str) -> str:
    """What you do now: noun → 〜を担当しています; plain → polite; a wish stays a wish."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN and _is_action(core) and "を" in core:
        return f"{core}しています。"
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
        return f"{core[:-2]}の{name}でした。"
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
    # A title is one phrase: only its first sentence is said; 〜をサポート is a verb.
    titles = list(dict.fromkeys(first for t in titles for first in sentences(t)[:1]))
    nouns = [ja_brackets(ja_core(t)) for t in titles
             if ja_shape(t) == NOUN and not (_is_action(ja_core(t)) and "を" in t)]
    said = [ja_core(t) + ("します" if ja_shape(t) == NOUN else "") for t in titles
            if ja_core(t) and ja_brackets(ja_core(t)) not in nouns]
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


def ja_rest(text: str) -> str:
    """A later sentence of a field, in です・ます: noun → 〜です, plain → polite; "" when it
    cannot be said on its own (a reason or a fragment)."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if core.endswith("へ") and len(core) > 1:
        return f"{core}移りました。"  # résumé shorthand: 2019年に営業技術部へ。
    if not core or ja_unsayable(core):
        return ""
    if shape == NOUN and _is_action(core):
        return f"{core}しました。"  # 大学で機械工学を専攻。 → 専攻しました
    if shape == NOUN:
        return f"{core}です。"
    if shape in (POLITE, PLAIN, WISH):
        polite = ja_polite(core) or _polite_verb(core)
        return f"{polite}。" if polite else ""
    return ""


def ja_book_why(text: str) -> str:
    """Why you chose the book (and what it gave you): 〜ので / 〜から → この本を選んだのは、
    〜からです; noun → この本を選んだきっかけは、〜です."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN:
        return f"この本を選んだきっかけは、{core}です。"
    if shape == WISH_TE:
        return f"{core}、この本を選びました。"
    if shape == REASON:
        stem = core.removesuffix("です")
        if stem.endswith(("ため", "ために")):
            return f"この本を選んだのは、{stem.removesuffix('に')}です。"
        return f"この本を選んだのは、{stem.removesuffix('ので').removesuffix('から')}からです。"
    polite = ja_polite(core)
    return f"{polite}。" if polite else f"この本を選んだのは、{core}からです。"


def ja_motive(text: str) -> str:
    """What draws you to a community: 〜が好き → 〜が好きです; noun → 参加しているのは、
    〜のためです; a wish or reason → 〜て参加しています."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN:
        if core.endswith(("好き", "大好き", "大切", "趣味", "楽しみ")):
            return f"{core}です。"
        return f"参加しているのは、{core}のためです。"
    if shape == WISH_TE:
        return f"{core}、参加しています。"
    if shape == REASON:
        return f"{_reason_stem(core)}、参加しています。"
    polite = ja_polite(core)
    return f"{polite}。" if polite else f"{core}ことが、参加のきっかけです。"




def ja_takeaway(text: str) -> str:
    """What the book gave you: noun → この本から得たのは、〜です; a sentence in です・ます;
    a reason as why I chose it."""
    core, shape = ja_brackets(ja_core(text)), ja_shape(text)
    if shape == NOUN:
        return f"この本から得たのは、{core}です。"
    if shape in (REASON, WISH_TE):
        return ja_book_why(text)  # a reason is why I chose it: said as one
    polite = ja_polite(core)
    return f"{polite}。" if polite else f"この本から得たのは、{core}ことです。"
