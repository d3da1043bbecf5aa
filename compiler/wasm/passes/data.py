"""Pass: put data segments into the right memories and add the far statics.

Why: wasm-ld's active data segments initialize memory 0 as LLVM and wasm-ld
see it, i.e. wasm memory 0; in the final module source memory 0 is wasm
memory `memories.wasm_index(0)`. Far statics cannot be LLVM globals (the wasm
backend rejects globals in far address spaces), so codegen lays them out
itself and hands their bytes over as `FarSegment`s: each becomes one active
segment of its memory, with an `i32.const` offset (`i64.const` for a 64-bit
memory). The datacount section, when present, must equal the segment count.
"""
from __future__ import annotations

from ...memory import FarSegment, MemoryMap
from ..binary import DataSegment, Module
from ..errors import internal
from ..instructions import Instr


def _signed(value: int, bits: int) -> int:
    """The two's-complement reading of an unsigned offset (const immediates are signed)."""
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def offset_expr(offset: int, memory64: bool) -> list[Instr]:
    if memory64:
        return [Instr.make("i64.const", _signed(offset, 64)), Instr.make("end")]
    return [Instr.make("i32.const", _signed(offset, 32)), Instr.make("end")]


def run(module: Module, memories: MemoryMap, far_data: list[FarSegment]) -> Module:
    target = memories.wasm_index(0)
    for seg in module.data:
        if seg.passive:
            continue
        if seg.memory != 0:
            raise internal(f"the linked module has a data segment for memory {seg.memory}")
        seg.memory = target
    data_names = module.names.maps.setdefault(9, {}) if module.names is not None else {}
    for n, far in enumerate(far_data):
        if far.mem == 0 or far.mem not in memories:
            raise internal(f"far data segment for memory {far.mem}, which is not a declared far memory")
        decl = memories[far.mem]
        limit = 1 << decl.address_bits
        if far.offset < 0 or far.offset + len(far.data) > limit:
            raise internal(f"far data segment at {far.offset:#x} lies outside memory {far.mem}'s address space")
        data_names[len(module.data)] = f".far.m{far.mem}.{n}"
        module.data.append(
            DataSegment(bytes(far.data), memories.wasm_index(far.mem), offset_expr(far.offset, decl.memory64))
        )
    if module.datacount is not None:
        module.datacount = len(module.data)
    return module
