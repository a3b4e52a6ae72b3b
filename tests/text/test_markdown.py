"""Markdown rendering: hand-checked output in English and Japanese, hostile input, properties."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from unittest.mock import patch
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from brandkit.text.markdown import markdown_to_plain, render_markdown

# Everything markdown-it can emit with our preset (CommonMark + tables + strikethrough).
ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "s", "code",
    "pre", "blockquote", "ul", "ol", "li", "hr", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRS = {"href", "src", "alt", "title", "rel", "class", "start", "style"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


class _Tags(HTMLParser):
    """Collects every start tag with its (unescaped) attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_url_harmless(url: str) -> None:
    # Written independently of the module under test: what a browser would do, made stricter.
    seen = re.sub(r"[\t\n\r]", "", unquote(url)).strip("".join(map(chr, range(0x21)))).lower()
    assert not seen.startswith(BAD_SCHEMES), url
    assert not seen.startswith("//") and "\\" not in seen, url


def assert_safe(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered and "<iframe" not in lowered
    for tag, attrs in tags_of(html):
        assert tag in ALLOWED_TAGS, tag
        assert set(attrs) <= ALLOWED_ATTRS, attrs  # so no onerror=, onclick=, …
        for name in ("href", "src"):
            if name in attrs:
                assert_url_harmless(attrs[name] or "")
        if "style" in attrs:
            assert re.fullmatch(r"text-align:(left|center|right)", attrs["style"] or "")


# --- hand-checked examples -------------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("Hello *world*", "<p>Hello <em>world</em></p>\n"),
        ("# Offers\n\n- Code review\n- Talks", "<h1>Offers</h1>\n<ul>\n<li>Code review</li>\n<li>Talks</li>\n</ul>\n"),
        ("5 < 6 & \"quotes\"", "<p>5 &lt; 6 &amp; &quot;quotes&quot;</p>\n"),
        ("~~old~~ new", "<p><s>old</s> new</p>\n"),
        ("本文の**強調**です。", "<p>本文の<strong>強調</strong>です。</p>\n"),
        ("## 提供できること\n\n1. 研修\n2. 講演", "<h2>提供できること</h2>\n<ol>\n<li>研修</li>\n<li>講演</li>\n</ol>\n"),
        ("| 項目 | 値 |\n|---|--:|\n| 年 | 5 |", "<table>\n<thead>\n<tr>\n<th>項目</th>\n<th style=\"text-align:right\">値</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>年</td>\n<td style=\"text-align:right\">5</td>\n</tr>\n</tbody>\n</table>\n"),
    ],
)
def test_render_examples(source: str, html: str) -> None:
    result = render_markdown(source)
    assert isinstance(result, Markup)
    assert result == html


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("[site](https://hanako.dev)", '<p><a href="https://hanako.dev" rel="noopener">site</a></p>\n'),
        ("[ブログ](http://example.jp/記事)", '<p><a href="http://example.jp/%E8%A8%98%E4%BA%8B" rel="noopener">ブログ</a></p>\n'),
        ("[about](/about/)", '<p><a href="/about/">about</a></p>\n'),
        ("[next](works/a.html#top)", '<p><a href="works/a.html#top">next</a></p>\n'),
        ("[mail](mailto:hanako@example.jp)", '<p><a href="mailto:hanako@example.jp">mail</a></p>\n'),
        ("[電話](tel:+81-3-1234-5678)", '<p><a href="tel:+81-3-1234-5678">電話</a></p>\n'),
        ("<https://hanako.dev>", '<p><a href="https://hanako.dev" rel="noopener">https://hanako.dev</a></p>\n'),
        ("![顔写真](img/me.jpg)", '<p><img src="img/me.jpg" alt="顔写真" /></p>\n'),
        ("[x][r]\n\n[r]: HTTPS://a.example", '<p><a href="HTTPS://a.example" rel="noopener">x</a></p>\n'),
    ],
)
def test_allowed_links(source: str, html: str) -> None:
    assert render_markdown(source) == html


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"),
        ("[x](  javascript:alert(1))", "<p>[x](  javascript:alert(1))</p>\n"),
        ("[x](<  javascript:alert(1)>)", "<p>[x](&lt;  javascript:alert(1)&gt;)</p>\n"),
        ("[x](&#106;avascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](&#x6A;avascript&colon;alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](java&#x09;script:alert(1))", "<p>[x](java\tscript:alert(1))</p>\n"),
        ("[x](vbscript:msgbox(1))", "<p>[x](vbscript:msgbox(1))</p>\n"),
        ("[x](file:///etc/passwd)", "<p>[x](file:///etc/passwd)</p>\n"),
        ("[x](data:text/html,<b>)", "<p>[x](data:text/html,&lt;b&gt;)</p>\n"),
        ("![x](data:image/png;base64,AAA)", "<p>![x](data:image/png;base64,AAA)</p>\n"),
        ("![x](javascript:alert(1))", "<p>![x](javascript:alert(1))</p>\n"),
        ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"),
        ("[x][r]\n\n[r]: javascript:alert(1)", "<p>[x][r]</p>\n<p>[r]: javascript:alert(1)</p>\n"),
        ("[x](//evil.example)", "<p>[x](//evil.example)</p>\n"),
        ("[x](/\\evil.example)", "<p>[x](/\\evil.example)</p>\n"),
        ("[x](%2F%2Fevil.example)", "<p>[x](%2F%2Fevil.example)</p>\n"),
        ("<iframe src=x>", "<p>&lt;iframe src=x&gt;</p>\n"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
        ("<div>\n<script>alert(1)</script>\n</div>", "<p>&lt;div&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;</p>\n"),
        ("```js\"><script>\nx\n```", '<pre><code class="language-js&quot;&gt;&lt;script&gt;">x\n</code></pre>\n'),
    ],
)
def test_hostile_input_is_text(source: str, html: str) -> None:
    result = render_markdown(source)
    assert result == html
    assert_safe(result)


