"""What one farc module offers the modules linked with it, at the farc level.

A wasm export says `checksum: (i32, i32) -> i32`; that is too little to check
a far call: the two i32 could be a pointer into the callee's memory 0 and a
length, or a length and a pointer. Every module farc builds therefore
carries its `ModuleInterface` in a custom section (`farc.interface`, see
`compiler.wasm.interface`): the farc signature of each exported function
(pointer types with the memory they point into, in the module's own source
indices), the layout of the structs those signatures mention, which wasm memory each
source memory is, and its isolation policies (so that a static merge can
check them again on the merged module). The checker of a module linked against it
(`compiler.check.linkage`) reads it back, together with the wasm-level facts
(memory limits, export and import names) that only the final module knows.

The payload is JSON: small, versioned, and readable with any tool.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .memory import MemoryMap
from .types import (
    ArrayType, BoolType, EnumType, FloatType, FnType, IntType, NeverType, PointerType, SliceType, StructType, TupleType,
    Type,
    UnitType, reachable_types, tuple_type,
    BOOL, F32, F64, INTS, NEVER, UNIT,
)

SECTION_NAME = "farc.interface"
FORMAT_VERSION = 1


class InterfaceError(Exception):
    """A `farc.interface` payload that cannot be read."""


@dataclass(frozen=True)
class FnSig:
    """A function's farc-level signature; pointer memories are the module's source indices."""

    params: tuple[Type, ...]
    ret: Type
    param_names: tuple[str, ...] = ()

    def render(self, name: str) -> str:
        return render_signature(name, self.param_names, [str(p) for p in self.params],
                                None if self.ret == UNIT else str(self.ret))


def render_signature(name: str, param_names, param_types: list[str], ret: str | None) -> str:
    """`fn name(a: T, b: U) -> R` (parameters without a name are shown as `_`)."""
    names = list(param_names) + ["_"] * (len(param_types) - len(param_names))
    params = ", ".join(f"{n}: {ty}" for n, ty in zip(names, param_types))
    return f"fn {name}({params})" + ("" if ret is None else f" -> {ret}")


@dataclass(frozen=True)
class MemoryFacts:
    """One memory of a linked module as another module can see it."""

    source_index: int
    wasm_index: int
    min_pages: int
    max_pages: int | None
    shared: bool
    memory64: bool
    export_names: tuple[str, ...] = ()
    #: (module, name) when the module imports this memory itself
    imported_from: tuple[str, str] | None = None
    #: the module keeps its own data here: its stack and statics (memory 0) or far statics
    holds_data: bool = False

    def limits(self) -> str:
        return limits_text(self.min_pages, self.max_pages, self.shared, self.memory64)


def limits_text(min_pages: int, max_pages: int | None, shared: bool, memory64: bool) -> str:
    """`min 1, max 4, shared` as diagnostics show a memory's limits."""
    text = f"min {min_pages}" + (f", max {max_pages}" if max_pages is not None else ", no max")
    return text + (", shared" if shared else "") + (", memory64" if memory64 else "")


@dataclass
class ModuleInterface:
    """A linked module: its farc signatures (None for a wasm module farc did not
    build) and the wasm-level facts of its exports and memories."""

    name: str
    functions: dict[str, FnSig] | None
    structs: dict[str, tuple[tuple[str, Type], ...]] = field(default_factory=dict)
    memories: list[MemoryFacts] = field(default_factory=list)
    #: every export: name -> kind ("func", "memory", "table", "global")
    exports: dict[str, str] = field(default_factory=dict)
    #: wasm-level signatures of exported functions: name -> (params, results) as value type names
    wasm_signatures: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    #: its isolation policies: secret memory (source index) -> the function symbols allowed to access it
    policies: dict[int, frozenset[str]] = field(default_factory=dict)
    #: the functions it imports, as (module, name)
    function_imports: tuple[tuple[str, str], ...] = ()
    #: the enum types its signatures and structs mention, by `str(type)`: their layouts
    enums: dict[str, "EnumShape"] = field(default_factory=dict)

    @property
    def built_by_farc(self) -> bool:
        return self.functions is not None

    def memory(self, source_index: int) -> MemoryFacts | None:
        return next((m for m in self.memories if m.source_index == source_index), None)

    def identities(self, mem: MemoryFacts) -> set[tuple[str, str]]:
        """The (module, name) pairs under which another module can import `mem`."""
        found = {(self.name, export) for export in mem.export_names}
        if mem.imported_from is not None:
            found.add(mem.imported_from)
        return found


# ---------------------------------------------------------------------------
# What goes into the section


