"""Memory declarations: `#![memory(N, ...)]` inner attributes -> MemoryMap.

    #![memory(1, min = 1, max = 16, export = "secret")]
    #![memory(2, import = "other.memory")]          module "other", name "memory"
    #![memory(3, memory64, min = 1)]
    #![memory(4, shared, min = 1, max = 1)]
    #![memory(1, wasm_index = 0)]                   memory 1 becomes wasm memory 0
"""
from __future__ import annotations

from ..diagnostics import DiagnosticSink
from ..memory import MemoryDecl, MemoryMap
from ..syntax import ast

_INT_KEYS = {"min", "max", "wasm_index"}
_STR_KEYS = {"export", "import", "import_module", "import_name"}
_FLAGS = {"memory64", "shared"}


def declare_memories(attrs: tuple[ast.Attribute, ...], sink: DiagnosticSink) -> MemoryMap:
    """The program's memories; invalid declarations are reported (M0011) and skipped."""
    decls: dict[int, MemoryDecl] = {}
    for attr in attrs:
        if attr.name != "memory":
            if attr.name not in ("allow", "warn", "deny", "no_std", "no_main", "feature"):
                sink.error("S0004", f"unknown inner attribute `#![{attr.name}]`", attr.span,
                           "not a farc attribute").with_help(
                    "memories are declared with `#![memory(N, min = .., max = .., ...)]`")
            continue
        decl = _parse_memory(attr, sink)
        if decl is None:
            continue
        if decl.index in decls:
            sink.error("M0011", f"memory {decl.index} is declared more than once", attr.span,
                       "second declaration")
            continue
        decls[decl.index] = decl
    memories = MemoryMap.of(list(decls.values()))
    _check_wasm_indices(memories, sink, {a.args[0].value: a for a in attrs if a.name == "memory" and a.args
                                         and isinstance(a.args[0].value, int)})
    return memories


def _check_wasm_indices(memories: MemoryMap, sink: DiagnosticSink, attrs: dict) -> None:
    """Every `wasm_index = N` must be where the memory really ends up."""
    for position, decl in enumerate(memories.wasm_order()):
        hint = decl.wasm_index_hint
        if hint is None or hint == position:
            continue
        imported = sum(1 for d in memories if d.imported)
        if not decl.imported and hint < imported:
            why = (f"imported memories come first in wasm's memory index space, and this file imports "
                   f"{imported}: a defined memory can take wasm index {imported} at the lowest")
        elif decl.imported and hint >= imported:
            why = f"imported memories take wasm indices 0..{imported - 1}"
        else:
            why = "another memory asks for the same index, or the indices leave a gap"
        sink.error("M0011", f"memory {decl.index} cannot take wasm index {hint} (it would be {position})",
                   attrs[decl.index].span if decl.index in attrs else None).with_note(why)


def _parse_memory(attr: ast.Attribute, sink: DiagnosticSink) -> MemoryDecl | None:
    args = attr.args or ()
    if not args or args[0].key is not None or not isinstance(args[0].value, int):
        sink.error("M0011", "a memory declaration starts with the memory's index", attr.span,
                   "expected `#![memory(N, ...)]`")
        return None
    index = args[0].value
    fields: dict[str, object] = {"index": index}
    ok = True
    for arg in args[1:]:
        value = arg.value
        if arg.key is None and isinstance(value, ast.Ident) and value.name in _FLAGS:
            fields[value.name] = True
        elif arg.key in _INT_KEYS and isinstance(value, int):
            fields[arg.key] = value
        elif arg.key in _STR_KEYS and isinstance(value, str):
            fields[arg.key] = value
        else:
            what = arg.key or (value.name if isinstance(value, ast.Ident) else repr(value))
            sink.error("M0011", f"unknown or malformed memory property `{what}`", arg.span).with_help(
                "properties: `min = N`, `max = N` (pages of 64 KiB), `memory64`, `shared`, "
                "`export = \"name\"`, `import = \"module.name\"`, `wasm_index = N`")
            ok = False
    if not ok:
        return None
    return _build_decl(attr, fields, sink)


def _build_decl(attr: ast.Attribute, f: dict, sink: DiagnosticSink) -> MemoryDecl | None:
    index: int = f["index"]
    module = f.get("import_module")
    name = f.get("import_name")
    if "import" in f:
        text: str = f["import"]
        if "." not in text:
            sink.error("M0011", f"memory import `{text}` needs the form \"module.name\"", attr.span)
            return None
        module, name = text.rsplit(".", 1)
    if (module is None) != (name is None):
        sink.error("M0011", "a memory import needs both a module and a name", attr.span)
        return None
    min_pages = f.get("min", 1)
    max_pages = f.get("max")
    memory64 = bool(f.get("memory64"))
    shared = bool(f.get("shared"))
    limit = 2**48 if memory64 else 65536
    if max_pages is not None and min_pages > max_pages:
        sink.error("M0011", f"memory {index}: min ({min_pages} pages) is larger than max ({max_pages} pages)",
                   attr.span)
        return None
    if min_pages > limit or (max_pages is not None and max_pages > limit):
        sink.error("M0011", f"memory {index}: a {'64' if memory64 else '32'}-bit memory has at most "
                   f"{limit} pages", attr.span)
        return None
    if shared and max_pages is None:
        sink.error("M0011", f"shared memory {index} needs a `max`", attr.span).with_note(
            "WebAssembly requires shared memories to declare a maximum size")
        return None
    if index == 0 and memory64:
        sink.error("M0011", "memory 0 cannot be a 64-bit memory", attr.span).with_note(
            "farc targets wasm32: the stack and memory-0 statics live in memory 0 and use 32-bit "
            "addresses; declare another index as `memory64`")
        return None
    export = f.get("export")
    if index == 0 and export is None and module is None:
        export = "memory"
    return MemoryDecl(index, min_pages, max_pages, memory64, shared, module, name, export,
                      wasm_index_hint=f.get("wasm_index"), span=attr.span)
