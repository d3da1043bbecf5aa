"""farc's stated limits, at their edges: the largest number of memories a
module may have (100, the engines' limit) and the largest memory index
(16776215, LLVM's 24-bit address spaces) compile and validate; one more is
a diagnostic, never an invalid module or an internal error."""
from __future__ import annotations

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.memory import MAX_MEMORIES, MAX_MEMORY_INDEX
from compiler.source import SourceFile


def build(text: str):
    sink = DiagnosticSink()
    out = compile_source(SourceFile("limits.rs", text), sink, 0)
    return out, sink


def memories_program(count: int) -> str:
    """`count` memories: memory 0 (implicit) and memories 1..count-1."""
    decls = "\n".join(f"#![memory({i}, min = 1)]" for i in range(1, count))
    return decls + f'\n#[no_mangle]\npub extern "C" fn last() -> usize {{ memory_size::<{count - 1}>() }}\n'


def test_the_most_memories_a_module_may_have():
    out, sink = build(memories_program(MAX_MEMORIES))
    assert not sink.diagnostics and out.wasm is not None, sink.render()


def test_one_memory_more_is_m0011_at_the_declaration_that_exceeds():
    out, sink = build(memories_program(MAX_MEMORIES + 1))
    assert [d.code for d in sink.diagnostics] == ["M0011"], sink.render()
    d = sink.diagnostics[0]
    assert d.message == f"this file declares more than {MAX_MEMORIES} memories"
    assert d.span.line_col()[0] == MAX_MEMORIES  # the declaration of memory 100 (memory 0 is implicit)


def test_the_largest_memory_index_compiles_and_runs():
    from compiler.runtime import RunRequest, run_wasmtime
    text = (f"#![memory({MAX_MEMORY_INDEX}, min = 1)]\n"
            f"#[no_mangle]\npub extern \"C\" fn put(x: u32) -> u32 {{\n"
            f"    let p = 64usize as #[mem_idx({MAX_MEMORY_INDEX})] *mut u32;\n"
            f"    unsafe {{ *p = x; *p + 1 }}\n}}\n")
    out, sink = build(text)
    assert not sink.diagnostics and out.wasm is not None, sink.render()
    result = run_wasmtime(RunRequest(wasm=out.wasm, memories=out.program.memories, calls=[("put", [41])]))
    assert result.values == [42], result


def test_one_index_more_is_a_diagnostic_everywhere_it_can_be_written():
    for text in (f"#![memory({MAX_MEMORY_INDEX + 1})]\nfn f() {{}}\n",
                 f"fn f(p: #[mem_idx({MAX_MEMORY_INDEX + 1})] *const u8) -> usize {{ p as usize }}\n"):
        out, sink = build(text)
        assert [d.code for d in sink.diagnostics] in (["M0011"], ["M0012"]), sink.render()
        assert f"farc supports memory indices 0 to {MAX_MEMORY_INDEX}" in sink.diagnostics[0].message
