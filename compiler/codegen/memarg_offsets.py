"""Memory-0 address arithmetic LLVM's wasm back end may fold into a memarg offset only where that is sound.

Why: a wasm load or store adds its constant `offset` to the i32 address in
infinite precision (a sum past 4 GiB traps, it never wraps), so LLVM's wasm
back end folds a constant into the offset only where the add is `nuw`. For
`getelementptr inbounds` with a non-negative constant it takes `nuw` as
given. LLVM 22's CodeGenPrepare, sinking an address into the block that uses
it, re-associates an `inbounds` chain and keeps `inbounds`: the optimizer's
correct
    %p = getelementptr inbounds i8, ptr inttoptr (i32 196660 to ptr), i32 %neg
(`(196608 as *mut u8).add(52).sub(n)`) becomes `inttoptr %neg` plus 196660,
and the store `i32.store8 offset=196660` on the address `-n`: a wrapped base,
an out-of-bounds trap where the program is in bounds (found by the
differential campaign, seed 10018289). The same happens with a static's
address as the constant (`G + -n`, offset k): a trap when `n` exceeds G's
address, possible for a big static. Only an index that may be negative makes
the re-associated base wrap: the partial sums of constants and unsigned
(`nuw`) indices are at most the address itself.

What: after the optimizer (no middle-end transform loses the flag), every
memory-0 GEP with a non-literal index that is not `nuw` loses `inbounds` and
`nusw`. CodeGenPrepare then rebuilds the address without them, and nothing is
folded across the possibly negative index. GEPs whose indices are all
literals (struct fields, `p.add(4)`) or that are `nuw` (`p.add(i)`: an
unsigned count) keep their flags, so the usual folding of field offsets and
constant displacements stays. Far pointers are not touched: their accesses
become intrinsic calls whose offsets `far_fusion` folds from `nuw` GEPs only.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .ir_model import Gep, IRModelError, instruction, pointer_space, rebuilt

#: the wrap flags that let the back end assume a non-negative constant does not wrap
_WRAP_FLAGS = ("inbounds", "nusw")
_LITERAL_INDEX = re.compile(r"i(?:8|16|32|64) -?\d+")
#: a cheap filter: an instruction line that can hold a flagged GEP
_CANDIDATE = re.compile(r"= getelementptr (?:inbounds|nusw)\b")


def may_fold_across_negative(gep: Gep) -> bool:
    """Whether the back end could fold a constant of `gep`'s chain across an
    index of `gep` that may be negative (the case this module removes)."""
    if "nuw" in gep.flags or not any(flag in gep.flags for flag in _WRAP_FLAGS):
        return False
    if not gep.base.type.startswith("ptr") or pointer_space(gep.base.type) != 0:
        return False
    return any(_LITERAL_INDEX.fullmatch(str(index)) is None for index in gep.indices)


def without_wrap_flags(gep: Gep) -> Gep:
    return replace(gep, flags=tuple(flag for flag in gep.flags if flag not in _WRAP_FLAGS))


def guard_memarg_offsets(lines: list[str]) -> int:
    """Rewrite, in place, the GEP lines of one function (or any IR lines)
    that `may_fold_across_negative`; the number rewritten."""
    count = 0
    for position, line in enumerate(lines):
        if _CANDIDATE.search(line) is None:
            continue
        ins = instruction(line)
        if ins.opcode != "getelementptr":
            continue
        gep = ins.form
        if not isinstance(gep, Gep):
            raise IRModelError(f"cannot read `{line.strip()}` as a getelementptr")
        if may_fold_across_negative(gep):
            lines[position] = rebuilt(ins, without_wrap_flags(gep))
            count += 1
    return count


__all__ = ["guard_memarg_offsets", "may_fold_across_negative", "without_wrap_flags"]
