"""The wasm instruction set as data, and a decoder/encoder for instruction streams.

The post-link rewriter must touch calls, memory instructions and function
references inside code it did not write, so it has to walk every instruction
LLVM 22 can emit for wasm32/wasm64 without guessing: MVP, sign extension,
multi-value, reference types, tail calls, both exception-handling encodings,
the 0xFC prefix (saturating truncation, bulk memory, table ops, wide
arithmetic, fp16 loads/stores), the 0xFD prefix (all of SIMD incl. relaxed
SIMD and fp16 lanes) and the 0xFE prefix (threads/atomics).

An opcode is described once in `OPCODES` by its immediates (`OpInfo.imms`),
so decoding and encoding are two table-driven loops and a pass can find, for
example, every function index (`FUNC`) or memory index (`MEMARG`/`MEM`)
without knowing the opcodes. A byte sequence the table does not cover raises
`UndecodableInstruction` naming the offset: the rewriter must never emit a
module it only half understood.

Memargs use the multi-memory encoding: alignment flag bit 6 set means a
memory index follows. `encode_*` emits the shortest valid form (no index
when it is 0).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .encoding import DecodeError, Reader, sleb, uleb

# ---------------------------------------------------------------------------
# Immediate kinds

BLOCKTYPE = "blocktype"  # bytes (0x40 or a value type) or int (type index)
LABEL = "label"  # u32 branch depth
LABELS = "labels"  # tuple of u32 depths (br_table targets)
FUNC = "func"  # u32 function index
TYPE = "type"  # u32 type index
TABLE = "table"  # u32 table index
LOCAL = "local"
GLOBAL = "global"
TAG = "tag"
MEM = "mem"  # u32 memory index
DATA = "data"  # u32 data segment index
ELEM = "elem"  # u32 element segment index
MEMARG = "memarg"  # Memarg
LANE = "lane"  # u8 lane index
I32 = "i32"  # signed LEB, 32 bits
I64 = "i64"  # signed LEB, 64 bits
F32 = "f32"  # 4 raw bytes (kept raw so NaN payloads survive)
F64 = "f64"  # 8 raw bytes
V128 = "v128"  # 16 raw bytes (v128.const value, i8x16.shuffle lanes)
HEAPTYPE = "heaptype"  # s33
VALTYPES = "valtypes"  # tuple of encoded value types (select t*)
CATCHES = "catches"  # tuple of Catch (try_table)
ZERO = "zero"  # one reserved 0x00 byte (atomic.fence)

#: Immediates that are plain u32 indices.
_U32_KINDS = frozenset({LABEL, FUNC, TYPE, TABLE, LOCAL, GLOBAL, TAG, MEM, DATA, ELEM})

PREFIX_MISC = 0xFC
PREFIX_SIMD = 0xFD
PREFIX_ATOMIC = 0xFE
PREFIXES = (PREFIX_MISC, PREFIX_SIMD, PREFIX_ATOMIC)


@dataclass(frozen=True, slots=True, eq=False)
class OpInfo:
    """One opcode: its text name, encoding and immediate kinds (a singleton: compared by identity)."""

    name: str
    prefix: int  # 0 for single-byte opcodes
    code: int
    imms: tuple[str, ...] = ()

    @property
    def opcode_bytes(self) -> bytes:
        if self.prefix:
            return bytes([self.prefix]) + uleb(self.code)
        return bytes([self.code])

    @property
    def touches_memory(self) -> bool:
        """True if the instruction names a linear memory (memarg or memory index)."""
        return MEMARG in self.imms or MEM in self.imms


@dataclass(frozen=True, slots=True)
class Memarg:
    """Alignment (log2 bytes), memory index and static offset of a memory access."""

    align: int
    mem: int = 0
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Catch:
    """One clause of `try_table`: kind 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref."""

    kind: int
    tag: int | None
    label: int


@dataclass(slots=True)
class Instr:
    """One decoded instruction; `offset` is its absolute byte offset (-1 if built)."""

    op: OpInfo
    imm: tuple
    offset: int = -1

    @classmethod
    def make(cls, name: str, *imm: object) -> "Instr":
        info = BY_NAME[name]
        if len(imm) != len(info.imms):
            raise ValueError(f"{name} takes {len(info.imms)} immediates, got {len(imm)}")
        return cls(info, tuple(imm))

    @property
    def name(self) -> str:
        return self.op.name

    def __repr__(self) -> str:
        args = " ".join(repr(x) for x in self.imm)
        return f"<{self.op.name}{' ' + args if args else ''}>"


class UndecodableInstruction(DecodeError):
    """An opcode the table does not know, or malformed immediates."""


# ---------------------------------------------------------------------------
# The opcode table

OPCODES: dict[tuple[int, int], OpInfo] = {}
BY_NAME: dict[str, OpInfo] = {}


def _def(prefix: int, code: int, name: str, *imms: str) -> None:
    info = OpInfo(name, prefix, code, tuple(imms))
    assert (prefix, code) not in OPCODES, (prefix, code)
    assert name not in BY_NAME, name
    OPCODES[(prefix, code)] = info
    BY_NAME[name] = info


def _def_run(prefix: int, first: int, names: str, *imms: str) -> None:
    """Define consecutive opcodes from a whitespace-separated list of names."""
    for i, name in enumerate(names.split()):
        _def(prefix, first + i, name, *imms)


def _build_core() -> None:
    p = 0
    _def(p, 0x00, "unreachable")
    _def(p, 0x01, "nop")
    _def(p, 0x02, "block", BLOCKTYPE)
    _def(p, 0x03, "loop", BLOCKTYPE)
    _def(p, 0x04, "if", BLOCKTYPE)
    _def(p, 0x05, "else")
    _def(p, 0x06, "try", BLOCKTYPE)  # legacy exception handling
    _def(p, 0x07, "catch", TAG)  # legacy
    _def(p, 0x08, "throw", TAG)
    _def(p, 0x09, "rethrow", LABEL)  # legacy
    _def(p, 0x0A, "throw_ref")
    _def(p, 0x0B, "end")
    _def(p, 0x0C, "br", LABEL)
    _def(p, 0x0D, "br_if", LABEL)
    _def(p, 0x0E, "br_table", LABELS, LABEL)
    _def(p, 0x0F, "return")
    _def(p, 0x10, "call", FUNC)
    _def(p, 0x11, "call_indirect", TYPE, TABLE)
    _def(p, 0x12, "return_call", FUNC)
    _def(p, 0x13, "return_call_indirect", TYPE, TABLE)
    _def(p, 0x14, "call_ref", TYPE)
    _def(p, 0x15, "return_call_ref", TYPE)
    _def(p, 0x18, "delegate", LABEL)  # legacy
    _def(p, 0x19, "catch_all")  # legacy
    _def(p, 0x1A, "drop")
    _def(p, 0x1B, "select")
    _def(p, 0x1C, "select_t", VALTYPES)  # `select (result t)` in text
    _def(p, 0x1F, "try_table", BLOCKTYPE, CATCHES)
    _def_run(p, 0x20, "local.get local.set local.tee", LOCAL)
    _def_run(p, 0x23, "global.get global.set", GLOBAL)
    _def_run(p, 0x25, "table.get table.set", TABLE)
    _def_run(
        p,
        0x28,
        "i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u "
        "i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u "
        "i32.store i64.store f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32",
        MEMARG,
    )
    _def_run(p, 0x3F, "memory.size memory.grow", MEM)
    _def(p, 0x41, "i32.const", I32)
    _def(p, 0x42, "i64.const", I64)
    _def(p, 0x43, "f32.const", F32)
    _def(p, 0x44, "f64.const", F64)
    int_cmp = "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u"
    float_cmp = "eq ne lt gt le ge"
    int_arith = "clz ctz popcnt add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr"
    float_arith = "abs neg ceil floor trunc nearest sqrt add sub mul div min max copysign"
    _def(p, 0x45, "i32.eqz")
    _def_run(p, 0x46, " ".join(f"i32.{n}" for n in int_cmp.split()))
    _def(p, 0x50, "i64.eqz")
    _def_run(p, 0x51, " ".join(f"i64.{n}" for n in int_cmp.split()))
    _def_run(p, 0x5B, " ".join(f"f32.{n}" for n in float_cmp.split()))
    _def_run(p, 0x61, " ".join(f"f64.{n}" for n in float_cmp.split()))
    _def_run(p, 0x67, " ".join(f"i32.{n}" for n in int_arith.split()))
    _def_run(p, 0x79, " ".join(f"i64.{n}" for n in int_arith.split()))
    _def_run(p, 0x8B, " ".join(f"f32.{n}" for n in float_arith.split()))
    _def_run(p, 0x99, " ".join(f"f64.{n}" for n in float_arith.split()))
    _def_run(
        p,
        0xA7,
        "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u "
        "i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u "
        "f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 "
        "f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 "
        "i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64 "
        "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s",
    )
    _def(p, 0xD0, "ref.null", HEAPTYPE)
    _def(p, 0xD1, "ref.is_null")
    _def(p, 0xD2, "ref.func", FUNC)
    _def(p, 0xD3, "ref.eq")
    _def(p, 0xD4, "ref.as_non_null")
    _def(p, 0xD5, "br_on_null", LABEL)
    _def(p, 0xD6, "br_on_non_null", LABEL)


def _build_misc() -> None:
    p = PREFIX_MISC
    _def_run(
        p,
        0x00,
        "i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u "
        "i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u",
    )
    _def(p, 8, "memory.init", DATA, MEM)
    _def(p, 9, "data.drop", DATA)
    _def(p, 10, "memory.copy", MEM, MEM)  # destination, source
    _def(p, 11, "memory.fill", MEM)
    _def(p, 12, "table.init", ELEM, TABLE)
    _def(p, 13, "elem.drop", ELEM)
    _def(p, 14, "table.copy", TABLE, TABLE)
    _def(p, 15, "table.grow", TABLE)
    _def(p, 16, "table.size", TABLE)
    _def(p, 17, "table.fill", TABLE)
    _def_run(p, 19, "i64.add128 i64.sub128 i64.mul_wide_s i64.mul_wide_u")  # wide arithmetic
    _def(p, 0x30, "f32.load_f16", MEMARG)  # fp16
    _def(p, 0x31, "f32.store_f16", MEMARG)


def _build_simd() -> None:
    p = PREFIX_SIMD
    _def_run(
        p,
        0x00,
        "v128.load v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s "
        "v128.load32x2_u v128.load8_splat v128.load16_splat v128.load32_splat v128.load64_splat v128.store",
        MEMARG,
    )
    _def(p, 0x0C, "v128.const", V128)
    _def(p, 0x0D, "i8x16.shuffle", V128)
    _def_run(p, 0x0E, "i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat")
    _def_run(
        p,
        0x15,
        "i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane i16x8.extract_lane_s "
        "i16x8.extract_lane_u i16x8.replace_lane i32x4.extract_lane i32x4.replace_lane "
        "i64x2.extract_lane i64x2.replace_lane f32x4.extract_lane f32x4.replace_lane "
        "f64x2.extract_lane f64x2.replace_lane",
        LANE,
    )
    int_cmp = "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u".split()
    _def_run(p, 0x23, " ".join(f"i8x16.{n}" for n in int_cmp))
    _def_run(p, 0x2D, " ".join(f"i16x8.{n}" for n in int_cmp))
    _def_run(p, 0x37, " ".join(f"i32x4.{n}" for n in int_cmp))
    _def_run(p, 0x41, " ".join(f"f32x4.{n}" for n in "eq ne lt gt le ge".split()))
    _def_run(p, 0x47, " ".join(f"f64x2.{n}" for n in "eq ne lt gt le ge".split()))
    _def_run(p, 0x4D, "v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true")
    _def_run(
        p,
        0x54,
        "v128.load8_lane v128.load16_lane v128.load32_lane v128.load64_lane "
        "v128.store8_lane v128.store16_lane v128.store32_lane v128.store64_lane",
        MEMARG,
        LANE,
    )
    _def_run(p, 0x5C, "v128.load32_zero v128.load64_zero", MEMARG)
    # 0x5E..0xFF have no immediates; gaps are unassigned opcodes.
    plain = {
        0x5E: "f32x4.demote_f64x2_zero",
        0x5F: "f64x2.promote_low_f32x4",
        0x60: "i8x16.abs",
        0x61: "i8x16.neg",
        0x62: "i8x16.popcnt",
        0x63: "i8x16.all_true",
        0x64: "i8x16.bitmask",
        0x65: "i8x16.narrow_i16x8_s",
        0x66: "i8x16.narrow_i16x8_u",
        0x67: "f32x4.ceil",
        0x68: "f32x4.floor",
        0x69: "f32x4.trunc",
        0x6A: "f32x4.nearest",
        0x6B: "i8x16.shl",
        0x6C: "i8x16.shr_s",
        0x6D: "i8x16.shr_u",
        0x6E: "i8x16.add",
        0x6F: "i8x16.add_sat_s",
        0x70: "i8x16.add_sat_u",
        0x71: "i8x16.sub",
        0x72: "i8x16.sub_sat_s",
        0x73: "i8x16.sub_sat_u",
        0x74: "f64x2.ceil",
        0x75: "f64x2.floor",
        0x76: "i8x16.min_s",
        0x77: "i8x16.min_u",
        0x78: "i8x16.max_s",
        0x79: "i8x16.max_u",
        0x7A: "f64x2.trunc",
        0x7B: "i8x16.avgr_u",
        0x7C: "i16x8.extadd_pairwise_i8x16_s",
        0x7D: "i16x8.extadd_pairwise_i8x16_u",
        0x7E: "i32x4.extadd_pairwise_i16x8_s",
        0x7F: "i32x4.extadd_pairwise_i16x8_u",
        0x80: "i16x8.abs",
        0x81: "i16x8.neg",
        0x82: "i16x8.q15mulr_sat_s",
        0x83: "i16x8.all_true",
        0x84: "i16x8.bitmask",
        0x85: "i16x8.narrow_i32x4_s",
        0x86: "i16x8.narrow_i32x4_u",
        0x87: "i16x8.extend_low_i8x16_s",
        0x88: "i16x8.extend_high_i8x16_s",
        0x89: "i16x8.extend_low_i8x16_u",
        0x8A: "i16x8.extend_high_i8x16_u",
        0x8B: "i16x8.shl",
        0x8C: "i16x8.shr_s",
        0x8D: "i16x8.shr_u",
        0x8E: "i16x8.add",
        0x8F: "i16x8.add_sat_s",
        0x90: "i16x8.add_sat_u",
        0x91: "i16x8.sub",
        0x92: "i16x8.sub_sat_s",
        0x93: "i16x8.sub_sat_u",
        0x94: "f64x2.nearest",
        0x95: "i16x8.mul",
        0x96: "i16x8.min_s",
        0x97: "i16x8.min_u",
        0x98: "i16x8.max_s",
        0x99: "i16x8.max_u",
        0x9B: "i16x8.avgr_u",
        0x9C: "i16x8.extmul_low_i8x16_s",
        0x9D: "i16x8.extmul_high_i8x16_s",
        0x9E: "i16x8.extmul_low_i8x16_u",
        0x9F: "i16x8.extmul_high_i8x16_u",
        0xA0: "i32x4.abs",
        0xA1: "i32x4.neg",
        0xA3: "i32x4.all_true",
        0xA4: "i32x4.bitmask",
        0xA7: "i32x4.extend_low_i16x8_s",
        0xA8: "i32x4.extend_high_i16x8_s",
        0xA9: "i32x4.extend_low_i16x8_u",
        0xAA: "i32x4.extend_high_i16x8_u",
        0xAB: "i32x4.shl",
        0xAC: "i32x4.shr_s",
        0xAD: "i32x4.shr_u",
        0xAE: "i32x4.add",
        0xB1: "i32x4.sub",
        0xB5: "i32x4.mul",
        0xB6: "i32x4.min_s",
        0xB7: "i32x4.min_u",
        0xB8: "i32x4.max_s",
        0xB9: "i32x4.max_u",
        0xBA: "i32x4.dot_i16x8_s",
        0xBC: "i32x4.extmul_low_i16x8_s",
        0xBD: "i32x4.extmul_high_i16x8_s",
        0xBE: "i32x4.extmul_low_i16x8_u",
        0xBF: "i32x4.extmul_high_i16x8_u",
        0xC0: "i64x2.abs",
        0xC1: "i64x2.neg",
        0xC3: "i64x2.all_true",
        0xC4: "i64x2.bitmask",
        0xC7: "i64x2.extend_low_i32x4_s",
        0xC8: "i64x2.extend_high_i32x4_s",
        0xC9: "i64x2.extend_low_i32x4_u",
        0xCA: "i64x2.extend_high_i32x4_u",
        0xCB: "i64x2.shl",
        0xCC: "i64x2.shr_s",
        0xCD: "i64x2.shr_u",
        0xCE: "i64x2.add",
        0xD1: "i64x2.sub",
        0xD5: "i64x2.mul",
        0xD6: "i64x2.eq",
        0xD7: "i64x2.ne",
        0xD8: "i64x2.lt_s",
        0xD9: "i64x2.gt_s",
        0xDA: "i64x2.le_s",
        0xDB: "i64x2.ge_s",
        0xDC: "i64x2.extmul_low_i32x4_s",
        0xDD: "i64x2.extmul_high_i32x4_s",
        0xDE: "i64x2.extmul_low_i32x4_u",
        0xDF: "i64x2.extmul_high_i32x4_u",
        0xE0: "f32x4.abs",
        0xE1: "f32x4.neg",
        0xE3: "f32x4.sqrt",
        0xE4: "f32x4.add",
        0xE5: "f32x4.sub",
        0xE6: "f32x4.mul",
        0xE7: "f32x4.div",
        0xE8: "f32x4.min",
        0xE9: "f32x4.max",
        0xEA: "f32x4.pmin",
        0xEB: "f32x4.pmax",
        0xEC: "f64x2.abs",
        0xED: "f64x2.neg",
        0xEF: "f64x2.sqrt",
        0xF0: "f64x2.add",
        0xF1: "f64x2.sub",
        0xF2: "f64x2.mul",
        0xF3: "f64x2.div",
        0xF4: "f64x2.min",
        0xF5: "f64x2.max",
        0xF6: "f64x2.pmin",
        0xF7: "f64x2.pmax",
        0xF8: "i32x4.trunc_sat_f32x4_s",
        0xF9: "i32x4.trunc_sat_f32x4_u",
        0xFA: "f32x4.convert_i32x4_s",
        0xFB: "f32x4.convert_i32x4_u",
        0xFC: "i32x4.trunc_sat_f64x2_s_zero",
        0xFD: "i32x4.trunc_sat_f64x2_u_zero",
        0xFE: "f64x2.convert_low_i32x4_s",
        0xFF: "f64x2.convert_low_i32x4_u",
    }
    for code, name in plain.items():
        _def(p, code, name)
    # relaxed SIMD
    _def_run(
        p,
        0x100,
        "i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u "
        "i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero f32x4.relaxed_madd "
        "f32x4.relaxed_nmadd f64x2.relaxed_madd f64x2.relaxed_nmadd i8x16.relaxed_laneselect "
        "i16x8.relaxed_laneselect i32x4.relaxed_laneselect i64x2.relaxed_laneselect "
        "f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min f64x2.relaxed_max "
        "i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s i32x4.relaxed_dot_i8x16_i7x16_add_s",
    )
    # fp16 (LLVM's +fp16)
    _def(p, 0x120, "f16x8.splat")
    _def(p, 0x121, "f16x8.extract_lane", LANE)
    _def(p, 0x122, "f16x8.replace_lane", LANE)
    _def_run(
        p,
        0x130,
        "f16x8.abs f16x8.neg f16x8.sqrt f16x8.ceil f16x8.floor f16x8.trunc f16x8.nearest "
        "f16x8.eq f16x8.ne f16x8.lt f16x8.gt f16x8.le f16x8.ge "
        "f16x8.add f16x8.sub f16x8.mul f16x8.div f16x8.min f16x8.max f16x8.pmin f16x8.pmax "
        "i16x8.trunc_sat_f16x8_s i16x8.trunc_sat_f16x8_u f16x8.convert_i16x8_s f16x8.convert_i16x8_u "
        "f16x8.demote_f32x4_zero f16x8.demote_f64x2_zero f32x4.promote_low_f16x8",
    )
    _def_run(p, 0x14E, "f16x8.relaxed_madd f16x8.relaxed_nmadd")


def _build_atomic() -> None:
    p = PREFIX_ATOMIC
    _def_run(p, 0x00, "memory.atomic.notify memory.atomic.wait32 memory.atomic.wait64", MEMARG)
    _def(p, 0x03, "atomic.fence", ZERO)
    _def_run(
        p,
        0x10,
        "i32.atomic.load i64.atomic.load i32.atomic.load8_u i32.atomic.load16_u "
        "i64.atomic.load8_u i64.atomic.load16_u i64.atomic.load32_u "
        "i32.atomic.store i64.atomic.store i32.atomic.store8 i32.atomic.store16 "
        "i64.atomic.store8 i64.atomic.store16 i64.atomic.store32",
        MEMARG,
    )
    for k, rmw in enumerate("add sub and or xor xchg cmpxchg".split()):
        names = (
            f"i32.atomic.rmw.{rmw} i64.atomic.rmw.{rmw} i32.atomic.rmw8.{rmw}_u i32.atomic.rmw16.{rmw}_u "
            f"i64.atomic.rmw8.{rmw}_u i64.atomic.rmw16.{rmw}_u i64.atomic.rmw32.{rmw}_u"
        )
        _def_run(p, 0x1E + 7 * k, names, MEMARG)


_build_core()
_build_misc()
_build_simd()
_build_atomic()

#: Encoded opcode of each OpInfo, computed once (encoding is on the hot path).
_OPCODE_BYTES: dict[OpInfo, bytes] = {info: info.opcode_bytes for info in OPCODES.values()}

# ---------------------------------------------------------------------------
# Value types

#: One-byte value type codes: numeric, vector, and abbreviated reference types.
SINGLE_BYTE_VALTYPES = frozenset(
    {0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F, 0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x69, 0x71, 0x72, 0x73, 0x74}
)
VALTYPE_NAMES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x70: "funcref", 0x6F: "externref"}


def read_valtype(r: Reader) -> bytes:
    """A value type as its raw encoding (one byte, or 0x63/0x64 + heap type)."""
    start = r.pos
    code = r.u8()
    if code in (0x63, 0x64):
        heap = r.s33()
        return bytes([code]) + sleb(heap)
    if code not in SINGLE_BYTE_VALTYPES:
        raise UndecodableInstruction(f"unknown value type {code:#04x}", start)
    return bytes([code])


def _read_blocktype(r: Reader) -> bytes | int:
    code = r.peek()
    if code == 0x40:
        r.pos += 1
        return b"\x40"
    if code in SINGLE_BYTE_VALTYPES or code in (0x63, 0x64):
        return read_valtype(r)
    start = r.pos
    index = r.s33()
    if index < 0:
        raise UndecodableInstruction(f"invalid block type {code:#04x}", start)
    return index


def _encode_blocktype(bt: bytes | int) -> bytes:
    return bt if isinstance(bt, bytes) else sleb(bt)


def _read_memarg(r: Reader) -> Memarg:
    start = r.pos
    flags = r.u32()
    mem = 0
    if flags & 0x40:
        mem = r.u32()
        flags &= ~0x40
    if flags >= 0x40:
        raise UndecodableInstruction(f"invalid memarg alignment flags {flags:#x}", start)
    return Memarg(flags, mem, r.u64())


def encode_memarg(m: Memarg) -> bytes:
    """Shortest valid memarg: the memory index is written only when it is not 0."""
    if m.mem:
        return uleb(m.align | 0x40) + uleb(m.mem) + uleb(m.offset)
    return uleb(m.align) + uleb(m.offset)


def _read_catches(r: Reader) -> tuple[Catch, ...]:
    out = []
    for _ in range(r.u32()):
        start = r.pos
        kind = r.u8()
        if kind in (0, 1):
            tag = r.u32()
            out.append(Catch(kind, tag, r.u32()))
        elif kind in (2, 3):
            out.append(Catch(kind, None, r.u32()))
        else:
            raise UndecodableInstruction(f"invalid try_table catch kind {kind}", start)
    return tuple(out)


def _encode_catches(catches: tuple[Catch, ...]) -> bytes:
    out = bytearray(uleb(len(catches)))
    for c in catches:
        out.append(c.kind)
        if c.tag is not None:
            out += uleb(c.tag)
        out += uleb(c.label)
    return bytes(out)


def _read_zero(r: Reader) -> int:
    start = r.pos
    if r.u8() != 0:
        raise UndecodableInstruction("expected reserved 0x00 byte", start)
    return 0


_READERS = {
    BLOCKTYPE: _read_blocktype,
    LABELS: lambda r: tuple(r.u32() for _ in range(r.u32())),
    MEMARG: _read_memarg,
    LANE: Reader.u8,
    I32: Reader.s32,
    I64: Reader.s64,
    F32: Reader.f32_bytes,
    F64: Reader.f64_bytes,
    V128: lambda r: r.take(16),
    HEAPTYPE: Reader.s33,
    VALTYPES: lambda r: tuple(read_valtype(r) for _ in range(r.u32())),
    CATCHES: _read_catches,
    ZERO: _read_zero,
    **{kind: Reader.u32 for kind in _U32_KINDS},
}

_WRITERS = {
    BLOCKTYPE: _encode_blocktype,
    LABELS: lambda labels: uleb(len(labels)) + b"".join(uleb(x) for x in labels),
    MEMARG: encode_memarg,
    LANE: lambda lane: bytes([lane]),
    I32: sleb,
    I64: sleb,
    F32: bytes,
    F64: bytes,
    V128: bytes,
    HEAPTYPE: sleb,
    VALTYPES: lambda types: uleb(len(types)) + b"".join(types),
    CATCHES: _encode_catches,
    ZERO: lambda _: b"\x00",
    **{kind: uleb for kind in _U32_KINDS},
}


# ---------------------------------------------------------------------------
# Decoding and encoding


def read_instr(r: Reader) -> Instr:
    """Decode one instruction at the reader's position."""
    start = r.pos
    try:
        first = r.u8()
        if first in PREFIXES:
            code = r.u32()
            key = (first, code)
            shown = f"{first:#04x} {code:#x}"
        else:
            key = (0, first)
            shown = f"{first:#04x}"
        info = OPCODES.get(key)
        if info is None:
            raise UndecodableInstruction(f"unknown opcode {shown}", start)
        kinds = info.imms
        if not kinds:
            imm: tuple = ()
        elif len(kinds) == 1:
            imm = (_READERS[kinds[0]](r),)
        else:
            imm = tuple(_READERS[kind](r) for kind in kinds)
    except UndecodableInstruction:
        raise
    except DecodeError as err:
        raise UndecodableInstruction(f"truncated or malformed instruction: {err.message}", err.offset) from None
    return Instr(info, imm, start)


