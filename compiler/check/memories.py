"""Memory declarations: `#![memory(N, ...)]` inner attributes -> MemoryMap.

    #![memory(1, min = 1, max = 16, export = "secret")]
    #![memory(2, import = "other.memory")]          module "other", name "memory"
    #![memory(3, memory64, min = 1)]
    #![memory(4, shared, min = 1, max = 1)]
    #![memory(1, wasm_index = 0)]                   memory 1 becomes wasm memory 0
    #![memory(1, secret, only = [seal, unseal])]     only seal and unseal may access it
                                                    (checked on the final wasm: compiler.wasm.isolation)
"""
from __future__ import annotations

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..memory import ADDRSPACE_BASE, MAX_MEMORIES, MAX_MEMORY_INDEX, MemoryDecl, MemoryMap
from ..syntax import ast

_INT_KEYS = {"min", "max", "wasm_index"}
_STR_KEYS = {"export", "import", "import_module", "import_name"}
_FLAGS = {"memory64", "shared", "secret"}
_LIST_KEYS = {"only"}
#: inner attributes accepted and ignored (so that rustc-based tools can read the file too)
IGNORED_INNER_ATTRS = ("allow", "warn", "deny", "no_std", "no_main", "feature")


def check_module_file_attrs(attrs: tuple[ast.Attribute, ...], sink: DiagnosticSink) -> None:
    """The inner attributes of a module's file: memories belong to the crate root."""
    for attr in attrs:
        if attr.name == "memory":
            sink.report(msg.MEMORY_IN_MODULE_FILE(), attr.span).with_help(msg.HELP_MEMORY_AT_ROOT)
        elif attr.name not in IGNORED_INNER_ATTRS:
            sink.report(msg.UNKNOWN_INNER_ATTR(name=attr.name), attr.span, msg.LABEL_NOT_FARC_ATTR)


def check_policies(memories: MemoryMap, functions: dict[str, bool], sink: DiagnosticSink) -> None:
    """Every name in a memory's `only = [...]` is a function this file defines
    (`functions`: name -> whether it is defined here rather than imported)."""
    for decl in memories:
        for name, span in zip(decl.only, decl.only_spans):
            if not functions.get(name, False):
                sink.report(msg.ONLY_UNKNOWN_FUNCTION(index=decl.index, name=name), span).with_note(
                    msg.NOTE_ONLY_DEFINED_HERE)


def declare_memories(attrs: tuple[ast.Attribute, ...], sink: DiagnosticSink) -> MemoryMap:
    """The program's memories; invalid declarations are reported (M0011) and skipped."""
    decls: dict[int, MemoryDecl] = {}
    for attr in attrs:
        if attr.name != "memory":
            if attr.name not in IGNORED_INNER_ATTRS:
                sink.report(msg.UNKNOWN_INNER_ATTR(name=attr.name), attr.span, msg.LABEL_NOT_FARC_ATTR).with_help(
                    msg.HELP_DECLARE_MEMORIES)
            continue
        decl = _parse_memory(attr, sink)
        if decl is None:
            continue
        if decl.index in decls:
            sink.report(msg.MEMORY_TWICE(index=decl.index), attr.span, msg.LABEL_SECOND_DECLARATION)
            continue
        if not _import_is_new(decl, decls.values(), sink):
            continue
        decls[decl.index] = decl
        if len(decls) + (0 not in decls) == MAX_MEMORIES + 1:  # memory 0 exists even if undeclared
            sink.report(msg.TOO_MANY_MEMORIES(max=MAX_MEMORIES), attr.span).with_note(
                msg.NOTE_TOO_MANY_MEMORIES.format(max=MAX_MEMORIES))
    memories = MemoryMap.of(list(decls.values()))
    _check_wasm_indices(memories, sink, {a.args[0].value: a for a in attrs if a.name == "memory" and a.args
                                         and isinstance(a.args[0].value, int)})
    return memories


def _import_is_new(decl: MemoryDecl, earlier, sink: DiagnosticSink) -> bool:
    """Two declarations that import the same module and name are one memory
    at run time, which farc would compile as two disjoint ones (its alias
    scopes say accesses to different memories never alias): rejected."""
    if not decl.imported:
        return True
    for other in earlier:
        if (other.import_module, other.import_name) == (decl.import_module, decl.import_name):
            sink.report(msg.SAME_IMPORT(first=other.index, second=decl.index, module=decl.import_module,
                                        name=decl.import_name), decl.span,
                        msg.LABEL_SAME_IMPORT.format(first=other.index)).with_note(
                msg.NOTE_SAME_IMPORT.format(first=other.index, second=decl.index)).with_help(
                msg.HELP_SAME_IMPORT.format(first=other.index))
            return False
    return True


