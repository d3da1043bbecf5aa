"""Which source lines each line of the IR and of the .wat came from.

The explorer compiles with `debug_lines` (`compiler.codegen.debug_lines`), so
the answers are the compiler's own, carried through every phase:

* LLVM IR: an instruction's `!dbg !N` names a `DILocation` (its line, and for
  inlined code the call sites it was inlined at, `inlinedAt:`); a `define`'s
  `!dbg` names its `DISubprogram`. LLVM prints both in a fixed form, read
  here from the printed module (the explorer shows that same text).
* .wat: each instruction of the finished module came from an instruction of
  wasm-ld's output (the rewrite keeps the offset each decoded instruction had,
  `Instr.offset`); that offset's row in the linked module's DWARF line table
  (`compiler.wasm.dwarf`) is its source line.

Nothing is guessed: a line whose origin is not known maps to no source line.
"""
from __future__ import annotations

import re

from ..memory import MemoryMap
from ..wasm.binary import Module, decode_bodies, parse_module
from ..wasm.dwarf import line_table
from ..wasm.encoding import DecodeError

_METADATA = re.compile(r"^!(\d+) = (?:distinct )?!(DILocation|DISubprogram)\((.*)\)\s*$")
_FIELD = re.compile(r"\b(line|inlinedAt): !?(\d+)")
_ATTACHMENT = re.compile(r"!dbg !(\d+)")
_SHOWN_ATTACHMENT = re.compile(r",? !dbg !\d+")


def ir_line_sources(ir_text: str) -> list[list[int]]:
    """Per line of `ir_text`, the source lines it came from (innermost first, then
    the lines it was inlined at)."""
    lines = ir_text.split("\n")
    nodes: dict[int, tuple[int, int | None]] = {}  # metadata id -> (line, inlinedAt id)
    for line in lines:
        match = _METADATA.match(line)
        if match:
            fields = dict(_FIELD.findall(match[3]))
            if "line" in fields:
                nodes[int(match[1])] = (int(fields["line"]), int(fields["inlinedAt"]) if "inlinedAt" in fields else None)
    out: list[list[int]] = []
    for line in lines:
        sources: list[int] = []
        if not line.startswith("!"):
            attachment = _ATTACHMENT.search(line)
            node = int(attachment[1]) if attachment else None
            while node is not None and node in nodes and len(sources) < 64:
                source, node = nodes[node]
                if source and source not in sources:
                    sources.append(source)
        out.append(sources)
    return out


def without_debug_attachments(ir_text: str) -> str:
    """The IR as shown: the `!dbg` attachments removed from instructions and
    definitions (the lines stay where they are, so line numbers still match)."""
    return "\n".join(line if line.startswith("!") else _SHOWN_ATTACHMENT.sub("", line)
                     for line in ir_text.split("\n"))


def wat_line_sources(positions: list[tuple[int, int] | None], final: Module, linked: bytes | None,
                     memories: MemoryMap, far_segments: list) -> list[list[int]]:
    """Per .wat line, the source line of the instruction printed there.

    `positions` says which instruction of the finished module each line shows
    (function, index); the linked module is rewritten again here, as the
    driver did, to learn where in it each of those instructions came from."""
    empty: list[list[int]] = [[] for _ in positions]
    if linked is None:
        return empty
    from ..wasm.postlink import rewrite

    try:
        table = line_table(linked)
        if table is None:
            return empty
        rewritten = rewrite(decode_bodies(parse_module(linked)), memories, far_segments)
    except DecodeError:  # a line table this reader does not understand: no lines, not an error
        return empty
    same = [len(a.instrs or []) == len(b.instrs or []) and
            all(x.name == y.name for x, y in zip(a.instrs or [], b.instrs or []))
            for a, b in zip(rewritten.code, final.code)]
    out = []
    for position in positions:
        sources: list[int] = []
        if position is not None and position[0] < len(same) and same[position[0]]:
            origin = rewritten.code[position[0]].instrs[position[1]].offset
            line = table.line_at(origin) if origin >= 0 else None
            if line:
                sources.append(line)
        out.append(sources)
    return out
