"""The typed tree: what the checker produces and codegen consumes.

The checker turns the AST into this tree: names are resolved to `Local`,
`StaticDef`, `FnDef` and `StructDef` objects, every expression carries its
`ty`, method calls and intrinsics become `Builtin` nodes, `const` items are
folded into constants, and implicit conversions do not exist (the checker
rejected them). Generic functions still mention `TypeParam`s and
`ConstParam`s; `compiler.mono` instantiates them, producing a `Program` in
which every type is concrete, every pointer's `mem` is an int, and every
`CallFn` names a concrete instance. Codegen reads only monomorphized programs.

Places (values with an address): `LocalRef`, `StaticRef`, `Deref`, and
`FieldRef` / `IndexRef` whose base is a place. A place's memory is that of
its root: memory 0 for locals, the static's memory for statics, the pointer
type's `mem` for `Deref` — projections keep the memory.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Union

from ..builtins import BuiltinOp
from ..memory import MemoryMap
from ..source import Span
from ..types import ClosureType, ConstParam, EnumType, MemIndex, StructType, Type, struct_field_types, substitute

texpr = dataclass(eq=False)

# ---------------------------------------------------------------------------
# Definitions


@dataclass(eq=False)
class Local:
    """A parameter or `let` binding. `id` is unique within its function."""

    name: str
    ty: Type
    mutable: bool
    id: int
    span: Span | None = None
    name_span: Span | None = None  # the name alone, and `mut` if written (for the lints)
    mut_span: Span | None = None
    # `let x;` without `mut`: immutable, but `x = value` may give it its value, once on
    # every path (init.py checks that no path assigns it twice)
    assign_once: bool = False


@dataclass(eq=False)
class StructDef:
    """A struct; all structs use C layout (`#[repr(C)]` is accepted and implied).

    A generic struct lists its parameters (`params`, in declaration order;
    those in `const_params` are const parameters) and its field types mention
    them; `StructType.args` gives them values. After monomorphization every
    struct is concrete: an instance of a generic struct is a StructDef of its
    own, named after its arguments (`Buf<u8, 4>`), with `origin` set."""

    name: str
    fields: list[tuple[str, Type]]
    span: Span | None = None
    repr_c: bool = True
    params: list[str] = field(default_factory=list)
    const_params: list[str] = field(default_factory=list)
    origin: "StructDef | None" = None
    #: design 3 (`#[mem_idx(N)] struct`): the memory every value of it lives in,
    #: an index or one of `const_params`; None: it may live in any memory
    home: "MemIndex | None" = None

    def field_index(self, name: str) -> int | None:
        for i, (field_name, _) in enumerate(self.fields):
            if field_name == name:
                return i
        return None

    @property
    def is_generic(self) -> bool:
        return bool(self.params)

    def field_types(self, ty: "StructType") -> list[Type]:
        """The field types of `ty`, an instance of this struct."""
        return struct_field_types(self.fields, self.params, ty)

    def home_in(self, ty: "StructType") -> "MemIndex | None":
        """The home of `ty`, an instance of this struct (a const parameter home
        is the instance's argument)."""
        if isinstance(self.home, ConstParam) and self.home.name in self.params and len(ty.args) == len(self.params):
            return ty.args[self.params.index(self.home.name)]
        return self.home


@dataclass(frozen=True)
class Repeated:
    """The array constant `[value; count]`, kept as one element and a count:
    a `[0u8; 1 << 30]` static must not cost a billion Python objects."""

    value: "ConstVal"
    count: int

    def elements(self) -> tuple:
        return (self.value,) * self.count


@dataclass(eq=False)
class VariantDef:
    """One variant of an enum: kind "unit", "tuple" (fields named "0", "1",
    ...) or "named"; its field types mention the enum's generic parameters."""

    name: str
    kind: str
    fields: list[tuple[str, Type]]
    discriminant: int
    span: Span | None = None

    def field_index(self, name: str) -> int | None:
        for i, (field_name, _) in enumerate(self.fields):
            if field_name == name:
                return i
        return None


@dataclass(eq=False)
class EnumDef:
    """An enum. `generics` are its generic parameters in order (name, is_const);
    an `EnumType`'s args follow them. `tag` is the integer type the
    discriminant is stored in (codegen.layout: a tag, then the payload of the
    variant, C-like); `discriminant_type` the type discriminants are computed
    in (`isize`, or the `#[repr(..)]` type)."""

    name: str
    variants: list[VariantDef]
    generics: list[tuple[str, bool]]
    tag: Type
    discriminant_type: Type
    span: Span | None = None

    def variant_index(self, name: str) -> int | None:
        for i, v in enumerate(self.variants):
            if v.name == name:
                return i
        return None

    @property
    def fieldless(self) -> bool:
        """No variant has fields: the enum may be cast to an integer (`as`)."""
        return all(not v.fields for v in self.variants)

    def subst(self, args: tuple) -> dict[str, object]:
        """The substitution an `EnumType`'s args make for the field types."""
        return {name: arg for (name, _), arg in zip(self.generics, args)}

    def variant_types(self, args: tuple, variant: int) -> list[Type]:
        """The field types of variant number `variant` for the enum type with `args`."""
        subst = self.subst(args)
        return [substitute(fty, subst) for _, fty in self.variants[variant].fields]


def stored_types(structs: dict[str, StructDef], enums: dict[str, EnumDef], ty: Type) -> list[Type]:
    """The types stored in a value of struct or enum type `ty`: a struct's
    fields, or the fields of every variant of an enum with the type's
    arguments substituted (the pointer cast rule and recursion use it)."""
    if isinstance(ty, StructType):
        struct = structs.get(ty.name)
        return struct.field_types(ty) if struct is not None else []
    if isinstance(ty, EnumType):
        enum = enums.get(ty.name)
        if enum is None:
            return []
        return [fty for i in range(len(enum.variants)) for fty in enum.variant_types(ty.args, i)]
    return []


@dataclass(frozen=True)
class EnumConst:
    """A constant enum value: the variant's number, its discriminant and its field values."""

    variant: int
    discriminant: int
    fields: tuple = ()


#: A constant value, by type: int for integers and pointers (an address),
#: float, bool, tuple for arrays (elements), structs (fields in order) and
#: tuples, `Repeated` for an array of one value repeated, EnumConst for enums,
#: None for `()`, the `FnDef` a function pointer points to.
ConstVal = Union[int, float, bool, tuple, Repeated, EnumConst, None, "FnDef"]


def is_zero_constant(value: ConstVal) -> bool:
    """Whether every byte of `value` is zero (struct padding is zero too).
    `-0.0` is not: its sign bit is set."""
    if value is None:
        return True
    if isinstance(value, float):
        return value == 0.0 and math.copysign(1.0, value) > 0
    if isinstance(value, (bool, int)):
        return not value
    if isinstance(value, Repeated):
        return value.count == 0 or is_zero_constant(value.value)
    if isinstance(value, FnDef):  # a function's table index: never 0 (wasm-ld keeps slot 0 empty)
        return False
    if isinstance(value, EnumConst):  # the tag holds the discriminant
        return value.discriminant == 0 and all(is_zero_constant(v) for v in value.fields)
    return all(is_zero_constant(v) for v in value)


@dataclass(eq=False)
class StaticDef:
    """A `static` / `static mut`. `mem` is the memory that holds it: memory 0
    statics are LLVM globals; far statics become data segments of memory
    `mem` at a compile-time address. A `#[passive]` static (`passive`, `mem`
    0) is in no memory: a passive data segment, named only by `memory_init`
    and `data_drop`."""

    name: str
    symbol: str
    ty: Type
    mutable: bool
    mem: int
    init: ConstVal
    export_name: str | None = None
    span: Span | None = None
    passive: bool = False

    @property
    def is_global(self) -> bool:
        """Whether it is an LLVM global of memory 0 (not far, not passive)."""
        return self.mem == 0 and not self.passive


@dataclass(eq=False)
class FnDef:
    """A function. Before monomorphization `type_params` / `const_params` may
    be non-empty; instances have both empty and a unique `symbol`.

    `export_name`: the wasm export (`#[no_mangle]` on a `pub` or `extern "C"`
    function exports it under its own name). `import_module` / `import_name`:
    set for functions declared in `extern` blocks (wasm function imports);
    they have no body.
    """

    name: str
    symbol: str
    params: list[Local]
    ret: Type
    body: "Block | None"
    type_params: list[str] = field(default_factory=list)
    const_params: list[str] = field(default_factory=list)
    export_name: str | None = None
    import_module: str | None = None
    import_name: str | None = None
    span: Span | None = None
    #: for instances: the generic definition and the arguments it was made with
    origin: "FnDef | None" = None
    instance_args: tuple = ()
    #: a trait's method (required, or with its default body): its first type
    #: parameter is `Self`, and each call is resolved to an impl per instance
    trait: "TraitDef | None" = None
    #: a function of `core`: instantiated only where it is called
    is_library: bool = False
    #: the impl or trait a method or associated function belongs to
    owner: "ImplDef | TraitDef | None" = None
    #: a closure that captures variables: the types of its environment's fields
    #: (`sizes.closure_env`), in the closure's generic parameters; its function
    #: takes a reference to the environment as its last parameter
    closure_env: "list[Type] | None" = None
    #: a `const fn`: callable in constant contexts (its body obeys their rules, check/constfns.py)
    is_const: bool = False

    @property
    def is_import(self) -> bool:
        return self.import_module is not None

    @property
    def is_generic(self) -> bool:
        return bool(self.type_params or self.const_params)


@dataclass(frozen=True)
class TraitRef:
    """A trait with its generic arguments (not counting `Self`): `Add<u32>`."""

    trait: str  # the trait's key
    args: tuple = ()

    def __str__(self) -> str:
        return f"{self.trait}<{', '.join(map(str, self.args))}>" if self.args else self.trait


@dataclass(frozen=True)
class Bound:
    """`ty: Trait<args, Name = T>`: a trait bound or `where` predicate."""

    ty: Type
    trait: TraitRef
    bindings: tuple[tuple[str, Type], ...] = ()

    def binding(self, name: str) -> Type | None:
        return next((ty for n, ty in self.bindings if n == name), None)


#: the closure traits, each implied by the one before (a `Fn` closure is also `FnMut` and `FnOnce`)
FN_TRAITS = ("Fn", "FnMut", "FnOnce")


@dataclass(frozen=True)
class FnBound:
    """`ty: Fn(A, B) -> R` (or `FnMut`, `FnOnce`; also in `where`): `sig` is
    `fn(A, B) -> R`. Kept apart from the trait bounds: the closure traits have
    no impls to select, a closure or function pointer implements them by its
    signature (`fnptrs.py`)."""

    ty: Type
    kind: str  # one of FN_TRAITS
    sig: Type  # an `FnType`
    span: Span | None = None


def fn_bound_text(kind: str, sig: Type) -> str:
    """`Fn(u32) -> u32`, as rustc writes a closure-trait bound with signature `sig`."""
    params = ", ".join(map(str, sig.params))  # type: ignore[attr-defined]
    ret = sig.ret  # type: ignore[attr-defined]
    return f"{kind}({params})" + ("" if str(ret) == "()" else f" -> {ret}")


@dataclass(eq=False)
class AssocConst:
    """An associated const of an impl or trait: its type and typed initializer
    (None for a trait's const without a default), generic over the impl's or
    trait's parameters; `value` once folded (only when nothing generic is in it)."""

    name: str
    ty: Type
    init: "TExpr | None"
    span: Span | None = None
    value: ConstVal = None
    folded: bool = False


@dataclass(eq=False)
class TraitDef:
    """A trait. `params` are its generic parameters after the implicit `Self`
    (`const_params` the const ones among them; `defaults` for `Rhs = Self`);
    `methods` are FnDefs whose type parameters start with `Self` and the
    trait's (a default method has a body); `types` its associated types."""

    name: str
    params: list[str] = field(default_factory=list)
    const_params: list[str] = field(default_factory=list)
    defaults: dict[str, Type] = field(default_factory=dict)
    supertraits: list[TraitRef] = field(default_factory=list)
    methods: dict[str, FnDef] = field(default_factory=dict)
    consts: dict[str, AssocConst] = field(default_factory=dict)
    types: dict[str, list[TraitRef]] = field(default_factory=dict)
    span: Span | None = None


@dataclass(eq=False)
class ImplDef:
    """An `impl` block: inherent (`trait` None) or of a trait. `self_ty`,
    `trait.args` and the bodies mention its parameters (`params`, the const
    ones also in `const_params`); `bounds` are its `where` clauses and
    parameter bounds. A built-in impl (`builtin`: the primitives' `Add`,
    `Copy`, ...) has no methods of its own: monomorphization lowers calls of
    its trait's methods to the operators."""

    name: str
    self_ty: Type
    trait: TraitRef | None = None
    params: list[str] = field(default_factory=list)
    const_params: list[str] = field(default_factory=list)
    bounds: list[Bound] = field(default_factory=list)
    methods: dict[str, FnDef] = field(default_factory=dict)
    consts: dict[str, AssocConst] = field(default_factory=dict)
    types: dict[str, Type] = field(default_factory=dict)
    span: Span | None = None
    builtin: bool = False


@dataclass(eq=False)
class Program:
    """A whole checked program. After `compiler.mono`, `functions` holds
    only concrete instances (plus imports) and nothing generic remains."""

    memories: MemoryMap
    structs: dict[str, StructDef]
    statics: list[StaticDef]
    functions: list[FnDef]
    source_name: str = "main"
    traits: dict[str, TraitDef] = field(default_factory=dict)
    impls: list[ImplDef] = field(default_factory=list)
    enums: dict[str, EnumDef] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Expressions (every one has `span` and `ty`)


@texpr
class IntConst:
    span: Span
    ty: Type
    value: int


@texpr
class FloatConst:
    span: Span
    ty: Type
    value: float  # (for a literal: the nearest f64 until the type is final, then of that type)
    exact: Fraction | None = None  # a literal's value as written, for an f32 (`types.round_f32`)


@texpr
class BoolConst:
    span: Span
    ty: Type
    value: bool


@texpr
class UnitConst:
    span: Span
    ty: Type


@texpr
class AggregateConst:
    """A folded `const` of array or struct type (see `ConstVal`)."""

    span: Span
    ty: Type
    value: ConstVal


@texpr
class ConstParamRef:
    """A const generic parameter used as a value (`N` in `fn f<const N: usize>`).
    Only in generic bodies: monomorphization replaces it with an IntConst, so
    codegen never sees it."""

    span: Span
    ty: Type
    param: ConstParam


@texpr
class AssocConstRef:
    """A use of an associated const whose value depends on generic
    arguments: `Self::CAP` in a generic impl, `T::SIDES` for `T: Shape`.
    `const` is the impl's const, or None with `trait` set for a trait's const
    (the impl is picked per instance, for `self_ty`); `subst` gives the
    impl's (or the trait's `Self` and) parameters. Monomorphization folds it
    into a constant, so codegen never sees it."""

    span: Span
    ty: Type
    const: AssocConst | None
    subst: dict = field(default_factory=dict)
    trait: "TraitDef | None" = None
    name: str = ""
    self_ty: Type | None = None


@texpr
class LocalRef:
    span: Span
    ty: Type
    local: Local


@texpr
class StaticRef:
    span: Span
    ty: Type
    static: StaticDef


@texpr
class Deref:
    """`*ptr`: a place in `ptr.ty.mem`."""

    span: Span
    ty: Type
    ptr: "TExpr"


@texpr
class FieldRef:
    """Field `index` of a struct (its number in the StructDef; tuple structs'
    fields are named "0", "1", ...) or element `index` of a tuple (`t.0`)."""

    span: Span
    ty: Type
    base: "TExpr"
    index: int


@texpr
class IndexRef:
    """`base[index]` on an array or a slice; out-of-bounds traps."""

    span: Span
    ty: Type
    base: "TExpr"
    index: "TExpr"  # usize


@texpr
class RangeIndex:
    """`base[start..end]` (`..=` when `inclusive`; a missing bound is the
    start or the end of `base`): a place of slice type (`ty` is a
    `SliceType`) in `base`'s memory, whose length is known at run time; it
    is only borrowed (`&a[i..j]`) or indexed further. `base` is a place of
    array or slice type. Out of order bounds or an end past the length trap."""

    span: Span
    ty: Type
    base: "TExpr"
    start: "TExpr | None"  # usize
    end: "TExpr | None"  # usize
    inclusive: bool


@texpr
class Unsize:
    """The unsizing coercion `&[T; N]` to `&[T]` (also `&mut`): `expr` is a
    reference to an array; the result (ty, a slice reference in the same
    memory) points to its first element with length N."""

    span: Span
    ty: Type
    expr: "TExpr"


@texpr
class AddrOf:
    """`&place`, `&mut place`, `&raw const place`: ty is a PointerType whose
    mem is the place's memory."""

    span: Span
    ty: Type
    place: "TExpr"


@texpr
class Unary:
    span: Span
    ty: Type
    op: str  # "-" or "!"
    operand: "TExpr"


@texpr
class Binary:
    """Integer arithmetic wraps (two's complement); `/` and `%` trap on
    division by zero (and on MIN / -1); shifts mask the amount by the bit
    width, as Rust's release builds do; `&&` / `||` short-circuit;
    comparisons also apply to bools and to pointers into the same memory.
    Operands have the same type except for shifts (rhs any integer)."""

    span: Span
    ty: Type
    op: str
    lhs: "TExpr"
    rhs: "TExpr"
    #: `wrapping_add` and friends: wraps in constant evaluation too (where `+` overflowing is E0080)
    wrapping: bool = False


@texpr
class Cast:
    """`expr as ty` (ty is the target). Codegen picks the conversion from the
    two types: int<->int, int<->float (float->int saturates, as Rust),
    float<->float, bool->int, ptr<->int, ptr->ptr in the same memory."""

    span: Span
    ty: Type
    expr: "TExpr"


@texpr
class Assign:
    span: Span
    ty: Type  # ()
    place: "TExpr"
    value: "TExpr"


@texpr
class CompoundAssign:
    span: Span
    ty: Type  # ()
    op: str
    place: "TExpr"
    value: "TExpr"


@texpr
class CallFn:
    """A call of a known function. Before mono, `args_subst` maps the callee's
    type and const parameter names to the (possibly still generic) arguments
    of this call; after mono it is empty and `callee` is an instance."""

    span: Span
    ty: Type
    callee: FnDef
    args: list["TExpr"]
    subst: dict[str, "Type | MemIndex"] = field(default_factory=dict)


@texpr
class FnRef:
    """A function used as a value (`let f: fn(u32) -> u32 = double;`): its
    address, of type `FnType`. Like `CallFn`, `subst` holds the generic
    arguments of a generic `callee` until mono points it at the instance."""

    span: Span
    ty: Type
    callee: FnDef
    subst: dict[str, "Type | MemIndex"] = field(default_factory=dict)


@texpr
class CallBound:
    """`f(args)` in a generic function, for `f` of a type parameter bounded by
    `Fn`/`FnMut`/`FnOnce` (or a reference to one): `fn_ty` is that type, and
    `callee` an `AddrOf` of a place in memory 0 holding the value (the checker
    makes one; `&mut` for `FnMut`). Monomorphization turns it into what the
    instance's type argument is: a `CallFn` of a closure's function with the
    place's address (its environment) after the arguments, or a `CallPtr`
    for a function pointer. Codegen never sees it."""

    span: Span
    ty: Type
    callee: "TExpr"
    args: list["TExpr"]
    fn_ty: Type


@texpr
class CallPtr:
    """A call through a function pointer: `callee` (of type `FnType`) is
    evaluated first, then the arguments; wasm `call_indirect`."""

    span: Span
    ty: Type
    callee: "TExpr"
    args: list["TExpr"]


@texpr
class Builtin:
    """An intrinsic or pointer method: `op` says which (operands and result
    are listed in `compiler.builtins.BuiltinOp`); `mem` is the memory a
    memory intrinsic names, `type_arg` the `T` of `size_of::<T>()`, `passive`
    the segment of `memory_init` / `data_drop`."""

    span: Span
    ty: Type
    op: BuiltinOp
    args: list["TExpr"]
    mem: MemIndex | None = None
    type_arg: Type | None = None
    passive: StaticDef | None = None

    def __post_init__(self) -> None:
        assert isinstance(self.op, BuiltinOp), self.op


@texpr
class Block:
    span: Span
    ty: Type
    stmts: list["TStmt"]
    tail: "TExpr | None"


@texpr
class If:
    span: Span
    ty: Type
    cond: "TExpr"
    then: Block
    else_: "TExpr | None"  # Block or If


@dataclass(eq=False)
class MatchArm:
    span: Span
    pattern: "Pattern"
    guard: "TExpr | None"
    body: "TExpr"


@texpr
class Match:
    """`match scrutinee { arms }`: the scrutinee is a place (or a temporary),
    the arms are tried in order; the first whose pattern matches and whose
    guard holds gives the value. The checker proved that some arm matches
    (`if let` and `while let` are matches with a last `_` arm)."""

    span: Span
    ty: Type
    scrutinee: "TExpr"
    arms: list[MatchArm]


@texpr
class While:
    """`while cond { }`; `id` is the loop's number, which the `break`s and
    `continue`s that leave or repeat it name (unique within a function)."""

    span: Span
    ty: Type  # ()
    cond: "TExpr"
    body: Block
    id: int = 0


@texpr
class Loop:
    """`loop { }`: ty is the type of its `break` values, `!` if none."""

    span: Span
    ty: Type
    body: Block
    id: int = 0


@texpr
class LabeledBlock:
    """`'label: { ... }`: a block that a `break 'label value` leaves early;
    ty is that of the tail and of the `break` values."""

    span: Span
    ty: Type
    body: Block
    id: int


@texpr
class ForRange:
    """`for var in start..end { }` over integers (`..=` when `inclusive`;
    no `end`: `start..`, which wraps as release builds do; `reverse`:
    `(start..end).rev()`). `start` and `end` are evaluated once, before the
    first iteration, and the iteration does not depend on what `pattern`
    binds (the body may change a `mut` binding without changing which
    values come next). Each value is matched against `pattern` (irrefutable)."""

    span: Span
    ty: Type  # ()
    pattern: "Pattern"
    start: "TExpr"
    end: "TExpr | None"
    inclusive: bool
    reverse: bool
    body: Block
    id: int


@texpr
class ForEach:
    """`for pattern in slice { }`: the elements of `slice` (a slice reference,
    evaluated once) in order, or last to first when `reverse`. Each item is a
    reference to the element (in the slice's memory), or, when `by_value`
    (an array iterated by value), the element itself; it is matched against
    `pattern` (irrefutable: `x`, `&x`, `(a, b)`, ...). With `index`
    (`.enumerate()`) the item is a `(usize, &T)` pair: the element's
    position ("element") or the number of iterations before ("count",
    which differs when `reverse`)."""

    span: Span
    ty: Type  # ()
    pattern: "Pattern"
    slice: "TExpr"
    by_value: bool
    reverse: bool
    body: Block
    id: int
    index: str | None = None


@texpr
class Break:
    """Leaves the loop or labeled block numbered `target` (`value` is the
    value it gives a `loop` or block)."""

    span: Span
    ty: Type  # !
    value: "TExpr | None"
    target: int = 0


@texpr
class Continue:
    """Goes on with the next iteration of the loop numbered `target`."""

    span: Span
    ty: Type  # !
    target: int = 0


@texpr
class Return:
    span: Span
    ty: Type  # !
    value: "TExpr | None"


@texpr
class StructLit:
    """Field values in declaration order (None for a field copied from `base`,
    the struct update `S { x: 1, ..base }`); `order` lists the written
    fields in the order they are evaluated (the order they are written in, as
    in Rust; `base` is evaluated after them). None: declaration order."""

    span: Span
    ty: Type
    struct: StructDef
    values: list["TExpr | None"]
    base: "TExpr | None" = None
    order: list[int] | None = None


@texpr
class TupleLit:
    """`(a, b, ...)`: at least one element (`()` is a `UnitConst`)."""

    span: Span
    ty: Type
    elems: list["TExpr"]


@texpr
class VariantLit:
    """`E::V`, `E::V(a, b)`, `E::V { x: a }`: a value of enum type `ty`, of
    variant number `variant`, with its field values in declaration order;
    `order` as in StructLit."""

    span: Span
    ty: Type
    enum: EnumDef
    variant: int
    values: list["TExpr"]
    order: list[int] | None = None


@texpr
class ArrayLit:
    span: Span
    ty: Type
    elems: list["TExpr"]


@texpr
class ArrayRepeat:
    """`[value; count]`; `count` may be a const parameter before monomorphization."""

    span: Span
    ty: Type
    value: "TExpr"
    count: int | ConstParam


TExpr = Union[
    IntConst, FloatConst, BoolConst, UnitConst, AggregateConst, ConstParamRef, AssocConstRef, LocalRef, StaticRef,
    Deref,
    FieldRef, IndexRef, RangeIndex, Unsize, AddrOf, Unary, Binary, Cast, Assign, CompoundAssign, CallFn, FnRef, CallPtr,
    CallBound,
    Builtin,
    Block, If, Match, While, Loop, LabeledBlock, ForRange, ForEach, Break, Continue, Return, StructLit, TupleLit,
    VariantLit, ArrayLit, ArrayRepeat,
]

# ---------------------------------------------------------------------------
# Patterns: what `let`, parameters (and `match`, `if let`, `while let`) test
# and bind. Each pattern node has the type of the value it is matched against
# (`ty`); a pattern is matched against a *place* (codegen reads the parts it
# tests and copies or borrows the parts it binds, in the place's memory).


@texpr
class PatBind:
    """`x`, `mut x`, `ref x`, `ref mut x`, `x @ sub`. By value, `local` gets
    a copy of the matched value (`local.ty == ty`); `by_ref` makes `local` a
    reference to the matched place (`local.ty` is a PointerType into the
    place's memory), as `ref` and the default binding modes do. With `sub`,
    the value must also match `sub`."""

    span: Span
    ty: Type
    local: Local
    by_ref: bool = False
    sub: "Pattern | None" = None


@texpr
class PatWild:
    """`_`, and the parts a `..` skips: matches anything, binds nothing."""

    span: Span
    ty: Type


@texpr
class PatLit:
    """A literal or constant of a scalar type (`3`, `-1`, `true`, `1.5`,
    `MAX`): the value must equal `value` (floats compare as `==` does)."""

    span: Span
    ty: Type
    value: int | float | bool
    exact: Fraction | None = None  # a float literal as written (as in `FloatConst`)


@texpr
class PatRange:
    """`lo..=hi`, `lo..hi`, `lo..`, `..=hi` on an integer: `lo` / `hi` None
    for an open end (the type's minimum / maximum); `inclusive` says whether
    `hi` itself matches."""

    span: Span
    ty: Type
    lo: int | None
    hi: int | None
    inclusive: bool = True

    def bounds(self, bits: int, signed: bool) -> tuple[int, int]:
        """The matched values as an inclusive interval of the integer type."""
        lo = self.lo if self.lo is not None else (-(1 << (bits - 1)) if signed else 0)
        top = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
        hi = top if self.hi is None else (self.hi if self.inclusive else self.hi - 1)
        return lo, hi


@texpr
class PatOr:
    """`p | q | ...`: matches what any alternative matches, tried left to right;
    every alternative binds the same locals."""

    span: Span
    ty: Type
    alts: list["Pattern"]


@texpr
class PatArray:
    """`[a, b, c]`, `[first, .., last]`, `[x, rest @ ..]` on an array: (index,
    pattern) for the elements named, and for a `..` bound to a name
    `rest` = (first index, length, pattern matched against that subarray)."""

    span: Span
    ty: Type
    elems: list[tuple[int, "Pattern"]]
    rest: "tuple[int, int, Pattern] | None" = None


@texpr
class PatTuple:
    """A tuple pattern: `elems[i]` is matched against element i (every element
    has a pattern: a `..` stands for wildcards). `()` has no elements."""

    span: Span
    ty: Type
    elems: list["Pattern"]


@texpr
class PatStruct:
    """A struct pattern (`S { x, y: 0, .. }`, `P(a, _)`, `Unit`): (field index,
    pattern) for the fields it names."""

    span: Span
    ty: Type
    struct: StructDef
    fields: list[tuple[int, "Pattern"]]


@texpr
class PatVariant:
    """An enum variant pattern (`E::V`, `E::V(a, ..)`, `E::V { x, .. }`):
    the tag must be variant `variant`'s, then (field index, pattern) for
    the fields it names."""

    span: Span
    ty: Type
    enum: EnumDef
    variant: int
    fields: list[tuple[int, "Pattern"]]


@texpr
class PatDeref:
    """`&p` / `&mut p`, or the dereference that Rust's default binding modes
    insert where a non-reference pattern meets a reference: `inner` is matched
    against the pointee, which is read in the pointer's memory."""

    span: Span
    ty: Type  # the reference type
    inner: "Pattern"


Pattern = Union[PatBind, PatWild, PatLit, PatRange, PatOr, PatArray, PatTuple, PatStruct, PatVariant, PatDeref]

# ---------------------------------------------------------------------------
# Statements


@dataclass(eq=False)
class Let:
    span: Span
    local: Local
    init: TExpr | None


@dataclass(eq=False)
class ExprStmt:
    span: Span
    expr: TExpr


@dataclass(eq=False)
class LetPattern:
    """`let PATTERN = init;` with a pattern other than a plain name (also a
    parameter's pattern, matched against the parameter at the start of the
    body); with `else_` (`let PATTERN = init else { .. };`, a block that
    diverges), the pattern may be refutable."""

    span: Span
    pattern: Pattern
    init: TExpr
    else_: "Block | None" = None


TStmt = Union[Let, LetPattern, ExprStmt]

__all__ = [name for name in dir() if not name.startswith("_")] + ["ConstParam", "MemIndex"]

