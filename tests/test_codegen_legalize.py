"""Legalization of far accesses into intrinsic-import calls, and its check.

Unit tests feed hand-written IR (every access shape the optimizer can
produce), then whole programs go through -O0..-O3 and the legalize-first
order; after legalization no load/store/memory intrinsic may touch an
address space >= 1000, and the check must catch one that does.
"""
from __future__ import annotations

import re

import llvmlite.binding as llvm
import pytest

from codegen_builders import (
    U8, U32, U64, USIZE, assign, bin, block, builtin, compile_ir, compound, deref, filecheck, fn, let, lit,
    local, memories, program, ptr, run_ir, var, while_,
)
from compiler.codegen.emit import run_guarded
from compiler.codegen.ir_model import split_top_level, split_type, strip_param_attrs
from compiler.codegen.legalize import LegalizeError, find_far_accesses, legalize_ir
from compiler.diagnostics import DiagnosticSink
from compiler.memory import MemoryDecl, parse_import_name
from compiler.types import UNIT

HEADER = '''target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20-p1002:64:64"
target triple = "wasm32-unknown-unknown"
'''
#: a far access in printed IR (independent of `find_far_accesses`): a load
#: or store whose *pointer* operand is far, or a memory intrinsic on a far space
FAR_ACCESS = re.compile(
    r"^\s*(?:%\S+ = load [^,]+, ptr addrspace\(10\d\d\)"
    r"|store .*, ptr addrspace\(10\d\d\) [^,]+(?:, align \d+)?(?:, !.*)?$"
    r"|.*call .*@\"?llvm\.mem(?:cpy|move|set)[.\w]*\.p10\d\d)",
    re.MULTILINE)


def assert_clean(text: str) -> None:
    assert not FAR_ACCESS.search(text), FAR_ACCESS.search(text).group(0)
    assert find_far_accesses(parse(text)) == []


def parse(text: str):
    llvm.initialize_all_targets()
    module = llvm.parse_assembly(text)
    module.verify()
    return module


def legalize(body: str) -> str:
    """Legalize one function's worth of IR; the result must verify and be clean."""
    text = legalize_ir(HEADER + body).text
    module = parse(text)
    assert find_far_accesses(module) == []
    assert_clean(text)
    return text


def test_operand_splitting():
    assert split_top_level("<4 x i32> <i32 1, i32 2, i32 3, i32 4>, ptr addrspace(1001) %p, align 4") == [
        "<4 x i32> <i32 1, i32 2, i32 3, i32 4>", "ptr addrspace(1001) %p", "align 4"]
    assert split_type("ptr addrspace(1001) getelementptr (i8, ptr addrspace(1001) %p, i32 4)") == (
        "ptr addrspace(1001)", "getelementptr (i8, ptr addrspace(1001) %p, i32 4)")
    assert split_type('{ i32, [2 x i8] } %"x y"') == ("{ i32, [2 x i8] }", '%"x y"')
    assert strip_param_attrs("noundef align 8 captures(none) %dst") == ("noundef align 8 captures(none)", "%dst")
    assert strip_param_attrs("null") == ("", "null")


