"""Random typed patterns over small finite types, and what they mean.

Shared by tests/test_exhaustiveness.py (the witnesses against brute force)
and tests/test_match_lowering.py (compiled matches against the same
meaning): the types (bool, u8, i8, a fieldful enum, a generic enum,
tuples and arrays of them), every value of each, a reference interpreter of what each
pattern kind matches, a hypothesis strategy for patterns as the checker
builds them (`check.tree` nodes), and the farc source of patterns and values.
"""
from __future__ import annotations

import itertools

from hypothesis import strategies as st

from compiler.check import tree as t
from compiler.check.exhaustiveness import Space, Witness
from compiler.source import SourceFile, Span
from compiler.types import BOOL, INTS, ArrayType, EnumType, IntType, TupleType, Type, TypeParam

SPAN = Span(SourceFile("<exhaustiveness>", ""), 0, 0)
U8, I8 = INTS["u8"], INTS["i8"]

#: enum E { A, B(bool), C(bool, bool) } and enum Maybe<T> { Nothing, Just(T) }
E_DEF = t.EnumDef("E", [t.VariantDef("A", "unit", [], 0), t.VariantDef("B", "tuple", [("0", BOOL)], 1),
                        t.VariantDef("C", "tuple", [("0", BOOL), ("1", BOOL)], 2)], [], U8, INTS["isize"])
MAYBE_DEF = t.EnumDef("Maybe", [t.VariantDef("Nothing", "unit", [], 0),
                                t.VariantDef("Just", "tuple", [("0", TypeParam("T"))], 1)],
                      [("T", False)], U8, INTS["isize"])
SPACE = Space({}, {"E": E_DEF, "Maybe": MAYBE_DEF})
E = EnumType("E")


def maybe(arg: Type) -> EnumType:
    return EnumType("Maybe", (arg,))


#: the scrutinee types: at most one integer each, so a type has at most a few thousand values
TYPES = [BOOL, U8, I8, E, maybe(BOOL), maybe(E), maybe(maybe(BOOL)), TupleType((BOOL, BOOL)),
         TupleType((U8, BOOL)), TupleType((E, maybe(BOOL))), TupleType((I8, E)), TupleType((BOOL, maybe(E), BOOL)),
         ArrayType(BOOL, 3), ArrayType(maybe(BOOL), 2), TupleType((ArrayType(BOOL, 2), E))]

#: the integers the patterns mention: near the ends of the types and each other
INT_POINTS = {U8: [0, 1, 2, 9, 10, 100, 127, 128, 254, 255], I8: [-128, -127, -2, -1, 0, 1, 9, 10, 126, 127]}


def enum_def(ty: EnumType) -> t.EnumDef:
    return SPACE.enums[ty.name]


_VALUES: dict[Type, list] = {}


def values(ty: Type) -> list:
    """Every value of `ty`: bool, int, (variant, fields) or a tuple of values."""
    if ty not in _VALUES:
        _VALUES[ty] = _all_values(ty)
    return _VALUES[ty]


def _all_values(ty: Type) -> list:
    if ty == BOOL:
        return [False, True]
    if isinstance(ty, IntType):
        return list(range(-(1 << 7), 1 << 7)) if ty.signed else list(range(1 << 8))
    if isinstance(ty, EnumType):
        enum = enum_def(ty)
        return [(i, fields) for i in range(len(enum.variants))
                for fields in itertools.product(*(values(f) for f in enum.variant_types(ty.args, i)))]
    if isinstance(ty, ArrayType):
        return list(itertools.product(values(ty.elem), repeat=ty.length))
    assert isinstance(ty, TupleType)
    return list(itertools.product(*(values(e) for e in ty.elems)))


