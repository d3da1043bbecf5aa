"""Places and memory access: loads, stores and copies through a `Place`, the
address of every place expression (locals, statics, `*p`, fields, array
elements with their bounds check), assignment, and aggregates built in
memory (struct and array literals).

A `Place` carries its memory: every load, store and memory intrinsic through
it uses that memory's address space and alias scope, and projections
(fields, elements) keep it.

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from dataclasses import dataclass

from llvmlite import ir

from ..check import tree as T
from ..types import (
    ArrayType, BoolType, FloatType, IntType, PointerType, StructType, TupleType, Type, SliceType, is_slice_ref,
)
from .llvm_ir import I1, I8, I32, CodegenError, diverged, is_aggregate, is_zero_sized_value, mem_of


@dataclass(frozen=True)
class Place:
    """An address in memory `mem`; a place of slice type (`*s`, `a[i..j]`)
    also has its run-time `length` (an i32 element count)."""

    ptr: ir.Value
    mem: int
    length: ir.Value | None = None


#: names of the values loaded from places, so the IR says what was read
_LOAD_NAMES: dict[type, str] = {T.Deref: "deref", T.FieldRef: "field", T.IndexRef: "elem"}


class PlacesAndMemory:
    def load(self, place: Place, ty: Type, name: str = "") -> ir.Value | None:
        """Read a value of type `ty` from `place` (copying aggregates to a temp)."""
        if is_zero_sized_value(ty):
            return None
        if is_aggregate(ty):
            tmp = self.alloca(ty, "agg.tmp")
            self.copy(Place(tmp, 0), place, ty)
            return tmp
        ld = self.builder.load(place.ptr, name=name, align=self.layout.align_of(ty),
                               typ=self.layout.llvm_mem_type(ty))
        self.cg.tag_access(ld, frozenset({place.mem}))
        if isinstance(ty, BoolType):
            return self.builder.trunc(ld, I1)
        return ld

    def store(self, place: Place, ty: Type, value: ir.Value | None) -> None:
        """Write a value of `ty` (an SSA value, or a temp pointer for aggregates)."""
        if is_zero_sized_value(ty) or value is None:
            return
        if is_aggregate(ty):
            self.copy(place, Place(value, 0), ty)
        else:
            self.store_scalar(place, ty, value)

    def store_scalar(self, place: Place, ty: Type, value: ir.Value) -> None:
        if isinstance(ty, BoolType):
            value = self.builder.zext(value, I8)
        st = self.builder.store(value, place.ptr, align=self.layout.align_of(ty))
        self.cg.tag_access(st, frozenset({place.mem}))

    def copy(self, dst: Place, src: Place, ty: Type) -> None:
        """Copy one value of `ty` from `src` to `dst` (memcpy; they may be equal)."""
        size, align = self.layout.size_align(ty)
        if size:
            self.mem_transfer("memcpy", dst, src, self.usize(size), align)

    def mem_transfer(self, kind: str, dst: Place, src: Place, nbytes: ir.Value, align: int,
                     volatile: bool = False) -> None:
        """`llvm.memcpy` / `llvm.memmove` between any two memories (`volatile`: never removed)."""
        dty, sty = dst.ptr.type, src.ptr.type
        name = f"llvm.{kind}.{dty.intrinsic_name}.{sty.intrinsic_name}.{nbytes.type.intrinsic_name}"
        fn = self.cg.intrinsic(name, ir.VoidType(), [dty, sty, nbytes.type, I1])
        call = self.builder.call(fn, [dst.ptr, src.ptr, nbytes, ir.Constant(I1, int(volatile))])
        self._align_args(call, {0: align, 1: align})
        self.cg.tag_access(call, frozenset({dst.mem, src.mem}))

    def mem_set(self, dst: Place, byte: ir.Value, nbytes: ir.Value, align: int) -> None:
        dty = dst.ptr.type
        fn = self.cg.intrinsic(f"llvm.memset.{dty.intrinsic_name}.{nbytes.type.intrinsic_name}",
                               ir.VoidType(), [dty, I8, nbytes.type, I1])
        call = self.builder.call(fn, [dst.ptr, byte, nbytes, ir.Constant(I1, 0)])
        self._align_args(call, {0: align})
        self.cg.tag_access(call, frozenset({dst.mem}))

    @staticmethod
    def _align_args(call: ir.CallInstr, aligns: dict[int, int]) -> None:
        for index, align in aligns.items():
            if align > 1:
                attrs = ir.values.ArgumentAttributes()
                attrs.align = align
                call.arg_attributes[index] = attrs

    # ----- places read as values
    def expr_LocalRef(self, e: T.LocalRef) -> ir.Value | None:
        return self.load(Place(self.slot_for(e.local), 0), e.ty, name=e.local.name)

    def expr_StaticRef(self, e: T.StaticRef) -> ir.Value | None:
        return self.load(self.place_StaticRef(e), e.ty, name=e.static.name)

    def _load_place_expr(self, e: T.TExpr) -> ir.Value | None:
        place = self.place(e)
        if place is None:
            return None
        return self.load(place, e.ty, name=_LOAD_NAMES.get(type(e), "val"))

    expr_Deref = _load_place_expr
    expr_FieldRef = _load_place_expr
    expr_IndexRef = _load_place_expr

    def expr_AddrOf(self, e: T.AddrOf) -> ir.Value | None:
        place = self.place(e.place)
        if place is None:
            return None
        if place.length is not None:  # `&s[i..j]`, `&*s`: a slice reference (slices.py)
            return self.make_slice(place.ptr, place.length, e.ty)
        return place.ptr

    # ----- places
    def place(self, e: T.TExpr) -> Place | None:
        """The address of a place expression; an rvalue is spilled to a temp
        (Rust's temporaries: `&f()` or `f().field`). None if it diverged."""
        method = getattr(self, "place_" + type(e).__name__, None)
        if method is not None:
            return method(e)
        value = self.expr(e)
        if is_aggregate(e.ty):
            return None if value is None else Place(value, 0)
        if diverged(value, e.ty):
            return None
        tmp = self.alloca(e.ty, "tmp")
        self.store(Place(tmp, 0), e.ty, value)
        return Place(tmp, 0)

    def place_LocalRef(self, e: T.LocalRef) -> Place:
        return Place(self.slot_for(e.local), 0)

    def place_StaticRef(self, e: T.StaticRef) -> Place:
        return Place(self.cg.static_address(e.static), e.static.mem)

    def place_Deref(self, e: T.Deref) -> Place | None:
        ptr = self.value(e.ptr)
        if ptr is None:
            return None
        if is_slice_ref(e.ptr.ty):
            data, length = self.slice_parts(ptr, e.ptr.ty)
            return Place(data, mem_of(e.ptr.ty), length)
        return Place(ptr, mem_of(e.ptr.ty))

    def place_FieldRef(self, e: T.FieldRef) -> Place | None:
        base = self.place(e.base)
        if base is None:
            return None
        return self.field_place(base, e.base.ty, e.index)

    def field_place(self, base: Place, ty: Type, index: int) -> Place:
        """Field `index` of the struct or tuple of type `ty` at `base` (same memory)."""
        if isinstance(ty, StructType):
            sdef = self.layout.struct_def(ty.name)
            name = sdef.fields[index][0] if 0 <= index < len(sdef.fields) else str(index)
            if name.isdigit():
                name = f"field{name}"
        elif isinstance(ty, TupleType):
            name = f"elem{index}"
        else:
            raise CodegenError(f"field access on type {ty}")
        ptr = self.builder.gep(base.ptr, [I32(0), I32(index)], inbounds=True, name=name,
                               source_etype=self.layout.llvm_mem_type(ty))
        return Place(ptr, base.mem)

    def place_IndexRef(self, e: T.IndexRef) -> Place | None:
        base_ty = e.base.ty
        if isinstance(base_ty, SliceType):
            return self.slice_element(e)  # (slices.py)
        if not isinstance(base_ty, ArrayType) or not isinstance(base_ty.length, int):
            raise CodegenError(f"indexing a value of type {base_ty}")
        base = self.place(e.base)
        if base is None:
            return None
        index = self.value(e.index)
        if index is None:
            return None
        in_bounds = self.builder.icmp_unsigned("<", index, ir.Constant(index.type, base_ty.length),
                                               name="inbounds")
        self.trap_unless(in_bounds, "idx.ok")
        index = self.index_operand(index, signed=False, mem=base.mem)
        ptr = self.builder.gep(base.ptr, [ir.Constant(index.type, 0), index], inbounds=True,
                               name="elem", source_etype=self.layout.llvm_mem_type(base_ty))
        return Place(ptr, base.mem)

    def index_operand(self, index: ir.Value, signed: bool, mem: int) -> ir.Value:
        """A GEP index for a pointer into `mem`: GEP sign-extends indices to the
        pointer's width, so widen explicitly (zext for unsigned) for memory64."""
        width = self.layout.address_type(mem).width
        if index.type.width < width:
            return self.builder.sext(index, ir.IntType(width)) if signed else \
                self.builder.zext(index, ir.IntType(width))
        if index.type.width > width:
            return self.builder.trunc(index, ir.IntType(width))
        return index

    # ----- assignment
    def expr_Assign(self, e: T.Assign) -> None:
        # Rust evaluates the assigned value first, then the place
        value = self.expr(e.value)
        if diverged(value, e.value.ty):
            return None
        place = self.place(e.place)
        if place is not None:
            self.store(place, e.place.ty, value)
        return None

    # ----- aggregates
    def expr_StructLit(self, e: T.StructLit) -> ir.Value | None:
        """The written fields in the order written, then `..base` (its other fields copied)."""
        assert isinstance(e.ty, StructType)
        tmp = self.alloca(e.ty, "struct.tmp")
        order = e.order if e.order is not None else [i for i, v in enumerate(e.values) if v is not None]
        for index in order:
            fty = e.struct.fields[index][1]
            value = self.expr(e.values[index])
            if diverged(value, fty):
                return None
            self.store(self.field_place(Place(tmp, 0), e.ty, index), fty, value)
        if e.base is not None:
            base = self.place(e.base)
            if base is None:
                return None
            for index, value_expr in enumerate(e.values):
                if value_expr is None:
                    fty = e.struct.fields[index][1]
                    self.copy_value(self.field_place(Place(tmp, 0), e.ty, index),
                                    self.field_place(base, e.base.ty, index), fty)
        return tmp

    def copy_value(self, dst: Place, src: Place, ty: Type) -> None:
        """`*dst = *src` for a value of `ty` (any two memories)."""
        self.store(dst, ty, self.load(src, ty))

    def expr_TupleLit(self, e: T.TupleLit) -> ir.Value | None:
        assert isinstance(e.ty, TupleType)
        tmp = self.alloca(e.ty, "tuple.tmp")
        for index, (elem, ety) in enumerate(zip(e.elems, e.ty.elems)):
            value = self.expr(elem)
            if diverged(value, ety):
                return None
            self.store(self.field_place(Place(tmp, 0), e.ty, index), ety, value)
        return tmp

    def expr_ArrayLit(self, e: T.ArrayLit) -> ir.Value | None:
        assert isinstance(e.ty, ArrayType)
        tmp = self.alloca(e.ty, "array.tmp")
        for index, elem in enumerate(e.elems):
            value = self.expr(elem)
            if diverged(value, e.ty.elem):
                return None
            self.store(Place(self.element_ptr(tmp, e.ty, I32(index)), 0), e.ty.elem, value)
        return tmp

    def element_ptr(self, base: ir.Value, ty: ArrayType, index: ir.Value) -> ir.Value:
        return self.builder.gep(base, [I32(0), index], inbounds=True,
                                source_etype=self.layout.llvm_mem_type(ty))

    def expr_ArrayRepeat(self, e: T.ArrayRepeat) -> ir.Value | None:
        """`[v; n]`: memset when v is a constant byte pattern (zero, any u8 or
        bool), else a fill loop (one loop, not n stores: n may be large)."""
        assert isinstance(e.ty, ArrayType)
        value = self.expr(e.value)
        elem = e.ty.elem
        if diverged(value, elem):
            return None
        tmp = self.alloca(e.ty, "array.tmp")
        size = self.layout.size_of(e.ty)
        if size == 0 or e.count == 0:
            return tmp
        byte = self._splat_byte(value, elem)
        if byte is not None:
            self.mem_set(Place(tmp, 0), ir.Constant(I8, byte), self.usize(size), self.layout.align_of(elem))
            return tmp
        # i = 0; do { a[i] = v; i += 1 } while i != n
        counter = self.raw_alloca(I32, "fill.i", 4)
        self.builder.store(I32(0), counter)
        loop = self.new_block("fill.body")
        end = self.new_block("fill.end")
        self.builder.branch(loop)
        self.builder.position_at_end(loop)
        i = self.builder.load(counter, typ=I32, name="i")
        self.store(Place(self.element_ptr(tmp, e.ty, i), 0), elem, value)
        nxt = self.builder.add(i, I32(1))
        self.builder.store(nxt, counter)
        self.builder.cbranch(self.builder.icmp_unsigned("==", nxt, I32(e.count)), end, loop)
        self.builder.position_at_end(end)
        return tmp

    @staticmethod
    def _splat_byte(value: ir.Value | None, elem: Type) -> int | None:
        """The byte every byte of the element equals, if `value` is such a constant."""
        if not isinstance(value, ir.Constant) or isinstance(value.constant, (list, tuple)):
            return None
        raw = value.constant
        if isinstance(elem, IntType) and isinstance(raw, int):
            pattern = raw & ((1 << elem.bits) - 1)
            byte = pattern & 0xFF
            if all((pattern >> (8 * k)) & 0xFF == byte for k in range(elem.bits // 8)):
                return byte
        if isinstance(elem, BoolType) and isinstance(raw, int):
            return raw & 1
        if isinstance(elem, FloatType) and isinstance(raw, float) and raw == 0.0 and str(raw)[0] != "-":
            return 0
        if isinstance(elem, PointerType) and raw is None:
            return 0
        return None
