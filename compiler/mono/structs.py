"""Instances of generic structs: after monomorphization every struct type is
concrete, and codegen knows structs by name only.

Each generic struct type with concrete arguments (`Buf<u8, 4>`, `Cell<1>`)
becomes a struct of its own, named after them, whose fields are the generic
struct's with the arguments substituted (`StructDef.origin` is the generic
one); every type in the program that mentions it is rewritten to name the
instance. A far pointer field keeps its memory: `Cell<1>` and `Cell<2>` are
two structs whose `ptr` fields point into memories 1 and 2.
"""
from __future__ import annotations

from dataclasses import fields

from ..check import tree as t
from ..types import ArrayType, EnumType, PointerType, StructType, TupleType, Type


def concretize_structs(program: t.Program) -> t.Program:
    """`program` (monomorphized) with every generic struct type replaced by its instance."""
    if not any(s.is_generic for s in program.structs.values()):
        return program
    instances = _Instances(program.structs, program.enums)
    for enum in program.enums.values():  # (a generic enum's payloads: per instance, `_Instances.ty`)
        if not enum.generics:
            for variant in range(len(enum.variants)):
                for fty in enum.variant_types((), variant):
                    instances.ty(fty)
    for struct in list(program.structs.values()):
        if not struct.is_generic:
            struct.fields = [(name, instances.ty(ty)) for name, ty in struct.fields]
    for static in program.statics:
        static.ty = instances.ty(static.ty)
    for fn in program.functions:
        instances.function(fn)
    return t.Program(program.memories, instances.out, program.statics, program.functions, program.source_name,
                     program.traits, program.impls, program.enums)


class _Instances:
    def __init__(self, structs: dict[str, t.StructDef], enums: dict[str, t.EnumDef]) -> None:
        self.structs = structs
        self.enums = enums
        self._enum_instances: set[EnumType] = set()
        self.out: dict[str, t.StructDef] = {k: s for k, s in structs.items() if not s.is_generic}
        self._seen: set[int] = set()
        self._types: dict[Type, Type] = {}

    def ty(self, ty: Type) -> Type:
        """`ty` naming struct instances, memoized: the types of nested
        expressions share their parts, so rewriting every node's type is
        linear in the program's types (`&&&...&x` was quadratic in the depth)."""
        done = self._types.get(ty)
        if done is None:
            done = self._types[ty] = self._ty(ty)
        return done

    def _ty(self, ty: Type) -> Type:
        if isinstance(ty, PointerType):
            return PointerType(self.ty(ty.pointee), ty.mutable, ty.mem, ty.is_ref)
        if isinstance(ty, ArrayType):
            return ArrayType(self.ty(ty.elem), ty.length)
        if isinstance(ty, TupleType):
            return TupleType(tuple(self.ty(e) for e in ty.elems))
        if isinstance(ty, EnumType) and ty.args:
            concrete_enum = EnumType(ty.name, tuple(self.ty(a) if isinstance(a, Type) else a for a in ty.args))
            enum = self.enums.get(ty.name)
            if enum is not None and concrete_enum not in self._enum_instances:
                # the instances of the structs its payloads hold, which its layout looks up (`layout.struct_key`)
                self._enum_instances.add(concrete_enum)
                for variant in range(len(enum.variants)):
                    for fty in enum.variant_types(concrete_enum.args, variant):
                        self.ty(fty)
            return concrete_enum
        if isinstance(ty, StructType) and ty.args:
            concrete = StructType(ty.name, tuple(self.ty(a) if isinstance(a, Type) else a for a in ty.args))
            name = str(concrete)
            if name not in self.out:
                generic = self.structs[ty.name]
                instance = t.StructDef(name, [], generic.span, origin=generic, home=generic.home_in(concrete))
                self.out[name] = instance  # first: a field may point back to it
                instance.fields = [(field, self.ty(fty)) for (field, _), fty in
                                   zip(generic.fields, generic.field_types(concrete))]
            return StructType(name)
        return ty

    def function(self, fn: t.FnDef) -> None:
        fn.ret = self.ty(fn.ret)
        for param in fn.params:
            self.local(param)
        if fn.body is not None:
            self.node(fn.body)

    def local(self, local: t.Local) -> None:
        if id(local) not in self._seen:
            self._seen.add(id(local))
            local.ty = self.ty(local.ty)

    def node(self, node) -> None:
        """Rewrite the types in `node`'s tree: every node's `ty` (and a
        builtin's `type_arg`), the locals it declares or uses, and the struct
        of a struct literal or pattern (the instance its type names)."""
        todo = [node]
        while todo:
            n = todo.pop()
            if isinstance(n, (list, tuple)):
                todo.extend(n)
                continue
            if isinstance(n, t.Local):
                self.local(n)
                continue
            if not isinstance(n, _NODES):
                continue
            if getattr(n, "ty", None) is not None:
                n.ty = self.ty(n.ty)
            if isinstance(n, t.Builtin) and n.type_arg is not None:
                n.type_arg = self.ty(n.type_arg)
            elif isinstance(n, (t.StructLit, t.PatStruct)) and isinstance(n.ty, StructType):
                n.struct = self.out[n.ty.name]
            for name in _field_names(type(n)):
                value = getattr(n, name)
                if isinstance(value, (list, tuple, t.Local)) or isinstance(value, _NODES):
                    todo.append(value)


_NODES = (tuple(t.TExpr.__args__) + tuple(t.Pattern.__args__)  # type: ignore[attr-defined]
          + (t.Let, t.LetPattern, t.ExprStmt, t.MatchArm))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names
