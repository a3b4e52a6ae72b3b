#!/usr/bin/env python3
"""Save → output updated (watch) and save → open tab reloaded (serve), next to Hugo.

    pip install ".[bench]"
    python bench/bench_watch.py                  # 50 edits of each kind, on disk
    python bench/bench_watch.py --browser        # and the tab reload in headless Chromium

watch: ``brandkit watch`` runs on a copy of example-site and on the 10-item site from
``bench/hugo/generate.py``; ``hugo server`` (writing to disk) runs on the same 10 items.
Each edit is saved in place at a random moment (0.15–0.5 s after the last one) and
timed until the output file holds the edit, polled every millisecond. Edits alternate
between the tools in rounds of ten, all of them running side by side.

* portfolio edit: one item's Markdown body → that item's page.
* profile edit: the identity line (``profile.yaml``; ``hugo.toml`` params for Hugo)
  → the home page.

serve (``--browser``): ``brandkit serve`` and ``hugo server`` with an item page open in
headless Chromium (/usr/bin/chromium via Playwright); the time from the save to the
reloaded page's DOMContentLoaded (both clocks are this machine's wall clock).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench" / "hugo"))
sys.path.insert(0, str(REPO_ROOT / "bench"))
import generate  # noqa: E402
from bench_scale import hugo_binary  # noqa: E402

TIMEOUT = 5.0


@dataclass
class Target:
    """One tool watching one site, and how to make and see each kind of edit."""

    name: str
    argv: list[str]
    cwd: Path
    edits: dict[str, tuple[Path, Path]]  # kind → (file to save, output file that shows it)
    process: subprocess.Popen | None = None
    times: dict[str, list[float]] = field(default_factory=dict)
    misses: dict[str, int] = field(default_factory=dict)

    def start(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(self.argv, cwd=self.cwd, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def edit(source: Path, kind: str, n: int) -> tuple[str, bytes]:
    """Save an edit to ``source`` in place; return the marker the output will show."""
    text = source.read_text(encoding="utf-8")
    marker = f"edit{n:05d}x"
    if kind == "portfolio":
        text = re.sub(r"\nedit\d{5}x\n|$", "", text, count=1) if "\nedit" in text else text
        new = text.rstrip("\n") + f"\n\n{marker}\n"
    else:  # the identity line, whatever it says now
        new = re.sub(r"(I combine AI and )[a-z0-9]+", rf"\g<1>{marker}", text, count=1)
    with open(source, "w", encoding="utf-8") as f:
        f.write(new)
    return marker, marker.encode()


def wait_for(path: Path, needle: bytes, since: float) -> float | None:
    while time.perf_counter() - since < TIMEOUT:
        try:
            if needle in path.read_bytes():
                return (time.perf_counter() - since) * 1000
        except OSError:
            pass
        time.sleep(0.001)
    return None


def ready(targets: list[Target]) -> None:
    deadline = time.monotonic() + 60
    for t in targets:
        for _, out in t.edits.values():
            while not out.is_file():
                if time.monotonic() > deadline:
                    raise SystemExit(f"{t.name}: no {out} after 60 s")
                time.sleep(0.05)
    time.sleep(1.5)  # let first builds and watchers settle


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def setup(root: Path, hugo: Path | None, serve: bool) -> list[Target]:
    python = sys.executable
    example = root / "example-site"
    shutil.copytree(REPO_ROOT / "example-site", example, ignore=shutil.ignore_patterns("_site"))
    bk10, hg10 = generate.generate(10, root / "n10")
    command = "serve" if serve else "watch"
    extra = ["--port", "0"] if serve else []
    targets = [
        Target("brandkit example-site", [python, "-m", "brandkit", command, str(example)] + extra,
               root, {"portfolio": (example / "portfolio/ai-tutor.en.md",
                                    example / "_site/en/portfolio/ai-tutor/index.html"),
                      "profile": (example / "profile.yaml", example / "_site/en/index.html")}),
        Target("brandkit 10 items", [python, "-m", "brandkit", command, str(bk10)] + extra, root,
               {"portfolio": (bk10 / "portfolio/work-00001.md",
                              bk10 / "_site/portfolio/work-00001/index.html"),
                "profile": (bk10 / "profile.yaml", bk10 / "_site/index.html")}),
    ]
    if hugo is not None:
        port = free_port()
        argv = [str(hugo), "server", "--quiet", "--port", str(port), "--bind", "127.0.0.1"]
        if serve:
            argv += ["--renderToMemory"]
        else:  # hugo server writes to disk by default (--renderToDisk before 0.123)
            argv += ["-d", str(hg10 / "public")]
        targets.append(Target("hugo server 10 items", argv, hg10, {
            "portfolio": (hg10 / "content/portfolio/work-00001.md",
                          hg10 / "public/portfolio/work-00001/index.html"),
            "profile": (hg10 / "hugo.toml", hg10 / "public/index.html")}))
        targets[-1].port = port  # type: ignore[attr-defined]
    return targets


def bench_watch(args: argparse.Namespace, env: dict[str, str]) -> None:
    hugo = None if args.no_hugo else hugo_binary()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory(prefix="brandkit-watch-") as tmp:
        targets = setup(Path(tmp), hugo, serve=False)
        for t in targets:
            t.start(env)
        try:
            ready(targets)
            n = 0
            for kind in ("portfolio", "profile"):
                for start in range(0, args.edits, 10):
                    for t in targets:  # alternate tools, ten edits at a time
                        for _ in range(min(10, args.edits - start)):
                            time.sleep(rng.uniform(0.15, 0.5))
                            source, out = t.edits[kind]
                            n += 1
                            since = time.perf_counter()
                            _, needle = edit(source, kind, n)
                            ms = wait_for(out, needle, since)
                            if ms is None:
                                t.misses[kind] = t.misses.get(kind, 0) + 1
                            else:
                                t.times.setdefault(kind, []).append(ms)
        finally:
            for t in targets:
                t.stop()
    print(f"\nwatch: save → output file updated, {args.edits} edits each\n")
    report(targets)


def report(targets: list[Target]) -> None:
    print("| tool | edit | p50 ms | p95 ms | max ms | missed |")
    print("|---|---|---:|---:|---:|---:|")
    for kind in ("portfolio", "profile"):
        for t in targets:
            times = t.times.get(kind, [])
            if times:
                print(f"| {t.name} | {kind} | {statistics.median(times):.0f} | "
                      f"{pct(times, 0.95):.0f} | {max(times):.0f} | {t.misses.get(kind, 0)} |")
            elif t.misses.get(kind):
                print(f"| {t.name} | {kind} | — | — | — | {t.misses.get(kind, 0)} |")


def bench_browser(args: argparse.Namespace, env: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    hugo = None if args.no_hugo else hugo_binary()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="brandkit-serve-") as tmp:
        targets = setup(Path(tmp), hugo, serve=True)
        targets = [t for t in targets if t.name != "brandkit 10 items"]
        urls = {}
        for t in targets:
            if t.name.startswith("brandkit"):
                log = Path(tmp) / "serve.log"
                t.process = subprocess.Popen(t.argv, cwd=t.cwd, env=env, stdout=open(log, "w"),
                                             stderr=subprocess.STDOUT, start_new_session=True)
                deadline = time.monotonic() + 60
                while not re.search(r"http://\S+/", log.read_text()):
                    if time.monotonic() > deadline:
                        raise SystemExit("brandkit serve did not start:\n" + log.read_text())
                    time.sleep(0.05)
                urls[t.name] = re.search(r"http://\S+/", log.read_text()).group(0) + "en/portfolio/ai-tutor/"
            else:
                t.start(env)
                urls[t.name] = f"http://127.0.0.1:{t.port}/portfolio/work-00001/"  # type: ignore[attr-defined]
        try:
            time.sleep(3)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                            args=["--no-sandbox", "--disable-gpu"])
                pages = {}
                for t in targets:
                    context = browser.new_context()
                    context.add_init_script("document.addEventListener('DOMContentLoaded',"
                                            "()=>{window.__loaded=Date.now()})")
                    page = context.new_page()
                    page.goto(urls[t.name])
                    pages[t.name] = page
                time.sleep(1)
                n = 0
                for start in range(0, args.edits, 10):
                    for t in targets:
                        page = pages[t.name]
                        for _ in range(min(10, args.edits - start)):
                            time.sleep(rng.uniform(0.3, 0.6))
                            page.evaluate("window.__old = window.__loaded")
                            source, _ = t.edits["portfolio"]
                            n += 1
                            saved = time.time() * 1000
                            marker, _ = edit(source, "portfolio", n)
                            try:
                                page.wait_for_function(
                                    f"window.__loaded !== window.__old && "
                                    f"document.body && document.body.innerText.includes('{marker}')",
                                    timeout=TIMEOUT * 1000, polling=5)
                                loaded = page.evaluate("window.__loaded")
                                t.times.setdefault("portfolio", []).append(loaded - saved)
                            except Exception:
                                t.misses["portfolio"] = t.misses.get("portfolio", 0) + 1
                browser.close()
        finally:
            for t in targets:
                t.stop()
    print(f"\nserve: save → open tab reloaded (DOMContentLoaded) in headless Chromium, "
          f"{args.edits} portfolio edits each\n")
    report(targets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--browser", action="store_true", help="also time serve's tab reload")
    parser.add_argument("--no-hugo", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", BRANDKIT_LANG="en")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: with .pyc files
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    bench_watch(args, env)
    if args.browser:
        bench_browser(args, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
