"""The abstract syntax tree produced by the parser.

Every node is a frozen, slotted dataclass whose first field is its `span`.
Nodes compare by identity (`eq=False`) so later phases can key side tables by
node. The AST is untyped and unresolved: names are strings; the checker
(`compiler.check`) resolves them and produces the typed tree.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Union

from ..source import Span

node = dataclass(frozen=True, slots=True, eq=False)

# ---------------------------------------------------------------------------
# Attributes: `#[name(args)]` and `#![name(args)]`


@node
class AttrArg:
    """One argument: `1`, `C`, `"x"`, `min = 1`, `export = "name"`, `only = [f, g]`.

    `value` is an int, a str (string literal), an `Ident` (bare word) or a
    tuple of `Ident`s (a bracketed list of names)."""

    span: Span
    key: str | None
    value: "int | str | Ident | tuple[Ident, ...] | None"


@node
class Ident:
    """A bare identifier used as an attribute argument (`C`, `memory64`)."""

    span: Span
    name: str


@node
class Attribute:
    span: Span
    name: str
    args: tuple[AttrArg, ...] | None  # None: `#[name]`; (): `#[name()]`
    inner: bool  # `#![...]`
    # `#[export_name = "x"]` style: the single value after `=`
    value: "int | str | None" = None


# ---------------------------------------------------------------------------
# Types


@node
class Lifetime:
    """`'a`, `'static`; also a loop label (`'outer: loop`, `break 'outer`).

    `name` keeps the quote: `"'a"`."""

    span: Span
    name: str


@node
class AssocBinding:
    """`Output = u32` inside generic arguments (`Add<Output = u32>`)."""

    span: Span
    name: str
    ty: "TypeExpr"


@node
class ParenArgs:
    """The parenthesized arguments of `Fn(u32, bool) -> u32` (also `FnMut`, `FnOnce`)."""

    span: Span
    inputs: tuple["TypeExpr", ...]
    output: "TypeExpr | None"


@node
class PathType:
    """A named type: primitive, struct, enum, alias, `Self`, generic type
    parameter, or (in bounds) a trait.

    `name` is the last segment; `qualifier` the segments before it
    (`crate::shapes::Circle` -> ("crate", "shapes"), name "Circle";
    `Self::Item` -> ("Self",), name "Item"). `generic_args` are the `<...>`
    of the last segment (`Buf<u8, 4>`); `paren_args` the `(...) -> R` of
    `Fn(u32) -> u32` (never both)."""

    span: Span
    name: str
    generic_args: tuple["GenericArg", ...] = ()
    qualifier: tuple[str, ...] = ()
    paren_args: ParenArgs | None = None

    @property
    def segments(self) -> tuple[str, ...]:
        return self.qualifier + (self.name,)

    @property
    def is_placeholder(self) -> bool:
        """Whether this is `_`, Rust's "infer this type"."""
        return self.name == "_" and not self.qualifier and not self.generic_args and self.paren_args is None


@node
class MemAttr:
    """The `N` of `#[mem_idx(N)]`: a literal index or a const generic name."""

    span: Span
    value: int | str


@node
class PointerTypeExpr:
    """`*const T`, `*mut T`, `&T`, `&mut T`, `&'a T`, optionally `#[mem_idx(N)]`-prefixed.

    A slice reference `&[T]` is a reference whose pointee is a `SliceTypeExpr`
    (so `#[mem_idx(M)] &[T]` is a far slice)."""

    span: Span
    pointee: "TypeExpr"
    mutable: bool
    is_ref: bool
    mem: MemAttr | None
    lifetime: Lifetime | None = None


@node
class ArrayTypeExpr:
    span: Span
    elem: "TypeExpr"
    length: "Expr"


@node
class UnitTypeExpr:
    span: Span


@node
class NeverTypeExpr:
    span: Span


@node
class SliceTypeExpr:
    """`[T]` (behind a reference: `&[T]`, `&mut [T]`)."""

    span: Span
    elem: "TypeExpr"


@node
class TupleTypeExpr:
    """`(A,)`, `(A, B, ...)`; `()` is `UnitTypeExpr`, `(A)` is `A`."""

    span: Span
    elems: tuple["TypeExpr", ...]


