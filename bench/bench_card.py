#!/usr/bin/env python3
"""What the business card costs a build, and what each card PDF costs.

    python bench/bench_card.py [--runs 7]

Times are CPU time (user + system), not wall time: the machines this runs on are often
shared, and CPU time is what an idle machine's wall time would be for this
single-threaded work.

1. Build time with the card vs without it: ``python -m brandkit build`` of a copy of
   example-site as a child process, alternating run by run with the card renderer
   switched off (``brandkit.render.card:render`` removed from ``EXTRA_RENDERERS`` by a
   tiny wrapper). PDFs are off in both (``pdf=False``) and the QR cache is warm, so this
   is the card's cost on an ordinary rebuild. Target: ≤ 20 ms (median difference).
2. PDF time per file: WeasyPrint making card-print.pdf and sheet-a4.pdf from the built
   pages with the PDF cache off (imported once, first run dropped). Target: ≤ 300 ms.
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
from brandkit.render import site
if sys.argv[1] == "without":
    site.EXTRA_RENDERERS[:] = [r for r in site.EXTRA_RENDERERS if "render.card" not in r]
    from brandkit.render import card
    card.split = lambda files: (files, {})  # nothing to write into _card
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
    """Time WeasyPrint on the main card's two PDF sources (captured from a real build)."""
    os.environ["BRANDKIT_CACHE"] = "0"
    sys.path.insert(0, str(REPO))
    from brandkit.build import build
    from brandkit.render import pdf

    sources: dict[str, tuple[bytes, str, dict[str, bytes]]] = {}
    make = pdf.make_pdf

    def capture(html: bytes, path: str, files: dict[str, bytes]) -> bytes:
        if path.count("/") == 1:  # card/…, not card/events/…
            name = "card-print.pdf" if path.endswith("card-print.html") else "sheet PDF"
            sources[name] = (html, path, files)
        return make(html, path, files)

    pdf.make_pdf = capture  # type: ignore[assignment]
    build(site, pdf=True)  # also loads fonts once, as any first PDF does
    times: dict[str, list[float]] = {name: [] for name in sources}
    for _ in range(runs):
        for name, (html, path, files) in sources.items():
            started = time.process_time()  # CPU time, as for the builds above
            pdf._weasyprint(html, path, files)
            times[name].append((time.process_time() - started) * 1000)
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
        times = build_cost(site, args.runs, env)
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
        for name, values in pdf_cost(site, args.runs).items():
            median = statistics.median(values)
            print(f"{name:18} median {median:7.1f} ms  min {min(values):7.1f} ms  target ≤ 300 ms  "
                  f"{'PASS' if median <= 300 else 'FAIL'}")
            ok = ok and median <= 300
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
