"""The lowering of atomic and volatile accesses, on every memory.

Memory 0 gets LLVM's own instructions (`load atomic`, `atomicrmw`, `cmpxchg`,
`llvm.wasm.memory.atomic.wait32`, `load volatile` ...), which the wasm back end
(with `+atomics`) selects into `i32.atomic.rmw.add` and friends. A far memory
has no LLVM instruction that could name it (the back end would silently use
memory 0), so a far atomic is emitted here directly as the call of its
`farc:mem` import (`i32.atomic.rmw.add.m1.a4`, `compiler.memory.MemOp`), which
the post-linker turns into the memory-indexed instruction, as legalization
does for far loads and stores. The optimizer sees an opaque call: it can move
nothing across it, which is what a sequentially consistent access needs.
Read-modify-writes wasm lacks (nand, max, min) are a compare-exchange loop on
far memories (LLVM expands memory 0's the same way).

Volatile accesses are LLVM's `volatile` loads and stores (or a volatile
`llvm.memcpy` for aggregates) in the pointer's address space: the optimizer
keeps each one, in order; legalization turns far ones into intrinsic calls,
which nothing merges or removes either.

Mixed into `function.FunctionEmitter`; registered in `registry.LOWERINGS`.
"""
from __future__ import annotations

from llvmlite import ir

from ..builtins import ATOMIC_RMW, BuiltinOp
from ..check import tree as T
from ..memory import MemOp
from ..types import BoolType, IntType, PointerType, TupleType, Type
from .registry import lowers
from .llvm_ir import I1, I8, I32, I64, CodegenError, is_aggregate, is_zero_sized_value, mem_of
from .places import Place

#: wasm's read-modify-writes; the other `ATOMIC_RMW` kinds are compare-exchange loops on far memories
_WASM_RMW = ("add", "sub", "and", "or", "xor", "xchg")


class AtomicAccess:
    """How one atomic operand is accessed: memory, LLVM type, width."""

    def __init__(self, ptr_ty: Type) -> None:
        if not isinstance(ptr_ty, PointerType) or not isinstance(ptr_ty.pointee, IntType):
            raise CodegenError(f"atomic access through {ptr_ty}")
        self.mem = mem_of(ptr_ty)
        self.bits = ptr_ty.pointee.bits
        self.llvm_type = ir.IntType(self.bits)
        #: the wasm value type of the instruction: i64 for 64-bit accesses, else i32
        self.wasm_type = I64 if self.bits == 64 else I32
        self.prefix = "i64" if self.bits == 64 else "i32"
        #: the width in the opcode of an access narrower than its value type (`rmw8`, `load16_u`)
        self.narrow = str(self.bits) if self.bits < self.wasm_type.width else ""

    @property
    def size(self) -> int:
        return self.bits // 8

    def opcode(self, kind: str) -> str:
        """`i32.atomic.load8_u`, `i64.atomic.rmw32.add_u`, `i32.atomic.store16`, ..."""
        suffix = "_u" if self.narrow and kind != "store" else ""
        if kind in ("load", "store"):
            return f"{self.prefix}.atomic.{kind}{self.narrow}{suffix}"
        return f"{self.prefix}.atomic.rmw{self.narrow}.{kind}{suffix}"