def test_scalar_loads_and_stores():
    text = legalize('''
define void @f(ptr addrspace(1001) %p, ptr addrspace(1002) %w) {
  %a = load i8, ptr addrspace(1001) %p, align 1
  %b = load i16, ptr addrspace(1001) %p, align 2
  %c = load i32, ptr addrspace(1001) %p, align 4, !noalias !0
  %d = load i64, ptr addrspace(1001) %p, align 8
  %e = load float, ptr addrspace(1001) %p, align 4
  %f = load double, ptr addrspace(1002) %w, align 8
  %g = load volatile i1, ptr addrspace(1001) %p, align 1
  store i8 %a, ptr addrspace(1001) %p, align 1
  store i16 %b, ptr addrspace(1002) %w, align 2
  store i32 %c, ptr addrspace(1001) %p, align 16
  store i64 %d, ptr addrspace(1001) %p, align 8
  store float %e, ptr addrspace(1001) %p, align 4
  store double %f, ptr addrspace(1001) %p, align 1
  store i1 %g, ptr addrspace(1001) %p, align 1
  ret void
}
!0 = !{!1}
!1 = !{!"s", !2}
!2 = !{!"d"}
''')
    filecheck(text, r"""
; CHECK: %far$1 = ptrtoint ptr addrspace(1001) %p to i32
; CHECK-NEXT: %a = call zeroext i8 @"i32.load8_u.m1.a1.i8"(i32 %far$1)
; CHECK: call zeroext i16 @"i32.load16_u.m1.a2.i16"
; CHECK: %c = call i32 @"i32.load.m1.a4"
; CHECK: %d = call i64 @"i64.load.m1.a8"
; CHECK: %e = call float @"f32.load.m1.a4"
; CHECK: %[[W:.*]] = bitcast i64 %w to i64
; CHECK-NEXT: %f = call double @"f64.load.m2.a8"(i64 %[[W]])
; CHECK: %g = call zeroext i1 @"i32.load8_u.m1.a1.i1"
; CHECK: %[[A:.*]] = zext i8 %a to i32
; CHECK-NEXT: call void @"i32.store8.m1.a1"(i32 %{{.*}}, i32 %[[A]])
; CHECK: call void @"i32.store16.m2.a2"(i64
; CHECK: call void @"i32.store.m1.a4"(i32 %{{.*}}, i32 %c)
; CHECK: call void @"i64.store.m1.a8"(i32 %{{.*}}, i64 %d)
; CHECK: call void @"f32.store.m1.a4"(i32 %{{.*}}, float %e)
; CHECK: call void @"f64.store.m1.a1"(i32 %{{.*}}, double %f)
; CHECK-DAG: declare i32 @"i32.load.m1.a4"(i32) nounwind "wasm-import-module"="farc:mem" "wasm-import-name"="i32.load.m1.a4"
; CHECK-DAG: declare void @"i32.store16.m2.a2"(i64, i32) nounwind "wasm-import-module"="farc:mem" "wasm-import-name"="i32.store16.m2.a2"
""")


def test_pointer_values_are_loaded_as_addresses_of_their_own_width():
    text = legalize('''
define void @f(ptr addrspace(1001) %p, ptr addrspace(1002) %q) {
  %near = load ptr, ptr addrspace(1001) %p, align 4
  %wide = load ptr addrspace(1002), ptr addrspace(1001) %p, align 8
  store ptr addrspace(1001) %p, ptr addrspace(1002) %q, align 4
  store ptr addrspace(1002) %wide, ptr addrspace(1001) %p, align 8
  store ptr null, ptr addrspace(1001) %p, align 4
  ret void
}
''')
    filecheck(text, r"""
; CHECK: %[[N:.*]] = call i32 @"i32.load.m1.a4"
; CHECK-NEXT: %near = inttoptr i32 %[[N]] to ptr
; CHECK: %[[W:.*]] = call i64 @"i64.load.m1.a8"
; CHECK-NEXT: %wide = bitcast i64 %[[W]] to i64
; CHECK: %[[P:.*]] = ptrtoint ptr addrspace(1001) %p to i32
; CHECK-NEXT: call void @"i32.store.m2.a4"(i64 %{{.*}}, i32 %[[P]])
; CHECK: call void @"i64.store.m1.a8"
; CHECK: ptrtoint ptr null to i32
""")


