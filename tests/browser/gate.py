"""The quality gate's tools: which pages a build produced and what each must be, a local
server that mimics GitHub project pages, and the three outside checkers — axe-core (in
the page), the Nu HTML Checker (one Java process for every file) and Lighthouse.

The checkers come from npm (``package.json`` pins them; ``scripts/test`` runs ``npm ci``).
Nothing here decides pass or fail: the tests do.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SITE = REPO_ROOT / "example-site"
NODE_MODULES = REPO_ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
# CI keeps this folder: Lighthouse reports and the gate's summary land here.
ARTIFACTS = Path(os.environ.get("BRANDKIT_ARTIFACTS", REPO_ROOT / "artifacts"))
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01, as in the golden test
WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")


# --- which pages, and what each must be -------------------------------------------------

# What a page is, by its path below the language prefix. `index` is what search engines
# may do with it: "public" pages must be indexable and in the sitemap; "noindex" pages
# (prep material, the 404) must say noindex and stay out of it; "either" only has to be
# consistent. A path nobody listed is gated as "either".
PAGE_KINDS: list[tuple[str, str, str]] = [
    (r"index\.html", "home", "public"),
    (r"portfolio/[^/]+/index\.html", "portfolio", "public"),
    (r"404\.html", "404", "noindex"),
    (r"card/.*", "card", "noindex"),
    (r"scripts/.*", "script", "noindex"),
    (r"rehearse/.*", "rehearse", "noindex"),
    (r"events/.*", "event", "noindex"),
    (r"e/.*", "event-link", "either"),
    (r"qr/.*", "qr", "noindex"),  # "show my QR": for the owner's phone, not for search
]
# Folders a build writes beside the published output, for the owner only (the business
# card carries card-only contacts): gated like any page, but never published, so the
# search-engine rules do not apply ("private").
PRIVATE_OUTPUTS = {"_card": "card"}
_LANG_PREFIX = re.compile(r"^(?:ja|en)/")


@dataclass(frozen=True)
class GatePage:
    root: Path  # the output folder the page is in
    path: str  # POSIX path inside it, e.g. "en/portfolio/ai-tutor/index.html"
    kind: str
    index: str  # public | noindex | either | private

    @property
    def file(self) -> Path:
        return self.root / self.path

    @property
    def published(self) -> bool:
        return self.index != "private"

    def __str__(self) -> str:
        return self.path if self.published else f"{self.root.name}/{self.path}"


def classify(root: Path, path: str) -> GatePage:
    inner = _LANG_PREFIX.sub("", path)
    for pattern, kind, index in PAGE_KINDS:
        if re.fullmatch(pattern, inner):
            return GatePage(root, path, kind, index)
    return GatePage(root, path, "other", "either")


def _html_files(folder: Path) -> list[str]:
    found = []
    for file in sorted(folder.rglob("*.html")):
        rel = file.relative_to(folder)
        if not any(part.startswith(".") for part in rel.parts):  # .git and the like
            found.append(rel.as_posix())
    return found


def discover_pages(out: Path) -> list[GatePage]:
    """Every HTML page a build wrote: the published output folder ``out``, then the
    private folders beside it (``_card/``)."""
    pages = [classify(out, path) for path in _html_files(out)]
    for name, kind in PRIVATE_OUTPUTS.items():
        folder = out.parent / name
        if folder.is_dir():
            pages += [GatePage(folder, path, kind, "private") for path in _html_files(folder)]
    return pages


def build_site(site: Path, out: Path | None = None) -> Path:
    """``brandkit build`` in a child process (as a user runs it), fixed date; → output folder."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, BRANDKIT_LANG="en")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "brandkit", "build", str(site), "-q"]
    if out is not None:
        command += ["--out", str(out)]
    result = subprocess.run(command, cwd=site.parent, env=env, capture_output=True, text=True,
                            timeout=300, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise RuntimeError(f"`brandkit build {site}` exited {result.returncode}\n"
                           f"{result.stdout}{result.stderr}")
    return out if out is not None else site / "_site"


@functools.lru_cache(maxsize=None)
def example_build(theme: str = "default") -> Path:
    """The example site built once per test process with ``theme``; its output folder.

    Cached at module level (not a fixture) because the gate's test list is made from the
    pages it contains, at collection time.
    """
    root = Path(tempfile.mkdtemp(prefix=f"brandkit-gate-{theme}-"))
    import atexit
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    site = root / "example-site"
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("_site"))
    if theme != "default":
        profile = site / "profile.yaml"
        text = profile.read_text(encoding="utf-8")
        changed = re.sub(r"(?m)^(\s+theme:\s*)default\s*$", rf"\g<1>{theme}", text)
        assert changed != text, "example profile has no `brand.theme: default` line"
        profile.write_text(changed, encoding="utf-8")
    return build_site(site)