@node
class FnPtrTypeExpr:
    """`fn(u32) -> u32`, `unsafe extern "C" fn(i32)`, with any outer
    attributes written before it (`#[far] fn(u32) -> u32`: parsed, not
    interpreted, so far function pointers can pick their spelling)."""

    span: Span
    params: tuple["TypeExpr", ...]
    ret: "TypeExpr | None"
    is_unsafe: bool
    abi: str | None
    attrs: tuple["Attribute", ...] = ()


@node
class ImplTraitTypeExpr:
    """`impl Trait` (one bound: `impl Fn(u32) -> u32`)."""

    span: Span
    bound: PathType


@node
class DynTraitTypeExpr:
    """`dyn Trait` (one bound)."""

    span: Span
    bound: PathType


TypeExpr = Union[
    PathType, PointerTypeExpr, ArrayTypeExpr, UnitTypeExpr, NeverTypeExpr, SliceTypeExpr, TupleTypeExpr,
    FnPtrTypeExpr, ImplTraitTypeExpr, DynTraitTypeExpr,
]

# ---------------------------------------------------------------------------
# Expressions


@node
class IntLit:
    span: Span
    value: int
    suffix: str | None  # "u8", "usize", ... or None


@node
class FloatLit:
    span: Span
    value: float  # the nearest f64
    suffix: str | None  # "f32", "f64" or None
    # the value as written, where an f32's rounding may need it (see `decimal_value`)
    exact: Fraction | None = None


@node
class BoolLit:
    span: Span
    value: bool


@node
class UnitLit:
    """`()`."""

    span: Span


@node
class QualifiedSelf:
    """The `<T as Trait>` (or `<T>`) that starts a qualified path."""

    span: Span
    ty: TypeExpr
    trait: PathType | None


@node
class Path:
    """A name, possibly qualified (`core::ptr::null`, `Self::new`,
    `u32::MAX`, `<T as Shape>::area`) and with turbofish args (`null::<u8>`,
    `f::<1, T>`, `Buf::<u8, 4>::new`).

    `generic_args` belong to the last segment; `prefix_args` holds the
    turbofish args of each segment before the last (one tuple per segment,
    `Buf::<u8, 4>::new` -> ((u8, 4),)), or is () when none has any. Generic
    args are `TypeExpr`s, `Expr`s (integer literals, `{ N }` blocks),
    `Lifetime`s or `AssocBinding`s; a bare identifier arg is parsed as a
    `PathType` and disambiguated by the checker. `qself` is the `<T as
    Trait>` of a qualified path (its segments follow the `>`)."""

    span: Span
    segments: tuple[str, ...]
    generic_args: tuple["GenericArg", ...] = ()
    prefix_args: tuple[tuple["GenericArg", ...], ...] = ()
    qself: QualifiedSelf | None = None

    @property
    def name(self) -> str:
        return self.segments[-1]


@node
class Call:
    span: Span
    callee: "Expr"
    args: tuple["Expr", ...]


@node
class MethodCall:
    """`receiver.method::<generic_args>(args)`."""

    span: Span
    receiver: "Expr"
    method: str
    generic_args: tuple["GenericArg", ...]
    args: tuple["Expr", ...]


@node
class FieldAccess:
    span: Span
    base: "Expr"
    name: str


@node
class TupleIndex:
    """`t.0`: a field of a tuple or tuple struct by position."""

    span: Span
    base: "Expr"
    index: int


@node
class Index:
    span: Span
    base: "Expr"
    index: "Expr"


@node
class Unary:
    """`-x`, `!x`, `*x` (op is "-", "!" or "*")."""

    span: Span
    op: str
    operand: "Expr"


@node
class AddrOf:
    """`&x`, `&mut x`, `&raw const x`, `&raw mut x`."""

    span: Span
    mutable: bool
    raw: bool
    operand: "Expr"


@node
class Binary:
    """Arithmetic, bitwise, comparison and lazy logical operators."""

    span: Span
    op: str  # + - * / % & | ^ << >> == != < <= > >= && ||
    lhs: "Expr"
    rhs: "Expr"


@node
class Assign:
    span: Span
    target: "Expr"
    value: "Expr"


