"""An `FnOnce` value is called at most once (rustc's E0382, "use of moved value").

farc has no moves: a value used twice is copied. The one place where Rust's
moves decide what a generic function may do with a closure is `FnOnce`:
calling `f: F` with `F: FnOnce(..)` (and no `Copy` bound) consumes it, so a
second call, or any use after the call, is E0382 as in rustc, even though
farc would run it (farc's closures never move out of their captures).

This is a small dataflow over the typed body, run once the body's types are
known: the state is the set of such parameters and locals moved on *some*
path to a point (Rust refuses a use after a move on any path), `None` where
no path reaches (after `return`, `break`, `continue` or an expression of type
`!`). Branches are joined by union; a loop's body is run until its state at
the head no longer grows, with `continue` going to the head and `break` to
after the loop. Closures' bodies are functions of their own: a call inside a
closure is not seen here.
"""
from __future__ import annotations

import dataclasses

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..selection import COPY
from ..types import NeverType, TypeParam
from . import tree as t
from .items import Generics

State = "frozenset[int] | None"


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


def _join(*states):
    reached = [s for s in states if s is not None]
    if not reached:
        return None
    return frozenset().union(*reached)


class _Flow:
    def __init__(self, tracked: dict[int, t.Local], sink: DiagnosticSink) -> None:
        self.tracked = tracked
        self.sink = sink
        self.moved_at: dict[int, object] = {}  # local id -> the span of a call that moved it
        self.reported: set[tuple[int, int]] = set()  # (local id, use's offset): each use once
        self.breaks: dict[int, list] = {}
        self.continues: dict[int, list] = {}

    def visit(self, node, state):
        if state is None or node is None:
            return state
        method = getattr(self, "visit_" + type(node).__name__, None)
        state = method(node, state) if method is not None else self.children(node, state)
        if state is not None and isinstance(getattr(node, "ty", None), NeverType):
            return None  # (a call of a function returning `!`, a `loop` without `break`, ...)
        return state

    def children(self, node, state):
        for f in dataclasses.fields(node):
            if f.name in ("ty", "span", "type_arg"):
                continue
            value = getattr(node, f.name)
            if isinstance(value, list):
                for item in value:
                    state = self.visit_child(item, state)
            else:
                state = self.visit_child(value, state)
        return state

    def visit_child(self, value, state):
        if type(value).__module__ != t.__name__ or isinstance(value, (t.Local, t.FnDef, t.StaticDef)):
            return state
        return self.visit(value, state)

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

    def visit_Assign(self, node: t.Assign, state):
        state = self.visit(node.value, state)
        if state is not None and isinstance(node.place, t.LocalRef):
            return state - {node.place.local.id}  # (a new value: not moved any more)
        return self.visit(node.place, state)

    # ----- control flow
    def visit_If(self, node: t.If, state):
        state = self.visit(node.cond, state)
        return _join(self.visit(node.then, state), self.visit(node.else_, state) if node.else_ else state)

    def visit_Match(self, node: t.Match, state):
        state = self.visit(node.scrutinee, state)
        outs = []
        for arm in node.arms:
            guarded = self.visit(arm.guard, state)
            outs.append(self.visit(arm.body, guarded))
        return _join(*outs)

    def visit_Binary(self, node: t.Binary, state):
        state = self.visit(node.lhs, state)
        rhs = self.visit(node.rhs, state)
        return _join(state, rhs) if node.op in ("&&", "||") else rhs

    def visit_LetPattern(self, node: t.LetPattern, state):
        state = self.visit(node.init, state)
        if node.else_ is not None:
            self.visit(node.else_, state)  # (diverges)
        return state

    def visit_Return(self, node: t.Return, state):
        self.visit(node.value, state)
        return None

    def visit_Break(self, node: t.Break, state):
        state = self.visit(node.value, state)
        self.breaks.setdefault(node.target, []).append(state)
        return None

    def visit_Continue(self, node: t.Continue, state):
        self.continues.setdefault(node.target, []).append(state)
        return None

    def visit_LabeledBlock(self, node: t.LabeledBlock, state):
        out = self.visit(node.body, state)
        return _join(out, *self.breaks.pop(node.id, []))

    def visit_While(self, node: t.While, state):
        return self.loop(node, state, node.cond)

    def visit_Loop(self, node: t.Loop, state):
        return self.loop(node, state, None, exits_at_head=False)

    def visit_ForRange(self, node: t.ForRange, state):
        state = self.visit(node.end, self.visit(node.start, state))
        return self.loop(node, state, None)

    def visit_ForEach(self, node: t.ForEach, state):
        return self.loop(node, self.visit(node.slice, state), None)

    def loop(self, node, entry, cond, exits_at_head: bool = True):
        """The state after a loop: its body (and `cond`, before each iteration) run from
        the head's state until that no longer grows (each round adds moved locals)."""
        head = entry
        while True:
            self.breaks[node.id] = []
            self.continues[node.id] = []
            at_cond = self.visit(cond, head) if cond is not None else head
            out = self.visit(node.body, at_cond)
            again = _join(entry, out, *self.continues.pop(node.id))
            if again == head:
                break
            head = again
        breaks = self.breaks.pop(node.id)
        return _join(at_cond if exits_at_head else None, *breaks)
