"""An `FnOnce` value is called at most once (rustc's E0382, "use of moved value").

farc has no moves: a value used twice is copied. The one place where Rust's
moves decide what a generic function may do with a closure is `FnOnce`:
calling `f: F` with `F: FnOnce(..)` (and no `Copy` bound) consumes it, so a
second call, or any use after the call, is E0382 as in rustc, even though
farc would run it (farc's closures never move out of their captures).

This is a dataflow over the typed body (flow.py), run once the body's types
are known: the state is the set of such parameters and locals moved on
*some* path to a point (Rust refuses a use after a move on any path).
"""
from __future__ import annotations

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..selection import COPY
from ..types import TypeParam
from . import tree as t
from .flow import Flow
from .items import Generics


def check_fn_once_calls(fn: t.FnDef, body: t.TExpr, generics: Generics, locals_: list[t.Local],
                        sink: DiagnosticSink) -> None:
    """E0382 at each use of an `FnOnce` value after a call of it in `fn`'s `body`
    (`locals_`: every local of the body, parameters included)."""
    tracked = {local.id: local for local in locals_ if _is_fn_once(local.ty, generics)}
    if not tracked:
        return
    flow = _Flow(tracked, sink)
    flow.visit(body, frozenset())


def _is_fn_once(ty, generics: Generics) -> bool:
    """Whether calling a value of type `ty` consumes it: a type parameter whose
    strongest closure-trait bound is `FnOnce` and that is not `Copy`."""
    if not isinstance(ty, TypeParam):
        return False
    kinds = {b.kind for b in generics.fn_bounds if b.ty == ty}
    if not kinds or kinds != {"FnOnce"}:
        return False
    return not any(b.ty == ty and b.trait.trait == COPY for b in generics.bounds)


class _Flow(Flow):
    def __init__(self, tracked: dict[int, t.Local], sink: DiagnosticSink) -> None:
        super().__init__()
        self.tracked = tracked
        self.sink = sink
        self.moved_at: dict[int, object] = {}  # local id -> the span of a call that moved it
        self.reported: set[tuple[int, int]] = set()  # (local id, use's offset): each use once

    # ----- uses and moves
    def visit_LocalRef(self, node: t.LocalRef, state):
        local = node.local
        if local.id in state and (local.id, node.span.start) not in self.reported:
            self.reported.add((local.id, node.span.start))
            moved = self.moved_at[local.id]
            self.sink.report(msg.USE_AFTER_FN_ONCE_CALL(name=local.name), node.span,
                             msg.LABEL_USED_AFTER_MOVE).with_label(
                moved, msg.LABEL_MOVED_BY_CALL.format(name=local.name)).with_note(msg.NOTE_FN_ONCE_MOVES)
        return state

    def visit_CallBound(self, node: t.CallBound, state):
        for arg in node.args:
            state = self.visit(arg, state)
        state = self.visit(node.callee, state)
        env = node.callee
        if state is not None and isinstance(env, t.AddrOf) and isinstance(env.place, t.LocalRef) \
                and env.place.local.id in self.tracked:
            local_id = env.place.local.id
            self.moved_at.setdefault(local_id, node.span)
            state = state | {local_id}
        return state
