"""`#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]`: the impls rustc's derive macros write.

For `#[derive(..)] struct S<T, const N: usize> { a: A, b: B }` each derive
is an `impl` block, built as AST and checked like one the user wrote (its
spans are the derive attribute's):

    impl<T: Clone, const N: usize> Clone for S<T, N> {
        fn clone(&self) -> Self { Self { a: core::clone::Clone::clone(&self.a), .. } }
    }                      // (`{ *self }` for a Copy type with a home, design 3)
    impl<T: Copy, const N: usize> Copy for S<T, N> {}
    impl<T: PartialEq, const N: usize> PartialEq for S<T, N> {
        fn eq(&self, other: &Self) -> bool { self.a == other.a && self.b == other.b && true }
    }
    impl<T: Eq, const N: usize> Eq for S<T, N> {}
    impl<T: PartialOrd, const N: usize> PartialOrd for S<T, N> {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            match PartialOrd::partial_cmp(&self.a, &other.a) {   // lexicographic, in field order
                Some(Ordering::Equal) => PartialOrd::partial_cmp(&self.b, &other.b),
                cmp => cmp,
            }
        }
    }
    impl<T: Ord, const N: usize> Ord for S<T, N> { fn cmp(&self, other: &Self) -> Ordering { .. } }

As with rustc, each type parameter gets the derived trait as a bound, and a
field whose type does not implement it is an error in the derived impl
(E0277, E0369, E0204 for `Copy`).

An enum's (and a tuple or unit struct's) `clone` and `eq` match on the
variants, binding each field by reference (default binding modes):

    fn clone(&self) -> Self { match self { E::V(f0, f1) => E::V(Clone::clone(f0), ..), E::U => E::U, .. } }
    fn eq(&self, other: &Self) -> bool {
        match (self, other) { (E::V(a0, ..), E::V(b0, ..)) => *a0 == *b0 && .. && true, .., _ => false }
    }
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self, other) {
            (E::V(a0, ..), E::V(b0, ..)) => /* a0 with b0, .. lexicographically, as for a struct */,
            _ => PartialOrd::partial_cmp(&(*self as isize), &(*other as isize)),  // by discriminant
        }
    }

(an enum with fields orders its variants by their position: `match self { E::V(..) => 0, ..}`).
"""
from __future__ import annotations

from ..syntax import ast

#: the derive macros farc has, and the trait each implements
DERIVES = {
    "Clone": ("core", "clone", "Clone"),
    "Copy": ("core", "marker", "Copy"),
    "PartialEq": ("core", "cmp", "PartialEq"),
    "Eq": ("core", "cmp", "Eq"),
    "PartialOrd": ("core", "cmp", "PartialOrd"),
    "Ord": ("core", "cmp", "Ord"),
}
#: the method each ordering derive writes, and what it returns
_ORDER_METHODS = {"PartialOrd": "partial_cmp", "Ord": "cmp"}


def derive_names(decl: ast.StructDecl | ast.EnumDecl) -> list[tuple[str, ast.Attribute]]:
    """The names listed in the item's `#[derive(..)]` attributes, with their attribute."""
    found = []
    for attr in decl.attrs:
        if attr.name != "derive":
            continue
        for arg in attr.args or ():
            if isinstance(arg.value, ast.Ident) and arg.key is None:
                found.append((arg.value.name, attr))
    return found


def derived_impl(decl: ast.StructDecl | ast.EnumDecl, name: str, attr: ast.Attribute) -> ast.ImplBlock:
    """The impl `#[derive(name)]` writes for the struct or enum `decl`."""
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
    named_struct = isinstance(decl, ast.StructDecl) and decl.kind == "named"
    if name == "Clone":
        copy = any(n == "Copy" for n, _ in derive_names(decl))
        homed = any(a.name == "mem_idx" for a in decl.attrs)
        if copy and homed:  # design 3: its fields are far places, which the fields' `clone(&self)` cannot take
            items = (_copy_clone_fn(span),)
        else:
            items = (_clone_fn(decl, span) if named_struct else _clone_by_match(_shapes(decl, span), span),)
    elif name == "PartialEq":
        items = (_eq_fn(decl, span) if named_struct else _eq_by_match(_shapes(decl, span), span),)
    elif name in _ORDER_METHODS:
        order = _Order(name, span)
        items = (order.method(order.by_fields(decl) if named_struct else order.by_match(decl)),)
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


