"""Constant evaluation of typed expressions (const items, static initializers,
array lengths, const generic arguments, enum discriminants; associated consts
per instance, in monomorphization), including calls of `const fn`s.

An interpreter over the typed tree: locals live in per-call frames, `if`,
`match`, `while`, `loop`, labeled blocks, `break`/`continue`/`return` work as
at run time, and a reference made during evaluation (`&x`, `&mut self`) is a
`ConstRef` to a place of a frame, never an address: constant evaluation
reads no memory, so a pointer value (an address, with the memory in its type)
cannot be read through, let alone be moved into another memory. Integer
arithmetic that overflows is an error (E0080), as rustc's constant
evaluation is, except in the `wrapping_*` methods; division by zero too.
Evaluation has a budget of steps and of nested calls, so a `const fn` that
loops or recurses forever is an error, not a hang.

Which calls a constant may make is checked before evaluation
(`check/constfns.py`, E0015); the evaluator refuses them again (they cannot
be evaluated) but never reports: it raises `NotConstant`, which its caller
turns into a diagnostic with `NotConstant.report`. Shared by the checker
and monomorphization."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

from . import messages as msg
from .builtins import BuiltinOp
from .check import tree as t
from .diagnostics import Diagnostic, DiagnosticSink, Message
from .types import (
    ArrayType, BoolType, ConstParam, ErrorType, FloatType, FnType, IntType, PointerType, Type, UnitType, round_f32,
    substitute,
)

#: evaluation steps (expressions evaluated inside loops and `const fn` calls, the
#: only parts that can repeat) one constant may take: a `const fn` looping forever
#: stops here (rustc's `long_running_const_eval`); a big array literal costs none
STEP_LIMIT = 1_000_000
#: nested `const fn` calls (rustc's limit of stack frames in constant evaluation)
CALL_DEPTH_LIMIT = 128
#: the largest array a constant evaluation writes element by element
WRITABLE_ARRAY_LIMIT = 1 << 16

#: where the evaluator finds a `const fn`'s typed body (the checker checks it on first use;
#: it raises AfterErrors for a body that was checked with errors)
BodySource = Callable[[t.FnDef], "t.Block | None"]


class NotConstant(Exception):
    """The expression cannot be evaluated at compile time."""

    def __init__(self, node: object, why: str, code: str = "E0015") -> None:
        super().__init__(why)
        self.node = node
        self.why = why
        self.code = code  # E0015: not a constant expression; E0080: evaluation failed
        #: the `const fn` calls the failure happened inside, innermost first: (call, callee)
        self.calls: list[tuple[t.CallFn, t.FnDef]] = []

    def report(self, sink: DiagnosticSink, not_constant: Message, failed: Message, fallback,
               **fields) -> Diagnostic | None:
        """The diagnostic: `failed` (E0080) or `not_constant` (E0015) with `why`,
        at the failing expression, or, inside `const fn` calls, at the call the
        constant itself makes, with the place inside the callee labeled."""
        message = failed if self.code == "E0080" else not_constant
        where = getattr(self.node, "span", None) or fallback
        if not self.calls:
            return sink.report(message(why=self.why, **fields), where)
        outer_call, _ = self.calls[-1]
        _, inner_fn = self.calls[0]
        d = sink.report(message(why=self.why, **fields), outer_call.span, msg.LABEL_FAILED_INSIDE_CALL)
        if where is not None:
            d.with_label(where, msg.LABEL_FAILED_INSIDE.format(name=inner_fn.name))
        if len(self.calls) > 1:
            names = [fn.name for _, fn in reversed(self.calls)]
            shown = names if len(names) <= 4 else names[:2] + ["..."] + names[-1:]
            d.with_note(msg.NOTE_FAILED_CALL_CHAIN.format(n=len(names), chain=" -> ".join(f"`{n}`" if n != "..." else n
                                                                                         for n in shown)))
        return d


class AfterErrors(NotConstant):
    """The evaluation reached what an error already reported is about: a
    `const fn` whose body was checked with errors, a constant that has no
    value, an expression of the error type. Such a tree cannot be trusted
    (error types, unresolved names, a failed constant's placeholder value),
    so the constant being evaluated has no value and nothing more is said."""

    def __init__(self, node: object) -> None:
        super().__init__(node, "it depends on an error reported before")

    def report(self, sink: DiagnosticSink, not_constant: Message, failed: Message, fallback,
               **fields) -> Diagnostic | None:
        if sink.has_errors:
            return None
        # (never silent: were no error reported, the program would build with a placeholder value)
        return sink.ice(f"constant evaluation met `{type(self.node).__name__}` of the error type, "
                        "but no error was reported")


@dataclass(eq=False)
class ConstRef:
    """A reference made during constant evaluation: to element `path` (field
    and element indices) of the value in `cell[key]` (a frame's local, or a
    temporary). Only the evaluator sees it: it cannot be part of a constant's value."""

    cell: dict
    key: object
    path: tuple = ()


@dataclass
class _Frame:
    """One call's locals (by the Local's id) and its generic arguments."""

    locals: dict = field(default_factory=dict)
    subst: dict = field(default_factory=dict)


class _Break(Exception):
    def __init__(self, target: int, value: t.ConstVal) -> None:
        self.target, self.value = target, value


class _Continue(Exception):
    def __init__(self, target: int) -> None:
        self.target = target


class _Return(Exception):
    def __init__(self, value: t.ConstVal) -> None:
        self.value = value


_UNSET = object()  # a local declared without a value (`let x;`)


def evaluate(e: t.TExpr, bodies: BodySource | None = None) -> t.ConstVal:
    """The value of e, or NotConstant. `bodies` gives the typed body of a
    `const fn` (default: the FnDef's own body)."""
    value = _Evaluator(bodies or (lambda fn: fn.body)).value(e, _Frame())
    if _holds_ref(value):
        raise NotConstant(e, msg.WHY_REFERENCE_IN_VALUE, "E0080")
    return value


def _holds_ref(value: t.ConstVal) -> bool:
    if isinstance(value, ConstRef):
        return True
    if isinstance(value, t.EnumConst):
        return any(_holds_ref(v) for v in value.fields)
    if isinstance(value, t.Repeated):
        return _holds_ref(value.value)
    return isinstance(value, tuple) and any(_holds_ref(v) for v in value)


class _Evaluator:
    def __init__(self, bodies: BodySource) -> None:
        self.bodies = bodies
        self.steps = 0
        self.depth = 0
        self.loops = 0  # loops being evaluated (with `depth`: whether steps count)

    def ty(self, ty: Type, frame: _Frame) -> Type:
        return substitute(ty, frame.subst) if frame.subst else ty

    # ----- expressions
    def value(self, e: t.TExpr, frame: _Frame) -> t.ConstVal:
        if self.depth or self.loops:
            self.steps += 1
        if self.steps > STEP_LIMIT:
            raise NotConstant(e, msg.WHY_TOO_MANY_STEPS.format(limit=STEP_LIMIT), "E0080")
        method = getattr(self, "e_" + type(e).__name__, None)
        if isinstance(getattr(e, "ty", None), ErrorType) or isinstance(e, t.Binary) and isinstance(e.lhs.ty, ErrorType):
            raise AfterErrors(e)
        if method is None:
            raise NotConstant(e, msg.WHY_NOT_CONSTANT)
        return method(e, frame)

    def e_IntConst(self, e, frame):
        return e.value

    e_FloatConst = e_BoolConst = e_AggregateConst = e_IntConst

    def e_UnitConst(self, e, frame):
        return None

    def e_ConstParamRef(self, e: t.ConstParamRef, frame):
        value = frame.subst.get(e.param.name)
        if not isinstance(value, int):
            raise NotConstant(e, msg.WHY_GENERIC_CONST_PARAM.format(name=e.param.name))
        return value

    def e_StructLit(self, e: t.StructLit, frame):
        values: list = [None] * len(e.values)
        for i in (e.order if e.order is not None else range(len(e.values))):  # (as written)
            if e.values[i] is not None:
                values[i] = self.value(e.values[i], frame)
        if e.base is not None:
            base = self.value(e.base, frame)
            values = [base[i] if v is None else values[i] for i, v in enumerate(e.values)]
        return tuple(values)

    def e_VariantLit(self, e: t.VariantLit, frame):
        values: list = [None] * len(e.values)
        for i in (e.order if e.order is not None else range(len(e.values))):
            values[i] = self.value(e.values[i], frame)
        return t.EnumConst(e.variant, e.enum.variants[e.variant].discriminant, tuple(values))

    def e_ArrayLit(self, e, frame):
        return tuple(self.value(v, frame) for v in e.elems)

    e_TupleLit = e_ArrayLit

    def e_ArrayRepeat(self, e: t.ArrayRepeat, frame):
        count = e.count
        if isinstance(count, ConstParam):
            count = frame.subst.get(count.name)
            if not isinstance(count, int):
                raise NotConstant(e, msg.WHY_GENERIC_CONST_PARAM.format(name=e.count.name))
        return t.Repeated(self.value(e.value, frame), count)

    def e_Unary(self, e: t.Unary, frame):
        return _unary(e, self.value(e.operand, frame), self.ty(e.ty, frame))

    def e_Binary(self, e: t.Binary, frame):
        a = self.value(e.lhs, frame)
        if e.op in ("&&", "||"):  # short-circuit: the right operand may be what `a` guards against
            return (self.value(e.rhs, frame) if a else False) if e.op == "&&" else (
                True if a else self.value(e.rhs, frame))
        b = self.value(e.rhs, frame)
        if isinstance(a, ConstRef) or isinstance(b, ConstRef):
            raise NotConstant(e, msg.WHY_POINTER_COMPARISON, "E0080")
        return _binary(e, a, b, self.ty(e.lhs.ty, frame), self.ty(e.rhs.ty, frame))

    def e_Cast(self, e: t.Cast, frame):
        v = self.value(e.expr, frame)
        dst = self.ty(e.ty, frame)
        if isinstance(v, ConstRef):
            if isinstance(dst, PointerType):
                return v  # `&x as *const T`: still the same place
            raise NotConstant(e, msg.WHY_POINTER_TO_INT, "E0080")
        return cast_value(v, self.ty(e.expr.ty, frame), dst, e)

    def e_Builtin(self, e: t.Builtin, frame):
        if e.op is BuiltinOp.NULL:
            return 0
        if e.op is BuiltinOp.PTR_IS_NULL:
            pointer = self.value(e.args[0], frame)
            return not isinstance(pointer, ConstRef) and pointer == 0
        if e.op is BuiltinOp.SLICE_LEN and isinstance(e.args[0], t.Unsize):  # an array's `len()`: its type's
            array = self.ty(e.args[0].expr.ty, frame)
            length = array.pointee.length if isinstance(array, PointerType) and isinstance(
                array.pointee, ArrayType) else None
            if isinstance(length, int):
                return length
        raise NotConstant(e, msg.WHY_BUILTIN_NOT_CONSTANT, "E0080")

    def e_FnRef(self, e: t.FnRef, frame):  # a function's address (its table index is filled in by the linker)
        if e.callee.is_generic:
            raise NotConstant(e, msg.WHY_GENERIC_FN_CONSTANT.format(name=e.callee.name))
        return e.callee

    def e_StaticRef(self, e: t.StaticRef, frame):
        if e.static.mutable:  # rustc: "constant accesses mutable global memory"
            raise NotConstant(e, msg.WHY_STATIC_MUT.format(name=e.static.name), "E0080")
        raise NotConstant(e, msg.WHY_STATIC_READ.format(name=e.static.name))

    # ----- places
    def e_LocalRef(self, e: t.LocalRef, frame):
        return self.read(self.place(e, frame), e)

    def e_FieldRef(self, e: t.FieldRef, frame):
        base = self.value(e.base, frame)
        return _element(base, e.index, e)

    def e_IndexRef(self, e: t.IndexRef, frame):
        base = self.value(e.base, frame)
        return _element(base, self.value(e.index, frame), e)

    def e_Deref(self, e: t.Deref, frame):
        return self.read(self.place(e, frame), e)

    def e_AddrOf(self, e: t.AddrOf, frame):
        return self.place(e.place, frame)

    def place(self, e: t.TExpr, frame: _Frame) -> ConstRef:
        """The place `e` names, as a reference (a temporary for a value that is no place)."""
        if isinstance(e, t.LocalRef):
            return ConstRef(frame.locals, id(e.local))
        if isinstance(e, t.FieldRef):
            base = self.place(e.base, frame)
            return ConstRef(base.cell, base.key, base.path + (e.index,))
        if isinstance(e, t.IndexRef):
            base = self.place(e.base, frame)
            index = self.value(e.index, frame)
            _element(self.read(base, e), index, e)  # (bounds)
            return ConstRef(base.cell, base.key, base.path + (index,))
        if isinstance(e, t.Deref):
            pointer = self.value(e.ptr, frame)
            if not isinstance(pointer, ConstRef):  # an address: constant evaluation reads no memory
                raise NotConstant(e, msg.WHY_READ_THROUGH_POINTER.format(ty=self.ty(e.ptr.ty, frame)), "E0080")
            return pointer
        if isinstance(e, t.StaticRef):  # `&S`: an address constant evaluation does not have
            raise NotConstant(e, msg.WHY_NOT_CONSTANT)
        return ConstRef({0: self.value(e, frame)}, 0)

    def read(self, ref: ConstRef, node) -> t.ConstVal:
        value = ref.cell.get(ref.key, _UNSET)
        if value is _UNSET:
            raise NotConstant(node, msg.WHY_NOT_CONSTANT)
        for index in ref.path:
            value = _element(value, index, node)
        return value

    def write(self, ref: ConstRef, value: t.ConstVal, node) -> None:
        if not ref.path:
            ref.cell[ref.key] = value
            return
        ref.cell[ref.key] = self._replaced(ref.cell[ref.key], ref.path, value, node)

    def _replaced(self, whole: t.ConstVal, path: tuple, value: t.ConstVal, node) -> t.ConstVal:
        if not path:
            return value
        index, rest = path[0], path[1:]
        if isinstance(whole, t.Repeated):
            if whole.count > WRITABLE_ARRAY_LIMIT:
                raise NotConstant(node, msg.WHY_ARRAY_TOO_BIG.format(limit=WRITABLE_ARRAY_LIMIT), "E0080")
            whole = whole.elements()
        if isinstance(whole, t.EnumConst):
            fields = list(whole.fields)
            fields[index] = self._replaced(fields[index], rest, value, node)
            return t.EnumConst(whole.variant, whole.discriminant, tuple(fields))
        items = list(whole)  # type: ignore[arg-type]
        items[index] = self._replaced(items[index], rest, value, node)
        return tuple(items)

    def e_Assign(self, e: t.Assign, frame):
        value = self.value(e.value, frame)
        self.write(self.place(e.place, frame), value, e)
        return None

    def e_CompoundAssign(self, e: t.CompoundAssign, frame):
        value = self.value(e.value, frame)
        ref = self.place(e.place, frame)
        old = self.read(ref, e)
        self.write(ref, _binary(e, old, value, self.ty(e.place.ty, frame), self.ty(e.value.ty, frame)), e)
        return None

    # ----- calls
    def e_CallFn(self, e: t.CallFn, frame):
        fn = e.callee
        if fn.trait is not None or not fn.is_const:
            raise NotConstant(e, msg.WHY_NON_CONST_CALL.format(name=fn.name))
        args = [self.value(a, frame) for a in e.args]
        body = self.bodies(fn)
        if body is None:
            raise NotConstant(e, msg.WHY_NO_BODY.format(name=fn.name), "E0080")
        if self.depth >= CALL_DEPTH_LIMIT:
            raise NotConstant(e, msg.WHY_TOO_DEEP.format(limit=CALL_DEPTH_LIMIT), "E0080")
        subst = {k: self._concrete(v, frame) for k, v in e.subst.items()}
        callee = _Frame({id(p): a for p, a in zip(fn.params, args)}, subst)
        self.depth += 1
        try:
            return self.value(body, callee)
        except _Return as r:
            return r.value
        except NotConstant as failure:
            failure.calls.append((e, fn))
            raise
        finally:
            self.depth -= 1

    def _concrete(self, value: object, frame: _Frame) -> object:
        if isinstance(value, Type):
            return self.ty(value, frame)
        if isinstance(value, ConstParam):
            return frame.subst.get(value.name, value)
        return value

    # ----- control flow
    def e_Block(self, e: t.Block, frame):
        for stmt in e.stmts:
            if isinstance(stmt, t.Let):
                frame.locals[id(stmt.local)] = self.value(stmt.init, frame) if stmt.init is not None else _UNSET
            elif isinstance(stmt, t.LetPattern):
                value = self.value(stmt.init, frame)
                if not self.bind(stmt.pattern, value, None, frame):
                    assert stmt.else_ is not None
                    self.value(stmt.else_, frame)  # (diverges)
            else:
                self.value(stmt.expr, frame)
        return self.value(e.tail, frame) if e.tail is not None else None

    def e_If(self, e: t.If, frame):
        if self.value(e.cond, frame):
            return self.value(e.then, frame)
        return self.value(e.else_, frame) if e.else_ is not None else None

    def e_Match(self, e: t.Match, frame):
        is_place = isinstance(e.scrutinee, (t.LocalRef, t.FieldRef, t.IndexRef, t.Deref))
        place = self.place(e.scrutinee, frame) if is_place else ConstRef({0: self.value(e.scrutinee, frame)}, 0)
        value = self.read(place, e)
        for arm in e.arms:
            if self.bind(arm.pattern, value, place, frame) and (
                    arm.guard is None or self.value(arm.guard, frame)):
                return self.value(arm.body, frame)
        raise NotConstant(e, msg.WHY_NOT_CONSTANT, "E0080")  # (the checker proved some arm matches)

    def e_While(self, e: t.While, frame):
        self.loops += 1
        try:
            while self.value(e.cond, frame):
                try:
                    self.value(e.body, frame)
                except _Break as b:
                    if b.target != e.id:
                        raise
                    break
                except _Continue as c:
                    if c.target != e.id:
                        raise
        finally:
            self.loops -= 1
        return None

    def e_Loop(self, e: t.Loop, frame):
        self.loops += 1
        try:
            while True:
                try:
                    self.value(e.body, frame)
                except _Break as b:
                    if b.target != e.id:
                        raise
                    return b.value
                except _Continue as c:
                    if c.target != e.id:
                        raise
        finally:
            self.loops -= 1

    def e_LabeledBlock(self, e: t.LabeledBlock, frame):
        try:
            return self.value(e.body, frame)
        except _Break as b:
            if b.target != e.id:
                raise
            return b.value

    def e_Break(self, e: t.Break, frame):
        raise _Break(e.target, self.value(e.value, frame) if e.value is not None else None)

    def e_Continue(self, e: t.Continue, frame):
        raise _Continue(e.target)

    def e_Return(self, e: t.Return, frame):
        if self.depth == 0:
            raise NotConstant(e, msg.WHY_NOT_CONSTANT)
        raise _Return(self.value(e.value, frame) if e.value is not None else None)

    # ----- patterns
    def bind(self, p: t.Pattern, value: t.ConstVal, place: ConstRef | None, frame: _Frame) -> bool:
        """Whether `value` (at `place`, if it has one) matches `p`; binds its names in `frame`."""
        if isinstance(p, t.PatWild):
            return True
        if isinstance(p, t.PatBind):
            if p.sub is not None and not self.bind(p.sub, value, place, frame):
                return False
            frame.locals[id(p.local)] = (place or ConstRef({0: value}, 0)) if p.by_ref else value
            return True
        if isinstance(p, t.PatLit):
            return value == p.value
        if isinstance(p, t.PatRange):
            ty = self.ty(p.ty, frame)
            lo, hi = p.bounds(ty.bits, ty.signed) if isinstance(ty, IntType) else (p.lo, p.hi)
            return lo <= value <= hi  # type: ignore[operator]
        if isinstance(p, t.PatOr):
            return any(self.bind(alt, value, place, frame) for alt in p.alts)
        if isinstance(p, t.PatDeref):
            if not isinstance(value, ConstRef):
                raise NotConstant(p, msg.WHY_READ_THROUGH_POINTER.format(ty=self.ty(p.ty, frame)), "E0080")
            return self.bind(p.inner, self.read(value, p), value, frame)
        if isinstance(p, t.PatVariant):
            if not isinstance(value, t.EnumConst) or value.variant != p.variant:
                return False
            return all(self.bind(sub, value.fields[i], _sub(place, i), frame) for i, sub in p.fields)
        if isinstance(p, (t.PatStruct, t.PatArray)):
            fields = p.fields if isinstance(p, t.PatStruct) else p.elems
            if not all(self.bind(sub, _element(value, i, p), _sub(place, i), frame) for i, sub in fields):
                return False
            if isinstance(p, t.PatArray) and p.rest is not None:
                start, length, sub = p.rest
                items = value.elements() if isinstance(value, t.Repeated) else value
                return self.bind(sub, tuple(items[start:start + length]), None, frame)  # type: ignore[index]
            return True
        if isinstance(p, t.PatTuple):
            return all(self.bind(sub, value[i], _sub(place, i), frame)  # type: ignore[index]
                       for i, sub in enumerate(p.elems))
        raise NotConstant(p, msg.WHY_NOT_CONSTANT)


def _sub(place: ConstRef | None, index: int) -> ConstRef | None:
    return None if place is None else ConstRef(place.cell, place.key, place.path + (index,))


def _element(value: t.ConstVal, index: object, node) -> t.ConstVal:
    """Field or element `index` of an aggregate constant (bounds checked, as at run time)."""
    if isinstance(value, t.EnumConst):
        return value.fields[index]  # type: ignore[index]
    length = value.count if isinstance(value, t.Repeated) else len(value)  # type: ignore[arg-type]
    if not isinstance(index, int) or not 0 <= index < length:
        raise NotConstant(node, msg.WHY_INDEX_OUT_OF_BOUNDS.format(len=length, index=index), "E0080")
    return value.value if isinstance(value, t.Repeated) else value[index]  # type: ignore[index]


def wrap_int(value: int, ty: IntType) -> int:
    """value reduced to ty's range (two's complement)."""
    bits = ty.bits
    value &= (1 << bits) - 1
    if ty.signed and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value


def int_fits(value: int, ty: IntType) -> bool:
    bits = ty.bits
    if ty.signed:
        return -(1 << (bits - 1)) <= value < (1 << (bits - 1))
    return 0 <= value < (1 << bits)


def _unary(e: t.Unary, v: t.ConstVal, ty: Type) -> t.ConstVal:
    if e.op == "!":
        return (not v) if isinstance(ty, BoolType) else wrap_int(~v, ty)  # type: ignore[operator,arg-type]
    if isinstance(ty, IntType):
        if not int_fits(-v, ty):  # -MIN: rustc rejects it in constants  # type: ignore[operator]
            raise NotConstant(e, msg.WHY_NEGATE_OVERFLOW.format(a=v, ty=ty), "E0080")
        return wrap_int(-v, ty)  # type: ignore[operator]
    return -v  # type: ignore[operator]


def _binary(e: t.Binary | t.CompoundAssign, a, b, ty: Type, rty: Type) -> t.ConstVal:
    """`a op b` where `a` has type `ty` and `b` type `rty` (they differ only for shifts)."""
    op = e.op
    if op in ("==", "!="):
        return (a == b) == (op == "==")
    if op in ("<", "<=", ">", ">="):
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    if op == "&&":
        return a and b
    if op == "||":
        return a or b
    if isinstance(ty, BoolType):
        return {"&": a and b, "|": a or b, "^": a != b}[op]
    if isinstance(ty, FloatType):
        result = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
                  "/": lambda: a / b if b else _fdiv0(a, b), "%": lambda: _fmod(a, b)}[op]()
        return round_f32(result) if ty.bits == 32 else result
    if not isinstance(ty, IntType):
        raise NotConstant(e, msg.WHY_NOT_CONSTANT)
    if op in ("/", "%"):
        if b == 0:
            raise NotConstant(e, msg.WHY_DIVIDE_BY_ZERO if op == "/" else msg.WHY_REMAINDER_BY_ZERO, "E0080")
        q = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
        if not int_fits(q, ty):  # MIN / -1 (and MIN % -1, which rustc rejects too)
            raise NotConstant(e, msg.WHY_OVERFLOW.format(a=a, ty=ty, op=op, b=b), "E0080")
        return wrap_int(q if op == "/" else a - q * b, ty)
    if op in ("<<", ">>"):
        if not 0 <= b < ty.bits:  # rustc rejects shifts by the width or more in constants
            raise NotConstant(e, msg.WHY_SHIFT_OVERFLOW.format(
                direction="left" if op == "<<" else "right", b=b, rty=rty), "E0080")
        amount = b & (ty.bits - 1)
        if op == "<<":
            return wrap_int(a << amount, ty)
        return wrap_int(a >> amount, ty) if ty.signed else (a % (1 << ty.bits)) >> amount
    exact = {"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b, "^": a ^ b}[op]
    if op in "+-*" and not int_fits(exact, ty) and not getattr(e, "wrapping", False):
        # rustc rejects overflow in constants even where run-time arithmetic wraps (not `wrapping_add`)
        raise NotConstant(e, msg.WHY_OVERFLOW.format(a=a, ty=ty, op=op, b=b), "E0080")
    return wrap_int(exact, ty)


def _fdiv0(a: float, b: float) -> float:
    if a != a or a == 0:
        return float("nan")
    return float("inf") if (a > 0) == (str(b)[0] != "-") else float("-inf")


def _fmod(a: float, b: float) -> float:
    """`a % b` as wasm computes it (LLVM's `frem`, C's `fmod`): NaN for an infinite
    `a` or a zero `b` (where Python's `fmod` raises or divides)."""
    if math.isinf(a) or not b:
        return math.nan
    return math.fmod(a, b)


def cast_value(v: t.ConstVal, src: Type, dst: Type, node: object = None) -> t.ConstVal:
    """`v as dst` with Rust's semantics (float -> int saturates, NaN -> 0; a
    fieldless enum is its discriminant)."""
    if isinstance(v, t.EnumConst):
        v = v.discriminant
    if isinstance(dst, (IntType, PointerType)):
        if isinstance(v, float):
            if v != v:
                return 0
            assert isinstance(dst, IntType)
            lo, hi = ((-(1 << (dst.bits - 1)), (1 << (dst.bits - 1)) - 1) if dst.signed
                      else (0, (1 << dst.bits) - 1))
            return max(lo, min(hi, int(v))) if v not in (float("inf"), float("-inf")) else (hi if v > 0 else lo)
        iv = int(v)  # type: ignore[arg-type]
        if isinstance(dst, PointerType):
            return iv & 0xFFFFFFFFFFFFFFFF
        return wrap_int(iv, dst)
    if isinstance(dst, FloatType):
        if dst.bits == 32:  # (an integer rounds once: through the nearest f64 it could round twice)
            return round_f32(Fraction(v) if isinstance(v, int) else float(v))  # type: ignore[arg-type]
        return float(v)  # type: ignore[arg-type]
    if isinstance(dst, BoolType):
        return bool(v)
    if isinstance(dst, ArrayType):
        return v
    raise NotConstant(node, msg.WHY_CAST.format(ty=dst))


def constant_node(span, ty: Type, value: t.ConstVal) -> t.TExpr:
    """The typed node of a folded constant of type `ty`."""
    if isinstance(ty, IntType) or isinstance(ty, PointerType):
        return t.IntConst(span, ty, int(value or 0))  # type: ignore[arg-type]
    if isinstance(ty, FloatType):
        return t.FloatConst(span, ty, 0.0 if value is None else float(value))  # type: ignore[arg-type]  (keeps -0.0)
    if isinstance(ty, BoolType):
        return t.BoolConst(span, ty, bool(value))
    if isinstance(ty, UnitType):
        return t.UnitConst(span, ty)
    if isinstance(ty, FnType) and isinstance(value, t.FnDef):  # a constant function pointer
        return t.FnRef(span, ty, value)
    return t.AggregateConst(span, ty, value)
