"""Blocks, statements and control flow: scopes, `let`, `if`, loops, `break`,
`continue`, `return`.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..source import Span
from ..syntax import ast
from ..types import NeverType, Type, NEVER, UNIT, BOOL
from . import tree as t
from .coercion import LET, OTHER, RETURN


def tail_span(block: ast.Block) -> Span:
    """Where a block's value comes from: its tail expression, else the block."""
    if block.tail is not None:
        return block.tail.span
    return block.span


class BlockRules:
    def check_block(self, block: ast.Block, expected: Type | None) -> t.Block:
        self.scopes.append({})
        if block.unsafe:
            self.unsafe_depth += 1
        stmts: list[t.TStmt] = []
        diverges = False
        for stmt in block.stmts:
            typed = self.stmt(stmt)
            if typed is not None:
                stmts.append(typed)
                inner = typed.expr if isinstance(typed, t.ExprStmt) else typed.init
                if inner is not None and isinstance(self.infer.shallow(inner.ty), NeverType):
                    diverges = True
        tail = self.expr(block.tail, expected) if block.tail is not None else None
        if block.unsafe:
            self.unsafe_depth -= 1
        self.scopes.pop()
        ty = tail.ty if tail is not None else (NEVER if diverges else UNIT)
        return self.new_node(t.Block(block.span, ty, stmts, tail))

    def expr_Block(self, e: ast.Block, expected: Type | None) -> t.TExpr:
        return self.check_block(e, expected)

    def stmt(self, stmt) -> t.TStmt | None:
        if isinstance(stmt, ast.Let):
            return self.let(stmt)
        if isinstance(stmt, ast.ExprStmt):
            expected = None
            if not stmt.semi and isinstance(stmt.expr, (ast.If, ast.While, ast.Loop, ast.Block)):
                expected = UNIT
            typed = self.expr(stmt.expr, expected)
            if expected is not None:
                typed = self.coerce(typed, UNIT, OTHER)
            return t.ExprStmt(stmt.span, typed)
        if isinstance(stmt, ast.Empty):
            return None
        self.error(msg.ITEM_IN_BODY(), stmt.span).with_help(msg.HELP_ITEM_TO_TOP)
        return None

    def let(self, stmt: ast.Let) -> t.Let:
        declared = self.items.resolve_type(stmt.ty, self.generics) if stmt.ty is not None else None
        init = None
        if stmt.init is not None:
            init = self.coerce(self.expr(stmt.init, declared), declared, LET)
        ty = declared if declared is not None else (init.ty if init is not None else self.infer.fresh())
        # `let x;` may be assigned once later: treat it as assignable
        local = self.new_local(stmt.name, ty, stmt.mutable or stmt.init is None, stmt.span)
        if stmt.name != "_":
            self.scopes[-1][stmt.name] = local
        return t.Let(stmt.span, local, init)

    def new_local(self, name: str, ty: Type, mutable: bool, span: Span) -> t.Local:
        self.next_local += 1
        local = t.Local(name, ty, mutable, self.next_local, span)
        self.nodes.append(local)
        return local

    def lookup_local(self, name: str) -> t.Local | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    # ----- control flow
    def expr_If(self, e: ast.If, expected: Type | None) -> t.TExpr:
        cond = self.coerce(self.expr(e.cond, BOOL), BOOL, OTHER)
        if e.else_ is None:
            then = self.check_block(e.then, UNIT)
            self.coerce(then, UNIT, OTHER, span=tail_span(e.then))
            return self.new_node(t.If(e.span, UNIT, cond, then, None))
        then = self.check_block(e.then, expected)
        else_ = self.expr(e.else_, expected if expected is not None else then.ty)
        ty = self.join(then, else_, e)
        return self.new_node(t.If(e.span, ty, cond, then, else_))

    def expr_While(self, e: ast.While, expected: Type | None) -> t.TExpr:
        cond = self.coerce(self.expr(e.cond, BOOL), BOOL, OTHER)
        self.loops.append(("while", []))
        body = self.check_block(e.body, UNIT)
        self.coerce(body, UNIT, OTHER, span=tail_span(e.body))
        self.loops.pop()
        return self.new_node(t.While(e.span, UNIT, cond, body))

    def expr_Loop(self, e: ast.Loop, expected: Type | None) -> t.TExpr:
        self.loops.append(("loop", []))
        body = self.check_block(e.body, UNIT)
        self.coerce(body, UNIT, OTHER, span=tail_span(e.body))
        _, breaks = self.loops.pop()
        ty: Type = NEVER
        if breaks:
            ty = breaks[0]
        return self.new_node(t.Loop(e.span, ty, body))

    def expr_Break(self, e: ast.Break, expected: Type | None) -> t.TExpr:
        if not self.loops:
            self.error(msg.BREAK_OUTSIDE_LOOP(), e.span, msg.LABEL_BREAK_OUTSIDE)
            return t.Break(e.span, NEVER, None)
        kind, breaks = self.loops[-1]
        if kind == "while" and e.value is not None:
            self.expr(e.value)
            self.error(msg.BREAK_VALUE_IN_WHILE(), e.span, msg.LABEL_BREAK_VALUE_IN_WHILE).with_note(
                msg.NOTE_WHILE_HAS_NO_VALUE)
            return t.Break(e.span, NEVER, None)
        hint = breaks[0] if breaks else None
        value = self.expr(e.value, hint) if e.value is not None else None
        ty = value.ty if value is not None else UNIT
        if breaks:
            m = self.infer.unify(breaks[0], ty, coerce=True)
            if m is not None:
                self.report_mismatch(m, breaks[0], ty, e.span, OTHER)
        else:
            breaks.append(ty)
        return t.Break(e.span, NEVER, value)

    def expr_Continue(self, e: ast.Continue, expected: Type | None) -> t.TExpr:
        if not self.loops:
            self.error(msg.CONTINUE_OUTSIDE_LOOP(), e.span, msg.LABEL_CONTINUE_OUTSIDE)
        return t.Continue(e.span, NEVER)

    def expr_Return(self, e: ast.Return, expected: Type | None) -> t.TExpr:
        if self.fn is None:
            self.error(msg.RETURN_OUTSIDE_FN(), e.span)
            return t.Return(e.span, NEVER, None)
        ret = self.fn.ret
        if e.value is None:
            if self.infer.unify(ret, UNIT) is not None:
                self.error(msg.RETURN_NOTHING(), e.span, msg.LABEL_RETURN_TYPE.format(ty=ret))
            return t.Return(e.span, NEVER, None)
        value = self.coerce(self.expr(e.value, ret), ret, RETURN)
        return t.Return(e.span, NEVER, value)