# --- plain text ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("# Hanako\n\nI *build* [tools](https://x.example).\n\n- one\n- two", "Hanako I build tools. one two"),
        ("Use `pip`  and\nenjoy  &amp; relax", "Use pip and enjoy & relax"),
        ("## 自己紹介\n\nAIと**教育**の\n仕事をしています。", "自己紹介 AIと教育の 仕事をしています。"),
        ("![ロゴ](logo.png) 山田", "ロゴ 山田"),
        ("```\ncode  block\n```\nafter", "code block after"),
        ("<b>raw</b>", "<b>raw</b>"),
        ("", ""),
    ],
)
def test_markdown_to_plain(source: str, plain: str) -> None:
    assert markdown_to_plain(source) == plain


def test_import_is_cheap() -> None:
    code = "import sys, brandkit.text.markdown; print('markdown_it' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- properties ------------------------------------------------------------------------

FRAGMENTS = [
    "[x](", "![x](", "](", ")", "(", "[", "]", "<", ">", "javascript:", "JaVaScRiPt:",
    "vbscript:", "data:image/png;base64,AAA", "data:text/html,", "file:", "&#106;", "&#x6A;",
    "&colon;", "&#58;", "%6A", "%3A", "\t", "\n", "\n\n", " ", "  ", "\x00", "\x01", "//",
    "\\", "<script>", "</script>", "<iframe src=x>", "<img src=x onerror=alert(1)>",
    "onerror=", '"', "'", "[r]: ", "[r]", "`", "```", "*", "_", "|", "---", "~~", "#",
    "java", "script", ":", "alert(1)", "&", "https://a.example", "mailto:", "/", "x",
    "教育", "を", "「", "」",
]
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map("".join)

# Link destinations built the way attacks are: junk, a scheme (maybe disguised), a rest.
URL_PARTS = [
    "", " ", "\t", "&#x09;", "&#10;", "%20", "\x01", "<", "/", "//", "\\", "/\\", "%2F",
    "javascript", "JaVaScRiPt", "java\tscript", "jav&#x61;script", "&#106;avascript",
    "data", "DATA", "vbscript", "file", "http", "https", "mailto", "tel", "ftp",
    ":", "&colon;", "&#58;", "%3A", "image/png;base64,AAA", "alert(1)", "evil.example",
    "a.html", "?q=1", "#top", ">",
]
destinations = st.lists(st.sampled_from(URL_PARTS), max_size=6).map("".join)
links = st.builds(
    "{}[x]({}){}".format,
    st.sampled_from(["", "!", "[r]: ", "<"]),
    destinations,
    st.sampled_from(["", " [r]", "\n\n[x][r]\n\n[r]: javascript:x"]),
)


