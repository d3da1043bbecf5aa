"""Which values a list of patterns leaves out: exhaustiveness of `match`
(E0004) and refutability of `let` and parameter patterns (E0005).

The algorithm is the usefulness algorithm of rustc and Maranget ("Warnings
for pattern matching", 2007), computing *witnesses*: the values no row
matches, as patterns to show. The matrix has one row per pattern (the arms
without a guard; or-patterns become several rows) and one column per part
of the value still to look at. At each step the first column's type has
constructors:

* an enum: its variants; `bool`: `false`, `true`;
* an integer type: intervals, split at every bound a pattern in the column
  mentions, so each piece is either inside a pattern's range or outside it
  (values are exact Python integers over the type's whole range);
* tuples, structs, arrays and references: one constructor whose fields are
  the parts (a reference's part is the referenced value); an array's parts
  are only the elements some pattern of the column names (`[a, .., b]`):
  every row matches the others with a wildcard, so they need no column (an
  array of 4 billion elements is not 4 billion columns);
* floats and raw pointers: infinitely many, so only a wildcard covers them.

If the column's patterns name every constructor, each is looked at in turn
(the rows that match it, with its fields as new columns); otherwise the
missing constructors are witnesses whenever the rows that match anything
(wildcards, bindings) leave a witness for the other columns.

Everything here works on the typed patterns of `check.tree` with final
types (after `BodyChecker.finish` resolved them).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..types import (
    ArrayType, BoolType, EnumType, ErrorType, IntType, PointerType, StructType, TupleType, Type,
    UnitType,
)
from . import tree as t

#: witnesses are enough to show, and the search stays small, beyond this
MAX_WITNESSES = 64


# ---------------------------------------------------------------------------
# Constructors


@dataclass(frozen=True)
class Ctor:
    """A constructor of a column's type: kind "variant" (`index`), "bool"
    (`value`), "range" (`lo`..=`hi`), "single" (tuples, structs, arrays,
    references), "float" (`value`), or "any" (the rest of a type with
    infinitely many constructors, never named by a pattern)."""

    kind: str
    index: int = 0
    lo: int = 0
    hi: int = 0
    value: object = None
    #: "single" of an array: the indices of the elements that are parts (see the module docstring)
    positions: tuple[int, ...] = ()


@dataclass(frozen=True)
class Witness:
    """A value (as a pattern) that no row matches: `ctor` applied to `fields`,
    or a wildcard (`ctor` None)."""

    ty: Type
    ctor: Ctor | None = None
    fields: tuple["Witness", ...] = ()


WILD = None  # a wildcard cell of the matrix


class Space:
    """The program's structs and enums: what the constructors of a type and
    their fields' types are."""

    def __init__(self, structs: dict[str, t.StructDef], enums: dict[str, t.EnumDef]) -> None:
        self.structs = structs
        self.enums = enums

    def fields(self, ty: Type, ctor: Ctor) -> list[Type]:
        """The types of the parts a constructor of `ty` has."""
        if ctor.kind == "variant":
            assert isinstance(ty, EnumType)
            return self.enums[ty.name].variant_types(ty.args, ctor.index)
        if ctor.kind != "single":
            return []
        if isinstance(ty, TupleType):
            return list(ty.elems)
        if isinstance(ty, StructType):
            return self.structs[ty.name].field_types(ty)
        if isinstance(ty, ArrayType) and isinstance(ty.length, int):
            return [ty.elem] * len(ctor.positions)
        if isinstance(ty, PointerType):
            return [ty.pointee]
        return []

    def all_ctors(self, ty: Type, column: list[Ctor]) -> list[Ctor] | None:
        """Every constructor of `ty` (integer ranges split by those of `column`);
        None when there are infinitely many."""
        if isinstance(ty, EnumType) and ty.name in self.enums:
            return [Ctor("variant", index=i) for i in range(len(self.enums[ty.name].variants))]
        if isinstance(ty, BoolType):
            return [Ctor("bool", value=False), Ctor("bool", value=True)]
        if isinstance(ty, IntType):
            return _split_ranges(_int_bounds(ty), [c for c in column if c.kind == "range"])
        if isinstance(ty, ArrayType) and isinstance(ty.length, int):
            named = sorted({i for c in column for i in c.positions})
            return [Ctor("single", positions=tuple(named))]
        if isinstance(ty, (TupleType, StructType, UnitType)):
            return [Ctor("single")]
        if isinstance(ty, PointerType) and ty.is_ref:
            return [Ctor("single")]
        return None


