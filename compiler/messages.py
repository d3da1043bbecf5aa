"""The words of every front-end diagnostic, in one catalog grouped by code.

The parser, the checker and the monomorphizer report through these entries
instead of writing messages where they detect a problem, so each message has
one home, the same problem reads the same wherever it is found, and the docs
(`docs/errors/<CODE>.md`) and tests can refer to a message by name.

* A `Message` is a diagnostic's main line: its code and a `str.format`
  template. Calling it fills the fields in: `MISMATCHED_TYPES()`,
  `UNKNOWN_VALUE(path="x")`; `DiagnosticSink.report` takes the result.
* `LABEL_*`, `NOTE_*`, `HELP_*` (and `WHY_*`, the pieces messages are built
  from) are plain templates, listed under the code they belong to.

Back-end diagnostics (B codes, ICEs) are written by the back end itself.
"""
from __future__ import annotations

from .diagnostics import Message


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`1 argument`, `2 arguments`."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def were(n: int) -> str:
    """`1 was`, `2 were` (how many arguments were supplied)."""
    return f"{n} {'was' if n == 1 else 'were'}"


def memory(m: object) -> str:
    """How a memory index reads in a message: `memory 1`, `memory M`."""
    return f"memory {m}"


# ---------------------------------------------------------------------------
# Syntax (the parser)

# S0001 unexpected token
EXPECTED = Message("S0001", "expected {expected}, found {found}")
CHAINED_COMPARISON = Message("S0001", "comparison operators cannot be chained")
RAW_BORROW = Message("S0001", "expected an operator, found keyword `{keyword}`")
NESTED_TOO_DEEPLY = Message("S0001", "the input is nested too deeply to parse")
LABEL_EXPECTED = "expected {expected}"
HELP_CHAINED_COMPARISON = "split the comparison with `&&`: `a < b && b < c`"
HELP_RAW_BORROW = "raw borrows are written `&raw const place` or `&raw mut place`"
HELP_MISSING_SEMICOLON = "add `;` at the end of line {line}"
RANGE_CHAINED = Message("S0001", "range operators cannot be chained")
REST_PAT_MISPLACED = Message("S0001", "`..` patterns are not allowed here")
REST_PAT_NOT_LAST = Message("S0001", "`..` must come last in a struct pattern")
STRUCT_BASE_NOT_LAST = Message("S0001", "the struct update `..base` must come last in a struct literal")
HELP_RANGE_CHAINED = "put one of the ranges in parentheses: `(a..b)`"
NOTE_REST_PAT = "`..` may stand in tuple, tuple struct and slice patterns, and last in a struct pattern"
HELP_STRUCT_BASE = "write the fields first and the base last, without a trailing comma: `S { x: 1, ..base }`"
HELP_CAST_LT = ("`<` after `as {ty}` starts generic arguments for `{ty}` (as in Rust): to compare, put the cast "
                "in parentheses, `(x as {ty}) < y`")
HELP_RESERVED = "`{word}` is reserved in Rust: choose another name"
HELP_STRUCT_IN_CONDITION = ("struct literals are not allowed in `{keyword}` conditions: put the literal in "
                            "parentheses, `({name} {{ ... }})`")

# S0002 unexpected character or unterminated comment
UNEXPECTED_CHAR = Message("S0002", "unexpected character {char}")
UNTERMINATED_STRING = Message("S0002", "unterminated string literal")
UNTERMINATED_COMMENT = Message("S0002", "unterminated block comment")
CHAR_LITERAL = Message("S0002", "character literals are not supported")
LABEL_STRING_STARTS = "string starts here"
HELP_CHAR_LITERAL = "write the character's code as an integer (`97u8` for `'a'`)"
LABEL_COMMENT_STARTS = "comment starts here"

# S0003 invalid literal
INT_TOO_LARGE = Message("S0003", "integer literal is too large")
INT_NO_DIGITS = Message("S0003", "integer literal `{text}` has no digits")
BAD_NUMBER = Message("S0003", "invalid number literal `{text}`")
BAD_SUFFIX = Message("S0003", "invalid suffix `{suffix}` for {kind} literal")
BAD_DIGIT = Message("S0003", "invalid digit `{digit}` in a base {radix} literal")
FLOAT_RANGE = Message("S0003", "float literal `{text}` is out of range for f64")
BAD_ESCAPE = Message("S0003", "unknown character escape {escape} in string literal")
TUPLE_INDEX = Message("S0003", "invalid tuple index `{text}`")
HELP_TUPLE_INDEX = "a tuple index is a decimal number without a suffix: `t.0`, `t.1`"
HELP_TUPLE_INDEX_RANGE = "no tuple has that many fields"
NOTE_INT_MAX = "the largest integer literal is 18446744073709551615 (`u64::MAX`)"
HELP_VALID_SUFFIXES = "the valid suffixes here are {suffixes}"

# S0004 invalid or misplaced attribute
ATTR_NUMBER = Message("S0004", "attribute arguments must be integers, strings or identifiers, found `{text}`")
INNER_ATTR_LATE = Message("S0004", "inner attribute `#![{name}]` must come before all items")
TYPE_ATTR = Message("S0004", "only `#[mem_idx(N)]` can be written on a type, found `#[{name}]`")
FN_POINTER_ATTR = Message("S0004", "only `#[far(module)]` can be written on a function pointer type, found "
                          "`#[{name}]`")
FAR_ATTR_FORM = Message("S0004", "`#[far]` names the one module whose table holds the function")
HELP_FAR_FN_POINTER = ("a far function pointer is written `#[far(lib)] fn(u32) -> u32`: an index into the function "
                       "table of the module this file imports from as `lib`")
MEM_IDX_NOT_POINTER = Message("S0004", "`#[mem_idx]` can only be written before a pointer or reference type")
MEM_IDX_ARGS = Message("S0004", "`#[mem_idx]` takes exactly one argument: a memory index or a const generic name")
MEM_IDX_TWICE = Message("S0004", "this pointer type already has a `#[mem_idx]` attribute")
UNKNOWN_INNER_ATTR = Message("S0004", "unknown inner attribute `#![{name}]`")
UNKNOWN_ATTR = Message("S0004", "cannot find attribute `{name}` in this scope")
MISPLACED_ATTR = Message("S0004", "`#[{name}]` cannot be written on {target}")
UNSUPPORTED_ATTR = Message("S0004", "the attribute `#[{name}]` is not supported by farc")
LABEL_NOT_POINTER = "not a pointer or reference type"
HELP_SIMILAR_ATTR = "an attribute with a similar name exists: `#[{name}]`"
HELP_KNOWN_ATTRS = "the outer attributes farc knows are {names}"
HELP_ATTR_TARGETS = "`#[{name}]` may be written on {targets}"
LABEL_NOT_FARC_ATTR = "not a farc attribute"
HELP_MEM_IDX = "write `#[mem_idx(1)] *const T`, `#[mem_idx(N)] &mut T`, ..."
HELP_MOVE_TO_TOP = "move it to the top of the file"
HELP_DECLARE_MEMORIES = "memories are declared with `#![memory(N, min = .., max = .., ...)]`"

# S0005 unexpected end of file (the message is EXPECTED's, with `found` = "end of file")
UNEXPECTED_END = Message("S0005", "expected {expected}, found end of file")
NOTE_UNCLOSED_DELIMITER = "the delimiter `{delimiter}` opened at {line}:{col} is never closed"


# ---------------------------------------------------------------------------
# Names and items

# E0425
UNKNOWN_VALUE = Message("E0425", "cannot find value `{path}` in this scope")
UNKNOWN_FUNCTION = Message("E0425", "cannot find function `{path}` in this scope")
LABEL_NOT_IN_SCOPE = "not found in this scope"
HELP_SIMILAR_NAME = "{kind} with a similar name exists"  # `check.suggest`: "a local variable with ..."
HELP_SIMILAR_NAME_IS = "{kind} with a similar name exists: `{name}`"
UNKNOWN_IN_MODULE = Message("E0425", "cannot find {what} `{name}` in `{module}`")
LABEL_NOT_IN_MODULE = "not found in `{module}`"
# E0423 / E0573 a name of the wrong kind
EXPECTED_VALUE = Message("E0423", "expected value, found {kind} `{name}`")
EXPECTED_TYPE = Message("E0573", "expected type, found {kind} `{name}`")
LABEL_NOT_A_VALUE = "not a value"
LABEL_NOT_A_TYPE = "not a type"

# E0412
UNKNOWN_TYPE = Message("E0412", "cannot find type `{name}` in this scope")
UNKNOWN_STRUCT = Message("E0412", "cannot find struct `{name}` in this scope")
ALIAS_NOT_STRUCT = Message("E0071", "expected struct, variant or union type, found type alias `{name}` (`{ty}`)")
LABEL_ALIAS_NOT_STRUCT = "not a struct"
UNKNOWN_TYPE_IN_MODULE = Message("E0412", "cannot find type `{name}` in `{module}`")

# Modules, paths, `use` and visibility (check/resolve.py, syntax/modules.py)
# E0433 failed to resolve a path
UNDECLARED_MODULE = Message("E0433", "failed to resolve: use of undeclared crate or module `{name}`")
LABEL_UNDECLARED_MODULE = "use of undeclared crate or module `{name}`"
MODULE_NOT_FOUND_IN = Message("E0433", "failed to resolve: could not find `{name}` in `{module}`")
LABEL_MODULE_NOT_FOUND_IN = "could not find `{name}` in `{module}`"
NOT_A_MODULE = Message("E0433", "failed to resolve: `{name}` is a {kind}, not a module")
LABEL_NOT_A_MODULE = "a {kind}, not a module"
TOO_MANY_SUPERS = Message("E0433", "failed to resolve: there are too many leading `super` keywords")
LABEL_TOO_MANY_SUPERS = "the crate root has no parent module"
UNDECLARED_TYPE_PREFIX = Message("E0433", "failed to resolve: use of undeclared type `{name}`")
LABEL_UNDECLARED_TYPE_PREFIX = "use of undeclared type `{name}`"
# E0432 unresolved import
UNRESOLVED_IMPORT = Message("E0432", "unresolved import `{path}`")
LABEL_NO_SUCH_NAME = "no `{name}` in {module}"
USE_SELF_ALONE = Message("E0432", "`self` imports are only allowed within a `{{ }}` list")
USE_KEYWORD_NAME = Message("E0432", "`{name}` cannot be the name of an import")
# E0252 / E0255 a name imported twice, or imported and defined
IMPORT_CONFLICT = Message("E0252", "the name `{name}` is defined multiple times")
IMPORT_ITEM_CONFLICT = Message("E0255", "the name `{name}` is defined multiple times")
LABEL_PREVIOUS_IMPORT = "previous import of `{name}` here"
# E0603 private item
PRIVATE_ITEM = Message("E0603", "{kind} `{name}` is private")
LABEL_PRIVATE = "private {kind}"
LABEL_PRIVATE_DEFINED = "the {kind} `{name}` is defined here"
# E0616 / E0451 private field
PRIVATE_FIELD = Message("E0616", "field `{name}` of struct `{ty}` is private")
PRIVATE_FIELD_LITERAL = Message("E0451", "field `{name}` of struct `{ty}` is private")
LABEL_PRIVATE_FIELD = "private field"
# E0742 `pub(in path)` outside the path
VISIBILITY_NOT_ANCESTOR = Message("E0742", "visibilities can only be restricted to ancestor modules")
# E0583 / E0761 module files
MODULE_FILE_NOT_FOUND = Message("E0583", "file not found for module `{name}`")
MODULE_FILE_TWICE = Message("E0583", "the file of module `{name}`, {path}, is already a module of this crate")
HELP_CREATE_MODULE_FILE = "to create the module `{name}`, create file {first} or {second}"
NOTE_NO_SOURCE_DIRECTORY = "this source was not read from a file, so there is no directory to find `{name}.rs` in"
MODULE_FILE_AMBIGUOUS = Message("E0761", "file for module `{name}` found at both {first} and {second}")
HELP_DELETE_ONE_MODULE_FILE = "delete or rename one of them to remove the ambiguity"