def test_vectors():
    text = legalize('''
define void @f(ptr addrspace(1001) %p) {
  %a = load <4 x i32>, ptr addrspace(1001) %p, align 4
  %b = load <2 x double>, ptr addrspace(1001) %p, align 16
  %c = load <16 x i8>, ptr addrspace(1001) %p, align 1
  %d = load <2 x i32>, ptr addrspace(1001) %p, align 4
  %e = load <4 x ptr addrspace(1001)>, ptr addrspace(1001) %p, align 4
  %g = load <3 x i32>, ptr addrspace(1001) %p, align 4
  %h = load <4 x i8>, ptr addrspace(1001) %p, align 1
  store <4 x i32> splat (i32 1), ptr addrspace(1001) %p, align 4
  store <8 x i16> zeroinitializer, ptr addrspace(1001) %p, align 2
  store <2 x i32> %d, ptr addrspace(1001) %p, align 8
  store <4 x ptr addrspace(1001)> %e, ptr addrspace(1001) %p, align 4
  store <3 x i32> %g, ptr addrspace(1001) %p, align 4
  ret void
}
''')
    filecheck(text, r"""
; CHECK: %a = call <4 x i32> @"v128.load.m1.a4.v4i32"(i32
; CHECK: %b = call <2 x double> @"v128.load.m1.a16.v2f64"(i32
; CHECK: %c = call <16 x i8> @"v128.load.m1.a1.v16i8"(i32
; CHECK: %[[D:.*]] = call i64 @"i64.load.m1.a4"(i32
; CHECK-NEXT: %d = bitcast i64 %[[D]] to <2 x i32>
; CHECK: %[[RAW:.*]] = call <4 x i32> @"v128.load.m1.a4.v4i32"
; CHECK-NEXT: %e = inttoptr <4 x i32> %[[RAW]] to <4 x ptr addrspace(1001)>
; CHECK: call i32 @"i32.load.m1.a4"(i32 %[[V:.*]])
; CHECK: call i32 @"i32.load.m1.a4.o4"(i32 %[[V]])
; CHECK: call i32 @"i32.load.m1.a4.o8"(i32 %[[V]])
; CHECK: %g = insertelement <3 x i32>
; CHECK: %[[H:.*]] = call i32 @"i32.load.m1.a1"(i32
; CHECK-NEXT: %h = bitcast i32 %[[H]] to <4 x i8>
; CHECK: call void @"v128.store.m1.a4.v4i32"(i32 %{{.*}}, <4 x i32> splat (i32 1))
; CHECK: call void @"v128.store.m1.a2.v8i16"(i32 %{{.*}}, <8 x i16> zeroinitializer)
; CHECK: %[[DS:.*]] = bitcast <2 x i32> %d to i64
; CHECK: call void @"i64.store.m1.a8"(i32 %{{.*}}, i64 %[[DS]])
; CHECK: ptrtoint <4 x ptr addrspace(1001)> %e to <4 x i32>
; CHECK: extractelement <3 x i32> %g, i32 2
""")
    for name in re.findall(r'declare [^@]*@"([^"]+)"', text):
        assert parse_import_name(name) is not None, name


def test_odd_sized_integers_are_split_little_endian():
    text = legalize('''
define i24 @f(ptr addrspace(1001) %p, i128 %v) {
  %a = load i24, ptr addrspace(1001) %p, align 1
  store i128 %v, ptr addrspace(1001) %p, align 8
  ret i24 %a
}
''')
    filecheck(text, r"""
; CHECK: %[[LO:.*]] = call zeroext i16 @"i32.load16_u.m1.a1.i16"(i32 %[[ADDR:.*]])
; CHECK: call zeroext i8 @"i32.load8_u.m1.a1.o2.i8"(i32 %[[ADDR]])
; CHECK: shl i24 %{{.*}}, 16
; CHECK: %a = or i24
; CHECK: trunc i128 %v to i64
; CHECK: call void @"i64.store.m1.a8"
; CHECK: lshr i128 %v, 64
; CHECK: call void @"i64.store.m1.a8.o8"
""")


