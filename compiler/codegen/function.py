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
"""
from __future__ import annotations

from dataclasses import dataclass

from llvmlite import ir

from ..check import tree as T
from ..memory import MemOp
from ..types import (
    ArrayType, BoolType, FloatType, IntType, NeverType, PointerType, StructType, Type,
)
from .llvm_ir import CodegenError, FnAbi, ModuleCodegen, is_aggregate, is_zero_sized_value

I1 = ir.IntType(1)
I8 = ir.IntType(8)
I32 = ir.IntType(32)
I64 = ir.IntType(64)


@dataclass(frozen=True)
class Place:
    """An address in memory `mem`."""

    ptr: ir.Value
    mem: int


@dataclass
class LoopTarget:
    """Where `continue` / `break` go, and the slot of `break value`."""

    continue_to: ir.Block
    break_to: ir.Block
    slot: ir.Value | None
    ty: Type


_INT_PREDICATES = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_FLOAT_PREDICATES = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
COMPARISONS = frozenset(_INT_PREDICATES)


def _mem_of(ty: Type) -> int:
    if not isinstance(ty, PointerType) or not isinstance(ty.mem, int):
        raise CodegenError(f"expected a pointer with a concrete memory, found `{ty}`")
    return ty.mem


class FunctionEmitter:
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
            self.emit_return(self.fn.ret, value, diverged=value is None and not self._unitlike(self.fn.ret))
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
    @staticmethod
    def _unitlike(ty: Type) -> bool:
        return is_zero_sized_value(ty)

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
        """One shared `trap` block per function: `llvm.trap` + unreachable."""
        if self._trap_block is None:
            block = self._trap_block = self.new_block("trap")
            b = ir.IRBuilder(block)
            b.call(self.cg.intrinsic("llvm.trap", ir.VoidType(), []), [])
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

    # ------------------------------------------------------------------ memory access
    def load(self, place: Place, ty: Type, name: str = "") -> ir.Value | None:
        """Read a value of type `ty` from `place` (copying aggregates to a temp)."""
        if self._unitlike(ty):
            return None
        if is_aggregate(ty):
            tmp = self.alloca(ty, "agg.tmp")
            self.copy(Place(tmp, 0), place, ty)
            return tmp
        ld = self.builder.load(place.ptr, name=name, align=self.layout.align_of(ty),
                               typ=self.layout.llvm_mem_type(ty))
        self.cg.tag_access(ld, frozenset({place.mem}))
        if isinstance(ty, BoolType):
            return self.builder.trunc(ld, I1)
        return ld

    def store(self, place: Place, ty: Type, value: ir.Value | None) -> None:
        """Write a value of `ty` (an SSA value, or a temp pointer for aggregates)."""
        if self._unitlike(ty) or value is None:
            return
        if is_aggregate(ty):
            self.copy(place, Place(value, 0), ty)
        else:
            self.store_scalar(place, ty, value)

    def store_scalar(self, place: Place, ty: Type, value: ir.Value) -> None:
        if isinstance(ty, BoolType):
            value = self.builder.zext(value, I8)
        st = self.builder.store(value, place.ptr, align=self.layout.align_of(ty))
        self.cg.tag_access(st, frozenset({place.mem}))

    def copy(self, dst: Place, src: Place, ty: Type) -> None:
        """Copy one value of `ty` from `src` to `dst` (memcpy; they may be equal)."""
        size, align = self.layout.size_align(ty)
        if size:
            self.mem_transfer("memcpy", dst, src, self.usize(size), align)

    def mem_transfer(self, kind: str, dst: Place, src: Place, nbytes: ir.Value, align: int) -> None:
        """`llvm.memcpy` / `llvm.memmove` between any two memories."""
        dty, sty = dst.ptr.type, src.ptr.type
        name = f"llvm.{kind}.{dty.intrinsic_name}.{sty.intrinsic_name}.{nbytes.type.intrinsic_name}"
        fn = self.cg.intrinsic(name, ir.VoidType(), [dty, sty, nbytes.type, I1])
        call = self.builder.call(fn, [dst.ptr, src.ptr, nbytes, ir.Constant(I1, 0)])
        self._align_args(call, {0: align, 1: align})
        self.cg.tag_access(call, frozenset({dst.mem, src.mem}))

    def mem_set(self, dst: Place, byte: ir.Value, nbytes: ir.Value, align: int) -> None:
        dty = dst.ptr.type
        fn = self.cg.intrinsic(f"llvm.memset.{dty.intrinsic_name}.{nbytes.type.intrinsic_name}",
                               ir.VoidType(), [dty, I8, nbytes.type, I1])
        call = self.builder.call(fn, [dst.ptr, byte, nbytes, ir.Constant(I1, 0)])
        self._align_args(call, {0: align})
        self.cg.tag_access(call, frozenset({dst.mem}))

    @staticmethod
    def _align_args(call: ir.CallInstr, aligns: dict[int, int]) -> None:
        for index, align in aligns.items():
            if align > 1:
                attrs = ir.values.ArgumentAttributes()
                attrs.align = align
                call.arg_attributes[index] = attrs

    # ------------------------------------------------------------------ statements
    def stmt(self, stmt: T.TStmt) -> None:
        if isinstance(stmt, T.Let):
            slot = self.slot_for(stmt.local)
            if stmt.init is None:
                return
            value = self.expr(stmt.init)
            if value is None and not self._unitlike(stmt.local.ty):
                return  # diverged
            self.store(Place(slot, 0), stmt.local.ty, value)
        elif isinstance(stmt, T.ExprStmt):
            self.expr(stmt.expr)
        else:
            raise CodegenError(f"unknown statement {type(stmt).__name__}")

    # ------------------------------------------------------------------ expressions
    def expr(self, e: T.TExpr) -> ir.Value | None:
        method = getattr(self, "expr_" + type(e).__name__, None)
        if method is None:
            raise CodegenError(f"unsupported expression {type(e).__name__}")
        return method(e)

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
        if self._unitlike(e.ty):
            return None
        const = self.layout.const_llvm(e.ty, e.value)
        if not is_aggregate(e.ty):
            if isinstance(e.ty, BoolType):
                return ir.Constant(I1, 1 if e.value else 0)
            return const
        gv = self.cg.constant_global(const.type, const, self.fn.symbol)
        gv.align = self.layout.align_of(e.ty)
        tmp = self.alloca(e.ty, "const.tmp")
        self.copy(Place(tmp, 0), Place(gv, 0), e.ty)
        return tmp

    # ----- places read as values
    def expr_LocalRef(self, e: T.LocalRef) -> ir.Value | None:
        return self.load(Place(self.slot_for(e.local), 0), e.ty, name=e.local.name)

    def expr_StaticRef(self, e: T.StaticRef) -> ir.Value | None:
        return self.load(self.place_StaticRef(e), e.ty, name=e.static.name)

    def _load_place_expr(self, e: T.TExpr) -> ir.Value | None:
        place = self.place(e)
        if place is None:
            return None
        return self.load(place, e.ty, name=_LOAD_NAMES.get(type(e), "val"))

    expr_Deref = _load_place_expr
    expr_FieldRef = _load_place_expr
    expr_IndexRef = _load_place_expr

    def expr_AddrOf(self, e: T.AddrOf) -> ir.Value | None:
        place = self.place(e.place)
        return None if place is None else place.ptr

    # ----- places
    def place(self, e: T.TExpr) -> Place | None:
        """The address of a place expression; an rvalue is spilled to a temp
        (Rust's temporaries: `&f()` or `f().field`). None if it diverged."""
        method = getattr(self, "place_" + type(e).__name__, None)
        if method is not None:
            return method(e)
        value = self.expr(e)
        if is_aggregate(e.ty):
            return None if value is None else Place(value, 0)
        if value is None and not self._unitlike(e.ty):
            return None
        tmp = self.alloca(e.ty, "tmp")
        self.store(Place(tmp, 0), e.ty, value)
        return Place(tmp, 0)

    def place_LocalRef(self, e: T.LocalRef) -> Place:
        return Place(self.slot_for(e.local), 0)

    def place_StaticRef(self, e: T.StaticRef) -> Place:
        return Place(self.cg.static_address(e.static), e.static.mem)

    def place_Deref(self, e: T.Deref) -> Place | None:
        ptr = self.value(e.ptr)
        return None if ptr is None else Place(ptr, _mem_of(e.ptr.ty))

    def place_FieldRef(self, e: T.FieldRef) -> Place | None:
        base_ty = e.base.ty
        if not isinstance(base_ty, StructType):
            raise CodegenError(f"field access on non-struct type {base_ty}")
        base = self.place(e.base)
        if base is None:
            return None
        sdef = self.layout.struct_def(base_ty.name)
        name = sdef.fields[e.index][0] if 0 <= e.index < len(sdef.fields) else str(e.index)
        ptr = self.builder.gep(base.ptr, [I32(0), I32(e.index)], inbounds=True, name=name,
                               source_etype=self.layout.struct_type(base_ty.name))
        return Place(ptr, base.mem)

    def place_IndexRef(self, e: T.IndexRef) -> Place | None:
        base_ty = e.base.ty
        if not isinstance(base_ty, ArrayType) or not isinstance(base_ty.length, int):
            raise CodegenError(f"indexing a value of type {base_ty}")
        base = self.place(e.base)
        if base is None:
            return None
        index = self.value(e.index)
        if index is None:
            return None
        in_bounds = self.builder.icmp_unsigned("<", index, ir.Constant(index.type, base_ty.length),
                                               name="inbounds")
        self.trap_unless(in_bounds, "idx.ok")
        index = self.index_operand(index, signed=False, mem=base.mem)
        ptr = self.builder.gep(base.ptr, [ir.Constant(index.type, 0), index], inbounds=True,
                               name="elem", source_etype=self.layout.llvm_mem_type(base_ty))
        return Place(ptr, base.mem)

    def index_operand(self, index: ir.Value, signed: bool, mem: int) -> ir.Value:
        """A GEP index for a pointer into `mem`: GEP sign-extends indices to the
        pointer's width, so widen explicitly (zext for unsigned) for memory64."""
        width = self.layout.address_type(mem).width
        if index.type.width < width:
            return self.builder.sext(index, ir.IntType(width)) if signed else \
                self.builder.zext(index, ir.IntType(width))
        if index.type.width > width:
            return self.builder.trunc(index, ir.IntType(width))
        return index

    # ----- assignment
    def expr_Assign(self, e: T.Assign) -> None:
        # Rust evaluates the assigned value first, then the place
        value = self.expr(e.value)
        if value is None and not self._unitlike(e.value.ty):
            return None
        place = self.place(e.place)
        if place is not None:
            self.store(place, e.place.ty, value)
        return None

    def expr_CompoundAssign(self, e: T.CompoundAssign) -> None:
        rhs = self.value(e.value)
        if rhs is None:
            return None
        place = self.place(e.place)
        if place is None:
            return None
        old = self.load(place, e.place.ty, name="old")
        op = e.op[:-1] if e.op.endswith("=") and e.op not in COMPARISONS else e.op
        new = self.binop(op, e.place.ty, old, rhs, e.value.ty)
        if new is not None:
            self.store(place, e.place.ty, new)
        return None

    # ----- operators
    def expr_Unary(self, e: T.Unary) -> ir.Value | None:
        operand = self.value(e.operand)
        if operand is None:
            return None
        ty = e.operand.ty
        if e.op == "-":
            if isinstance(ty, FloatType):
                return self.builder.fneg(operand, name="neg")
            if isinstance(ty, IntType):
                return self.builder.sub(ir.Constant(operand.type, 0), operand, name="neg")
        elif e.op == "!":
            if isinstance(ty, (IntType, BoolType)):
                return self.builder.not_(operand, name="not")
        raise CodegenError(f"unary `{e.op}` on {ty}")

    def expr_Binary(self, e: T.Binary) -> ir.Value | None:
        if e.op in ("&&", "||"):
            return self.short_circuit(e)
        lhs = self.value(e.lhs)
        if lhs is None:
            return None
        rhs = self.value(e.rhs)
        if rhs is None:
            return None
        return self.binop(e.op, e.lhs.ty, lhs, rhs, e.rhs.ty)

    def short_circuit(self, e: T.Binary) -> ir.Value | None:
        """`a && b` / `a || b` through an i1 slot (mem2reg makes the phi)."""
        is_and = e.op == "&&"
        slot = self.raw_alloca(I1, "and.result" if is_and else "or.result")
        lhs = self.value(e.lhs)
        if lhs is None:
            return None
        self.builder.store(lhs, slot)
        rhs_block = self.new_block("and.rhs" if is_and else "or.rhs")
        end = self.new_block("and.end" if is_and else "or.end")
        if is_and:
            self.builder.cbranch(lhs, rhs_block, end)
        else:
            self.builder.cbranch(lhs, end, rhs_block)
        self.builder.position_at_end(rhs_block)
        rhs = self.value(e.rhs)
        if rhs is not None:
            self.builder.store(rhs, slot)
            self.builder.branch(end)
        self.builder.position_at_end(end)
        return self.builder.load(slot, typ=I1)

    def binop(self, op: str, ty: Type, a: ir.Value, b: ir.Value, rhs_ty: Type) -> ir.Value:
        """`a op b` with the language's semantics (see tree.Binary)."""
        bld = self.builder
        if op in COMPARISONS:
            if isinstance(ty, FloatType):
                # Rust: `!=` is true on NaN (unordered), every other test false
                return bld.fcmp_unordered("!=", a, b, name="cmp") if op == "!=" else \
                    bld.fcmp_ordered(op, a, b, name="cmp")
            if isinstance(ty, IntType) and ty.signed:
                return bld.icmp_signed(op, a, b, name="cmp")
            return bld.icmp_unsigned(op, a, b, name="cmp")  # unsigned, bool, pointers
        if isinstance(ty, FloatType):
            float_ops = {"+": bld.fadd, "-": bld.fsub, "*": bld.fmul, "/": bld.fdiv}
            if op == "%":  # not `frem`: on wasm it becomes a call of libm's fmod
                return bld.call(self.cg.fmod_function(a.type), [a, b], name="rem")
            if op in float_ops:
                return float_ops[op](a, b)
        elif isinstance(ty, (IntType, BoolType)):
            bit_ops = {"&": bld.and_, "|": bld.or_, "^": bld.xor}
            if op in bit_ops:
                return bit_ops[op](a, b)
            if isinstance(ty, IntType):
                if op == "+":
                    return bld.add(a, b)
                if op == "-":
                    return bld.sub(a, b)
                if op == "*":
                    return bld.mul(a, b)
                if op in ("/", "%"):
                    return self.divide(op, ty, a, b)
                if op in ("<<", ">>"):
                    return self.shift(op, ty, a, b)
        raise CodegenError(f"binary `{op}` on {ty}")

    def divide(self, op: str, ty: IntType, a: ir.Value, b: ir.Value) -> ir.Value:
        """Integer `/` and `%`: trap on a zero divisor and on MIN / -1."""
        bld = self.builder
        zero = bld.icmp_unsigned("==", b, ir.Constant(b.type, 0), name="div.zero")
        self.trap_if(zero, "div.nonzero")
        if ty.signed:
            is_min = bld.icmp_signed("==", a, self.const_int(a.type, 1 << (ty.bits - 1)))
            is_neg1 = bld.icmp_signed("==", b, ir.Constant(b.type, -1))
            self.trap_if(bld.and_(is_min, is_neg1, name="div.overflow"), "div.ok")
            return bld.sdiv(a, b) if op == "/" else bld.srem(a, b)
        return bld.udiv(a, b) if op == "/" else bld.urem(a, b)

    def shift(self, op: str, ty: IntType, a: ir.Value, b: ir.Value) -> ir.Value:
        """Shifts mask the amount by the width (Rust release semantics); the
        amount may have any integer type: only its low bits matter."""
        bld = self.builder
        if b.type.width > a.type.width:
            b = bld.trunc(b, a.type)
        elif b.type.width < a.type.width:
            b = bld.zext(b, a.type)
        b = bld.and_(b, ir.Constant(a.type, ty.bits - 1), name="shamt")
        if op == "<<":
            return bld.shl(a, b)
        return bld.ashr(a, b) if ty.signed else bld.lshr(a, b)

    def expr_Cast(self, e: T.Cast) -> ir.Value | None:
        value = self.value(e.expr)
        if value is None:
            return None
        return self.cast(value, e.expr.ty, e.ty)

    def cast(self, v: ir.Value, src: Type, dst: Type) -> ir.Value:
        bld = self.builder
        if src == dst:
            return v
        if isinstance(dst, IntType):
            dty = ir.IntType(dst.bits)
            if isinstance(src, IntType):
                return self.int_resize(v, src.signed, dty)
            if isinstance(src, BoolType):
                return bld.zext(v, dty)
            if isinstance(src, FloatType):
                kind = "fptosi" if dst.signed else "fptoui"
                fn = self.cg.intrinsic(f"llvm.{kind}.sat.i{dst.bits}.f{src.bits}", dty, [v.type])
                return bld.call(fn, [v])
            if isinstance(src, PointerType):
                address = bld.ptrtoint(v, self.layout.address_type(_mem_of(src)))
                return self.int_resize(address, False, dty)
        if isinstance(dst, FloatType):
            fty = self.layout.llvm_type(dst)
            if isinstance(src, IntType):
                return bld.sitofp(v, fty) if src.signed else bld.uitofp(v, fty)
            if isinstance(src, FloatType):
                return bld.fpext(v, fty) if dst.bits > src.bits else bld.fptrunc(v, fty)
        if isinstance(dst, PointerType):
            if isinstance(src, PointerType):
                if _mem_of(src) != _mem_of(dst):
                    raise CodegenError(f"cast between memories {src} -> {dst} (the checker forbids it)")
                return v
            if isinstance(src, IntType):
                return self.int_to_ptr(v, src, dst)
        raise CodegenError(f"cast from {src} to {dst}")

    def int_resize(self, v: ir.Value, signed: bool, dty: ir.IntType) -> ir.Value:
        if v.type.width > dty.width:
            return self.builder.trunc(v, dty)
        if v.type.width < dty.width:
            return self.builder.sext(v, dty) if signed else self.builder.zext(v, dty)
        return v

    def int_to_ptr(self, v: ir.Value, src: IntType, dst: PointerType) -> ir.Value:
        """Rust casts an integer to a pointer through usize; with a memory64
        pointer the address is 64 bits, so a signed integer is sign-extended."""
        mem = _mem_of(dst)
        address = self.int_resize(v, src.signed, self.layout.address_type(mem))
        return self.builder.inttoptr(address, self.layout.pointer_type(mem))

    # ----- control flow
    def expr_Block(self, e: T.Block) -> ir.Value | None:
        for stmt in e.stmts:
            self.stmt(stmt)
        if e.tail is None:
            return None
        return self.expr(e.tail)

    def result_slot(self, ty: Type, name: str) -> ir.Value | None:
        if self._unitlike(ty):
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
        self.loops.append(LoopTarget(cond_block, end, None, e.ty))
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
        self.loops.append(LoopTarget(body, end, slot, e.ty))
        self.expr(e.body)
        self.loops.pop()
        if not self.builder.block.is_terminated:
            self.builder.branch(body)
        self.builder.position_at_end(end)
        if isinstance(e.ty, NeverType):
            return None
        return self.read_result(slot, e.ty)

    def _innermost_loop(self, what: str) -> LoopTarget:
        if not self.loops:
            raise CodegenError(f"`{what}` outside of a loop")
        return self.loops[-1]

    def expr_Break(self, e: T.Break) -> None:
        target = self._innermost_loop("break")
        if e.value is not None:
            value = self.expr(e.value)
            if value is None and not self._unitlike(e.value.ty):
                return None
            self.store_result(target.slot, target.ty, value)
        self.builder.branch(target.break_to)
        self.dead_block()
        return None

    def expr_Continue(self, e: T.Continue) -> None:
        self.builder.branch(self._innermost_loop("continue").continue_to)
        self.dead_block()
        return None

    def expr_Return(self, e: T.Return) -> None:
        value = None
        if e.value is not None:
            value = self.expr(e.value)
            if value is None and not self._unitlike(e.value.ty):
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
            if value is None and not self._unitlike(arg_expr.ty):
                return None
            if index is not None:
                args.append(value)
        name = "" if abi.sret or self._unitlike(e.callee.ret) else "call"
        call = self.builder.call(abi.llfn, args, name=name)
        if isinstance(e.callee.ret, NeverType):
            self.builder.unreachable()
            self.dead_block()
            return None
        if abi.sret:
            return ret_tmp
        return None if self._unitlike(e.callee.ret) else call

    # ----- aggregates
    def expr_StructLit(self, e: T.StructLit) -> ir.Value | None:
        assert isinstance(e.ty, StructType)
        llty = self.layout.struct_type(e.ty.name)
        tmp = self.alloca(e.ty, "struct.tmp")
        for index, (value_expr, (fname, fty)) in enumerate(zip(e.values, e.struct.fields)):
            value = self.expr(value_expr)
            if value is None and not self._unitlike(fty):
                return None
            ptr = self.builder.gep(tmp, [I32(0), I32(index)], inbounds=True, name=fname,
                                   source_etype=llty)
            self.store(Place(ptr, 0), fty, value)
        return tmp

    def expr_ArrayLit(self, e: T.ArrayLit) -> ir.Value | None:
        assert isinstance(e.ty, ArrayType)
        tmp = self.alloca(e.ty, "array.tmp")
        for index, elem in enumerate(e.elems):
            value = self.expr(elem)
            if value is None and not self._unitlike(e.ty.elem):
                return None
            self.store(Place(self.element_ptr(tmp, e.ty, I32(index)), 0), e.ty.elem, value)
        return tmp

    def element_ptr(self, base: ir.Value, ty: ArrayType, index: ir.Value) -> ir.Value:
        return self.builder.gep(base, [I32(0), index], inbounds=True,
                                source_etype=self.layout.llvm_mem_type(ty))

    def expr_ArrayRepeat(self, e: T.ArrayRepeat) -> ir.Value | None:
        """`[v; n]`: memset when v is a constant byte pattern (zero, any u8 or
        bool), else a fill loop (one loop, not n stores: n may be large)."""
        assert isinstance(e.ty, ArrayType)
        value = self.expr(e.value)
        elem = e.ty.elem
        if value is None and not self._unitlike(elem):
            return None
        tmp = self.alloca(e.ty, "array.tmp")
        size = self.layout.size_of(e.ty)
        if size == 0 or e.count == 0:
            return tmp
        byte = self._splat_byte(value, elem)
        if byte is not None:
            self.mem_set(Place(tmp, 0), ir.Constant(I8, byte), self.usize(size), self.layout.align_of(elem))
            return tmp
        # i = 0; do { a[i] = v; i += 1 } while i != n
        counter = self.raw_alloca(I32, "fill.i", 4)
        self.builder.store(I32(0), counter)
        loop = self.new_block("fill.body")
        end = self.new_block("fill.end")
        self.builder.branch(loop)
        self.builder.position_at_end(loop)
        i = self.builder.load(counter, typ=I32, name="i")
        self.store(Place(self.element_ptr(tmp, e.ty, i), 0), elem, value)
        nxt = self.builder.add(i, I32(1))
        self.builder.store(nxt, counter)
        self.builder.cbranch(self.builder.icmp_unsigned("==", nxt, I32(e.count)), end, loop)
        self.builder.position_at_end(end)
        return tmp

    @staticmethod
    def _splat_byte(value: ir.Value | None, elem: Type) -> int | None:
        """The byte every byte of the element equals, if `value` is such a constant."""
        if not isinstance(value, ir.Constant) or isinstance(value.constant, (list, tuple)):
            return None
        raw = value.constant
        if isinstance(elem, IntType) and isinstance(raw, int):
            pattern = raw & ((1 << elem.bits) - 1)
            byte = pattern & 0xFF
            if all((pattern >> (8 * k)) & 0xFF == byte for k in range(elem.bits // 8)):
                return byte
        if isinstance(elem, BoolType) and isinstance(raw, int):
            return raw & 1
        if isinstance(elem, FloatType) and isinstance(raw, float) and raw == 0.0 and str(raw)[0] != "-":
            return 0
        if isinstance(elem, PointerType) and raw is None:
            return 0
        return None

    # ----- builtins
    def expr_Builtin(self, e: T.Builtin) -> ir.Value | None:
        method = getattr(self, "builtin_" + e.op, None)
        if method is None:
            raise CodegenError(f"unsupported builtin `{e.op}`")
        args = []
        for arg in e.args:
            value = self.expr(arg)
            if value is None and not self._unitlike(arg.ty):
                return None
            args.append(value)
        return method(e, *args)

    def _pointee(self, e: T.TExpr) -> Type:
        ty = e.ty
        if not isinstance(ty, PointerType):
            raise CodegenError(f"expected a pointer, found {ty}")
        return ty.pointee

    def _offset_ptr(self, p: ir.Value, ptr_ty: PointerType, n: ir.Value, signed: bool,
                    negate: bool = False) -> ir.Value:
        """`p.add(n)` / `p.sub(n)` / `p.offset(n)`: in bounds, as `core::ptr` requires
        (rustc emits the same flags). `nuw` on `add` lets LLVM fold constant
        parts of the address into memarg offsets, near and far alike."""
        mem = _mem_of(ptr_ty)
        index = self.index_operand(n, signed=signed, mem=mem)
        if negate:
            index = self.builder.neg(index)
        gep = _InBoundsGEP(self.builder.block, p, [index], name="offset",
                           source_etype=self.layout.llvm_mem_type(ptr_ty.pointee),
                           nuw=not signed and not negate)
        self.builder._insert(gep)
        return gep

    def builtin_ptr_add(self, e: T.Builtin, p: ir.Value, n: ir.Value) -> ir.Value:
        return self._offset_ptr(p, e.args[0].ty, n, signed=False)

    def builtin_ptr_sub(self, e: T.Builtin, p: ir.Value, n: ir.Value) -> ir.Value:
        return self._offset_ptr(p, e.args[0].ty, n, signed=False, negate=True)

    def builtin_ptr_offset(self, e: T.Builtin, p: ir.Value, n: ir.Value) -> ir.Value:
        return self._offset_ptr(p, e.args[0].ty, n, signed=True)

    def builtin_ptr_read(self, e: T.Builtin, p: ir.Value) -> ir.Value | None:
        return self.load(Place(p, _mem_of(e.args[0].ty)), self._pointee(e.args[0]), name="read")

    def builtin_ptr_write(self, e: T.Builtin, p: ir.Value, v: ir.Value | None) -> None:
        self.store(Place(p, _mem_of(e.args[0].ty)), self._pointee(e.args[0]), v)
        return None

    def builtin_ptr_is_null(self, e: T.Builtin, p: ir.Value) -> ir.Value:
        return self.builder.icmp_unsigned("==", p, ir.Constant(p.type, None), name="is_null")

    def builtin_ptr_offset_from(self, e: T.Builtin, p: ir.Value, q: ir.Value) -> ir.Value | None:
        ptr_ty = e.args[0].ty
        size = self.layout.size_of(self._pointee(e.args[0]))
        if size == 0:  # Rust panics on zero-sized pointees
            self.builder.branch(self.trap_block())
            self.dead_block()
            return None
        addr_ty = self.layout.address_type(_mem_of(ptr_ty))
        diff = self.builder.sub(self.builder.ptrtoint(p, addr_ty), self.builder.ptrtoint(q, addr_ty))
        # `exact`: the distance is a whole number of elements
        count = self.builder.sdiv(diff, ir.Constant(addr_ty, size), name="distance", flags=["exact"])
        return self.int_resize(count, True, self.layout.llvm_type(e.ty))

    def builtin_null(self, e: T.Builtin) -> ir.Value:
        return ir.Constant(self.layout.llvm_type(e.ty), None)

    def _byte_count(self, count: ir.Value, elem: Type) -> ir.Value:
        size = self.layout.size_of(elem)
        return self.builder.mul(count, ir.Constant(count.type, size), name="bytes")

    def _copy_builtin(self, kind: str, e: T.Builtin, src: ir.Value, dst: ir.Value, count: ir.Value) -> None:
        elem = self._pointee(e.args[0])
        if self.layout.size_of(elem) == 0:
            return None
        self.mem_transfer(kind, Place(dst, _mem_of(e.args[1].ty)), Place(src, _mem_of(e.args[0].ty)),
                          self._byte_count(count, elem), self.layout.align_of(elem))
        return None

    def builtin_copy(self, e: T.Builtin, src: ir.Value, dst: ir.Value, count: ir.Value) -> None:
        return self._copy_builtin("memmove", e, src, dst, count)

    def builtin_copy_nonoverlapping(self, e: T.Builtin, src: ir.Value, dst: ir.Value, count: ir.Value) -> None:
        return self._copy_builtin("memcpy", e, src, dst, count)

    def builtin_write_bytes(self, e: T.Builtin, dst: ir.Value, byte: ir.Value, count: ir.Value) -> None:
        elem = self._pointee(e.args[0])
        if self.layout.size_of(elem) == 0:
            return None
        self.mem_set(Place(dst, _mem_of(e.args[0].ty)), self.int_resize(byte, False, I8),
                     self._byte_count(count, elem), self.layout.align_of(elem))
        return None

    def _memidx_place(self, e: T.Builtin, p: ir.Value) -> Place:
        """`load_memidx::<N, T>(p)`: p's address, reinterpreted in memory N
        (an integer round trip: memories are disjoint, addrspacecast would lie)."""
        mem = e.mem
        if not isinstance(mem, int):
            raise CodegenError(f"`{e.op}` with a generic memory {mem}")
        if mem == 0:
            return Place(p, 0)
        address = self.builder.ptrtoint(p, self.layout.address_type(_mem_of(e.args[0].ty)), name="addr")
        address = self.int_resize(address, False, self.layout.address_type(mem))
        return Place(self.builder.inttoptr(address, self.layout.pointer_type(mem)), mem)

    def builtin_load_memidx(self, e: T.Builtin, p: ir.Value) -> ir.Value | None:
        return self.load(self._memidx_place(e, p), e.ty, name="memidx.load")

    def builtin_store_memidx(self, e: T.Builtin, p: ir.Value, v: ir.Value | None) -> None:
        self.store(self._memidx_place(e, p), e.args[1].ty, v)
        return None

    def _builtin_mem(self, e: T.Builtin) -> int:
        if not isinstance(e.mem, int):
            raise CodegenError(f"`{e.op}` with a generic memory {e.mem}")
        return e.mem

    def builtin_memory_size(self, e: T.Builtin) -> ir.Value:
        mem = self._builtin_mem(e)
        result_ty = self.layout.llvm_type(e.ty)
        if mem == 0:
            fn = self.cg.intrinsic("llvm.wasm.memory.size.i32", I32, [I32])
            pages = self.builder.call(fn, [I32(0)], name="pages")
        else:
            addr_ty = self.layout.address_type(mem)
            fn = self.cg.memop(MemOp("memory.size", mem), addr_ty, [])
            pages = self.builder.call(fn, [], name="pages")
        return self.int_resize(pages, False, result_ty)

    def builtin_memory_grow(self, e: T.Builtin, delta: ir.Value) -> ir.Value:
        mem = self._builtin_mem(e)
        result_ty = self.layout.llvm_type(e.ty)
        if mem == 0:
            fn = self.cg.intrinsic("llvm.wasm.memory.grow.i32", I32, [I32, I32])
            old = self.builder.call(fn, [I32(0), self.int_resize(delta, False, I32)], name="old.pages")
        else:
            addr_ty = self.layout.address_type(mem)
            fn = self.cg.memop(MemOp("memory.grow", mem), addr_ty, [addr_ty])
            old = self.builder.call(fn, [self.int_resize(delta, False, addr_ty)], name="old.pages")
        # -1 (failure) must stay -1 when widened: sign-extend
        return self.int_resize(old, True, result_ty)

    def builtin_size_of(self, e: T.Builtin) -> ir.Value:
        return self.const_int(self.layout.llvm_type(e.ty), self.layout.size_of(self._type_arg(e)))

    def builtin_align_of(self, e: T.Builtin) -> ir.Value:
        return self.const_int(self.layout.llvm_type(e.ty), self.layout.align_of(self._type_arg(e)))

    @staticmethod
    def _type_arg(e: T.Builtin) -> Type:
        if e.type_arg is None:
            raise CodegenError(f"`{e.op}` without a type argument")
        return e.type_arg

    def builtin_trap(self, e: T.Builtin) -> None:
        self.builder.call(self.cg.intrinsic("llvm.trap", ir.VoidType(), []), [])
        self.builder.unreachable()
        self.dead_block()
        return None


T_USIZE = IntType("usize")

__all__ = ["FunctionEmitter", "Place"]


#: names of the values loaded from places, so the IR says what was read
_LOAD_NAMES: dict[type, str] = {T.Deref: "deref", T.FieldRef: "field", T.IndexRef: "elem"}


class _InBoundsGEP(ir.GEPInstr):
    """A GEP printed with LLVM's `inbounds` and, optionally, `nuw` flags
    (llvmlite's builder knows only `inbounds`)."""

    def __init__(self, parent, ptr, indices, name: str, source_etype, nuw: bool) -> None:
        super().__init__(parent, ptr, indices, inbounds=True, name=name, source_etype=source_etype)
        self.nuw = nuw

    def descr(self, buf: list[str]) -> None:
        inner: list[str] = []
        super().descr(inner)
        text = "".join(inner)
        if self.nuw:
            text = text.replace("getelementptr inbounds", "getelementptr inbounds nuw", 1)
        buf.append(text)
