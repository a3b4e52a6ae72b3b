"""What every output family shares about pages: where a page goes, how one links to
another, the options of a build, the font stacks.

Every link between pages is relative, so the site works from ``file://`` and under a
GitHub project sub-path; only canonical/Open Graph/sitemap URLs are absolute (the user's
own address), as those formats require.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date

from brandkit.profile.model import PortfolioItem
from brandkit.record import record

FONT_STACK = ('"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", '
              '"Yu Gothic", Meiryo, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif')
FONT_STACK_EN = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
                 '"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif')
# The share image beside each home and event landing page (render/exchange/pictures.py)
SHARE_FILE = "share.png"
SHARE_SIZE = (1200, 630)  # what Facebook, X and LinkedIn show large (1.91 : 1)
# An online event's virtual backgrounds, beside its prep page: (key, file, whether only
# in the primary language's folder — the text-free ones say nothing in any language).
BACKGROUNDS = (("full", "background.png", False), ("small", "background-720p.png", False),
               ("plain", "background-plain.png", True),
               ("plain_small", "background-plain-720p.png", True))
BACKGROUND_SIZES = {"full": (1920, 1080), "small": (1280, 720)}


def qr_path(lang: str, primary: str) -> str:
    """The "show my QR" page of ``lang`` (render/exchange/qrpage.py), which pages link."""
    return lang_prefix(lang, primary) + "qr/index.html"


def share_path(lang: str, primary: str, slug: str | None = None) -> str:
    """The share image of a home page (``slug`` None) or of an event's landing page."""
    return lang_prefix(lang, primary) + (f"e/{slug}/" if slug else "") + SHARE_FILE


def background_paths(lang: str, primary: str, slug: str) -> dict[str, str]:
    """An event's backgrounds by key, beside its prep page (``<lang>/events/<slug>/``):
    what the exchange kit draws and the kit's prep page links."""
    return {key: lang_prefix(primary if in_primary else lang, primary) + f"events/{slug}/{file}"
            for key, file, in_primary in BACKGROUNDS}


@record
class Options:
    base_url: str | None = None  # overrides profile.site.url (GitHub Actions gives one)
    build_date: date = field(default_factory=date.today)
    pdf: bool = False  # make the card's PDFs (build decides: WeasyPrint installed, --pdf)
    pictures: bool = False  # make share images and backgrounds (as pdf, and pdfium there)
    # Set by watch and serve, which leave the card's PDFs to ``brandkit build``: the ones
    # the last build made and still on disk (render paths, "card/…"), kept and linked.
    # None for a build, which makes them or says what it needs to.
    pdfs_from_build: frozenset[str] | None = None


@record
class Page:
    kind: str  # home | portfolio | 404
    lang: str
    path: str  # output path, e.g. "en/portfolio/ai-tutor/index.html"
    title: str
    description: str
    item: PortfolioItem | None = None
    canonical: str | None = None
    alternates: list[dict[str, str]] = field(default_factory=list)

    @property
    def root(self) -> str:
        """Relative prefix from this page to the site root: "", "../", "../../"…"""
        return "../" * self.path.count("/")


def lang_prefix(lang: str, primary: str) -> str:
    return "" if lang == primary else f"{lang}/"


def page_path(kind: str, lang: str, primary: str, slug: str = "") -> str:
    prefix = lang_prefix(lang, primary)
    if kind == "portfolio":
        return f"{prefix}portfolio/{slug}/index.html"
    return f"{prefix}index.html"


def relative(target: str, here: str) -> str:
    """``posixpath.relpath(target, here)`` for two site paths (relative, normalised, no "..").

    Every link in every page goes through this; relpath's abspath calls were ~0.5 ms per
    page of a 1,000-item build.
    """
    if here in ("", "."):
        return target or "."
    to, start = target.split("/"), here.split("/")
    same = 0
    for a, b in zip(to, start):
        if a != b:
            break
        same += 1
    return "/".join([".."] * (len(start) - same) + to[same:]) or "."


def short_url(url: str) -> str:
    """An address as printed or shown to people: no scheme, no trailing slash (under the
    card's QR code, on the phone's QR page, in pictures and signatures)."""
    return url.split("://", 1)[-1].rstrip("/")


def pretty(path: str) -> str:
    """The public form of a page address: "en/index.html" → "en/"."""
    return path.removesuffix("index.html")