def test_memory_intrinsics_become_memory_copy_and_fill():
    text = legalize('''
define void @f(ptr addrspace(1001) %a, ptr %b, ptr addrspace(1002) %c, i32 %n, i64 %m, i8 %v) {
  call void @llvm.memcpy.p1001.p0.i32(ptr addrspace(1001) noundef align 4 %a, ptr align 4 %b, i32 %n, i1 false), !alias.scope !0
  tail call void @llvm.memmove.p0.p1001.i32(ptr align 1 %b, ptr addrspace(1001) align 1 %a, i32 16, i1 false)
  call void @llvm.memcpy.p1002.p1002.i64(ptr addrspace(1002) %c, ptr addrspace(1002) %c, i64 %m, i1 false)
  call void @llvm.memcpy.p1001.p1002.i64(ptr addrspace(1001) %a, ptr addrspace(1002) %c, i64 %m, i1 false)
  call void @llvm.memset.p1001.i32(ptr addrspace(1001) align 4 %a, i8 %v, i32 %n, i1 false)
  call void @llvm.memset.p1002.i32(ptr addrspace(1002) align 4 getelementptr (i8, ptr addrspace(1002) inttoptr (i64 16 to ptr addrspace(1002)), i64 8), i8 0, i32 64, i1 false)
  call void @llvm.memcpy.p0.p0.i32(ptr %b, ptr %b, i32 4, i1 false)
  ret void
}
declare void @llvm.memcpy.p1001.p0.i32(ptr addrspace(1001), ptr, i32, i1)
declare void @llvm.memmove.p0.p1001.i32(ptr, ptr addrspace(1001), i32, i1)
declare void @llvm.memcpy.p1002.p1002.i64(ptr addrspace(1002), ptr addrspace(1002), i64, i1)
declare void @llvm.memcpy.p1001.p1002.i64(ptr addrspace(1001), ptr addrspace(1002), i64, i1)
declare void @llvm.memset.p1001.i32(ptr addrspace(1001), i8, i32, i1)
declare void @llvm.memset.p1002.i32(ptr addrspace(1002), i8, i32, i1)
declare void @llvm.memcpy.p0.p0.i32(ptr, ptr, i32, i1)
!0 = !{!1}
!1 = !{!"s", !2}
!2 = !{!"d"}
''')
    filecheck(text, r"""
; CHECK: call void @"memory.copy.m1.m0"(i32 %{{.*}}, i32 %{{.*}}, i32 %n)
; CHECK: call void @"memory.copy.m0.m1"(i32 %{{.*}}, i32 %{{.*}}, i32 16)
; CHECK: call void @"memory.copy.m2.m2"(i64 %{{.*}}, i64 %{{.*}}, i64 %m)
; CHECK: %[[LONG:.*]] = icmp ugt i64 %m, 4294967295
; CHECK: %[[CUT:.*]] = trunc i64 %m to i32
; CHECK: %[[LEN:.*]] = select i1 %[[LONG]], i32 -1, i32 %[[CUT]]
; CHECK: %[[DST:.*]] = select i1 %[[LONG]], i32 -1, i32 %{{.*}}
; CHECK: call void @"memory.copy.m1.m2"(i32 %{{.*}}, i64 %{{.*}}, i32 %[[LEN]])
; CHECK: %[[BYTE:.*]] = zext i8 %v to i32
; CHECK: call void @"memory.fill.m1"(i32 %{{.*}}, i32 %[[BYTE]], i32 %n)
; CHECK: bitcast i64 24 to i64
; CHECK: call void @"memory.fill.m2"(i64 %{{.*}}, i32 0, i64 64)
; CHECK: call void @llvm.memcpy.p0.p0.i32(ptr %b, ptr %b, i32 4, i1 false)
""")


def test_prefilter_skips_only_functions_without_far_accesses():
    # `holder` moves far pointer *values* through a near slot: no far access
    text = HEADER + """
define i32 @clean(ptr addrspace(1001) %p) {
  %a = ptrtoint ptr addrspace(1001) %p to i32
  ret i32 %a
}

define i32 @dirty(ptr addrspace(1001) %p) {
  %a = load i32, ptr addrspace(1001) %p, align 4
  ret i32 %a
}

define ptr addrspace(1001) @holder(ptr addrspace(1001) %p, ptr %slot) {
  store ptr addrspace(1001) %p, ptr %slot, align 4
  %q = load ptr addrspace(1001), ptr %slot, align 4
  ret ptr addrspace(1001) %q
}

define void @copies(ptr addrspace(1002) %d, ptr %s) {
  call void @llvm.memcpy.p1002.p0.i32(ptr addrspace(1002) %d, ptr %s, i32 4, i1 false)
  ret void
}
"""
    from compiler.codegen.legalize import functions_to_scan
    module = parse(text)
    assert functions_to_scan(str(module)) == {"dirty", "copies"}
    assert {f.function for f in find_far_accesses(module, str(module))} == {"dirty", "copies"}


def test_legalizing_twice_is_harmless():
    once = legalize('''
define i32 @f(ptr addrspace(1001) %p) {
  %a = load i32, ptr addrspace(1001) %p, align 4
  ret i32 %a
}
''')
    twice = legalize_ir(once)
    assert twice.rewritten == 0
    parse(twice.text)


@pytest.mark.parametrize("body, what", [
    ("%a = atomicrmw add ptr addrspace(1001) %p, i32 1 seq_cst\n  ret void", "atomicrmw"),
    ("%v = call <4 x i32> @llvm.masked.load.v4i32.p1001(ptr addrspace(1001) align 4 %p, <4 x i1> splat (i1 true), "
     "<4 x i32> poison)\n  ret void", "masked.load"),
])
def test_the_check_finds_accesses_legalization_does_not_know(body, what):
    text = HEADER + f"define void @victim(ptr addrspace(1001) %p) {{\n  {body}\n}}\n"
    module = parse(legalize_ir(text).text)
    found = find_far_accesses(module)
    assert [f.function for f in found] == ["victim"] and what in found[0].instruction
    # the text prefilter that skips clean functions does not skip this one
    assert find_far_accesses(module, str(module)) == found
    # and through the guarded pipeline it is an ICE naming the function
    sink = DiagnosticSink()
    assert run_guarded(text, 0, sink) is None
    (diag,) = sink.diagnostics
    assert diag.code == "ICE" and "`victim`" in diag.message and "survived legalization" in diag.message


