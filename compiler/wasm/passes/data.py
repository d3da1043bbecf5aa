"""Pass: put data segments into the right memories and add the far statics.

Why: wasm-ld's active data segments initialize memory 0 as LLVM and wasm-ld
see it, i.e. wasm memory 0; in the final module source memory 0 is wasm
memory `memories.wasm_index(0)`. Far statics cannot be LLVM globals (the wasm
backend rejects globals in far address spaces), so codegen lays them out
itself and hands their bytes over as `FarSegment`s: each becomes one active
segment of its memory, with an `i32.const` offset (`i64.const` for a 64-bit
memory). `#[passive]` statics come as `PassiveSegment`s: passive segments,
after all active ones, in their order (`passive_indices`), which the
`memory.init` / `data.drop` lowering (`passes/intrinsics`) refers to by
index. The datacount section, when present, must equal the segment count;
passive segments need it (a module that uses `memory.init` must have one).
"""
from __future__ import annotations

from ...memory import FarSegment, MemoryMap, PassiveSegment
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


def passive_indices(module: Module, far_data: list[FarSegment | PassiveSegment]) -> range:
    """The data indices `run` gives the passive segments of `far_data`, in order
    (after the linked module's segments and the far statics' active ones)."""
    active = sum(1 for seg in far_data if isinstance(seg, FarSegment))
    passive = sum(1 for seg in far_data if isinstance(seg, PassiveSegment))
    first = len(module.data) + active
    return range(first, first + passive)


def run(module: Module, memories: MemoryMap, far_data: list[FarSegment | PassiveSegment]) -> Module:
    target = memories.wasm_index(0)
    for seg in module.data:
        if seg.passive:
            continue
        if seg.memory != 0:
            raise internal(f"the linked module has a data segment for memory {seg.memory}")
        seg.memory = target
    data_names = module.names.maps.setdefault(9, {}) if module.names is not None else {}
    far_statics = [seg for seg in far_data if isinstance(seg, FarSegment)]
    passive = [seg for seg in far_data if isinstance(seg, PassiveSegment)]
    for n, far in enumerate(far_statics):
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
    for k, seg in enumerate(passive):
        if seg.index != k:
            raise internal(f"passive segment {seg.index} of `{seg.symbol}` is in position {k}")
        data_names[len(module.data)] = f".passive.{seg.symbol}"
        module.data.append(DataSegment(bytes(seg.data)))
    if module.datacount is not None or passive:
        module.datacount = len(module.data)
    return module
