"""One compilation as the explorer page sees it.

`explore(text, options)` compiles `text` the way `farc build` does (with debug
locations, `debug_lines`: the module is the same, and each IR and wasm line
learns its source line) and returns a JSON-ready dict. Everything in it comes
from that one compilation (the IR is shown without its `!dbg` attachments):

    ok            the module was built (no errors)
    diagnostics   [Diagnostic.to_json()]   the same objects as `--message-format=json`
    outputs       {llvm_ir, llvm_ir_legalized, wat}: text or null
    wasm          base64 of the finished module, or null
    run_wasm      base64 of the same module with every defined memory exported
                  (`__explorer_memory_<N>` where the program exports none), so the
                  page can show each memory's bytes; otherwise identical
    memories      [{index, wasm_index, min, max, shared, memory64, import, export, reach, line}]
                  `reach` says how the page gets at the memory: {"import": [module, name]}
                  (the page creates it) or {"export": name}
    statics       [{name, mem, address, size, mutable, type, line}]  far statics (memory >= 1)
    functions     [{index, name, exported, accesses: {memory: count}, kinds: {memory: [read,
                  write, size, grow]}, instructions: {memory: [names]}, reaches: {memory:
                  [functions]}}] per defined wasm function, from `farc audit`'s model
                  (`index` in the module's function index space; `reaches`: memories it
                  does not touch itself but reaches through calls, and through whom)
    exports       [{name, params, results}]  exported functions (value type names)
    imports       [{module, name, kind, memory?, params?, results?}]
    regions       [{name, source, llvm_ir, llvm_ir_legalized, wat}]  per function: the
                  1-based, inclusive line range it occupies in each text (null where absent)
    wat_offsets   per .wat line: byte offset in `wasm` of the instruction printed there, or null
    run_code_shift  how much later every instruction sits in `run_wasm` than in `wasm`
    lines         {llvm_ir, llvm_ir_legalized, wat}: per line of that text, the source
                  lines it came from (LLVM debug locations and the DWARF line table,
                  see lines.py; empty lists where unknown)
    elapsed_ms    compile time

Memory numbers are source indices (`#[mem_idx(N)]`) everywhere; `wasm_index`
is where a memory sits in the module's index space.
"""
from __future__ import annotations

import base64
import re
import time
from dataclasses import dataclass

from ..diagnostics import DiagnosticSink
from ..memory import MemoryMap
from ..source import SourceFile, Span
from ..wasm.binary import KIND_FUNC, KIND_MEMORY, Export, Module, decode_bodies, encode_module, parse_module
from ..wasm.instructions import VALTYPE_NAMES
from .lines import ir_line_sources, wat_line_sources, without_debug_attachments

SOURCE_NAME = "playground.rs"
RUN_EXPORT_PREFIX = "__explorer_memory_"
OPT_LEVELS = (0, 1, 2, 3)


class BadRequest(ValueError):
    """A compile request the server refuses (its message goes back to the page)."""


@dataclass(frozen=True)
class Options:
    """The controls of the page: optimization level and design choices."""

    opt_level: int = 2
    #: legalize far accesses into calls before optimizing (the benchmarks' baseline)
    opaque_intrinsics: bool = False

    @classmethod
    def from_json(cls, data: object) -> "Options":
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise BadRequest("`options` must be an object")
        unknown = set(data) - {"opt_level", "opaque_intrinsics"}
        if unknown:
            raise BadRequest(f"unknown option `{sorted(unknown)[0]}`")
        opt = data.get("opt_level", 2)
        if type(opt) is not int or opt not in OPT_LEVELS:
            raise BadRequest("`opt_level` must be 0, 1, 2 or 3")
        opaque = data.get("opaque_intrinsics", False)
        if type(opaque) is not bool:
            raise BadRequest("`opaque_intrinsics` must be true or false")
        return cls(opt, opaque)


