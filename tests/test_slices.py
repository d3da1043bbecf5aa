"""Slice bounds checks trap, as Rust panics, in wasmtime and V8 at -O0 and -O2:
an element index at or past the length, a range that ends past the length,
a range whose start comes after its end, and an inclusive range ending at the
last `usize` (its exclusive end would overflow). Each case first makes the
same call with bounds that fit, which must not trap; near slices, far slices
and slices into a 64-bit memory alike."""
from __future__ import annotations

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile

SOURCE = r"""
#![memory(1, min = 1)]
#![memory(2, memory64, min = 1)]
#[mem_idx(1)]
static FAR: [u16; 6] = [1, 2, 3, 4, 5, 6];
#[mem_idx(2)]
static WIDE: [u64; 6] = [1, 2, 3, 4, 5, 6];

fn near() -> [u32; 6] { [1, 2, 3, 4, 5, 6] }

#[no_mangle]
pub extern "C" fn index(i: usize) -> u32 { let a = near(); let s: &[u32] = &a[1..]; s[i] }
#[no_mangle]
pub extern "C" fn far_index(i: usize) -> u32 { let s = &FAR[2..]; s[i] as u32 }
#[no_mangle]
pub extern "C" fn wide_index(i: usize) -> u64 { let s: #[mem_idx(2)] &[u64] = &WIDE; s[i] }
#[no_mangle]
pub extern "C" fn range_end(j: usize) -> u32 { let a = near(); a[1..j].len() as u32 }
#[no_mangle]
pub extern "C" fn range_order(i: usize) -> u32 { let s = &FAR[..]; s[i..4].len() as u32 }
#[no_mangle]
pub extern "C" fn range_from(i: usize) -> u64 { let s = &WIDE[1..]; s[i..].len() as u64 }
#[no_mangle]
pub extern "C" fn inclusive_end(j: usize) -> u32 { let a = near(); let s = &a[..]; s[..=j].len() as u32 }
#[no_mangle]
pub extern "C" fn inclusive_max(i: usize, j: usize) -> u32 { let a = near(); a[..][i..=j].len() as u32 }
#[no_mangle]
pub extern "C" fn write_past(i: usize) -> u32 {
    let mut a = near();
    let s: &mut [u32] = &mut a[..3];
    s[i] = 9;
    a[i]
}
"""

MAX = 2**32 - 1
#: case -> (function, in-bounds args and their result, trapping args)
CASES = {
    "index_at_len": ("index", ([4], 6), [5]),
    "far_index_at_len": ("far_index", ([3], 6), [4]),
    "wide_index_past_len": ("wide_index", ([5], 6), [100]),
    "range_end_past_len": ("range_end", ([6], 5), [7]),
    "range_start_after_end": ("range_order", ([4], 0), [5]),
    "range_from_past_len": ("range_from", ([5], 0), [6]),
    "inclusive_end_at_len": ("inclusive_end", ([5], 6), [6]),
    "inclusive_end_at_usize_max": ("inclusive_max", ([0, 5], 6), [0, MAX]),
    "inclusive_start_after_end": ("inclusive_max", ([3, 2], 0), [4, 2]),
    "write_past_len": ("write_past", ([2], 9), [3]),
}
ENGINES = [pytest.param(run_wasmtime, id="wasmtime"), pytest.param(run_node, id="v8")]


@pytest.fixture(scope="module", params=[0, 2], ids=["O0", "O2"])
def module(request):
    sink = DiagnosticSink()
    out = compile_source(SourceFile("slice_traps.rs", SOURCE), sink, request.param)
    assert out.wasm is not None, sink.render()
    return out


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("case", list(CASES))
def test_out_of_bounds_slices_trap(module, case, runner):
    if runner is run_node and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    name, (ok_args, ok_result), bad_args = CASES[case]
    result = runner(RunRequest(module.wasm, module.program.memories, [(name, ok_args), (name, bad_args)]))
    assert result.error is None, result.error
    assert result.values[:1] == [ok_result], result
    assert result.trap is not None and name in (result.trap.function or ""), result
