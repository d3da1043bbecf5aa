"""`match`, `if let` and `while let`.

`match e { arms }` checks the scrutinee once, then each arm's pattern
against its type (the scrutinee is a place when `e` is one: a far place
`*p` keeps its memory, see `patterns.py`), the guard as a `bool` with the
arm's names in scope, and the arm's body; the arms' values meet like the
branches of an `if` (at a coercion site each coerces on its own). Whether
the arms cover every value is checked once the body's types are known
(E0004, `exhaustiveness.py`).

`if let P = e { a } else { b }` is `match e { P => a, _ => b }` and
`while let P = e { body }` is `loop { match e { P => body, _ => break } }`,
as Rust defines them; they need no exhaustive patterns.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import EnumType, ErrorType, IntType, NeverType, Type, BOOL, NEVER, UNIT
from . import tree as t
from .coercion import OTHER
from ..consteval import int_fits
from .exhaustiveness import Space, has_error, listing, show, witnesses
from .patterns import PendingCheck


class MatchRules:
    def expr_Match(self, e: ast.Match, expected: Type | None) -> t.TExpr:
        ctx = self.take_site(e)
        scrutinee = self.expr(e.scrutinee)
        at_site = ctx is not None and expected is not None
        arms: list[t.MatchArm] = []
        result: t.TExpr | None = None  # the first arm's value that does not diverge
        ty: Type = NEVER
        pattern_ty = self.pattern_type(scrutinee.ty)
        for arm in e.arms:
            self.scopes.append({})
            pattern, bound = self.bind_pattern(arm.pattern, pattern_ty, scrutinee)
            self.scopes[-1].update(bound)
            guard = self.coerced(arm.guard, BOOL, OTHER) if arm.guard is not None else None
            if at_site:
                body = self.coerced(arm.body, expected, ctx)
            else:
                body = self.expr(arm.body, expected if expected is not None else (result.ty if result else None))
                if result is None:
                    if not isinstance(self.infer.shallow(body.ty), NeverType):
                        result, ty = body, body.ty
                else:
                    ty = self.join(t.UnitConst(result.span, ty), body)
            self.scopes.pop()
            arms.append(t.MatchArm(arm.span, pattern, guard, body))
        if at_site:
            ty = expected if arms else NEVER
        node = self.new_node(t.Match(e.span, ty, scrutinee, arms))
        self.pending.append(PendingCheck("match", e.span, node, e.scrutinee.span))
        return node

    def if_let(self, e: ast.If, expected: Type | None) -> t.TExpr:
        """`if let P = v { then } else { else_ }`: a match of `v` with `P` and `_`."""
        assert isinstance(e.cond, ast.LetCond)
        ctx = self.take_site(e)
        scrutinee = self.expr(e.cond.value)
        self.scopes.append({})
        pattern, bound = self.bind_pattern(e.cond.pattern, self.pattern_type(scrutinee.ty), scrutinee)
        self.scopes[-1].update(bound)
        if e.else_ is None:
            then = self.coerced(e.then, UNIT, OTHER)
            self.scopes.pop()
            otherwise: t.TExpr = t.UnitConst(e.span, UNIT)
            ty: Type = UNIT
        elif ctx is not None and expected is not None:
            then = self.coerced(e.then, expected, ctx)
            self.scopes.pop()
            otherwise = self.coerced(e.else_, expected, ctx)
            ty = expected
        else:
            then = self.check_block(e.then, expected)
            self.scopes.pop()
            otherwise = self.expr(e.else_, expected if expected is not None else then.ty)
            ty = self.join(then, otherwise)
        wild = self.new_node(t.PatWild(e.cond.span, scrutinee.ty))
        arms = [t.MatchArm(e.then.span, pattern, None, then), t.MatchArm(e.span, wild, None, otherwise)]
        return self.new_node(t.Match(e.span, ty, scrutinee, arms))

    def while_let(self, e: ast.While, expected: Type | None) -> t.TExpr:
        """`while let P = v { body }`: `loop { match v { P => body, _ => break } }`."""
        assert isinstance(e.cond, ast.LetCond)
        frame = self.enter_loop("while", e.label)  # (loops.py)
        scrutinee = self.expr(e.cond.value)
        self.scopes.append({})
        pattern, bound = self.bind_pattern(e.cond.pattern, self.pattern_type(scrutinee.ty), scrutinee)
        self.scopes[-1].update(bound)
        body = self.coerced(e.body, UNIT, OTHER)
        self.scopes.pop()
        self.exit_loop(frame)
        wild = self.new_node(t.PatWild(e.cond.span, scrutinee.ty))
        stop = t.Break(e.span, NEVER, None, frame.id)
        arms = [t.MatchArm(e.body.span, pattern, None, body), t.MatchArm(e.span, wild, None, stop)]
        match = self.new_node(t.Match(e.span, UNIT, scrutinee, arms))
        block = self.new_node(t.Block(e.span, UNIT, [t.ExprStmt(e.span, match)], None))
        return self.new_node(t.Loop(e.span, UNIT, block, frame.id))

    # ----- once the types are known (called from `finish`)
    def check_pending(self) -> None:
        """E0004 for a `match` that leaves values out, E0005 for a `let` or
        parameter pattern that can fail, E0023 for a pattern literal whose
        type was decided late and does not hold it."""
        space = Space(self.items.structs, self.items.enums)
        for check in self.pending:
            if check.kind == "literal":
                value, ty = check.node
                ty = self.infer.resolve(ty)
                if isinstance(ty, IntType) and not int_fits(value, ty):
                    self.error(msg.LITERAL_OUT_OF_RANGE(ty=ty), check.span).with_note(
                        msg.NOTE_LITERAL_DOES_NOT_FIT.format(value=value, ty=ty))
            elif check.kind == "match":
                self.check_exhaustive(space, check)
            elif not has_error(check.node) and not isinstance(check.node.ty, NeverType):
                # (a pattern matched as `!`, which `final_type` leaves where E0282 was reported, is never reached)
                self.check_irrefutable(space, check)

    def check_exhaustive(self, space: Space, check: PendingCheck) -> None:
        match: t.Match = check.node  # type: ignore[assignment]
        if isinstance(match.scrutinee.ty, ErrorType) or any(has_error(arm.pattern) for arm in match.arms):
            return
        ty = match.scrutinee.ty
        missing = witnesses(space, [[arm.pattern] for arm in match.arms if arm.guard is None], [ty])
        if not missing:
            return
        shown = listing([show(w[0], space) for w in missing])
        label = msg.LABEL_NOT_COVERED.format(patterns=msg.count(len(missing), "pattern").split(" ", 1)[1],
                                             listing=shown)
        d = self.error(msg.NON_EXHAUSTIVE(listing=shown), check.scrutinee_span or match.span, label)
        enum = space.enums.get(ty.name) if isinstance(ty, EnumType) else None
        if enum is not None:
            for w in missing:
                if w[0].ctor is not None and w[0].ctor.kind == "variant":
                    span = enum.variants[w[0].ctor.index].span
                    if span is not None:
                        d.with_label(span, msg.LABEL_VARIANT_NOT_COVERED)
        d.with_note(msg.NOTE_MATCHED_TYPE.format(ty=ty)).with_help(msg.HELP_ADD_ARM)

    def check_irrefutable(self, space: Space, check: PendingCheck) -> None:
        pattern: t.Pattern = check.node  # type: ignore[assignment]
        missing = witnesses(space, [[pattern]], [pattern.ty])
        if not missing:
            return
        shown = listing([show(w[0], space) for w in missing])
        label = msg.LABEL_NOT_COVERED.format(patterns=msg.count(len(missing), "pattern").split(" ", 1)[1],
                                             listing=shown)
        message = msg.REFUTABLE_LET if check.kind == "let" else msg.REFUTABLE_PARAM
        d = self.error(message(), check.span, label)
        d.with_note(msg.NOTE_IRREFUTABLE_LET if check.kind == "let" else msg.NOTE_IRREFUTABLE_PARAM)
        d.with_note(msg.NOTE_MATCHED_TYPE.format(ty=pattern.ty))
        if check.kind == "let":
            d.with_help(msg.HELP_LET_ELSE)
