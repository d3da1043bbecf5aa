"""UI tests: every file in tests/ui/ is checked and its diagnostics compared
exactly with the annotations written in it.

    let q: *const u8 = p; //~ ERROR M0001
    foo(p);               //~ ERROR M0002 argument points into memory 1
    //~^ ERROR E0308          (the annotation refers to the line above)

An annotation is `//~` (`^` per line upwards), the level (ERROR, WARNING),
the code, and optionally text that must occur in the message. A file with no
annotations must check cleanly. Every reported diagnostic must be annotated
and every annotation matched.

A file that starts with `// LINK: NAME=FILE` lines (FILE relative to
tests/ui/) is checked against those modules, as `farc check --link` does:
each FILE is compiled first (files under tests/ui/linked/ are modules to link
against, not UI tests themselves). A file with a `// BUILD: -ON` line is
compiled to wasm at that optimization level instead of only checked: the
diagnostics of the whole build are compared (isolation policies are checked
on the final module).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from conftest import check_text
from compiler.diagnostics import DiagnosticSink
from compiler.source import SourceFile

UI_DIR = Path(__file__).parent / "ui"
ANNOTATION = re.compile(r"//~(?P<up>\^*)\s*(?P<level>ERROR|WARNING)\s+(?P<code>[A-Z]+\d*)(?:\s+(?P<text>.*?))?\s*$")


def expected_diagnostics(text: str) -> list[tuple[int, str, str, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = ANNOTATION.search(line)
        if match:
            target = number - len(match["up"])
            found.append((target, match["level"].lower(), match["code"], match["text"] or ""))
    return found


def ui_files() -> list[Path]:
    return sorted(UI_DIR.glob("*.rs"))


LINK = re.compile(r"^//\s*LINK:\s*(\w+)=(\S+)\s*$")


def link_directives(text: str) -> list[tuple[str, str]]:
    return [(m[1], m[2]) for line in text.splitlines() if (m := LINK.match(line))]


@functools.lru_cache(maxsize=None)
def linked_wasm(links: tuple[tuple[str, str], ...]) -> dict[str, bytes]:
    """The finished modules of a UI file's LINK lines (compiled once per test process)."""
    from compiler.driver import Link, build_links
    sink = DiagnosticSink()
    built = build_links([Link(name, SourceFile.read(UI_DIR / file)) for name, file in links], sink)
    assert built is not None, sink.render()
    return built


BUILD = re.compile(r"^//\s*BUILD:\s*-O([0-3])\s*$", re.M)


def check_ui_file(path: Path, text: str) -> DiagnosticSink:
    name = str(path.relative_to(UI_DIR.parent.parent))
    links = link_directives(text)
    build = BUILD.search(text)
    if build is not None:
        from compiler.driver import compile_source
        sink = DiagnosticSink()
        compile_source(SourceFile(name, text), sink, int(build[1]), links=linked_wasm(tuple(links)))
        return sink
    if not links:
        return check_text(text, name)[1]
    from compiler.driver import check_source
    sink = DiagnosticSink()
    check_source(SourceFile(name, text), sink, linked_wasm(tuple(links)))
    return sink


@pytest.mark.parametrize("path", ui_files(), ids=lambda p: p.stem)
def test_ui(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = expected_diagnostics(text)
    sink = check_ui_file(path, text)
    actual = [(d.span.line_col()[0] if d.span else 0, d.level.value, d.code or "", d.message)
              for d in sink.diagnostics]
    unmatched = list(actual)
    missing = []
    for line, level, code, fragment in expected:
        hit = next((a for a in unmatched if a[0] == line and a[1] == level and a[2] == code
                    and fragment in a[3]), None)
        if hit is None:
            missing.append((line, level, code, fragment))
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, (
        f"\nexpected but not reported: {missing}\nreported but not expected: {unmatched}\n\n{sink.render()}")


def test_every_code_has_a_ui_test_or_is_exempt() -> None:
    """Each checker code appears in at least one UI file (back-end codes are
    exercised by the execution tests)."""
    from compiler.diagnostics import CODES
    used = {code for p in ui_files() for (_, _, code, _) in expected_diagnostics(p.read_text())}
    front_end_codes = {c for c in CODES if c[0] == "M" or (c[0] == "L" and c not in ("L0005", "L0006"))}
    front_end_codes.add("I0001")  # I0002 cannot come from source (M0011 refuses the declaration first)
    assert front_end_codes <= used, f"memory and link rules without UI tests: {sorted(front_end_codes - used)}"
