// FNV-1a (32-bit) hash of n bytes: a realistic serial kernel (one byte load,
// xor and multiply per byte, a loop-carried dependency, not vectorizable).
// Exports: init(n, seed) fills n bytes; run(n) -> the hash.

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut u32;
    fill(p, n / 4, seed, !0);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as #[mem_idx(D)] *const u8;
    let mut h = 2166136261u32;
    let mut i = 0usize;
    while i < n {
        h = (h ^ unsafe { load8(p.add(i)) } as u32).wrapping_mul(16777619);
        i += 1;
    }
    h
}
