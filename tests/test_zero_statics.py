"""Zero-initialized statics cost no build time and no bytes proportional to
their size; `[x; N]` of a non-zero x costs time linear in N.

A defined memory starts zeroed: a zero static needs no data segment (far
statics and big memory-0 ones: layout.place_statics, memory-0 ones between
the stack and wasm-ld's data; small memory-0 ones: a `zeroinitializer`
global that wasm-ld keeps out of the data). An imported memory may hold anything, so the
zero statics of imported memories are filled at instantiation by the start
function (`ModuleCodegen.define_zero_init`, wasm/passes/start.py); these tests
put garbage into the imported memory before instantiating.
"""
from __future__ import annotations

import re
import resource
import time

import pytest
import wasmtime

from compiler.codegen.layout import NEAR_PLACED_BASE
from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.sizes import NEAR_PLACED_ZERO_BYTES
from compiler.source import SourceFile
from compiler.wasm.binary import parse_module
from compiler.wasm.validate import engine_config

GIB = 1 << 30
#: a far static with zeros inside, before and after its non-zero bytes
FAR_BYTES = [5 if i == 3 else 6 if i == 37 else 0 for i in range(40)]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (LLVM runs in a forked child)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def build(text: str, opt_level: int = 2) -> tuple[bytes, float]:
    """(wasm, CPU seconds of the build)."""
    artifacts, spent = build_artifacts(text, opt_level)
    return artifacts.wasm, spent


def build_artifacts(text: str, opt_level: int = 2):
    """(every artifact of the build, CPU seconds of the build)."""
    sink = DiagnosticSink()
    start = cpu_seconds()
    artifacts = compile_source(SourceFile("statics.rs", text), sink, opt_level)
    spent = cpu_seconds() - start
    assert artifacts.wasm is not None, sink.render()
    return artifacts, spent


def instantiate(wasm: bytes, imported: dict[str, int] | None = None, garbage: int = 0xA5):
    """(store, exports); each imported memory ("env", name) -> pages is created first, filled with `garbage`."""
    engine = wasmtime.Engine(engine_config())
    store = wasmtime.Store(engine)
    module = wasmtime.Module(engine, wasm)
    memories = {}
    for name, pages in (imported or {}).items():
        memory = wasmtime.Memory(store, wasmtime.MemoryType(wasmtime.Limits(pages, None)))
        memory.write(store, bytes([garbage]) * (pages * 65536), 0)
        memories[name] = memory
    imports = [memories[imp.name] for imp in module.imports]
    instance = wasmtime.Instance(store, module, imports)
    return store, instance.exports(store)


def test_a_zeroed_gibibyte_far_static_builds_at_once_and_stays_small():
    text = ("#![memory(1, min = 16385)]\n"
            f"#[mem_idx(1)]\nstatic mut BIG: [u8; {GIB}] = [0; {GIB}];\n"
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u8 { unsafe { BIG[i] } }\n'
            '#[no_mangle]\npub extern "C" fn put(i: usize, v: u8) { unsafe { BIG[i] = v; } }\n')
    wasm, spent = build(text)
    assert len(wasm) < 4096, len(wasm)
    assert not parse_module(wasm).data  # no segment at all
    assert spent < 20, f"{spent:.1f} s of CPU"  # about 0.3 s; a segment of 1 GiB took minutes and 10+ GB
    store, exports = instantiate(wasm)
    assert exports["get"](store, GIB - 1) == 0
    exports["put"](store, GIB - 1, 9)
    assert exports["get"](store, GIB - 1) == 9


NEAR_GIB = (f"static mut NEAR: [u8; {GIB}] = [0; {GIB}];\n"
            "static mut DATA: [u32; 4] = [11, 22, 33, 44];\n"
            "static mut SMALL: [u32; 16] = [0; 16];\n"
            "fn deep(n: u32) -> u32 { let frame = [n; 64]; if n == 0 { frame[3] } else { "
            "deep(n - 1) + frame[(n % 64) as usize] } }\n"
            '#[no_mangle]\npub extern "C" fn put(i: usize, v: u8) { unsafe { NEAR[i] = v; SMALL[i % 16] = v as u32; } }\n'
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u32 { unsafe { NEAR[i] as u32 + DATA[i % 4] } }\n'
            '#[no_mangle]\npub extern "C" fn small(i: usize) -> u32 { unsafe { SMALL[i % 16] } }\n'
            '#[no_mangle]\npub extern "C" fn stack(n: u32) -> u32 { deep(n) }\n')


def llvm_globals(ir_text: str) -> set[str]:
    """The names of the global variables an LLVM module defines (farc's constants aside)."""
    names = re.findall(r'^@"?([^"\s]+)"? = .*global ', ir_text, re.MULTILINE)
    return {name for name in names if ".const." not in name}


