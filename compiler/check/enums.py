"""Enums: their declaration (variants, discriminants, the tag type, generic
parameters), the paths to their variants, and the values the variants make.

An enum is an item of the type namespace whose variants live in a scope of
their own (a `ModuleScope` of the resolver), so `Shape::Circle` resolves like
a path through a module and `use Shape::*` imports the variants, as in Rust.

Discriminants are Rust's: `#[repr(u8)]` (any integer type) makes it their
type, otherwise `isize`; an explicit `= expr` is a constant of that type, an
implicit one the previous plus one (E0370 when that overflows), two equal
ones are E0081, and explicit discriminants on an enum with fields need a
`#[repr(int)]` (E0732). The tag, the integer a value stores its discriminant
in, is the `#[repr]` type, `i32` for `#[repr(C)]`, else the smallest of
`u8`/`i8`, `u16`/`i16`, `u32`/`i32` that holds every discriminant
(codegen.layout lays a value out as the tag, then the variant's fields).

A generic enum (`enum Maybe<T> { None, Some(T) }`, `enum Slot<const M:
usize> { Far(#[mem_idx(M)] *const u8) }`) has field types that mention its
parameters; an `EnumType` carries the arguments, and every use substitutes
them, so `Slot<1>` and `Slot<2>` are different types whose payloads point
into different memories. A const parameter used as a memory index makes a
mismatch of that argument a memory mismatch (M0001, M0002, ...).

`declare` / `resolve` / `reject_recursive` are called by `items.Items`;
the values of variants are checked by `variants.VariantRules`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import ArrayType, ConstParam, EnumType, PointerType, StructType, TupleType, Type, ERROR, INTS, ISIZE
from . import tree as t
from . import unsupported
from ..consteval import NotConstant, evaluate, int_fits
from .resolve import TYPE_NS, VALUE_NS, Binding, ModuleScope

#: the integer types `#[repr(..)]` may name
REPR_INTS = tuple(INTS)


# ---------------------------------------------------------------------------
# Declaration (called by items.Items)


def declare(items, module: ModuleScope, decl: ast.EnumDecl, scope) -> None:
    """Define enum `decl` in `module`'s type namespace and its variants in a
    scope of its own (values and types, as Rust has tuple and unit variants
    in both namespaces). `scope` is the `items.Generics` its field types are
    resolved in."""
    key = module.key(decl.name)
    vis = items.resolver.visibility(decl.vis, module)
    problems = _enum_problems(decl)
    if problems:
        for construct, span in problems:
            unsupported.report(items.sink, construct, span)
        items.unchecked_names.add(key)
        items.resolver.define(module, TYPE_NS, decl.name, Binding("unchecked", key, decl.name_span, vis, decl))
        return
    variants = ModuleScope(decl.name, module.path + (decl.name,), module.crate, module, decl.name_span)
    if not items.resolver.define(module, TYPE_NS, decl.name, Binding("enum", key, decl.name_span, vis, decl,
                                                                     variants)):
        return
    for v in decl.variants:
        binding = Binding("variant", variants.key(v.name), v.name_span, vis, v)
        if items.resolver.define(variants, VALUE_NS, v.name, binding):
            variants.types[v.name] = binding
    items._derive(module, decl)  # `#[derive(..)]`: impls like a struct's (derive.py)
    generics = [(g.name, g.is_const) for g in decl.generics]
    items.enum_decls[key] = decl
    items.enums[key] = t.EnumDef(key, [], generics, ISIZE, ISIZE, decl.span)
    items.scopes[key] = scope


def _enum_problems(decl: ast.EnumDecl) -> list:
    return unsupported.generics_problems(decl.generics, decl.where)[:1]


def resolve(items, key: str) -> None:
    """The variants of enum `key`: their fields' types and discriminants, and the tag type."""
    decl: ast.EnumDecl = items.enum_decls[key]
    enum: t.EnumDef = items.enums[key]
    scope = items.scopes[key]
    repr_int, repr_c = _repr(decl, items)
    enum.discriminant_type = INTS[repr_int] if repr_int is not None else ISIZE
    has_fields = any(v.kind != "unit" for v in decl.variants)
    explicit = [v for v in decl.variants if v.discriminant is not None]
    if explicit and has_fields and repr_int is None:
        items.sink.report(msg.DISCRIMINANT_NEEDS_REPR(), explicit[0].discriminant.span).with_help(
            msg.HELP_DISCRIMINANT_REPR.format(name=decl.name))
    seen: dict[int, ast.Variant] = {}
    previous: int | None = None
    for v in decl.variants:
        fields = _variant_fields(items, v, scope)
        value = _discriminant(items, enum, v, previous, scope)
        if value is None:  # (reported): a value of its own, so no E0081 follows
            value = max(seen, default=-1) + 1
        elif value in seen:
            items.sink.report(msg.DISCRIMINANT_TWICE(value=value), v.name_span, msg.LABEL_DISCRIMINANT_TWICE.format(
                value=value)).with_label(seen[value].name_span, msg.LABEL_DISCRIMINANT_FIRST.format(value=value))
        seen.setdefault(value, v)
        previous = value
        enum.variants.append(t.VariantDef(v.name, v.kind, fields, value, v.name_span))
    enum.tag = _tag_type(enum, repr_int, repr_c)


