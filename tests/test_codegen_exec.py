"""End to end: hand-built programs -> codegen -> wasm-ld -> rewriter -> wasmtime.

Each program runs at -O0, at -O2 and in the legalize-first order, and its
results are compared with Python reference implementations of the
language's semantics (wrapping arithmetic, trapping division, masked
shifts, saturating float->int casts, bounds-checked indexing), so a
miscompile at any level or in either order shows up as a wrong number.
"""
from __future__ import annotations

import math
import random
import struct as pystruct

import pytest
import wasmtime

from codegen_builders import (
    BOOL, F32, F64, I8, I32, I64, U8, U16, U32, USIZE, addr, array, array_lit, array_repeat, assign, bin, block,
    builtin, call, cast, compile_ir, compound, deref, field, fn, index, let, lit, local, memories,
    program, ptr, static, static_ref, struct, struct_lit, un, var, while_,
)
from compiler.diagnostics import DiagnosticSink
from compiler.memory import MemoryDecl
from compiler.types import UNIT, StructType

link_mod = pytest.importorskip("compiler.wasm.link")
postlink = pytest.importorskip("compiler.wasm.postlink")

MODES = [pytest.param((0, False), id="O0"), pytest.param((2, False), id="O2"),
         pytest.param((2, True), id="O2-legalize-first")]
MEMS = memories(MemoryDecl(1, min_pages=1, max_pages=4, export_name="mem1"))


class Instance:
    """A running module: call exports, read and write memories."""

    def __init__(self, wasm: bytes) -> None:
        config = wasmtime.Config()
        config.wasm_multi_memory = True
        config.wasm_memory64 = True
        engine = wasmtime.Engine(config)
        self.store = wasmtime.Store(engine)
        module = wasmtime.Module(engine, wasm)
        self.exports = wasmtime.Instance(self.store, module, []).exports(self.store)

    def __call__(self, name: str, *args):
        return self.exports[name](self.store, *args)

    def read(self, memory: str, start: int, n: int) -> bytes:
        return bytes(self.exports[memory].read(self.store, start, start + n))

    def write(self, memory: str, start: int, data: bytes) -> None:
        self.exports[memory].write(self.store, data, start)

    def traps(self, name: str, *args) -> bool:
        try:
            self(name, *args)
        except wasmtime.Trap:
            return True
        return False


def run(prog, mode) -> Instance:
    opt_level, legalize_first = mode
    result, segments = compile_ir(prog, opt_level, legalize_first=legalize_first)
    sink = DiagnosticSink()
    linked = link_mod.link([result.object_bytes], sink)
    assert linked is not None, sink.render()
    wasm = postlink.finalize(linked, prog.memories, segments, sink)
    assert wasm is not None, sink.render()
    return Instance(wasm)


def s32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


def s64(v: int) -> int:
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >> 63 else v


def s8(v: int) -> int:
    v &= 0xFF
    return v - 256 if v >> 7 else v


# ---------------------------------------------------------------------------
# arithmetic


def binary_fn(name: str, op: str, ty, out=None):
    a, b = local("a", ty), local("b", ty)
    return fn(name, [a, b], out or ty, block(tail=bin(op, var(a), var(b))))


def arith_program():
    a, b = local("a", I32), local("b", I32)
    mul_i8 = fn("mul_i8", [a, b], I32, block(tail=cast(bin("*", cast(var(a), I8), cast(var(b), I8)), I32)))
    x, s = local("x", I64), local("s", I32)
    shl_i64 = fn("shl_i64", [x, s], I64, block(tail=bin("<<", var(x), var(s))))
    u, t = local("u", U32), local("t", I32)
    shr_u32 = fn("shr_u32", [u, t], U32, block(tail=bin(">>", var(u), var(t))))
    f, g, h = local("f", F64), local("g", F32), local("h", F64)
    casts = [
        fn("f64_to_i32", [f], I32, block(tail=cast(var(f), I32))),
        fn("f64_to_u8", [h], I32, block(tail=cast(cast(var(h), U8), I32))),
        fn("f32_to_i64", [g], I64, block(tail=cast(var(g), I64))),
        fn("i32_to_u8", [a], I32, block(tail=cast(cast(var(a), U8), I32))),
        fn("i32_to_i8", [a], I32, block(tail=cast(cast(var(a), I8), I32))),
        fn("u32_to_f64", [u], F64, block(tail=cast(var(u), F64))),
        fn("narrow_i8", [a], I8, block(tail=cast(var(a), I8))),  # results narrower than i32
        fn("narrow_u16", [a], U16, block(tail=cast(var(a), U16))),
        fn("neg", [a], I32, block(tail=un("-", var(a)))),
        fn("bitnot", [a], I32, block(tail=un("!", var(a)))),
    ]
    return program([
        binary_fn("add", "+", I32), binary_fn("sub", "-", I32), binary_fn("mul", "*", I32),
        binary_fn("div", "/", I32), binary_fn("rem", "%", I32), binary_fn("udiv", "/", U32),
        binary_fn("shl", "<<", I32), binary_fn("shr", ">>", I32), binary_fn("lt_u", "<", U32, BOOL),
        binary_fn("mul64", "*", I64), binary_fn("fdiv", "/", F64),
        mul_i8, shl_i64, shr_u32, *casts,
    ], mems=MEMS)