class AtomicLowering:
    # ----- far memories: calls of the intrinsic imports
    def _far_address(self, p: ir.Value, mem: int) -> ir.Value:
        return self.builder.ptrtoint(p, self.layout.address_type(mem), name="atomic.addr")

    def _far_atomic(self, access: AtomicAccess, kind: str, p: ir.Value, operands: list[ir.Value],
                    name: str = "") -> ir.Value:
        """Call the import of `kind` (load, store, add ... cmpxchg) on a far memory;
        narrow values are widened to the instruction's type and the result narrowed."""
        addr_ty = self.layout.address_type(access.mem)
        wide = [self.builder.zext(v, access.wasm_type) if access.bits < access.wasm_type.width else v
                for v in operands]
        ret = ir.VoidType() if kind == "store" else access.wasm_type
        fn = self.cg.memop(MemOp(access.opcode(kind), access.mem, access.size), ret,
                           [addr_ty, *(access.wasm_type for _ in wide)])
        result = self.builder.call(fn, [self._far_address(p, access.mem), *wide], name=name)
        if kind == "store":
            return result
        return self.builder.trunc(result, access.llvm_type) if access.bits < access.wasm_type.width else result

    def _cmpxchg(self, access: AtomicAccess, p: ir.Value, old: ir.Value, new: ir.Value) -> tuple[ir.Value, ir.Value]:
        """(the value found, whether it equalled `old`), on any memory."""
        if access.mem == 0:
            pair = self.builder.cmpxchg(p, old, new, "seq_cst", "seq_cst", name="cmpxchg")
            return self.builder.extract_value(pair, 0, name="found"), self.builder.extract_value(pair, 1, name="ok")
        found = self._far_atomic(access, "cmpxchg", p, [old, new], name="found")
        return found, self.builder.icmp_unsigned("==", found, old, name="ok")

    def _rmw(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        kind = ATOMIC_RMW[e.op]
        access = AtomicAccess(e.args[0].ty)
        if access.mem == 0:
            return self.builder.atomic_rmw(kind, p, v, "seq_cst", name=f"atomic.{kind}")
        if kind in _WASM_RMW:
            return self._far_atomic(access, kind, p, [v], name=f"atomic.{kind}")
        return self._cmpxchg_loop(access, kind, p, v)

    def _cmpxchg_loop(self, access: AtomicAccess, kind: str, p: ir.Value, v: ir.Value) -> ir.Value:
        """`old = *p; loop { new = old OP v; (found, ok) = cmpxchg(p, old, new); if ok break; old = found }`."""
        first = self._far_atomic(access, "load", p, [], name="atomic.old")
        entry = self.builder.block
        loop, done = self.new_block(f"atomic.{kind}.loop"), self.new_block(f"atomic.{kind}.done")
        self.builder.branch(loop)
        self.builder.position_at_end(loop)
        old = self.builder.phi(access.llvm_type, name="old")
        old.add_incoming(first, entry)
        new = self._combine(kind, old, v)
        found, ok = self._cmpxchg(access, p, old, new)
        old.add_incoming(found, self.builder.block)
        self.builder.cbranch(ok, done, loop)
        self.builder.position_at_end(done)
        return old

    def _combine(self, kind: str, old: ir.Value, v: ir.Value) -> ir.Value:
        b = self.builder
        if kind == "nand":
            return b.not_(b.and_(old, v), name="nand")
        predicate, signed = {"max": (">", True), "min": ("<", True), "umax": (">", False),
                             "umin": ("<", False)}[kind]
        keep = b.icmp_signed(predicate, old, v) if signed else b.icmp_unsigned(predicate, old, v)
        return b.select(keep, old, v, name=kind)

    # ----- the operations
    @lowers(BuiltinOp.ATOMIC_LOAD)
    def lower_atomic_load(self, e: T.Builtin, p: ir.Value) -> ir.Value:
        access = AtomicAccess(e.args[0].ty)
        if access.mem == 0:
            return self.builder.load_atomic(p, "seq_cst", access.size, name="atomic.load", typ=access.llvm_type)
        return self._far_atomic(access, "load", p, [], name="atomic.load")

    @lowers(BuiltinOp.ATOMIC_STORE)
    def lower_atomic_store(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> None:
        access = AtomicAccess(e.args[0].ty)
        if access.mem == 0:
            # (the builder's store_atomic insists on a typed pointer)
            self.builder._insert(ir.StoreAtomicInstr(self.builder.block, v, p, "seq_cst", access.size))
        else:
            self._far_atomic(access, "store", p, [v])
        return None

    @lowers(BuiltinOp.ATOMIC_ADD)
    def lower_atomic_add(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_SUB)
    def lower_atomic_sub(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_AND)
    def lower_atomic_and(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_OR)
    def lower_atomic_or(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_XOR)
    def lower_atomic_xor(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_XCHG)
    def lower_atomic_xchg(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_NAND)
    def lower_atomic_nand(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_MAX)
    def lower_atomic_max(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_MIN)
    def lower_atomic_min(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_UMAX)
    def lower_atomic_umax(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_UMIN)
    def lower_atomic_umin(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> ir.Value:
        return self._rmw(e, p, v)

    @lowers(BuiltinOp.ATOMIC_CMPXCHG)
    def lower_atomic_cmpxchg(self, e: T.Builtin, p: ir.Value, old: ir.Value, new: ir.Value) -> ir.Value:
        """A `(T, bool)` temporary, as every aggregate value is."""
        assert isinstance(e.ty, TupleType)
        found, ok = self._cmpxchg(AtomicAccess(e.args[0].ty), p, old, new)
        tmp = self.alloca(e.ty, "cmpxchg.tmp")
        self.store(self.field_place(Place(tmp, 0), e.ty, 0), e.ty.elems[0], found)
        self.store(self.field_place(Place(tmp, 0), e.ty, 1), e.ty.elems[1], ok)
        return tmp

    def _wait_or_notify(self, e: T.Builtin, opcode: str, llvm_name: str, args: list[ir.Value],
                        p: ir.Value) -> ir.Value:
        mem = mem_of(e.args[0].ty)
        params = [a.type for a in args]
        if mem == 0:
            fn = self.cg.intrinsic(llvm_name, I32, [p.type, *params])
            return self.builder.call(fn, [p, *args], name=opcode.rsplit(".", 1)[1])
        size = 8 if opcode.endswith("64") else 4
        fn = self.cg.memop(MemOp(opcode, mem, size), I32, [self.layout.address_type(mem), *params])
        return self.builder.call(fn, [self._far_address(p, mem), *args], name=opcode.rsplit(".", 1)[1])

    @lowers(BuiltinOp.ATOMIC_WAIT32)
    def lower_atomic_wait32(self, e: T.Builtin, p: ir.Value, value: ir.Value, timeout: ir.Value) -> ir.Value:
        return self._wait_or_notify(e, "memory.atomic.wait32", "llvm.wasm.memory.atomic.wait32", [value, timeout], p)

    @lowers(BuiltinOp.ATOMIC_WAIT64)
    def lower_atomic_wait64(self, e: T.Builtin, p: ir.Value, value: ir.Value, timeout: ir.Value) -> ir.Value:
        return self._wait_or_notify(e, "memory.atomic.wait64", "llvm.wasm.memory.atomic.wait64", [value, timeout], p)

    @lowers(BuiltinOp.ATOMIC_NOTIFY)
    def lower_atomic_notify(self, e: T.Builtin, p: ir.Value, count: ir.Value) -> ir.Value:
        return self._wait_or_notify(e, "memory.atomic.notify", "llvm.wasm.memory.atomic.notify", [count], p)

    # ----- volatile
    @lowers(BuiltinOp.VOLATILE_READ)
    def lower_volatile_read(self, e: T.Builtin, p: ir.Value) -> ir.Value | None:
        ty = e.args[0].ty.pointee
        place = Place(p, mem_of(e.args[0].ty))
        if is_zero_sized_value(ty):
            return None
        if is_aggregate(ty):
            tmp = self.alloca(ty, "volatile.tmp")
            self.volatile_copy(Place(tmp, 0), place, ty)
            return tmp
        ld = _VolatileLoad(self.builder.block, p, self.layout.llvm_mem_type(ty), "volatile.read")
        ld.align = self.layout.align_of(ty)
        self.builder._insert(ld)
        self.cg.tag_access(ld, frozenset({place.mem}))
        return self.builder.trunc(ld, I1) if isinstance(ty, BoolType) else ld

    @lowers(BuiltinOp.VOLATILE_WRITE)
    def lower_volatile_write(self, e: T.Builtin, p: ir.Value, v: ir.Value | None) -> None:
        ty = e.args[0].ty.pointee
        place = Place(p, mem_of(e.args[0].ty))
        if is_zero_sized_value(ty) or v is None:
            return None
        if is_aggregate(ty):
            self.volatile_copy(place, Place(v, 0), ty)
            return None
        if isinstance(ty, BoolType):
            v = self.builder.zext(v, I8)
        st = _VolatileStore(self.builder.block, v, p)
        st.align = self.layout.align_of(ty)
        self.builder._insert(st)
        self.cg.tag_access(st, frozenset({place.mem}))
        return None

    def volatile_copy(self, dst: Place, src: Place, ty: Type) -> None:
        size, align = self.layout.size_align(ty)
        if size:
            self.mem_transfer("memcpy", dst, src, self.usize(size), align, volatile=True)


class _VolatileLoad(ir.LoadInstr):
    """`load volatile` (llvmlite's builder has no volatile flag)."""

    def __init__(self, parent, ptr, typ, name: str) -> None:
        super().__init__(parent, ptr, name=name, typ=typ)

    def descr(self, buf: list[str]) -> None:
        inner: list[str] = []
        super().descr(inner)
        buf.append("".join(inner).replace("load ", "load volatile ", 1))


class _VolatileStore(ir.StoreInstr):
    """`store volatile`."""

    def descr(self, buf: list[str]) -> None:
        inner: list[str] = []
        super().descr(inner)
        buf.append("".join(inner).replace("store ", "store volatile ", 1))
