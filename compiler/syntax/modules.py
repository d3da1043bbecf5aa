"""A crate's source files: its root file and the file of each `mod name;`.

One crate is one `.rs` root file plus the files of the modules it declares
without a body. They are found as rustc finds them: the modules of the root
file `dir/root.rs` are `dir/name.rs` or `dir/name/mod.rs`; the modules of a
module file `dir/a.rs` (or `dir/a/mod.rs`), and of an inline `mod a { .. }`
in `dir/root.rs`, are in `dir/a/`. Each file is read with the same checks as
the root file (`source.SourceFile.read`: regular UTF-8 files of bounded size)
and parsed on its own.

`load_crate` returns the parsed files beside the root's AST (AST nodes are
immutable: a `ModDecl` without items is looked up in `CrateFiles.files`).
`core` is loaded the same way from `stdlib/core/lib.rs`, once per process.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..source import SourceFile, SourceReadError, display_path
from . import ast

#: farc's standard library, shipped beside the compiler package
STDLIB_DIR = Path(__file__).resolve().parent.parent.parent / "stdlib"
CORE_ROOT = STDLIB_DIR / "core" / "lib.rs"
#: module files nested deeper than this are refused (a symlink loop would never end)
MAX_MODULE_DEPTH = 64


@dataclass
class CrateFiles:
    """A crate's root module and the contents of each `mod name;` of it."""

    root: ast.Module
    files: dict[ast.ModDecl, ast.Module] = field(default_factory=dict)

    def items_of(self, decl: ast.ModDecl) -> tuple[ast.Item, ...] | None:
        """The items of a module: written inline, or in its file (None when
        the file could not be loaded: reported)."""
        if decl.items is not None:
            return decl.items
        module = self.files.get(decl)
        return module.items if module is not None else None


def load_crate(root: ast.Module, source: SourceFile, sink: DiagnosticSink) -> CrateFiles:
    """The crate whose root file `source` parsed to `root`: every module file it
    declares, read and parsed (problems are reported; their modules are left out)."""
    crate = CrateFiles(root)
    directory = source.path.parent if source.path is not None else None
    _Loader(crate, sink).visit(root.items, directory, 0, set())
    return crate


class _Loader:
    def __init__(self, crate: CrateFiles, sink: DiagnosticSink) -> None:
        self.crate = crate
        self.sink = sink

    def visit(self, items: tuple[ast.Item, ...], directory: Path | None, depth: int, loaded: set[str]) -> None:
        for item in items:
            if not isinstance(item, ast.ModDecl):
                continue
            inner = directory / item.name if directory is not None else None
            if item.items is not None:
                self.visit(item.items, inner, depth, loaded)
                continue
            module = self.load(item, directory, depth, loaded)
            if module is not None:
                self.crate.files[item] = module
                self.visit(module.items, inner, depth + 1, loaded)

    def load(self, decl: ast.ModDecl, directory: Path | None, depth: int, loaded: set[str]) -> ast.Module | None:
        from .parser import parse  # (the parser module is large: import it when a file needs it)
        if directory is None:
            self.sink.report(msg.MODULE_FILE_NOT_FOUND(name=decl.name), decl.span).with_note(
                msg.NOTE_NO_SOURCE_DIRECTORY.format(name=decl.name))
            return None
        candidates = [directory / f"{decl.name}.rs", directory / decl.name / "mod.rs"]
        existing = [p for p in candidates if p.exists()]
        if not existing:
            self.sink.report(msg.MODULE_FILE_NOT_FOUND(name=decl.name), decl.span).with_help(
                msg.HELP_CREATE_MODULE_FILE.format(name=decl.name, first=display_path(candidates[0]),
                                                   second=display_path(candidates[1])))
            return None
        if len(existing) == 2:
            self.sink.report(msg.MODULE_FILE_AMBIGUOUS(name=decl.name, first=display_path(existing[0]),
                                                       second=display_path(existing[1])), decl.span).with_help(
                msg.HELP_DELETE_ONE_MODULE_FILE)
            return None
        path = existing[0]
        real = os.path.realpath(path)
        if real in loaded or depth >= MAX_MODULE_DEPTH:
            self.sink.report(msg.MODULE_FILE_TWICE(name=decl.name, path=display_path(path)), decl.span)
            return None
        loaded.add(real)
        try:
            source = SourceFile.read(path)
        except SourceReadError as exc:
            d = self.sink.report(msg.CANNOT_READ(path=display_path(path), reason=exc.reason), decl.span)
            if exc.help:
                d.with_help(exc.help)
            return None
        return parse(source, self.sink)


_CORE: CrateFiles | None = None


def load_core(sink: DiagnosticSink) -> CrateFiles | None:
    """`core`, parsed once per process (None, with the problems reported, if it
    cannot be: farc's installation is broken)."""
    global _CORE
    if _CORE is not None:
        return _CORE
    from .parser import parse
    try:
        source = SourceFile.read(CORE_ROOT)
    except SourceReadError as exc:
        sink.ice(f"farc's standard library cannot be read: {display_path(CORE_ROOT)}: {exc.reason}")
        return None
    probe = DiagnosticSink()
    root = parse(source, probe)
    crate = load_crate(root, source, probe) if root is not None else None
    if crate is None or probe.has_errors:
        sink.ice("farc's standard library does not parse", probe.render())
        return None
    _CORE = crate
    return crate
