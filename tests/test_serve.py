"""serve: only the output folder, right content types, the 404 page, live-reload events."""

from __future__ import annotations

import http.client
import json
import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from brandkit.serve import DevServer, LiveState, content_type, safe_relative
from brandkit.watch import Outcome, Watcher
from tests.conftest import FIXED_EPOCH, REPO, copy_example


@pytest.fixture(autouse=True)
def _fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("BRANDKIT_LANG", "en")


class Served:
    def __init__(self, site: Path, watcher: Watcher, server: DevServer, problems: list[str]):
        self.site, self.watcher, self.server = site, watcher, server
        self.problems = problems  # what serve reported (the terminal's stderr lines)
        self.port = server.server_address[1]
        self.out = watcher.builder.target

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """One request with ``path`` sent exactly as given (no client-side clean-up)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()


@contextmanager
def _serving(site: Path) -> Iterator[Served]:
    live = LiveState()
    watcher = Watcher(site, on_outcome=live.publish)
    assert watcher.build().ok
    problems: list[str] = []
    server = DevServer(watcher, live, "127.0.0.1", 0, on_problem=problems.append)
    server.start()
    try:
        yield Served(site, watcher, server, problems)
    finally:
        server.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with _serving(copy_example(tmp_path / "site")) as served:
        yield served


@pytest.fixture(scope="module")
def served_untouched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One served example for the tests that only send requests (and change nothing)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        patch.setenv("BRANDKIT_LANG", "en")
        with _serving(copy_example(tmp_path_factory.mktemp("served") / "site")) as served:
            yield served


def test_binds_loopback_only_by_default(served: Served) -> None:
    assert served.server.server_address[0] == "127.0.0.1"


def test_pages_and_content_types(served: Served) -> None:
    (served.out / "event.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")  # a user's file
    (served.out / "card.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    expected = {
        "/": "text/html; charset=utf-8", "/en/": "text/html; charset=utf-8",
        "/portfolio/ai-tutor/": "text/html; charset=utf-8",
        "/assets/style.css": "text/css; charset=utf-8", "/favicon.svg": "image/svg+xml",
        "/contact.vcf": "text/vcard; charset=utf-8", "/event.ics": "text/calendar; charset=utf-8",
        "/card.pdf": "application/pdf", "/assets/photo.jpg": "image/jpeg",
        "/assets/site.js": "text/javascript; charset=utf-8",
    }
    for path, kind in expected.items():
        status, headers, body = served.get(path)
        assert (status, headers["Content-Type"]) == (200, kind), path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert int(headers["Content-Length"]) == len(body)
    assert content_type("x.ICS") == "text/calendar; charset=utf-8"


def test_folder_without_slash_redirects(served: Served) -> None:
    status, headers, _ = served.get("/en")
    assert status == 301 and headers["Location"] == "/en/"


def test_missing_page_uses_the_sites_404(served: Served) -> None:
    status, headers, body = served.get("/no/such/page")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    page_404 = (served.out / "404.html").read_bytes()
    assert body.startswith(page_404[: page_404.lower().rfind(b"</body>")])


def test_reload_script_only_in_served_html(served: Served) -> None:
    _, _, body = served.get("/")
    assert b"data-brandkit-live" in body and b"/__brandkit__/events" in body
    assert body.rstrip().endswith(b"</html>")  # put before </body>, not after the document
    _, _, css = served.get("/assets/style.css")
    assert b"brandkit-live" not in css
    for path in served.out.rglob("*"):
        if path.is_file():
            assert b"brandkit-live" not in path.read_bytes(), path
            assert b"__brandkit__" not in path.read_bytes(), path


@pytest.mark.parametrize("path", [
    "/../profile.yaml", "/%2e%2e/profile.yaml", "/%2E%2E/profile.yaml", "/en/../../profile.yaml",
    "/en/%2e%2e/%2e%2e/profile.yaml", "/.%2e/profile.yaml", "/..%2fprofile.yaml",
    "/%2e%2e%2fprofile.yaml", "//etc/passwd", "/%2Fetc/passwd", "/%2F%2Fetc/passwd",
    "/..\\profile.yaml", "/%5c..%5cprofile.yaml", "/%00", "/./index.html",
    "http://127.0.0.1/../profile.yaml",
])
def test_refuses_paths_leading_out(served_untouched: Served, path: str) -> None:
    status, _, body = served_untouched.get(path)
    assert status in (403, 404), path
    assert b"identity:" not in body and b"root:" not in body


def test_refuses_symlinks_leading_out(served: Served, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret")
    os.symlink(secret, served.out / "leak.txt")
    os.symlink(tmp_path, served.out / "up")
    for path in ["/leak.txt", "/up/secret.txt", "/up/"]:
        status, _, body = served.get(path)
        assert status == 404 and b"the secret" not in body, path
    os.symlink(served.out / "favicon.svg", served.out / "icon-link.svg")  # inside: fine
    assert served.get("/icon-link.svg")[0] == 200


def test_refuses_other_host_names(served: Served) -> None:
    assert served.get("/", host="attacker.example")[0] == 403
    assert served.get("/", host=f"localhost:{served.port}")[0] == 200


def test_safe_relative() -> None:
    assert safe_relative("/") == ""
    assert safe_relative("/en/") == "en"
    assert safe_relative("/portfolio/ai-tutor/index.html") == "portfolio/ai-tutor/index.html"
    assert safe_relative("/caf%C3%A9.html") == "café.html"
    for bad in ["/..", "/a/../b", "/%2e%2e/x", "//x", "/a//b", "/a\\b", "/%00", "x", "/%ff"]:
        assert safe_relative(bad) is None, bad


def _events(served: Served, version: int) -> tuple[socket.socket, object]:
    sock = socket.create_connection(("127.0.0.1", served.port), timeout=5)
    sock.sendall(f"GET /__brandkit__/events?v={version} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
    return sock, sock.makefile("rb")


def _next_build(stream) -> dict:  # type: ignore[no-untyped-def]
    for line in stream:
        if line.startswith(b"data: "):
            return json.loads(line[6:])
    raise AssertionError("stream closed")


def test_events_tell_tabs_what_changed_and_about_errors(served: Served) -> None:
    live = served.server.live
    sock, stream = _events(served, live.version)
    try:
        item = served.site / "portfolio" / "ai-tutor.en.md"
        item.write_text(item.read_text().replace("An AI tutor", "A kind AI tutor"))
        served.watcher.build()
        message = _next_build(stream)
        assert message["error"] is None
        assert message["changed"] == ["en/portfolio/ai-tutor/index.html"]

        profile = served.site / "profile.yaml"
        good = profile.read_text()
        profile.write_text(good.replace("lang: [ja, en]", "lang: [ja, en"))
        served.watcher.build()
        message = _next_build(stream)
        assert message["error"].startswith("site/profile.yaml:") or "profile.yaml:" in message["error"]

        profile.write_text(good)
        served.watcher.build()
        assert _next_build(stream)["error"] is None
    finally:
        stream.close()
        sock.close()


def test_live_state_messages() -> None:
    live = LiveState()
    start = live.version

    def built(*files: str) -> None:
        report = type("R", (), {"written": list(files), "removed": []})()
        live.publish(Outcome([], 1.0, report=report))  # type: ignore[arg-type]

    built("assets/style.css")
    built("index.html", "assets/style.css")
    assert live.message(start + 1) == {"version": start + 2, "error": None,
                                       "changed": ["assets/style.css", "index.html"]}
    assert live.message(start + 2)["changed"] == []
    assert live.message(start - 5)["changed"] == ["*"]  # a build this server never made
    assert live.message(start + 99)["changed"] == ["*"]
    live.publish(Outcome([], 1.0, error="profile.yaml:3:1: oops"))
    assert live.message(start + 2)["error"] == "profile.yaml:3:1: oops"


def _pinned(body: bytes, name: str) -> str:
    import re

    found = re.search(rb'"([^"]*' + re.escape(name.encode()) + rb')\?v=(\w+)"', body)
    assert found, f"{name} not marked with its version"
    return found.group(2).decode()


def test_page_resources_are_marked_with_their_version(served: Served) -> None:
    _, _, page = served.get("/en/portfolio/ai-tutor/")
    assert b'href="../../../assets/style.css?v=' in page
    assert b'src="../../../assets/site.js?v=' in page
    assert b'src="../../../portfolio/images/ai-tutor.svg?v=' in page
    assert b"https://hanako-yamada.github.io/en/portfolio/ai-tutor/?v=" not in page  # not links
    on_disk = (served.out / "en/portfolio/ai-tutor/index.html").read_bytes()
    assert b"?v=" not in on_disk  # only in what serve sends
    version = _pinned(page, "assets/style.css")

    # This version's bytes never change: the browser may keep them; anything else is fresh.
    status, headers, css = served.get(f"/assets/style.css?v={version}")
    assert status == 200 and headers["Cache-Control"] == "max-age=31536000, immutable"
    assert css == (served.out / "assets/style.css").read_bytes()
    for other in ["/assets/style.css", "/assets/style.css?v=0", f"/assets/style.css?brandkit=3&v=x{version}"]:
        assert served.get(other)[1]["Cache-Control"] == "no-store", other
    assert served.get("/en/")[1]["Cache-Control"] == "no-store"  # pages never

    # A changed stylesheet comes under a new address.
    style = served.site / "assets" / "style.css"
    style.write_text((REPO / "themes/default/assets/style.css").read_text() + "\n.x{}\n")
    assert served.watcher.build().ok
    assert _pinned(served.get("/en/portfolio/ai-tutor/")[2], "assets/style.css") != version


def test_connections_are_kept_alive(served: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    try:
        for path in ["/", "/assets/style.css", "/no/such/page", "/en"]:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.status in (200, 301, 404) and not response.will_close, path
    finally:
        connection.close()


# -- under load ------------------------------------------------------------------------

_LOAD_PATHS = ["/", "/en/", "/assets/style.css", "/favicon.svg", "/en/portfolio/ai-tutor/",
               "/no/such/page", "/assets/site.js", "/contact.vcf"]


def _fetch(port: int, path: str, timeout: float) -> tuple[int, bytes, float]:
    """One request on a new connection: status, body and seconds from connect to the end."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read(), time.perf_counter() - start
    finally:
        connection.close()


