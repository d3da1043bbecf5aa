"""Sizes and alignments of the language's types on wasm32 (C layout), for
monomorphization's checks (types too big for the target, T0001; static data
too big to build, T0002). `codegen.layout.Layout` computes the same sizes for
the types it lays out (and enums, which this module leaves as LayoutError);
the two should become one.

* integers and floats have their natural size and alignment; `usize`/`isize`
  are 4 bytes; `bool` is one byte;
* a pointer is 4 bytes, or 8 when it points into a 64-bit (memory64) memory;
* structs and tuples use C layout: fields in order, each at its alignment,
  the size rounded up to the alignment;
* `()` and `!` have size 0.

A type is too big for wasm32 when its size exceeds `MAX_TYPE_SIZE`,
`isize::MAX`, as in rustc: offsets within a value are `isize` and sizes
are `usize`, so a bigger type's size and field offsets would wrap (a
`[u8; 4294967295]` local would move the stack pointer by -1).
"""
from __future__ import annotations

from typing import Callable

from .types import (
    ArrayType, BoolType, FloatType, IntType, NeverType, PointerType, StructType, TupleType, Type, UnitType,
)

#: The largest size of a type, in bytes: isize::MAX on wasm32.
MAX_TYPE_SIZE = 2**31 - 1
#: The most bytes of static data a build writes out (T0002): memory 0's
#: statics whole, zeros included (LLVM's wasm object files have no
#: uninitialized data: the zeros are written, then dropped by wasm-ld), and
#: the far statics that are not all zeros. Building costs time and memory in
#: proportion (a 2 GiB memory-0 static needed over 4 GiB and minutes).
MAX_STATIC_DATA_BYTES = 256 * 1024 * 1024


class LayoutError(Exception):
    """A type that has no layout (a generic part left, an unknown struct, a cycle)."""


def align_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align


class Sizes:
    """(size, alignment) of types; `fields_of(name)` gives a struct's field
    types in order, `pointer_bytes(mem)` the width of an address in memory `mem`.

    Sizes are exact integers: a type bigger than MAX_TYPE_SIZE has its true
    size here (never a wrapped one), so callers can reject it."""

    def __init__(self, fields_of: Callable[[str], list[Type]], pointer_bytes: Callable[[int], int]) -> None:
        self.fields_of = fields_of
        self.pointer_bytes = pointer_bytes
        self._size_align: dict[Type, tuple[int, int]] = {}
        self._structs: dict[str, tuple[list[int], int, int]] = {}
        self._in_progress: set[str] = set()

    def size_align(self, ty: Type) -> tuple[int, int]:
        cached = self._size_align.get(ty)
        if cached is None:
            cached = self._size_align[ty] = self._compute(ty)
        return cached

    def size_of(self, ty: Type) -> int:
        return self.size_align(ty)[0]

    def field_offsets(self, name: str) -> list[int]:
        return self._struct(name)[0]

    def _compute(self, ty: Type) -> tuple[int, int]:
        if isinstance(ty, (IntType, FloatType)):
            n = ty.bits // 8
            return n, n
        if isinstance(ty, BoolType):
            return 1, 1
        if isinstance(ty, (UnitType, NeverType)):
            return 0, 1
        if isinstance(ty, PointerType):
            if not isinstance(ty.mem, int):
                raise LayoutError(f"pointer type {ty} has a generic memory")
            n = self.pointer_bytes(ty.mem)
            return n, n
        if isinstance(ty, ArrayType):
            if not isinstance(ty.length, int):
                raise LayoutError(f"array length {ty.length} is not a constant")
            size, align = self.size_align(ty.elem)
            return size * ty.length, align
        if isinstance(ty, StructType):
            _offsets, size, align = self._struct(ty.name)
            return size, align
        if isinstance(ty, TupleType):
            _offsets, size, align = self.record_layout(ty.elems)
            return size, align
        raise LayoutError(f"type {ty} has no layout")

    def record_layout(self, types) -> tuple[list[int], int, int]:
        """C layout of fields of `types` in order: (offsets, size, alignment).
        Structs, tuples and each enum variant's payload are laid out so."""
        offset, max_align, offsets = 0, 1, []
        for fty in types:
            size, align = self.size_align(fty)
            offset = align_up(offset, align)
            offsets.append(offset)
            offset += size
            max_align = max(max_align, align)
        return offsets, align_up(offset, max_align), max_align

    def _struct(self, name: str) -> tuple[list[int], int, int]:
        cached = self._structs.get(name)
        if cached is not None:
            return cached
        if name in self._in_progress:
            raise LayoutError(f"struct {name} contains itself")
        self._in_progress.add(name)
        try:
            cached = self._structs[name] = self.record_layout(self.fields_of(name))
            return cached
        finally:
            self._in_progress.discard(name)

    def too_big(self, ty: Type) -> Type | None:
        """The outermost type within `ty` (itself, a pointee or an element)
        that is bigger than MAX_TYPE_SIZE, or None. Generic parts are skipped."""
        while True:
            try:
                if self.size_of(ty) > MAX_TYPE_SIZE:
                    return ty
            except LayoutError:
                pass
            if isinstance(ty, PointerType):
                ty = ty.pointee
            elif isinstance(ty, ArrayType):
                ty = ty.elem
            else:
                return None
