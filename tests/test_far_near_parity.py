"""Far code is near code plus a memory index: what LLVM's instruction
selection folds for memory 0, legalization folds for far memories too.

* memarg offsets: a constant `nuw` GEP in front of a far load or store is
  folded into the intrinsic (`.o8`) and then the instruction's offset;
* lane loads: a far load feeding one `insertelement` becomes
  `v128.load32_lane` / `v128.load32_zero` (vectorized gathers);
* narrow loads are zero-extending calls (no mask after `i32.load8_u`)."""
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


LANES = """target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20"
target triple = "wasm32-unknown-unknown"

define <4 x i32> @gather(ptr addrspace(1001) %a, ptr addrspace(1001) %b, ptr addrspace(1001) %c) {
start:
  %x = load i32, ptr addrspace(1001) %a, align 4
  %y = load i32, ptr addrspace(1001) %b, align 4
  %z = load i32, ptr addrspace(1001) %c, align 4
  %v0 = insertelement <4 x i32> poison, i32 %x, i64 0
  %v1 = insertelement <4 x i32> %v0, i32 %y, i64 1
  store i32 0, ptr addrspace(1001) %a, align 4
  %v2 = insertelement <4 x i32> %v1, i32 %z, i64 2
  %again = add i32 %y, 1
  ret <4 x i32> %v2
}
"""


def test_far_loads_into_vector_lanes_become_lane_loads():
    text = legalize_ir(LANES).text
    assert '%v0 = call <4 x i32> @"v128.load32_zero.m1.a4.v4i32"(i32' in text
    # %y has a second use: it stays a scalar load and the lane is inserted as before
    assert '%y = call i32 @"i32.load.m1.a4"' in text and "%v1 = insertelement <4 x i32> %v0, i32 %y, i64 1" in text
    # %z cannot move below the store to the same memory: not fused
    assert '%z = call i32 @"i32.load.m1.a4"' in text and "%v2 = insertelement <4 x i32> %v1, i32 %z, i64 2" in text


GATHER = """#![memory(1, min = 1)]
#[no_mangle]
pub extern "C" fn gather(n: usize) -> u32 {
    let data = 1024 as #[mem_idx(1)] *mut u32;
    let mut idx = [0u32; 64];
    let mut i = 0usize;
    while i < 64 {
        unsafe { *data.add(i) = (i * i) as u32; }
        idx[i] = ((i * 37) % 64) as u32;
        i += 1;
    }
    let mut total = 0u32;
    let mut k = 0usize;
    while k < n {
        total = total.wrapping_add(unsafe { *data.add(idx[k] as usize) });
        k += 1;
    }
    total
}
"""


def test_vectorized_far_gather_uses_lane_loads_and_computes_the_same():
    expected = sum(((k * 37) % 64) ** 2 for k in range(64))
    for opt in (0, 2):
        sink = DiagnosticSink()
        out = compile_source(SourceFile("gather.rs", GATHER), sink, opt)
        assert out.wasm is not None, sink.render()
        result = run_wasmtime(RunRequest(out.wasm, out.program.memories, [("gather", [64])]))
        assert result.values == [expected], result
        if opt == 2:
            wat = to_wat(out.wasm)
            assert "v128.load32_lane $m1 1" in wat and "v128.load32_zero $m1" in wat


SPLAT = """target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20"
target triple = "wasm32-unknown-unknown"

define <4 x i32> @broadcast(ptr addrspace(1001) %a, <4 x i32> %v) {
start:
  %x = load i32, ptr addrspace(1001) %a, align 4
  %ins = insertelement <4 x i32> poison, i32 %x, i64 0
  %splat = shufflevector <4 x i32> %ins, <4 x i32> poison, <4 x i32> zeroinitializer
  %r = mul <4 x i32> %splat, %v
  ret <4 x i32> %r
}
"""


def test_a_broadcast_far_load_becomes_a_splat_load():
    text = legalize_ir(SPLAT).text
    assert '%splat = call <4 x i32> @"v128.load32_splat.m1.a4.v4i32"(i32' in text
    assert "insertelement" not in text and "shufflevector" not in text
    assert "%r = mul <4 x i32> %splat, %v" in text


BROADCAST = """#![memory(1, min = 1)]
#[no_mangle]
pub extern "C" fn scale(n: usize) -> u32 {
    let k = 16 as #[mem_idx(1)] *mut u32;
    let data = 1024 as #[mem_idx(1)] *mut u32;
    unsafe {
        *k = 3;
        let mut i = 0usize;
        while i < n {
            *data.add(i) = i as u32;
            i += 1;
        }
        let mut j = 0usize;
        while j < n {
            *data.add(j) = *data.add(j) * *k;
            j += 1;
        }
        let mut total = 0u32;
        let mut t = 0usize;
        while t < n {
            total = total.wrapping_add(*data.add(t));
            t += 1;
        }
        total
    }
}
"""


def test_far_broadcast_program_computes_the_same_at_every_level():
    expected = 3 * sum(range(100))
    for opt in (0, 2):
        sink = DiagnosticSink()
        out = compile_source(SourceFile("scale.rs", BROADCAST), sink, opt)
        assert out.wasm is not None, sink.render()
        result = run_wasmtime(RunRequest(out.wasm, out.program.memories, [("scale", [100])]))
        assert result.values == [expected], result
        if opt == 2:  # the factor *k, loaded once and broadcast, is one splat load from memory 1
            assert "v128.load32_splat $m1" in to_wat(out.wasm)


SIGNED = """#![memory(1, min = 1)]
#[no_mangle]
pub extern "C" fn widen(at: usize) -> i32 {
    let p = at as #[mem_idx(1)] *mut i8;
    let q = (at + 2) as #[mem_idx(1)] *mut u8;
    unsafe {
        *p = -5;
        *q = 250;
        let signed = *(at as #[mem_idx(1)] *const i8) as i32;
        let unsigned = *((at + 2) as #[mem_idx(1)] *const u8) as i32;
        signed * 1000 + unsigned
    }
}

#[no_mangle]
pub extern "C" fn read_back(at: usize) -> i32 {
    unsafe { *(at as #[mem_idx(1)] *const i8) as i32 + *((at + 2) as #[mem_idx(1)] *const u8) as i32 }
}
"""


def test_sign_extended_far_byte_loads_use_load8_s():
    sink = DiagnosticSink()
    out = compile_source(SourceFile("widen.rs", SIGNED), sink, 2)
    assert out.wasm is not None, sink.render()
    result = run_wasmtime(RunRequest(out.wasm, out.program.memories, [("widen", [100]), ("read_back", [100])]))
    assert result.values == [-5 * 1000 + 250, -5 + 250], result
    wat = to_wat(out.wasm)
    assert "i32.load8_s $m1" in wat and "i32.load8_u $m1" in wat and "i32.extend8_s" not in wat
