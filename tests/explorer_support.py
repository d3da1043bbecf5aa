"""Driving the farc explorer in Debian's Chromium with Playwright (for the
browser tests and scripts/explorer_screenshot.py).

Playwright cannot download its own browser here; it drives the system's
`/usr/bin/chromium` (installed by scripts/setup.sh as root). The flags keep
Chromium off the network: without them it keeps trying Google's services.
"""
from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
BUNDLE = ROOT / "compiler" / "explorer" / "static" / "dist" / "explorer.js"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def missing_requirement() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return "Debian's chromium is not installed (/usr/bin/chromium; scripts/setup.sh installs it when run as root)"
    if not BUNDLE.exists():
        return "the explorer's page bundle is missing (compiler/explorer/static/dist/; run bash scripts/setup.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "PyPI playwright is not installed (pip install -e '.[test]')"
    return None


@contextlib.contextmanager
def explorer_server(*extra: str):
    """`farc serve --port 0` in a child process; yields its URL."""
    proc = subprocess.Popen([sys.executable, "-m", "compiler.cli", "serve", "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if match is None:
            proc.kill()
            raise RuntimeError(f"farc serve did not print its URL: {line!r} {proc.stderr.read()}")
        yield match[0]
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def chromium():
    """A headless Chromium browser (Playwright's Browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def compiles(page) -> int:
    """How many compile reports the page has applied so far."""
    return page.evaluate("window.farcExplorer.compiles")


def wait_compiled(page, after: int, state: str = "ok", timeout_ms: int = 30_000) -> None:
    """Wait until a report newer than the `after`-th one applied, and the status says `state`."""
    # a function, not an expression: the page's CSP forbids eval
    page.wait_for_function("n => window.farcExplorer.compiles > n", arg=after, timeout=timeout_ms)
    page.wait_for_selector(f"#status[data-state={state}]", timeout=timeout_ms)


def set_source(page, text: str, state: str = "ok") -> None:
    """Replace the editor's text as a paste would (no auto-closed brackets); wait for its report."""
    before = compiles(page)
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)
    wait_compiled(page, before, state)