# --- static checks of a page's head (the SEO part that needs no browser) ----------------

class HeadFacts(HTMLParser):
    """What a page says about itself in <html> and <head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[(a.get("name") or a.get("property", "")).lower()] = a.get("content", "")
        elif tag == "meta" and "charset" in a:
            self.meta["charset"] = a["charset"]
        elif tag == "link":
            self.links.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    @property
    def noindex(self) -> bool:
        return "noindex" in self.meta.get("robots", "").lower()

    def link(self, rel: str) -> str | None:
        for link in self.links:
            if rel in link.get("rel", "").lower().split():
                return link.get("href")
        return None


def head_facts(file: Path) -> HeadFacts:
    facts = HeadFacts()
    facts.feed(file.read_text(encoding="utf-8"))
    return facts


def sitemap_urls(out: Path) -> set[str]:
    """Addresses sitemap.xml gives: each <loc>, and each language version it links."""
    file = out / "sitemap.xml"
    if not file.is_file():
        return set()
    text = file.read_text(encoding="utf-8")
    return set(re.findall(r"<loc>([^<]+)</loc>", text)) | set(
        re.findall(r'<xhtml:link rel="alternate" hreflang="[^"]+" href="([^"]+)"', text))


# --- a local server shaped like GitHub project pages ------------------------------------

class SiteServer:
    """Serves ``folder`` at ``http://127.0.0.1:<port><prefix>``; unknown paths get the
    site's 404.html with status 404, as GitHub Pages does."""

    def __init__(self, folder: Path, prefix: str = "/") -> None:
        self.folder, self.prefix = folder, prefix if prefix.endswith("/") else prefix + "/"
        server = self

        class Handler(SimpleHTTPRequestHandler):
            extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                              ".vcf": "text/vcard", ".ics": "text/calendar",
                              ".webmanifest": "application/manifest+json",
                              ".js": "text/javascript", ".svg": "image/svg+xml"}

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(server.folder), **kwargs)

            def translate_path(self, path: str) -> str:
                plain = unquote(urlsplit(path).path)
                if not plain.startswith(server.prefix):
                    return str(server.folder / ".no-such-file")
                return super().translate_path("/" + plain[len(server.prefix):])

            def send_error(self, code: int, message: str | None = None,
                           explain: str | None = None) -> None:
                page = server.folder / "404.html"
                if code != 404 or not page.is_file():
                    super().send_error(code, message, explain)
                    return
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet: failed requests are caught in the browser instead

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def url(self, path: str) -> str:
        # Link to folders as a visitor would ("en/" rather than "en/index.html").
        return self.base + (path[: -len("index.html")] if path.endswith("index.html") else path)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


