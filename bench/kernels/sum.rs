// Sequential sum of n u32 values (streaming, vectorizable).
// Exports: init(n, seed) fills data[0..n] with a xorshift sequence;
// run(n) -> the wrapping sum of data[0..n].

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut u32;
    fill(p, n, seed, !0);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as #[mem_idx(D)] *const u32;
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { load32(p.add(i)) });
        i += 1;
    }
    total
}
