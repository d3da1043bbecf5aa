"""The `farc.interface` custom section: writing it into a finished module and
reading a linked module's `ModuleInterface` back (see `compiler.interface`).

`embed` appends the section to a finished module's bytes: custom sections
may follow the last standard section, and appending does not touch (or
re-encode) anything the validator already accepted. `read_interface` parses
a module with farc's own reader and joins the section's farc signatures with
the wasm-level facts only the final module has: each memory's final limits
(memory 0's minimum is what the linker needed), its export names and import.
A module farc did not build has no section; its interface has no farc
signatures (`functions is None`) but the same wasm-level facts.
"""
from __future__ import annotations

from ..interface import SECTION_NAME, MemoryFacts, ModuleInterface, decode_payload
from .instructions import VALTYPE_NAMES
from .binary import KIND_FUNC, KIND_MEMORY, KIND_NAMES, Module, parse_module
from .encoding import name_bytes, uleb

CUSTOM_SECTION_ID = 0


def embed(wasm: bytes, payload: bytes) -> bytes:
    """`wasm` with a `farc.interface` section holding `payload` appended."""
    body = name_bytes(SECTION_NAME) + payload
    return wasm + bytes([CUSTOM_SECTION_ID]) + uleb(len(body)) + body


def read_interface(name: str, wasm: bytes) -> ModuleInterface:
    """The interface of `wasm`, linked under `name`; raises DecodeError or InterfaceError."""
    module = parse_module(wasm)
    section = next((c for c in module.customs if c.name == SECTION_NAME), None)
    payload = decode_payload(section.payload) if section is not None else None
    iface = ModuleInterface(
        name,
        payload.functions if payload is not None else None,
        payload.structs if payload is not None else {},
        exports={e.name: KIND_NAMES[e.kind] for e in module.exports},
        wasm_signatures={e.name: _wasm_signature(module, e.index) for e in module.exports if e.kind == KIND_FUNC},
        policies=dict(payload.policies) if payload is not None else {},
        function_imports=tuple((imp.module, imp.name) for imp in module.imports_of(KIND_FUNC)),
        enums=dict(payload.enums) if payload is not None else {},
    )
    source_of = {w: s for s, w in payload.wasm_indices.items()} if payload is not None else {}
    imported = module.imports_of(KIND_MEMORY)
    for wasm_index, mtype in enumerate(module.memory_types()):
        exports = tuple(e.name for e in module.exports if e.kind == KIND_MEMORY and e.index == wasm_index)
        source = source_of.get(wasm_index, wasm_index)  # without the section, only wasm indices are known
        origin = (imported[wasm_index].module, imported[wasm_index].name) if wasm_index < len(imported) else None
        holds_data = payload is not None and source in payload.data
        iface.memories.append(MemoryFacts(source, wasm_index, mtype.min, mtype.max, mtype.shared,
                                          mtype.memory64, exports, origin, holds_data))
    return iface


def _wasm_signature(module: Module, func_index: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ftype = module.func_type(func_index)
    return (tuple(VALTYPE_NAMES.get(p[0], "ref") for p in ftype.params),
            tuple(VALTYPE_NAMES.get(r[0], "ref") for r in ftype.results))
