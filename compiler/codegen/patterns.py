"""Patterns: the tests and bindings of a typed pattern against a place.

A pattern is matched against a `Place` (an address in some memory): the
parts it tests are loaded from that memory, by-value bindings copy the part
they bind into their local's slot (memory 0), by-reference bindings store
the part's address (a pointer into the place's memory), and `PatDeref`
continues at the pointee, in the pointer's memory. Nothing is copied before
it is needed, so matching `*p` for a far `p` reads only the bytes the
pattern looks at, each from memory M.

`match_pattern` emits the code in the current block and falls through when
the pattern matches; on a mismatch it jumps to the failure block it is
given. It returns the failure target for what comes after it, which differs
from the one it was given only for or-patterns (section "backtracking"
below).

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from .llvm_ir import CodegenError, mem_of
from .places import Place


class PatternLowering:
    def let_pattern(self, stmt: T.LetPattern) -> None:
        """`let PATTERN = init;`: an irrefutable pattern (the checker proved it),
        so its failure block is unreachable."""
        place = self.place(stmt.init)
        if place is None:
            return  # the initializer diverged
        refuted = self.new_block("let.refuted")
        self.match_pattern(stmt.pattern, place, refuted)
        ir.IRBuilder(refuted).unreachable()

    def match_pattern(self, pattern: T.Pattern, place: Place, fail: ir.Block) -> ir.Block:
        """Test `pattern` against the value at `place`, binding its names;
        jump to `fail` if it does not match. Returns the failure target of
        the code that follows."""
        method = getattr(self, "match_" + type(pattern).__name__, None)
        if method is None:
            raise CodegenError(f"unsupported pattern {type(pattern).__name__}")
        return method(pattern, place, fail)

    def match_PatWild(self, pattern: T.PatWild, place: Place, fail: ir.Block) -> ir.Block:
        return fail

    def match_PatBind(self, pattern: T.PatBind, place: Place, fail: ir.Block) -> ir.Block:
        slot = Place(self.slot_for(pattern.local), 0)
        if pattern.by_ref:
            self.store_scalar(slot, pattern.local.ty, place.ptr)
        else:
            self.store(slot, pattern.ty, self.load(place, pattern.ty, name=pattern.local.name))
        if pattern.sub is not None:
            return self.match_pattern(pattern.sub, place, fail)
        return fail

    def match_PatTuple(self, pattern: T.PatTuple, place: Place, fail: ir.Block) -> ir.Block:
        for index, elem in enumerate(pattern.elems):
            if not isinstance(elem, T.PatWild):
                fail = self.match_pattern(elem, self.field_place(place, pattern.ty, index), fail)
        return fail

    def match_PatStruct(self, pattern: T.PatStruct, place: Place, fail: ir.Block) -> ir.Block:
        for index, field in pattern.fields:
            if not isinstance(field, T.PatWild):
                fail = self.match_pattern(field, self.field_place(place, pattern.ty, index), fail)
        return fail

    def match_PatDeref(self, pattern: T.PatDeref, place: Place, fail: ir.Block) -> ir.Block:
        pointer = self.load(place, pattern.ty, name="ref")
        return self.match_pattern(pattern.inner, Place(pointer, mem_of(pattern.ty)), fail)
