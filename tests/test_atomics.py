"""Atomic and volatile accesses on every memory.

tests/programs/atomics.rs runs every atomic kind on memory 0, a defined far
memory, a 64-bit far memory and an imported shared far memory (at -O0 and
-O2, in wasmtime and V8, with test_programs.py); here: its expected values
come from a model of Rust's semantics (not from farc), two threads (V8
workers, wasmtime threads) count with atomics in one shared far memory to an
exact total, a notify wakes a thread waiting (with a timeout) in that memory,
a misaligned atomic access traps on every memory, and volatile accesses
survive -O3, one instruction each, in the .wat.
"""
from __future__ import annotations

import json
import re
import subprocess
import threading
from pathlib import Path

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import node_available
from compiler.runtime.node_runner import node_path
from compiler.runtime.wasmtime_runner import _SharedMemory
from compiler.source import SourceFile
from compiler.wasm.wat import to_wat
from programs_support import ROOT, parse_spec

M32 = 1 << 32


def _mix(acc: int, x: int) -> int:
    return (acc * 31 + x) % M32


def rmw_model() -> int:
    """`rmw` of atomics.rs, with Rust's wrapping u32 / i32 semantics."""
    cell = [100]

    def rmw(f) -> int:
        old = cell[0]
        cell[0] = f(old) % M32
        return old

    def signed(v: int) -> int:
        return v - M32 if v >= 1 << 31 else v

    acc = rmw(lambda o: o + 5)
    for f in (lambda o: o - 1, lambda o: o & 0xFE, lambda o: o | 0x300, lambda o: o ^ 0xFF, lambda o: 7,
              lambda o: ~(o & 3), lambda o: min(o, 9), lambda o: max(o, 4),
              lambda o: max(signed(o), -1), lambda o: min(signed(o), -1)):
        acc = _mix(acc, rmw(f))
    for old, new in ((1, 2), (0xFFFFFFFF, 2)):
        found = cell[0]
        if found == old:
            cell[0] = new
        acc = _mix(_mix(acc, found), int(found == old))
    return _mix(acc, cell[0])


def narrow_model() -> int:
    """`narrow` of atomics.rs: 8- and 16-bit values wrap at their width."""
    b1, b = 250, (250 + 10) % 256
    found, ok = b, b == 4
    b = 200 if ok else b
    bmax, b = b, max(b, 100)
    bs = b - 256 if b >= 128 else b
    b = max(bs, 1) % 256
    h1, h = 65535, (65535 + 2) % 65536
    w1 = 1 << 40
    w = w1 + (1 << 33)
    wf, wok = w, w == (1 << 40) + (1 << 33)
    w = 5 if wok else w
    return b1 + found + ok * 1000 + bmax + (bs + 100) + b + h1 + h + w1 + wf + wok * 7 + w


def test_expected_values_of_the_atomics_program_follow_rust_semantics() -> None:
    spec = parse_spec(ROOT / "tests" / "programs" / "atomics.rs")
    expected = {call.name: call.expected for call in spec.calls}
    for mem in (0, 1, 3, 4):
        assert expected[f"rmw{mem}"] == rmw_model()
        assert expected[f"narrow{mem}"] == narrow_model()


def _build(source: str, opt: int = 2) -> bytes:
    sink = DiagnosticSink()
    artifacts = compile_source(SourceFile("<test>", source), sink, opt_level=opt)
    assert artifacts.wasm is not None, sink.render()
    return artifacts.wasm


COUNTER = r"""
#![memory(1, shared, min = 1, max = 1, import = "env.counters")]

unsafe fn bump<const M: usize>(counter: #[mem_idx(M)] *mut u32) -> u32 {
    atomic_xadd_seqcst(counter, 1)
}

/// `n` atomic increments of the counter at byte 16 of the shared far memory
#[no_mangle]
pub extern "C" fn count(n: u32) -> u32 {
    let mut i = 0u32;
    unsafe {
        let counter = 16usize as #[mem_idx(1)] *mut u32;
        while i < n {
            bump(counter);
            i += 1;
        }
        atomic_load_seqcst(counter)
    }
}

/// the same increments without atomics (the racy baseline)
#[no_mangle]
pub extern "C" fn count_racy(n: u32) -> u32 {
    let mut i = 0u32;
    unsafe {
        let counter = 32usize as #[mem_idx(1)] *mut u32;
        while i < n {
            counter.write_volatile(counter.read_volatile() + 1);
            i += 1;
        }
        *counter
    }
}
"""

