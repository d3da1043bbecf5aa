"""Syntax the parser accepts and the checker does not support yet.

Each such construct gets one diagnostic (E0601) that names it, says it is
not supported yet and points to its section of docs/reference.md (section
15, "Parsed, checking in progress"); checking continues around it, so a
program hears about each unsupported construct once, without a cascade of
follow-up errors (the construct's value has the error type).

This module is the hook for the work on each construct. Supporting one means
giving the checker its rules (an `expr_<Node>` method for an expression, a
branch in `items.py` for an item, ...) and deleting its entry here;
tests/test_unsupported.py checks that every AST node is either checked or
listed here, never both, and that each listed construct is reported.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import messages as msg
from ..diagnostics import Diagnostic, DiagnosticSink
from ..source import Span
from ..syntax import ast

#: docs/reference.md section 15: the subsections, by number
SECTIONS = {
    "15.1": "Generic structs, `impl` blocks and methods",
    "15.2": "Traits, bounds and `where` clauses",
    "15.3": "Enums and patterns",
    "15.4": "Tuples, tuple structs and struct update",
    "15.5": "Slices, ranges and `for` loops",
    "15.6": "Labeled loops and blocks",
    "15.7": "Closures and function pointers",
    "15.8": "Type aliases and `const fn`",
    "15.9": "Lifetimes",
    "15.11": "Macros and the `?` operator",
}


@dataclass(frozen=True)
class Construct:
    """A construct that parses but is not checked yet: how messages name it, and its section."""

    what: str  # a plural noun phrase: "`match` expressions"
    section: str  # a key of SECTIONS

    def __post_init__(self) -> None:
        assert self.section in SECTIONS, self.section


# ----- 15.1
TYPE_PLACEHOLDER = Construct("type placeholders `_` outside turbofish arguments (`let x: _`, `as _`)", "15.1")
# ----- 15.2
GENERIC_DEFAULTS = Construct("defaults of generic parameters", "15.2")
ASSOC_PATTERNS = Construct("associated items in patterns (`u32::MAX`, `Self::LIMIT`)", "15.2")
FN_TRAIT_SUGAR = Construct("`Fn(..) -> ..` trait paths", "15.2")
IMPL_TRAIT_TYPES = Construct("`impl Trait` types", "15.2")
DYN_TRAIT_TYPES = Construct("`dyn Trait` types", "15.2")
# ----- 15.3
DESTRUCTURING = Construct("patterns other than a plain name in `let` and parameters", "15.3")
# ----- 15.4
# ----- 15.5
RAW_SLICE_POINTERS = Construct("raw slice pointers (`*const [T]`)", "15.5")
UNSIZED_STRUCTS = Construct("structs whose last field is a slice (`data: [T]`)", "15.5")
RANGES = Construct("range values outside `for` loops and indexing (`let r = a..b;`)", "15.5")
# ----- 15.7
FAR_CLOSURE_CALLS = Construct("calls of a closure stored outside memory 0", "15.7")
# ----- 15.8
# ----- 15.9
# ----- 15.11
MACROS = Construct("macro invocations (`name!(..)`)", "15.11")
TRY_OPERATOR = Construct("uses of the `?` operator", "15.11")

#: expression nodes the body checker has no rules for yet
EXPRESSIONS: dict[type, Construct] = {
    ast.Range: RANGES,
    ast.MacroCall: MACROS,
    ast.Try: TRY_OPERATOR,
}

#: items the item collector has no rules for yet
ITEMS: dict[type, Construct] = {}

#: type expressions `Items.resolve_type` has no rules for yet
TYPES: dict[type, Construct] = {
    ast.ImplTraitTypeExpr: IMPL_TRAIT_TYPES,
    ast.DynTraitTypeExpr: DYN_TRAIT_TYPES,
}


def report(sink: DiagnosticSink, construct: Construct, span: Span) -> Diagnostic:
    """The one diagnostic for an unsupported construct at `span`."""
    return sink.report(msg.NOT_SUPPORTED_YET(what=construct.what), span, msg.LABEL_NOT_SUPPORTED_YET).with_note(
        msg.NOTE_PARSED_NOT_CHECKED.format(section=construct.section, title=SECTIONS[construct.section]))


def item_head(item: ast.Item) -> Span:
    """Where a diagnostic about a whole item points: its name, or its header."""
    name_span = getattr(item, "name_span", None)
    if name_span is not None:
        return name_span
    if isinstance(item, ast.ImplBlock):
        return Span(item.span.file, item.span.start, item.self_ty.span.end)
    return item.span


def generics_problems(generics: tuple[ast.GenericParam, ...],
                      where: tuple[ast.WherePredicate, ...]) -> list[tuple[Construct, Span]]:
    """What a supported item's generic parameters use that is not checked yet."""
    return [(GENERIC_DEFAULTS, g.default.span) for g in generics if g.default is not None]


def fn_problems(decl: ast.FnDecl) -> list[tuple[Construct, Span]]:
    """What a function's signature uses that is not checked yet (its types are
    checked by `resolve_type`)."""
    return generics_problems(decl.generics, decl.where)


def struct_problems(decl: ast.StructDecl) -> list[tuple[Construct, Span]]:
    found: list[tuple[Construct, Span]] = []
    found += generics_problems(decl.generics, decl.where)
    if decl.fields and isinstance(decl.fields[-1].ty, ast.SliceTypeExpr):  # (elsewhere a slice field is E0277)
        found.append((UNSIZED_STRUCTS, decl.fields[-1].ty.span))
    return found


def path_type_problem(texpr: ast.PathType) -> tuple[Construct, Span] | None:
    """What a named type uses that is not checked yet."""
    if texpr.paren_args is not None:
        return FN_TRAIT_SUGAR, texpr.span
    if texpr.is_placeholder:
        return TYPE_PLACEHOLDER, texpr.span
    return None
