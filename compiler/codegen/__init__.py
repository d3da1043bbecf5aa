"""Code generation: monomorphized Program -> LLVM IR -> optimized -> legalized -> wasm32 object.

    build_module(program, sink) -> BuiltModule(module, far_segments, global_base) | None   (build)
    compile_to_object(module, opt_level, sink, legalize_first=False)
        -> CodegenResult(optimized_ir_text, unoptimized_ir_text, object_bytes) | None   (emit)

`layout` sizes types and places far statics; `llvm_ir` makes the
module-level declarations; `function` (with `control_flow`, `places`,
`operators`, `intrinsics`) lowers bodies;
`optimize` runs LLVM's pipeline; `legalize` turns far accesses into
intrinsic-import calls and checks that none survives.
"""
from .build import BuiltModule, build_module
from .emit import CodegenResult, compile_to_object
from .layout import Layout

__all__ = ["BuiltModule", "CodegenResult", "Layout", "build_module", "compile_to_object"]