def test_aggregate_far_loads_are_an_ice_not_a_miscompile():
    text = HEADER + '''
define void @agg(ptr addrspace(1001) %p) {
  %v = load { i32, i32 }, ptr addrspace(1001) %p, align 4
  ret void
}
'''
    with pytest.raises(LegalizeError, match="agg"):
        legalize_ir(text)
    sink = DiagnosticSink()
    assert run_guarded(text, 0, sink) is None
    assert sink.diagnostics[0].code == "ICE" and "`agg`" in " ".join(sink.diagnostics[0].notes)


# ---------------------------------------------------------------------------
# whole programs

TWO = memories(MemoryDecl(1, export_name="mem1"))


def copy_loop(reduce: bool):
    """`dst[i] = src[i] + 1` (memory 1 -> memory 0) or `sum += src[i]`."""
    src, dst, n = local("src", ptr(U32, 1, False)), local("dst", ptr(U32, 0)), local("n", USIZE)
    i, total = local("i", USIZE), local("total", U32)
    src_i = deref(builtin("ptr_add", src.ty, var(src), var(i)))
    step = compound("+", var(total), src_i) if reduce else \
        assign(deref(builtin("ptr_add", dst.ty, var(dst), var(i))), bin("+", src_i, lit(1, U32)))
    body = block(
        let(i, lit(0, USIZE)), let(total, lit(0, U32)),
        while_(bin("<", var(i), var(n)), block(step, compound("+", var(i), lit(1, USIZE)))),
        tail=var(total))
    return program([fn("kernel", [src, dst, n], U32, body)], mems=TWO)


@pytest.mark.parametrize("reduce", [False, True])
def test_cross_memory_loop_vectorizes_at_O2(reduce):
    result, _ = compile_ir(copy_loop(reduce), 2)
    assert "<4 x i32>" in result.pre_legalize_ir_text
    filecheck(result.optimized_ir_text, r"""
; CHECK: vector.body:
; CHECK: call <4 x i32> @{{"?}}v128.load.m1.a4.v4i32{{"?}}(i32
; CHECK: declare <4 x i32> @{{"?}}v128.load.m1.a4.v4i32{{"?}}(i32)
""")
    assert_clean(result.optimized_ir_text)


def test_without_alias_scopes_the_loop_would_not_vectorize():
    """The scopes are what makes the difference (a control experiment)."""
    result, _ = compile_ir(copy_loop(False), 2)
    stripped = re.sub(r", !(alias\.scope|noalias) !\d+", "", result.unoptimized_ir_text)
    sink = DiagnosticSink()
    plain = run_guarded(stripped, 2, sink)
    assert plain is not None, sink.render()
    assert "v128.load" not in plain.optimized_ir_text


@pytest.mark.parametrize("level", [0, 1, 2, 3])
@pytest.mark.parametrize("legalize_first", [False, True])
def test_no_far_access_survives_any_order_or_level(level, legalize_first):
    far_src, far_dst = local("a", ptr(U64, 1)), local("b", ptr(U8, 1))
    n = local("n", USIZE)
    prog = copy_loop(False)
    extra = fn("fill", [far_src, far_dst, n], UNIT, block(
        builtin("write_bytes", UNIT, var(far_dst), lit(7, U8), var(n)),
        assign(deref(var(far_src)), bin("*", deref(var(far_src)), lit(3, U64)))))
    prog.functions.append(extra)
    result, _ = compile_ir(prog, level, legalize_first=legalize_first)
    assert_clean(result.optimized_ir_text)
    assert "memory.fill.m1" in result.optimized_ir_text
    if legalize_first:
        # the optimizer only ever saw opaque calls: nothing vectorized on memory 1
        assert "v128.load.m1" not in result.optimized_ir_text


# ---------------------------------------------------------------------------
# executing legalized accesses of every shape (hand-written IR, run in wasmtime)

