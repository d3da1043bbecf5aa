"""UI tests: every file in tests/ui/ is checked and its diagnostics compared
exactly with the annotations written in it.

    let q: *const u8 = p; //~ ERROR M0001
    foo(p);               //~ ERROR M0002 argument points into memory 1
    //~^ ERROR E0308          (the annotation refers to the line above)

An annotation is `//~` (`^` per line upwards), the level (ERROR, WARNING),
the code, and optionally text that must occur in the message. A file with no
annotations must check cleanly. Every reported diagnostic must be annotated
and every annotation matched.

Lines `//~|` continue the annotation before them with the parts of the same
diagnostic:

    far(p0); //~ ERROR M0002 argument points into memory 0
    //~| LABEL expected `#[mem_idx(1)] *const u8`
    //~| NOTE pointers into different memories are different types
    //~| HELP spell out the round trip

LABEL text must occur in the primary label. Once an annotation lists one
NOTE (or HELP), the diagnostic's notes (helps) must be exactly those listed,
in any order, each containing its text.

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
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import check_text
from compiler.diagnostics import Diagnostic, DiagnosticSink
from compiler.source import SourceFile

UI_DIR = Path(__file__).parent / "ui"
ANNOTATION = re.compile(r"//~(?P<up>\^*)\s*(?P<level>ERROR|WARNING)\s+(?P<code>[A-Z]+\d*|[a-z_]+)(?:\s+(?P<text>.*?))?\s*$")
CONTINUATION = re.compile(r"//~\|\s*(?P<part>NOTE|HELP|LABEL)\s+(?P<text>.*?)\s*$")


@dataclass
class Expected:
    line: int
    level: str
    code: str
    fragment: str
    label: str = ""
    notes: list[str] = field(default_factory=list)
    helps: list[str] = field(default_factory=list)

    def matches(self, d: Diagnostic) -> bool:
        line = d.span.line_col()[0] if d.span else 0
        return (line == self.line and d.level.value == self.level and (d.code or "") == self.code
                and self.fragment in d.message and self.label in d.label
                and _parts_match(self.notes, d.notes) and _parts_match(self.helps, d.help))


def _parts_match(fragments: list[str], parts: list[str]) -> bool:
    """No fragments: anything goes. Otherwise each part contains its own fragment."""
    if not fragments:
        return True
    if len(fragments) != len(parts):
        return False
    remaining = list(parts)
    for fragment in fragments:
        hit = next((p for p in remaining if fragment in p), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def expected_diagnostics(text: str) -> list[Expected]:
    found: list[Expected] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = ANNOTATION.search(line)
        if match:
            target = number - len(match["up"])
            found.append(Expected(target, match["level"].lower(), match["code"], match["text"] or ""))
            continue
        part = CONTINUATION.search(line)
        if part:
            assert found, f"line {number}: `//~|` without an annotation before it"
            if part["part"] == "LABEL":
                found[-1].label = part["text"]
            else:
                (found[-1].notes if part["part"] == "NOTE" else found[-1].helps).append(part["text"])
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
    unmatched = list(sink.diagnostics)
    missing = []
    for annotation in expected:
        hit = next((d for d in unmatched if annotation.matches(d)), None)
        if hit is None:
            missing.append(annotation)
        else:
            unmatched.remove(hit)
    reported = [(d.span.line_col()[0] if d.span else 0, d.code, d.message) for d in unmatched]
    assert not missing and not unmatched, (
        f"\nexpected but not reported: {missing}\nreported but not expected: {reported}\n\n{sink.render()}")


def test_every_code_has_a_ui_test_or_is_exempt() -> None:
    """Each checker code appears in at least one UI file (back-end codes are
    exercised by the execution tests)."""
    from compiler.diagnostics import CODES
    used = {a.code for p in ui_files() for a in expected_diagnostics(p.read_text())}
    front_end_codes = {c for c in CODES if c[0] == "M" or (c[0] == "L" and c not in ("L0005", "L0006"))}
    front_end_codes.add("I0001")  # I0002 cannot come from source (M0011 refuses the declaration first)
    assert front_end_codes <= used, f"memory and link rules without UI tests: {sorted(front_end_codes - used)}"


def test_annotations_check_labels_notes_and_helps() -> None:
    """The `//~|` parts are really compared (a wrong or missing one fails)."""
    source = "#![memory(1, min = 1)]\nfn f(p: #[mem_idx(1)] *const u8) -> *const u8 { p }\n"
    _, sink = check_text(source)
    (d,) = sink.diagnostics

    def annotated(*parts: str) -> Expected:
        text = "//~ ERROR M0003\n" + "".join(f"//~| {p}\n" for p in parts)
        (annotation,) = expected_diagnostics(text)
        annotation.line = 2
        return annotation

    assert annotated("NOTE different types", "HELP round trip", "LABEL found `#[mem_idx(1)] *const u8`").matches(d)
    assert not annotated("NOTE no such note").matches(d)
    assert not annotated("HELP round trip", "HELP a second help that is not there").matches(d)
    assert not annotated("LABEL expected `u32`").matches(d)
