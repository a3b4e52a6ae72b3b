"""Screenshots of every page type of the example site, both themes, for design review.

    PYTHONPATH=. python docs/screenshots/shoot.py docs/screenshots/16/after

Builds example-site twice (default theme, then sidebar via ``brand.theme``) with the
fixed build date the tests use, then shoots each page full-page at 360 px and 1280 px in
light mode (the home page in dark mode too) with headless Chromium. Long pages are
clipped to their first 3000 px and the PNGs quantised so each stays small enough to
keep in git.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
EVENT = "2026-12-05-edtech-study-group-24-generative-ai-and"
PAGES = {
    "home": "index.html",
    "portfolio": "portfolio/ai-tutor/index.html",
    "landing": f"e/{EVENT}/index.html",
    "event": f"events/{EVENT}/index.html",
    "scripts": "scripts/index.html",
    "rehearse": f"events/{EVENT}/rehearse/index.html",
    "404": "404.html",
}
HEIGHTS = {360: 780, 1280: 800}
MAX_HEIGHT = 3000


def build(theme: str, root: Path) -> Path:
    site = root / theme
    shutil.copytree(REPO / "example-site", site, ignore=shutil.ignore_patterns("_site"))
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(re.sub(r"(?m)^(\s+theme:\s*)default\s*$", rf"\g<1>{theme}", text),
                       encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", BRANDKIT_LANG="en",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "brandkit", "build", str(site), "-q"], check=True,
                   env=env, stdin=subprocess.DEVNULL)
    return site / "_site"


def shrink(file: Path) -> None:
    """Clip to MAX_HEIGHT and quantise to 256 colours: a review copy, not a pixel master."""
    with Image.open(file) as image:
        image.load()
    if image.height > MAX_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_HEIGHT))
    image.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(file, optimize=True)


def main(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="brandkit-shoot-"))
    try:
        outs = {theme: build(theme, root) for theme in ("default", "sidebar")}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=CHROMIUM_ARGS)
            for theme, out in outs.items():
                for width, height in HEIGHTS.items():
                    for scheme in ("light", "dark"):
                        # A 360 px window is a phone: a touch screen, as people hold it.
                        phone = width < 600
                        context = browser.new_context(viewport={"width": width, "height": height},
                                                      color_scheme=scheme, has_touch=phone,
                                                      is_mobile=phone)
                        tab = context.new_page()
                        for name, path in PAGES.items():
                            if scheme == "dark" and name != "home":
                                continue
                            tab.goto((out / path).as_uri(), wait_until="load")
                            tab.evaluate("document.fonts.ready.then(() => true)")
                            suffix = "-dark" if scheme == "dark" else ""
                            file = dest / f"{theme}-{name}-{width}{suffix}.png"
                            tab.screenshot(path=str(file), full_page=True, animations="disabled")
                            shrink(file)
                            print(file.relative_to(REPO) if file.is_relative_to(REPO) else file)
                        context.close()
            browser.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs/screenshots/16/after")
