// Atomic histogram: one `atomic_xadd_seqcst` per element into one of 256 u32
// counters stored after the data, in the same memory (an atomic counter
// kernel: every update is a read-modify-write instruction on that memory).
// Exports: init(n, seed) fills data[0..n] with bytes 0..255 (as u32);
// run(w) clears the counters, counts data[0..w], and returns a checksum of them.

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut u32;
    fill(p, n, seed, 255);
    unsafe { COUNTERS = BASE + 4 * n; }
}

static mut COUNTERS: usize = 0;

#[no_mangle]
pub extern "C" fn run(w: usize) -> u32 {
    let data = BASE as #[mem_idx(D)] *const u32;
    unsafe {
        let counts = COUNTERS as #[mem_idx(D)] *mut u32;
        write_bytes(counts, 0, 256);
        let mut i = 0usize;
        while i < w {
            atomic_xadd_seqcst(counts.add(load32(data.add(i)) as usize), 1);
            i += 1;
        }
        let mut check = 0u32;
        let mut k = 0usize;
        while k < 256 {
            check = check.wrapping_mul(31).wrapping_add(atomic_load_seqcst(counts.add(k)));
            k += 1;
        }
        check
    }
}
