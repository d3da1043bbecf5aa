"""Static linking (`compiler.wasm.merge`, `farc link`, `farc build --static`):
the merged module keeps every module's memories apart, resolves the imports
between the modules into direct calls and shared memory indices, keeps
imports from outside (shared when two modules import the same item), and
runs in wasmtime and V8 without host wiring, with the results of the
dynamically linked run."""
from __future__ import annotations

import pytest

from compiler.cli import main as farc
from compiler.diagnostics import DiagnosticSink
from compiler.driver import Link, compile_linked, compile_source, link_static
from compiler.memory import MemoryMap
from compiler.runtime import LinkedModule, RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile
from compiler.wasm.binary import KIND_FUNC, KIND_MEMORY, decode_bodies, parse_module
from compiler.wasm.merge import MergeError, MergeInput, merge
from compiler.wasm.testing import SAMPLE_FAR_DATA, build, sample_memories, sample_program_ir
from compiler.wasm.validate import validate
from test_link_runtime import LIB, MAIN, checksum




def compile_ok(text: str, name: str, links: dict[str, bytes] | None = None) -> bytes:
    sink = DiagnosticSink()
    out = compile_source(SourceFile(name, text), sink, links=links)
    assert out.wasm is not None, sink.render()
    return out.wasm


@pytest.fixture(scope="module")
def pair():
    sink = DiagnosticSink()
    built = compile_linked(SourceFile("main.rs", MAIN), [Link("lib", SourceFile("lib.rs", LIB))], sink)
    assert built.ok, sink.render()
    merged = link_static(built.main.wasm, built.links, sink)
    assert merged is not None, sink.render()
    return built, merged


def instructions(module, name: str):
    index = next(i for i, n in module.names.functions.items() if n == name)
    return module.code[index - module.num_imported_funcs].instrs


def test_merged_module_has_no_imports_and_direct_far_calls(pair) -> None:
    _, merged = pair
    assert validate(merged) == []
    module = decode_bodies(parse_module(merged))
    assert module.imports == []  # lib.buffer, lib.checksum and lib.memory are resolved
    called = {module.names.functions[i.imm[0]] for i in instructions(module, "run") if i.name == "call"}
    assert called == {"lib.buffer", "lib.checksum"}
    # both memories 0 stay, apart: main's is wasm memory 0, lib's memory 1; main's far stores go to lib's
    assert len(module.memories) == 2 and module.names.maps[6] == {0: "m0", 1: "lib.m0"}
    stores = {i.imm[0].mem for i in instructions(module, "run") if "store" in i.name}
    assert stores == {1}
    assert {e.name for e in module.exports} == {"run", "own_byte", "memory"}  # main's exports only


def test_merged_module_runs_like_the_linked_pair(run, pair) -> None:
    built, merged = pair
    calls = [("run", [10]), ("own_byte", [4096]), ("run", [3])]
    linked = run(RunRequest(built.main.wasm, built.main.program.memories, calls,
                            links=[LinkedModule("lib", built.links["lib"])]))
    static = run(RunRequest(merged, MemoryMap.of([]), calls))
    assert static.error is None and static.trap is None, (static.error, static.trap)
    assert static.values == linked.values == [checksum(bytes(range(1, 11))), 0, checksum(b"\1\2\3")]


def test_a_trap_in_the_merged_lib_is_named_after_it(run) -> None:
    lib = compile_ok(LIB.replace("4096 as *mut u8", "65530 as *mut u8"), "lib.rs")
    main = compile_ok(MAIN.replace("while i < n {\n            *b.add(i)", "while i < n && i < 6 {\n            *b.add(i)"),
                      "main.rs", {"lib": lib})
    merged = merge([MergeInput("main", main), MergeInput("lib", lib)])
    result = run(RunRequest(merged, MemoryMap.of([]), [("run", [6]), ("run", [7])]))
    assert result.values == [checksum(bytes(range(1, 7)))]
    assert result.trap is not None and result.trap.kind == "out_of_bounds" and result.trap.function == "lib.checksum"


