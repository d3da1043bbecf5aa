"""Turn wasm-ld's single-memory output into the program's multi-memory module.

`finalize` reads the linked module, decodes every function body, runs the
rewriting passes in their fixed order (see `compiler.wasm.passes`), writes
the module back and validates it. Every failure becomes a diagnostic:
an undecodable instruction is B0005 (naming the function and byte offset),
a memory declaration that cannot hold the program is B0006/B0007, an invalid
result is B0002, and a broken promise between codegen and the rewriter is an
internal compiler error.
"""
from __future__ import annotations

from ..diagnostics import DiagnosticSink
from ..memory import FarSegment, MemoryMap, PassiveSegment
from .binary import BodyDecodeError, Module, decode_bodies, encode_module, parse_module
from .encoding import DecodeError
from . import lines
from .dwarf import line_table
from .errors import RewriteError
from .passes import (
    data, debug_sections, exports, far_tables, features, intrinsics, memories as memories_pass, near_memory, sanity,
    start,
)
from .validate import validate

MAX_VALIDATION_NOTES = 8


def rewrite(module: Module, memories: MemoryMap, far_data: list[FarSegment | PassiveSegment]) -> Module:
    """All passes, in order; raises RewriteError. Bodies must be decoded."""
    passive = data.passive_indices(module, far_data)  # (before `data` appends the segments)
    module = exports.run(module)
    module = near_memory.run(module, memories)
    module = far_tables.run(module)
    module = intrinsics.run(module, memories, passive)
    module = memories_pass.run(module, memories, far_data)
    module = data.run(module, memories, far_data)
    module = start.run(module)
    module = features.run(module)
    module = debug_sections.run(module)
    return sanity.run(module)


def finalize(
    linked: bytes,
    memories: MemoryMap,
    far_data: list[FarSegment | PassiveSegment],
    sink: DiagnosticSink,
    *,
    check: bool = True,
    source_lines: bool = False,
) -> bytes | None:
    """The finished module, or None with diagnostics in `sink`.

    `check=False` skips validation (for tests that inspect invalid output).
    `source_lines`: when `linked` carries a DWARF line table (linked with
    debug info kept), the finished module gets a `farc.lines` section mapping
    its instructions to source lines (`compiler.wasm.lines`).
    """
    try:
        module = parse_module(linked)
    except DecodeError as err:
        sink.ice(f"the linked module cannot be read: {err}")
        return None
    try:
        decode_bodies(module)
    except BodyDecodeError as err:
        sink.error("B0005", f"cannot decode an instruction in function `{err.func_name}`").with_note(
            f"at byte offset {err.offset:#x} of the linked module: {err.message}"
        ).with_note("the rewriter refuses to emit a module it only partly understood")
        return None
    try:
        module = rewrite(module, memories, far_data)
    except RewriteError as err:
        err.report(sink)
        return None
    except KeyError as err:  # a MemoryMap without memory 0 (MemoryMap.of always adds it)
        sink.ice(f"memory {err.args[0]} is missing from the memory map")
        return None
    wasm = encode_module(module)
    if check:
        problems = validate(wasm)
        if problems:
            diag = sink.error("B0002", "the generated module is invalid")
            for problem in problems[:MAX_VALIDATION_NOTES]:
                diag.with_note(problem)
            diag.with_note("this is a bug in farc's back end; please report it")
            return None
    if source_lines:
        table = line_table(linked)
        if table is not None:
            wasm = lines.append_section(wasm, lines.rows_for(module, wasm, table))
    return wasm
