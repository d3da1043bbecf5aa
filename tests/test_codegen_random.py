"""Random integer expressions: compiled code against a Python reference evaluator.

Each seed builds a program of random expression trees over i8/u8/i32/u32/i64
(wrapping arithmetic, trapping division, masked shifts, casts including
saturating float->int, branches), runs every function on edge-case inputs at
-O0 and -O2, and compares results (or traps) with `evaluate`, which follows
the semantics written in compiler/check/tree.py.
"""
from __future__ import annotations

import math
import random

import pytest

from codegen_builders import (
    BOOL, F64, I8, I32, I64, U8, U32, bin, block, cast, fn, if_, lit, local, memories, program, un, var,
)
from compiler.types import IntType
from test_codegen_exec import run

INT_TYPES = [I8, U8, I32, U32, I64]
ARITH = ["+", "-", "*", "/", "%", "&", "|", "^"]
SHIFTS = ["<<", ">>"]
COMPARES = ["==", "!=", "<", "<=", ">", ">="]
PARAMS = [("a", I32), ("b", I64), ("c", U8), ("d", U32)]


class Trap(Exception):
    pass


def wrap(value: int, ty: IntType) -> int:
    value &= (1 << ty.bits) - 1
    if ty.signed and value >> (ty.bits - 1):
        value -= 1 << ty.bits
    return value


def saturate(value: float, ty: IntType) -> int:
    lo, hi = (-(1 << (ty.bits - 1)), (1 << (ty.bits - 1)) - 1) if ty.signed else (0, (1 << ty.bits) - 1)
    if math.isnan(value):
        return 0
    if math.isinf(value):
        return hi if value > 0 else lo
    return max(lo, min(hi, math.trunc(value)))


# An expression is a nested tuple; `build` makes the tree, `evaluate` the value.


def gen(rng: random.Random, ty, depth: int):
    if depth == 0 or rng.random() < 0.2:
        if rng.random() < 0.5:
            name, pty = rng.choice(PARAMS)
            return ("cast", ty, ("param", name, pty)) if pty != ty else ("param", name, pty)
        return ("const", ty, wrap(rng.choice([0, 1, -1, 2, 3, 7, 100, 255, 1 << 31, rng.getrandbits(64)]), ty))
    kind = rng.choice(["arith"] * 4 + ["shift", "unary", "cast", "float", "if"])
    if kind == "arith":
        return ("bin", rng.choice(ARITH), ty, gen(rng, ty, depth - 1), gen(rng, ty, depth - 1))
    if kind == "shift":
        return ("bin", rng.choice(SHIFTS), ty, gen(rng, ty, depth - 1), gen(rng, rng.choice(INT_TYPES), depth - 1))
    if kind == "unary":
        return ("un", "-" if ty.signed and rng.random() < 0.5 else "!", ty, gen(rng, ty, depth - 1))
    if kind == "cast":
        return ("cast", ty, gen(rng, rng.choice(INT_TYPES), depth - 1))
    if kind == "float":  # (x as f64 * k) as ty: exercises saturation
        return ("fcast", ty, gen(rng, rng.choice(INT_TYPES), depth - 1), rng.choice([0.5, -3.0, 1e12, 2.0**40]))
    cty = rng.choice(INT_TYPES)
    return ("if", ty, rng.choice(COMPARES), gen(rng, cty, depth - 1), gen(rng, cty, depth - 1),
            gen(rng, ty, depth - 1), gen(rng, ty, depth - 1))


def build(e, params):
    tag = e[0]
    if tag == "param":
        return var(params[e[1]])
    if tag == "const":
        return lit(e[2], e[1])
    if tag == "bin":
        return bin(e[1], build(e[3], params), build(e[4], params), e[2])
    if tag == "un":
        return un(e[1], build(e[3], params))
    if tag == "cast":
        return cast(build(e[2], params), e[1])
    if tag == "fcast":
        return cast(bin("*", cast(build(e[2], params), F64), lit(e[3], F64)), e[1])
    _, ty, op, x, y, then, other = e
    return if_(bin(op, build(x, params), build(y, params), BOOL),
               block(tail=build(then, params)), block(tail=build(other, params)), ty=ty)


def type_of(e) -> IntType:
    return {"param": lambda: e[2], "const": lambda: e[1], "bin": lambda: e[2], "un": lambda: e[2],
            "cast": lambda: e[1], "fcast": lambda: e[1], "if": lambda: e[1]}[e[0]]()


def evaluate(e, env) -> int:
    tag = e[0]
    if tag == "param":
        return env[e[1]]
    if tag == "const":
        return e[2]
    if tag == "bin":
        op, ty = e[1], e[2]
        a = evaluate(e[3], env)
        b = evaluate(e[4], env)
        if op in ("/", "%"):
            if b == 0 or (ty.signed and a == -(1 << (ty.bits - 1)) and b == -1):
                raise Trap
            q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
            return wrap(q if op == "/" else a - q * b, ty)
        if op in ("<<", ">>"):
            amount = b & (ty.bits - 1)
            return wrap(a << amount, ty) if op == "<<" else wrap(a >> amount, ty)
        return wrap({"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b, "^": a ^ b}[op], ty)
    if tag == "un":
        value = evaluate(e[3], env)
        return wrap(-value if e[1] == "-" else ~value, e[2])
    if tag == "cast":
        return wrap(evaluate(e[2], env), e[1])
    if tag == "fcast":
        return saturate(float(evaluate(e[2], env)) * e[3], e[1])
    _, ty, op, x, y, then, other = e
    a, b = evaluate(x, env), evaluate(y, env)
    taken = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    return evaluate(then if taken else other, env)


INPUTS = [
    {"a": 0, "b": 0, "c": 0, "d": 0},
    {"a": -1, "b": -1, "c": 255, "d": 0xFFFFFFFF},
    {"a": 2**31 - 1, "b": -2**63, "c": 128, "d": 2**31},
    {"a": -2**31, "b": 2**63 - 1, "c": 1, "d": 1},
    {"a": 7, "b": -3, "c": 33, "d": 65},
    {"a": -100, "b": 1 << 40, "c": 200, "d": 12345678},
]


def as_wasm_arg(value: int, ty: IntType) -> int:
    """wasmtime takes signed i32/i64 arguments."""
    bits = 64 if ty.bits == 64 else 32
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("mode", [pytest.param((0, False), id="O0"), pytest.param((2, False), id="O2")])
def test_random_expressions_match_the_reference(seed, mode):
    rng = random.Random(seed)
    functions, exprs = [], []
    for k in range(12):
        params = {name: local(name, ty) for name, ty in PARAMS}
        ty = rng.choice(INT_TYPES)
        expr = gen(rng, ty, 4)
        exprs.append(expr)
        functions.append(fn(f"f{k}", list(params.values()), ty, block(tail=build(expr, params))))
    inst = run(program(functions, mems=memories()), mode)
    for k, expr in enumerate(exprs):
        ty = type_of(expr)
        for env in INPUTS:
            args = [as_wasm_arg(env[name], pty) for name, pty in PARAMS]
            try:
                expected = evaluate(expr, env)
            except Trap:
                assert inst.traps(f"f{k}", *args), (expr, env)
                continue
            actual = inst(f"f{k}", *args)
            assert wrap(actual, ty) == expected, (expr, env, actual, expected)