@node
class CompoundAssign:
    span: Span
    op: str  # the binary operator: "+" for `+=`, "<<" for `<<=`, ...
    target: "Expr"
    value: "Expr"


@node
class Cast:
    span: Span
    expr: "Expr"
    ty: TypeExpr


@node
class Block:
    span: Span
    stmts: tuple["Stmt", ...]
    tail: "Expr | None"
    unsafe: bool = False
    label: Lifetime | None = None  # `'a: { ... }`


@node
class LetCond:
    """`let PATTERN = value` as the condition of `if let` / `while let`
    (only there: the parser puts it in `If.cond` and `While.cond`)."""

    span: Span
    pattern: "Pattern"
    value: "Expr"


@node
class If:
    span: Span
    cond: "Expr | LetCond"
    then: Block
    else_: "Block | If | None"


@node
class While:
    span: Span
    cond: "Expr | LetCond"
    body: Block
    label: Lifetime | None = None


@node
class Loop:
    span: Span
    body: Block
    label: Lifetime | None = None


@node
class For:
    """`for PATTERN in iter { body }`."""

    span: Span
    pattern: "Pattern"
    iter: "Expr"
    body: Block
    label: Lifetime | None = None


@node
class MatchArm:
    span: Span
    pattern: "Pattern"
    guard: "Expr | None"
    body: "Expr"


@node
class Match:
    span: Span
    scrutinee: "Expr"
    arms: tuple[MatchArm, ...]


@node
class Break:
    span: Span
    value: "Expr | None"
    label: Lifetime | None = None


@node
class Continue:
    span: Span
    label: Lifetime | None = None


@node
class Return:
    span: Span
    value: "Expr | None"


@node
class StructLitField:
    span: Span
    name: str
    value: "Expr"


@node
class StructLit:
    """`Name { a: 1, b }`, `Self { .. }`, `Shape::Rect { w, h }`, `S { x: 1, ..base }`.

    `name` is the path's last segment; `base` the struct update expression."""

    span: Span
    path: Path
    fields: tuple[StructLitField, ...]
    base: "Expr | None" = None

    @property
    def name(self) -> str:
        return self.path.name


@node
class ArrayLit:
    span: Span
    elems: tuple["Expr", ...]


@node
class ArrayRepeat:
    """`[value; count]`."""

    span: Span
    value: "Expr"
    count: "Expr"


@node
class TupleLit:
    """`(a,)`, `(a, b, ...)`; `()` is `UnitLit`, `(a)` is `a`."""

    span: Span
    elems: tuple["Expr", ...]


@node
class Range:
    """`a..b`, `a..=b`, `a..`, `..b`, `..=b`, `..` (`start`/`end` None when absent)."""

    span: Span
    start: "Expr | None"
    end: "Expr | None"
    inclusive: bool


@node
class ClosureParam:
    span: Span
    pattern: "Pattern"
    ty: TypeExpr | None


@node
class Closure:
    """`|x| x + 1`, `|a: u32, b: u32| -> u32 { a + b }`, `move || ...`."""

    span: Span
    params: tuple[ClosureParam, ...]
    ret: TypeExpr | None
    body: "Expr"
    is_move: bool


@node
class Try:
    """`expr?`."""

    span: Span
    expr: "Expr"


@node
class StrLit:
    """A string literal: only as a macro argument (`panic!("...")`)."""

    span: Span
    value: str


@node
class MacroCall:
    """`name!(args)` / `name![args]` (`assert!`, `panic!`, `vec!`, ...)."""

    span: Span
    path: Path
    args: tuple["Expr | StrLit", ...]


Expr = Union[
    IntLit, FloatLit, BoolLit, UnitLit, Path, Call, MethodCall, FieldAccess, TupleIndex, Index, Unary,
    AddrOf, Binary, Assign, CompoundAssign, Cast, Block, If, While, Loop, For, Match, Break, Continue,
    Return, StructLit, ArrayLit, ArrayRepeat, TupleLit, Range, Closure, Try, MacroCall,
]
GenericArg = Union[TypeExpr, Expr, Lifetime, AssocBinding]

# ---------------------------------------------------------------------------
# Patterns


