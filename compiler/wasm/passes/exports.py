"""Pass: undo LLVM's C `main` convention and reject duplicate export names.

Why: LLVM's wasm backend treats a function whose symbol is `main` as C's
entry point: a `main` without parameters is renamed `__original_main` and a
wrapper `main(argc, argv)` is added that calls it. When the program's `main`
carries `"wasm-export-name"="main"`, both functions end up exported as
"main", which is invalid wasm. The program means the function it wrote, so
the wrapper's export is dropped (the wrapper stays as dead code). Any other
duplicate export name is a broken promise of codegen (ICE) rather than an
invalid module discovered later by the validator. wasm-ld's own memory
export (`memory`) is not compared: the memories pass replaces it by the
program's memory exports, so a function exported as `memory` beside a memory
0 exported under another name is fine (the checker rejects real clashes,
X0001).
"""
from __future__ import annotations

from ..binary import KIND_FUNC, KIND_MEMORY, Module
from ..errors import internal

LLVM_RENAMED_MAIN = "__original_main"


def run(module: Module) -> Module:
    seen: dict[str, int] = {}
    drop: set[int] = set()
    for n, exp in enumerate(module.exports):
        if exp.kind == KIND_MEMORY:
            continue
        if exp.name not in seen:
            seen[exp.name] = n
            continue
        first = module.exports[seen[exp.name]]
        both = (first, exp)
        originals = [
            e for e in both if e.kind == KIND_FUNC and module.function_name(e.index) == LLVM_RENAMED_MAIN
        ]
        if len(originals) == 1 and all(e.kind == KIND_FUNC for e in both):
            wrapper = exp if originals[0] is first else first
            drop.add(n if wrapper is exp else seen[exp.name])
            seen[exp.name] = seen[exp.name] if wrapper is exp else n
            continue
        raise internal(f"two exports are named `{exp.name}`")
    module.exports = [e for n, e in enumerate(module.exports) if n not in drop]
    return module
