"""SIMD (`core::arch::wasm32`) on every memory.

tests/programs/simd.rs runs each SIMD memory kind on memory 0, a defined far
memory, a 64-bit far memory and an imported far memory (at -O0 and -O2, in
wasmtime and V8, with test_programs.py); here its expected checksum comes
from a model of the wasm semantics, and each kind is checked to be the one
memory-indexed wasm instruction it is on memory 0 (v128.load32_lane $m1 1,
v128.load8x8_u $m1, ...), also when LLVM's auto-vectorizer makes the
extending load (before legalization fused it, a far extending load was an
`i64.load` plus a lane-wise extension).
"""
from __future__ import annotations

import re

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.source import SourceFile
from compiler.wasm.wat import to_wat
from programs_support import ROOT, parse_spec

M32 = 1 << 32
PROGRAM = ROOT / "tests" / "programs" / "simd.rs"


def kinds_model() -> int:
    """The checksum `kinds` returns after `init`: the six results, as 24 u32 words."""
    b = [(7 * i + 1) & 255 for i in range(64)]

    def u32(o: int) -> int:
        return int.from_bytes(bytes(b[o:o + 4]), "little")

    def i16(o: int) -> int:
        x = b[o] | b[o + 1] << 8
        return x - 65536 if x >= 32768 else x

    out = [u32(0), u32(32), u32(8), u32(12)]                      # v128_load32_lane::<1>
    out += [int.from_bytes(bytes([b[33]] * 4), "little")] * 4     # v128_load8_splat
    out += [u32(36), 0, 0, 0]                                     # v128_load32_zero
    out += [b[40 + 2 * k] | b[41 + 2 * k] << 16 for k in range(4)]  # u16x8_load_extend_u8x8
    out += [i16(40 + 2 * k) % M32 for k in range(4)]              # i32x4_load_extend_i16x4
    out += [(3 * x) % M32 for x in [u32(8), u32(12)] * 2]         # i32x4_mul(splat 3, load64_splat)
    check = 0
    for word in out:
        check = (check * 31 + word) % M32
    return check


def test_expected_values_of_the_simd_program_follow_wasm_semantics() -> None:
    expected = {call.name: call.expected for call in parse_spec(PROGRAM).calls}
    for mem in (0, 1, 3, 4):
        assert expected[f"kinds{mem}"] == kinds_model()


def _wat(source: str, legalize_first: bool = False) -> str:
    sink = DiagnosticSink()
    artifacts = compile_source(SourceFile("<test>", source), sink, opt_level=2, legalize_first=legalize_first)
    assert artifacts.wasm is not None, sink.render()
    return to_wat(artifacts.wasm)


def _body(wat: str, name: str) -> list[str]:
    match = re.search(rf"\(func \${name} .*?\n(.*?)(?=\n  \(func |\n  \(export|\Z)", wat, re.S)
    assert match, f"no function {name}"
    return [line.strip() for line in match.group(1).splitlines()]


#: what `kinds` is made of, on a far memory: one instruction per kind
FAR_KINDS = ["v128.load", "v128.load32_lane", "v128.load8_splat", "v128.load32_zero", "v128.load8x8_u",
             "v128.load16x4_s", "v128.load64_splat"]


@pytest.mark.parametrize("mem", [1, 3, 4])
def test_each_simd_kind_is_one_memory_indexed_instruction(mem) -> None:
    body = _body(_wat(PROGRAM.read_text()), f"kinds{mem}")
    # the imported memory 4 comes first in wasm's index space: wasm memory 0, printed without an index
    name = None if mem == 4 else f"$m{mem}"
    vector_loads = [line for line in body if line.startswith("v128.load")]
    assert [line.split()[0] for line in vector_loads] == FAR_KINDS, body
    assert all(_memory_operand(line) == name for line in vector_loads), vector_loads
    assert any(line.startswith("v128.load32_lane") and line.endswith(" 1") for line in vector_loads)
    stores = [line for line in body if line.startswith("v128.store")]
    assert len(stores) == 6 and all(_memory_operand(line) == name for line in stores), stores


def _memory_operand(line: str) -> str | None:
    parts = line.split()
    return parts[1] if len(parts) > 1 and parts[1].startswith("$") else None


WIDEN = r"""
#![memory(1, min = 1, max = 2, export = "m1")]
#[no_mangle] pub extern "C" fn widen(n: usize) -> u32 {
    unsafe {
        let src = 64usize as #[mem_idx(1)] *const u8;
        let dst = 4096usize as #[mem_idx(1)] *mut u16;
        let mut i = 0usize;
        while i < n { *dst.add(i) = *src.add(i) as u16; i += 1; }
        *dst.add(1) as u32
    }
}
"""


def test_auto_vectorized_far_widening_gets_the_extending_load() -> None:
    body = _body(_wat(WIDEN), "widen")
    assert "v128.load8x8_u $m1" in body, body
    assert not any(line.startswith("i64.load $m1") for line in body), body


def test_design_md_counts_the_intrinsics_of_the_intrinsics_design_from_the_code() -> None:
    """docs/design.md's count of design 2's memory-indexed intrinsics is the code's."""
    from compiler.check.memidx import COPY_SIBLINGS, MEMIDX_SIBLINGS

    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    siblings = len(MEMIDX_SIBLINGS) + len(COPY_SIBLINGS)
    count = siblings + 2  # + load_memidx, store_memidx
    assert f"**{count} memory-indexed intrinsics**" in text
    assert f"and {siblings} `_memidx` siblings" in text
    rows = re.findall(r"^\| [^|]+ \| [^|]+ \| (\d+) \|$", text, re.M)
    assert sum(map(int, rows)) == count
