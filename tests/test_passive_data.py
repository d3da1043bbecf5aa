"""Passive data segments (`#[passive]` statics, `memory_init`, `data_drop`).

tests/programs/passive_data.rs runs the copies on memory 0, a defined far
memory, a 64-bit far memory and an imported one (at -O0 and -O2, in wasmtime
and V8). Here: every `memory_init` is one wasm `memory.init` of a passive
segment into the pointer's memory, and the copies that must trap do, in both
engines and on every memory: a range past the segment's end, an element
count whose byte count would wrap around to a copy that fits, a destination
past the memory's end, and any non-empty copy after `data_drop`.
"""
from __future__ import annotations

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node_batch, run_wasmtime
from compiler.source import SourceFile
from compiler.wasm.binary import parse_module
from compiler.wasm.wat import to_wat

SOURCE = r"""
#![memory(1, min = 1, max = 1)]
#![memory(3, memory64, min = 1, max = 1)]
#![memory(4, min = 1, max = 1, import = "env.data")]

#[passive]
static BYTES: [u8; 8] = [1, 2, 3, 4, 5, 6, 7, 8];
#[passive]
static WORDS: [u32; 4] = [10, 20, 30, 40];

static mut NEAR: [u32; 16] = [0u32; 16];

/// `memory_init` at byte `at` of memory M: WORDS[offset..offset + count]
/// (`words` != 0) or BYTES[offset..offset + count], after data_drop (`dropped`) or not
unsafe fn copy<const M: usize>(base: #[mem_idx(M)] *mut u8, at: usize, words: u32, offset: usize, count: usize,
                               dropped: u32) -> u32 {
    if dropped != 0 {
        data_drop(BYTES);
        data_drop(WORDS);
    }
    if words != 0 {
        memory_init(base.add(at).cast::<u32>(), WORDS, offset, count);
    } else {
        memory_init(base.add(at), BYTES, offset, count);
    }
    *base.add(at) as u32
}

#[no_mangle] pub extern "C" fn copy0(at: usize, w: u32, o: usize, n: usize, d: u32) -> u32 {
    unsafe { copy::<0>((&raw mut NEAR).cast::<u8>(), at, w, o, n, d) }
}
#[no_mangle] pub extern "C" fn copy1(at: usize, w: u32, o: usize, n: usize, d: u32) -> u32 {
    unsafe { copy::<1>(0usize as #[mem_idx(1)] *mut u8, at, w, o, n, d) }
}
#[no_mangle] pub extern "C" fn copy3(at: usize, w: u32, o: usize, n: usize, d: u32) -> u32 {
    unsafe { copy::<3>(0u64 as #[mem_idx(3)] *mut u8, at, w, o, n, d) }
}
#[no_mangle] pub extern "C" fn copy4(at: usize, w: u32, o: usize, n: usize, d: u32) -> u32 {
    unsafe { copy::<4>(0usize as #[mem_idx(4)] *mut u8, at, w, o, n, d) }
}
"""

#: (what, args of copyN after the memory's base: at, words, offset, count, dropped, where NEAR is not the base)
TRAPS = [
    ("bytes past the segment's end", (0, 0, 5, 4, 0)),
    ("an offset past the segment's end", (0, 0, 9, 0, 0)),
    ("words past the segment's end", (0, 1, 3, 2, 0)),
    ("a word count whose bytes wrap to 4", (0, 1, 0, 0x4000_0001, 0)),
    ("a destination past the memory's end", (65535, 0, 0, 2, 0)),
    ("a copy after data_drop", (0, 0, 0, 1, 1)),
]
#: the same calls, legal: the control that each traps for its own reason (expected first byte)
CONTROLS = [((0, 0, 4, 4, 0), 5), ((0, 0, 8, 0, 0), 0), ((0, 1, 2, 2, 0), 30), ((0, 1, 0, 4, 0), 10),
            ((65534, 0, 0, 2, 0), 1), ((0, 0, 0, 0, 1), 0)]


def _build(opt: int):
    sink = DiagnosticSink()
    artifacts = compile_source(SourceFile("<test>", SOURCE), sink, opt_level=opt)
    assert artifacts.wasm is not None, sink.render()
    return artifacts


@pytest.mark.parametrize("opt", [0, 2])
def test_out_of_range_copies_trap_on_every_memory(opt) -> None:
    artifacts = _build(opt)
    requests, cases = [], []
    for mem in (0, 1, 3, 4):
        for (what, args), (control, first) in zip(TRAPS, CONTROLS):
            if mem == 0 and args[0]:  # memory 0 has more than one page: no end at 65536
                continue
            calls = [(f"copy{mem}", list(control)), (f"copy{mem}", list(args))]
            requests.append(RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories, calls=calls))
            cases.append((mem, what, first))
    results = {"wasmtime": [run_wasmtime(request) for request in requests]}
    if node_available():
        results["v8"] = run_node_batch(requests)
    for engine, runs in results.items():
        for (mem, what, first), result in zip(cases, runs):
            where = f"{engine}, memory {mem}, {what}"
            assert not result.error, (where, result.error)
            assert result.values[:1] == [first], (where, result.values, result.trap)
            assert result.trap is not None, f"{where}: did not trap"


def test_each_memory_init_is_one_instruction_of_a_passive_segment() -> None:
    artifacts = _build(2)
    module = parse_module(artifacts.wasm)
    passive = [seg for seg in module.data if seg.passive]
    assert [seg.data for seg in passive] == [bytes(range(1, 9)), b"".join(v.to_bytes(4, "little")
                                                                         for v in (10, 20, 30, 40))]
    assert module.datacount == len(module.data)
    wat = to_wat(artifacts.wasm)
    # the imported memory 4 is wasm memory 0, which the text leaves unnamed
    for memory in ("$m0 ", "$m1 ", "$m3 ", ""):
        for segment in ("BYTES", "WORDS"):
            assert f"memory.init {memory}$.passive.{segment}" in wat, (memory, segment)
    assert wat.count("data.drop $.passive.") == 2 * 4
