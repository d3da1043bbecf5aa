"""Lints: warnings about code that is valid but probably not what was meant.

A pass of its own over the checked (typed, still generic) program, run by the
driver after the checker when there are no errors, as rustc runs its lints
after type checking. Nothing here changes the program.

* `unused_variables`: a `let` binding or parameter that is never read
  (writes alone do not count); names starting with `_` are exempt.
* `unused_mut`: a `mut` binding that is never assigned, assigned through (a
  field or element of it) or mutably borrowed (`&mut x`, `&raw mut x`); for a
  `let mut x;`, its first assignment on a path does not count (init.py).
* `unreachable_code`: a statement or tail after an expression that never
  finishes (`return`, `break`, `continue`, `loop {}` without `break`, a call
  to a `-> !` function); reported once per block.
* `unused_far_statics`: a static placed in a far memory (`#[mem_idx(N)]`,
  N != 0) that no function uses and that is neither `pub` nor exported: its
  bytes still fill a data segment of that memory.

Levels come from the command line (`-A`, `-W`, `-D`: `DiagnosticSink.lints`)
and from `#![allow(...)]`, `#[allow(...)]`, `#[warn(...)]`, `#[deny(...)]` on
the module, a function or a static (the innermost wins, and the source wins
over the command line, as in rustc). Names may be lints or groups
(`LINT_GROUPS`: `unused`, `dead_code`, `warnings`).
"""
from __future__ import annotations

import dataclasses
from typing import Iterator

from .. import messages as msg
from ..diagnostics import LINT_GROUPS, LINTS, Diagnostic, DiagnosticSink, LintLevel, MessageText
from ..source import Span
from ..syntax import ast
from ..types import NeverType, PointerType
from . import tree as t
from .init import assigned_twice

_LEVEL_ATTRS = {"allow": LintLevel.ALLOW, "warn": LintLevel.WARN, "deny": LintLevel.DENY,
                "forbid": LintLevel.DENY}


def run_lints(module: ast.Module, program: t.Program, sink: DiagnosticSink) -> None:
    """Report every lint of `program` (checked from `module`) into `sink`."""
    module_levels = _attribute_levels(module.inner_attrs, {})
    fn_decls = {decl.name: decl for decl in _fn_decls(module)}
    static_decls = {item.name: item for item in module.items if isinstance(item, ast.StaticDecl)}
    used_statics: set[str] = set()
    for fn in program.functions:
        if fn.body is None or fn.is_library:
            continue  # (core's functions: not the crate's to fix, and walking them costs every program)
        decl = fn_decls.get(fn.name)
        levels = _attribute_levels(decl.attrs, module_levels) if decl is not None else module_levels
        nodes = _walk(fn.body)
        _FunctionLints(fn, levels, sink).run(nodes)
        used_statics |= {node.static.name for node in nodes if isinstance(node, t.StaticRef)}
    for static in program.statics:
        decl = static_decls.get(static.name)
        if static.mem == 0 or static.name in used_statics or static.export_name is not None or decl is None:
            continue
        if decl.is_pub or static.name.startswith("_"):
            continue
        levels = _attribute_levels(decl.attrs, module_levels)
        d = sink.lint(msg.UNUSED_FAR_STATIC(name=static.name), decl.name_span,
                      source_level=_source_level(levels, "unused_far_statics"))
        if d is not None:
            d.with_note(msg.NOTE_FAR_STATIC_BYTES.format(mem=static.mem))


def _fn_decls(module: ast.Module) -> Iterator[ast.FnDecl]:
    for item in module.items:
        if isinstance(item, ast.FnDecl):
            yield item


def _attribute_levels(attrs: tuple[ast.Attribute, ...], outer: dict[str, LintLevel]) -> dict[str, LintLevel]:
    """Lint levels set by `allow`/`warn`/`deny` attributes, on top of the enclosing ones."""
    levels = dict(outer)
    for attr in attrs:
        level = _LEVEL_ATTRS.get(attr.name)
        if level is None:
            continue
        for arg in attr.args or ():
            if isinstance(arg.value, ast.Ident) and arg.key is None:
                levels[arg.value.name] = level
    return levels


def _source_level(levels: dict[str, LintLevel], lint: str) -> LintLevel | None:
    """The level attributes give `lint`: its own name, else a group naming it (None: no attribute)."""
    if lint in levels:
        return levels[lint]
    for group in ("unused", "dead_code", "warnings"):
        if group in levels and lint in LINT_GROUPS[group]:
            return levels[group]
    return None


def _walk(root: object) -> list[object]:
    """`root` and every typed-tree node below it, each once (the tree may share a node
    between two parents), parents before children. Iterative: bodies nest deeply."""
    out: list[object] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        children = []
        for name in _child_fields(type(node)):
            value = getattr(node, name)
            if isinstance(value, list):
                children += [item for item in value if type(item).__module__ == t.__name__]
            elif type(value).__module__ == t.__name__:
                children.append(value)
        stack += reversed(children)
    return out


_FIELDS: dict[type, tuple[str, ...]] = {}
#: definitions a node refers to but does not contain
_REFERENCES = (t.Local, t.FnDef, t.StaticDef, t.StructDef)


