#!/usr/bin/env python3
"""Time `brandkit build example-site` against the cost of just importing its libraries.

    python bench/bench_build.py [--runs 7] [--json results.json]

Each command runs as its own child process; wall time is measured around it and peak
RSS comes from os.wait4 for that one child (RUSAGE_CHILDREN would be a max over all
children). Commands are interleaved run by run so drift (CPU boost, page cache) hits
them all alike. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SITE = REPO_ROOT / "example-site"
SOURCE_DATE_EPOCH = "1767225600"

# Targets: a build should cost little more than importing what it needs.
MAX_BUILD_TO_FLOOR = 1.5
MAX_BUILD_RSS_MIB = 40.0
MAX_HELP_MS = 50.0


@dataclass
class Sample:
    wall_ms: float
    peak_rss_mib: float


@dataclass
class Command:
    name: str
    argv: list[str]
    samples: list[Sample] = field(default_factory=list)

    def median_ms(self) -> float:
        return statistics.median(s.wall_ms for s in self.samples)

    def min_ms(self) -> float:
        return min(s.wall_ms for s in self.samples)

    def median_rss(self) -> float:
        return statistics.median(s.peak_rss_mib for s in self.samples)


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    """Run one child; return its wall time and its own peak RSS."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=stderr,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen won't wait again
        if process.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace").strip()
            raise SystemExit(
                f"{' '.join(argv)} exited {process.returncode}:\n{message[-2000:]}"
            )
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss_bytes = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Sample(wall_ms=wall * 1000, peak_rss_mib=rss_bytes / 2**20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per command")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first")
    parser.add_argument("--json", type=Path, metavar="PATH", help="save results as JSON")
    parser.add_argument("--no-site-hooks", action="store_true",
                        help="start every command with `python -S` and site-packages on "
                             "PYTHONPATH: the same packages without this machine's .pth "
                             "start-up hooks (see bench/README.md)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="brandkit-bench-") as tmp:
        site = Path(tmp) / "example-site"
        shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("_site"))
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        # An installed package has its .pyc files (pip compiles them); without this, a
        # shell with PYTHONDONTWRITEBYTECODE=1 would recompile brandkit on every run while
        # the floor's libraries load from their .pyc — not what a user runs.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # Benchmark this checkout even when another brandkit is installed.
        paths = [str(REPO_ROOT), env.get("PYTHONPATH")]
        start = [python]
        if args.no_site_hooks:
            # Some machines run code from .pth files at every start (this sandbox's imports
            # certifi: ~35 ms). `-S` skips site and its .pth files; the packages stay
            # importable through PYTHONPATH. Every command, floor included, starts so.
            import site as site_module
            paths += site_module.getsitepackages()
            start = [python, "-S"]
        env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))

        floor = Command("floor: import jinja2, yaml, markdown_it",
                        [*start, "-c", "import jinja2, yaml, markdown_it"])
        build = Command("brandkit build example-site",
                        [*start, "-m", "brandkit", "build", str(site)])
        help_ = Command("brandkit --help", [*start, "-m", "brandkit", "--help"])
        bare = Command("python -c pass", [*start, "-c", "pass"])
        commands = [floor, build, help_, bare]

        for run in range(args.warmup + args.runs):
            for command in commands:
                if command is build:
                    # Every measured build starts from nothing, like a fresh checkout.
                    shutil.rmtree(site / "_site", ignore_errors=True)
                    shutil.rmtree(site / "_card", ignore_errors=True)
                sample = run_once(command.argv, cwd=Path(tmp), env=env)
                if run >= args.warmup:
                    command.samples.append(sample)

    floor_ms = floor.median_ms()
    print(f"{args.runs} runs each, {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
          f"{', python -S (no .pth start-up hooks)' if args.no_site_hooks else ''}\n")
    print("| command | median wall ms | min ms | median peak RSS MiB | ratio to floor |")
    print("|---|---:|---:|---:|---:|")
    for c in commands:
        print(f"| {c.name} | {c.median_ms():.1f} | {c.min_ms():.1f} | "
              f"{c.median_rss():.1f} | {c.median_ms() / floor_ms:.2f}× |")

    targets = [
        (f"build wall ≤ {MAX_BUILD_TO_FLOOR}× floor",
         f"{build.median_ms() / floor_ms:.2f}×",
         build.median_ms() <= MAX_BUILD_TO_FLOOR * floor_ms),
        (f"build peak RSS ≤ {MAX_BUILD_RSS_MIB:.0f} MiB",
         f"{build.median_rss():.1f} MiB",
         build.median_rss() <= MAX_BUILD_RSS_MIB),
        (f"--help ≤ {MAX_HELP_MS:.0f} ms",
         f"{help_.median_ms():.1f} ms",
         help_.median_ms() <= MAX_HELP_MS),
    ]
    print()
    for label, measured, ok in targets:
        print(f"{'PASS' if ok else 'FAIL'}  {label} (measured {measured})")
    # Interpreter start-up varies by machine (site-packages .pth files can add tens of
    # ms); the net figure shows what brandkit itself adds.
    print(f"note: python -c pass takes {bare.median_ms():.1f} ms here; "
          f"--help adds {help_.median_ms() - bare.median_ms():.1f} ms, "
          f"build adds {build.median_ms() - floor_ms:.1f} ms over the floor")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "runs": args.runs,
            "no_site_hooks": args.no_site_hooks,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "commands": [
                {"name": c.name, "argv": c.argv[1:], "median_ms": c.median_ms(),
                 "min_ms": c.min_ms(), "median_peak_rss_mib": c.median_rss(),
                 "ratio_to_floor": c.median_ms() / floor_ms,
                 "samples": [asdict(s) for s in c.samples]}
                for c in commands
            ],
            "targets": [{"target": label, "measured": measured, "pass": ok}
                        for label, measured, ok in targets],
        }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nsaved {args.json}")
    return 0 if all(ok for _, _, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
