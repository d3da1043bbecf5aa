"""Places (values with an address) and names: paths to locals, statics and
consts, dereference, `&` / `&raw`, field access, indexing, assignment and
what makes a place writable.

A place's memory is that of its root (memory 0 for locals, the static's
memory, the pointer's memory for `*p`); projections keep it (`place_mem`).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..source import Span
from ..syntax import ast
from ..types import (
    ArrayType, BoolType, ConstParam, FloatType, FnType, IntType, PointerType, PRIMITIVES, SliceType, StructType, Type,
    TypeParam, UnitType, ERROR, UNIT, USIZE,
)
from . import tree as t
from .suggest import suggest_similar
from . import unsupported
from .coercion import ASSIGN, OTHER, STORE, failed, quiet
from ..consteval import constant_node
from .intrinsics import BUILTIN_FNS
from ..selection import INDEX
from .resolve import TYPE_NS, VALUE_NS, Binding, PathResolution


def is_place(node: t.TExpr) -> bool:
    if isinstance(node, (t.LocalRef, t.StaticRef, t.Deref)):
        return True
    if isinstance(node, (t.FieldRef, t.IndexRef, t.RangeIndex)):
        return is_place(node.base)
    return False


class PlaceRules:
    # ----- names
    def expr_Path(self, e: ast.Path, expected: Type | None) -> t.TExpr:
        name = e.name
        if len(e.segments) == 1 and not e.generic_args and e.qself is None:
            local = self.lookup_local(name)
            if local is not None:
                return self.new_node(t.LocalRef(e.span, local.ty, local))
            capture = self.captured(name, e.span)  # (in a closure: a local of the function around it)
            if capture is not None:
                return capture
            if name in self.generics.const_params:
                return t.ConstParamRef(e.span, self.generics.const_type(name), ConstParam(name))
        target = self.value_target(e, "value")
        if target is None:
            return t.UnitConst(e.span, ERROR)
        if isinstance(target, PathResolution):  # `Self::CAP`, `u32::MAX`, `<T as Shape>::SIDES`
            return self.associated_value(e, target if target.type_prefix else None)
        if target.kind == "const":
            return self.const_ref(e, target.key)
        if target.kind == "static":
            static = self.items.static(target.key)
            if static is None:  # (a cycle, reported)
                return t.UnitConst(e.span, ERROR)
            if static.passive:
                return self.passive_static_used(static, e.span)
            if static.mutable:
                self.require_unsafe(e.span, msg.WHAT_MUTABLE_STATIC, msg.NOTE_MUTABLE_STATIC_UNSAFE)
            return t.StaticRef(e.span, static.ty, static)
        if target.kind == "variant":
            return self.variant_value(e, e, target, expected)
        if target.kind == "ctor":
            return self.struct_constructor(e, e, target.key, None)
        if target.kind == "fn":
            return self.fn_value(e, self.items.fns[target.key], expected)  # (fnptrs.py)
        if target.kind == "builtin":
            self.error(msg.BUILTIN_VALUE(name=name), e.span).with_help(msg.HELP_WRAP_BUILTIN.format(name=name))
        return t.UnitConst(e.span, ERROR)

    def value_target(self, path: ast.Path, what: str) -> Binding | PathResolution | None:
        """The item a value path names (`what`: "value" or "function", for
        messages): a `resolve.Binding`, kind "builtin" for one of farc's
        built-in functions by its bare name; the `PathResolution` of a
        type-relative path (`Circle::new`; `type_prefix` false for `<T as
        Tr>::f`), whose associated item `methods.py` finds; None after
        reporting (or for an item that is not checked yet, reported where it
        is declared)."""
        if path.qself is not None:
            return PathResolution(None, path.segments)
        if path.prefix_args:
            variant = self.variant_binding(path)  # `Maybe::<u8>::None` (variants.py)
            if variant is not None:
                return variant
        if len(path.segments) == 1 and path.name == "self" and self.lookup_local("self") is None:
            self.error(msg.SELF_VALUE_OUTSIDE(), path.span)
            return None
        r = self.items.lookup(path.segments, VALUE_NS, self.generics, path.span)
        if r is None:
            return None
        if r.type_prefix:
            if r.binding is not None and r.binding.kind == "alias" and len(r.rest) == 1:
                variant = self.alias_variant(r.binding.key, r.rest[0])  # `Alias::Some` (variants.py)
                if variant is not None:
                    return variant
            if r.binding is not None and r.binding.kind not in ("struct", "enum", "trait", "alias"):
                if r.binding.kind != "unchecked":
                    self.error(msg.EXPECTED_TYPE(kind=r.binding.word, name=r.first), path.span,
                               msg.LABEL_NOT_A_TYPE)
                return None
            return r
        b = r.binding
        if b is not None:
            return None if b.kind == "unchecked" else b
        if len(path.segments) == 1 and path.name in BUILTIN_FNS:
            return Binding("builtin", path.name, None, None)
        other = self.items.lookup(path.segments, TYPE_NS, self.generics, path.span, quiet=True)
        if other is not None and other.binding is not None and not other.type_prefix:
            if other.binding.kind != "unchecked":
                self.error(msg.EXPECTED_VALUE(kind=other.binding.word, name="::".join(path.segments)), path.span,
                           msg.LABEL_NOT_A_VALUE)
            return None
        self.items.not_found(path.segments, r, what, path.span, self.generics,
                             tuple(name for scope in self.scopes for name in scope))
        return None

    def const_ref(self, e: ast.Path, key: str) -> t.TExpr:
        value = self.items.const_value(key)
        if self.items.const_failed(key):  # (its placeholder value must not reach an evaluation)
            return t.UnitConst(e.span, ERROR)
        return constant_node(e.span, self.items.const_type(key), value)

    def constant_node(self, span, ty: Type, value: t.ConstVal) -> t.TExpr:
        return constant_node(span, ty, value)

    is_place = staticmethod(is_place)

    # ----- dereference and borrows
    def deref(self, e: ast.Unary) -> t.TExpr:
        ptr = self.expr(e.operand)
        ty = self.infer.shallow(ptr.ty)
        if not isinstance(ty, PointerType):
            if not failed(ty):
                self.error(msg.CANNOT_DEREF(ty=self.show(ty)), e.span)
            return t.UnitConst(e.span, ERROR)
        if not ty.is_ref:
            self.require_unsafe(e.span, msg.WHAT_RAW_DEREF, msg.NOTE_RAW_POINTERS_UNSAFE)
        if not isinstance(self.infer.shallow(ty.pointee), SliceType):  # (`&*s` reads nothing)
            self.require_declared(ty.mem, e.span, msg.WHAT_DEREFERENCE)
        return self.new_node(t.Deref(e.span, ty.pointee, ptr))

    def expr_AddrOf(self, e: ast.AddrOf, expected: Type | None) -> t.TExpr:
        exp = self.infer.shallow(expected) if expected is not None else None
        hint = exp.pointee if isinstance(exp, PointerType) else None
        operand = self.raw_place(e.operand, hint) if e.raw else self.expr(e.operand, hint)
        return self.borrow(operand, e.mutable, not e.raw, e.span)

    def borrow(self, operand: t.TExpr, mutable: bool, is_ref: bool, span) -> t.TExpr:
        """`&operand` (`&mut`, `&raw const`, `&raw mut`): a pointer into the
        place's memory; a value that is not a place is put in a temporary first."""
        unsized = isinstance(self.infer.shallow(operand.ty), SliceType)
        if not is_place(operand) and not unsized:  # (a range of a temporary: codegen spills the temporary)
            # a temporary: give it a stack slot, as Rust's temporaries get
            tmp = self.new_local("_tmp", operand.ty, True, span)
            ref = self.new_node(t.LocalRef(span, operand.ty, tmp))
            addr = self.new_node(t.AddrOf(span, PointerType(operand.ty, mutable, 0, is_ref), ref))
            return self.new_node(t.Block(span, addr.ty, [t.Let(span, tmp, operand)], addr))
        if mutable:
            why = self.immutability(operand)
            if why is not None:
                self.error(msg.BORROW_IMMUTABLE(what=why), span, msg.LABEL_CANNOT_BORROW_MUT)
        if not is_ref and unsized:
            return self.unsupported(unsupported.RAW_SLICE_POINTERS, span)
        ty = PointerType(operand.ty, mutable, self.place_mem(operand), is_ref)
        return self.new_node(t.AddrOf(span, ty, operand))

    def passive_static_used(self, static: t.StaticDef, span) -> t.TExpr:
        """M0017: a `#[passive]` static has no address and no value in any memory."""
        self.error(msg.PASSIVE_STATIC_USED(name=static.name), span, msg.LABEL_PASSIVE_STATIC).with_help(
            msg.HELP_MEMORY_INIT.format(name=static.name))
        return t.UnitConst(span, ERROR)

    def raw_place(self, e: ast.Expr, hint: Type | None) -> t.TExpr:
        """The operand of `&raw const` / `&raw mut`. As in Rust, a place rooted
        in a `static mut` needs no `unsafe` here: only reading or writing the
        static does (an index or a reference on the way still reads)."""
        if isinstance(e, ast.Path) and len(e.segments) == 1 and not e.generic_args \
                and self.lookup_local(e.name) is None:
            key = self.items.value_key(e.name, "static", self.generics)
            if key is not None:
                static = self.items.static(key)
                if static is None:  # (a cycle, reported)
                    return t.UnitConst(e.span, ERROR)
                if static.passive:
                    return self.passive_static_used(static, e.span)
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
                if not self.field_visible(ty.name, index):
                    self.error(msg.PRIVATE_FIELD(name=e.name, ty=ty), e.span, msg.LABEL_PRIVATE_FIELD)
                return self.new_node(t.FieldRef(e.span, struct.field_types(ty)[index], base, index))
            name_span = Span(e.span.file, e.span.end - len(e.name), e.span.end)  # `.name` ends the access
            d = self.error(msg.NO_FIELD(name=e.name, ty=ty), name_span, msg.LABEL_UNKNOWN_FIELD)
            suggest_similar(d, name_span, e.name, {"a field": [n for n, _ in struct.fields]})
            if not d.suggestions:
                d.with_note(msg.available_fields([n for n, _ in struct.fields]))
        elif isinstance(ty, PointerType):
            self.error(msg.NO_FIELD(name=e.name, ty=ty), e.span).with_help(msg.HELP_NO_AUTO_DEREF.format(name=e.name))
        elif not failed(ty):
            self.error(msg.NO_FIELD(name=e.name, ty=self.show(ty)), e.span)
        return t.UnitConst(e.span, ERROR)

    def field_visible(self, key: str, index: int) -> bool:
        """Whether field `index` of struct `key` is visible where this body is."""
        visibility = self.items.field_vis.get(key)
        if visibility is None or index >= len(visibility):
            return True
        vis = visibility[index]
        return vis is None or self.items.scope_module(self.generics).within(vis)

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
        if not isinstance(self.infer.shallow(ty.pointee), SliceType):  # (a slice's place is not read: its elements are)
            self.require_declared(ty.mem, node.span, msg.WHAT_DEREFERENCE)
        return self.new_node(t.Deref(node.span, ty.pointee, node))

    def expr_Index(self, e: ast.Index, expected: Type | None) -> t.TExpr:
        return self.index_of(e, self.expr(e.base))

    def index_of(self, e: ast.Index, base: t.TExpr) -> t.TExpr:
        """`base[index]`, references auto-dereferenced; the index is a usize."""
        base = self.auto_deref(base)
        if isinstance(e.index, ast.Range):
            return self.range_index(e, base)  # (slices.py)
        ty = self.infer.shallow(base.ty)
        if isinstance(ty, (StructType, TypeParam)):  # `*Index::index(&base, index)`: a place where it points
            index = self.expr(e.index)
            ref = self.operator_call(e, INDEX, "index", [self.borrow_operand(base, e.base.span), index], index.ty,
                                     "[]")
            rty = self.infer.shallow(ref.ty)
            if not isinstance(rty, PointerType):
                return ref
            self.require_declared(rty.mem, e.span, msg.WHAT_DEREFERENCE)
            return self.new_node(t.Deref(e.span, rty.pointee, ref))
        index = self.coerced(e.index, USIZE, OTHER)
        if isinstance(ty, SliceType):  # the element is read or written in the slice's memory
            self.require_declared(self.place_mem(base), e.span, msg.WHAT_ELEMENT_ACCESS)
        if isinstance(ty, (ArrayType, SliceType)):
            return self.new_node(t.IndexRef(e.span, ty.elem, base, index))
        if isinstance(ty, PointerType):
            self.error(msg.CANNOT_INDEX(ty=ty), e.span).with_help(msg.HELP_INDEX_POINTER)
        elif not failed(ty):
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
        if why is not None and isinstance(e, ast.Assign) and isinstance(place, t.LocalRef) and place.local.assign_once:
            why = None  # (`let x; x = value`: its value, given once; init.py checks the "once")
        if why is not None:
            message = msg.ASSIGN_IMMUTABLE_LOCAL if isinstance(place, t.LocalRef) else msg.ASSIGN_IMMUTABLE
            d = self.error(message(what=why), e.span, msg.LABEL_CANNOT_ASSIGN)
            if isinstance(place, t.LocalRef):
                d.with_help(msg.HELP_MAKE_MUTABLE.format(name=place.local.name))
            return None
        return place

    def immutability(self, place: t.TExpr) -> str | None:
        """Why `place` cannot be written, or None if it can."""
        captured = self.capture_immutability(place)  # (a variable a closure captures: as the variable)
        if captured is not False:
            return captured  # type: ignore[return-value]
        if isinstance(place, t.LocalRef):
            return None if place.local.mutable else msg.WHY_IMMUTABLE_LOCAL.format(name=place.local.name)
        if isinstance(place, t.StaticRef):
            return None if place.static.mutable else msg.WHY_IMMUTABLE_STATIC.format(name=place.static.name)
        if isinstance(place, t.Deref):
            ty = self.infer.shallow(place.ptr.ty)
            if isinstance(ty, PointerType) and not ty.mutable:
                return msg.WHY_BEHIND_POINTER.format(pointer="&" if ty.is_ref else "*const")
            return None
        if isinstance(place, (t.FieldRef, t.IndexRef, t.RangeIndex)):
            return self.immutability(place.base)
        return msg.WHY_TEMPORARY

    def place_mem(self, place: t.TExpr) -> object:
        """The memory a place lives in: projections keep their base's memory."""
        if isinstance(place, t.StaticRef):
            return place.static.mem
        if isinstance(place, t.Deref):
            ty = self.infer.shallow(place.ptr.ty)
            return ty.mem if isinstance(ty, PointerType) else 0
        if isinstance(place, (t.FieldRef, t.IndexRef, t.RangeIndex)):
            return self.place_mem(place.base)
        return 0
