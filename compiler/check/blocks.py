"""Blocks, statements and control flow: scopes, `let`, `if`, `while`, `loop`,
`return` (labels, `break`, `continue` and `for`: loops.py). At a coercion site (see `coercion.py`) a block's tail,
each branch of an `if` and each `break` value of a `loop` coerce on their own.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..source import Span
from ..syntax import ast
from ..types import NeverType, Type, ERROR, NEVER, UNIT, BOOL
from . import tree as t
from .coercion import LET, OTHER, Context


class BlockRules:
    def check_block(self, block: ast.Block, expected: Type | None, ctx: Context | None = None) -> t.Block:
        """A block; with `ctx` (at a coercion site) its tail is coerced to
        `expected` and the block has that type."""
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
        tail = None
        if block.tail is not None:
            tail = self.coerced(block.tail, expected, ctx) if ctx is not None else self.expr(block.tail, expected)
        if block.unsafe:
            self.unsafe_depth -= 1
        self.scopes.pop()
        ty = tail.ty if tail is not None else (NEVER if diverges else UNIT)
        if tail is not None and ctx is not None and expected is not None:
            ty = expected  # the tail has been coerced (and any mismatch reported there)
        return self.new_node(t.Block(block.span, ty, stmts, tail))

    def expr_Block(self, e: ast.Block, expected: Type | None) -> t.TExpr:
        ctx = self.take_site(e)
        if e.label is not None:
            return self.labeled_block(e, expected, ctx)  # (loops.py)
        return self.check_block(e, expected, ctx)

    def stmt(self, stmt) -> t.TStmt | None:
        if isinstance(stmt, ast.Let):
            return self.let(stmt)
        if isinstance(stmt, ast.ExprStmt):
            expected = None
            if not stmt.semi and isinstance(stmt.expr, (ast.If, ast.While, ast.Loop, ast.Block)):
                expected = UNIT
            typed = self.coerced(stmt.expr, expected, OTHER)
            return t.ExprStmt(stmt.span, typed)
        if isinstance(stmt, ast.Empty):
            return None
        self.error(msg.ITEM_IN_BODY(), stmt.span).with_help(msg.HELP_ITEM_TO_TOP)
        return None

    def let(self, stmt: ast.Let) -> t.Let | None:
        declared = self.items.resolve_type(stmt.ty, self.generics) if stmt.ty is not None else None
        binding = ast.simple_binding(stmt.pattern)
        if binding is None or stmt.else_ is not None or self.value_name(stmt.pattern) is not None:
            return self.let_pattern(stmt, declared)  # (patterns.py)
        name, mutable = binding
        init = None
        if stmt.init is not None:
            context = LET if stmt.ty is None else Context("let", because=stmt.ty.span)
            init = self.coerced(stmt.init, declared, context)
        ty = declared if declared is not None else (init.ty if init is not None else self.infer.fresh())
        local = self.new_local(name, ty, mutable, stmt.span)
        local.assign_once = stmt.init is None and not mutable
        local.name_span, local.mut_span = ast.binding_spans(stmt.pattern)
        if name != "_":
            self.scopes[-1][name] = local
        return t.Let(stmt.span, local, init)

    def bind_unchecked(self, pattern: ast.Pattern) -> None:
        """Bind the names of a pattern that is not checked yet, with the error
        type, so that their uses do not add errors of their own."""
        for ident in ast.bound_names(pattern):
            self.scopes[-1][ident.name] = self.new_local(ident.name, ERROR, True, ident.span)

    def condition(self, cond: ast.Expr) -> t.TExpr:
        """An `if` or `while` condition (`if let` and `while let` are matches: matching.py)."""
        return self.coerced(cond, BOOL, OTHER)

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
        if isinstance(e.cond, ast.LetCond):
            return self.if_let(e, expected)
        ctx = self.take_site(e)
        cond = self.condition(e.cond)
        if e.else_ is None:
            then = self.coerced(e.then, UNIT, OTHER)
            return self.new_node(t.If(e.span, UNIT, cond, then, None))
        if ctx is not None and expected is not None:
            # each branch coerces to what is expected of the `if`
            then = self.coerced(e.then, expected, ctx)
            else_ = self.coerced(e.else_, expected, ctx)
            return self.new_node(t.If(e.span, expected, cond, then, else_))
        then = self.check_block(e.then, expected)
        else_ = self.expr(e.else_, expected if expected is not None else then.ty)
        ty = self.join(then, else_)
        return self.new_node(t.If(e.span, ty, cond, then, else_))

    def expr_While(self, e: ast.While, expected: Type | None) -> t.TExpr:
        if isinstance(e.cond, ast.LetCond):
            return self.while_let(e, expected)
        cond = self.condition(e.cond)
        frame = self.enter_loop("while", e.label)  # (loops.py)
        body = self.coerced(e.body, UNIT, OTHER)
        self.exit_loop(frame)
        return self.new_node(t.While(e.span, UNIT, cond, body, frame.id))

    def expr_Loop(self, e: ast.Loop, expected: Type | None) -> t.TExpr:
        ctx = self.take_site(e)
        frame = self.enter_loop("loop", e.label, expected if ctx is not None else None, ctx)
        body = self.coerced(e.body, UNIT, OTHER)
        self.exit_loop(frame)
        ty: Type = NEVER
        if frame.broke:
            ty = frame.target if frame.target is not None else UNIT
        return self.new_node(t.Loop(e.span, ty, body, frame.id))

    def expr_Return(self, e: ast.Return, expected: Type | None) -> t.TExpr:
        if self.fn is None:
            self.error(msg.RETURN_OUTSIDE_FN(), e.span)
            return t.Return(e.span, NEVER, None)
        ret = self.fn.ret
        if e.value is None:
            if self.infer.unify(ret, UNIT) is not None:
                self.error(msg.RETURN_NOTHING(), e.span, msg.LABEL_RETURN_TYPE.format(ty=ret))
            return t.Return(e.span, NEVER, None)
        value = self.coerced(e.value, ret, self.returns)
        return t.Return(e.span, NEVER, value)
