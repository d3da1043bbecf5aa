"""The `farc.lines` custom section: the source line and column of every
instruction of a finished module, for mapping a trap back to the source.

Why a section of farc's own rather than DWARF: the rewrite re-encodes
function bodies, so wasm-ld's `.debug_line` addresses are stale in the
finished module (`passes.debug_sections` drops them). When a build asks for
source lines (`compile_source(source_lines=True)`: `farc run`, `farc build
-g`), `postlink.finalize` maps each instruction of the finished module to the
instruction of wasm-ld's output it came from (the rewrite keeps each decoded
instruction's offset; a far access lowered from an intrinsic call keeps the
call's), looks that offset up in the DWARF line table (`dwarf.LineTable`),
and writes the rows here. Engines report a trap's position as a byte offset
in the module (wasmtime's frame `module_offset`, V8's `wasm-function[i]:0x..`),
so `SourceLines.at(offset)` answers directly, in both engines, without
re-running anything.

Payload: a LEB128 row count, then per row (sorted by offset) the offset's
delta from the previous row's, the line and the column, each a LEB128. The
section is appended after every other section, so no code offset moves.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .binary import Module, decode_bodies, parse_module
from .dwarf import LineTable
from .encoding import DecodeError, Reader, name_bytes, uleb

SECTION = "farc.lines"
CUSTOM_SECTION_ID = 0


@dataclass(frozen=True)
class Location:
    line: int
    column: int


def rows_for(rewritten: Module, final: bytes, table: LineTable) -> list[tuple[int, int, int]]:
    """(offset in `final`, line, column) for each instruction of `final` whose origin in
    wasm-ld's output (`Instr.offset` in `rewritten`, the module `final` was encoded from)
    has a row in `table`."""
    decoded = decode_bodies(parse_module(final))
    rows: list[tuple[int, int, int]] = []
    for before, after in zip(rewritten.code, decoded.code):
        start = len(rows)
        for origin, placed in zip(before.instrs or [], after.instrs or []):
            location = table.location_at(origin.offset) if origin.offset >= 0 else None
            if location is not None:
                rows.append((placed.offset, location[0], location[1]))
        first = (after.instrs or [None])[0]
        if first is not None and (len(rows) == start or rows[start][0] != first.offset):
            rows.append((first.offset, 0, 0))  # line 0: unknown; a lookup never reaches the function before
    rows.sort()
    return rows


def append_section(wasm: bytes, rows: list[tuple[int, int, int]]) -> bytes:
    """`wasm` with a `farc.lines` section holding `rows` appended."""
    payload = bytearray(uleb(len(rows)))
    previous = 0
    for offset, line, column in rows:
        payload += uleb(offset - previous) + uleb(line) + uleb(column)
        previous = offset
    body = name_bytes(SECTION) + bytes(payload)
    return wasm + bytes([CUSTOM_SECTION_ID]) + uleb(len(body)) + body


class SourceLines:
    """Module offset -> source location, from a module's `farc.lines` section."""

    def __init__(self, rows: list[tuple[int, int, int]]) -> None:
        self.rows = rows
        self._offsets = [row[0] for row in rows]

    @classmethod
    def of(cls, wasm: bytes) -> "SourceLines | None":
        """The module's table, or None when it has no (readable) `farc.lines` section."""
        try:
            module = parse_module(wasm)
            section = next((c for c in module.customs if c.name == SECTION), None)
            if section is None:
                return None
            r = Reader(section.payload)
            rows, offset = [], 0
            for _ in range(r.u32()):
                offset += r.u32()
                rows.append((offset, r.u32(), r.u32()))
        except DecodeError:
            return None
        return cls(rows)

    def at(self, offset: int) -> Location | None:
        """The location of the instruction at module offset `offset` (an engine's trap
        position is the trapping instruction's first byte); None when no row starts there
        or before it in the same function."""
        k = bisect.bisect_right(self._offsets, offset) - 1
        if k < 0:
            return None
        _, line, column = self.rows[k]
        return Location(line, column) if line else None
