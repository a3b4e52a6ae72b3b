"""``brandkit serve``: watch + a local preview server with live reload.

It serves the output folder as it is on disk, on 127.0.0.1 unless told otherwise. Into
each HTML response (never into a built file) it puts a small script that listens for
builds over server-sent events: a changed stylesheet is swapped in place, any other
change to the open page reloads it, and a failed build shows its located error over the
page until the next good build. Only files under the output folder are served: ``..``
(plain or percent-encoded), absolute paths and links leading out are refused.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from brandkit.errors import BrandkitError
from brandkit.messages import say
from brandkit.watch import DEBOUNCE, Outcome, Watcher, stop_on_interrupt

LOOPBACK = "127.0.0.1"
EVENTS = "/__brandkit__/events"
_LOCAL_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}
_HISTORY = 64  # builds remembered, to tell a reconnecting tab what changed

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
    ".vcf": "text/vcard; charset=utf-8", ".ics": "text/calendar; charset=utf-8",
    ".pdf": "application/pdf", ".json": "application/json", ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
    ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
    ".webmanifest": "application/manifest+json",
}

# Kept small and dependency-free; textContent only, so an error message is never HTML.
RELOAD_SCRIPT = """\
<script data-brandkit-live data-page="%(page)s" data-version="%(version)d">(function(){
var me=document.currentScript,page=me.dataset.page,seen=+me.dataset.version,box=null;
function show(text){if(!box){box=document.createElement("div");box.id="brandkit-error";
box.setAttribute("role","alert");box.style.cssText="position:fixed;inset:0;z-index:2147483647;"+
"background:rgba(24,24,28,.94);color:#fff;padding:2rem;margin:0;overflow:auto;"+
"font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
document.body.appendChild(box);}box.textContent="brandkit: the last build failed \\u2014 "+
"showing the last good site\\n\\n"+text;}
function swap(paths){document.querySelectorAll('link[rel~="stylesheet"]').forEach(function(link){
var u=new URL(link.href,location.href);if(u.origin!==location.origin||
paths.indexOf(decodeURIComponent(u.pathname.slice(1)))<0)return;
u.searchParams.set("brandkit",seen);var fresh=link.cloneNode();fresh.href=u.href;
fresh.onload=function(){link.remove();};link.after(fresh);});}
var source=new EventSource("%(events)s?v="+seen);
source.addEventListener("build",function(e){var d=JSON.parse(e.data);
if(d.error){show(d.error);return;}if(box){box.remove();box=null;}
if(d.version===seen)return;seen=d.version;var css=[],reload=false;
d.changed.forEach(function(p){if(/\\.css$/.test(p))css.push(p);
else if(p==="*"||!/\\.html$/.test(p)||p===page)reload=true;});
if(reload)location.reload();else if(css.length)swap(css);});})();</script>
"""


class LiveState:
    """The builds so far, as open tabs need to hear of them."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.generation = 0  # bumps on every build, good or bad
        # Bumps on every good build that changed a file. It starts anywhere, so a tab left
        # open across a restart of the server sees a version it does not know, and reloads.
        self.version = int.from_bytes(os.urandom(3), "big")
        self.error: str | None = None
        self.closing = False
        self._history: list[tuple[int, list[str]]] = []

    def publish(self, outcome: Outcome) -> None:
        with self.changed:
            if outcome.report is not None:
                self.error = None
                files = outcome.report.written + outcome.report.removed
                if files:
                    self.version += 1
                    self._history = (self._history + [(self.version, files)])[-_HISTORY:]
            else:
                self.error = outcome.error
            self.generation += 1
            self.changed.notify_all()

    def message(self, seen: int) -> dict[str, Any]:
        """What a tab that has seen build ``seen`` needs to know now."""
        if seen == self.version:
            changed: list[str] = []
        elif self._history and self._history[0][0] <= seen + 1 and seen < self.version:
            changed = sorted({p for v, files in self._history if v > seen for p in files})
        else:
            changed = ["*"]  # a build we do not remember (or another server's): reload
        return {"version": self.version, "error": self.error, "changed": changed}

    def close(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()


class DevServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # A page reload opens a burst of connections at once; a short queue drops the excess
    # connection attempts, and a dropped one is retried only after 1, 3, 7… seconds. The
    # kernel caps this at net.core.somaxconn.
    request_queue_size = socket.SOMAXCONN

    def __init__(self, watcher: Watcher, live: LiveState, host: str = LOOPBACK, port: int = 0,
                 strict_host: bool = True, on_problem: Callable[[str], None] | None = None):
        self.watcher, self.live = watcher, live
        self.on_problem = on_problem  # one line for each request that failed on our side
        # Refuse other Host names on loopback, so a web page cannot reach this server
        # by pointing a name it controls at 127.0.0.1 (DNS rebinding).
        self.strict_host = strict_host
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), _Request)
        except OSError as exc:
            raise BrandkitError(say("serve_bind", host=host, port=port, detail=exc.strerror)
                                + "; " + say("serve_bind_hint")) from None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"

    def root(self) -> Path:
        return self.watcher.builder.target or self.watcher._outputs[0]

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The last resort (the handler reports its own faults): never socketserver's
        # traceback on the terminal.
        self.problem("-", sys.exc_info()[1])

    def problem(self, request: str, exc: BaseException | None) -> None:
        """Report a fault in one line; a client that went away is not one."""
        if exc is None or _gone(exc) or self.on_problem is None:
            return
        detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        self.on_problem(say("serve_fault", request=_printable(request),
                            detail=_printable(detail)))

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="brandkit-serve", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.live.close()
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
        self.server_close()