def concurrent_requests(port: int, paths: list[str], timeout: float = 20.0
                        ) -> list[tuple[int, bytes, float] | BaseException]:
    """Send every request of ``paths`` at once, each on its own connection from its own
    thread (released together); the result of each, in order, or what it raised."""
    results: list[tuple[int, bytes, float] | BaseException] = [TimeoutError()] * len(paths)
    ready = threading.Barrier(len(paths))

    def one(i: int) -> None:
        try:
            ready.wait(timeout)
            results[i] = _fetch(port, paths[i], timeout)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            results[i] = exc

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(len(paths))]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 3 * timeout  # only to stop a hang
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return results


def test_200_simultaneous_requests_are_all_answered(served_untouched: Served) -> None:
    expected = {path: served_untouched.get(path)[::2] for path in _LOAD_PATHS}
    # Tabs listening for builds hold their connections open all along; they must not
    # keep a file from being served.
    listening = [_events(served_untouched, served_untouched.server.live.version)
                 for _ in range(16)]
    try:
        paths = [_LOAD_PATHS[i % len(_LOAD_PATHS)] for i in range(200)]
        results = concurrent_requests(served_untouched.port, paths)
    finally:
        for sock, stream in listening:
            stream.close()
            sock.close()
    wrong = [(path, result if isinstance(result, BaseException) else result[0])
             for path, result in zip(paths, results)
             if isinstance(result, BaseException) or result[:2] != expected[path]]
    assert not wrong, f"{len(wrong)} of 200 not answered right, e.g. {wrong[:3]}"


