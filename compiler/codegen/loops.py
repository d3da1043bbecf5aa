"""`for` loops: the iteration of each iterable the checker accepts.

Every loop keeps its position in a counter slot of its own, so the body may
change the (`mut`) loop variable without changing which values come next;
the bounds are evaluated once, before the first iteration, as Rust's range
value is. `continue` goes to the step that moves the counter.

Ranges follow Rust: `a..b` runs while the counter is below `b`; `a..=b`
runs from `a` to `b` inclusive and stops *before* stepping past `b`, so
`a..=MAX` ends (no overflow); `a..` steps forever, wrapping at the type's
end as release builds do; `.rev()` counts down from the end. Arrays and
slices (`tree.ForEach`) are walked by index up to the length taken once at
the start. Each item (the counter's value, the element's address: a
reference into the slice's memory, or for an array iterated by value the
element itself) is matched against the loop's pattern (patterns.py).

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from typing import Callable

from llvmlite import ir

from ..check import tree as T
from ..types import IntType, PointerType, TupleType, USIZE
from .control_flow import LoopTarget
from .llvm_ir import I32, CodegenError, mem_of
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

        def item() -> Place:
            slot = self.alloca(ty, "for.item")
            bld.store(bld.load(counter, typ=start.type, name="i"), slot)
            return Place(slot, 0)

        if e.reverse:
            assert end is not None
            if e.inclusive:
                # if start <= end { i = end; loop { body; if i == start break; i -= 1 } }
                bld.store(end, counter)
                bld.cbranch(less(end, start), done, body)
                self._for_body(e, body, step, done, item)
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
                self._for_body(e, body, step, done, item)
        elif e.inclusive:
            assert end is not None
            # if start <= end { i = start; loop { body; if i == end break; i += 1 } }
            bld.store(start, counter)
            bld.cbranch(less(end, start), done, body)
            self._for_body(e, body, step, done, item)
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
            self._for_body(e, body, step, done, item)
            i = bld.load(counter, typ=start.type)
            bld.store(bld.add(i, one), counter)
            bld.branch(test)
        self.builder.position_at_end(done)
        return None

    def expr_ForEach(self, e: T.ForEach) -> None:
        """The elements of a slice: i from 0 up to its length (evaluated once), or down from it."""
        fat = self.value(e.slice)
        if fat is None:
            return None
        data, length = self.slice_parts(fat, e.slice.ty)
        elem = e.slice.ty.pointee.elem  # type: ignore[union-attr]
        mem = mem_of(e.slice.ty)
        bld = self.builder
        counter = self.raw_alloca(I32, "for.i", 4)
        body = self.new_block("for.body")
        step = self.new_block("for.step")
        done = self.new_block("for.end")

        def item() -> Place:
            i = bld.load(counter, typ=I32, name="i")
            element = self.element_place(Place(data, mem), elem, i)
            if e.by_value:
                return element
            if e.index is None:
                slot = self.raw_alloca(element.ptr.type, "for.item", self.layout.pointer_bytes(mem))
                bld.store(element.ptr, slot)
                return Place(slot, 0)
            # `.enumerate()`: the pair (position or count, &element)
            pair = TupleType((USIZE, PointerType(elem, False, mem, True)))
            slot = self.alloca(pair, "for.item")
            position = bld.sub(bld.sub(length, I32(1)), i) if e.index == "count" and e.reverse else i
            llty = self.layout.llvm_mem_type(pair)
            bld.store(position, bld.gep(slot, [I32(0), I32(0)], inbounds=True, source_etype=llty))
            bld.store(element.ptr, bld.gep(slot, [I32(0), I32(1)], inbounds=True, source_etype=llty))
            return Place(slot, 0)

        if e.reverse:
            # i = len; while 0 < i { i -= 1; body }
            bld.store(length, counter)
            bld.branch(step)
            bld.position_at_end(step)
            i = bld.load(counter, typ=I32)
            dec = self.new_block("for.dec")
            bld.cbranch(bld.icmp_unsigned("!=", i, I32(0)), dec, done)
            bld.position_at_end(dec)
            bld.store(bld.sub(i, I32(1)), counter)
            bld.branch(body)
            self._for_body(e, body, step, done, item)
        else:
            # i = 0; while i < len { body; i += 1 }
            test = self.new_block("for.cond")
            bld.store(I32(0), counter)
            bld.branch(test)
            bld.position_at_end(test)
            bld.cbranch(bld.icmp_unsigned("<", bld.load(counter, typ=I32), length), body, done)
            self._for_body(e, body, step, done, item)
            bld.store(bld.add(bld.load(counter, typ=I32), I32(1)), counter)
            bld.branch(test)
        self.builder.position_at_end(done)
        return None

    def _for_body(self, e: T.ForRange | T.ForEach, body: ir.Block, step: ir.Block, done: ir.Block,
                  item: Callable[[], Place]) -> None:
        """The loop body at `body`: the pattern matched against the place of
        the current item (`item()` emits it), then the body, falling through
        (and `continue` jumping) to `step`, where the builder is left."""
        bld = self.builder
        bld.position_at_end(body)
        refuted = self.new_block("for.refuted")  # (an irrefutable pattern: never reached)
        self.match_pattern(e.pattern, item(), refuted)
        ir.IRBuilder(refuted).unreachable()
        self.loops.append(LoopTarget(step, done, None, e.ty, e.id))
        self.expr(e.body)
        self.loops.pop()
        if not bld.block.is_terminated:
            bld.branch(step)
        bld.position_at_end(step)
