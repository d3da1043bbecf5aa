"""Directive headers of tests/programs/*.rs and examples/*.rs, and compiling them.

    // CALL: name(args) -> result   call an export; results compare exactly (floats to 1e-9)
    // TRAP: name(args)             the call must trap (last call of the file)
    // HOST-WRITE: MEM OFFSET HEX   bytes the host writes into imported memory MEM first
    // READ: MEM OFFSET HEX         bytes expected in memory MEM after the calls
    // ORACLE: skip REASON          not comparable with a native rustc build
    // LINK: NAME=FILE              a module this one imports from as NAME (FILE relative
                                    to the program's folder, compiled first); calls run with
                                    the modules linked at run time, and merged statically
    // KNOWN-BUG: O0,O2 REASON      a known, recorded bug makes the file fail at these -O levels:
                                    the test is a strict xfail there (fixing the bug makes it
                                    fail until the line is removed)

All calls of a file run in order in one instance. Programs are the files in
tests/programs/ and examples/, and in the folders of examples/ (multi-module
examples).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from compiler.diagnostics import DiagnosticSink
from compiler.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
PROGRAM_FILES = (sorted((ROOT / "tests" / "programs").glob("*.rs")) + sorted((ROOT / "examples").glob("*.rs"))
                 + sorted((ROOT / "examples").glob("*/*.rs")))

def program_id(path: Path) -> str:
    """A test id: the file's stem, prefixed with its folder for the files of a multi-module example."""
    return path.stem if path.parent.name in ("programs", "examples") else f"{path.parent.name}.{path.stem}"


_CALL = re.compile(r"^//\s*(CALL|TRAP):\s*(\w+)\((.*?)\)\s*(?:->\s*(\S+))?\s*$")
_BYTES = re.compile(r"^//\s*(HOST-WRITE|READ):\s*(\d+)\s+(\d+)\s+([0-9a-fA-F]+)\s*$")
_ORACLE = re.compile(r"^//\s*ORACLE:\s*skip\b(.*)$")
_LINK = re.compile(r"^//\s*LINK:\s*(\w+)=(\S+)\s*$")
_KNOWN_BUG = re.compile(r"^//\s*KNOWN-BUG:\s*((?:O[0-3],?)+)\s+(.*)$")


def parse_value(text: str) -> int | float:
    text = text.strip()
    try:
        return int(text, 0)
    except ValueError:
        return float(text)


@dataclass
class Call:
    name: str
    args: list
    expected: int | float | None
    traps: bool


@dataclass
class Spec:
    path: Path
    calls: list[Call] = field(default_factory=list)
    host_writes: list[tuple[int, int, bytes]] = field(default_factory=list)
    reads: list[tuple[int, int, bytes]] = field(default_factory=list)
    oracle_skip: str | None = None
    links: tuple[tuple[str, Path], ...] = ()
    #: -O level -> why the file is expected to fail there (KNOWN-BUG)
    known_bugs: dict[int, str] = field(default_factory=dict)


def parse_spec(path: Path) -> Spec:
    spec = Spec(path)
    for line in path.read_text().splitlines():
        if m := _CALL.match(line):
            args = [parse_value(a) for a in m[3].split(",") if a.strip()]
            expected = parse_value(m[4]) if m[4] else None
            spec.calls.append(Call(m[2], args, expected, m[1] == "TRAP"))
        elif m := _BYTES.match(line):
            entry = (int(m[2]), int(m[3]), bytes.fromhex(m[4]))
            (spec.host_writes if m[1] == "HOST-WRITE" else spec.reads).append(entry)
        elif m := _ORACLE.match(line):
            spec.oracle_skip = m[1].strip() or "skipped"
        elif m := _LINK.match(line):
            spec.links += ((m[1], path.parent / m[2]),)
        elif m := _KNOWN_BUG.match(line):
            for level in m[1].strip(",").split(","):
                spec.known_bugs[int(level[1:])] = m[2].strip()
    assert spec.calls, f"{path.name} has no CALL/TRAP directive"
    assert all(not c.traps for c in spec.calls[:-1]), f"{path.name}: TRAP must be the last call"
    return spec


@functools.lru_cache(maxsize=None)
def compile_program(path: Path, opt_level: int, legalize_first: bool = False):
    """(Artifacts, sink) for a program file (cached per test process)."""
    artifacts, _, sink = compile_linked_program(path, opt_level, legalize_first)
    return artifacts, sink


@functools.lru_cache(maxsize=None)
def compile_linked_program(path: Path, opt_level: int, legalize_first: bool = False):
    """(Artifacts, {link name: wasm}, sink) for a program file and its LINK modules."""
    from compiler.driver import Link, compile_linked
    sink = DiagnosticSink()
    links = [Link(name, SourceFile.read(file)) for name, file in parse_spec(path).links]
    built = compile_linked(SourceFile.read(path), links, sink, opt_level, legalize_first)
    return built.main, built.links, sink


def values_match(actual, expected) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        return actual is not None and abs(float(actual) - float(expected)) <= 1e-9 * max(1.0, abs(expected))
    return actual == expected