def _check_wasm_indices(memories: MemoryMap, sink: DiagnosticSink, attrs: dict) -> None:
    """Every `wasm_index = N` must be where the memory really ends up."""
    for position, decl in enumerate(memories.wasm_order()):
        hint = decl.wasm_index_hint
        if hint is None or hint == position:
            continue
        imported = sum(1 for d in memories if d.imported)
        if not decl.imported and hint < imported:
            why = msg.WHY_IMPORTS_FIRST.format(imported=imported)
        elif decl.imported and hint >= imported:
            why = msg.WHY_IMPORTS_RANGE.format(last=imported - 1)
        else:
            why = msg.WHY_INDEX_CLASH
        sink.report(msg.WASM_INDEX_TAKEN(index=decl.index, hint=hint, position=position),
                    attrs[decl.index].span if decl.index in attrs else None).with_note(why)


def _parse_memory(attr: ast.Attribute, sink: DiagnosticSink) -> MemoryDecl | None:
    args = attr.args or ()
    if not args or args[0].key is not None or not isinstance(args[0].value, int):
        sink.report(msg.MEMORY_NEEDS_INDEX(), attr.span, msg.LABEL_MEMORY_FORM)
        return None
    index = args[0].value
    if index > MAX_MEMORY_INDEX:
        sink.report(msg.MEMORY_INDEX_RANGE(index=index, max=MAX_MEMORY_INDEX), args[0].span).with_note(
            msg.NOTE_MEMORY_INDEX_RANGE.format(base=ADDRSPACE_BASE))
        return None
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
        elif arg.key in _LIST_KEYS and isinstance(value, tuple):
            fields[arg.key] = value
        else:
            what = arg.key or (value.name if isinstance(value, ast.Ident) else repr(value))
            sink.report(msg.MEMORY_PROPERTY(what=what), arg.span).with_help(msg.HELP_MEMORY_PROPERTIES)
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
            sink.report(msg.MEMORY_IMPORT_FORM(text=text), attr.span)
            return None
        module, name = text.rsplit(".", 1)
    if (module is None) != (name is None):
        sink.report(msg.MEMORY_IMPORT_PARTS(), attr.span)
        return None
    min_pages = f.get("min", 1)
    max_pages = f.get("max")
    memory64 = bool(f.get("memory64"))
    shared = bool(f.get("shared"))
    limit = 2**48 if memory64 else 65536
    if max_pages is not None and min_pages > max_pages:
        sink.report(msg.MEMORY_MIN_OVER_MAX(index=index, min=min_pages, max=max_pages), attr.span)
        return None
    if min_pages > limit or (max_pages is not None and max_pages > limit):
        sink.report(msg.MEMORY_TOO_LARGE(index=index, bits=64 if memory64 else 32, limit=limit), attr.span)
        return None
    if shared and max_pages is None:
        sink.report(msg.SHARED_NEEDS_MAX(index=index), attr.span).with_note(msg.NOTE_SHARED_MAX)
        return None
    if index == 0 and memory64:
        sink.report(msg.MEMORY0_64BIT(), attr.span).with_note(msg.NOTE_MEMORY0_32BIT)
        return None
    export = f.get("export")
    secret = bool(f.get("secret"))
    only: tuple[ast.Ident, ...] = f.get("only", ())
    if not _policy_ok(attr, index, secret, "only" in f, export, module, sink):
        return None
    if index == 0 and export is None and module is None:
        export = "memory"
    return MemoryDecl(index, min_pages, max_pages, memory64, shared, module, name, export,
                      wasm_index_hint=f.get("wasm_index"), span=attr.span, secret=secret,
                      only=tuple(i.name for i in only), only_spans=tuple(i.span for i in only))


def _policy_ok(attr: ast.Attribute, index: int, secret: bool, has_only: bool, export: str | None,
               module: str | None, sink: DiagnosticSink) -> bool:
    """`secret` and `only = [...]` come together, on a memory of this module's own."""
    if secret and not has_only:
        sink.report(msg.SECRET_NEEDS_ONLY(index=index), attr.span).with_help(msg.HELP_SECRET_ONLY)
        return False
    if has_only and not secret:
        sink.report(msg.ONLY_NEEDS_SECRET(index=index), attr.span)
        return False
    if not secret:
        return True
    if index == 0:
        sink.report(msg.SECRET_MEMORY0(), attr.span).with_note(msg.NOTE_SECRET_MEMORY0)
        return False
    for how, present in (("exported", export is not None), ("imported", module is not None)):
        if present:
            sink.report(msg.SECRET_OUTSIDE(index=index, how=how), attr.span).with_note(msg.NOTE_SECRET_OUTSIDE)
            return False
    return True
