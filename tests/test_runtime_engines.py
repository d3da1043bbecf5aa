"""The finished sample program runs in wasmtime and in V8 (Node 24) with the
same results: host writes into imported memories reach far loads, far statics
are visible, memory.copy crosses memories, 64-bit and shared memories work,
traps are reported with the trapping function's name, and request mistakes
are errors in the result."""
from __future__ import annotations

import struct

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.memory import MemoryMap
from compiler.runtime import RunRequest, RunResult, node_available, run_node, run_wasmtime
from compiler.wasm.testing import HOST_PROGRAM_IR, SAMPLE_FAR_DATA, build, sample_memories, sample_program_ir

RUNNERS = {"wasmtime": run_wasmtime, "v8": run_node}
ENGINES = ["wasmtime", pytest.param("v8", marks=pytest.mark.node)]


@pytest.fixture(params=ENGINES)
def run(request):
    """A runner; V8 is skipped when Node 24 is not installed."""
    if request.param == "v8" and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    return RUNNERS[request.param]


@pytest.fixture(scope="module")
def sample_wasm() -> bytes:
    sink = DiagnosticSink()
    wasm = build(sample_program_ir(), sample_memories(), SAMPLE_FAR_DATA, sink)
    assert wasm is not None, sink.render()
    return wasm


@pytest.fixture(scope="module")
def host_wasm() -> bytes:
    sink = DiagnosticSink()
    wasm = build(HOST_PROGRAM_IR, MemoryMap.of([]), [], sink)
    assert wasm is not None, sink.render()
    return wasm


def i32(value: int) -> bytes:
    return struct.pack("<i", value)


def ok(result: RunResult) -> RunResult:
    assert result.error is None, result.error
    assert result.trap is None, result.trap
    return result


def sample_request(wasm: bytes, **kwargs) -> RunRequest:
    return RunRequest(wasm=wasm, memories=sample_memories(), **kwargs)


def test_host_write_into_imported_memory_reaches_the_far_load(run, sample_wasm) -> None:
    result = ok(run(sample_request(sample_wasm, host_writes=[(1, 8, i32(42))], calls=[("load1", [8]), ("load1", [100])])))
    assert result.values == [42, 7]  # 7: a far static of the imported memory, written at instantiation


def test_far_statics_are_visible(run, sample_wasm) -> None:
    result = ok(run(sample_request(sample_wasm, calls=[("load2", [16]), ("load3", [32])], reads=[(2, 16, 12)])))
    assert result.values == [int.from_bytes(b"far ", "little"), 2**63 - 1]  # i64 comes back as a Python int
    assert result.reads == [b"far statics!"]


def test_memory_copy_between_memories(run, sample_wasm) -> None:
    result = ok(run(sample_request(
        sample_wasm,
        host_writes=[(1, 200, b"0123456789")],
        calls=[("copy_1_to_2", [300, 200, 10]), ("copy_3_to_0", [32])],
        reads=[(2, 296, 16), (1, 200, 10)],
    )))
    assert result.reads == [b"\0" * 4 + b"0123456789" + b"\0" * 2, b"0123456789"]
    assert result.values == [None, -1]  # memory 3 -> stack in memory 0: low half of 2**63-1


def test_v128_far_load_and_store(run, sample_wasm) -> None:
    result = ok(run(sample_request(
        sample_wasm,
        host_writes=[(1, 48, b"".join(i32(v) for v in (1, 2, 3, -40)))],
        calls=[("vsum1", [48]), ("vsplat2", [64, 9])],
        reads=[(2, 64, 16)],
    )))
    assert result.values == [-34, None]
    assert result.reads == [i32(9) * 4]


def test_memory64_fill_size_and_grow(run, sample_wasm) -> None:
    result = ok(run(sample_request(
        sample_wasm,
        calls=[("fill3", [1000, 0x1AB, 16]), ("size3", []), ("grow2", [2]), ("grow2", [0]), ("load2_u8", [16])],
        reads=[(3, 998, 20)],
    )))
    assert result.values == [None, 1, 1, 3, ord("f")]
    assert result.reads == [b"\0\0" + b"\xab" * 16 + b"\0\0"]  # memory.fill stores the low byte