def _copy_clone_fn(span) -> ast.FnDecl:
    """`fn clone(&self) -> Self { *self }`, as rustc's clone of a `Copy` type,
    for a type that lives in another memory (design 3): no field is borrowed
    (its fields are far places). rustc also asserts that each field is
    `Clone`; `Copy` (E0204) requires it here."""
    body = ast.Unary(span, "*", _path(span, "self"))
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


# ---------------------------------------------------------------------------
# Enums, tuple structs and unit structs: by matching


def _shapes(decl: ast.StructDecl | ast.EnumDecl, span) -> list[tuple[ast.Path, str, tuple[str, ...]]]:
    """(path, kind, field names) of each variant (a struct is its one shape)."""
    if isinstance(decl, ast.StructDecl):
        return [(_path(span, decl.name), decl.kind, tuple(f.name for f in decl.fields))]
    return [(_path(span, decl.name, v.name), v.kind, tuple(f.name for f in v.fields)) for v in decl.variants]


def _shape_pattern(path: ast.Path, kind: str, fields: tuple[str, ...], prefix: str, span,
                   wild: bool = False) -> ast.Pattern:
    """`E::V(a0, a1)` / `E::V { x: ax }` / `E::V` binding each field to `prefix` + its name
    (`wild`: `E::V(_, _)`, `E::V { x: _ }`, binding nothing)."""
    binds = [ast.WildcardPat(span) if wild else ast.IdentPat(span, f"{prefix}{f}", False, False, None)
             for f in fields]
    if kind == "tuple":
        return ast.TupleStructPat(span, path, tuple(binds))
    if kind == "named":
        return ast.StructPat(span, path, tuple(ast.FieldPat(span, f, b) for f, b in zip(fields, binds)), False)
    return ast.PathPat(span, path)


def _clone_by_match(shapes, span) -> ast.FnDecl:
    clone = _path(span, "core", "clone", "Clone", "clone")
    arms = []
    for path, kind, fields in shapes:
        values = [ast.Call(span, clone, (_path(span, f"f{f}"),)) for f in fields]
        if kind == "tuple":
            value: ast.Expr = ast.Call(span, path, tuple(values))
        elif kind == "named":
            value = ast.StructLit(span, path, tuple(ast.StructLitField(span, f, v) for f, v in zip(fields, values)))
        else:
            value = path
        arms.append(ast.MatchArm(span, _shape_pattern(path, kind, fields, "f", span), None, value))
    body = ast.Match(span, _path(span, "self"), tuple(arms))
    return _method(span, "clone", (), ast.PathType(span, "Self"), body)


def _eq_by_match(shapes, span) -> ast.FnDecl:
    arms = []
    for path, kind, fields in shapes:
        result: ast.Expr = ast.BoolLit(span, True)
        for f in reversed(fields):
            same = ast.Binary(span, "==", ast.Unary(span, "*", _path(span, f"a{f}")),
                              ast.Unary(span, "*", _path(span, f"b{f}")))
            result = same if isinstance(result, ast.BoolLit) else ast.Binary(span, "&&", same, result)
        both = ast.TuplePat(span, (_shape_pattern(path, kind, fields, "a", span),
                                   _shape_pattern(path, kind, fields, "b", span)))
        arms.append(ast.MatchArm(span, both, None, result))
    if len(shapes) != 1:  # (one shape: its arm covers every pair)
        arms.append(ast.MatchArm(span, ast.WildcardPat(span), None, ast.BoolLit(span, False)))
    body = ast.Match(span, ast.TupleLit(span, (_path(span, "self"), _path(span, "other"))), tuple(arms))
    other = ast.Param(span, ast.IdentPat(span, "other", False, False, None),
                      ast.PointerTypeExpr(span, ast.PathType(span, "Self"), False, True, None))
    return _method(span, "eq", (other,), ast.PathType(span, "bool"), body)


# ---------------------------------------------------------------------------
# PartialOrd and Ord: lexicographic, by fields, then by variant


