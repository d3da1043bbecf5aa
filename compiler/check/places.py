"""Places (values with an address) and names: paths to locals, statics and
consts, dereference, `&` / `&raw`, field access, indexing, assignment and
what makes a place writable.

A place's memory is that of its root (memory 0 for locals, the static's
memory, the pointer's memory for `*p`); projections keep it (`place_mem`).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import (
    ArrayType, BoolType, ConstParam, FloatType, IntType, PointerType, StructType, Type, UnitType, ERROR, UNIT, USIZE,
)
from . import tree as t
from . import unsupported
from .coercion import ASSIGN, OTHER, STORE, quiet
from .intrinsics import BUILTIN_FNS


def is_place(node: t.TExpr) -> bool:
    if isinstance(node, (t.LocalRef, t.StaticRef, t.Deref)):
        return True
    if isinstance(node, (t.FieldRef, t.IndexRef)):
        return is_place(node.base)
    return False


class PlaceRules:
    # ----- names
    def expr_Path(self, e: ast.Path, expected: Type | None) -> t.TExpr:
        if self.items.unchecked_names and self.items.is_unchecked_path(e) and self.lookup_local(e.name) is None:
            # an item that was reported as not supported yet where it was declared
            return t.UnitConst(e.span, ERROR)
        if unsupported.is_associated_path(e, self.is_type_name):
            return self.unsupported(unsupported.ASSOCIATED_PATHS, e.span)
        name = e.name
        if len(e.segments) == 1 and not e.generic_args:
            local = self.lookup_local(name)
            if local is not None:
                return self.new_node(t.LocalRef(e.span, local.ty, local))
            if name in self.generics.const_params:
                return t.ConstParamRef(e.span, USIZE, ConstParam(name))
        if name in self.items.consts and len(e.segments) == 1:
            return self.const_ref(e, name)
        if name in self.items.statics and len(e.segments) == 1:
            static = self.items.statics[name]
            if static.mutable:
                self.require_unsafe(e.span, msg.WHAT_MUTABLE_STATIC, msg.NOTE_MUTABLE_STATIC_UNSAFE)
            return t.StaticRef(e.span, static.ty, static)
        decl = self.items.struct_decls.get(name)
        if decl is not None and decl.kind == "unit" and len(e.segments) == 1:
            return self.unsupported(unsupported.UNIT_STRUCTS, e.span)
        if name in self.items.fns or name in BUILTIN_FNS:
            self.error(msg.FUNCTION_VALUE(name=name), e.span, msg.LABEL_CALL_IT.format(name=name))
            return t.UnitConst(e.span, ERROR)
        self.error(msg.UNKNOWN_VALUE(path="::".join(e.segments)), e.span, msg.LABEL_NOT_IN_SCOPE)
        return t.UnitConst(e.span, ERROR)

    def const_ref(self, e: ast.Path, name: str) -> t.TExpr:
        ty = self.items.const_type(name)
        value = self.items.const_value(name)
        if isinstance(ty, IntType) or isinstance(ty, PointerType):
            return t.IntConst(e.span, ty, int(value or 0))
        if isinstance(ty, FloatType):
            return t.FloatConst(e.span, ty, float(value or 0.0))
        if isinstance(ty, BoolType):
            return t.BoolConst(e.span, ty, bool(value))
        if isinstance(ty, UnitType):
            return t.UnitConst(e.span, ty)
        return t.AggregateConst(e.span, ty, value)

    # ----- dereference and borrows
    def deref(self, e: ast.Unary) -> t.TExpr:
        ptr = self.expr(e.operand)
        ty = self.infer.shallow(ptr.ty)
        if not isinstance(ty, PointerType):
            if not quiet(ty):
                self.error(msg.CANNOT_DEREF(ty=self.show(ty)), e.span)
            return t.UnitConst(e.span, ERROR)
        if not ty.is_ref:
            self.require_unsafe(e.span, msg.WHAT_RAW_DEREF, msg.NOTE_RAW_POINTERS_UNSAFE)
        self.require_declared(ty.mem, e.span, msg.WHAT_DEREFERENCE)
        return self.new_node(t.Deref(e.span, ty.pointee, ptr))

    def expr_AddrOf(self, e: ast.AddrOf, expected: Type | None) -> t.TExpr:
        exp = self.infer.shallow(expected) if expected is not None else None
        hint = exp.pointee if isinstance(exp, PointerType) else None
        operand = self.raw_place(e.operand, hint) if e.raw else self.expr(e.operand, hint)
        if not is_place(operand):
            # a temporary: give it a stack slot, as Rust's temporaries get
            tmp = self.new_local("_tmp", operand.ty, True, e.span)
            ref = self.new_node(t.LocalRef(e.span, operand.ty, tmp))
            addr = self.new_node(t.AddrOf(e.span, PointerType(operand.ty, e.mutable, 0, not e.raw), ref))
            return self.new_node(t.Block(e.span, addr.ty, [t.Let(e.span, tmp, operand)], addr))
        if e.mutable:
            why = self.immutability(operand)
            if why is not None:
                self.error(msg.BORROW_IMMUTABLE(what=why), e.span, msg.LABEL_CANNOT_BORROW_MUT)
        ty = PointerType(operand.ty, e.mutable, self.place_mem(operand), not e.raw)
        return self.new_node(t.AddrOf(e.span, ty, operand))

    def raw_place(self, e: ast.Expr, hint: Type | None) -> t.TExpr:
        """The operand of `&raw const` / `&raw mut`. As in Rust, a place rooted
        in a `static mut` needs no `unsafe` here: only reading or writing the
        static does (an index or a reference on the way still reads)."""
        if isinstance(e, ast.Path) and len(e.segments) == 1 and not e.generic_args \
                and self.lookup_local(e.name) is None and e.name in self.items.statics:
            static = self.items.statics[e.name]
            return t.StaticRef(e.span, static.ty, static)
        if isinstance(e, (ast.FieldAccess, ast.Index)):
            base = self.raw_place(e.base, None)
            if isinstance(base, t.StaticRef) and base.static.mutable and self.is_reference(base.ty):
                # the projection reads the reference stored in the static
                self.require_unsafe(e.base.span, msg.WHAT_MUTABLE_STATIC, msg.NOTE_MUTABLE_STATIC_UNSAFE)
            return self.field_of(e, base) if isinstance(e, ast.FieldAccess) else self.index_of(e, base)
        return self.expr(e, hint)

    def is_reference(self, ty: Type) -> bool:
        ty = self.infer.shallow(ty)
        return isinstance(ty, PointerType) and ty.is_ref

    # ----- projections
    def expr_FieldAccess(self, e: ast.FieldAccess, expected: Type | None) -> t.TExpr:
        return self.field_of(e, self.expr(e.base))

    def field_of(self, e: ast.FieldAccess, base: t.TExpr) -> t.TExpr:
        """`base.name`, references auto-dereferenced."""
        base = self.auto_deref(base)
        ty = self.infer.shallow(base.ty)
        if isinstance(ty, StructType):
            struct = self.items.structs[ty.name]
            index = struct.field_index(e.name)
            if index is not None:
                return self.new_node(t.FieldRef(e.span, struct.fields[index][1], base, index))
            d = self.error(msg.NO_FIELD(name=e.name, ty=ty), e.span, msg.LABEL_UNKNOWN_FIELD)
            d.with_note(msg.NOTE_AVAILABLE_FIELDS.format(fields=", ".join(f"`{n}`" for n, _ in struct.fields)))
        elif isinstance(ty, PointerType):
            self.error(msg.NO_FIELD(name=e.name, ty=ty), e.span).with_help(msg.HELP_NO_AUTO_DEREF.format(name=e.name))
        elif not quiet(ty):
            self.error(msg.NO_FIELD(name=e.name, ty=self.show(ty)), e.span)
        return t.UnitConst(e.span, ERROR)

    def auto_deref(self, node: t.TExpr) -> t.TExpr:
        """References (not raw pointers) are dereferenced for field access and indexing."""
        while self.is_reference(node.ty):
            node = self.deref_reference(node)
        return node

    def deref_reference(self, node: t.TExpr) -> t.TExpr:
        """`*node` for a reference `node`, inserted where Rust dereferences
        implicitly (auto-deref; operators on references)."""
        ty = self.infer.shallow(node.ty)
        assert isinstance(ty, PointerType) and ty.is_ref, ty
        self.require_declared(ty.mem, node.span, msg.WHAT_DEREFERENCE)
        return self.new_node(t.Deref(node.span, ty.pointee, node))

    def expr_Index(self, e: ast.Index, expected: Type | None) -> t.TExpr:
        return self.index_of(e, self.expr(e.base))

    def index_of(self, e: ast.Index, base: t.TExpr) -> t.TExpr:
        """`base[index]`, references auto-dereferenced; the index is a usize."""
        base = self.auto_deref(base)
        index = self.coerced(e.index, USIZE, OTHER)
        ty = self.infer.shallow(base.ty)
        if isinstance(ty, ArrayType):
            return self.new_node(t.IndexRef(e.span, ty.elem, base, index))
        if isinstance(ty, PointerType):
            self.error(msg.CANNOT_INDEX(ty=ty), e.span).with_help(msg.HELP_INDEX_POINTER)
        elif not quiet(ty):
            self.error(msg.CANNOT_INDEX(ty=self.show(ty)), e.span)
        return t.UnitConst(e.span, ERROR)

    # ----- assignment
    def expr_Assign(self, e: ast.Assign, expected: Type | None) -> t.TExpr:
        place = self.assignable(e.target, e)
        if place is None:
            self.expr(e.value)
            return t.UnitConst(e.span, UNIT)
        ctx = STORE if isinstance(place, (t.FieldRef, t.IndexRef)) else ASSIGN
        value = self.coerced(e.value, place.ty, ctx)
        return t.Assign(e.span, UNIT, place, value)

    def assignable(self, target: ast.Expr, e) -> t.TExpr | None:
        place = self.expr(target)
        if quiet(place.ty) and isinstance(place, t.UnitConst):
            return None
        if not is_place(place):
            self.error(msg.INVALID_ASSIGN_TARGET(), target.span, msg.LABEL_CANNOT_ASSIGN_EXPR)
            return None
        why = self.immutability(place)
        if why is not None:
            message = msg.ASSIGN_IMMUTABLE_LOCAL if isinstance(place, t.LocalRef) else msg.ASSIGN_IMMUTABLE
            d = self.error(message(what=why), e.span, msg.LABEL_CANNOT_ASSIGN)
            if isinstance(place, t.LocalRef):
                d.with_help(msg.HELP_MAKE_MUTABLE.format(name=place.local.name))
            return None
        return place

    def immutability(self, place: t.TExpr) -> str | None:
        """Why `place` cannot be written, or None if it can."""
        if isinstance(place, t.LocalRef):
            return None if place.local.mutable else msg.WHY_IMMUTABLE_LOCAL.format(name=place.local.name)
        if isinstance(place, t.StaticRef):
            return None if place.static.mutable else msg.WHY_IMMUTABLE_STATIC.format(name=place.static.name)
        if isinstance(place, t.Deref):
            ty = self.infer.shallow(place.ptr.ty)
            if isinstance(ty, PointerType) and not ty.mutable:
                return msg.WHY_BEHIND_POINTER.format(pointer="&" if ty.is_ref else "*const")
            return None
        if isinstance(place, (t.FieldRef, t.IndexRef)):
            return self.immutability(place.base)
        return msg.WHY_TEMPORARY

    def place_mem(self, place: t.TExpr) -> object:
        """The memory a place lives in: projections keep their base's memory."""
        if isinstance(place, t.StaticRef):
            return place.static.mem
        if isinstance(place, t.Deref):
            ty = self.infer.shallow(place.ptr.ty)
            return ty.mem if isinstance(ty, PointerType) else 0
        if isinstance(place, (t.FieldRef, t.IndexRef)):
            return self.place_mem(place.base)
        return 0
