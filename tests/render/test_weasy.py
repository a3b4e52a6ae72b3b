"""brandkit/render/weasy.py: what a build's PDFs and pictures share in one process (font
subsets, parsed stylesheets, the libraries WeasyPrint loads), and that sharing it
changes no byte of what WeasyPrint writes."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from brandkit.errors import BrandkitError
from tests.render.test_card_pdf import _need


def test_a_shared_font_subset_writes_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts are subset once per glyph set for the whole build (weasy._share_subsets); a
    PDF whose subsets come from that store is byte for byte the one WeasyPrint writes
    subsetting them itself."""
    _need("weasyprint")
    from brandkit.render import weasy

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    html = ('<html lang="ja"><style>@page{size:91mm 55mm}</style>'
            '<p style="font-family:\'Noto Sans CJK JP\'">山田 花子 <b>名刺</b></p></html>').encode()
    monkeypatch.setattr(weasy, "SUBSETS", {})
    weasy.module()
    from weasyprint.pdf.fonts import Font

    calls: list[object] = []
    harfbuzz = Font._harfbuzz_subset
    monkeypatch.setattr(Font, "_harfbuzz_subset", lambda *a: calls.append(a) or harfbuzz(*a))
    first = weasy.write_pdf(html, "card/t.html", {})
    assert calls and weasy.SUBSETS  # subset by HarfBuzz, and stored for the next PDF
    calls.clear()
    assert weasy.write_pdf(html, "card/t.html", {}) == first
    assert not calls


def test_a_style_parsed_once_lays_out_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``<style>`` is parsed once a build (weasy._share_styles), whatever page inlines it;
    pages laid out with the stored sheet are those WeasyPrint lays out parsing it."""
    _need("weasyprint")
    from brandkit.render import weasy

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    style = ("@page{size:91mm 55mm;margin:0}@page :first{background:#eef}"
             "p{color:#0f6e6e;font:bold 12pt 'Noto Sans CJK JP'}.x{margin-top:3mm}")
    html = f'<html lang="ja"><style>{style}</style><p class="x">山田 花子</p></html>'.encode()
    monkeypatch.setattr(weasy, "STYLES", {})
    first = weasy.write_pdf(html, "card/a.html", {})
    assert [key[0] for key in weasy.STYLES] == [style]
    stored = weasy.STYLES.copy()
    # Laid out again with the stored sheet: the same bytes; another page (another
    # address) with the same sheet takes it from the store too.
    assert weasy.write_pdf(html, "card/a.html", {}) == first
    weasy.write_pdf(html, "card/events/b/a.html", {})
    assert weasy.STYLES == stored


def test_arrays_asked_without_a_length_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's PDF fonts ask cffi for ``T[n]`` with a new n each subset; weasy._Arrays
    asks for ``T[]`` (parsed once): the same arrays, so the same PDF bytes."""
    _need("weasyprint")
    from brandkit.render import weasy

    weasy.module()
    from weasyprint.pdf import fonts

    quick = fonts.ffi
    assert isinstance(quick, weasy._Arrays)
    raw = quick._ffi
    for cdecl, init in (("hb_codepoint_t[3]", (5, 1, 9)), ("hb_tag_t[4]", None),
                        ("char[4]", None), ("unsigned int *", 100), ("hb_codepoint_t[3]", [1, 2])):
        made, plain = quick.new(cdecl, init), raw.new(cdecl, init)
        assert raw.typeof(made) == raw.typeof(plain) or raw.sizeof(made) == raw.sizeof(plain)
        assert raw.sizeof(made) == raw.sizeof(plain)
        assert bytes(raw.buffer(made)) == bytes(raw.buffer(plain))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(weasy, "SUBSETS", {})
    html = '<html lang="ja"><p style="font-family:\'Noto Sans CJK JP\'">山田 <b>名刺</b></p></html>'.encode()
    quick_pdf = weasy.write_pdf(html, "card/t.html", {})
    monkeypatch.setattr(fonts, "ffi", raw)
    monkeypatch.setattr(weasy, "SUBSETS", {})
    assert weasy.write_pdf(html, "card/t.html", {}) == quick_pdf