def empty_report() -> dict:
    """A report with every key and nothing in it (what a failed compilation fills in)."""
    return {
        "ok": False,
        "diagnostics": [],
        "outputs": {"llvm_ir": None, "llvm_ir_legalized": None, "wat": None},
        "wasm": None, "run_wasm": None, "memories": [], "statics": [], "functions": [],
        "exports": [], "imports": [], "regions": [], "wat_offsets": [], "run_code_shift": 0,
        "lines": {"llvm_ir": [], "llvm_ir_legalized": [], "wat": []},
        "elapsed_ms": 0,
    }


def explore(text: str, options: Options) -> dict:
    """Compile `text` and describe every output (see the module docstring)."""
    from ..driver import compile_source

    started = time.monotonic()
    sink = DiagnosticSink()
    source = SourceFile(SOURCE_NAME, text)
    out = compile_source(source, sink, options.opt_level, legalize_first=options.opaque_intrinsics,
                         debug_lines=True)
    report = empty_report()
    report["ok"] = out.wasm is not None and not sink.has_errors
    report["outputs"].update(llvm_ir=_shown(out.llvm_ir), llvm_ir_legalized=_shown(out.llvm_ir_legalized))
    try:
        _describe(report, out, sink)
    except MemoryError:  # the job reports the explorer's memory limit (B0008)
        raise
    except Exception as exc:  # noqa: BLE001 - the page shows it as a diagnostic, never a traceback
        sink.ice(f"the explorer could not describe this compilation: {type(exc).__name__}: {exc}")
        report["ok"] = False
    report["diagnostics"] = [d.to_json() for d in sink.diagnostics]
    report["elapsed_ms"] = round((time.monotonic() - started) * 1000)
    return report


def _describe(report: dict, out, sink: DiagnosticSink) -> None:
    program = out.program
    if program is None:
        return
    report["memories"] = memories_json(program.memories)
    report["statics"] = far_statics(program)
    if out.wasm is None or sink.has_errors:
        return
    from ..wasm.wat import to_wat

    module = decode_bodies(parse_module(out.wasm))
    wat = to_wat(out.wasm)
    report["outputs"]["wat"] = wat
    report["wasm"] = base64.b64encode(out.wasm).decode("ascii")
    run_wasm, reach = inspectable(out.wasm, program.memories)
    report["run_wasm"] = base64.b64encode(run_wasm).decode("ascii")
    report["run_code_shift"] = code_shift(module, run_wasm)
    for entry in report["memories"]:
        entry["reach"] = reach[entry["index"]]
    report["functions"] = function_accesses(out.wasm, program.memories)
    report["exports"], report["imports"] = interface(module, program.memories)
    wat_funcs, positions = wat_layout(wat, module)
    report["wat_offsets"] = [module.code[p[0]].instrs[p[1]].offset if p is not None else None for p in positions]
    report["regions"] = function_regions(program, module, out.llvm_ir or "", out.llvm_ir_legalized or "", wat_funcs)
    report["lines"] = {
        "llvm_ir": ir_line_sources(out.llvm_ir or ""),
        "llvm_ir_legalized": ir_line_sources(out.llvm_ir_legalized or ""),
        "wat": wat_line_sources(positions, module, out.linked_with_debug, program.memories, out.far_segments),
    }


def _shown(ir_text: str | None) -> str | None:
    return without_debug_attachments(ir_text) if ir_text is not None else None


# ---------------------------------------------------------------------------
# Memories and far statics


def _line(span: object) -> int | None:
    return span.line_col()[0] if isinstance(span, Span) else None


def memories_json(memories: MemoryMap) -> list[dict]:
    """The program's memories in source order, with their wasm index and declaration line."""
    out = []
    for decl in memories:
        out.append({
            "index": decl.index,
            "wasm_index": memories.wasm_index(decl.index),
            "min": decl.min_pages,
            "max": decl.max_pages,
            "shared": decl.shared,
            "memory64": decl.memory64,
            "import": f"{decl.import_module}.{decl.import_name}" if decl.imported else None,
            "export": decl.export_name,
            "reach": None,
            "line": _line(decl.span),
        })
    return out