# --- the outside checkers ----------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def harness() -> Any:
    """tests/browser/conftest.py as a module: its Chromium path and launch flags are the
    ones every browser in the suite uses, Lighthouse's included. (Pytest may have several
    modules called ``conftest``; loading this one by path is unambiguous.)"""
    import importlib.util

    spec = importlib.util.spec_from_file_location("brandkit_browser_harness",
                                                  Path(__file__).with_name("conftest.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def require(missing: list[str]) -> None:
    """Skip when gate tools are missing on a developer's machine; fail in CI."""
    if not missing:
        return
    import pytest

    reason = "quality-gate tools missing: " + "; ".join(missing)
    if harness().browser_required():
        pytest.fail(f"{reason}. The gate must run here (CI=true or "
                    "BRANDKIT_REQUIRE_BROWSER=1); `bash scripts/test` installs them.",
                    pytrace=False)
    pytest.skip(f"{reason} (run `bash scripts/test`)")


def missing_tools() -> list[str]:
    """What the gate needs and this machine lacks (empty when all is there)."""
    missing = []
    for file in (AXE_JS, VNU_JAR, LIGHTHOUSE_CLI):
        if not file.is_file():
            missing.append(f"{file.relative_to(REPO_ROOT)} (run `npm ci`)")
    for program in ("java", "node"):
        if shutil.which(program) is None:
            missing.append(f"`{program}` on PATH")
    return missing


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary || "")
                              .replace(/\\s+/g, " ").trim())}));
}"""


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on ``page`` (a Playwright Page), all default rules.

    The script is evaluated through the DevTools protocol, not added as a <script>, so a
    page's Content-Security-Policy cannot block it and the page's markup stays as built.
    """
    page.evaluate(axe_source() + "\n;undefined")
    if page.evaluate("typeof axe") != "object":
        raise RuntimeError("axe-core did not load into the page")
    return list(page.evaluate(_RUN_AXE))


def describe_axe(violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"axe {v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {node}" for node in v["nodes"][:5]]
    return lines


@dataclass
class VnuMessage:
    file: Path  # the checked file, resolved
    type: str  # error | info | non-document-error
    subtype: str  # "warning" for most infos
    message: str
    line: int
    extract: str

    @property
    def is_error(self) -> bool:
        return self.type != "info"

    def __str__(self) -> str:
        kind = self.subtype or self.type
        return f"{self.file.name}:{self.line}: {kind}: {self.message} [{self.extract.strip()[:80]}]"


def run_vnu(files: list[Path]) -> list[VnuMessage]:
    """The Nu HTML Checker over ``files`` in one Java process (HTML, CSS and SVG)."""
    command = ["java", "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
               "--exit-zero-always", "--also-check-css", "--also-check-svg",
               *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600,
                            stdin=subprocess.DEVNULL)
    try:
        data = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu gave no JSON (exit {result.returncode}):\n"
                           f"{result.stdout[-2000:]}{result.stderr[-2000:]}") from error
    found = []
    for m in data.get("messages", []):
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
        found.append(VnuMessage(path.resolve(), m.get("type", ""), m.get("subType", ""),
                                m.get("message", ""), int(m.get("lastLine", 0) or 0),
                                m.get("extract", "")))
    return found


LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(url: str, report: Path, preset: str, chromium: Path,
                   chromium_args: list[str]) -> dict[str, float]:
    """Lighthouse on ``url`` (``preset``: mobile or desktop); JSON report → ``report``.

    Returns the category scores as 0–100.
    """
    report.parent.mkdir(parents=True, exist_ok=True)
    command = ["node", str(LIGHTHOUSE_CLI), url, "--output=json", f"--output-path={report}",
               "--quiet", f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
               "--chrome-flags=" + " ".join(chromium_args)]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=str(chromium))
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env,
                            stdin=subprocess.DEVNULL)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse exited {result.returncode}:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {data['runtimeError']}")
    return {name: round(100 * (data["categories"][name]["score"] or 0))
            for name in LIGHTHOUSE_CATEGORIES}


def lighthouse_failures(report: Path) -> list[str]:
    """The audits that cost points in ``report``, for a readable failure message."""
    data = json.loads(report.read_text(encoding="utf-8"))
    lines = []
    for name, category in data["categories"].items():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                lines.append(f"{name}: {audit['id']} {score:.2f} — {audit['title']} "
                             f"{audit.get('displayValue', '')}".rstrip())
    return lines


_SUMMARY: dict[str, Any] = {}


def record(section: str, key: str, value: Any) -> None:
    """Note a measurement for ``artifacts/quality-gate.json`` (written when the run ends;
    sections measured in this run replace the file's, the others are kept)."""
    if not _SUMMARY:
        import atexit
        atexit.register(_write_summary)
    _SUMMARY.setdefault(section, {})[key] = value


def _write_summary() -> None:
    path = ARTIFACTS / "quality-gate.json"
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            data = {}
    data.update(_SUMMARY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                    encoding="utf-8")
