"""Type inference variables and unification for the checker.

Inference is local to a function body: unsuffixed literals, `let` without a
type, and the type and const parameters of a generic callee become variables
that unification binds. `unify` never reports; it returns a `Mismatch` that
says *where* the two types differ (a memory index or an ordinary type), so the
caller can pick the diagnostic code that fits the context (an argument, a
return, a field store, ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..types import (
    ArrayType, AssocType, EnumType, ErrorType, FloatType, FnType, IntType, MemIndex, NeverType, PointerType,
    SliceType, StructType, TupleType, Type, ERROR, I32, F64,
)


@dataclass(frozen=True)
class TyVar(Type):
    """An inference variable. kind: "int" (an unsuffixed integer literal),
    "float", or "any"."""

    id: int
    kind: str

    def __str__(self) -> str:
        return {"int": "{integer}", "float": "{float}"}.get(self.kind, "_")


@dataclass(frozen=True)
class MemVar:
    """A memory index (or array length) to be inferred: a callee's const
    parameter (`origin` names it, `owner` is the callee), or the memory of a
    `null()` that later use decides (`default` 0: a null pointer nothing
    constrains is a near one)."""

    id: int
    origin: str  # the const parameter's name, or "_"
    owner: str = ""
    default: int | None = None

    def __str__(self) -> str:
        return self.origin


@dataclass(frozen=True)
class Mismatch:
    """Where two types differ. `memory` is set when the difference is the
    memory of a pointer (`expected_mem`, `found_mem`, and `depth`: 0 for the
    outermost pointer, 1 for the pointer behind it, ...)."""

    expected: Type
    found: Type
    memory: bool = False
    expected_mem: object = None
    found_mem: object = None
    depth: int = 0


@dataclass
class Inference:
    """The substitution built while checking one function body."""

    types: dict[int, Type] = field(default_factory=dict)
    mems: dict[int, MemIndex] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    _next: int = 0
    #: whether const argument `position` of enum `name` is a memory index (the checker knows the enums)
    memory_arg: Callable[[str, int], bool] = lambda name, position: True

    def fresh(self, kind: str = "any") -> TyVar:
        self._next += 1
        self.kinds[self._next] = kind
        return TyVar(self._next, kind)

    def fresh_mem(self, origin: str, owner: str = "", default: int | None = None) -> MemVar:
        self._next += 1
        return MemVar(self._next, origin, owner, default)

    # ----- resolution -----
    def shallow(self, t: Type) -> Type:
        while isinstance(t, TyVar) and t.id in self.types:
            t = self.types[t.id]
        if isinstance(t, TyVar):
            return TyVar(t.id, self.kinds[t.id])
        return t

    def mem(self, m: object) -> object:
        while isinstance(m, MemVar) and m.id in self.mems:
            m = self.mems[m.id]
        return m

    def default_mem(self, m: object) -> object:
        """m resolved; a still unbound variable with a default takes it."""
        m = self.mem(m)
        if isinstance(m, MemVar) and m.default is not None:
            self.mems[m.id] = m.default
            return m.default
        return m

    def resolve(self, t: Type) -> Type:
        """t with every bound variable replaced (unbound ones stay)."""
        t = self.shallow(t)
        if isinstance(t, PointerType):
            return PointerType(self.resolve(t.pointee), t.mutable, self.mem(t.mem), t.is_ref)
        if isinstance(t, ArrayType):
            return ArrayType(self.resolve(t.elem), self.mem(t.length))
        if isinstance(t, TupleType):
            return TupleType(tuple(self.resolve(e) for e in t.elems))
        if isinstance(t, (EnumType, StructType)) and t.args:
            return type(t)(t.name, tuple(self.resolve(a) if isinstance(a, Type) else self.mem(a) for a in t.args))
        if isinstance(t, AssocType):
            return AssocType(self.resolve(t.self_ty), t.trait,
                             tuple(self.resolve(a) if isinstance(a, Type) else self.mem(a) for a in t.args), t.name)
        if isinstance(t, SliceType):
            return SliceType(self.resolve(t.elem))
        if isinstance(t, FnType):
            return FnType(tuple(self.resolve(p) for p in t.params), self.resolve(t.ret), t.unsafe, t.abi, t.far)
        return t

    def default(self, t: Type, memo: dict[int, tuple[Type, Type | None]] | None = None) -> Type | None:
        """t fully resolved, integer variables defaulting to i32 and float ones
        to f64 as in Rust; None if an unconstrained variable remains.

        One walk over t's structure (each level resolved once, not re-resolved
        below). `memo` (id of a type object -> its result) shares the work
        between calls on types that share parts, as the types of nested
        expressions do (`&&&x`): the end-of-body pass over every expression
        is then linear in the body's size, not quadratic in its nesting."""
        return self._default(t, {} if memo is None else memo)

    def _default(self, t: Type, memo: dict[int, tuple[Type, Type | None]]) -> Type | None:
        seen = memo.get(id(t))
        if seen is not None and seen[0] is t:
            return seen[1]
        s = self.shallow(t)
        result: Type | None = s
        if isinstance(s, TyVar):
            result = {"int": I32, "float": F64}.get(s.kind)
            if result is not None:
                self.types[s.id] = result
        elif isinstance(s, PointerType):
            inner = self._default(s.pointee, memo)
            mem = self.default_mem(s.mem)
            if inner is None or isinstance(mem, MemVar):
                result = None
            elif inner is not s.pointee or mem is not s.mem:
                result = PointerType(inner, s.mutable, mem, s.is_ref)
        elif isinstance(s, ArrayType):
            inner = self._default(s.elem, memo)
            length = self.mem(s.length)
            if inner is None or isinstance(length, MemVar):
                result = None
            elif inner is not s.elem or length is not s.length:
                result = ArrayType(inner, length)
        elif isinstance(s, TupleType):
            elems = [self._default(e, memo) for e in s.elems]
            if None in elems:
                result = None
            elif any(new is not old for new, old in zip(elems, s.elems)):
                result = TupleType(tuple(elems))  # type: ignore[arg-type]
        elif isinstance(s, (EnumType, StructType)) and s.args:
            args = [self._default(a, memo) if isinstance(a, Type) else self.default_mem(a) for a in s.args]
            if any(a is None or isinstance(a, MemVar) for a in args):
                result = None
            elif any(new is not old for new, old in zip(args, s.args)):
                result = type(s)(s.name, tuple(args))
        elif isinstance(s, SliceType):
            inner = self._default(s.elem, memo)
            if inner is None:
                result = None
            elif inner is not s.elem:
                result = SliceType(inner)
        elif isinstance(s, FnType):
            parts = [self._default(p, memo) for p in (*s.params, s.ret)]
            if None in parts:
                result = None
            elif any(new is not old for new, old in zip(parts, (*s.params, s.ret))):
                result = FnType(tuple(parts[:-1]), parts[-1], s.unsafe, s.abi, s.far)  # type: ignore[arg-type]
        memo[id(t)] = (t, result)
        return result

    # ----- unification -----
    def unify(self, expected: Type, found: Type, coerce: bool = False) -> Mismatch | None:
        """Make `found` fit `expected`, binding variables. With `coerce`, the
        outermost pointer may lose mutability (`*mut T` to `*const T`, `&mut T`
        to `&T`) or turn from a reference into a raw pointer, as at Rust's
        coercion sites. `!` fits anything."""
        return self._unify(expected, found, coerce, 0)

    def _unify(self, expected: Type, found: Type, coerce: bool, depth: int) -> Mismatch | None:
        e, f = self.shallow(expected), self.shallow(found)
        if isinstance(f, NeverType) and coerce or isinstance(e, ErrorType) or isinstance(f, ErrorType):
            return None
        if isinstance(e, TyVar) or isinstance(f, TyVar):
            return self._bind(e, f)
        if isinstance(e, PointerType) and isinstance(f, PointerType):
            if e.is_ref != f.is_ref and not (coerce and f.is_ref and not e.is_ref):
                return Mismatch(expected, found)
            if e.mutable != f.mutable and not (coerce and f.mutable):
                return Mismatch(expected, found)
            em, fm = self.mem(e.mem), self.mem(f.mem)
            if not self._unify_mem(em, fm):
                return Mismatch(expected, found, True, em, fm, depth)
            inner = self._unify(e.pointee, f.pointee, False, depth + 1)
            if inner is not None:
                return inner if inner.memory else Mismatch(expected, found)
            return None
        if isinstance(e, ArrayType) and isinstance(f, ArrayType):
            # a length may be a const generic parameter being inferred: unify like a memory
            if not self._unify_mem(self.mem(e.length), self.mem(f.length)):
                return Mismatch(expected, found)
            inner = self._unify(e.elem, f.elem, False, depth)
            if inner is not None:
                return inner if inner.memory else Mismatch(expected, found)
            return None
        if isinstance(e, TupleType) and isinstance(f, TupleType):
            if len(e.elems) != len(f.elems):
                return Mismatch(expected, found)
            return self._unify_parts(expected, found, zip(e.elems, f.elems), depth)
        if isinstance(e, (EnumType, StructType)) and type(e) is type(f):
            if e.name != f.name or len(e.args) != len(f.args):  # type: ignore[attr-defined]
                return Mismatch(expected, found)
            return self._unify_parts(expected, found, zip(e.args, f.args), depth, e.name)  # type: ignore[attr-defined]
        if isinstance(e, FnType) and isinstance(f, FnType):
            # a safe function pointer coerces to an unsafe one; the rest must agree exactly
            if len(e.params) != len(f.params) or e.abi != f.abi or e.far != f.far or \
                    (e.unsafe != f.unsafe and not (coerce and e.unsafe)):
                return Mismatch(expected, found)
            return self._unify_parts(expected, found, zip((*e.params, e.ret), (*f.params, f.ret)), depth)
        if isinstance(e, SliceType) and isinstance(f, SliceType):
            inner = self._unify(e.elem, f.elem, False, depth)
            if inner is not None:
                return inner if inner.memory else Mismatch(expected, found)
            return None
        return None if e == f else Mismatch(expected, found)

    def _unify_parts(self, expected: Type, found: Type, pairs, depth: int, enum: str = "") -> Mismatch | None:
        """Unify the elements of two tuples or the generic arguments of two
        enum or struct types pairwise (no coercion inside them, as in Rust). A const
        argument of an enum is a memory when `memory_arg` says so: then a
        difference is a memory mismatch."""
        for position, (a, b) in enumerate(pairs):
            if isinstance(a, Type) and isinstance(b, Type):
                inner = self._unify(a, b, False, depth)
                if inner is not None:
                    return inner if inner.memory else Mismatch(expected, found)
            elif isinstance(a, Type) or isinstance(b, Type):
                return Mismatch(expected, found)
            else:
                am, bm = self.mem(a), self.mem(b)
                if not self._unify_mem(am, bm):
                    if self.memory_arg(enum, position):
                        return Mismatch(expected, found, True, am, bm, depth)
                    return Mismatch(expected, found)
        return None

    def unify_mem(self, a: object, b: object) -> bool:
        """Make memories a and b one (binding variables); False if they differ."""
        return self._unify_mem(self.mem(a), self.mem(b))

    def _unify_mem(self, a: object, b: object) -> bool:
        if isinstance(a, MemVar) and isinstance(b, MemVar) and a.default is None and b.default is not None:
            a, b = b, a  # keep the variable without a default: it reports if nothing decides it
        if isinstance(a, MemVar):
            if a != b:
                self.mems[a.id] = b
            return True
        if isinstance(b, MemVar):
            self.mems[b.id] = a
            return True
        return a == b

    def known_different(self, a: object, b: object) -> bool:
        """Whether memories a and b are known to be different (an unbound
        variable can still become either)."""
        a, b = self.mem(a), self.mem(b)
        return not isinstance(a, MemVar) and not isinstance(b, MemVar) and a != b

    def settle_as_error(self, t: Type) -> None:
        """Bind t, if it is a variable nothing bound, to the error type: the type of
        something an error left undecided, which must cause no follow-up errors."""
        t = self.shallow(t)
        if isinstance(t, TyVar):
            self.types[t.id] = ERROR

    def _bind(self, e: Type, f: Type) -> Mismatch | None:
        if isinstance(e, TyVar) and isinstance(f, TyVar):
            if e.id == f.id:
                return None
            kind = _merge_kinds(e.kind, f.kind)
            if kind is None:
                return Mismatch(e, f)
            self.kinds[f.id] = kind
            self.types[e.id] = TyVar(f.id, kind)
            return None
        var, other = (e, f) if isinstance(e, TyVar) else (f, e)
        if var.kind == "int" and not isinstance(other, IntType):
            return Mismatch(e, f)
        if var.kind == "float" and not isinstance(other, FloatType):
            return Mismatch(e, f)
        if _occurs(var.id, other, self):
            return Mismatch(e, f)
        self.types[var.id] = other
        return None


def _merge_kinds(a: str, b: str) -> str | None:
    if a == b or b == "any":
        return a
    if a == "any":
        return b
    return None


def _occurs(var_id: int, t: Type, inference: Inference) -> bool:
    t = inference.shallow(t)
    if isinstance(t, TyVar):
        return t.id == var_id
    if isinstance(t, PointerType):
        return _occurs(var_id, t.pointee, inference)
    if isinstance(t, (ArrayType, SliceType)):
        return _occurs(var_id, t.elem, inference)
    if isinstance(t, FnType):
        return any(_occurs(var_id, p, inference) for p in (*t.params, t.ret))
    if isinstance(t, TupleType):
        return any(_occurs(var_id, e, inference) for e in t.elems)
    if isinstance(t, (EnumType, StructType)):
        return any(isinstance(a, Type) and _occurs(var_id, a, inference) for a in t.args)
    return False