def policy_symbols(program) -> dict[int, frozenset[str]]:
    """Per secret memory (source index) of a monomorphized program: the symbols of the
    functions its `only = [...]` allows (every instance of a listed generic function)."""
    return {
        decl.index: frozenset(fn.symbol for fn in program.functions if (fn.origin or fn).name in decl.only)
        for decl in program.memories if decl.secret
    }


@dataclass(frozen=True)
class EnumShape:
    """What a linked module says about one enum type (generic arguments
    substituted): its tag type and, per variant, its name, discriminant and
    fields, which decide the layout two modules must agree on."""

    tag: Type
    variants: tuple[tuple[str, int, tuple[tuple[str, Type], ...]], ...]


def enum_shapes(program) -> dict[str, EnumShape]:
    """The enum types reachable from the exported signatures and the structs of
    a monomorphized program (through fields, tuples, arrays, slices, pointers,
    generic arguments and the enums' own payloads)."""
    shapes: dict[str, EnumShape] = {}
    todo: list[Type] = [p.ty for fn in program.functions if fn.export_name is not None for p in fn.params]
    todo += [fn.ret for fn in program.functions if fn.export_name is not None]
    todo += [ty for struct in program.structs.values() for _, ty in struct.fields]
    while todo:
        for ty in reachable_types(todo.pop()):
            if isinstance(ty, EnumType) and str(ty) not in shapes and ty.name in program.enums:
                enum = program.enums[ty.name]
                variants = tuple((v.name, v.discriminant,
                                  tuple(zip([n for n, _ in v.fields], enum.variant_types(ty.args, i))))
                                 for i, v in enumerate(enum.variants))
                shapes[str(ty)] = EnumShape(enum.tag, variants)
                todo.extend(fty for _, _, fields in variants for _, fty in fields)
    return shapes


def hands_out_function_pointers(program) -> bool:
    """Whether an exported function of a monomorphized program takes or returns a function
    pointer into the module's own table (anywhere in its types: behind pointers, in struct
    fields). Such a module exports its table, which the callers' `#[far(..)] fn` pointers
    index; the others keep it private (an exported table lets anyone call what is in it)."""
    seen: set[str] = set()

    def near_fn_in(ty: Type) -> bool:
        if isinstance(ty, FnType):
            return ty.far is None or any(near_fn_in(p) for p in (*ty.params, ty.ret))
        if isinstance(ty, PointerType):
            return near_fn_in(ty.pointee)
        if isinstance(ty, (ArrayType, SliceType)):
            return near_fn_in(ty.elem)
        if isinstance(ty, TupleType):
            return any(near_fn_in(e) for e in ty.elems)
        if isinstance(ty, StructType) and ty.name not in seen and ty.name in program.structs:
            seen.add(ty.name)
            return any(near_fn_in(f) for _, f in program.structs[ty.name].fields)
        return False

    return any(near_fn_in(ty) for fn in program.functions if fn.export_name is not None and not fn.is_import
               for ty in (*(p.ty for p in fn.params), fn.ret))


def interface_payload(program) -> bytes:
    """The `farc.interface` payload of a monomorphized `check.tree.Program`."""
    functions = {
        fn.export_name: {"params": [type_to_json(p.ty) for p in fn.params], "ret": type_to_json(fn.ret),
                         "names": [p.name for p in fn.params]}
        for fn in program.functions
        if fn.export_name is not None and not fn.is_import
    }
    structs = {
        name: [[field_name, type_to_json(ty)] for field_name, ty in struct.fields]
        for name, struct in program.structs.items()
    }
    memories: MemoryMap = program.memories
    wasm_indices = {str(decl.index): memories.wasm_index(decl.index) for decl in memories}
    policies = {str(index): sorted(symbols) for index, symbols in policy_symbols(program).items()}
    enums = {name: {"tag": str(shape.tag), "variants": [[v, d, [[f, type_to_json(ty)] for f, ty in fields]]
                                                         for v, d, fields in shape.variants]}
             for name, shape in enum_shapes(program).items()}
    payload = {"version": FORMAT_VERSION, "functions": functions, "structs": structs, "memories": wasm_indices,
               "policies": policies, "enums": enums, "data": sorted(data_memories(program))}
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def data_memories(program) -> set[int]:
    """The source memories a module lays out itself: memory 0 (its stack and
    statics) and every memory with one of its far statics. Two modules that lay
    out the same memory overwrite each other's data."""
    return {0} | {static.mem for static in program.statics}


@dataclass(frozen=True)
class Payload:
    """A decoded `farc.interface` payload."""

    functions: dict[str, FnSig]
    structs: dict[str, tuple[tuple[str, Type], ...]]
    wasm_indices: dict[int, int]  # source memory index -> wasm memory index
    #: secret memory (source index) -> the function symbols allowed to access it
    policies: dict[int, frozenset[str]] = field(default_factory=dict)
    enums: dict[str, EnumShape] = field(default_factory=dict)
    #: the source memories the module lays out (`data_memories`)
    data: frozenset[int] = frozenset({0})


