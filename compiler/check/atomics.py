"""Atomic and volatile accesses: their intrinsics, checked like the other built-ins.

Spelled as Rust spells them: `core::intrinsics::atomic_*_seqcst` (wasm's one
ordering is sequentially consistent), `core::arch::wasm32::memory_atomic_wait32`
/ `wait64` / `notify`, `core::ptr::read_volatile` / `write_volatile` and the
pointer methods of the same names. Each takes a raw pointer into any memory:
the pointer's memory is the memory accessed, as for `*p`. The rules here:

* an atomic's pointee is an integer of 1, 2, 4 or 8 bytes (M0014): the only
  widths wasm has atomic instructions for;
* a wait needs a shared memory (M0013; checked again per instance in mono for
  memories that are const generic parameters): wasm traps on a wait on a
  memory that is not shared;
* the memory must be declared (M0009), as for every access.

Mixed into `body.BodyChecker`; registered in the tables of `registry`.
"""
from __future__ import annotations

from .. import messages as msg
from ..builtins import BuiltinOp
from ..syntax import ast
from ..types import BOOL, ERROR, INTS, IntType, PointerType, TupleType, Type, UNIT
from . import tree as t
from .coercion import OTHER, STORE, quiet
from .registry import intrinsic, method

I32, I64, U32 = INTS["i32"], INTS["i64"], INTS["u32"]

#: `core::intrinsics` name -> the read-modify-write it is
RMW_INTRINSICS: dict[str, BuiltinOp] = {
    "atomic_xadd_seqcst": BuiltinOp.ATOMIC_ADD, "atomic_xsub_seqcst": BuiltinOp.ATOMIC_SUB,
    "atomic_and_seqcst": BuiltinOp.ATOMIC_AND, "atomic_or_seqcst": BuiltinOp.ATOMIC_OR,
    "atomic_xor_seqcst": BuiltinOp.ATOMIC_XOR, "atomic_xchg_seqcst": BuiltinOp.ATOMIC_XCHG,
    "atomic_nand_seqcst": BuiltinOp.ATOMIC_NAND, "atomic_max_seqcst": BuiltinOp.ATOMIC_MAX,
    "atomic_min_seqcst": BuiltinOp.ATOMIC_MIN, "atomic_umax_seqcst": BuiltinOp.ATOMIC_UMAX,
    "atomic_umin_seqcst": BuiltinOp.ATOMIC_UMIN,
}
CMPXCHG_INTRINSICS = ("atomic_cxchg_seqcst_seqcst", "atomic_cxchgweak_seqcst_seqcst")
#: wait intrinsic -> (its operation, the pointee and expected value type)
WAIT_INTRINSICS: dict[str, tuple[BuiltinOp, Type]] = {
    "memory_atomic_wait32": (BuiltinOp.ATOMIC_WAIT32, I32),
    "memory_atomic_wait64": (BuiltinOp.ATOMIC_WAIT64, I64),
}


def is_atomic_type(ty: Type) -> bool:
    """Integers of 1, 2, 4 or 8 bytes (`usize`/`isize` are 4 on wasm32)."""
    return isinstance(ty, IntType) and ty.bits in (8, 16, 32, 64)


