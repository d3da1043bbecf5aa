"""Unoptimized LLVM IR of hand-built programs, checked with FileCheck patterns.

What is checked: the address space of every pointer type, the datalayout,
exports and imports, the alias scopes on accesses, the language's
arithmetic semantics (trapping division, masked shifts, saturating casts),
far statics as constant addresses, memory intrinsics across memories, and
that odd control flow (code after `return`, `break` with values) lowers to IR
that LLVM parses and verifies.
"""
from __future__ import annotations

import llvmlite.binding as llvm
import pytest

from codegen_builders import (
    BOOL, F32, F64, I8, I32, I64, U8, U32, U64, USIZE, addr, array, array_lit, array_repeat, assign, bin,
    block, brk, build_ir, builtin, call, cast, compile_ir, compound, cont, deref, field, filecheck, fn,
    if_, index, let, lit, local, loop, memories, program, ptr, ret, static, static_ref, struct,
    struct_lit, true, un, var, while_,
)
from compiler.codegen.build import build_module
from compiler.diagnostics import DiagnosticSink
from compiler.memory import MemoryDecl
from compiler.types import NEVER, UNIT, StructType

TWO_MEMS = memories(MemoryDecl(1, export_name="mem1"))
THREE_MEMS = memories(MemoryDecl(1), MemoryDecl(2, memory64=True))


def verify(text: str) -> None:
    llvm.initialize_all_targets()
    llvm.parse_assembly(text).verify()


def test_far_pointers_are_in_their_address_space_and_memory64_is_64_bit():
    p1, p2, q = local("p1", ptr(U32, 1)), local("p2", ptr(U8, 2)), local("q", ptr(U8, 0))
    f = fn("f", [p1, p2, q], UNIT, block())
    text = build_ir(program([f], mems=THREE_MEMS))
    filecheck(text, """
; CHECK: target triple = "wasm32-unknown-unknown"
; CHECK: target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-i128:128-n32:64-S128-ni:1:10:20-p1002:64:64"
; CHECK: define void @"f"(ptr addrspace(1001) %"p1", ptr addrspace(1002) %"p2", ptr %"q")
; CHECK: %"p1.addr" = alloca ptr addrspace(1001), align 4
; CHECK: %"p2.addr" = alloca ptr addrspace(1002), align 8
""")
    verify(text)


def test_exports_imports_and_internal_helpers():
    a = local("a", I32)
    helper = fn("helper", [a], I32, block(tail=var(a)), export=None)
    host = fn("host_add", [local("x", I32)], I32, None, import_module="env")
    b = local("b", I32)
    main = fn("main", [b], I32, block(tail=call(host, call(helper, var(b)))), export="entry")
    text = build_ir(program([helper, host, main]))
    filecheck(text, """
; CHECK: define internal i32 @"helper"(i32 %"a")
; CHECK: declare i32 @"host_add"(i32 %"x") "wasm-import-module"="env" "wasm-import-name"="host_add"
; CHECK: define i32 @"main"(i32 %"b") "wasm-export-name"="entry"
; CHECK: call i32 @"helper"
; CHECK: call i32 @"host_add"
""")
    verify(text)


def test_every_access_carries_its_memory_scope():
    src, dst = local("src", ptr(U32, 1)), local("dst", ptr(U32, 0))
    f = fn("f", [src, dst], UNIT, block(assign(deref(var(dst)), deref(var(src)))))
    text = build_ir(program([f], mems=THREE_MEMS))
    filecheck(text, """
; CHECK: load i32, ptr addrspace(1001) %{{.*}}, align 4, !alias.scope ![[IN1:[0-9]+]], !noalias ![[NOT1:[0-9]+]]
; CHECK: store i32 %{{.*}}, ptr %{{.*}}, align 4, !alias.scope ![[IN0:[0-9]+]], !noalias ![[NOT0:[0-9]+]]
; CHECK: ![[DOMAIN:[0-9]+]] = !{ !"farc.memories" }
; CHECK: ![[S0:[0-9]+]] = !{ !"farc.mem0", ![[DOMAIN]] }
; CHECK: ![[S1:[0-9]+]] = !{ !"farc.mem1", ![[DOMAIN]] }
; CHECK: ![[S2:[0-9]+]] = !{ !"farc.mem2", ![[DOMAIN]] }
; CHECK-DAG: ![[IN0]] = !{ ![[S0]] }
; CHECK-DAG: ![[NOT0]] = !{ ![[S1]], ![[S2]] }
; CHECK-DAG: ![[IN1]] = !{ ![[S1]] }
; CHECK-DAG: ![[NOT1]] = !{ ![[S0]], ![[S2]] }
""")


