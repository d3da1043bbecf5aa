"""`compiler.wasm.audit`: which function reads, writes, sizes, grows and copies
which memory, the call graph (direct and through tables), and what outside
code can call; on hand-written modules, on farc's own output, and through
`farc audit` / `farc build --emit memory-map`."""
from __future__ import annotations

import json

import wasmtime

from compiler.cli import main as farc
from compiler.diagnostics import DiagnosticSink
from compiler.driver import Link, compile_linked, link_static
from compiler.source import SourceFile
from compiler.wasm.audit import audit_wasm
from programs_support import ROOT

MODULE_WAT = """
(module
  (type $t (func (param i32) (result i32)))
  (import "env" "ext" (func $ext (param i32) (result i32)))
  (import "env" "heap" (memory $heap 1))
  (memory $a 1)
  (memory $b 1 2)
  (table $tab 2 funcref)
  (elem (table $tab) (i32.const 0) func $twice $reader)
  (func $twice (type $t) local.get 0 i32.const 2 i32.mul)
  (func $reader (type $t) local.get 0 i32.load $b local.get 0 i32.load8_u $b offset=4 i32.add)
  (func $writer (param i32)
    local.get 0 i32.const 1 i32.store $a
    local.get 0 local.get 0 i32.const 4 memory.copy $a $b
    local.get 0 i32.const 0 i32.const 8 memory.fill $heap)
  (func $helper (param i32) local.get 0 call $writer)
  (func $dispatch (export "dispatch") (param i32 i32) (result i32)
    local.get 1 local.get 0 call_indirect $tab (type $t))
  (func $api (export "api") (param i32) local.get 0 call $helper local.get 0 call $ext drop)
  (func $sizes (export "sizes") (result i32) i32.const 1 memory.grow $b memory.size $a i32.add)
  (export "b" (memory $b)))
"""


def audited(wat: str):
    return audit_wasm(bytes(wasmtime.wat2wasm(wat)))


def uses(report, function: str) -> dict:
    return report.to_json()["functions"][report.function(function).index]["accesses"]


def test_memories_with_imports_and_exports() -> None:
    report = audited(MODULE_WAT).to_json()
    assert [(m["index"], m["imported_from"], m["exported_as"], m["max"]) for m in report["memories"]] == [
        (0, "env.heap", [], None), (1, None, [], None), (2, None, ["b"], 2)]


def test_accesses_by_kind_and_instruction() -> None:
    report = audited(MODULE_WAT)
    heap, a, b = (m.name for m in report.memories)
    assert uses(report, "reader") == {b: {"read": {"i32.load": 1, "i32.load8_u": 1}}}
    assert uses(report, "writer") == {
        heap: {"write": {"memory.fill": 1}},
        a: {"write": {"i32.store": 1, "memory.copy": 1}},
        b: {"read": {"memory.copy": 1}},
    }
    assert uses(report, "sizes") == {a: {"size": {"memory.size": 1}}, b: {"grow": {"memory.grow": 1}}}
    writer = report.to_json()["functions"][report.function("writer").index]
    assert writer["copies"] == [{"destination": a, "source": b, "count": 1}]
    assert uses(report, "twice") == {} and uses(report, "helper") == {}


def test_call_graph_direct_and_through_tables() -> None:
    report = audited(MODULE_WAT)
    heap, a, b = (m.name for m in report.memories)
    as_json = {f["name"]: f for f in report.to_json()["functions"]}
    dispatch = as_json["dispatch"]
    assert dispatch["indirect_calls"] == [
        {"table": 0, "type": "(i32) -> (i32)", "count": 1, "open": False, "targets": ["reader", "twice"]}]
    assert dispatch["reaches"] == {b: ["reader"]}  # writer has another type, and is in no table
    assert as_json["api"]["calls"] == {"helper": 1, "ext": 1}
    assert as_json["api"]["reaches"] == {heap: ["writer"], a: ["writer"], b: ["writer"]}
    assert as_json["writer"]["reached_from"] == ["api", "helper"]
    assert as_json["reader"]["reached_from"] == ["dispatch"]
    # entries: exports; table members only when the table is reachable from outside
    assert {n for n, f in as_json.items() if f["entry"]} == {"dispatch", "api", "sizes"}
    assert as_json["reader"]["in_table"] and not as_json["writer"]["in_table"]


