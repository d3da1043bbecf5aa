"""Lowering of one function body from the typed tree to LLVM IR.

Conventions (the "value model"):
* a scalar expression (integer, float, bool as `i1`, pointer) yields an SSA value;
* an aggregate expression (struct, array) yields a pointer to a fresh
  memory-0 temporary that holds its value; whoever consumes it copies it
  (memcpy), so a later write to the source place cannot change a value
  already read (Rust's copy semantics); SROA/memcpyopt remove the copies;
* `()` yields None;
* an expression that diverges (its evaluation ends in `return`, `break`,
  `continue`, `trap` or a call of a `-> !` function) yields None although
  its type is not `()`; consumers then stop emitting (the code that would
  follow is unreachable). After a terminator the builder continues in a
  fresh block with no predecessor; such blocks are deleted at the end.

Places (values with an address) are `Place(ptr, mem)`: `mem` picks the
address space and the alias scope of every access through it.

Locals live in allocas of a `start` block (rustc's name), which mem2reg/SROA
turn into SSA values at -O1 and above. Named values come from local names
(`%i`, `%sum`, params' slots are `%x.addr`), as clang and rustc print them.

The lowerings live in one module per concern, each a mixin of `FunctionEmitter`:

    control_flow.py  blocks, `if`, loops, `break` / `continue`, `return`, calls
    loops.py         `for` loops
    places.py        places and memory access, assignment, aggregates
    operators.py     unary / binary operators, compound assignment, casts
    intrinsics.py    the builtin operations (a registry keyed by `BuiltinOp`)
    atomics.py       atomic and volatile accesses (builtin operations too)
    simd.py          `core::arch::wasm32`'s v128 functions (builtin operations too)
    patterns.py      the tests and bindings of patterns against a place
    slices.py        slice references, element and range places
    fnptrs.py        function pointers and calls through them
    enums.py         enum values, their tags and variants' fields

This module holds what they share: the function's state, the driver,
block and trap helpers, expression dispatch, statements and constants.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from ..types import BoolType, FloatType, IntType, NeverType, PointerType, Type
from .atomics import AtomicLowering
from .simd import SimdLowering
from .control_flow import ControlFlow, LoopTarget
from .enums import EnumValues
from .intrinsics import LOWERINGS, BuiltinLowering
from .llvm_ir import I1, I32, CodegenError, FnAbi, ModuleCodegen, diverged, is_aggregate, is_zero_sized_value
from .loops import ForLoops
from .operators import OperatorsAndCasts
from .patterns import PatternLowering
from .places import Place, PlacesAndMemory
from .fnptrs import FnPointers
from .slices import SliceLowering

#: integer constants of pointer type (a folded `const` address) are converted from usize
T_USIZE = IntType("usize")

#: A block that has grown to this many instructions is continued in a fresh one
#: (`br label %split`). Instruction selection works one block at a time and its
#: DAG combiner is quadratic in a block's length: a 40,000-term expression took
#: minutes at -O0. The optimizer (-O1 and up) merges the blocks again.
MAX_BLOCK_INSTRUCTIONS = 1000


class FunctionEmitter(ControlFlow, ForLoops, PlacesAndMemory, SliceLowering, FnPointers, OperatorsAndCasts,
                      BuiltinLowering, AtomicLowering, SimdLowering, PatternLowering, EnumValues):
    """Emits the body of one defined function."""

    def __init__(self, cg: ModuleCodegen, abi: FnAbi) -> None:
        self.cg = cg
        self.layout = cg.layout
        self.abi = abi
        self.fn = abi.fn
        self.llfn = abi.llfn
        self.start = self.llfn.append_basic_block("start")
        self.start_builder = ir.IRBuilder(self.start)
        body = self.llfn.append_basic_block("bb")
        self.builder = ir.IRBuilder(body)
        self.slots: dict[int, ir.Value] = {}  # Local.id -> alloca
        self.loops: list[LoopTarget] = []
        self._trap_block: ir.Block | None = None
        #: debug locations (only with `debug_lines`): each instruction gets the innermost expression's
        self.lines = cg.debug.subprogram(self.llfn, self.fn.symbol, self.fn.span) if cg.debug is not None else None
        if self.lines is not None:
            self.builder.debug_metadata = self.lines.entry

    # ------------------------------------------------------------------ driver
    def emit(self) -> None:
        for param, index in zip(self.fn.params, self.abi.arg_index):
            slot = self.slot_for(param, name=f"{param.name}.addr")
            if index is None:
                continue
            arg = self.llfn.args[index]
            if is_aggregate(param.ty):
                # the caller passed a pointer to a copy it will not touch again
                self.copy(Place(slot, 0), Place(arg, 0), param.ty)
            else:
                self.store_scalar(Place(slot, 0), param.ty, arg)
        assert self.fn.body is not None
        value = self.expr(self.fn.body)
        if not self.builder.block.is_terminated:
            self.emit_return(self.fn.ret, value, diverged=value is None and not is_zero_sized_value(self.fn.ret))
        self.start_builder.branch(self.llfn.blocks[1])
        self._finish_blocks()

    def _finish_blocks(self) -> None:
        """Terminate dead continuation blocks and drop every block that cannot
        be reached from `start` (they hold only code after a `return` etc.)."""
        for block in self.llfn.blocks:
            if not block.is_terminated:
                ir.IRBuilder(block).unreachable()
        reachable: set[int] = set()
        work = [self.llfn.blocks[0]]
        while work:
            block = work.pop()
            if id(block) in reachable:
                continue
            reachable.add(id(block))
            work += [op for op in block.terminator.operands if isinstance(op, ir.Block)]
            if isinstance(block.terminator, ir.SwitchInstr):  # its targets are not operands
                work += [block.terminator.default] + [target for _, target in block.terminator.cases]
        self.llfn.blocks = [b for b in self.llfn.blocks if id(b) in reachable]

    def emit_return(self, ty: Type, value: ir.Value | None, diverged: bool = False) -> None:
        if diverged:
            self.builder.unreachable()
        elif self.abi.sret:
            self.copy(Place(self.llfn.args[0], 0), Place(value, 0), ty)
            self.builder.ret_void()
        elif isinstance(self.fn.ret, NeverType):
            self.builder.unreachable()
        elif self.llfn.function_type.return_type == ir.VoidType():
            self.builder.ret_void()
        else:
            self.builder.ret(value)
        self.dead_block()

    # ------------------------------------------------------------------ helpers
    def dead_block(self) -> None:
        """Continue emitting after a terminator in a block nobody jumps to."""
        self.builder.position_at_end(self.llfn.append_basic_block("dead"))

    def new_block(self, name: str) -> ir.Block:
        return self.llfn.append_basic_block(name)

    def alloca(self, ty: Type, name: str = "") -> ir.AllocaInstr:
        """A stack slot in the start block, aligned like the type."""
        return self.raw_alloca(self.layout.llvm_mem_type(ty), name, self.layout.align_of(ty))

    def raw_alloca(self, llty: ir.Type, name: str, align: int | None = None) -> ir.AllocaInstr:
        slot = self.start_builder.alloca(llty, name=name)
        # llvmlite types allocas as typed pointers (`i32*`) unless an env var
        # says otherwise; LLVM 22 only reads opaque `ptr`
        slot.type = ir.PointerType()
        slot.align = align
        return slot

    def slot_for(self, local: T.Local, name: str | None = None) -> ir.Value:
        slot = self.slots.get(local.id)
        if slot is None:
            slot = self.slots[local.id] = self.alloca(local.ty, name or local.name)
        return slot

    def trap_block(self) -> ir.Block:
        """One shared `trap` block per function: a call of `farc.trap` (which
        keeps the stores before it, see `ModuleCodegen.trap_function`) + unreachable."""
        if self._trap_block is None:
            block = self._trap_block = self.new_block("trap")
            b = ir.IRBuilder(block)
            b.call(self.cg.trap_function(), [])
            b.unreachable()
        return self._trap_block

    def trap_if(self, cond: ir.Value, name: str) -> None:
        """Branch to the trap block when `cond` holds; continue otherwise."""
        ok = self.new_block(name)
        self.builder.cbranch(cond, self.trap_block(), ok)
        self.builder.position_at_end(ok)

    def trap_unless(self, cond: ir.Value, name: str) -> None:
        """Continue when `cond` holds; trap otherwise."""
        ok = self.new_block(name)
        self.builder.cbranch(cond, ok, self.trap_block())
        self.builder.position_at_end(ok)

    def undef(self, ty: Type) -> ir.Value:
        return ir.Constant(self.layout.llvm_type(ty), ir.Undefined)

    def const_int(self, ty: ir.IntType, value: int) -> ir.Constant:
        bits = ty.width
        value &= (1 << bits) - 1
        if bits > 1 and value >= 1 << (bits - 1):
            value -= 1 << bits
        return ir.Constant(ty, value)

    def usize(self, value: int) -> ir.Constant:
        return ir.Constant(I32, value)

    # ------------------------------------------------------------------ statements
    def stmt(self, stmt: T.TStmt) -> None:
        if self.lines is None:
            return self._stmt(stmt)
        saved = self.builder.debug_metadata
        self.builder.debug_metadata = self.lines.location(stmt.span) or saved
        try:
            return self._stmt(stmt)
        finally:
            self.builder.debug_metadata = saved

    def _stmt(self, stmt: T.TStmt) -> None:
        if isinstance(stmt, T.Let):
            slot = self.slot_for(stmt.local)
            if stmt.init is None:
                return
            value = self.expr(stmt.init)
            if diverged(value, stmt.local.ty):
                return  # diverged
            self.store(Place(slot, 0), stmt.local.ty, value)
        elif isinstance(stmt, T.LetPattern):
            self.let_pattern(stmt)
        elif isinstance(stmt, T.ExprStmt):
            self.expr(stmt.expr)
        else:
            raise CodegenError(f"unknown statement {type(stmt).__name__}")

    # ------------------------------------------------------------------ expressions
    def expr(self, e: T.TExpr) -> ir.Value | None:
        method = getattr(self, "expr_" + type(e).__name__, None)
        if method is None:
            raise CodegenError(f"unsupported expression {type(e).__name__}")
        block = self.builder.block
        if len(block.instructions) >= MAX_BLOCK_INSTRUCTIONS and not block.is_terminated:
            split = self.new_block("split")
            self.builder.branch(split)
            self.builder.position_at_end(split)
        if self.lines is None:
            return method(e)
        saved = self.builder.debug_metadata
        self.builder.debug_metadata = self.lines.location(e.span) or saved
        try:
            return method(e)
        finally:
            self.builder.debug_metadata = saved

    def value(self, e: T.TExpr) -> ir.Value | None:
        """Like `expr`, for operands that must produce a value: None means the
        operand diverged and the caller must stop (return None itself)."""
        return self.expr(e)

    def expr_IntConst(self, e: T.IntConst) -> ir.Value:
        llty = self.layout.llvm_type(e.ty)
        if isinstance(llty, ir.IntType):
            return self.const_int(llty, e.value)
        if isinstance(e.ty, FloatType):  # an integer literal the checker typed as float
            return ir.Constant(llty, float(e.value))
        if isinstance(e.ty, PointerType):
            return self.int_to_ptr(self.const_int(I32, e.value), T_USIZE, e.ty)
        raise CodegenError(f"integer constant of type {e.ty}")

    def expr_FloatConst(self, e: T.FloatConst) -> ir.Value:
        return ir.Constant(self.layout.llvm_type(e.ty), float(e.value))

    def expr_BoolConst(self, e: T.BoolConst) -> ir.Value:
        return ir.Constant(I1, 1 if e.value else 0)

    def expr_UnitConst(self, e: T.UnitConst) -> None:
        return None

    def expr_AggregateConst(self, e: T.AggregateConst) -> ir.Value | None:
        if is_zero_sized_value(e.ty):
            return None
        const = self.layout.initializer(e.ty, e.value)
        if not is_aggregate(e.ty):
            if isinstance(e.ty, BoolType):
                return ir.Constant(I1, 1 if e.value else 0)
            return const
        gv = self.cg.constant_global(const.type, const, self.fn.symbol)
        gv.align = self.layout.align_of(e.ty)
        tmp = self.alloca(e.ty, "const.tmp")
        self.copy(Place(tmp, 0), Place(gv, 0), e.ty)
        return tmp

    def expr_Builtin(self, e: T.Builtin) -> ir.Value | None:
        lowering = LOWERINGS.get(e.op)
        if lowering is None:
            raise CodegenError(f"unsupported builtin `{e.op}`")
        args = []
        for arg in e.args:
            value = self.expr(arg)
            if diverged(value, arg.ty):
                return None
            args.append(value)
        return lowering(self, e, *args)


__all__ = ["FunctionEmitter", "Place"]

