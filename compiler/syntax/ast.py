"""The abstract syntax tree produced by the parser.

Every node is a frozen, slotted dataclass whose first field is its `span`.
Nodes compare by identity (`eq=False`) so later phases can key side tables by
node. The AST is untyped and unresolved: names are strings; the checker
(`compiler.check`) resolves them and produces the typed tree.
"""
from __future__ import annotations

from dataclasses import dataclass
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
class PathType:
    """A named type: primitive, struct, or generic type parameter."""

    span: Span
    name: str


@node
class MemAttr:
    """The `N` of `#[mem_idx(N)]`: a literal index or a const generic name."""

    span: Span
    value: int | str


@node
class PointerTypeExpr:
    """`*const T`, `*mut T`, `&T`, `&mut T`, optionally `#[mem_idx(N)]`-prefixed."""

    span: Span
    pointee: "TypeExpr"
    mutable: bool
    is_ref: bool
    mem: MemAttr | None


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


TypeExpr = Union[PathType, PointerTypeExpr, ArrayTypeExpr, UnitTypeExpr, NeverTypeExpr]

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
    value: float
    suffix: str | None  # "f32", "f64" or None


@node
class BoolLit:
    span: Span
    value: bool


@node
class UnitLit:
    """`()`."""

    span: Span


@node
class Path:
    """A name, possibly qualified (`core::ptr::null`) and with turbofish args
    (`null::<u8>`, `f::<1, T>`). Generic args are `TypeExpr`s or `Expr`s
    (integer literals, `{ N }` blocks); a bare identifier arg is parsed as a
    `PathType` and disambiguated by the checker."""

    span: Span
    segments: tuple[str, ...]
    generic_args: tuple["GenericArg", ...] = ()

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


@node
class If:
    span: Span
    cond: "Expr"
    then: Block
    else_: "Block | If | None"


@node
class While:
    span: Span
    cond: "Expr"
    body: Block


@node
class Loop:
    span: Span
    body: Block


@node
class Break:
    span: Span
    value: "Expr | None"


@node
class Continue:
    span: Span


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
    span: Span
    name: str
    fields: tuple[StructLitField, ...]


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


Expr = Union[
    IntLit, FloatLit, BoolLit, UnitLit, Path, Call, MethodCall, FieldAccess, Index, Unary,
    AddrOf, Binary, Assign, CompoundAssign, Cast, Block, If, While, Loop, Break, Continue,
    Return, StructLit, ArrayLit, ArrayRepeat,
]
GenericArg = Union[TypeExpr, Expr]

# ---------------------------------------------------------------------------
# Statements


@node
class Let:
    """`let [mut] name [: ty] [= init];` (`_` is a valid name)."""

    span: Span
    name: str
    mutable: bool
    ty: TypeExpr | None
    init: Expr | None
    name_span: Span | None = None  # the name alone, and `mut` (for the lints' spans and suggestions)
    mut_span: Span | None = None


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


Stmt = Union[Let, ExprStmt, Empty, "Item"]

# ---------------------------------------------------------------------------
# Items


@node
class GenericParam:
    """`T` (type parameter) or `const N: usize` (const parameter)."""

    span: Span
    name: str
    is_const: bool
    ty: TypeExpr | None


@node
class Param:
    span: Span
    name: str  # "_" for a wildcard pattern
    mutable: bool
    ty: TypeExpr
    name_span: Span | None = None  # the name alone, and `mut` (for the lints' spans and suggestions)
    mut_span: Span | None = None


@node
class FnDecl:
    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    is_pub: bool
    is_unsafe: bool
    abi: str | None  # "C" for `extern "C" fn`
    generics: tuple[GenericParam, ...]
    params: tuple[Param, ...]
    ret: TypeExpr | None
    body: Block | None  # None inside `extern` blocks


@node
class FieldDecl:
    span: Span
    name: str
    ty: TypeExpr
    is_pub: bool


@node
class StructDecl:
    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    is_pub: bool
    fields: tuple[FieldDecl, ...]


@node
class ConstDecl:
    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    is_pub: bool
    ty: TypeExpr
    value: Expr


@node
class StaticDecl:
    span: Span
    name: str
    name_span: Span
    attrs: tuple[Attribute, ...]
    is_pub: bool
    mutable: bool
    ty: TypeExpr
    value: Expr


@node
class ExternBlock:
    """`extern "C" { fn f(x: i32) -> i32; ... }` with its `#[link(...)]` attrs."""

    span: Span
    attrs: tuple[Attribute, ...]
    abi: str | None
    functions: tuple[FnDecl, ...]


Item = Union[FnDecl, StructDecl, ConstDecl, StaticDecl, ExternBlock]


@node
class Module:
    span: Span
    inner_attrs: tuple[Attribute, ...]
    items: tuple[Item, ...]