def test_an_exported_or_changed_table_is_open() -> None:
    exported = audited(MODULE_WAT.replace('(table $tab 2 funcref)', '(table $tab (export "t") 2 funcref)'))
    entries = {f.name for f in exported.functions if f.entry}
    assert {"twice", "reader"} <= entries  # outside code can call what the table holds
    assert exported.function("dispatch").indirect[0].open
    changed = audited(MODULE_WAT.replace(
        "(func $helper (param i32) local.get 0 call $writer)",
        "(func $helper (param i32) local.get 0 call $writer i32.const 1 ref.func $nine table.set $tab)\n"
        "  (func $nine (type $t) local.get 0 i32.load $a)"))
    dispatch = changed.function("dispatch")
    assert dispatch.indirect[0].open
    targets = {changed.functions[t].name for t in dispatch.indirect[0].targets}
    assert targets == {"twice", "reader", "nine"}  # `nine` can be put in the table at run time


def test_the_table_and_json_outputs_agree() -> None:
    report = audited(MODULE_WAT)
    text = report.render()
    assert "writer\n" in text and "memory.copy x1" in text and "copy           b -> a x1" in text
    assert "calls through  table 0 (i32) -> (i32): reader, twice" in text
    assert json.loads(report.json_text()) == report.to_json()


def test_far_call_example_keeps_each_memory_0_to_its_module() -> None:
    """In the merged far-call example, only main's functions touch main's memory 0, lib's code
    touches only lib's memory 0, and main reaches lib's memory through the typed far accesses of
    `send` and `reply` and the calls into lib."""
    sink = DiagnosticSink()
    example = ROOT / "examples" / "far_call"
    built = compile_linked(SourceFile.read(example / "main.rs"), [Link("lib", SourceFile.read(example / "lib.rs"))],
                           sink)
    merged = link_static(built.main.wasm, built.links, sink)
    assert merged is not None, sink.render()
    report = audit_wasm(merged)
    main_memory, lib_memory = (m.index for m in report.memories)
    assert [m.name for m in report.memories] == ["m0", "lib.m0"]
    assert {f.name for f in report.accessors(main_memory)} <= {"send", "own_copy"}
    lib_code = {f.name for f in report.functions if f.name.startswith("lib.")}
    assert not {f.name for f in report.accessors(main_memory)} & lib_code
    assert {f.name for f in report.accessors(lib_memory)} - lib_code == {"send", "reply"}
    send = report.function("send")
    assert send.copies == {(lib_memory, main_memory): 1}


def test_farc_audit_and_emit_memory_map(tmp_path, capsys) -> None:
    wasm = tmp_path / "m.wasm"
    wasm.write_bytes(bytes(wasmtime.wat2wasm(MODULE_WAT)))
    assert farc(["audit", str(wasm)]) == 0
    assert capsys.readouterr().out == audited(MODULE_WAT).render()
    assert farc(["audit", str(wasm), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == audited(MODULE_WAT).to_json()
    (tmp_path / "bad.wasm").write_bytes(b"\0asm\1\0\0\0\x01")
    assert farc(["audit", str(tmp_path / "bad.wasm")]) == 1
    assert "is not a wasm module farc can read" in capsys.readouterr().err
    src = ROOT / "examples" / "far_sum.rs"
    assert farc(["build", str(src), "--emit", "wasm,memory-map,memory-map-json", "-o", str(tmp_path)]) == 0
    table = (tmp_path / "far_sum.memory-map.txt").read_text()
    data = json.loads((tmp_path / "far_sum.memory-map.json").read_text())
    assert table == audit_wasm((tmp_path / "far_sum.wasm").read_bytes()).render()
    sum_far = next(f for f in data["functions"] if f["name"] == "sum_far")
    assert sum_far["accesses"] == {"m1": {"read": {"i32.load": sum_far["accesses"]["m1"]["read"]["i32.load"]}}}


def test_every_memory_instruction_is_classified() -> None:
    """Each opcode that names a memory counts as an access of some kind (a new one cannot slip by)."""
    from compiler.wasm.audit import access_kinds
    from compiler.wasm.instructions import MEM, MEMARG, OPCODES, Instr, Memarg
    for info in OPCODES.values():
        if not info.touches_memory:
            continue
        imm = tuple(Memarg(0, 3) if k == MEMARG else 3 if k == MEM else 0 for k in info.imms)
        kinds = access_kinds(Instr(info, imm))
        assert kinds and all(mem == 3 for mem, _ in kinds), info.name
    rmw = access_kinds(Instr.make("i32.atomic.rmw.add", Memarg(2, 1)))
    assert rmw == [(1, "read"), (1, "write")]
    assert access_kinds(Instr.make("v128.store8_lane", Memarg(0, 1), 0)) == [(1, "write")]
    assert access_kinds(Instr.make("memory.init", 0, 2)) == [(2, "write")]