def decode_instructions(data: bytes, start: int = 0, end: int | None = None) -> list[Instr]:
    """Every instruction in data[start:end] (a function body's expression)."""
    r = Reader(data, start, end)
    out: list[Instr] = []
    while not r.at_end:
        out.append(read_instr(r))
    return out


def read_const_expr(r: Reader) -> list[Instr]:
    """A constant expression (global init, segment offset), including its final `end`."""
    out: list[Instr] = []
    while True:
        instr = read_instr(r)
        out.append(instr)
        if instr.op.code == 0x0B and instr.op.prefix == 0:
            return out


def encode_instr(instr: Instr) -> bytes:
    op = instr.op
    head = _OPCODE_BYTES[op]
    if not op.imms:
        return head
    return head + b"".join(_WRITERS[kind](value) for kind, value in zip(op.imms, instr.imm))


def encode_instructions(instrs: list[Instr]) -> bytes:
    return b"".join([encode_instr(i) for i in instrs])


def memory_indices(instr: Instr) -> list[int]:
    """The memory indices an instruction names (empty if it touches no memory)."""
    out = []
    for kind, value in zip(instr.op.imms, instr.imm):
        if kind == MEMARG:
            out.append(value.mem)
        elif kind == MEM:
            out.append(value)
    return out


def with_memory_indices(instr: Instr, mapping: "dict[int, int] | None" = None, *, to: int | None = None) -> Instr:
    """A copy of `instr` with each memory index replaced via `mapping` (or by `to`)."""
    new = []
    for kind, value in zip(instr.op.imms, instr.imm):
        if kind == MEMARG:
            target = to if to is not None else mapping[value.mem]  # type: ignore[index]
            value = Memarg(value.align, target, value.offset)
        elif kind == MEM:
            value = to if to is not None else mapping[value]  # type: ignore[index]
        new.append(value)
    return Instr(instr.op, tuple(new), instr.offset)


