"""Stores made before a trap are in memory when the host looks after the trap.

A wasm trap ends the call, not the instance: the host can read every
memory it can reach afterwards (and call the instance again). So farc
guarantees (docs/reference.md, "Traps") that at a trap the program asks for
- `abort()`, `unreachable()`, a failed index check, a division by zero -
every store that comes before it has been performed and none after it.
The optimizer used to see LLVM's `llvm.trap`, which reads no memory: on a
path that ends in a trap, a store that a later store overwrites on the
other path was dead to it and dropped, and a key wiped before an abort
could still be read by the host. Each case runs in wasmtime and V8, at -O0
and -O2 (where the stores used to vanish) and -O3.
"""
from __future__ import annotations

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile

SOURCE = r"""
#![memory(1, min = 1, export = "far")]

static mut KEY: [u8; 16] = [0xC0, 0xFF, 0xEE, 0x15, 0x5E, 0xC2, 0xE7, 0x0F,
                            0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07, 0x18];
static mut TABLE: [u32; 4] = [1, 2, 3, 4];

#[no_mangle]
pub extern "C" fn key_byte(i: usize) -> u8 { unsafe { KEY[i] } }

/// Wipe the key, check, install a new one: the wipe is overwritten on the
/// path that does not trap, and must still happen on the path that does.
#[no_mangle]
pub extern "C" fn rotate_key(fresh: u8, bad: bool) {
    unsafe {
        write_bytes(&raw mut KEY[0], 0, 16);
        if bad { abort(); }
        let mut i = 0usize;
        while i < 16 {
            KEY[i] = fresh;
            i += 1;
        }
    }
}

#[no_mangle]
pub extern "C" fn store_then_check(at: usize, v: u32) {
    let p = at as #[mem_idx(1)] *mut u32;
    unsafe {
        *p = v;
        if v > 3 { abort(); }
        *p = v + 1;
    }
}

#[no_mangle]
pub extern "C" fn fill_then_abort(n: usize) {
    let p = 64usize as #[mem_idx(1)] *mut u32;
    let mut i = 0usize;
    while i < n {
        unsafe { *p.add(i) = (i as u32) * 3 + 1; }
        i += 1;
    }
    abort();
}

#[no_mangle]
pub extern "C" fn store_then_index(at: usize, i: usize) {
    let p = at as #[mem_idx(1)] *mut u32;
    unsafe {
        *p = 9;
        let x = TABLE[i];
        *p = x;
    }
}

#[no_mangle]
pub extern "C" fn store_then_divide(at: usize, a: u32, b: u32) {
    let p = at as #[mem_idx(1)] *mut u32;
    unsafe {
        *p = 11;
        *p = a / b;
    }
}

#[no_mangle]
pub extern "C" fn nothing_after(at: usize) {
    let p = at as #[mem_idx(1)] *mut u32;
    unsafe {
        *p = 1;
        unreachable();
        *p = 2;
    }
}
"""

FAR, NEAR = 1, 0


def words(*values: int) -> bytes:
    return b"".join(v.to_bytes(4, "little") for v in values)


#: (calls, the last of which traps; (memory, offset, expected bytes) after the trap)
CASES = {
    "store_before_abort": ([("store_then_check", [16, 5])], (FAR, 16, words(5))),
    "loop_before_abort": ([("fill_then_abort", [10])], (FAR, 64, words(*(3 * i + 1 for i in range(10))))),
    "store_before_index_trap": ([("store_then_index", [32, 7])], (FAR, 32, words(9))),
    "store_before_division_trap": ([("store_then_divide", [48, 1, 0])], (FAR, 48, words(11))),
    "nothing_after_the_trap": ([("nothing_after", [80])], (FAR, 80, words(1))),
}
ENGINES = [pytest.param(run_wasmtime, id="wasmtime"), pytest.param(run_node, id="v8")]
LEVELS = [0, 2, 3]


def build(level: int):
    sink = DiagnosticSink()
    out = compile_source(SourceFile("traps.rs", SOURCE), sink, level)
    assert out.wasm is not None, sink.render()
    return out


def run(runner, out, calls, reads):
    if runner is run_node and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    result = runner(RunRequest(out.wasm, out.program.memories, calls, reads=reads))
    assert result.error is None, result.error
    return result


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("case", list(CASES))
def test_stores_before_a_trap_are_in_memory_after_it(case, level, runner):
    calls, (memory, offset, expected) = CASES[case]
    result = run(runner, build(level), calls, [(memory, offset, len(expected))])
    assert result.trap is not None and calls[-1][0] in (result.trap.function or ""), result
    assert result.reads == [expected]


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("level", LEVELS)
def test_a_key_wiped_before_an_abort_stays_wiped(level, runner):
    out = build(level)
    # the host knows nothing of the key's address: it scans all of memory 0
    result = run(runner, out, [("key_byte", [0]), ("rotate_key", [0x77, 1])], [(NEAR, 0, 65536 * 2)])
    assert result.values[0] == 0xC0 and result.trap is not None, result
    key = bytes([0xC0, 0xFF, 0xEE, 0x15, 0x5E, 0xC2, 0xE7, 0x0F])
    assert key not in result.reads[0]
    # and without the trap the new key is in place (the rotation works)
    ok = run(runner, out, [("rotate_key", [0x77, 0]), ("key_byte", [15])], [])
    assert ok.trap is None and ok.values == [None, 0x77]
