"""Far accesses get memarg offsets like near ones: a constant `nuw` GEP in
front of a far load or store is folded into the intrinsic (`.o8`) and then
into the instruction's offset immediate."""
from __future__ import annotations

from compiler.codegen.legalize import legalize_ir
from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, run_wasmtime
from compiler.source import SourceFile
from compiler.wasm.wat import to_wat

IR = """target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20"
target triple = "wasm32-unknown-unknown"

define i32 @f(ptr addrspace(1001) %p) {
start:
  %a = getelementptr inbounds nuw i8, ptr addrspace(1001) %p, i32 8
  %b = getelementptr inbounds nuw i8, ptr addrspace(1001) %a, i32 4
  %c = getelementptr inbounds i8, ptr addrspace(1001) %p, i32 16
  %x = load i32, ptr addrspace(1001) %b, align 4
  %y = load i32, ptr addrspace(1001) %c, align 4
  store i32 %x, ptr addrspace(1001) %a, align 4
  %s = add i32 %x, %y
  ret i32 %s
}
"""


def test_nuw_geps_fold_into_offsets_and_others_do_not():
    text = legalize_ir(IR).text
    # %b = %p + 8 + 4: the chain folds to base %p, offset 12
    assert 'call i32 @"i32.load.m1.a4.o12"(i32 %far$1)' in text
    assert "%far$1 = ptrtoint ptr addrspace(1001) %p to i32" in text
    # %c is only inbounds (no nuw): the address keeps its GEP, no offset
    assert '@"i32.load.m1.a4"(i32 %far$2)' in text
    assert "%far$2 = ptrtoint ptr addrspace(1001) %c to i32" in text
    assert 'call void @"i32.store.m1.a4.o8"(i32 %far$3, i32 %x)' in text


SOURCE = """#![memory(1, min = 1, max = 1)]
#[repr(C)]
struct S { a: u32, b: u32, c: u64 }

#[no_mangle]
pub extern "C" fn fields(at: usize) -> u64 {
    let p = at as #[mem_idx(1)] *mut S;
    unsafe {
        (*p).b = 40;
        (*p).c = 2;
        (*p).b as u64 + (*p).c
    }
}
"""


def test_folded_offsets_in_the_module_and_at_run_time():
    sink = DiagnosticSink()
    out = compile_source(SourceFile("fields.rs", SOURCE), sink, 2)
    assert out.wasm is not None, sink.render()
    wat = to_wat(out.wasm)
    assert "i32.store $m1 offset=4" in wat and "i64.store $m1 offset=8" in wat
    ok = run_wasmtime(RunRequest(out.wasm, out.program.memories, [("fields", [64])]))
    assert ok.values == [42] and ok.trap is None
    # the struct's last field would end past the single page: the offset is
    # added without wrapping and the access traps, as the GEP's bounds require
    past = run_wasmtime(RunRequest(out.wasm, out.program.memories, [("fields", [65528])]))
    assert past.trap is not None and past.trap.kind == "out_of_bounds"
