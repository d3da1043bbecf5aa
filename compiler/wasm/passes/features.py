"""Pass: record the features the rewrite introduced in `target_features`.

Why: LLVM writes a `target_features` custom section listing the wasm
features the object uses, and tools read it to decide what to accept (for
example Binaryen's `wasm-opt` enables exactly the listed features by
default). After the rewrite a module may use features LLVM never saw:
several memories (`multimemory`), 64-bit memories (`memory64`) and shared
memories (`atomics`, LLVM's name for the threads feature). Leaving them out
would make such tools reject a valid module.
"""
from __future__ import annotations

from ..binary import DATA, CustomSection, Module
from ..encoding import DecodeError, Reader, name_bytes, uleb

SECTION = "target_features"


def read_entries(payload: bytes) -> list[tuple[int, str]]:
    r = Reader(payload)
    entries = [(r.u8(), r.name()) for _ in range(r.u32())]
    if not r.at_end:
        raise DecodeError("trailing bytes in target_features", r.pos)
    return entries


def write_entries(entries: list[tuple[int, str]]) -> bytes:
    return uleb(len(entries)) + b"".join(bytes([prefix]) + name_bytes(name) for prefix, name in entries)


def used_features(module: Module) -> list[str]:
    memories = module.memory_types()
    used = []
    if len(memories) > 1:
        used.append("multimemory")
    if any(m.memory64 for m in memories):
        used.append("memory64")
    if any(m.shared for m in memories):
        used.append("atomics")
    return used


def run(module: Module) -> Module:
    used = used_features(module)
    section = next((c for c in module.customs if c.name == SECTION), None)
    if section is None:
        if not used:
            return module
        section = CustomSection(SECTION, write_entries([]), DATA)
        module.customs.append(section)
    try:
        entries = read_entries(section.payload)
    except DecodeError:
        return module  # informational only: leave a section we cannot read as it is
    present = {name for _, name in entries}
    entries += [(ord("+"), name) for name in used if name not in present]
    section.payload = write_entries(entries)
    return module
