"""Casts (`expr as T`): which conversions exist, and the memory rules on
them: a cast never moves a pointer into another memory (M0006; the explicit
integer round trip is the only crossing) and never narrows a 64-bit memory's
address (M0010).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import ArrayType, BoolType, FloatType, IntType, PointerType, StructType, Type, UnitType
from . import tree as t
from .coercion import quiet
from .infer import TyVar


class CastRules:
    def expr_Cast(self, e: ast.Cast, expected: Type | None) -> t.TExpr:
        target = self.items.resolve_type(e.ty, self.generics)
        hint = target if isinstance(target, (IntType, FloatType)) else None
        inner = self.expr(e.expr, None)
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
            if sm != dm:
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
        if isinstance(dst, (StructType, ArrayType, UnitType)) or isinstance(src, (StructType, ArrayType)):
            self.error(msg.NON_PRIMITIVE_CAST(src=src, dst=dst), e.span)
            return
        self.error(msg.INVALID_CAST(src=src, dst=dst), e.span)
