"""LLVM types and constants of the language's types, and placement of far statics.

Sizes, alignments and field offsets have one home, `compiler/sizes.py`
(shared with monomorphization's size checks); `Layout` answers "what LLVM
type holds it, what constant is it" on top of them (the numba `datamodel`
idea), in a way that keeps LLVM's layout equal to farc's (tests compare them):

* `bool` is one byte in memory (LLVM `i8`) but an `i1` as an SSA value, as
  rustc does; a function pointer is a `ptr` (wasm-ld turns a function's
  address into its index in the module's function table);
* a slice reference is the literal struct `{ ptr addrspace(N), i32 }`;
* a struct is an identified struct type per struct (per instance of a
  generic one), a tuple a literal `{ .. }`: C layout is LLVM's natural
  layout under the wasm32 datalayout, so no padding fields are needed;
* an enum is `{ tag, [n x iA] }` (iA an integer of the enum's alignment, n
  filling the size), so LLVM's size and alignment are farc's; fields are
  reached by byte offsets (`EnumLayout`).

Far statics (statics in a memory other than 0) are not LLVM globals: the wasm
backend cannot emit globals in another memory. `place_statics` gives each
one a compile-time address in its memory and turns its initializer into bytes;
the post-linker writes those bytes as data segments of that memory.

Zero bytes are never written out (`is_zero_constant`): a defined memory starts
zeroed, so a zero far static costs no segment. A big zero memory-0 static is
placed the same way (`sizes.placed_by_farc`), between the shadow stack and
wasm-ld's data (`--global-base`): LLVM would write a `zeroinitializer`
global's bytes into its object whole, only for wasm-ld to leave them out
(.bss); a small one stays such a global. An imported memory is not known to
be zero: the zero runs of its statics are listed (`zero_fills`) and filled
by the module's start function (`llvm_ir.ModuleCodegen.define_zero_init`).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Callable

from llvmlite import ir

from ..check.tree import ConstVal, EnumConst, EnumDef, FnDef, Repeated, StaticDef, StructDef, is_zero_constant
from ..diagnostics import DiagnosticSink
from ..memory import WASM_PAGE, FarSegment, MemoryMap, addrspace
from ..sizes import EnumLayout, LayoutError, Sizes, align_up, placed_by_farc, slice_fields, struct_key
from ..types import (
    ArrayType, BoolType, EnumType, FloatType, FnType, IntType, NeverType, PointerType, StructType, TupleType, Type,
    UnitType, V128Type, is_slice_ref,
)

#: Aggregate initializers larger than this are written as bytes (`Layout.initializer`).
BYTES_INITIALIZER = 1024

#: First address handed out in every far memory: 0 must stay null, and a few
#: bytes of slack keep a stray null-pointer write from clobbering a static.
FAR_STATIC_BASE = 16
#: First address of the memory-0 statics farc places: the top of the shadow
#: stack, which wasm-ld puts first in memory 0 and makes 64 KiB (its default
#: `-z stack-size`, which the driver keeps; wasm-ld refuses a `--global-base`
#: below the stack's top, so a bigger stack could not overlap them silently).
NEAR_PLACED_BASE = 64 * 1024
#: `StaticPlacement.global_base` is a multiple of this (wasm-ld's data alignment).
GLOBAL_BASE_ALIGN = 16

#: wasm32's datalayout, exactly the one LLVM's WebAssembly target machine uses
#: (a test compares them: the optimizer and the back end must agree on every
#: size and alignment); `MemoryMap` appends the pointer widths of 64-bit far memories.
WASM32_DATALAYOUT = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-i128:128-n32:64-S128-ni:1:10:20"
WASM32_TRIPLE = "wasm32-unknown-unknown"


def _const_int(ty: ir.IntType, value: int) -> ir.Constant:
    """An integer constant normalised to the signed range of its width, so
    LLVM's parser never sees an out-of-range literal."""
    bits = ty.width
    value &= (1 << bits) - 1
    if bits > 1 and value >= 1 << (bits - 1):
        value -= 1 << bits
    return ir.Constant(ty, value)