EXEC_IR = HEADER.replace("-p1002:64:64", "") + '''
define void @st_i24(i32 %a, i32 %v) "wasm-export-name"="st_i24" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %t = trunc i32 %v to i24
  store i24 %t, ptr addrspace(1001) %p, align 1
  ret void
}
define i32 @ld_i24(i32 %a) "wasm-export-name"="ld_i24" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %x = load i24, ptr addrspace(1001) %p, align 1
  %z = sext i24 %x to i32
  ret i32 %z
}
define void @st_i128(i32 %a, i64 %lo, i64 %hi) "wasm-export-name"="st_i128" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %l = zext i64 %lo to i128
  %h0 = zext i64 %hi to i128
  %h = shl i128 %h0, 64
  %v = or i128 %l, %h
  store i128 %v, ptr addrspace(1001) %p, align 4
  ret void
}
define i64 @ld_i128_hi(i32 %a) "wasm-export-name"="ld_i128_hi" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %x = load i128, ptr addrspace(1001) %p, align 4
  %s = lshr i128 %x, 64
  %t = trunc i128 %s to i64
  ret i64 %t
}
define void @st_v2i32(i32 %a, i32 %x, i32 %y) "wasm-export-name"="st_v2i32" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %v0 = insertelement <2 x i32> poison, i32 %x, i32 0
  %v1 = insertelement <2 x i32> %v0, i32 %y, i32 1
  store <2 x i32> %v1, ptr addrspace(1001) %p, align 4
  ret void
}
define i32 @ld_v3i16(i32 %a, i32 %k) "wasm-export-name"="ld_v3i16" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %v = load <3 x i16>, ptr addrspace(1001) %p, align 2
  %e = extractelement <3 x i16> %v, i32 %k
  %z = zext i16 %e to i32
  ret i32 %z
}
define void @st_v4f32(i32 %a, float %x) "wasm-export-name"="st_v4f32" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %v0 = insertelement <4 x float> zeroinitializer, float %x, i32 2
  store <4 x float> %v0, ptr addrspace(1001) %p, align 1
  ret void
}
define double @ld_v2f64_sum(i32 %a) "wasm-export-name"="ld_v2f64_sum" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %v = load <2 x double>, ptr addrspace(1001) %p, align 8
  %x = extractelement <2 x double> %v, i32 0
  %y = extractelement <2 x double> %v, i32 1
  %s = fadd double %x, %y
  ret double %s
}
define i32 @ptr_roundtrip(i32 %a, i32 %target) "wasm-export-name"="ptr_roundtrip" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  %t = inttoptr i32 %target to ptr addrspace(1001)
  store ptr addrspace(1001) %t, ptr addrspace(1001) %p, align 4
  %back = load ptr addrspace(1001), ptr addrspace(1001) %p, align 4
  %v = load i16, ptr addrspace(1001) %back, align 2
  %z = zext i16 %v to i32
  ret i32 %z
}
define void @fill_copy(i32 %dst, i32 %src, i32 %n) "wasm-export-name"="fill_copy" {
  %d = inttoptr i32 %dst to ptr addrspace(1001)
  %s = inttoptr i32 %src to ptr
  call void @llvm.memset.p1001.i32(ptr addrspace(1001) %d, i8 90, i32 %n, i1 false)
  call void @llvm.memcpy.p0.p1001.i32(ptr %s, ptr addrspace(1001) %d, i32 %n, i1 false)
  ret void
}
declare void @llvm.memset.p1001.i32(ptr addrspace(1001), i8, i32, i1)
declare void @llvm.memcpy.p0.p1001.i32(ptr, ptr addrspace(1001), i32, i1)
'''