_PLAIN_ACCESS = re.compile(
    r"^(i32|i64|f32|f64|v128)\.(?:atomic\.)?(?:load|store|rmw)(8|16|32|64)?(?:_[su]|_lane|_zero|_splat)?"
    r"(?:\.[a-z]+(?:_u)?)?$")
#: accesses whose width their name does not spell as `loadN`: wait/notify, the extending loads
_FIXED_WIDTH_BYTES = {"memory.atomic.notify": 4, "memory.atomic.wait32": 4, "memory.atomic.wait64": 8,
                      # the extending loads read half a vector
                      **{f"v128.load{shape}_{sign}": 8 for shape in ("8x8", "16x4", "32x2") for sign in "su"}}
_TYPE_BYTES = {"i32": 4, "f32": 4, "i64": 8, "f64": 8, "v128": 16}


def natural_alignment_log2(name: str) -> int:
    """log2 of the access width of a plain load/store (its largest valid alignment).

    Covers the opcodes an intrinsic can stand for (`i64.load16_u`, `v128.store`,
    `i32.atomic.rmw8.add_u`, `memory.atomic.wait64`, ...).
    """
    if name in _FIXED_WIDTH_BYTES:
        return _FIXED_WIDTH_BYTES[name].bit_length() - 1
    match = _PLAIN_ACCESS.match(name)
    if match is None:
        raise ValueError(f"{name} is not a plain load or store")
    width = int(match[2]) // 8 if match[2] else _TYPE_BYTES[match[1]]
    return width.bit_length() - 1
