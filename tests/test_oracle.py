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

from compiler.runtime import RunRequest, run_wasmtime
from programs_support import PROGRAM_FILES, compile_program, parse_spec, values_match

RUSTC = shutil.which("rustc")
pytestmark = [pytest.mark.rustc, pytest.mark.skipif(RUSTC is None, reason="no rustc on this machine")]

PRELUDE = """#![allow(warnings)]
use core::ptr::*;
use core::mem::{size_of, align_of};
"""

_MEMORY_DECL = re.compile(r"^\s*#!\[memory\(.*?\)\]\s*$", re.M)
_MEM_IDX = re.compile(r"#\[mem_idx\([^)]*\)\]\s*")


def erase_memories(source: str) -> str:
    """The program with every memory attribute removed: all memories become memory 0."""
    return _MEM_IDX.sub("", _MEMORY_DECL.sub("", source))


def rust_literal(value) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def native_results(path, spec, tmp_path) -> list[str]:
    calls = "\n".join(
        f'    println!("{{:?}}", {c.name}({", ".join(rust_literal(a) for a in c.args)}));' for c in spec.calls)
    source = PRELUDE + erase_memories(path.read_text()) + f"\nfn main() {{\n{calls}\n}}\n"
    src = tmp_path / f"{path.stem}.rs"
    src.write_text(source)
    exe = tmp_path / path.stem
    build = subprocess.run([RUSTC, "--edition", "2021", "-O", "-C", "overflow-checks=off", "-o", str(exe), str(src)],
                           capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, f"rustc rejected the erased program:\n{build.stderr[-3000:]}"
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


ORACLE_FILES = [p for p in PROGRAM_FILES if parse_spec(p).oracle_skip is None]


@pytest.mark.parametrize("path", ORACLE_FILES, ids=lambda p: p.stem)
def test_matches_rustc(path, tmp_path):
    spec = parse_spec(path)
    native = native_results(path, spec, tmp_path)
    artifacts, sink = compile_program(path, 2)
    assert artifacts.wasm is not None, sink.render()
    result = run_wasmtime(RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                                     calls=[(c.name, c.args) for c in spec.calls]))
    assert result.trap is None
    assert len(native) == len(spec.calls) == len(result.values)
    for call, text, wasm_value in zip(spec.calls, native, result.values):
        assert values_match(wasm_value, float(text) if "." in text or "e" in text else int(text)), (
            f"{call.name}{tuple(call.args)}: wasm {wasm_value}, rustc {text}")


def test_erasure_removes_every_memory_attribute():
    text = "#![memory(1, min = 1)]\nfn f(p: #[mem_idx(1)] *const #[mem_idx(M)] *const u8) {}\n"
    assert erase_memories(text) == "fn f(p: *const *const u8) {}\n"