@pytest.mark.parametrize("level", [0, 2])
def test_legalized_accesses_execute_correctly(level):
    import struct as pystruct

    link_mod = pytest.importorskip("compiler.wasm.link")
    postlink = pytest.importorskip("compiler.wasm.postlink")
    from test_codegen_exec import Instance

    sink = DiagnosticSink()
    result = run_guarded(EXEC_IR, level, sink)
    assert result is not None, sink.render()
    linked = link_mod.link([result.object_bytes], sink)
    wasm = postlink.finalize(linked, TWO, [], sink)
    assert wasm is not None, sink.render()
    inst = Instance(wasm)
    inst("st_i24", 100, 0x00ABCDEF)
    assert inst.read("mem1", 99, 5) == b"\0\xef\xcd\xab\0"
    assert inst("ld_i24", 100) == -0x543211  # 0xABCDEF sign-extended from 24 bits
    inst("st_i128", 200, 0x0102030405060708, -2)
    assert inst.read("mem1", 200, 16) == pystruct.pack("<Qq", 0x0102030405060708, -2)
    assert inst("ld_i128_hi", 200) == -2
    inst("st_v2i32", 300, 7, -9)
    assert inst.read("mem1", 300, 8) == pystruct.pack("<ii", 7, -9)
    inst.write("mem1", 400, pystruct.pack("<3H", 11, 22, 33))
    assert [inst("ld_v3i16", 400, k) for k in range(3)] == [11, 22, 33]
    inst("st_v4f32", 501, 2.5)
    assert inst.read("mem1", 501, 16) == pystruct.pack("<4f", 0, 0, 2.5, 0)
    inst.write("mem1", 600, pystruct.pack("<2d", 1.25, 2.5))
    assert inst("ld_v2f64_sum", 600) == 3.75
    inst.write("mem1", 700, pystruct.pack("<H", 4242))
    assert inst("ptr_roundtrip", 800, 700) == 4242
    assert inst.read("mem1", 800, 4) == pystruct.pack("<I", 700)
    inst("fill_copy", 900, 4000, 5)
    assert inst.read("mem1", 900, 6) == b"ZZZZZ\0" and inst.read("memory", 4000, 6) == b"ZZZZZ\0"


# ---------------------------------------------------------------------------
# fusing far loads never moves them across a call or a memory operation

BARRIER_IR = HEADER.replace("-p1002:64:64", "") + '''
define internal void @clobber(ptr addrspace(1001) %p) noinline {
  store i32 99, ptr addrspace(1001) %p, align 4
  ret void
}
define i32 @lane_after_NAME(i32 %a) "wasm-export-name"="lane_after_NAME" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  store i32 7, ptr addrspace(1001) %p, align 4
  %x = load i32, ptr addrspace(1001) %p, align 4
  CALL void @clobber(ptr addrspace(1001) %p)
  %v = insertelement <4 x i32> <i32 1, i32 2, i32 3, i32 4>, i32 %x, i32 1
  %e = extractelement <4 x i32> %v, i32 1
  ret i32 %e
}
define i32 @splat_after_NAME(i32 %a) "wasm-export-name"="splat_after_NAME" {
  %p = inttoptr i32 %a to ptr addrspace(1001)
  store i32 7, ptr addrspace(1001) %p, align 4
  %x = load i32, ptr addrspace(1001) %p, align 4
  %ins = insertelement <4 x i32> poison, i32 %x, i64 0
  CALL void @clobber(ptr addrspace(1001) %p)
  %s = shufflevector <4 x i32> %ins, <4 x i32> poison, <4 x i32> zeroinitializer
  %e = extractelement <4 x i32> %s, i32 3
  ret i32 %e
}
'''


@pytest.mark.parametrize("call", ["call", "tail call", "notail call"])
def test_a_far_load_is_not_fused_across_a_call_that_writes_its_memory(call):
    """The load reads 7; the callee then writes 99. A lane or splat load fused
    at the insertelement/shufflevector would read 99."""
    name = call.replace(" ", "_")
    ir_text = BARRIER_IR.replace("NAME", name).replace("CALL", call)
    for level in (0, 2):
        outcomes = run_ir(ir_text, level, TWO, [(f"lane_after_{name}", [256]), (f"splat_after_{name}", [512])])
        assert all(o.trap is None and o.values == [7, 7] for o in outcomes.values()), outcomes


def _many_lanes(n: int) -> str:
    """n far loads, then n insertelements each using one: the shape whose
    fusion the old line-matching legalizer planned in quadratic time."""
    loads = "\n".join(f"  %x{k} = load i32, ptr addrspace(1001) %p{k % 4}, align 4" for k in range(n))
    inserts = "\n".join(f"  %v{k + 1} = insertelement <4 x i32> %v{k}, i32 %x{k}, i64 {k % 4}" for k in range(n))
    return (HEADER + "define <4 x i32> @lanes(ptr addrspace(1001) %p0, ptr addrspace(1001) %p1, "
            "ptr addrspace(1001) %p2, ptr addrspace(1001) %p3, <4 x i32> %v0) {\n"
            f"{loads}\n{inserts}\n  ret <4 x i32> %v{n}\n}}\n")


