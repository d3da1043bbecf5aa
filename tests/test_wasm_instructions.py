"""The instruction walker: every opcode decodes and re-encodes, names agree with
wasm-tools' assembler, memargs use the multi-memory encoding, and bytes it does not
know are a clear error with an offset."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from compiler.wasm import instructions as ins
from compiler.wasm.encoding import DecodeError, Reader, sleb, uleb
from compiler.wasm.instructions import (
    BY_NAME,
    OPCODES,
    Catch,
    Instr,
    Memarg,
    UndecodableInstruction,
    decode_instructions,
    encode_instr,
    encode_instructions,
    encode_memarg,
    natural_alignment_log2,
)
from compiler.wasm import tools as wasm_tools

# A sample value per immediate kind, chosen to need multi-byte encodings.
SAMPLE_IMMEDIATES = {
    ins.BLOCKTYPE: 3,
    ins.LABEL: 130,
    ins.LABELS: (0, 1, 300),
    ins.FUNC: 200,
    ins.TYPE: 5,
    ins.TABLE: 1,
    ins.LOCAL: 129,
    ins.GLOBAL: 2,
    ins.TAG: 0,
    ins.MEM: 3,
    ins.DATA: 4,
    ins.ELEM: 6,
    ins.MEMARG: Memarg(2, 5, 1 << 33),
    ins.LANE: 7,
    ins.I32: -(2**31),
    ins.I64: 2**63 - 1,
    ins.F32: b"\x00\x00\xc0\x7f",  # a NaN: raw bytes must survive
    ins.F64: b"\x01\x00\x00\x00\x00\x00\xf8\x7f",
    ins.V128: bytes(range(16)),
    ins.HEAPTYPE: -16,  # funcref
    ins.VALTYPES: (b"\x7f",),
    ins.CATCHES: (Catch(0, 1, 2), Catch(1, 0, 0), Catch(2, None, 1), Catch(3, None, 0)),
    ins.ZERO: 0,
}


def sample(info: ins.OpInfo) -> Instr:
    return Instr(info, tuple(SAMPLE_IMMEDIATES[k] for k in info.imms))


def test_table_covers_every_prefix_and_kind() -> None:
    prefixes = {info.prefix for info in OPCODES.values()}
    assert prefixes == {0, 0xFC, 0xFD, 0xFE}
    kinds = {k for info in OPCODES.values() for k in info.imms}
    assert kinds == set(SAMPLE_IMMEDIATES)
    # relaxed SIMD and the lane ops with memarg + lane are in
    assert BY_NAME["i32x4.relaxed_dot_i8x16_i7x16_add_s"].code == 0x113
    assert BY_NAME["v128.load64_lane"].imms == (ins.MEMARG, ins.LANE)
    assert len(OPCODES) > 550


def test_round_trip_of_every_opcode_is_identity() -> None:
    """One byte sequence with every known instruction: decode then encode gives it back."""
    instrs = [sample(info) for info in OPCODES.values()]
    code = encode_instructions(instrs)
    decoded = decode_instructions(code)
    assert [(i.op, i.imm) for i in decoded] == [(i.op, i.imm) for i in instrs]
    assert encode_instructions(decoded) == code
    # offsets point at each instruction's first byte
    assert decoded[0].offset == 0
    assert all(code[i.offset] == (i.op.prefix or i.op.code) for i in decoded)


def test_prefixed_opcodes_encode_their_subopcode_as_leb() -> None:
    assert encode_instr(Instr.make("i32.trunc_sat_f32_s")) == b"\xfc\x00"
    assert encode_instr(Instr.make("memory.copy", 1, 0)) == b"\xfc\x0a\x01\x00"
    assert encode_instr(Instr.make("i8x16.relaxed_swizzle")) == b"\xfd\x80\x02"
    assert encode_instr(Instr.make("v128.load8_lane", Memarg(0, 2, 4), 9)) == b"\xfd\x54\x40\x02\x04\x09"
    assert encode_instr(Instr.make("i32.atomic.rmw.cmpxchg", Memarg(2))) == b"\xfe\x48\x02\x00"
    assert encode_instr(Instr.make("atomic.fence", 0)) == b"\xfe\x03\x00"


def test_memarg_multi_memory_encoding() -> None:
    assert encode_memarg(Memarg(2, 0, 8)) == b"\x02\x08"  # memory 0: no index
    assert encode_memarg(Memarg(2, 3, 8)) == b"\x42\x03\x08"  # bit 6 set, index follows
    # an explicit index 0 decodes to memory 0 and re-encodes in the short form
    (instr,) = decode_instructions(b"\x28\x42\x00\x08")
    assert instr.imm == (Memarg(2, 0, 8),)
    assert encode_instr(instr) == b"\x28\x02\x08"
    # a memory64 offset beyond 32 bits
    (instr,) = decode_instructions(b"\x29\x43\x01" + uleb(1 << 40))
    assert instr.imm == (Memarg(3, 1, 1 << 40),)


def test_padded_lebs_decode_like_wasm_ld_output() -> None:
    """wasm-ld pads relocated call indices to 5 bytes; re-encoding shrinks them."""
    (instr,) = decode_instructions(b"\x10\x83\x80\x80\x80\x00")
    assert instr.imm == (3,)
    assert encode_instr(instr) == b"\x10\x03"


@pytest.mark.parametrize(
    "code, what",
    [
        (b"\x41\x01\x27", "0x27"),  # unassigned single-byte opcode
        (b"\xfd\x9a\x01", "0xfd 0x9a"),  # a gap in the SIMD space
        (b"\xfc\x12", "0xfc 0x12"),
        (b"\xfe\x04\x00", "0xfe 0x4"),
        (b"\xfb\x00", "0xfb"),  # GC prefix: not emitted by LLVM, not supported
    ],
)
def test_undecodable_opcode_is_a_clear_error(code: bytes, what: str) -> None:
    with pytest.raises(UndecodableInstruction) as info:
        decode_instructions(b"\x01" + code)  # a nop first: the offset must point past it
    assert f"unknown opcode {what}" in str(info.value)
    assert info.value.offset == 1 + (2 if code.startswith(b"\x41") else 0)


@pytest.mark.parametrize(
    "code",
    [b"\x28\x02", b"\x41\x80", b"\xfd\x0c\x00\x01", b"\x28\x80\x01\x00", b"\x02\x50"],
    ids=["memarg-cut", "leb-cut", "v128-cut", "bad-align-flags", "bad-blocktype"],
)
def test_malformed_immediates_are_errors(code: bytes) -> None:
    with pytest.raises(UndecodableInstruction):
        decode_instructions(code)


def test_natural_alignment() -> None:
    expected = {"i32.load": 2, "i64.load": 3, "f32.store": 2, "f64.load": 3, "i32.load8_u": 0,
                "i64.load16_s": 1, "i64.store32": 2, "v128.load": 4, "v128.store": 4, "i32.store16": 1}
    assert {name: natural_alignment_log2(name) for name in expected} == expected
    with pytest.raises(ValueError):
        natural_alignment_log2("memory.copy")


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_uleb_round_trip(value: int) -> None:
    assert Reader(uleb(value)).u64() == value


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_sleb_round_trip(value: int) -> None:
    encoded = sleb(value)
    assert Reader(encoded).s64() == value
    if -(2**31) <= value < 2**31:
        assert Reader(encoded).s32() == value


def test_overlong_leb_is_an_error() -> None:
    with pytest.raises(DecodeError):
        Reader(b"\x80\x80\x80\x80\x80\x00").u32()


# ---------------------------------------------------------------------------
# Cross-check with an independent assembler

# Text immediates for `wasm-tools parse` (which parses without validating operand types).
TEXT_IMMEDIATES = {
    ins.LABEL: "0", ins.LABELS: "0 0", ins.FUNC: "0", ins.TABLE: "0", ins.LOCAL: "0", ins.GLOBAL: "0",
    ins.TAG: "0", ins.MEM: "0", ins.DATA: "0", ins.ELEM: "0", ins.MEMARG: "", ins.LANE: "1", ins.I32: "-7",
    ins.I64: "9", ins.F32: "1.5", ins.F64: "2.5", ins.V128: "i32x4 1 2 3 4", ins.HEAPTYPE: "func",
    ins.VALTYPES: "(result i32)", ins.ZERO: "",
}
#: Instructions that need structure (blocks, handlers) or typed references, and fp16 (not in the text format).
NOT_IN_FLAT_TEXT = {"block", "loop", "if", "else", "end", "try", "catch", "catch_all", "delegate", "try_table",
                    "call_ref", "return_call_ref", "br_on_null", "br_on_non_null", "ref.as_non_null", "ref.eq"}


def _flat_text(info: ins.OpInfo) -> str | None:
    if info.name in NOT_IN_FLAT_TEXT or "f16" in info.name:
        return None
    if info.name in ("call_indirect", "return_call_indirect"):
        return f"{info.name} 0 (type 0)"
    if info.name == "i8x16.shuffle":
        return "i8x16.shuffle " + " ".join(str(i) for i in range(16))
    name = "select" if info.name == "select_t" else info.name
    return f"{name} {' '.join(TEXT_IMMEDIATES[k] for k in info.imms)}".rstrip()


STRUCTURED = """
    block (result i32) loop if nop else nop end end end
    try_table (catch 0 0) (catch_ref 0 0) (catch_all 0) (catch_all_ref 0) end
    try catch 0 catch_all end
    try delegate 0
    ref.null extern
    br_table 0 1 2 0
