"""Checking a module against the modules it links with: the `farc.interface`
section every farc module carries, what `read_interface` joins it with, and
the check itself through the library API and `farc check/build --link`
(the diagnostics themselves are UI tests: tests/ui/l000*.rs)."""
from __future__ import annotations

import pytest

from compiler.cli import main as farc
from compiler.diagnostics import DiagnosticSink
from compiler.driver import Link, compile_linked, compile_source
from compiler.interface import SECTION_NAME, FnSig, InterfaceError, decode_payload
from compiler.source import SourceFile
from compiler.types import INTS, PointerType, U8, UNIT
from compiler.wasm.binary import encode_module, parse_module
from compiler.wasm.interface import read_interface
from compiler.wasm.validate import validate
from test_link_runtime import LIB, MAIN

LIB_WITH_MEMORIES = """\
#![memory(1, min = 2, max = 4, export = "data")]
#![memory(2, import = "host.heap", min = 3)]

#[no_mangle]
pub extern "C" fn put(p: #[mem_idx(1)] *mut u32, v: u32) { unsafe { *p = v; } }

#[no_mangle]
pub extern "C" fn peek(p: #[mem_idx(2)] *const u8) -> u8 { unsafe { *p } }
"""


def compile_ok(text: str, name: str = "lib.rs") -> bytes:
    sink = DiagnosticSink()
    out = compile_source(SourceFile(name, text), sink)
    assert out.wasm is not None, sink.render()
    return out.wasm


def without_interface(wasm: bytes) -> bytes:
    module = parse_module(wasm)
    module.customs = [c for c in module.customs if c.name != SECTION_NAME]
    return encode_module(module)


def test_every_module_carries_its_interface() -> None:
    wasm = compile_ok(LIB_WITH_MEMORIES)
    assert validate(wasm) == []
    iface = read_interface("lib", wasm)
    assert iface.built_by_farc
    assert iface.functions == {
        "put": FnSig((PointerType(INTS["u32"], True, 1), INTS["u32"]), UNIT, ("p", "v")),
        "peek": FnSig((PointerType(U8, False, 2),), U8, ("p",)),
    }
    by_source = {m.source_index: m for m in iface.memories}
    # source memory 2 is imported, so it is wasm memory 0; memory 0's min is what the linker needed
    assert by_source[2].wasm_index == 0 and by_source[2].imported_from == ("host", "heap")
    assert by_source[2].min_pages == 3
    assert by_source[1].export_names == ("data",) and (by_source[1].min_pages, by_source[1].max_pages) == (2, 4)
    assert by_source[0].export_names == ("memory",) and by_source[0].max_pages is None
    assert iface.identities(by_source[2]) == {("host", "heap")}
    assert iface.identities(by_source[1]) == {("lib", "data")}


def test_a_malformed_interface_is_an_error() -> None:
    with pytest.raises(InterfaceError):
        decode_payload(b'{"version": 1, "functions": {"f": {"params": ["u33"], "ret": "()"}}, '
                       b'"structs": {}, "memories": {}}')
    with pytest.raises(InterfaceError):
        decode_payload(b'{"version": 99}')
    with pytest.raises(InterfaceError):
        decode_payload(b"\xff")


def test_a_memory_both_modules_import_from_a_third_is_the_same_memory() -> None:
    lib = compile_ok(LIB_WITH_MEMORIES)
    main = """\
#![memory(1, import = "host.heap", min = 3)]
#![memory(2, import = "lib.data")]
#[link(wasm_import_module = "lib")]
extern "C" {
    fn peek(p: #[mem_idx(1)] *const u8) -> u8;
    fn put(p: #[mem_idx(2)] *mut u32, v: u32);
}
#[no_mangle]
pub extern "C" fn run() -> u8 { unsafe { put(0 as #[mem_idx(2)] *mut u32, 1); peek(0 as #[mem_idx(1)] *const u8) } }
"""
    sink = DiagnosticSink()
    out = compile_source(SourceFile("main.rs", main), sink, links={"lib": lib})
    assert out.wasm is not None and not sink.diagnostics, sink.render()
    wrong = main.replace("fn peek(p: #[mem_idx(1)]", "fn peek(p: #[mem_idx(2)]").replace(
        "peek(0 as #[mem_idx(1)] *const u8)", "peek(0 as #[mem_idx(2)] *const u8)")
    sink = DiagnosticSink()
    assert compile_source(SourceFile("main.rs", wrong), sink, links={"lib": lib}).wasm is None
    assert [d.code for d in sink.diagnostics] == ["L0003"]
    assert "which this file imports as memory 1" in sink.diagnostics[0].message