def sat(value: float, lo: int, hi: int) -> int:
    if math.isnan(value):
        return 0
    return int(max(lo, min(hi, math.trunc(value)))) if math.isfinite(value) else (hi if value > 0 else lo)


@pytest.mark.parametrize("mode", MODES)
def test_arithmetic_semantics(mode):
    inst = run(arith_program(), mode)
    rng = random.Random(1234)
    edge = [0, 1, -1, 2, 7, -7, 31, 32, 33, 255, 256, 2**31 - 1, -2**31]
    pairs = [(a, b) for a in edge for b in edge] + [
        (rng.randint(-2**31, 2**31 - 1), rng.randint(-2**31, 2**31 - 1)) for _ in range(40)]
    for a, b in pairs:
        assert inst("add", a, b) == s32(a + b)
        assert inst("sub", a, b) == s32(a - b)
        assert inst("mul", a, b) == s32(a * b)
        assert inst("mul_i8", a, b) == s8(s8(a) * s8(b))
        assert inst("shl", a, b) == s32(a << (b & 31))
        assert inst("shr", a, b) == a >> (b & 31)
        assert inst("shr_u32", a, b) == s32((a & 0xFFFFFFFF) >> (b & 31))
        assert inst("shl_i64", a, b) == s64(a << (b & 63))
        assert inst("lt_u", a, b) == int((a & 0xFFFFFFFF) < (b & 0xFFFFFFFF))
        assert inst("mul64", a * 3, b * 5) == s64(a * 3 * b * 5)
        if b == 0 or (a == -2**31 and b == -1):
            assert inst.traps("div", a, b) and inst.traps("rem", a, b)
        else:
            q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)  # truncating division
            assert inst("div", a, b) == q and inst("rem", a, b) == a - q * b
        if b == 0:
            assert inst.traps("udiv", a, b)
        else:
            assert inst("udiv", a, b) == s32((a & 0xFFFFFFFF) // (b & 0xFFFFFFFF))
    for a in edge:
        assert inst("neg", a) == s32(-a) and inst("bitnot", a) == s32(~a)
        assert inst("i32_to_u8", a) == a & 0xFF and inst("i32_to_i8", a) == s8(a)
        assert inst("narrow_i8", a) == s8(a) and inst("narrow_u16", a) == a & 0xFFFF
        assert inst("u32_to_f64", a) == float(a & 0xFFFFFFFF)
    for value in [0.0, -0.0, 1.9, -1.9, 255.5, 256.0, -5.0, 1e10, -1e10, 2147483647.9, math.inf, -math.inf,
                  math.nan]:
        assert inst("f64_to_i32", value) == sat(value, -2**31, 2**31 - 1), value
        assert inst("f64_to_u8", value) == sat(value, 0, 255), value
        f32 = pystruct.unpack("<f", pystruct.pack("<f", value))[0]  # what the f32 parameter holds
        assert inst("f32_to_i64", f32) == sat(f32, -2**63, 2**63 - 1), value
    assert inst("fdiv", 1.0, 0.0) == math.inf and math.isnan(inst("fdiv", 0.0, 0.0))


# ---------------------------------------------------------------------------
# structs and arrays

PAIR = struct("Pair", ("a", I32), ("b", I64), ("flag", BOOL))
PAIR_T = StructType("Pair")


def aggregates_program():
    x = local("x", I32)
    mk = fn("mk", [x], PAIR_T, block(tail=struct_lit(PAIR, var(x), bin("*", cast(var(x), I64), lit(1000, I64)),
                                                     bin("<", var(x), lit(0)))), export=None)
    p = local("p", PAIR_T)
    # the callee mutates its copy; the caller's value must not change
    takes = fn("takes", [p], I64, block(
        assign(field(var(p), PAIR, "a"), lit(0)),
        tail=bin("-", field(var(p), PAIR, "b"), cast(field(var(p), PAIR, "a"), I64))), export=None)
    y, q, r, t = local("y", I32), local("q", PAIR_T), local("r", PAIR_T), local("t", I64)
    use = fn("use_pairs", [y], I64, block(
        let(q, call(mk, var(y))),
        let(r, var(q)),
        assign(field(var(r), PAIR, "a"), bin("+", field(var(q), PAIR, "a"), lit(1))),
        let(t, call(takes, var(q))),
        tail=bin("+", bin("+", cast(field(var(q), PAIR, "a"), I64), cast(field(var(r), PAIR, "a"), I64)),
                 bin("+", var(t), call(takes, var(r))))))
    i = local("i", USIZE)
    arr, rep = local("arr", array(U32, 4)), local("rep", array(U32, 6))
    arrays = fn("arrays", [i], U32, block(
        let(arr, array_lit(U32, lit(10, U32), lit(20, U32), lit(30, U32), lit(40, U32))),
        let(rep, array_repeat(lit(3, U32), 6)),
        assign(index(var(rep), lit(5, USIZE)), index(var(arr), var(i))),
        tail=bin("+", index(var(rep), lit(0, USIZE)), index(var(rep), lit(5, USIZE)))))
    flags = local("flags", array(BOOL, 3))
    j = local("j", USIZE)
    bools = fn("bools", [j], BOOL, block(
        let(flags, array_repeat(bin("==", lit(1), lit(1)), 3)),
        assign(index(var(flags), lit(1, USIZE)), bin("!=", lit(1), lit(1))),
        tail=index(var(flags), var(j))))
    return program([mk, takes, use, arrays, bools], structs=[PAIR], mems=MEMS)


@pytest.mark.parametrize("mode", MODES)
def test_structs_and_arrays(mode):
    inst = run(aggregates_program(), mode)
    for y in (5, -3, 0):
        b = y * 1000
        # q.a + r.a + takes(q) + takes(r), r = q with a + 1; takes() zeroes
        # the `a` of its own copy and returns b - a = b
        assert inst("use_pairs", y) == y + (y + 1) + 2 * b
    for i in range(4):
        assert inst("arrays", i) == 3 + 10 * (i + 1)
    assert inst.traps("arrays", 4)
    assert inst.traps("arrays", -1)  # usize 0xFFFFFFFF
    assert [inst("bools", j) for j in range(3)] == [1, 0, 1]
    assert inst.traps("bools", 3)


# ---------------------------------------------------------------------------
# far statics, copies between memories, memory size/grow, memidx intrinsics

COUNTERS = static("COUNTERS", array(U32, 4), (1, 2, 3, 4), mem=1)
LABEL = static("LABEL", array(U8, 5), tuple(b"hello"), mem=1, mutable=False)
NEAR_BUF = static("NEAR_BUF", array(U8, 64), tuple(range(64)), mem=0)
FAR_BUF_AT = 1024  # a fixed address in memory 1, far from the statics


def far_ptr(address: int, elem=U8, mem: int = 1):
    return cast(lit(address, USIZE), ptr(elem, mem))


def memories_program():
    i = local("i", USIZE)
    bump = fn("bump", [i], U32, block(
        compound("+", index(static_ref(COUNTERS), var(i)), lit(10, U32)),
        tail=index(static_ref(COUNTERS), var(i))))
    label_at = fn("label_at", [local("k", USIZE)], U8, block())
    k = label_at.params[0]
    label_at.body = block(tail=index(static_ref(LABEL), var(k)))
    n = local("n", USIZE)
    near0 = addr(index(static_ref(NEAR_BUF), lit(0, USIZE)))
    copy_in = fn("copy_in", [n], UNIT, block(
        builtin("copy_nonoverlapping", UNIT, near0, far_ptr(FAR_BUF_AT), var(n))))
    m, total = local("m", USIZE), local("total", U32)
    j = local("j", USIZE)
    copy_out = fn("copy_out", [m], U32, block(
        builtin("write_bytes", UNIT, addr(index(static_ref(NEAR_BUF), lit(0, USIZE))), lit(0, U8), lit(64, USIZE)),
        builtin("copy", UNIT, far_ptr(FAR_BUF_AT), addr(index(static_ref(NEAR_BUF), lit(0, USIZE))), var(m)),
        let(total, lit(0, U32)), let(j, lit(0, USIZE)),
        while_(bin("<", var(j), lit(64, USIZE)), block(
            compound("+", var(total), cast(index(static_ref(NEAR_BUF), var(j)), U32)),
            compound("+", var(j), lit(1, USIZE)))),
        tail=var(total)))
    c = local("c", U8)
    fill_far = fn("fill_far", [c, local("len", USIZE)], UNIT, block())
    fill_far.body = block(builtin("write_bytes", UNIT, far_ptr(FAR_BUF_AT + 100), var(c), var(fill_far.params[1])))
    shift = fn("shift_far", [local("cnt", USIZE)], UNIT, block())  # overlapping memmove within memory 1
    shift.body = block(builtin("copy", UNIT, far_ptr(FAR_BUF_AT), far_ptr(FAR_BUF_AT + 2),
                               var(shift.params[0])))
    grow = fn("grow1", [local("d", USIZE)], USIZE, block())
    grow.body = block(tail=builtin("memory_grow", USIZE, var(grow.params[0]), mem=1))
    size = fn("size1", [], USIZE, block(tail=builtin("memory_size", USIZE, mem=1)))
    size0 = fn("size0", [], USIZE, block(tail=builtin("memory_size", USIZE, mem=0)))
    q = local("q", ptr(U32, 0))
    memidx = fn("memidx", [local("at", USIZE), local("v", U32)], U32, block())
    at, v = memidx.params
    memidx.body = block(
        let(q, cast(var(at), ptr(U32, 0))),
        builtin("store_memidx", UNIT, var(q), var(v), mem=1),
        tail=builtin("load_memidx", U32, var(q), mem=1))
    return program([bump, label_at, copy_in, copy_out, fill_far, shift, grow, size, size0, memidx],
                    statics=[COUNTERS, LABEL, NEAR_BUF], mems=MEMS)


@pytest.mark.parametrize("mode", MODES)
def test_far_statics_copies_and_memory_ops(mode):
    inst = run(memories_program(), mode)
    # far statics: placed from byte 16 of memory 1, initialized, writable
    assert inst.read("mem1", 16, 16) == pystruct.pack("<4I", 1, 2, 3, 4)
    assert inst.read("mem1", 32, 5) == b"hello"
    assert inst("bump", 2) == 13 and inst("bump", 2) == 23
    assert inst.read("mem1", 16, 16) == pystruct.pack("<4I", 1, 2, 23, 4)
    assert [inst("label_at", k) for k in range(5)] == list(b"hello")
    assert inst.traps("label_at", 5)
    # memory 0 -> memory 1
    inst("copy_in", 40)
    assert inst.read("mem1", FAR_BUF_AT, 41) == bytes(range(40)) + b"\0"
    memory0 = inst.read("memory", 0, inst.exports["memory"].data_len(inst.store))
    assert memory0.count(bytes(range(64))) == 1  # the source, untouched in memory 0
    # overlapping copy inside memory 1, then memory 1 -> memory 0
    inst("shift_far", 10)
    assert inst.read("mem1", FAR_BUF_AT, 14) == bytes([0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13])
    inst.write("mem1", FAR_BUF_AT, bytes([200] * 8))
    assert inst("copy_out", 8) == 200 * 8
    inst("fill_far", 0xAB, 7)
    assert inst.read("mem1", FAR_BUF_AT + 99, 9) == b"\0" + b"\xab" * 7 + b"\0"
    # memory.size / memory.grow of memory 1 (max 4 pages)
    assert inst("size1") == 1 and inst("grow1", 2) == 1 and inst("size1") == 3
    assert s32(inst("grow1", 5)) == -1 and inst("size1") == 3
    assert inst("size0") >= 1
    # load_memidx / store_memidx: a memory-0 pointer's address used in memory 1
    assert inst("memidx", 2048, 0xC0FFEE) == 0xC0FFEE
    assert inst.read("mem1", 2048, 4) == pystruct.pack("<I", 0xC0FFEE)
    assert inst.read("memory", 2048, 4) != pystruct.pack("<I", 0xC0FFEE)


# ---------------------------------------------------------------------------
# the vectorized loop computes the right thing


def loops_program():
    src, n = local("src", ptr(U32, 1, False)), local("n", USIZE)
    i, total = local("i", USIZE), local("total", U32)
    sum_fn = fn("sum_far", [src, n], U32, block(
        let(i, lit(0, USIZE)), let(total, lit(0, U32)),
        while_(bin("<", var(i), var(n)), block(
            compound("+", var(total), deref(builtin("ptr_add", src.ty, var(src), var(i)))),
            compound("+", var(i), lit(1, USIZE)))),
        tail=var(total)))
    src2, dst, n2, i2 = local("src", ptr(U32, 1, False)), local("dst", ptr(U32, 0)), local("n", USIZE), \
        local("i", USIZE)
    add_one = fn("add_one", [src2, dst, n2], UNIT, block(
        let(i2, lit(0, USIZE)),
        while_(bin("<", var(i2), var(n2)), block(
            assign(deref(builtin("ptr_add", dst.ty, var(dst), var(i2))),
                   bin("+", deref(builtin("ptr_add", src2.ty, var(src2), var(i2))), lit(1, U32))),
            compound("+", var(i2), lit(1, USIZE))))))
    return program([sum_fn, add_one], mems=MEMS)


@pytest.mark.parametrize("mode", MODES)
def test_cross_memory_loops(mode):
    inst = run(loops_program(), mode)
    rng = random.Random(7)
    values = [rng.randrange(2**32) for _ in range(37)]
    inst.write("mem1", 4096, pystruct.pack(f"<{len(values)}I", *values))
    for n in (0, 1, 3, 4, 17, 37):
        assert s32(inst("sum_far", 4096, n)) == s32(sum(values[:n]))
    inst("add_one", 4096, 8192, 37)
    out = pystruct.unpack("<37I", inst.read("memory", 8192, 37 * 4))
    assert list(out) == [(v + 1) & 0xFFFFFFFF for v in values]


# ---------------------------------------------------------------------------
# float remainder (no libm: farc's own exact fmod)


def f32(value: float) -> float:
    return pystruct.unpack("<f", pystruct.pack("<f", value))[0]


def fmod_reference(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or b == 0:
        return math.nan
    return math.fmod(a, b)


def same_float(x: float, y: float) -> bool:
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y and math.copysign(1, x) == math.copysign(1, y)


@pytest.mark.parametrize("mode", MODES[:2])
def test_float_remainder_is_exact_fmod(mode):
    a, b, c, d = local("a", F64), local("b", F64), local("c", F32), local("d", F32)
    prog = program([fn("rem64", [a, b], F64, block(tail=bin("%", var(a), var(b)))),
                    fn("rem32", [c, d], F32, block(tail=bin("%", var(c), var(d))))], mems=MEMS)
    inst = run(prog, mode)
    rng = random.Random(99)
    values = [0.0, -0.0, 1.0, -7.25, 3.5, 0.1, 1e308, 5e-324, -1e-310, 2.0**60, math.inf, -math.inf, math.nan]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-300, 300) for _ in range(12)]
    for x in values:
        for y in values:
            assert same_float(inst("rem64", x, y), fmod_reference(x, y)), (x, y)
            x32, y32 = f32(x) if abs(x) < 1e38 or not math.isfinite(x) else 1e38, \
                f32(y) if abs(y) < 1e38 or not math.isfinite(y) else 1e38
            x32, y32 = f32(x32), f32(y32)
            assert same_float(inst("rem32", x32, y32), f32(fmod_reference(x32, y32))), (x32, y32)


@pytest.mark.parametrize("mode", MODES[:1])
def test_exported_near_static_with_the_linker_flag(mode):
    """Codegen names an exported memory-0 static by its export name; wasm-ld
    exports it (a global holding its address) given `--export=<name>`."""
    from compiler.codegen.llvm_ir import exported_data_symbols

    counter = static("COUNTER", U32, 41, mem=0, export="counter")
    prog = program([fn("bump", [], U32, block(compound("+", static_ref(counter), lit(1, U32)),
                                               tail=static_ref(counter)))], statics=[counter], mems=MEMS)
    assert exported_data_symbols(prog) == ["counter"]
    result, segments = compile_ir(prog, mode[0])
    sink = DiagnosticSink()
    linked = link_mod.link([result.object_bytes], sink,
                           extra_flags=tuple(f"--export={n}" for n in exported_data_symbols(prog)))
    wasm = postlink.finalize(linked, prog.memories, segments, sink)
    assert wasm is not None, sink.render()
    inst = Instance(wasm)
    assert inst("bump") == 42
    address = inst.exports["counter"].value(inst.store)
    assert inst.read("memory", address, 4) == pystruct.pack("<I", 42)
