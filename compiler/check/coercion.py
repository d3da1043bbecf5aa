"""Coercion to an expected type, and how a mismatch is reported.

Every place where a value meets the type it must have (a `let` with a type,
an argument, a `return`, a store into a field) is a coercion site and goes
through `CoercionRules.coerced`; the `Context` says which site it is, and
that picks the diagnostic: a plain type mismatch is E0308, a pointer into the
wrong memory is M0001/M0002/M0003/M0007, or M0008 when a callee's const
generic memory parameter makes two memories meet.

As in Rust, a block, an `if` / `else` and a `loop` at a coercion site pass
the site on to the expressions that give their value: the tail, each
branch, each `break` value coerces on its own (so `if c { mut_ptr } else
{ const_ptr }` is a `*const T` where one is expected), and a mismatch is
reported at that expression, not at the enclosing block.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import messages as msg
from ..diagnostics import Message
from ..source import Span
from ..types import ArrayType, ConstParam, ErrorType, FnType, NeverType, PointerType, SliceType, Type, UnitType
from . import tree as t
from .infer import Mismatch
from .items import FnInfo


@dataclass(frozen=True)
class Context:
    """Where a value is coerced to an expected type; picks the error code."""

    kind: str  # "let" | "assign" | "arg" | "return" | "store" | "operand" | "other"
    callee: FnInfo | None = None
    param_type: Type | None = None  # the callee's declared (generic) parameter type
    #: the type annotation that makes the type expected (`let x: u32 = ...`), labelled "expected due to this";
    #: for "return", the function's return type ("expected `u32` because of return type")
    because: Span | None = None


LET = Context("let")
ASSIGN = Context("assign")
RETURN = Context("return")
STORE = Context("store")
OTHER = Context("other")

_MEMORY_MESSAGES: dict[str, Message] = {
    "let": msg.MEMORY_MISMATCH, "assign": msg.MEMORY_MISMATCH, "other": msg.MEMORY_MISMATCH,
    "operand": msg.MEMORY_MISMATCH, "arg": msg.ARGUMENT_MEMORY, "return": msg.RETURN_MEMORY,
    "store": msg.STORE_MEMORY,
}


def quiet(ty: Type) -> bool:
    """Types of expressions that already failed (or never produce a value):
    checks on them stay silent so one mistake gives one diagnostic."""
    return isinstance(ty, (NeverType, ErrorType))


def failed(ty: Type) -> bool:
    """The type of an expression that already failed (its error is reported).
    Unlike `quiet`, `!` is not failed: where a use of an operand is refused
    because of its type (a dereference, a field, an index, a method, a call of
    something that is not a function), a `!` operand is refused as rustc
    refuses it (E0614, E0609, E0608, E0599, E0618). Silence there would drop
    the diverging operand (its `return`) together with the refused use."""
    return isinstance(ty, ErrorType)


def value_span(node: t.TExpr) -> Span:
    """Where the value of a typed expression comes from: a block's tail
    (innermost), else the expression itself."""
    while isinstance(node, t.Block) and node.tail is not None:
        node = node.tail
    return node.span


class CoercionRules:
    def coerced(self, e, expected: Type | None, ctx: Context) -> t.TExpr:
        """The AST expression `e` checked at a coercion site: against
        `expected`, then coerced to it (`ctx` picks the diagnostic)."""
        if expected is None:
            return self.expr(e)
        outer = self.site
        self.site = (e, ctx)
        node = self.expr(e, expected)
        self.site = outer
        return self.coerce(node, expected, ctx)

    def take_site(self, e) -> Context | None:
        """The coercion context when `e` itself stands at the current coercion
        site (a block, `if` or `loop` then passes it on), else None."""
        if self.site is not None and self.site[0] is e:
            ctx = self.site[1]
            self.site = None
            return ctx
        return None

    def coerce(self, node: t.TExpr, expected: Type | None, ctx: Context, span: Span | None = None) -> t.TExpr:
        if expected is None:
            return node
        node = self.unsize(node, expected)  # `&[T; N]` to `&[T]` (slices.py)
        mismatch = self.infer.unify(expected, node.ty, coerce=True)
        if mismatch is None:
            return node
        self.report_mismatch(mismatch, expected, node.ty, span or node.span, ctx)
        return node

    def report_mismatch(self, m: Mismatch, expected: Type, found: Type, span: Span, ctx: Context) -> None:
        label = msg.LABEL_EXPECTED_FOUND.format(expected=self.show(expected), found=self.show(found))
        if not m.memory:
            d = self.error(msg.MISMATCHED_TYPES(), span, label)
            if ctx.because is not None and ctx.kind == "return":
                d.with_label(ctx.because, msg.LABEL_EXPECTED_BY_RETURN_TYPE.format(ty=self.show(expected)))
            elif ctx.because is not None:
                d.with_label(ctx.because, msg.LABEL_EXPECTED_DUE_TO)
            elif ctx.kind == "return" and isinstance(self.infer.resolve(found), UnitType):
                d.with_note(msg.NOTE_NO_TAIL)
            if isinstance(self.infer.shallow(found), t.ClosureType) and isinstance(self.infer.shallow(expected),
                                                                                    FnType):
                d.with_note(msg.NOTE_CLOSURE_CAPTURES)
            tables = _fn_tables(self.infer.resolve(m.expected), self.infer.resolve(m.found))
            if tables is not None:  # a far function pointer met a near one (or one of another module)
                d.with_note(msg.NOTE_FN_TABLES.format(expected=tables[0], found=tables[1]))
            return
        em, fm = m.expected_mem, m.found_mem
        message = _MEMORY_MESSAGES[ctx.kind]
        instance = ctx.kind == "arg" and ctx.callee is not None and _mem_at(ctx.param_type, m.depth, ConstParam)
        if instance:
            message = msg.INSTANCE_MEMORY
        where = "" if m.depth == 0 else msg.WHERE_BEHIND.format(levels=msg.count(m.depth, "level"))
        d = self.error(message(expected=em, found=fm, where=where), span, label)
        if instance:
            params = ctx.callee.fn.const_params
            d.with_note(msg.NOTE_CONST_PARAMS_FIX_MEMORY.format(
                parameters="parameters" if len(params) > 1 else "parameter", params=", ".join(params),
                name=ctx.callee.fn.name, fix="fix" if len(params) > 1 else "fixes"))
        d.with_note(msg.NOTE_NO_IMPLICIT_CONVERSION)
        if m.depth == 0 and isinstance(em, int) and isinstance(fm, (int, ConstParam)):
            target = self.infer.resolve(expected)
            if isinstance(target, PointerType) and isinstance(target.pointee, SliceType):
                raw = PointerType(target.pointee.elem, target.mutable, target.mem, False)
                d.with_help(msg.HELP_SLICE_ROUND_TRIP.format(mem=em, raw=raw,
                                                             parts="from_raw_parts_mut" if target.mutable else
                                                             "from_raw_parts"))
            elif isinstance(target, PointerType):
                raw = PointerType(target.pointee, target.mutable, target.mem, False)
                d.with_help(msg.HELP_ROUND_TRIP.format(mem=em, raw=raw))

    def join(self, a: t.TExpr, b: t.TExpr) -> Type:
        """The type of two values that must agree with nothing expected of
        them (two branches, two `break`s): `!` gives way to the other one,
        and either may coerce to the other (`*mut T` and `*const T` give
        `*const T`). A mismatch is reported at `b`'s value."""
        at, bt = self.infer.shallow(a.ty), self.infer.shallow(b.ty)
        if isinstance(at, NeverType):
            return b.ty
        if isinstance(bt, NeverType):
            return a.ty
        m = self.infer.unify(a.ty, b.ty, coerce=True)
        if m is None:
            return a.ty
        if self.infer.unify(b.ty, a.ty, coerce=True) is None:
            return b.ty
        self.report_mismatch(m, a.ty, b.ty, value_span(b), OTHER)
        return a.ty


def _fn_tables(expected: Type, found: Type) -> tuple[str, str] | None:
    """The tables two function pointer types point into, when those differ."""
    if isinstance(expected, FnType) and isinstance(found, FnType) and expected.far != found.far:
        def table(ty: FnType) -> str:
            return "this module's function table" if ty.far is None else f"the function table of module `{ty.far}`"
        return table(expected), table(found)
    return None


def _mem_at(ty: Type | None, depth: int, kind: type) -> bool:
    """Whether the memory of the pointer `depth` levels deep in ty is a `kind`."""
    while ty is not None:
        if isinstance(ty, PointerType):
            if depth == 0:
                return isinstance(ty.mem, kind)
            depth -= 1
            ty = ty.pointee
        elif isinstance(ty, ArrayType):
            ty = ty.elem
        else:
            return False
    return False