def test_single_memory_programs_have_no_scope_metadata():
    p = local("p", ptr(U32, 0))
    f = fn("f", [p], U32, block(tail=deref(var(p))))
    text = build_ir(program([f], mems=memories()))
    assert "alias.scope" not in text and "farc.mem0" not in text


def test_division_traps_on_zero_and_overflow_unsigned_only_on_zero():
    a, b = local("a", I32), local("b", I32)
    c, d = local("c", U32), local("d", U32)
    sdiv = fn("sdiv", [a, b], I32, block(tail=bin("%", var(a), var(b))))
    udiv = fn("udiv", [c, d], U32, block(tail=bin("/", var(c), var(d))))
    text = build_ir(program([sdiv, udiv]))
    filecheck(text, """
; CHECK-LABEL: define i32 @"sdiv"
; CHECK: %"div.zero" = icmp eq i32 %"b.1", 0
; CHECK-NEXT: br i1 %"div.zero", label %"trap", label %"div.nonzero"
; CHECK: icmp eq i32 %"a.1", -2147483648
; CHECK: icmp eq i32 %"b.1", -1
; CHECK: br i1 %"div.overflow", label %"trap", label %"div.ok"
; CHECK: trap:
; CHECK-NEXT: call void @"farc.trap"()
; CHECK-NEXT: unreachable
; CHECK: srem i32 %"a.1", %"b.1"
; CHECK-LABEL: define i32 @"udiv"
; CHECK: icmp eq i32 %"d.1", 0
; CHECK-NOT: -2147483648
; CHECK: udiv i32 %"c.1", %"d.1"
""")


@pytest.mark.parametrize("ty, amount_ty, mask, op", [
    (I32, I8, 31, "shl"), (I64, I32, 63, "shl"), (I8, U64, 7, "shl"),
])
def test_shift_amounts_are_masked(ty, amount_ty, mask, op):
    x, s = local("x", ty), local("s", amount_ty)
    f = fn("f", [x, s], ty, block(tail=bin("<<", var(x), var(s))))
    text = build_ir(program([f]))
    bits = int(str(ty)[1:])
    filecheck(text, f"""
; CHECK: %"shamt" = and i{bits} %{{{{.*}}}}, {mask}
; CHECK-NEXT: {op} i{bits} %"x.1", %"shamt"
""")
    verify(text)


def test_right_shift_is_arithmetic_for_signed_and_logical_for_unsigned():
    x, s, y = local("x", I32), local("s", U32), local("y", U32)
    f = fn("f", [x, s, y], I32, block(tail=bin("+", bin(">>", var(x), var(s)),
                                               cast(bin(">>", var(y), var(s)), I32))))
    filecheck(build_ir(program([f])), """
; CHECK: ashr i32 %"x.1"
; CHECK: lshr i32 %"y.1"
""")


def test_casts():
    f64, f32, i = local("v", F64), local("w", F32), local("i", I8)
    u = local("u", U8)
    body = block(
        let(local("a", I32), cast(var(f64), I32)),
        let(local("b", U8), cast(var(f32), U8)),
        let(local("c", I64), cast(var(i), I64)),
        let(local("d", I64), cast(var(u), I64)),
        let(local("e", F64), cast(var(u), F64)),
        let(local("g", F32), cast(var(f64), F32)),
        let(local("h", I8), cast(lit(300, I32), I8)),
        let(local("k", U32), cast(true(), U32)),
    )
    text = build_ir(program([fn("f", [f64, f32, i, u], UNIT, body)]))
    filecheck(text, """
; CHECK: call i32 @"llvm.fptosi.sat.i32.f64"(double
; CHECK: call i8 @"llvm.fptoui.sat.i8.f32"(float
; CHECK: sext i8 %{{.*}} to i64
; CHECK: zext i8 %{{.*}} to i64
; CHECK: uitofp i8 %{{.*}} to double
; CHECK: fptrunc double %{{.*}} to float
; CHECK: trunc i32 300 to i8
; CHECK: zext i1 1 to i32
""")
    verify(text)