class _Order:
    """The pieces of a derived `partial_cmp` (PartialOrd) or `cmp` (Ord)."""

    def __init__(self, derive: str, span) -> None:
        self.derive, self.span = derive, span
        self.name = _ORDER_METHODS[derive]
        self.option = derive == "PartialOrd"  # `partial_cmp` returns `Option<Ordering>`

    def compare(self, a: ast.Expr, b: ast.Expr) -> ast.Expr:
        """`core::cmp::Trait::method(a, b)` for two references."""
        return ast.Call(self.span, _path(self.span, *DERIVES[self.derive], self.name), (a, b))

    def equal(self) -> ast.Expr:
        equal = _path(self.span, "core", "cmp", "Ordering", "Equal")
        return ast.Call(self.span, _path(self.span, "core", "option", "Option", "Some"), (equal,)) if self.option \
            else equal

    def equal_pattern(self) -> ast.Pattern:
        equal = ast.PathPat(self.span, _path(self.span, "core", "cmp", "Ordering", "Equal"))
        return ast.TupleStructPat(self.span, _path(self.span, "core", "option", "Option", "Some"), (equal,)) \
            if self.option else equal

    def lexicographic(self, pairs: list[tuple[ast.Expr, ast.Expr]]) -> ast.Expr:
        """The first pair's comparison that is not `Equal` (`Equal` for no pairs)."""
        if not pairs:
            return self.equal()
        result = self.compare(*pairs[-1])
        for a, b in reversed(pairs[:-1]):
            found = ast.IdentPat(self.span, "cmp", False, False, None)
            result = ast.Match(self.span, self.compare(a, b), (
                ast.MatchArm(self.span, self.equal_pattern(), None, result),
                ast.MatchArm(self.span, found, None, _path(self.span, "cmp"))))
        return result

    def by_fields(self, decl: ast.StructDecl) -> ast.Expr:
        def field(root: str, name: str) -> ast.Expr:
            return ast.AddrOf(self.span, False, False, ast.FieldAccess(self.span, _path(self.span, root), name))
        return self.lexicographic([(field("self", f.name), field("other", f.name)) for f in decl.fields])

    def by_match(self, decl: ast.StructDecl | ast.EnumDecl) -> ast.Expr:
        span = self.span
        shapes = _shapes(decl, span)
        arms = []
        for path, kind, fields in shapes:
            both = ast.TuplePat(span, (_shape_pattern(path, kind, fields, "a", span),
                                       _shape_pattern(path, kind, fields, "b", span)))
            pairs = [(_path(span, f"a{f}"), _path(span, f"b{f}")) for f in fields]
            arms.append(ast.MatchArm(span, both, None, self.lexicographic(pairs)))
        if len(shapes) != 1:  # different variants: by their order
            arms.append(ast.MatchArm(span, ast.WildcardPat(span), None, self.compare(
                self.rank(decl, "self"), self.rank(decl, "other"))))
        return ast.Match(span, ast.TupleLit(span, (_path(span, "self"), _path(span, "other"))), tuple(arms))

    def rank(self, decl: ast.StructDecl | ast.EnumDecl, root: str) -> ast.Expr:
        """`&(*root as isize)` for a fieldless enum (its discriminant, as rustc orders
        them), else `&match root { E::V(..) => 0, .. }` (the variant's position)."""
        span = self.span
        isize = ast.PathType(span, "isize")
        assert isinstance(decl, ast.EnumDecl)
        if all(v.kind == "unit" for v in decl.variants):
            value: ast.Expr = ast.Cast(span, ast.Unary(span, "*", _path(span, root)), isize)
        else:
            arms = tuple(ast.MatchArm(span, _shape_pattern(path, kind, fields, "", span, wild=True),
                                      None, ast.IntLit(span, i, "isize"))
                         for i, (path, kind, fields) in enumerate(_shapes(decl, span)))
            value = ast.Match(span, _path(span, root), arms)
        return ast.AddrOf(span, False, False, value)

    def method(self, body: ast.Expr) -> ast.FnDecl:
        span = self.span
        ordering = ast.PathType(span, "Ordering", (), ("core", "cmp"))
        ret = ast.PathType(span, "Option", (ordering,), ("core", "option")) if self.option else ordering
        other = ast.Param(span, ast.IdentPat(span, "other", False, False, None),
                          ast.PointerTypeExpr(span, ast.PathType(span, "Self"), False, True, None))
        return _method(span, self.name, (other,), ret, body)
