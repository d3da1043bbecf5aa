"""Values written out in the source: number, `bool` and `()` literals, struct
and array literals. Unsuffixed number literals take their type from the
expected type or become inference variables (defaulting to i32 / f64 at the
end of the body, as in Rust).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from fractions import Fraction

from .. import messages as msg
from ..source import Span
from ..syntax import ast
from ..types import ArrayType, ConstParam, FloatType, IntType, StructType, Type, BOOL, ERROR, INTS, UNIT, F32, F64
from . import aliases
from . import tree as t
from .suggest import suggest_similar
from . import unsupported
from .coercion import OTHER, STORE
from .infer import TyVar
from .resolve import TYPE_NS


class LiteralRules:
    def expr_IntLit(self, e: ast.IntLit, expected: Type | None) -> t.TExpr:
        if e.suffix is not None:
            ty: Type = INTS.get(e.suffix) or (F32 if e.suffix == "f32" else F64)
            if isinstance(ty, FloatType):
                return self.new_node(t.FloatConst(e.span, ty, float(e.value), Fraction(e.value)))
        else:
            exp = self.infer.shallow(expected) if expected is not None else None
            if isinstance(exp, IntType) or (isinstance(exp, TyVar) and exp.kind in ("int", "any")):
                ty = exp if isinstance(exp, IntType) else self.infer.fresh("int")
                if isinstance(exp, TyVar):
                    self.infer.unify(exp, ty)
            elif isinstance(exp, FloatType):
                ty = self.infer.fresh("int")
            else:
                ty = self.infer.fresh("int")
        return self.new_node(t.IntConst(e.span, ty, e.value))

    def expr_FloatLit(self, e: ast.FloatLit, expected: Type | None) -> t.TExpr:
        if e.suffix is not None:
            ty: Type = F32 if e.suffix == "f32" else F64
        else:
            exp = self.infer.shallow(expected) if expected is not None else None
            ty = exp if isinstance(exp, FloatType) else self.infer.fresh("float")
        return self.new_node(t.FloatConst(e.span, ty, e.value, e.exact))

    def expr_BoolLit(self, e: ast.BoolLit, expected: Type | None) -> t.TExpr:
        return t.BoolConst(e.span, BOOL, e.value)

    def expr_UnitLit(self, e: ast.UnitLit, expected: Type | None) -> t.TExpr:
        return t.UnitConst(e.span, UNIT)

    def expr_StructLit(self, e: ast.StructLit, expected: Type | None) -> t.TExpr:
        path = e.path
        variant = self.variant_binding(path, TYPE_NS)
        if variant is not None:  # `Shape::Rect { w, h }`
            return self.variant_value(e, path, variant, expected, fields=e.fields)
        key, construct = self.struct_lit_target(path)
        if key is None or construct is not None:
            for f in e.fields:
                self.expr(f.value)
            if e.base is not None:
                self.expr(e.base)
            if construct is None:
                return t.UnitConst(e.span, ERROR)
            return self.unsupported(construct, e.base.span)
        struct = self.items.structs[key]
        ty = self.struct_path_type(key, path)
        exp = self.infer.shallow(expected) if expected is not None else None
        if isinstance(exp, StructType) and exp.name == key:
            self.infer.unify(exp, ty)  # the expected type decides the arguments first (`let b: Buf<u8, 4> = ..`)
        # (not a struct type: its arguments had errors, reported)
        field_types = struct.field_types(ty) if isinstance(ty, StructType) else [ERROR] * len(struct.fields)
        values: list[t.TExpr | None] = [None] * len(struct.fields)
        order: list[int] = []  # the fields in the order they are written (and evaluated)
        for f in e.fields:
            index = struct.field_index(f.name)
            if index is None:
                d = self.error(msg.STRUCT_NO_FIELD(name=key, field=f.name), f.span, msg.LABEL_UNKNOWN_FIELD)
                # a field initializer starts with the field's name
                suggest_similar(d, Span(f.span.file, f.span.start, f.span.start + len(f.name)), f.name,
                                {"a field": [n for n, _ in struct.fields]})
                self.expr(f.value)
                continue
            if values[index] is not None:
                self.error(msg.FIELD_TWICE(name=f.name), f.span)
            if not self.field_visible(key, index):
                self.error(msg.PRIVATE_FIELD_LITERAL(name=f.name, ty=key), f.span, msg.LABEL_PRIVATE_FIELD)
            values[index] = self.coerced(f.value, field_types[index], STORE)
            order.append(index)
        base = None
        if e.base is not None:  # `S { x: 1, ..base }`: the other fields are copied from `base`
            base = self.coerced(e.base, ty, OTHER)
        missing = [struct.fields[i][0] for i, v in enumerate(values) if v is None]
        if missing and base is None:
            fields = ("fields " if len(missing) > 1 else "field ") + ", ".join(f"`{m}`" for m in missing)
            self.error(msg.MISSING_FIELDS(fields=fields, name=key), e.span)
            return t.UnitConst(e.span, ERROR)
        return self.new_node(t.StructLit(e.span, ty, struct, values, base, order))  # type: ignore[arg-type]

    def struct_path_type(self, key: str, path: ast.Path) -> Type:
        """The type a struct literal's or pattern's path names: `Self` is the
        impl's self type with its arguments; otherwise `instantiate_struct`."""
        self_ty = self.generics.self_type
        if path.segments == ("Self",) and isinstance(self_ty, StructType):
            return self_ty
        r = self.items.lookup(path.segments, TYPE_NS, self.generics, path.span, quiet=True)
        if r is not None and not r.type_prefix and r.binding is not None and r.binding.kind == "alias":
            return self.alias_instance(r.binding.key, path.generic_args, path.span)  # `Alias { .. }` (variants.py)
        return self.instantiate_struct(key, path.generic_args, path.span)

    def instantiate_struct(self, key: str, args: tuple, span) -> Type:
        """`key` with the generic arguments written (`Buf::<u8, 4>`), or fresh
        inference variables for them (a literal, `Buf::new`: as Rust infers them)."""
        struct = self.items.structs[key]
        if not struct.params:
            return StructType(key)
        if any(not isinstance(a, ast.Lifetime) for a in args):
            return self.items.struct_type(key, args, self.generics, span)
        return StructType(key, tuple(self.infer.fresh_mem(p, key) if p in struct.const_params else self.infer.fresh()
                                     for p in struct.params))

    def struct_lit_target(self, path: ast.Path) -> tuple[str | None, unsupported.Construct | None]:
        """The key of the struct a struct literal's path names, or the construct
        it uses that is not checked yet; (None, None) after reporting."""
        if path.prefix_args or path.qself is not None:
            self.error(msg.UNKNOWN_STRUCT(name="::".join(path.segments)), path.span)
            return None, None
        if path.segments == ("Self",):
            self_ty = self.generics.self_type
            if isinstance(self_ty, StructType):
                return self_ty.name, None
            if self_ty is None:
                self.error(msg.SELF_TYPE_OUTSIDE(), path.span, msg.LABEL_SELF_TYPE_OUTSIDE)
            else:
                self.error(msg.UNKNOWN_STRUCT(name=str(self_ty)), path.span)
            return None, None
        r = self.items.lookup(path.segments, TYPE_NS, self.generics, path.span)
        if r is None:
            return None, None
        if r.type_prefix:  # (`Enum::Variant { .. }`: enums are not checked yet)
            if r.binding is None or r.binding.kind != "unchecked":
                self.error(msg.UNKNOWN_STRUCT(name="::".join(path.segments)), path.span)
            return None, None
        b = r.binding
        if b is not None and b.kind == "struct":
            return b.key, None
        if b is not None and b.kind == "alias":  # `Alias { .. }`: the struct it names
            ty = aliases.body(self.items, b.key)
            if isinstance(ty, StructType):
                return ty.name, None
            if ty is not ERROR:
                self.error(msg.ALIAS_NOT_STRUCT(name="::".join(path.segments), ty=ty), path.span,
                           msg.LABEL_ALIAS_NOT_STRUCT)
            return None, None
        if b is None or b.kind != "unchecked":
            self.error(msg.UNKNOWN_STRUCT(name="::".join(path.segments)), path.span)
        return None, None

    def expr_ArrayLit(self, e: ast.ArrayLit, expected: Type | None) -> t.TExpr:
        exp = self.infer.shallow(expected) if expected is not None else None
        elem: Type = exp.elem if isinstance(exp, ArrayType) else self.infer.fresh()
        elems = [self.coerced(x, elem, STORE) for x in e.elems]
        return self.new_node(t.ArrayLit(e.span, ArrayType(elem, len(elems)), elems))

    def expr_ArrayRepeat(self, e: ast.ArrayRepeat, expected: Type | None) -> t.TExpr:
        exp = self.infer.shallow(expected) if expected is not None else None
        elem: Type = exp.elem if isinstance(exp, ArrayType) else self.infer.fresh()
        value = self.coerced(e.value, elem, STORE)
        count = self.items.array_length(e.count, self.generics)  # (a const parameter: per instance, in mono)
        if count is None:  # (reported)
            return t.UnitConst(e.span, ERROR)
        return self.new_node(t.ArrayRepeat(e.span, ArrayType(elem, count), value, count))