class Layout:
    """Sizes, alignments and LLVM types of one program's types.

    `context` is the llvmlite context that owns the identified struct types
    (one per module, so two modules never share a struct body).
    """

    def __init__(self, structs: dict[str, StructDef], memories: MemoryMap,
                 context: ir.Context | None = None, enums: dict[str, EnumDef] | None = None) -> None:
        self.structs = structs
        self.enums = enums or {}
        self.memories = memories
        self.sizes = Sizes(structs, memories, self.enums)
        self.context = context or ir.Context()
        self._struct_types: dict[str, ir.IdentifiedStructType] = {}
        #: the LLVM function a constant function pointer (a `FnDef`) points to (set by the module's codegen)
        self.function_constant: Callable[[FnDef], ir.Value] | None = None

    # ----- sizes (one home: compiler/sizes.py) -----
    def pointer_bytes(self, mem: int) -> int:
        return self.sizes.pointer_bytes(mem)

    def size_align(self, ty: Type) -> tuple[int, int]:
        return self.sizes.size_align(ty)

    def size_of(self, ty: Type) -> int:
        return self.sizes.size_of(ty)

    def align_of(self, ty: Type) -> int:
        return self.sizes.align_of(ty)

    def enum_layout(self, ty: EnumType) -> EnumLayout:
        return self.sizes.enum_layout(ty)

    def field_offsets(self, name: str) -> list[int]:
        return self.sizes.field_offsets(name)

    def record_layout(self, types) -> tuple[list[int], int, int]:
        return self.sizes.record_layout(types)

    def struct_def(self, name: str) -> StructDef:
        return self.sizes.struct_def(name)

    @staticmethod
    def _mem(ty: PointerType) -> int:
        if not isinstance(ty.mem, int):
            raise LayoutError(f"pointer type {ty} has a generic memory")
        return ty.mem

    # ----- LLVM types -----
    def llvm_type(self, ty: Type) -> ir.Type:
        """The SSA value type: `i1` for bool, `{}` for `()`; aggregates are
        handled through memory, their value type is their memory type."""
        if isinstance(ty, BoolType):
            return ir.IntType(1)
        return self.llvm_mem_type(ty)

    def llvm_mem_type(self, ty: Type) -> ir.Type:
        """The in-memory type: like `llvm_type` but bool is `i8`."""
        if isinstance(ty, IntType):
            return ir.IntType(ty.bits)
        if isinstance(ty, FloatType):
            return ir.FloatType() if ty.bits == 32 else ir.DoubleType()
        if isinstance(ty, BoolType):
            return ir.IntType(8)
        if isinstance(ty, V128Type):
            return ir.VectorType(ir.IntType(32), 4)
        if isinstance(ty, (UnitType, NeverType)):
            return ir.LiteralStructType([])
        if is_slice_ref(ty):
            return ir.LiteralStructType([self.llvm_mem_type(f) for f in slice_fields(ty)])  # type: ignore[arg-type]
        if isinstance(ty, PointerType):
            return self.pointer_type(self._mem(ty))
        if isinstance(ty, FnType):
            if ty.far is not None:  # an index into another module's table: a number to this module
                return ir.IntType(32)
            return ir.PointerType()  # (a function's address: wasm-ld makes it its index in the table)
        if isinstance(ty, ArrayType):
            if not isinstance(ty.length, int):
                raise LayoutError(f"array length {ty.length} is not a constant")
            return ir.ArrayType(self.llvm_mem_type(ty.elem), ty.length)
        if isinstance(ty, StructType):
            return self.struct_type(struct_key(ty))
        if isinstance(ty, TupleType):
            return ir.LiteralStructType([self.llvm_mem_type(e) for e in ty.elems])
        if isinstance(ty, EnumType):
            lay = self.enum_layout(ty)
            tag = ir.IntType(lay.tag.bits)
            if not lay.has_payload:
                return ir.LiteralStructType([tag])
            return ir.LiteralStructType([tag, ir.ArrayType(ir.IntType(8 * lay.align),
                                                           (lay.size - lay.align) // lay.align)])
        raise LayoutError(f"type {ty} has no LLVM type")

    def pointer_type(self, mem: int) -> ir.PointerType:
        return ir.PointerType(addrspace=addrspace(mem))

    def address_type(self, mem: int) -> ir.IntType:
        """The integer type of an address in memory `mem` (i32 or i64)."""
        return ir.IntType(8 * self.pointer_bytes(mem))

    def struct_type(self, name: str) -> ir.IdentifiedStructType:
        """`%Name = type { ... }`, made once per module context."""
        existing = self._struct_types.get(name)
        if existing is not None:
            return existing
        self.field_offsets(name)  # rejects recursive structs before LLVM sees them
        llty = self.context.get_identified_type(name)
        self._struct_types[name] = llty
        llty.set_body(*(self.llvm_mem_type(fty) for _, fty in self.struct_def(name).fields))
        return llty

    # ----- constants -----
    def const_bytes(self, ty: Type, value: ConstVal) -> bytes:
        """The little-endian bytes of constant `value` of type `ty`, padding zeroed."""
        if is_slice_ref(ty):
            raise LayoutError(f"no constant of type {ty}")
        size = self.size_of(ty)
        if isinstance(ty, IntType):
            return (int(value) & ((1 << ty.bits) - 1)).to_bytes(size, "little")
        if isinstance(ty, PointerType):
            return (int(value or 0) & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        if isinstance(ty, BoolType):
            return b"\x01" if value else b"\x00"
        if isinstance(ty, FloatType):
            return struct.pack("<f" if ty.bits == 32 else "<d", float(value))
        if isinstance(ty, (UnitType, NeverType)):
            return b""
        if isinstance(ty, ArrayType):
            if isinstance(value, Repeated) and value.count == ty.length:
                return self.const_bytes(ty.elem, value.value) * value.count
            elems = self._elements(ty, value)
            return b"".join(self.const_bytes(ty.elem, v) for v in elems)
        if isinstance(ty, (StructType, TupleType)):
            types = self.field_types(ty)
            values = self._fields(ty, value, len(types))
            out = bytearray(size)
            for fty, off, v in zip(types, self.record_layout(types)[0], values):
                data = self.const_bytes(fty, v)
                out[off:off + len(data)] = data
            return bytes(out)
        if isinstance(ty, EnumType):
            lay = self.enum_layout(ty)
            if not isinstance(value, EnumConst) or not 0 <= value.variant < len(lay.field_types):
                raise LayoutError(f"constant {value!r} does not fit {ty}")
            types = lay.field_types[value.variant]
            fields = self._fields(ty, value.fields, len(types))
            out = bytearray(size)
            out[:lay.tag.bits // 8] = self.const_bytes(lay.tag, value.discriminant)
            for fty, off, v in zip(types, lay.field_offsets[value.variant], fields):
                data = self.const_bytes(fty, v)
                out[off:off + len(data)] = data
            return bytes(out)
        raise LayoutError(f"no constant of type {ty}")

    def field_types(self, ty: StructType | TupleType) -> list[Type]:
        """The types of a struct's fields or a tuple's elements, in order."""
        if isinstance(ty, TupleType):
            return list(ty.elems)
        return [fty for _, fty in self.struct_def(struct_key(ty)).fields]

    def initializer(self, ty: Type, value: ConstVal) -> ir.Constant:
        """The initializer of a global holding `value`: `const_llvm`, or for an
        aggregate of more than `BYTES_INITIALIZER` bytes its bytes as one
        `[n x i8] c"..."` (one Python object per byte, not per element: a
        `[7u32; 1 << 20]` took 18 s as a million element constants). Globals
        are reached through opaque pointers with the layout's types, so the
        initializer's own type does not matter, only its bytes."""
        if isinstance(ty, (ArrayType, StructType)) and self.size_of(ty) > BYTES_INITIALIZER \
                and not is_zero_constant(value):
            data = self.const_bytes(ty, value)
            return ir.Constant(ir.ArrayType(ir.IntType(8), len(data)), bytearray(data))
        return self.const_llvm(ty, value)

    def const_llvm(self, ty: Type, value: ConstVal) -> ir.Constant:
        """`value` as an LLVM constant of `ty`'s in-memory type (for globals);
        an aggregate of zero bytes is `zeroinitializer`, whatever its size."""
        if is_slice_ref(ty):
            raise LayoutError(f"no constant of type {ty}")
        llty = self.llvm_mem_type(ty)
        if isinstance(ty, (ArrayType, StructType)) and is_zero_constant(value):
            return ir.Constant(llty, None)
        if isinstance(ty, IntType):
            return _const_int(llty, int(value))
        if isinstance(ty, BoolType):
            return ir.Constant(llty, 1 if value else 0)
        if isinstance(ty, FloatType):
            return ir.Constant(llty, float(value))
        if isinstance(ty, FnType):
            if not isinstance(value, FnDef) or self.function_constant is None:
                raise LayoutError(f"no constant function pointer {value!r}")
            return self.function_constant(value)
        if isinstance(ty, PointerType):
            address = int(value or 0)
            if address == 0:
                return ir.Constant(llty, None)
            return _const_int(self.address_type(self._mem(ty)), address).inttoptr(llty)
        if isinstance(ty, (UnitType, NeverType)):
            return ir.Constant(llty, [])
        if isinstance(ty, ArrayType):
            return ir.Constant(llty, [self.const_llvm(ty.elem, v) for v in self._elements(ty, value)])
        if isinstance(ty, (StructType, TupleType)):
            types = self.field_types(ty)
            values = self._fields(ty, value, len(types))
            return ir.Constant(llty, [self.const_llvm(fty, v) for fty, v in zip(types, values)])
        if isinstance(ty, EnumType):
            # from the value's bytes: the payload holds no link-time addresses
            # (a constant pointer is a number), so the integers say it all
            data = self.const_bytes(ty, value)
            lay = self.enum_layout(ty)
            tag_size = lay.tag.bits // 8
            parts = [_const_int(ir.IntType(lay.tag.bits), int.from_bytes(data[:tag_size], "little"))]
            if lay.has_payload:
                words = [int.from_bytes(data[i:i + lay.align], "little") for i in range(lay.align, lay.size, lay.align)]
                word = ir.IntType(8 * lay.align)
                parts.append(ir.Constant(ir.ArrayType(word, len(words)), [_const_int(word, w) for w in words]))
            return ir.Constant(llty, parts)
        raise LayoutError(f"no constant of type {ty}")

    @staticmethod
    def _elements(ty: ArrayType, value: ConstVal) -> tuple:
        if isinstance(value, Repeated):
            value = value.elements()
        if not isinstance(value, tuple) or len(value) != ty.length:
            raise LayoutError(f"constant {value!r} does not fit {ty}")
        return value

    @staticmethod
    def _fields(ty: Type, value: ConstVal, count: int) -> tuple:
        if not isinstance(value, tuple) or len(value) != count:
            raise LayoutError(f"constant {value!r} does not fit {ty}")
        return value


def datalayout(memories: MemoryMap) -> str:
    """The module's datalayout: wasm32's plus 64-bit far address spaces."""
    return WASM32_DATALAYOUT + memories.datalayout_pointer_specs()


#: Zero bytes between two far statics' data up to this many are written (one
#: segment instead of two: a segment header costs about as much).
SEGMENT_GAP = 16


@dataclass(frozen=True)
class StaticPlacement:
    """Where the statics farc places itself went (`sizes.placed_by_farc`: the
    far statics and the big zero memory-0 ones): address by static symbol, the
    non-zero bytes as segments, the zero runs of imported memories' statics
    as (memory, address, length), which must be filled at start, and
    `global_base`: where wasm-ld must start memory 0's data (`--global-base`)
    when farc placed memory-0 statics below it, else None."""

    addresses: dict[str, int]
    segments: list[FarSegment]
    zero_fills: list[tuple[int, int, int]]
    global_base: int | None = None


def place_statics(statics: list[StaticDef], layout: Layout, sink: DiagnosticSink) -> StaticPlacement:
    """Bump-allocate every static farc places (`placed_by_farc`), in
    declaration order, each at its alignment: a far memory's from
    `FAR_STATIC_BASE`, memory 0's from `NEAR_PLACED_BASE` (the top of the
    stack, which wasm-ld puts first; its data then starts at `global_base`,
    after them). Only non-zero bytes become segments (leading and trailing
    zeros of a static trimmed, pieces closer than `SEGMENT_GAP` merged): a
    defined memory starts zeroed. In an imported memory, which is not known
    to be zero, the rest of the statics' area is listed in `zero_fills`.

    Reports B0006 when a far memory's statics do not fit in its initial pages
    (the segment would make instantiation fail); memory 0's initial size is
    what wasm-ld's layout needs, so its placed statics always fit."""
    addresses: dict[str, int] = {}
    ends: dict[int, int] = {}
    pieces: dict[int, list[tuple[int, bytes]]] = {}
    for static in statics:
        size, align = layout.size_align(static.ty)
        zero = is_zero_constant(static.init)
        if not placed_by_farc(static.mem, size, zero, static.export_name is not None, static.passive):
            continue
        start = align_up(ends.get(static.mem, _placed_base(static.mem)), align)
        addresses[static.symbol] = start
        ends[static.mem] = start + size
        if zero:
            continue
        data = layout.const_bytes(static.ty, static.init)
        head = len(data) - len(data.lstrip(b"\0"))
        data = data.strip(b"\0")
        if data:
            _add_piece(pieces.setdefault(static.mem, []), start + head, data)
    segments: list[FarSegment] = []
    zero_fills: list[tuple[int, int, int]] = []
    for mem, end in sorted(ends.items()):
        decl = layout.memories.decls.get(mem)
        if mem != 0 and decl is not None and end > decl.min_pages * WASM_PAGE:
            needed = -(-end // WASM_PAGE)
            members = [st for st in statics if st.mem == mem]
            largest = max(members, key=lambda st: layout.size_align(st.ty)[0])
            d = sink.error("B0006", f"the statics of memory {mem} need {end} bytes, more than its "
                           f"{decl.min_pages} initial page(s)", largest.span,
                           f"the largest static in memory {mem} ({layout.size_align(largest.ty)[0]} bytes)")
            d.with_help(f"declare memory {mem} with at least {needed} initial pages: "
                        f"`#![memory({mem}, min = {needed})]`")
        written = [(offset, bytes(data)) for offset, data in pieces.get(mem, [])]
        segments += [FarSegment(mem, offset, data) for offset, data in written]
        if decl is not None and decl.imported:
            cursor = _placed_base(mem)
            for offset, data in written + [(end, b"")]:
                if offset > cursor:
                    zero_fills.append((mem, cursor, offset - cursor))
                cursor = offset + len(data)
    global_base = align_up(ends[0], GLOBAL_BASE_ALIGN) if 0 in ends else None
    return StaticPlacement(addresses, segments, zero_fills, global_base)


def _placed_base(mem: int) -> int:
    return NEAR_PLACED_BASE if mem == 0 else FAR_STATIC_BASE


def _add_piece(pieces: list[tuple[int, bytearray]], offset: int, data: bytes) -> None:
    """Append `data` at `offset`, merged into the last piece when the zero gap is small."""
    if pieces:
        last_offset, last = pieces[-1]
        gap = offset - (last_offset + len(last))
        if gap <= SEGMENT_GAP:
            last += bytes(gap) + data
            return
    pieces.append((offset, bytearray(data)))


__all__ = [
    "EnumLayout", "FAR_STATIC_BASE", "FarSegment", "Layout", "LayoutError", "NEAR_PLACED_BASE", "StaticPlacement",
    "WASM32_DATALAYOUT", "WASM32_TRIPLE", "align_up", "datalayout", "place_statics", "slice_fields", "struct_key",
]