def _i32_const(expr) -> int:
    """The value of a constant expression `i32.const N`."""
    assert [i.op.name for i in expr] == ["i32.const", "end"], expr
    return expr[0].imm[0]


@pytest.mark.parametrize("opt_level", [0, 2])
def test_a_zeroed_gibibyte_memory_zero_static_is_placed_by_farc_and_overlaps_nothing(opt_level):
    artifacts, _ = build_artifacts(NEAR_GIB, opt_level)
    # no byte of it anywhere: not in LLVM's object (it wrote the zeros of a
    # zeroinitializer global whole), not in the module
    assert len(artifacts.object_bytes) < 16384, len(artifacts.object_bytes)
    assert len(artifacts.wasm) < 4096, len(artifacts.wasm)
    near = next(s for s in artifacts.program.statics if s.name == "NEAR")
    assert llvm_globals(artifacts.llvm_ir_unoptimized) == {"DATA", "SMALL"}  # NEAR is none
    # the layout: the stack below it, wasm-ld's data (and everything after) above it
    module = parse_module(artifacts.wasm)
    stack_top = _i32_const(module.globals[0].init)  # __stack_pointer's initial value: the top of the stack
    assert stack_top <= NEAR_PLACED_BASE
    data_starts = [_i32_const(seg.offset) for seg in module.data]
    assert data_starts and min(data_starts) >= NEAR_PLACED_BASE + GIB, data_starts
    assert module.memories[0].min * 65536 >= max(data_starts) + 16
    # and it works: its first and last bytes, the data after it, a deep stack
    store, exports = instantiate(artifacts.wasm)
    exports["put"](store, 0, 7)
    exports["put"](store, GIB - 1, 9)
    assert [exports["get"](store, i) for i in (0, 1, GIB - 2, GIB - 1)] == [7 + 11, 22, 33, 9 + 44]
    assert exports["stack"](store, 100) == sum(range(1, 101))
    assert exports["small"](store, GIB - 1) == 9
    assert near.mem == 0