# Traits, impls and bounds (check/impls.py, check/methods.py)
UNKNOWN_TRAIT = Message("E0405", "cannot find trait `{name}` in this scope")
NOT_A_TRAIT = Message("E0404", "expected trait, found {kind} `{name}`")
LABEL_NOT_A_TRAIT = "not a trait"
TRAIT_AS_TYPE = Message("E0782", "expected a type, found the trait `{name}`")
LABEL_TRAIT_AS_TYPE = "a trait, not a type"
HELP_TRAIT_AS_TYPE = ("farc has no trait objects (`dyn {name}`): take a generic parameter with a bound instead, "
                      "`fn f<T: {name}>(x: &T)`")
NOT_A_TRAIT_METHOD = Message("E0407", "method `{name}` is not a member of trait `{trait}`")
NOT_A_TRAIT_CONST = Message("E0438", "const `{name}` is not a member of trait `{trait}`")
NOT_A_TRAIT_TYPE = Message("E0437", "type `{name}` is not a member of trait `{trait}`")
LABEL_NOT_A_MEMBER = "not a member of trait `{trait}`"
MISSING_TRAIT_ITEMS = Message("E0046", "not all trait items implemented, missing: {names}")
LABEL_MISSING_ITEMS = "missing {names} in this implementation of `{trait}`"
INCOMPATIBLE_METHOD = Message("E0053", "method `{name}` has an incompatible type for trait `{trait}`")
LABEL_TRAIT_DECLARATION = "the trait declares it here"
NOTE_TRAIT_METHOD_MEMORY = ("the types differ in the memory of a pointer: an impl must keep the memories the "
                            "trait's signature promises")
METHOD_PARAM_COUNT = Message("E0050", "method `{name}` has {found} but the declaration in trait `{trait}` has "
                             "{expected}")
RECEIVER_IN_TRAIT_ONLY = Message("E0186", "method `{name}` has a `self` parameter in trait `{trait}`, but not in "
                                 "the impl")
RECEIVER_IN_IMPL_ONLY = Message("E0185", "method `{name}` has a `self` parameter in the impl, but not in trait "
                                "`{trait}`")
METHOD_GENERIC_COUNT = Message("E0049", "method `{name}` has {found} generic parameter(s) but its declaration in "
                               "trait `{trait}` has {expected}")
CONFLICTING_IMPLS = Message("E0119", "conflicting implementations of trait `{trait}` for type `{ty}`")
LABEL_CONFLICTING_IMPL = "conflicting implementation for `{ty}`"
LABEL_FIRST_IMPL = "first implementation here"
NOTE_BUILTIN_IMPL = "`core` implements `{trait}` for `{ty}` already"
ORPHAN_IMPL = Message("E0117", "only traits defined in the current crate can be implemented for types defined "
                      "outside of the crate")
LABEL_ORPHAN = "`{ty}` is not defined in the current crate"
NOTE_ORPHAN = "implement a trait of your own for it, or the trait for a struct of this crate that wraps it"
PRIMITIVE_INHERENT_IMPL = Message("E0390", "cannot define inherent `impl` for primitive types")
HELP_PRIMITIVE_INHERENT_IMPL = "define a trait with the methods and implement it for the primitive type"
INHERENT_IMPL_TYPE = Message("E0118", "no nominal type found for inherent implementation of `{ty}`")
NOTE_INHERENT_IMPL_TYPES = "inherent impls are for structs (and enums) of this crate"
DUPLICATE_ASSOC = Message("E0592", "duplicate definitions with name `{name}`")
LABEL_DUPLICATE_ASSOC = "duplicate definitions for `{name}`"
DUPLICATE_IMPL_ITEM = Message("E0201", "duplicate definitions with name `{name}`")
UNCONSTRAINED_IMPL_PARAM = Message("E0207", "the {kind} parameter `{name}` is not constrained by the impl trait, "
                                   "self type, or predicates")
LABEL_UNCONSTRAINED = "unconstrained parameter"
UNSAFE_TRAIT_SAFE_IMPL = Message("E0200", "the trait `{trait}` requires an `unsafe impl` declaration")
SAFE_TRAIT_UNSAFE_IMPL = Message("E0199", "implementing the trait `{trait}` is not unsafe")
UNSATISFIED_BOUND = Message("E0277", "the trait bound `{ty}: {trait}` is not satisfied")
LABEL_NOT_IMPLEMENTED = "the trait `{trait}` is not implemented for `{ty}`"
NOTE_REQUIRED_BY_BOUND = "required by a bound in `{item}`"
NOTE_REQUIRED_BY_SUPERTRAIT = "required by a supertrait of `{trait}`"
NOTE_REQUIRED_BY_ASSOC_TYPE = "required by the bounds of the associated type `{name}` of `{trait}`"
COPY_WITH_NON_COPY_FIELD = Message("E0204", "the trait `Copy` cannot be implemented for type `{ty}`")
LABEL_COPY_NOT_ALLOWED = "`Copy` not allowed on this type"
NOTE_NON_COPY_FIELD = "its field `{field}` has type `{ty}`, which does not implement `Copy`"
INVALID_SELF_TYPE = Message("E0307", "invalid `self` parameter type: `{ty}`")
HELP_SELF_TYPES = ("the type of `self` must be `Self`, or `Self` behind a reference or raw pointer: `&Self`, "
                   "`&mut Self`, `#[mem_idx(M)] &Self` (a far receiver), `*const Self`, ...")
SELF_OUTSIDE_IMPL = Message("E0424", "`self` parameter is only allowed in associated functions")
LABEL_SELF_OUTSIDE_IMPL = "not semantically valid as a function parameter"
SELF_TYPE_OUTSIDE = Message("E0411", "cannot find type `Self` in this scope")
LABEL_SELF_TYPE_OUTSIDE = "`Self` is only available in impls and traits"
SELF_VALUE_OUTSIDE = Message("E0424", "expected value, found module `self`")
UNKNOWN_ASSOC_TYPE = Message("E0220", "associated type `{name}` not found for `{trait}`")
UNKNOWN_ASSOC_TYPE_FOR = Message("E0220", "associated type `{name}` not found for `{ty}`")
LABEL_ASSOC_TYPE_NOT_FOUND = "associated type not found"
AMBIGUOUS_ASSOC_TYPE = Message("E0223", "ambiguous associated type")
GENERIC_ASSOC_TYPE = Message("E0601", "generic associated types are not supported yet")
ASSOC_TYPE_DEFAULT = Message("E0601", "defaults of associated types are not supported (they are unstable in Rust)")
BINDING_IN_IMPL = Message("E0229", "associated item constraints are not allowed in an impl's trait")
INHERENT_ASSOC_TYPE = Message("E0658", "inherent associated types are unstable")
VIS_IN_TRAIT_IMPL = Message("E0449", "visibility qualifiers are not permitted here")
ASSOC_CONST_WITHOUT_VALUE = Message("E0601", "associated const `{name}` in an impl needs a value")
UNDECLARED_LIFETIME = Message("E0261", "use of undeclared lifetime name `{name}`")
LABEL_UNDECLARED_LIFETIME = "undeclared lifetime"
HELP_DECLARE_LIFETIME = "declare it with the generic parameters: `<{name}>`"
NO_ASSOC_ITEM = Message("E0599", "no function or associated item named `{name}` found for {kind} `{ty}`")
LABEL_ASSOC_ITEM_NOT_FOUND = "associated item not found in `{ty}`"
NO_VARIANT = Message("E0599", "no variant or associated item named `{name}` found for enum `{ty}`")
LABEL_VARIANT_NOT_FOUND = "variant or associated item not found in `{ty}`"
MULTIPLE_APPLICABLE = Message("E0034", "multiple applicable items in scope")
LABEL_MULTIPLE_APPLICABLE = "multiple `{name}` found"
NOTE_CANDIDATE = "candidate: `{candidate}`"
PRIVATE_METHOD = Message("E0624", "{kind} `{name}` is private")
LABEL_PRIVATE_METHOD = "private {kind}"
TRAIT_NOT_IN_SCOPE = "items from traits can only be used if the trait is in scope: `use {trait};`"
RECEIVER_MEMORY = Message("M0002", "the receiver of `{method}` is in memory {found}, but `{method}` takes `self` in "
                          "memory {expected}")
LABEL_RECEIVER_MEMORY = "this place is in memory {found}"
NOTE_RECEIVER_MEMORY = ("calling the method would borrow the receiver as `{expected_ty}`: a reference into memory "
                        "{found} cannot become one into memory {expected}")
HELP_FAR_RECEIVER = ("declare the receiver far, for every memory: `fn {method}<const M: usize>(self: "
                     "#[mem_idx(M)] &Self)` (or for the impl: `impl<const M: usize>`)")
OPERAND_MEMORY = Message("M0002", "the operand of `{op}` is in memory {found}, but `{trait}::{method}` takes it "
                         "in memory {expected}")
NOTE_OPERAND_MEMORY = ("the operator borrows its operand where it is, as `{found_ty}`: a reference into memory {found} "
                       "cannot become one into memory {expected}")
HELP_OPERAND_MEMORY = "copy the value into memory 0 first (`let mut v = *p;`), and back if it changes"
NOTE_ASSOC_BINDING = "the bound requires `<{ty} as {trait}>::{name}` to be this type"
COMPOUND_ON_TYPE = Message("E0368", "binary assignment operation `{op}` cannot be applied to type `{ty}`")
DERIVE_NOT_SUPPORTED = Message("E0601", "`#[derive({name})]` is not supported")
NOTE_DERIVES = "farc derives `Clone`, `Copy`, `PartialEq` and `Eq`; write other impls by hand"
OPERATOR_NEEDS_TRAIT = "an implementation of `{trait}` might be missing for `{ty}`"
ASSOC_CONST_GENERIC_ARG = Message("E0601", "an associated const that depends on generic parameters cannot be a "
                                  "const generic argument, memory index or array length")
