"""`#[derive(Clone, Copy, PartialEq, Eq)]`: the impls rustc's derive macros write.

For `#[derive(..)] struct S<T, const N: usize> { a: A, b: B }` each derive
is an `impl` block, built as AST and checked like one the user wrote (its
spans are the derive attribute's):

    impl<T: Clone, const N: usize> Clone for S<T, N> {
        fn clone(&self) -> Self { Self { a: core::clone::Clone::clone(&self.a), .. } }
    }
    impl<T: Copy, const N: usize> Copy for S<T, N> {}
    impl<T: PartialEq, const N: usize> PartialEq for S<T, N> {
        fn eq(&self, other: &Self) -> bool { self.a == other.a && self.b == other.b && true }
    }
    impl<T: Eq, const N: usize> Eq for S<T, N> {}

As with rustc, each type parameter gets the derived trait as a bound, and a
field whose type does not implement it is an error in the derived impl
(E0277, E0369, E0204 for `Copy`).
"""
from __future__ import annotations

from ..syntax import ast

#: the derive macros farc has, and the trait each implements
DERIVES = {
    "Clone": ("core", "clone", "Clone"),
    "Copy": ("core", "marker", "Copy"),
    "PartialEq": ("core", "cmp", "PartialEq"),
    "Eq": ("core", "cmp", "Eq"),
}


def derive_names(decl: ast.StructDecl) -> list[tuple[str, ast.Attribute]]:
    """The names listed in the struct's `#[derive(..)]` attributes, with their attribute."""
    found = []
    for attr in decl.attrs:
        if attr.name != "derive":
            continue
        for arg in attr.args or ():
            if isinstance(arg.value, ast.Ident) and arg.key is None:
                found.append((arg.value.name, attr))
    return found


def derived_impl(decl: ast.StructDecl, name: str, attr: ast.Attribute) -> ast.ImplBlock:
    """The impl `#[derive(name)]` writes for the struct `decl` (named fields)."""
    span = attr.span
    trait_path = DERIVES[name]
    trait = ast.PathType(span, trait_path[-1], (), trait_path[:-1])
    generics = tuple(
        ast.GenericParam(g.span, g.name, g.kind, g.ty, g.bounds + (ast.TraitBound(span, trait),), g.default)
        if g.kind == "type" else g for g in decl.generics)
    args = tuple(ast.Lifetime(span, g.name) if g.kind == "lifetime" else ast.PathType(span, g.name)
                 for g in decl.generics)
    self_ty = ast.PathType(span, decl.name, args)
    items: tuple = ()
    if name == "Clone":
        items = (_clone_fn(decl, span),)
    elif name == "PartialEq":
        items = (_eq_fn(decl, span),)
    return ast.ImplBlock(span, (), False, generics, trait, self_ty, decl.where, items)


def _path(span, *segments: str) -> ast.Path:
    return ast.Path(span, segments)


def _method(span, name: str, params: tuple[ast.Param, ...], ret: ast.TypeExpr, body: ast.Expr) -> ast.FnDecl:
    return ast.FnDecl(span, name, span, (), None, False, None, (), params, ret,
                      ast.Block(span, (), body), receiver=ast.SelfParam(span, "ref", False, None))


def _clone_fn(decl: ast.StructDecl, span) -> ast.FnDecl:
    clone = _path(span, "core", "clone", "Clone", "clone")
    fields = tuple(ast.StructLitField(span, f.name, ast.Call(span, clone, (
        ast.AddrOf(span, False, False, ast.FieldAccess(span, _path(span, "self"), f.name)),)))
        for f in decl.fields)
    body = ast.StructLit(span, _path(span, "Self"), fields)
    return _method(span, "clone", (), ast.PathType(span, "Self"), body)


def _eq_fn(decl: ast.StructDecl, span) -> ast.FnDecl:
    result: ast.Expr = ast.BoolLit(span, True)
    for f in reversed(decl.fields):
        same = ast.Binary(span, "==", ast.FieldAccess(span, _path(span, "self"), f.name),
                          ast.FieldAccess(span, _path(span, "other"), f.name))
        result = same if isinstance(result, ast.BoolLit) else ast.Binary(span, "&&", same, result)
    other = ast.Param(span, ast.IdentPat(span, "other", False, False, None),
                      ast.PointerTypeExpr(span, ast.PathType(span, "Self"), False, True, None))
    return _method(span, "eq", (other,), ast.PathType(span, "bool"), result)
