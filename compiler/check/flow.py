"""A forward dataflow over a typed body, for the checks that follow locals
along every path: `FnOnce` values called at most once (fn_once.py), locals
initialized before use (init.py).

The state is a set of tracked locals (by id) for which something holds on
*some* path to a point, `None` where no path reaches (after `return`,
`break`, `continue` or an expression of type `!`). Branches are joined by
union; a loop's body is run until its state at the head no longer grows,
with `continue` going to the head and `break` to after the loop. An
assignment to a local takes it out of the set (it holds a new value).
Closures' bodies are functions of their own: they are not seen here (the
places a closure captures are, where the closure is made).
"""
from __future__ import annotations

import dataclasses

from ..types import NeverType
from . import tree as t

def join(*states):
    reached = [s for s in states if s is not None]
    if not reached:
        return None
    return frozenset().union(*reached)


class Flow:
    """The traversal; a subclass says what a use of a local means
    (`visit_LocalRef`) and what else adds to the set."""

    def __init__(self) -> None:
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

    def visit_Assign(self, node: t.Assign, state):
        state = self.visit(node.value, state)
        if state is not None and isinstance(node.place, t.LocalRef):
            return state - {node.place.local.id}  # (a new value: not moved, not uninitialized)
        return self.visit(node.place, state)

    # ----- control flow
    def visit_If(self, node: t.If, state):
        state = self.visit(node.cond, state)
        return join(self.visit(node.then, state), self.visit(node.else_, state) if node.else_ else state)

    def visit_Match(self, node: t.Match, state):
        entry = self.visit(node.scrutinee, state)
        outs = []
        for arm in node.arms:
            guarded = self.visit(arm.guard, entry)
            outs.append(self.visit(arm.body, guarded))
            if arm.guard is not None:  # (a guard that fails goes on to the next arms)
                entry = join(entry, guarded)
        return join(*outs)

    def visit_Binary(self, node: t.Binary, state):
        state = self.visit(node.lhs, state)
        rhs = self.visit(node.rhs, state)
        return join(state, rhs) if node.op in ("&&", "||") else rhs

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
        return join(out, *self.breaks.pop(node.id, []))

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
            again = join(entry, out, *self.continues.pop(node.id))
            if again == head:
                break
            head = again
        breaks = self.breaks.pop(node.id)
        return join(at_cond if exits_at_head else None, *breaks)
