"""The 64-bit pointer lowering (compiler/codegen/wide_pointers.py) on hand-written IR.

Every shape a pointer into a memory64 memory takes in optimized or
unoptimized IR (struct, array and vector GEPs, phi, select, icmp against
null, freeze, memory-0 loads and stores with pointer-only metadata, calls
with pointer-only attributes, globals with constant-expression
initializers, `llvm.ptrmask`) is lowered to i64 arithmetic, verified by
LLVM, left with no such pointer, and computes the same addresses in
wasmtime and V8. Its type sizes agree with LLVM's datalayout, and what it
cannot lower is an internal error, never output.
"""
from __future__ import annotations

import llvmlite.binding as llvm
import pytest

from codegen_builders import filecheck, memories, run_ir
from compiler.codegen.emit import run_guarded
from compiler.codegen.layout import datalayout
from compiler.codegen.legalize import legalize_ir
from compiler.codegen.wide_pointers import TypeLayout, find_wide_pointers
from compiler.diagnostics import DiagnosticSink
from compiler.memory import MemoryDecl

MEMS = memories(MemoryDecl(1, export_name="m1"), MemoryDecl(2, memory64=True, export_name="m2"))
HEADER = f'target datalayout = "{datalayout(MEMS)}"\ntarget triple = "wasm32-unknown-unknown"\n'
G = 2**32

IR = HEADER + '''
%S = type { i8, [3 x i16], ptr addrspace(1002) }
@G = internal global ptr addrspace(1002) getelementptr (i8, ptr addrspace(1002) inttoptr (i64 4294967296 to ptr addrspace(1002)), i64 24), align 8
@H = internal global %S { i8 1, [3 x i16] zeroinitializer, ptr addrspace(1002) null }, align 8

define internal ptr addrspace(1002) @step(ptr addrspace(1002) noalias nonnull %p, i64 %k) noinline {
  %q = getelementptr inbounds %S, ptr addrspace(1002) %p, i64 %k, i32 1, i64 2
  ret ptr addrspace(1002) %q
}
define i64 @gep_struct(i64 %a, i64 %k) "wasm-export-name"="gep_struct" {
  %p = inttoptr i64 %a to ptr addrspace(1002)
  %q = call ptr addrspace(1002) @step(ptr addrspace(1002) %p, i64 %k)
  %r = ptrtoint ptr addrspace(1002) %q to i64
  ret i64 %r
}
define i64 @gep_vector(i64 %a) "wasm-export-name"="gep_vector" {
  %p = inttoptr i64 %a to ptr addrspace(1002)
  %v = getelementptr i32, ptr addrspace(1002) %p, <2 x i64> <i64 1, i64 -3>
  %x = extractelement <2 x ptr addrspace(1002)> %v, i32 1
  %r = ptrtoint ptr addrspace(1002) %x to i64
  ret i64 %r
}
define i64 @gep_vector_scalar_index(i64 %a, i32 %i) "wasm-export-name"="gep_vector_scalar_index" {
  %p = inttoptr i64 %a to ptr addrspace(1002)
  %s = insertelement <2 x ptr addrspace(1002)> poison, ptr addrspace(1002) %p, i32 0
  %ss = shufflevector <2 x ptr addrspace(1002)> %s, <2 x ptr addrspace(1002)> poison, <2 x i32> zeroinitializer
  %v = getelementptr i16, <2 x ptr addrspace(1002)> %ss, i32 %i
  %x = extractelement <2 x ptr addrspace(1002)> %v, i32 1
  %r = ptrtoint ptr addrspace(1002) %x to i64
  ret i64 %r
}
define i64 @phi_select(i64 %a, i1 zeroext %c) "wasm-export-name"="phi_select" {
start:
  %p = inttoptr i64 %a to ptr addrspace(1002)
  br i1 %c, label %yes, label %join
yes:
  br label %join
join:
  %m = phi ptr addrspace(1002) [ %p, %yes ], [ null, %start ]
  %isnull = icmp eq ptr addrspace(1002) %m, null
  %f = freeze ptr addrspace(1002) %m
  %s = select i1 %isnull, ptr addrspace(1002) inttoptr (i64 4294967297 to ptr addrspace(1002)), ptr addrspace(1002) %f
  %r = ptrtoint ptr addrspace(1002) %s to i64
  ret i64 %r
}
define i64 @via_memory0(i64 %a) "wasm-export-name"="via_memory0" {
  %slot = alloca ptr addrspace(1002), align 8
  %p = inttoptr i64 %a to ptr addrspace(1002)
  store ptr addrspace(1002) %p, ptr %slot, align 8
  %q = load ptr addrspace(1002), ptr %slot, align 8, !nonnull !0
  %m = call ptr addrspace(1002) @llvm.ptrmask.p1002.i64(ptr addrspace(1002) %q, i64 -16)
  %r = ptrtoint ptr addrspace(1002) %m to i64
  ret i64 %r
}
define i64 @globals() "wasm-export-name"="globals" {
  %g = load ptr addrspace(1002), ptr @G, align 8
  %h = getelementptr inbounds %S, ptr @H, i32 0, i32 2
  store ptr addrspace(1002) %g, ptr %h, align 8
  %back = load i64, ptr %h, align 8
  ret i64 %back
}
define i32 @far_access(i64 %a) "wasm-export-name"="far_access" {
  %p = inttoptr i64 %a to ptr addrspace(1002)
  %q = getelementptr inbounds nuw i8, ptr addrspace(1002) %p, i64 4
  store i32 77, ptr addrspace(1002) %q, align 4
  %v = load i32, ptr addrspace(1002) %q, align 4
  ret i32 %v
}
!0 = !{}
declare ptr addrspace(1002) @llvm.ptrmask.p1002.i64(ptr addrspace(1002), i64)
'''

