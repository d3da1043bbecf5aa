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
from ..memory import INTRINSIC_MODULE, MEMOP_SIGNATURES, MemOp, MemoryMap
from .link import link
from .postlink import FarSegment, finalize

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
    params, results = MEMOP_SIGNATURES[op.op]
    first = memories[op.mem]
    second = memories[op.mem2] if op.mem2 is not None else first
    subst = {
        "A": "i64" if first.memory64 else "i32",
        "B": "i64" if second.memory64 else "i32",
        "L": "i64" if first.memory64 and second.memory64 else "i32",
    }

    def llvm_type(t: str) -> str:
        t = subst.get(t, t)
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
