"""Helpers for tests of the back end: LLVM IR text -> wasm32 object -> finished module.

Tests of the linker, the rewriter and the runners need small real inputs
before the full compiler exists (and independently of it). These helpers
compile hand-written IR with llvmlite exactly as codegen does (same triple
and features) and write the declarations of `farc:mem` intrinsics from a
`MemOp`, so a test reads like the IR codegen will produce.
"""
from __future__ import annotations

import functools

from ..diagnostics import DiagnosticSink
from ..memory import INTRINSIC_MODULE, FarSegment, MemOp, MemoryMap, memop_signature
from .link import link
from .postlink import finalize

TRIPLE = "wasm32-unknown-unknown"
FEATURES = "+simd128,+bulk-memory,+nontrapping-fptoint,+sign-ext,+mutable-globals"
DATALAYOUT = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20"
LLVM_TYPES = {"i32": "i32", "i64": "i64", "f32": "float", "f64": "double"}
VECTOR_TYPES = {"v16i8": "<16 x i8>", "v8i16": "<8 x i16>", "v4i32": "<4 x i32>", "v2i64": "<2 x i64>",
                "v4f32": "<4 x float>", "v2f64": "<2 x double>"}


@functools.lru_cache(maxsize=1)
def _target_machine():
    import llvmlite.binding as llvm

    llvm.initialize_all_targets()
    llvm.initialize_all_asmprinters()
    target = llvm.Target.from_triple(TRIPLE)
    return target.create_target_machine(features=FEATURES, opt=2, reloc="static", codemodel="default")


def emit_object(ir_text: str) -> bytes:
    """Parse, verify and compile LLVM IR text to a wasm32 object file."""
    import llvmlite.binding as llvm

    header = f'target datalayout = "{DATALAYOUT}"\ntarget triple = "{TRIPLE}"\n'
    module = llvm.parse_assembly(header + ir_text)
    module.verify()
    return _target_machine().emit_object(module)


def intrinsic_declaration(op: MemOp, memories: MemoryMap) -> str:
    """`declare` line of the import for `op`, typed like codegen types it."""
    params, results = memop_signature(op, memories)

    def llvm_type(t: str) -> str:
        if t == "v128":
            return VECTOR_TYPES[op.llvm_type or "v4i32"]
        return LLVM_TYPES[t]

    ret = llvm_type(results[0]) if results else "void"
    name = op.import_name()
    args = ", ".join(llvm_type(p) for p in params)
    return (
        f'declare {ret} @"{name}"({args}) '
        f'"wasm-import-module"="{INTRINSIC_MODULE}" "wasm-import-name"="{name}"'
    )


def build(
    ir_text: str,
    memories: MemoryMap,
    far_data: list[FarSegment] | None = None,
    sink: DiagnosticSink | None = None,
) -> bytes | None:
    """IR -> object -> wasm-ld -> finalize; None with diagnostics in `sink` on failure."""
    sink = sink if sink is not None else DiagnosticSink()
    linked = link([emit_object(ir_text)], sink)
    if linked is None:
        return None
    return finalize(linked, memories, far_data or [], sink)


# ---------------------------------------------------------------------------
# Sample programs: IR as codegen writes it, shared by the back-end and runtime tests


def sample_memories() -> MemoryMap:
    """One memory of each kind. wasm order: 1 (imported), 4 (imported, shared), 0, 2, 3."""
    from ..memory import MemoryDecl

    return MemoryMap.of([
        MemoryDecl(1, min_pages=1, max_pages=4, import_module="env", import_name="mem1"),
        MemoryDecl(2, min_pages=1, export_name="mem2"),
        MemoryDecl(3, min_pages=1, max_pages=3, memory64=True, export_name="mem3"),
        MemoryDecl(4, min_pages=1, max_pages=1, shared=True, import_module="env", import_name="shared4"),
    ])