def test_shared_imported_memory(run, sample_wasm) -> None:
    result = ok(run(sample_request(
        sample_wasm, host_writes=[(4, 4, i32(41))], calls=[("shared_inc", [4]), ("shared_inc", [4])], reads=[(4, 0, 8)]
    )))
    assert result.values == [42, 43]
    assert result.reads == [i32(0) + i32(43)]


def test_memory_0_statics_and_indirect_calls(run, sample_wasm) -> None:
    result = ok(run(sample_request(sample_wasm, calls=[("near_table", [2]), ("apply", [0, 21]), ("apply", [1, 5])])))
    assert result.values == [30, 42, 15]


def test_value_types(run, sample_wasm) -> None:
    bits = struct.unpack("<II", struct.pack("<d", -1.25))
    result = ok(run(sample_request(
        sample_wasm,
        calls=[
            ("mix", [2**40, 2.9, -1.5]),
            ("mix", [-5, 0.0, -0.0]),
            ("mix", [2**64 - 1, 0.0, 0.0]),  # unsigned spelling of -1
            ("halve", [3.0]),
            ("halve", [float("inf")]),
            ("store2", [512, bits[0]]),
            ("store2", [516, bits[1]]),
            ("load2_f64", [512]),
            ("store2_i64_byte", [600, 0x1FF]),
            ("load2_u8", [600]),
        ],
    )))
    assert result.values == [2**40 + 1, -5, -1, 1.5, float("inf"), None, None, -1.25, None, 0xFF]


def test_far_out_of_bounds_traps_in_the_function(run, sample_wasm) -> None:
    result = run(sample_request(sample_wasm, calls=[("load1", [0]), ("load1", [65534]), ("load1", [0])]))
    assert result.error is None
    assert result.values == [0]  # the call after the trap does not run
    assert result.trap is not None
    assert result.trap.kind == "out_of_bounds"
    assert result.trap.function == "load1"
    assert result.trap.message


def test_division_by_zero_trap(run, sample_wasm) -> None:
    result = run(sample_request(sample_wasm, calls=[("div", [7, 2]), ("div", [1, 0])]))
    assert result.values == [3]
    assert result.trap is not None and result.trap.kind == "divide_by_zero" and result.trap.function == "div"


def test_engines_agree(sample_wasm) -> None:
    if not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    request = sample_request(
        sample_wasm,
        host_writes=[(1, 0, bytes(range(64))), (4, 0, bytes(range(100, 164)))],
        calls=[("load1", [4]), ("vsum1", [16]), ("copy_1_to_2", [0, 0, 64]), ("shared_inc", [8]), ("size3", [])],
        reads=[(1, 0, 64), (2, 0, 64), (3, 0, 64), (4, 0, 64), (0, 65536, 16)],
    )
    a, b = run_wasmtime(request), run_node(request)
    assert a.error is None and b.error is None
    assert a.values == b.values and a.reads == b.reads and a.trap is None and b.trap is None


# ---------------------------------------------------------------------------
# Host functions, host traps, time limits, request mistakes


def host_request(wasm: bytes, calls, timeout_s: float = 20.0) -> RunRequest:
    return RunRequest(
        wasm=wasm,
        memories=MemoryMap.of([]),
        calls=calls,
        host_functions={("env", "host_add"): lambda a, b: a * 100 + b},
        js_host_functions={("env", "host_add"): "(a, b) => a * 100 + b"},
        timeout_s=timeout_s,
    )


def test_host_functions_and_builtin_log(run, host_wasm) -> None:
    result = ok(run(host_request(host_wasm, [("use_host", [3, 4]), ("say", [-7, 0.25])])))
    assert result.values == [304, None]
    assert [(e.wasm_type, e.value) for e in result.log] == [("i32", -7), ("f64", 0.25)]


def test_host_abort_is_a_trap(run, host_wasm) -> None:
    result = run(host_request(host_wasm, [("do_abort", [])]))
    assert result.error is None
    assert result.trap is not None and result.trap.kind == "host"


