"""64-bit memories: a pointer into a `memory64` memory is 64 bits everywhere.

In a register, in memory 0 (a local, a static, a struct field, an array
element), in a far memory, across a call, as an export's parameter and
result, through `as u64`, at every -O level and in the legalize-first
order. An address just past 4 GiB in a one-page 64-bit memory traps, in
wasmtime and in V8; before the 64-bit pointer lowering
(`compiler/codegen/wide_pointers.py`) the wasm32 back end truncated such a
pointer to its low 32 bits, so the access wrapped to a low address and
silently read or overwrote it.
"""
from __future__ import annotations

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.runtime.request import ModuleInfo
from compiler.source import SourceFile

SOURCE = r"""
#![memory(1, memory64, min = 1, max = 2, export = "m1")]

#[repr(C)]
struct Holder { tag: u8, p: #[mem_idx(1)] *mut u32, after: u32 }

static mut SLOT: #[mem_idx(1)] *mut u32 = null_mut();

fn pass_through(p: #[mem_idx(1)] *mut u32, k: usize) -> #[mem_idx(1)] *mut u32 { unsafe { p.add(k) } }

#[no_mangle]
pub extern "C" fn store_at(a: u64, v: u32) { unsafe { *(a as #[mem_idx(1)] *mut u32) = v; } }

#[no_mangle]
pub extern "C" fn load_at(a: u64) -> u32 { unsafe { *(a as #[mem_idx(1)] *const u32) } }

#[no_mangle]
pub extern "C" fn fill_at(a: u64, n: usize) { unsafe { write_bytes(a as #[mem_idx(1)] *mut u8, 7, n); } }

#[no_mangle]
pub extern "C" fn copy_to(a: u64) {
    let near = [1u8, 2, 3, 4];
    unsafe { copy_nonoverlapping(&raw const near[0], a as #[mem_idx(1)] *mut u8, 4); }
}

#[no_mangle]
pub extern "C" fn through_struct(a: u64) -> u64 {
    let h = Holder { tag: 1, p: a as #[mem_idx(1)] *mut u32, after: 2 };
    let copy = h;
    copy.p as u64 + copy.after as u64 - 2
}

#[no_mangle]
pub extern "C" fn through_static(a: u64) -> u64 {
    unsafe {
        SLOT = a as #[mem_idx(1)] *mut u32;
        SLOT as u64
    }
}

#[no_mangle]
pub extern "C" fn through_array(a: u64, i: usize) -> u64 {
    let p = a as #[mem_idx(1)] *mut u32;
    let cells = [p, unsafe { p.add(1) }, unsafe { p.add(2) }];
    cells[i] as u64
}

#[no_mangle]
pub extern "C" fn through_call(a: u64) -> u64 { pass_through(a as #[mem_idx(1)] *mut u32, 3) as u64 }

#[no_mangle]
pub extern "C" fn identity(p: #[mem_idx(1)] *mut u32) -> #[mem_idx(1)] *mut u32 { p }

#[no_mangle]
pub extern "C" fn add_across(a: u64) -> u64 { unsafe { (a as #[mem_idx(1)] *mut u8).add(32) as u64 } }

#[no_mangle]
pub extern "C" fn same(a: u64, b: u64) -> bool { (a as #[mem_idx(1)] *const u8) == (b as #[mem_idx(1)] *const u8) }

#[no_mangle]
pub extern "C" fn stored_in_far(a: u64, at: u64) -> u64 {
    let cell = at as #[mem_idx(1)] *mut #[mem_idx(1)] *mut u32;
    unsafe {
        *cell = a as #[mem_idx(1)] *mut u32;
        *(at as #[mem_idx(1)] *const u64)
    }
}
"""

PAST_4GIB = 2**32 + 8  # wraps to 8 if truncated to 32 bits
#: (call, expected result): the pointer keeps all 64 bits wherever it goes
VALUES = [
    (("through_struct", [PAST_4GIB]), PAST_4GIB),
    (("through_static", [PAST_4GIB]), PAST_4GIB),
    (("through_array", [PAST_4GIB, 2]), PAST_4GIB + 8),
    (("through_call", [PAST_4GIB]), PAST_4GIB + 12),
    (("identity", [PAST_4GIB]), PAST_4GIB),
    (("add_across", [2**32 - 16]), 2**32 + 16),
    (("same", [8, PAST_4GIB]), 0),
    (("stored_in_far", [PAST_4GIB, 64]), PAST_4GIB),
]
#: accesses past 4 GiB that must trap (and leave byte 8, which a wrapped address would hit, alone)
TRAPS = [("load_at", [PAST_4GIB]), ("store_at", [PAST_4GIB, 9]), ("fill_at", [PAST_4GIB, 4]),
         ("copy_to", [PAST_4GIB])]
BUILDS = [pytest.param((0, False), id="O0"), pytest.param((1, False), id="O1"), pytest.param((2, False), id="O2"),
          pytest.param((3, False), id="O3"), pytest.param((2, True), id="O2-legalize-first")]
ENGINES = [pytest.param(run_wasmtime, id="wasmtime"), pytest.param(run_node, id="v8")]


def build(opt_level: int, legalize_first: bool):
    sink = DiagnosticSink()
    out = compile_source(SourceFile("memory64.rs", SOURCE), sink, opt_level, legalize_first=legalize_first)
    assert out.wasm is not None, sink.render()
    return out


def runs(runner, out, calls):
    if runner is run_node and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    result = runner(RunRequest(out.wasm, out.program.memories, calls, reads=[(1, 8, 4)]))
    assert result.error is None, result.error
    return result


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("mode", BUILDS)
def test_a_64_bit_pointer_keeps_its_upper_half_everywhere(mode, runner):
    out = build(*mode)
    result = runs(runner, out, [call for call, _ in VALUES])
    assert result.trap is None, result.trap
    assert result.values == [expected for _, expected in VALUES]
    # an export that takes and returns a 64-bit memory pointer does so as an i64
    signature = ModuleInfo.of(out.wasm).exports["identity"]
    assert signature.params == ("i64",) and signature.results == ("i64",)


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("mode", [BUILDS[0], BUILDS[2]])
@pytest.mark.parametrize("access", TRAPS, ids=lambda call: call[0])
def test_an_address_past_4_gib_traps_and_never_wraps(access, mode, runner):
    out = build(*mode)
    result = runs(runner, out, [("store_at", [8, 5]), ("load_at", [8]), access])
    assert result.values[:2] == [None, 5]
    assert result.trap is not None and result.trap.kind == "out_of_bounds", result
    assert result.reads == [(5).to_bytes(4, "little")]  # byte 8 untouched


@pytest.mark.parametrize("opt", [0, 2])
def test_copies_between_32_and_64_bit_memories_are_one_memory_copy_each(opt) -> None:
    """tests/programs/memory_copy64.rs runs them; here: each is one wasm
    `memory.copy $dst $src` (the validator checks its length's address type)."""
    from compiler.wasm.wat import to_wat
    from programs_support import ROOT, compile_program
    artifacts, sink = compile_program(ROOT / "tests" / "programs" / "memory_copy64.rs", opt)
    assert artifacts.wasm is not None, sink.render()
    wat = to_wat(artifacts.wasm)
    for dst, src in ((2, 0), (0, 2), (1, 2), (3, 1), (2, 3), (2, 2)):
        assert f"memory.copy $m{dst} $m{src}" in wat, (dst, src)
    assert "memory.fill $m3" in wat
