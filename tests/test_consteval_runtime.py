"""The constant evaluator computes what wasm computes. Random expressions of
integer and float types (arithmetic, `%`, bit operations, shifts,
comparisons, negation, every numeric `as` cast) are each written twice in
one program: as a `const`, which farc's evaluator folds, and in a function
whose leaves are read from `static mut`s, which neither farc nor LLVM can
fold, so the engine computes it. Both results are returned as bits and must
be equal (two NaNs count as equal: wasm leaves a NaN's sign and payload to
the engine).

Integer operations that could overflow, divide by zero or shift too far are
refused in constants (E0080, as in rustc) while wasm wraps; the generator
knows the exact value of each integer subexpression made only of integers
and writes those operations only where they stay in range. Subexpressions
whose value depends on float arithmetic only meet operations that cannot
overflow (bit operations, shifts by a literal, comparisons, casts).

    FARC_CONSTEVAL_SEEDS=200 python -m pytest tests/test_consteval_runtime.py
runs more programs (default: a few fixed seeds)."""
from __future__ import annotations

import math
import os
import random
import struct
from dataclasses import dataclass

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, run_wasmtime
from compiler.source import SourceFile

INTS = {"u8": (8, False), "i16": (16, True), "u32": (32, False), "i32": (32, True),
        "u64": (64, False), "i64": (64, True)}
FLOATS = ("f32", "f64")
TYPES = (*INTS, *FLOATS)
EXPRESSIONS = 40
SEEDS = range(int(os.environ.get("FARC_CONSTEVAL_SEEDS", "3")))


@dataclass
class Expr:
    text: str  # with the leaves as literals (the constant)
    runtime: str  # with the leaves read from statics
    ty: str
    value: int | None  # exact, for an integer subexpression of integers only


def int_range(ty: str) -> tuple[int, int]:
    bits, signed = INTS[ty]
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


def wrap(value: int, ty: str) -> int:
    bits, signed = INTS[ty]
    value &= (1 << bits) - 1
    return value - (1 << bits) if signed and value >= 1 << (bits - 1) else value


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.statics: list[str] = []

    def leaf(self, ty: str) -> Expr:
        rng = self.rng
        if ty in INTS:
            lo, hi = int_range(ty)
            value = rng.choice([0, 1, 2, 3, 7, lo, hi, lo + 1, hi - 1, -1 if lo < 0 else 5,
                                rng.randint(lo, hi), rng.randint(-100, 100) if lo < 0 else rng.randint(0, 200)])
            text = f"{value}{ty}"
        else:  # (suffixed: an unsuffixed literal under `as` would be an f64)
            text, value = self.float_literal(ty) + ty, None
        name = f"L{len(self.statics)}"
        self.statics.append(f"static mut {name}: {ty} = {text};")
        return Expr(f"({text})", f"(unsafe {{ {name} }})", ty, value)

    def float_literal(self, ty: str) -> str:
        rng = self.rng
        limit = 38 if ty == "f32" else 300
        kind = rng.randrange(6)
        if kind == 0:
            return rng.choice(["0.0", "-0.0", "1.0", "-1.0", "0.5", "16777217.0", "9007199254740993.0"])
        if kind == 1:  # many digits: rounding matters
            digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(10, 30)))
            return f"{'-' if rng.random() < 0.3 else ''}{digits[0]}.{digits[1:]}e{rng.randint(-limit, limit)}"
        if kind == 2:  # large, near the type's limits
            return f"{rng.choice(['', '-'])}{rng.uniform(1, 3.3):.6f}e{limit}"
        if kind == 3:  # tiny: subnormal for f32
            return f"{rng.uniform(1, 9):.4f}e-{rng.randint(30, 45) if ty == 'f32' else rng.randint(300, 320)}"
        return f"{rng.uniform(-1000, 1000):.{rng.randint(1, 9)}f}"

    def expr(self, ty: str, depth: int) -> Expr:
        if depth <= 0 or self.rng.random() < 0.2:
            return self.leaf(ty)
        choice = self.rng.random()
        if choice < 0.3:
            return self.cast(ty, depth)
        if choice < 0.4 and ty in INTS:
            return self.comparison(ty, depth)
        return self.float_op(ty, depth) if ty in FLOATS else self.int_op(ty, depth)

    def cast(self, ty: str, depth: int) -> Expr:
        src = self.rng.choice(TYPES)
        inner = self.expr(src, depth - 1)
        value = None
        if ty in INTS and src in INTS and inner.value is not None:
            value = wrap(inner.value, ty)
        return Expr(f"({inner.text} as {ty})", f"({inner.runtime} as {ty})", ty, value)

    def comparison(self, ty: str, depth: int) -> Expr:
        src = self.rng.choice(TYPES)
        a, b = self.expr(src, depth - 1), self.expr(src, depth - 1)
        op = self.rng.choice(["==", "!=", "<", "<=", ">", ">="])
        value = None
        if a.value is not None and b.value is not None:
            value = int({"==": a.value == b.value, "!=": a.value != b.value, "<": a.value < b.value,
                         "<=": a.value <= b.value, ">": a.value > b.value, ">=": a.value >= b.value}[op])
        return Expr(f"(({a.text} {op} {b.text}) as {ty})", f"(({a.runtime} {op} {b.runtime}) as {ty})", ty, value)

    def float_op(self, ty: str, depth: int) -> Expr:
        if self.rng.random() < 0.15:
            a = self.expr(ty, depth - 1)
            return Expr(f"(-{a.text})", f"(-{a.runtime})", ty, None)
        a, b = self.expr(ty, depth - 1), self.expr(ty, depth - 1)
        op = self.rng.choice("+-*/%")
        return Expr(f"({a.text} {op} {b.text})", f"({a.runtime} {op} {b.runtime})", ty, None)

    def int_op(self, ty: str, depth: int) -> Expr:
        a, b = self.expr(ty, depth - 1), self.expr(ty, depth - 1)
        lo, hi = int_range(ty)
        bits, signed = INTS[ty]
        options = ["&", "|", "^", "<<", ">>"]
        if a.value is not None and b.value is not None:
            exact = {"+": a.value + b.value, "-": a.value - b.value, "*": a.value * b.value}
            options += [op for op, v in exact.items() if lo <= v <= hi]
            if b.value != 0 and not (signed and b.value == -1):
                options += ["/", "%"]
        op = self.rng.choice(options)
        if op in ("<<", ">>"):
            amount = self.rng.randrange(bits)
            value = None
            if a.value is not None:
                value = wrap(a.value << amount, ty) if op == "<<" else a.value >> amount
            return Expr(f"({a.text} {op} {amount})", f"({a.runtime} {op} {amount})", ty, value)
        value = None
        if a.value is not None and b.value is not None:
            if op in "/%":
                q = abs(a.value) // abs(b.value) * (1 if (a.value >= 0) == (b.value >= 0) else -1)
                value = q if op == "/" else a.value - q * b.value
            else:
                value = {"&": a.value & b.value, "|": a.value | b.value, "^": a.value ^ b.value,
                         "+": a.value + b.value, "-": a.value - b.value, "*": a.value * b.value}[op]
                value = wrap(value, ty)
        return Expr(f"({a.text} {op} {b.text})", f"({a.runtime} {op} {b.runtime})", ty, value)


