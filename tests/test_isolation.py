"""Isolation policies (`#![memory(N, secret, only = [...])]`) checked on the
final module (`compiler.wasm.isolation`): on hand-written modules for what
farc source cannot produce yet (tables, start functions, exported memories),
and on farc programs, which also run in both engines."""
from __future__ import annotations

import wasmtime
import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile
from compiler.wasm.audit import audit_wasm
from compiler.wasm.isolation import Policy, check, violations

BASE = """
(module
  (type $t (func (param i32) (result i32)))
  (memory $m0 1)
  (memory $secret 1)
  (table $tab {table_export} 2 funcref)
  (elem (table $tab) (i32.const 0) func $helper $plain)
  (func $helper (type $t) local.get 0 i32.load $secret)
  (func $plain (type $t) local.get 0)
  (func $seal (export "seal") (param i32) (result i32) local.get 0 call $helper)
  (func $dispatch (export "dispatch") (param i32 i32) (result i32)
    local.get 1 local.get 0 call_indirect $tab (type $t))
  {extra})
"""
POLICY = Policy(memory=1, source_index=1, allowed=frozenset({"seal"}), gates=("seal",))


def names(wat: str, policy: Policy = POLICY) -> list[tuple[str, list[str]]]:
    report = audit_wasm(bytes(wasmtime.wat2wasm(wat)))
    return [(v.function.name, [report.functions[i].name for i in v.route]) for v in violations(report, policy)]


def module(table_export: str = "", extra: str = "") -> str:
    return BASE.format(table_export=table_export, extra=extra)


def test_a_helper_behind_an_internal_table_is_reachable_through_call_indirect() -> None:
    # `dispatch` is not a gate, and its call_indirect can reach `helper` (same type, in the table)
    assert names(module()) == [("helper", ["dispatch", "helper"])]


def test_a_helper_only_the_gate_calls_is_fine() -> None:
    wat = module().replace("(elem (table $tab) (i32.const 0) func $helper $plain)",
                           "(elem (table $tab) (i32.const 0) func $plain $plain)")
    assert names(wat) == []


def test_an_exported_table_makes_its_members_entries() -> None:
    wat = module(table_export='(export "tab")').replace(
        '(func $dispatch (export "dispatch") (param i32 i32) (result i32)\n    local.get 1 local.get 0 '
        'call_indirect $tab (type $t))', "")
    assert names(wat) == [("helper", ["helper"])]


def test_the_start_function_is_an_entry() -> None:
    wat = module(extra="(func $init i32.const 0 i32.const 1 i32.store $secret) (start $init)").replace(
        "func $helper $plain", "func $plain $plain")
    assert names(wat) == [("init", ["init"])]


def test_exported_and_imported_secret_memories_are_reported() -> None:
    exported = module().replace("(memory $secret 1)", '(memory $secret (export "keys") 1)')
    sink = DiagnosticSink()
    assert not check(audit_wasm(bytes(wasmtime.wat2wasm(exported))), [POLICY], sink)
    assert [d.code for d in sink.diagnostics][0] == "I0002"
    assert "secret memory 1 is exported as `keys` in the final module" in sink.diagnostics[0].message
    imported = module().replace("(memory $m0 1)\n  (memory $secret 1)", '(import "host" "keys" (memory $secret 1))\n  (memory $m0 1)')
    sink = DiagnosticSink()
    policy = Policy(memory=0, source_index=1, allowed=frozenset({"seal"}), gates=("seal",))
    assert not check(audit_wasm(bytes(wasmtime.wat2wasm(imported))), [policy], sink)
    assert "is imported from `host.keys`" in sink.diagnostics[0].message


SEALED = """\
#![memory(1, secret, only = [seal, unseal])]

#[mem_idx(1)]
static mut KEY: [u8; 16] = [90, 17, 203, 4, 66, 150, 9, 240, 33, 121, 7, 88, 190, 12, 55, 101];

fn key_byte(i: usize) -> u32 {
    unsafe { *(&raw const KEY).cast::<u8>().add(i & 15) as u32 }
}

#[no_mangle]
pub extern "C" fn seal(x: u32) -> u32 {
    x ^ (key_byte(0) | key_byte(1) << 8 | key_byte(2) << 16 | key_byte(3) << 24)
}

#[no_mangle]
pub extern "C" fn unseal(x: u32) -> u32 {
    x ^ (key_byte(0) | key_byte(1) << 8 | key_byte(2) << 16 | key_byte(3) << 24)
}

#[no_mangle]
pub extern "C" fn roundtrip(x: u32) -> u32 {
    unseal(seal(x))
}
"""


@pytest.mark.parametrize("opt", [0, 2])
def test_a_program_that_keeps_its_policy_builds_and_runs(opt) -> None:
    sink = DiagnosticSink()
    out = compile_source(SourceFile("sealed.rs", SEALED), sink, opt)
    assert out.wasm is not None and not sink.diagnostics, sink.render()
    report = audit_wasm(out.wasm)
    secret = next(m.index for m in report.memories if m.name == "m1")
    assert {f.name for f in report.accessors(secret)} <= {"seal", "unseal", "key_byte"}
    roundtrip = report.function("roundtrip")
    assert {report.functions[c].name for c in roundtrip.calls} == {"seal", "unseal"}  # gates stay calls
    key = int.from_bytes(bytes([90, 17, 203, 4]), "little")
    for runner in [run_wasmtime] + ([run_node] if node_available() else []):
        result = runner(RunRequest(out.wasm, out.program.memories, [("seal", [5]), ("roundtrip", [1234])]))
        assert result.error is None and result.values == [5 ^ key, 1234], result
