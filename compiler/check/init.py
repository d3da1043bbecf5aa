"""A local declared without a value (`let x;`) is assigned before every use
(rustc's E0381): on every path to the use, not only on the one a run takes.
Reading it otherwise would read no value at all, which LLVM may make any
value (a program computing differently at -O0 and -O2). Without `mut`, it
is assigned at most once on every path (E0384), as rustc requires.

Dataflows over the typed body (flow.py). For E0381 the state is the set of
such locals not assigned on *some* path to a point. A use of one, including
a borrow (`&x`, a capture by a closure) and an assignment to a part of it
(`x.0 = 1`, `x[i] = 1`), is E0381; only `x = value` assigns it. For E0384
the state is the set of those without `mut` that are assigned on some path:
an `x = value` there is a second assignment (the checker refuses every other
change to them: `x += 1`, `&mut x`, an assignment in a closure).
"""
from __future__ import annotations

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from . import tree as t
from .flow import Flow


def check_initialized(body: t.TExpr, sink: DiagnosticSink) -> None:
    """E0381 at the first use of each local of `body` declared without a value
    that is not assigned on every path to it; E0384 at the first assignment of
    one without `mut` that some path has already assigned."""
    flow = _InitFlow(sink)
    flow.visit(body, frozenset())
    if any(let.local.assign_once for let in flow.declared.values()):
        _AssignOnceFlow(sink).visit(body, frozenset())


def assigned_twice(body: t.TExpr) -> set[int]:
    """The locals of `body` declared without a value, with or without `mut`,
    that some path assigns twice (`x = value`; for the `unused_mut` lint: a
    `let mut x;` assigned once on every path needs no `mut`)."""
    flow = _AssignOnceFlow(None)
    flow.visit(body, frozenset())
    return flow.twice


class _InitFlow(Flow):
    def __init__(self, sink: DiagnosticSink) -> None:
        super().__init__()
        self.sink = sink
        self.declared: dict[int, t.Let] = {}
        self.reported: set[int] = set()  # (one error per local: its later uses add nothing)

    def visit_Let(self, node: t.Let, state):
        state = self.visit(node.init, state)
        if state is None or node.init is not None:
            return state
        self.declared[node.local.id] = node
        return state | {node.local.id}

    def visit_LocalRef(self, node: t.LocalRef, state):
        local = node.local
        if local.id in state and local.id not in self.reported:
            self.reported.add(local.id)
            d = self.sink.report(msg.POSSIBLY_UNINITIALIZED(name=local.name), node.span,
                                 msg.LABEL_POSSIBLY_UNINITIALIZED.format(name=local.name))
            declared = self.declared[local.id].local
            d.with_label(declared.name_span or declared.span, msg.LABEL_LEFT_UNINITIALIZED).with_help(
                msg.HELP_POSSIBLY_UNINITIALIZED.format(name=local.name))
        return state


class _AssignOnceFlow(Flow):
    """The locals declared without a value that some path has assigned; E0384
    (into `sink`, if given) for those without `mut` assigned again."""

    def __init__(self, sink: DiagnosticSink | None) -> None:
        super().__init__()
        self.sink = sink
        self.tracked: set[int] = set()
        self.first: dict[int, t.Assign] = {}
        self.twice: set[int] = set()

    def visit_Let(self, node: t.Let, state):
        state = self.visit(node.init, state)
        if state is None:
            return state
        if node.init is None:
            self.tracked.add(node.local.id)
        return state - {node.local.id}  # (declared again, in a loop: not assigned yet)

    def visit_Assign(self, node: t.Assign, state):
        state = self.visit(node.value, state)
        place = node.place
        if state is None or not isinstance(place, t.LocalRef) or place.local.id not in self.tracked:
            return self.visit(node.place, state)
        local = place.local
        first = self.first.setdefault(local.id, node)
        if local.id in state and local.id not in self.twice:
            self.twice.add(local.id)
            if local.assign_once and self.sink is not None:
                d = self.sink.report(msg.ASSIGN_TWICE(name=local.name), node.span, msg.LABEL_ASSIGN_TWICE)
                if first is not node:
                    d.with_label(first.span, msg.LABEL_FIRST_ASSIGNMENT.format(name=local.name))
                d.with_help(msg.HELP_MAKE_MUTABLE.format(name=local.name))
        return state | {local.id}