@node
class IdentPat:
    """`x`, `mut x`, `ref x`, `ref mut x`, `x @ 1..=5`.

    A single identifier may also name a unit struct, a unit variant or a
    constant (`None`, `MAX`): the checker decides, as rustc does. `_` is
    `WildcardPat`."""

    span: Span
    name: str
    mutable: bool
    by_ref: bool
    subpattern: "Pattern | None"


@node
class WildcardPat:
    """`_`."""

    span: Span


@node
class RestPat:
    """`..` inside a tuple, tuple-struct, slice or struct pattern."""

    span: Span


@node
class LitPat:
    """`3`, `-1`, `true`: `value` is an `IntLit`, `FloatLit`, `BoolLit` or a
    `Unary` minus of a literal."""

    span: Span
    value: Expr


@node
class RangePat:
    """`1..=5`, `0..10`, `5..`, `..=9`; bounds are literals (as in `LitPat`) or `Path`s."""

    span: Span
    start: Expr | None
    end: Expr | None
    inclusive: bool


@node
class PathPat:
    """A unit variant or constant named by a path: `Shape::Empty`, `Self::ZERO`."""

    span: Span
    path: Path


@node
class TupleStructPat:
    """`Some(x)`, `Shape::Circle(r)`, `P(a, ..)`."""

    span: Span
    path: Path
    elems: tuple["Pattern", ...]


@node
class FieldPat:
    """`x: pattern` in a struct pattern; `x` alone is `x: x` (an `IdentPat`)."""

    span: Span
    name: str
    pattern: "Pattern"


@node
class StructPat:
    """`Point { x, y: 0 }`, `Shape::Rect { w, .. }` (`rest`: ends with `..`)."""

    span: Span
    path: Path
    fields: tuple[FieldPat, ...]
    rest: bool


@node
class TuplePat:
    """`()`, `(a, b)`, `(first, ..)`."""

    span: Span
    elems: tuple["Pattern", ...]


@node
class SlicePat:
    """`[a, b]`, `[first, rest @ ..]`."""

    span: Span
    elems: tuple["Pattern", ...]


@node
class RefPat:
    """`&pat`, `&mut pat`."""

    span: Span
    pattern: "Pattern"
    mutable: bool


@node
class OrPat:
    """`A | B | C`."""

    span: Span
    alternatives: tuple["Pattern", ...]


Pattern = Union[
    IdentPat, WildcardPat, RestPat, LitPat, RangePat, PathPat, TupleStructPat, StructPat, TuplePat, SlicePat,
    RefPat, OrPat,
]


def bound_names(pattern: Pattern) -> list[IdentPat]:
    """Every `IdentPat` in `pattern`, left to right (a name that the checker
    may still resolve to a unit variant or constant instead of a binding)."""
    found: list[IdentPat] = []
    todo: list[Pattern] = [pattern]
    while todo:
        p = todo.pop()
        kind = type(p)
        if kind is IdentPat:
            found.append(p)  # type: ignore[arg-type]
            if p.subpattern is not None:  # type: ignore[union-attr]
                todo.append(p.subpattern)  # type: ignore[union-attr]
        elif kind in (TuplePat, SlicePat, TupleStructPat):
            todo.extend(reversed(p.elems))  # type: ignore[union-attr]
        elif kind is StructPat:
            todo.extend(reversed([f.pattern for f in p.fields]))  # type: ignore[union-attr]
        elif kind is RefPat:
            todo.append(p.pattern)  # type: ignore[union-attr]
        elif kind is OrPat:
            todo.append(p.alternatives[0])  # type: ignore[union-attr]  (every alternative binds the same names)
    return found


def binding_spans(pattern: Pattern) -> tuple[Span | None, Span | None]:
    """(the name, the `mut`) of a simple binding `x` / `mut x`, for the lints' spans
    and suggestions: its text is `mut`, then the name (None, None for other patterns)."""
    if type(pattern) is not IdentPat or pattern.by_ref or pattern.subpattern is not None:  # type: ignore[union-attr]
        return None, None
    span = pattern.span
    name = Span(span.file, span.end - len(pattern.name), span.end)  # type: ignore[union-attr]
    mut = Span(span.file, span.start, span.start + len("mut")) if pattern.mutable else None  # type: ignore[union-attr]
    return name, mut