"""
STRUCTURED_NAMES = ["block", "loop", "if", "nop", "else", "nop", "end", "end", "end", "try_table", "end", "try", "catch",
                    "catch_all", "end", "try", "delegate", "ref.null", "br_table"]


def _code_of_first_function(wasm: bytes) -> tuple[bytes, int, int]:
    r = Reader(wasm, 8)
    while not r.at_end:
        sid, size = r.u8(), r.u32()
        start = r.pos
        r.pos += size
        if sid == 10:
            c = Reader(wasm, start)
            c.u32()
            body_size = c.u32()
            body_end = c.pos + body_size
            for _ in range(c.u32()):
                c.u32()
                c.u8()
            return wasm, c.pos, body_end
    raise AssertionError("no code section")


def test_names_and_encodings_agree_with_wasm_tools() -> None:
    flat = [(info.name, text) for info in OPCODES.values() if (text := _flat_text(info)) is not None]
    assert len(flat) > 500
    wat = (
        '(module (type (func)) (memory 1) (memory 1) (table 1 funcref) (global (mut i32) (i32.const 0)) (tag)\n'
        '  (elem func 0) (data "")\n  (func (local i32)\n'
        + "\n".join(f"    {text}" for _, text in flat)
        + STRUCTURED
        + "))\n"
    )
    wasm, start, end = _code_of_first_function(wasm_tools.assemble(wat))
    decoded = decode_instructions(wasm, start, end)
    names = [i.name for i in decoded]
    assert names[:-1] == [n for n, _ in flat] + STRUCTURED_NAMES  # the last one is the body's `end`
    assert encode_instructions(decoded) == wasm[start:end]