def matches(p: t.Pattern, v) -> bool:
    """What each pattern kind means (docs/reference.md, section 6)."""
    if isinstance(p, t.PatWild):
        return True
    if isinstance(p, t.PatBind):
        return p.sub is None or matches(p.sub, v)
    if isinstance(p, t.PatLit):
        return v == p.value and isinstance(v, bool) == isinstance(p.value, bool)
    if isinstance(p, t.PatRange):
        lo, hi = p.bounds(p.ty.bits, p.ty.signed)
        return lo <= v <= hi
    if isinstance(p, t.PatOr):
        return any(matches(a, v) for a in p.alts)
    if isinstance(p, t.PatTuple):
        return all(matches(e, x) for e, x in zip(p.elems, v))
    if isinstance(p, t.PatVariant):
        return v[0] == p.variant and all(matches(f, v[1][i]) for i, f in p.fields)
    if isinstance(p, t.PatArray):
        return all(matches(e, v[i]) for i, e in p.elems)
    raise AssertionError(p)


def in_witness(w: Witness, ty: Type, v) -> bool:
    """Whether value `v` is one of those witness `w` stands for."""
    c = w.ctor
    if c is None:
        return True
    if c.kind == "bool":
        return v == c.value
    if c.kind == "range":
        return c.lo <= v <= c.hi
    if c.kind == "variant":
        types = enum_def(ty).variant_types(ty.args, c.index)
        return v[0] == c.index and all(in_witness(f, fty, x) for f, fty, x in zip(w.fields, types, v[1]))
    if isinstance(ty, ArrayType):  # the parts are the elements at `positions`; the others are anything
        assert c.kind == "single" and len(w.fields) == len(c.positions)
        return all(in_witness(f, ty.elem, v[i]) for f, i in zip(w.fields, c.positions))
    assert c.kind == "single" and isinstance(ty, TupleType)
    return all(in_witness(f, e, x) for f, e, x in zip(w.fields, ty.elems, v))


_next_local = itertools.count(1)


def binding(ty: Type, sub: t.Pattern | None = None) -> t.PatBind:
    return t.PatBind(SPAN, ty, t.Local(f"x{next(_next_local)}", ty, False, 0), False, sub)


def patterns(ty: Type, depth: int = 0) -> st.SearchStrategy[t.Pattern]:
    """Patterns of `ty`: wildcards, bindings, `x @ p`, literals, ranges (open,
    half-open, inclusive), variants naming some fields, tuples, or-patterns."""
    anything = st.sampled_from([t.PatWild(SPAN, ty), None]).map(lambda p: p or binding(ty))
    if ty == BOOL:
        specific = st.sampled_from([True, False]).map(lambda b: t.PatLit(SPAN, ty, b))
    elif isinstance(ty, IntType):
        point = st.sampled_from(INT_POINTS[ty])
        literal = point.map(lambda n: t.PatLit(SPAN, ty, n))
        ranges = st.tuples(st.one_of(st.none(), point), st.one_of(st.none(), point), st.booleans()).filter(
            # (`lo..hi` needs lo < hi; `..` is no range; `..hi` without `=` does not parse in farc yet: bugs.md)
            lambda r: (r[0] is None or r[1] is None or r[0] <= r[1] - (0 if r[2] else 1))
            and (r[2] or (r[0] is not None and r[1] is not None)) and (r[0] is not None or r[1] is not None)
        ).map(lambda r: t.PatRange(SPAN, ty, r[0], r[1], r[2]))
        specific = st.one_of(literal, ranges)
    elif isinstance(ty, EnumType):
        enum = enum_def(ty)

        def variant(index: int) -> st.SearchStrategy[t.Pattern]:
            types = enum.variant_types(ty.args, index)
            subsets = st.lists(st.sampled_from(range(len(types))), unique=True) if types else st.just([])
            return subsets.flatmap(lambda named: st.tuples(*(patterns(types[i], depth + 1) for i in named)).map(
                lambda subs: t.PatVariant(SPAN, ty, enum, index, list(zip(named, subs)))))
        specific = st.sampled_from(range(len(enum.variants))).flatmap(variant)
    elif isinstance(ty, ArrayType):  # `[a, _, c]`: the elements named, as the checker keeps them
        subsets = st.lists(st.sampled_from(range(ty.length)), unique=True).map(sorted)
        specific = subsets.flatmap(lambda named: st.tuples(*(patterns(ty.elem, depth + 1) for _ in named)).map(
            lambda subs: t.PatArray(SPAN, ty, list(zip(named, subs)))))
    else:
        assert isinstance(ty, TupleType)
        specific = st.tuples(*(patterns(e, depth + 1) for e in ty.elems)).map(
            lambda elems: t.PatTuple(SPAN, ty, list(elems)))
    if depth >= 2:
        return st.one_of(anything, specific)
    alternatives = st.lists(specific, min_size=2, max_size=3).map(lambda alts: t.PatOr(SPAN, ty, alts))
    named = specific.map(lambda p: binding(ty, p))
    return st.one_of(anything, specific, specific, alternatives, named)


