"""What a far call (a call into another farc module) can carry, checked where the
modules meet: building against the linked module (`--link`, `check.linkage`) and
merging built modules (`farc link`, `driver.link_static`). Aggregates by value are
refused (L0007): the C ABI passes them as an address in the caller's memory 0, which
the callee would read in its own memory 0 (the diagnostics' wording is in
tests/ui/l0007_far_aggregates.rs). Function pointers cross as far function pointers,
indices into the table of the module that hands them out (executed in
tests/programs/far_fn_pointers.rs, type rules in tests/ui/m_far_fn_pointers.rs)."""
from __future__ import annotations

from pathlib import Path

from compiler.cli import main as farc
from compiler.diagnostics import DiagnosticSink
from compiler.driver import Link, compile_linked, compile_source, link_static
from compiler.memory import FUNCTION_TABLE
from compiler.runtime import LinkedModule, RunRequest
from compiler.source import SourceFile
from compiler.wasm.binary import KIND_TABLE, parse_module

AGGREGATES_LIB = Path(__file__).parent / "ui" / "linked" / "aggregates.rs"

# the reproducer of bugs.md ("a struct passed by value to a far call is read from the wrong memory")
LIB = """\
pub struct P { pub a: u32, pub b: u32 }
#[no_mangle] pub extern "C" fn sum(p: P) -> u32 { p.a + p.b }
"""
MAIN = """\
#![memory(1, import = "lib.memory")]
pub struct P { pub a: u32, pub b: u32 }
#[link(wasm_import_module = "lib")] extern "C" { fn sum(p: P) -> u32; }
#[no_mangle] pub extern "C" fn go() -> u32 { unsafe { sum(P { a: 3, b: 4 }) } }
"""

# main built on its own (no --link), importing every by-value function of aggregates.rs
MAIN_UNCHECKED = """\
#![memory(1, import = "lib.memory")]
#[repr(C)]
pub struct Pair { pub a: u32, pub b: u32 }
#[link(wasm_import_module = "lib")]
extern "C" {
    fn sum(p: Pair) -> u32;
    fn sum_tuple(t: (u32, u32)) -> u32;
    fn sum_array(a: [u32; 2]) -> u32;
    fn sum_slice(s: #[mem_idx(1)] &[u32]) -> u32;
    fn make(a: u32, b: u32) -> Pair;
    fn swap(a: u32, b: u32) -> (u32, u32);
    fn sum_at(p: #[mem_idx(1)] *const Pair) -> u32;
}
#[no_mangle]
pub extern "C" fn go() -> u32 {
    let a = [1u32, 2];
    unsafe {
        let s = core::slice::from_raw_parts(64 as #[mem_idx(1)] *const u32, 2);
        sum(Pair { a: 1, b: 2 }) + sum_tuple((1, 2)) + sum_array(a) + sum_slice(s) + make(1, 2).a + swap(1, 2).0
            + sum_at(64 as #[mem_idx(1)] *const Pair)
    }
}
"""


def built(text: str, name: str) -> bytes:
    sink = DiagnosticSink()
    out = compile_source(SourceFile(name, text), sink)
    assert out.wasm is not None, sink.render()
    return out.wasm