def test_memory_zero_statics_that_stay_llvm_globals():
    """Small zero statics and exported ones stay LLVM globals (wasm-ld exports
    the symbol of an exported one); nothing moves wasm-ld's data then."""
    big = NEAR_PLACED_ZERO_BYTES
    text = (f"static mut SMALL: [u8; {big - 1}] = [0; {big - 1}];\n"
            f"#[no_mangle]\npub static mut SHARED: [u8; {big}] = [0; {big}];\n"
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u8 { unsafe { SMALL[i] + SHARED[i] } }\n')
    artifacts, _ = build_artifacts(text, 0)
    assert llvm_globals(artifacts.llvm_ir_unoptimized) == {"SMALL", "SHARED"}
    module = parse_module(artifacts.wasm)
    assert "SHARED" in {e.name for e in module.exports}


def test_a_big_zero_passive_static_stays_a_passive_segment():
    """A passive static is in no memory: farc places none of it, its zeros are the segment's bytes."""
    big = NEAR_PLACED_ZERO_BYTES
    text = (f"#[passive]\nstatic ZEROS: [u8; {big}] = [0; {big}];\n"
            "static mut BUF: [u8; 16] = [7; 16];\n"
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u8 { unsafe { '
            "memory_init((&raw mut BUF).cast::<u8>(), ZEROS, 60000, 16); BUF[i] } }\n")
    artifacts, _ = build_artifacts(text, 0)
    module = parse_module(artifacts.wasm)
    assert [len(seg.data) for seg in module.data if seg.passive] == [big]
    store, exports = instantiate(artifacts.wasm)
    assert exports["get"](store, 15) == 0


def test_memory_zero_statics_beyond_four_gibibytes_are_a_diagnostic():
    text = ("static mut A: [u8; 2147483647] = [0; 2147483647];\n"
            "static mut B: [u8; 2147483647] = [0; 2147483647];\n"
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u8 { unsafe { A[i] + B[i] } }\n')
    sink = DiagnosticSink()
    assert compile_source(SourceFile("huge.rs", text), sink, 0).wasm is None
    assert [d.code for d in sink.errors] == ["B0007"], sink.render()
    assert "a 32-bit memory has at most 65536" in sink.errors[0].message


def test_a_zeroed_memory_zero_static_has_no_data():
    size = 16 << 20
    text = (f"static mut NEAR: [u32; {size // 4}] = [0; {size // 4}];\n"
            "static TABLE: [u32; 3] = [1, 2, 3];\n"
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u32 { unsafe { NEAR[i] + TABLE[i % 3] } }\n')
    wasm, spent = build(text, 0)
    assert len(wasm) < 4096, len(wasm)
    assert spent < 20, f"{spent:.1f} s of CPU"
    store, exports = instantiate(wasm)
    assert exports["get"](store, size // 4 - 1) == 1


@pytest.mark.parametrize("opt_level", [0, 2])
def test_zero_statics_of_imported_memories_are_zeroed_at_start(opt_level):
    text = ('#![memory(0, import = "env.m0", min = 4)]\n'
            '#![memory(1, import = "env.m1", min = 2)]\n'
            "static mut NEAR_ZERO: [u32; 1000] = [0; 1000];\n"
            "static mut NEAR_PLACED: [u32; 20000] = [0; 20000];\n"
            "static mut NEAR_DATA: [u32; 2] = [7, 0];\n"
            "#[mem_idx(1)]\nstatic mut FAR_ZERO: [u32; 1000] = [0; 1000];\n"
            f"#[mem_idx(1)]\nstatic mut FAR_DATA: [u8; 40] = [{', '.join(map(str, FAR_BYTES))}];\n"
            "#[repr(C)]\nstruct Tail { a: u8, b: u32 }\n"
            "#[mem_idx(1)]\nstatic mut FAR_TAIL: Tail = Tail { a: 0, b: 0 };\n"
            '#[no_mangle]\npub extern "C" fn near(i: usize) -> u32 { unsafe { NEAR_ZERO[i] + NEAR_DATA[i % 2] } }\n'
            '#[no_mangle]\npub extern "C" fn placed(i: usize) -> u32 { unsafe { NEAR_PLACED[i] } }\n'
            '#[no_mangle]\npub extern "C" fn far(i: usize) -> u32 { unsafe { FAR_ZERO[i] } }\n'
            '#[no_mangle]\npub extern "C" fn far_bytes(i: usize) -> u8 { unsafe { FAR_DATA[i] } }\n'
            '#[no_mangle]\npub extern "C" fn tail() -> u32 { unsafe { FAR_TAIL.a as u32 + FAR_TAIL.b } }\n')
    wasm, _ = build(text, opt_level)
    module = parse_module(wasm)
    assert module.start is not None
    assert sum(len(seg.data) for seg in module.data) < 200  # the zeros are filled, not written
    store, exports = instantiate(wasm, {"m0": 4, "m1": 2})
    assert [exports["near"](store, i) for i in (0, 1, 998, 999)] == [7, 0, 7, 0]
    assert [exports["placed"](store, i) for i in (0, 10000, 19999)] == [0, 0, 0]
    assert [exports["far"](store, i) for i in (0, 500, 999)] == [0, 0, 0]
    assert [exports["far_bytes"](store, i) for i in range(40)] == FAR_BYTES
    assert exports["tail"](store) == 0


def test_defined_memories_need_no_start_function():
    text = ("#![memory(1, min = 1)]\n#[mem_idx(1)]\nstatic mut Z: [u64; 64] = [0; 64];\n"
            "static mut N: [u64; 64] = [0; 64];\n"
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u64 { unsafe { Z[i] + N[i] } }\n')
    wasm, _ = build(text)
    module = parse_module(wasm)
    assert module.start is None and not module.data


def test_negative_zero_is_not_zero():
    text = ("#![memory(1, min = 1)]\n#[mem_idx(1)]\nstatic F: [f64; 2] = [-0.0; 2];\nstatic N: f64 = -0.0;\n"
            '#[no_mangle]\npub extern "C" fn bits(i: usize) -> u64 { unsafe { '
            "*(&raw const F as #[mem_idx(1)] *const u64).add(i) } }\n"
            '#[no_mangle]\npub extern "C" fn near() -> f64 { 1.0 / N }\n')
    wasm, _ = build(text, 0)
    store, exports = instantiate(wasm)
    assert exports["bits"](store, 1) == -(1 << 63)  # the sign bit (wasmtime reads i64 as signed)
    assert exports["near"](store) == float("-inf")


@pytest.mark.parametrize("where", ["", "#[mem_idx(1)]\n"])
def test_a_large_repeated_array_builds_in_linear_time(where):
    count = 1 << 20
    text = (f"#![memory(1, min = 80)]\n{where}static mut S: [u32; {count}] = [0x01020304; {count}];\n"
            '#[no_mangle]\npub extern "C" fn get(i: usize) -> u32 { unsafe { S[i] } }\n')
    wasm, spent = build(text, 0)
    assert 4 * count < len(wasm) < 4 * count + 4096
    assert spent < 60, f"{spent:.1f} s of CPU"  # a few seconds; it was minutes and gigabytes
    store, exports = instantiate(wasm)
    assert exports["get"](store, 0) == exports["get"](store, count - 1) == 0x01020304
