"""stdlib/core itself: every body of core type-checks (a program checks only
the bodies of core it reaches, so a broken body elsewhere in core would go
unnoticed by the other tests), which bodies a program reaches, and that
num.rs is what its generator writes."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from compiler.check.checker import check
from compiler.diagnostics import DiagnosticSink
from compiler.source import SourceFile
from compiler.syntax.modules import load_crate
from compiler.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent

TRIVIAL = '#[no_mangle]\npub extern "C" fn f(x: u32) -> u32 { x }\n'


def checked(text: str, all_of_core: bool = False):
    sink = DiagnosticSink()
    source = SourceFile("t.rs", text)
    module = parse(source, sink)
    program = check(module, sink, "t", load_crate(module, source, sink), all_of_core=all_of_core)
    assert program is not None and not sink.has_errors, sink.render()
    return program


def bodies(program) -> set[str]:
    return {fn.name for fn in program.functions if fn.body is not None}


def test_every_body_of_core_checks():
    program = checked(TRIVIAL, all_of_core=True)
    names = bodies(program)
    # one of each file of core, and more bodies than a program that reaches none
    for name in ("core::far::copy", "core::far::Arena<M>::alloc_raw", "core::option::Option<T>::unwrap",
                 "core::result::Result<T, E>::is_ok", "i64::overflowing_mul", "u8::to_le_bytes"):
        assert name in names
    assert len(names) > len(bodies(checked(TRIVIAL))) + 500


def test_a_program_checks_only_the_inherent_methods_of_core_it_reaches():
    names = bodies(checked(TRIVIAL))
    assert not {n for n in names if n.startswith(("core::far::Arena", "core::option::Option<T>::", "u32::"))}
    assert "core::far::copy" in names  # (a free function: always checked)
    # checked_add reaches overflowing_add (its body calls it), not checked_mul
    names = bodies(checked('#[no_mangle]\npub extern "C" fn f(x: u32) -> bool { x.checked_add(1).is_some() }\n'))
    assert {"u32::checked_add", "u32::overflowing_add", "core::option::Option<T>::is_some"} <= names
    assert "u32::checked_mul" not in names and "u64::checked_add" not in names


def test_a_method_of_core_called_in_a_closure_or_a_trait_impl_is_reached():
    names = bodies(checked('struct S { v: u32 }\n'
                           'impl Clone for S { fn clone(&self) -> S { S { v: self.v.count_ones() } } }\n'
                           '#[no_mangle]\npub extern "C" fn f(x: u8) -> u32 { let g = |y: u8| y.leading_zeros(); g(x) }\n'))
    assert {"u32::count_ones", "u8::leading_zeros"} <= names


def test_num_rs_is_what_its_generator_writes():
    spec = importlib.util.spec_from_file_location("gen_core_num", ROOT / "scripts" / "gen_core_num.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert (ROOT / "stdlib" / "core" / "num.rs").read_text() == gen.render(), \
        "stdlib/core/num.rs is out of date: run python scripts/gen_core_num.py"
