"""Memory-0 GEPs whose constant LLVM's wasm back end could fold across a
negative index (compiler/codegen/memarg_offsets.py): which GEPs lose
`inbounds`, that nothing else changes, and that the IR shape the
differential campaign found (seed 10018289) runs in bounds at every level.
The whole-program regression is tests/programs/sunk_offsets_do_not_wrap.rs."""
from __future__ import annotations

from pathlib import Path

import pytest

from codegen_builders import memories, run_ir
from compiler.codegen.ir_model import Gep, instruction
from compiler.codegen.legalize import legalize_ir
from compiler.codegen.memarg_offsets import guard_memarg_offsets, may_fold_across_negative
from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.memory import MemoryDecl
from compiler.runtime import RunRequest, run_wasmtime
from compiler.source import SourceFile

HEADER = '''target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20"
target triple = "wasm32-unknown-unknown"
'''


def gep(text: str) -> Gep:
    form = instruction(f"  %p = {text}").form
    assert isinstance(form, Gep)
    return form


@pytest.mark.parametrize("text, guarded", [
    # the campaign's shape: a constant base and an index that may be negative
    ("getelementptr inbounds i8, ptr inttoptr (i32 196660 to ptr), i32 %n", True),
    ("getelementptr nusw i8, ptr @G, i32 %n", True),
    ("getelementptr inbounds { i32, i32 }, ptr %q, i32 %i, i32 1", True),
    ("getelementptr inbounds i16, ptr %q, i64 %i, !dbg !7", True),
    # `nuw`: an unsigned count (`p.add(i)`), every partial sum is at most the address
    ("getelementptr inbounds nuw i8, ptr inttoptr (i32 196608 to ptr), i32 %i", False),
    ("getelementptr nuw i8, ptr %q, i32 %i", False),
    # only literals: they all land in the one constant
    ("getelementptr inbounds { i32, i32 }, ptr %q, i32 0, i32 1", False),
    ("getelementptr inbounds i8, ptr %q, i32 -4", False),
    # no wrap flag to take away
    ("getelementptr i8, ptr inttoptr (i32 196660 to ptr), i32 %n", False),
    # far pointers are legalized into calls; vectors of pointers have no memarg
    ("getelementptr inbounds i8, ptr addrspace(1001) %f, i32 %n", False),
    ("getelementptr inbounds i8, <4 x ptr> %v, <4 x i32> %n", False),
])
def test_which_geps_lose_their_wrap_flags(text, guarded):
    assert may_fold_across_negative(gep(text)) is guarded


def test_the_rewrite_drops_only_the_wrap_flags():
    lines = [
        "  %a = getelementptr inbounds i8, ptr inttoptr (i32 196660 to ptr), i32 %n, !dbg !7",
        "  %b = getelementptr inbounds nuw i8, ptr %a, i32 4",
        '  %"c d" = getelementptr nusw [4 x i16], ptr @G, i32 0, i32 %n',
        "  store i8 1, ptr getelementptr inbounds (i8, ptr @G, i32 2), align 1",
    ]
    kept = list(lines)
    assert guard_memarg_offsets(lines) == 2
    assert lines == [
        "  %a = getelementptr i8, ptr inttoptr (i32 196660 to ptr), i32 %n, !dbg !7",
        kept[1],
        '  %"c d" = getelementptr [4 x i16], ptr @G, i32 0, i32 %n',
        kept[3],
    ]


#: the shape of the campaign's program: the address is formed in the entry
#: block (a load uses it there), and CodeGenPrepare sinks a copy of it into
#: the block of the store, past a call
SUNK_IR = HEADER + '''
@COUNT = global i32 0, align 4
@G = global [120000 x i8] zeroinitializer, align 1

define i32 @const_back(i32 %k, i32 %c) "wasm-export-name"="const_back" {
start:
  %u = urem i32 %k, 53
  %n = sub nsw i32 0, %u
  %p = getelementptr inbounds i8, ptr inttoptr (i32 196660 to ptr), i32 %n
  %old = load i8, ptr %p, align 1
  %t = icmp ugt i32 %c, 3
  br i1 %t, label %then, label %end
then:
  call void @churn(i32 %c)
  br label %end
end:
  store i8 42, ptr %p, align 1
  %addr = sub i32 196660, %u
  %q = inttoptr i32 %addr to ptr
  %v = load i8, ptr %q, align 1
  %w = zext i8 %v to i32
  %o = zext i8 %old to i32
  %r = add i32 %w, %o
  ret i32 %r
}

define i32 @static_back(i32 %k, i32 %c) "wasm-export-name"="static_back" {
start:
  %n = sub nsw i32 0, %k
  %top = getelementptr inbounds nuw i8, ptr @G, i32 100000
  %p = getelementptr inbounds i8, ptr %top, i32 %n
  %old = load i8, ptr %p, align 1
  %t = icmp ugt i32 %c, 3
  br i1 %t, label %then, label %end
then:
  call void @churn(i32 %c)
  br label %end
end:
  store i8 43, ptr %p, align 1
  %i = sub i32 100000, %k
  %q = getelementptr inbounds nuw i8, ptr @G, i32 %i
  %v = load i8, ptr %q, align 1
  %w = zext i8 %v to i32
  %o = zext i8 %old to i32
  %r = add i32 %w, %o
  ret i32 %r
}

define void @churn(i32 %c) noinline {
  store i32 %c, ptr @COUNT, align 4
  ret void
}
'''


def test_legalization_guards_the_campaign_shape():
    text = legalize_ir(SUNK_IR).text
    assert "%p = getelementptr i8, ptr inttoptr (i32 196660 to ptr), i32 %n" in text
    assert "%p = getelementptr i8, ptr %top, i32 %n" in text
    assert "%top = getelementptr inbounds nuw i8, ptr @G, i32 100000" in text


def test_only_ir_bound_for_instruction_selection_is_guarded():
    """In the legalize-first order the unoptimized IR is legalized too; the
    optimizer still needs the flags then, and the last legalization guards."""
    text = legalize_ir(SUNK_IR, for_isel=False).text
    assert "%p = getelementptr inbounds i8, ptr inttoptr (i32 196660 to ptr), i32 %n" in text


def test_the_legalize_first_order_stays_in_bounds():
    source = (Path(__file__).parent / "programs" / "sunk_offsets_do_not_wrap.rs").read_text(encoding="utf-8")
    sink = DiagnosticSink()
    out = compile_source(SourceFile("sunk_offsets_do_not_wrap.rs", source), sink, 2, legalize_first=True)
    assert out.wasm is not None, sink.render()
    calls = [("const_base_back", [17, 5]), ("big_static_back", [90000, 5])]
    result = run_wasmtime(RunRequest(out.wasm, out.program.memories, calls))
    assert result.error is None and result.trap is None and result.values == [34, 32], result


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_a_sunk_address_with_a_negative_index_stays_in_bounds(level):
    """Without the guard, -O1..-O3 stored with `offset=196660` on the address
    `-17` (and `offset=100000` on `G - 90000`): an out-of-bounds trap."""
    mems = memories(MemoryDecl(0, min_pages=4))
    outcomes = run_ir(SUNK_IR, level, mems, [("const_back", [17, 5]), ("static_back", [90000, 5])])
    for outcome in outcomes.values():
        assert outcome.trap is None and outcome.values == [42, 43], outcome