CALLS = [
    (("gep_struct", [G + 16, 3]), G + 16 + 3 * 16 + 2 + 2 * 2),  # sizeof(S) = 16, field 1 at 2, i16 stride 2
    (("gep_vector", [G]), G - 12),
    (("gep_vector_scalar_index", [G, -5]), G - 10),  # an i32 index is sign-extended
    (("phi_select", [G + 64, 1]), G + 64),
    (("phi_select", [G + 64, 0]), G + 1),
    (("via_memory0", [G + 0x35]), G + 0x30),
    (("globals", []), G + 24),
    (("far_access", [64]), 77),
]


@pytest.mark.parametrize("level", [0, 2])
def test_lowered_pointers_compute_the_same_addresses(level):
    outcomes = run_ir(IR, level, MEMS, [call for call, _ in CALLS], reads=[(2, 68, 4)])
    for engine, outcome in outcomes.items():
        assert outcome.trap is None, (engine, outcome.trap)
        assert outcome.values == [expected for _, expected in CALLS], engine
        assert outcome.reads == [(77).to_bytes(4, "little")], engine


def test_the_lowering_leaves_no_64_bit_pointer_and_verifies():
    result = legalize_ir(IR)
    assert result.wide_spaces == {1002}
    module = llvm.parse_assembly(result.text)
    module.verify()
    assert find_wide_pointers(str(module), {1002}) == []
    assert find_wide_pointers(IR, {1002}) != []  # the check does see them
    # struct types, globals and signatures are integers of the same layout now
    filecheck(result.text, r"""
; CHECK: %S = type { i8, [3 x i16], i64 }
; CHECK: @G = internal global i64 4294967320, align 8
; CHECK: @H = internal global %S { i8 1, [3 x i16] zeroinitializer, i64 0 }, align 8
; CHECK: define internal i64 @step(i64 %p, i64 %k)
; CHECK: %[[K:.*]] = mul i64 %k, 16
; CHECK-NEXT: %[[SUM:.*]] = add i64 %p, %[[K]]
; CHECK-NEXT: %q = add i64 %[[SUM]], 6
; CHECK: %m = phi i64 [ %p, %yes ], [ 0, %start ]
; CHECK: %isnull = icmp eq i64 %m, 0
; CHECK: %s = select i1 %isnull, i64 4294967297, i64 %f
; CHECK: %q = load i64, ptr %slot, align 8
; CHECK-NOT: !nonnull
; CHECK: %m = and i64 %q, -16
; CHECK: call void @"i32.store.m2.a4.o4"(i64
""")


@pytest.mark.parametrize("body, what", [
    ("%old = atomicrmw xchg ptr %slot, ptr addrspace(1002) %p seq_cst", "atomicrmw"),
    ("call void @llvm.prefetch.p1002(ptr addrspace(1002) %p, i32 0, i32 3, i32 1)", "llvm.prefetch"),
    # a 64-bit pointer constant built on a link-time (32-bit) address has no i64 form in a wasm32 object
    ("store ptr addrspace(1002) inttoptr (i64 ptrtoint (ptr @NEAR to i64) to ptr addrspace(1002)), ptr %slot",
     "ptrtoint (ptr @NEAR to i64)"),
])
def test_what_the_lowering_does_not_know_is_an_ice(body, what):
    text = HEADER + f'''
define void @victim(ptr addrspace(1002) %p, ptr %slot) {{
  {body}
  ret void
}}
declare void @llvm.prefetch.p1002(ptr addrspace(1002), i32, i32, i32)
@NEAR = internal global i32 0
'''
    sink = DiagnosticSink()
    assert run_guarded(text, 0, sink) is None
    (diag,) = sink.diagnostics
    assert diag.code == "ICE" and "`victim`" in " ".join(diag.notes) and what in " ".join(diag.notes)


TYPES = [
    "i1", "i8", "i16", "i24", "i32", "i48", "i64", "i96", "i128", "i200", "half", "float", "double", "fp128",
    "ptr", "ptr addrspace(1001)", "ptr addrspace(1002)", "<4 x i32>", "<3 x i32>", "<2 x i64>", "<8 x i8>",
    "<3 x i8>", "<2 x ptr addrspace(1002)>", "[3 x i16]", "[0 x i64]", "{ i8, i64 }", "<{ i8, i64 }>",
    "{ i8, { i16, [3 x i8] }, ptr addrspace(1002) }", "{ i1, <3 x float>, i128 }", "%S",
]


def test_type_sizes_agree_with_llvms_datalayout():
    """GEPs are lowered with these sizes: they must be LLVM's."""
    text = HEADER + "%S = type { i8, [3 x i16], ptr addrspace(1002) }\n" + "".join(
        f"@g{k} = global {ty} zeroinitializer\n" for k, ty in enumerate(TYPES))
    module = llvm.parse_assembly(text)
    target_data = llvm.create_target_data(datalayout(MEMS))
    layout = TypeLayout.of_module(text)
    for k, ty in enumerate(TYPES):
        llty = module.get_global_variable(f"g{k}").global_value_type
        assert layout.size_align(ty) == (target_data.get_abi_size(llty), target_data.get_abi_alignment(llty)), ty
        if ty.startswith(("{", "<{", "%")):
            offsets = layout.struct_layout(ty)[0]
            assert offsets == [target_data.get_element_offset(llty, i) for i in range(len(offsets))], ty
