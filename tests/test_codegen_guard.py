"""LLVM failures become ICE diagnostics and the compiler process survives.

LLVM kills its process on some input (report_fatal_error, assertions):
code generation runs in a forked child, and these tests make the child
fail in every way it can (parse error, verifier failure, a fatal error in
instruction selection, death by a signal) and check the parent's report.
"""
from __future__ import annotations

import os

import pytest

from codegen_builders import I32, bin, block, compile_ir, fn, lit, local, program, var
from compiler.codegen import emit
from compiler.codegen.emit import compile_to_object, run_guarded
from compiler.diagnostics import DiagnosticSink

HEADER = '''target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20"
target triple = "wasm32-unknown-unknown"
'''


def ice_of(ir_text: str, opt_level: int = 2) -> str:
    sink = DiagnosticSink()
    assert run_guarded(ir_text, opt_level, sink) is None
    (diag,) = sink.diagnostics
    assert diag.code == "ICE"
    return diag.render()


def still_works() -> None:
    """A normal compilation right after a failure succeeds in the same process."""
    a = local("a", I32)
    result, _ = compile_ir(program([fn("inc", [a], I32, block(tail=bin("+", var(a), lit(1))))]), 1)
    assert result.object_bytes.startswith(b"\0asm")


def test_invalid_ir_text_is_an_ice_quoting_the_parser():
    text = ice_of(HEADER + "define i32 @f( {\n")
    assert "LLVM could not parse the generated IR" in text
    assert "expected type" in text
    still_works()


def test_verifier_failures_are_ices():
    text = ice_of(HEADER + "define i32 @f() {\n  %a = add i32 %b, 1\n  %b = add i32 %a, 1\n  ret i32 %a\n}\n")
    assert "does not pass LLVM's verifier" in text
    assert "Instruction does not dominate all uses" in text
    still_works()


def test_llvm_fatal_error_in_instruction_selection_is_an_ice():
    """A load from address space 1 (wasm globals) makes LLVM exit with
    `LLVM ERROR: ...`: the reason farc never maps a memory to space 1."""
    body = "define i32 @f(ptr addrspace(1) %p) {\n  %v = load i32, ptr addrspace(1) %p\n  ret i32 %v\n}\n"
    text = ice_of(HEADER + body)
    assert "LLVM crashed" in text
    assert "unlowerable load from the wasm_var address space" in text
    still_works()


def test_death_by_signal_is_an_ice(monkeypatch):
    """The child is a fork: patching the pipeline here makes the child abort."""
    def abort(*args, **kwargs):
        os.write(2, b"LLVM ERROR: pretend assertion failure\n")
        os.abort()
    monkeypatch.setattr(emit, "run_pipeline", abort)
    text = ice_of(HEADER)
    assert "killed by SIGABRT" in text and "pretend assertion failure" in text
    monkeypatch.undo()
    still_works()


def test_python_errors_inside_the_child_are_ices(monkeypatch):
    def boom(*args, **kwargs):
        raise ValueError("something broke")
    monkeypatch.setattr(emit, "run_pipeline", boom)
    text = ice_of(HEADER)
    assert "ValueError" in text and "something broke" in text


@pytest.mark.parametrize("legalize_first", [False, True])
def test_compile_to_object_accepts_modules_and_reports_both_texts(legalize_first):
    a = local("a", I32)
    prog = program([fn("inc", [a], I32, block(tail=bin("+", var(a), lit(1))))])
    from compiler.codegen.build import build_module
    sink = DiagnosticSink()
    built = build_module(prog, sink)
    result = compile_to_object(built.module, 2, sink, legalize_first=legalize_first)
    assert result is not None and not sink.diagnostics
    assert '%"a.addr" = alloca i32' in result.unoptimized_ir_text
    assert "alloca" not in result.optimized_ir_text  # mem2reg ran
    assert result.object_bytes.startswith(b"\0asm")


def test_a_stuck_llvm_is_stopped_after_the_timeout(monkeypatch):
    def hang(*args, **kwargs):
        import time
        time.sleep(60)
    monkeypatch.setattr(emit, "run_pipeline", hang)
    sink = DiagnosticSink()
    assert run_guarded(HEADER, 2, sink, timeout_s=0.5) is None
    (diag,) = sink.diagnostics
    assert diag.code == "ICE" and "did not finish" in diag.message
    monkeypatch.undo()
    still_works()


# ---------------------------------------------------------------------------
# out of memory: a resource limit, B0010, not an ICE (a 300 MB constant array
# ran a 4 GiB address space out of memory in the mutation fuzzer)


@pytest.mark.parametrize("how", ["python", "llvm-fatal", "bad-alloc"])
def test_running_out_of_memory_in_the_child_is_b0010(monkeypatch, how):
    def exhausted(*args, **kwargs):
        if how == "python":
            raise MemoryError()
        os.write(2, b"LLVM ERROR: out of memory\n" if how == "llvm-fatal" else
                 b"terminate called after throwing an instance of 'std::bad_alloc'\n")
        os.abort()
    monkeypatch.setattr(emit, "run_pipeline", exhausted)
    sink = DiagnosticSink()
    assert run_guarded(HEADER, 2, sink) is None
    (diag,) = sink.diagnostics
    assert diag.code == "B0010" and diag.message == "compiling this program ran out of memory (in LLVM)"
    assert "ICE" not in diag.render() and "bug in farc" not in diag.render()
    monkeypatch.undo()
    still_works()


def test_running_out_of_memory_in_a_phase_is_b0010(monkeypatch):
    from compiler import driver
    from compiler.mono import monomorphize
    from compiler.source import SourceFile

    def exhausted(*args, **kwargs):
        raise MemoryError()
    monkeypatch.setattr(monomorphize, "monomorphize", exhausted)  # the driver imports it when it runs
    sink = DiagnosticSink()
    source = SourceFile("big.rs", '#[no_mangle]\npub extern "C" fn f() -> u32 { 1 }\n')
    assert driver.compile_source(source, sink).wasm is None
    assert [d.code for d in sink.diagnostics] == ["B0010"], sink.render()
