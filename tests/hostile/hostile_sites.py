"""Hostile and odd profiles: the payloads, and site folders with a payload in every field.

Used by tests/hostile (build-time checks) and tests/browser/test_hostile_browser.py (what a
browser does with the result). A site folder here is a real one — profile.yaml, two
portfolio items with a translation, images — so every page kind gets the payload.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPO_ROOT / "example-site"

# name → text. Each goes into every free-text field of a profile at once.
PAYLOADS: dict[str, str] = {
    "script-tag": "<script>alert(1)</script>",
    "attribute-break": '"><img src=x onerror=alert(1)>',
    "single-quote-break": "'><svg onload=alert(1)>",
    "javascript-url": "javascript:alert(1)",
    "template-expression": "{{ 7*7 }}",
    "template-raw": "{% raw %}",
    "template-escape": "{{ cycler.__init__.__globals__.os.popen('id').read() }}{# x",
    "style-break": '</style><script>alert(1)</script>\\"}body{display:none}',
    "json-ld-break": "</script><script>alert(1)</script><!--",
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x3C;b&#x3E;",
    "rtl-override": "\u202eevil.exe\u202c \u2067isolate\u2069 \u200fRLM",
    "zero-width": "a\u200bb\u200cc\u200dd\u2060e \U0001f469\u200d\U0001f4bb",
    "emoji-skin-tones": "\U0001f44b\U0001f3fd \U0001f469\U0001f3ff\u200d\U0001f680 "
                        "\U0001f9d1\U0001f3fb\u200d\U0001f91d\u200d\U0001f9d1\U0001f3fe",
    "long-10000": "W" * 10_000,
    "long-3000-japanese": "長" * 3_000,
    "windows-line-endings": "line one\r\nline two\r\n\r\nline four",
    "byte-order-mark": "\ufeffstarts with a BOM\ufeff",
    "markdown-html": '<iframe src="https://evil.example/"></iframe>[x](javascript:alert(1))',
}
# Longer than most fields may be (brandkit/profile/sizes.py): each field refuses them, located.
OVER_LIMITS = ("long-10000", "long-3000-japanese")
# The payloads free text may hold: a site with one in every text field builds.
WITHIN_LIMITS = {name: text for name, text in PAYLOADS.items() if name not in OVER_LIMITS}
# 10,000 kanji in every field make a profile over brandkit's 1 MiB limit: refused whole.
TOO_LARGE = {"long-10000-japanese": "長" * 10_000}
# Shown on the home page as typed, so a test can find them in the page text.
VISIBLE = ("script-tag", "attribute-break", "template-expression", "template-raw",
           "json-ld-break", "entities")

# URL-ish fields and script URLs they must refuse, with the dotted path of each field.
SCRIPT_URLS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
               "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
               "\u202ejavascript:alert(1)", "javascript\n:alert(1)"]


def profile_data(text: str, *, validated: bool = False) -> dict[str, Any]:
    """A complete profile with ``text`` in every free-text field.

    ``validated``: also put it in the fields brandkit checks (email, phone, colour, URLs,
    dates, choices…), which must then be refused with located problems.
    """
    v = text if validated else None
    data: dict[str, Any] = {
        "lang": [v] if v else ["ja", "en"],
        "name": {"family": text, "given": text, "reading": f"{text} {text}", "latin": text},
        "identity": {"ja": text, "en": text},
        "role": text,
        "organization": {"ja": text, "en": text},
        "photo": {"src": v or "assets/photo.jpg", "alt": text},
        "about": f"{text}\n\n{text}",
        "now": text, "next": text, "looking_for": text,
        "strengths": [{"title": text, "detail": text, "evidence": v or "ai-tutor"},
                      {"title": text, "evidence": v or "https://example.com/evidence"}],
        "offers": [{"title": text, "detail": text}, text],
        "contacts": {
            "email": {"value": v or "hanako@example.com", "label": text},
            "phone": {"value": v or "+81 90-1234-5678", "label": text,
                      "show": [v] if v else ["card", "vcard"]},
            "location": {"value": text, "label": text},
        },
        "links": {"github": v or "hanako-yamada", "x": v or "@hanako_manabi",
                  "website": {"url": v or "https://example.com/", "label": text},
                  text: v or "https://example.com/other"},
        "brand": {"color": v or "#0b6e6e", "theme": v or "default",
                  **({"font": v} if v else {})},  # font: letters, digits, spaces, hyphens
        "site": {"url": v or "https://example.com/", **({"domain": v, "output": v} if v else {})},
        # A fixed slug keeps the output's file names the same whatever the payload, so
        # a build can be compared file by file with a harmless one.
        "scripts": {"keyword": text, "10s": text, "15s": text, "30s": text, "60s": text,
                    "3min": text, "chat": text},
        "events": [{"name": text, "date": v or date(2026, 12, 5), "type": v or "meetup",
                    "url": v or "https://example.com/event", "why": text,
                    "questions": [text, text], "place": text, "slug": v or "study-night",
                    "book": text, "promise": text, "scripts": {"30s": text, "chat": text}},
                   {"name": {"ja": text, "en": text}, "date": date(2026, 12, 17), "type": "mixer",
                    "slug": v or "winter-mixer", "why": text}],
    }
    return data


def item_data(text: str, *, validated: bool = False) -> dict[str, Any]:
    v = text if validated else None
    return {"title": text, "date": v or date(2025, 9, 1), "summary": text, "tags": [text, "EdTech"],
            "image": {"src": v or "portfolio/images/ai-tutor.svg", "alt": text},
            "links": [{"url": v or "https://example.com/item", "label": text}]}


def item_body(text: str) -> str:
    return f"{text}\n\n- {text}\n- *{text}*\n\n> {text}\n\n`{text}`\n"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 30)


def write_site(folder: Path, text: str, *, validated: bool = False, crlf: bool = False,
               bom: bool = False) -> Path:
    """A site folder with ``text`` everywhere; ``crlf``/``bom`` shape the files themselves."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLE / "assets", folder / "assets", dirs_exist_ok=True)
    (folder / "portfolio").mkdir(exist_ok=True)
    shutil.copytree(EXAMPLE / "portfolio" / "images", folder / "portfolio" / "images",
                    dirs_exist_ok=True)

    def write(path: Path, content: str) -> None:
        if crlf:
            content = content.replace("\n", "\r\n")
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + content.encode("utf-8"))

    write(folder / "profile.yaml", dump(profile_data(text, validated=validated)))
    write(folder / "portfolio" / "ai-tutor.md",
          f"---\n{dump(item_data(text, validated=validated))}---\n{item_body(text)}")
    write(folder / "portfolio" / "ai-tutor.en.md",
          f"---\n{dump({'title': text, 'summary': text})}---\n{item_body(text)}")
    write(folder / "portfolio" / "plain.md",
          f"---\n{dump({'title': text})}---\n{text}\n")
    return folder


