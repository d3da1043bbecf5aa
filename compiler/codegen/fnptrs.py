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

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from ..types import FnType, NeverType
from .llvm_ir import CodegenError, is_zero_sized_value


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
        args: list[ir.Value] = []
        ret_tmp = None
        if sret:
            ret_tmp = self.alloca(ty.ret, "call.ret")
            args.append(ret_tmp)
        for arg_expr, index in zip(e.args, arg_index):
            value = self.expr(arg_expr)
            if value is None and not is_zero_sized_value(arg_expr.ty):
                return None
            if index is not None:
                args.append(value)
        name = "" if sret or is_zero_sized_value(ty.ret) else "call"
        call = self.builder.call(IndirectCallee(callee, fnty), args, name=name)
        if isinstance(ty.ret, NeverType):
            self.builder.unreachable()
            self.dead_block()
            return None
        if sret:
            return ret_tmp
        return None if is_zero_sized_value(ty.ret) else call