def test_bool_is_i1_as_value_and_i8_in_memory():
    b = local("b", BOOL)
    flag = local("flag", BOOL)
    f = fn("f", [b], BOOL, block(let(flag, un("!", var(b))), tail=var(flag)))
    filecheck(build_ir(program([f])), """
; CHECK: define zeroext i1 @"f"(i1 zeroext %"b")
; CHECK: %"flag" = alloca i8, align 1
; CHECK: %[[NOT:.*]] = xor i1 %{{.*}}, -1
; CHECK-NEXT: %[[WIDE:.*]] = zext i1 %[[NOT]] to i8
; CHECK-NEXT: store i8 %[[WIDE]], ptr %"flag"
; CHECK-NEXT: %[[NARROW:.*]] = load i8, ptr %"flag"
; CHECK-NEXT: %[[RESULT:.*]] = trunc i8 %[[NARROW]] to i1
; CHECK-NEXT: ret i1 %[[RESULT]]
""")


def test_far_statics_are_constant_addresses_and_near_statics_globals():
    table = static("TABLE", array(U32, 4), (1, 2, 3, 4), mem=1, mutable=False)
    far_scalar = static("COUNTER", U64, 7, mem=2)
    near = static("NEAR", I32, -5, mem=0, export="near")
    i = local("i", USIZE)
    f = fn("f", [i], U64, block(
        compound("+", static_ref(far_scalar), cast(index(static_ref(table), var(i)), U64)),
        compound("+", static_ref(near), lit(1)),
        tail=static_ref(far_scalar)))
    text = build_ir(program([f], statics=[table, far_scalar, near], mems=THREE_MEMS))
    filecheck(text, """
; CHECK-NOT: @"TABLE"
; CHECK-NOT: @"COUNTER"
; CHECK: %"inbounds" = icmp ult i32 %"i.1", 4
; CHECK: br i1 %"inbounds", label %"idx.ok", label %"trap"
; CHECK: getelementptr inbounds [4 x i32], ptr addrspace(1001) inttoptr (i32 16 to ptr addrspace(1001)), i32 0, i32 %"i.1"
; CHECK: load i64, ptr addrspace(1002) inttoptr (i64 16 to ptr addrspace(1002))
; CHECK: store i64 %{{.*}}, ptr addrspace(1002) inttoptr (i64 16 to ptr addrspace(1002))
; CHECK: load i32, ptr @"near"
; CHECK: @"near" = global i32 -5, align 4
""")
    verify(text)


def test_copies_between_memories_use_the_right_overloads():
    near, far = local("near", ptr(U32, 0)), local("far", ptr(U32, 1))
    wide = local("wide", ptr(U32, 2))
    n = local("n", USIZE)
    f = fn("f", [near, far, wide, n], UNIT, block(
        builtin("copy_nonoverlapping", UNIT, var(near), var(far), var(n)),
        builtin("copy", UNIT, var(far), var(near), var(n)),
        builtin("copy_nonoverlapping", UNIT, var(far), var(wide), var(n)),
        builtin("write_bytes", UNIT, var(far), lit(0xAB, U8), var(n)),
    ))
    text = build_ir(program([f], mems=THREE_MEMS))
    filecheck(text, """
; CHECK: %"{{.*}}" = icmp ugt i32 %"n.1", 1073741823
; CHECK: br i1 %{{.*}}, label %"trap", label %"length.fits"
; CHECK: %"bytes" = mul nuw i32 %"n.1", 4
; CHECK: call void @"llvm.memcpy.p1001.p0.i32"(ptr addrspace(1001) align 4 %{{.*}}, ptr align 4 %{{.*}}, i32 %"bytes", i1 0), !alias.scope
; CHECK: call void @"llvm.memmove.p0.p1001.i32"(ptr align 4
; CHECK: call void @"llvm.memcpy.p1002.p1001.i32"(ptr addrspace(1002) align 4
; CHECK: call void @"llvm.memset.p1001.i32"(ptr addrspace(1001) align 4 %{{.*}}, i8 -85, i32
""")
    verify(text)


def test_memory_size_and_grow():
    d = local("d", U64)
    f = fn("f", [d], U64, block(
        let(local("a", USIZE), builtin("memory_size", USIZE, mem=0)),
        let(local("b", USIZE), builtin("memory_grow", USIZE, lit(1, USIZE), mem=1)),
        tail=builtin("memory_grow", U64, var(d), mem=2)))
    text = build_ir(program([f], mems=THREE_MEMS))
    filecheck(text, """
; CHECK: call i32 @"llvm.wasm.memory.size.i32"(i32 0)
; CHECK: call i32 @"memory.grow.m1"(i32 1)
; CHECK: call i64 @"memory.grow.m2"(i64 %"d.1")
; CHECK-DAG: declare i32 @"memory.grow.m1"(i32 %".1") "wasm-import-module"="farc:mem" "wasm-import-name"="memory.grow.m1"
; CHECK-DAG: declare i64 @"memory.grow.m2"(i64 %".1") "wasm-import-module"="farc:mem" "wasm-import-name"="memory.grow.m2"
""")
    verify(text)


