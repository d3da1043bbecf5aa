"""Inputs that once made a phase superlinear, with a bound on the work each
phase now does (operation counts or block sizes, not timings).

bench/compile_speed.py measures the growth exponent of every phase on these
shapes (and more) at three sizes; these tests keep the fixes in place:
* nested `&` were cubic in the checker (400 took 79 s): the end-of-body
  resolution re-resolved every type at every level; and again in
  monomorphization and IR generation (300 took 57 s to monomorphize), and
  in the checker's closure erasure: every node's type was substituted,
  walked and hashed whole (test: the Python calls each phase makes, at two
  depths);
* a 40,000-term expression took 182 s at -O0: instruction selection is
  quadratic in a basic block's length, so codegen now splits long blocks;
* polymorphic recursion made 5000 ever-deeper instances before its error
  (35 s): instances may nest 256 deep.
"""
from __future__ import annotations

import sys

import llvmlite.binding as llvm

from compiler.check.checker import check
from compiler.check.infer import Inference
from compiler.codegen.build import build_module
from compiler.codegen.function import MAX_BLOCK_INSTRUCTIONS
from compiler.diagnostics import DiagnosticSink
from compiler.driver import _on_deep_stack, compile_source
from compiler.syntax.parser import parse
from compiler.mono import monomorphize as mono
from compiler.runtime import RunRequest, run_wasmtime
from compiler.source import SourceFile
from conftest import check_text


def count_calls(monkeypatch, owner: type, name: str) -> dict[str, int]:
    """Replace owner.name by a wrapper that counts its calls (in counter["calls"])."""
    counter = {"calls": 0}
    original = getattr(owner, name)

    def counting(*args, **kwargs):
        counter["calls"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return counter


def nested_references(depth: int) -> str:
    return "fn f() -> u32 { let x = 1u32; let r = " + "&" * depth + "x; 0 }\n"


def test_resolving_nested_references_is_linear_in_their_depth(monkeypatch):
    counts = []
    for depth in (200, 400):
        counter = count_calls(monkeypatch, Inference, "shallow")
        program, sink = check_text(nested_references(depth))
        assert program is not None, sink.render()
        counts.append(counter["calls"])
        monkeypatch.undo()
    # linear: twice the depth, about twice the work (it was eight times: cubic)
    assert counts[1] < 2.5 * counts[0], counts
    assert counts[1] < 40 * 400, counts


def python_calls(fn, *args) -> tuple[int, object]:
    """(how many Python and builtin function calls fn(*args) makes, its value):
    a deterministic measure of a phase's work, run on the driver's deep stack
    (the profile hook is per thread)."""
    count = 0

    def profile(_frame, event, _arg) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    def counted():
        sys.setprofile(profile)
        try:
            return fn(*args)
        finally:
            sys.setprofile(None)

    value = _on_deep_stack(counted)
    return count, value


def nested_references_used(depth: int, generic: bool) -> str:
    """`&&&...&x` then `***...*r`, in a plain function or in a generic one (whose instance substitutes T)."""
    refs = "&" * depth + "x; " + "*" * depth + "r }\n"
    if generic:
        return ("fn f<T: Copy>(x: T) -> T { let r = " + refs +
                "#[no_mangle]\npub extern \"C\" fn g() -> u32 { f::<u32>(7u32) }\n")
    return '#[no_mangle]\npub extern "C" fn g() -> u32 { let x = 7u32; let r = ' + refs


def phase_calls(text: str) -> dict[str, int]:
    """Python calls made by checking, monomorphization and IR generation (building and printing the module)."""
    sink = DiagnosticSink()
    module = _on_deep_stack(parse, SourceFile("nested.rs", text), sink)
    check_calls, program = python_calls(check, module, sink, "nested")
    assert program is not None, sink.render()
    mono_calls, program = python_calls(mono.monomorphize, program, sink)
    assert program is not None, sink.render()
    ir_calls, ir_text = python_calls(lambda: str(build_module(program, sink).module))
    assert "define" in ir_text, sink.render()
    return {"check": check_calls, "monomorphize": mono_calls, "IR generation": ir_calls}


def test_checking_monomorphizing_and_lowering_nested_references_is_linear_in_their_depth():
    phase_calls(nested_references_used(1, True))  # (first-use costs: imports, caches)
    for generic in (False, True):
        counts = [phase_calls(nested_references_used(depth, generic)) for depth in (100, 200, 400)]
        for phase in counts[0]:
            # what each doubling of the depth adds (a program's fixed cost, such as checking
            # core, cancels out): linear, the second adds twice what the first did (quadratic:
            # four times; it was 4-8 times: every node's type walked whole)
            first = counts[1][phase] - counts[0][phase]
            second = counts[2][phase] - counts[1][phase]
            assert 0 < second < 2.4 * first, (generic, phase, [c[phase] for c in counts])


def test_deeply_nested_reference_types_are_kept():
    program, sink = check_text("fn f() -> u32 { let x = 7u32; let r = " + "&" * 300 + "x; " + "*" * 300 + "r }\n")
    assert program is not None, sink.render()
    let = program.functions[0].body.stmts[1]
    ty, depth = let.local.ty, 0
    while hasattr(ty, "pointee"):
        ty, depth = ty.pointee, depth + 1
    assert (depth, str(ty)) == (300, "u32")


def long_sum(terms: int) -> str:
    return '#[no_mangle]\npub extern "C" fn f(x: u32) -> u32 { x' + " + x" * (terms - 1) + " }\n"


def test_a_long_expression_is_split_into_bounded_blocks():
    terms = 5000
    sink = DiagnosticSink()
    artifacts = compile_source(SourceFile("sum.rs", long_sum(terms)), sink, 0)
    assert artifacts.wasm is not None, sink.render()
    module = llvm.parse_assembly(artifacts.llvm_ir_unoptimized)
    blocks = [len(list(block.instructions)) for block in module.get_function("f").blocks]
    assert len(blocks) >= terms * 2 // MAX_BLOCK_INSTRUCTIONS, blocks
    assert max(blocks) <= MAX_BLOCK_INSTRUCTIONS + 4, max(blocks)
    result = run_wasmtime(RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                                     calls=[("f", [3])]))
    assert result.values == [3 * terms], result