def simple_binding(pattern: Pattern) -> tuple[str, bool] | None:
    """(name, mutable) when `pattern` binds one name and tests nothing:
    `x`, `mut x` (no `ref`, no `@`); `("_", False)` for `_`; else None."""
    kind = type(pattern)
    if kind is IdentPat and not pattern.by_ref and pattern.subpattern is None:  # type: ignore[union-attr]
        return pattern.name, pattern.mutable  # type: ignore[union-attr]
    if kind is WildcardPat:
        return "_", False
    return None

# ---------------------------------------------------------------------------
# Statements


@node
class Let:
    """`let PATTERN [: ty] [= init];` and `let PATTERN [: ty] = init else { ... };`."""

    span: Span
    pattern: Pattern
    ty: TypeExpr | None
    init: Expr | None
    else_: Block | None = None


@node
class ExprStmt:
    """An expression used as a statement; `semi` tells whether `;` followed."""

    span: Span
    expr: Expr
    semi: bool


@node
class Empty:
    """A lone `;`."""

    span: Span


Stmt = Union[Let, ExprStmt, Empty, "Item"]  # items in bodies: the checker decides

# ---------------------------------------------------------------------------
# Items


@node
class Visibility:
    """`pub`, `pub(crate)`, `pub(super)`, `pub(self)`, `pub(in a::b)`.

    `restriction` is None for plain `pub`, else the path in the parentheses
    (`("crate",)`, `("super",)`, `("a", "b")`)."""

    span: Span
    restriction: tuple[str, ...] | None


@node
class TraitBound:
    """`Shape`, `InMemory<1>`, `Fn(u32) -> u32`, `?Sized` (`maybe`)."""

    span: Span
    trait: PathType
    maybe: bool = False


Bound = Union[TraitBound, Lifetime]


@node
class GenericParam:
    """`T`, `T: Shape + Copy`, `T = u8` (type parameters), `const N: usize`
    (const parameters), `'a`, `'a: 'b` (lifetime parameters; `name` keeps
    the quote)."""

    span: Span
    name: str
    kind: str  # "type", "const" or "lifetime"
    ty: TypeExpr | None  # a const parameter's type
    bounds: tuple[Bound, ...] = ()
    default: "GenericArg | None" = None

    @property
    def is_const(self) -> bool:
        return self.kind == "const"


@node
class WherePredicate:
    """`T: Shape + Copy`, `Self::Item: Copy`, `'a: 'b` in a `where` clause."""

    span: Span
    bounded: "TypeExpr | Lifetime"
    bounds: tuple[Bound, ...]


@node
class Param:
    """`PATTERN: ty` (`x: u32`, `mut x: u32`, `_: u32`, `(a, b): (u32, u32)`)."""

    span: Span
    pattern: Pattern
    ty: TypeExpr


@node
class SelfParam:
    """A method's receiver: `self`, `mut self`, `&self`, `&'a mut self`, or
    typed, `self: T` (`self: #[mem_idx(M)] &Self` for a far receiver).

    `kind` is "value" (`self`, `mut self`, `self: T`), "ref" or "ref_mut";
    `mutable` is the `mut` of `mut self`; `ty` the explicit type."""

    span: Span
    kind: str
    mutable: bool
    ty: TypeExpr | None
    lifetime: Lifetime | None = None


@node
class FnDecl:
    """A function: free, associated (in an `impl` or `trait`), or imported
    (in an `extern` block). `receiver` is set for methods; `body` is None
    for `fn f(...);` (a built-in, a trait's required method, an import)."""

    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    is_unsafe: bool
    abi: str | None  # "C" for `extern "C" fn`
    generics: tuple[GenericParam, ...]
    params: tuple[Param, ...]
    ret: TypeExpr | None
    body: Block | None
    is_const: bool = False
    receiver: SelfParam | None = None
    where: tuple[WherePredicate, ...] = ()

    @property
    def is_pub(self) -> bool:
        return self.vis is not None