NOTE_ASSOC_CONST_GENERIC_ARG = ("its value is only known per instance, and memories and lengths must be known "
                                "when the generic code is checked (rustc: generic parameters may not be used in "
                                "const operations)")

# E0428
DUPLICATE_NAME = Message("E0428", "the name `{name}` is defined multiple times")
LABEL_REDEFINED = "`{name}` redefined here"
NOTE_DEFINED_ONCE = "`{name}` must be defined only once in the {namespace} namespace of this module"

# E0124, E0072 (struct declarations)
DUPLICATE_FIELD_DECL = Message("E0124", "field `{name}` is already declared")
RECURSIVE_STRUCT = Message("E0072", "recursive type `{name}` has infinite size")
HELP_BREAK_RECURSION = "insert a pointer (`*const` / `*mut`) to break the cycle"

# E0617 imports and exports
GENERIC_IMPORT = Message("E0617", "functions imported from another module cannot be generic")
IMPORT_WITH_BODY = Message("E0617", "functions in an `extern` block have no body")
GENERIC_EXPORT = Message("E0617", "a generic function cannot be exported")
HELP_EXPORT_WRAPPER = "export a non-generic wrapper that calls one instance"

# X0001, X0002 export and import names (`check.exports`)
EXPORTED_TWICE = Message("X0001", "export name `{name}` of {what} is already the export name of {earlier}")
LABEL_EXPORTED_AGAIN = "exported again here"
LABEL_FIRST_EXPORTED = "first exported here"
NOTE_MEMORY0_EXPORTED = ("memory 0 is exported as `memory` unless it is imported or declared with another name, "
                         "e.g. `#![memory(0, export = \"heap\")]`")
HELP_RENAME_EXPORT = ("a wasm module exports each name once: rename one (`#[export_name = \"...\"]` on a function "
                      "or static, `export = \"...\"` on a memory)")
NAME_WITH_NUL = Message("X0002", "{kind} name `{name}` contains a NUL character")
NOTE_NAMES_END_AT_NUL = "LLVM, object files and the linker end names at NUL, so the name would be cut short"
EMPTY_IMPORT_NAME = Message("X0002", "import module and import names cannot be empty")
RESERVED_IMPORT_MODULE = Message("X0002", "the import module `{module}` is reserved for farc's memory intrinsics")

# E0015 (not a constant expression), E0080 (evaluation failed): a `NotConstant`
# carries the code and the reason (WHY_*)
CONST_NOT_CONSTANT = Message("E0015", "cannot evaluate constant `{name}`: {why}")
CONST_EVAL_FAILED = Message("E0080", "cannot evaluate constant `{name}`: {why}")
STATIC_NOT_CONSTANT = Message("E0015", "cannot evaluate the initializer of static `{name}`: {why}")
STATIC_EVAL_FAILED = Message("E0080", "cannot evaluate the initializer of static `{name}`: {why}")
CONST_CYCLE = Message("E0080", "constant `{name}` depends on itself")
NOTE_STATIC_INITIALIZERS = ("static initializers must be constants: literals, arithmetic, casts, `const` items, "
                            "array and struct literals, `null()`, calls of `const fn`s")
WHY_NOT_CONSTANT = "this expression cannot be evaluated at compile time"
WHY_GENERIC_FN_CONSTANT = ("a pointer to the generic function `{name}`: constants and statics cannot name an "
                           "instance yet; wrap it in a function with concrete types")
STATIC_FAR_FN_POINTER = Message("E0015", "far static `{name}` cannot hold function pointers")
NOTE_FAR_FN_POINTER_STATIC = ("a function pointer is the function's index in the module's table, which the linker "
                              "fills in; a far static's bytes are written before linking")
HELP_FAR_FN_POINTER_STATIC = "keep the function pointers in a memory-0 static, or store them at run time"
WHY_DIVIDE_BY_ZERO = "attempt to divide by zero"
WHY_REMAINDER_BY_ZERO = "attempt to calculate the remainder with a divisor of zero"
WHY_OVERFLOW = "attempt to compute `{a}_{ty} {op} {b}_{ty}`, which would overflow"
WHY_NEGATE_OVERFLOW = "attempt to negate `{a}_{ty}`, which would overflow"
WHY_SHIFT_OVERFLOW = "attempt to shift {direction} by `{b}_{rty}`, which would overflow"
WHY_CAST = "cannot cast to `{ty}` in a constant"
LENGTH_NOT_CONSTANT = Message("E0015", "cannot evaluate this array length or const generic argument: {why}")
LENGTH_EVAL_FAILED = Message("E0080", "cannot evaluate this array length or const generic argument: {why}")
WHY_NON_CONST_CALL = "cannot call non-const function `{name}` in constant evaluation"
WHY_NO_BODY = "the body of `{name}` is not available to constant evaluation (it has errors or is not checked)"
WHY_TOO_DEEP = "reached the maximum of {limit} nested `const fn` calls (infinite recursion?)"
WHY_TOO_MANY_STEPS = ("constant evaluation took more than {limit} steps: a `const fn` that loops (or recurses) "
                      "without end?")
WHY_GENERIC_CONST_PARAM = "generic parameters may not be used in const operations (`{name}`)"
WHY_STATIC_MUT = "constant accesses mutable global memory (`static mut {name}`)"
WHY_STATIC_READ = "farc's constant evaluation does not read statics (`{name}`): use a `const` item"
WHY_READ_THROUGH_POINTER = ("cannot read through the pointer `{ty}`: constant evaluation reads no memory (only "
                            "references made during the evaluation itself)")
WHY_POINTER_TO_INT = "unable to turn a reference made during constant evaluation into an integer"
WHY_POINTER_COMPARISON = "pointers made during constant evaluation cannot be compared"
WHY_REFERENCE_IN_VALUE = ("a reference made during constant evaluation cannot be part of a constant's value "
                          "(farc keeps no memory for it)")
WHY_BUILTIN_NOT_CONSTANT = "this intrinsic or pointer operation cannot be evaluated at compile time"
WHY_INDEX_OUT_OF_BOUNDS = "index out of bounds: the length is {len} but the index is {index}"
WHY_ARRAY_TOO_BIG = "an array of more than {limit} elements is changed element by element in constant evaluation"
LABEL_FAILED_INSIDE_CALL = "evaluation failed inside this call"
LABEL_FAILED_INSIDE = "inside `{name}`: the failure occurred here"
NOTE_FAILED_CALL_CHAIN = "inside {n} nested calls: {chain}"
CONST_FN_IN_TRAIT = Message("E0379", "functions in {where} cannot be declared const")
LABEL_CONST_FN_IN_TRAIT = "functions in {where} cannot be const"
HELP_REMOVE_CONST = "remove the `const`"
# E0015 at check time: what constant contexts (`const`, `static`, array lengths, `const fn` bodies) may call
NON_CONST_CALL = Message("E0015", "cannot call non-const function `{name}` in {context}")
NOTE_NOT_CONST_FN = "function `{name}` is not const"
NOTE_CONST_CALLS = "calls in {context} are limited to constant functions, tuple structs and tuple variants"
NON_CONST_TRAIT_CALL = Message("E0015", "cannot call non-const method `{name}` of trait `{trait}` in {context}")
NOTE_TRAIT_METHODS_NOT_CONST = "trait methods (and the operators of user types) are not `const` in Rust"
FN_POINTER_CALL_IN_CONST = Message("E0015", "function pointer calls are not allowed in {context}")
CLOSURE_CALL_IN_CONST = Message("E0015", "cannot call non-const closure in {context}")
NOTE_CLOSURES_NOT_CONST = "closures are not `const` in Rust: call a `const fn` instead"
FOR_LOOP_IN_CONST = Message("E0015", "`for` loops are not allowed in {context}")
NOTE_FOR_LOOP_IN_CONST = "a `for` loop calls `Iterator::next`, which is not `const`: use `while`"


# ---------------------------------------------------------------------------
# Types and expressions (rustc's codes)

# E0308
MISMATCHED_TYPES = Message("E0308", "mismatched types")
LABEL_EXPECTED_FOUND = "expected `{expected}`, found `{found}`"
LABEL_EXPECTED_RAW_POINTER = "expected `*{qualifier} T`, found `{found}`"
LABEL_EXPECTED_POINTER_TO = "expected a pointer to `{pointee}`, found `{found}`"
NOTE_NO_TAIL = "the function's body has no tail expression and no `return` of a value"
LABEL_EXPECTED_DUE_TO = "expected due to this"
LABEL_EXPECTED_BY_RETURN_TYPE = "expected `{ty}` because of return type"
LABEL_IMPLICIT_UNIT = "implicitly returns `()` as its body has no tail or `return` expression"
HELP_REMOVE_SEMICOLON = "remove this semicolon to return this value"
NOTE_CLOSURE_CAPTURES = ("a closure that captures variables is not a function pointer: its value is its "
                         "environment, the variables it captures")
CAPTURE_OUT_OF_SCOPE = Message("E0597", "`{name}` does not live long enough")
LABEL_CAPTURE_OUT_OF_SCOPE = "the closure is used here, where a variable it borrows is out of scope"
USE_AFTER_FN_ONCE_CALL = Message("E0382", "use of moved value: `{name}`")
LABEL_USED_AFTER_MOVE = "value used here after move"
LABEL_MOVED_BY_CALL = "`{name}` moved due to this call"
NOTE_FN_ONCE_MOVES = "this value implements `FnOnce`, which causes it to be moved when called"
POSSIBLY_UNINITIALIZED = Message("E0381", "used binding `{name}` is possibly-uninitialized")
LABEL_POSSIBLY_UNINITIALIZED = "`{name}` used here but it is possibly-uninitialized"
LABEL_LEFT_UNINITIALIZED = "binding declared here but left uninitialized"
HELP_POSSIBLY_UNINITIALIZED = "assign `{name}` a value on every path before this use, or give it one where it is declared"
NOT_A_CLOSURE = Message("E0277", "expected a `{bound}` closure, found `{ty}`")
LABEL_NOT_A_CLOSURE = "expected an `{bound}` closure, found `{ty}`"
CLOSURE_KIND = Message("E0525", "expected a closure that implements the `{expected}` trait, but this closure only "
                                "implements `{found}`")
LABEL_CLOSURE_KIND_REQUIRED = "the requirement to implement `{expected}` derives from here"
LABEL_CLOSURE_KIND = "this closure implements `{found}`, not `{expected}`: it changes a variable it captures"
LABEL_CAPTURED_HERE = "`{name}` is declared here, in a block that has ended"
NOTE_FN_TABLES = ("a function pointer is an index into a function table: the expected one indexes {expected}, "
                  "this one {found}; they are different types, as pointers into different memories are")