def test_load_memidx_reinterprets_the_address_in_the_other_memory():
    p = local("p", ptr(U32, 0))
    f = fn("f", [p], U32, block(
        builtin("store_memidx", UNIT, var(p), lit(5, U32), mem=1),
        tail=builtin("load_memidx", U32, var(p), mem=2)))
    text = build_ir(program([f], mems=THREE_MEMS))
    filecheck(text, """
; CHECK: %"addr" = ptrtoint ptr %"p.1" to i32
; CHECK-NEXT: %[[P1:.*]] = getelementptr i8, ptr addrspace(1001) null, i32 %"addr"
; CHECK-NEXT: store i32 5, ptr addrspace(1001) %[[P1]]
; CHECK: %[[A2:.*]] = zext i32 %"addr.1" to i64
; CHECK-NEXT: %[[P2:.*]] = getelementptr i8, ptr addrspace(1002) null, i64 %[[A2]]
; CHECK-NEXT: load i32, ptr addrspace(1002) %[[P2]]
""")
    verify(text)


def test_pointer_arithmetic_widens_indices_for_memory64():
    p, q, n = local("p", ptr(U32, 2)), local("q", ptr(U32, 1)), local("n", USIZE)
    k = local("k", I32)
    f = fn("f", [p, q, n, k], UNIT, block(
        let(local("a", ptr(U32, 2)), builtin("ptr_add", ptr(U32, 2), var(p), var(n))),
        let(local("b", ptr(U32, 2)), builtin("ptr_offset", ptr(U32, 2), var(p), var(k))),
        let(local("c", ptr(U32, 1)), builtin("ptr_sub", ptr(U32, 1), var(q), var(n))),
    ))
    text = build_ir(program([f], mems=THREE_MEMS))
    filecheck(text, """
; CHECK: %[[N:.*]] = zext i32 %"n.1" to i64
; CHECK-NEXT: getelementptr inbounds nuw i32, ptr addrspace(1002) %"p.1", i64 %[[N]]
; CHECK: %[[K:.*]] = sext i32 %"k.1" to i64
; CHECK-NEXT: getelementptr inbounds i32, ptr addrspace(1002) %"p.2", i64 %[[K]]
; CHECK: %[[NEG:.*]] = sub i32 0, %"n.2"
; CHECK-NEXT: getelementptr inbounds i32, ptr addrspace(1001) %"q.1", i32 %[[NEG]]
""")
    verify(text)


POINT = struct("Point", ("x", I32), ("y", I64), ("ok", BOOL))


def test_struct_values_copy_and_return_through_a_pointer():
    a = local("a", I32)
    make = fn("make", [a], StructType("Point"),
              block(tail=struct_lit(POINT, var(a), cast(var(a), I64), true())), export=None)
    dst = local("dst", ptr(StructType("Point"), 1))
    s = local("s", StructType("Point"))
    use = fn("use", [dst, a], I64, block(
        let(s, call(make, var(a))),
        assign(deref(var(dst)), var(s)),
        tail=field(deref(var(dst)), POINT, "y")))
    text = build_ir(program([make, use], structs=[POINT]))
    filecheck(text, """
; CHECK: %"Point" = type {i32, i64, i8}
; CHECK: define internal void @"make"(ptr noalias %"ret.ptr", i32 %"a")
; CHECK: call void @"llvm.memcpy.p0.p0.i32"(ptr align 8 %"ret.ptr", ptr align 8 %"struct.tmp", i32 24, i1 0)
; CHECK: define i64 @"use"
; CHECK: call void @"make"(ptr %"call.ret", i32 %"a.1")
; CHECK: call void @"llvm.memcpy.p1001.p0.i32"(ptr addrspace(1001) align 8 %{{.*}}, ptr align 8 %{{.*}}, i32 24, i1 0)
; CHECK: getelementptr inbounds %"Point", ptr addrspace(1001) %{{.*}}, i32 0, i32 1
""")
    verify(text)