class _Request(BaseHTTPRequestHandler):
    server: DevServer
    server_version = "brandkit"
    sys_version = ""
    # Keep-alive: a reload's page, stylesheet and scripts come over connections the tab
    # already has open, with no new connection (and no new thread here) for each.
    protocol_version = "HTTP/1.1"
    timeout = 120  # an idle connection's thread ends after this long
    # Headers and body go out as two writes: without this, the body of a kept-alive
    # response waits for the client's delayed ACK of the headers (~40 ms).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for build results

    def handle(self) -> None:
        try:
            super().handle()
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback
            self.close_connection = True
            if _gone(exc):
                return  # the tab closed or moved on mid-response: nothing to report
            self.server.problem(getattr(self, "requestline", "") or "-", exc)
            if not getattr(self, "_answering", True):
                try:
                    self._text(500, "Internal Server Error", head=False)
                except OSError:
                    pass

    def parse_request(self) -> bool:
        self._answering = False  # each request on a kept-alive connection afresh
        return super().parse_request()

    def send_response(self, code: int, message: str | None = None) -> None:
        self._answering = True
        super().send_response(code, message)

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        if self.server.strict_host and not self._local_host():
            return self._text(403, "Forbidden: unexpected Host header", head)
        raw = self.path
        if not raw.startswith("/"):  # absolute-form "http://host/path"
            raw = urlsplit(raw).path or "/"
        path = raw.split("?", 1)[0].split("#", 1)[0]
        if path == EVENTS:
            return self._events()
        rel = safe_relative(path)
        if rel is None:
            return self._text(403, "Forbidden", head)
        asked = parse_qs(raw.split("?", 1)[1].split("#", 1)[0]).get("v") if "?" in raw else None
        cache = "no-store"
        with self.server.watcher.lock:  # never read a file while a build writes it
            found = self._find(rel, path)
            if isinstance(found, str):
                return self._redirect(found)
            status, file = (200, found) if found is not None else (404, self._404())
            data = file.read_bytes() if file is not None else None
            kind = content_type(file.name) if file is not None else ""
            if data is not None and kind.startswith("text/html"):
                data = self._pin(data, path if path.endswith("/") else posixpath.dirname(path))
            elif found is not None and asked and asked[0] == _version(found):
                cache = "max-age=31536000, immutable"  # this version's bytes never change
        if data is None:
            return self._send(404, "text/html; charset=utf-8", self._inject(
                b"<!doctype html><title>Not found</title><p>Not found</p>", "404.html"), head)
        if kind.startswith("text/html"):
            page = file.relative_to(self.server.root().resolve()).as_posix()
            data = self._inject(data, page)
        self._send(status, kind, data, head, cache)

    def _local_host(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):
            name = host[: host.find("]") + 1]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in _LOCAL_NAMES

    def _find(self, rel: str, shown: str) -> Path | str | None:
        """The file for ``rel`` inside the output (resolved, links followed), a redirect
        target for a folder named without its slash, or None."""
        root = self.server.root().resolve()
        real = _inside(root, root / rel if rel else root)
        if real is not None and real.is_dir():
            if rel and not shown.endswith("/"):
                return shown + "/"
            real = _inside(root, real / "index.html")
        return real if real is not None and real.is_file() else None

    def _404(self) -> Path | None:
        root = self.server.root().resolve()
        real = _inside(root, root / "404.html")
        return real if real is not None and real.is_file() else None

    def _pin(self, html: bytes, folder: str) -> bytes:
        """Mark the page's own stylesheets, scripts and images (relative addresses) with
        their version, ``style.css?v=…``, served as never changing: a reload then fetches
        the page alone, and a changed file comes under a new address."""
        root = self.server.root().resolve()
        folder = folder.rstrip("/") + "/"

        def pinned(match: re.Match[bytes]) -> bytes:
            address = match.group(2)
            if address.startswith(b"/"):
                wanted = address.decode("utf-8", "replace")
            else:
                wanted = posixpath.normpath(folder + address.decode("utf-8", "replace"))
            rel = safe_relative(wanted)
            real = _inside(root, root / rel) if rel else None
            if real is None or not real.is_file():
                return match.group(0)
            return match.group(1) + address + b"?v=" + _version(real).encode() + b'"'

        return _PINNABLE.sub(pinned, html)

    def _inject(self, html: bytes, page: str) -> bytes:
        live = self.server.live
        script = (RELOAD_SCRIPT % {"page": _attr(page), "version": live.version,
                                   "events": EVENTS}).encode("utf-8")
        at = html.lower().rfind(b"</body>")
        return html + script if at < 0 else html[:at] + script + html[at:]

    def _events(self) -> None:
        """Server-sent events: one ``build`` event per build, a comment as a heartbeat."""
        live = self.server.live
        try:
            seen = int(self.path.split("v=", 1)[1].split("&")[0]) if "v=" in self.path else 0
        except ValueError:
            seen = 0
        self.close_connection = True  # the stream ends with the connection
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 300\n\n")  # reconnect soon after a restart
            with live.changed:
                generation = live.generation
                message = live.message(seen) if (live.error or live.version != seen) else None
            while True:
                if message is not None:
                    self.wfile.write(b"event: build\ndata: " + json.dumps(message).encode() + b"\n\n")
                    seen = message["version"]
                else:
                    self.wfile.write(b": ping\n\n")  # finds tabs that went away
                self.wfile.flush()
                with live.changed:
                    live.changed.wait_for(
                        lambda since=generation: live.generation != since or live.closing,
                        timeout=10)
                    if live.closing:
                        return
                    message = live.message(seen) if live.generation != generation else None
                    generation = live.generation
        except OSError as exc:
            if not _gone(exc):
                raise

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _text(self, status: int, text: str, head: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", (text + "\n").encode(), head)

    def _send(self, status: int, kind: str, data: bytes, head: bool,
              cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)


def _gone(exc: BaseException) -> bool:
    """Whether ``exc`` means the client went away (or stopped reading): not a fault."""
    return isinstance(exc, (ConnectionError, TimeoutError))


def _printable(text: str) -> str:
    """One terminal line: a request line is the client's text, so no control characters."""
    return "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))[:300]


def safe_relative(path: str) -> str | None:
    """The output-relative path a request names, or None when it must be refused.

    Refused: ``..`` and ``.`` segments (also percent-encoded), empty segments (``//etc``),
    backslashes, NUL and other control characters.
    """
    if not path.startswith("/"):
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:  # not UTF-8: names no file brandkit wrote
        return None
    if "\\" in decoded or any(ord(c) < 0x20 for c in decoded):
        return None
    parts = decoded[1:].split("/")
    if parts and parts[-1] == "":
        parts.pop()  # a trailing slash names the folder
    if any(part in ("", ".", "..") for part in parts):
        return None
    return "/".join(parts)


def _inside(root: Path, path: Path) -> Path | None:
    """``path`` with links followed, if it exists and stays inside ``root``."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a link loop
        return None
    return real if real == root or root in real.parents else None


def content_type(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    import mimetypes

    return mimetypes.guess_type(name)[0] or "application/octet-stream"


# A stylesheet, script or image the page names by a plain relative (or root) address:
# no scheme, no "//host", no query or fragment already.
_PINNABLE = re.compile(
    rb'(<(?:link|script|img)\b[^>]*?\s(?:href|src)=")(?!//)([^":?#<>\s]+)"', re.IGNORECASE)


def _version(path: Path) -> str:
    """Changes whenever the file does (output.py replaces files, so a new inode)."""
    info = path.stat()
    return format(hash((info.st_mtime_ns, info.st_size, info.st_ino)) & 0xFFFFFFFFFF, "x")


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))


def serve(site_folder: Path, out: Path | None = None, host: str | None = None, port: int = 8000,
          debounce: float = DEBOUNCE, on_outcome: Callable[[Outcome], None] | None = None,
          on_ready: Callable[[str], None] | None = None,
          stop: threading.Event | None = None, pdf: bool = False,
          on_problem: Callable[[str], None] | None = None) -> None:
    """Build, serve the output on ``host:port`` and rebuild on every save until stopped.

    ``on_problem`` hears, in one line each, requests that failed on the server's side."""
    stop = stop or threading.Event()
    live = LiveState()

    def published(outcome: Outcome) -> None:
        live.publish(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    watcher = Watcher(site_folder, out, None, debounce, on_outcome=published, pdf=pdf)
    server = DevServer(watcher, live, host or LOOPBACK, port,
                       strict_host=host is None or host in _LOCAL_NAMES, on_problem=on_problem)
    with stop_on_interrupt(stop, watcher.wake):
        try:
            watcher.start()
            server.start()
            if on_ready is not None:
                on_ready(server.url)
            watcher.run(stop)
        finally:
            server.close()
            watcher.close()
