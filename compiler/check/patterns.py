"""Patterns: checking a pattern against the type of the value it matches,
and binding its names (in `let`, parameters, `match` arms, `if let`,
`while let` and `let ... else`).

A pattern is matched against a *place*: the scrutinee, which lives in some
memory. `PatternScope` carries that memory down the pattern: a by-value
binding copies out of the place (a load from that memory into a new local in
memory 0, keeping the memory of every pointer in the copied value's type),
and a by-reference binding (`ref x`, or the default binding modes) is a
reference *into* the place's memory, `#[mem_idx(M)] &T`. Dereferencing a
reference in a pattern (`&p`, or the implicit dereference of the default
binding modes when a non-reference pattern meets a reference) moves to the
pointee's place, in the reference's memory. So no pattern turns a pointer
into one memory into a pointer into another: the types of the bindings are
the types of the parts they match.

The default binding modes are Rust's (edition 2021): when a non-reference
pattern (tuple, struct, variant, literal, range, array) meets a reference
`&T` / `&mut T`, the value is dereferenced and the bindings below become
`ref` (or `ref mut` when every reference on the way is `&mut`); `mut x`
binds by value.

A lone name is a binding unless it names a unit variant, a unit struct or a
constant in scope (then it is matched against that value), as in rustc.
Constants are matched by value: a constant of a struct, tuple, enum or array
type becomes the pattern of its value.

Whether a pattern can fail (E0005 in `let` and parameters) and whether a
`match` covers every value (E0004) is decided once the body's types are
known (`exhaustiveness.py`, called from `body.finish`).

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

from .. import messages as msg
from ..source import Span
from ..syntax import ast
from ..types import (
    ArrayType, BoolType, EnumType, ErrorType, FloatType, IntType, NeverType, PointerType, StructType, TupleType,
    Type, UnitType, BOOL, ERROR, F32, F64, INTS, UNIT,
)
from . import tree as t
from . import unsupported
from .coercion import LET, failed, quiet
from ..consteval import int_fits
from .enums import variant_field_types, variant_of, variant_word
from .infer import TyVar
from .places import is_place
from .resolve import VALUE_NS, Binding, PathResolution


@dataclass(frozen=True)
class PatternScope:
    """What holds at one point of a pattern: the memory of the place being
    matched, the default binding mode ("move", "ref", "ref_mut"), why the
    place may not be borrowed mutably (None: it may), the names bound so far
    in the whole pattern (shared, for E0416), and inside the second and later
    alternatives of an or-pattern the locals the first one bound."""

    mem: object
    mode: str = "move"
    why_not_mutable: str | None = None
    bound: dict[str, t.Local] = field(default_factory=dict)
    alternative_of: dict[str, t.Local] | None = None


@dataclass
class PendingCheck:
    """A pattern whose refutability (`kind` "let", "param") or a match whose
    exhaustiveness is checked once the body's types are known."""

    kind: str  # "let" | "param" | "match"
    span: Span
    node: object  # the pattern, or the t.Match
    scrutinee_span: Span | None = None