BASE = """\
// base: a counter in its memory 0, and a far memory 1 of bytes it exports
#![memory(1, min = 1, export = "bytes")]
static mut COUNT: u32 = 0;

#[no_mangle]
pub extern "C" fn next() -> u32 {
    unsafe { COUNT += 1; COUNT }
}
"""

MIDDLE = """\
// middle: calls base, writes into base's far memory
#![memory(1, import = "base.bytes")]
#[mem_idx(1)]
static GREETING: [u8; 4] = [104, 105, 33, 0];

#[link(wasm_import_module = "base")]
extern "C" {
    fn next() -> u32;
}

#[no_mangle]
pub extern "C" fn greeting() -> #[mem_idx(1)] *const u8 {
    &GREETING[0] as #[mem_idx(1)] *const u8
}

#[no_mangle]
pub extern "C" fn stamp(at: usize) -> u32 {
    let n = unsafe { next() };
    unsafe { *(at as #[mem_idx(1)] *mut u8) = n as u8; }
    n
}
"""

TOP = """\
#![memory(1, import = "base.bytes")]
#[link(wasm_import_module = "middle")]
extern "C" {
    fn stamp(at: usize) -> u32;
    fn greeting() -> #[mem_idx(1)] *const u8;
}
#[link(wasm_import_module = "base")]
extern "C" {
    fn next() -> u32;
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    unsafe {
        let a = stamp(100);
        let b = next();
        let c = stamp(101);
        a * 100 + b * 10 + c + *(100 as #[mem_idx(1)] *const u8) as u32 * 1000
            + *(greeting() as usize as #[mem_idx(1)] *const u32)
    }
}
"""


def test_three_modules_in_a_chain(run) -> None:
    base = compile_ok(BASE, "base.rs")
    middle = compile_ok(MIDDLE, "middle.rs", {"base": base})
    top = compile_ok(TOP, "top.rs", {"base": base, "middle": middle})
    merged = merge([MergeInput("main", top), MergeInput("base", base), MergeInput("middle", middle)])
    assert validate(merged) == [] and parse_module(merged).imports == []
    expected = 1 * 100 + 2 * 10 + 3 + 1 * 1000 + int.from_bytes(b"hi!\0", "little")
    static = run(RunRequest(merged, MemoryMap.of([]), [("go", [])]))
    linked = run(RunRequest(top, MemoryMap.of([]), [("go", [])],
                            links=[LinkedModule("base", base), LinkedModule("middle", middle)]))
    assert static.error is None and linked.error is None, (static.error, linked.error)
    assert static.values == linked.values == [expected]


def test_outside_imports_stay_and_are_shared() -> None:
    """Two modules importing the same host memory and function get one import each,
    with limits that satisfy both."""
    a = compile_ok('#![memory(1, import = "host.heap", min = 2)]\n'
                   '#[link(wasm_import_module = "env")] extern "C" { fn log_i32(v: i32); }\n'
                   '#[no_mangle] pub extern "C" fn put(v: u32) { unsafe { log_i32(1); '
                   '*(8 as #[mem_idx(1)] *mut u32) = v; } }\n', "a.rs")
    b = compile_ok('#![memory(1, import = "host.heap", min = 1, max = 8)]\n'
                   '#[link(wasm_import_module = "env")] extern "C" { fn log_i32(v: i32); }\n'
                   '#[link(wasm_import_module = "a")] extern "C" { fn put(v: u32); }\n'
                   '#[no_mangle] pub extern "C" fn get() -> u32 { unsafe { put(7); log_i32(2); '
                   '*(8 as #[mem_idx(1)] *const u32) } }\n', "b.rs", None)
    merged = merge([MergeInput("main", b), MergeInput("a", a)])
    module = parse_module(merged)
    imports = [(i.module, i.name, i.kind) for i in module.imports]
    assert imports == [("env", "log_i32", KIND_FUNC), ("host", "heap", KIND_MEMORY)]
    heap = module.imports[1].desc
    assert (heap.min, heap.max) == (2, 8)
    for runner in [run_wasmtime] + ([run_node] if node_available() else []):
        result = runner(RunRequest(merged, MemoryMap.of([]), [("get", [])]))
        assert result.error is None and result.values == [7] and [e.value for e in result.log] == [1, 2], result


