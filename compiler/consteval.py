"""Constant evaluation of typed expressions (const items, static initializers,
array lengths; associated consts per instance, in monomorphization). Integer
arithmetic wraps to the type's width, like the run-time semantics in
`tree.Binary`. Shared by the checker and monomorphization."""
from __future__ import annotations

import struct

from . import messages as msg
from .builtins import BuiltinOp
from .check import tree as t
from .types import ArrayType, BoolType, ErrorType, FloatType, FnType, IntType, PointerType, Type, UnitType


class NotConstant(Exception):
    """The expression cannot be evaluated at compile time."""

    def __init__(self, node: object, why: str, code: str = "E0015") -> None:
        super().__init__(why)
        self.node = node
        self.why = why
        self.code = code  # E0015: not a constant expression; E0080: evaluation failed


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


def _round_f32(x: float) -> float:
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return float("inf") if x > 0 else float("-inf")


def evaluate(e: t.TExpr) -> t.ConstVal:
    """The value of e, or NotConstant."""
    if isinstance(e, (t.IntConst, t.FloatConst, t.BoolConst)):
        return e.value
    if isinstance(e, t.UnitConst):
        return None
    if isinstance(e, t.AggregateConst):
        return e.value
    if isinstance(e, t.StructLit):
        base = evaluate(e.base) if e.base is not None else None
        return tuple(evaluate(v) if v is not None else base[i] for i, v in enumerate(e.values))  # type: ignore[index]
    if isinstance(e, t.VariantLit):
        return t.EnumConst(e.variant, e.enum.variants[e.variant].discriminant, tuple(evaluate(v) for v in e.values))
    if isinstance(e, (t.ArrayLit, t.TupleLit)):
        return tuple(evaluate(v) for v in e.elems)
    if isinstance(e, t.ArrayRepeat):
        return t.Repeated(evaluate(e.value), e.count)
    if isinstance(e, t.Block) and not e.stmts and e.tail is not None:
        return evaluate(e.tail)
    if isinstance(getattr(e, "ty", None), ErrorType) or isinstance(e, t.Binary) and isinstance(e.lhs.ty, ErrorType):
        return 0  # an operand whose error is reported: any value will do, nothing is compiled
    if isinstance(e, t.Unary):
        return _unary(e, evaluate(e.operand))
    if isinstance(e, t.Binary):
        return _binary(e, evaluate(e.lhs), evaluate(e.rhs))
    if isinstance(e, t.Cast):
        return cast_value(evaluate(e.expr), e.expr.ty, e.ty, e)
    if isinstance(e, t.Builtin) and e.op is BuiltinOp.NULL:
        return 0
    if isinstance(e, t.FnRef):  # a function's address (its table index is filled in by the linker)
        if e.callee.is_generic:
            raise NotConstant(e, msg.WHY_GENERIC_FN_CONSTANT.format(name=e.callee.name))
        return e.callee
    raise NotConstant(e, msg.WHY_NOT_CONSTANT)


def _unary(e: t.Unary, v: t.ConstVal) -> t.ConstVal:
    if e.op == "!":
        return (not v) if isinstance(e.ty, BoolType) else wrap_int(~v, e.ty)
    if isinstance(e.ty, IntType):
        if not int_fits(-v, e.ty):  # -MIN: rustc rejects it in constants
            raise NotConstant(e, msg.WHY_NEGATE_OVERFLOW.format(a=v, ty=e.ty), "E0080")
        return wrap_int(-v, e.ty)
    return -v


def _binary(e: t.Binary, a: t.ConstVal, b: t.ConstVal) -> t.ConstVal:
    op, ty = e.op, e.lhs.ty
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
        return _round_f32(result) if ty.bits == 32 else result
    assert isinstance(ty, IntType)
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
                direction="left" if op == "<<" else "right", b=b, rty=e.rhs.ty), "E0080")
        amount = b & (ty.bits - 1)
        if op == "<<":
            return wrap_int(a << amount, ty)
        return wrap_int(a >> amount, ty) if ty.signed else (a % (1 << ty.bits)) >> amount
    exact = {"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b, "^": a ^ b}[op]
    if op in "+-*" and not int_fits(exact, ty):
        # rustc rejects overflow in constants even where run-time arithmetic wraps
        raise NotConstant(e, msg.WHY_OVERFLOW.format(a=a, ty=ty, op=op, b=b), "E0080")
    return wrap_int(exact, ty)


def _fdiv0(a: float, b: float) -> float:
    if a != a or a == 0:
        return float("nan")
    return float("inf") if (a > 0) == (str(b)[0] != "-") else float("-inf")


def _fmod(a: float, b: float) -> float:
    import math
    return math.fmod(a, b) if b else float("nan")


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
        iv = int(v)
        if isinstance(dst, PointerType):
            return iv & 0xFFFFFFFFFFFFFFFF
        return wrap_int(iv, dst)
    if isinstance(dst, FloatType):
        f = float(v)
        return _round_f32(f) if dst.bits == 32 else f
    if isinstance(dst, BoolType):
        return bool(v)
    if isinstance(dst, ArrayType):
        return v
    raise NotConstant(node, msg.WHY_CAST.format(ty=dst))


def constant_node(span, ty: Type, value: t.ConstVal) -> t.TExpr:
    """The typed node of a folded constant of type `ty`."""
    if isinstance(ty, IntType) or isinstance(ty, PointerType):
        return t.IntConst(span, ty, int(value or 0))
    if isinstance(ty, FloatType):
        return t.FloatConst(span, ty, float(value or 0.0))
    if isinstance(ty, BoolType):
        return t.BoolConst(span, ty, bool(value))
    if isinstance(ty, UnitType):
        return t.UnitConst(span, ty)
    if isinstance(ty, FnType) and isinstance(value, t.FnDef):  # a constant function pointer
        return t.FnRef(span, ty, value)
    return t.AggregateConst(span, ty, value)
