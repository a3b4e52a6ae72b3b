"""The pieces a render is cut into, what each gives back, and the output families.

A family of outputs (the site, the card, the event kit, the exchange kit) is a function
from the Renderer to its units of work. A unit renders some files in memory and returns
them as a ``Rendered``: it never touches the disk. The build writes what comes back
(brandkit/output.py), the watch keeps it for the next rebuild (brandkit/render/reuse.py),
and both processes of a build run units the same way (brandkit/parallel.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING

from brandkit.record import record

if TYPE_CHECKING:
    from brandkit.render.renderer import Renderer

# One sitemap entry: the page's address and its other languages' (lang → address).
SitemapEntry = tuple[str, dict[str, str]]


@record(frozen=True)
class Unit:
    """A piece of work: it renders into the Renderer (``r.add``, ``r.add_to_sitemap``)."""

    key: str  # "<family>" or "<family>:<part>": "site:home", "card", "kit:event:<slug>"…
    cost: float  # estimated ms, measured on the example site: balances two processes
    work: Callable[[Renderer], None]
    item: str | None = None  # the portfolio item it shows: a watch renders it again when that changes


@record
class Rendered:
    """What one unit made. ``files`` are relative output paths ("card/…" for the card);
    once written, ``puts`` says where each went and whether its bytes were the last
    build's, and ``files`` is emptied (the bytes are on disk, not sent between processes)."""

    key: str
    item: str | None = None
    files: list[tuple[str, bytes]] = field(default_factory=list)
    sitemap: list[SitemapEntry] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # site images it showed: copied with the site
    templates: list[str] = field(default_factory=list)  # what it rendered with (watch: its inputs)
    puts: list[tuple[str, str, bool]] = field(default_factory=list)  # (folder, path, unchanged)
    # What WeasyPrint warned while the unit ran, as (level, message): logged again in the
    # build's own process, which may not be the one that made the PDF (brandkit/render/weasy.py).
    warnings: list[tuple[int, str]] = field(default_factory=list)


@record(frozen=True)
class Family:
    """One kind of output, registered in ``brandkit.render.FAMILIES``."""

    name: str
    units: Callable[[Renderer], list[Unit]]
    # Its files live under "<folder>/" and go to that private folder beside the site, or,
    # when None, into the published site.
    folder: str | None = None
    inlined: tuple[str, ...] = ()  # theme assets its pages inline and nothing publishes
