"""Slices: the two-word value of a slice reference, its element and range
places with their bounds checks, (the slice builtins are lowered with the others, in intrinsics.py).

A slice reference `&[T]` into memory M is an aggregate (`layout.slice_fields`:
`{ ptr addrspace(M), i32 }`) held, like a struct, in a memory-0 temporary:
`make_slice` builds one, `slice_parts` reads its address and length. A
place of slice type (`*s`, `a[i..j]`) is a `Place` with a `length`.

Bounds checks trap, as Rust panics: `s[i]` with `i >= len`; `a[i..j]` with
`i > j` or `j > len`; `a[i..=j]` with `j >= len` (which also rules out the
overflow of `j + 1` at `usize::MAX`) or `i > j + 1`.

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from ..types import ArrayType, PointerType, SliceType, Type
from .llvm_ir import I32, CodegenError, mem_of
from .places import Place


class SliceLowering:
    # ----- the two-word value
    def make_slice(self, data: ir.Value, length: ir.Value, ty: Type) -> ir.Value:
        """A fresh temporary holding the slice reference (`data`, `length`) of type `ty`."""
        llty = self.layout.llvm_mem_type(ty)
        tmp = self.alloca(ty, "slice")
        self.builder.store(data, self.builder.gep(tmp, [I32(0), I32(0)], inbounds=True, source_etype=llty),
                           align=self.layout.align_of(ty))
        self.builder.store(length, self.builder.gep(tmp, [I32(0), I32(1)], inbounds=True, source_etype=llty),
                           align=4)
        return tmp

    def slice_parts(self, value: ir.Value, ty: Type) -> tuple[ir.Value, ir.Value]:
        """(address of the first element, length) of the slice reference held at `value`."""
        mem = mem_of(ty)
        llty = self.layout.llvm_mem_type(ty)
        data = self.builder.load(self.builder.gep(value, [I32(0), I32(0)], inbounds=True, source_etype=llty),
                                 typ=self.layout.pointer_type(mem), align=self.layout.align_of(ty), name="slice.ptr")
        length = self.builder.load(self.builder.gep(value, [I32(0), I32(1)], inbounds=True, source_etype=llty),
                                   typ=I32, align=4, name="slice.len")
        return data, length

    def sequence(self, e: T.TExpr) -> tuple[Place, ir.Value, Type] | None:
        """The place of an array or slice `e`, its length and its element type
        (None if evaluating it diverged)."""
        ty = e.ty
        if not isinstance(ty, (ArrayType, SliceType)):
            raise CodegenError(f"indexing a value of type {ty}")
        base = self.place(e)
        if base is None:
            return None
        if isinstance(ty, SliceType):
            if base.length is None:
                raise CodegenError(f"a place of type {ty} without a length")
            return base, base.length, ty.elem
        if not isinstance(ty.length, int):
            raise CodegenError(f"array length {ty.length} is not a constant")
        return Place(base.ptr, base.mem), I32(ty.length), ty.elem

    def element_place(self, base: Place, elem: Type, index: ir.Value) -> Place:
        """Element `index` (an i32, already checked) of the run at `base`."""
        index = self.index_operand(index, signed=False, mem=base.mem)
        ptr = self.builder.gep(base.ptr, [index], inbounds=True, name="elem",
                               source_etype=self.layout.llvm_mem_type(elem))
        return Place(ptr, base.mem)

    # ----- places
    def slice_element(self, e: T.IndexRef) -> Place | None:
        """`s[i]` on a slice: traps unless i < len."""
        found = self.sequence(e.base)
        if found is None:
            return None
        base, length, elem = found
        index = self.value(e.index)
        if index is None:
            return None
        self.trap_unless(self.builder.icmp_unsigned("<", index, length, name="inbounds"), "idx.ok")
        return self.element_place(base, elem, index)

    def place_RangeIndex(self, e: T.RangeIndex) -> Place | None:
        found = self.sequence(e.base)
        if found is None:
            return None
        base, length, elem = found
        bld = self.builder
        start = I32(0)
        if e.start is not None:
            start = self.value(e.start)
            if start is None:
                return None
        end = length
        if e.end is not None:
            end = self.value(e.end)
            if end is None:
                return None
            if e.inclusive:
                # `..=j`: j < len, so that j + 1 neither overflows nor passes the end
                self.trap_unless(bld.icmp_unsigned("<", end, length, name="end.inbounds"), "range.end.ok")
                end = bld.add(end, I32(1), name="end")
            else:
                self.trap_unless(bld.icmp_unsigned("<=", end, length, name="end.inbounds"), "range.end.ok")
        self.trap_unless(bld.icmp_unsigned("<=", start, end, name="range.ordered"), "range.ok")
        first = self.element_place(base, elem, start)
        return Place(first.ptr, base.mem, bld.sub(end, start, name="range.len"))

    def expr_RangeIndex(self, e: T.RangeIndex) -> None:
        raise CodegenError("a range index used as a value (the checker allows only borrowing or indexing it)")

    def expr_Unsize(self, e: T.Unsize) -> ir.Value | None:
        """`&[T; N]` as `&[T]`: the array's address with length N."""
        ptr = self.value(e.expr)
        if ptr is None:
            return None
        array = e.expr.ty.pointee if isinstance(e.expr.ty, PointerType) else None
        if not isinstance(array, ArrayType) or not isinstance(array.length, int):
            raise CodegenError(f"unsizing {e.expr.ty}")
        return self.make_slice(ptr, I32(array.length), e.ty)