@given(st.one_of(st.text(), hostile, links, destinations.map("<{}>".format)))
def test_output_is_always_safe(source: str) -> None:
    assert_safe(render_markdown(source))


@given(st.one_of(st.text(), hostile))
def test_plain_has_no_runs_of_whitespace(source: str) -> None:
    plain = markdown_to_plain(source)
    assert plain == plain.strip()
    assert not re.search(r"\s\s", plain)


# No Markdown syntax in here: no []()*_`#>!|~&:@\ and no digits or "-" that start lists.
PLAIN_CHARS = "abcXYZ 日本語のテキスト、。<\"'/=;?"


@given(st.text(alphabet=PLAIN_CHARS, max_size=40))
def test_text_without_syntax_is_one_escaped_paragraph(body: str) -> None:
    # Letters at both ends so there is no indentation or trailing-space meaning.
    text = f"a{body}z"
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert render_markdown(text) == f"<p>{escaped}</p>\n"


# --- the fast path for the common shape (_plain_blocks) -----------------------------------

# Lines built from what people write and from what looks like it but is not the same shape.
LINE_STARTS = ["", "- ", "* ", "+ ", "-", "# ", "## ", "###### ", "####### ", "#", "1. ", "2) ",
               "10. ", "2024年", " ", "  ", "    ", "> ", "---", "***", "___", "===", "```", "~~~",
               "-  ", "- - ", "* * ", "- # ", "- 1. ", "\u3000", "\u00a0"]
WORDS_AND_MARKS = ["\u3000", "\u00a0", "\x0c", "\x85", "\u2028", "word", "教育", "を掛け合わせる", " ", "  ", "*", "**", "_", "`", "~~", "\\",
                   "&", "&amp;", "&#35;", "#", " #", "<", ">", '"', "'", "[x]", "(y)", "!", ":",
                   "http://a.example", "1.", "-", "|", "\t", "。", "、"]
md_lines = st.builds("{}{}".format, st.sampled_from(LINE_STARTS),
                     st.lists(st.sampled_from(WORDS_AND_MARKS), max_size=6).map("".join))
md_documents = st.lists(st.one_of(md_lines, st.just("")), max_size=12).map("\n".join)
# The shape the fast path takes: paragraphs, tight lists, headings, inline marks.
WORDS = ["word", "教育", "AI", "2024年", "a&b", '"q"', "**bold**", "`code`", "_em_", "x",
         "に**株式会社まなびラボ**へ", "**a b**", "x**y**z", "**1**.", "(**a**)", "**ー**",
         "`a*b*`", "`& \\`", "`**`", "**a `c` b**", "`a` **b**"]
# Bold and code that CommonMark may or may not read as such: the fast path must give up.
TRICKY = ["**「問」**", "** a**", "**a **", "**", "***a***", "**\u3000a**", "a**.**b", "**a**b**",
          "`", "``", "` a `", "` a`", "``a``", "`a\nb`", "**`a**`", "`**`a**", "\\`a`", "`)``)`",
          "`<x>`", "**a****b**", "**a******b**", "**教育****AI**"]
plain_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
tricky_words = st.lists(st.sampled_from(WORDS + TRICKY), min_size=1, max_size=5).map(" ".join)
paragraphs = st.lists(plain_words, min_size=1, max_size=3).map("\n".join)
blocks = st.one_of(
    paragraphs,
    # A list is followed by a paragraph: two lists in a row would be one loose list.
    st.builds("{}\n{}{}".format, paragraphs, st.sampled_from(["", "\n"]),
              st.lists(plain_words.map("- {}".format), min_size=1, max_size=4).map("\n".join))
    .map(lambda text: text + "\n\nend."),
    st.builds("{} {}".format, st.sampled_from(["#", "##", "###"]), plain_words),
)
shaped_documents = st.lists(blocks, min_size=1, max_size=5).map("\n\n".join)


tricky_documents = st.lists(st.one_of(tricky_words, tricky_words.map("- {}".format), st.just("")),
                            max_size=8).map("\n".join)


