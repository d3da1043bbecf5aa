"""Exhaustiveness (E0004) and refutability (E0005) against brute force: for
random lists of typed patterns over small finite types (bool, u8, i8, a
fieldful enum, generic enums and tuples of them), `witnesses` finds no value
exactly when every value of the type is matched by some pattern, and every
value a witness stands for is matched by none (tests/pattern_support.py has
the types, the patterns and what they mean)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.check import tree as t
from compiler.check.exhaustiveness import show, witnesses
from compiler.types import BOOL, ArrayType, EnumType, Type
from pattern_support import MAYBE_DEF, SPACE, SPAN, TYPES, in_witness, matches, maybe, patterns, values


@st.composite
def matches_of_a_type(draw) -> tuple[Type, list[t.Pattern]]:
    ty = draw(st.sampled_from(TYPES))
    return ty, draw(st.lists(patterns(ty), min_size=1, max_size=5))


@settings(max_examples=150, deadline=None)
@given(matches_of_a_type())
def test_witnesses_are_exactly_the_values_no_pattern_matches(case):
    ty, arms = case
    found = witnesses(SPACE, [[p] for p in arms], [ty])
    unmatched = [v for v in values(ty) if not any(matches(p, v) for p in arms)]
    assert bool(found) == bool(unmatched), (found, unmatched[:5])
    for (w,) in found:  # (like rustc's, the listing need not show every unmatched value)
        covered = [v for v in values(ty) if in_witness(w, ty, v)]
        assert covered, w
        assert not any(matches(p, v) for v in covered for p in arms), (w, covered[:5])


def test_a_generic_enum_is_exhaustive_by_its_instance():
    """`Maybe<Maybe<bool>>` has five values; naming each is exhaustive, leaving
    `Just(Just(false))` out is not, and that is the witness."""
    ty = maybe(maybe(BOOL))
    inner = maybe(BOOL)

    def just(sub: t.Pattern, of: EnumType) -> t.PatVariant:
        return t.PatVariant(SPAN, of, MAYBE_DEF, 1, [(0, sub)])
    nothing = t.PatVariant(SPAN, ty, MAYBE_DEF, 0, [])
    arms = [nothing, just(t.PatVariant(SPAN, inner, MAYBE_DEF, 0, []), ty),
            just(just(t.PatLit(SPAN, BOOL, True), inner), ty)]
    (w,), = witnesses(SPACE, [[p] for p in arms], [ty])
    assert [v for v in values(ty) if in_witness(w, ty, v)] == [(1, ((1, (False,)),))]
    arms.append(just(just(t.PatLit(SPAN, BOOL, False), inner), ty))
    assert witnesses(SPACE, [[p] for p in arms], [ty]) == []


def test_a_huge_array_has_only_its_named_elements_as_columns():
    """`[bool; 4294967295]` matched by `[true, ..]` and `[.., true]`: the
    witness is `[false, .., false]`, found without a column per element (the
    matrix had 4 billion columns once, and checking ran out of memory)."""
    ty = ArrayType(BOOL, (1 << 32) - 1)
    last = ty.length - 1
    arms = [t.PatArray(SPAN, ty, [(0, t.PatLit(SPAN, BOOL, True))]),
            t.PatArray(SPAN, ty, [(last, t.PatLit(SPAN, BOOL, True))])]
    (w,), = witnesses(SPACE, [[p] for p in arms], [ty])
    assert show(w, SPACE) == "[false, .., false]"
    assert w.ctor.positions == (0, last)
    arms.append(t.PatArray(SPAN, ty, [(0, t.PatLit(SPAN, BOOL, False)), (last, t.PatLit(SPAN, BOOL, False))]))
    assert witnesses(SPACE, [[p] for p in arms], [ty]) == []