def test_stack_overflow_is_a_trap(run, host_wasm) -> None:
    result = run(host_request(host_wasm, [("recurse", [0])]))
    assert result.error is None
    assert result.trap is not None and result.trap.kind == "stack_overflow" and result.trap.function == "recurse"


def test_time_limit_is_a_trap(run, host_wasm) -> None:
    result = run(host_request(host_wasm, [("spin", [])], timeout_s=1.0))
    assert result.trap is not None and result.trap.kind == "timeout"


def test_missing_import_is_an_error(run, host_wasm) -> None:
    result = run(RunRequest(wasm=host_wasm, memories=MemoryMap.of([]), calls=[("use_host", [1, 2])]))
    assert result.trap is None
    assert result.error is not None and "missing import" in result.error and "env.host_add" in result.error


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"host_writes": [(9, 0, b"x")]}, "declares no memory 9"),
        ({"host_writes": [(1, 65535, b"xy")]}, "outside the memory"),
        ({"calls": [("nope", [])]}, "exports no function `nope`"),
        ({"calls": [("load1", [1, 2])]}, "takes 1 arguments, 2 given"),
        ({"calls": [("load1", [1.5])]}, "not an integer"),
    ],
)
def test_request_mistakes_are_errors(run, sample_wasm, kwargs, message) -> None:
    result = run(sample_request(sample_wasm, **kwargs))
    assert result.error is not None and message in result.error


def test_unreachable_memory_cannot_be_read(run, sample_wasm) -> None:
    from compiler.memory import MemoryDecl

    memories = MemoryMap.of([*sample_memories(), MemoryDecl(5)])
    result = run(RunRequest(wasm=sample_wasm, memories=memories, reads=[(5, 0, 4)]))
    assert result.error is not None and "neither imported nor exported" in result.error
    result = run(RunRequest(wasm=sample_wasm, memories=memories, host_writes=[(5, 0, b"x")]))
    assert result.error is not None and "neither imported nor exported" in result.error


def test_node_needs_a_javascript_host_function(sample_wasm, host_wasm) -> None:
    if not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    request = host_request(host_wasm, [("use_host", [1, 2])])
    request.js_host_functions = {}
    result = run_node(request)
    assert result.error is not None and "JavaScript" in result.error


SPIN = """#[no_mangle]
pub extern "C" fn add(a: u32, b: u32) -> u32 { a + b }

#[no_mangle]
pub extern "C" fn spin() -> u32 { loop {} }
"""


@pytest.mark.node
@pytest.mark.skipif(not node_available(), reason="Node 24 is not installed (run scripts/setup.sh)")
def test_a_batch_in_one_node_process_answers_like_single_runs(sample_wasm) -> None:
    from compiler.driver import compile_source
    from compiler.runtime import run_node_batch
    from compiler.source import SourceFile

    sink = DiagnosticSink()
    spin = compile_source(SourceFile("spin.rs", SPIN), sink, 2)
    assert spin.wasm is not None, sink.render()
    requests = [
        sample_request(sample_wasm, host_writes=[(1, 8, i32(42))], calls=[("load1", [8])]),
        RunRequest(spin.wasm, spin.program.memories, calls=[("add", [2, 3]), ("add", [-1, 1])]),
        sample_request(sample_wasm, calls=[("no_such_function", [])]),
    ]
    batch = run_node_batch(requests)
    single = [run_node(r) for r in requests]
    assert [(r.values, r.trap, r.error) for r in batch] == [(r.values, r.trap, r.error) for r in single]
    assert batch[1].values == [5, 0] and batch[2].error
    # a module that loops: the batch runs out of time, then each request runs alone
    looping = RunRequest(spin.wasm, spin.program.memories, calls=[("spin", [])], timeout_s=1.0)
    quick = RunRequest(spin.wasm, spin.program.memories, calls=[("add", [1, 1])], timeout_s=1.0)
    results = run_node_batch([looping, quick])
    assert results[0].trap is not None and results[0].trap.kind == "timeout"
    assert results[1].values == [2] and results[1].trap is None
