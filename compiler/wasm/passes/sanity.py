"""Pass: check that nothing of the intrinsic protocol survived the rewrite.

Why: a `farc:mem` import left in the module would make instantiation fail in
the engine with an obscure "unknown import" error (or, worse, be satisfied by
a host that happens to define it). Every far access must have become a
memory-indexed instruction; anything else is a bug in farc and is reported
as an internal compiler error here, before the module leaves the compiler.
"""
from __future__ import annotations

from ...memory import INTRINSIC_MODULE
from ..binary import Module
from ..errors import internal
from ..instructions import memory_indices


def run(module: Module) -> Module:
    left = [imp.name for imp in module.imports if imp.module == INTRINSIC_MODULE]
    if left:
        shown = ", ".join(f"`{name}`" for name in left[:5])
        raise internal(
            f"{len(left)} `{INTRINSIC_MODULE}` import(s) remain after rewriting: {shown}",
            "every intrinsic call must be lowered to a memory instruction",
        )
    memory_count = len(module.memory_types())
    for i, body in enumerate(module.code):
        for instr in body.instrs or []:
            if instr.op.touches_memory:
                bad = [m for m in memory_indices(instr) if m >= memory_count]
                if bad:
                    name = module.function_name(module.num_imported_funcs + i)
                    raise internal(f"`{instr.name}` in `{name}` names memory {bad[0]} of {memory_count}")
    return module
