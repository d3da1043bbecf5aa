"""The syntax farc parses but does not check yet (compiler/check/unsupported.py).

Every AST node is either checked or listed as not supported yet, never both
(so work on a construct removes its entry); every listed construct is
reported by one E0601 that names it and points to its section of
docs/reference.md; and a program using all of issue 9's syntax gets only
those diagnostics, never an internal error.
"""
from __future__ import annotations

import re
import typing
from pathlib import Path

from conftest import check_text
from compiler.check import unsupported
from compiler.check.body import BodyChecker
from compiler.syntax import ast

ROOT = Path(__file__).resolve().parent.parent
SUBSET = ROOT / "tests" / "syntax" / "rust_subset.rs"
UI_FILES = sorted((ROOT / "tests" / "ui").glob("e0601_parsed_*.rs"))

#: expression nodes checked elsewhere than by an `expr_` method of their own
CHECKED_INSIDE_OTHERS = {
    ast.StrLit: "only a macro argument: macros are not supported yet",
    ast.LetCond: "the condition of `if let` / `while let`: checked by matching.py",
}
#: the items and types the checker supports (items.py `collect` and `resolve_type`)
CHECKED_ITEMS = {ast.FnDecl, ast.StructDecl, ast.ConstDecl, ast.StaticDecl, ast.ExternBlock, ast.ModDecl, ast.UseDecl,
                 ast.EnumDecl, ast.ImplBlock, ast.TraitDecl, ast.TypeAlias}
CHECKED_TYPES = {ast.PathType, ast.PointerTypeExpr, ast.ArrayTypeExpr, ast.UnitTypeExpr, ast.NeverTypeExpr,
                 ast.TupleTypeExpr, ast.SliceTypeExpr, ast.FnPtrTypeExpr}


def members(union: object) -> set[type]:
    return set(typing.get_args(union))


def test_every_expression_is_checked_or_listed_never_both() -> None:
    for node in members(ast.Expr) | {ast.LetCond, ast.StrLit}:
        checked = hasattr(BodyChecker, f"expr_{node.__name__}")
        listed = node in unsupported.EXPRESSIONS
        if node in CHECKED_INSIDE_OTHERS:
            assert not listed and not checked, node
            continue
        assert checked != listed, f"{node.__name__}: checked={checked}, listed={listed}"


def test_every_item_and_type_is_checked_or_listed_never_both() -> None:
    assert members(ast.Item) == CHECKED_ITEMS | set(unsupported.ITEMS)
    assert not CHECKED_ITEMS & set(unsupported.ITEMS)
    assert members(ast.TypeExpr) == CHECKED_TYPES | set(unsupported.TYPES)
    assert not CHECKED_TYPES & set(unsupported.TYPES)


def constructs() -> list[unsupported.Construct]:
    return [value for value in vars(unsupported).values() if isinstance(value, unsupported.Construct)]


def test_each_construct_is_reported_by_one_named_diagnostic() -> None:
    reported: set[str] = set()
    for path in [SUBSET, *UI_FILES]:
        program, sink = check_text(path.read_text(encoding="utf-8"), path.name)
        assert program is None
        assert "ICE" not in [d.code for d in sink.diagnostics], sink.render()
        for d in sink.diagnostics:
            if d.code != "E0601" or not d.message.endswith(" are not supported yet"):
                continue
            reported.add(d.message.removesuffix(" are not supported yet"))
            (note,) = d.notes
            section = re.search(r"section (15\.\d+) \((.*)\)$", note)
            assert section is not None and unsupported.SECTIONS[section[1]] == section[2], note
    assert {c.what for c in constructs()} <= reported, {c.what for c in constructs()} - reported


def test_the_whole_subset_gets_only_not_supported_diagnostics() -> None:
    program, sink = check_text(SUBSET.read_text(encoding="utf-8"), SUBSET.name)
    # the file uses names it never declares (`opt`, `maybe`, ...): those are E0425; checked as text, its
    # `mod other;` has no directory to be found in (E0583)
    assert {d.code for d in sink.diagnostics} <= {"E0601", "E0425", "E0583"}, sink.render()
    unknown = sorted({re.search(r"`(.*)`", d.message)[1] for d in sink.diagnostics if d.code == "E0425"})  # type: ignore
    assert unknown == ["arr", "it", "make", "maybe", "o", "opt", "p", "pairs", "shape"]  # (`Some` is in the prelude)


def test_the_reference_has_a_section_for_each() -> None:
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for number, title in unsupported.SECTIONS.items():
        assert f"### {number} {title}\n" in reference, number
