// Random gather: data[0..n] followed by an index array idx[0..m] of random
// indices below n (n a power of two), both in the data memory; run sums
// data[idx[j] & mask]. The index loads stream, the data loads do not. With
// mask = n - 1 the gathers roam all the data; a smaller mask keeps them in
// its first mask + 1 elements (the cache-resident measurement).
// Exports: init(n, m, seed); run(n, m, mask) -> the wrapping sum of the gathered values.

#[no_mangle]
pub extern "C" fn init(n: usize, m: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut u32;
    let idx = unsafe { p.add(n) };
    let mut x = fill(p, n, seed, !0);
    let mut j = 0usize;
    while j < m {
        x = xorshift(x);
        unsafe { *idx.add(j) = x & (n as u32 - 1); }
        j += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize, m: usize, mask: u32) -> u32 {
    let p = BASE as #[mem_idx(D)] *const u32;
    let idx = unsafe { p.add(n) };
    let mut total = 0u32;
    let mut j = 0usize;
    while j < m {
        unsafe {
            let k = (load32(idx.add(j)) & mask) as usize;
            total = total.wrapping_add(load32(p.add(k)));
        }
        j += 1;
    }
    total
}
