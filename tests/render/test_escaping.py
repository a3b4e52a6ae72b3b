"""Property: whatever text a profile holds, none of it becomes markup in the site."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandkit.errors import ProfileError
from brandkit.profile import load_site
from brandkit.render import render_files as render_site
from brandkit.render.page import Options

# Fragments an attacker (or a careless paste) might put in a profile.
PAYLOADS = ['<x-evil>', '"><x-evil onx="1">', "'><x-evil onx='1'>", "<script>alert(1)</script>",
            "</title><x-evil>", "{{ 7*7 }}", "{% raw %}", "&lt;x-evil&gt;", "]]>", "</script>",
            "\u202e", "\u200d", "👩🏽‍💻", "<!--", "`", "\\", "<img src=x onerror=alert(1)>"]
text = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(min_size=1, max_size=8)),
                min_size=1, max_size=5).map("".join).filter(lambda s: s.strip() != "")


REHEARSE_JS = (Path(__file__).resolve().parents[2] / "themes/default/assets/rehearse.js").read_text(
    encoding="utf-8")
# "Show my QR"'s private twin (_card/qr.html) inlines its script, unchanged.
QR_JS = (Path(__file__).resolve().parents[2] / "themes/default/assets/qr.js").read_text(
    encoding="utf-8")


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self._inline = False
        self._inline_text = ""
        self.script = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("x-evil", "img") and not any(k == "class" for k, _ in attrs):
            self.bad.append(tag)
        a = dict(attrs)
        if tag == "script" and a.get("type") not in ("application/ld+json", "application/json") \
                and not a.get("src", "").endswith(("assets/site.js", "assets/kit.js",
                                                   "assets/qr.js")) \
                and "src" in a:
            self.bad.append("script")
        # An inline script is allowed only when it is the rehearsal or QR page's own, unchanged.
        self._inline = tag == "script" and "src" not in a and a.get("type") not in (
            "application/ld+json", "application/json")
        self._inline_text = ""
        self.bad += [name for name, _ in attrs if name in ("onx", "onerror")]
        # JSON-LD, and the rehearsal page's script data: each must stay valid JSON.
        self._in_script = tag == "script" and a.get("type") in ("application/ld+json",
                                                                "application/json")
        if self._in_script:
            self.script += "\x00"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline and self._inline_text not in (REHEARSE_JS, QR_JS):
            self.bad.append("script")
        self._in_script = self._inline = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script += data
        if self._inline:
            self._inline_text += data


def _site(tmp: Path, values: dict) -> Path:
    site = tmp / "site"
    site.mkdir(parents=True, exist_ok=True)
    profile = {
        "lang": ["ja", "en"],
        "name": {"family": values["a"], "given": values["b"], "reading": "やまだ はなこ",
                 "latin": values["c"]},
        "identity": {"ja": values["a"], "en": values["b"]},
        "role": values["c"], "organization": values["a"], "about": values["b"],
        "now": values["c"], "next": values["a"], "looking_for": values["b"],
        "strengths": [{"title": values["a"], "detail": values["c"]}],
        "offers": [{"title": values["b"], "detail": values["a"]}],
        "contacts": {"location": values["c"]},
        "links": {"custom": {"url": "https://example.com/?q=" + "x", "label": values["a"]}},
        "site": {"url": "https://example.com/"},
    }
    (site / "profile.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    (site / "portfolio").mkdir(exist_ok=True)
    front = yaml.safe_dump({"title": values["c"], "summary": values["a"], "tags": [values["b"]]},
                           allow_unicode=True)
    (site / "portfolio" / "item.md").write_text(f"---\n{front}---\n{values['a']}\n\n{values['b']}\n",
                                                encoding="utf-8")
    return site


@settings(max_examples=60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(a=text, b=text, c=text)
def test_profile_text_never_becomes_markup(tmp_path_factory, a: str, b: str, c: str) -> None:
    site = _site(tmp_path_factory.mktemp("esc"), {"a": a, "b": b, "c": c})
    try:
        loaded = load_site(site)
    except ProfileError:
        return  # rejected with located errors: nothing rendered, nothing to escape
    files = render_site(loaded, Options())
    for path, data in files.items():
        if not path.endswith(".html"):
            continue
        page = data.decode("utf-8")
        parser = _Markup()
        parser.feed(page)
        assert parser.bad == [], (path, parser.bad)
        for block in parser.script.split("\x00"):
            if block.strip():
                json.loads(block)  # JSON stays valid JSON whatever the text
        assert "</script><" not in page.split("application/ld+json", 1)[-1].split("</script>", 1)[0]


def test_template_syntax_in_profile_is_text(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a": "{{ 7*7 }}", "b": "{% raw %}x", "c": "<x-evil>"})
    files = render_site(load_site(site), Options())
    home = files["index.html"].decode("utf-8")
    assert "{{ 7*7 }}" in home and ">49<" not in home
    assert "&lt;x-evil&gt;" in home and "<x-evil>" not in home