def _repr(decl: ast.EnumDecl, items) -> tuple[str | None, bool]:
    """The integer type `#[repr(..)]` names, and whether it says `C`."""
    repr_int, repr_c = None, False
    for attr in decl.attrs:
        if attr.name != "repr":
            continue
        for arg in attr.args or ():
            word = arg.value.name if isinstance(arg.value, ast.Ident) else None
            if word in REPR_INTS:
                repr_int = word
            elif word == "C":
                repr_c = True
            else:
                items.sink.report(msg.ENUM_REPR(what=word or arg.value), arg.span).with_help(msg.HELP_ENUM_REPR)
    return repr_int, repr_c


def _variant_fields(items, v: ast.Variant, scope) -> list[tuple[str, Type]]:
    fields: list[tuple[str, Type]] = []
    seen: set[str] = set()
    for f in v.fields:
        if f.name in seen:
            items.sink.report(msg.DUPLICATE_FIELD_DECL(name=f.name), f.span)
            continue
        seen.add(f.name)
        fields.append((f.name, items.resolve_type(f.ty, scope)))
    return fields


def _discriminant(items, enum: t.EnumDef, v: ast.Variant, previous: int | None, scope) -> int | None:
    """The discriminant of `v`: its explicit value, or the previous one plus one;
    None after reporting why it has none."""
    dty = enum.discriminant_type
    if v.discriminant is None:
        value = 0 if previous is None else previous + 1
        if not int_fits(value, dty):
            items.sink.report(msg.DISCRIMINANT_OVERFLOW(), v.name_span, msg.LABEL_DISCRIMINANT_OVERFLOW.format(
                previous=previous, ty=dty)).with_note(msg.NOTE_DISCRIMINANT_EXPLICIT.format(name=v.name))
            return None
        return value
    errors = len(items.sink.errors)
    typed = items.check_const_expr(v.discriminant, dty, scope)
    if len(items.sink.errors) > errors:
        return None
    try:
        value = evaluate(typed, items.const_fn_body)
    except NotConstant as e:
        e.report(items.sink, msg.DISCRIMINANT_NOT_CONSTANT, msg.DISCRIMINANT_EVAL_FAILED, v.discriminant.span,
                 name=v.name)
        return None
    return int(value)


def _tag_type(enum: t.EnumDef, repr_int: str | None, repr_c: bool) -> Type:
    if repr_int is not None:
        return INTS[repr_int]
    if repr_c:
        return INTS["i32"]
    values = [v.discriminant for v in enum.variants] or [0]
    signed = min(values) < 0
    for bits in (8, 16, 32):
        ty = INTS[f"{'i' if signed else 'u'}{bits}"]
        if all(int_fits(x, ty) for x in values):
            return ty
    return ISIZE


def reject_recursive(items) -> None:
    """An enum that contains itself by value (through fields, structs, tuples,
    arrays or other enums) has no size: E0072, as for structs."""
    for key, enum in items.enums.items():
        if any(contains(items, fty, key, set()) for v in enum.variants for _, fty in v.fields):
            items.sink.report(msg.RECURSIVE_STRUCT(name=key), items.enum_decls[key].name_span).with_help(
                msg.HELP_BREAK_RECURSION)
            for v in enum.variants:  # the fields stay (uses keep their arity), with no type to lay out
                v.fields = [(name, ERROR) for name, _ in v.fields]


