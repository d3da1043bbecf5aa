"""Values written out in the source: number, `bool` and `()` literals, struct
and array literals. Unsuffixed number literals take their type from the
expected type or become inference variables (defaulting to i32 / f64 at the
end of the body, as in Rust).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..source import Span
from ..syntax import ast
from ..types import ArrayType, ConstParam, FloatType, IntType, StructType, Type, BOOL, ERROR, INTS, UNIT, F32, F64
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
                return self.new_node(t.FloatConst(e.span, ty, float(e.value)))
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
        return self.new_node(t.FloatConst(e.span, ty, e.value))

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
            return self.unsupported(construct, path.span if construct is unsupported.STRUCT_LIT_PATHS else e.base.span)
        struct = self.items.structs[key]
        if unsupported.struct_problems(self.items.struct_decls[key]):  # its fields are not checked (reported)
            for f in e.fields:
                self.expr(f.value)
            if e.base is not None:
                self.expr(e.base)
            return t.UnitConst(e.span, ERROR)
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
            fty = struct.fields[index][1]
            values[index] = self.coerced(f.value, fty, STORE)
            order.append(index)
        base = None
        if e.base is not None:  # `S { x: 1, ..base }`: the other fields are copied from `base`
            base = self.coerced(e.base, StructType(key), OTHER)
        missing = [struct.fields[i][0] for i, v in enumerate(values) if v is None]
        if missing and base is None:
            fields = ("fields " if len(missing) > 1 else "field ") + ", ".join(f"`{m}`" for m in missing)
            self.error(msg.MISSING_FIELDS(fields=fields, name=key), e.span)
            return t.UnitConst(e.span, ERROR)
        return self.new_node(t.StructLit(e.span, StructType(key), struct, values, base,  # type: ignore[arg-type]
                                         order))

    def struct_lit_target(self, path: ast.Path) -> tuple[str | None, unsupported.Construct | None]:
        """The key of the struct a struct literal's path names, or the construct
        it uses that is not checked yet; (None, None) after reporting."""
        if path.generic_args or path.prefix_args or path.qself is not None or path.name == "Self":
            return None, unsupported.STRUCT_LIT_PATHS
        r = self.items.lookup(path.segments, TYPE_NS, self.generics, path.span)
        if r is None:
            return None, None
        if r.type_prefix:
            if r.binding is not None and r.binding.kind == "unchecked":
                return None, None
            return None, unsupported.STRUCT_LIT_PATHS
        b = r.binding
        if b is not None and b.kind == "struct":
            return b.key, None
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
        count = self.items.array_length(e.count, self.generics)
        if isinstance(count, ConstParam):
            self.error(msg.REPEAT_COUNT(), e.count.span)
            count = 0
        return self.new_node(t.ArrayRepeat(e.span, ArrayType(elem, count), value, count))