#: Far statics of the sample program.
SAMPLE_FAR_DATA = [
    FarSegment(1, 100, (7).to_bytes(4, "little")),
    FarSegment(2, 16, b"far statics!"),
    FarSegment(3, 32, (2**63 - 1).to_bytes(8, "little")),
]

SAMPLE_INTRINSICS = [
    MemOp("i32.load", 1, 4),
    MemOp("i32.load8_u", 2, 1),
    MemOp("i32.load", 2, 4),
    MemOp("i32.store", 2, 4),
    MemOp("i64.store8", 2, 1),
    MemOp("memory.copy", 2, mem2=1),
    MemOp("memory.copy", 0, mem2=3),
    MemOp("i64.load", 3, 8),
    MemOp("memory.fill", 3),
    MemOp("memory.size", 3),
    MemOp("memory.grow", 2),
    MemOp("v128.load", 1, 16, llvm_type="v4i32"),
    MemOp("v128.store", 2, 4, llvm_type="v4i32"),
    MemOp("i32.load", 4, 4),
    MemOp("i32.store", 4, 4),
    MemOp("f64.load", 2, 8),
]

SAMPLE_BODY = r"""
@table = internal constant [4 x i32] [i32 10, i32 20, i32 30, i32 40]
@fns = internal constant [2 x ptr] [ptr @twice, ptr @thrice]
declare i32 @llvm.vector.reduce.add.v4i32(<4 x i32>)

define internal i32 @twice(i32 %x) noinline {
  %r = mul i32 %x, 2
  ret i32 %r
}
define internal i32 @thrice(i32 %x) noinline {
  %r = mul i32 %x, 3
  ret i32 %r
}
define i32 @load1(i32 %p) "wasm-export-name"="load1" {
  %v = call i32 @"i32.load.m1.a4"(i32 %p)
  ret i32 %v
}
define void @store2(i32 %p, i32 %v) "wasm-export-name"="store2" {
  call void @"i32.store.m2.a4"(i32 %p, i32 %v)
  ret void
}
define i32 @load2(i32 %p) "wasm-export-name"="load2" {
  %v = call i32 @"i32.load.m2.a4"(i32 %p)
  ret i32 %v
}
define i32 @load2_u8(i32 %p) "wasm-export-name"="load2_u8" {
  %v = call i32 @"i32.load8_u.m2.a1"(i32 %p)
  ret i32 %v
}
define void @store2_i64_byte(i32 %p, i64 %v) "wasm-export-name"="store2_i64_byte" {
  call void @"i64.store8.m2.a1"(i32 %p, i64 %v)
  ret void
}
define double @load2_f64(i32 %p) "wasm-export-name"="load2_f64" {
  %v = call double @"f64.load.m2.a8"(i32 %p)
  ret double %v
}
define void @copy_1_to_2(i32 %dst, i32 %src, i32 %n) "wasm-export-name"="copy_1_to_2" {
  call void @"memory.copy.m2.m1"(i32 %dst, i32 %src, i32 %n)
  ret void
}
define i32 @copy_3_to_0(i64 %src) "wasm-export-name"="copy_3_to_0" {
  %buf = alloca [8 x i8], align 8
  %dst = ptrtoint ptr %buf to i32
  call void @"memory.copy.m0.m3"(i32 %dst, i64 %src, i32 8)
  %v = load volatile i32, ptr %buf, align 8
  ret i32 %v
}
define i64 @load3(i64 %p) "wasm-export-name"="load3" {
  %v = call i64 @"i64.load.m3.a8"(i64 %p)
  ret i64 %v
}
define void @fill3(i64 %p, i32 %v, i64 %n) "wasm-export-name"="fill3" {
  call void @"memory.fill.m3"(i64 %p, i32 %v, i64 %n)
  ret void
}
define i64 @size3() "wasm-export-name"="size3" {
  %v = call i64 @"memory.size.m3"()
  ret i64 %v
}
define i32 @grow2(i32 %n) "wasm-export-name"="grow2" {
  %v = call i32 @"memory.grow.m2"(i32 %n)
  ret i32 %v
}
define i32 @vsum1(i32 %p) "wasm-export-name"="vsum1" {
  %v = call <4 x i32> @"v128.load.m1.a16.v4i32"(i32 %p)
  %s = call i32 @llvm.vector.reduce.add.v4i32(<4 x i32> %v)
  ret i32 %s
}
define void @vsplat2(i32 %p, i32 %x) "wasm-export-name"="vsplat2" {
  %a = insertelement <4 x i32> poison, i32 %x, i32 0
  %v = shufflevector <4 x i32> %a, <4 x i32> poison, <4 x i32> zeroinitializer
  call void @"v128.store.m2.a4.v4i32"(i32 %p, <4 x i32> %v)
  ret void
}
define i32 @shared_inc(i32 %p) "wasm-export-name"="shared_inc" {
  %v = call i32 @"i32.load.m4.a4"(i32 %p)
  %w = add i32 %v, 1
  call void @"i32.store.m4.a4"(i32 %p, i32 %w)
  ret i32 %w
}
define i32 @near_table(i32 %i) "wasm-export-name"="near_table" {
  %p = getelementptr [4 x i32], ptr @table, i32 0, i32 %i
  %v = load i32, ptr %p
  ret i32 %v
}
define i32 @apply(i32 %k, i32 %x) "wasm-export-name"="apply" {
  %p = getelementptr [2 x ptr], ptr @fns, i32 0, i32 %k
  %f = load ptr, ptr %p
  %r = call i32 %f(i32 %x)
  ret i32 %r
}
define i64 @mix(i64 %a, double %b, float %c) "wasm-export-name"="mix" {
  %bi = fptosi double %b to i64
  %ci = fptosi float %c to i64
  %s = add i64 %a, %bi
  %t = add i64 %s, %ci
  ret i64 %t
}
define float @halve(float %x) "wasm-export-name"="halve" {
  %r = fmul float %x, 0.5
  ret float %r
}
define i32 @div(i32 %a, i32 %b) "wasm-export-name"="div" {
  %r = sdiv i32 %a, %b
  ret i32 %r
}
"""


