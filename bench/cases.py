"""Generated program shapes for the compile-speed growth measurement.

Each shape is a family of farc programs indexed by a size `n` (lines,
nesting depth, terms, memories, elements, bytes); bench/compile_speed.py
compiles each at three sizes and reports how every phase's time grows
(the exponent k of time ~ n^k: 1 is linear). `functions` is the program of
bench/gen_program.py (many ordinary functions); the others are the shapes
that once made a phase superlinear, or that could.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_program import generate as _functions  # noqa: E402

EXPORT = '#[no_mangle]\npub extern "C" fn'


def nested_refs(n: int) -> str:
    """`&&&...&x`: a reference type n deep (the checker was cubic in n)."""
    return f"{EXPORT} f() -> u32 {{ let x = 1u32; let r = " + "&" * n + "x; " + "*" * n + "r }\n"


def long_expr(n: int) -> str:
    """`x + x + ... + x`, n terms in one expression (-O0 was quadratic: one huge block)."""
    return f"{EXPORT} f(x: u32) -> u32 {{ x" + " + x" * (n - 1) + " }\n"


def nested_blocks(n: int) -> str:
    return f"{EXPORT} f() -> u32 {{ " + "{ " * n + "1" + " }" * n + " }\n"


def nested_calls(n: int) -> str:
    """`id(id(...id(1u8)...))` through a generic function."""
    return "fn id<T>(x: T) -> T { x }\n" + f"{EXPORT} f() -> u8 {{ " + "id(" * n + "1u8" + ")" * n + " }\n"


def nested_ifs(n: int) -> str:
    """Control flow n deep: `if x > 0 { if x > 1 { ... } else { 1 } } else { 0 }`."""
    body = "x"
    for i in reversed(range(n)):
        body = f"if x > {i} {{ {body} }} else {{ {i} }}"
    return f"{EXPORT} f(x: u32) -> u32 {{ {body} }}\n"


def long_block(n: int) -> str:
    """n statements in one block, each depending on the one before."""
    stmts = "".join(f"    a = (a ^ {i}) * 3;\n" for i in range(n))
    return f"{EXPORT} f(x: u32) -> u32 {{\n    let mut a = x;\n{stmts}    a\n}}\n"


def many_memories(n: int) -> str:
    """n far memories, each written by a function of its own."""
    decls = "".join(f"#![memory({m}, min = 1)]\n" for m in range(1, n + 1))
    fns = "".join(f"{EXPORT} put{m}(i: usize, v: u32) {{ unsafe {{ *((i * 4) as #[mem_idx({m})] *mut u32) = v; }} }}\n"
                  for m in range(1, n + 1))
    return decls + fns


def deep_instances(n: int) -> str:
    """n generic functions, each calling the next with its type one pointer
    deeper (`g1::<*const T>`): n instances of ever-deeper types, polymorphic
    recursion unrolled below the instance depth limit (the recursion itself
    stops at `mono.MAX_INSTANCE_DEPTH`: tests/test_compile_scaling.py)."""
    chain = "".join(f"fn g{i}<T>(x: *const T) -> u32 {{ g{i + 1}::<*const T>(0usize as *const *const T) + 1 }}\n"
                    for i in range(n))
    return chain + f"fn g{n}<T>(x: *const T) -> u32 {{ 0 }}\n{EXPORT} f() -> u32 {{ g0::<u8>(0usize as *const u8) }}\n"


def array_literal(n: int) -> str:
    """A static initialized by an n-element array literal."""
    elems = ", ".join(str(i % 251 + 1) for i in range(n))
    return f"static TABLE: [u32; {n}] = [{elems}];\n{EXPORT} f(i: usize) -> u32 {{ TABLE[i % {n}] }}\n"


def _pages(size: int) -> int:
    return max(1, -(-(size + 65536) // 65536))


def splat_static(n: int) -> str:
    """`[7u32; n]` in memory 0 and in a far memory (non-zero: their bytes are written)."""
    return (f"#![memory(1, min = {_pages(4 * n)})]\n"
            f"static mut NEAR: [u32; {n}] = [7; {n}];\n"
            f"#[mem_idx(1)]\nstatic mut FAR: [u32; {n}] = [7; {n}];\n"
            f"{EXPORT} f(i: usize) -> u32 {{ unsafe {{ NEAR[i] + FAR[i] }} }}\n")


def zero_statics(n: int) -> str:
    """n zero bytes in memory 0 and n in a far memory: no time or bytes proportional to n."""
    return (f"#![memory(1, min = {_pages(n)})]\n"
            f"static mut NEAR: [u8; {n}] = [0; {n}];\n"
            f"#[mem_idx(1)]\nstatic mut FAR: [u8; {n}] = [0; {n}];\n"
            f"{EXPORT} f(i: usize) -> u8 {{ unsafe {{ NEAR[i] + FAR[i] }} }}\n")


@dataclass(frozen=True)
class Shape:
    name: str
    generate: Callable[[int], str]
    sizes: tuple[int, int, int]  # the three sizes measured (full run)
    quick: tuple[int, int, int]  # tiny sizes for --quick and the smoke test
    unit: str  # what n counts


SHAPES = (
    Shape("functions", _functions, (1_000, 10_000, 100_000), (300, 600, 1_200), "lines"),
    Shape("nested_refs", nested_refs, (500, 1_000, 2_000), (50, 100, 200), "nesting depth"),
    Shape("long_expr", long_expr, (10_000, 20_000, 40_000), (500, 1_000, 2_000), "terms"),
    Shape("nested_blocks", nested_blocks, (1_000, 2_000, 4_000), (100, 200, 400), "nesting depth"),
    Shape("nested_calls", nested_calls, (500, 1_000, 2_000), (50, 100, 200), "nesting depth"),
    Shape("nested_ifs", nested_ifs, (250, 500, 1_000), (25, 50, 100), "nesting depth"),
    Shape("long_block", long_block, (1_250, 2_500, 5_000), (100, 200, 400), "statements"),
    Shape("many_memories", many_memories, (25, 50, 99), (5, 10, 20), "memories"),  # (at most 100 in a file: M0011)
    Shape("deep_instances", deep_instances, (60, 120, 240), (15, 30, 60), "instances"),
    Shape("array_literal", array_literal, (25_000, 50_000, 100_000), (1_000, 2_000, 4_000), "elements"),
    Shape("splat_static", splat_static, (1 << 18, 1 << 19, 1 << 20), (1 << 10, 1 << 11, 1 << 12), "elements"),
    Shape("zero_statics", zero_statics, (1 << 24, 1 << 27, 1 << 30), (1 << 12, 1 << 16, 1 << 20), "bytes"),
)


def shape_named(name: str) -> Shape:
    for shape in SHAPES:
        if shape.name == name:
            return shape
    raise KeyError(name)


__all__ = ["SHAPES", "Shape", "shape_named"]
