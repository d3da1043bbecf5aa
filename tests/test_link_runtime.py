"""Programs of several modules at run time: `lib` is instantiated with its own
memory 0, `main` imports lib's memory as one of its far memories and lib's
functions as its imports, in wasmtime and in V8 (`RunRequest.links`), through
the library API (`driver.compile_linked`) and `farc run --link`."""
from __future__ import annotations

import pytest

from compiler.cli import main as farc
from compiler.diagnostics import DiagnosticSink
from compiler.driver import Link, compile_linked
from compiler.runtime import LinkedModule, RunRequest, node_available
from compiler.source import SourceFile


LIB = """\
// lib: a buffer in its own memory 0 and a checksum over it
#[no_mangle]
pub extern "C" fn buffer() -> *mut u8 {
    4096 as *mut u8
}

#[no_mangle]
pub extern "C" fn checksum(p: *const u8, n: usize) -> u32 {
    let mut s: u32 = 0;
    let mut i: usize = 0;
    while i < n {
        s = s * 31 + unsafe { *p.add(i) } as u32;
        i += 1;
    }
    s
}
"""

MAIN = """\
#![memory(1, import = "lib.memory")]

#[link(wasm_import_module = "lib")]
extern "C" {
    fn buffer() -> #[mem_idx(1)] *mut u8;
    fn checksum(p: #[mem_idx(1)] *const u8, n: usize) -> u32;
}

// fills lib's buffer with 1, 2, ..., n through a far pointer, then asks lib
#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    unsafe {
        let b = buffer();
        let mut i: usize = 0;
        while i < n {
            *b.add(i) = (i + 1) as u8;
            i += 1;
        }
        checksum(b as #[mem_idx(1)] *const u8, n)
    }
}

// main's own memory 0 at the same address is untouched by `run`
#[no_mangle]
pub extern "C" fn own_byte(at: usize) -> u32 {
    unsafe { *(at as *const u8) as u32 }
}
"""


def checksum(data: bytes) -> int:
    s = 0
    for b in data:
        s = (s * 31 + b) & 0xFFFFFFFF
    return s



@pytest.fixture(scope="module")
def built():
    sink = DiagnosticSink()
    result = compile_linked(SourceFile("main.rs", MAIN), [Link("lib", SourceFile("lib.rs", LIB))], sink)
    assert not sink.has_errors and result.ok, sink.render()
    return result


def request(built, calls, **kwargs) -> RunRequest:
    return RunRequest(wasm=built.main.wasm, memories=built.main.program.memories, calls=calls,
                      links=[LinkedModule(name, wasm) for name, wasm in built.links.items()], **kwargs)


def test_main_writes_into_lib_memory_and_lib_reads_it(run, built) -> None:
    result = run(request(built, [("run", [10]), ("own_byte", [4096]), ("own_byte", [4100])], reads=[(1, 4094, 14)]))
    assert result.error is None and result.trap is None, (result.error, result.trap)
    assert result.values == [checksum(bytes(range(1, 11))), 0, 0]
    assert result.reads == [b"\0\0" + bytes(range(1, 11)) + b"\0\0"]


def test_a_far_store_past_lib_memory_traps_in_main(run, built) -> None:
    # lib's memory 0 is one page (64 KiB): main's far stores from 4096 on run off its end
    result = run(request(built, [("run", [1]), ("run", [70000])]))
    assert result.error is None
    assert result.values == [1]
    assert result.trap is not None and result.trap.kind == "out_of_bounds"
    assert result.trap.function == "run"


def test_trap_in_linked_module_is_named_from_that_module(run) -> None:
    lib = LIB.replace("4096 as *mut u8", "65530 as *mut u8")
    main = MAIN.replace("while i < n {\n            *b.add(i)", "while i < n && i < 6 {\n            *b.add(i)")
    sink = DiagnosticSink()
    result = compile_linked(SourceFile("main.rs", main), [Link("lib", SourceFile("lib.rs", lib))], sink)
    assert result.ok, sink.render()
    out = run(request(result, [("run", [6]), ("run", [7])]))
    assert out.error is None
    assert out.values == [checksum(bytes(range(1, 7)))]
    assert out.trap is not None and out.trap.kind == "out_of_bounds" and out.trap.function == "checksum"


def test_import_the_link_does_not_export_is_an_error(run, built) -> None:
    bad = RunRequest(wasm=built.main.wasm, memories=built.main.program.memories, calls=[("run", [1])],
                     links=[LinkedModule("lib", _empty_module())])
    result = run(bad)
    assert result.error is not None and "`lib.buffer`" in result.error and "does not export" in result.error


def test_links_must_come_before_their_importers(run, built) -> None:
    bad = RunRequest(wasm=built.links["lib"], memories=built.main.program.memories, calls=[],
                     links=[LinkedModule("first", built.main.wasm), LinkedModule("lib", built.links["lib"])])
    result = run(bad)
    assert result.error is not None and "not instantiated before it" in result.error


def _empty_module() -> bytes:
    return b"\0asm\1\0\0\0"


def test_farc_run_with_link(tmp_path, capsys) -> None:
    (tmp_path / "lib.rs").write_text(LIB)
    (tmp_path / "main.rs").write_text(MAIN)
    expected = str(checksum(bytes(range(1, 6))))
    for engine in ["wasmtime"] + (["node"] if node_available() else []):
        assert farc(["run", str(tmp_path / "main.rs"), "--link", f"lib={tmp_path / 'lib.rs'}",
                     "--engine", engine, "--invoke", "run", "5"]) == 0
        assert capsys.readouterr().out.split() == [expected]


def test_farc_run_link_mistakes(tmp_path, capsys) -> None:
    (tmp_path / "main.rs").write_text(MAIN)
    assert farc(["run", str(tmp_path / "main.rs"), "--invoke", "run", "5"]) == 1
    assert "missing import: function `lib.buffer`" in capsys.readouterr().err
    assert farc(["run", str(tmp_path / "main.rs"), "--link", "lib", "--invoke", "run", "5"]) == 1
    assert "error[L0005]: `--link lib`: expected NAME=FILE" in capsys.readouterr().err
    assert farc(["run", str(tmp_path / "main.rs"), "--link", f"lib={tmp_path / 'no.rs'}"]) == 1
    assert "error[L0005]: cannot read" in capsys.readouterr().err