NOTE_SAME_OPERAND_TYPES = "both operands of `{op}` must have the same type; convert one with `as`"
NOTE_RAW_POINTER_ARGUMENT = "the {what} of this function is a raw pointer"
NOTE_MUTABLE_POINTER_ARGUMENT = "the {what} must be a mutable pointer"
NOTE_COPY_ELEMENT_TYPES = ("source and destination may be in different memories, but must have the same element "
                           "type")

# E0061, E0107 argument counts
WRONG_ARG_COUNT = Message("E0061", "this function takes {expected} but {supplied} supplied")
WRONG_BUILTIN_ARG_COUNT = Message("E0061", "`{name}` takes {expected} but {supplied} supplied")
LABEL_EXPECTED_COUNT = "expected {n}"
LABEL_DEFINED_HERE = "`{name}` defined here"
WRONG_GENERIC_COUNT = Message("E0107", "function `{name}` takes {expected} but {supplied} supplied")
WRONG_TYPE_GENERIC_COUNT = Message("E0107", "{kind} `{name}` takes {expected} but {supplied} supplied")
ALIAS_CYCLE = Message("E0391", "cycle detected when expanding type alias `{name}`")
LABEL_ALIAS_CYCLE = "its type names the alias itself"
ALIAS_WITHOUT_TYPE = Message("E0601", "free type alias `{name}` without a type")
HELP_ALIAS_WITHOUT_TYPE = ("write the type it stands for: `type {name} = T;` (a `type` without one declares an "
                           "associated type, in a trait)")
STATIC_TYPE_CYCLE = Message("E0391", "cycle detected when computing the type of static `{name}`")
LABEL_STATIC_TYPE_CYCLE = "this type uses a constant whose evaluation names the static itself"
MISSING_GENERICS = Message("E0107", "missing generics for {kind} `{name}`: it takes {expected}")
HELP_MISSING_GENERICS = "add the generic arguments: `{name}<{params}>`"
WRONG_BUILTIN_GENERIC_COUNT = Message("E0107", "`{name}` takes {at_least}{expected} (<{names}>) but {supplied} "
                                      "supplied")
MISSING_MEMORY_ARG = Message("E0107", "`{name}` needs the memory index as its first generic argument: "
                             "`{name}::<N{rest}>`")
CAST_GENERIC_COUNT = Message("E0107", "`cast` takes 1 generic argument")

# E0282
ANNOTATIONS_NEEDED = Message("E0282", "type annotations needed")
LABEL_CANNOT_INFER = "cannot infer the type `{ty}`"
LABEL_CANNOT_INFER_CAST = "cannot infer the type to cast"
LABEL_RECEIVER_UNKNOWN = "the type of this value must be known to call `.{method}()`"
LABEL_CONST_PARAM_UNKNOWN = "cannot infer the value of the const parameter `{param}` declared on the function `{name}`"
HELP_ANNOTATE = "give the binding a type (`let x: T = ...`) or use a turbofish (`f::<T>(...)`)"
HELP_CONST_PARAM_TURBOFISH = ("nothing in the call decides the memory or length `{param}`: specify the generic "
                              "arguments, `{name}::<{params}>(...)`")

# E0384, E0594, E0596, E0070 mutability and places
ASSIGN_IMMUTABLE_LOCAL = Message("E0384", "cannot assign to {what}")
ASSIGN_TWICE = Message("E0384", "cannot assign twice to immutable variable `{name}`")
LABEL_ASSIGN_TWICE = "cannot assign twice to immutable variable"
LABEL_FIRST_ASSIGNMENT = "first assignment to `{name}`"
ASSIGN_IMMUTABLE = Message("E0594", "cannot assign to {what}")
BORROW_IMMUTABLE = Message("E0596", "cannot borrow {what} as mutable")
INVALID_ASSIGN_TARGET = Message("E0070", "invalid left-hand side of assignment")
LABEL_CANNOT_ASSIGN = "cannot assign"
LABEL_CANNOT_ASSIGN_EXPR = "cannot assign to this expression"
LABEL_CANNOT_BORROW_MUT = "cannot borrow as mutable"
HELP_MAKE_MUTABLE = "make the binding mutable: `let mut {name}`"
WHY_IMMUTABLE_LOCAL = "immutable variable `{name}`"
WHY_IMMUTABLE_STATIC = "immutable static `{name}`"
WHY_BEHIND_POINTER = "data behind a `{pointer}` pointer"
WHY_TEMPORARY = "a temporary value"

# E0133 (what needs `unsafe`, and a note on why, per cause)
UNSAFE_OPERATION = Message("E0133", "{what} is unsafe and requires unsafe block")
NOTE_RAW_POINTERS_UNSAFE = ("raw pointers may be null, dangling or unaligned; memory accesses through them are "
                            "unsafe")
NOTE_MUTABLE_STATIC_UNSAFE = ("mutable statics can be changed by any code: reading or writing one may race with "
                              "another access; taking its address with `&raw const` / `&raw mut` is safe")
NOTE_UNSAFE_FN = "consult the function's documentation for information on how to avoid undefined behavior"
NOTE_IMPORTED_FN_UNSAFE = ("functions of an `extern` block are unsafe to call: farc cannot see what they do with "
                           "the program's memories")
NOTE_MEMIDX_UNSAFE = ("the intrinsic uses the address of a memory-0 pointer in another memory: nothing checks "
                      "that the address is valid there")
NOTE_OFFSET_UNSAFE = "the resulting pointer must stay within the object the pointer points into"
NOTE_OFFSET_FROM_UNSAFE = "both pointers must point into the same object"
NOTE_UNREACHABLE_UNSAFE = "reaching `unreachable()` is undefined behavior in Rust (farc traps)"
WHAT_MUTABLE_STATIC = "use of mutable static"
WHAT_RAW_DEREF = "dereference of raw pointer"
WHAT_UNSAFE_FN = "call to unsafe function `{name}`"
WHAT_UNSAFE_INTRINSIC = "call to unsafe intrinsic `{name}`"
WHAT_UNSAFE_METHOD = "call to unsafe method `{name}`"
WHAT_UNSAFE_FN_POINTER = "call through an `unsafe fn` pointer"
NOTE_UNSAFE_FN_POINTER = ("an `unsafe fn` pointer may point to an `unsafe fn` or an imported function: the caller "
                          "vouches for its preconditions")

# E0369, E0600 operators
BINARY_ON_POINTERS = Message("E0369", "cannot apply `{op}` to pointers of type `{ty}`")
BINARY_ON_TYPE = Message("E0369", "cannot apply binary operator `{op}` to type `{ty}`")
OPERATOR_ON_TYPE = Message("E0369", "cannot apply `{op}` to type `{ty}`")
COMPARE_ON_TYPE = Message("E0369", "binary operation `{op}` cannot be applied to type `{ty}`")
HELP_POINTER_ARITHMETIC = "use `p.add(n)`, `p.sub(n)`, `p.offset(n)` or `p.offset_from(q)`"
UNARY_ON_TYPE = Message("E0600", "cannot apply unary operator `{op}` to type `{ty}`")
NOTE_UNSIGNED_NEGATION = "unsigned values cannot be negated"

# E0605, E0606 casts
NON_PRIMITIVE_CAST = Message("E0605", "non-primitive cast: `{src}` as `{dst}`")
INVALID_CAST = Message("E0606", "casting `{src}` as `{dst}` is invalid")
NOTE_ENUM_CAST = ("an `as` expression can convert an enum to an integer only if no variant has fields (its "
                  "discriminant)")
HELP_INT_TO_REF = "cast to a raw pointer, then borrow it in `unsafe`: `&*(addr as *const T)`"
HELP_SLICE_CAST = ("a slice reference is a pointer and a length: take the pointer with `.as_ptr()` (a raw pointer "
                   "to the first element, in the slice's memory) and the length with `.len()`")
HELP_SHARED_TO_MUT = "a shared reference cannot become a `*mut` pointer; cast to `*const` first"
HELP_RAW_TO_REF = "dereference the raw pointer and borrow it: `&*p`"

# E0599 methods
NO_METHOD = Message("E0599", "no method named `{method}` found for `{ty}`")
NO_METHOD_ON_REF = Message("E0599", "no method named `{method}` found for reference `{ty}`")
LABEL_METHOD_NOT_FOUND = "method not found"
HELP_REF_TO_RAW = "convert the reference to a raw pointer first: `r as *const T`"
HELP_WRITE_NEEDS_MUT = "`write` needs a `*mut` pointer"

# E0609, E0608, E0614 fields, indexing, dereference
NO_FIELD = Message("E0609", "no field `{name}` on type `{ty}`")
LABEL_UNKNOWN_FIELD = "unknown field"
def available_fields(names: list[str]) -> str:
    """rustc's note: "available field is: `a`", "available fields are: `a`, `b`"."""
    shown = ", ".join(f"`{n}`" for n in names)
    return f"available field is: {shown}" if len(names) == 1 else f"available fields are: {shown}"
HELP_NO_AUTO_DEREF = "raw pointers are not dereferenced automatically: write `(*ptr).{name}`"
CANNOT_INDEX = Message("E0608", "cannot index into a value of type `{ty}`")
HELP_INDEX_POINTER = "index the pointee: `(*ptr)[i]`, or offset the pointer: `*ptr.add(i)`"
CANNOT_DEREF = Message("E0614", "type `{ty}` cannot be dereferenced")

# E0560, E0063, E0062 struct literals
STRUCT_NO_FIELD = Message("E0560", "struct `{name}` has no field named `{field}`")
MISSING_FIELDS = Message("E0063", "missing {fields} in initializer of `{name}`")
FIELD_TWICE = Message("E0062", "field `{name}` specified more than once")

# E0416, E0026, E0025, E0027 patterns (compiler/check/patterns.py)
BOUND_TWICE = Message("E0416", "identifier `{name}` is bound more than once in the same pattern")
LABEL_BOUND_TWICE = "used in a pattern more than once"
PATTERN_NO_FIELD = Message("E0026", "struct `{name}` does not have a field named `{field}`")
LABEL_STRUCT_HAS_NO_FIELD = "struct `{name}` does not have this field"
FIELD_BOUND_TWICE = Message("E0025", "field `{field}` bound multiple times in the pattern")
PATTERN_MISSING_FIELDS = Message("E0027", "pattern does not mention {fields}")
HELP_PATTERN_MISSING_FIELDS = "include the missing fields in the pattern, or ignore them with `..`: `S { x, .. }`"
LABEL_TUPLE_ARITY = "expected a tuple with {expected}, found one with {found} elements"
LABEL_TUPLE_UNKNOWN = "the type of this tuple must be known here"