def test_polymorphic_recursion_stops_at_the_depth_limit(monkeypatch):
    counter = count_calls(monkeypatch, mono._Monomorphizer, "instance")
    program, sink = check_text("fn f<T>(x: *const T) -> u32 { f::<*const T>(0usize as *const *const T) }\n"
                               "fn g() -> u32 { f::<u8>(0usize as *const u8) }\n")
    assert program is None
    assert [d.code for d in sink.errors] == ["E0601"]
    assert "nested more than 256 deep" in sink.errors[0].message
    assert counter["calls"] <= mono.MAX_INSTANCE_DEPTH + 2, counter


def test_a_deep_chain_of_distinct_generic_functions_is_fine():
    chain = "".join(f"fn g{i}<T>(x: T) -> T {{ g{i + 1}::<T>(x) }}\n" for i in range(200))
    program, sink = check_text(chain + "fn g200<T>(x: T) -> T { x }\nfn root() -> u8 { g0::<u8>(1u8) }\n")
    assert program is not None, sink.render()
    assert len(program.functions) == 202


def test_no_cyclic_collection_during_a_compilation_and_the_collector_back_after():
    """The collector would rescan every live object of the compilation at each
    collection (it tripled IR generation's time); it is paused for the whole
    compilation (whose phases run on the driver's own thread) and turned
    back on after it."""
    import gc
    import threading
    collections = []

    def record(phase: str, info: dict) -> None:
        if phase == "start" and threading.current_thread() is not threading.main_thread():
            collections.append(info["generation"])

    assert gc.isenabled()
    gc.callbacks.append(record)
    try:
        source = "\n".join(
            f"pub fn f{i}(x: u32) -> u32 {{ let v = [x, {i}, x + 1]; v[0] * v[1] + v[2] }}" for i in range(300))
        artifacts = compile_source(SourceFile("many.rs", source), DiagnosticSink(), opt_level=0)
        assert artifacts.wasm is not None
    finally:
        gc.callbacks.remove(record)
    assert collections == []
    assert gc.isenabled()
