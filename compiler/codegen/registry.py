"""The registry of builtin lowerings, keyed by `BuiltinOp`.

`intrinsics` and `atomics` register one method per operation with
`@lowers(op)`; `intrinsics` imports `atomics`, so importing it fills the table.
"""
from __future__ import annotations

from typing import Callable

from ..builtins import BuiltinOp

#: builtin operation -> its lowering
LOWERINGS: dict[BuiltinOp, Callable] = {}


def lowers(op: BuiltinOp):
    """Register the decorated method as the lowering of `op` (one per op)."""
    def register(fn):
        if op in LOWERINGS:
            raise AssertionError(f"two lowerings of {op}")
        LOWERINGS[op] = fn
        return fn
    return register