def test_the_reproducer_is_refused_instead_of_computing_0(tmp_path, capsys) -> None:
    (tmp_path / "lib.rs").write_text(LIB)
    (tmp_path / "main.rs").write_text(MAIN)
    assert farc(["run", str(tmp_path / "main.rs"), "--link", f"lib={tmp_path / 'lib.rs'}", "--invoke", "go"]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert "error[L0007]: parameter `p` of `sum` is `P`, which a far call cannot pass by value" in out.err
    assert farc(["build", str(tmp_path / "main.rs"), "--link", f"lib={tmp_path / 'lib.rs'}", "--static",
                 "-o", str(tmp_path / "out")]) == 1
    assert "error[L0007]" in capsys.readouterr().err


def test_merging_modules_built_apart_refuses_aggregates_by_value() -> None:
    """main was built without --link, so only the merge sees both sides: lib's signatures decide."""
    lib = built(AGGREGATES_LIB.read_text(), "lib.rs")
    main = built(MAIN_UNCHECKED, "main.rs")
    sink = DiagnosticSink()
    assert link_static(main, {"lib": lib}, sink) is None
    messages = sorted(d.message for d in sink.errors)
    assert all(d.code == "L0007" for d in sink.errors)
    assert messages == sorted([
        "`main` imports `lib.sum`, whose parameter `p` is `Pair`: a far call cannot pass it by value",
        "`main` imports `lib.sum_tuple`, whose parameter `t` is `(u32, u32)`: a far call cannot pass it by value",
        "`main` imports `lib.sum_array`, whose parameter `a` is `[u32; 2]`: a far call cannot pass it by value",
        "`main` imports `lib.sum_slice`, whose parameter `s` is `&[u32]`: a far call cannot pass it by value",
        "`main` imports `lib.make`, whose result is `Pair`: a far call cannot return it by value",
        "`main` imports `lib.swap`, whose result is `(u32, u32)`: a far call cannot return it by value",
    ])


def test_farc_link_refuses_them_too(tmp_path, capsys) -> None:
    (tmp_path / "lib.wasm").write_bytes(built(LIB, "lib.rs"))
    (tmp_path / "main.wasm").write_bytes(built(MAIN, "main.rs"))
    assert farc(["link", str(tmp_path / "main.wasm"), f"lib={tmp_path / 'lib.wasm'}",
                 "-o", str(tmp_path / "app.wasm")]) == 1
    assert "error[L0007]: `main` imports `lib.sum`, whose parameter `p` is `P`" in capsys.readouterr().err
    assert not (tmp_path / "app.wasm").exists()


FN_LIB = (Path(__file__).parent / "programs" / "linked" / "far_fn_lib.rs").read_text()


def test_only_a_module_that_hands_out_function_pointers_exports_its_table() -> None:
    """An exported table lets any importer call what is in it, so it is exported only when an
    exported signature takes or returns a function pointer (the importers' far ones index it)."""
    def table_exports(wasm: bytes) -> list[str]:
        return [e.name for e in parse_module(wasm).exports if e.kind == KIND_TABLE]

    assert table_exports(built(FN_LIB, "lib.rs")) == [FUNCTION_TABLE]
    private = """\
fn double(x: u32) -> u32 { x * 2 }
fn square(x: u32) -> u32 { x * x }
static OPS: [fn(u32) -> u32; 2] = [double, square];
#[no_mangle] pub extern "C" fn run(i: u32, x: u32) -> u32 { OPS[i as usize](x) }
"""
    wasm = built(private, "lib.rs")
    assert parse_module(wasm).tables and table_exports(wasm) == []


def test_a_near_function_pointer_of_the_linked_module_must_be_declared_far() -> None:
    main = """\
#[link(wasm_import_module = "lib")]
extern "C" { fn pick(i: u32) -> fn(u32) -> u32; }
#[no_mangle] pub extern "C" fn go(x: u32) -> u32 { unsafe { pick(0)(x) } }
"""
    sink = DiagnosticSink()
    out = compile_source(SourceFile("main.rs", main), sink, links={"lib": built(FN_LIB, "lib.rs")})
    assert out.wasm is None
    [diag] = sink.errors
    assert (diag.code, diag.message) == (
        "L0002", "the return type of `pick` is `fn(u32) -> u32`, but `lib`'s `pick` has `#[far(lib)] fn(u32) -> u32` "
                 "there")


# far function pointers whose parameters are pointers into a 64-bit memory of lib's
LIB64 = """\
#![memory(1, memory64, min = 1, max = 2, export = "big")]
unsafe fn peek(p: #[mem_idx(1)] *const u8) -> u8 { *p }
unsafe fn poke(p: #[mem_idx(1)] *mut u8, v: u8) { *p = v; }
#[no_mangle] pub extern "C" fn peeker() -> unsafe fn(#[mem_idx(1)] *const u8) -> u8 { peek }
#[no_mangle] pub extern "C" fn poker() -> unsafe fn(#[mem_idx(1)] *mut u8, u8) { poke }
"""
MAIN64 = """\
#![memory(1, memory64, import = "lib.big", min = 1, max = 2)]
#[link(wasm_import_module = "lib")]
extern "C" {
    fn peeker() -> #[far(lib)] unsafe fn(#[mem_idx(1)] *const u8) -> u8;
    fn poker() -> #[far(lib)] unsafe fn(#[mem_idx(1)] *mut u8, u8);
}
#[no_mangle] pub extern "C" fn go(at: u64, v: u32) -> u32 {
    unsafe {
        poker()(at as #[mem_idx(1)] *mut u8, v as u8);
        let b = *(at as #[mem_idx(1)] *const u8) as u32;
        peeker()(at as #[mem_idx(1)] *const u8) as u32 + b * 1000
    }
}
"""


def test_far_function_pointers_with_64_bit_pointer_parameters(run) -> None:
    for opt in (0, 2):
        sink = DiagnosticSink()
        built_pair = compile_linked(SourceFile("main.rs", MAIN64), [Link("lib", SourceFile("lib.rs", LIB64))], sink,
                                    opt)
        assert built_pair.ok, sink.render()
        result = run(RunRequest(wasm=built_pair.main.wasm, memories=built_pair.main.program.memories,
                                calls=[("go", [60000, 42]), ("go", [65535, 7])],
                                links=[LinkedModule(n, w) for n, w in built_pair.links.items()]))
        assert result.error is None and result.trap is None, (result.error, result.trap)
        assert result.values == [42042, 7007]
