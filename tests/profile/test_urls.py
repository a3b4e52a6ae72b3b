"""``check_url``: the one checker every address goes through (profile fields, portfolio
links, ``--base-url``). A web address written without its scheme (`peatix.com/event/1`)
would be a broken relative link: it is refused, with the fix as the hint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandkit.profile.fields import Invalid, check_url, web_address

label = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
tld = st.sampled_from(["com", "dev", "jp", "io", "org", "net", "co", "tokyo"])
host = st.builds(lambda labels, end: ".".join([*labels, end]),
                 st.lists(label, min_size=1, max_size=3), tld)
tail = st.from_regex(r"(?:/[A-Za-z0-9_\-]{0,10}){0,3}(?:\?[a-z]=[0-9]{1,3})?", fullmatch=True)
segment = st.from_regex(r"[A-Za-z0-9_\-]{1,10}", fullmatch=True)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", "en")


@settings(max_examples=200)
@given(host=host, tail=tail, absolute=st.booleans())
def test_an_address_without_scheme_is_refused_with_the_fix(host: str, tail: str,
                                                           absolute: bool) -> None:
    written = host + tail
    with pytest.raises(Invalid) as caught:
        check_url(written, absolute=absolute)
    assert caught.value.hint == f"did you mean `https://{written}`?"
    check_url(f"https://{written}", absolute=absolute)  # the fix is accepted


@settings(max_examples=200)
@given(parts=st.lists(segment, min_size=1, max_size=4),
       ext=st.sampled_from(["", ".pdf", ".html", ".png", "/"]))
def test_a_path_of_the_site_stays_a_relative_link(parts: list[str], ext: str) -> None:
    path = "/".join(parts) + ext
    assert web_address(path) == ""
    assert check_url(path) == path


@pytest.mark.parametrize(("written", "guess"), [
    ("peatix.com/event/4567890", "https://peatix.com/event/4567890"),
    ("github.com/kenta/x", "https://github.com/kenta/x"),
    ("www.example.com", "https://www.example.com"),
    ("hanako.github.io", "https://hanako.github.io"),
    ("//connpass.com/event/1/", "https://connpass.com/event/1/"),
    ("localhost:8000/x", ""),  # no dot: could be a folder of the site
    ("slides.pdf", ""),
    ("assets/cv.pdf", ""),
    ("first-project", ""),
])
def test_web_address(written: str, guess: str) -> None:
    assert web_address(written) == guess


@pytest.mark.parametrize(("lang", "message", "hint"), [
    ("en", ("a web address needs https:// in front: without it, it is read as a path on your "
            "own site (a broken link)"), "did you mean `https://peatix.com/event/4567890`?"),
    ("ja", ("Web アドレスの先頭には https:// が必要です (ないとサイト内のパスとして扱われ、"
            "リンク切れになります)"), "`https://peatix.com/event/4567890` のことですか?"),
])
def test_the_message_in_both_languages(monkeypatch: pytest.MonkeyPatch, lang: str,
                                       message: str, hint: str) -> None:
    monkeypatch.setenv("BRANDKIT_LANG", lang)
    with pytest.raises(Invalid) as caught:
        check_url("peatix.com/event/4567890")
    assert (caught.value.message, caught.value.hint) == (message, hint)
