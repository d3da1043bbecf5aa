"""Patterns: checking a pattern against the type of the value it matches,
binding its names, and `let` / parameter destructuring.

A pattern is matched against a *place*: the scrutinee of a `let` (or the
parameter), which lives in some memory. `PatternScope` carries that memory
down the pattern: a by-value binding copies out of the place (a load from
that memory into a new local in memory 0, keeping the memory of every
pointer in the copied value's type), and a by-reference binding (`ref x`,
or the default binding modes) is a reference *into* the place's memory,
`#[mem_idx(M)] &T`. Dereferencing a reference in a pattern (`&p`, or the
implicit dereference of the default binding modes when a tuple or struct
pattern meets a reference) moves to the pointee's place, in the reference's
memory. So no pattern turns a pointer into one memory into a pointer into
another: the types of the bindings are the types of the parts they match.

The default binding modes are Rust's (edition 2021): when a non-reference
pattern (tuple, struct, ...) meets a reference `&T` / `&mut T`, the value is
dereferenced and the bindings below become `ref` (or `ref mut` when every
reference on the way is `&mut`); `mut x` binds by value.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import messages as msg
from ..source import Span
from ..syntax import ast
from ..types import PointerType, StructType, TupleType, Type, UnitType, ERROR, UNIT
from . import tree as t
from . import unsupported
from .coercion import LET, quiet
from .infer import TyVar
from .places import is_place


class NotCheckedYet(Exception):
    """The pattern uses a kind of pattern that is not checked yet (reported once)."""

    def __init__(self, span: Span) -> None:
        super().__init__()
        self.span = span


@dataclass(frozen=True)
class PatternScope:
    """What holds at one point of a pattern: the memory of the place being
    matched, the default binding mode ("move", "ref", "ref_mut"), whether the
    place may be borrowed mutably (`why_not`: the reason it may not), and the
    names bound so far in the whole pattern (shared, for E0416)."""

    mem: object
    mode: str = "move"
    why_not_mutable: str | None = None
    bound: dict[str, t.Local] = field(default_factory=dict)


#: pattern kinds that are not checked yet (each reported as DESTRUCTURING)
_NOT_YET = (ast.LitPat, ast.RangePat, ast.PathPat, ast.TupleStructPat, ast.SlicePat, ast.OrPat)


class PatternRules:
    # ----- entry points
    def irrefutable_pattern(self, pattern: ast.Pattern, ty: Type, scrutinee: t.TExpr | None) -> t.Pattern | None:
        """`pattern` checked against a value of type `ty` (the place `scrutinee`,
        or a temporary when it is not a place). Its names are bound in the
        innermost scope. None when the pattern uses something not checked yet
        (reported; its names are bound with the error type)."""
        scope = PatternScope(self.scrutinee_mem(scrutinee), why_not_mutable=self.scrutinee_immutability(scrutinee))
        try:
            typed = self.pattern(pattern, ty, scope)
        except NotCheckedYet as e:
            unsupported.report(self.sink, unsupported.DESTRUCTURING, e.span)
            self.bind_unchecked(pattern)
            return None
        self.scopes[-1].update(scope.bound)
        return typed

    def let_pattern(self, stmt: ast.Let, declared: Type | None) -> t.LetPattern | None:
        """`let PATTERN [: T] = init;` with a pattern other than a plain name."""
        if stmt.init is None:  # `let (a, b);`: assigned later (Rust allows it)
            unsupported.report(self.sink, unsupported.DESTRUCTURING, stmt.pattern.span)
            self.bind_unchecked(stmt.pattern)
            return None
        init = self.coerced(stmt.init, declared, LET)
        ty = declared if declared is not None else init.ty
        typed = self.irrefutable_pattern(stmt.pattern, ty, init)
        if typed is None:
            return None
        return t.LetPattern(stmt.span, typed, init)

    def param_patterns(self, params: tuple[ast.Param, ...]) -> list[t.TStmt]:
        """The destructuring of parameters written with a pattern (`(a, b): (u32, u32)`):
        one `LetPattern` each, matched against the parameter at the start of the body."""
        assert self.fn is not None
        lets: list[t.TStmt] = []
        for decl, local in zip(params, self.fn.params):
            if ast.simple_binding(decl.pattern) is not None:
                continue
            arg = self.new_node(t.LocalRef(decl.span, local.ty, local))
            typed = self.irrefutable_pattern(decl.pattern, local.ty, arg)
            if typed is not None:
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
            return self.binding_pattern(p, ty, scope)
        if isinstance(p, ast.WildcardPat):
            return self.new_node(t.PatWild(p.span, ty))
        if isinstance(p, ast.RefPat):
            return self.ref_pattern(p, ty, scope)
        if isinstance(p, _NOT_YET):
            raise NotCheckedYet(p.span)
        # a non-reference pattern: the default binding modes look through references
        ty, scope, derefs = self.peel_references(p, ty, scope)
        if isinstance(p, ast.TuplePat):
            inner = self.tuple_pattern(p, ty, scope)
        elif isinstance(p, ast.StructPat):
            inner = self.struct_pattern(p, ty, scope)
        else:  # pragma: no cover - the parser makes no other pattern
            raise AssertionError(f"unknown pattern {p!r}")
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

    def binding_pattern(self, p: ast.IdentPat, ty: Type, scope: PatternScope) -> t.Pattern:
        if p.name in scope.bound:
            self.error(msg.BOUND_TWICE(name=p.name), p.span, msg.LABEL_BOUND_TWICE)
        by_ref = p.by_ref or (scope.mode != "move" and not p.mutable)
        mutable_ref = p.mutable if p.by_ref else scope.mode == "ref_mut"
        if p.by_ref and p.mutable and scope.why_not_mutable is not None:
            self.error(msg.BORROW_IMMUTABLE(what=scope.why_not_mutable), p.span, msg.LABEL_CANNOT_BORROW_MUT)
        if by_ref:
            local_ty: Type = PointerType(ty, mutable_ref, scope.mem, True)
            mutable = False
        else:
            local_ty, mutable = ty, p.mutable
        local = self.new_local(p.name, local_ty, mutable, p.span)
        local.name_span, local.mut_span = ast.binding_spans(p)  # for the lints
        scope.bound[p.name] = local
        sub = self.pattern(p.subpattern, ty, scope) if p.subpattern is not None else None
        return self.new_node(t.PatBind(p.span, ty, local, by_ref, sub))

    def ref_pattern(self, p: ast.RefPat, ty: Type, scope: PatternScope) -> t.Pattern:
        """`&p` / `&mut p`: the value is a reference of that mutability; `p`
        matches the pointee (in the reference's memory), binding by value again."""
        current = self.infer.shallow(ty)
        if isinstance(current, TyVar):
            current = PointerType(self.infer.fresh(), p.mutable, self.infer.fresh_mem("_", default=0), True)
            self.infer.unify(ty, current)
        if not (isinstance(current, PointerType) and current.is_ref and current.mutable == p.mutable):
            if not quiet(current):
                found = "&mut _" if p.mutable else "&_"
                self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_EXPECTED_FOUND.format(
                    expected=self.show(ty), found=found))
            return self.new_node(t.PatWild(p.span, ERROR))
        self.require_declared(current.mem, p.span, msg.WHAT_DEREFERENCE)
        why = None if current.mutable else msg.WHY_BEHIND_POINTER.format(pointer="&")
        inner_scope = replace(scope, mem=current.mem, mode="move", why_not_mutable=why)
        inner = self.pattern(p.pattern, current.pointee, inner_scope)
        return self.new_node(t.PatDeref(p.span, current, inner))

    def tuple_pattern(self, p: ast.TuplePat, ty: Type, scope: PatternScope) -> t.Pattern:
        rest = [i for i, e in enumerate(p.elems) if isinstance(e, ast.RestPat)]
        fixed = [e for e in p.elems if not isinstance(e, ast.RestPat)]
        current = self.infer.shallow(ty)
        if isinstance(current, TyVar) and not rest:
            current = TupleType(tuple(self.infer.fresh() for _ in fixed)) if fixed else UNIT
            self.infer.unify(ty, current)
        if isinstance(current, UnitType) and not fixed:
            return self.new_node(t.PatTuple(p.span, ty, []))
        if not isinstance(current, TupleType):
            if isinstance(current, TyVar):
                self.error(msg.ANNOTATIONS_NEEDED(), p.span, msg.LABEL_TUPLE_UNKNOWN)
            elif not quiet(current):
                self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_EXPECTED_FOUND.format(
                    expected=self.show(ty), found=_tuple_shape(len(fixed), bool(rest))))
            return self.new_node(t.PatWild(p.span, ERROR))
        n = len(current.elems)
        if len(fixed) > n or (not rest and len(fixed) != n):
            self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_TUPLE_ARITY.format(
                expected=msg.count(n, "element"), found=len(fixed)))
            return self.new_node(t.PatWild(p.span, ERROR))
        at = rest[0] if rest else len(fixed)
        parts: list[ast.Pattern | None] = list(fixed[:at]) + [None] * (n - len(fixed)) + list(fixed[at:])
        elems = [self.pattern(part, elem_ty, scope) if part is not None else self.new_node(t.PatWild(p.span, elem_ty))
                 for part, elem_ty in zip(parts, current.elems)]
        return self.new_node(t.PatTuple(p.span, ty, elems))

    def struct_pattern(self, p: ast.StructPat, ty: Type, scope: PatternScope) -> t.Pattern:
        struct = self.pattern_struct(p.path)
        if struct is None:
            for f in p.fields:  # bind the names anyway, so their uses add no errors
                self.pattern(f.pattern, ERROR, scope)
            return self.new_node(t.PatWild(p.span, ERROR))
        struct_ty = self.struct_path_type(struct.name, p.path)
        if self.infer.unify(ty, struct_ty) is not None:
            self.error(msg.MISMATCHED_TYPES(), p.span, msg.LABEL_EXPECTED_FOUND.format(
                expected=self.show(ty), found=struct.name))
            return self.new_node(t.PatWild(p.span, ERROR))
        if quiet(self.infer.shallow(ty)):  # matched against an error: its arguments stay unknown, quietly
            field_types: list[Type] = [ERROR] * len(struct.fields)
        else:
            field_types = struct.field_types(self.infer.resolve(struct_ty))  # type: ignore[arg-type]
        fields: list[tuple[int, t.Pattern]] = []
        seen: set[int] = set()
        for f in p.fields:
            index = struct.field_index(f.name)
            if index is None:
                self.error(msg.PATTERN_NO_FIELD(name=struct.name, field=f.name), f.span,
                           msg.LABEL_STRUCT_HAS_NO_FIELD.format(name=struct.name))
                self.pattern(f.pattern, ERROR, scope)
                continue
            if index in seen:
                self.error(msg.FIELD_BOUND_TWICE(field=f.name), f.span, msg.LABEL_BOUND_TWICE)
            seen.add(index)
            fields.append((index, self.pattern(f.pattern, field_types[index], scope)))
        missing = [name for i, (name, _) in enumerate(struct.fields) if i not in seen]
        if missing and not p.rest:
            self.error(msg.PATTERN_MISSING_FIELDS(fields=_field_list(missing)), p.span).with_help(
                msg.HELP_PATTERN_MISSING_FIELDS)
        return self.new_node(t.PatStruct(p.span, ty, struct, fields))

    def pattern_struct(self, path: ast.Path) -> t.StructDef | None:
        """The struct a struct pattern's path names; None after reporting."""
        key, construct = self.struct_lit_target(path)
        if construct is not None:
            raise NotCheckedYet(path.span)
        if key is None:
            return None
        if unsupported.struct_problems(self.items.struct_decls[key]):
            return None  # its fields are not checked yet (reported where it is declared)
        return self.items.structs[key]


def _tuple_shape(n: int, rest: bool) -> str:
    """How a tuple pattern's type reads in a mismatch: `(_, _)`, `(_, ..)`."""
    parts = ["_"] * n + ([".."] if rest else [])
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 and not rest else "") + ")"


def _field_list(names: list[str]) -> str:
    return ("fields " if len(names) > 1 else "field ") + ", ".join(f"`{n}`" for n in names)
