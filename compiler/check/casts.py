"""Casts (`expr as T`, `.cast()`, `.cast_mut()`, `.cast_const()`): which
conversions exist, and the memory rules on them: a cast never moves a
pointer into another memory (M0006), neither the pointer itself nor any
pointer inside what it points to (`types.pointee_memory_change`; checked
once the body's types are known, and again per instance in mono); the
explicit integer round trip is the only crossing. A cast never narrows a
64-bit memory's address (M0010).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import (
    ArrayType, BoolType, EnumType, FloatType, FnType, IntType, MemoryChange, PointerType, StructType, TupleType, Type,
    UnitType, is_slice_ref, mentions_error, pointee_memory_change,
)
from . import tree as t
from .coercion import quiet
from .infer import TyVar


class CastRules:
    def expr_Cast(self, e: ast.Cast, expected: Type | None) -> t.TExpr:
        target = self.items.resolve_type(e.ty, self.generics)
        hint = target if isinstance(target, (IntType, FloatType)) else None
        inner = self.unsize(self.expr(e.expr, None), target)  # `&a as &[T]` (slices.py)
        src = self.infer.shallow(inner.ty)
        if isinstance(src, TyVar) and hint is not None and (
                (src.kind == "int" and isinstance(hint, IntType)) or
                (src.kind == "float" and isinstance(hint, FloatType))):
            self.infer.unify(src, hint)
            src = hint
        self.check_cast(e, self.infer.resolve(src), target)
        return self.new_node(t.Cast(e.span, target, inner))

    def check_cast(self, e: ast.Cast, src: Type, dst: Type) -> None:
        numeric = (IntType, FloatType)
        if quiet(src) or quiet(dst) or src == dst:
            return
        if isinstance(src, TyVar):
            if src.kind == "any":
                self.error(msg.ANNOTATIONS_NEEDED(), e.expr.span, msg.LABEL_CANNOT_INFER_CAST)
                return
            src = self.infer.default(src)
        if isinstance(src, numeric) and isinstance(dst, numeric):
            return
        if isinstance(src, BoolType) and isinstance(dst, IntType):
            return
        if isinstance(src, FnType) and (isinstance(dst, IntType) or isinstance(dst, PointerType) and not dst.is_ref
                                        and not is_slice_ref(dst)):
            return  # the function's index in its table, as an integer or an address (as Rust allows)
        if is_slice_ref(src) or is_slice_ref(dst):
            if not (is_slice_ref(src) and is_slice_ref(dst)):
                self.error(msg.INVALID_CAST(src=src, dst=dst), e.span).with_help(msg.HELP_SLICE_CAST)
                return
            if self.infer.unify(dst.pointee, src.pointee) is not None:  # type: ignore[union-attr]
                self.error(msg.NON_PRIMITIVE_CAST(src=src, dst=dst), e.span).with_help(msg.HELP_SLICE_CAST)
                return
            # (a slice reference to another: the pointer rules below, memory and mutability)
        if isinstance(src, PointerType) and isinstance(dst, IntType):
            mem = self.infer.mem(src.mem)
            if isinstance(mem, int) and mem in self.memories and self.memories[mem].memory64 and dst.bits < 64:
                self.error(msg.POINTER64_NARROWED(mem=mem, ty=dst), e.span, msg.LABEL_DROPS_UPPER_BITS).with_help(
                    msg.HELP_CAST_U64)
            return
        if isinstance(src, IntType) and isinstance(dst, PointerType):
            if dst.is_ref:
                self.error(msg.INVALID_CAST(src=src, dst=dst), e.span).with_help(msg.HELP_INT_TO_REF)
            return
        if isinstance(src, PointerType) and isinstance(dst, PointerType):
            sm, dm = self.infer.mem(src.mem), self.infer.mem(dst.mem)
            if not self.infer.known_different(sm, dm):
                self.infer.unify_mem(sm, dm)  # `null() as #[mem_idx(1)] *const T` decides null's memory
            else:
                raw = PointerType(dst.pointee, dst.mutable, dst.mem, False)
                self.error(msg.CAST_MEMORIES(src=sm, dst=dm), e.span, msg.LABEL_CAST.format(src=src, dst=dst)).with_note(
                    msg.NOTE_DISJOINT_MEMORIES).with_help(msg.HELP_CAST_ROUND_TRIP.format(raw=raw))
                return
            if src.is_ref and not src.mutable and dst.mutable:
                self.error(msg.INVALID_CAST(src=src, dst=dst), e.span).with_help(msg.HELP_SHARED_TO_MUT)
                return
            if dst.is_ref and not src.is_ref:
                self.error(msg.INVALID_CAST(src=src, dst=dst), e.span).with_help(msg.HELP_RAW_TO_REF)
            return
        if mentions_error(src) or mentions_error(dst):  # reported where the error type arose
            return
        if isinstance(src, EnumType) and not isinstance(dst, (StructType, ArrayType, UnitType, TupleType, EnumType)):
            enum = self.items.enums.get(src.name)
            if enum is not None and enum.fieldless:
                if not isinstance(dst, IntType):  # a discriminant is an integer, nothing else
                    self.error(msg.INVALID_CAST(src=src, dst=dst), e.span)
                return
            self.error(msg.NON_PRIMITIVE_CAST(src=src, dst=dst), e.span).with_note(msg.NOTE_ENUM_CAST)
            return
        if isinstance(dst, (StructType, ArrayType, UnitType, TupleType, EnumType)) or \
                isinstance(src, (StructType, ArrayType, TupleType, EnumType)):
            self.error(msg.NON_PRIMITIVE_CAST(src=src, dst=dst), e.span)
            return
        self.error(msg.INVALID_CAST(src=src, dst=dst), e.span)

    def check_cast_pointees(self, node: t.Cast) -> None:
        """The memory rule inside the pointee of a pointer cast, on the body's
        final types (an inferred pointee may become a far pointer late)."""
        src, dst = self.infer.resolve(node.expr.ty), self.infer.resolve(node.ty)
        if not (isinstance(src, PointerType) and isinstance(dst, PointerType)):
            return
        change = pointee_memory_change(src.pointee, dst.pointee, self.struct_fields)
        if isinstance(change, MemoryChange):
            raw = PointerType(change.dst.pointee, change.dst.mutable, change.dst.mem, False)
            self.error(msg.INNER_CAST_MEMORIES(src=change.src.mem, dst=change.dst.mem), node.span,
                       msg.LABEL_READ_AS.format(src=change.src, dst=change.dst)).with_note(
                msg.NOTE_INNER_CASTS).with_help(msg.HELP_INNER_ROUND_TRIP.format(raw=raw))

    def struct_fields(self, ty: Type) -> list[Type]:
        """The types stored in a value of struct or enum type `ty` (`pointee_memory_change`)."""
        return t.stored_types(self.items.structs, self.items.enums, self.infer.resolve(ty))