def far_statics(program) -> list[dict]:
    """Every static in a far memory with the address codegen gives it (the same placement function)."""
    from ..codegen.layout import Layout, place_statics

    layout = Layout(program.structs, program.memories, enums=program.enums)
    placement = place_statics(program.statics, layout, DiagnosticSink())
    out = []
    for static in program.statics:
        if static.mem == 0 or static.symbol not in placement.addresses:
            continue
        out.append({
            "name": static.name,
            "mem": static.mem,
            "address": placement.addresses[static.symbol],
            "size": layout.size_align(static.ty)[0],
            "mutable": static.mutable,
            "type": str(static.ty),
            "line": _line(static.span),
        })
    return sorted(out, key=lambda s: (s["mem"], s["address"]))


def inspectable(wasm: bytes, memories: MemoryMap) -> tuple[bytes, dict[int, dict]]:
    """`wasm` with every defined, unexported memory exported, and how the page reaches each memory."""
    module = parse_module(wasm)
    source_of = {memories.wasm_index(d.index): d.index for d in memories}
    reach: dict[int, dict] = {}
    imported = module.imports_of(KIND_MEMORY)
    for wasm_index, imp in enumerate(imported):
        reach[source_of[wasm_index]] = {"import": [imp.module, imp.name]}
    for exp in module.exports:
        if exp.kind == KIND_MEMORY:
            reach.setdefault(source_of[exp.index], {"export": exp.name})
    added = False
    for wasm_index in range(len(imported), len(imported) + len(module.memories)):
        src = source_of[wasm_index]
        if src not in reach:
            name = f"{RUN_EXPORT_PREFIX}{src}"
            module.exports.append(Export(name, KIND_MEMORY, wasm_index))
            reach[src] = {"export": name}
            added = True
    return (encode_module(module) if added else wasm), reach


def code_shift(module: Module, other: bytes) -> int:
    """How many bytes later the code of `other` starts than the code of `module`
    (the two differ only in sections before the code section)."""
    other_module = parse_module(other)
    if not module.code or not other_module.code:
        return 0
    return other_module.code[0].offset - module.code[0].offset


def function_accesses(wasm: bytes, memories: MemoryMap) -> list[dict]:
    """Per defined function, from `farc audit`'s model of the finished module
    (`compiler.wasm.audit`): its own memory instructions per (source) memory,
    by kind, and the memories it reaches through the functions it calls."""
    from ..wasm.audit import audit_wasm

    source_of = {memories.wasm_index(d.index): d.index for d in memories}
    audit = audit_wasm(wasm)
    out = []
    for func in audit.functions:
        if func.imported_from is not None:
            continue
        uses = {source_of[m]: use for m, use in func.uses.items()}
        reaches = {source_of[m]: sorted(audit.functions[f].name for f in via)
                   for m, via in audit.reaches(func).items() if source_of[m] not in uses}
        out.append({
            "index": func.index,
            "name": func.name,
            "exported": bool(func.exported_as),
            "accesses": {str(m): use.total() for m, use in sorted(uses.items())},
            "kinds": {str(m): use.kinds() for m, use in sorted(uses.items())},
            "instructions": {str(m): sorted({name for c in use.counts.values() for name in c})
                             for m, use in sorted(uses.items())},
            "reaches": {str(m): names for m, names in sorted(reaches.items())},
        })
    return out


def _types(raw: tuple[bytes, ...]) -> list[str]:
    return [VALTYPE_NAMES.get(t[0], t.hex()) if len(t) == 1 else t.hex() for t in raw]


def interface(module: Module, memories: MemoryMap) -> tuple[list[dict], list[dict]]:
    """Exported functions (what the page can call) and every import (what it must provide)."""
    exports = []
    for exp in module.exports:
        if exp.kind == KIND_FUNC:
            sig = module.func_type(exp.index)
            exports.append({"name": exp.name, "params": _types(sig.params), "results": _types(sig.results)})
    source_of = {memories.wasm_index(d.index): d.index for d in memories}
    imports = []
    memory_number = 0
    for imp in module.imports:
        entry: dict = {"module": imp.module, "name": imp.name, "kind": {KIND_FUNC: "func", KIND_MEMORY: "memory"}.get(
            imp.kind, "other")}
        if imp.kind == KIND_FUNC:
            sig = module.types[imp.desc]  # type: ignore[index]
            entry.update(params=_types(sig.params), results=_types(sig.results))
        elif imp.kind == KIND_MEMORY:
            entry["memory"] = source_of[memory_number]
            memory_number += 1
        imports.append(entry)
    return exports, imports