def test_tables_of_several_modules_stay_apart(run) -> None:
    """The sample module (a table, indirect calls, imported, shared and 64-bit memories, far
    data) merged twice, as `one` and `two`, behind a main that calls both."""
    sample = build(sample_program_ir(), sample_memories(), SAMPLE_FAR_DATA)
    main = compile_ok('#[link(wasm_import_module = "one")] extern "C" { fn apply(k: i32, x: i32) -> i32; '
                      'fn load2(p: usize) -> u32; }\n'
                      '#[link(wasm_import_module = "two")] extern "C" { #[link_name = "apply"] '
                      'fn apply2(k: i32, x: i32) -> i32; #[link_name = "store2"] fn store2(p: usize, v: u32); }\n'
                      '#[no_mangle] pub extern "C" fn both(x: i32) -> i32 { unsafe { apply(0, x) + apply2(1, x) } }\n'
                      '#[no_mangle] pub extern "C" fn far(v: u32) -> u32 { unsafe { store2(16, v); load2(16) } }\n',
                      "main.rs")
    merged = merge([MergeInput("main", main), MergeInput("one", sample), MergeInput("two", sample)])
    assert validate(merged) == []
    module = parse_module(merged)
    assert len(module.tables) == 2
    assert sorted(e.table for e in module.elements) == [0, 1]
    # one.load2 reads one's memory 2 ("far statics!"); two.store2 writes two's: they stay apart
    result = run(RunRequest(merged, sample_memories(), [("both", [5]), ("far", [0x41424344])]))
    assert result.error is None and result.trap is None, (result.error, result.trap)
    assert result.values == [2 * 5 + 3 * 5, int.from_bytes(b"far ", "little")]


def test_merge_errors() -> None:
    lib = compile_ok(LIB, "lib.rs")
    main = compile_ok(MAIN, "main.rs")
    with pytest.raises(MergeError, match="does not export"):
        merge([MergeInput("main", main), MergeInput("lib", compile_ok("#[no_mangle] pub extern \"C\" fn buffer() -> *mut u8 { 0 as *mut u8 }", "x.rs"))])
    wrong = compile_ok(LIB.replace("n: usize) -> u32", "n: u64) -> u32").replace("while i < n", "while (i as u64) < n"), "lib.rs")
    with pytest.raises(MergeError, match="another signature"):
        merge([MergeInput("main", main), MergeInput("lib", wrong)])
    with pytest.raises(MergeError, match="same name"):
        merge([MergeInput("main", main), MergeInput("main", lib)])
    with pytest.raises(MergeError, match="in a cycle"):
        merge([MergeInput("a", reexporting("b")), MergeInput("b", reexporting("a"))])


def reexporting(source: str) -> bytes:
    """A module that imports `<source>.f` and exports that import as `f`."""
    from compiler.wasm.binary import Export, FuncType, Import, Module, encode_module
    return encode_module(Module(types=[FuncType((), ())], imports=[Import(source, "f", KIND_FUNC, 0)],
                                exports=[Export("f", KIND_FUNC, 0)]))


