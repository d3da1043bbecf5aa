"""Source lines carried through compilation (`debug_lines`, for the farc
explorer): the module is the same as without them, and every phase's output
knows its source lines - LLVM IR (`!dbg`), legalized IR (locations carried
over to the intrinsic calls), wasm (the linked module's DWARF line table,
followed through the rewrite)."""
from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.explorer.lines import ir_line_sources, without_debug_attachments
from compiler.explorer.report import Options, explore
from compiler.source import SourceFile
from compiler.wasm.binary import CustomSection, decode_bodies, encode_module, parse_module
from compiler.wasm.dwarf import line_table
from compiler.wasm.passes import debug_sections

ROOT = Path(__file__).resolve().parent.parent
FAR_SUM = ROOT / "examples" / "far_sum.rs"
#: programs with far loads and stores, memory.copy, a vectorized loop with a `switch`,
#: a 64-bit memory and an imported one
SAMPLES = ["examples/far_sum.rs", "tests/programs/memory_copy.rs", "tests/programs/far_widening.rs",
           "tests/programs/memory64.rs", "tests/programs/imported_memory.rs"]


def build(path: str, opt: int, legalize_first: bool = False, debug_lines: bool = False):
    sink = DiagnosticSink()
    out = compile_source(SourceFile.read(ROOT / path), sink, opt, legalize_first=legalize_first,
                         debug_lines=debug_lines)
    assert not sink.has_errors, sink.render()
    return out


@pytest.mark.parametrize("path", SAMPLES)
@pytest.mark.parametrize("opt, legalize_first", [(0, False), (2, False), (2, True)])
def test_debug_lines_do_not_change_the_module(path, opt, legalize_first):
    plain = build(path, opt, legalize_first)
    with_lines = build(path, opt, legalize_first, debug_lines=True)
    assert with_lines.wasm == plain.wasm
    assert plain.linked_with_debug is None and with_lines.linked_with_debug is not None
    assert "!dbg" in with_lines.llvm_ir and "!dbg" not in plain.llvm_ir
    # what the explorer shows is the same IR, but for metadata numbers
    shown = without_debug_attachments(with_lines.llvm_ir)
    assert [line.split(", !")[0] for line in shown.split("\n") if line.startswith("  ")] == \
        [line.split(", !")[0] for line in plain.llvm_ir.split("\n") if line.startswith("  ")]


def source_line(text: str) -> int:
    """The 1-based line of far_sum.rs that contains `text` (exactly one)."""
    lines = [n for n, line in enumerate(FAR_SUM.read_text().split("\n"), start=1) if text in line]
    assert len(lines) == 1, text
    return lines[0]


def test_ir_lines_know_their_source_line_and_where_it_was_inlined():
    out = build("examples/far_sum.rs", 2, debug_lines=True)
    deref, call = source_line("*p.add(i)"), source_line("sum(far, 8)")
    for text in (out.llvm_ir, out.llvm_ir_legalized):
        lines, sources = text.split("\n"), ir_line_sources(text)
        start = next(n for n, line in enumerate(lines) if line.startswith("define i32 @sum_far("))
        body = lines[start + 1:lines.index("}", start)]
        far = [sources[start + 1 + k] for k, line in enumerate(body)
               if "load i32, ptr addrspace(1001)" in line or "call i32 @i32.load.m1" in line]
        assert len(far) == 8 and all(s == [deref, call] for s in far), far
    # every intrinsic call of the legalized IR kept the location of the access it replaces
    legal_lines = out.llvm_ir_legalized.split("\n")
    calls = [s for line, s in zip(legal_lines, ir_line_sources(out.llvm_ir_legalized)) if "call i32 @i32.load.m1" in line]
    assert len(calls) == out.llvm_ir.count("= load i32, ptr addrspace(1001)") and all(calls)


def test_wasm_instructions_know_their_source_line():
    r = explore(FAR_SUM.read_text(), Options())
    wat = r["outputs"]["wat"].split("\n")
    by_line = list(zip(wat, r["lines"]["wat"]))
    stores = [s for line, s in by_line if line.strip() == "i32.store $m1"]
    assert stores == [[source_line("*far.add(4) = 6;")], [source_line("*far.add(5) = 350;")]]
    sum_near = next(n for n, (line, _) in enumerate(by_line) if line.strip().startswith("(func $sum_near "))
    loads = [s for line, s in by_line[:sum_near] if line.strip().startswith("i32.load $m1")]
    assert len(loads) == 8 and all(s == [source_line("*p.add(i)")] for s in loads)
    assert sum(1 for _, s in by_line if s) > len(wat) // 3  # most instruction lines are mapped


def test_the_line_table_is_read_from_the_linked_module():
    out = build("examples/far_sum.rs", 0, debug_lines=True)
    table = line_table(out.linked_with_debug)
    module = decode_bodies(parse_module(out.linked_with_debug))
    text = FAR_SUM.read_text().split("\n")
    mapped = [(ins, table.line_at(ins.offset)) for body in module.code for ins in body.instrs]
    far_calls = [line for ins, line in mapped if ins.name == "call" and line
                 and "add(" in text[line - 1] and "*" in text[line - 1]]
    assert far_calls, "the calls of far-access intrinsics map to the lines that dereference far pointers"
    assert all(0 < line <= len(text) for _, line in mapped if line)
    assert line_table(build("examples/far_sum.rs", 0).wasm) is None


def test_the_finished_module_has_no_stale_debug_sections():
    module = parse_module(build("examples/far_sum.rs", 2).wasm)
    module.customs += [CustomSection(".debug_line", b"\x00", 11), CustomSection("producers", b"\x00", 11)]
    cleaned = debug_sections.run(parse_module(encode_module(module)))
    assert not [c.name for c in cleaned.customs if c.name.startswith(".debug") or c.name == "producers"]
    module = parse_module(build("examples/far_sum.rs", 2).wasm)
    module.customs.append(CustomSection("producers", b"\x00", 11))  # without DWARF: not ours to drop
    assert "producers" in [c.name for c in debug_sections.run(module).customs]