def test_fonttools_subsetter_is_imported_only_when_used() -> None:
    """WeasyPrint imports fontTools' subsetter for fonts HarfBuzz cannot subset; weasy
    leaves it unloaded until then (``_later``): a build's PDFs never load it, and a font
    that needs it still finds the real module."""
    _need("weasyprint")
    import subprocess

    code = ("import sys\n"
            "from brandkit.render import weasy\n"
            "weasy.module()\n"
            "subset = sys.modules['fontTools.subset']\n"
            "assert type(subset).__name__ == '_LazyModule', type(subset)\n"
            "weasy.write_pdf('<p>名刺 card</p>'.encode(), 'card/t.html', {})\n"
            "assert type(subset).__name__ == '_LazyModule', 'a PDF loaded it'\n"
            "from weasyprint.pdf import fonts\n"
            "assert fonts.subset.Subsetter.__name__ == 'Subsetter'\n"
            "assert type(subset).__name__ == 'module'\n")
    import os
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(repo))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120, cwd=repo, env=env)
    assert done.returncode == 0, done.stderr


def test_warnings_kept_in_a_unit_are_logged_once_by_replay() -> None:
    """A build makes PDFs in either of its processes: WeasyPrint's warnings are kept with
    the unit's result (``warnings_into``) and logged by the build's own (``replay``)."""
    import logging

    from brandkit.render import weasy

    heard: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            heard.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Catch()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        kept: list[tuple[int, str]] = []
        with weasy.warnings_into(kept):
            logger.warning("Ignored `%s` at 1:2", "gap: 1px")
            logger.info("not a warning: passes through")
        assert kept == [(logging.WARNING, "Ignored `gap: 1px` at 1:2")]
        assert heard == ["not a warning: passes through"]  # nothing else logged yet
        logger.warning("after: logged at once")
        weasy.replay(kept)
        assert heard[1:] == ["after: logged at once", "Ignored `gap: 1px` at 1:2"]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_font_not_subset_is_still_embedded_whole() -> None:
    """Fonts leave their file in HarfBuzz until read (weasy._unread_font_files): a PDF
    that embeds a font whole (not subset) still reads and embeds all of it."""
    _need("weasyprint")
    from brandkit.render import weasy

    weasyprint = weasy.module()
    html = '<p style="font-family:\'Noto Sans CJK JP\'">名刺</p>'
    subset = weasyprint.HTML(string=html).write_pdf()
    whole = weasyprint.HTML(string=html).write_pdf(full_fonts=True)
    assert len(whole) > 1_000_000 > 100_000 > len(subset)


def test_libraries_found_as_ldconfig_finds_them() -> None:
    """One ``ldconfig -p`` answers WeasyPrint's library look-ups as ctypes' first step
    would (gcc and ld not run), and ``find_library`` is itself again afterwards."""
    from brandkit.render import weasy

    if not sys.platform.startswith("linux") or weasy._ldconfig() is None:
        pytest.skip("no glibc ldconfig here")
    original = ctypes.util.find_library
    names = ("gobject-2.0", "harfbuzz", "harfbuzz-subset", "c", "libgobject-2.0-0",
             "no-such-library-brandkit")
    expected = [ctypes.util._findSoname_ldconfig(name) for name in names]  # type: ignore[attr-defined]
    with weasy._quick_libraries():
        assert [ctypes.util.find_library(name) for name in names] == expected
    assert ctypes.util.find_library is original
    assert expected[-1] is None and expected[0]


def test_weasyprint_that_cannot_load_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from brandkit.render import weasy

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it could not be imported
    with pytest.raises(BrandkitError):
        weasy.module()
