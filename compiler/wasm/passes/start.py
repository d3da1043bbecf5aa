"""Pass: codegen's zero-initialization function becomes the start function.

Why: a defined memory starts zeroed, so zero-initialized statics need no data
segment (layout.place_statics, wasm-ld's .bss); an imported memory is not
known to be zero. Codegen gathers a `memory.fill` for every zero static of an
imported memory into one function exported as `ZERO_INIT_EXPORT`, so that
wasm-ld keeps it (`ModuleCodegen.define_zero_init`). This pass removes that
export and makes the function the module's start function: it runs at
instantiation, after the data segments are written and before the host can
call any export.
"""
from __future__ import annotations

from ...memory import ZERO_INIT_EXPORT
from ..binary import KIND_FUNC, Module
from ..errors import internal


def run(module: Module) -> Module:
    init = [e for e in module.exports if e.kind == KIND_FUNC and e.name == ZERO_INIT_EXPORT]
    if not init:
        return module
    if module.start is not None:
        raise internal("the linked module already has a start function")
    module.exports = [e for e in module.exports if e is not init[0]]
    module.start = init[0].index
    return module