def test_farc_link_and_build_static(tmp_path, capsys) -> None:
    (tmp_path / "lib.rs").write_text(LIB)
    (tmp_path / "main.rs").write_text(MAIN)
    assert farc(["build", str(tmp_path / "lib.rs"), "--emit", "wasm"]) == 0
    assert farc(["build", str(tmp_path / "main.rs"), "--link", f"lib={tmp_path / 'lib.wasm'}",
                 "--emit", "wasm", "-o", str(tmp_path / "dyn")]) == 0
    assert farc(["link", str(tmp_path / "dyn" / "main.wasm"), str(tmp_path / "lib.wasm"),
                 "-o", str(tmp_path / "app.wasm")]) == 0
    assert farc(["build", str(tmp_path / "main.rs"), "--link", f"lib={tmp_path / 'lib.rs'}", "--static",
                 "--emit", "wasm", "-o", str(tmp_path / "static")]) == 0
    capsys.readouterr()
    for path in (tmp_path / "app.wasm", tmp_path / "static" / "main.wasm"):
        wasm = path.read_bytes()
        assert validate(wasm) == [] and parse_module(wasm).imports == []
        assert run_wasmtime(RunRequest(wasm, MemoryMap.of([]), [("run", [4])])).values == [checksum(b"\1\2\3\4")]
    assert farc(["build", str(tmp_path / "main.rs"), "--static"]) == 1
    assert "error[L0005]: `--static` merges the modules given with `--link`" in capsys.readouterr().err
    assert farc(["link", str(tmp_path / "dyn" / "main.wasm"), f"lib={tmp_path / 'dyn' / 'main.wasm'}",
                 "-o", str(tmp_path / "bad.wasm")]) == 1
    assert "error[L0006]: static linking failed" in capsys.readouterr().err


def test_merged_module_text_names_every_memory(pair) -> None:
    """`--emit wat` of a statically linked module: each memory is declared with its name."""
    import re

    from compiler.wasm.wat import to_wat

    _, merged = pair
    text = to_wat(merged)
    declared = re.findall(r"^  (?:\(import .*?)?\(memory (\S+) \(;\d+;\)", text, re.M)
    assert len(declared) == len(parse_module(merged).memory_types()) >= 2
    assert all(name.startswith("$") for name in declared), declared


SEALED_LIB = """\
#![memory(1, secret, only = [seal])]
#[mem_idx(1)]
static KEY: u32 = 0x5A5A5A5A;

#[no_mangle]
pub extern "C" fn seal(x: u32) -> u32 { unsafe { x ^ *(&raw const KEY) } }
"""


def test_policies_are_checked_again_on_the_merged_module(run) -> None:
    lib = compile_ok(SEALED_LIB, "sealed.rs")
    main = compile_ok('#[link(wasm_import_module = "lib")] extern "C" { fn seal(x: u32) -> u32; }\n'
                      '#[no_mangle] pub extern "C" fn twice(x: u32) -> u32 { unsafe { seal(seal(x)) } }\n', "main.rs")
    sink = DiagnosticSink()
    merged = link_static(main, {"lib": lib}, sink)
    assert merged is not None and not sink.diagnostics, sink.render()
    assert run(RunRequest(merged, MemoryMap.of([]), [("twice", [7])])).values == [7]
    # a lib whose interface claims a policy its code does not keep (`peek` reads the secret):
    # the merged module is refused
    from compiler.interface import SECTION_NAME
    from compiler.wasm.binary import encode_module
    leaky = compile_ok(SEALED_LIB.replace("only = [seal]", "only = [seal, peek]") +
                       '#[no_mangle] pub extern "C" fn peek() -> u32 { unsafe { *(&raw const KEY) } }\n', "leaky.rs")
    module = parse_module(leaky)
    section = next(c for c in module.customs if c.name == SECTION_NAME)
    section.payload = section.payload.replace(b'"peek","seal"', b'"seal"')
    main_peek = compile_ok('#[link(wasm_import_module = "lib")] extern "C" { fn peek() -> u32; }\n'
                           '#[no_mangle] pub extern "C" fn steal() -> u32 { unsafe { peek() } }\n', "thief.rs")
    sink = DiagnosticSink()
    assert link_static(main_peek, {"lib": encode_module(module)}, sink) is None
    assert [d.code for d in sink.diagnostics] == ["I0001"]
    assert "`lib.peek` accesses secret memory 1, but only `lib.seal` may" in sink.diagnostics[0].message
    assert "`steal` (exported as `steal`) -> `lib.peek`" in sink.diagnostics[0].notes[0]
