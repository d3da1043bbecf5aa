"""Execution tests: every program in tests/programs/ and examples/ compiles at
-O0 and -O2, validates, and runs in wasmtime and in V8 (Node 24) with the
results its header expects (see programs_support.py). A program with LINK
modules runs with them linked at run time, and again merged into one module
(static linking), with the same expected results."""
from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import link_static, lower_multi_memory
from compiler.runtime import LinkedModule, RunRequest, node_available, run_node, run_wasmtime
from compiler.wasm.validate import validate
from programs_support import PROGRAM_FILES, program_id, compile_linked_program, parse_spec, values_match

ENGINES = {
    "wasmtime": run_wasmtime,
    "v8": run_node,
}


def _cases() -> list:
    """(path, -O level, engine), a strict xfail where a KNOWN-BUG line says so."""
    cases = []
    for path in PROGRAM_FILES:
        known = parse_spec(path).known_bugs
        for opt in (0, 2):
            for engine in ENGINES:
                marks = [pytest.mark.xfail(reason=known[opt], strict=True)] if opt in known else []
                cases.append(pytest.param(path, opt, engine, id=f"{program_id(path)}-{opt}-{engine}", marks=marks))
    return cases


@pytest.mark.parametrize(("path", "opt", "engine"), _cases())
def test_program(path, opt, engine):
    if engine == "v8" and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    spec = parse_spec(path)
    artifacts, links, sink = compile_linked_program(path, opt)
    assert not sink.has_errors and artifacts.wasm is not None, sink.render()
    assert validate(artifacts.wasm) == [], "module does not validate"
    request = RunRequest(
        wasm=artifacts.wasm,
        memories=artifacts.program.memories,
        calls=[(c.name, c.args) for c in spec.calls],
        host_writes=spec.host_writes,
        reads=[(mem, offset, len(data)) for mem, offset, data in spec.reads],
        links=[LinkedModule(name, wasm) for name, wasm in links.items()],
    )
    check_result(spec, ENGINES[engine](request))
    if links:
        merged = link_static(artifacts.wasm, links, sink := DiagnosticSink())
        assert merged is not None, sink.render()
        request.wasm, request.links = merged, []
        check_result(spec, ENGINES[engine](request))


def check_result(spec, result) -> None:
    assert not getattr(result, "error", None), result.error
    expects_trap = spec.calls[-1].traps
    normal_calls = spec.calls[:-1] if expects_trap else spec.calls
    for call, value in zip(normal_calls, result.values):
        if call.expected is not None:
            assert values_match(value, call.expected), f"{call.name}{tuple(call.args)} = {value}, expected {call.expected}"
    assert len(result.values) >= len(normal_calls), f"only {len(result.values)} calls returned; trap: {result.trap}"
    if expects_trap:
        assert result.trap is not None, f"{spec.calls[-1].name} did not trap"
        assert spec.calls[-1].name in (result.trap.function or "") or result.trap.function, result.trap
    else:
        assert result.trap is None, f"unexpected trap: {result.trap}"
    for (mem, offset, data), got in zip(spec.reads, result.reads):
        assert got == data, f"memory {mem} at {offset}: {got.hex()} != {data.hex()}"


NODE20 = Path("/usr/bin/node")
LOWERED_ENGINES = {"wasmtime": run_wasmtime, "node20": lambda req: run_node(req, NODE20)}


@pytest.mark.parametrize("engine", list(LOWERED_ENGINES))
@pytest.mark.parametrize("path", PROGRAM_FILES, ids=program_id)
def test_program_lowered_to_one_memory(path, engine):
    """The same results from the module lowered to one memory (`--lower-multi-memory`), in
    wasmtime and in Node 20 (no multi-memory); programs whose memories cannot be lowered
    (imported, 64-bit, shared, exported far memories) or that the host reads are skipped."""
    if engine == "node20" and not NODE20.is_file():
        pytest.skip("no Node 20 at /usr/bin/node")
    spec = parse_spec(path)
    artifacts, links, sink = compile_linked_program(path, 2)
    assert artifacts.wasm is not None, sink.render()
    wasm = artifacts.wasm
    if links:
        wasm = link_static(wasm, links, sink)
        assert wasm is not None, sink.render()
    if spec.host_writes or spec.reads:
        pytest.skip("the host reads or writes a memory by its own index")
    lowered = lower_multi_memory(wasm, sink := DiagnosticSink())
    if lowered is None:
        assert [d.code for d in sink.diagnostics] == ["B0009"], sink.render()
        pytest.skip(sink.diagnostics[0].message)
    request = RunRequest(wasm=lowered, memories=artifacts.program.memories,
                         calls=[(c.name, c.args) for c in spec.calls])
    check_result(spec, LOWERED_ENGINES[engine](request))
