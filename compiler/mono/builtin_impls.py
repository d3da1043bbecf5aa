"""The methods of the primitives' built-in impls, lowered to the operators.

`u32: Add`, `f64: PartialOrd`, `bool: Clone`, ... hold without source
(`compiler.selection` lists them, as Rust's `core` writes them with macros);
a call of such a method in an instance (`a + b` in `fn sum<T: Add<Output =
T>>` for `T = u32`, `x.clone()` for `T = i8`) becomes the operator itself:
`add(a, b)` is `a + b`, `add_assign(&mut a, b)` is
`*&mut a += b`, `eq(&a, &b)` is `*&a == *&b`, `clone(&x)` is `*&x`.
After inlining nothing is left of the call. `partial_cmp` and `cmp`, which
make an `Ordering`, are generic functions of core over the primitive
(`CORE_FUNCTIONS`, written with the operators); a method the lowering does
not know otherwise (a default method such as `ne`) keeps the trait's default
body.
"""
from __future__ import annotations

from ..check import tree as t
from ..selection import (
    ASSIGN_OP_TRAITS, BINARY_OP_TRAITS, CLONE, COMPARISON_METHODS, NEG, NOT, ORD, PARTIAL_EQ, PARTIAL_ORD,
)
from ..types import BOOL, UNIT, PointerType, Type

_OP_OF_TRAIT = {trait: op for op, trait in BINARY_OP_TRAITS.items()}
_COMPARISON_OF_METHOD = {method: op for op, method in COMPARISON_METHODS.items()}
_OP_OF_ASSIGN_TRAIT = {trait: op[:-1] for op, trait in ASSIGN_OP_TRAITS.items()}
#: (trait, method) of a built-in impl -> the function of core that is its body, generic
#: over the primitive (its one type parameter)
CORE_FUNCTIONS = {
    (PARTIAL_ORD, "partial_cmp"): "core::cmp::primitive_partial_cmp",
    (ORD, "cmp"): "core::cmp::primitive_cmp",
}


def lower_builtin_method(trait: str, method: str, args: list, ty: Type, span) -> t.TExpr | None:
    if trait in _OP_OF_TRAIT and len(args) == 2:
        return t.Binary(span, ty, _OP_OF_TRAIT[trait], args[0], args[1])
    if trait in _OP_OF_ASSIGN_TRAIT and len(args) == 2:  # `add_assign(&mut a, b)` is `*&mut a += b`
        return t.CompoundAssign(span, UNIT, _OP_OF_ASSIGN_TRAIT[trait], _deref(args[0], span), args[1])
    if trait in (NEG, NOT) and len(args) == 1:
        return t.Unary(span, ty, "-" if trait == NEG else "!", args[0])
    if trait in (PARTIAL_EQ, PARTIAL_ORD) and method in _COMPARISON_OF_METHOD and len(args) == 2:
        lhs, rhs = (_deref(a, span) for a in args)
        return t.Binary(span, BOOL, _COMPARISON_OF_METHOD[method], lhs, rhs)
    if trait == CLONE and method == "clone" and len(args) == 1:
        return _deref(args[0], span)
    return None


def _deref(node: t.TExpr, span) -> t.TExpr:
    ty = node.ty
    assert isinstance(ty, PointerType), ty
    return t.Deref(span, ty.pointee, node)
