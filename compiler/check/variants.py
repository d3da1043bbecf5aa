"""Enum variants used as values: `Shape::Empty`, `Shape::Circle(r)`,
`Shape::Rect { w, h }` (and variants brought in by `use`). A variant's
fields are coercion sites like a struct literal's (a pointer into the wrong
memory is M0007); a generic enum's parameters become inference variables,
bound by a turbofish on the enum or the variant, the expected type or the
fields, so `Maybe::Some(p)` with a far `p` is a `Maybe<#[mem_idx(1)] *const
u8>` and stays one.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

import dataclasses

from .. import messages as msg
from ..syntax import ast
from ..types import EnumType, ErrorType, Type, ERROR
from . import aliases
from . import tree as t
from .coercion import STORE
from .enums import memory_params, variant_field_types, variant_of, variant_word
from .infer import TyVar
from .resolve import VALUE_NS, Binding


class VariantRules:
    def variant_binding(self, path: ast.Path, ns: str = VALUE_NS) -> Binding | None:
        """The variant `path` names (`Shape::Circle`, `Maybe::<u8>::None`, a
        variant imported by `use`), quietly; None if it names none."""
        if path.qself is not None:
            return None
        r = self.items.lookup(path.segments, ns, self.generics, path.span, quiet=True)
        if r is not None and r.type_prefix and r.binding is not None and r.binding.kind == "alias" \
                and len(r.rest) == 1:
            return self.alias_variant(r.binding.key, r.rest[0])  # `Alias::Some`
        if r is None or r.type_prefix or r.binding is None or r.binding.kind != "variant":
            return None
        return r.binding

    def alias_variant(self, alias_key: str, name: str) -> Binding | None:
        """The variant `name` of the enum that type alias `alias_key` names
        (`type Opt = Maybe<u8>;` `Opt::Some`), or None."""
        ty = aliases.body(self.items, alias_key)
        decl = self.items.enum_decls.get(ty.name) if isinstance(ty, EnumType) else None
        variant = next((v for v in decl.variants if v.name == name), None) if decl is not None else None
        if variant is None:
            return None
        return Binding("variant", f"{ty.name}::{name}", variant.name_span, None, variant)

    def alias_prefix(self, path: ast.Path) -> Binding | None:
        """The type alias a variant path starts with (`Alias::Some`), or None."""
        if path.qself is not None or len(path.segments) < 2:
            return None
        r = self.items.lookup(path.segments, VALUE_NS, self.generics, path.span, quiet=True)
        if r is None or not r.type_prefix or r.binding is None or r.binding.kind != "alias":
            return None
        return r.binding

    def alias_instance(self, key: str, args: tuple, span) -> Type:
        """The type alias `key` names where a value or pattern uses it: its
        arguments as written, else inference variables."""
        return aliases.instance(self.items, key, args, self.generics, span, lambda g: (
            self.infer.fresh_mem(g.name, key) if g.is_const else self.infer.fresh()))

    def instantiate_enum(self, key: str, args: tuple, path: ast.Path) -> EnumType:
        """The enum `key` a type-relative path starts with (`Shape::new`,
        `Maybe::<u8>::none`): the arguments written there, else fresh variables."""
        return self.enum_instance(dataclasses.replace(path, generic_args=tuple(args), prefix_args=()),
                                  self.items.enums[key], None)

    def enum_instance(self, path: ast.Path, enum: t.EnumDef, expected: Type | None) -> EnumType:
        """The type of a variant path: fresh variables for the enum's generic
        parameters, bound by a turbofish on the enum or on the variant
        (`Maybe::<u8>::None`, `Maybe::None::<u8>`), else by the expected type."""
        args: list[object] = [self.infer.fresh_mem(name, enum.name) if is_const else self.infer.fresh()
                              for name, is_const in enum.generics]
        ty = EnumType(enum.name, tuple(args))
        turbofish = path.generic_args or (path.prefix_args[-1] if path.prefix_args else ())
        alias = self.alias_prefix(path)
        if alias is not None:  # `Alias::Some(3)`, `Alias::<u8>::None`: the enum type the alias names
            index = len(path.segments) - 2
            alias_args = path.prefix_args[index] if index < len(path.prefix_args) else ()
            self.infer.unify(ty, self.alias_instance(alias.key, alias_args, path.span))
            turbofish = path.generic_args
        if turbofish:
            if len(turbofish) != len(enum.generics):
                self.error(msg.ENUM_GENERIC_COUNT(name=enum.name, expected=msg.count(
                    len(enum.generics), "generic argument"), supplied=msg.were(len(turbofish))), path.span)
            else:
                for (name, is_const), arg, var in zip(enum.generics, turbofish, args):
                    if is_const:
                        value = self.const_generic_arg(arg)
                        self.infer.mems[var.id] = 0 if value is None else value  # type: ignore[union-attr]
                    else:
                        given = self.generic_type_arg(arg)
                        if given is not None:
                            self.infer.unify(var, given)  # type: ignore[arg-type]
        exp = self.infer.shallow(expected) if expected is not None else None
        if isinstance(exp, EnumType) and exp.name == enum.name:
            self.infer.unify(exp, ty)
        elif isinstance(exp, ErrorType):  # (reported): nothing to infer from, nothing more to report
            for var in args:
                if isinstance(var, TyVar):
                    self.infer.types[var.id] = ERROR  # (unify lets the error type fit without binding)
                else:
                    self.infer.unify_mem(var, 0)
        return ty

    def variant_value(self, e, path: ast.Path, binding: Binding, expected: Type | None,
                      args: tuple[ast.Expr, ...] | None = None,
                      fields: tuple[ast.StructLitField, ...] | None = None) -> t.TExpr:
        """A variant used as a value: `E::A` (`args` and `fields` None), called
        `E::B(..)` (`args`), or with named fields `E::C { .. }` (`fields`)."""
        found = variant_of(self.items, binding)
        if found is None:
            return self.rest_of_values(e, args, fields)
        enum, index = found
        variant = enum.variants[index]
        name = "::".join(path.segments)
        form = "unit" if args is None and fields is None else ("tuple" if args is not None else "named")
        if form != variant.kind:
            self.wrong_variant_form(e, path, variant, form, name)
            return self.rest_of_values(e, args, fields)
        ty = self.enum_instance(path, enum, expected)
        types = variant_field_types(enum, ty, index)
        order = None
        if form == "tuple":
            values = self.variant_args(e, args, types, name)
        elif form == "named":
            order = [i for f in fields if (i := variant.field_index(f.name)) is not None]
            values = self.variant_fields(e, variant, fields, types, name)
        else:
            values = []
        if values is None:
            return t.UnitConst(e.span, ERROR)
        return self.new_node(t.VariantLit(e.span, ty, enum, index, values, order))

    def wrong_variant_form(self, e, path: ast.Path, variant: t.VariantDef, form: str, name: str) -> None:
        if form == "tuple":
            self.error(msg.NOT_FUNCTION_ITEM(kind=variant_word(variant), name=name), path.span,
                       msg.LABEL_NOT_FUNCTION)
        elif form == "unit" and variant.kind == "tuple":
            self.error(msg.FUNCTION_VALUE(name=name), path.span, msg.LABEL_CALL_IT.format(name=name))
        elif form == "unit":
            self.error(msg.STRUCT_VARIANT_VALUE(name=name), path.span).with_help(
                msg.HELP_STRUCT_VARIANT.format(name=name))
        else:
            self.error(msg.EXPECTED_STRUCT_VARIANT(kind=variant_word(variant), name=name), path.span)

    def variant_args(self, e: ast.Call, args: tuple[ast.Expr, ...], types: list[Type], name: str):
        if len(args) != len(types):
            self.error(msg.VARIANT_ARG_COUNT(expected=msg.count(len(types), "field"),
                                             supplied=msg.were(len(args))), e.span,
                       msg.LABEL_EXPECTED_COUNT.format(n=len(types)))
            for arg in args:
                self.expr(arg)
            return None
        return [self.coerced(arg, fty, STORE) for arg, fty in zip(args, types)]

    def variant_fields(self, e: ast.StructLit, variant: t.VariantDef, fields, types: list[Type], name: str):
        values: list[t.TExpr | None] = [None] * len(types)
        unknown = False
        for f in fields:
            index = variant.field_index(f.name)
            if index is None:
                self.error(msg.VARIANT_NO_FIELD(name=name, field=f.name), f.span, msg.LABEL_UNKNOWN_FIELD)
                self.expr(f.value)
                unknown = True
                continue
            if values[index] is not None:
                self.error(msg.FIELD_TWICE(name=f.name), f.span)
            values[index] = self.coerced(f.value, types[index], STORE)
        if e.base is not None:
            self.expr(e.base)
            self.error(msg.VARIANT_UPDATE(), e.base.span)
            return None
        missing = [variant.fields[i][0] for i, v in enumerate(values) if v is None]
        if unknown:  # (reported): the misspelt field is most likely the missing one
            return None
        if missing:
            listed = ("fields " if len(missing) > 1 else "field ") + ", ".join(f"`{m}`" for m in missing)
            self.error(msg.MISSING_FIELDS(fields=listed, name=name), e.span)
            return None
        return values

    def rest_of_values(self, e, args, fields) -> t.TExpr:
        for arg in args or ():
            self.expr(arg)
        for f in fields or ():
            self.expr(f.value)
        return t.UnitConst(e.span, ERROR)

    def enum_memory_arg(self, name: str, position: int) -> bool:
        """Whether the const argument `position` of enum `name` is a memory (infer.py)."""
        enum = self.items.enums.get(name)
        if enum is None:
            return True
        cache = self.items.enum_memory_params
        if name not in cache:
            cache[name] = memory_params(enum, self.items.enums)
        return position in cache[name]
