"""Type aliases: `type Word = u32;`, `type Pair<T> = (T, T);`,
`type Far<const M: usize> = #[mem_idx(M)] *const u32;`.

An alias is another name for its type, as in Rust: where it is named
(`Pair<u8>`, `Far<1>`) it is its type with the alias's generic parameters
replaced by the arguments, which must all be given (E0107). Nothing of the
type changes, memories included: an alias of a far pointer type is that far
pointer type, and every memory rule applies as to the type written out.
Bounds and `where` clauses on an alias are not enforced (nor by rustc, which
warns about them). An alias whose type names the alias again, directly or
through other aliases, is E0391.

Each alias's type is resolved once (errors in it are reported once, at the
alias, whether or not it is used); a use substitutes the arguments.

In values and patterns an alias of a struct or enum type builds and matches
values as the type does (`Alias { x: 1 }`, `Alias::Some(3)`, the same in
patterns; as in Rust, not `Alias(1, 2)` for a tuple struct): its arguments
are written (`P::<u8> { .. }`) or inferred like the type's own
(`instance`), and the fields' types, memories included, are those of the
type the alias names.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import ERROR, Type, substitute
from .resolve import TYPE_NS, Binding, ModuleScope


def declare(items, module: ModuleScope, decl: ast.TypeAlias) -> None:
    """Define alias `decl` in `module`'s type namespace."""
    key = module.key(decl.name)
    vis = items.resolver.visibility(decl.vis, module)
    if items.resolver.define(module, TYPE_NS, decl.name, Binding("alias", key, decl.name_span, vis, decl)):
        items.alias_decls[key] = (decl, module)


def resolve_all(items) -> None:
    """Resolve every alias's type (so that an unused alias's errors are reported too)."""
    for key in items.alias_decls:
        body(items, key)


def body(items, key: str) -> Type:
    """The type alias `key` stands for, in terms of its own generic parameters."""
    found = items.alias_types.get(key)
    if found is not None:
        return found
    decl, module = items.alias_decls[key]
    if decl.ty is None:  # `type Out: Copy;` outside a trait
        items.sink.report(msg.ALIAS_WITHOUT_TYPE(name=decl.name), decl.span).with_help(
            msg.HELP_ALIAS_WITHOUT_TYPE.format(name=decl.name))
        items.alias_types[key] = ERROR
        return ERROR
    if key in items.aliases_expanding:
        items.sink.report(msg.ALIAS_CYCLE(name=decl.name), decl.name_span, msg.LABEL_ALIAS_CYCLE)
        items.alias_types[key] = ERROR
        return ERROR
    items.aliases_expanding.add(key)
    try:
        resolved = items.resolve_type(decl.ty, items.generic_scope(decl.generics, module))
    finally:
        items.aliases_expanding.discard(key)
    return items.alias_types.setdefault(key, resolved)


def instance(items, key: str, args: tuple, generics, span, fresh) -> Type:
    """The type alias `key` names in a value or pattern: with the arguments
    written, `alias_type`; with none, `fresh(param)` stands for each of its
    parameters (inferred from the fields and the expected type, as a struct
    literal's own arguments are)."""
    decl, _ = items.alias_decls[key]
    params = [g for g in decl.generics if g.kind != "lifetime"]
    if params and not any(not isinstance(a, ast.Lifetime) for a in args):
        resolved = body(items, key)
        return resolved if resolved is ERROR else substitute(resolved, {g.name: fresh(g) for g in params})
    return alias_type(items, key, args, generics, span)


def alias_type(items, key: str, args: tuple, generics, span) -> Type:
    """`key<args>`: the alias's type with its parameters replaced by `args` (as written)."""
    decl, _ = items.alias_decls[key]
    params = [g for g in decl.generics if g.kind != "lifetime"]
    written = [a for a in args if not isinstance(a, ast.Lifetime)]
    if len(written) != len(params):
        names = ", ".join(g.name for g in params)
        if not written:
            items.sink.report(msg.MISSING_GENERICS(kind="type alias", name=decl.name, expected=msg.count(
                len(params), "generic argument")), span).with_help(msg.HELP_MISSING_GENERICS.format(
                    name=decl.name, params=names))
        else:
            items.sink.report(msg.WRONG_TYPE_GENERIC_COUNT(kind="type alias", name=decl.name, expected=msg.count(
                len(params), "generic argument"), supplied=msg.were(len(written))), span)
        return ERROR
    subst: dict[str, object] = {}
    for g, arg in zip(params, written):
        if g.is_const:
            value = items.const_arg(arg, generics)
            subst[g.name] = 0 if value is None else value
        else:
            ty = items.type_arg(arg, generics)
            subst[g.name] = ERROR if ty is None else ty
    resolved = body(items, key)
    return resolved if resolved is ERROR else substitute(resolved, subst)