def _int_bounds(ty: IntType) -> tuple[int, int]:
    if ty.signed:
        return -(1 << (ty.bits - 1)), (1 << (ty.bits - 1)) - 1
    return 0, (1 << ty.bits) - 1


def _split_ranges(full: tuple[int, int], ranges: list[Ctor]) -> list[Ctor]:
    """`full` cut at every bound of `ranges`: pieces each either inside or
    outside every one of the ranges."""
    cuts = {full[0], full[1] + 1}
    for r in ranges:
        cuts.add(max(r.lo, full[0]))
        cuts.add(min(r.hi, full[1]) + 1)
    points = sorted(c for c in cuts if full[0] <= c <= full[1] + 1)
    return [Ctor("range", lo=a, hi=b - 1) for a, b in zip(points, points[1:])]


def _covers(pattern_ctor: Ctor, ctor: Ctor) -> bool:
    """Whether a pattern with constructor `pattern_ctor` matches values of `ctor`."""
    if pattern_ctor.kind != ctor.kind:
        return False
    if ctor.kind == "variant":
        return pattern_ctor.index == ctor.index
    if ctor.kind in ("bool", "float"):
        return pattern_ctor.value == ctor.value
    if ctor.kind == "range":
        return pattern_ctor.lo <= ctor.lo and ctor.hi <= pattern_ctor.hi
    return ctor.kind == "single"


# ---------------------------------------------------------------------------
# Rows


def _head(p: t.Pattern | None) -> t.Pattern | None:
    """The pattern with bindings looked through (`x @ p` is `p`, `x` is `_`)."""
    while isinstance(p, t.PatBind):
        p = p.sub
    if isinstance(p, t.PatWild):
        return None
    return p


def _ctor_of(p: t.Pattern) -> Ctor:
    if isinstance(p, t.PatVariant):
        return Ctor("variant", index=p.variant)
    if isinstance(p, t.PatLit):
        if isinstance(p.value, bool):
            return Ctor("bool", value=p.value)
        if isinstance(p.value, int):
            return Ctor("range", lo=p.value, hi=p.value)
        return Ctor("float", value=p.value)
    if isinstance(p, t.PatRange):
        assert isinstance(p.ty, IntType), p.ty
        lo, hi = p.bounds(p.ty.bits, p.ty.signed)
        return Ctor("range", lo=lo, hi=hi)
    if isinstance(p, t.PatArray):
        return Ctor("single", positions=tuple(sorted(i for i, _ in p.elems)))
    return Ctor("single")  # tuples, structs, references


def _fields_of(p: t.Pattern, ctor: Ctor, n: int) -> list[t.Pattern | None]:
    """The sub-patterns of `p` for the `n` parts of `ctor` (wildcards where it names none)."""
    out: list[t.Pattern | None] = [WILD] * n
    if isinstance(p, t.PatTuple):
        for i, e in enumerate(p.elems):
            out[i] = e
    elif isinstance(p, t.PatArray):
        part = {index: k for k, index in enumerate(ctor.positions)}
        for i, e in p.elems:
            out[part[i]] = e
    elif isinstance(p, (t.PatStruct, t.PatVariant)):
        for i, e in p.fields:
            if i < n:
                out[i] = e
    elif isinstance(p, t.PatDeref) and n:
        out[0] = p.inner
    return out


