"""Enum values: building them (`VariantLit`), and the places of their tag and
of their variants' fields (codegen.layout.EnumLayout says where each is).

An enum value is an aggregate like a struct (a pointer to a memory-0
temporary holding it). Building one stores the tag and the fields of its
variant; the other bytes of the payload are left as they are, and nothing
reads them: a pattern reads a variant's fields only after testing the tag.

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from ..types import EnumType, IntType
from .llvm_ir import I8, I32, CodegenError, diverged
from .places import Place


class EnumValues:
    def expr_VariantLit(self, e: T.VariantLit) -> ir.Value | None:
        ty = e.ty
        if not isinstance(ty, EnumType):
            raise CodegenError(f"enum value of type {ty}")
        lay = self.layout.enum_layout(ty)
        values: list[ir.Value | None] = [None] * len(e.values)
        for index in (e.order if e.order is not None else range(len(e.values))):  # in the order written
            value = self.expr(e.values[index])
            if diverged(value, e.values[index].ty):
                return None
            values[index] = value
        tmp = self.alloca(ty, "enum.tmp")
        base = Place(tmp, 0)
        self.store_scalar(self.tag_place(base), lay.tag, self.const_int(ir.IntType(lay.tag.bits),
                                                                         e.enum.variants[e.variant].discriminant))
        for index, value in enumerate(values):
            self.store(self.variant_field_place(base, ty, e.variant, index), lay.field_types[e.variant][index], value)
        return tmp

    def tag_place(self, base: Place) -> Place:
        """The tag of the enum value at `base`: its first bytes."""
        return base

    def load_tag(self, base: Place, ty: EnumType) -> ir.Value:
        return self.load(self.tag_place(base), self.layout.enum_layout(ty).tag, name="tag")

    def variant_field_place(self, base: Place, ty: EnumType, variant: int, index: int) -> Place:
        """Field `index` of variant `variant` of the enum value at `base` (same memory)."""
        offset = self.layout.enum_layout(ty).field_offsets[variant][index]
        ptr = self.builder.gep(base.ptr, [I32(offset)], inbounds=True, name="payload", source_etype=I8)
        return Place(ptr, base.mem)

    def enum_discriminant(self, value: ir.Value, ty: EnumType, target: IntType) -> ir.Value:
        """`value as target` for a fieldless enum: its discriminant, which the tag
        holds exactly (so resizing by the tag's signedness is Rust's cast)."""
        tag = self.load_tag(Place(value, 0), ty)
        return self.int_resize(tag, self.layout.enum_layout(ty).tag.signed, ir.IntType(target.bits))