# Markdown that must come out inert: raw HTML shown as text, unsafe links not links.
HOSTILE_MARKDOWN = """\
Raw HTML: <script>alert(1)</script> <img src=x onerror=alert(1)> <b onclick="alert(1)">b</b>

<iframe src="https://evil.example/frame"></iframe>

<svg><script>alert(1)</script></svg> <details open ontoggle=alert(1)>x</details>

<a href="javascript:alert(1)">raw link</a> <style>body{display:none}</style>

[plain javascript](javascript:alert(1)) [mixed case](JaVaScRiPt:alert(1))
[angle brackets](<javascript:alert(1)>) [encoded](%6Aavascript:alert(1))
[entity](&#106;avascript:alert(1)) [colon entity](javascript&colon;alert(1))
[vbscript](vbscript:msgbox(1)) [data html](data:text/html,<script>alert(1)</script>)
[data base64](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[reference][bad] <javascript:alert(1)> [protocol relative](//evil.example/x)
[backslash](/\\evil.example/x)

![data image](data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>)
![javascript image](javascript:alert(1))

[fine link](https://example.com/ok) [mail](mailto:hanako@example.com) [relative](../ok/)

[bad]: javascript:alert(1)
"""


# --- what in a built page can act: compared between a hostile and a harmless build -----

# Elements that load, run or restyle something, and URL attributes.
ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "img",
               "picture", "source", "video", "audio", "svg", "math", "style", "link", "meta",
               "base", "form", "input", "button", "textarea", "select", "a", "area", "template",
               "portal", "details", "dialog", "noscript"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data",
                  "xlink:href", "background", "ping", "cite"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def browser_scheme(url: str) -> str | None:
    """The scheme a browser sees in an attribute value (already entity-decoded): it drops
    leading C0 controls and spaces and every tab and newline first."""
    import re

    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(chr(c) for c in range(0x21)))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def active_content(html: str) -> dict[str, Any]:
    """Counts of active elements, event-handler attributes and style attributes, and the
    URLs whose scheme is not a safe one (data: included), by element and scheme only — a
    harmless build of the same profile must give exactly the same."""
    from collections import Counter
    from html.parser import HTMLParser

    found: Counter[str] = Counter()
    unsafe: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ACTIVE_TAGS:
                found[f"<{tag}>"] += 1
            for name, value in attrs:
                if name.startswith("on"):
                    found[f"{tag}[{name}]"] += 1
                elif name == "style":
                    found[f"{tag}[style]"] += 1
                elif name in URL_ATTRIBUTES and value is not None:
                    for url in (value.split(",") if name == "srcset" else [value]):
                        scheme = browser_scheme(url.strip())
                        if scheme is not None and scheme not in SAFE_SCHEMES:
                            unsafe.append(f"<{tag} {name}={scheme}:…>")

        handle_startendtag = handle_starttag

    Parser(convert_charrefs=True).feed(html)
    return {"counts": dict(sorted(found.items())), "unsafe_urls": unsafe}


def page_text(html: str) -> str:
    """The text a reader sees (script and style contents left out), entities decoded."""
    from html.parser import HTMLParser

    parts: list[str] = []

    class Parser(HTMLParser):
        skip = 0

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag in ("script", "style", "template"):
                self.skip += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style", "template") and self.skip:
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip:
                parts.append(data)

    Parser(convert_charrefs=True).feed(html)
    return "".join(parts)
