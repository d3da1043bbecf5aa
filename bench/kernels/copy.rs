// Copy of n u32 values from memory S (at BASE) to memory T (at BASE + 4n):
// with `copy_nonoverlapping` (one `memory.copy T S`), and with a byte loop
// that adds a run-time value to each byte (so LLVM cannot turn it back into a
// `memory.copy`; it vectorizes to 16 bytes per iteration).
// Exports: init(n, seed); run(n) -> the last word copied;
// run_loop(n, k) -> the last byte written; check(n) -> a checksum of the copy.

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(S)] *mut u32;
    fill(p, n, seed, !0);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let src = BASE as #[mem_idx(S)] *const u32;
    let dst = (BASE + 4 * n) as #[mem_idx(T)] *mut u32;
    unsafe {
        copy_nonoverlapping(src, dst, n);
        *dst.add(n - 1)
    }
}

#[no_mangle]
pub extern "C" fn run_loop(n: usize, k: u8) -> u32 {
    let src = BASE as #[mem_idx(S)] *const u8;
    let dst = (BASE + 4 * n) as #[mem_idx(T)] *mut u8;
    let bytes = 4 * n;
    let mut i = 0usize;
    while i < bytes {
        unsafe { *dst.add(i) = (*src.add(i)).wrapping_add(k); }
        i += 1;
    }
    unsafe { *dst.add(bytes - 1) as u32 }
}

#[no_mangle]
pub extern "C" fn check(n: usize) -> u32 {
    let dst = (BASE + 4 * n) as #[mem_idx(T)] *const u32;
    let mut h = 0u32;
    let mut i = 0usize;
    while i < n {
        h = h.wrapping_mul(31).wrapping_add(unsafe { *dst.add(i) });
        i += 1;
    }
    h
}
