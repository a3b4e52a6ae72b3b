"""A share image and a background as WeasyPrint and pdfium draw them, against the same
HTML drawn by Chromium: one design, two engines, the same picture within a stated
tolerance (anti-aliasing and hinting differ; layout, colours and text must not).

Tolerance, measured on the example (Debian's Chromium and Noto CJK): the mean difference
per channel is 0.8–2.6 of 255, and 98.3–99.4 % of pixels have every channel within 48
(glyph edges are anti-aliased differently). The limits leave about twice that room; a
line of text moved, a missing photo or a wrong colour goes far past them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.render.test_exchange_pictures import MEETUP, ONLINE, _need

MEAN_LIMIT = 5.0  # mean absolute difference per channel, of 255
CLOSE = 48  # a pixel is "close" when every channel is within this
CLOSE_SHARE = 0.96


def _pictures() -> list[tuple[Any, bytes, dict[str, bytes], bytes]]:
    """Each picture to compare: (picture, its HTML, linked files, the PNG drawn)."""
    from brandkit.profile import load_site
    from brandkit.render.exchange import pictures
    from brandkit.render.page import Options
    from brandkit.render.renderer import Renderer
    from brandkit.render.units import Unit

    site = load_site(Path(__file__).resolve().parents[2] / "example-site")
    r = Renderer(site, Options(pictures=True))
    chosen = [p for p in pictures.pictures(site.profile)
              if (p.event is None and p.lang == "en")
              or (p.event is not None and p.event.slug == MEETUP and p.lang == "ja"
                  and p.template.endswith("share.html"))
              or (p.event is not None and p.event.slug == ONLINE and p.lang == "ja"
                  and p.template.endswith("background.html") and not p.plain)]
    assert len(chosen) == 3
    found = []
    for picture in chosen:
        made: list = []
        r.run(Unit("t", 1.0, lambda r, p=picture: made.append(pictures.page_html(r, p))))
        html, linked = made[0]
        png = pictures.draw([(html, picture.html_path, picture.outputs[:1])], linked)[0][0]
        found.append((picture, html, linked, png))
    return found


def test_chromium_draws_the_same_picture(browser: Any, tmp_path: Path) -> None:
    for module in ("weasyprint", "pypdfium2", "PIL"):
        _need(module)
    from PIL import Image, ImageChops, ImageStat

    for picture, html, linked, png in _pictures():
        root = tmp_path / picture.html_path.replace("/", "_")
        for path, data in {picture.html_path: html, **linked}.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(data)
        width, height = picture.size
        context = browser.new_context(viewport={"width": width, "height": height},
                                      device_scale_factor=1)
        try:
            page = context.new_page()
            page.goto((root / picture.html_path).as_uri())
            page.wait_for_load_state("load")
            shot = page.screenshot()
        finally:
            context.close()
        ours = Image.open(io.BytesIO(png)).convert("RGB")
        theirs = Image.open(io.BytesIO(shot)).convert("RGB")
        assert ours.size == theirs.size == (width, height)
        diff = ImageChops.difference(ours, theirs)
        mean = sum(ImageStat.Stat(diff).mean) / 3
        worst = diff.convert("L").point(lambda v: 255 if v > CLOSE else 0)
        close = 1 - ImageStat.Stat(worst).mean[0] / 255
        where = picture.html_path
        if mean > MEAN_LIMIT or close < CLOSE_SHARE:  # keep both for a look
            ours.save(tmp_path / "ours.png")
            theirs.save(tmp_path / "chromium.png")
        assert mean <= MEAN_LIMIT, f"{where}: mean difference {mean:.2f} (see {tmp_path})"
        assert close >= CLOSE_SHARE, f"{where}: only {close:.1%} of pixels close (see {tmp_path})"
