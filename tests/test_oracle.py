"""Differential oracle: programs that are also valid Rust are compiled natively
with the machine's rustc (release semantics: wrapping arithmetic) and the
results of their exported functions compared with the wasm run.

Programs using far memories are compared the same way after their memory
attributes are erased (`#![memory(..)]`, `#[mem_idx(..)]`): then every
pointer is an ordinary pointer, and the program must compute the same values.
Programs marked `// ORACLE: skip` depend on something only wasm has.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from bench.erase import erase_memories
from compiler.runtime import RunRequest, run_wasmtime
from programs_support import PROGRAM_FILES, program_id, compile_program, parse_spec, values_match

RUSTC = shutil.which("rustc")
pytestmark = [pytest.mark.rustc, pytest.mark.skipif(RUSTC is None, reason="no rustc on this machine")]

PRELUDE = """#![allow(warnings)]
use core::ptr::*;
use core::mem::{size_of, align_of};
"""


def rust_literal(value) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def native_results(path, spec, tmp_path) -> list[str]:
    calls = "\n".join(
        f'    println!("{{:?}}", {c.name}({", ".join(rust_literal(a) for a in c.args)}));' for c in spec.calls)
    # the program's own `main` (an export) would clash with the oracle's entry point
    program = re.sub(r"\bmain\(", "farc_main(", erase_memories(path.read_text()))
    calls = calls.replace("main(", "farc_main(")
    source = PRELUDE + program + f"\nfn main() {{\n{calls}\n}}\n"
    src = tmp_path / f"{path.stem}.rs"
    src.write_text(source)
    for module_file in module_files(path):  # the crate's other files, erased the same way, in the same places
        target = tmp_path / module_file.relative_to(path.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(erase_memories(module_file.read_text()))
    exe = tmp_path / path.stem
    build = subprocess.run([RUSTC, "--edition", "2021", "-O", "-C", "overflow-checks=off", "-o", str(exe), str(src)],
                           capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, f"rustc rejected the erased program:\n{build.stderr[-3000:]}"
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    if spec.calls[-1].traps:
        # where wasm traps (division by zero, ...) Rust panics
        assert run.returncode != 0 and "panicked" in run.stderr, (run.returncode, run.stderr)
    else:
        assert run.returncode == 0, run.stderr
    return run.stdout.split()


def module_files(path) -> list:
    """The files of the `mod name;` declarations of the crate rooted at `path`."""
    from compiler.diagnostics import DiagnosticSink
    from compiler.source import SourceFile
    from compiler.syntax.modules import load_crate
    from compiler.syntax.parser import parse
    sink = DiagnosticSink()
    source = SourceFile.read(path)
    crate = load_crate(parse(source, sink), source, sink)
    assert not sink.has_errors, sink.render()
    return [module.span.file.path for module in crate.files.values()]


ORACLE_FILES = [p for p in PROGRAM_FILES if parse_spec(p).oracle_skip is None]


@pytest.mark.parametrize("path", ORACLE_FILES, ids=program_id)
def test_matches_rustc(path, tmp_path):
    spec = parse_spec(path)
    native = native_results(path, spec, tmp_path)
    artifacts, sink = compile_program(path, 2)
    assert artifacts.wasm is not None, sink.render()
    result = run_wasmtime(RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                                     calls=[(c.name, c.args) for c in spec.calls]))
    traps = spec.calls[-1].traps
    assert (result.trap is not None) == traps, result.trap
    assert len(native) == len(spec.calls) - traps == len(result.values)
    for call, text, wasm_value in zip(spec.calls, native, result.values):
        assert values_match(wasm_value, float(text) if "." in text or "e" in text else int(text)), (
            f"{call.name}{tuple(call.args)}: wasm {wasm_value}, rustc {text}")


def test_erasure_removes_every_memory_attribute():
    text = "#![memory(1, min = 1)]\nfn f(p: #[mem_idx(1)] *const #[mem_idx(2)] *const u8) {}\n"
    assert erase_memories(text) == "fn f(p: *const *const u8) {}\n"


def test_erasure_drops_memory_only_const_parameters():
    text = ("fn s<const M: usize, T, const N: usize>(p: #[mem_idx(M)] *const T) -> usize { N }\n"
            "fn g() { s::<1, u8, 4>(q); }\n")
    assert erase_memories(text) == ("fn s<T, const N: usize>(p: *const T) -> usize { N }\n"
                                    "fn g() { s::<u8, 4>(q); }\n")
