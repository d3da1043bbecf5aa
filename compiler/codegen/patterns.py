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
from ..types import ArrayType, BoolType, EnumType, FloatType, IntType, NeverType
from .llvm_ir import I32, CodegenError, mem_of
from .places import Place


class PatternLowering:
    def let_pattern(self, stmt: T.LetPattern) -> None:
        """`let PATTERN = init;`: an irrefutable pattern (the checker proved it),
        so its failure block is unreachable; with `else`, the else block runs
        (and diverges) when the pattern does not match."""
        place = self.place(stmt.init)
        if place is None:
            return  # the initializer diverged
        refuted = self.new_block("let.else" if stmt.else_ is not None else "let.refuted")
        self.match_pattern(stmt.pattern, place, refuted)  # (nothing after it fails: no retry)
        matched = self.builder.block
        self.builder.position_at_end(refuted)
        if stmt.else_ is not None:
            self.expr(stmt.else_)
        if not self.builder.block.is_terminated:
            self.builder.unreachable()
        self.builder.position_at_end(matched)

    # ------------------------------------------------------------------ match
    def expr_Match(self, e: T.Match) -> ir.Value | None:
        """The arms in order: the pattern's tests (a failing one goes to the
        next arm), then the guard (false goes back to the pattern's last
        choice point, or to the next arm), then the body."""
        place = self.place(e.scrutinee)
        if place is None:
            return None
        slot = self.result_slot(e.ty, "match.result")
        end = self.new_block("match.end")
        for arm in e.arms:
            next_arm = self.new_block("match.next")
            fail = self.match_pattern(arm.pattern, place, next_arm)
            if arm.guard is not None:
                cond = self.value(arm.guard)
                if cond is not None:
                    body = self.new_block("match.guarded")
                    self.builder.cbranch(cond, body, fail)
                    self.builder.position_at_end(body)
            value = self.expr(arm.body)
            self.store_result(slot, e.ty, value)
            if not self.builder.block.is_terminated:
                self.builder.branch(end)
            self.builder.position_at_end(next_arm)
        self.builder.unreachable()  # no arm matched: the checker proved it cannot happen
        self.builder.position_at_end(end)
        if isinstance(e.ty, NeverType):
            return None
        return self.read_result(slot, e.ty)

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

    def match_PatVariant(self, pattern: T.PatVariant, place: Place, fail: ir.Block) -> ir.Block:
        ty = pattern.ty
        assert isinstance(ty, EnumType), ty
        lay = self.layout.enum_layout(ty)
        if len(lay.enum.variants) > 1:
            tag = self.load_tag(place, ty)
            expected = self.const_int(tag.type, lay.enum.variants[pattern.variant].discriminant)
            self.branch_unless(self.builder.icmp_unsigned("==", tag, expected, name="is.variant"), fail, "variant")
        for index, field in pattern.fields:
            if not isinstance(field, T.PatWild):
                fail = self.match_pattern(field, self.variant_field_place(place, ty, pattern.variant, index), fail)
        return fail

    def match_PatLit(self, pattern: T.PatLit, place: Place, fail: ir.Block) -> ir.Block:
        value = self.load(place, pattern.ty, name="scrutinee")
        ty = pattern.ty
        if isinstance(ty, FloatType):
            cond = self.builder.fcmp_ordered("==", value, ir.Constant(value.type, float(pattern.value)), name="is.lit")
        elif isinstance(ty, BoolType):
            cond = value if pattern.value else self.builder.not_(value, name="is.false")
        elif isinstance(ty, IntType):
            cond = self.builder.icmp_unsigned("==", value, self.const_int(value.type, int(pattern.value)), name="is.lit")
        else:
            raise CodegenError(f"literal pattern on {ty}")
        self.branch_unless(cond, fail, "lit")
        return fail

    def match_PatRange(self, pattern: T.PatRange, place: Place, fail: ir.Block) -> ir.Block:
        ty = pattern.ty
        if not isinstance(ty, IntType):
            raise CodegenError(f"range pattern on {ty}")
        value = self.load(place, ty, name="scrutinee")
        lo, hi = pattern.bounds(ty.bits, ty.signed)
        full_lo = -(1 << (ty.bits - 1)) if ty.signed else 0
        full_hi = (1 << (ty.bits - 1)) - 1 if ty.signed else (1 << ty.bits) - 1
        compare = self.builder.icmp_signed if ty.signed else self.builder.icmp_unsigned
        conds = []
        if lo > full_lo:
            conds.append(compare(">=", value, self.const_int(value.type, lo), name="above"))
        if hi < full_hi:
            conds.append(compare("<=", value, self.const_int(value.type, hi), name="below"))
        if conds:
            cond = conds[0] if len(conds) == 1 else self.builder.and_(conds[0], conds[1], name="in.range")
            self.branch_unless(cond, fail, "range")
        return fail

    def match_PatArray(self, pattern: T.PatArray, place: Place, fail: ir.Block) -> ir.Block:
        ty = pattern.ty
        assert isinstance(ty, ArrayType), ty
        for index, elem in pattern.elems:
            if not isinstance(elem, T.PatWild):
                fail = self.match_pattern(elem, self.array_element_place(place, ty, index), fail)
        if pattern.rest is not None:
            start, _, rest = pattern.rest
            fail = self.match_pattern(rest, self.array_element_place(place, ty, start), fail)
        return fail

    def array_element_place(self, base: Place, ty: ArrayType, index: int) -> Place:
        """Element `index` of the array at `base` (a constant index: no bounds check)."""
        ptr = self.builder.gep(base.ptr, [I32(0), I32(index)], inbounds=True, name="elem",
                               source_etype=self.layout.llvm_mem_type(ty))
        return Place(ptr, base.mem)

    def branch_unless(self, cond: ir.Value, fail: ir.Block, name: str) -> None:
        """Continue when `cond` holds, else go to `fail`."""
        ok = self.new_block(f"{name}.ok")
        self.builder.cbranch(cond, ok, fail)
        self.builder.position_at_end(ok)

    # ------------------------------------------------------------------ backtracking
    def match_PatOr(self, pattern: T.PatOr, place: Place, fail: ir.Block) -> ir.Block:
        """Alternatives are tried left to right. When one matches, what follows
        (more parts of the enclosing pattern, or the arm's guard) may still
        fail: then matching resumes with the next way the alternatives can
        match, as Rust's semantics of guards on or-patterns say (the guard is
        tried for each matching alternative). So the alternative that matched
        is recorded, and the returned failure target (the "retry" block)
        resumes inside it, at its own last choice point, which eventually
        moves on to the next alternative or, after the last, to `fail`."""
        chosen = self.raw_alloca(I32, "or.alt", 4)
        starts = [self.new_block(f"or.alt{i}") for i in range(len(pattern.alts))]
        matched = self.new_block("or.matched")
        retry = self.new_block("or.retry")
        resume: list[ir.Block] = []
        self.builder.branch(starts[0])
        for i, alt in enumerate(pattern.alts):
            self.builder.position_at_end(starts[i])
            next_fail = starts[i + 1] if i + 1 < len(pattern.alts) else fail
            resume.append(self.match_pattern(alt, place, next_fail))
            self.builder.store(I32(i), chosen)
            self.builder.branch(matched)
        b = ir.IRBuilder(retry)
        which = b.load(chosen, typ=I32, name="or.which")
        switch = b.switch(which, resume[-1])
        for i, target in enumerate(resume[:-1]):
            switch.add_case(I32(i), target)
        self.builder.position_at_end(matched)
        return retry
