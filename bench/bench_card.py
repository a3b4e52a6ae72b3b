#!/usr/bin/env python3
"""What the business card costs a build, and what each card PDF costs.

    python bench/bench_card.py [--runs 7]

Times are CPU time (user + system), not wall time: the machines this runs on are often
shared, and CPU time is what an idle machine's wall time would be for this
single-threaded work.

1. Build time with the card vs without it: ``python -m brandkit build`` of a copy of
   example-site as a child process, alternating run by run with the card renderer
   switched off (the card's family removed from ``brandkit.render.FAMILIES`` by a tiny
   wrapper). PDFs are off in both (``pdf=False``) and the QR cache is warm, so this
   is the card's cost on an ordinary rebuild; ``BRANDKIT_JOBS=1`` keeps the build in one
   process so that CPU time is the card's own work. Target: ≤ 20 ms (median difference).
   File-system time on a shared virtual disk swings by tens of ms between runs: use
   ``--runs 15`` or more.
2. PDF time per file, with the PDF cache off (WeasyPrint imported and fonts loaded
   once before timing, as any first PDF does), interleaved run by run on the main
   card's captured sources:
   - card-print.pdf alone (``make_pdf``: layout, font subsetting, writing);
   - card-print.pdf and the home sheet together (``make_card_pdfs``: one WeasyPrint
     run, the sheet imposed from the print PDF's pages), and of that the sheet's own
     cost, timed inside impose.py and as the paired difference with the line above;
   - for reference, the sheet laid out as HTML (twenty card sides), the way it was made
     before and still is should impose.py not understand WeasyPrint's PDF.
   Target: ≤ 300 ms per card file (card-print.pdf, and the sheet's added cost).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNNER = """
import sys
from pathlib import Path
from brandkit import render
if sys.argv[1] == "without":
    render.FAMILIES = tuple(f for f in render.FAMILIES if f.name != "card")
from brandkit.build import build
build(Path(sys.argv[2]), pdf=False)
"""


def timed(argv: list[str], env: dict[str, str]) -> float:
    """The child's CPU time (user + system) in ms: steadier than wall time on a busy
    machine, and a build is single-threaded and CPU-bound, so it is what wall time would
    be on an idle one."""
    child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{argv} failed")
    return (usage.ru_utime + usage.ru_stime) * 1000


def build_cost(site: Path, runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"with": [], "without": []}
    for kind in ("with", "without"):  # warm-up: QR cache, bytecode cache, page cache
        timed([sys.executable, "-c", RUNNER, kind, str(site)], env)
    for _ in range(runs):
        for kind in ("with", "without"):
            times[kind].append(timed([sys.executable, "-c", RUNNER, kind, str(site)], env))
    return times


def pdf_cost(site: Path, runs: int) -> dict[str, list[float]]:
    """CPU ms per run of each way to make the main card's PDFs (cache off)."""
    os.environ["BRANDKIT_CACHE"] = "0"
    sys.path.insert(0, str(REPO))
    from brandkit.build import build
    from brandkit.render.card import impose, pdf

    captured: dict[str, tuple] = {}
    make_card_pdfs, make_pdf = pdf.make_card_pdfs, pdf.make_pdf

    def capture_card(html: bytes, path: str, files: dict[str, bytes], layout: object,
                     sheet_html: object) -> tuple[bytes, bytes]:
        if path.count("/") == 1:  # card/…, not card/events/…
            captured["card"] = (html, path, files, layout)
            sheet_html()  # the HTML sheet's source, captured below
        return make_card_pdfs(html, path, files, layout, sheet_html)

    def capture_sheet(html: bytes, path: str, files: dict[str, bytes]) -> bytes:
        captured.setdefault("sheet_html", (html, path, files))
        return make_pdf(html, path, files)

    pdf.make_card_pdfs, pdf.make_pdf = capture_card, capture_sheet  # type: ignore[assignment]
    build(site, pdf=True)  # also imports WeasyPrint and loads fonts, as any first PDF does
    pdf.make_card_pdfs, pdf.make_pdf = make_card_pdfs, make_pdf  # type: ignore[assignment]
    html, path, files, layout = captured["card"]
    sheet_source = captured["sheet_html"]

    imposing: list[float] = []
    impose_sheet = impose.impose

    def timed_impose(*args: object) -> bytes:
        started = time.process_time()
        try:
            return impose_sheet(*args)  # type: ignore[arg-type]
        finally:
            imposing.append((time.process_time() - started) * 1000)

    impose.impose = timed_impose  # type: ignore[assignment]
    ways = {
        "card-print.pdf alone": lambda: pdf.make_pdf(html, path, files),
        "card-print + sheet": lambda: pdf.make_card_pdfs(html, path, files, layout,
                                                         lambda: b""),
        "sheet as HTML (old)": lambda: pdf.make_pdf(*sheet_source),
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(runs):
        for name, way in ways.items():
            started = time.process_time()  # CPU time, as for the builds above
            way()
            times[name].append((time.process_time() - started) * 1000)
    impose.impose = impose_sheet  # type: ignore[assignment]
    if len(imposing) != runs:
        raise SystemExit("the sheet was not imposed (impose.py fell back to HTML)")
    times["sheet (impose.py)"] = imposing
    times["sheet (paired diff)"] = [both - alone for both, alone in
                                    zip(times["card-print + sheet"], times["card-print.pdf alone"])]
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "example-site"
        shutil.copytree(REPO / "example-site", site, ignore=shutil.ignore_patterns("_site", "_card"))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have .pyc files
        # One process: CPU time is then the card's own work. Shared between two processes
        # (a build's default), CPU time also counts the fork's copy-on-write page faults,
        # which follow the size of the whole build, not the card.
        times = build_cost(site, args.runs, dict(env, BRANDKIT_JOBS="1"))
        with_ms, without_ms = statistics.median(times["with"]), statistics.median(times["without"])
        added = statistics.median(a - b for a, b in zip(times["with"], times["without"]))
        print(f"build with card    median {with_ms:7.1f} ms  (runs: {len(times['with'])})")
        print(f"build without card median {without_ms:7.1f} ms")
        print(f"card adds          median {added:7.1f} ms  target ≤ 20 ms  "
              f"{'PASS' if added <= 20 else 'FAIL'}")
        ok = added <= 20
        try:
            import weasyprint  # noqa: F401
        except (ImportError, OSError):
            print("PDF: WeasyPrint not installed; skipped")
            return 0 if ok else 1
        targets = {"card-print.pdf alone": 300, "sheet (impose.py)": 300,
                   "sheet (paired diff)": 300, "card-print + sheet": 600}
        print(f"PDF, CPU ms per run, cache off ({args.runs} runs):")
        for name, values in pdf_cost(site, args.runs).items():
            median = statistics.median(values)
            line = f"  {name:22} median {median:7.1f} ms  min {min(values):7.1f} ms"
            if name in targets:
                target = targets[name]
                line += f"  target ≤ {target} ms  {'PASS' if median <= target else 'FAIL'}"
                ok = ok and median <= target
            print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