class AtomicRules:
    # ----- shared operand checks
    def atomic_pointer(self, e: ast.Call, name: str, mutable: bool,
                       pointer: t.TExpr | None = None) -> tuple[t.TExpr, Type]:
        """The pointer operand (first) of an atomic intrinsic and its pointee,
        which must be an atomic integer type; its memory must be declared.
        `pointer`: the operand, already checked (a `_memidx` sibling's, `memidx`)."""
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=name), msg.NOTE_RAW_POINTERS_UNSAFE)
        ptr = pointer if pointer is not None else self.pointer_arg(e.args[0], mutable, "first argument")
        ty = self.infer.shallow(ptr.ty)
        if not isinstance(ty, PointerType):
            return ptr, ERROR
        pointee = self.infer.shallow(ty.pointee)
        if not is_atomic_type(pointee) and not quiet(pointee):
            self.error(msg.ATOMIC_TYPE(name=name, ty=self.show(pointee)), e.args[0].span,
                       msg.LABEL_ATOMIC_TYPE.format(ty=self.show(pointee))).with_note(msg.NOTE_ATOMIC_TYPES)
            pointee = ERROR  # one mistake, one diagnostic: the value operands are not checked against it
        self.require_declared(ty.mem, e.args[0].span, msg.WHAT_BUILTIN.format(name=name))
        return ptr, pointee

    def require_shared(self, mem: object, span, name: str) -> None:
        """A wait needs a shared memory (a memory parameter: checked per instance)."""
        mem = self.infer.mem(mem)
        if isinstance(mem, int) and mem in self.memories and not self.memories[mem].shared:
            self.error(msg.WAIT_NOT_SHARED(name=name, mem=mem), span, msg.LABEL_NOT_SHARED.format(mem=mem)).with_note(
                msg.NOTE_WAIT_NEEDS_SHARED).with_help(msg.HELP_DECLARE_SHARED.format(mem=mem))

    # ----- core::intrinsics atomics
    @intrinsic("atomic_load_seqcst", produces=(BuiltinOp.ATOMIC_LOAD,))
    def check_atomic_load(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, ERROR)
        ptr, pointee = self.atomic_pointer(e, path.name, False, pointer)
        return self.builtin_node(e.span, pointee, BuiltinOp.ATOMIC_LOAD, [ptr])

    @intrinsic("atomic_store_seqcst", produces=(BuiltinOp.ATOMIC_STORE,))
    def check_atomic_store(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, UNIT)
        ptr, pointee = self.atomic_pointer(e, path.name, True, pointer)
        value = self.coerced(e.args[1], pointee, STORE)
        return self.builtin_node(e.span, UNIT, BuiltinOp.ATOMIC_STORE, [ptr, value])

    @intrinsic(*RMW_INTRINSICS, produces=tuple(RMW_INTRINSICS.values()))
    def check_atomic_rmw(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, ERROR)
        ptr, pointee = self.atomic_pointer(e, path.name, True, pointer)
        value = self.coerced(e.args[1], pointee, OTHER)
        return self.builtin_node(e.span, pointee, RMW_INTRINSICS[path.name], [ptr, value])

    @intrinsic(*CMPXCHG_INTRINSICS, produces=(BuiltinOp.ATOMIC_CMPXCHG,))
    def check_atomic_cmpxchg(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        """`(found, found == old)`; wasm's compare-exchange never fails spuriously,
        so the weak form is the strong one."""
        if not self.args_count(e, 3, path.name):
            return t.UnitConst(e.span, ERROR)
        ptr, pointee = self.atomic_pointer(e, path.name, True, pointer)
        old = self.coerced(e.args[1], pointee, OTHER)
        new = self.coerced(e.args[2], pointee, OTHER)
        return self.builtin_node(e.span, TupleType((pointee, BOOL)), BuiltinOp.ATOMIC_CMPXCHG, [ptr, old, new])

    # ----- core::arch::wasm32 wait and notify
    @intrinsic(*WAIT_INTRINSICS, produces=(BuiltinOp.ATOMIC_WAIT32, BuiltinOp.ATOMIC_WAIT64))
    def check_atomic_wait(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        op, value_ty = WAIT_INTRINSICS[path.name]
        if not self.args_count(e, 3, path.name):
            return t.UnitConst(e.span, I32)
        ptr = self.typed_pointer_arg(e, path.name, value_ty, pointer)
        value = self.coerced(e.args[1], value_ty, OTHER)
        timeout = self.coerced(e.args[2], I64, OTHER)
        ty = self.infer.shallow(ptr.ty)
        if isinstance(ty, PointerType):
            self.require_shared(ty.mem, e.args[0].span, path.name)
        return self.builtin_node(e.span, I32, op, [ptr, value, timeout])

    @intrinsic("memory_atomic_notify", produces=(BuiltinOp.ATOMIC_NOTIFY,))
    def check_atomic_notify(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, U32)
        ptr = self.typed_pointer_arg(e, path.name, I32, pointer)
        count = self.coerced(e.args[1], U32, OTHER)
        return self.builtin_node(e.span, U32, BuiltinOp.ATOMIC_NOTIFY, [ptr, count])

    def typed_pointer_arg(self, e: ast.Call, name: str, pointee: Type, pointer: t.TExpr | None = None) -> t.TExpr:
        """`ptr: *mut pointee` in any (declared) memory, as `core::arch::wasm32` declares it."""
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=name), msg.NOTE_RAW_POINTERS_UNSAFE)
        ptr = pointer if pointer is not None else self.pointer_arg(e.args[0], True, "first argument")
        ty = self.infer.shallow(ptr.ty)
        if isinstance(ty, PointerType):
            if self.infer.unify(ty.pointee, pointee) is not None:
                self.error(msg.MISMATCHED_TYPES(), e.args[0].span, msg.LABEL_EXPECTED_POINTER_TO.format(
                    pointee=pointee, found=self.show(ty)))
            self.require_declared(ty.mem, e.args[0].span, msg.WHAT_BUILTIN.format(name=name))
        return ptr

    # ----- volatile: core::ptr functions and pointer methods
    @intrinsic("read_volatile", produces=(BuiltinOp.VOLATILE_READ,))
    def check_read_volatile(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=path.name), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, ERROR)
        ptr = pointer if pointer is not None else self.pointer_arg(e.args[0], False, "source")
        return self.volatile_read(e, ptr, path.name)

    @intrinsic("write_volatile", produces=(BuiltinOp.VOLATILE_WRITE,))
    def check_write_volatile(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=path.name), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, UNIT)
        ptr = pointer if pointer is not None else self.pointer_arg(e.args[0], True, "destination")
        return self.volatile_write(e, ptr, e.args[1], path.name)

    @method("read_volatile", produces=(BuiltinOp.VOLATILE_READ,))
    def check_read_volatile_method(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_METHOD.format(name=e.method), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 0, e.method):
            return t.UnitConst(e.span, ty.pointee)
        return self.volatile_read(e, receiver, e.method)

    @method("write_volatile", produces=(BuiltinOp.VOLATILE_WRITE,))
    def check_write_volatile_method(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_METHOD.format(name=e.method), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 1, e.method):
            return t.UnitConst(e.span, UNIT)
        if not ty.mutable:
            self.error(msg.NO_METHOD(method=e.method, ty=ty), e.span).with_help(msg.HELP_WRITE_NEEDS_MUT)
        return self.volatile_write(e, receiver, e.args[0], e.method)

    def volatile_read(self, e, ptr: t.TExpr, name: str) -> t.TExpr:
        ty = self.infer.shallow(ptr.ty)
        if not isinstance(ty, PointerType):
            return t.UnitConst(e.span, ERROR)
        self.require_declared(ty.mem, e.span, msg.WHAT_BUILTIN.format(name=name))
        return self.builtin_node(e.span, ty.pointee, BuiltinOp.VOLATILE_READ, [ptr])

    def volatile_write(self, e, ptr: t.TExpr, value_expr: ast.Expr, name: str) -> t.TExpr:
        ty = self.infer.shallow(ptr.ty)
        if not isinstance(ty, PointerType):
            self.expr(value_expr)
            return t.UnitConst(e.span, UNIT)
        value = self.coerced(value_expr, ty.pointee, STORE)
        self.require_declared(ty.mem, e.span, msg.WHAT_BUILTIN.format(name=name))
        return self.builtin_node(e.span, UNIT, BuiltinOp.VOLATILE_WRITE, [ptr, value])
