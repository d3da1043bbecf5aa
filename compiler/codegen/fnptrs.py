"""Function pointers: a function's address as a value, and calls through one.

A near function pointer is an LLVM `ptr` to the function; wasm-ld gives
every function whose address is taken a slot in the module's function
table (`__indirect_function_table`) and makes the address that slot's
index, and LLVM's wasm back end turns a call through the pointer into
`call_indirect` with the function's wasm type, which traps if the slot
holds a function of another type. The LLVM function type of the call is
the one a definition with that signature has (`ModuleCodegen.signature`),
so both sides always agree on the ABI (aggregates through pointers, `()`
dropped).

A far function pointer (`#[far(lib)] fn(..)`) is an `i32`, the function's
index in lib's table; a call through it calls the `farc:mem` import
`call_far.<lib>.<n>` with the arguments and then the index, which the wasm
rewriter turns into `call_indirect` on the table imported from lib
(`compiler.wasm.passes.far_tables`). Aggregates never cross (the checker
refuses them in far function pointer types, L0007).

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from ..types import FnType, NeverType
from .llvm_ir import CodegenError, diverged, is_aggregate, is_zero_sized_value


class IndirectCallee:
    """A function pointer value as llvmlite's `call` wants its callee: with
    the function type of the call (an opaque `ptr` does not say it)."""

    def __init__(self, value: ir.Value, function_type: ir.FunctionType) -> None:
        self.value = value
        self.function_type = function_type
        self.type = value.type

    def get_reference(self) -> str:
        return self.value.get_reference()


class FnPointers:
    def expr_FnRef(self, e: T.FnRef) -> ir.Value:
        if e.callee.is_generic:
            raise CodegenError(f"a pointer to the generic function `{e.callee.symbol}` (not monomorphized)")
        return self.cg.abi_of(e.callee).llfn

    def expr_CallPtr(self, e: T.CallPtr) -> ir.Value | None:
        ty = e.callee.ty
        if not isinstance(ty, FnType):
            raise CodegenError(f"a call through a value of type {ty}")
        fnty, sret, arg_index = self.cg.signature(list(ty.params), ty.ret)
        callee = self.value(e.callee)
        if callee is None:
            return None
        if ty.far is not None and sret or any(ty.far is not None and is_aggregate(p) for p in ty.params):
            raise CodegenError(f"a far call through `{ty}` with an aggregate by value (the checker forbids it)")
        args: list[ir.Value] = []
        ret_tmp = None
        if sret:
            ret_tmp = self.alloca(ty.ret, "call.ret")
            args.append(ret_tmp)
        for arg_expr, index in zip(e.args, arg_index):
            value = self.expr(arg_expr)
            if diverged(value, arg_expr.ty):
                return None
            if index is not None:
                args.append(value)
        name = "" if sret or is_zero_sized_value(ty.ret) else "call"
        if ty.far is not None:  # through the other module's table: the index goes last (see memory.FAR_CALL_PREFIX)
            call = self.builder.call(self.cg.far_call_intrinsic(ty.far, fnty), [*args, callee], name=name)
        else:
            call = self.builder.call(IndirectCallee(callee, fnty), args, name=name)
        if isinstance(ty.ret, NeverType):
            self.builder.unreachable()
            self.dead_block()
            return None
        if sret:
            return ret_tmp
        return None if is_zero_sized_value(ty.ret) else call
