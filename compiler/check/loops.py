"""Loops, labels and the jumps out of them: the frames of `while`, `loop`,
`for` and labeled blocks, `break` (with its value) and `continue` (with or
without a label), and `for` loops.

Each loop or labeled block being checked has a `LoopFrame`; its `id` (unique
in the function) is what the typed `Break` / `Continue` name, so a jump
always reaches the construct it was checked against, whatever nests in
between. As in rustc:

* `break` / `continue` without a label go to the innermost loop; inside a
  labeled block (and no loop within it) that is E0695, outside any loop E0268;
* a label names the innermost enclosing loop or block with that name (a
  label may shadow another); an unknown one is E0426; `continue` to a
  labeled block is E0696;
* only `loop` and labeled blocks have a value: `break 'l value` to a
  `while` or `for` is E0571. A `loop` or block at a coercion site coerces
  each `break` value on its own, like a tail.

`for` loops iterate without a general `Iterator` trait: the checker knows
the iterables of the subset (integer ranges here, arrays and slices in
slices.py) and the typed tree says how each is iterated (`tree.ForRange`,
`tree.ForEach`).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import messages as msg
from ..syntax import ast
from ..types import IntType, Type, ERROR, NEVER, UNIT
from . import tree as t
from .coercion import OTHER, Context, failed, quiet
from .infer import TyVar
from .slices import EachSource
from .patterns import PendingCheck


@dataclass
class LoopFrame:
    """A loop or labeled block while its body is checked: what a `break`
    value must be (`target`, with the coercion context if the construct
    stands at a coercion site), and whether any `break` reached it."""

    kind: str  # "loop" | "while" | "for" | "block"
    target: Type | None = None
    ctx: Context | None = None
    broke: bool = False
    first_break: t.TExpr | None = None
    label: str | None = None
    id: int = 0
    label_span: object = None


class LoopRules:
    # ----- frames
    def enter_loop(self, kind: str, label: ast.Lifetime | None, target: Type | None = None,
                   ctx: Context | None = None) -> LoopFrame:
        self.next_loop_id += 1
        frame = LoopFrame(kind, target, ctx, label=label.name if label is not None else None, id=self.next_loop_id,
                          label_span=label.span if label is not None else None)
        self.loops.append(frame)
        return frame

    def exit_loop(self, frame: LoopFrame) -> None:
        popped = self.loops.pop()
        assert popped is frame

    def jump_target(self, e: ast.Break | ast.Continue, keyword: str) -> LoopFrame | None:
        """The frame a `break` / `continue` goes to, or None after reporting why there is none."""
        if e.label is not None:
            for frame in reversed(self.loops):
                if frame.label != e.label.name:
                    continue
                if keyword == "continue" and frame.kind == "block":
                    self.error(msg.CONTINUE_TO_BLOCK(), e.label.span, msg.LABEL_CONTINUE_TO_BLOCK).with_label(
                        frame.label_span, msg.LABEL_BLOCK_LABELED_HERE)
                    return None
                return frame
            d = self.error(msg.UNDECLARED_LABEL(label=e.label.name), e.label.span,
                           msg.LABEL_UNDECLARED_LABEL.format(label=e.label.name))
            labels = [f"`{f.label}`" for f in reversed(self.loops) if f.label is not None]
            if labels:
                d.with_note(msg.NOTE_LABELS_IN_SCOPE.format(labels=", ".join(labels)))
            return None
        if not self.loops:
            if keyword == "break":
                self.error(msg.BREAK_OUTSIDE_LOOP(), e.span, msg.LABEL_BREAK_OUTSIDE)
            else:
                self.error(msg.CONTINUE_OUTSIDE_LOOP(), e.span, msg.LABEL_CONTINUE_OUTSIDE)
            return None
        frame = self.loops[-1]
        if frame.kind == "block":
            self.error(msg.UNLABELED_IN_BLOCK(keyword=keyword), e.span,
                       msg.LABEL_UNLABELED_IN_BLOCK.format(keyword=keyword)).with_help(
                msg.HELP_NAME_THE_BLOCK.format(keyword=keyword, label=frame.label))
            return None
        return frame

    # ----- jumps
    def expr_Break(self, e: ast.Break, expected: Type | None) -> t.TExpr:
        frame = self.jump_target(e, "break")
        if frame is None:
            if e.value is not None:
                self.expr(e.value)
            return t.Break(e.span, NEVER, None)
        if frame.kind in ("while", "for") and e.value is not None:
            self.expr(e.value)
            self.error(msg.BREAK_VALUE_IN_LOOP(kind=frame.kind), e.span, msg.LABEL_BREAK_VALUE).with_note(
                msg.NOTE_LOOP_HAS_NO_VALUE.format(kind=frame.kind))
            return t.Break(e.span, NEVER, None, frame.id)
        frame.broke = True
        if frame.ctx is not None:  # the loop stands at a coercion site: each value coerces to its target
            if e.value is not None:
                return t.Break(e.span, NEVER, self.coerced(e.value, frame.target, frame.ctx), frame.id)
            self.coerce(t.UnitConst(e.span, UNIT), frame.target, frame.ctx)
            return t.Break(e.span, NEVER, None, frame.id)
        value = self.expr(e.value, frame.target) if e.value is not None else t.UnitConst(e.span, UNIT)
        if frame.first_break is None:
            frame.first_break, frame.target = value, value.ty
        else:
            frame.target = self.join(t.UnitConst(frame.first_break.span, frame.target), value)
        return t.Break(e.span, NEVER, value if e.value is not None else None, frame.id)

    def expr_Continue(self, e: ast.Continue, expected: Type | None) -> t.TExpr:
        frame = self.jump_target(e, "continue")
        return t.Continue(e.span, NEVER, frame.id if frame is not None else 0)

    # ----- labeled blocks
    def labeled_block(self, e: ast.Block, expected: Type | None, ctx: Context | None) -> t.TExpr:
        """`'label: { ... }`: its value is the tail's or that of a `break 'label value`."""
        frame = self.enter_loop("block", e.label, expected if ctx is not None else None, ctx)
        body = self.check_block(e, expected, ctx)
        self.exit_loop(frame)
        ty = body.ty
        if ctx is None and frame.first_break is not None:
            ty = self.join(t.UnitConst(frame.first_break.span, frame.target), body)
        return self.new_node(t.LabeledBlock(e.span, ty, body, frame.id))

    # ----- `for`
    def expr_For(self, e: ast.For, expected: Type | None) -> t.TExpr:
        source = self.for_source(e.iter)
        self.scopes.append({})
        item = source.item if source is not None else ERROR
        # each item is a fresh value (a temporary) matched against the pattern (patterns.py)
        pattern, bound = self.bind_pattern(e.pattern, item, None)
        self.pending.append(PendingCheck("let", e.pattern.span, pattern))  # (irrefutable, as a `let`'s)
        self.scopes[-1].update(bound)
        frame = self.enter_loop("for", e.label)
        body = self.coerced(e.body, UNIT, OTHER)
        self.exit_loop(frame)
        self.scopes.pop()
        if pattern is None:
            return t.UnitConst(e.span, UNIT)
        if isinstance(source, RangeSource):
            return self.new_node(t.ForRange(e.span, UNIT, pattern, source.start, source.end, source.inclusive,
                                            source.reverse, body, frame.id))
        if isinstance(source, EachSource):
            loop = self.new_node(t.ForEach(e.span, UNIT, pattern, source.slice, source.by_value, source.reverse,
                                           body, frame.id, source.index))
            if source.setup is None:
                return loop
            return self.new_node(t.Block(e.span, UNIT, [source.setup], loop))
        return t.UnitConst(e.span, UNIT)

    def for_source(self, e: ast.Expr) -> "RangeSource | EachSource | None":
        """What a `for` loop iterates over, or None after reporting that it cannot be iterated."""
        reverse = False
        if isinstance(e, ast.MethodCall) and e.method == "rev" and not e.args and not e.generic_args \
                and isinstance(e.receiver, ast.Range):
            e, reverse = e.receiver, True
        if isinstance(e, ast.Range):
            return self.range_source(e, reverse)
        source = self.for_each_source(e)  # (slices.py)
        if isinstance(source, EachSource):
            return source
        ty = self.infer.shallow(source.ty)
        if not failed(ty):
            self.error(msg.NOT_ITERATOR(what=self.show(ty)), e.span, msg.LABEL_NOT_ITERATOR).with_note(
                msg.NOTE_ITERABLES)
        return None

    def range_source(self, e: ast.Range, reverse: bool) -> "RangeSource | None":
        """`a..b`, `a..=b`, `a..` (and the `.rev()` of the bounded ones) over an integer type."""
        if e.start is None or (e.end is None and (reverse or e.inclusive)):
            bounds = [self.expr(bound) for bound in (e.start, e.end) if bound is not None]
            kind = "RangeFrom" if e.start is not None else ("RangeToInclusive" if e.inclusive else
                                                           "RangeTo" if e.end is not None else "RangeFull")
            what = kind + (f"<{self.show(bounds[0].ty)}>" if bounds else "") + (".rev()" if reverse else "")
            self.error(msg.NOT_ITERATOR(what=what), e.span, msg.LABEL_NOT_ITERATOR).with_note(
                msg.NOTE_RANGE_NEEDS_START if e.start is None else msg.NOTE_RANGE_FROM_REV)
            return None
        start = self.expr(e.start)
        end = self.expr(e.end, start.ty) if e.end is not None else None
        if end is not None:
            mismatch = self.infer.unify(start.ty, end.ty)
            if mismatch is not None:
                self.error(msg.MISMATCHED_TYPES(), end.span, msg.LABEL_EXPECTED_FOUND.format(
                    expected=self.show(start.ty), found=self.show(end.ty))).with_note(msg.NOTE_RANGE_BOUNDS)
                return None
        ty = self.infer.shallow(start.ty)
        if isinstance(ty, TyVar) and ty.kind == "any":
            self.infer.unify(ty, self.infer.fresh("int"))
        elif not (isinstance(ty, IntType) or (isinstance(ty, TyVar) and ty.kind == "int")):
            if not quiet(ty):
                self.error(msg.NOT_ITERATOR(what=f"Range<{self.show(ty)}>"), e.span,
                           msg.LABEL_NOT_ITERATOR).with_note(msg.NOTE_INTEGER_RANGES)
            return None
        return RangeSource(start.ty, start, end, e.inclusive, reverse)


@dataclass
class RangeSource:
    """An integer range a `for` loop iterates over (`item` is the bounds' type)."""

    item: Type
    start: t.TExpr
    end: t.TExpr | None
    inclusive: bool
    reverse: bool
