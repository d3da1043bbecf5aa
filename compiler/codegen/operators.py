"""Operators and casts: unary and binary operators with the language's
semantics (wrapping arithmetic, trapping division, masked shifts,
short-circuit `&&` / `||`, NaN-aware float comparisons), compound
assignment, and every `as` conversion.

Mixed into `function.FunctionEmitter`.
"""
from __future__ import annotations

from llvmlite import ir

from ..check import tree as T
from ..types import BoolType, EnumType, FloatType, FnType, IntType, PointerType, Type
from .llvm_ir import I1, CodegenError, mem_of

#: a function's table index converts to a pointer as a usize would
T_USIZE = IntType("usize")
COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})


class OperatorsAndCasts:
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
            if isinstance(src, EnumType):
                return self.enum_discriminant(v, src, dst)
            if isinstance(src, IntType):
                return self.int_resize(v, src.signed, dty)
            if isinstance(src, BoolType):
                return bld.zext(v, dty)
            if isinstance(src, FloatType):
                kind = "fptosi" if dst.signed else "fptoui"
                fn = self.cg.intrinsic(f"llvm.{kind}.sat.i{dst.bits}.f{src.bits}", dty, [v.type])
                return bld.call(fn, [v])
            if isinstance(src, PointerType):
                address = bld.ptrtoint(v, self.layout.address_type(mem_of(src)))
                return self.int_resize(address, False, dty)
            if isinstance(src, FnType):  # a function's index in the table
                return self.int_resize(v if src.far is not None else bld.ptrtoint(v, ir.IntType(32)), False, dty)
        if isinstance(dst, FloatType):
            fty = self.layout.llvm_type(dst)
            if isinstance(src, IntType):
                return bld.sitofp(v, fty) if src.signed else bld.uitofp(v, fty)
            if isinstance(src, FloatType):
                return bld.fpext(v, fty) if dst.bits > src.bits else bld.fptrunc(v, fty)
        if isinstance(dst, PointerType):
            if isinstance(src, PointerType):
                if mem_of(src) != mem_of(dst):
                    raise CodegenError(f"cast between memories {src} -> {dst} (the checker forbids it)")
                return v
            if isinstance(src, IntType):
                return self.int_to_ptr(v, src, dst)
            if isinstance(src, FnType):
                index = v if src.far is not None else bld.ptrtoint(v, ir.IntType(32))
                return self.int_to_ptr(index, T_USIZE, dst)
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
        mem = mem_of(dst)
        address = self.int_resize(v, src.signed, self.layout.address_type(mem))
        return self.builder.inttoptr(address, self.layout.pointer_type(mem))