# E0732, E0081, E0370, E0552 enum declarations (compiler/check/enums.py)
DISCRIMINANT_NEEDS_REPR = Message("E0732", "`#[repr(inttype)]` must be specified for an enum with explicit "
                                  "discriminants and variants with fields")
HELP_DISCRIMINANT_REPR = "give the enum an integer representation: `#[repr(u8)] enum {name} {{ .. }}`"
DISCRIMINANT_TWICE = Message("E0081", "discriminant value `{value}` assigned more than once")
LABEL_DISCRIMINANT_TWICE = "`{value}` assigned here"
LABEL_DISCRIMINANT_FIRST = "first assignment of `{value}`"
DISCRIMINANT_OVERFLOW = Message("E0370", "enum discriminant overflowed")
LABEL_DISCRIMINANT_OVERFLOW = "overflowed on value after {previous} (the discriminants are `{ty}`)"
NOTE_DISCRIMINANT_EXPLICIT = "explicitly set `{name} = 0` if that is the desired outcome"
DISCRIMINANT_NOT_CONSTANT = Message("E0015", "cannot evaluate the discriminant of `{name}`: {why}")
DISCRIMINANT_EVAL_FAILED = Message("E0080", "cannot evaluate the discriminant of `{name}`: {why}")
ENUM_REPR = Message("E0552", "unrecognized representation hint `{what}` for an enum")
HELP_ENUM_REPR = "an enum takes `#[repr(u8)]` (or another integer type) or `#[repr(C)]`"
ENUM_GENERIC_COUNT = Message("E0107", "enum `{name}` takes {expected} but {supplied} supplied")

# E0061, E0559, E0436, E0574, E0533 enum values
VARIANT_ARG_COUNT = Message("E0061", "this enum variant takes {expected} but {supplied} supplied")
STRUCT_ARG_COUNT = Message("E0061", "this struct takes {expected} but {supplied} supplied")
VARIANT_NO_FIELD = Message("E0559", "variant `{name}` has no field named `{field}`")
VARIANT_UPDATE = Message("E0436", "functional record update syntax requires a struct")
EXPECTED_STRUCT_VARIANT = Message("E0574", "expected struct or struct variant, found {kind} `{name}`")
STRUCT_VARIANT_VALUE = Message("E0533", "expected value, found struct variant `{name}`")
HELP_STRUCT_VARIANT = "give the variant's fields: `{name} {{ .. }}`"

# E0004, E0005 exhaustiveness and refutability (compiler/check/exhaustiveness.py)
NON_EXHAUSTIVE = Message("E0004", "non-exhaustive patterns: {listing} not covered")
LABEL_NOT_COVERED = "{patterns} {listing} not covered"
LABEL_VARIANT_NOT_COVERED = "not covered"
NOTE_MATCHED_TYPE = "the matched value is of type `{ty}`"
HELP_ADD_ARM = ("ensure that all possible cases are being handled by adding a match arm with a wildcard pattern "
                "or an explicit pattern as shown")
REFUTABLE_LET = Message("E0005", "refutable pattern in local binding")
REFUTABLE_PARAM = Message("E0005", "refutable pattern in function argument")
NOTE_IRREFUTABLE_LET = ("`let` bindings require an \"irrefutable pattern\", like a `struct` or an `enum` with only "
                        "one variant")
NOTE_IRREFUTABLE_PARAM = "function parameters require an \"irrefutable pattern\": one that matches every value"
HELP_LET_ELSE = "you might want to use `let ... else` to handle the values that are not matched"

# E0408, E0409, E0530, E0532, E0164, E0029, E0030, E0579, E0158, E0527 patterns (compiler/check/patterns.py)
NOT_BOUND_IN_ALL = Message("E0408", "variable `{name}` is not bound in all patterns")
LABEL_NOT_IN_ALL = "variable not in all patterns"
LABEL_PATTERN_MISSES = "pattern doesn't bind `{name}`"
LABEL_ALTERNATIVE_TYPE = "`{name}` is `{expected}` in the first alternative, `{found}` here"
ALTERNATIVE_BINDING_MODE = Message("E0409", "variable `{name}` is bound inconsistently across `|` patterns")
CANNOT_SHADOW = Message("E0530", "bindings cannot shadow {kind}s: `{name}`")
LABEL_CANNOT_SHADOW = "cannot be named the same as a {kind}"
EXPECTED_UNIT_PATTERN = Message("E0532", "expected unit struct, unit variant or constant, found {kind} `{name}`")
LABEL_NOT_UNIT_PATTERN = "not a unit struct, unit variant or constant"
EXPECTED_TUPLE_PATTERN = Message("E0164", "expected tuple struct or tuple variant, found {kind} `{name}`")
LABEL_NOT_TUPLE_PATTERN = "not a tuple struct or tuple variant"
LABEL_PATTERN_ARITY = "this pattern has {found}, but the corresponding {what} has {expected}"
PATTERN_LITERAL = Message("E0029", "only numbers and `true` / `false` are literal patterns")
RANGE_PATTERN_TYPE = Message("E0029", "only integers may be used in range patterns, not `{ty}`")
RANGE_BOUND = Message("E0029", "a range pattern's bound must be an integer literal or an integer constant")
RANGE_PATTERN_EMPTY = Message("E0030", "lower range bound must be less than or equal to upper")
RANGE_PATTERN_EXCLUSIVE_EMPTY = Message("E0579", "lower range bound must be less than upper")
LABEL_RANGE_EMPTY = "`{lo}` is above `{hi}`: this pattern matches nothing"
CONST_PATTERN_TYPE = Message("E0158", "constant `{name}` of type `{ty}` cannot be used in a pattern")
ARRAY_PATTERN_LENGTH = Message("E0527", "an array pattern needs the array's length to be known")
LABEL_ARRAY_PATTERN = "expected an array of {expected}, found a pattern of {found}"
REST_BINDING_IN_TUPLE = Message("E0029", "`name @ ..` can only bind the rest of an array")
LET_ELSE_DIVERGES = Message("E0308", "`else` clause of `let...else` does not diverge")
HELP_LET_ELSE_DIVERGE = "end the `else` block with a diverging expression, such as `return`, `break` or `abort()`"

# E0618 calling a non-function
LOCAL_NOT_FUNCTION = Message("E0618", "expected function, found local variable `{name}` of type `{ty}`")
NOT_FUNCTION = Message("E0618", "expected function, found `{ty}`")
NOT_FUNCTION_ITEM = Message("E0618", "expected function, found {kind} `{name}`")
#: an associated function, a tuple struct or a tuple variant used as a value (free functions are values: fnptrs)
FUNCTION_VALUE = Message("E0601", "`{name}` as a value is not supported yet: only free functions are function values")
LABEL_CALL_IT = "call it: `{name}(...)`, or wrap it in a free function"
LABEL_NOT_FUNCTION = "not a function"

# E0268, E0571, E0426, E0695, E0696, E0069 control flow (loops.py)
BREAK_OUTSIDE_LOOP = Message("E0268", "`break` outside of a loop or labeled block")
CONTINUE_OUTSIDE_LOOP = Message("E0268", "`continue` outside of a loop")
LABEL_BREAK_OUTSIDE = "cannot `break` outside of a loop or labeled block"
LABEL_CONTINUE_OUTSIDE = "cannot `continue` outside of a loop"
BREAK_VALUE_IN_LOOP = Message("E0571", "`break` with value from a `{kind}` loop")
LABEL_BREAK_VALUE = "can only break with a value inside `loop` or breakable block"
NOTE_LOOP_HAS_NO_VALUE = "a `{kind}` loop can end without any `break`, so it has no value to produce"
UNDECLARED_LABEL = Message("E0426", "use of undeclared label `{label}`")
LABEL_UNDECLARED_LABEL = "undeclared label `{label}`"
NOTE_LABELS_IN_SCOPE = "the labels in scope here: {labels}"
UNLABELED_IN_BLOCK = Message("E0695", "unlabeled `{keyword}` inside of a labeled block")
LABEL_UNLABELED_IN_BLOCK = ("`{keyword}` statements that would diverge to or through a labeled block need to bear a "
                            "label")
HELP_NAME_THE_BLOCK = "name the labeled block: `{keyword} {label}`"
CONTINUE_TO_BLOCK = Message("E0696", "`continue` pointing to a labeled block")
LABEL_CONTINUE_TO_BLOCK = "labeled blocks cannot be `continue`'d"
LABEL_BLOCK_LABELED_HERE = "the labeled block is here"
# E0277 values of unsized types (slices.py)
UNSIZED_TYPE = Message("E0277", "the size for values of type `{ty}` cannot be known at compilation time")
LABEL_UNSIZED = "doesn't have a size known at compile-time"
NOTE_SLICES_BEHIND_REFERENCES = ("a slice `[T]` exists only behind a reference: `&[T]` or `&mut [T]` (a pointer and "
                                 "a length)")
NOTE_UNSIZED_VALUE = "a slice can be borrowed (`&s[..]`), indexed (`s[i]`) or measured (`s.len()`), not moved or copied"
NOTE_UNSIZED_TYPE_ARGUMENT = ("the generic parameter `{param}` of `{name}` stands for a type with a size known at "
                              "compile time")

# E0277 what a `for` loop cannot iterate (loops.py)
NOT_ITERATOR = Message("E0277", "`{what}` is not an iterator")
LABEL_NOT_ITERATOR = "not an iterator"
NOTE_ITERABLES = ("farc's `for` iterates over integer ranges (`a..b`, `a..=b`, `a..`, and `(a..b).rev()`), "
                  "arrays and slices (`a`, `&a`, `&mut a`, `s`, `s.iter()`, `s.iter_mut()`): it has no "
                  "`Iterator` trait yet (docs/reference.md, section 15.5)")
NOTE_RANGE_NEEDS_START = "a range without a start cannot be iterated: you might have meant `0..end`"
NOTE_RANGE_FROM_REV = "`start..` has no end to count down from"
NOTE_RANGE_BOUNDS = "both bounds of a range have the same type"
NOTE_INTEGER_RANGES = "only ranges of integers can be iterated"
ITERATOR_VALUE = Message("E0601", "iterators outside a `for` head are not supported yet: `.{method}()`")
LABEL_ITERATOR_VALUE = "an iterator value"
NOTE_NO_ITERATOR_TRAIT = ("farc has no `Iterator` trait yet: `.iter()` and `.iter_mut()` may only stand in a `for` "
                          "loop's head (`for x in s.iter() {{ .. }}`)")
RETURN_NOTHING = Message("E0069", "`return;` in a function whose return type is not `()`")
LABEL_RETURN_TYPE = "return type is `{ty}`"

# E0023
LITERAL_OUT_OF_RANGE = Message("E0023", "literal out of range for `{ty}`")
NOTE_FLOAT_DOES_NOT_FIT = "the literal `{value}` does not fit into the type `f32` and would be `f32::INFINITY`"
NOTE_LITERAL_DOES_NOT_FIT = "the literal `{value}` does not fit into the type `{ty}`"

