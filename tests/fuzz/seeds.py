"""The corpus the fuzzer mutates: the repository's own programs, each parsed
once into fragments (expressions, types, statements, items, attributes) so
that grammar-aware mutations can swap a node for another of its kind."""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from pathlib import Path

from compiler.diagnostics import DiagnosticSink
from compiler.driver import check_source
from compiler.source import SourceFile
from compiler.syntax import ast
from compiler.syntax.parser import parse

ROOT = Path(__file__).resolve().parents[2]
SEED_DIRS = ("tests/programs", "tests/ui", "examples")
#: Fragments longer than this are not worth splicing (they make huge inputs).
MAX_FRAGMENT = 400


def _members(union: object) -> tuple[type, ...]:
    return tuple(t for t in typing.get_args(union) if isinstance(t, type))


CATEGORIES: dict[str, tuple[type, ...]] = {
    "expr": _members(ast.Expr),
    "type": _members(ast.TypeExpr),
    "stmt": (ast.Let, ast.ExprStmt),
    "item": _members(ast.Item),
    "attr": (ast.Attribute,),
}


@dataclass(frozen=True)
class Node:
    """A node of a seed: its category and where its text is."""

    category: str
    start: int
    end: int


@dataclass
class Seed:
    name: str
    text: str
    nodes: list[Node] = field(default_factory=list)  # empty when the seed does not parse
    accepted: bool = False  # the front end accepts it (UI tests mostly are rejected on purpose)


@dataclass
class Corpus:
    seeds: list[Seed]
    #: category -> texts of that category from every seed
    fragments: dict[str, list[str]]
    #: every distinct token text of the corpus (for token replacement)
    vocabulary: list[str]


def seed_texts() -> list[tuple[str, str]]:
    """(name, text) of every seed program."""
    found = []
    for directory in SEED_DIRS:
        for path in sorted((ROOT / directory).rglob("*.rs")):
            found.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    found += _bench_kernels()
    return found


def _bench_kernels() -> list[tuple[str, str]]:
    """The benchmark kernels as the benchmark compiles them (prelude + template)."""
    import sys
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.suite import KERNELS, farc_source
    found = []
    for kernel in KERNELS:
        for variant in kernel.all_variants():
            if variant.clang:
                continue
            found.append((f"bench/{kernel.name}_{variant.name}.rs",
                          farc_source(kernel, variant, kernel.size_quick)))
    return found


def nodes_of(module: ast.Module) -> list[Node]:
    """Every categorized node of `module` (a generic walk over the dataclasses)."""
    found: list[Node] = []
    stack: list[object] = [module]
    while stack:
        value = stack.pop()
        if isinstance(value, (tuple, list)):
            stack.extend(value)
            continue
        if not dataclasses.is_dataclass(value):
            continue
        for category, classes in CATEGORIES.items():
            if isinstance(value, classes):
                span = value.span  # type: ignore[attr-defined]
                found.append(Node(category, span.start, span.end))
                break
        for f in dataclasses.fields(value):
            if f.name != "span":
                stack.append(getattr(value, f.name))
    found.sort(key=lambda n: (n.start, -n.end))
    return found


def load_corpus() -> Corpus:
    from .mutate import tokens
    seeds = []
    fragments: dict[str, set[str]] = {c: set() for c in CATEGORIES}
    vocabulary: set[str] = set()
    for name, text in seed_texts():
        sink = DiagnosticSink()
        module = parse(SourceFile(name, text), sink)
        seed = Seed(name, text, nodes_of(module) if module is not None else [])
        if module is not None:
            accepted = DiagnosticSink()
            seed.accepted = check_source(SourceFile(name, text), accepted) is not None and not accepted.has_errors
        seeds.append(seed)
        for n in seed.nodes:
            if n.end - n.start <= MAX_FRAGMENT:
                fragments[n.category].add(text[n.start:n.end])
        vocabulary.update(t for t in tokens(text) if not t.isspace() and len(t) <= 40)
    return Corpus(seeds, {c: sorted(f) for c, f in fragments.items()}, sorted(vocabulary))
