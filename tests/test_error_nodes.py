"""The safety net behind "an error type means an error was reported": the
checker stands an error-typed node in for an expression it refuses, and
stays silent on it when the refusal was reported already. If a refusal is
ever silent (as uses of `!` operands were: `(return x).a` compiled and
trapped instead of returning `x`), monomorphization stops with an internal
error instead of compiling a program with the refused code dropped."""
from __future__ import annotations

import pytest

import compiler.check.places as places
from compiler.check.coercion import quiet
from compiler.diagnostics import DiagnosticSink
from compiler.driver import Artifacts, compile_source
from compiler.source import SourceFile

FIELD_OF_NEVER = """
#[no_mangle]
pub extern "C" fn f(x: u32) -> u32 { (return x).a }
"""


def build(text: str) -> tuple[DiagnosticSink, Artifacts]:
    sink = DiagnosticSink()
    artifacts = compile_source(SourceFile("never.rs", text), sink, opt_level=0)
    return sink, artifacts


def test_a_field_of_never_is_refused():
    sink, _ = build(FIELD_OF_NEVER)
    assert [d.code for d in sink.diagnostics if d.level.name == "ERROR"] == ["E0609"]


def test_a_silent_refusal_stops_at_an_internal_error(monkeypatch: pytest.MonkeyPatch):
    # put back the silence the field rule had on `!`: the node is refused quietly
    monkeypatch.setattr(places, "failed", quiet)
    sink, artifacts = build(FIELD_OF_NEVER)
    errors = [d for d in sink.diagnostics if d.level.name == "ERROR"]
    assert [d.code for d in errors] == ["ICE"]
    assert "error type reached monomorphization with no error reported" in errors[0].message
    assert artifacts.wasm is None