def test_a_wrong_memory_in_a_far_signature_builds_nothing() -> None:
    wrong = MAIN.replace("fn checksum(p: #[mem_idx(1)] *const u8", "fn checksum(p: *const u8").replace(
        "checksum(b as #[mem_idx(1)] *const u8, n)", "checksum(b as usize as *const u8, n)")
    sink = DiagnosticSink()
    built = compile_linked(SourceFile("main.rs", wrong), [Link("lib", SourceFile("lib.rs", LIB))], sink)
    assert not built.ok and built.main.wasm is None
    assert [d.code for d in sink.diagnostics] == ["L0003"]
    # without the link, the same file compiles (the host could provide anything)
    assert compile_ok(wrong, "main.rs")


def test_a_module_farc_did_not_build_is_checked_by_value_types() -> None:
    lib = without_interface(compile_ok(LIB))
    assert not read_interface("lib", lib).built_by_farc
    sink = DiagnosticSink()
    assert compile_source(SourceFile("main.rs", MAIN), sink, links={"lib": lib}).wasm is not None, sink.render()
    wrong = MAIN.replace("n: usize) -> u32;", "n: u64) -> u32;").replace(
        "*const u8, n)", "*const u8, n as u64)")
    sink = DiagnosticSink()
    assert compile_source(SourceFile("main.rs", wrong), sink, links={"lib": lib}).wasm is None
    assert [d.code for d in sink.diagnostics] == ["L0002"]
    assert "only value types can be checked" in sink.render()


def test_an_unreadable_link_is_l0005() -> None:
    sink = DiagnosticSink()
    assert compile_source(SourceFile("main.rs", MAIN), sink, links={"lib": b"not wasm"}).wasm is None
    assert [d.code for d in sink.diagnostics] == ["L0005"]


def test_farc_check_and_build_with_link(tmp_path, capsys) -> None:
    (tmp_path / "lib.rs").write_text(LIB)
    (tmp_path / "main.rs").write_text(MAIN)
    (tmp_path / "bad.rs").write_text(MAIN.replace("fn buffer() -> #[mem_idx(1)] *mut u8", "fn buffer() -> *mut u8")
                                     .replace("let b = buffer();", "let b = buffer() as usize as #[mem_idx(1)] *mut u8;"))
    link = f"lib={tmp_path / 'lib.rs'}"
    assert farc(["check", str(tmp_path / "main.rs"), "--link", link]) == 0
    assert farc(["check", str(tmp_path / "bad.rs"), "--link", link]) == 1
    err = capsys.readouterr().err
    assert "error[L0003]: the return type of `buffer` points into memory 0" in err
    assert "bad.rs:5:8" in err
    assert farc(["build", str(tmp_path / "main.rs"), "--link", link, "--emit", "wasm"]) == 0
    assert validate((tmp_path / "main.wasm").read_bytes()) == []
    assert farc(["build", str(tmp_path / "bad.rs"), "--link", link, "--emit", "wasm"]) == 1
    assert not (tmp_path / "bad.wasm").exists()


def test_the_interface_says_which_memories_hold_the_modules_own_data() -> None:
    lib = compile_ok(LIB_WITH_MEMORIES.replace(
        '#![memory(2, import = "host.heap", min = 3)]',
        '#![memory(2, import = "host.heap", min = 3)]\n#![memory(3, min = 1, export = "tables")]\n'
        '#[mem_idx(3)] static mut TABLE: u32 = 9;'))
    facts = {m.source_index: m.holds_data for m in read_interface("lib", lib).memories}
    assert facts == {0: True, 1: False, 2: False, 3: True}
    # a module farc did not build says nothing: its memories are not known to hold data
    assert not any(m.holds_data for m in read_interface("lib", without_interface(lib)).memories)


def test_a_module_sharing_lib_memory_0_as_its_own_builds_nothing() -> None:
    sink = DiagnosticSink()
    main = SourceFile("main.rs", '#![memory(0, import = "lib.memory")]\nstatic mut X: u32 = 1;\n'
                                 '#[no_mangle] pub extern "C" fn x() -> u32 { unsafe { X } }\n')
    built = compile_linked(main, [Link("lib", SourceFile("lib.rs", "static mut K: u32 = 100;\n"
                                                          '#[no_mangle] pub extern "C" fn k() -> u32 '
                                                          '{ unsafe { K } }\n'))], sink)
    assert built.main.wasm is None
    assert [d.code for d in sink.diagnostics if d.is_error] == ["L0008"]
