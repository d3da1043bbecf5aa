"""`copy`, `copy_nonoverlapping` and `write_bytes` of `count` elements: the
byte length `count * size_of::<T>()` never wraps. A product the bulk
operation's length type cannot hold (past 4 GiB when a 32-bit memory takes
part) is a range that cannot be in bounds, so the call traps before touching
memory; when every memory is 64-bit the length is computed in 64 bits and
the engine's bounds check decides. Before, the i32 product wrapped:
`copy::<u32>(a, b, 0x4000_0001)` copied 4 bytes and returned normally."""
from __future__ import annotations

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile

SOURCE = """
#![memory(1, min = 1)]
#![memory(2, memory64, min = 1, export = "m2")]
static mut A: [u32; 4] = [1, 2, 3, 4];
static mut B: [u32; 4] = [0; 4];

#[no_mangle]
pub extern "C" fn near_copy(n: usize) -> u32 {
    unsafe {
        copy((&raw const A).cast::<u32>(), (&raw mut B).cast::<u32>(), n);
        B[0] + B[1] + B[2] + B[3]
    }
}

#[no_mangle]
pub extern "C" fn near_copy_nonoverlapping(n: usize) -> u32 {
    unsafe {
        copy_nonoverlapping((&raw const A).cast::<u32>(), (&raw mut B).cast::<u32>(), n);
        B[0] + B[1] + B[2] + B[3]
    }
}

#[no_mangle]
pub extern "C" fn near_fill(n: usize) -> u32 {
    unsafe {
        write_bytes((&raw mut B).cast::<u32>(), 1, n);
        B[0] + B[1] + B[2] + B[3]
    }
}

#[no_mangle]
pub extern "C" fn far_to_near(n: usize) -> u32 {
    unsafe {
        copy((16usize as #[mem_idx(1)] *const u64), (&raw mut B).cast::<u64>(), n);
        B[0] + B[1] + B[2] + B[3]
    }
}

#[no_mangle]
pub extern "C" fn far64_fill(n: usize) -> u32 {
    unsafe {
        write_bytes(16u64 as #[mem_idx(2)] *mut u64, 1, n);
        *(16u64 as #[mem_idx(2)] *const u32) + *(24u64 as #[mem_idx(2)] *const u32)
    }
}

#[no_mangle]
pub extern "C" fn far64_to_near(n: usize) -> u32 {
    unsafe {
        copy(16u64 as #[mem_idx(2)] *const u32, (&raw mut B).cast::<u32>(), n);
        B[0] + B[1] + B[2] + B[3]
    }
}

#[no_mangle]
pub extern "C" fn sum_b() -> u32 {
    unsafe { B[0] + B[1] + B[2] + B[3] }
}
"""

#: (call, its result when `n` is small) — each runs on a fresh instance
IN_BOUNDS = [
    (("near_copy", [2]), 3),
    (("near_copy_nonoverlapping", [4]), 10),
    (("near_fill", [1]), 0x01010101),
    (("far_to_near", [1]), 0),
    (("far64_fill", [2]), 2 * 0x01010101),
    (("far64_to_near", [1]), 0),
]
#: counts whose byte length wraps a 32-bit product to a small one (4 or 8 bytes)
WRAPPING = [
    ("near_copy", [0x4000_0001]),
    ("near_copy_nonoverlapping", [0x4000_0001]),
    ("near_fill", [0x4000_0001]),
    ("far_to_near", [0x2000_0001]),
    ("far64_fill", [0x2000_0001]),
    ("far64_to_near", [0x4000_0001]),
]
ENGINES = [pytest.param(run_wasmtime, id="wasmtime"), pytest.param(run_node, id="v8")]


@pytest.fixture(scope="module", params=[0, 2], ids=["O0", "O2"])
def built(request):
    sink = DiagnosticSink()
    out = compile_source(SourceFile("bulk_lengths.rs", SOURCE), sink, request.param)
    assert out.wasm is not None, sink.render()
    return out


def run(runner, out, calls, reads=()):
    if runner is run_node and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    result = runner(RunRequest(out.wasm, out.program.memories, calls, reads=list(reads)))
    assert result.error is None, result.error
    return result


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("call, expected", IN_BOUNDS, ids=lambda c: c[0] if isinstance(c, tuple) else "")
def test_an_in_bounds_count_copies_what_it_says(built, runner, call, expected):
    result = run(runner, built, [call])
    assert result.trap is None and result.values == [expected], result


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("call", WRAPPING, ids=lambda c: c[0])
def test_a_length_past_the_length_type_traps(built, runner, call):
    result = run(runner, built, [call])
    assert result.trap is not None, f"{call} returned {result.values}: its byte length wrapped"
    assert result.trap.kind in ("unreachable", "out_of_bounds"), result.trap


@pytest.mark.parametrize("runner", ENGINES)
def test_a_64_bit_fill_past_the_end_writes_nothing(built, runner):
    """wasm checks a bulk range before writing; the wrapped length wrote 8 bytes."""
    result = run(runner, built, [("far64_fill", [0x2000_0001])], reads=[(2, 16, 8)])
    assert result.trap is not None and result.trap.kind == "out_of_bounds", result
    assert result.reads == [bytes(8)]
