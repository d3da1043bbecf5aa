"""Code generation: monomorphized Program -> LLVM IR -> optimized -> legalized -> wasm32 object.

    build_module(program, sink) -> BuiltModule(module, far_segments) | None   (llvm_ir)
    compile_to_object(module, opt_level, sink, legalize_first=False)
        -> CodegenResult(optimized_ir_text, unoptimized_ir_text, object_bytes) | None   (emit)

`layout` sizes types and places far statics; `function` lowers bodies;
`optimize` runs LLVM's pipeline; `legalize` turns far accesses into
intrinsic-import calls and checks that none survives.
"""
from .emit import CodegenResult, compile_to_object
from .layout import FarSegment, Layout
from .llvm_ir import BuiltModule, build_module

__all__ = ["BuiltModule", "CodegenResult", "FarSegment", "Layout", "build_module", "compile_to_object"]