# ---------------------------------------------------------------------------
# farc source of patterns and values

ENUM_SOURCE = """enum E { A, B(bool), C(bool, bool) }
enum Maybe<T> { Nothing, Just(T) }
"""


def type_source(ty: Type) -> str:
    if isinstance(ty, TupleType):
        return "(" + ", ".join(type_source(e) for e in ty.elems) + ")"
    if isinstance(ty, ArrayType):
        return f"[{type_source(ty.elem)}; {ty.length}]"
    return str(ty)


def pattern_source(p: t.Pattern, names: itertools.count, in_alternative: bool = False) -> str:
    """`p` as farc source. A binding inside an or-pattern is written `_` (its
    alternatives would have to bind the same names); every other binding gets
    a name of its own."""
    if isinstance(p, t.PatWild):
        return "_"
    if isinstance(p, t.PatBind):
        if in_alternative:
            return pattern_source(p.sub, names, True) if p.sub is not None else "_"
        name = f"v{next(names)}"
        return f"{name} @ {pattern_source(p.sub, names)}" if p.sub is not None else name
    if isinstance(p, t.PatLit):
        return ("true" if p.value else "false") if isinstance(p.value, bool) else str(p.value)
    if isinstance(p, t.PatRange):
        lo = "" if p.lo is None else str(p.lo)
        if p.hi is None:
            return f"{lo}.."
        return f"{lo}{'..=' if p.inclusive else '..'}{p.hi}"
    if isinstance(p, t.PatOr):
        return "(" + " | ".join(pattern_source(a, names, True) for a in p.alts) + ")"
    if isinstance(p, t.PatTuple):
        elems = [pattern_source(e, names, in_alternative) for e in p.elems]
        return f"({elems[0]},)" if len(elems) == 1 else "(" + ", ".join(elems) + ")"
    if isinstance(p, t.PatVariant):
        variant = p.enum.variants[p.variant]
        if not variant.fields:
            return f"{p.enum.name}::{variant.name}"
        fields = ["_"] * len(variant.fields)
        for i, sub in p.fields:
            fields[i] = pattern_source(sub, names, in_alternative)
        return f"{p.enum.name}::{variant.name}(" + ", ".join(fields) + ")"
    if isinstance(p, t.PatArray):
        elems = ["_"] * p.ty.length  # type: ignore[attr-defined]
        for i, sub in p.elems:
            elems[i] = pattern_source(sub, names, in_alternative)
        return "[" + ", ".join(elems) + "]"
    raise AssertionError(p)


def value_source(ty: Type, v) -> str:
    if ty == BOOL:
        return "true" if v else "false"
    if isinstance(ty, IntType):
        return str(v)
    if isinstance(ty, EnumType):
        enum = enum_def(ty)
        variant = enum.variants[v[0]]
        types = enum.variant_types(ty.args, v[0])
        if not types:
            return f"{enum.name}::{variant.name}"
        return f"{enum.name}::{variant.name}(" + ", ".join(value_source(f, x) for f, x in zip(types, v[1])) + ")"
    if isinstance(ty, ArrayType):
        return "[" + ", ".join(value_source(ty.elem, x) for x in v) + "]"
    assert isinstance(ty, TupleType)
    return "(" + ", ".join(value_source(e, x) for e, x in zip(ty.elems, v)) + ")"