# E0601 unsupported language features
# (constructs that parse but are not checked yet: compiler/check/unsupported.py names them)
NOT_SUPPORTED_YET = Message("E0601", "{what} are not supported yet")
LABEL_NOT_SUPPORTED_YET = "not supported yet"
NOTE_PARSED_NOT_CHECKED = ("farc parses this syntax, but checking it is still in progress: see docs/reference.md, "
                           "section {section} ({title})")
ITEM_IN_BODY = Message("E0601", "items inside function bodies are not supported")
HELP_ITEM_TO_TOP = "move the item to the top level of the file"
CONST_GENERIC_ARG = Message("E0601", "a const generic argument must be an integer literal, a `const`, or a const "
                            "generic parameter")
TYPE_GENERIC_ARG = Message("E0601", "expected a type as generic argument")
RETURN_OUTSIDE_FN = Message("E0601", "`return` outside of a function")
CONST_PARAM_TYPE = Message("E0601", "const generic parameters must have type `usize` or `u32`")
BODYLESS_FN = Message("E0601", "free function `{name}` without a body")
HELP_BODYLESS_FN = "give it a body, or declare imported functions in an `extern \"C\" { ... }` block"
UNKNOWN_ABI = Message("E0601", "the ABI `\"{abi}\"` is not supported")
NOTE_ABIS = "farc functions and function pointers use the C ABI: write `fn(..)` or `extern \"C\" fn(..)`"
BUILTIN_VALUE = Message("E0601", "`{name}` is one of farc's built-in functions, which cannot be used as values")
HELP_WRAP_BUILTIN = "wrap it in a function of your own and use that: `fn {name}_fn(..) {{ {name}(..) }}`"
TOO_MANY_INSTANCES = Message("E0601", "more than {limit} generic instances: `{name}` recurses with ever-new "
                             "arguments")
TOO_DEEP_INSTANCES = Message("E0601", "generic instances nested more than {limit} deep: `{name}` instantiates "
                             "itself with ever-larger arguments")
NOTE_DEEPEST_INSTANCE = "the innermost instance: `{instance}`"


# ---------------------------------------------------------------------------
# The memory rules

# M0001, M0002, M0003, M0007, M0008: a pointer into one memory where another is expected.
# `where` is "" or WHERE_BEHIND (the mismatch is in a pointer behind the outermost one).
MEMORY_MISMATCH = Message("M0001", "mismatched memories: expected a pointer into memory {expected}, found a "
                          "pointer into memory {found}{where}")
ARGUMENT_MEMORY = Message("M0002", "argument points into memory {found}, but the parameter points into memory "
                          "{expected}{where}")
RETURN_MEMORY = Message("M0003", "returned pointer points into memory {found}, but the return type points into "
                        "memory {expected}{where}")
STORE_MEMORY = Message("M0007", "cannot store a pointer into memory {found} where a pointer into memory "
                       "{expected} is expected{where}")
INSTANCE_MEMORY = Message("M0008", "this instantiation makes memory {expected} meet memory {found}{where}")
WHERE_BEHIND = " (behind {levels} of pointer)"
NOTE_CONST_PARAMS_FIX_MEMORY = ("the const generic {parameters} `{params}` of `{name}` {fix} the memory of this "
                                "parameter; the argument points into another memory")
NOTE_NO_IMPLICIT_CONVERSION = "pointers into different memories are different types: no implicit conversion exists"
HELP_ROUND_TRIP = "to reinterpret the address in memory {mem}, spell out the round trip: `ptr as usize as {raw}`"
HELP_SLICE_ROUND_TRIP = ("to reinterpret the elements' addresses in memory {mem}, rebuild the slice from them: "
                         "`core::slice::{parts}(s.as_ptr() as usize as {raw}, s.len())`")

# M0004
COMPARE_MEMORIES = Message("M0004", "cannot compare a pointer into memory {lhs} with a pointer into memory {rhs}")
LABEL_VERSUS = "`{lhs}` vs `{rhs}`"
NOTE_UNRELATED_ADDRESSES = ("addresses in different memories are unrelated: equal numbers do not mean the same "
                            "location")
HELP_COMPARE_ADDRESSES = "compare the addresses explicitly if that is what you mean: `p as usize == q as usize`"

# M0005
DISTANCE_MEMORIES = Message("M0005", "cannot measure the distance from a pointer into memory {other} to a pointer "
                            "into memory {receiver}")
NOTE_NO_DISTANCE = "pointers into different memories have no distance: they are in disjoint address spaces"

# M0006 (also for the pointers inside the pointee: `pointee_memory_change`)
CAST_MEMORIES = Message("M0006", "cannot cast a pointer into memory {src} to a pointer into memory {dst}")
INNER_CAST_MEMORIES = Message("M0006", "this cast would read a pointer into memory {src} as a pointer into "
                              "memory {dst}")
INNER_CAST_MEMORIES_IN_INSTANCE = Message("M0006", "this cast would read a pointer into memory {src} as a pointer "
                                          "into memory {dst} (in instance `{instance}`)")
LABEL_CAST = "`{src}` as `{dst}`"
LABEL_READ_AS = "`{src}` inside the pointee would be read as `{dst}`"
NOTE_DISJOINT_MEMORIES = "memories are disjoint address spaces: the same number names unrelated bytes in each"
NOTE_INNER_CASTS = ("a cast may change the pointee type, but not the memory of a pointer inside it (behind a "
                    "pointer, in an array element or a struct field)")
NOTE_TYPES_FROM_INSTANCE = "the types come from the generic arguments of `{instance}`"
HELP_CAST_ROUND_TRIP = "if you mean to reuse the address, spell out the round trip: `p as usize as {raw}`"
HELP_INNER_ROUND_TRIP = ("if you mean to reuse the address, read the pointer and spell out the round trip: "
                         "`q as usize as {raw}`")

# M0009
UNDECLARED_MEMORY = Message("M0009", "{what} accesses memory {mem}, which this file does not declare")
UNDECLARED_MEMORY_IN_INSTANCE = Message("M0009", "{what} accesses memory {mem}, which this file does not declare "
                                        "(in instance `{instance}`)")
STATIC_IN_UNDECLARED_MEMORY = Message("M0009", "static `{name}` is placed in memory {mem}, which this file does "
                                      "not declare")
LABEL_UNDECLARED = "memory {mem} is not declared"
HELP_DECLARE_MEMORY = "declare it at the top of the file: `#![memory({mem}, min = 1)]`"
NOTE_MENTION_IS_FINE = ("mentioning a memory in a type is fine; loading, storing or sizing it needs a "
                        "declaration")
NOTE_MEMORY_FROM_INSTANCE = "the memory comes from the const generic arguments of `{instance}`"
WHAT_DEREFERENCE = "dereference"
WHAT_ELEMENT_ACCESS = "indexing the slice"
WHAT_BUILTIN = "`{name}`"

# M0010
POINTER64_NARROWED = Message("M0010", "a pointer into 64-bit memory {mem} does not fit in `{ty}`")
POINTER64_NARROWED_IN_INSTANCE = Message("M0010", "a pointer into 64-bit memory {mem} does not fit in `{ty}` "
                                         "(in instance `{instance}`)")
WAIT_NOT_SHARED = Message("M0013", "`{name}` waits on memory {mem}, which is not shared")
WAIT_NOT_SHARED_IN_INSTANCE = Message("M0013", "`{name}` waits on memory {mem}, which is not shared "
                                      "(in instance `{instance}`)")
LABEL_NOT_SHARED = "memory {mem} is not shared"
NOTE_WAIT_NEEDS_SHARED = "a wait on a memory that is not shared traps: no other thread could ever notify it"
HELP_DECLARE_SHARED = "declare the memory shared: `#![memory({mem}, shared, max = N)]`"
ATOMIC_TYPE = Message("M0014", "`{name}` on `{ty}`: WebAssembly has atomic instructions for integers of "
                               "1, 2, 4 and 8 bytes only")
LABEL_ATOMIC_TYPE = "points to `{ty}`"
NOTE_ATOMIC_TYPES = ("atomic operands are `u8`, `i8`, `u16`, `i16`, `u32`, `i32`, `u64`, `i64`, `usize`, `isize` "
                     "(naturally aligned: an unaligned atomic access traps)")
# M0017 / M0018: passive data segments (`#[passive] static`, `memory_init`, `data_drop`)
PASSIVE_STATIC_USED = Message("M0017", "static `{name}` is a passive data segment: it is in no memory")
LABEL_PASSIVE_STATIC = "a passive segment cannot be read, written or borrowed"
HELP_MEMORY_INIT = ("copy it into a memory first: `memory_init(dst, {name}, 0, n)` writes its first n elements "
                    "at `dst`, in `dst`'s memory")
NOT_PASSIVE_SEGMENT = Message("M0017", "`{name}` takes a `#[passive]` static, found {found}")
LABEL_NOT_PASSIVE = "not a passive static"
NOTE_PASSIVE_SEGMENT = "name a static declared `#[passive] static DATA: [T; N] = ...;`"
NOTE_MEMORY_INIT_ELEMENT = "`{name}` is a `{ty}`: `memory_init` writes its elements at the destination"
PASSIVE_MUTABLE = Message("M0018", "passive static `{name}` cannot be `mut`: a data segment is read-only")
PASSIVE_IN_MEMORY = Message("M0018", "passive static `{name}` cannot be placed in a memory")
NOTE_PASSIVE_IN_NO_MEMORY = "a passive segment is in no memory: `memory_init` copies it into any memory at run time"
PASSIVE_NOT_ARRAY = Message("M0018", "passive static `{name}` is a `{ty}`, not an array")
NOTE_PASSIVE_ARRAY = "`memory_init` copies elements of a `#[passive] static DATA: [T; N]`; write `[{ty}; 1]`"
PASSIVE_EXPORTED = Message("M0018", "passive static `{name}` cannot be exported: it has no address")
PASSIVE_ATTRIBUTE = Message("M0018", "`#[passive]` takes no arguments")
PASSIVE_FN_POINTER = Message("M0018", "passive static `{name}` cannot hold function pointers")
SIMD_LANE_RANGE = Message("E0080", "evaluation of constant value failed: lane {lane} of `{name}` is out of range "
                                    "(it has {lanes} lanes)")
SIMD_LANE_NOT_CONSTANT = Message("E0080", "evaluation of constant value failed: the lane of `{name}` must be a "
                                          "constant")
SIZE64_NARROWED_IN_INSTANCE = Message("M0010", "`{op}` of 64-bit memory {mem} does not fit in `{ty}` "
                                      "(in instance `{instance}`)")
