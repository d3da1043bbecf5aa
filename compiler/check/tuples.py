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
from .coercion import Context, quiet
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
                return self.new_node(t.FieldRef(e.span, struct.field_types(ty)[index], base, index))
        if isinstance(ty, TyVar):
            self.error(msg.ANNOTATIONS_NEEDED(), e.base.span, msg.LABEL_TUPLE_UNKNOWN)
        elif not quiet(ty):
            self.error(msg.NO_FIELD(name=e.index, ty=self.show(ty)), e.span, msg.LABEL_UNKNOWN_FIELD)
        return t.UnitConst(e.span, ERROR)


def _element_context(ctx: Context, index: int) -> Context:
    """The coercion site of element `index` of a tuple at site `ctx` (an
    argument's declared type narrows to the element's)."""
    declared = ctx.param_type
    if isinstance(declared, TupleType) and index < len(declared.elems):
        return replace(ctx, param_type=declared.elems[index])
    return ctx if declared is None else replace(ctx, param_type=None)