def _child_fields(cls: type) -> tuple[str, ...]:
    """The fields of a typed-tree class that may hold nodes (not types, not definitions)."""
    fields = _FIELDS.get(cls)
    if fields is None:
        if issubclass(cls, _REFERENCES) or not dataclasses.is_dataclass(cls):
            fields = ()
        else:
            fields = tuple(f.name for f in dataclasses.fields(cls) if f.name not in ("ty", "span", "type_arg"))
        _FIELDS[cls] = fields
    return fields


def _place_root(place: object) -> object:
    """The variable a place expression writes into (`x` of `x.f[i]`); a Deref stops it."""
    while isinstance(place, (t.FieldRef, t.IndexRef)):
        place = place.base
    return place


class _FunctionLints:
    def __init__(self, fn: t.FnDef, levels: dict[str, LintLevel], sink: DiagnosticSink) -> None:
        assert fn.body is not None
        self.fn, self.body, self.levels, self.sink = fn, fn.body, levels, sink

    def lint(self, message: MessageText, span: Span, label: str = "") -> Diagnostic | None:
        assert message.code in LINTS
        return self.sink.lint(message, span, label, source_level=_source_level(self.levels, message.code))

    def run(self, nodes: list[object]) -> None:
        """The lints of the function whose body's nodes (`_walk`) are `nodes`."""
        written: set[int] = set()  # ids of LocalRef nodes that are only written
        # Local ids assigned (through) or mutably borrowed; a `let mut x;` assigned at most once
        # on every path is not (it would be valid without `mut`, as rustc's borrow checker sees)
        late = {node.local.id for node in nodes if isinstance(node, t.Let) and node.init is None}
        mutated: set[int] = assigned_twice(self.body) if late else set()
        for node in nodes:
            if isinstance(node, (t.Assign, t.CompoundAssign)):
                root = _place_root(node.place)
                if isinstance(node.place, t.LocalRef):
                    written.add(id(node.place))
                if isinstance(root, t.LocalRef) and not (
                        isinstance(node, t.Assign) and node.place is root and root.local.id in late):
                    mutated.add(root.local.id)
            elif isinstance(node, t.AddrOf) and isinstance(node.ty, PointerType) and node.ty.mutable:
                root = _place_root(node.place)
                if isinstance(root, t.LocalRef):
                    mutated.add(root.local.id)
        read = {node.local.id for node in nodes if isinstance(node, t.LocalRef) and id(node) not in written}
        bound = [node.local for node in nodes if isinstance(node, (t.Let, t.PatBind))]
        locals_ = [local for local in {id(x): x for x in list(self.fn.params) + bound}.values()
                   if local.name_span is not None and not local.name.startswith("_")]
        # rustc's order: unreachable code (type checking), `mut` (borrow checking), then liveness
        for node in nodes:
            if isinstance(node, t.Block):
                self.unreachable(node)
        for local in locals_:
            if local.mut_span is not None and local.id not in mutated:
                self.unused_mut(local)
        for local in locals_:
            if local.id not in read:
                self.unused_variable(local, assigned=local.id in mutated)

    def unused_mut(self, local: t.Local) -> None:
        assert local.name_span is not None and local.mut_span is not None
        d = self.lint(msg.UNUSED_MUT(), local.mut_span.to(local.name_span))
        if d is not None:
            removed = Span(local.name_span.file, local.mut_span.start, local.name_span.start)
            d.with_suggestion(removed, msg.HELP_REMOVE_MUT, "")

    def unused_variable(self, local: t.Local, assigned: bool) -> None:
        assert local.name_span is not None
        message = msg.ASSIGNED_NEVER_READ if assigned else msg.UNUSED_VARIABLE
        d = self.lint(message(name=local.name), local.name_span)
        if d is not None:
            d.with_suggestion(local.name_span, msg.HELP_PREFIX_UNDERSCORE, f"_{local.name}")

    def unreachable(self, block: t.Block) -> None:
        # a statement is shown without its `;`, as rustc shows it
        items: list[tuple[object, Span]] = [(stmt, stmt.expr.span if isinstance(stmt, t.ExprStmt) else stmt.span)
                                            for stmt in block.stmts]
        if block.tail is not None:
            items.append((block.tail, block.tail.span))
        for (item, span), (after, after_span) in zip(items, items[1:]):
            if _diverges(item):
                what = "expression" if after is block.tail else "statement"
                message = msg.UNREACHABLE_EXPRESSION if after is block.tail else msg.UNREACHABLE_STATEMENT
                d = self.lint(message(), after_span, msg.LABEL_UNREACHABLE.format(what=what))
                if d is not None:
                    d.with_label(span, msg.LABEL_DIVERGES)
                return


def _diverges(item: object) -> bool:
    """True for a statement or expression whose evaluation never finishes normally."""
    if isinstance(item, t.ExprStmt):
        item = item.expr
    elif isinstance(item, t.Let):
        item = item.init
    return item is not None and isinstance(getattr(item, "ty", None), NeverType)
