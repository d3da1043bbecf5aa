"""`farc serve`: the explorer's HTTP server (Python's standard library only).

What it answers, and nothing else:

    GET  /                      the page (static/index.html)
    GET  /static/<file>         the page's own assets: the files under static/ when the
                                server started (the bundled editor in static/dist/)
    GET  /api/examples          [{name, title}] of examples/*.rs and the one-file programs
                                of examples/designs/<design>/ (named `<design>-<program>`)
    GET  /api/examples/<name>   {name, source} of one of them
    GET  /api/explain/<CODE>    {code, title, text}: what `farc explain CODE` prints
    POST /api/compile           {source, options} -> the report of `report.explore`

File names never come from the request: static files and examples are
looked up in tables built at start-up, so no path the page sends can reach
the file system. Bound to the loopback interface by default; then requests
must name a loopback host (a web page elsewhere cannot reach the server
through a DNS name it controls), and compile requests must be JSON (a form
on another site cannot post one without the browser asking first, and the
server never says yes). Compilations run in limited child processes
(`jobs.py`).
"""
from __future__ import annotations

import ipaddress
import json
import re
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import CODES, explain
from .jobs import Compiler, Limits
from .report import BadRequest, Options

STATIC_DIR = Path(__file__).resolve().parent / "static"
EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
BUNDLE = "dist/explorer.js"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
_EXAMPLE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
#: `mod name;`: a module in another file
_MODULE_FILE = re.compile(r"^\s*(?:pub\s+)?mod\s+(\w+)\s*;", re.MULTILINE)
#: the page's scripts come from this server only; wasm compiles in the page;
#: CodeMirror injects its styles at run time, hence 'unsafe-inline' for styles
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


class Site:
    """What the server can serve, fixed at start-up, and the compiler it uses."""

    def __init__(self, compiler: Compiler, static_dir: Path = STATIC_DIR, examples_dir: Path = EXAMPLES_DIR) -> None:
        self.compiler = compiler
        self.static: dict[str, tuple[Path, str]] = {}
        for path in sorted(static_dir.rglob("*")):
            kind = CONTENT_TYPES.get(path.suffix)
            if path.is_file() and kind is not None:
                self.static[path.relative_to(static_dir).as_posix()] = (path, kind)
        self.examples: dict[str, Path] = find_examples(examples_dir)

    @property
    def has_bundle(self) -> bool:
        return BUNDLE in self.static

    def example_list(self) -> list[dict]:
        return [{"name": name, "title": example_title(path.read_text(encoding="utf-8"))}
                for name, path in self.examples.items()]


def find_examples(examples_dir: Path) -> dict[str, Path]:
    """The examples by name: `examples/*.rs`, then the programs of the four
    designs side by side (`examples/designs/<design>/<program>.rs` as
    `<design>-<program>`) that are one file: the page compiles one source, so
    a program that loads a module file (`mod fat;`) is left out."""
    found = {p.stem: p for p in sorted(examples_dir.glob("*.rs"))}
    for design in sorted(examples_dir.glob("designs/*/")):
        texts = {path: path.read_text(encoding="utf-8") for path in sorted(design.glob("*.rs"))}
        modules = {m.group(1) for text in texts.values() for m in _MODULE_FILE.finditer(text)}
        for path, text in texts.items():
            if path.stem not in modules and not _MODULE_FILE.search(text):  # (a module file is no program)
                found[f"{design.name}-{path.stem}"] = path
    return {name: path for name, path in found.items() if _EXAMPLE_NAME.match(name)}