class PatternRules:
    # ----- entry points
    def bind_pattern(self, pattern: ast.Pattern, ty: Type, scrutinee: t.TExpr | None
                     ) -> tuple[t.Pattern, dict[str, t.Local]]:
        """`pattern` checked against a value of type `ty` (the place
        `scrutinee`, or a temporary when it is not a place); its names, to be
        put in scope by the caller."""
        scope = PatternScope(self.scrutinee_mem(scrutinee), why_not_mutable=self.scrutinee_immutability(scrutinee))
        typed = self.pattern(pattern, ty, scope)
        return typed, scope.bound

    def pattern_type(self, ty: Type) -> Type:
        """The type patterns match a scrutinee of type `ty` as: `!` coerces to
        any type (`let (a, b) = return x;`, `match (return x) { 1 => .. }`), so
        there the patterns decide it, and their names are bound with types
        inferred from their uses, as in rustc; that code is never reached.
        (Matched against `!` itself, the names would be bound to nothing.)"""
        if isinstance(self.infer.shallow(ty), NeverType):
            return self.infer.fresh()
        return ty

    def let_pattern(self, stmt: ast.Let, declared: Type | None) -> t.LetPattern | None:
        """`let PATTERN [: T] = init [else { .. }];` with a pattern other than a plain name."""
        if stmt.init is None:  # `let (a, b);`: assigned later (Rust allows it)
            unsupported.report(self.sink, unsupported.DESTRUCTURING, stmt.pattern.span)
            self.bind_unchecked(stmt.pattern)
            return None
        init = self.coerced(stmt.init, declared, LET)
        ty = declared if declared is not None else self.pattern_type(init.ty)
        typed, bound = self.bind_pattern(stmt.pattern, ty, init)
        else_ = None
        if stmt.else_ is not None:
            else_ = self.check_block(stmt.else_, None)  # the pattern's names are not in scope there
            if not isinstance(self.infer.shallow(else_.ty), NeverType) and not quiet(else_.ty):
                self.error(msg.LET_ELSE_DIVERGES(), stmt.else_.span, msg.LABEL_EXPECTED_FOUND.format(
                    expected="!", found=self.show(else_.ty))).with_help(msg.HELP_LET_ELSE_DIVERGE)
        else:
            self.pending.append(PendingCheck("let", stmt.pattern.span, typed))
        self.scopes[-1].update(bound)
        return t.LetPattern(stmt.span, typed, init, else_)

    def param_patterns(self, params: tuple[ast.Param, ...]) -> list[t.TStmt]:
        """The destructuring of parameters written with a pattern (`(a, b): (u32, u32)`):
        one `LetPattern` each, matched against the parameter at the start of the body."""
        assert self.fn is not None
        lets: list[t.TStmt] = []
        for decl, local in zip(params, self.fn.params):
            if ast.simple_binding(decl.pattern) is not None:
                continue
            arg = self.new_node(t.LocalRef(decl.span, local.ty, local))
            typed, bound = self.bind_pattern(decl.pattern, local.ty, arg)
            self.pending.append(PendingCheck("param", decl.pattern.span, typed))
            self.scopes[-1].update(bound)
            lets.append(t.LetPattern(decl.span, typed, arg))
        return lets

    def scrutinee_mem(self, scrutinee: t.TExpr | None) -> object:
        """The memory of the value a pattern matches: a place's, or memory 0
        for a temporary (it is spilled to the stack)."""
        return self.place_mem(scrutinee) if scrutinee is not None and is_place(scrutinee) else 0

    def scrutinee_immutability(self, scrutinee: t.TExpr | None) -> str | None:
        """Why the matched place cannot be borrowed mutably (`ref mut`), or None."""
        if scrutinee is None or not is_place(scrutinee):
            return None  # a temporary may be borrowed mutably
        return self.immutability(scrutinee)

    # ----- one pattern
    def pattern(self, p: ast.Pattern, ty: Type, scope: PatternScope) -> t.Pattern:
        if isinstance(p, ast.IdentPat):
            named = self.named_value_pattern(p, ty, scope)
            return named if named is not None else self.binding_pattern(p, ty, scope)
        if isinstance(p, ast.WildcardPat):
            return self.new_node(t.PatWild(p.span, ty))
        if isinstance(p, ast.RefPat):
            return self.ref_pattern(p, ty, scope)
        if isinstance(p, ast.OrPat):
            return self.or_pattern(p, ty, scope)
        if isinstance(p, ast.RestPat):  # (the parser allows `..` only where it means something)
            return self.new_node(t.PatWild(p.span, ty))
        # a non-reference pattern: the default binding modes look through references
        ty, scope, derefs = self.peel_references(p, ty, scope)
        if isinstance(p, ast.TuplePat):
            inner = self.tuple_pattern(p, ty, scope)
        elif isinstance(p, ast.StructPat):
            inner = self.struct_pattern(p, ty, scope)
        elif isinstance(p, ast.TupleStructPat):
            inner = self.tuple_struct_pattern(p, ty, scope)
        elif isinstance(p, ast.PathPat):
            inner = self.path_pattern(p, ty, scope)
        elif isinstance(p, ast.LitPat):
            inner = self.literal_pattern(p, ty)
        elif isinstance(p, ast.RangePat):
            inner = self.range_pattern(p, ty)
        elif isinstance(p, ast.SlicePat):
            inner = self.array_pattern(p, ty, scope)
        else:  # pragma: no cover - the parser makes no other pattern
            raise AssertionError(f"unknown pattern {p!r}")
        if isinstance(inner, t.PatWild) and isinstance(inner.ty, ErrorType):
            self.bind_failed(p, scope)
        for ref in reversed(derefs):
            inner = self.new_node(t.PatDeref(p.span, ref, inner))
        return inner

    def peel_references(self, p: ast.Pattern, ty: Type, scope: PatternScope
                        ) -> tuple[Type, PatternScope, list[Type]]:
        """Rust's default binding modes: dereference every reference the
        pattern meets, each in its own memory; the bindings below become
        references (`ref mut` only while every reference is `&mut`)."""
        derefs: list[Type] = []
        current = self.infer.shallow(ty)
        while isinstance(current, PointerType) and current.is_ref:
            derefs.append(current)
            self.require_declared(current.mem, p.span, msg.WHAT_DEREFERENCE)
            mode = "ref_mut" if current.mutable and scope.mode != "ref" else "ref"
            if not current.mutable:
                why = msg.WHY_BEHIND_POINTER.format(pointer="&")
            else:  # behind `&mut` the place is writable, unless a `&` came before it
                why = scope.why_not_mutable if scope.mode == "ref" else None
            scope = replace(scope, mem=current.mem, mode=mode, why_not_mutable=why)
            ty = current.pointee
            current = self.infer.shallow(ty)
        return ty, scope, derefs

    def mismatch(self, p: ast.Pattern, ty: Type, found: str) -> t.Pattern:
        """E0308 for a pattern of another shape than the value's type (quiet
        on a type that already failed; not on `!`, as in rustc: `match
        &(return x) { 1 => .. }`); the pattern then matches anything."""
        if not failed(self.infer.shallow(ty)):
            self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_EXPECTED_FOUND.format(
                expected=self.show(ty), found=found))
        return self.new_node(t.PatWild(p.span, ERROR))

    def bind_failed(self, p: ast.Pattern, scope: PatternScope) -> None:
        """After an error in `p` (reported): the names it would bind are still
        bound (with the error type, so their uses add no errors of their own)."""
        for ident in ast.bound_names(p):
            if ident.name not in scope.bound:
                scope.bound[ident.name] = self.new_local(ident.name, ERROR, True, ident.span)

    # ----- bindings and names
    def binding_pattern(self, p: ast.IdentPat, ty: Type, scope: PatternScope) -> t.Pattern:
        if p.name in scope.bound:
            self.error(msg.BOUND_TWICE(name=p.name), p.span, msg.LABEL_BOUND_TWICE)
        by_ref = p.by_ref or (scope.mode != "move" and not p.mutable)
        mutable_ref = p.mutable if p.by_ref else scope.mode == "ref_mut"
        if p.by_ref and p.mutable and scope.why_not_mutable is not None and not quiet(self.infer.shallow(ty)):
            self.error(msg.BORROW_IMMUTABLE(what=scope.why_not_mutable), p.span, msg.LABEL_CANNOT_BORROW_MUT)
        if by_ref:
            local_ty: Type = PointerType(ty, mutable_ref, scope.mem, True)
            mutable = False
        else:
            local_ty, mutable = ty, p.mutable
        first = scope.alternative_of.get(p.name) if scope.alternative_of is not None else None
        if scope.alternative_of is not None and first is None:
            self.error(msg.NOT_BOUND_IN_ALL(name=p.name), p.span, msg.LABEL_NOT_IN_ALL.format(name=p.name))
        if first is not None:
            # the same variable in every alternative: one local, of one type
            mismatch = self.infer.unify(first.ty, local_ty)
            if mismatch is not None:
                label = msg.LABEL_ALTERNATIVE_TYPE.format(name=p.name, expected=self.show(first.ty),
                                                          found=self.show(local_ty))
                if mismatch.memory:  # one name, two memories: M0001, as for any other memory mismatch
                    where = "" if mismatch.depth == 0 else msg.WHERE_BEHIND.format(
                        levels=msg.count(mismatch.depth, "level"))
                    self.error(msg.MEMORY_MISMATCH(expected=mismatch.expected_mem, found=mismatch.found_mem,
                                                   where=where), p.span, label).with_note(
                        msg.NOTE_NO_IMPLICIT_CONVERSION)
                else:
                    self.error(msg.MISMATCHED_TYPES(), p.span, label)
            if first.mutable != mutable:
                self.error(msg.ALTERNATIVE_BINDING_MODE(name=p.name), p.span)
            local = first
        else:
            local = self.new_local(p.name, local_ty, mutable, p.span)
            local.name_span, local.mut_span = ast.binding_spans(p)  # for the lints
        scope.bound[p.name] = local
        sub = self.pattern(p.subpattern, ty, scope) if p.subpattern is not None else None
        return self.new_node(t.PatBind(p.span, ty, local, by_ref, sub))

    def value_name(self, p: ast.Pattern) -> Binding | None:
        """The item a lone name pattern (`x`, no `mut`, `ref` or `@`) names when
        that is not a new binding: a constant, unit struct or unit variant (the
        pattern matches it: `let LIMIT = x;` is refutable, as in Rust), a static
        or tuple constructor (E0530). None when the name is a new binding."""
        if not isinstance(p, ast.IdentPat) or p.mutable or p.by_ref or p.subpattern is not None:
            return None
        r = self.items.lookup((p.name,), VALUE_NS, self.generics, p.span, quiet=True)
        b = r.binding if r is not None and not r.type_prefix else None
        return None if b is None or b.kind in ("fn", "unchecked") else b

    def named_value_pattern(self, p: ast.IdentPat, ty: Type, scope: PatternScope) -> t.Pattern | None:
        """A lone name that names a unit variant, unit struct or constant is
        matched against it (None: the name is a new binding). A name of a
        tuple struct, tuple variant or static cannot be rebound (E0530)."""
        b = self.value_name(p)
        if b is None:
            return None
        path = ast.Path(p.span, (p.name,))
        if b.kind == "static" or (b.kind in ("ctor", "variant") and self.constructor_kind(b) != "unit"):
            self.error(msg.CANNOT_SHADOW(kind=b.word if b.kind != "ctor" else "tuple struct", name=p.name), p.span,
                       msg.LABEL_CANNOT_SHADOW.format(kind=b.word if b.kind != "ctor" else "tuple struct"))
            return self.new_node(t.PatWild(p.span, ERROR))
        value_ty, scope_out, derefs = self.peel_references(p, ty, scope)
        inner = self.value_pattern(p, path, b, value_ty)
        for ref in reversed(derefs):
            inner = self.new_node(t.PatDeref(p.span, ref, inner))
        return inner

    def constructor_kind(self, b) -> str:
        """"unit", "tuple" or "named" for a struct constructor or variant binding."""
        if b.kind == "ctor":
            return self.items.struct_decls[b.key].kind
        found = variant_of(self.items, b)
        return found[0].variants[found[1]].kind if found is not None else "unit"

    def path_pattern(self, p: ast.PathPat, ty: Type, scope: PatternScope) -> t.Pattern:
        """`E::A`, `Unit`, `MAX`, `a::LIMIT`: a unit variant, unit struct or constant."""
        variant = self.variant_binding(p.path)
        if variant is not None:
            return self.value_pattern(p, p.path, variant, ty)
        target = self.pattern_value_target(p.path)
        if target is None:
            return self.new_node(t.PatWild(p.span, ERROR))
        return self.value_pattern(p, p.path, target, ty)

    def pattern_value_target(self, path: ast.Path) -> Binding | None:
        """What a path in a pattern names (None after reporting): an associated
        item (`u32::MAX`) is not checked in patterns yet."""
        target = self.value_target(path, "value")
        if isinstance(target, PathResolution):
            unsupported.report(self.sink, unsupported.ASSOC_PATTERNS, path.span)
            return None
        return target

    def value_pattern(self, p, path: ast.Path, b, ty: Type) -> t.Pattern:
        """The pattern of a named value `b`: unit variant, unit struct or constant."""
        name = "::".join(path.segments)
        if b.kind == "variant":
            found = variant_of(self.items, b)
            if found is None:
                return self.new_node(t.PatWild(p.span, ERROR))
            enum, index = found
            if enum.variants[index].kind != "unit":
                return self.expected_unit(p, name, variant_word(enum.variants[index]))
            enum_ty = self.enum_instance(path, enum, ty)
            if self.infer.unify(ty, enum_ty) is not None:
                return self.mismatch(p, ty, str(self.infer.resolve(enum_ty)))
            return self.new_node(t.PatVariant(p.span, ty, enum, index, []))
        if b.kind == "ctor":
            decl = self.items.struct_decls[b.key]
            if decl.kind != "unit":
                return self.expected_unit(p, name, "tuple struct")
            struct = self.items.structs[b.key]
            if self.struct_field_types(p, ty, struct, self.struct_path_type(b.key, path)) is None:
                return self.mismatch(p, ty, b.key)
            return self.new_node(t.PatStruct(p.span, ty, struct, []))
        if b.kind == "const":
            return self.const_pattern(p, b.key, ty)
        return self.expected_unit(p, name, b.word)

    def expected_unit(self, p, name: str, kind: str) -> t.Pattern:
        self.error(msg.EXPECTED_UNIT_PATTERN(kind=kind, name=name), p.span, msg.LABEL_NOT_UNIT_PATTERN)
        return self.new_node(t.PatWild(p.span, ERROR))

    def const_pattern(self, p, key: str, ty: Type) -> t.Pattern:
        """A constant matched by value (its value's pattern, rustc's const-to-pattern)."""
        cty = self.items.const_type(key)
        value = self.items.const_value(key)
        if self.infer.unify(ty, cty) is not None:
            return self.mismatch(p, ty, str(cty))
        pattern = self.value_to_pattern(p.span, cty, value)
        if pattern is None:
            self.error(msg.CONST_PATTERN_TYPE(name=key, ty=cty), p.span)
            return self.new_node(t.PatWild(p.span, ERROR))
        return pattern

    def value_to_pattern(self, span: Span, ty: Type, value) -> t.Pattern | None:
        if isinstance(ty, (IntType, BoolType, FloatType)):
            return self.new_node(t.PatLit(span, ty, value))
        if isinstance(ty, UnitType):
            return self.new_node(t.PatTuple(span, ty, []))
        parts: list[tuple[int, Type, object]]
        if isinstance(ty, TupleType) and isinstance(value, tuple):
            parts = [(i, e, v) for i, (e, v) in enumerate(zip(ty.elems, value))]
        elif isinstance(ty, ArrayType) and isinstance(value, tuple):
            parts = [(i, ty.elem, v) for i, v in enumerate(value)]
        elif isinstance(ty, StructType) and isinstance(value, tuple):
            struct = self.items.structs[ty.name]
            parts = [(i, fty, v) for i, ((_, fty), v) in enumerate(zip(struct.fields, value))]
        elif isinstance(ty, EnumType) and isinstance(value, t.EnumConst):
            enum = self.items.enums[ty.name]
            types = variant_field_types(enum, ty, value.variant)
            parts = [(i, fty, v) for i, (fty, v) in enumerate(zip(types, value.fields))]
        else:
            return None  # a pointer: no meaningful equality to match on
        subs = []
        for i, sty, v in parts:
            sub = self.value_to_pattern(span, sty, v)
            if sub is None:
                return None
            subs.append((i, sub))
        if isinstance(ty, TupleType):
            return self.new_node(t.PatTuple(span, ty, [s for _, s in subs]))
        if isinstance(ty, ArrayType):
            return self.new_node(t.PatArray(span, ty, subs))
        if isinstance(ty, StructType):
            return self.new_node(t.PatStruct(span, ty, self.items.structs[ty.name], subs))
        return self.new_node(t.PatVariant(span, ty, self.items.enums[ty.name], value.variant, subs))

    # ----- references, alternatives
    def ref_pattern(self, p: ast.RefPat, ty: Type, scope: PatternScope) -> t.Pattern:
        """`&p` / `&mut p`: the value is a reference of that mutability; `p`
        matches the pointee (in the reference's memory), binding by value again."""
        current = self.infer.shallow(ty)
        if isinstance(current, TyVar):
            current = PointerType(self.infer.fresh(), p.mutable, self.infer.fresh_mem("_", default=0), True)
            self.infer.unify(ty, current)
        if not (isinstance(current, PointerType) and current.is_ref and current.mutable == p.mutable):
            return self.mismatch(p, ty, "&mut _" if p.mutable else "&_")
        self.require_declared(current.mem, p.span, msg.WHAT_DEREFERENCE)
        why = None if current.mutable else msg.WHY_BEHIND_POINTER.format(pointer="&")
        inner_scope = replace(scope, mem=current.mem, mode="move", why_not_mutable=why)
        inner = self.pattern(p.pattern, current.pointee, inner_scope)
        return self.new_node(t.PatDeref(p.span, current, inner))

    def or_pattern(self, p: ast.OrPat, ty: Type, scope: PatternScope) -> t.Pattern:
        """`a | b`: every alternative binds the same names, to the same locals
        (of one type); E0408 for a name some alternative does not bind."""
        first_bound: dict[str, t.Local] = {}
        alts = [self.pattern(p.alternatives[0], ty, replace(scope, bound=first_bound))]
        for alt in p.alternatives[1:]:
            bound: dict[str, t.Local] = {}
            alts.append(self.pattern(alt, ty, replace(scope, bound=bound, alternative_of=first_bound)))
            for name in first_bound.keys() - bound.keys():
                self.error(msg.NOT_BOUND_IN_ALL(name=name), alt.span, msg.LABEL_PATTERN_MISSES.format(name=name))
        for name, local in first_bound.items():
            if name in scope.bound:
                self.error(msg.BOUND_TWICE(name=name), local.span or p.span, msg.LABEL_BOUND_TWICE)
            elif scope.alternative_of is not None and name not in scope.alternative_of:
                self.error(msg.NOT_BOUND_IN_ALL(name=name), local.span or p.span,
                           msg.LABEL_NOT_IN_ALL.format(name=name))
            scope.bound[name] = local
        return self.new_node(t.PatOr(p.span, ty, alts))

    # ----- tuples, structs, variants, arrays
    def split_rest(self, elems: tuple[ast.Pattern, ...], n: int | None
                   ) -> tuple[list[ast.Pattern], int | None, ast.Pattern | None]:
        """The patterns of `elems` without the `..` (or `name @ ..`), the
        position of the `..` (None: there is none) and the pattern bound to it."""
        fixed, rest_at, rest_pat = [], None, None
        for elem in elems:
            if isinstance(elem, ast.RestPat):
                rest_at = len(fixed)
            elif isinstance(elem, ast.IdentPat) and isinstance(elem.subpattern, ast.RestPat):
                rest_at, rest_pat = len(fixed), elem
            else:
                fixed.append(elem)
        return fixed, rest_at, rest_pat

    def positional(self, p, fixed: list[ast.Pattern], rest_at: int | None, types: list[Type], what: str,
                   scope: PatternScope) -> list[t.Pattern] | None:
        """One pattern per element of `types` from `fixed` around a `..`; None
        (after E0308) when the counts cannot agree."""
        n = len(types)
        if len(fixed) > n or (rest_at is None and len(fixed) != n):
            self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_PATTERN_ARITY.format(
                found=msg.count(len(fixed), "field"), what=what, expected=msg.count(n, "field")))
            return None
        at = rest_at if rest_at is not None else len(fixed)
        parts: list[ast.Pattern | None] = list(fixed[:at]) + [None] * (n - len(fixed)) + list(fixed[at:])
        return [self.pattern(part, ety, scope) if part is not None else self.new_node(t.PatWild(p.span, ety))
                for part, ety in zip(parts, types)]

    def tuple_pattern(self, p: ast.TuplePat, ty: Type, scope: PatternScope) -> t.Pattern:
        fixed, rest_at, rest_pat = self.split_rest(p.elems, None)
        if rest_pat is not None:
            self.error(msg.REST_BINDING_IN_TUPLE(), rest_pat.span)
        current = self.infer.shallow(ty)
        if isinstance(current, TyVar) and current.kind == "any" and rest_at is None:
            current = TupleType(tuple(self.infer.fresh() for _ in fixed)) if fixed else UNIT
            self.infer.unify(ty, current)
        if isinstance(current, UnitType) and not fixed:
            return self.new_node(t.PatTuple(p.span, ty, []))
        if not isinstance(current, TupleType):  # `(a, b)` against `{float}` too (it reached codegen)
            if isinstance(current, TyVar) and current.kind == "any":
                self.error(msg.ANNOTATIONS_NEEDED(), p.span, msg.LABEL_TUPLE_UNKNOWN)
                return self.new_node(t.PatWild(p.span, ERROR))
            return self.mismatch(p, ty, _tuple_shape(len(fixed), rest_at is not None))
        n = len(current.elems)
        if len(fixed) > n or (rest_at is None and len(fixed) != n):
            self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_TUPLE_ARITY.format(
                expected=msg.count(n, "element"), found=len(fixed)))
            return self.new_node(t.PatWild(p.span, ERROR))
        elems = self.positional(p, fixed, rest_at, list(current.elems), "tuple", scope)
        return self.new_node(t.PatTuple(p.span, ty, elems or []))

    def struct_pattern(self, p: ast.StructPat, ty: Type, scope: PatternScope) -> t.Pattern:
        variant = self.variant_binding(p.path, "type")
        if variant is not None:
            return self.variant_pattern(p, p.path, variant, ty, scope, named=p)
        struct = self.pattern_struct(p.path)
        if struct is None:
            for f in p.fields:  # bind the names anyway, so their uses add no errors
                self.pattern(f.pattern, ERROR, scope)
            return self.new_node(t.PatWild(p.span, ERROR))
        struct_ty = self.struct_path_type(struct.name, p.path)
        field_types = self.struct_field_types(p, ty, struct, struct_ty)
        if field_types is None:
            return self.mismatch(p, ty, struct.name)
        fields = self.named_fields(p, struct.name, struct.fields, field_types, scope)
        return self.new_node(t.PatStruct(p.span, ty, struct, fields))

    def struct_field_types(self, p, ty: Type, struct: t.StructDef, struct_ty: Type) -> list[Type] | None:
        """The field types of the struct instance `struct_ty` a pattern matches
        `ty` with (None: `ty` is not that struct)."""
        if self.infer.unify(ty, struct_ty) is not None:
            return None
        if quiet(self.infer.shallow(ty)):  # matched against an error: its arguments stay unknown, quietly
            return [ERROR] * len(struct.fields)
        return struct.field_types(self.infer.resolve(struct_ty))  # type: ignore[arg-type]

    def named_fields(self, p: ast.StructPat, name: str, declared: list[tuple[str, Type]], types: list[Type],
                     scope: PatternScope) -> list[tuple[int, t.Pattern]]:
        fields: list[tuple[int, t.Pattern]] = []
        seen: set[int] = set()
        names = [n for n, _ in declared]
        for f in p.fields:
            index = names.index(f.name) if f.name in names else None
            if index is None:
                self.error(msg.PATTERN_NO_FIELD(name=name, field=f.name), f.span,
                           msg.LABEL_STRUCT_HAS_NO_FIELD.format(name=name))
                self.pattern(f.pattern, ERROR, scope)
                continue
            if index in seen:
                self.error(msg.FIELD_BOUND_TWICE(field=f.name), f.span, msg.LABEL_BOUND_TWICE)
            seen.add(index)
            fields.append((index, self.pattern(f.pattern, types[index], scope)))
        missing = [n for i, n in enumerate(names) if i not in seen]
        if missing and not p.rest:
            self.error(msg.PATTERN_MISSING_FIELDS(fields=_field_list(missing)), p.span).with_help(
                msg.HELP_PATTERN_MISSING_FIELDS)
        return fields

    def tuple_struct_pattern(self, p: ast.TupleStructPat, ty: Type, scope: PatternScope) -> t.Pattern:
        """`E::B(x, ..)` or `P(a, b)`: a tuple variant or a tuple struct."""
        variant = self.variant_binding(p.path)
        if variant is not None:
            return self.variant_pattern(p, p.path, variant, ty, scope, elems=p.elems)
        target = self.pattern_value_target(p.path)
        if target is None:
            for e in p.elems:
                self.pattern(e, ERROR, scope)
            return self.new_node(t.PatWild(p.span, ERROR))
        if target.kind != "ctor" or self.items.struct_decls[target.key].kind != "tuple":
            self.error(msg.EXPECTED_TUPLE_PATTERN(kind=target.word, name="::".join(p.path.segments)), p.path.span,
                       msg.LABEL_NOT_TUPLE_PATTERN)
            return self.new_node(t.PatWild(p.span, ERROR))
        struct = self.items.structs[target.key]
        field_types = self.struct_field_types(p, ty, struct, self.struct_path_type(struct.name, p.path))
        if field_types is None:
            return self.mismatch(p, ty, struct.name)
        fixed, rest_at, _ = self.split_rest(p.elems, None)
        elems = self.positional(p, fixed, rest_at, field_types, "tuple struct", scope)
        return self.new_node(t.PatStruct(p.span, ty, struct, list(enumerate(elems or []))))

    def variant_pattern(self, p, path: ast.Path, b, ty: Type, scope: PatternScope,
                        elems: tuple[ast.Pattern, ...] | None = None, named: ast.StructPat | None = None
                        ) -> t.Pattern:
        found = variant_of(self.items, b)
        if found is None:
            return self.new_node(t.PatWild(p.span, ERROR))
        enum, index = found
        variant = enum.variants[index]
        name = "::".join(path.segments)
        if elems is not None and variant.kind != "tuple":
            self.error(msg.EXPECTED_TUPLE_PATTERN(kind=variant_word(variant), name=name), path.span,
                       msg.LABEL_NOT_TUPLE_PATTERN)
            return self.new_node(t.PatWild(p.span, ERROR))
        if named is not None and variant.kind == "unit" and named.fields:
            return self.expected_unit(p, name, "unit variant")
        enum_ty = self.enum_instance(path, enum, ty)
        if self.infer.unify(ty, enum_ty) is not None:
            return self.mismatch(p, ty, str(self.infer.resolve(enum_ty)))
        types = variant_field_types(enum, enum_ty, index)
        if elems is not None:
            fixed, rest_at, _ = self.split_rest(elems, None)
            parts = self.positional(p, fixed, rest_at, types, "tuple variant", scope)
            fields = list(enumerate(parts or []))
        else:
            assert named is not None
            fields = self.named_fields(named, name, variant.fields, types, scope)
        return self.new_node(t.PatVariant(p.span, ty, enum, index, fields))

    def array_pattern(self, p: ast.SlicePat, ty: Type, scope: PatternScope) -> t.Pattern:
        """`[a, b]`, `[first, .., last]`, `[head, rest @ ..]` on an array of known length."""
        current = self.infer.shallow(ty)
        fixed, rest_at, rest_pat = self.split_rest(p.elems, None)
        if not isinstance(current, ArrayType) or not isinstance(current.length, int):
            if isinstance(current, ArrayType):
                self.error(msg.ARRAY_PATTERN_LENGTH(), p.span)
                return self.new_node(t.PatWild(p.span, ERROR))
            return self.mismatch(p, ty, "[_]")
        n = current.length
        if len(fixed) > n or (rest_at is None and len(fixed) != n):
            self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_ARRAY_PATTERN.format(
                expected=msg.count(n, "element"), found=msg.count(len(fixed), "element")))
            return self.new_node(t.PatWild(p.span, ERROR))
        at = rest_at if rest_at is not None else len(fixed)
        after = len(fixed) - at
        elems = [(i, self.pattern(e, current.elem, scope)) for i, e in enumerate(fixed[:at])]
        elems += [(n - after + j, self.pattern(e, current.elem, scope)) for j, e in enumerate(fixed[at:])]
        rest = None
        if rest_pat is not None:
            sub_ty = ArrayType(current.elem, n - len(fixed))
            bind = ast.IdentPat(rest_pat.span, rest_pat.name, rest_pat.mutable, rest_pat.by_ref, None)
            rest = (at, n - len(fixed), self.binding_pattern(bind, sub_ty, scope))
        return self.new_node(t.PatArray(p.span, ty, elems, rest))

    # ----- literals and ranges
    def literal_pattern(self, p: ast.LitPat, ty: Type) -> t.Pattern:
        value, lit_ty = self.literal_value(p.value, ty)
        if value is None:
            return self.new_node(t.PatWild(p.span, ERROR))
        if self.infer.unify(ty, lit_ty) is not None:
            return self.mismatch(p, ty, self.show(lit_ty))
        exact = _float_exact(p.value) if isinstance(value, float) else None
        return self.new_node(t.PatLit(p.span, ty, value, exact))

    def literal_value(self, e: ast.Expr, ty: Type) -> tuple[object, Type]:
        """The value and type of a literal in a pattern (`-` applies to numbers)."""
        negate = isinstance(e, ast.Unary) and e.op == "-"
        lit = e.operand if negate else e
        exp = self.infer.shallow(ty)
        if isinstance(lit, ast.BoolLit) and not negate:
            return lit.value, BOOL
        if isinstance(lit, ast.IntLit):
            if lit.suffix in ("f32", "f64"):
                return (-float(lit.value) if negate else float(lit.value)), _float(lit.suffix)
            # (an integer literal is never a float, as in rustc: `1` against an `f32` is E0308)
            lit_ty = INTS[lit.suffix] if lit.suffix else (exp if isinstance(exp, IntType) else
                                                           self.infer.fresh("int"))
            value = -lit.value if negate else lit.value
            if isinstance(lit_ty, IntType):
                if negate and not lit_ty.signed:
                    self.error(msg.UNARY_ON_TYPE(op="-", ty=lit_ty), e.span).with_note(msg.NOTE_UNSIGNED_NEGATION)
                    return None, lit_ty
                if not int_fits(value, lit_ty):
                    self.error(msg.LITERAL_OUT_OF_RANGE(ty=lit_ty), e.span).with_note(
                        msg.NOTE_LITERAL_DOES_NOT_FIT.format(value=value, ty=lit_ty))
                    return None, lit_ty
            else:  # the literal's type is decided later: check that the value fits then
                self.pending.append(PendingCheck("literal", e.span, (value, lit_ty)))
            return value, lit_ty
        if isinstance(lit, ast.FloatLit):
            lit_ty = _float(lit.suffix) if lit.suffix else (exp if isinstance(exp, FloatType) else
                                                             self.infer.fresh("float"))
            return (-lit.value if negate else lit.value), lit_ty
        self.error(msg.PATTERN_LITERAL(), e.span)
        return None, ERROR

    def range_pattern(self, p: ast.RangePat, ty: Type) -> t.Pattern:
        bounds: list[int | None] = []
        for end in (p.start, p.end):
            if end is None:
                bounds.append(None)
                continue
            value = self.range_bound(end, ty)
            if value is None:
                return self.new_node(t.PatWild(p.span, ERROR))
            bounds.append(value)
        current = self.infer.shallow(ty)
        if not (isinstance(current, IntType) or (isinstance(current, TyVar) and current.kind in ("int", "any"))):
            if not quiet(current):
                self.error(msg.RANGE_PATTERN_TYPE(ty=self.show(ty)), p.span)
            return self.new_node(t.PatWild(p.span, ERROR))
        if isinstance(current, TyVar):
            self.infer.unify(ty, self.infer.fresh("int"))
        lo, hi = bounds
        if lo is not None and hi is not None:
            if p.inclusive and lo > hi:
                self.error(msg.RANGE_PATTERN_EMPTY(), p.span, msg.LABEL_RANGE_EMPTY.format(lo=lo, hi=hi))
            elif not p.inclusive and lo >= hi:
                self.error(msg.RANGE_PATTERN_EXCLUSIVE_EMPTY(), p.span, msg.LABEL_RANGE_EMPTY.format(lo=lo, hi=hi))
        # `lo..` (no end) runs to the type's maximum, included
        return self.new_node(t.PatRange(p.span, ty, lo, hi, p.inclusive or p.end is None))

    def range_bound(self, e: ast.Expr, ty: Type) -> int | None:
        """A range pattern's bound: an integer literal or an integer constant."""
        if isinstance(e, ast.Path):
            target = self.pattern_value_target(e)
            if target is None:
                return None
            if target.kind != "const":
                self.error(msg.RANGE_BOUND(), e.span)
                return None
            cty = self.items.const_type(target.key)
            if self.infer.unify(ty, cty) is not None:
                self.error(msg.MISMATCHED_TYPES(), e.span, msg.LABEL_EXPECTED_FOUND.format(
                    expected=self.show(ty), found=cty))
                return None
            value = self.items.const_value(target.key)
            return value if isinstance(value, int) and not isinstance(value, bool) else None
        value, lit_ty = self.literal_value(e, ty)
        if value is None:
            return None
        if isinstance(value, float):
            self.error(msg.RANGE_PATTERN_TYPE(ty=self.show(lit_ty)), e.span)
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(msg.RANGE_BOUND(), e.span)
            return None
        if self.infer.unify(ty, lit_ty) is not None:
            self.error(msg.MISMATCHED_TYPES(), e.span, msg.LABEL_EXPECTED_FOUND.format(
                expected=self.show(ty), found=self.show(lit_ty)))
            return None
        return value

    def pattern_struct(self, path: ast.Path) -> t.StructDef | None:
        """The struct a struct pattern's path names; None after reporting."""
        key, construct = self.struct_lit_target(path)
        if construct is not None:
            unsupported.report(self.sink, construct, path.span)
            return None
        if key is None:
            return None
        if unsupported.struct_problems(self.items.struct_decls[key]):
            return None  # its fields are not checked yet (reported where it is declared)
        return self.items.structs[key]


def _float(suffix: str | None) -> Type:
    return F32 if suffix == "f32" else F64


def _float_exact(e: ast.Expr) -> Fraction | None:
    """A float literal pattern's value as written (`t.FloatConst.exact`)."""
    negate = isinstance(e, ast.Unary) and e.op == "-"
    lit = e.operand if negate else e
    exact = Fraction(lit.value) if isinstance(lit, ast.IntLit) else lit.exact if isinstance(lit, ast.FloatLit) else None
    return -exact if negate and exact is not None else exact


def _tuple_shape(n: int, rest: bool) -> str:
    """How a tuple pattern's type reads in a mismatch: `(_, _)`, `(_, ..)`."""
    parts = ["_"] * n + ([".."] if rest else [])
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 and not rest else "") + ")"


def _field_list(names: list[str]) -> str:
    return ("fields " if len(names) > 1 else "field ") + ", ".join(f"`{n}`" for n in names)
