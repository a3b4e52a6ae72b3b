#!/usr/bin/env python3
"""``brandkit serve`` under load: 200 requests at once, p50/p95 latency.

    python bench/bench_serve.py                      # 5 runs of 200 requests at once
    python bench/bench_serve.py --runs 9 --events 16
    python bench/bench_serve.py --code /tmp/old      # another brandkit (a folder holding brandkit/)

``brandkit serve`` runs as a child process on a copy of example-site. Each run opens
``--requests`` connections at the same moment (raw sockets, one request each:
pages, the 404 page, a stylesheet, a script, an icon, the vCard) while ``--events`` tabs
listen for builds on connections of their own. The connections are opened in a tight
loop from one thread, each sending its request as soon as it is connected, then read by a
selector loop: as a load tool does, faster than an asyncio client would. A request's latency runs from the connect to the last byte
of its response; one that fails or takes over ``--timeout`` seconds counts as failed. It prints p50, p95 and the slowest for each run, then the medians.
"""

from __future__ import annotations

import argparse
import http.client
import os
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))
from bench_watch import free_port, pct  # the same helpers as the watch bench

PATHS = ["/", "/en/", "/assets/style.css", "/favicon.svg", "/en/portfolio/ai-tutor/",
         "/no/such/page", "/assets/site.js", "/contact.vcf"]


def burst(port: int, requests: int, timeout: float) -> list[float | None]:
    """Open every connection in a tight loop (as fast as a load tool would), sending each
    its request as soon as it is connected; read each response to the end. One thread."""
    selector = selectors.DefaultSelector()
    started: dict[socket.socket, float] = {}
    for i in range(requests):
        sock = socket.socket()
        sock.setblocking(False)
        started[sock] = time.perf_counter()
        request = (f"GET {PATHS[i % len(PATHS)]} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Connection: close\r\n\r\n").encode()
        if sock.connect_ex(("127.0.0.1", port)) == 0:  # connected at once: ask at once
            sock.send(request)
            selector.register(sock, selectors.EVENT_READ, [i, request, bytearray()])
        else:
            selector.register(sock, selectors.EVENT_WRITE, [i, request, bytearray()])
    results: list[float | None] = [None] * requests
    deadline = time.perf_counter() + timeout
    while selector.get_map() and time.perf_counter() < deadline:
        for key, events in selector.select(timeout=0.1):
            sock, (i, request, received) = key.fileobj, key.data
            try:
                if events & selectors.EVENT_WRITE:
                    if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                        raise OSError("connect failed")
                    sock.send(request)
                    selector.modify(sock, selectors.EVENT_READ, key.data)
                    continue
                chunk = sock.recv(65536)
                if chunk:
                    received += chunk
                    continue
                if received[9:12] in (b"200", b"404"):
                    results[i] = time.perf_counter() - started[sock]
            except OSError:
                pass
            selector.unregister(sock)
            sock.close()
    for key in list(selector.get_map().values()):  # timed out
        key.fileobj.close()
    return results


def listen(port: int, events: int) -> list[socket.socket]:
    """``events`` tabs listening for builds, each on a connection of its own."""
    streams = []
    for _ in range(events):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(b"GET /__brandkit__/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sock.recv(12)
        streams.append(sock)
    return streams


def start_serve(code: Path, site: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(code), "BRANDKIT_LANG": "en",
           "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "brandkit", "serve", str(site), "--port",
                                str(port), "-q"], env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True, cwd=site.parent)  # not "." first on sys.path
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"HEAD / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                if s.recv(12)[8:12] == b" 200":
                    return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("brandkit serve did not start")


def stop_serve(process: subprocess.Popen[bytes]) -> str:
    os.killpg(process.pid, signal.SIGINT)
    try:
        _, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, err = process.communicate()
    return err.decode("utf-8", "replace")


def threaded_burst(port: int, requests: int, timeout: float) -> list[float | None]:
    """The same requests, each from a thread of its own, released together."""
    results: list[float | None] = [None] * requests
    ready = threading.Barrier(requests)

    def one(i: int) -> None:
        try:
            ready.wait(timeout)
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            try:
                connection.request("GET", PATHS[i % len(PATHS)])
                response = connection.getresponse()
                response.read()
                if response.status in (200, 404):
                    results[i] = time.perf_counter() - start
            finally:
                connection.close()
        except (OSError, threading.BrokenBarrierError):
            pass

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(3 * timeout)
    return results


@contextmanager
def serving_in_process(code: Path, site: Path) -> Iterator[int]:
    """A DevServer in this process (so sharing its interpreter lock with the client's
    threads): the port."""
    sys.path.insert(0, str(code))
    from brandkit.serve import DevServer, LiveState
    from brandkit.watch import Watcher

    live = LiveState()
    watcher = Watcher(site, on_outcome=live.publish)
    assert watcher.build().ok
    server = DevServer(watcher, live, "127.0.0.1", 0)
    server.start()
    try:
        yield server.server_address[1]
    finally:
        server.close()
        watcher.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--events", type=int, default=8, help="event streams held open")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--code", type=Path, default=REPO_ROOT,
                        help="the folder holding the brandkit package to run")
    parser.add_argument("--in-process", action="store_true",
                        help="the server in this process, each request from a thread")
    args = parser.parse_args()
    os.environ["BRANDKIT_LANG"] = "en"

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        site = Path(tmp) / "site"
        shutil.copytree(REPO_ROOT / "example-site", site, ignore=shutil.ignore_patterns("_site"))
        if args.in_process:
            port, fire = stack.enter_context(serving_in_process(args.code.resolve(), site)), \
                threaded_burst
        else:
            port, fire = free_port(), burst
            process = start_serve(args.code.resolve(), site, port)
            stack.callback(lambda: print(_stderr_summary(stop_serve(process))))
        p50s: list[float] = []
        p95s: list[float] = []
        worst: list[float] = []
        failed = 0
        fire(port, 20, args.timeout)  # warm-up
        streams = listen(port, args.events)
        stack.callback(lambda: [sock.close() for sock in streams])
        print(f"{args.requests} requests at once, {args.events} event streams open, "
              f"{'in' if args.in_process else 'out of'} the server's process ({args.code}):")
        for run in range(1, args.runs + 1):
            results = fire(port, args.requests, args.timeout)
            times = [t for t in results if t is not None]
            failed += len(results) - len(times)
            if not times:
                print(f"  run {run}: every request failed")
                continue
            p50s.append(pct(times, 0.5) * 1000)
            p95s.append(pct(times, 0.95) * 1000)
            worst.append(max(times) * 1000)
            print(f"  run {run}: p50 {p50s[-1]:7.1f} ms   p95 {p95s[-1]:7.1f} ms   "
                  f"slowest {worst[-1]:7.1f} ms   failed {len(results) - len(times)}")
            time.sleep(0.5)
        if p50s:
            print(f"median of {len(p50s)} runs: p50 {statistics.median(p50s):.1f} ms, "
                  f"p95 {statistics.median(p95s):.1f} ms, "
                  f"slowest {statistics.median(worst):.1f} ms; "
                  f"{failed} of {args.runs * args.requests} requests failed or timed out")
    return 1 if failed else 0


def _stderr_summary(err: str) -> str:
    tracebacks = err.count("Traceback")
    return f"serve's stderr: {err.count(chr(10))} line(s), {tracebacks} traceback(s)"


if __name__ == "__main__":
    sys.exit(main())