#: Workers, each with its own instance (its own memory 0), importing one shared
#: WebAssembly.Memory, calling one export each (`fns`, one worker per name); they start
#: together; the main thread prints their results and the u32 at byte 4 * `word`.
_WORKERS = r"""
const { Worker } = require('node:worker_threads');
const fs = require('node:fs');
const [wasmPath, n, fns, word] = process.argv.slice(2);
const bytes = fs.readFileSync(wasmPath);
const counters = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
const start = new Int32Array(new SharedArrayBuffer(4));
const body = `
  const { workerData, parentPort } = require('node:worker_threads');
  const { bytes, counters, start, n, fn } = workerData;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { counters } });
  Atomics.wait(start, 0, 0);
  parentPort.postMessage(instance.exports[fn](n));
`;
const names = fns.split(',');
const results = new Array(names.length);
let done = 0;
names.forEach((fn, k) => {
  const w = new Worker(body, { eval: true, workerData: { bytes, counters, start, n: Number(n), fn } });
  w.on('message', (value) => {
    results[k] = value >>> 0;
    if (++done === names.length) {
      console.log(JSON.stringify({ results, total: new Uint32Array(counters.buffer)[Number(word)] }));
    }
    w.terminate();
  });
});
setTimeout(() => { Atomics.store(start, 0, 1); Atomics.notify(start); }, 50);
"""


