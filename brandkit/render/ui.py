"""Words the site itself says (section titles, buttons), in each language."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "offers": {"ja": "お手伝いできること", "en": "How I can help you"},
    "strengths": {"ja": "強み", "en": "Strengths"},
    "evidence": {"ja": "実績を見る", "en": "See the evidence"},
    "now": {"ja": "いま取り組んでいること", "en": "What I do now"},
    "next": {"ja": "これから挑戦したいこと", "en": "What I want to take on next"},
    "looking_for": {"ja": "お会いしたい方", "en": "Who I'd like to meet"},
    "about": {"ja": "自己紹介", "en": "About"},
    "portfolio": {"ja": "ポートフォリオ", "en": "Portfolio"},
    "contact": {"ja": "連絡先", "en": "Contact"},
    "links": {"ja": "リンク", "en": "Links"},
    "save_contact": {"ja": "連絡先を保存 (vCard)", "en": "Save contact (vCard)"},
    "email": {"ja": "メール", "en": "Email"},
    "location": {"ja": "拠点", "en": "Based in"},
    "phone": {"ja": "電話", "en": "Phone"},
    "website": {"ja": "Webサイト", "en": "Website"},
    "language": {"ja": "言語", "en": "Language"},
    "lang_name_ja": {"ja": "日本語", "en": "日本語"},
    "lang_name_en": {"ja": "English", "en": "English"},
    "back_home": {"ja": "トップへ戻る", "en": "Back to the home page"},
    "skip": {"ja": "本文へ移動", "en": "Skip to content"},
    "not_found_title": {"ja": "ページが見つかりません", "en": "Page not found"},
    "not_found_text": {"ja": "お探しのページは移動したか、削除された可能性があります。",
                       "en": "The page you are looking for may have moved or been removed."},
    "related_links": {"ja": "関連リンク", "en": "Related links"},
    "tags": {"ja": "タグ", "en": "Tags"},
    "main_nav": {"ja": "サイト内", "en": "On this site"},
    "profile_of": {"ja": "{name}のプロフィール", "en": "{name} — profile"},
    "photo_of": {"ja": "{name}の写真", "en": "Photo of {name}"},
    "email_at": {"ja": "(at)", "en": "(at)"},
    "read_more": {"ja": "詳しく見る", "en": "Read more"},
    "updated": {"ja": "更新", "en": "Updated"},
}


def ui(key: str, lang: str, **values: str) -> str:
    text = UI[key].get(lang) or UI[key]["en"]
    return text.format(**values) if values else text
