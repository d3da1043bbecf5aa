"""The tables of the checker's built-ins: intrinsic functions and raw-pointer methods.

`intrinsics` and `atomics` register their checks here with `@intrinsic` /
`@method`; `intrinsics` imports `atomics`, so importing it fills every table.
"""
from __future__ import annotations

from typing import Callable

from ..builtins import BuiltinOp

#: source name of an intrinsic function -> its check
BUILTIN_FNS: dict[str, Callable] = {}
#: name of a raw-pointer method -> its check
POINTER_METHODS: dict[str, Callable] = {}
#: source name (function or method) -> the builtin operations its check may produce
PRODUCES: dict[str, frozenset[BuiltinOp]] = {}


def intrinsic(*names: str, produces: tuple[BuiltinOp, ...] = ()):
    """Register the decorated check for the intrinsic functions `names`."""
    def register(fn):
        for name in names:
            BUILTIN_FNS[name] = fn
            PRODUCES[name] = frozenset(produces)
        return fn
    return register


def method(name: str, produces: tuple[BuiltinOp, ...] = ()):
    """Register the decorated check for the raw-pointer method `name`."""
    def register(fn):
        POINTER_METHODS[name] = fn
        PRODUCES[name] = frozenset(produces)
        return fn
    return register