def _expand(rows: list[list[t.Pattern | None]]) -> list[list[t.Pattern | None]]:
    """Rows with an or-pattern (looked through bindings) first become one row per alternative."""
    out = []
    todo = list(reversed(rows))
    while todo:
        row = todo.pop()
        head = _head(row[0]) if row else None
        if isinstance(head, t.PatOr):
            todo.extend(reversed([[alt] + row[1:] for alt in head.alts]))
        else:
            out.append(row)
    return out


def _specialize(rows, ctor: Ctor, arity: int):
    out = []
    for row in rows:
        head = _head(row[0])
        if head is None:
            out.append([WILD] * arity + row[1:])
        elif _covers(_ctor_of(head), ctor):
            out.append(_fields_of(head, ctor, arity) + row[1:])
    return out


def witnesses(space: Space, rows: list[list[t.Pattern | None]], types: list[Type]) -> list[list[Witness]]:
    """The values of `types` (one per column) that no row matches, as witnesses."""
    rows = _expand(rows)
    if not types:
        return [] if rows else [[]]
    ty = types[0]
    if isinstance(ty, ErrorType):
        return []  # already reported: no follow-up error
    heads = [h for h in (_head(r[0]) for r in rows) if h is not None]
    column = [_ctor_of(h) for h in heads]
    ctors = space.all_ctors(ty, column)
    present = ctors is not None and all(any(_covers(c, ctor) for c in column) for ctor in ctors)
    if ctors is not None and (present or (len(ctors) == 1 and ctors[0].kind == "single") or not ctors):
        found: list[list[Witness]] = []
        for ctor in ctors:
            parts = space.fields(ty, ctor)
            for w in witnesses(space, _specialize(rows, ctor, len(parts)), parts + types[1:]):
                found.append([Witness(ty, ctor, tuple(w[:len(parts)]))] + w[len(parts):])
                if len(found) >= MAX_WITNESSES:
                    return found
        return found
    rest = witnesses(space, [r[1:] for r in rows if _head(r[0]) is None], types[1:])
    if not rest:
        return []
    if ctors is None or not column:
        heads_missing = [Witness(ty)]
    else:
        missing = [c for c in ctors if not any(_covers(p, c) for p in column)]
        heads_missing = [Witness(ty, c, tuple(Witness(f) for f in space.fields(ty, c))) for c in _merge(missing)]
    return [[h] + w for h in heads_missing for w in rest][:MAX_WITNESSES]


def _merge(ctors: list[Ctor]) -> list[Ctor]:
    """Adjacent missing integer intervals shown as one."""
    out: list[Ctor] = []
    for c in ctors:
        if out and c.kind == "range" and out[-1].kind == "range" and out[-1].hi + 1 == c.lo:
            out[-1] = Ctor("range", lo=out[-1].lo, hi=c.hi)
        else:
            out.append(c)
    return out


def has_error(p: t.Pattern | None) -> bool:
    """Whether a pattern (or a part) failed to check: its matrix says nothing."""
    if p is None:
        return False
    if isinstance(p.ty, ErrorType):
        return True
    if isinstance(p, t.PatBind):
        return has_error(p.sub)
    if isinstance(p, t.PatOr):
        return any(has_error(a) for a in p.alts)
    if isinstance(p, t.PatTuple):
        return any(has_error(e) for e in p.elems)
    if isinstance(p, (t.PatStruct, t.PatVariant)):
        return any(has_error(e) for _, e in p.fields)
    if isinstance(p, t.PatArray):
        return any(has_error(e) for _, e in p.elems)
    if isinstance(p, t.PatDeref):
        return has_error(p.inner)
    return False


def missing_patterns(space: Space, patterns: list[t.Pattern], ty: Type) -> list[str]:
    """The values of `ty` none of `patterns` matches, shown as Rust patterns."""
    return [show(w[0], space) for w in witnesses(space, [[p] for p in patterns], [ty])]


# ---------------------------------------------------------------------------
# Showing witnesses as rustc does: `Shape::Rect { .. }`, `(_, false)`, `i32::MIN..=-1_i32`


