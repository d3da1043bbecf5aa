"""Export and import names: each export name once, and only names the
tool chain can carry.

A wasm module exports each name once: two functions exported under one
name (`#[no_mangle]` and `#[export_name = "f"]`), a static and a function,
or a function exported as `memory` beside memory 0 (exported as `memory`
unless it is imported or declared with another `export`) are X0001 here,
with both places, instead of a failure in the back end.

Names reach LLVM IR (function attributes), object files and wasm-ld's
command line (exported statics), all of which end a name at a NUL byte, so
no export or import name may contain one (X0002). An import's module and
name cannot be empty (the attributes would silently fall back to the
defaults), and the module `farc:mem` is farc's own: far accesses become
calls to intrinsics imported from it before the rewriter removes them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..memory import INTRINSIC_MODULE, MemoryMap
from ..source import Span
from ..syntax import ast
from .items import Items


@dataclass(frozen=True)
class _Export:
    name: str
    what: str  # "function `f`", "static `S`", "memory 1"
    span: Span | None  # None: the implicit export of memory 0


def check_names(module: ast.Module, items: Items, memories: MemoryMap, sink: DiagnosticSink) -> None:
    """X0001 for every export name used again, X0002 for names that cannot be carried."""
    first: dict[str, _Export] = {}
    for export in _exports(items, memories):
        if _bad_name(export.name, "export", export.span, sink):
            continue
        earlier = first.get(export.name)
        if earlier is None:
            first[export.name] = export
            continue
        diagnostic = sink.report(msg.EXPORTED_TWICE(name=export.name, what=export.what, earlier=earlier.what),
                                 export.span, msg.LABEL_EXPORTED_AGAIN)
        if earlier.span is not None:
            diagnostic.with_label(earlier.span, msg.LABEL_FIRST_EXPORTED)
        else:
            diagnostic.with_note(msg.NOTE_MEMORY0_EXPORTED)
        diagnostic.with_help(msg.HELP_RENAME_EXPORT)
    for item in module.items:
        if isinstance(item, ast.ExternBlock):
            _check_imports(item, sink)
    for decl in memories:
        if decl.imported:
            for part in (decl.import_module, decl.import_name):
                _bad_name(part or "", "import", decl.span, sink)
            if decl.import_module == INTRINSIC_MODULE:
                sink.report(msg.RESERVED_IMPORT_MODULE(module=INTRINSIC_MODULE), decl.span)


def _exports(items: Items, memories: MemoryMap) -> list[_Export]:
    """Everything the module exports, in source order (memory 0's implicit export first)."""
    found: list[_Export] = []
    for decl in memories:
        if decl.export_name is not None:
            found.append(_Export(decl.export_name, f"memory {decl.index}", decl.span if decl.explicit else None))
    for info in items.fns.values():
        if info.fn.export_name is not None:
            found.append(_Export(info.fn.export_name, f"function `{info.fn.name}`",
                                 _export_attr_span(info.decl.attrs) or info.decl.name_span))
    for name, static in items.statics.items():
        if static.export_name is not None:
            decl = items.static_decls[name]
            found.append(_Export(static.export_name, f"static `{name}`",
                                 _export_attr_span(decl.attrs) or decl.name_span))
    return sorted(found, key=lambda e: -1 if e.span is None else e.span.start)


def _export_attr_span(attrs: tuple[ast.Attribute, ...]) -> Span | None:
    for attr in attrs:
        if attr.name in ("export_name", "no_mangle"):
            return attr.span
    return None


def _check_imports(block: ast.ExternBlock, sink: DiagnosticSink) -> None:
    for attr in block.attrs:
        if attr.name != "link":
            continue
        for arg in attr.args or ():
            if arg.key == "wasm_import_module" and isinstance(arg.value, str):
                if not _bad_name(arg.value, "import", arg.span, sink) and arg.value == INTRINSIC_MODULE:
                    sink.report(msg.RESERVED_IMPORT_MODULE(module=INTRINSIC_MODULE), arg.span)
    for fn in block.functions:
        for attr in fn.attrs:
            if attr.name == "link_name" and isinstance(attr.value, str):
                _bad_name(attr.value, "import", attr.span, sink)


def _bad_name(name: str, kind: str, span: Span | None, sink: DiagnosticSink) -> bool:
    """Report (X0002) and return True if `name` cannot be an export or import name."""
    if "\0" in name:
        sink.report(msg.NAME_WITH_NUL(kind=kind, name=name.replace("\0", "\\0")), span).with_note(
            msg.NOTE_NAMES_END_AT_NUL)
        return True
    if kind == "import" and not name:
        sink.report(msg.EMPTY_IMPORT_NAME(), span)
        return True
    return False