@node
class FieldDecl:
    """A named field, or a tuple field (`name` is its position: "0", "1", ...)."""

    span: Span
    name: str
    ty: TypeExpr
    vis: Visibility | None
    attrs: tuple[Attribute, ...] = ()

    @property
    def is_pub(self) -> bool:
        return self.vis is not None


@node
class StructDecl:
    """`struct S { .. }` (kind "named"), `struct P(u32, u32);` ("tuple"), `struct U;` ("unit")."""

    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    fields: tuple[FieldDecl, ...]
    kind: str = "named"
    generics: tuple[GenericParam, ...] = ()
    where: tuple[WherePredicate, ...] = ()

    @property
    def is_pub(self) -> bool:
        return self.vis is not None


@node
class Variant:
    """An enum variant: `A` (kind "unit"), `B(u32)` ("tuple"), `C { x: u32 }`
    ("named"), each with an optional explicit discriminant (`A = 1`)."""

    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    kind: str
    fields: tuple[FieldDecl, ...]
    discriminant: Expr | None


@node
class EnumDecl:
    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    generics: tuple[GenericParam, ...]
    where: tuple[WherePredicate, ...]
    variants: tuple[Variant, ...]


@node
class ConstDecl:
    """`const N: T = value;`; in a trait, `value` may be None (a required associated const)."""

    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    ty: TypeExpr
    value: Expr | None

    @property
    def is_pub(self) -> bool:
        return self.vis is not None


@node
class StaticDecl:
    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    mutable: bool
    ty: TypeExpr
    value: Expr

    @property
    def is_pub(self) -> bool:
        return self.vis is not None


@node
class TypeAlias:
    """`type Word = u32;`; in a trait, an associated type (`type Item: Copy;`,
    `ty` None); in an impl, its definition (`type Output = V;`)."""

    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    generics: tuple[GenericParam, ...]
    bounds: tuple[Bound, ...]
    where: tuple[WherePredicate, ...]
    ty: TypeExpr | None


@node
class ExternBlock:
    """`extern "C" { fn f(x: i32) -> i32; ... }` with its `#[link(...)]` attrs."""

    span: Span
    attrs: tuple[Attribute, ...]
    abi: str | None
    functions: tuple[FnDecl, ...]


@node
class ImplBlock:
    """`impl<T, const N: usize> Buf<T, N> where ... { ... }` (inherent, `trait`
    None) or `impl Shape for Circle { ... }`; items are `FnDecl`, `ConstDecl`
    and `TypeAlias`."""

    span: Span
    attrs: tuple[Attribute, ...]
    is_unsafe: bool
    generics: tuple[GenericParam, ...]
    trait: PathType | None
    self_ty: TypeExpr
    where: tuple[WherePredicate, ...]
    items: tuple["FnDecl | ConstDecl | TypeAlias", ...]


@node
class TraitDecl:
    """`trait Shape: Copy { const SIDES: u32; fn area(&self) -> u32; fn f(&self) { ... } }`."""

    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    is_unsafe: bool
    generics: tuple[GenericParam, ...]
    supertraits: tuple[Bound, ...]
    where: tuple[WherePredicate, ...]
    items: tuple["FnDecl | ConstDecl | TypeAlias", ...]


@node
class ModDecl:
    """`mod name { items }`, or `mod name;` (`items` None: the module is in another file)."""

    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    items: "tuple[Item, ...] | None"


@node
class UseTree:
    """One tree of a `use`: `a::b` (kind "simple", `alias` for `as e`),
    `a::*` ("glob"), `a::{c, d as e}` ("group", `children`). `path` is the
    prefix written before the tree's end (may be () for `{...}` and `*`)."""

    span: Span
    path: tuple[str, ...]
    kind: str
    alias: str | None
    children: tuple["UseTree", ...]


@node
class UseDecl:
    span: Span
    attrs: tuple[Attribute, ...]
    vis: Visibility | None
    tree: UseTree


Item = Union[
    FnDecl, StructDecl, EnumDecl, ConstDecl, StaticDecl, TypeAlias, ExternBlock, ImplBlock, TraitDecl, ModDecl,
    UseDecl,
]


@node
class Module:
    span: Span
    inner_attrs: tuple[Attribute, ...]
    items: tuple[Item, ...]
