"""load → validate → render → write. ``watch`` and ``serve`` call this too (``Builder``).

Both ways through share one set-up (``_prepare``: the output folders, the options, what
to tell the user) and one write loop (``output.Outputs``): a build writes each piece into
staging folders as soon as it is rendered, in whichever process rendered it; a watch
rebuild reuses what did not change (brandkit/render/reuse.py) and replaces only the
files whose bytes differ.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brandkit.errors import Problem
from brandkit.messages import say
from brandkit.output import (
    Outputs,
    Staging,
    Update,
    check_output_folder,
    hold,
    own_files,
    restore_now,
)
from brandkit.profile import load_site, private
from brandkit.profile import theme as themes
from brandkit.profile.paths import check_apart
from brandkit.record import record

# brandkit.render (every output family, ~30 ms of imports) is imported where it is used:
# a large build imports it while another process reads the portfolio (``_warm_up``),
# and ``check`` never needs it.
if TYPE_CHECKING:
    from brandkit.profile.model import Site
    from brandkit.render.page import Options
    from brandkit.render.units import Rendered


@record
class BuildReport:
    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Site pages rendered afresh; the others were reused (a watch rebuild). None: all.
    pages: list[str] | None = None
    # Output folders put back from an interrupted run's swap before this build.
    restored: list[Path] = field(default_factory=list)

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


@record
class _Plan:
    """What a build needs besides the site: where its files go, its options, its notes."""

    folders: dict[str, Path]  # "site": the output folder; "card": the private card folder
    options: Options
    notes: list[str]


def _prepare(site: Site, out: Path | None, base_url: str | None, pdf: bool | None) -> _Plan:
    """Check the output folders (before anything renders) and settle the options.

    ``pdf``: the card's PDFs — None makes them when WeasyPrint is installed (else a note
    says how to get them), True requires them (``--pdf``), False skips them.
    """
    from brandkit.render import card, exchange
    from brandkit.render.exchange import pictures
    from brandkit.render.page import Options

    folder = Path(site.folder)
    folders = {"site": output_folder(folder, site.profile.site.output, out),
               "card": folder / card.OUTPUT}  # private: never inside the published site
    for path in folders.values():
        check_output_folder(path, folder)
    check_apart(folders["site"], folders["card"])  # the card's phone never published
    make_pdf, notes = card.build_notes(site.profile, base_url, pdf)
    notes += exchange.build_notes(site.profile)
    # Share images and backgrounds come with the PDFs (the same WeasyPrint run's extra).
    reason = pictures.missing() if make_pdf else None
    make_pictures = make_pdf and reason is None
    if reason:
        notes.append(reason)
    if private.expected_but_missing(folder):
        notes.append(say("private_missing", file=private.PRIVATE_FILE))
    from brandkit.profile.advice import samples_left  # `brandkit init`'s, still there

    left = samples_left(site)
    if left:
        notes.append(say("placeholders_remain", count=len(left), field=left[0]))
    options = Options(base_url=base_url, build_date=build_date(), pdf=make_pdf,
                      pictures=make_pictures)
    return _Plan(folders, options, notes)


def _report(plan: _Plan, reports: dict[str, Any], pages: list[str] | None = None,
            restored: list[Path] | None = None) -> BuildReport:
    from brandkit.render import card

    site = reports["site"]
    notes = [card.where_note(plan.folders["card"]), *plan.notes]
    return BuildReport(site.out, site.written, site.unchanged, site.removed, notes, pages,
                       restored or [])


def build(site_folder: Path, out: Path | None = None, base_url: str | None = None,
          pdf: bool | None = None, wait: bool = True,
          on_wait: Callable[[Path], None] | None = None) -> BuildReport:
    """Build the site in ``site_folder``; raise ``ProfileError``/``BrandkitError`` on bad input.

    Files are staged beside the last good output as they are rendered and swapped in
    only when everything rendered: bad input or a failed build leaves both folders as
    they were. The output folders are locked from staging to swap (output/lock.py):
    while another build writes them this one waits (``on_wait`` is told once), or
    with ``wait=False`` raises ``BrandkitError``.
    """
    warmed: list[Any] = []  # the templates, compiled while another process reads items
    site = load_site(site_folder, meanwhile=lambda profile, folder: warmed.append(
        _warm_up(profile, folder)))
    from brandkit import render  # imported already when the warm-up ran

    plan = _prepare(site, out, base_url, pdf)
    folder = Path(site.folder)
    outputs = Outputs({}, render.route)
    with hold(plan.folders.values(), wait, on_wait) as restored:
        try:
            for name, path in plan.folders.items():
                outputs.folders[name] = Staging(path, folder)

            def write(done: Rendered) -> Rendered:  # in whichever process rendered it
                done.puts = outputs.write(done.files)
                done.files = []  # on disk now: not sent back between processes
                return done

            for done in render.render(site, plan.options, env=warmed[0] if warmed else None,
                                      each=write, redo=outputs.redo):
                outputs.note(done.puts)
            reports = outputs.commit()
        except BaseException:
            outputs.abort()
            raise
    return _report(plan, reports, restored=restored)


def _warm_up(profile: Any, folder: Path) -> Any:
    from brandkit.render import warm_up  # imports every family: while the child reads

    return warm_up(profile, folder)


class Builder:
    """Builds one site again and again (``watch``, ``serve``), redoing only what changed.

    It keeps the last good build in memory — the site, what each unit of work rendered,
    the files written — and renders again only the units whose inputs changed (see
    brandkit/render/reuse.py); the write loop then replaces only files whose bytes differ.
    A failed rebuild changes neither memory nor disk.
    """

    def __init__(self, site_folder: Path, out: Path | None = None, base_url: str | None = None,
                 pdf: bool | None = False, on_wait: Callable[[Path], None] | None = None):
        from brandkit.render.reuse import Reuse

        self.folder = Path(site_folder)
        self.on_wait = on_wait  # told when a rebuild waits for another build's writing
        self.out_option, self.base_url, self.pdf = out, base_url, pdf
        self.target: Path | None = None  # the output folder of the last good build
        self.reuse = Reuse()
        self.memo: dict[Any, Any] = {}  # QR codes and the like, kept between rebuilds
        self.written: dict[str, dict[str, bytes]] = {}  # folder → the files last written
        self.rendered: list[str] = []  # the units the last build rendered (not reused)

    @property
    def site(self) -> Site | None:
        """The site as last built well."""
        return self.reuse.site

    @property
    def files(self) -> dict[str, bytes]:
        """Every output of the last good build (rendered paths, the card's under "card/")."""
        return {path: data for done in self.reuse.results.values() for path, data in done.files}

    def build(self) -> BuildReport:
        from brandkit import render

        themes.find_theme.cache_clear()  # a theme folder may have appeared or changed
        site = load_site(self.folder)
        plan = _prepare(site, self.out_option, self.base_url, self.pdf)
        kept = self._leave_to_build(site, plan)
        same = self.target is not None and plan.folders["site"].resolve() == self.target
        outputs = Outputs({name: Update(path, Path(site.folder), self.written.get(name, {}) if same else {},
                                        kept.get(name, frozenset()))
                           for name, path in plan.folders.items()}, render.route)
        rebuild = self.reuse.begin(site, plan.options)
        # One process: a watch has its file watcher's threads, and forking is unsafe then.
        results = render.render(site, plan.options, env=rebuild.env, memo=self.memo,
                                reuse=rebuild.reused, fork=False)
        for done in results:  # the same write loop as a build's, into Update folders
            outputs.note(outputs.write(done.files))
        # The output folders' lock (output/lock.py), as a build holds it: never while
        # another process writes them.
        with hold(plan.folders.values(), on_wait=self.on_wait) as restored:
            reports = outputs.commit()
        self.written = {name: folder.files for name, folder in outputs.folders.items()}
        self.target = reports["site"].out
        self.reuse.commit(rebuild, site, plan.options, results)
        fresh = [done for done in rebuild.rendered(results) if done.key != render.FINISH]
        self.rendered = [done.key for done in fresh]
        pages = [path for done in fresh if done.key.partition(":")[0] == "site"
                 for path, _ in done.files if path.endswith(".html")]
        return _report(plan, reports, pages, restored)

    def _leave_to_build(self, site: Site, plan: _Plan) -> dict[str, frozenset[str]]:
        """What ``brandkit build`` makes and this doesn't (the card's PDFs and the share
        images and backgrounds, unless asked for): by output folder, the files to leave in
        place. The card pages link those
        the last build made (``Options.pdfs_from_build``)."""
        from brandkit import render
        from brandkit.render import card
        from brandkit.render.exchange import pictures

        if plan.options.pdf:
            return {}
        kept: dict[str, set[str]] = {}
        made = card.pdf_paths(site.profile, plan.options) + pictures.paths(site.profile,
                                                                          plan.options)
        where = {path: render.route(path) for path in made}
        for folder, rel in filter(None, where.values()):
            kept.setdefault(folder, set()).add(rel)
        present = {(name, rel) for name, rels in kept.items()
                   for rel in own_files(plan.folders[name], rels)}
        plan.options.pdfs_from_build = frozenset(path for path, at in where.items() if at in present)
        return {name: frozenset(rels) for name, rels in kept.items()}

    def uses(self, path: Path) -> bool:
        """Whether the last good build showed ``path`` as an image (other inputs are known by place)."""
        try:
            rel = Path(path).resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return False
        return rel in self.reuse.images


def check(site_folder: Path, on_restore: Callable[[Path], None] | None = None) -> list[Problem]:
    """Validate (raising on errors) and return advice; writes nothing, except to put back
    an output folder an interrupted build left missing (``on_restore`` is told)."""
    from brandkit.profile.advice import advise
    from brandkit.render.card import OUTPUT as CARD
    from brandkit.render.card.fit import advice as card_advice
    from brandkit.render.kit.advice import advice as script_advice

    docs: dict = {}
    site = load_site(site_folder, docs)
    folder = Path(site.folder)
    for path in restore_now([output_folder(folder, site.profile.site.output, None), folder / CARD]):
        if on_restore is not None:
            on_restore(path)
    found = (advise(site, docs) + card_advice(site.profile, docs["profile"])
             + script_advice(site.profile, docs["profile"])
             + private.tracked_private_values(site.profile, site.folder, [
                 Path(docs["profile"].file), Path(site.folder) / private.PRIVATE_FILE]))
    first = docs["profile"].file  # profile.yaml first, then portfolio files, in line order
    return sorted(found, key=lambda p: (p.file != first, p.file, p.line, p.col))