def test_array_literals_and_repeats():
    i = local("i", USIZE)
    zeros, sevens, lits = local("zeros", array(U32, 100)), local("sevens", array(U32, 50)), \
        local("lits", array(U32, 3))
    f = fn("f", [i], U32, block(
        let(zeros, array_repeat(lit(0, U32), 100)),
        let(sevens, array_repeat(lit(7, U32), 50)),
        let(lits, array_lit(U32, lit(1, U32), lit(2, U32), cast(var(i), U32))),
        tail=bin("+", index(var(sevens), var(i)), index(var(lits), lit(2, USIZE)))))
    text = build_ir(program([f]))
    filecheck(text, """
; CHECK: call void @"llvm.memset.p0.i32"(ptr align 4 %"array.tmp", i8 0, i32 400, i1 0)
; CHECK: fill.body:
; CHECK: store i32 7
; CHECK: icmp eq i32 %{{.*}}, 50
; CHECK: store i32 1, ptr
; CHECK: store i32 2, ptr
""")
    verify(text)


def test_diverging_code_verifies():
    """Code after return, break with a value, `1 + return`, if with a
    diverging branch: the IR must still be valid."""
    c = local("c", BOOL)
    x, y, n = local("x", I32), local("y", I32), local("n", I32)
    f = fn("f", [c, n], I32, block(
        let(x, if_(var(c), block(ret(lit(1))), block(tail=lit(2)), ty=I32)),
        let(y, loop(block(
            if_(bin(">", var(n), lit(10)), block(brk(var(n)))),
            compound("+", var(n), lit(3)),
            if_(bin("==", var(n), lit(4)), block(cont())),
        ), ty=I32)),
        while_(true(), block(brk())),
        if_(bin("==", var(x), lit(0)), block(let(local("z", I32), bin("+", lit(1), ret(lit(9)))))),
        ret(bin("+", var(x), var(y))),
        assign(var(x), lit(5)),  # unreachable
        tail=var(x)))
    text = build_ir(program([f]))
    verify(text)
    assert "dead" not in text  # unreachable continuation blocks are removed


def test_never_returning_function_and_trap():
    boom = fn("boom", [], NEVER, block(builtin("trap", NEVER)), export=None)
    c = local("c", BOOL)
    f = fn("f", [c], I32, block(if_(var(c), block(call(boom))), tail=lit(1)))
    text = build_ir(program([boom, f]))
    filecheck(text, """
; CHECK: define internal void @"boom"() noreturn nounwind
; CHECK: br label %"trap"
; CHECK: trap:
; CHECK-NEXT: call void @"farc.trap"()
; CHECK-NEXT: unreachable
; CHECK: call void @"boom"()
; CHECK-NEXT: unreachable
; CHECK: declare void @"farc.trap"() "wasm-import-module"="farc:mem" "wasm-import-name"="trap" cold noreturn nounwind readonly
""")
    verify(text)


def test_pointers_to_locals_and_comparisons():
    x = local("x", I32)
    p, q = local("p", ptr(I32, 0)), local("q", ptr(U8, 1))
    f = fn("f", [q], BOOL, block(
        let(x, lit(3)),
        let(p, addr(var(x))),
        assign(deref(var(p)), lit(4)),
        tail=bin("&&", builtin("ptr_is_null", BOOL, var(q)), bin("<", var(p), var(p)))))
    text = build_ir(program([f]))
    filecheck(text, """
; CHECK: store ptr %"x", ptr %"p"
; CHECK: icmp eq ptr addrspace(1001) %{{.*}}, null
; CHECK: and.rhs:
; CHECK: icmp ult ptr
""")
    verify(text)


def test_generic_leftovers_are_an_ice_not_a_crash():
    f = fn("g", [], UNIT, block())
    f.type_params = ["T"]
    sink = DiagnosticSink()
    assert build_module(program([f]), sink) is None
    assert [d.code for d in sink.diagnostics] == ["ICE"]
    assert "not monomorphized" in sink.diagnostics[0].message


def test_unoptimized_program_compiles_at_every_level():
    src, dst, n = local("src", ptr(U32, 1)), local("dst", ptr(U32, 0)), local("n", USIZE)
    i = local("i", USIZE)
    f = fn("f", [src, dst, n], UNIT, block(
        let(i, lit(0, USIZE)),
        while_(bin("<", var(i), var(n)), block(
            assign(deref(builtin("ptr_add", dst.ty, var(dst), var(i))),
                   deref(builtin("ptr_add", src.ty, var(src), var(i)))),
            compound("+", var(i), lit(1, USIZE))))))
    for level in range(4):
        result, _ = compile_ir(program([f], mems=TWO_MEMS), level)
        assert result.object_bytes[:4] == b"\0asm"