def _ended(served: Served) -> threading.Semaphore:
    """Released once each time the server is done with a connection (after any error)."""
    ended = threading.Semaphore(0)
    finish = served.server.shutdown_request

    def shutdown_request(request: socket.socket) -> None:
        finish(request)
        ended.release()

    served.server.shutdown_request = shutdown_request  # type: ignore[method-assign]
    return ended


def _reset(sock: socket.socket) -> None:
    """Close with a reset (RST), as a tab that is closed mid-download does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_a_client_leaving_mid_response_is_no_fault(served: Served,
                                                   capfd: pytest.CaptureFixture[str]) -> None:
    # Larger than every socket buffer between the two ends, so the server is still
    # writing when the client goes.
    (served.out / "big.bin").write_bytes(os.urandom(1 << 16) * 256)  # 16 MiB
    ended = _ended(served)
    request = f"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n\r\n".encode()
    for leave in ("reset", "close"):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(5)
        sock.connect(("127.0.0.1", served.port))
        sock.sendall(request)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        _reset(sock) if leave == "reset" else sock.close()
        assert ended.acquire(timeout=20), leave
    sock, stream = _events(served, 0)  # a tab listening for builds, closed
    assert stream.readline().startswith(b"HTTP/1.")
    stream.close()
    _reset(sock)
    served.watcher.build()  # the stream writes, and finds the tab gone
    assert ended.acquire(timeout=20)

    assert served.get("/")[0] == 200  # still serving
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "Exception" not in out + err, err
    assert served.problems == []


def test_a_fault_is_one_line_and_a_500(served: Served, capfd: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Any other error: one line through serve's sink, a 500, never a traceback."""
    def broken(name: str) -> str:
        raise RuntimeError(f"cannot type {name}\nsecond line")

    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    try:
        with monkeypatch.context() as patch:
            patch.setattr("brandkit.serve.content_type", broken)
            connection.request("GET", "/en")  # answered: then the fault on the same connection
            assert connection.getresponse().read() == b""
            connection.request("GET", "/assets/style.css")
            response = connection.getresponse()
            status, body = response.status, response.read()
    finally:
        connection.close()
    assert status == 500 and b"Traceback" not in body and b"style.css" not in body
    assert served.problems == [("serve: could not answer GET /assets/style.css HTTP/1.1 "
                                "(RuntimeError: cannot type style.css second line); still serving")]
    assert served.get("/assets/style.css")[0] == 200
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err, err