def _run_in_workers(wasm: bytes, tmp_path: Path, n: int, fns: list[str], word: int = 4) -> dict:
    path = tmp_path / "counter.wasm"
    path.write_bytes(wasm)
    script = tmp_path / "workers.js"
    script.write_text(_WORKERS)
    out = subprocess.run([str(node_path()), str(script), str(path), str(n), ",".join(fns), str(word)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("opt", [0, 2])
def test_two_v8_workers_count_exactly_in_a_shared_far_memory(opt, tmp_path) -> None:
    if not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    wasm = _build(COUNTER, opt)
    n = 1_000_000
    assert _run_in_workers(wasm, tmp_path, n, ["count", "count"])["total"] == 2 * n


def _run_in_wasmtime_threads(wasm: bytes, n: int, fns: list[str]) -> tuple[list[int], bytes]:
    """Python threads, one per export in `fns`, each with its own store and instance,
    one SharedMemory (wasmtime's calls release the GIL, so the threads run at once):
    their results and the shared memory's first 64 bytes afterwards."""
    import wasmtime

    config = wasmtime.Config()
    config.wasm_threads = True
    config.shared_memory = True
    config.wasm_multi_memory = True
    engine = wasmtime.Engine(config)
    module = wasmtime.Module(engine, wasm)
    shared = _SharedMemory(engine, wasmtime.MemoryType(wasmtime.Limits(1, 1), is_64=False, shared=True))
    errors: list[BaseException] = []
    results: list[int] = [0] * len(fns)

    def worker(k: int) -> None:
        try:
            store = wasmtime.Store(engine)
            instance = wasmtime.Instance(store, module, [shared])
            results[k] = instance.exports(store)[fns[k]](store, n) & 0xFFFFFFFF
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(len(fns))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results, bytes(shared.data_ptr()[0:64])


def test_two_wasmtime_threads_count_exactly_in_a_shared_far_memory() -> None:
    n = 1_000_000
    _, memory = _run_in_wasmtime_threads(_build(COUNTER, 2), n, ["count", "count"])
    assert int.from_bytes(memory[16:20], "little") == 2 * n


WAKE = r"""
#![memory(1, shared, min = 1, max = 1, import = "env.counters")]

/// waits (at most 10 s each) on the i32 at byte 48, then on the i64 at byte 56, both
/// left 0; woken by `wake`: 0 and 0, then the word `wake` stored before it notified
#[no_mangle]
pub extern "C" fn sleeper(_n: u32) -> u32 {
    unsafe {
        let first = memory_atomic_wait32(48usize as #[mem_idx(1)] *mut i32, 0, 10_000_000_000);
        let second = memory_atomic_wait64(56usize as #[mem_idx(1)] *mut i64, 0, 10_000_000_000);
        (first * 1000 + second * 100) as u32 + atomic_load_seqcst(44usize as #[mem_idx(1)] *mut u32)
    }
}

/// stores 7 at byte 44, then notifies each cell until one waiter woke from it
#[no_mangle]
pub extern "C" fn wake(_n: u32) -> u32 {
    unsafe {
        atomic_store_seqcst(44usize as #[mem_idx(1)] *mut u32, 7);
        let mut woken = 0u32;
        while woken == 0 {
            woken = memory_atomic_notify(48usize as #[mem_idx(1)] *mut i32, 1);
        }
        let mut again = 0u32;
        while again == 0 {
            again = memory_atomic_notify(56usize as #[mem_idx(1)] *mut i64 as #[mem_idx(1)] *mut i32, 1);
        }
        woken * 10 + again
    }
}
"""


@pytest.mark.parametrize("opt", [0, 2])
def test_a_notify_wakes_a_waiting_thread_in_a_shared_far_memory(opt, tmp_path) -> None:
    """A thread waits (with a 10 s timeout) on two cells of a shared far memory, the
    other notifies each until it has woken it: the waits return 0 ("woken", not 1
    "not equal" or 2 "timed out") and the waiter sees the store made before the
    notify. In V8 workers and in wasmtime threads."""
    wasm = _build(WAKE, opt)
    results, _ = _run_in_wasmtime_threads(wasm, 0, ["sleeper", "wake"])
    assert results == [7, 11]
    if node_available():
        assert _run_in_workers(wasm, tmp_path, 0, ["sleeper", "wake"])["results"] == [7, 11]


VOLATILE = r"""
#![memory(1, min = 1, export = "m1")]

/// two writes and two reads of one cell: plain accesses fold to one store and
/// no load at -O3; volatile ones stay four accesses, in order
unsafe fn twice<const M: usize>(p: #[mem_idx(M)] *mut u32) -> u32 {
    p.write_volatile(1);
    core::ptr::write_volatile(p, 2);
    p.read_volatile() + core::ptr::read_volatile(p)
}

unsafe fn twice_plain<const M: usize>(p: #[mem_idx(M)] *mut u32) -> u32 {
    p.write(1);
    p.write(2);
    p.read() + p.read()
}

static mut CELL: u32 = 0;

#[no_mangle] pub extern "C" fn near() -> u32 { unsafe { twice::<0>(&raw mut CELL) } }
#[no_mangle] pub extern "C" fn far() -> u32 { unsafe { twice::<1>(64usize as #[mem_idx(1)] *mut u32) } }
#[no_mangle] pub extern "C" fn near_plain() -> u32 { unsafe { twice_plain::<0>(&raw mut CELL) } }
#[no_mangle] pub extern "C" fn far_plain() -> u32 { unsafe { twice_plain::<1>(64usize as #[mem_idx(1)] *mut u32) } }
"""


def _function_body(wat: str, name: str) -> list[str]:
    match = re.search(rf"\(func \${name} .*?\n(.*?)(?=\n  \(func |\n  \(export|\Z)", wat, re.S)
    assert match, f"no function {name}"
    return [line.strip() for line in match.group(1).splitlines()]


def test_volatile_accesses_survive_o3_one_instruction_each() -> None:
    wat = to_wat(_build(VOLATILE, 3))
    for name, memory in (("near", ""), ("far", " $m1")):
        body = _function_body(wat, name)
        stores = [line for line in body if line.startswith("i32.store")]
        loads = [line for line in body if line.startswith("i32.load")]
        assert len(stores) == 2 and len(loads) == 2, body
        assert all(line.split(" ", 1)[1:] in ([], [memory.strip()]) or memory.strip() in line
                   for line in stores + loads), body
        assert all(("$m1" in line) == bool(memory) for line in stores + loads), body
        # the order is kept: store 1, store 2, load, load
        order = [line.split()[0] for line in body if line.startswith(("i32.store", "i32.load"))]
        assert order == ["i32.store", "i32.store", "i32.load", "i32.load"], body
        plain = _function_body(wat, f"{name}_plain")
        assert len([line for line in plain if line.startswith(("i32.store", "i32.load"))]) < 4, plain


MISALIGNED = r"""
#![memory(1, min = 1)]
#![memory(3, memory64, min = 1)]
#![memory(4, shared, min = 1, max = 1, import = "env.shared")]

static mut NEAR: [u64; 4] = [0u64; 4];

/// one atomic access of kind `kind` at byte `at` of the region starting at `base`
unsafe fn access<const M: usize>(base: #[mem_idx(M)] *mut u8, at: usize, kind: u32) -> u32 {
    let p = base.add(at).cast::<u32>();
    if kind == 0 { atomic_load_seqcst(p) }
    else if kind == 1 { atomic_store_seqcst(p, 5); 0 }
    else if kind == 2 { atomic_xadd_seqcst(p, 1) }
    else if kind == 3 { atomic_nand_seqcst(p, 1) }
    else { atomic_cxchg_seqcst_seqcst(p, 0, 1).0 }
}

#[no_mangle] pub extern "C" fn at0(at: usize, kind: u32) -> u32 { unsafe { access::<0>((&raw mut NEAR).cast::<u8>(), at, kind) } }
#[no_mangle] pub extern "C" fn at1(at: usize, kind: u32) -> u32 { unsafe { access::<1>(64usize as #[mem_idx(1)] *mut u8, at, kind) } }
#[no_mangle] pub extern "C" fn at3(at: usize, kind: u32) -> u32 { unsafe { access::<3>(64u64 as #[mem_idx(3)] *mut u8, at, kind) } }
#[no_mangle] pub extern "C" fn at4(at: usize, kind: u32) -> u32 { unsafe { access::<4>(64usize as #[mem_idx(4)] *mut u8, at, kind) } }
"""

#: load, store, read-modify-write, a read-modify-write that is a compare-exchange loop on far memories, compare-exchange
ATOMIC_KINDS = range(5)


@pytest.mark.parametrize("opt", [0, 2])
def test_a_misaligned_atomic_access_traps_on_every_memory(opt) -> None:
    """wasm traps on an atomic access whose address is not a multiple of its size
    (plain accesses may be unaligned). The same access at an aligned address first
    (the control), then at address + 2: the second call traps, in both engines, for
    every kind on memory 0, a far memory, a 64-bit one and an imported shared one."""
    from compiler.runtime import RunRequest, run_node_batch, run_wasmtime
    sink = DiagnosticSink()
    artifacts = compile_source(SourceFile("<test>", MISALIGNED), sink, opt_level=opt)
    assert artifacts.wasm is not None, sink.render()
    requests = [RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                           calls=[(f"at{mem}", [8, kind]), (f"at{mem}", [10, kind])])
                for mem in (0, 1, 3, 4) for kind in ATOMIC_KINDS]
    results = {"wasmtime": [run_wasmtime(request) for request in requests]}
    if node_available():
        results["v8"] = run_node_batch(requests)
    for engine, runs in results.items():
        for request, result in zip(requests, runs):
            where = (engine, request.calls)
            assert not result.error, (where, result.error)
            assert len(result.values) == 1, (where, result.values)
            assert result.trap is not None, f"{where}: the misaligned access did not trap"


def test_core_sync_atomic_is_what_its_generator_writes() -> None:
    """stdlib/core/sync.rs is generated (twelve types with the same methods); an
    edit by hand would be lost at the next run of the script."""
    import sys
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_atomics.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
