"""The runtime routines LLVM's wasm32 back end calls, defined in the module that needs them.

Why: LLVM's optimizer turns ordinary 64-bit code into operations the wasm32
back end cannot do inline. InstCombine recognizes the overflow check
`a != 0 && a.wrapping_mul(b) / a != b` as `llvm.umul.with.overflow.i64`,
and instruction selection computes that (and `smul.with.overflow.i64`) as a
128-bit multiply, a call of compiler-rt's `__multi3`. rustc links
`compiler_builtins`; a farc module links nothing but itself, so such a
program built at -O0 and failed to link at -O2 (`undefined symbol:
__multi3`, found by the differential campaign).

What: after the optimizer, a module whose IR may need a 128-bit multiply
gets a hidden definition of `__multi3` (two i128 in, their product modulo
2^128 out, with the C ABI the back end uses for the call). It is written
with 64-bit operations only, from 32-bit limbs, so its own instruction
selection never needs `__multi3`; the optimizer never sees it (it is added
after `optimize`), so nothing re-forms a 128-bit multiply from it, and
wasm-ld drops it when no call remains. `tests/test_libcalls.py` checks it
against Python's integers in both engines.
"""
from __future__ import annotations

from typing import Iterable

#: what in optimized IR may make the back end call `__multi3`
_TRIGGERS = ("i128", "mul.with.overflow.i64")

MULTI3_IR = """
define hidden i128 @__multi3(i128 %a, i128 %b) nounwind "no-builtins" {
  %a0 = trunc i128 %a to i64
  %a.high = lshr i128 %a, 64
  %a1 = trunc i128 %a.high to i64
  %b0 = trunc i128 %b to i64
  %b.high = lshr i128 %b, 64
  %b1 = trunc i128 %b.high to i64
  %x0 = and i64 %a0, 4294967295
  %x1 = lshr i64 %a0, 32
  %y0 = and i64 %b0, 4294967295
  %y1 = lshr i64 %b0, 32
  %p00 = mul i64 %x0, %y0
  %p01 = mul i64 %x0, %y1
  %p10 = mul i64 %x1, %y0
  %p11 = mul i64 %x1, %y1
  %p00.high = lshr i64 %p00, 32
  %p01.low = and i64 %p01, 4294967295
  %p10.low = and i64 %p10, 4294967295
  %middle.0 = add i64 %p00.high, %p01.low
  %middle = add i64 %middle.0, %p10.low
  %middle.carry = lshr i64 %middle, 32
  %p01.high = lshr i64 %p01, 32
  %p10.high = lshr i64 %p10, 32
  %high.0 = add i64 %p11, %p01.high
  %high.1 = add i64 %high.0, %p10.high
  %high.2 = add i64 %high.1, %middle.carry
  %cross.0 = mul i64 %a0, %b1
  %cross.1 = mul i64 %a1, %b0
  %high.3 = add i64 %high.2, %cross.0
  %high = add i64 %high.3, %cross.1
  %low = mul i64 %a0, %b0
  %r.low = zext i64 %low to i128
  %r.high.0 = zext i64 %high to i128
  %r.high = shl i128 %r.high.0, 64
  %r = or i128 %r.high, %r.low
  ret i128 %r
}
"""


def libcall_definitions(definitions: Iterable[list[str]], ir_text: str) -> list[str]:
    """The lines to append to the module `ir_text` (whose function
    definitions are `definitions`) so that it links on its own. Only the
    function bodies are searched: the datalayout names `i128` in every module."""
    if not any(trigger in line for body in definitions for line in body[1:] for trigger in _TRIGGERS):
        return []
    if "@__multi3(" in ir_text:  # the program's own (Rust lets a crate override a builtin too)
        return []
    return MULTI3_IR.strip("\n").splitlines()


__all__ = ["MULTI3_IR", "libcall_definitions"]
