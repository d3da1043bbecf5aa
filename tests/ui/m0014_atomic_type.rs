#![memory(1, min = 1)]

struct Pair { a: u32, b: u32 }

// WebAssembly has atomic instructions for integers of 1, 2, 4 and 8 bytes only.
fn atomics(f: #[mem_idx(1)] *mut f32, s: *mut Pair, w: #[mem_idx(1)] *mut [u8; 4], b: *mut bool) {
    unsafe {
        atomic_store_seqcst(f, 1.0); //~ ERROR M0014 `atomic_store_seqcst` on `f32`
        //~| LABEL points to `f32`
        //~| NOTE naturally aligned
        let p = atomic_load_seqcst(s); //~ ERROR M0014 on `Pair`
        let old = atomic_xadd_seqcst(w, 1); //~ ERROR M0014 on `[u8; 4]`
        let (x, ok) = atomic_cxchg_seqcst_seqcst(b, false, true); //~ ERROR M0014 on `bool`
    }
}

// the memory of an atomic access must be declared, as for any access
fn undeclared(p: #[mem_idx(6)] *mut u32) -> u32 {
    unsafe { atomic_xadd_seqcst(p, 1) } //~ ERROR M0009 accesses memory 6
}

fn volatile_undeclared(p: #[mem_idx(7)] *mut u32) -> u32 {
    unsafe { p.write_volatile(1); core::ptr::read_volatile(p) } //~ ERROR M0009 accesses memory 7
    //~^ ERROR M0009 accesses memory 7
}

fn needs_unsafe(p: *mut u32) -> u32 {
    atomic_load_seqcst(p) //~ ERROR E0133
}
