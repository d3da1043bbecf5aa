"""Items that farc's `core` (stdlib/core/lib.rs) may define: inherent impls of
the primitive types (only core may write them, as in Rust: E0390 elsewhere)
and non-generic functions, compiled where the user's crate calls them.

The test runs against a `core` extended with such items (stdlib/core does not
need one yet), swapped in for this test only."""
from __future__ import annotations

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import check_source, compile_source
from compiler.runtime import RunRequest, run_wasmtime
from compiler.source import SourceFile
from compiler.syntax import modules
from compiler.syntax.parser import parse

EXTRA_CORE = """
impl u32 {
    pub const ZERO: u32 = 0;
    pub fn twice(self) -> u32 {
        self * 2
    }
    pub fn plus_zero(self) -> u32 {
        self + Self::ZERO
    }
}

pub mod extra {
    pub fn forty() -> u32 {
        40
    }
}
"""

PROGRAM = """
#[no_mangle]
pub extern "C" fn f() -> u32 {
    5u32.twice() + u32::twice(1) + u32::ZERO + core::extra::forty() + 3u32.plus_zero()
}
"""


@pytest.fixture
def extended_core(monkeypatch):
    source = SourceFile("lib.rs", modules.CORE_ROOT.read_text(encoding="utf-8") + EXTRA_CORE, path=modules.CORE_ROOT)
    sink = DiagnosticSink()
    crate = modules.load_crate(parse(source, sink), source, sink)
    assert not sink.has_errors, sink.render()
    monkeypatch.setattr(modules, "_CORE", crate)


def test_core_methods_of_primitives_and_functions_are_compiled_where_called(extended_core):
    sink = DiagnosticSink()
    out = compile_source(SourceFile("main.rs", PROGRAM), sink, opt_level=0)
    assert out.wasm is not None, sink.render()
    result = run_wasmtime(RunRequest(wasm=out.wasm, memories=out.program.memories, calls=[("f", [])]))
    assert result.values == [10 + 2 + 0 + 40 + 3]


def test_only_core_has_inherent_impls_of_primitives():
    sink = DiagnosticSink()
    check_source(SourceFile("main.rs", "impl u32 { fn twice(self) -> u32 { self * 2 } }\n"), sink)
    assert [d.code for d in sink.diagnostics] == ["E0390"], sink.render()
