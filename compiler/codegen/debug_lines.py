"""Source lines as LLVM debug locations, only when asked for (`debug_lines=True`).

The farc explorer shows which IR and wasm each source line became. The
compiler itself knows: every expression has a span. With debug lines on,
each function gets a `DISubprogram` and every instruction the function
emitter creates carries the `DILocation` (line, column) of the innermost
expression it lowers (`FunctionEmitter.expr`); LLVM keeps them through
optimization (inlined code keeps its own line and says where it was inlined),
legalization carries them over to the instructions that replace a far
access, and the wasm back end writes them as a DWARF line table
(`emissionKind: LineTablesOnly`, DWARF 4: the simplest table to read back,
see `compiler.wasm.dwarf`).

Off by default: normal builds produce exactly the IR they did without this
module (no metadata, no time spent).
"""
from __future__ import annotations

from llvmlite import ir

from ..source import Span

DWARF_VERSION = 4
DEBUG_INFO_VERSION = 3  # LLVM's debug metadata format, what the `Debug Info Version` flag must say


class DebugLines:
    """The debug metadata of one module: a compile unit, a subprogram per function, locations."""

    def __init__(self, module: ir.Module, file_name: str) -> None:
        self.module = module
        directory, _, base = file_name.rpartition("/")
        self.file = module.add_debug_info("DIFile", {"filename": base or file_name, "directory": directory or "."})
        self.unit = module.add_debug_info("DICompileUnit", {
            "language": ir.DIToken("DW_LANG_Rust"),
            "file": self.file,
            "producer": "farc",
            "isOptimized": True,
            "runtimeVersion": 0,
            "emissionKind": ir.DIToken("LineTablesOnly"),
        }, is_distinct=True)
        module.add_named_metadata("llvm.dbg.cu", self.unit)
        i32 = ir.IntType(32)
        # behaviour 2 (warning) for both, as clang and rustc emit them
        module.add_named_metadata("llvm.module.flags", [ir.Constant(i32, 2), "Dwarf Version",
                                                         ir.Constant(i32, DWARF_VERSION)])
        module.add_named_metadata("llvm.module.flags", [ir.Constant(i32, 2), "Debug Info Version",
                                                         ir.Constant(i32, DEBUG_INFO_VERSION)])
        self._no_types = module.add_debug_info("DISubroutineType", {"types": module.add_metadata([])})

    def subprogram(self, llfn: ir.Function, name: str, span: Span | None) -> "FunctionLines":
        """Attach a `DISubprogram` to `llfn`; its locations come from the returned object."""
        line = span.line_col()[0] if span is not None else 0
        sub = self.module.add_debug_info("DISubprogram", {
            "name": name,
            "scope": self.file,
            "file": self.file,
            "line": line,
            "type": self._no_types,
            "scopeLine": line,
            "spFlags": ir.DIToken("DISPFlagDefinition | DISPFlagOptimized"),
            "unit": self.unit,
        }, is_distinct=True)
        llfn.set_metadata("dbg", sub)
        return FunctionLines(self.module, sub, span)


class FunctionLines:
    """The locations of one function's instructions, one `DILocation` per (line, column)."""

    def __init__(self, module: ir.Module, subprogram: ir.DIValue, span: Span | None) -> None:
        self.module = module
        self.subprogram = subprogram
        self._locations: dict[tuple[int, int], ir.DIValue] = {}
        self.entry = self.location(span)

    def location(self, span: Span | None) -> ir.DIValue | None:
        if span is None:
            return None
        line, column = span.line_col()
        key = (line, column)
        if key not in self._locations:
            self._locations[key] = self.module.add_debug_info(
                "DILocation", {"line": line, "column": column, "scope": self.subprogram})
        return self._locations[key]


__all__ = ["DebugLines", "FunctionLines"]