@given(st.one_of(md_documents, shaped_documents, tricky_documents, hostile, st.text()))
def test_fast_path_gives_what_markdown_it_gives(source: str) -> None:
    from brandkit.text import markdown, markdown_fast

    if markdown_fast.blocks(source) is not None:
        assert render_markdown(source) == markdown._parser().render(source)
        fast_plain = markdown_to_plain(source)
        with patch.object(markdown_fast, "blocks", lambda source: None):
            assert fast_plain == markdown_to_plain(source)


@given(shaped_documents)
def test_fast_path_takes_the_common_shape(source: str) -> None:
    from brandkit.text.markdown_fast import blocks

    assert blocks(source) is not None


def test_bold_and_code_without_markdown_it() -> None:
    from brandkit.text.markdown_fast import spans as _spans

    assert _spans("に**株式会社まなびラボ**へ移り") == [("", "に"), ("strong", "株式会社まなびラボ"), ("", "へ移り")]
    assert _spans("I joined **Manabi Lab** in 2021") == [("", "I joined "), ("strong", "Manabi Lab"),
                                                        ("", " in 2021")]
    assert _spans("see `a & b`") == [("", "see "), ("code", "a & b"), ("", "")]
    for other in ["**「次の一問」**", "** a**", "*a*", "**a", "`a", "a & b", "**a**_b_", "` a `"]:
        assert _spans(other) is None, other


# Adjacent bold runs: "****" is one delimiter run, and CommonMark's rule of three keeps it
# from closing one bold and opening the next. The fast path read it as two (issue 15's
# differential fuzz: 3,274 of 1,882,732 documents); it now hands such text to markdown-it.
ADJACENT_BOLD = [
    ("**a****b**", "<p><strong>a****b</strong></p>\n", "a****b"),
    ("**x教育1****ですAI**\u3000`1` word",
     "<p><strong>x教育1****ですAI</strong>\u3000<code>1</code> word</p>\n", "x教育1****ですAI 1 word"),
    ("+ **x AI**word\n\n# **教育）ー****Ａ**2024",
     "<ul>\n<li><strong>x AI</strong>word</li>\n</ul>\n<h1><strong>教育）ー****Ａ</strong>2024</h1>\n",
     "x AIword 教育）ー****Ａ2024"),
    ("に**株式会社**\n**まなびラボ****です**",
     "<p>に<strong>株式会社</strong>\n<strong>まなびラボ****です</strong></p>\n", "に株式会社 まなびラボ****です"),
    ("**a******b**", "<p><strong>a</strong>**<strong>b</strong></p>\n", "a**b"),
]


@pytest.mark.parametrize(("source", "html", "plain"), ADJACENT_BOLD)
def test_adjacent_bold_runs_as_markdown_it_reads_them(source: str, html: str, plain: str) -> None:
    from brandkit.text.markdown_fast import spans

    assert render_markdown(source) == html
    assert markdown_to_plain(source) == plain
    assert spans(source.split("\n")[-1].removeprefix("# ")) is None


def test_bold_next_to_code_stays_on_the_fast_path() -> None:
    # A "**" run that only touches a code span is still two long: no reason to give up.
    from brandkit.text.markdown_fast import spans

    source = "**a**`**`**b**"
    assert spans(source) == [("", ""), ("strong", "a"), ("", ""), ("code", "**"), ("", ""),
                             ("strong", "b"), ("", "")]
    assert render_markdown(source) == "<p><strong>a</strong><code>**</code><strong>b</strong></p>\n"


def test_example_site_builds_without_markdown_it(tmp_path) -> None:
    # Its profile and portfolio are the common shape: the build never imports the parser.
    import shutil
    from pathlib import Path

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).resolve().parents[2] / "example-site", site,
                    ignore=shutil.ignore_patterns("_site", "_card"))
    code = ("import sys; from pathlib import Path; from brandkit.build import build; "
            f"build(Path({str(site)!r}), pdf=False); print('markdown_it' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_example_portfolio_takes_the_fast_path() -> None:
    from pathlib import Path

    from brandkit.profile import load_site
    from brandkit.text.markdown_fast import blocks

    site = load_site(Path(__file__).resolve().parents[2] / "example-site")
    bodies = [item.body.text(lang) for item in site.portfolio for lang in site.profile.lang if item.body]
    taken = [body for body in bodies if blocks(body) is not None]
    assert bodies and len(taken) >= len(bodies) // 2, [b for b in bodies if b not in taken]