def example_title(text: str) -> str:
    """The first line of the leading comment, or empty."""
    for line in text.splitlines():
        if line.startswith("//"):
            return line.lstrip("/").strip()
        if line.strip():
            break
    return ""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host part of a Host header (`127.0.0.1:8000`, `[::1]:8000`, `localhost`)."""
    if header.startswith("["):
        return header[: header.find("]") + 1]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Handler(BaseHTTPRequestHandler):
    server_version = "farc-explorer"
    protocol_version = "HTTP/1.1"
    site: Site  # set on the subclass `make_server` builds
    loopback_only = True
    verbose = False

    # ----- responses -----
    def _send(self, status: int, body: bytes, content_type: str, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=300" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", CSP)
        # cross-origin isolation: the page may create shared memories (SharedArrayBuffer)
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Referrer-Policy", "no-referrer")
        try:
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the page gave up on it (a newer edit): fine
            self.close_connection = True

    def _json(self, status: int, data: object) -> None:
        self._send(status, json.dumps(data).encode("utf-8"), "application/json; charset=utf-8")

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._json(status, {"error": message})

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if self.verbose:
            super().log_message(format, *args)

    # ----- routing -----
    def _allowed_host(self) -> bool:
        if not self.loopback_only:
            return True
        return is_loopback(_host_name(self.headers.get("Host", "")))

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._allowed_host():
            return self._error(HTTPStatus.FORBIDDEN, "the farc explorer answers requests to a loopback address only")
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            return self._static("index.html")
        if path.startswith("/static/"):
            return self._static(unquote(path[len("/static/"):]))
        if path == "/api/examples":
            return self._json(HTTPStatus.OK, self.site.example_list())
        if path.startswith("/api/examples/"):
            return self._example(unquote(path[len("/api/examples/"):]))
        if path.startswith("/api/explain/"):
            return self._explain(unquote(path[len("/api/explain/"):]))
        self._error(HTTPStatus.NOT_FOUND, "not found")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        if not self._allowed_host():
            return self._error(HTTPStatus.FORBIDDEN, "the farc explorer answers requests to a loopback address only")
        if urlsplit(self.path).path != "/api/compile":
            return self._error(HTTPStatus.NOT_FOUND, "not found")
        request = self._read_json()
        if request is None:
            return
        try:
            source, options = parse_compile_request(request)
        except BadRequest as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        self._json(HTTPStatus.OK, self.site.compiler.compile(source, options))

    def _read_json(self) -> object | None:
        """The request body as JSON, or None after answering with an error."""
        if self.headers.get_content_type() != "application/json":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the request as application/json")
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._error(HTTPStatus.LENGTH_REQUIRED, "a Content-Length is required")
            return None
        # JSON escapes can make a source of the largest accepted size up to 6 times longer
        limit = 6 * self.site.compiler.limits.max_source_bytes + 4096
        if length < 0 or length > limit:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {limit} bytes")
            return None
        body = self.rfile.read(length)
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._error(HTTPStatus.BAD_REQUEST, f"the request is not valid JSON: {exc}")
            return None

    # ----- the routes -----
    def _static(self, name: str) -> None:
        entry = self.site.static.get(name)
        if entry is None:
            return self._error(HTTPStatus.NOT_FOUND, "not found")
        path, kind = entry
        self._send(HTTPStatus.OK, path.read_bytes(), kind, cache=name != "index.html")

    def _example(self, name: str) -> None:
        path = self.site.examples.get(name)
        if path is None:
            return self._error(HTTPStatus.NOT_FOUND, f"no example named `{name}`")
        self._json(HTTPStatus.OK, {"name": name, "source": path.read_text(encoding="utf-8")})

    def _explain(self, code: str) -> None:
        text = explain(code) if re.fullmatch(r"[A-Za-z]{1,3}\d{0,4}", code) else None
        if text is None:
            return self._error(HTTPStatus.NOT_FOUND, f"`{code}` is not a farc error code")
        code = code.upper()
        self._json(HTTPStatus.OK, {"code": code, "title": CODES[code].title, "text": text})


def parse_compile_request(request: object) -> tuple[str, Options]:
    """The source and options of a compile request; BadRequest if it is malformed."""
    if not isinstance(request, dict):
        raise BadRequest("the request must be a JSON object")
    unknown = set(request) - {"source", "options"}
    if unknown:
        raise BadRequest(f"unknown field `{sorted(unknown)[0]}`")
    source = request.get("source")
    if not isinstance(source, str):
        raise BadRequest("`source` must be a string")
    return source, Options.from_json(request.get("options"))


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def make_server(host: str, port: int, limits: Limits, verbose: bool = False,
                examples_dir: Path = EXAMPLES_DIR) -> ThreadingHTTPServer:
    """A server bound to (host, port) (port 0: any free port), not yet serving."""
    site = Site(Compiler(limits), examples_dir=examples_dir)
    handler = type("ExplorerHandler", (Handler,), {"site": site, "loopback_only": is_loopback(host),
                                                    "verbose": verbose})
    server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
    server = server_class((host, port), handler)
    server.daemon_threads = True
    return server


def serve(host: str = "127.0.0.1", port: int = 8000, limits: Limits = Limits(), verbose: bool = False) -> int:
    """Run the explorer until interrupted; prints its URL first."""
    try:
        server = make_server(host, port, limits, verbose)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    site: Site = server.RequestHandlerClass.site  # type: ignore[attr-defined]
    if not site.has_bundle:
        print("warning: the page's editor bundle is missing (static/dist/explorer.js); "
              "run `bash scripts/setup.sh`", file=sys.stderr)
    if not is_loopback(host):
        print(f"warning: listening on {host}, not only on this machine: anyone who can reach it can "
              "make it compile programs", file=sys.stderr)
    bound_host, bound_port = server.server_address[:2]
    shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    print(f"farc explorer: http://{shown}:{bound_port}/  (Ctrl-C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
