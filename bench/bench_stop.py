#!/usr/bin/env python3
"""How long ``brandkit serve`` takes to stop, from the signal (or the stop event) to its end.

    python bench/bench_stop.py                  # 5 runs of each case
    python bench/bench_stop.py --runs 9 --code /tmp/old   # another tree (a folder holding brandkit/)

Cases, each on a fresh copy of example-site:

- ``SIGINT`` / ``SIGTERM``: ``python -m brandkit serve`` as a child process with a tab's
  event stream and six kept-alive connections open; time from the signal to its exit.
- ``SIGINT, saving``: the same while a portfolio file is saved every 20 ms (the loop is
  then waiting for a quiet window or building).
- ``stop event``: ``serve()`` on a thread of this process, stopped by setting its ``stop``
  event (as tests and programs embedding it do); time until it returns.

Prints each run's milliseconds and the median per case. A build under way when the stop
comes is finished first (nothing is cut in half), so ``SIGINT, saving`` includes it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _copy_site(code: Path) -> Path:
    site = Path(tempfile.mkdtemp(prefix="bench-stop-")) / "site"
    shutil.copytree(code / "example-site", site, ignore=shutil.ignore_patterns("_site", "_card"))
    return site


def _tab(port: int) -> list[socket.socket]:
    """A tab's event stream and six kept-alive connections, left open."""
    stream = socket.create_connection(("127.0.0.1", port))
    stream.sendall(b"GET /__brandkit__/events?v=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    stream.recv(100)
    held = [stream]
    for _ in range(6):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        connection.recv(1 << 20)
        held.append(connection)
    return held


def child(code: Path, sig: signal.Signals, saving: bool) -> float:
    site = _copy_site(code)
    env = dict(os.environ, PYTHONPATH=str(code), BRANDKIT_LANG="en")
    process = subprocess.Popen([sys.executable, "-m", "brandkit", "serve", str(site), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert process.stdout is not None
    port = 0
    for line in process.stdout:
        if "http://" in line:
            port = int(line.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
            break
    held = _tab(port)
    done = threading.Event()
    item = site / "portfolio" / "ai-tutor.en.md"
    text = item.read_text(encoding="utf-8")

    def saves() -> None:
        i = 0
        while not done.is_set():
            item.write_text(text + f"\nEdit {i}.\n", encoding="utf-8")
            i += 1
            time.sleep(0.02)

    writer = threading.Thread(target=saves)
    if saving:
        writer.start()
    time.sleep(1.3)
    began = time.perf_counter()
    process.send_signal(sig)
    process.wait(60)
    took = time.perf_counter() - began
    done.set()
    if saving:
        writer.join()
    for connection in held:
        connection.close()
    shutil.rmtree(site.parent, ignore_errors=True)
    return took * 1000


def in_process(code: Path) -> float:
    sys.path.insert(0, str(code))
    from brandkit.serve import serve

    site = _copy_site(code)
    ready, stop, urls = threading.Event(), threading.Event(), []

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=serve, args=(site,), daemon=True,
                              kwargs={"port": 0, "stop": stop, "on_ready": on_ready})
    thread.start()
    ready.wait(60)
    held = _tab(int(urls[0].rstrip("/").rsplit(":", 1)[1]))
    time.sleep(0.3)
    began = time.perf_counter()
    stop.set()
    thread.join(60)
    took = time.perf_counter() - began
    for connection in held:
        connection.close()
    shutil.rmtree(site.parent, ignore_errors=True)
    return took * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--code", type=Path, default=REPO, help="the tree to measure")
    args = parser.parse_args()
    code = args.code.resolve()
    cases = {
        "SIGINT": lambda: child(code, signal.SIGINT, saving=False),
        "SIGTERM": lambda: child(code, signal.SIGTERM, saving=False),
        "SIGINT, saving": lambda: child(code, signal.SIGINT, saving=True),
        "stop event": lambda: in_process(code),
    }
    print(f"brandkit serve, time to stop ({code}):")
    for name, run in cases.items():
        times = [run() for _ in range(args.runs)]
        print(f"  {name:15} median {statistics.median(times):5.0f} ms   runs: "
              + ", ".join(f"{t:.0f}" for t in times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
