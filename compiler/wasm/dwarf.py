"""The DWARF line table of a linked module: which source line each code byte came from.

Only the farc explorer reads it: with `debug_lines`, codegen gives every
instruction a debug location (`compiler.codegen.debug_lines`), LLVM's wasm
back end writes them into `.debug_line`, and wasm-ld keeps that section when
asked (`link(keep_debug=True)`). In wasm DWARF an address is an offset into
the code section's contents (the byte after its size), so `line_table`
returns rows with module offsets added back.

The reader covers what LLVM writes for DWARF 4 (`codegen.debug_lines` asks
for version 4): the header with its directory and file tables, the standard
opcodes, special opcodes, and the extended opcodes end_sequence,
set_address, define_file and set_discriminator; an unknown standard opcode
is skipped by the operand count the header gives. Anything else (another
version, 64-bit DWARF, a truncated table) raises `DecodeError`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .binary import CODE, CUSTOM, MAGIC
from .encoding import DecodeError, Reader

SECTION = ".debug_line"
SUPPORTED_VERSIONS = (2, 3, 4)


@dataclass(frozen=True)
class Row:
    """One row of the line table: code from `address` on came from `line`:`column`
    (`end` marks the first byte after a sequence)."""

    address: int  # offset in the module
    line: int
    column: int
    end: bool = False


def sections(wasm: bytes) -> tuple[dict[str, bytes], int | None]:
    """The custom sections by name, and the module offset where the code section's contents start."""
    if not wasm.startswith(MAGIC):
        raise DecodeError("not a wasm module", 0)
    r = Reader(wasm, len(MAGIC))
    customs: dict[str, bytes] = {}
    code_start = None
    while not r.at_end:
        sid = r.u8()
        size = r.u32()
        start = r.pos
        if sid == CODE:
            code_start = start
        elif sid == CUSTOM:
            body = r.sub(size)
            name = body.name()
            customs[name] = wasm[body.pos:start + size]
        r.pos = start + size
    return customs, code_start


def _fixed(r: Reader, size: int) -> int:
    return int.from_bytes(r.take(size), "little")


def _cstring(r: Reader) -> bytes:
    out = bytearray()
    while (byte := r.u8()) != 0:
        out.append(byte)
    return bytes(out)


def _sleb(r: Reader) -> int:
    return r.s64()


def parse_line_program(data: bytes, base: int = 0) -> list[Row]:
    """Every row of every unit in `.debug_line` `data`, addresses plus `base`."""
    rows: list[Row] = []
    r = Reader(data)
    while not r.at_end:
        unit_length = _fixed(r, 4)
        if unit_length >= 0xFFFFFFF0:
            raise DecodeError("64-bit DWARF line tables are not supported", r.pos)
        unit_end = r.pos + unit_length
        version = _fixed(r, 2)
        if version not in SUPPORTED_VERSIONS:
            raise DecodeError(f"DWARF line table version {version} is not supported", r.pos)
        header_length = _fixed(r, 4)
        program_start = r.pos + header_length
        min_length = r.u8()
        if version >= 4:
            r.u8()  # maximum operations per instruction (VLIW only)
        default_is_stmt = r.u8()
        line_base = int.from_bytes(r.take(1), "little", signed=True)
        line_range = r.u8()
        opcode_base = r.u8()
        if line_range == 0:
            raise DecodeError("line_range 0 in a DWARF line table", r.pos)
        operand_counts = [r.u8() for _ in range(opcode_base - 1)]
        r.pos = program_start  # the directory and file tables are not needed: farc compiles one file
        rows += _run_program(Reader(data, program_start, unit_end), base, min_length, bool(default_is_stmt),
                             line_base, line_range, opcode_base, operand_counts)
        r.pos = unit_end
    return rows


def _run_program(r: Reader, base: int, min_length: int, default_is_stmt: bool, line_base: int,
                 line_range: int, opcode_base: int, operand_counts: list[int]) -> list[Row]:
    rows: list[Row] = []
    address, line, column = 0, 1, 0

    def emit(end: bool = False) -> None:
        rows.append(Row(base + address, line, column, end))

    while not r.at_end:
        op = r.u8()
        if op >= opcode_base:  # special opcode: advance address and line, emit a row
            adjusted = op - opcode_base
            address += (adjusted // line_range) * min_length
            line += line_base + adjusted % line_range
            emit()
        elif op == 0:  # extended opcode
            length = r.u32()
            end = r.pos + length
            sub = r.u8() if length else 0
            if sub == 1:  # end_sequence
                emit(end=True)
                address, line, column = 0, 1, 0
            elif sub == 2:  # set_address
                address = _fixed(r, length - 1)
            r.pos = end  # define_file, set_discriminator and unknown ones: skipped
        elif op == 1:  # copy
            emit()
        elif op == 2:  # advance_pc
            address += r.u64() * min_length
        elif op == 3:  # advance_line
            line += _sleb(r)
        elif op == 4:  # set_file
            r.u32()
        elif op == 5:  # set_column
            column = r.u32()
        elif op in (6, 7, 10, 11):  # negate_stmt, set_basic_block, prologue_end, epilogue_begin
            pass
        elif op == 8:  # const_add_pc
            address += ((255 - opcode_base) // line_range) * min_length
        elif op == 9:  # fixed_advance_pc
            address += _fixed(r, 2)
        else:  # set_isa, or an opcode of a later version: skip its operands
            for _ in range(operand_counts[op - 1]):
                r.u64()
    return rows


class LineTable:
    """Module offset -> source line, from a linked module's `.debug_line`."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = sorted(rows, key=lambda row: (row.address, not row.end))
        self._addresses = [row.address for row in self.rows]

    def line_at(self, offset: int) -> int | None:
        """The source line of the code byte at module offset `offset` (None: no row covers it, or line 0)."""
        location = self.location_at(offset)
        return location[0] if location is not None else None

    def location_at(self, offset: int) -> tuple[int, int] | None:
        """(line, column) of the code byte at module offset `offset` (None: no row covers it, or line 0)."""
        k = bisect.bisect_right(self._addresses, offset) - 1
        if k < 0:
            return None
        row = self.rows[k]
        if row.end or row.line == 0:
            return None
        return row.line, row.column


def line_table(wasm: bytes) -> LineTable | None:
    """The line table of a linked module, or None when it has none."""
    customs, code_start = sections(wasm)
    data = customs.get(SECTION)
    if data is None or code_start is None:
        return None
    return LineTable(parse_line_program(data, code_start))