def show(w: Witness, space: Space) -> str:
    ty, ctor = w.ty, w.ctor
    if ctor is None:
        return "_"
    if ctor.kind == "bool":
        return "true" if ctor.value else "false"
    if ctor.kind == "range":
        return _show_range(ctor, ty)
    if ctor.kind == "variant":
        assert isinstance(ty, EnumType)
        enum = space.enums[ty.name]
        variant = enum.variants[ctor.index]
        path = f"{ty.name.rpartition('::')[2]}::{variant.name}"
        return _show_fields(path, variant.kind, [n for n, _ in variant.fields], w.fields, space)
    if isinstance(ty, TupleType):
        parts = [show(f, space) for f in w.fields]
        return f"({parts[0]},)" if len(parts) == 1 else "(" + ", ".join(parts) + ")"
    if isinstance(ty, UnitType):
        return "()"
    if isinstance(ty, StructType):
        struct = space.structs[ty.name]
        kind = "tuple" if struct.fields and struct.fields[0][0] == "0" else ("named" if struct.fields else "unit")
        return _show_fields(ty.name.rpartition("::")[2], kind, [n for n, _ in struct.fields], w.fields, space)
    if isinstance(ty, ArrayType):
        return _show_array(ty, ctor.positions, [show(f, space) for f in w.fields])
    if isinstance(ty, PointerType):
        return ("&mut " if ty.mutable else "&") + show(w.fields[0], space)
    return "_"


def _show_array(ty: ArrayType, positions: tuple[int, ...], parts: list[str]) -> str:
    """`[a, b]`, `[a, ..]`, `[.., z]`, `[a, .., z]`: the elements that are parts at
    their places, the longest run of the others as `..`, other runs as `_`s.
    Positions come from patterns' prefixes and suffixes, so only that one run
    can be long (arrays can have billions of elements)."""
    length = ty.length if isinstance(ty.length, int) else 0
    bounds = [-1, *positions, length]
    gaps = [(bounds[k + 1] - bounds[k] - 1, k) for k in range(len(bounds) - 1)]
    longest = max(gaps)[1] if max(gaps)[0] > 0 else -1
    out: list[str] = []
    for k, (gap, _) in enumerate(gaps):
        out.extend([".."] if k == longest else ["_"] * gap)
        if k < len(parts):
            out.append(parts[k])
    return "[" + ", ".join(out) + "]"


def _show_fields(path: str, kind: str, names: list[str], fields: tuple[Witness, ...], space: Space) -> str:
    parts = [show(f, space) for f in fields]
    if kind == "unit":
        return path
    if kind == "tuple":
        return f"{path}(" + ", ".join(parts) + ")"
    named = [f"{n}: {p}" for n, p in zip(names, parts) if p != "_"]
    if len(named) == len(names):
        return f"{path} {{ " + ", ".join(named) + " }"
    return f"{path} {{ " + ", ".join(named + [".."]) + " }"


def _show_range(c: Ctor, ty: Type) -> str:
    if not isinstance(ty, IntType):
        return "_"
    lo, hi = _int_bounds(ty)
    if c.lo == lo and c.hi == hi:
        return "_"

    def bound(v: int) -> str:
        if v == lo and ty.signed:  # (rustc writes an unsigned type's 0 as `0_u8`)
            return f"{ty}::MIN"
        if v == hi:
            return f"{ty}::MAX"
        return f"{v}_{ty}"

    if c.lo == c.hi:
        return bound(c.lo)
    return f"{bound(c.lo)}..={bound(c.hi)}"


def listing(shown: list[str]) -> str:
    """`` `A` ``, `` `A` and `B` ``, `` `A`, `B` and `C` ``, `` `A`, `B`, `C` and 2 more ``."""
    quoted = [f"`{s}`" for s in shown]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) <= 3:
        return ", ".join(quoted[:-1]) + " and " + quoted[-1]
    return ", ".join(quoted[:3]) + f" and {len(quoted) - 3} more"
