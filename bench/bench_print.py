#!/usr/bin/env python3
"""Every print and picture output from a cold cache, against RenderCV rendering its own
sample CV to PDF, measured in the same run; and what those outputs cost a rebuild.

    python bench/bench_print.py [--runs 5] [--rendercv /path/to/venv/bin/rendercv]
                                [--also /path/to/older/tree]

1. Cold: ``python -m brandkit build COPY --pdf`` of a copy of example-site with an empty
   cache (``XDG_CACHE_HOME`` a new folder each run): the card's PDFs for every card
   folder, the share images and the online event's backgrounds. Against ``rendercv
   render FILE --dont-generate-png`` of ``rendercv new "Hanako Yamada"``'s file, run by
   run interleaved. Wall time (the user waits for it) and peak RSS (the largest process,
   ``ru_maxrss`` of the waited child and its waited descendants). Targets (issue 17):
   ≤ 1.0× RenderCV's time, ≤ 150 MiB.
2. Warm: a rebuild with nothing changed of a copy always built with ``--pdf``, against
   one of a copy always built without the print and picture outputs (``pdf=False``),
   interleaved in one process: what they cost when the cache has them. Target: ≤ 20 ms
   (median difference).
3. Pictures alone, cache off, WeasyPrint imported before timing: ms per picture through
   WeasyPrint and pdfium (what brandkit does), and a floor: the same share image drawn
   by Pillow with the same font (text placed by hand, no layout engine).

RenderCV offline: ``python -m venv /tmp/rcv && /tmp/rcv/bin/pip install
"rendercv[full]==2.3" click``; its theme fetches the Typst package
``@preview/fontawesome:0.5.0`` at render time, so this script puts a stub package in
Typst's cache (``~/.cache/typst/packages/preview/fontawesome/0.5.0/``: ``fa-icon`` draws an
empty box) when it is not there.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from bench_scale import run_once

TYPST_STUB = Path.home() / ".cache/typst/packages/preview/fontawesome/0.5.0"


def run(argv: list[str], env: dict[str, str], cwd: Path = REPO) -> tuple[float, float]:
    """Wall ms and peak RSS MiB of one command (bench_scale's runner)."""
    return run_once(argv, cwd, env)


def stub_fontawesome() -> None:
    if (TYPST_STUB / "lib.typ").exists():
        return
    TYPST_STUB.mkdir(parents=True, exist_ok=True)
    (TYPST_STUB / "typst.toml").write_text(
        '[package]\nname = "fontawesome"\nversion = "0.5.0"\nentrypoint = "lib.typ"\n'
        'authors = ["stub"]\nlicense = "MIT"\ndescription = "offline stub"\n')
    (TYPST_STUB / "lib.typ").write_text(
        "#let fa-icon(name, ..args) = box(width: 0.8em, height: 0.8em)\n")


def cold(runs: int, rendercv: str | None, root: Path, others: list[Path] = ()) -> None:
    """``others``: more brandkit trees (a checkout of an older commit) built in the same
    runs, interleaved with this one, for a before/after in the same minutes."""
    trees = [REPO, *others]
    ours: dict[Path, list[tuple[float, float]]] = {tree: [] for tree in trees}
    theirs: list[tuple[float, float]] = []
    cv = None
    if rendercv:
        stub_fontawesome()
        cv_dir = root / "rendercv"
        cv_dir.mkdir()
        subprocess.run([rendercv, "new", "Hanako Yamada"], cwd=cv_dir, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cv = next(cv_dir.glob("*_CV.yaml"))
    for i in range(runs):
        for n, tree in enumerate(trees):
            site = root / f"site{i}-{n}"
            shutil.copytree(REPO / "example-site", site,
                            ignore=shutil.ignore_patterns("_site", "_card"))
            env = dict(os.environ, PYTHONPATH=str(tree), SOURCE_DATE_EPOCH="1767225600",
                       XDG_CACHE_HOME=str(root / f"cache{i}-{n}"))
            ours[tree].append(run([sys.executable, "-m", "brandkit", "build", str(site),
                                   "--pdf"], env, tree))
        if cv is not None:
            theirs.append(run([rendercv, "render", cv.name, "--dont-generate-png"],
                              dict(os.environ, XDG_CACHE_HOME=str(Path.home() / ".cache")),
                              cv.parent))
    for tree in trees:
        name = "" if tree == REPO else f" ({tree})"
        wall = statistics.median(w for w, _ in ours[tree])
        rss = statistics.median(r for _, r in ours[tree])
        print(f"1. cold build with every print and picture output{name}: {wall:.0f} ms, "
              f"peak RSS {rss:.0f} MiB (median of {runs})")
        if theirs:
            ratios = [a[0] / b[0] for a, b in zip(ours[tree], theirs)]
            print(f"   ratio brandkit / RenderCV: {statistics.median(ratios):.2f}× "
                  f"(per run: {', '.join(f'{r:.2f}' for r in ratios)}); target ≤ 1.0×, "
                  f"≤ 150 MiB")
    if theirs:
        their_wall = statistics.median(w for w, _ in theirs)
        their_rss = statistics.median(r for _, r in theirs)
        print(f"   RenderCV 2.3 sample CV to PDF: {their_wall:.0f} ms, peak RSS "
              f"{their_rss:.0f} MiB")


WARM_PAIRS = """
import statistics, sys, time
from pathlib import Path
from brandkit.build import build
sites = {"yes": Path(sys.argv[1]), "no": Path(sys.argv[2])}
for name in ("yes", "no", "yes", "no"):  # fill the cache and the outputs, then once more
    build(sites[name], pdf=name == "yes")
diffs = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    build(sites["yes"], pdf=True)
    middle = time.perf_counter()
    build(sites["no"], pdf=False)
    diffs.append((middle - start - (time.perf_counter() - middle)) * 1000)
print(statistics.median(diffs))
"""


def warm(runs: int, root: Path) -> None:
    """Two copies of the example, each rebuilt with nothing changed: one always with the
    print and picture outputs (their cache warm), one always without (``pdf=False``).

    The pairs run interleaved in one process (a watch's or a script's rebuild), 3 × runs
    of them: a new interpreter for each build adds its own start-up, which swings by
    ±200 ms on this machine and buried a difference of a few ms (one build a process, as
    before, is printed too)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH="1767225600",
               XDG_CACHE_HOME=str(root / "warm-cache"))
    sites = {}
    for name in ("with", "without"):
        sites[name] = root / f"warm-{name}"
        shutil.copytree(REPO / "example-site", sites[name],
                        ignore=shutil.ignore_patterns("_site", "_card"))
    done = subprocess.run([sys.executable, "-c", WARM_PAIRS, str(sites["with"]),
                           str(sites["without"]), str(3 * runs)], env=env, check=True,
                          capture_output=True, text=True)
    in_process = float(done.stdout.split()[-1])
    # The same entry for both (the library's build), only ``pdf`` differs.
    code = ("import sys; from pathlib import Path; from brandkit.build import build; "
            "build(Path(sys.argv[1]), pdf=sys.argv[2] == 'yes')")
    with_pdf = [sys.executable, "-c", code, str(sites["with"]), "yes"]
    without = [sys.executable, "-c", code, str(sites["without"]), "no"]
    diffs = []
    for _ in range(runs):
        diffs.append(run(with_pdf, env)[0] - run(without, env)[0])
    print(f"2. rebuild, nothing changed: print and picture outputs cost {in_process:+.0f} ms "
          f"(median of {3 * runs} interleaved pairs in one process; target ≤ 20 ms); one "
          f"build a process: {statistics.median(diffs):+.0f} ms (median of {runs})")


def pictures_alone(runs: int) -> None:
    sys.path.insert(0, str(REPO))
    from brandkit.profile import load_site
    from brandkit.render import weasy
    from brandkit.render.exchange import pictures
    from brandkit.render.page import Options
    from brandkit.render.renderer import Renderer
    from brandkit.render.units import Unit

    site = load_site(REPO / "example-site")
    r = Renderer(site, Options(pictures=True))
    made: list = []
    every = pictures.pictures(site.profile)
    r.run(Unit("t", 1.0, lambda r: made.extend((p, *pictures.page_html(r, p)) for p in every)))
    weasy.module()
    pictures.draw([(made[0][1], made[0][0].html_path, made[0][0].outputs)], made[0][2])
    linked: dict[str, bytes] = {}
    for _, _, files in made:
        linked.update(files)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pictures.draw([(html, p.html_path, p.outputs) for p, html, _ in made], linked)
        times.append((time.perf_counter() - start) * 1000 / len(made))
    floor = [_pillow_share(site.profile) for _ in range(runs)]
    print(f"3. pictures, cache off: {statistics.median(times):.0f} ms a picture through "
          f"WeasyPrint and pdfium ({len(made)} pictures, one run); Pillow floor, the same "
          f"share image drawn by hand: {statistics.median(floor):.0f} ms")


def _pillow_share(profile: object) -> float:
    """The share image's text and photo placed by hand with Pillow: no line breaking, no
    layout — the floor a hand-written renderer could reach."""
    from PIL import Image, ImageDraw, ImageFont

    regular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
    start = time.perf_counter()
    image = Image.new("RGB", (1200, 630), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 28, 630), fill="#0f6e6e")
    draw.text((100, 130), "やまだ はなこ", font=ImageFont.truetype(regular, 26), fill="#555a63")
    draw.text((100, 170), "山田 花子", font=ImageFont.truetype(bold, 84), fill="#1b1d21")
    draw.text((100, 300), "AIと教育を掛け合わせる仕事をしています",
              font=ImageFont.truetype(bold, 44), fill="#0f6e6e")
    draw.text((100, 400), "株式会社まなびラボ", font=ImageFont.truetype(regular, 28), fill="#3a3f47")
    photo = Image.open(REPO / "example-site/assets/photo.jpg").convert("RGB").resize((300, 300))
    mask = Image.new("L", (300, 300), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, 300, 300), fill=255)
    image.paste(photo, (810, 165), mask)
    image.save(io.BytesIO(), "PNG", compress_level=3, compress_type=3)  # as pictures.draw does
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rendercv", default=shutil.which("rendercv"))
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="another brandkit tree (e.g. a worktree of an older commit) "
                             "to build cold in the same runs, interleaved")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cold(args.runs, args.rendercv, root, args.also)
        warm(args.runs, root)
    pictures_alone(args.runs)


if __name__ == "__main__":
    main()