def sample_program_ir(memories: MemoryMap | None = None) -> str:
    """The sample program's IR with its intrinsic declarations."""
    memories = memories or sample_memories()
    decls = "\n".join(intrinsic_declaration(op, memories) for op in SAMPLE_INTRINSICS)
    return decls + "\n" + SAMPLE_BODY


#: A memory-0-only program with host imports (builtins and a user function).
HOST_PROGRAM_IR = r"""
declare void @log_i32(i32) "wasm-import-module"="env" "wasm-import-name"="log_i32"
declare void @log_f64(double) "wasm-import-module"="env" "wasm-import-name"="log_f64"
declare void @abort() "wasm-import-module"="env" "wasm-import-name"="abort"
declare i32 @host_add(i32, i32) "wasm-import-module"="env" "wasm-import-name"="host_add"

define void @say(i32 %x, double %y) "wasm-export-name"="say" {
  call void @log_i32(i32 %x)
  call void @log_f64(double %y)
  ret void
}
define i32 @use_host(i32 %a, i32 %b) "wasm-export-name"="use_host" {
  %r = call i32 @host_add(i32 %a, i32 %b)
  ret i32 %r
}
define void @do_abort() "wasm-export-name"="do_abort" {
  call void @abort()
  unreachable
}
define i32 @recurse(i32 %x) "wasm-export-name"="recurse" {
  %y = add i32 %x, 1
  %r = call i32 @recurse(i32 %y)
  %s = add i32 %r, %x
  ret i32 %s
}
define void @spin() "wasm-export-name"="spin" {
entry:
  br label %loop
loop:
  br label %loop
}
"""
