// Strided gather: m loads at indices (i * stride) mod n (n a power of two,
// stride odd, so consecutive loads are `4 * stride` bytes apart and the
// addresses are computed, not streamed).
// Exports: init(n, seed); run(n, m, stride) -> the wrapping sum of the loads.

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut u32;
    fill(p, n, seed, !0);
}

#[no_mangle]
pub extern "C" fn run(n: usize, m: usize, stride: usize) -> u32 {
    let p = BASE as #[mem_idx(D)] *const u32;
    let mask = n - 1;
    let mut total = 0u32;
    let mut i = 0usize;
    while i < m {
        total = total.wrapping_add(unsafe { load32(p.add((i * stride) & mask)) });
        i += 1;
    }
    total
}
