"""A local declared without a value (`let x;`) is assigned before every use
(rustc's E0381): on every path to the use, not only on the one a run takes.
Reading it otherwise would read no value at all, which LLVM may make any
value (a program computing differently at -O0 and -O2).

A dataflow over the typed body (flow.py): the state is the set of such
locals not assigned on *some* path to a point. A use of one, including a
borrow (`&x`, a capture by a closure) and an assignment to a part of it
(`x.0 = 1`, `x[i] = 1`), is E0381; only `x = value` assigns it.
"""
from __future__ import annotations

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from . import tree as t
from .flow import Flow


def check_initialized(body: t.TExpr, sink: DiagnosticSink) -> None:
    """E0381 at the first use of each local of `body` declared without a value
    that is not assigned on every path to it."""
    _InitFlow(sink).visit(body, frozenset())


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
