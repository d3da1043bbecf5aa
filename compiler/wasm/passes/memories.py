"""Pass: replace wasm-ld's single memory with the program's declared memories.

Why: wasm-ld emits exactly one memory (exported as "memory") sized for the
shadow stack and memory 0's static data. The program declares its own set
(`MemoryMap`): imported ones with module/name, defined ones, 64-bit and
shared ones, each with min/max pages and an optional export name. This pass
removes wasm-ld's memory (section, import and export) and writes the
declarations in wasm index order (`wasm_order()`: imports first).

Memory 0 keeps what wasm-ld needs: its min is max(declared, linker's) and a
declared max below the linker's need is an error (B0007). The implicit memory
0 declaration carries export name "memory", so programs that do not declare
memories look like any wasm-ld output. Far memories must hold their far
statics in their initial pages (codegen checks this as B0006; it is checked
again here so a broken layout can never reach an engine).

Each memory is named `m<source index>` in the name section so the text form
(`(memory $m1 ...)`, `i32.load $m1`) reads like the source.
"""
from __future__ import annotations

from ...memory import WASM_PAGE, FarSegment, MemoryDecl, MemoryMap
from ..binary import KIND_FUNC, KIND_MEMORY, Export, Import, MemType, Module, NameSection
from ..errors import RewriteError, internal

MAX_PAGES_32 = 65536  # 4 GiB
MAX_PAGES_64 = 1 << 48  # 2^64 bytes


def pages_for(byte_count: int) -> int:
    return -(-byte_count // WASM_PAGE)


def memory_type(decl: MemoryDecl, needed_pages: int) -> MemType:
    """The final limits of one memory, or a B0007/B0006 error."""
    what = f"memory {decl.index}"
    limit = MAX_PAGES_64 if decl.memory64 else MAX_PAGES_32
    if decl.index == 0 and decl.memory64:
        raise RewriteError(
            "B0007",
            "memory 0 cannot be a 64-bit memory",
            ["programs are compiled for wasm32: the stack and memory-0 statics use 32-bit addresses"],
            ["declare a different memory index with `memory64` for 64-bit data"],
        )
    if decl.shared and decl.max_pages is None:
        raise RewriteError("B0007", f"shared {what} needs a maximum size", [], ["add `max = N` to its declaration"])
    if decl.max_pages is not None and decl.max_pages < decl.min_pages:
        raise RewriteError("B0007", f"{what} declares max {decl.max_pages} pages below its min {decl.min_pages}")
    for value in (decl.min_pages, decl.max_pages):
        if value is not None and value > limit:
            raise RewriteError(
                "B0007",
                f"{what} declares {value} pages; a {decl.address_bits}-bit memory has at most {limit}",
            )
    minimum = max(decl.min_pages, needed_pages)
    if decl.index == 0 and needed_pages > limit:
        raise RewriteError(
            "B0007",
            f"memory 0 needs {needed_pages} pages for the program; a 32-bit memory has at most {limit}",
            ["memory 0 holds the shadow stack and the statics of memory 0"],
            ["put big statics in a far memory (`#[mem_idx(1)] static`), or take the space at run time "
             "(`memory_grow`)"],
            decl.span,
        )
    if decl.max_pages is not None and decl.max_pages < needed_pages:
        if decl.index == 0:
            raise RewriteError(
                "B0007",
                f"memory 0 declares max {decl.max_pages} pages but the program needs {needed_pages}",
                ["memory 0 holds the shadow stack and the statics of memory 0"],
                [f"declare memory 0 with `max = {needed_pages}` or more"],
                decl.span,
            )
        raise RewriteError(
            "B0006", f"far statics of {what} need {needed_pages} pages but its max is {decl.max_pages}"
        )
    if decl.index != 0 and needed_pages > decl.min_pages:
        raise RewriteError(
            "B0006",
            f"far statics of {what} need {needed_pages} pages but its min is {decl.min_pages}",
            help=[f"declare {what} with `min = {needed_pages}` or more"],
        )
    return MemType(minimum, decl.max_pages, decl.shared, decl.memory64)


def run(module: Module, memories: MemoryMap, far_data: list) -> Module:
    """Install the declared memories; `far_data` lists memory.FarSegment (and PassiveSegment)."""
    linked = module.memory_types()
    if len(linked) != 1:
        raise internal(f"wasm-ld produced {len(linked)} memories, expected 1")
    linker_pages = linked[0].min
    needed: dict[int, int] = {0: linker_pages}
    for seg in far_data:
        if not isinstance(seg, FarSegment):  # a passive segment is in no memory
            continue
        if seg.mem not in memories:
            raise internal(f"far data for memory {seg.mem}, which the program does not declare")
        needed[seg.mem] = max(needed.get(seg.mem, 0), pages_for(seg.offset + len(seg.data)))

    module.imports = [imp for imp in module.imports if imp.kind != KIND_MEMORY]
    module.memories = []
    module.exports = [exp for exp in module.exports if exp.kind != KIND_MEMORY]
    taken = {exp.name: exp for exp in module.exports}

    mem_names: dict[int, str] = {}
    for wasm_index, decl in enumerate(memories.wasm_order()):
        mtype = memory_type(decl, needed.get(decl.index, 0))
        if decl.imported:
            module.imports.append(Import(decl.import_module, decl.import_name or "", KIND_MEMORY, mtype))
        else:
            module.memories.append(mtype)
        if decl.export_name is not None:
            clash = taken.get(decl.export_name)
            if clash is not None:
                other = "a function" if clash.kind == KIND_FUNC else f"memory index {clash.index}"
                raise RewriteError(
                    "B0001",
                    f"linking failed: export name `{decl.export_name}` of memory {decl.index} is also used by {other}",
                    help=["choose a different export name"],
                )
            export = Export(decl.export_name, KIND_MEMORY, wasm_index)
            module.exports.append(export)
            taken[decl.export_name] = export
        mem_names[wasm_index] = f"m{decl.index}"
    if module.names is None:  # wasm-ld writes one unless stripping; the memory names are always wanted
        module.names = NameSection()
    module.names.maps[6] = mem_names
    return module
