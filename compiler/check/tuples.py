"""Tuples: tuple expressions `(a, b)` and element access `t.0` (also on
tuple structs' fields). A tuple at a coercion site passes the site on to its
elements, as Rust's tuple expressions do: each element coerces to its
element type on its own (so a mismatch is reported at the element, with the
code of the site: M0001 in a `let`, M0002 in an argument, M0003 in a
`return`), and the memory of every pointer element is part of the tuple's
type.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from dataclasses import replace

from .. import messages as msg
from ..syntax import ast
from ..types import StructType, TupleType, Type, ERROR
from . import tree as t
from . import unsupported
from .coercion import STORE, Context, failed, quiet
from .infer import TyVar


class TupleRules:
    def expr_TupleLit(self, e: ast.TupleLit, expected: Type | None) -> t.TExpr:
        ctx = self.take_site(e)
        exp = self.infer.shallow(expected) if expected is not None else None
        hints = exp.elems if isinstance(exp, TupleType) and len(exp.elems) == len(e.elems) else None
        elems: list[t.TExpr] = []
        for i, elem in enumerate(e.elems):
            hint = hints[i] if hints is not None else None
            if ctx is not None and hint is not None:
                elems.append(self.coerced(elem, hint, _element_context(ctx, i)))
            else:
                elems.append(self.expr(elem, hint))
        if ctx is not None and hints is not None:
            ty: Type = exp  # every element has been coerced (and any mismatch reported there)
        else:
            ty = TupleType(tuple(elem.ty for elem in elems))
        return self.new_node(t.TupleLit(e.span, ty, elems))

    def expr_TupleIndex(self, e: ast.TupleIndex, expected: Type | None) -> t.TExpr:
        """`t.0`: an element of a tuple or a field of a tuple struct, references
        auto-dereferenced (a projection: `t.0` of a place is a place in its memory)."""
        base = self.auto_deref(self.expr(e.base))
        ty = self.infer.shallow(base.ty)
        if isinstance(ty, TupleType) and e.index < len(ty.elems):
            return self.new_node(t.FieldRef(e.span, ty.elems[e.index], base, e.index))
        if isinstance(ty, StructType):
            struct = self.items.structs.get(ty.name)
            index = struct.field_index(str(e.index)) if struct is not None else None
            if index is not None:
                if not self.field_visible(ty.name, index):
                    self.error(msg.PRIVATE_FIELD(name=e.index, ty=ty), e.span, msg.LABEL_PRIVATE_FIELD)
                return self.new_node(t.FieldRef(e.span, struct.field_types(ty)[index], base, index))
        if isinstance(ty, TyVar):
            self.error(msg.ANNOTATIONS_NEEDED(), e.base.span, msg.LABEL_TUPLE_UNKNOWN)
        elif not failed(ty):
            self.error(msg.NO_FIELD(name=e.index, ty=self.show(ty)), e.span, msg.LABEL_UNKNOWN_FIELD)
        return t.UnitConst(e.span, ERROR)


    def struct_constructor(self, e, path: ast.Path, key: str, args: tuple[ast.Expr, ...] | None) -> t.TExpr:
        """A tuple struct's constructor called (`P(1, 2)`, `args`), or a unit
        struct as a value (`Unit`, `args` None): a struct literal."""
        decl = self.items.struct_decls[key]
        struct = self.items.structs[key]
        name = "::".join(path.segments)
        if (args is None) != (decl.kind == "unit"):
            if args is None:
                self.error(msg.FUNCTION_VALUE(name=name), path.span, msg.LABEL_CALL_IT.format(name=name))
            else:
                self.error(msg.NOT_FUNCTION_ITEM(kind="unit struct", name=name), path.span, msg.LABEL_NOT_FUNCTION)
            return self.rest_of_values(e, args, None)
        if unsupported.struct_problems(decl):  # its fields are not checked yet (reported where it is declared)
            return self.rest_of_values(e, args, None)
        args = args or ()
        if len(args) != len(struct.fields):
            self.error(msg.STRUCT_ARG_COUNT(expected=msg.count(len(struct.fields), "field"),
                                            supplied=msg.were(len(args))), e.span,
                       msg.LABEL_EXPECTED_COUNT.format(n=len(struct.fields)))
            return self.rest_of_values(e, args, None)
        for index in range(len(args)):
            if not self.field_visible(key, index):
                self.error(msg.PRIVATE_FIELD_LITERAL(name=index, ty=key), args[index].span, msg.LABEL_PRIVATE_FIELD)
        ty = self.instantiate_struct(key, path.generic_args, path.span)  # (literals.py: `W::<u8>(1)`, or inferred)
        field_types = struct.field_types(ty) if isinstance(ty, StructType) else [f for _, f in struct.fields]
        values = [self.coerced(arg, fty, STORE) for arg, fty in zip(args, field_types)]
        return self.new_node(t.StructLit(e.span, ty, struct, values))


def _element_context(ctx: Context, index: int) -> Context:
    """The coercion site of element `index` of a tuple at site `ctx` (an
    argument's declared type narrows to the element's)."""
    declared = ctx.param_type
    if isinstance(declared, TupleType) and index < len(declared.elems):
        return replace(ctx, param_type=declared.elems[index])
    return ctx if declared is None else replace(ctx, param_type=None)
