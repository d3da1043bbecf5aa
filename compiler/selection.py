"""Which impl a type uses for a trait, and what its associated types are.

Shared by the checker (trait bounds, E0277; method calls and operators on
known types; associated types in signatures) and by monomorphization (each
call of a trait method and each associated type, resolved per instance).

* `Selector.select(self_ty, trait_ref, env)` finds what makes `self_ty:
  Trait<args>` hold: a bound in the environment (the `where` clauses and
  parameter bounds in scope, with their supertraits), an impl whose self type
  and trait arguments match (its own bounds must hold in turn), or one of the
  built-in impls of the primitives (`u32: Add`, `bool: Copy`, ...);
* `normalize` replaces `<T as Trait>::Name` by what the impl (or the bound's
  `Name = X`) says, where that is known.

Types may contain inference variables (`is_var`): one matches anything, so a
candidate is not rejected for what the checker does not know yet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .check import tree as t
from .types import (
    ArrayType, AssocType, BoolType, ConstParam, EnumType, FloatType, IntType, NeverType, PointerType, StructHome,
    StructType, Type, TypeParam, UnitType, home_of, substitute, substitute_args,
)

# the traits the language itself uses (defined in stdlib/core)
COPY = "core::marker::Copy"
CLONE = "core::clone::Clone"
PARTIAL_EQ = "core::cmp::PartialEq"
PARTIAL_ORD = "core::cmp::PartialOrd"
EQ = "core::cmp::Eq"
ORD = "core::cmp::Ord"
#: design 3: `T: InMemory<M>`, the memory a type's values live in (see types.home_of)
IN_MEMORY = "core::marker::InMemory"
#: operator -> its trait in core::ops, for the binary operators
BINARY_OP_TRAITS = {
    "+": "core::ops::Add", "-": "core::ops::Sub", "*": "core::ops::Mul", "/": "core::ops::Div",
    "%": "core::ops::Rem", "&": "core::ops::BitAnd", "|": "core::ops::BitOr", "^": "core::ops::BitXor",
    "<<": "core::ops::Shl", ">>": "core::ops::Shr",
}
#: the method of each operator trait
OP_METHODS = {
    "core::ops::Add": "add", "core::ops::Sub": "sub", "core::ops::Mul": "mul", "core::ops::Div": "div",
    "core::ops::Rem": "rem", "core::ops::BitAnd": "bitand", "core::ops::BitOr": "bitor",
    "core::ops::BitXor": "bitxor", "core::ops::Neg": "neg", "core::ops::Not": "not",
    "core::ops::Shl": "shl", "core::ops::Shr": "shr",
}
#: the shift operators' traits: the primitives shift by any integer type (the Rhs)
SHIFT_TRAITS = ("core::ops::Shl", "core::ops::Shr")
#: compound assignment operator -> its trait in core::ops, and the trait's method
ASSIGN_OP_TRAITS = {op + "=": trait + "Assign" for op, trait in BINARY_OP_TRAITS.items()}
ASSIGN_METHODS = {trait: OP_METHODS[trait[:-len("Assign")]] + "_assign" for trait in ASSIGN_OP_TRAITS.values()}
NEG = "core::ops::Neg"
NOT = "core::ops::Not"
INDEX = "core::ops::Index"
COMPARISON_METHODS = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}
#: the trait each comparison operator calls on a type that is not a primitive
COMPARISON_TRAITS = {op: PARTIAL_EQ if op in ("==", "!=") else PARTIAL_ORD for op in COMPARISON_METHODS}


def _is_bitwise(trait: str) -> bool:
    return trait in ("core::ops::BitAnd", "core::ops::BitOr", "core::ops::BitXor")


@dataclass
class Selection:
    """How `self_ty: Trait` holds: an impl with its parameters' values, or a
    bound of the environment (`impl_` None)."""

    impl_: t.ImplDef | None
    bindings: dict = field(default_factory=dict)
    bound: t.Bound | None = None


class Selector:
    def __init__(self, traits: dict[str, t.TraitDef], impls: list[t.ImplDef],
                 is_var: Callable[[object], bool] | None = None, struct_home: StructHome | None = None) -> None:
        self.traits = traits
        self.struct_home: StructHome = struct_home or (lambda _: None)
        self.impls_of: dict[str, list[t.ImplDef]] = {}
        for impl in impls:
            if impl.trait is not None:
                self.impls_of.setdefault(impl.trait.trait, []).append(impl)
        self.is_var = is_var or (lambda _: False)
        self._builtin: dict[tuple, t.ImplDef] = {}

    # ----- matching
    def match(self, pattern: object, value: object, params: set[str], out: dict) -> bool:
        """Whether `value` is an instance of `pattern`, whose parameters `params`
        are bound in `out` (types, memories and lengths alike)."""
        if self.is_var(value):
            return True
        if isinstance(pattern, (TypeParam, ConstParam)) and pattern.name in params:
            if pattern.name in out:
                return self.same(out[pattern.name], value)
            out[pattern.name] = value
            return True
        if isinstance(pattern, PointerType):
            return (isinstance(value, PointerType) and pattern.mutable == value.mutable
                    and pattern.is_ref == value.is_ref and self.match(pattern.mem, value.mem, params, out)
                    and self.match(pattern.pointee, value.pointee, params, out))
        if isinstance(pattern, ArrayType):
            return (isinstance(value, ArrayType) and self.match(pattern.length, value.length, params, out)
                    and self.match(pattern.elem, value.elem, params, out))
        if isinstance(pattern, (StructType, EnumType)):
            return (type(value) is type(pattern) and pattern.name == value.name
                    and len(pattern.args) == len(value.args)
                    and all(self.match(p, v, params, out) for p, v in zip(pattern.args, value.args)))
        return self.same(pattern, value)

    def same(self, a: object, b: object) -> bool:
        if self.is_var(a) or self.is_var(b):
            return True
        if isinstance(a, PointerType) and isinstance(b, PointerType):
            return (a.mutable == b.mutable and a.is_ref == b.is_ref and self.same(a.mem, b.mem)
                    and self.same(a.pointee, b.pointee))
        if isinstance(a, ArrayType) and isinstance(b, ArrayType):
            return self.same(a.length, b.length) and self.same(a.elem, b.elem)
        if isinstance(a, (StructType, EnumType)) and type(a) is type(b):
            return a.name == b.name and len(a.args) == len(b.args) and all(
                self.same(x, y) for x, y in zip(a.args, b.args))
        return a == b

    # ----- selection
    def select(self, self_ty: Type, tref: t.TraitRef, env: tuple[t.Bound, ...] = (),
               depth: int = 0) -> Selection | None:
        """What makes `self_ty: tref` hold, or None."""
        if depth > 32:  # impls whose bounds need themselves (`impl<T: Tr> Tr for T`)
            return None
        if self.is_var(self_ty):
            return None
        for bound in env:
            if bound.trait.trait == tref.trait and self.same(bound.ty, self_ty) and len(bound.trait.args) == len(
                    tref.args) and all(self.same(a, b) for a, b in zip(bound.trait.args, tref.args)):
                return Selection(None, {}, bound)
        if isinstance(self_ty, (TypeParam, AssocType)):
            return None  # only a bound can say anything about a parameter
        for impl in self.impls_of.get(tref.trait, ()):
            out: dict = {}
            params = set(impl.params)
            if not self.match(impl.self_ty, self_ty, params, out):
                continue
            assert impl.trait is not None
            if len(impl.trait.args) != len(tref.args) or not all(
                    self.match(p, v, params, out) for p, v in zip(impl.trait.args, tref.args)):
                continue
            if all(self.select(substitute(b.ty, out), t.TraitRef(b.trait.trait, substitute_args(b.trait.args, out)),
                               env, depth + 1) is not None for b in impl.bounds):
                return Selection(impl, out)
        builtin = self.builtin_impl(self_ty, tref, env, depth)
        return Selection(builtin, {}) if builtin is not None else None

    def holds(self, self_ty: Type, tref: t.TraitRef, env: tuple[t.Bound, ...] = ()) -> bool:
        return self.select(self_ty, tref, env) is not None

    def builtin_impl(self, ty: Type, tref: t.TraitRef, env: tuple[t.Bound, ...], depth: int) -> t.ImplDef | None:
        """The impls the primitives have without a line of source (core's macros in Rust)."""
        if not self._builtin_holds(ty, tref, env, depth):
            return None
        key = (ty, tref)
        impl = self._builtin.get(key)
        if impl is None:
            output = {"Output": ty} if tref.trait in OP_METHODS else {}
            impl = self._builtin[key] = t.ImplDef(f"<{ty} as {tref}>", ty, tref, types=output, builtin=True)
        return impl

    def _builtin_holds(self, ty: Type, tref: t.TraitRef, env: tuple[t.Bound, ...], depth: int) -> bool:
        trait = tref.trait
        if trait == IN_MEMORY:  # every type lives in one memory: its home, else memory 0
            if isinstance(ty, TypeParam) or self.is_var(ty) or len(tref.args) != 1:
                return False  # (a type parameter has it through a bound in `env` only)
            home = home_of(ty, self.struct_home)
            return self.same(0 if home is None else home, tref.args[0])
        numeric = isinstance(ty, (IntType, FloatType))
        rhs_is_self = len(tref.args) == 1 and self.same(tref.args[0], ty) or not tref.args
        if trait in (COPY, CLONE):
            if isinstance(ty, (IntType, FloatType, BoolType, UnitType, NeverType)):
                return True
            if isinstance(ty, PointerType):
                return not (ty.is_ref and ty.mutable)  # `&mut T` is not Copy
            if isinstance(ty, ArrayType) and trait == COPY:  # (arrays clone by core's impl, element by element)
                return self.select(ty.elem, tref, env, depth + 1) is not None
            return False
        if trait in (PARTIAL_EQ, PARTIAL_ORD) and isinstance(ty, PointerType) and ty.is_ref:
            # `&A == &B`, `&A < &B` compare the values (core's `impl PartialEq<&B> for &A`)
            rhs = tref.args[0] if len(tref.args) == 1 else None
            if not (isinstance(rhs, PointerType) and rhs.is_ref):
                return False
            inner = self.select(ty.pointee, t.TraitRef(trait, (rhs.pointee,)), env, depth + 1)
            if inner is None:
                return False
            if inner.impl_ is not None and inner.impl_.builtin:
                return True  # primitives: their values are compared, in whichever memory
            # an impl's (or a bound's) method takes `&A` in memory 0: a far reference is not one
            return self.same(ty.mem, 0) and self.same(rhs.mem, 0)
        if trait == EQ:
            return isinstance(ty, (IntType, BoolType, UnitType)) or isinstance(ty, PointerType) and not ty.is_ref
        if trait == PARTIAL_EQ:
            return rhs_is_self and (numeric or isinstance(ty, (BoolType, UnitType)) or (
                isinstance(ty, PointerType) and not ty.is_ref))
        if trait == PARTIAL_ORD:
            return rhs_is_self and (numeric or isinstance(ty, BoolType))
        if trait == ORD:  # a total order: not the floats (NaN)
            return isinstance(ty, (IntType, BoolType))
        if trait in ASSIGN_METHODS:  # `a += b` for numbers: `AddAssign` holds where `Add` does
            trait = trait[:-len("Assign")]
        if trait in SHIFT_TRAITS:  # `u64 << u8`: any integer by any integer, as core's impls
            rhs = tref.args[0] if tref.args else ty
            return isinstance(ty, IntType) and isinstance(rhs, IntType)
        if trait in OP_METHODS and trait not in (NEG, NOT):
            if _is_bitwise(trait):
                return rhs_is_self and isinstance(ty, (IntType, BoolType))
            return rhs_is_self and numeric
        if trait == NEG:
            return isinstance(ty, FloatType) or isinstance(ty, IntType) and ty.signed
        if trait == NOT:
            return isinstance(ty, (IntType, BoolType))
        return False

    # ----- associated types
    def normalize(self, ty: Type, env: tuple[t.Bound, ...] = (), memo: dict[Type, Type] | None = None) -> Type:
        """`ty` with every associated type that can be known replaced by it.

        A part without an associated type is returned as the same object;
        `memo` (one per `env`, kept by the caller) makes normalizing every
        node's type of a body linear in its types (`types.substitute`)."""
        if memo is None:
            return self._normalize(ty, env, None)
        done = memo.get(ty)
        if done is None:
            done = memo[ty] = self._normalize(ty, env, memo)
        return done

    def _normalize(self, ty: Type, env: tuple[t.Bound, ...], memo: dict[Type, Type] | None) -> Type:
        if isinstance(ty, AssocType):
            self_ty = self.normalize(ty.self_ty, env, memo)
            args = tuple(self.normalize(a, env, memo) if isinstance(a, Type) else a for a in ty.args)
            found = self.assoc_type(self_ty, t.TraitRef(ty.trait, args), ty.name, env)
            return found if found is not None else AssocType(self_ty, ty.trait, args, ty.name)
        if isinstance(ty, PointerType):
            pointee = self.normalize(ty.pointee, env, memo)
            return ty if pointee is ty.pointee else PointerType(pointee, ty.mutable, ty.mem, ty.is_ref)
        if isinstance(ty, ArrayType):
            elem = self.normalize(ty.elem, env, memo)
            return ty if elem is ty.elem else ArrayType(elem, ty.length)
        if isinstance(ty, (StructType, EnumType)) and ty.args:
            args = tuple(self.normalize(a, env, memo) if isinstance(a, Type) else a for a in ty.args)
            return ty if all(a is b for a, b in zip(args, ty.args)) else type(ty)(ty.name, args)
        return ty

    def assoc_type(self, self_ty: Type, tref: t.TraitRef, name: str, env: tuple[t.Bound, ...] = ()) -> Type | None:
        """`<self_ty as tref>::name` when it is known (None: not yet, or no impl)."""
        selection = self.select(self_ty, tref, env)
        if selection is None:
            return None
        if selection.bound is not None:
            found = selection.bound.binding(name)
            return self.normalize(found, env) if found is not None else None
        impl = selection.impl_
        assert impl is not None
        found = impl.types.get(name)
        return self.normalize(substitute(found, selection.bindings), env) if found is not None else None


def elaborate(bounds: list[t.Bound], traits: dict[str, t.TraitDef]) -> tuple[t.Bound, ...]:
    """`bounds` with the supertraits of each (`T: Copy` gives `T: Clone` too), once each."""
    out: list[t.Bound] = []
    seen: set = set()
    todo = list(bounds)
    while todo:
        bound = todo.pop(0)
        key = (bound.ty, bound.trait)
        if key in seen:
            continue
        seen.add(key)
        out.append(bound)
        trait = traits.get(bound.trait.trait)
        if trait is None:
            continue
        subst = {"Self": bound.ty, **dict(zip(trait.params, bound.trait.args))}
        for sup in trait.supertraits:
            todo.append(t.Bound(bound.ty, t.TraitRef(sup.trait, substitute_args(sup.args, subst))))
    return tuple(out)
