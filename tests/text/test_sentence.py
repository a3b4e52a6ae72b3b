"""How a profile field is said in its slot: each rule with hand-written expected sentences
(Japanese and English), then properties over fields of every common shape."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.text.sentence import en, ja, short_organization

# --- Japanese: field endings × slots ------------------------------------------------------


@pytest.mark.parametrize(("text", "shape"), [
    ("導入提案と立ち上げ支援", ja.NOUN),
    ("全国12校での実証導入を進めています。", ja.POLITE),
    ("工場の自動化を提案している", ja.PLAIN),
    ("同業の方と情報交換したい", ja.WISH),
    ("他業種の方と知り合いたくて", ja.WISH_TE),
    ("新しい業界の人とつながりたいので", ja.REASON),
    ("業界の動向を知るため", ja.REASON),
    ("一緒に考えたいからです。", ja.REASON),
])
def test_japanese_shapes(text: str, shape: str) -> None:
    assert ja.ja_shape(text) == shape


@pytest.mark.parametrize(("text", "said"), [
    ("導入提案と立ち上げ支援", "導入提案と立ち上げ支援を担当しています。"),
    ("製造業向けのセールスエンジニア", "製造業向けのセールスエンジニアとして働いています。"),
    ("工場の自動化を提案している", "工場の自動化を提案しています。"),
    ("ものづくり補助金の申請をサポート", "ものづくり補助金の申請をサポートしています。"),
    ("全国12校での実証導入を進めています。", "全国12校での実証導入を進めています。"),
    ("現在は、新規顧客の開拓", "新規顧客の開拓を担当しています。"),  # its own lead taken off
])
def test_japanese_now(text: str, said: str) -> None:
    assert ja.ja_now(text) == said


@pytest.mark.parametrize(("text", "said"), [
    ("異業種の方とつながりたいので", "今日は、異業種の方とつながりたくて参加しました。"),
    ("業界の動向を知るため", "今日は、業界の動向を知るために参加しました。"),
    ("情報収集のため", "今日は、情報収集のために参加しました。"),
    ("現場の先生と一緒に考えたいからです。", "今日は、現場の先生と一緒に考えたくて参加しました。"),
    ("今日は、同業の方と情報交換したい", "今日は、同業の方と情報交換したくて参加しました。"),
    ("他業種の方と知り合いたくて", "今日は、他業種の方と知り合いたくて参加しました。"),
    ("協働ロボットの最新動向", "今日は、協働ロボットの最新動向に関心があって参加しました。"),
])
def test_japanese_why_says_today_once_and_why_i_came(text: str, said: str) -> None:
    assert ja.ja_why(text) == said


@pytest.mark.parametrize(("text", "said"), [
    ("海外工場への展開", "これからは、海外工場への展開に挑戦したいです。"),
    ("将来は、海外工場への展開", "これからは、海外工場への展開に挑戦したいです。"),
    ("海外に工場を建てる", "これからは、海外に工場を建てることに挑戦したいです。"),
    ("評価の仕組みをつくりたいと考えています。", "これからは、評価の仕組みをつくりたいと考えています。"),
])
def test_japanese_next(text: str, said: str) -> None:
    assert ja.ja_next(text) == said


@pytest.mark.parametrize(("text", "said"), [
    ("工場長や経営者の方", "工場長や経営者の方とお話ししたいです。"),
    ("現役の先生とお話ししたいです。", "現役の先生とお話ししたいです。"),
])
def test_japanese_meet(text: str, said: str) -> None:
    assert ja.ja_meet(text) == said


# --- Japanese: keyword and closing ---------------------------------------------------------


@pytest.mark.parametrize(("identity", "keyword", "closing"), [
    ("AIと教育を掛け合わせる仕事をしています", "AIと教育を掛け合わせる仕事をしています。",
     "AIと教育を掛け合わせる仕事をしている山田でした。"),
    ("製造業のDXを支えるエンジニア", "製造業のDXを支えるエンジニアです。",
     "製造業のDXを支えるエンジニア、山田でした。"),
    ("学習データ分析が専門です", "学習データ分析が専門です。", "学習データ分析が専門の山田でした。"),
    ("教育と福祉をつなぐ", "教育と福祉をつなぐことを仕事にしています。", "以上、山田でした。"),
])
def test_japanese_keyword_is_never_quoted_and_closes_with_the_name(
        identity: str, keyword: str, closing: str) -> None:
    assert ja.ja_keyword(identity) == keyword
    assert ja.ja_closing(identity, "山田") == closing
    assert "「" not in keyword + closing


# --- Japanese: offers, brackets, later sentences -------------------------------------------


def test_japanese_offers_join_titles_and_say_sentence_titles_apart() -> None:
    assert ja.ja_offers(["無料の現地診断", "補助金活用のアドバイス"]) == \
        "無料の現地診断や補助金活用のアドバイスができます。"
    assert ja.ja_offers(["無料の現地診断", "補助金活用のアドバイス", "展示会へのご招待"]) == \
        "無料の現地診断、補助金活用のアドバイスや展示会へのご招待でお役に立てます。"
    assert ja.ja_offers(["授業でのAI活用のご相談", "現役の先生をご紹介します"]) == \
        "授業でのAI活用のご相談ができます。また、現役の先生をご紹介することもできます。"


@pytest.mark.parametrize(("text", "said"), [
    ("プロダクトマネージャー（AI学習サービス）", "AI学習サービスのプロダクトマネージャー"),
    ("営業（FA機器）を担当", "FA機器の営業を担当"),
    ("医療アプリの画面レビュー (30分・無料)", "30分・無料の医療アプリの画面レビュー"),  # half-width, spaced
    ("括弧のない文", "括弧のない文"),
])
def test_brackets_move_before_their_noun(text: str, said: str) -> None:
    assert ja.ja_brackets(text) == said


@pytest.mark.parametrize(("text", "said"), [
    ("大学で機械工学を専攻。", "大学で機械工学を専攻しました。"),
    ("2019年に営業技術部へ。", "2019年に営業技術部へ移りました。"),
    ("発注から稼働まで最短6週間。", "発注から稼働まで最短6週間です。"),
    ("年間40社ほどの自動化を支援している。", "年間40社ほどの自動化を支援しています。"),
    # Any verb whose ます form its ending makes certain; not "let's" (〜よう), not a bare る.
    ("工場を1時間歩いて、自動化できる工程を3つ挙げる。", "工場を1時間歩いて、自動化できる工程を3つ挙げます。"),
    ("毎週ブログを書く。", "毎週ブログを書きます。"),
    ("学校と企業をつなぐ。", "学校と企業をつなぎます。"),
    ("地域の子どもと向き合う。", "地域の子どもと向き合います。"),
    ("一緒にやろう。", ""),
    ("週末は家に帰る。", ""),
    ("詳しくは後ほど…", ""),
])
def test_japanese_resume_shorthand_said_in_desu_masu(text: str, said: str) -> None:
    assert ja.ja_rest(text) == said


@pytest.mark.parametrize(("text", "said"), [
    ("Eight years in equipment maintenance, then moved to sales engineering in 2019.",
     "I spent eight years in equipment maintenance, then moved to sales engineering in 2019."),
    ("Eight years as a maintenance engineer, seeing first-hand why lines stop.",
     "I spent eight years as a maintenance engineer, seeing first-hand why lines stop."),
    ("7 years of teaching", "I have 7 years of teaching."),
    ("From order to running line in as little as six weeks.",
     "That's from order to running line in as little as six weeks."),
    ("Supporting 40 makers a year.", "I'm supporting 40 makers a year."),
    ("In 2019, I moved to sales engineering.", "In 2019, I moved to sales engineering."),
    ("Three patents and a book.", "Three patents and a book."),  # no subject to give it
    ("A former nurse, now designing apps that hospital staff can use.",
     "I'm a former nurse, now designing apps that hospital staff can use."),
    ("An engineer by training.", "I'm an engineer by training."),
    # The years are the subject of a verb already: left as written.
    ("Seven years of teaching tell me whether a tool will survive a real lesson.",
     "Seven years of teaching tell me whether a tool will survive a real lesson."),
    ("Eight years in maintenance taught me why lines stop.",
     "Eight years in maintenance taught me why lines stop."),
])
def test_english_resume_shorthand_gets_its_subject(text: str, said: str) -> None:
    assert en.en_rest(text) == said


def test_japanese_book_and_motive() -> None:
    assert ja.ja_book_why("ボトルネックの考え方が提案の土台になっているため") == \
        "この本を選んだのは、ボトルネックの考え方が提案の土台になっているためです。"
    assert ja.ja_book_why("チームで学ぶとはどういうことかを知りたかったからです。") == \
        "この本を選んだのは、チームで学ぶとはどういうことかを知りたかったからです。"
    assert ja.ja_motive("子どもの頃から海が好き") == "子どもの頃から海が好きです。"
    assert ja.ja_motive("川への恩返し") == "参加しているのは、川への恩返しのためです。"


def test_japanese_book_takeaway() -> None:
    assert ja.ja_takeaway("チームで学ぶという考え方") == "この本から得たのは、チームで学ぶという考え方です。"
    assert ja.ja_takeaway("大事な会議の前に読み返している") == "大事な会議の前に読み返しています。"
    assert ja.ja_takeaway("いちばん残っているのはシステム思考です。") == \
        "いちばん残っているのはシステム思考です。"
    # A reason is why I chose the book: said as that, never ending on ので.
    assert ja.ja_takeaway("仕組みで考えたかったので") == "この本を選んだのは、仕組みで考えたかったからです。"


def test_english_book_takeaway() -> None:
    assert en.en_takeaway("Systems thinking") == "What I took from it is systems thinking."
    assert en.en_takeaway("What stayed with me most is systems thinking") == \
        "What stayed with me most is systems thinking."
    assert en.en_takeaway("Rereading the chapter on mental models before meetings") == \
        "It got me rereading the chapter on mental models before meetings."
    assert en.en_takeaway("I now ask where a problem comes from.") == \
        "I now ask where a problem comes from."


@pytest.mark.parametrize("text", [
    "Looking back, the adults who sat with me were the ones who helped me most.",
    "To start with, I can come twice a month.",
])
def test_english_opening_phrase_then_a_sentence_is_said_as_written(text: str) -> None:
    # Not "I'm looking back, …" nor "My work is to start with, …"
    assert en.en_rest(text) == text and en.en_now(text) == text


def test_legal_suffixes_dropped_in_speech() -> None:
    assert short_organization("株式会社まなびラボ") == "まなびラボ"
    assert short_organization("まなびラボ株式会社") == "まなびラボ"
    assert short_organization("Manabi Lab Inc.") == "Manabi Lab"
    assert short_organization("Towa Seiki Co., Ltd.") == "Towa Seiki"
    assert short_organization("株式会社") == "株式会社"  # nothing else to say


# --- English -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "said"), [
    ("Line automation proposals for small factories",
     "I work on line automation proposals for small factories."),
    ("Sales engineer for factory automation", "I'm a sales engineer for factory automation."),
    ("Helping factories automate their lines", "I'm currently helping factories automate their lines."),
    ("Moved to sales engineering in 2019", "I moved to sales engineering in 2019."),
    ("As product manager of Manabi AI, I am running pilots.",
     "As product manager of Manabi AI, I am running pilots."),
])
def test_english_now(text: str, said: str) -> None:
    assert en.en_now(text) == said


@pytest.mark.parametrize(("text", "said"), [
    ("Why I came: to meet people from other industries",
     "I'm here today to meet people from other industries."),
    ("I want to talk with teachers.", "I'm here today because I want to talk with teachers."),
    ("Learning how other industries automate",
     "I came today because I'm interested in learning how other industries automate."),
])
def test_english_why_has_no_label(text: str, said: str) -> None:
    assert en.en_why(text) == said


@pytest.mark.parametrize(("text", "said"), [
    ("Taking our product overseas", "Next, I'm looking forward to taking our product overseas."),
    ("Overseas plants", "Next, I want to take on overseas plants."),
    ("to open a plant abroad", "Next, I want to open a plant abroad."),
    ("I want to measure learning.", "Next, I want to measure learning."),
])
def test_english_next_never_takes_on_taking(text: str, said: str) -> None:
    assert en.en_next(text) == said


def test_english_offers_one_list() -> None:
    assert en.en_offers(["A free on-site check", "Tips on subsidies", "Trade-show invitations"]) \
        == "I can offer a free on-site check, tips on subsidies and trade-show invitations."
    assert en.en_offers(["Advice on AI in the classroom"]) == \
        "I can offer advice on AI in the classroom."


def test_english_keyword_and_closing() -> None:
    assert en.en_keyword("I combine AI and education") == "I combine AI and education."
    assert en.en_closing("I combine AI and education", "Hanako") == \
        "I'm Hanako, and I combine AI and education."
    assert en.en_keyword("Sales engineer for factories") == "I'm a sales engineer for factories."
    assert en.en_closing("Sales engineer for factories", "Ken") == \
        "I'm Ken, a sales engineer for factories."
    assert en.en_keyword("AI engineer") == "I'm an AI engineer."


def test_english_role_as_said() -> None:
    assert en.en_role("Product Manager, AI Learning") == "product manager"
    assert en.en_role("CTO") == "CTO"


# --- properties over fields of every common shape -------------------------------------------

_NOUN_JA = st.sampled_from(["導入提案と立ち上げ支援", "海外工場への展開", "製造業のDX", "人材育成",
                            "子どもの学び", "セールスエンジニア"])
_JA_FIELD = st.one_of(
    _NOUN_JA,
    _NOUN_JA.map(lambda n: n + "を進めています。"),
    _NOUN_JA.map(lambda n: n + "に取り組んでいる"),
    _NOUN_JA.map(lambda n: n + "に関わりたい"),
    _NOUN_JA.map(lambda n: n + "に関わりたいので"),
    _NOUN_JA.map(lambda n: n + "を学ぶため"),
    _NOUN_JA.map(lambda n: n + "を知りたくて"),
    _NOUN_JA.map(lambda n: "今日は、" + n + "について話したい"),
    _NOUN_JA.map(lambda n: "これからは、" + n),
)
_ENDS_BADLY = re.compile(r"(?:ので|ため|から|たくて|[をにがはでとへ])。$")
_JA_SAYERS = (ja.ja_now, ja.ja_why, ja.ja_next, ja.ja_meet, ja.ja_keyword, ja.ja_book_why,
              ja.ja_motive, ja.ja_takeaway, lambda t: ja.ja_closing(t, "山田"),
              lambda t: ja.ja_offers([t]))


@settings(max_examples=200)
@given(_JA_FIELD, st.sampled_from(_JA_SAYERS))
def test_japanese_spoken_sentences_end_well(text: str, said_by) -> None:  # type: ignore[no-untyped-def]
    said = said_by(text)
    assert said.endswith("。")
    assert not _ENDS_BADLY.search(said), said
    assert "「「" not in said and "」です" not in said
    for lead in ("今日は、今日は", "今日は、今日", "これからは、これから", "これからは、将来",
                 "これからは、今後"):
        assert lead not in said


_NOUN_EN = st.sampled_from(["line automation proposals", "sales engineering",
                            "teachers and researchers", "factory floors"])
_EN_FIELD = st.one_of(
    _NOUN_EN.map(lambda n: n.capitalize()),
    _NOUN_EN.map(lambda n: "Supporting " + n),
    _NOUN_EN.map(lambda n: "I work on " + n + "."),
    _NOUN_EN.map(lambda n: "to learn about " + n),
    _NOUN_EN.map(lambda n: "Why I came: " + n),
    _NOUN_EN.map(lambda n: "Moved to " + n),
)
_EN_SAYERS = (en.en_now, en.en_why, en.en_next, en.en_meet, en.en_keyword, en.en_book_why,
              en.en_motive, en.en_takeaway, lambda t: en.en_closing(t, "Ken"),
              lambda t: en.en_offers([t]))


@settings(max_examples=200)
@given(_EN_FIELD, st.sampled_from(_EN_SAYERS))
def test_english_spoken_sentences_have_no_label_or_double_verb(text: str, said_by) -> None:  # type: ignore[no-untyped-def]
    said = said_by(text)
    assert said.endswith(".") and said[0].isupper()
    assert not re.search(r"(?:^|\. )[A-Z][A-Za-z ]{0,30}: ", said), said  # no "Label: …"
    assert "take on taking" not in said and "take on supporting" not in said
    assert not re.search(r"\b(\w+) \1\b", said), said  # no word said twice in a row