def test_legalization_time_is_linear_in_the_function_size():
    import time

    def seconds(n: int) -> float:
        text = _many_lanes(n)
        start = time.process_time()
        result = legalize_ir(text)
        elapsed = time.process_time() - start
        assert result.text.count("= call <4 x i32> @\"v128.load32_lane") == n
        return elapsed

    seconds(100)  # warm up
    small, large = min(seconds(500) for _ in range(2)), min(seconds(2000) for _ in range(2))
    assert large < 9 * small, (small, large)  # 4x the size: linear is about 4x, quadratic 16x


def test_an_extending_load_keeps_every_numbered_value_where_it_was_defined():
    """A far `<2 x i32>` load fused with its `zext` (`v128.load32x2_u`) when
    the extension's block comes first in the text: unnamed values must stay
    numbered in order of their definitions, so the fused load keeps the
    load's name and the extension becomes a `freeze` of it (the extension's
    value was defined at the load's place once, which LLVM refused to parse:
    differential generator, seed 10002684)."""
    body = '''
define <2 x i64> @f(ptr addrspace(1007) %p, i1 %c) {
entry:
  br label %load
use:
  %0 = zext <2 x i32> %1 to <2 x i64>
  ret <2 x i64> %0
load:
  %1 = load <2 x i32>, ptr addrspace(1007) %p, align 8
  %2 = add i32 1, 2
  br label %use
}
'''
    text = legalize(body)
    assert re.search(r'%1 = call <2 x i64> @"v128\.load32x2_u\.m7[^"]*"\(i32 %\S+\)', text), text
    assert "%0 = freeze <2 x i64> %1" in text, text
    assert "zext" not in text


LONG_LENGTH_IR = HEADER + '''
declare void @llvm.memcpy.p1001.p1002.i64(ptr addrspace(1001), ptr addrspace(1002), i64, i1)
declare void @llvm.memset.p1001.i64(ptr addrspace(1001), i8, i64, i1)
define void @copy_in(i64 %n) "wasm-export-name"="copy_in" {
  %d = inttoptr i32 64 to ptr addrspace(1001)
  %s = inttoptr i64 64 to ptr addrspace(1002)
  call void @llvm.memcpy.p1001.p1002.i64(ptr addrspace(1001) %d, ptr addrspace(1002) %s, i64 %n, i1 false)
  ret void
}
define void @fill(i64 %n) "wasm-export-name"="fill" {
  %d = inttoptr i32 64 to ptr addrspace(1001)
  call void @llvm.memset.p1001.i64(ptr addrspace(1001) %d, i8 7, i64 %n, i1 false)
  ret void
}
define void @fill_literal() "wasm-export-name"="fill_literal" {
  %d = inttoptr i32 64 to ptr addrspace(1001)
  call void @llvm.memset.p1001.i64(ptr addrspace(1001) %d, i8 7, i64 4294967304, i1 false)
  ret void
}
define void @seed() "wasm-export-name"="seed" {
  %s = inttoptr i64 64 to ptr addrspace(1002)
  call void @llvm.memset.p1002.i64(ptr addrspace(1002) %s, i8 9, i64 8, i1 false)
  ret void
}
declare void @llvm.memset.p1002.i64(ptr addrspace(1002), i8, i64, i1)
'''
LONG_LENGTH_MEMS = memories(MemoryDecl(1, export_name="m1"), MemoryDecl(2, memory64=True, export_name="m2"))


@pytest.mark.parametrize("level", [0, 2])
@pytest.mark.parametrize("calls, trapped, bytes_at_64", [
    ([("seed", []), ("copy_in", [8])], False, bytes([9] * 8)),
    ([("fill", [8])], False, bytes([7] * 8)),
    # 2^32 + 8 bytes: narrowed to i32 it would be an 8-byte operation that succeeds
    ([("seed", []), ("copy_in", [(1 << 32) + 8])], True, bytes(8)),
    ([("fill", [(1 << 32) + 8])], True, bytes(8)),
    ([("fill_literal", [])], True, bytes(8)),
], ids=["copy", "fill", "copy-past-4GiB", "fill-past-4GiB", "literal-past-4GiB"])
def test_an_i64_length_on_a_32_bit_memory_never_wraps(level, calls, trapped, bytes_at_64):
    outcomes = run_ir(LONG_LENGTH_IR, level, LONG_LENGTH_MEMS, calls, reads=[(1, 64, 8)])
    for outcome in outcomes.values():
        assert (outcome.trap is not None) is trapped, outcome
        if trapped:
            assert outcome.trap.kind == "out_of_bounds", outcome.trap
        assert outcome.reads == [bytes_at_64], outcome