# ---------------------------------------------------------------------------
# Where each function is in each text


def wat_layout(wat: str, module: Module) -> tuple[list[tuple[int, int] | None], list[tuple[int, int] | None]]:
    """Per defined function, its 1-based line range in `wat`; per wat line, the
    instruction printed on it (defined function number, index in its body).

    Both printers put one instruction on a line, in order (wasm2wat leaves out
    the body's final `end`, farc's fallback printer shows it). A function whose
    instruction lines do not add up to its decoded body gets no offsets: no
    guessing."""
    lines = wat.split("\n")
    positions: list[tuple[int, int] | None] = [None] * len(lines)
    ranges: list[tuple[int, int] | None] = [None] * len(module.code)
    members: list[list[int]] = [[] for _ in module.code]
    functions_seen = 0
    current: int | None = None  # the function whose body lines follow
    for n, line in enumerate(lines):
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if indent <= 2 and stripped:  # a module field: a function starts, or anything else
            current = None
            if indent == 2 and stripped.startswith("(func ") and functions_seen < len(ranges):
                current = functions_seen
                functions_seen += 1
                ranges[current] = (n + 1, n + 1)
        elif current is not None and stripped:
            ranges[current] = (ranges[current][0], n + 1)  # type: ignore[index]
            if not stripped.startswith("(local"):
                members[current].append(n)
    for k, body in enumerate(module.code):
        instrs = body.instrs or []
        if len(members[k]) in (len(instrs) - 1, len(instrs)):
            for i, n in enumerate(members[k]):
                positions[n] = (k, i)
    return ranges, positions


_DEFINE = re.compile(r'^define\b[^@]*@("(?:[^"\\]|\\.)*"|[-\w$.]+)\(')


def _ir_symbol(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), token[1:-1])
    return token


def ir_functions(ir_text: str) -> dict[str, tuple[int, int]]:
    """Symbol -> 1-based line range of its `define ... { ... }` in LLVM's printed IR."""
    out: dict[str, tuple[int, int]] = {}
    current: tuple[str, int] | None = None
    for n, line in enumerate(ir_text.split("\n"), start=1):
        if current is None:
            match = _DEFINE.match(line)
            if match:
                current = (_ir_symbol(match[1]), n)
        elif line.startswith("}"):
            out[current[0]] = (current[1], n)
            current = None
    return out


def _span_lines(span: Span | None) -> tuple[int, int] | None:
    if span is None:
        return None
    return span.file.line_col(span.start)[0], span.file.line_col(max(span.start, span.end - 1))[0]


def function_regions(program, module: Module, ir: str, legalized: str,
                     wat_funcs: list[tuple[int, int] | None]) -> list[dict]:
    """Per source function (instance), the lines it occupies in the source and each output."""
    ir_ranges, legal_ranges = ir_functions(ir), ir_functions(legalized)
    base = module.num_imported_funcs
    wasm_by_name = {module.function_name(base + k): k for k in range(len(module.code))}
    wasm_by_export = {e.name: e.index - base for e in module.exports if e.kind == KIND_FUNC and e.index >= base}
    regions = []
    for fn in program.functions:
        if fn.is_import or fn.body is None:
            continue
        # by export first: wasm-ld renames an exported `main` and adds a wrapper of that name
        k = wasm_by_export.get(fn.export_name) if fn.export_name is not None else None
        if k is None:
            k = wasm_by_name.get(fn.symbol)
        span = fn.span.to(fn.body.span) if fn.span is not None and fn.body.span is not None else fn.span
        regions.append({
            "name": fn.symbol,
            "source": _span_lines(span),
            "llvm_ir": ir_ranges.get(fn.symbol),
            "llvm_ir_legalized": legal_ranges.get(fn.symbol),
            "wat": wat_funcs[k] if k is not None and 0 <= k < len(wat_funcs) else None,
        })
    return regions