def decode_payload(data: bytes) -> Payload:
    try:
        raw = json.loads(data.decode())
        if raw.get("version") != FORMAT_VERSION:
            raise InterfaceError(f"unsupported farc.interface version {raw.get('version')!r}")
        functions = {
            name: FnSig(tuple(type_from_json(p) for p in sig["params"]), type_from_json(sig["ret"]),
                        tuple(str(n) for n in sig.get("names", ())))
            for name, sig in raw["functions"].items()
        }
        structs = {
            name: tuple((f, type_from_json(t)) for f, t in fields) for name, fields in raw["structs"].items()
        }
        wasm_indices = {int(k): int(v) for k, v in raw["memories"].items()}
        policies = {int(k): frozenset(str(n) for n in v) for k, v in raw.get("policies", {}).items()}
        enums = {
            str(name): EnumShape(type_from_json(shape["tag"]), tuple(
                (str(v), int(d), tuple((str(f), type_from_json(ty)) for f, ty in fields))
                for v, d, fields in shape["variants"]))
            for name, shape in raw.get("enums", {}).items()
        }
        data = frozenset(int(k) for k in raw.get("data", [0]))
    except InterfaceError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise InterfaceError(f"malformed farc.interface section: {err}") from None
    return Payload(functions, structs, wasm_indices, policies, enums, data)


# ---------------------------------------------------------------------------
# Types as JSON


def type_to_json(ty: Type) -> object:
    if isinstance(ty, (IntType, FloatType, BoolType, UnitType, NeverType)):
        return str(ty)
    if isinstance(ty, PointerType):
        assert isinstance(ty.mem, int), "interfaces are built after monomorphization"
        return {"ptr": type_to_json(ty.pointee), "mut": ty.mutable, "ref": ty.is_ref, "mem": ty.mem}
    if isinstance(ty, ArrayType):
        return {"array": type_to_json(ty.elem), "len": ty.length}
    if isinstance(ty, StructType):
        return {"struct": ty.name}
    if isinstance(ty, TupleType):
        return {"tuple": [type_to_json(e) for e in ty.elems]}
    if isinstance(ty, SliceType):
        return {"slice": type_to_json(ty.elem)}
    if isinstance(ty, FnType):
        return {"fn": [type_to_json(p) for p in ty.params], "ret": type_to_json(ty.ret), "unsafe": ty.unsafe,
                "abi": ty.abi, "far": ty.far}
    if isinstance(ty, EnumType):
        assert all(isinstance(a, (Type, int)) for a in ty.args), "interfaces are built after monomorphization"
        return {"enum": ty.name, "args": [type_to_json(a) if isinstance(a, Type) else a for a in ty.args]}
    raise AssertionError(f"type {ty} cannot appear in an exported signature")


_SCALARS: dict[str, Type] = {**INTS, "f32": F32, "f64": F64, "bool": BOOL, "()": UNIT, "!": NEVER}


def type_from_json(raw: object) -> Type:
    if isinstance(raw, str):
        if raw not in _SCALARS:
            raise InterfaceError(f"unknown type `{raw}`")
        return _SCALARS[raw]
    if isinstance(raw, dict):
        if "ptr" in raw:
            return PointerType(type_from_json(raw["ptr"]), bool(raw["mut"]), int(raw["mem"]), bool(raw["ref"]))
        if "array" in raw:
            return ArrayType(type_from_json(raw["array"]), int(raw["len"]))
        if "struct" in raw:
            return StructType(str(raw["struct"]))
        if "tuple" in raw and isinstance(raw["tuple"], list):
            return tuple_type(type_from_json(e) for e in raw["tuple"])
        if "slice" in raw:
            return SliceType(type_from_json(raw["slice"]))
        if "fn" in raw and isinstance(raw["fn"], list):
            abi, far = raw.get("abi"), raw.get("far")
            if not (abi is None or isinstance(abi, str)) or not (far is None or isinstance(far, str)):
                raise InterfaceError(f"malformed type {raw!r}")
            return FnType(tuple(type_from_json(p) for p in raw["fn"]), type_from_json(raw.get("ret")),
                          bool(raw.get("unsafe")), abi, far)
        if "enum" in raw:
            return EnumType(str(raw["enum"]), tuple(a if isinstance(a, int) else type_from_json(a)
                                                    for a in raw.get("args", ())))
    raise InterfaceError(f"malformed type {raw!r}")