LABEL_DROPS_UPPER_BITS = "this cast would drop the upper 32 bits of the address"
HELP_CAST_U64 = "cast to `u64` instead"
HELP_CAST_U64_SHORT = "cast to `u64`"
NOTE_GENERIC_SIZES_USIZE = ("inside a function generic over its memory, sizes and distances are typed `usize` / "
                            "`isize`; call it with a 32-bit memory, or write a separate function for the 64-bit "
                            "memory that uses `u64` / `i64`")

# M0011 memory declarations
MEMORY_TWICE = Message("M0011", "memory {index} is declared more than once")
MEMORY_INDEX_RANGE = Message("M0011", "memory index {index} is out of range: farc supports memory indices 0 to {max}")
NOTE_MEMORY_INDEX_RANGE = ("memory N is LLVM address space {base} + N while it is compiled, and LLVM's address "
                           "spaces are 24-bit numbers")
TOO_MANY_MEMORIES = Message("M0011", "this file declares more than {max} memories")
NOTE_TOO_MANY_MEMORIES = "wasmtime, V8 and the wasm validators accept at most {max} memories (imported and defined) in a module"
MEMORY_IN_MODULE_FILE = Message("M0011", "memories are declared in the crate's root file, not in a module file")
HELP_MEMORY_AT_ROOT = "move the `#![memory(..)]` declaration to the top of the crate's root file"
LABEL_SECOND_DECLARATION = "second declaration"
SAME_IMPORT = Message("M0011", "memories {first} and {second} both import `{module}.{name}`")
LABEL_SAME_IMPORT = "memory {first} imports it already"
NOTE_SAME_IMPORT = ("an engine gives both imports the same memory, but farc compiles memories {first} and "
                    "{second} as two disjoint memories: a store through one would not be seen through the other")
HELP_SAME_IMPORT = "import the memory once, as memory {first}, and use that index wherever it is accessed"
WASM_INDEX_TAKEN = Message("M0011", "memory {index} cannot take wasm index {hint} (it would be {position})")
WHY_IMPORTS_FIRST = ("imported memories come first in wasm's memory index space, and this file imports "
                     "{imported}: a defined memory can take wasm index {imported} at the lowest")
WHY_IMPORTS_RANGE = "imported memories take wasm indices 0..{last}"
WHY_INDEX_CLASH = "another memory asks for the same index, or the indices leave a gap"
MEMORY_NEEDS_INDEX = Message("M0011", "a memory declaration starts with the memory's index")
LABEL_MEMORY_FORM = "expected `#![memory(N, ...)]`"
MEMORY_PROPERTY = Message("M0011", "unknown or malformed memory property `{what}`")
HELP_MEMORY_PROPERTIES = ("properties: `min = N`, `max = N` (pages of 64 KiB), `memory64`, `shared`, "
                          "`export = \"name\"`, `import = \"module.name\"`, `wasm_index = N`, "
                          "`secret, only = [f, g]`")
MEMORY_IMPORT_FORM = Message("M0011", "memory import `{text}` needs the form \"module.name\"")
MEMORY_IMPORT_PARTS = Message("M0011", "a memory import needs both a module and a name")
MEMORY_MIN_OVER_MAX = Message("M0011", "memory {index}: min ({min} pages) is larger than max ({max} pages)")
MEMORY_TOO_LARGE = Message("M0011", "memory {index}: a {bits}-bit memory has at most {limit} pages")
SHARED_NEEDS_MAX = Message("M0011", "shared memory {index} needs a `max`")
NOTE_SHARED_MAX = "WebAssembly requires shared memories to declare a maximum size"
MEMORY0_64BIT = Message("M0011", "memory 0 cannot be a 64-bit memory")
NOTE_MEMORY0_32BIT = ("farc targets wasm32: the stack and memory-0 statics live in memory 0 and use 32-bit "
                      "addresses; declare another index as `memory64`")

SECRET_NEEDS_ONLY = Message("M0011", "secret memory {index} needs `only = [...]`: the functions that may access it")
HELP_SECRET_ONLY = "list them: `#![memory(N, secret, only = [seal, unseal])]`"
ONLY_NEEDS_SECRET = Message("M0011", "`only = [...]` is the policy of a secret memory: declare memory {index} "
                               "`secret`")
SECRET_MEMORY0 = Message("M0011", "memory 0 cannot be secret")
NOTE_SECRET_MEMORY0 = ("memory 0 holds every function's stack and the memory-0 statics: every function "
                       "accesses it; put the secret in a memory of its own")
SECRET_OUTSIDE = Message("M0011", "secret memory {index} cannot be {how}")
NOTE_SECRET_OUTSIDE = ("code outside the module could access it without going through the functions in "
                       "`only`")
ONLY_UNKNOWN_FUNCTION = Message("M0011", "`only` of memory {index} names `{name}`, which is not a function "
                                "defined in this file")
NOTE_ONLY_DEFINED_HERE = "the functions that may access a secret memory are functions of the module itself"

# E0308 / M0012: a memory index (or array length, const generic argument) is an integer constant
LABEL_EXPECTED_INTEGER_CONST = "expected an integer constant, found `{found}`"
NOTE_INTEGER_CONST = "a memory index, array length or const generic argument is an integer constant"
CONST_OUT_OF_RANGE = Message("M0012", "`{name}` is {value}, which is not a memory index or length (0 to 4294967295)")

# M0012 `#[mem_idx]`
STATIC_MEM_IDX = Message("M0012", "`#[mem_idx]` on a static takes one memory index literal")
STRUCT_MEM_IDX = Message("M0012", "`#[mem_idx]` on a struct takes one memory index: a literal, a const generic "
                         "parameter of the struct or an integer constant")
MEM_IDX_TOO_LARGE = Message("M0012", "memory index {value} is out of range: farc supports memory indices 0 to {max}")
MEM_IDX_UNKNOWN = Message("M0012", "`#[mem_idx({name})]`: `{name}` is not a const generic parameter or integer "
                          "constant in scope")
HELP_MEM_IDX_NAME = ("write a literal index (`#[mem_idx(1)]`) or declare `const {name}: usize` as a generic "
                     "parameter of the function")


# B0010 out of memory (`codegen.emit`, `driver`)
OUT_OF_MEMORY = Message("B0010", "compiling this program ran out of memory ({where})")
NOTE_OUT_OF_MEMORY = ("building a big constant or static costs memory in proportion to its size, many times "
                      "its bytes when they are not all zeros")
HELP_OUT_OF_MEMORY = ("make big tables smaller or fill them at run time; a zeroed buffer costs nothing in a far "
                      "memory (`#[mem_idx(1)] static mut BUF: [u8; N] = [0; N];`)")

# T0001 types too big for wasm32 (`mono`, with `compiler.sizes`)
TYPE_TOO_BIG = Message("T0001", "values of the type `{ty}` are too big for wasm32")
NOTE_TYPE_TOO_BIG = "the type is {size} bytes; a type can be at most {max} bytes (`isize::MAX`)"
# T0002 static data too big to build (`mono`, with `compiler.sizes`)
STATIC_DATA_TOO_BIG = Message("T0002", "static `{name}` brings the data the build writes out to {size} bytes, "
                                       "more than the {max} bytes farc builds")
NOTE_STATIC_DATA = ("the statics of memory 0 that are LLVM globals count {weight} times their size, zeros included "
                    "(LLVM writes them out in full, and holds several copies while it builds); a static that is "
                    "all zeros costs nothing when farc places it itself: a far one, or an unexported one in "
                    "memory 0 of at least 64 KiB")
HELP_STATIC_DATA = ("start a big buffer zeroed (`static mut BUF: [u8; N] = [0; N];`) and fill it at run time, "
                    "or take the space at run time (`memory_grow`)")

# ---------------------------------------------------------------------------
# Lints (`check.lints`): warnings, coded by the lint's name as rustc's are

UNUSED_VARIABLE = Message("unused_variables", "unused variable: `{name}`")
ASSIGNED_NEVER_READ = Message("unused_variables", "variable `{name}` is assigned to, but never used")
HELP_PREFIX_UNDERSCORE = "if this is intentional, prefix it with an underscore"
UNUSED_MUT = Message("unused_mut", "variable does not need to be mutable")
HELP_REMOVE_MUT = "remove this `mut`"
UNREACHABLE_STATEMENT = Message("unreachable_code", "unreachable statement")
UNREACHABLE_EXPRESSION = Message("unreachable_code", "unreachable expression")
LABEL_UNREACHABLE = "unreachable {what}"
LABEL_DIVERGES = "any code following this expression is unreachable"
UNUSED_FAR_STATIC = Message("unused_far_statics", "static `{name}` is never used")
NOTE_FAR_STATIC_BYTES = "it still fills a data segment of memory {mem}, which is part of the module"


# ---------------------------------------------------------------------------
# Modules linked together (`check.linkage`)

# L0001 the linked module does not export the import
MEMORY_NOT_EXPORTED = Message("L0001", "memory {index} is imported from `{module}.{name}`, but `{module}` {what}")
FUNCTION_NOT_EXPORTED = Message("L0001", "`{fn}` is imported from `{module}`, but `{module}` {what}")
FUNCTION_NOT_DESCRIBED = Message("L0001", "`{module}` exports `{name}`, but its farc interface does not describe it")
WHAT_EXPORTS_OTHER_KIND = "exports {kind} `{name}`, not {wanted}"
WHAT_EXPORTS_NOTHING = "exports no {wanted} `{name}`"
NOTE_LINK_EXPORTS = "`{module}` exports {names}"
NOTE_INTERFACE_STALE = "the module was not built by this version of farc, or was changed after"

# L0002 far function signatures
FAR_PARAM_COUNT = Message("L0002", "`{fn}` takes {count} here, but `{module}`'s `{name}` takes {expected}")
FAR_TYPE_MISMATCH = Message("L0002", "{what} of `{fn}` is `{found}`, but `{module}`'s `{name}` has `{expected}` "
                            "there")
WASM_SIGNATURE_MISMATCH = Message("L0002", "`{fn}` does not match the wasm signature of `{module}.{name}`")
NOTE_WASM_SIGNATURE_ONLY = ("`{module}.{name}` is ({params}) -> ({results}) in wasm; `{module}` was not built by "
                            "farc, so only value types can be checked")
NOTE_LINKED_DECLARES = "`{module}` declares `{signature}` (memories are {module}'s own)"
HELP_DECLARE_AS = "declare it as `{declaration};`"
WHY_FIELD_COUNT = "`{name}` has {count} here, `{module}`'s `{lib_name}` has {expected}"
WHY_FIELD_TYPE = "field {number} (`{field}`) of `{name}` is `{found}`, but in `{module}`'s `{lib_name}` it is `{expected}`"
WHAT_PARAMETER = "parameter `{name}`"
WHAT_RETURN_TYPE = "the return type"
WHAT_FIELD_OF = "field `{field}` of `{name}`"
WHY_ENUM_VARIANTS = ("`{name}` has other variants, discriminants or tag type here than `{module}`'s `{lib_name}`: "
                     "their layouts differ")
