"""The enums a module's interface describes (`farc.interface`, checked by the
modules linked against it) are every enum its exported signatures and its
structs reach, wherever they sit in a type: behind a slice too (an enum seen
only through `&[E]` was missing, so a caller's `E` was not compared)."""
from __future__ import annotations

from compiler.diagnostics import DiagnosticSink
from compiler.driver import check_source
from compiler.interface import enum_shapes
from compiler.source import SourceFile

SOURCE = """
pub enum E { A(u32), B }
pub enum Inner { X, Y(u8) }
pub enum Payload { P(Inner) }
pub struct S { v: [Payload; 2] }
pub struct Wrap<T> { t: T }
#[no_mangle]
pub extern "C" fn by_slice(s: &[E]) -> u32 { s.len() as u32 }
#[no_mangle]
pub extern "C" fn by_generic(w: *const Wrap<(u8, Inner)>) -> u32 { 0 }
"""


def test_every_reachable_enum_has_a_shape():
    sink = DiagnosticSink()
    program = check_source(SourceFile("shapes.rs", SOURCE), sink)
    assert program is not None, [d.message for d in sink.diagnostics]
    shapes = enum_shapes(program)
    assert sorted(shapes) == ["E", "Inner", "Payload"]
    assert [name for name, _, _ in shapes["E"].variants] == ["A", "B"]
