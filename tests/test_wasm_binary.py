"""The module reader/writer: every section kind survives parse -> encode, the
name section is parsed into renumberable maps, and malformed input is a
DecodeError, never a broken module."""
from __future__ import annotations

import pytest
import wasmtime

from compiler.wasm.binary import (
    KIND_FUNC,
    KIND_MEMORY,
    BodyDecodeError,
    FuncBody,
    FuncType,
    MemType,
    Module,
    decode_bodies,
    encode_module,
    parse_module,
)
from compiler.wasm.encoding import DecodeError
from compiler.wasm.validate import validate
from compiler.wasm.wat import to_wat

# Every section the binary reader knows, with the less common encodings:
# element segments in several forms, passive data, a 64-bit and a shared memory,
# a start function, tags, local names.
EVERYTHING_WAT = """
(module $everything
  (type $t0 (func (param i32) (result i32)))
  (import "env" "f" (func $imported (type $t0)))
  (import "env" "mem" (memory $imported_mem 1 2 shared))
  (import "env" "tab" (table 1 funcref))
  (import "env" "g" (global $g_in i32))
  (memory $m64 i64 1 5)
  (memory $m1 2)
  (table $tab2 4 funcref)
  (tag $e (param i32))
  (global $g (mut i32) (i32.const 42))
  (global $fref funcref (ref.func $second))
  (export "first" (func $first))
  (export "m64" (memory $m64))
  (start $init)
  (elem (i32.const 0) $first)
  (elem (table $tab2) (i32.const 1) func $second $first)
  (elem $passive funcref (ref.func $first) (ref.null func))
  (elem declare func $init)
  (data (memory $m1) (i32.const 8) "hi")
  (data (memory $m64) (i64.const 4294967296) "far")
  (data $p "passive")
  (func $first (type $t0) (param $x i32) (result i32)
    (local $tmp i64) (local f32 f32)
    local.get $x
    i32.load $m1 offset=4
    i64.extend_i32_u
    local.set $tmp
    local.get $x
    call $imported
    block (result i32)
      i32.const 1
      local.get $x
      br_table 0 0
    end
    i32.add)
  (func $second (param i64) (result i32)
    local.get 0
    i32.load8_u $m64
    i32.const 0
    call_indirect $tab2 (type $t0)
    ref.func $init
    drop)
  (func $init
    i32.const 0
    i32.const 0
    i32.const 7
    memory.init $m1 $p
    data.drop $p
    i32.const 0
    i32.const 0
    v128.load $m1 offset=16
    v128.load32_lane $imported_mem 3
    drop))
"""


@pytest.fixture(scope="module")
def everything() -> bytes:
    return wasmtime.wat2wasm(EVERYTHING_WAT)


def test_everything_parses(everything: bytes) -> None:
    m = decode_bodies(parse_module(everything))
    assert [i.kind for i in m.imports] == [0, 2, 1, 3]
    assert m.memory_types() == [MemType(1, 2, shared=True), MemType(1, 5, memory64=True), MemType(2)]
    assert [e.flags for e in m.elements] == [0, 2, 5, 3]
    assert [d.passive for d in m.data] == [False, False, True]
    assert m.data[1].memory == 1 and m.datacount == 3
    assert m.start == 3 and m.function_name(3) == "init"
    assert m.names is not None
    assert m.names.functions == {0: "imported", 1: "first", 2: "second", 3: "init"}
    assert m.names.indirect[2][1] == {0: "x", 1: "tmp"}
    assert m.func_type(2) == FuncType((b"\x7e",), (b"\x7f",))
    assert [i.name for i in m.code[0].instrs][:3] == ["local.get", "i32.load", "i64.extend_i32_u"]


def test_round_trip_keeps_the_module(everything: bytes) -> None:
    once = encode_module(decode_bodies(parse_module(everything)))
    assert validate(once) == []
    assert encode_module(decode_bodies(parse_module(once))) == once  # canonical: a fixpoint
    assert to_wat(once) == to_wat(everything)


def test_bodies_stay_raw_until_decoded(everything: bytes) -> None:
    """Encoding without decoding copies bodies verbatim (a pass that ignores code pays nothing)."""
    m = parse_module(everything)
    assert all(body.instrs is None for body in m.code)
    assert validate(encode_module(m)) == []


def test_module_built_from_scratch_validates() -> None:
    body = FuncBody([], b"\x20\x00\x41\x01\x6a\x0b", -1)  # local.get 0; i32.const 1; i32.add; end
    m = Module(types=[FuncType((b"\x7f",), (b"\x7f",))], functions=[0], code=[body], memories=[MemType(1)])
    from compiler.wasm.binary import Export

    m.exports = [Export("inc", KIND_FUNC, 0), Export("memory", KIND_MEMORY, 0)]
    wasm = encode_module(m)
    assert validate(wasm) == []
    store = wasmtime.Store()
    instance = wasmtime.Instance(store, wasmtime.Module(store.engine, wasm), [])
    assert instance.exports(store)["inc"](store, 41) == 42


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x00asm\x02\x00\x00\x00", "bad magic"),
        (b"\x00asm\x01\x00\x00\x00\x01\x05\x01", "runs past the end"),
        (b"\x00asm\x01\x00\x00\x00\x0e\x00", "unknown section id 14"),
        (b"\x00asm\x01\x00\x00\x00\x01\x04\x01\x5f\x00\x00", "unsupported type form"),
        (b"\x00asm\x01\x00\x00\x00\x03\x02\x01\x00", "1 functions declared but 0 bodies"),
    ],
)
def test_malformed_modules_are_decode_errors(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError) as info:
        parse_module(data)
    assert message in str(info.value)


def test_undecodable_body_names_the_function() -> None:
    body = FuncBody([], b"\x41\x00\xfd\x9a\x01\x0b", -1)
    m = Module(types=[FuncType((), ())], functions=[0, 0], code=[FuncBody([], b"\x0b", -1), body])
    from compiler.wasm.binary import NameSection

    m.names = NameSection(maps={1: {0: "fine", 1: "broken"}})
    wasm = encode_module(m)
    with pytest.raises(BodyDecodeError) as info:
        decode_bodies(parse_module(wasm))
    err = info.value
    assert err.func_name == "broken" and err.func_index == 1
    assert wasm[err.offset : err.offset + 2] == b"\xfd\x9a"  # the offset is in the module's bytes
    assert "unknown opcode 0xfd 0x9a" in str(err)