WHY_VARIANT_FIELD = ("field {number} of variant `{variant}` of `{name}` is `{found}`, but in `{module}`'s "
                     "`{lib_name}` it is `{expected}`")
WHAT_VARIANT_FIELD_OF = "field {number} of variant `{variant}` of `{name}`"

# L0003 far pointers into the wrong memory
FAR_POINTER_MEMORY = Message("L0003", "{subject} points into memory {found}, but `{module}`'s `{name}` {verb} a "
                             "pointer into {whose}, {where}")
WHAT_IN_PARAMETER = "{fields}, in {what} of `{fn}`,"
WHY_ITS_MEMORY_0 = "its own memory 0"
WHY_ITS_MEMORY = "its memory {mem}"
WHY_IMPORTED_AS = "which this file imports as memory {mems}"
WHY_NOT_IMPORTED = "which this file does not import"
LABEL_POINTER_INTO = "a pointer into this file's memory {mem}"
NOTE_FAR_CALL_ADDRESS = "a far call passes the address only: the callee reads it in the memory its own signature names"
HELP_IMPORT_LINKED_MEMORY = ("import that memory, e.g. `#![memory({free}, import = \"{module}.{export}\")]`, and "
                             "point into memory {free}")
NOTE_MEMORY_PRIVATE = "`{module}` does not export its memory {mem}: no other module can hand it a pointer into it"
HELP_DECLARE_FIELD_AS = "declare {field} as `{declaration}`"

# L0007 aggregates by value in far calls
FAR_AGGREGATE_PARAM = Message("L0007", "{what} of `{fn}` is `{ty}`, which a far call cannot pass by value")
FAR_AGGREGATE_RESULT = Message("L0007", "`{fn}` returns `{ty}`, which a far call cannot return by value")
FAR_FN_AGGREGATE = Message("L0007", "a far function pointer cannot {verb} `{ty}` by value")
STATIC_FAR_AGGREGATE = Message("L0007", "`{importer}` imports `{module}.{name}`, whose {what} is `{ty}`: a far "
                               "call cannot {verb} it by value")
WHAT_RESULT = "result"
LABEL_FAR_AGGREGATE = "passed as an address in this file's memory 0"
NOTE_FAR_AGGREGATE_PARAM = ("a {kind} is passed as the address of a copy in the caller's memory 0; `{module}` would "
                            "read that address in its own memory 0")
NOTE_FAR_AGGREGATE_RESULT = ("a {kind} is returned through an address in the caller's memory 0; `{module}` would "
                             "write the result at that address in its own memory 0")
HELP_FAR_AGGREGATE = ("pass its fields as separate parameters, or a pointer to it in a memory both modules see "
                      "(a memory this file imports from `{module}`)")
WHAT_KIND_STRUCT = "struct"
WHAT_KIND_TUPLE = "tuple"
WHAT_KIND_ARRAY = "array"
WHAT_KIND_ENUM = "enum"
WHAT_KIND_SLICE = "slice reference (a pointer and a length)"

# L0004 imported memories
LINKED_MEMORY_MISMATCH = Message("L0004", "memory {index} does not match `{module}.{name}`: the linked memory "
                                 "{problems}")
WHY_IS_64BIT = "is a 64-bit memory"
WHY_IS_32BIT = "is a 32-bit memory"
WHY_IS_SHARED = "is shared"
WHY_NOT_SHARED = "is not shared"
WHY_MIN_BELOW = "has min {linked} pages, below this file's min {declared}"
WHY_NO_MAX = "has no max, but this file's import says max {declared}"
WHY_MAX_ABOVE = "has max {linked} pages, but this file's import says max {declared}"
NOTE_LINKED_MEMORY = "`{module}.{name}` is {module}'s memory {mem}: {limits}"
NOTE_DECLARED_MEMORY = "this file declares memory {index}: {limits}"
HELP_MATCH_MEMORY = ("declare the import with the linked memory's flags, a `min` at most and a `max` at least its "
                     "own (or no `max`)")


# ---------------------------------------------------------------------------
# Files (`cli`, `outputs`; the reasons a file cannot be read are `source.SourceReadError`s)

# F0001 the source file cannot be read
CANNOT_READ = Message("F0001", "cannot read `{path}`: {reason}")

# F0002 an output cannot be written
OUT_DIR_NOT_A_DIRECTORY = Message("F0002", "the output directory `{path}` is {kind}, not a directory")
OUT_DIR_MISSING = Message("F0002", "the output directory `{path}` does not exist")
OUT_DIR_CANNOT_CREATE = Message("F0002", "cannot create the output directory `{path}`: {reason}")
OUT_DIR_UNUSABLE = Message("F0002", "cannot use the output directory `{path}`: {reason}")
OUT_DIR_CANNOT_WRITE = Message("F0002", "cannot write to the output directory `{path}`: {reason}")
CANNOT_WRITE = Message("F0002", "cannot write the output `{path}`: {reason}")
HELP_OUT_DIR_NAMES_DIRECTORY = "`-o` names a directory; the file names come from the source file"
HELP_OUT_DIR = "write the outputs elsewhere with `-o DIR`"

# F0003 an output would overwrite an input
OVERWRITES_INPUT = Message("F0003", "the output `{path}` would overwrite the input `{input}`")
HELP_RENAME_SOURCE = "name source files `*.rs` (an output's name is the source's stem and the output's suffix)"


# ---------------------------------------------------------------------------
# `farc run` (`runner`): the host and what it is asked to do

# R0001 the host cannot provide an import
HOST_SETUP = Message("R0001", "the host cannot run the module: {reason}")
HOST_SIGNATURE = Message("R0001", "`{name}` is declared with another signature than the host's `{name}`")
LABEL_HOST_SIGNATURE = "imported as {declared}; the host's `{name}` is {wanted}"
HELP_DECLARE_HOST_FN = "declare it as `{declaration}`"
HELP_HOST_FUNCTIONS = ("`farc run` provides `log_i32`, `log_i64`, `log_f32`, `log_f64` (printed as `log:` lines) "
                       "and `abort` to any module, and the modules given with `--link NAME=FILE`; other imports "
                       "need a host of your own")

# R0002 arguments, memory files, the function to run
NO_ENTRY = Message("R0002", "the program has no function `{name}` to run")
HELP_ADD_MAIN = "add `fn main() {{ ... }}`, or name an exported function with `--invoke NAME ARGS...`"
BAD_ARGUMENT = Message("R0002", "argument {number} of `{name}`: {reason}")
ARGUMENT_COUNT = Message("R0002", "`{name}` takes {expected} but {supplied} given")
NOTE_SIGNATURE = "`{name}` is `{signature}`"
BAD_MEMORY_SPEC = Message("R0002", "`{option} {spec}`: {reason}")
HELP_MEMORY_SPEC = ("name a memory by its index (`1`), export name or import name (`env.mem`); "
                    "`{option} 1@4096=data.bin` starts at byte 4096")

# R0003 limits
LIMIT_REACHED = Message("R0003", "`{name}` was stopped: {reason}")
HELP_TIMEOUT = "give it more time with `--timeout SECONDS` (now {limit:g} s), or look for a loop that never ends"
HELP_FUEL = "give it more fuel with `--fuel N` (now {limit}), or look for a loop that never ends"

# B0004 traps
TRAP = Message("B0004", "wasm trap in `{function}`: {message}")
LABEL_TRAPPED_HERE = "{kind} here"
NOTE_TRAP_ACCESS = "the trapping instruction is `{instruction}`{offset}, {width}in memory {mem}{name}"
NOTE_TRAP_RUNNING = "while running `{call}` in {engine}"
NOTE_TRAP_ADDRESS = ("it accessed bytes {start}..{end} of memory {mem} (address {address}), beyond the end of the "
                     "memory")
NOTE_NO_SOURCE_LINE = "no source line is known for the trapping instruction (function `{function}`)"
# M0015 / M0016 design 3: a type that lives in one memory (`#[mem_idx(N)] struct`)
POINTER_OUTSIDE_HOME = Message("M0015", "a pointer to `{ty}` must point into memory {home}, where `{ty}` lives")
LABEL_POINTER_INTO = "this pointer is into memory {mem}"
HELP_DROP_MEM_IDX = ("`{ty}` lives in memory {home}: write the pointer type without `#[mem_idx]` (it is into memory "
                     "{home}), or convert the data to another type first")
POINTER_OUTSIDE_HOME_IN_INSTANCE = Message("M0015", "this instance makes a pointer to `{ty}` point into memory {mem}, "
                                                    "but `{ty}` lives in memory {home}")
LABEL_BORROWS_OUTSIDE_HOME = "`{ty}` in memory {mem}"
NOTE_HOME = "`{ty}` lives in memory {home} (its `#[mem_idx]` struct): every pointer to it points there"
NOTE_LOCAL_COPY = ("a local, a temporary or a parameter is a copy in memory 0's stack: read its fields, or borrow the "
                   "value where it lives")
NOTE_GENERIC_T_IN_MEMORY_0 = ("generic code over `T` reaches a `T` through pointers into memory 0 (`*const T`, `&T`); "
                              "a type with a home in another memory is placed with `Far<T, M>`-style generic "
                              "structs instead")
NOTE_HOME_FROM_INSTANCE = "in the instance `{instance}`"
FIELD_OUTSIDE_HOME = Message("M0016", "field `{field}` holds a `{ty}`, which lives in memory {home}, but `{struct}` "
                                      "does not live there")
HELP_HOME_THE_STRUCT = ("give `{struct}` the same home (`#[mem_idx({home})] struct {struct}`), or hold a pointer to the "
                        "value (`*const ..` points into memory {home})")
NOTE_STRUCT_HOME = "`{struct}` lives in memory {home}"
STATIC_OUTSIDE_HOME = Message("M0016", "static `{name}` is a `{ty}`, which lives in memory {home}, not in memory {mem}")
HELP_STATIC_AT_HOME = "drop the `#[mem_idx]`: a static of type `{ty}` is placed in memory {home}, where its type lives"
NOTE_STATIC_AT_HOME = "a static of type `{ty}` is placed in memory {home}, where its type lives"


# L0008 two farc modules laying out the same memory
SHARED_DATA_MEMORY = Message("L0008", "memory {index} is `{module}.{name}`, {module}'s memory {mem}, where {module} keeps "
                                      "its own data")
WHAT_STACK_AND_STATICS = "stack and statics"
WHAT_FAR_STATICS = "statics in memory {mem}"
NOTE_SHARED_DATA_MEMORY = ("this module keeps its {ours} there and {module} its {theirs}: each module is linked on its "
                           "own, at the same addresses, so each would overwrite the other's data")
HELP_SHARED_DATA_MEMORY = ("share data through a memory neither module keeps its own data in (e.g. a far memory "
                           "{module} exports without statics in it), or through far calls")
