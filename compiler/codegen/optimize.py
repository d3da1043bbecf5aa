"""LLVM's new-pass-manager pipeline (-O0..-O3) for the wasm32 target.

Far address spaces need nothing special here: LLVM optimizes
`ptr addrspace(1000+m)` exactly like address space 0 (docs/design-addrspaces.md),
and the per-memory alias scopes let it vectorize across memories.
"""
from __future__ import annotations

import llvmlite.binding as llvm

from .layout import WASM32_TRIPLE

#: simd128 for vectorized loops; bulk-memory for memory.copy/fill (the
#: legalized far copies are the same instructions); nontrapping-fptoint for
#: the saturating float->int casts; sign-ext and mutable-globals are baseline
#: in every engine we target; atomics for memory 0's atomic instructions (far
#: ones are intrinsic calls; a program without atomics contains none).
WASM_FEATURES = "+simd128,+bulk-memory,+nontrapping-fptoint,+sign-ext,+mutable-globals,+atomics"

_initialized = False


def initialize_llvm() -> None:
    """Targets and asm printers (idempotent). `llvm.initialize()` must not be
    called with llvmlite 0.50: it raises.

    Instruction selection always uses SelectionDAG, also at -O0: the wasm
    back end's FastISel (its -O0 selector) folds a global's address into the
    memarg offset of an access whose other part is a register that may be
    "negative" (`*(&raw const S).cast::<u8>().add(10).sub(n)` became
    `i32.load8_u offset=S+10` of `-n`), and wasm adds the offset without
    wrapping, so -O0 trapped where -O2 reads the byte. SelectionDAG folds
    only what is known not to wrap (an add marked `nuw`)."""
    global _initialized
    if not _initialized:
        llvm.initialize_all_targets()
        llvm.initialize_all_asmprinters()
        llvm.set_option("farc", "-fast-isel=false")
        _initialized = True


def target_machine(opt_level: int) -> llvm.TargetMachine:
    initialize_llvm()
    target = llvm.Target.from_triple(WASM32_TRIPLE)
    return target.create_target_machine(cpu="generic", features=WASM_FEATURES,
                                        opt=max(0, min(3, opt_level)), reloc="static")


def optimize(module: llvm.ModuleRef, level: int, tm: llvm.TargetMachine | None = None) -> None:
    """Run the standard -O`level` module pipeline in place (0 <= level <= 3).

    At -O0 the pipeline still runs (it only does what -O0 must: always-inline
    etc.), so both paths see the same pass manager. Loop and SLP
    vectorization are enabled from -O2, as clang does."""
    level = max(0, min(3, level))
    tm = tm or target_machine(level)
    pto = llvm.create_pipeline_tuning_options(speed_level=level)
    vectorize = level >= 2
    pto.loop_vectorization = vectorize
    pto.slp_vectorization = vectorize
    pto.loop_interleaving = vectorize
    pto.loop_unrolling = level >= 1
    pass_builder = llvm.create_pass_builder(tm, pto)
    pass_builder.getModulePassManager().run(module, pass_builder)
    if level == 0:
        fold_constants(module, pass_builder)


def fold_constants(module: llvm.ModuleRef, pass_builder) -> None:
    """-O0: fold instructions whose operands are all constants (SCCP), and
    nothing else.

    Why: instruction selection (SelectionDAG, also at -O0) combines the
    difference of two constant addresses into one global, `sub (ptrtoint @G),
    (ptrtoint (gep @G, 4))`, into a constant; LLVM 22 builds that constant
    from a negative 64-bit value and aborts on an APInt assertion (`offset_from`
    on two addresses of a static, or the same with `as usize`). From -O1 the
    pipeline's InstCombine folds them before instruction selection; at -O0
    SCCP does the same with DataLayout-aware constant folding."""
    manager = llvm.create_new_module_pass_manager()
    manager.add_sccp_pass()
    manager.run(module, pass_builder)


__all__ = ["WASM_FEATURES", "initialize_llvm", "optimize", "target_machine"]
