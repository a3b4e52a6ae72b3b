"""load → validate → render → write. ``watch`` and ``serve`` call this too."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from brandkit.errors import Problem
from brandkit.record import record


@record
class BuildReport:
    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Site pages rendered afresh; the others were reused (a watch rebuild). None: all.
    pages: list[str] | None = None

    @property
    def total(self) -> int:
        return len(self.written) + len(self.unchanged)


def build_date() -> date:
    """Today, or ``SOURCE_DATE_EPOCH`` for reproducible builds (golden tests use it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def output_folder(site_folder: Path, configured: str, out: Path | None) -> Path:
    return out if out is not None else site_folder / configured


def build(site_folder: Path, out: Path | None = None, base_url: str | None = None,
          pdf: bool | None = None) -> BuildReport:
    """Build the site in ``site_folder``; raise ``ProfileError``/``BrandkitError`` on bad input.

    Everything is rendered in memory first, so bad input never touches the last good output.
    ``pdf``: the card's PDFs — None makes them when WeasyPrint is installed (else a note
    says how to get them), True requires them (``--pdf``), False skips them.
    """
    from brandkit.profile import load_site
    from brandkit.render.site import warm_up

    warmed: list[Any] = []  # the templates, compiled while another process reads items
    with _collector_paused():
        site = load_site(site_folder, meanwhile=lambda profile, folder: warmed.append(
            warm_up(profile, folder)))
    with _collector_skipping_what_is_loaded():
        return _build(site, out, base_url, pdf, warmed[0] if warmed else None)


def _build(site: Any, out: Path | None, base_url: str | None, pdf: bool | None,
           env: Any) -> BuildReport:
    from brandkit.output import Outputs, Staging, check_output_folder
    from brandkit.render import card
    from brandkit.render.site import Options, render_site

    folder = Path(site.folder)
    target = output_folder(folder, site.profile.site.output, out)
    card_target = folder / card.OUTPUT  # private: never inside the published site
    check_output_folder(target, folder)  # refuse before rendering anything
    check_output_folder(card_target, folder)
    make_pdf, notes = card.build_notes(site.profile, base_url, pdf)
    # Files are staged beside the last good output as they are rendered and swapped in
    # only when everything rendered: a failed build leaves both folders as they were.
    outputs = Outputs({"site": Staging(target, folder)}, card.route)
    try:
        outputs.stagings["card"] = Staging(card_target, folder)
        options = Options(base_url=base_url, build_date=build_date(), pdf=make_pdf)
        outputs.put_rest(render_site(site, options, sink=outputs, env=env))
    except BaseException:
        outputs.abort()
        raise
    written = outputs.commit()["site"]
    notes.insert(0, card.where_note(card_target))
    return BuildReport(written.out, written.written, written.unchanged, written.removed, notes)


# Python's cycle collector, around a build. Reading a site makes no cyclic garbage (each
# page rendered makes some: Jinja's `import … with context`), yet at 10,000 items the
# collector's full passes over the items read were ~0.5 s of each process's time.
@contextmanager
def _collector_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@contextmanager
def _collector_skipping_what_is_loaded() -> Iterator[None]:
    """What is alive now stays alive for the build: later passes leave it out."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Builder:
    """Builds one site again and again (``watch``, ``serve``), redoing only what changed.

    It keeps the last good build in memory: the site, its rendered files, what each page
    and each part of the card and event kit read. A rebuild loads the site, works out what
    changed since (which fields of the profile and of which portfolio items, in which
    language; templates, images: see render/cache.py), renders only what read it and
    writes only files whose bytes differ. A failed rebuild changes neither memory nor disk.
    """

    def __init__(self, site_folder: Path, out: Path | None = None, base_url: str | None = None,
                 pdf: bool | None = False):
        from brandkit.render.cache import RenderCache

        self.folder = Path(site_folder)
        self.out_option, self.base_url, self.pdf = out, base_url, pdf
        self.target: Path | None = None  # the output folder of the last good build
        self.cache = RenderCache()
        self._site: Any = None
        self._options: Any = None
        self._templates: dict[str, tuple[int, ...]] = {}
        self._images: dict[str, tuple[int, ...] | None] = {}

    def build(self) -> BuildReport:
        from brandkit.profile import theme as themes
        from brandkit.output import check_output_folder, update_site, write_site
        from brandkit.profile import load_site
        from brandkit.render import card
        from brandkit.render.site import Options, render_site

        themes.find_theme.cache_clear()  # a theme folder may have appeared or changed
        site = load_site(self.folder)
        folder = Path(site.folder)
        target = output_folder(folder, site.profile.site.output, self.out_option)
        card_target = folder / card.OUTPUT  # private: never inside the published site
        check_output_folder(target, folder)
        check_output_folder(card_target, folder)
        make_pdf, notes = card.build_notes(site.profile, self.base_url, self.pdf)
        options = Options(base_url=self.base_url, build_date=build_date(), pdf=make_pdf)
        templates = _template_stamps(site)
        if templates != self._templates:
            self.cache.env = None  # compile the templates afresh
        same_target = self.target is not None and target.resolve() == self.target
        self.cache.begin(self._changes(site, options, templates) if same_target else None)
        files = dict(render_site(site, options, self.cache))  # a plain dict, kept in memory
        # The card shows card-only contacts (the phone): it goes to its own folder, never
        # into the published site, exactly as `build()` does.
        site_files, card_files = card.split(files)
        previous_site, previous_card = card.split(self.cache.files)
        if same_target:
            written = update_site(target, folder, site_files, previous_site)
        else:
            written = write_site(target, folder, site_files)
        if not same_target or not previous_card or not card_target.is_dir():
            write_site(card_target, folder, card_files)
        elif card_files != previous_card:
            update_site(card_target, folder, card_files, previous_card)
        self.cache.commit(files)
        self.target, self._site, self._options, self._templates = written.out, site, options, templates
        reads = [*self.cache.reads.values(), *(extra[0] for extra in self.cache.extras.values())]
        self._images = {token[5:]: _stamp(folder / token[5:]) for each in reads
                        for token in each if token.startswith("file:")}
        return BuildReport(written.out, written.written, written.unchanged, written.removed,
                           notes, pages=[p for p in self.cache.rendered if p in self.cache.reads])

    def _changes(self, site: Any, options: Any, templates: dict) -> frozenset[str] | None:
        """Read tokens that changed since the last good build; None when every page must render."""
        from brandkit.render.cache import profile_changes, record_changes

        old = self._site
        if old is None or templates != self._templates or options != self._options:
            return None  # every page uses the templates
        changed = profile_changes(old.profile, site.profile)  # see render/cache.py
        if changed is None:
            return None
        changed |= {"file:" + src for src, stamp in self._images.items()
                    if _stamp(Path(site.folder) / src) != stamp}
        before = {item.slug: item for item in old.portfolio}
        after = {item.slug: item for item in site.portfolio}
        for slug in before.keys() | after.keys():
            if before.get(slug) != after.get(slug):
                changed.add(f"item:{slug}")
                if slug in before and slug in after:
                    changed |= record_changes(before[slug], after[slug], f"item:{slug}:")
        if list(before) != list(after):
            changed.add("portfolio")  # which items, in which order
        return frozenset(changed)

    def uses(self, path: Path) -> bool:
        """Whether the last good build read ``path`` as an image (other inputs are known by place)."""
        try:
            rel = Path(path).resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return False
        return rel in self._images


def _stamp(path: Path) -> tuple[int, ...] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _template_stamps(site: Any) -> dict[str, tuple[int, ...]]:
    """Every file that shapes the Jinja environment: site templates, the theme chain's
    templates and theme.yaml files, and which site themes exist (one may shadow a built-in)."""
    from brandkit.profile import theme as themes

    folder = Path(site.folder)
    roots = [folder / "templates"]
    stamps: dict[str, tuple[int, ...]] = {}
    for theme in themes.theme_chain(site.profile.brand.theme, folder):
        roots.append(theme.folder / "templates")
        stamps[str(theme.folder / "theme.yaml")] = _stamp(theme.folder / "theme.yaml") or ()
    if (folder / "themes").is_dir():
        stamps.update((str(p), ()) for p in (folder / "themes").iterdir())
    for root in roots:
        for parent, _, names in os.walk(root):
            for name in names:
                path = os.path.join(parent, name)
                stamps[path] = _stamp(Path(path)) or ()
    return stamps


def check(site_folder: Path) -> list[Problem]:
    """Validate (raising on errors) and return advice; writes nothing."""
    from brandkit.profile import load_site
    from brandkit.profile.advice import advise
    from brandkit.render.card.fit import advice as card_advice

    docs: dict = {}
    site = load_site(site_folder, docs)
    found = advise(site, docs) + card_advice(site.profile, docs["profile"])
    first = docs["profile"].file  # profile.yaml first, then portfolio files, in line order
    return sorted(found, key=lambda p: (p.file != first, p.file, p.line, p.col))
