"""Pass: drop DWARF sections (`.debug_*`) from the module.

Why: their code addresses are offsets into wasm-ld's code section, and the
rewrite re-encodes function bodies (an intrinsic call of 5+ bytes becomes a
load of 2 or 3), so every address after the first far access would point at
the wrong instruction. A module linked with debug info kept (only the farc
explorer asks for it: `link(keep_debug=True)`) has its line table read from
the linked module (`compiler.wasm.dwarf`), through the offsets each decoded
instruction keeps; the finished module carries none.

LLVM also writes a `producers` section when, and only when, there is debug
info (its `language` field comes from the compile unit); it goes too, so the
finished module is byte for byte the one a build without debug info makes.
"""
from __future__ import annotations

from ..binary import Module

PREFIX = ".debug"
PRODUCERS = "producers"


def run(module: Module) -> Module:
    if not any(c.name.startswith(PREFIX) for c in module.customs):
        return module
    module.customs = [c for c in module.customs if not c.name.startswith(PREFIX) and c.name != PRODUCERS]
    return module
