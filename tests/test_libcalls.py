"""The runtime routine `__multi3` that LLVM's wasm32 back end calls for a
128-bit multiply (compiler/codegen/libcalls.py). Before it, the 64-bit
overflow check `a != 0 && a.wrapping_mul(b) / a != b` built at -O0 and did
not link at -O2 (`undefined symbol: __multi3`): InstCombine makes it
`llvm.umul.with.overflow.i64`, which the back end computes as an i128
multiply. Checked against Python's integers in wasmtime and V8."""
from __future__ import annotations

import random

import pytest

from codegen_builders import memories, run_ir
from compiler.codegen.ir_model import ModuleText
from compiler.codegen.layout import WASM32_DATALAYOUT
from compiler.codegen.legalize import legalize_ir
from compiler.codegen.libcalls import libcall_definitions
from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.memory import MemoryDecl
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile

SOURCE = """
#[no_mangle]
pub extern "C" fn umul_overflows(a: u64, b: u64) -> u32 {
    let r = a.wrapping_mul(b);
    (a != 0 && r / a != b) as u32
}

#[no_mangle]
pub extern "C" fn smul_overflows(a: i64, b: i64) -> u32 {
    let r = a.wrapping_mul(b);
    (a != 0 && ((a == -1 && b == i64::MIN) || r / a != b)) as u32
}
"""

M64 = (1 << 64) - 1
EDGES = [0, 1, 2, 3, 0xFFFF_FFFF, 1 << 32, (1 << 32) + 1, 3037000499, 3037000500, (1 << 63) - 1, 1 << 63, M64]


def _pairs(seed: int, n: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    pairs = [(a, b) for a in EDGES for b in EDGES]
    for _ in range(n):
        bits_a, bits_b = rng.randint(1, 64), rng.randint(1, 64)
        pairs.append((rng.getrandbits(bits_a), rng.getrandbits(bits_b)))
    return pairs


def _signed(x: int) -> int:
    return x - (1 << 64) if x >> 63 else x


ENGINES = [pytest.param(run_wasmtime, id="wasmtime"), pytest.param(run_node, id="v8")]


@pytest.mark.parametrize("runner", ENGINES)
@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_64_bit_overflow_checks_link_and_agree_with_python(level, runner):
    if runner is run_node and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    sink = DiagnosticSink()
    out = compile_source(SourceFile("overflow.rs", SOURCE), sink, level)
    assert out.wasm is not None, sink.render()
    pairs = _pairs(level, 150)
    calls = [("umul_overflows", [a, b]) for a, b in pairs]
    calls += [("smul_overflows", [_signed(a), _signed(b)]) for a, b in pairs]
    result = runner(RunRequest(out.wasm, out.program.memories, calls))
    assert result.error is None and result.trap is None, result
    expected = [int(a * b > M64) for a, b in pairs]
    expected += [int(not -(1 << 63) <= _signed(a) * _signed(b) < 1 << 63) for a, b in pairs]
    assert result.values == expected


#: a 128-bit multiply the back end makes a call of `__multi3`, taken apart into i64 halves
MUL128_IR = '''target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-i128:128-n32:64-S128-ni:1:10:20"
target triple = "wasm32-unknown-unknown"
define i128 @product(i64 %a0, i64 %a1, i64 %b0, i64 %b1) noinline {
  %a.low = zext i64 %a0 to i128
  %a.high.0 = zext i64 %a1 to i128
  %a.high = shl i128 %a.high.0, 64
  %a = or i128 %a.high, %a.low
  %b.low = zext i64 %b0 to i128
  %b.high.0 = zext i64 %b1 to i128
  %b.high = shl i128 %b.high.0, 64
  %b = or i128 %b.high, %b.low
  %p = mul i128 %a, %b
  ret i128 %p
}
define i64 @low(i64 %a0, i64 %a1, i64 %b0, i64 %b1) "wasm-export-name"="low" {
  %p = call i128 @product(i64 %a0, i64 %a1, i64 %b0, i64 %b1)
  %r = trunc i128 %p to i64
  ret i64 %r
}
define i64 @high(i64 %a0, i64 %a1, i64 %b0, i64 %b1) "wasm-export-name"="high" {
  %p = call i128 @product(i64 %a0, i64 %a1, i64 %b0, i64 %b1)
  %h = lshr i128 %p, 64
  %r = trunc i128 %h to i64
  ret i64 %r
}
'''


@pytest.mark.parametrize("level", [0, 2])
def test_multi3_is_the_product_modulo_2_to_the_128(level):
    rng = random.Random(level)
    values = [(rng.getrandbits(128) >> rng.randint(0, 127)) for _ in range(60)] + [0, 1, M64, (1 << 128) - 1]
    pairs = [(a, b) for a, b in zip(values, reversed(values))] + [((1 << 128) - 1, (1 << 128) - 1)]
    calls = []
    for a, b in pairs:
        args = [_signed(a & M64), _signed(a >> 64), _signed(b & M64), _signed(b >> 64)]
        calls += [("low", args), ("high", args)]
    outcomes = run_ir(MUL128_IR, level, memories(MemoryDecl(0, min_pages=1)), calls)
    expected = []
    for a, b in pairs:
        product = a * b % (1 << 128)
        expected += [_signed(product & M64), _signed(product >> 64)]
    for outcome in outcomes.values():
        assert outcome.trap is None, outcome
        assert [_signed(v % (1 << 64)) for v in outcome.values] == expected


def _routine_for(ir_text: str) -> list[str]:
    return libcall_definitions(ModuleText.parse(ir_text).definitions(), ir_text)


def test_only_modules_that_may_multiply_128_bits_get_the_routine():
    # farc's datalayout names i128 in every module: that alone is no reason
    plain = f'target datalayout = "{WASM32_DATALAYOUT}"\ndefine i32 @f(i32 %x) {{\n  ret i32 %x\n}}\n'
    assert "i128" in plain and _routine_for(plain) == []
    assert legalize_ir(plain).text.count("__multi3") == 0
    assert _routine_for(MUL128_IR)[0].startswith("define hidden i128 @__multi3(")
    overflow = ("define i1 @f(i64 %a, i64 %b) {\n  %r = call { i64, i1 } @llvm.umul.with.overflow.i64(i64 %a, i64 %b)"
                "\n  %o = extractvalue { i64, i1 } %r, 1\n  ret i1 %o\n}\n")
    assert _routine_for(overflow)
    # a program that defines (or imports) the routine itself keeps its own, as Rust lets it
    assert _routine_for(MUL128_IR + "declare i128 @__multi3(i128, i128)\n") == []
