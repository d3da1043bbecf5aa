"""A crate of several files: `mod name;` finds `name.rs` or `name/mod.rs` as
rustc does, reads each with the same checks as the root file (F0001), and
reports what is missing, ambiguous or misplaced; the programs run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import check_source, compile_source
from compiler.runtime import RunRequest, run_wasmtime
from compiler.source import SourceFile


def crate(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path / "main.rs"


def check_file(root: Path) -> DiagnosticSink:
    sink = DiagnosticSink()
    check_source(SourceFile.read(root), sink)
    return sink


def codes(sink: DiagnosticSink) -> list[str]:
    return [d.code for d in sink.diagnostics]


def run(root: Path, name: str) -> int:
    sink = DiagnosticSink()
    out = compile_source(SourceFile.read(root), sink, opt_level=0)
    assert out.wasm is not None, sink.render()
    result = run_wasmtime(RunRequest(wasm=out.wasm, memories=out.program.memories, calls=[(name, [])]))
    return result.values[0]


def test_module_files_are_found_where_rustc_finds_them(tmp_path):
    root = crate(tmp_path, {
        "main.rs": "mod a;\nmod b;\nmod c { pub mod d; }\n"
                   "#[no_mangle] pub extern \"C\" fn total() -> u32 { a::x() + b::y() + c::d::z() + a::inner::w() }\n",
        "a.rs": "pub mod inner;\npub fn x() -> u32 { 1 }\n",  # a non-mod.rs file: its modules are in a/
        "a/inner.rs": "pub fn w() -> u32 { 1000 }\n",
        "b/mod.rs": "pub fn y() -> u32 { 10 }\n",
        "c/d.rs": "pub fn z() -> u32 { 100 }\n",  # a module of an inline module: in its folder
    })
    assert run(root, "total") == 1111


def test_a_missing_module_file_names_both_places(tmp_path):
    root = crate(tmp_path, {"main.rs": "mod gone;\nfn f() -> u32 { gone::g() }\n"})
    sink = check_file(root)
    assert codes(sink) == ["E0583"], sink.render()  # and no follow-up error where the module is used
    (help_text,) = sink.diagnostics[0].help
    assert str(tmp_path / "gone.rs") in help_text and str(tmp_path / "gone" / "mod.rs") in help_text


def test_two_files_for_one_module_are_ambiguous(tmp_path):
    root = crate(tmp_path, {"main.rs": "mod m;\n", "m.rs": "", "m/mod.rs": ""})
    assert codes(check_file(root)) == ["E0761"]


@pytest.mark.parametrize("kind", ["directory", "fifo", "latin1"])
def test_module_files_are_read_safely(tmp_path, kind):
    root = crate(tmp_path, {"main.rs": "mod odd;\n"})
    target = tmp_path / "odd.rs"
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)  # opening it would wait for a writer: farc never opens it
    else:
        target.write_bytes(b"// caf\xe9\n")
    sink = check_file(root)
    assert codes(sink) == ["F0001"], sink.render()
    assert "odd.rs" in sink.diagnostics[0].message


def test_a_module_file_included_twice_through_a_symlink_stops(tmp_path):
    root = crate(tmp_path, {"main.rs": "mod a;\n", "a.rs": "mod a;\n"})
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.rs").symlink_to(tmp_path / "a.rs")
    assert codes(check_file(root)) == ["E0583"]


def test_memories_are_declared_in_the_root_file_only(tmp_path):
    root = crate(tmp_path, {"main.rs": "mod m;\n", "m.rs": "#![memory(1, min = 1)]\n#![allow(dead_code)]\n"})
    sink = check_file(root)
    assert codes(sink) == ["M0011"], sink.render()


def test_a_syntax_error_in_a_module_file_points_into_it(tmp_path):
    root = crate(tmp_path, {"main.rs": "mod m;\nfn f() -> u32 { m::g() }\n", "m.rs": "pub fn g( -> u32 { 1 }\n"})
    sink = check_file(root)
    assert codes(sink) == ["S0001"], sink.render()
    assert sink.diagnostics[0].span.file.name.endswith("m.rs")


def test_text_without_a_file_has_no_module_files():
    sink = DiagnosticSink()
    check_source(SourceFile("text.rs", "mod m;\n"), sink)
    assert codes(sink) == ["E0583"]
    assert "not read from a file" in sink.diagnostics[0].notes[0]
