"""`farc build --lower-multi-memory` (`compiler.wasm.lower`): one memory, each
former memory in its own region, every far access bounds-checked against
its own memory's size. The lowered module computes what the multi-memory
one computes (wasmtime, V8, and the machine's Node 20, which has no
multi-memory), and an out-of-bounds far access traps instead of reading the
neighbouring region."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compiler.cli import main as farc
from compiler.diagnostics import DiagnosticSink
from compiler.driver import Link, compile_linked, compile_source, link_static, lower_multi_memory
from compiler.memory import MemoryMap
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile
from compiler.wasm.binary import parse_module
from programs_support import ROOT

PROGRAM = """\
#![memory(1, min = 1, max = 2)]
#![memory(2, min = 1)]

#[mem_idx(1)]
static mut A: [u32; 4] = [11, 22, 33, 44];

#[no_mangle]
pub extern "C" fn a(i: usize) -> u32 { unsafe { *(&raw const A).cast::<u32>().add(i) } }
#[no_mangle]
pub extern "C" fn get1(at: usize) -> u32 { unsafe { *(at as #[mem_idx(1)] *const u32) } }
#[no_mangle]
pub extern "C" fn set2(at: usize, v: u32) { unsafe { *(at as #[mem_idx(2)] *mut u32) = v; } }
#[no_mangle]
pub extern "C" fn get2(at: usize) -> u32 { unsafe { *(at as #[mem_idx(2)] *const u32) } }
#[no_mangle]
pub extern "C" fn get2_byte(at: usize) -> u32 { unsafe { *(at as #[mem_idx(2)] *const u8) as u32 } }
#[no_mangle]
pub extern "C" fn get0(at: usize) -> u32 { unsafe { *(at as *const u32) } }
#[no_mangle]
pub extern "C" fn grow1(n: usize) -> usize { memory_grow::<1>(n) }
#[no_mangle]
pub extern "C" fn size1() -> usize { memory_size::<1>() }
#[no_mangle]
pub extern "C" fn grow0(n: usize) -> usize { memory_grow::<0>(n) }
#[no_mangle]
pub extern "C" fn size0() -> usize { memory_size::<0>() }
#[no_mangle]
pub extern "C" fn copy_1_to_2(dst: usize, src: usize, n: usize) {
    unsafe { core::ptr::copy_nonoverlapping(src as #[mem_idx(1)] *const u8, dst as #[mem_idx(2)] *mut u8, n) }
}
#[no_mangle]
pub extern "C" fn sum2(n: usize) -> u32 {
    let mut s: u32 = 0;
    let mut i: usize = 0;
    while i < n {
        unsafe { s += *(i as #[mem_idx(2)] *const u32 ).add(i); }
        i += 1;
    }
    s
}
"""

NODE20 = Path("/usr/bin/node")


def runners():
    found = {"wasmtime": run_wasmtime}
    if node_available():
        found["v8"] = run_node
    if NODE20.is_file():
        found["node20"] = lambda req: run_node(req, NODE20)
    return found


@pytest.fixture(scope="module")
def modules():
    sink = DiagnosticSink()
    out = compile_source(SourceFile("low.rs", PROGRAM), sink, 2)
    assert out.wasm is not None, sink.render()
    lowered = lower_multi_memory(out.wasm, sink)
    assert lowered is not None, sink.render()
    return out.wasm, lowered


def run(wasm: bytes, calls, runner=run_wasmtime):
    return runner(RunRequest(wasm, MemoryMap.of([]), calls))


CALLS = [("a", [2]), ("set2", [8, 77]), ("get2", [8]), ("get2_byte", [8]), ("size1", []), ("grow1", [1]),
         ("size1", []), ("get1", [65536 + 4]), ("grow1", [1]), ("size0", []), ("grow0", [1]), ("size0", []),
         ("get0", [2 * 65536 - 4]), ("copy_1_to_2", [100, 0, 16]), ("get2", [104]), ("set2", [65532, 5]),
         ("sum2", [100])]


def test_one_memory_and_the_same_results(modules) -> None:
    native, lowered = modules
    module = parse_module(lowered)
    assert len(module.memory_types()) == 1 and not module.imports
    expected = run(native, CALLS)
    assert expected.error is None and expected.trap is None, (expected.error, expected.trap)
    assert expected.values[:4] == [33, None, 77, 77]
    for name, runner in runners().items():
        result = run(lowered, CALLS, runner)
        assert result.error is None and result.trap is None, (name, result.error, result.trap)
        assert result.values == expected.values, name


def test_node20_cannot_run_the_multi_memory_module(modules) -> None:
    if not NODE20.is_file():
        pytest.skip("no Node 20 at /usr/bin/node")
    native, _ = modules
    result = run(native, [("a", [0])], lambda req: run_node(req, NODE20))
    assert result.error is not None and "memory" in result.error


@pytest.mark.parametrize("calls, function", [
    ([("get1", [65536])], "get1"),  # memory 1 has 1 page until it grows (its region has room for 2)
    ([("grow1", [1]), ("get1", [2 * 65536 - 2])], "get1"),  # a word across the end of the grown memory
    ([("get2", [65533])], "get2"),  # the last bytes of region 2 border the home region
    ([("get2", [0xFFFFFFFC])], "get2"),
    ([("set2", [65536, 1])], "set2"),
    ([("copy_1_to_2", [65530, 0, 16])], "copy_1_to_2"),  # the destination range leaves memory 2
    ([("copy_1_to_2", [0, 65530, 16])], "copy_1_to_2"),  # the source range leaves memory 1
    ([("grow1", [2])], None),  # past memory 1's max: memory.grow fails (-1), no trap
])
def test_out_of_bounds_far_accesses_trap_as_before(modules, calls, function) -> None:
    native, lowered = modules
    expected = run(native, calls)
    for name, runner in runners().items():
        result = run(lowered, calls, runner)
        assert result.error is None, result.error
        assert result.values == expected.values, name
        if function is None:
            assert result.trap is None and result.values[-1] == -1
        else:
            assert expected.trap is not None and expected.trap.kind == "out_of_bounds"
            assert result.trap is not None and result.trap.kind == "out_of_bounds" and result.trap.function == function, name


def test_the_neighbour_region_is_never_read(modules) -> None:
    """Region 2 follows region 1 in the single memory: reading memory 1 just past its size
    must trap, not return what memory 2 holds there."""
    _, lowered = modules
    result = run(lowered, [("set2", [0, 0x12345678]), ("get1", [2 * 65536])])
    assert result.values == [None] and result.trap is not None and result.trap.kind == "out_of_bounds"


def test_the_far_call_example_lowered_after_merging() -> None:
    example = ROOT / "examples" / "far_call"
    sink = DiagnosticSink()
    built = compile_linked(SourceFile.read(example / "main.rs"), [Link("lib", SourceFile.read(example / "lib.rs"))],
                           sink)
    merged = link_static(built.main.wasm, built.links, sink)
    lowered = lower_multi_memory(merged, sink)
    assert lowered is not None, sink.render()
    calls = [("send", []), ("reply", [0]), ("reply", [7]), ("own_copy", [0]), ("lib_total", [])]
    for name, runner in runners().items():
        assert run(lowered, calls, runner).values == [8, 72, 70, 104, 8], name


@pytest.mark.parametrize("declaration, message", [
    ('#![memory(1, import = "host.m")]', "imports a memory"),
    ("#![memory(1, memory64)]", "64-bit"),
    ("#![memory(1, shared, max = 1)]", "shared"),
    ('#![memory(1, export = "far")]', "is exported as `far`"),
])
def test_what_cannot_be_lowered_is_b0008(declaration, message) -> None:
    text = declaration + "\n#[no_mangle]\npub extern \"C\" fn f() -> u32 { unsafe { *(0 as #[mem_idx(1)] *const u32) as u32 } }\n"
    text = text.replace("*const u32) as u32", "*const u32) as u32") if "memory64" not in declaration else \
        text.replace("(0 as #[mem_idx(1)] *const u32)", "(0u64 as #[mem_idx(1)] *const u32)")
    sink = DiagnosticSink()
    out = compile_source(SourceFile("x.rs", text), sink)
    assert out.wasm is not None, sink.render()
    assert lower_multi_memory(out.wasm, sink) is None
    assert [d.code for d in sink.diagnostics] == ["B0009"] and message in sink.diagnostics[0].message


def test_farc_build_lower_multi_memory(tmp_path) -> None:
    src = tmp_path / "low.rs"
    src.write_text(PROGRAM)
    assert farc(["build", str(src), "--lower-multi-memory", "--emit", "wasm"]) == 0
    lowered = (tmp_path / "low.wasm").read_bytes()
    assert len(parse_module(lowered).memory_types()) == 1
    assert run(lowered, [("a", [1])]).values == [22]
    exports = {e.name for e in parse_module(lowered).exports}
    assert {"memory", "memory.base"} <= exports
    assert shutil.which("true")  # the test needs nothing else from the machine
