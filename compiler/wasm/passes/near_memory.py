"""Pass: point LLVM's own memory instructions at memory 0's wasm index.

Why: LLVM and wasm-ld only know one memory, so every memory instruction in
their output (loads, stores, SIMD and atomic accesses, memory.size/grow/
fill/copy/init) names wasm memory 0. In the final module the program's
source memory 0 is wasm memory `memories.wasm_index(0)`, which is not 0 when
some other memory is imported (imported memories come first in wasm's index
space). This pass must run before `intrinsics`, whose new instructions
already carry their final indices. `data.drop` names no memory and is left
alone; data segments are handled by the `data` pass.
"""
from __future__ import annotations

from ...memory import MemoryMap
from ..binary import Module
from ..errors import internal
from ..instructions import memory_indices, with_memory_indices


def run(module: Module, memories: MemoryMap) -> Module:
    """Retarget every memory instruction of `module` (bodies must be decoded)."""
    target = memories.wasm_index(0)
    for i, body in enumerate(module.code):
        assert body.instrs is not None, "decode_bodies must run before near_memory"
        new = []
        for instr in body.instrs:
            if instr.op.touches_memory:
                if any(index != 0 for index in memory_indices(instr)):
                    name = module.function_name(module.num_imported_funcs + i)
                    raise internal(
                        f"the linked module already uses memory {max(memory_indices(instr))} "
                        f"in `{name}` ({instr.name})",
                        "LLVM output must only use memory 0; far accesses go through farc:mem imports",
                    )
                if target != 0:
                    instr = with_memory_indices(instr, to=target)
            new.append(instr)
        body.instrs = new
    return module