def bits_of(ty: str, value: str) -> str:
    if ty == "f32":
        return f"{{ let v: f32 = {value}; unsafe {{ *(&v as *const f32 as *const u32) as u64 }} }}"
    if ty == "f64":
        return f"{{ let v: f64 = {value}; unsafe {{ *(&v as *const f64 as *const u64) }} }}"
    return f"({value} as u64)"


def program(seed: int) -> tuple[str, list[Expr]]:
    gen = Generator(seed)
    exprs = [gen.expr(gen.rng.choice(TYPES), gen.rng.randint(1, 4)) for _ in range(EXPRESSIONS)]
    lines = list(gen.statics)
    for i, e in enumerate(exprs):
        lines.append(f"const C{i}: {e.ty} = {e.text};")
        lines.append(f'#[no_mangle]\npub extern "C" fn c{i}() -> u64 {{ {bits_of(e.ty, f"C{i}")} }}')
        lines.append(f'#[no_mangle]\npub extern "C" fn r{i}() -> u64 {{ {bits_of(e.ty, e.runtime)} }}')
    return "#![allow(unused)]\n" + "\n".join(lines) + "\n", exprs


def is_nan(ty: str, bits: int) -> bool:
    if ty == "f32":
        return math.isnan(struct.unpack("<f", struct.pack("<I", bits & 0xFFFFFFFF))[0])
    if ty == "f64":
        return math.isnan(struct.unpack("<d", struct.pack("<Q", bits))[0])
    return False


@pytest.mark.parametrize("seed", SEEDS)
def test_constants_equal_run_time_values(seed):
    source, exprs = program(seed)
    sink = DiagnosticSink()
    out = compile_source(SourceFile(f"consteval_{seed}.rs", source), sink, 0)
    assert out.wasm is not None, sink.render()
    calls = [(f"{kind}{i}", []) for i in range(len(exprs)) for kind in "cr"]
    result = run_wasmtime(RunRequest(out.wasm, out.program.memories, calls))
    assert result.error is None and result.trap is None, result
    wrong = []
    for i, e in enumerate(exprs):
        const, run = (v & 0xFFFFFFFFFFFFFFFF for v in result.values[2 * i:2 * i + 2])
        if const != run and not (is_nan(e.ty, const) and is_nan(e.ty, run)):
            wrong.append(f"{e.ty} {e.text}: constant {const:#x}, run time {run:#x}")
    assert not wrong, "\n".join(wrong)