def test_stop_wakes_every_wait_and_closes_the_streams(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """serve() stopped by its event (as Ctrl-C sets it): the watch loop wakes at once — it
    waits with no timeout, so nothing else could wake it — the server is shut down and a
    tab's event stream ends. No clock is read: joins have a timeout only against a hang."""
    from brandkit.serve import serve

    site = copy_example(tmp_path / "site")
    polls: list[float | None] = []
    shutdowns: list[bool] = []
    real_poll, real_shutdown = Watcher.poll, DevServer.shutdown

    def poll(self: Watcher, timeout: float | None = None) -> Outcome | None:
        polls.append(timeout)
        return real_poll(self, timeout)

    def shutdown(self: DevServer) -> None:
        shutdowns.append(True)
        real_shutdown(self)

    monkeypatch.setattr(Watcher, "poll", poll)
    monkeypatch.setattr(DevServer, "shutdown", shutdown)
    ready, stop, urls = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=serve, args=(site,), daemon=True, kwargs={
        "port": 0, "stop": stop, "on_ready": lambda url: (urls.append(url), ready.set())})
    thread.start()
    assert ready.wait(60)
    port = int(urls[0].rstrip("/").rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    sock.sendall(b"GET /__brandkit__/events?v=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    stream = sock.makefile("rb")
    try:
        assert stream.readline().startswith(b"HTTP/1.1 200")
        stop.set()
        thread.join(60)
        assert not thread.is_alive()
        # Whether the loop was already waiting when stop came is a race (ready is said by
        # the server, not the loop); if it waited, it was without a timeout.
        # tests/test_watch.py::test_setting_stop_wakes_the_run_loop wakes one for sure.
        assert set(polls) <= {None} and shutdowns == [True]
        assert stream.read().endswith(b"\n")  # the stream ended (EOF), not left hanging
    finally:
        stream.close()
        sock.close()
