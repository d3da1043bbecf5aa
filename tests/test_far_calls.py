"""What a far call (a call into another farc module) can carry, checked where the
modules meet: building against the linked module (`--link`, `check.linkage`) and
merging built modules (`farc link`, `driver.link_static`). Aggregates by value are
refused (L0007): the C ABI passes them as an address in the caller's memory 0, which
the callee would read in its own memory 0 (the diagnostics' wording is in
tests/ui/l0007_far_aggregates.rs)."""
from __future__ import annotations

from pathlib import Path

from compiler.cli import main as farc
from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source, link_static
from compiler.source import SourceFile

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
