"""What each kind of event asks of a self-introduction, and good default questions.

From the networking articles behind brandkit: pick events by purpose, prepare questions,
listen more than you talk, and give first.
"""

from __future__ import annotations

from brandkit.profile.model import Event

# type → language → label
LABELS: dict[str, dict[str, str]] = {
    "meetup": {"ja": "同業種交流会・勉強会", "en": "Same-profession meetup / study group"},
    "mixer": {"ja": "異業種交流会", "en": "Cross-industry mixer"},
    "reading_club": {"ja": "読書会", "en": "Reading club"},
    "seminar": {"ja": "セミナー", "en": "Seminar"},
    "online": {"ja": "オンラインイベント", "en": "Online event"},
    "community": {"ja": "趣味・ボランティアのコミュニティ", "en": "Hobby / volunteer community"},
}

TIPS: dict[str, dict[str, list[str]]] = {
    "meetup": {
        "ja": ["同じ分野の人が集まる場なので、専門的な話で深く踏み込んで大丈夫です。",
               "自分から共有できること・話せることを伝えると、声をかけてもらいやすくなります。",
               "相手の話を聞く時間を多めに取り、準備した質問で深掘りしましょう。"],
        "en": ["Everyone shares your field: go into depth, jargon is fine here.",
               "Say what you can share or talk about, so people know why to find you.",
               "Listen more than you talk; use your prepared questions to go deeper."],
    },
    "mixer": {
        "ja": ["専門用語を避け、何をしている人かを一文で伝えましょう。",
               "どんな人に会いたいかをはっきり言うと、紹介につながります。",
               "名刺の数より、あとで連絡を取りたい人と深く話すことを優先しましょう。"],
        "en": ["No jargon: say what you do in one plain sentence.",
               "Say who you would like to meet; people will introduce you.",
               "Quality over quantity: a few real conversations beat a stack of cards."],
    },
    "reading_club": {
        "ja": ["持ってきた本と、それを選んだ理由を話しましょう。",
               "仕事の売り込みはせず、本から受け取ったことを素直に共有します。",
               "他の人の感想に質問すると、会話が続きます。"],
        "en": ["Talk about the book you brought and why you chose it.",
               "No selling: share what the book gave you.",
               "Ask about other people's takes; that keeps the conversation going."],
    },
    "seminar": {
        "ja": ["質疑応答では「所属＋名前＋質問」を10秒で伝えます。",
               "講演のあとに登壇者へ話しかけるときも、同じ10秒の型が使えます。",
               "講演で印象に残った一言をメモしておくと、お礼メールに書けます。"],
        "en": ["In Q&A, say your affiliation, your name and your question in 10 seconds.",
               "The same 10-second line works when you approach the speaker afterwards.",
               "Note one thing the speaker said; it makes the follow-up mail concrete."],
    },
    "online": {
        "ja": ["チャット欄に貼れる短い自己紹介（140字以内）を用意しておきましょう。",
               "話す自己紹介は30秒で。画面越しでは短く、はっきりと。",
               "チャットにプロフィールのURLを添えると、あとでつながりやすくなります。"],
        "en": ["Have a short intro ready to paste into the chat (280 characters at most).",
               "Keep the spoken intro to 30 seconds: on a screen, short and clear wins.",
               "Add your profile address in the chat so people can find you later."],
    },
    "community": {
        "ja": ["参加した個人的な理由を話しましょう。仕事の売り込みはしません。",
               "肩書きより、好きなことや続けていることを伝えると打ち解けやすくなります。",
               "まずは自分にできる小さな貢献から始めましょう。"],
        "en": ["Share your personal reason for being here; no selling.",
               "What you love doing says more than your job title here.",
               "Start with a small way you can contribute."],
    },
}

DEFAULT_QUESTIONS: dict[str, dict[str, list[str]]] = {
    "meetup": {
        "ja": ["最近のお仕事で、いちばん手応えを感じた取り組みは何ですか？",
               "この分野で、いま気になっている課題は何ですか？",
               "今日の発表の中で、現場ですぐに試せそうなのはどれでしたか？"],
        "en": ["What has worked best in your recent projects?",
               "Which problem in our field are you most curious about right now?",
               "Which idea from today could you try at work next week?"],
    },
    "mixer": {
        "ja": ["どんなお仕事をされているか、一言で教えていただけますか？",
               "お仕事の中で、いま一番力を入れていることは何ですか？",
               "どんな方とつながりたいと思って参加されましたか？"],
        "en": ["How would you describe your work in one sentence?",
               "What are you putting most of your energy into at the moment?",
               "Who are you hoping to meet tonight?"],
    },
    "reading_club": {
        "ja": ["その本を選んだきっかけは何ですか？",
               "読んでいて、いちばん考えが変わったところはどこですか？",
               "次に読みたい本があれば教えてください。"],
        "en": ["What made you pick that book?",
               "Where did it change your mind the most?",
               "What would you like to read next?"],
    },
    "seminar": {
        "ja": ["今日のお話を現場で試すとしたら、最初の一歩は何がよいでしょうか？",
               "うまくいかなかった事例から学んだことはありますか？",
               "この分野を学ぶために、おすすめの資料はありますか？"],
        "en": ["If we tried this at work, what would be a good first step?",
               "What did you learn from a case that did not go well?",
               "What would you recommend reading to learn more?"],
    },
    "online": {
        "ja": ["普段はどんなお仕事をされていますか？",
               "このイベントはどこで知りましたか？",
               "イベントのあとも、どこでつながれますか？"],
        "en": ["What do you work on day to day?",
               "How did you hear about this event?",
               "Where can I stay in touch with you after today?"],
    },
    "community": {
        "ja": ["この活動を始めたきっかけは何ですか？",
               "活動の中で、いちばん楽しいのはどんなときですか？",
               "初めての人がまず手伝えることはありますか？"],
        "en": ["How did you get started with this?",
               "What do you enjoy most about it?",
               "What is a good first way for a newcomer to help?"],
    },
}

MIN_QUESTIONS = 3


def questions(event: Event, lang: str) -> list[tuple[str, bool]]:
    """At least three questions: the event's own (in this language), then defaults for its
    type. Each is (question, whether it is a default)."""
    own = []
    for question in event.questions:
        if lang in question:
            own.append(question[lang])
        elif "*" in question:
            own.append(question["*"])
    found = [(q.strip(), False) for q in own if q.strip()]
    for default in DEFAULT_QUESTIONS[event.type][lang]:
        if len(found) >= MIN_QUESTIONS:
            break
        found.append((default, True))
    return found
