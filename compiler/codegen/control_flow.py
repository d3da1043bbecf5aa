"""Control flow: blocks, labeled blocks, `if`, loops, `break` / `continue`
(with the slot a `break value` writes), `return`, and calls (`for` loops:
loops.py).

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from dataclasses import dataclass

from llvmlite import ir

from ..check import tree as T
from ..types import NeverType, Type
from .llvm_ir import CodegenError, diverged, is_aggregate, is_zero_sized_value
from .places import Place


def _diverges(stmt: T.TStmt) -> bool:
    """Whether control never passes beyond `stmt`: the checker typed its
    expression (or initializer) `!`."""
    init = stmt.expr if isinstance(stmt, T.ExprStmt) else stmt.init
    return init is not None and isinstance(init.ty, NeverType)


@dataclass
class LoopTarget:
    """Where `continue` / `break` go for the loop or labeled block numbered
    `id` (a block has no `continue_to`), and the slot of `break value`."""

    continue_to: ir.Block | None
    break_to: ir.Block
    slot: ir.Value | None
    ty: Type
    id: int = 0


class ControlFlow:
    def expr_Block(self, e: T.Block) -> ir.Value | None:
        for stmt in e.stmts:
            self.stmt(stmt)
            if _diverges(stmt):
                # The rest of the block cannot run, and it may use a local of type `!`
                # (`let mut n = return x; loop { n += 1 }`), which has no value to lower.
                return None
        if e.tail is None:
            return None
        return self.expr(e.tail)

    def result_slot(self, ty: Type, name: str) -> ir.Value | None:
        if is_zero_sized_value(ty):
            return None
        return self.alloca(ty, name)

    def store_result(self, slot: ir.Value | None, ty: Type, value: ir.Value | None) -> None:
        if slot is not None and value is not None:
            self.store(Place(slot, 0), ty, value)

    def read_result(self, slot: ir.Value | None, ty: Type) -> ir.Value | None:
        if slot is None:
            return None
        if is_aggregate(ty):
            return slot  # a temp nobody else sees: already a fresh value
        return self.load(Place(slot, 0), ty)

    def expr_If(self, e: T.If) -> ir.Value | None:
        cond = self.value(e.cond)
        if cond is None:
            return None
        slot = self.result_slot(e.ty, "if.result")
        then_block = self.new_block("if.then")
        else_block = self.new_block("if.else") if e.else_ is not None else None
        end = self.new_block("if.end")
        self.builder.cbranch(cond, then_block, else_block or end)
        for block, branch in ((then_block, e.then), (else_block, e.else_)):
            if block is None:
                continue
            self.builder.position_at_end(block)
            value = self.expr(branch)
            self.store_result(slot, e.ty, value)
            if not self.builder.block.is_terminated:
                self.builder.branch(end)
        self.builder.position_at_end(end)
        if isinstance(e.ty, NeverType):
            return None
        return self.read_result(slot, e.ty)

    def expr_While(self, e: T.While) -> None:
        cond_block = self.new_block("while.cond")
        body = self.new_block("while.body")
        end = self.new_block("while.end")
        self.builder.branch(cond_block)
        self.builder.position_at_end(cond_block)
        cond = self.value(e.cond)
        if cond is not None:
            self.builder.cbranch(cond, body, end)
        self.builder.position_at_end(body)
        self.loops.append(LoopTarget(cond_block, end, None, e.ty, e.id))
        self.expr(e.body)
        self.loops.pop()
        if not self.builder.block.is_terminated:
            self.builder.branch(cond_block)
        self.builder.position_at_end(end)
        return None

    def expr_Loop(self, e: T.Loop) -> ir.Value | None:
        body = self.new_block("loop.body")
        end = self.new_block("loop.end")
        slot = self.result_slot(e.ty, "loop.result")
        self.builder.branch(body)
        self.builder.position_at_end(body)
        self.loops.append(LoopTarget(body, end, slot, e.ty, e.id))
        self.expr(e.body)
        self.loops.pop()
        if not self.builder.block.is_terminated:
            self.builder.branch(body)
        self.builder.position_at_end(end)
        if isinstance(e.ty, NeverType):
            return None
        return self.read_result(slot, e.ty)

    def expr_LabeledBlock(self, e: T.LabeledBlock) -> ir.Value | None:
        end = self.new_block("block.end")
        slot = self.result_slot(e.ty, "block.result")
        self.loops.append(LoopTarget(None, end, slot, e.ty, e.id))
        value = self.expr(e.body)
        self.loops.pop()
        self.store_result(slot, e.ty, value)
        if not self.builder.block.is_terminated:
            self.builder.branch(end)
        self.builder.position_at_end(end)
        if isinstance(e.ty, NeverType):
            return None
        return self.read_result(slot, e.ty)

    def jump_target(self, what: str, target: int) -> LoopTarget:
        """The loop or block numbered `target` (0: the innermost loop)."""
        for loop in reversed(self.loops):
            if loop.id == target or (target == 0 and loop.continue_to is not None):
                return loop
        raise CodegenError(f"`{what}` outside of its loop or block ({target})")

    def expr_Break(self, e: T.Break) -> None:
        target = self.jump_target("break", e.target)
        if e.value is not None:
            value = self.expr(e.value)
            if diverged(value, e.value.ty):
                return None
            self.store_result(target.slot, target.ty, value)
        self.builder.branch(target.break_to)
        self.dead_block()
        return None

    def expr_Continue(self, e: T.Continue) -> None:
        target = self.jump_target("continue", e.target)
        if target.continue_to is None:
            raise CodegenError("`continue` to a labeled block (the checker forbids it)")
        self.builder.branch(target.continue_to)
        self.dead_block()
        return None

    def expr_Return(self, e: T.Return) -> None:
        value = None
        if e.value is not None:
            value = self.expr(e.value)
            if diverged(value, e.value.ty):
                return None
        self.emit_return(self.fn.ret, value)
        return None

    # ----- calls
    def expr_CallFn(self, e: T.CallFn) -> ir.Value | None:
        abi = self.cg.abi_of(e.callee)
        args: list[ir.Value] = []
        ret_tmp = None
        if abi.sret:
            ret_tmp = self.alloca(e.callee.ret, "call.ret")
            args.append(ret_tmp)
        for arg_expr, param, index in zip(e.args, e.callee.params, abi.arg_index):
            value = self.expr(arg_expr)
            if diverged(value, arg_expr.ty):
                return None
            if index is not None:
                args.append(value)
        name = "" if abi.sret or is_zero_sized_value(e.callee.ret) else "call"
        call = self.builder.call(abi.llfn, args, name=name)
        if isinstance(e.callee.ret, NeverType):
            self.builder.unreachable()
            self.dead_block()
            return None
        if abi.sret:
            return ret_tmp
        return None if is_zero_sized_value(e.callee.ret) else call
