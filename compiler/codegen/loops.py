"""`for` loops: the iteration of each iterable the checker accepts.

Every loop keeps its position in a counter slot of its own, so the body may
change the (`mut`) loop variable without changing which values come next;
the bounds are evaluated once, before the first iteration, as Rust's range
value is. `continue` goes to the step that moves the counter.

Ranges follow Rust: `a..b` runs while the counter is below `b`; `a..=b`
runs from `a` to `b` inclusive and stops *before* stepping past `b`, so
`a..=MAX` ends (no overflow); `a..` steps forever, wrapping at the type's
end as release builds do; `.rev()` counts down from the end.

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from ..types import IntType
from .control_flow import LoopTarget
from .llvm_ir import CodegenError
from .places import Place


class ForLoops:
    def expr_ForRange(self, e: T.ForRange) -> None:
        ty = e.start.ty
        if not isinstance(ty, IntType):
            raise CodegenError(f"`for` over a range of {ty}")
        start = self.value(e.start)
        if start is None:
            return None
        end = None
        if e.end is not None:
            end = self.value(e.end)
            if end is None:
                return None
        counter = self.raw_alloca(start.type, "for.i", ty.bits // 8)
        less = (lambda a, b: self.builder.icmp_signed("<", a, b)) if ty.signed else \
            (lambda a, b: self.builder.icmp_unsigned("<", a, b))
        one = ir.Constant(start.type, 1)
        body = self.new_block("for.body")
        step = self.new_block("for.step")
        done = self.new_block("for.end")
        bld = self.builder
        if e.reverse:
            assert end is not None
            if e.inclusive:
                # if start <= end { i = end; loop { body; if i == start break; i -= 1 } }
                bld.store(end, counter)
                bld.cbranch(less(end, start), done, body)
                self._for_body(e, counter, body, step, done)
                i = bld.load(counter, typ=start.type)
                last = self.new_block("for.next")
                bld.cbranch(bld.icmp_unsigned("==", i, start), done, last)
                bld.position_at_end(last)
                bld.store(bld.sub(i, one), counter)
                bld.branch(body)
            else:
                # i = end; while start < i { i -= 1; body }
                bld.store(end, counter)
                bld.branch(step)
                bld.position_at_end(step)
                i = bld.load(counter, typ=start.type)
                test = self.new_block("for.dec")
                bld.cbranch(less(start, i), test, done)
                bld.position_at_end(test)
                bld.store(bld.sub(i, one), counter)
                bld.branch(body)
                self._for_body(e, counter, body, step, done)
        elif e.inclusive:
            assert end is not None
            # if start <= end { i = start; loop { body; if i == end break; i += 1 } }
            bld.store(start, counter)
            bld.cbranch(less(end, start), done, body)
            self._for_body(e, counter, body, step, done)
            i = bld.load(counter, typ=start.type)
            nxt = self.new_block("for.next")
            bld.cbranch(bld.icmp_unsigned("==", i, end), done, nxt)
            bld.position_at_end(nxt)
            bld.store(bld.add(i, one), counter)
            bld.branch(body)
        else:
            # i = start; while i < end { body; i += 1 }   (no end: forever, wrapping)
            test = self.new_block("for.cond")
            bld.store(start, counter)
            bld.branch(test)
            bld.position_at_end(test)
            if end is None:
                bld.branch(body)
            else:
                bld.cbranch(less(bld.load(counter, typ=start.type), end), body, done)
            self._for_body(e, counter, body, step, done)
            i = bld.load(counter, typ=start.type)
            bld.store(bld.add(i, one), counter)
            bld.branch(test)
        self.builder.position_at_end(done)
        return None

    def _for_body(self, e: T.ForRange, counter: ir.Value, body: ir.Block, step: ir.Block, done: ir.Block) -> None:
        """The loop body at `body`, binding the counter's value; it falls
        through (and `continue` jumps) to `step`, where the builder is left."""
        bld = self.builder
        bld.position_at_end(body)
        if e.var is not None:
            value = bld.load(counter, typ=self.layout.llvm_type(e.var.ty), name=e.var.name)
            self.store(Place(self.slot_for(e.var), 0), e.var.ty, value)
        self.loops.append(LoopTarget(step, done, None, e.ty, e.id))
        self.expr(e.body)
        self.loops.pop()
        if not bld.block.is_terminated:
            bld.branch(step)
        bld.position_at_end(step)