#: instances looked into before giving up on a type that only grows (`S<T>` holding an `E<(T, T)>` holding
#: an `S<(T, T)>`, ...): monomorphization stops such a program (its polymorphic recursion limit)
MAX_CONTAINED_INSTANCES = 64


def contains(items, ty: Type, target: str, seen: set[Type]) -> bool:
    """Whether a value of `ty` holds a value of the struct or enum `target`
    (not behind a pointer). Instances are looked into once each (`seen`): a
    generic type's arguments are in its fields (`A<B>` holds a `B`)."""
    if isinstance(ty, ArrayType):
        return contains(items, ty.elem, target, seen)
    if isinstance(ty, TupleType):
        return any(contains(items, e, target, seen) for e in ty.elems)
    if isinstance(ty, (StructType, EnumType)):
        if ty.name == target:
            return True
        if ty in seen or len(seen) > MAX_CONTAINED_INSTANCES:
            return False
        seen.add(ty)
        return any(contains(items, f, target, seen) for f in t.stored_types(items.structs, items.enums, ty))
    return False


# ---------------------------------------------------------------------------
# Types


def memory_params(enum: t.EnumDef, enums: dict) -> set[int]:
    """Positions of the const parameters of `enum` that some field uses as a
    memory index (directly in a pointer type, or passed on to another enum's
    memory parameter)."""
    names = {name for name, is_const in enum.generics if is_const}
    used: set[str] = set()

    def scan(ty: Type, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(ty, PointerType):
            if isinstance(ty.mem, ConstParam):
                used.add(ty.mem.name)
            scan(ty.pointee, depth)
        elif isinstance(ty, ArrayType):
            scan(ty.elem, depth)
        elif isinstance(ty, TupleType):
            for e in ty.elems:
                scan(e, depth)
        elif isinstance(ty, EnumType):
            inner = enums.get(ty.name)
            inner_mems = memory_params(inner, enums) if inner is not None and inner is not enum else set()
            for i, arg in enumerate(ty.args):
                if isinstance(arg, Type):
                    scan(arg, depth + 1)
                elif isinstance(arg, ConstParam) and i in inner_mems:
                    used.add(arg.name)

    for v in enum.variants:
        for _, fty in v.fields:
            scan(fty)
    return {i for i, (name, is_const) in enumerate(enum.generics) if is_const and name in used & names}


def enum_type(items, key: str, texpr: ast.PathType, generics) -> Type:
    """The type a path naming enum `key` denotes with its generic arguments
    (`Maybe<u32>`, `Slot<1>`, `Slot<M>`): E0107 for a wrong number of them."""
    enum: t.EnumDef = items.enums[key]
    args = texpr.generic_args
    if len(args) != len(enum.generics):
        items.sink.report(msg.ENUM_GENERIC_COUNT(name=texpr.name, expected=msg.count(
            len(enum.generics), "generic argument"), supplied=msg.were(len(args))), texpr.span)
        return ERROR
    values = []
    for (name, is_const), arg in zip(enum.generics, args):
        value = items.const_arg(arg, generics) if is_const else items.type_arg(arg, generics)
        if value is None or value is ERROR:
            return ERROR
        values.append(value)
    return EnumType(key, tuple(values))


def variant_field_types(enum: t.EnumDef, ty: EnumType, variant: int) -> list[Type]:
    """The field types of variant number `variant` of `enum` at type `ty`."""
    return enum.variant_types(ty.args, variant)


def variant_of(items, binding: Binding) -> tuple[t.EnumDef, int] | None:
    """The enum and variant number a `variant` binding names."""
    enum_key, _, name = binding.key.rpartition("::")
    enum = items.enums.get(enum_key)
    if enum is None:
        return None
    index = enum.variant_index(name)
    return None if index is None else (enum, index)


def variant_word(variant: t.VariantDef) -> str:
    """How messages name a variant's kind: "unit variant", "tuple variant", "struct variant"."""
    return {"unit": "unit variant", "tuple": "tuple variant", "named": "struct variant"}[variant.kind]
